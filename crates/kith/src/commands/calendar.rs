//! The calendar feed: follow-ups, relationship touches due and events as iCalendar, built
//! in one place so `kith export ics` and (later) the server's private feed URL agree.
//!
//! Every item keeps its UID across exports (`follow-up-ID@kith`, `touch-PERSON@kith`,
//! `event-ID@kith`), so a subscribed calendar updates an item instead of adding a copy.
//! Anything overdue is placed on today, so it cannot sit unseen in the past.

use jiff::ToSpan;
use kith_core::relationship::Stage;
use kith_formats::{CalendarItem, to_ics};
use kith_store::FollowUpFilter;

use super::Ctx;
use super::rhythm::{assess_row, end_of_day, first_ideas};
use crate::failure::Failure;

/// Relationship touches look this far ahead.
pub(crate) const TOUCH_DAYS: i64 = 30;
/// At most this many overdue relationships, the most urgent, go on today.
pub(crate) const OVERDUE_TOUCHES: usize = 20;

pub(crate) async fn feed(ctx: &Ctx<'_>) -> Result<String, Failure> {
    let items = items(ctx).await?;
    Ok(to_ics("kith", &items))
}

async fn items(ctx: &Ctx<'_>) -> Result<Vec<CalendarItem>, Failure> {
    let today = ctx.settings.today();
    let tz = ctx.settings.now.time_zone();
    // Items moved onto today change once a day: their stamp is the start of today.
    let start_of_today = today
        .to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(ctx.settings.now.timestamp());
    let mut items = Vec::new();

    for f in ctx.store.follow_ups(&FollowUpFilter::default()).await? {
        let overdue = f.due < today;
        let who = f
            .person
            .as_ref()
            .map(|p| format!("{} ({})", p.name, p.handle));
        let mut description = f.action.clone();
        if let Some(who) = &who {
            description.push_str(&format!("\nWith {who}"));
        }
        if overdue {
            description.push_str(&format!("\nOverdue since {}", f.due));
        }
        description.push_str(&format!("\nDone? kith follow-up done {}", f.number));
        items.push(CalendarItem {
            uid: format!("follow-up-{}@kith", f.id),
            summary: match &f.person {
                Some(p) => format!("Follow up: {} — {}", p.name, f.action),
                None => format!("Follow up: {}", f.action),
            },
            description: Some(description),
            date: if overdue { today } else { f.due },
            location: None,
            url: None,
            categories: vec!["kith".into(), "follow-up".into()],
            stamp: if overdue {
                start_of_today.max(f.created_at)
            } else {
                f.created_at
            },
        });
    }

    let horizon = today.checked_add(TOUCH_DAYS.days()).unwrap_or(today);
    let horizon_end = end_of_day(ctx, horizon);
    let rows = ctx
        .store
        .relationships_due(
            horizon_end,
            ctx.settings.now.timestamp(),
            &ctx.settings.cadences,
        )
        .await?;
    let mut due: Vec<_> = rows
        .iter()
        .filter_map(|row| {
            let a = assess_row(ctx, row);
            let day = a.due.as_ref()?.value.to_zoned_datetime(tz.clone()).date();
            (day <= horizon && a.stage.value != Stage::Dormant).then_some((row, a, day))
        })
        .collect();
    due.sort_by(|x, y| {
        y.1.urgency()
            .total_cmp(&x.1.urgency())
            .then(x.2.cmp(&y.2))
            .then_with(|| x.0.person.handle.cmp(&y.0.person.handle))
    });
    let mut overdue_kept = 0;
    due.retain(|(_, _, day)| {
        if *day < today {
            overdue_kept += 1;
            overdue_kept <= OVERDUE_TOUCHES
        } else {
            true
        }
    });
    let shown: Vec<&kith_store::RelationshipRow> = due.iter().map(|(row, _, _)| *row).collect();
    let ideas = first_ideas(ctx, &shown).await?;
    for ((row, a, day), idea) in due.into_iter().zip(ideas) {
        let mut description = format!(
            "{} ({}): {} circle, {} stage, strength {:.2}",
            row.person.name, row.person.handle, a.circle.value, a.stage.value, a.strength.value
        );
        if let Some(idea) = &idea {
            description.push_str(&format!("\nIdea: {} ({})", idea.text, idea.because));
        }
        if day < today {
            description.push_str(&format!("\nOverdue since {day}"));
        }
        description.push_str(&format!("\nWhy now: kith explain {}", row.person.handle));
        let last = a.last_touch.unwrap_or(start_of_today);
        items.push(CalendarItem {
            uid: format!("touch-{}@kith", row.person.id),
            summary: format!("Touch base: {}", row.person.name),
            description: Some(description),
            date: day.max(today),
            location: None,
            url: None,
            categories: vec!["kith".into(), "relationship".into()],
            stamp: if day < today {
                start_of_today.max(last)
            } else {
                last
            },
        });
    }

    for e in ctx.store.events().await? {
        let mut description = String::new();
        if let Some(note) = &e.note {
            description.push_str(note);
        }
        items.push(CalendarItem {
            uid: format!("event-{}@kith", e.id),
            summary: e.name.clone(),
            description: (!description.is_empty()).then_some(description),
            date: e.date,
            location: e.place.clone(),
            url: e.url.clone(),
            categories: std::iter::once("kith".to_owned())
                .chain(std::iter::once("event".to_owned()))
                .chain(e.tags.iter().cloned())
                .collect(),
            stamp: jiff::Timestamp::from_millisecond(e.id.as_uuid().get_timestamp().map_or(
                0,
                |t| {
                    let (s, n) = t.to_unix();
                    (s * 1000 + u64::from(n / 1_000_000)) as i64
                },
            ))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        });
    }
    Ok(items)
}
