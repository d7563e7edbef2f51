//! `kith stats`, `kith goals` and `kith week`: the numbers of the search. Each is one
//! computation in `kith_core::opportunity` (`funnel::stats`, `week::report`) printed two
//! ways, so the table and `--json` always agree; the web interface will call the same.

use std::collections::HashMap;
use std::fmt::Write as _;

use kith_core::interaction::{Direction, InteractionKind};
use kith_core::opportunity::funnel::{PersonFacts, PitchRate, Stats, Step, stats};
use kith_core::opportunity::week::{Activity, WeekReport, report};
use kith_core::opportunity::{Goals, ReferralStage};
use kith_core::when::parse_date;
use kith_core::{LeadId, ParseError, PersonId};
use kith_store::FollowUpFilter;

use super::{Ctx, say};
use crate::cli::{GoalsArgs, StatsArgs};
use crate::failure::Failure;
use crate::output;

fn local_date(ctx: &Ctx<'_>, at: jiff::Timestamp) -> jiff::civil::Date {
    at.to_zoned_datetime(ctx.settings.now.time_zone().clone())
        .date()
}

/// The whole history as the funnel needs it.
pub(crate) async fn compute(
    ctx: &Ctx<'_>,
    since: Option<jiff::Timestamp>,
) -> Result<Stats, Failure> {
    let (rows, leads, referrals, applications) = tokio::join!(
        ctx.store.relationships(),
        ctx.store.leads(),
        ctx.store.referrals(),
        ctx.store.applications(),
    );
    let (rows, leads, referrals, applications) = (rows?, leads?, referrals?, applications?);
    // Who each lead came through: whoever told the seeker, and whoever referred them.
    let mut through: HashMap<LeadId, Vec<PersonId>> = HashMap::new();
    for l in &leads {
        if let Some(source) = l.source {
            through.entry(l.id).or_default().push(source);
        }
    }
    let mut referred: HashMap<PersonId, ReferralStage> = HashMap::new();
    for r in &referrals {
        through.entry(r.lead).or_default().push(r.referrer);
        let best = referred.entry(r.referrer).or_insert(r.stage);
        *best = (*best).max(r.stage);
    }
    let mut came_of: HashMap<PersonId, u8> = HashMap::new();
    for a in &applications {
        for person in a.lead.and_then(|l| through.get(&l)).into_iter().flatten() {
            let best = came_of.entry(*person).or_insert(0);
            *best = (*best).max(a.furthest());
        }
    }
    let people: Vec<PersonFacts> = rows
        .into_iter()
        .map(|row| PersonFacts {
            referral: referred.get(&row.person.id).copied(),
            application: came_of.get(&row.person.id).copied(),
            touches: row.touches,
        })
        .collect();
    let mut out = stats(&people, &applications, since);
    let (pitches, outcomes) = tokio::join!(ctx.store.pitches(), ctx.store.pitch_outcomes(since));
    let pitches = pitches?;
    out.pitches = outcomes?
        .into_iter()
        .map(|o| {
            let label = pitches
                .iter()
                .find(|p| p.id == o.pitch)
                .and_then(|p| p.label.clone());
            PitchRate::new(o.version, label, o.uses, o.people, o.replied, o.met)
        })
        .collect();
    Ok(out)
}

fn rate(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}%")).unwrap_or_else(|| "–".into())
}

fn funnel_table(ctx: &Ctx<'_>, steps: &[Step]) -> comfy_table::Table {
    let mut table = output::table(ctx.settings, &["step", "count", "of previous", "of first"]);
    for s in steps {
        table.add_row(vec![
            s.step.to_owned(),
            s.count.to_string(),
            rate(s.of_previous),
            rate(s.of_first),
        ]);
    }
    table
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: StatsArgs) -> Result<(), Failure> {
    let since = match &args.since {
        Some(text) => {
            let day =
                parse_date(text, ctx.settings.today()).map_err(|e| Failure::flag("--since", e))?;
            let start = day
                .to_zoned_datetime(ctx.settings.now.time_zone().clone())
                .map_err(|e| Failure::usage(anyhow::anyhow!("--since: {e}")))?;
            Some(start.timestamp())
        }
        None => None,
    };
    let s = compute(ctx, since).await?;
    if ctx.settings.json {
        return output::json(&s).map_err(Into::into);
    }
    let mut out = output::stdout();
    use std::io::Write as _;
    let title = match since {
        Some(t) => format!(
            "Since {}",
            &output::when(t, ctx.settings.now.time_zone())[..10]
        ),
        None => "All time".to_owned(),
    };
    writeln!(out, "{}", output::strong(&title, ctx.settings))?;
    writeln!(
        out,
        "\nNetworking funnel (people; each counts up to the furthest step reached)"
    )?;
    for line in funnel_table(ctx, &s.networking).lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "\nApplications by channel (applied → screening → interviewing → offer)"
    )?;
    let mut table = output::table(
        ctx.settings,
        &[
            "channel",
            "applied",
            "screening",
            "interviewing",
            "offer",
            "interview rate",
        ],
    );
    for f in &s.applications {
        let mut row = vec![f.channel.clone()];
        row.extend(f.steps.iter().map(|x| x.count.to_string()));
        row.push(rate(f.steps[2].of_first));
        table.add_row(row);
    }
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    let r = &s.reply_times;
    writeln!(
        out,
        "\nMedian time to a reply: {} ({} answered, {} still waiting)",
        r.median_days
            .map(|d| format!("{d:.1} days"))
            .unwrap_or_else(|| "–".into()),
        r.replied,
        r.waiting
    )?;
    writeln!(
        out,
        "\nPitch versions (people each was used with; replied or met you afterwards)"
    )?;
    if s.pitches.is_empty() {
        writeln!(
            out,
            "  none used yet: kith log … --pitch records the one you used"
        )?;
    }
    for p in &s.pitches {
        writeln!(
            out,
            "  v{}{}: {} use{} with {} {}; replied {} ({}), met {} ({})",
            p.version,
            p.label
                .as_deref()
                .map(|l| format!(" “{l}”"))
                .unwrap_or_default(),
            p.uses,
            if p.uses == 1 { "" } else { "s" },
            p.people,
            if p.people == 1 { "person" } else { "people" },
            p.replied,
            rate(p.reply_percent),
            p.met,
            rate(p.meeting_percent)
        )?;
    }
    writeln!(out, "\nReference rates")?;
    for reference in &s.references {
        writeln!(
            out,
            "  {}: {:.0}–{:.0}% ({}); yours: {} of {}",
            reference.what,
            reference.low_percent,
            reference.high_percent,
            reference.source,
            rate(reference.yours_percent),
            reference.yours_of
        )?;
    }
    out.flush()?;
    Ok(())
}

fn goal(flag: &str, text: Option<String>, old: Option<u32>) -> Result<Option<u32>, Failure> {
    match text.as_deref().map(str::trim) {
        None => Ok(old),
        Some("off") => Ok(None),
        Some(n) => n
            .parse()
            .map(Some)
            .map_err(|_| Failure::flag(flag, ParseError::new("goal", n, "a whole number, or off"))),
    }
}

fn goals_lines(g: &Goals) -> String {
    let show = |v: Option<u32>| v.map_or("–".to_owned(), |n| n.to_string());
    format!(
        "new conversations a week   {}\ncoffee chats a week        {}\nfollow-ups done a week     {}\napplications a week        {}\napplication cap a week     {}",
        show(g.new_conversations),
        show(g.coffee_chats),
        show(g.follow_ups_done),
        show(g.applications),
        show(g.application_cap)
    )
}

pub(crate) async fn goals(ctx: &Ctx<'_>, args: GoalsArgs) -> Result<(), Failure> {
    let old = ctx.store.goals().await?;
    let new = Goals {
        new_conversations: goal("--conversations", args.conversations, old.new_conversations)?,
        coffee_chats: goal("--coffee-chats", args.coffee_chats, old.coffee_chats)?,
        follow_ups_done: goal("--follow-ups", args.follow_ups, old.follow_ups_done)?,
        applications: goal("--applications", args.applications, old.applications)?,
        application_cap: goal("--cap", args.cap, old.application_cap)?,
    };
    let goals = if new == old {
        old
    } else {
        ctx.store.set_goals(new).await?
    };
    if ctx.settings.json {
        return output::json(&goals).map_err(Into::into);
    }
    say(&goals_lines(&goals))
}

/// This week's activity and goals, in one computation.
pub(crate) async fn week_report(ctx: &Ctx<'_>) -> Result<WeekReport, Failure> {
    let all = FollowUpFilter {
        include_done: true,
        ..FollowUpFilter::default()
    };
    let (rows, follow_ups, applications, goals) = tokio::join!(
        ctx.store.relationships(),
        ctx.store.follow_ups(&all),
        ctx.store.applications(),
        ctx.store.goals(),
    );
    let (rows, follow_ups, applications, goals) = (rows?, follow_ups?, applications?, goals?);
    let mut activity = Activity::default();
    for row in &rows {
        if let Some(first) = row
            .touches
            .iter()
            .filter(|t| t.direction == Direction::Inbound)
            .map(|t| t.at)
            .min()
        {
            activity.new_conversations.push(local_date(ctx, first));
        }
        for t in &row.touches {
            if matches!(
                t.kind,
                InteractionKind::CoffeeChat | InteractionKind::InformationalInterview
            ) {
                activity.coffee_chats.push(local_date(ctx, t.at));
            }
        }
    }
    activity.follow_ups_done = follow_ups
        .iter()
        .filter_map(|f| f.done_at.map(|d| local_date(ctx, d)))
        .collect();
    activity.applications = applications
        .iter()
        .map(|a| local_date(ctx, a.applied_at))
        .collect();
    Ok(report(&goals, &activity, ctx.settings.today()))
}

pub(crate) async fn week(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let r = week_report(ctx).await?;
    if ctx.settings.json {
        return output::json(&r).map_err(Into::into);
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} — {} to {}",
        output::strong("This week", ctx.settings),
        r.week_start,
        r.week_end
    );
    if r.goals.is_empty() {
        let _ = writeln!(
            text,
            "\nNo weekly goals yet: kith goals --conversations 3 --coffee-chats 2 --follow-ups 5 --applications 1 --cap 3"
        );
    }
    for g in &r.goals {
        let mark = if g.met { "✓" } else { " " };
        let weeks = if g.streak == 1 { "week" } else { "weeks" };
        let _ = writeln!(
            text,
            "{mark} {:<18} {:>3} of {:<3} streak: {} {weeks}",
            g.goal, g.this_week, g.target, g.streak
        );
    }
    for u in &r.untracked {
        let _ = writeln!(
            text,
            "  {:<18} {:>3}        (no goal set)",
            u.goal, u.this_week
        );
    }
    if let Some(cap) = &r.cap {
        let state = if cap.exceeded {
            "over the cap"
        } else {
            "within the cap"
        };
        let _ = writeln!(
            text,
            "\nApplications: {} this week, cap {} — {state}",
            cap.this_week, cap.cap
        );
    }
    say(text.trim_end())
}
