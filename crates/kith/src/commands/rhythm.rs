//! The relationship engine at the command line: `kith explain`, `kith snooze`, `kith circle`,
//! `kith stage`, and the summary `kith person show` prints. The rules themselves live in
//! `kith_core::relationship` (see docs/relationships.md).

use std::fmt::Write as _;

use kith_core::Person;
use kith_core::relationship::{Assessment, Circle, Rhythm, Stage, StageOverride, WEIGHTS, assess};
use kith_core::touchpoint::{self, Facts, Idea};
use kith_store::{RelationshipRow, TouchContext};
use serde_json::{Value, json};

use super::{Ctx, person, say};
use crate::cli::{CircleArgs, HandleArg, SnoozeArgs, StageArgs};
use crate::failure::Failure;
use crate::output;

/// The first instant after `day` in the seeker's zone: "due by the end of that day".
pub(crate) fn end_of_day(ctx: &Ctx<'_>, day: jiff::civil::Date) -> jiff::Timestamp {
    use jiff::ToSpan;
    day.checked_add(1.day())
        .ok()
        .and_then(|d| {
            d.to_zoned_datetime(ctx.settings.now.time_zone().clone())
                .ok()
        })
        .map_or(ctx.settings.now.timestamp(), |z| z.timestamp())
}

/// The rules applied to one stored relationship, now.
pub(crate) fn assess_row(ctx: &Ctx<'_>, row: &RelationshipRow) -> Assessment {
    assess(
        &row.touches,
        &row.rhythm,
        &ctx.settings.cadences,
        ctx.settings.now.timestamp(),
        ctx.settings.now.time_zone(),
    )
}

/// The touchpoint ideas for one person, most specific first.
pub(crate) fn ideas_for(ctx: &Ctx<'_>, row: &RelationshipRow, context: &TouchContext) -> Vec<Idea> {
    let facts = Facts {
        job_change: context
            .job_change
            .as_ref()
            .map(|(to, at)| (to.as_str(), *at)),
        promises: context.promises.iter().map(|f| f.action.as_str()).collect(),
        notes: context.notes.iter().map(String::as_str).collect(),
        tags: &context.tags,
        company: row.company.as_deref(),
    };
    touchpoint::ideas(&facts, &row.touches, ctx.settings.now.timestamp())
}

/// The first touchpoint idea for each of `rows`, their contexts read concurrently (each
/// read is a few small queries; the pool runs them side by side).
pub(crate) async fn first_ideas(
    ctx: &Ctx<'_>,
    rows: &[&RelationshipRow],
) -> Result<Vec<Option<Idea>>, Failure> {
    let mut set = tokio::task::JoinSet::new();
    for (index, row) in rows.iter().enumerate() {
        let store = ctx.store.clone();
        let id = row.person.id;
        set.spawn(async move { (index, store.touch_context(id).await) });
    }
    let mut out: Vec<Option<Idea>> = vec![None; rows.len()];
    while let Some(joined) = set.join_next().await {
        let (index, context) = joined.map_err(|e| Failure::from(anyhow::Error::new(e)))?;
        out[index] = ideas_for(ctx, rows[index], &context?).into_iter().next();
    }
    Ok(out)
}

/// An assessment as JSON, the same shape everywhere it appears.
pub(crate) fn assessment_json(a: &Assessment) -> Value {
    json!({
        "circle": { "value": a.circle.value.as_str(), "because": a.circle.because },
        "cadence": { "ideal_days": a.cadence.value.ideal_days, "max_days": a.cadence.value.max_days, "because": a.cadence.because },
        "stage": { "value": a.stage.value.as_str(), "because": a.stage.because, "earned": a.earned_stage.as_str() },
        "strength": a.strength,
        "last_touch": a.last_touch,
        "due": a.due.as_ref().map(|d| json!({ "value": d.value, "because": d.because })),
        "overdue_days": a.overdue_days.map(|d| (d * 10.0).round() / 10.0),
    })
}

/// The lines `kith person show` adds: stage, strength, circle, cadence, last and next touch.
pub(crate) fn summary_lines(ctx: &Ctx<'_>, a: &Assessment) -> Vec<(&'static str, String)> {
    let tz = ctx.settings.now.time_zone();
    let by_hand = if a.stage.value != a.earned_stage || a.stage.because.starts_with("set by hand") {
        " (set by hand)"
    } else {
        ""
    };
    vec![
        ("stage", format!("{}{by_hand}", a.stage.value)),
        ("strength", format!("{:.2}", a.strength.value)),
        (
            "circle",
            format!(
                "{} — every {} days, at most {}",
                a.circle.value, a.cadence.value.ideal_days, a.cadence.value.max_days
            ),
        ),
        (
            "last touch",
            a.last_touch
                .map(|t| output::when(t, tz))
                .unwrap_or_else(|| "never".into()),
        ),
        (
            "next touch",
            match (&a.due, a.overdue_days) {
                (Some(d), Some(days)) if days >= 1.0 => {
                    format!("{} ({:.0} days overdue)", output::when(d.value, tz), days)
                }
                (Some(d), _) => output::when(d.value, tz),
                (None, _) => "after the first interaction".into(),
            },
        ),
    ]
}

pub(crate) async fn explain(ctx: &Ctx<'_>, args: HandleArg) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let row = ctx.store.relationship(who.id).await?;
    let context = ctx.store.touch_context(who.id).await?;
    let a = assess_row(ctx, &row);
    let ideas = ideas_for(ctx, &row, &context);
    if ctx.settings.json {
        let mut out = assessment_json(&a);
        out["person"] = json!(who.link());
        out["weights"] = json!(
            WEIGHTS
                .iter()
                .map(|(k, w)| json!({ "part": k, "weight": w }))
                .collect::<Vec<_>>()
        );
        out["interactions"] = json!(row.touches.len());
        out["ideas"] = json!(ideas);
        output::json(&out)?;
        return Ok(());
    }
    let tz = ctx.settings.now.time_zone();
    let s = &a.strength;
    let mut text = String::new();
    let _ = writeln!(text, "{} ({})", who.name, who.handle);
    let _ = writeln!(text, "  circle    {}: {}", a.circle.value, a.circle.because);
    let _ = writeln!(
        text,
        "  cadence   every {} days, at most {}: {}",
        a.cadence.value.ideal_days, a.cadence.value.max_days, a.cadence.because
    );
    let _ = writeln!(text, "  stage     {}: {}", a.stage.value, a.stage.because);
    let _ = writeln!(
        text,
        "  strength  {:.2} = 0.40 × recency {:.2} + 0.20 × frequency {:.2} + 0.25 × depth {:.2} + 0.15 × reciprocity {:.2}",
        s.value, s.recency, s.frequency, s.depth, s.reciprocity
    );
    match &a.due {
        Some(due) => {
            let _ = writeln!(
                text,
                "  due       {}: {}",
                output::when(due.value, tz),
                due.because
            );
        }
        None => {
            let _ = writeln!(
                text,
                "  due       not yet: the first interaction starts the cadence"
            );
        }
    }
    if let Some(idea) = ideas.first() {
        let _ = writeln!(text, "  next      {} ({})", idea.text, idea.because);
    }
    let _ = writeln!(
        text,
        "  from {} interactions (rules: docs/relationships.md)",
        row.touches.len()
    );
    say(text.trim_end())?;
    Ok(())
}

async fn update(
    ctx: &Ctx<'_>,
    who: &Person,
    change: impl FnOnce(&mut Rhythm),
) -> Result<(Rhythm, Assessment), Failure> {
    let mut row = ctx.store.relationship(who.id).await?;
    change(&mut row.rhythm);
    ctx.store.set_rhythm(who.id, &row.rhythm).await?;
    let a = assess_row(ctx, &row);
    Ok((row.rhythm, a))
}

fn report(
    ctx: &Ctx<'_>,
    who: &Person,
    rhythm: &Rhythm,
    a: &Assessment,
    line: String,
) -> Result<(), Failure> {
    if ctx.settings.json {
        let mut out = assessment_json(a);
        out["person"] = json!(who.link());
        out["rhythm"] = json!(rhythm);
        output::json(&out)?;
    } else {
        say(&line)?;
    }
    Ok(())
}

fn next_touch(ctx: &Ctx<'_>, a: &Assessment) -> String {
    a.due
        .as_ref()
        .map(|d| output::when(d.value, ctx.settings.now.time_zone()))
        .unwrap_or_else(|| "after the first interaction".into())
}

pub(crate) async fn snooze(ctx: &Ctx<'_>, args: SnoozeArgs) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let until = match &args.until {
        None => None,
        Some(text) => Some(snooze_end(ctx, text)?),
    };
    let (rhythm, a) = update(ctx, &who, |r| r.snoozed_until = until).await?;
    let line = match until {
        Some(_) => format!(
            "Snoozed {} ({}): next touch {}",
            who.name,
            who.handle,
            next_touch(ctx, &a)
        ),
        None => format!(
            "No snooze for {} ({}): next touch {}",
            who.name,
            who.handle,
            next_touch(ctx, &a)
        ),
    };
    report(ctx, &who, &rhythm, &a, line)
}

/// `2w` from now (calendar days in the seeker's zone), or a date or moment.
fn snooze_end(ctx: &Ctx<'_>, text: &str) -> Result<jiff::Timestamp, Failure> {
    let compact: String = text.split_whitespace().collect();
    let now = &ctx.settings.now;
    if let Some(span) = kith_core::when::parse_span(&compact.to_lowercase()) {
        return now.checked_add(span).map(|z| z.timestamp()).map_err(|_| {
            Failure::flag(
                "until",
                kith_core::ParseError::new("snooze", text, "a length such as 2w"),
            )
        });
    }
    let at = kith_core::when::parse_when(text, now).map_err(|e| {
        Failure::flag(
            "until",
            kith_core::ParseError::new(
                "snooze",
                text,
                format!("a length such as 3d, 2w, 1m, or {}", e.expected),
            ),
        )
    })?;
    if at <= now.timestamp() {
        return Err(Failure::flag(
            "until",
            kith_core::ParseError::new("snooze", text, "a moment in the future"),
        ));
    }
    Ok(at)
}

pub(crate) async fn circle(ctx: &Ctx<'_>, args: CircleArgs) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let circle: Option<Circle> = match args.circle.trim().to_lowercase().as_str() {
        "default" | "none" => None,
        other => Some(other.parse().map_err(|e| Failure::flag("circle", e))?),
    };
    let cadence = match (&args.every, &args.at_most) {
        (Some(every), Some(at_most)) => {
            Some(crate::settings::cadence(every, at_most).map_err(Failure::usage)?)
        }
        _ => None,
    };
    let (rhythm, a) = update(ctx, &who, |r| {
        r.circle = circle;
        r.cadence = cadence;
    })
    .await?;
    let line = format!(
        "{} ({}) is in the {} circle: every {} days, at most {} — next touch {}",
        who.name,
        who.handle,
        a.circle.value,
        a.cadence.value.ideal_days,
        a.cadence.value.max_days,
        next_touch(ctx, &a)
    );
    report(ctx, &who, &rhythm, &a, line)
}

pub(crate) async fn stage(ctx: &Ctx<'_>, args: StageArgs) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let set: Option<Stage> = match args.stage.trim().to_lowercase().as_str() {
        "auto" => None,
        other => Some(other.parse().map_err(|e| Failure::flag("stage", e))?),
    };
    let at = ctx.settings.now.timestamp();
    let note = super::change(args.note).flatten();
    let (rhythm, a) = update(ctx, &who, |r| {
        r.stage = set.map(|stage| StageOverride {
            stage,
            note,
            set_at: at,
        });
    })
    .await?;
    let line = match set {
        Some(_) => format!(
            "{} ({}) is at the {} stage (set by hand; the history says {})",
            who.name, who.handle, a.stage.value, a.earned_stage
        ),
        None => format!(
            "{} ({}) is at the {} stage: {}",
            who.name, who.handle, a.stage.value, a.stage.because
        ),
    };
    report(ctx, &who, &rhythm, &a, line)
}
