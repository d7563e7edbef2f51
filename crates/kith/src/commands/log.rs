//! `kith log HANDLE... --kind KIND`: record an interaction.

use jiff::SignedDuration;
use kith_core::when::parse_when;
use kith_core::{Channel, Direction, InteractionKind};
use kith_store::{FollowUpFilter, NewFollowUp, NewInteraction};

use kith_core::outreach::lint;

use super::{Ctx, handle, person, read_text, say};
use crate::cli::LogArgs;
use crate::failure::Failure;
use crate::output;

/// Clock skew tolerated before a `--when` counts as the future.
const FUTURE_SLACK: SignedDuration = SignedDuration::from_mins(10);

pub(crate) async fn run(ctx: &Ctx<'_>, args: LogArgs) -> Result<(), Failure> {
    let kind: InteractionKind = args.kind.parse().map_err(|e| Failure::flag("--kind", e))?;
    let channel: Option<Channel> = args
        .channel
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| Failure::flag("--channel", e))?;
    let now = &ctx.settings.now;
    let occurred_at = match &args.when {
        Some(text) => parse_when(text, now).map_err(|e| Failure::flag("--when", e))?,
        None => now.timestamp(),
    };
    if occurred_at > now.timestamp() + FUTURE_SLACK {
        return Err(Failure::usage(anyhow::anyhow!(
            "--when: {} is in the future; log interactions once they happened (a plan is a follow-up)",
            output::when(occurred_at, now.time_zone())
        )));
    }
    // Every handle is checked for form before any is looked up.
    for h in &args.handles {
        handle(h)?;
    }
    let mut people = Vec::with_capacity(args.handles.len());
    let mut first = None;
    for h in &args.handles {
        let p = person(ctx, h).await?;
        people.push(p.id);
        first.get_or_insert(p);
    }
    let pitch = match args.pitch.as_deref() {
        None => None,
        Some("current") => Some(super::pitch::find(ctx, None).await?),
        Some(v) => {
            let version = v.trim().trim_start_matches('v').parse::<i64>().map_err(|_| {
                Failure::usage(anyhow::anyhow!(
                    "--pitch: {v:?} is not a pitch version (a number such as 2, or nothing for the one in use)"
                ))
            })?;
            Some(super::pitch::find(ctx, Some(version)).await?)
        }
    };
    // The message as sent, linted for the (first) person it went to, as `kith lint --to`.
    let mut sent = None;
    if let Some(path) = &args.text_file {
        let text = read_text(path, "the message")?;
        if text.trim().is_empty() {
            return Err(Failure::usage(anyhow::anyhow!(
                "--text-file: {} holds no text",
                path.display()
            )));
        }
        let who = first.as_ref().expect("at least one handle");
        let mut context = super::lint::context_for(ctx, who).await?;
        context.channel = channel;
        let findings = lint(&text, &context);
        sent = Some((text, findings));
    }
    let new = NewInteraction {
        kind,
        occurred_at,
        channel,
        direction: if args.inbound {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        note: args.note,
        people,
    };
    let (interaction, extras) = if pitch.is_some() || sent.is_some() {
        let (message, findings) = sent.map_or((None, Vec::new()), |(m, f)| (Some(m), f));
        let (i, x) = ctx
            .store
            .log_with_extras(new, pitch.as_ref().map(|p| p.id), message, findings)
            .await?;
        (i, Some(x))
    } else {
        (ctx.store.log_interaction(new).await?, None)
    };
    let thanks = thank_after_meeting(ctx, &interaction).await?;
    if ctx.settings.json {
        let mut value = serde_json::to_value(&interaction).map_err(anyhow::Error::new)?;
        if let Some(x) = &extras {
            value["pitch_version"] = serde_json::json!(pitch.as_ref().map(|p| p.version));
            value["message"] = serde_json::json!(x.message);
            value["findings"] = serde_json::json!(x.findings);
        }
        if !thanks.is_empty() {
            value["follow_ups"] = serde_json::json!(thanks);
        }
        output::json(&value)?;
    } else {
        let names: Vec<&str> = interaction.people.iter().map(|p| p.name.as_str()).collect();
        let mut text = format!(
            "Logged {} with {} at {}",
            interaction.kind,
            names.join(", "),
            output::when(interaction.occurred_at, now.time_zone())
        );
        if let Some(p) = &pitch {
            text.push_str(&format!("\nPitch v{} recorded with it.", p.version));
        }
        if let Some(x) = extras.as_ref().filter(|x| x.message.is_some()) {
            if x.findings.is_empty() {
                text.push_str("\nThe message is kept with it; the linter found nothing to flag.");
            } else {
                text.push_str(&format!(
                    "\nThe message is kept with it, with {} lint finding{} (next time, before sending: kith lint):",
                    x.findings.len(),
                    if x.findings.len() == 1 { "" } else { "s" }
                ));
                for f in &x.findings {
                    text.push_str(&format!(
                        "\n  {} {} “{}”",
                        f.severity,
                        f.rule,
                        f.excerpt.trim()
                    ));
                }
            }
        }
        for f in &thanks {
            text.push_str(&format!(
                "\nFollow-up #{}: {} (by {})",
                f.number, f.action, f.due
            ));
        }
        say(&text)?;
    }
    Ok(())
}

/// After a coffee chat or an informational interview, a thank-you is due within a day:
/// a follow-up for each person in it, unless an open one to thank them exists already. A
/// meeting logged after that day has passed (history being caught up on) gets none.
async fn thank_after_meeting(
    ctx: &Ctx<'_>,
    interaction: &kith_core::Interaction,
) -> Result<Vec<kith_core::FollowUp>, Failure> {
    use jiff::ToSpan;
    if !matches!(
        interaction.kind,
        InteractionKind::CoffeeChat | InteractionKind::InformationalInterview
    ) {
        return Ok(Vec::new());
    }
    let tz = ctx.settings.now.time_zone();
    let day = interaction.occurred_at.to_zoned_datetime(tz.clone()).date();
    let due = day.checked_add(1.day()).unwrap_or(day);
    if due < ctx.settings.today() {
        return Ok(Vec::new());
    }
    let what = match interaction.kind {
        InteractionKind::CoffeeChat => "the coffee chat",
        _ => "the informational interview",
    };
    let mut made = Vec::new();
    for p in &interaction.people {
        let open = ctx
            .store
            .follow_ups(&FollowUpFilter {
                person: Some(p.id),
                ..FollowUpFilter::default()
            })
            .await?;
        if open.iter().any(|f| f.is_thank_you()) {
            continue;
        }
        made.push(
            ctx.store
                .add_follow_up(NewFollowUp {
                    person: Some(p.id),
                    action: format!(
                        "Thank {} for {what}: one thing you took from it, and any promise you made",
                        p.name
                    ),
                    due,
                    owed_by: kith_core::follow_up::Owed::Me,
                })
                .await?,
        );
    }
    Ok(made)
}
