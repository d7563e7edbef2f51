//! `kith apply` and `kith application list|show|move`. Before an application is recorded
//! the cold-apply guard (`kith_core::opportunity::guard`) looks at the company: a cold
//! application where the seeker is networking stops with whom to ask instead, unless
//! `--anyway`, which is recorded with the application. The weekly cap is checked too.

use std::fmt::Write as _;

use kith_core::ParseError;
use kith_core::opportunity::guard::check;
use kith_core::opportunity::week::over_cap;
use kith_core::opportunity::{ApplicationChannel, ApplicationStatus, TargetStatus};
use kith_core::when::parse_when;
use kith_store::NewApplication;
use serde_json::json;

use super::opportunity::{GuardInput, company, company_names, guard_input};
use super::{Ctx, say};
use crate::cli::{ApplicationCommand, ApplicationMoveArgs, ApplyArgs, NumberArg};
use crate::failure::Failure;
use crate::output::{self, opt};

fn local_date(ctx: &Ctx<'_>, at: jiff::Timestamp) -> jiff::civil::Date {
    at.to_zoned_datetime(ctx.settings.now.time_zone().clone())
        .date()
}

pub(crate) async fn apply(ctx: &Ctx<'_>, args: ApplyArgs) -> Result<(), Failure> {
    let channel: ApplicationChannel = args
        .channel
        .parse()
        .map_err(|e| Failure::flag("--channel", e))?;
    let tailored = match args.tailored.as_deref().map(str::trim) {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(other) => {
            return Err(Failure::flag(
                "--tailored",
                ParseError::new("tailored", other, "yes or no"),
            ));
        }
    };
    let applied_at = match &args.when {
        Some(text) => {
            parse_when(text, &ctx.settings.now).map_err(|e| Failure::flag("--when", e))?
        }
        None => ctx.settings.now.timestamp(),
    };
    if args.role.trim().is_empty() {
        return Err(Failure::flag(
            "--role",
            ParseError::new("role", &args.role, "the role's title"),
        ));
    }
    let lead = match args.lead {
        Some(n) => Some(ctx.store.lead(n).await?),
        None => None,
    };
    // The company is created (when new) only once everything else has been checked, so a
    // refused application leaves nothing behind.
    let existing = match ctx.store.company(&args.company).await {
        Ok(c) => Some(c),
        Err(kith_store::StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    if let Some(l) = &lead
        && existing.as_ref().is_none_or(|c| c.id != l.company)
    {
        return Err(Failure::flag(
            "--lead",
            ParseError::new(
                "lead",
                &l.number.to_string(),
                "a lead at the company applied to",
            ),
        ));
    }
    let (leads, referrals, applications, goals) = tokio::join!(
        ctx.store.leads(),
        ctx.store.referrals(),
        ctx.store.applications(),
        ctx.store.goals(),
    );
    let (leads, referrals, applications, goals) = (leads?, referrals?, applications?, goals?);
    let input = match &existing {
        Some(c) => guard_input(ctx, c, &leads, &referrals, &applications).await?,
        None => GuardInput::default(),
    };
    let verdict = check(&input.facts(channel, applied_at));
    let name = existing
        .as_ref()
        .map_or(args.company.trim(), |c| c.name.as_str());
    if verdict.stops() && !args.anyway {
        return Err(Failure::from(anyhow::anyhow!(
            "not applying cold to {name}: {}. Instead, {}. To apply cold all the same, add \
             --anyway (the override is recorded with the application)",
            verdict.summary(),
            verdict
                .alternative
                .as_deref()
                .unwrap_or("talk to them first")
        )));
    }
    let company = match existing {
        Some(c) => c,
        None => company(ctx, &args.company, true).await?,
    };
    let dates: Vec<_> = applications
        .iter()
        .map(|a| local_date(ctx, a.applied_at))
        .collect();
    let over = over_cap(&goals, &dates, local_date(ctx, applied_at));
    let application = ctx
        .store
        .add_application(NewApplication {
            company: company.id,
            role: args.role,
            channel,
            lead: lead.map(|l| l.id),
            tailored,
            applied_at,
            guard_override: verdict.stops().then(|| verdict.summary()),
            note: args.note,
        })
        .await?;
    follow_target(ctx, company.id, TargetStatus::Applied).await?;
    let cap_line = over.map(|(count, cap)| {
        format!(
            "this is application {count} this week, over your cap of {cap}: fewer, tailored \
             applications and more conversations work better (kith goals)"
        )
    });
    if ctx.settings.json {
        return output::json(&json!({
            "application": application,
            "guard": verdict,
            "overridden": verdict.stops(),
            "cap_exceeded": over.map(|(count, cap)| json!({"this_week": count, "cap": cap})),
        }))
        .map_err(Into::into);
    }
    let mut text = format!(
        "Application #{}: {} at {} ({})",
        application.number, application.role, company.name, application.channel
    );
    if verdict.stops() {
        let _ = write!(
            text,
            "\nwarning: applied cold anyway; recorded: {}",
            verdict.summary()
        );
    }
    for w in &verdict.warnings {
        let _ = write!(text, "\nwarning: {w}");
    }
    if let Some(line) = cap_line {
        let _ = write!(text, "\nwarning: {line}");
    }
    if tailored == Some(false) {
        let _ = write!(
            text,
            "\nnote: not tailored — a tailored CV and letter are what get read"
        );
    }
    say(&text)
}

/// A target company's status moves up (never down) with its applications: applied,
/// interviewing, offer. Companies that are not targets are left alone.
async fn follow_target(
    ctx: &Ctx<'_>,
    company: kith_core::CompanyId,
    status: TargetStatus,
) -> Result<(), Failure> {
    let current = ctx
        .store
        .targets()
        .await?
        .into_iter()
        .find(|t| t.company == company);
    if let Some(t) = current.filter(|t| t.status < status && t.status != TargetStatus::Closed) {
        ctx.store.set_target(t.company, None, Some(status)).await?;
    }
    Ok(())
}

pub(crate) async fn run(ctx: &Ctx<'_>, command: ApplicationCommand) -> Result<(), Failure> {
    match command {
        ApplicationCommand::List => list(ctx).await,
        ApplicationCommand::Show(args) => show(ctx, args).await,
        ApplicationCommand::Move(args) => move_to(ctx, args).await,
    }
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let mut applications = ctx.store.applications().await?;
    applications.sort_by(|a, b| {
        b.applied_at
            .cmp(&a.applied_at)
            .then(b.number.cmp(&a.number))
    });
    let names = company_names(ctx).await?;
    if ctx.settings.json {
        return output::json(&applications).map_err(Into::into);
    }
    if applications.is_empty() {
        return say(
            "No applications yet. Talk to people first; then: kith apply COMPANY --role R --channel C",
        );
    }
    let tz = ctx.settings.now.time_zone();
    let mut table = output::table(
        ctx.settings,
        &[
            "#", "company", "role", "channel", "applied", "status", "since", "override",
        ],
    );
    for a in &applications {
        let since = a.history.last().map_or(a.applied_at, |m| m.at);
        table.add_row(vec![
            a.number.to_string(),
            names
                .get(&a.company)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            a.role.clone(),
            a.channel.to_string(),
            output::when(a.applied_at, tz)[..10].to_owned(),
            a.status.to_string(),
            output::when(since, tz)[..10].to_owned(),
            if a.guard_override.is_some() {
                "yes".into()
            } else {
                String::new()
            },
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

async fn show(ctx: &Ctx<'_>, args: NumberArg) -> Result<(), Failure> {
    let a = ctx.store.application(args.number).await?;
    let names = company_names(ctx).await?;
    let company = names.get(&a.company);
    let lead = match a.lead {
        Some(id) => ctx.store.leads().await?.into_iter().find(|l| l.id == id),
        None => None,
    };
    if ctx.settings.json {
        return output::json(&json!({
            "application": a,
            "company": company.map(|c| json!({"handle": c.handle, "name": c.name})),
            "lead": lead,
        }))
        .map_err(Into::into);
    }
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} — application #{}",
        output::strong(
            &format!("{} at {}", a.role, company.map_or("?", |c| c.name.as_str())),
            ctx.settings
        ),
        a.number
    );
    let _ = writeln!(text, "  channel   {}", a.channel);
    let _ = writeln!(text, "  status    {}", a.status);
    if let Some(l) = &lead {
        let _ = writeln!(text, "  lead      #{} ({})", l.number, l.role);
    }
    if let Some(t) = a.tailored {
        let _ = writeln!(text, "  tailored  {}", if t { "yes" } else { "no" });
    }
    if let Some(o) = &a.guard_override {
        let _ = writeln!(text, "  override  applied cold anyway: {o}");
    }
    if a.note.is_some() {
        let _ = writeln!(text, "  note      {}", opt(&a.note));
    }
    let _ = writeln!(text, "\nHistory:");
    for m in &a.history {
        let note = m
            .note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        let _ = writeln!(text, "  {}  {}{note}", output::when(m.at, tz), m.to);
    }
    say(text.trim_end())
}

async fn move_to(ctx: &Ctx<'_>, args: ApplicationMoveArgs) -> Result<(), Failure> {
    let status: ApplicationStatus = args
        .status
        .parse()
        .map_err(|e| Failure::flag("status", e))?;
    let at = match &args.when {
        Some(text) => {
            parse_when(text, &ctx.settings.now).map_err(|e| Failure::flag("--when", e))?
        }
        None => ctx.settings.now.timestamp(),
    };
    let a = ctx
        .store
        .move_application(args.number, status, at, args.note)
        .await?;
    match status {
        ApplicationStatus::Interviewing => {
            follow_target(ctx, a.company, TargetStatus::Interviewing).await?;
        }
        ApplicationStatus::Offer => follow_target(ctx, a.company, TargetStatus::Offer).await?,
        _ => {}
    }
    if ctx.settings.json {
        return output::json(&a).map_err(Into::into);
    }
    say(&format!("Application #{} is now {}", a.number, a.status))
}
