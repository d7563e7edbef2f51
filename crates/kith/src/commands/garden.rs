//! `kith agenda` (what to do today and the coming days) and `kith garden` (the health of
//! the whole network). Both read every relationship once from the touch log and apply the
//! rules in memory; only the few people shown get their touchpoint context read.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use jiff::ToSpan;
use kith_core::garden::{unfollowed_meeting, weekly_trend};
use kith_core::relationship::{Assessment, Circle, Stage, strength};
use kith_core::touchpoint::Idea;
use kith_store::{FollowUpFilter, RelationshipRow};
use serde_json::json;

use super::rhythm::{assess_row, end_of_day, first_ideas};
use super::{Ctx, say};
use crate::cli::{AgendaArgs, GardenArgs};
use crate::failure::Failure;
use crate::output;

/// A relationship on the agenda with what to send.
struct Due<'a> {
    row: &'a RelationshipRow,
    a: Assessment,
    idea: Option<Idea>,
}

pub(crate) async fn agenda(ctx: &Ctx<'_>, args: AgendaArgs) -> Result<(), Failure> {
    let today = ctx.settings.today();
    let tz = ctx.settings.now.time_zone();
    let last_day = today
        .checked_add((i64::from(args.days) - 1).days())
        .unwrap_or(today);
    let due_by = end_of_day(ctx, last_day);
    let filter = FollowUpFilter {
        due_by: Some(last_day),
        ..FollowUpFilter::default()
    };
    // Three independent reads, side by side on the pool.
    let (follow_ups, rows, events) = tokio::join!(
        ctx.store.follow_ups(&filter),
        ctx.store
            .relationships_due(due_by, ctx.settings.now.timestamp(), &ctx.settings.cadences),
        ctx.store.events(),
    );
    let (follow_ups, rows, events) = (follow_ups?, rows?, events?);
    let with_follow_up: HashSet<_> = follow_ups
        .iter()
        .filter_map(|f| f.person.as_ref().map(|p| p.id))
        .collect();
    let mut due: Vec<Due<'_>> = rows
        .iter()
        .filter(|row| !with_follow_up.contains(&row.person.id))
        .filter_map(|row| {
            let a = assess_row(ctx, row);
            let when = a.due.as_ref()?.value.to_zoned_datetime(tz.clone()).date();
            (when <= last_day && a.stage.value != Stage::Dormant).then_some(Due {
                row,
                a,
                idea: None,
            })
        })
        .collect();
    // Due or overdue first, by how much they matter (strength × overdue); then the coming
    // days by date.
    due.sort_by(|x, y| {
        let key = |d: &Due<'_>| (d.a.urgency() > 0.0, d.a.urgency());
        key(y)
            .partial_cmp(&key(x))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                x.a.due
                    .as_ref()
                    .map(|d| d.value)
                    .cmp(&y.a.due.as_ref().map(|d| d.value))
            })
            .then_with(|| x.row.person.handle.cmp(&y.row.person.handle))
    });
    let total = due.len();
    due.truncate(args.limit);
    let shown: Vec<&RelationshipRow> = due.iter().map(|d| d.row).collect();
    for (d, idea) in due.iter_mut().zip(first_ideas(ctx, &shown).await?) {
        d.idea = idea;
    }
    let events: Vec<_> = events
        .into_iter()
        .filter(|e| e.date >= today && e.date <= last_day)
        .collect();

    if ctx.settings.json {
        output::json(&json!({
            "today": today,
            "until": last_day,
            "follow_ups": follow_ups,
            "relationships": due.iter().map(|d| json!({
                "person": d.row.person,
                "company": d.row.company,
                "due": d.a.due.as_ref().map(|x| x.value),
                "overdue_days": d.a.overdue_days.map(|x| (x * 10.0).round() / 10.0),
                "urgency": (d.a.urgency() * 1000.0).round() / 1000.0,
                "stage": d.a.stage.value,
                "strength": (d.a.strength.value * 1000.0).round() / 1000.0,
                "circle": d.a.circle.value,
                "idea": d.idea,
            })).collect::<Vec<_>>(),
            "relationships_due": total,
            "events": events,
        }))?;
        return Ok(());
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} — {} to {}",
        output::strong("Agenda", ctx.settings),
        today,
        last_day
    );
    if follow_ups.is_empty() && due.is_empty() && events.is_empty() {
        let _ = writeln!(
            text,
            "\nNothing due. Time to meet someone new: kith event list"
        );
    }
    if !follow_ups.is_empty() {
        let _ = writeln!(text, "\nFollow-ups");
        for f in &follow_ups {
            let state = if f.due < today {
                "overdue"
            } else if f.due == today {
                "today"
            } else {
                ""
            };
            let who = f
                .person
                .as_ref()
                .map(|p| format!("{} ({}): ", p.name, p.handle))
                .unwrap_or_default();
            let _ = writeln!(
                text,
                "  #{:<4} {} {state:<7} {who}{}",
                f.number,
                f.due,
                super::follow_up::action_words(f)
            );
        }
    }
    if !due.is_empty() {
        let _ = writeln!(text, "\nRelationships to touch ({} of {total})", due.len());
        for d in &due {
            let when = match d.a.overdue_days {
                Some(days) if days >= 1.0 => format!("{days:.0}d overdue"),
                Some(days) if days > -1.0 => "due today".into(),
                _ => format!(
                    "due {}",
                    d.a.due
                        .as_ref()
                        .map(|x| x.value.to_zoned_datetime(tz.clone()).date().to_string())
                        .unwrap_or_default()
                ),
            };
            let _ = writeln!(
                text,
                "  {} ({}) — {when}, {} {}, strength {:.2}",
                d.row.person.name,
                d.row.person.handle,
                d.a.circle.value,
                d.a.stage.value,
                d.a.strength.value
            );
            if let Some(idea) = &d.idea {
                let _ = writeln!(text, "      → {} ({})", idea.text, idea.because);
            }
        }
    }
    if !events.is_empty() {
        let _ = writeln!(text, "\nEvents");
        for e in &events {
            let place = e.place.as_deref().or(e.url.as_deref()).unwrap_or("");
            let _ = writeln!(text, "  #{:<4} {} {} {place}", e.number, e.date, e.name);
        }
    }
    say(text.trim_end())?;
    Ok(())
}

pub(crate) async fn garden(ctx: &Ctx<'_>, args: GardenArgs) -> Result<(), Failure> {
    let now = ctx.settings.now.timestamp();
    let tz = ctx.settings.now.time_zone();
    let month_ago = now
        .checked_sub(jiff::SignedDuration::from_hours(24 * 30))
        .unwrap_or(now);
    let rows = ctx.store.relationships().await?;
    let assessed: Vec<(&RelationshipRow, Assessment)> =
        rows.iter().map(|row| (row, assess_row(ctx, row))).collect();
    let mut by_stage: BTreeMap<Stage, u64> = Stage::ALL.iter().map(|s| (*s, 0)).collect();
    let mut by_circle: BTreeMap<Circle, u64> = Circle::ALL.iter().map(|c| (*c, 0)).collect();
    let mut placed = 0u64;
    for (row, a) in &assessed {
        *by_stage.entry(a.stage.value).or_default() += 1;
        *by_circle.entry(a.circle.value).or_default() += 1;
        placed += u64::from(row.rhythm.circle.is_some());
    }
    // Drifting: past the maximum interval, not yet dormant; the strongest first (the ones
    // most worth saving), with how much strength the last month cost them.
    let mut drifting: Vec<(&RelationshipRow, &Assessment, f64)> = assessed
        .iter()
        .filter(|(_, a)| a.stage.value != Stage::Dormant && a.past_max_interval(now))
        .map(|(row, a)| {
            let before = strength(&row.touches, month_ago).value;
            (*row, a, before)
        })
        .collect();
    drifting.sort_by(|x, y| y.1.strength.value.total_cmp(&x.1.strength.value));
    let drifting_total = drifting.len();
    drifting.truncate(args.limit);
    let mut unfollowed: Vec<(&RelationshipRow, jiff::Timestamp)> = assessed
        .iter()
        .filter_map(|(row, _)| unfollowed_meeting(&row.touches).map(|at| (*row, at)))
        .collect();
    unfollowed.sort_by_key(|x| std::cmp::Reverse(x.1));
    let unfollowed_total = unfollowed.len();
    unfollowed.truncate(args.limit);
    let weeks = weekly_trend(rows.iter().map(|r| r.touches.as_slice()), now, tz, 8);

    if ctx.settings.json {
        output::json(&json!({
            "people": rows.len(),
            "by_stage": by_stage.iter().map(|(s, n)| (s.as_str(), n)).collect::<BTreeMap<_, _>>(),
            "by_circle": by_circle.iter().map(|(c, n)| (c.as_str(), n)).collect::<BTreeMap<_, _>>(),
            "placed_in_a_circle": placed,
            "default_circle": ctx.settings.cadences.default_circle,
            "drifting_total": drifting_total,
            "drifting": drifting.iter().map(|(row, a, before)| json!({
                "person": row.person,
                "last_touch": a.last_touch,
                "max_days": a.cadence.value.max_days,
                "strength": (a.strength.value * 1000.0).round() / 1000.0,
                "strength_a_month_ago": (before * 1000.0).round() / 1000.0,
            })).collect::<Vec<_>>(),
            "unfollowed_meetings_total": unfollowed_total,
            "unfollowed_meetings": unfollowed.iter().map(|(row, at)| json!({
                "person": row.person,
                "met": at,
            })).collect::<Vec<_>>(),
            "weeks": weeks,
        }))?;
        return Ok(());
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} — {} people",
        output::strong("Garden", ctx.settings),
        rows.len()
    );
    let stages: Vec<String> = by_stage.iter().map(|(s, n)| format!("{s} {n}")).collect();
    let _ = writeln!(text, "  stages   {}", stages.join(" · "));
    let circles: Vec<String> = by_circle.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let _ = writeln!(
        text,
        "  circles  {} ({placed} placed by you; everyone else is {})",
        circles.join(" · "),
        ctx.settings.cadences.default_circle
    );
    let _ = writeln!(
        text,
        "\nDrifting: past their maximum interval ({drifting_total})"
    );
    for (row, a, before) in &drifting {
        let _ = writeln!(
            text,
            "  {} ({}) — last touch {}, strength {:.2} (was {before:.2} a month ago)",
            row.person.name,
            row.person.handle,
            a.last_touch
                .map(|t| output::when(t, tz))
                .unwrap_or_default(),
            a.strength.value
        );
    }
    let _ = writeln!(text, "\nMet and never followed up ({unfollowed_total})");
    for (row, at) in &unfollowed {
        let _ = writeln!(
            text,
            "  {} ({}) — met {}",
            row.person.name,
            row.person.handle,
            output::when(*at, tz)
        );
    }
    let _ = writeln!(text, "\nWeekly trend (touches · people · meetings)");
    for w in &weeks {
        let bar = "▇".repeat(usize::try_from(w.people.min(40)).unwrap_or(0));
        let _ = writeln!(
            text,
            "  {}  {:>4} · {:>4} · {:>3}  {bar}",
            w.starts, w.touches, w.people, w.meetings
        );
    }
    say(text.trim_end())?;
    Ok(())
}
