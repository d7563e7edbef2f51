//! `kith event add|list|show|met`: events and meetups, and who the seeker met there.

use std::fmt::Write as _;

use jiff::ToSpan;
use kith_store::{NewEvent, NewPerson};
use serde_json::json;

use super::{Ctx, person, say};
use crate::cli::{EventAddArgs, EventCommand, EventMetArgs, EventNumberArg};
use crate::failure::Failure;
use crate::output;

/// The moment after a meetup is when connections are made or lost: follow up within this.
const FOLLOW_UP_DAYS: i64 = 2;

pub(crate) async fn run(ctx: &Ctx<'_>, cmd: EventCommand) -> Result<(), Failure> {
    match cmd {
        EventCommand::Add(args) => add(ctx, args).await,
        EventCommand::List => list(ctx).await,
        EventCommand::Show(args) => show(ctx, args).await,
        EventCommand::Met(args) => met(ctx, args).await,
    }
}

async fn add(ctx: &Ctx<'_>, args: EventAddArgs) -> Result<(), Failure> {
    let date = kith_core::when::parse_date(&args.date, ctx.settings.today())
        .map_err(|e| Failure::flag("date", e))?;
    let url = match args.url {
        Some(u) => Some(kith_core::person::normalize_url(&u).map_err(|e| Failure::flag("url", e))?),
        None => None,
    };
    let event = ctx
        .store
        .add_event(NewEvent {
            name: args.name,
            date,
            place: args.place,
            url,
            tags: args.tags,
            note: args.note,
        })
        .await?;
    if ctx.settings.json {
        output::json(&event)?;
    } else {
        say(&format!(
            "Added event #{}: {} on {}",
            event.number, event.name, event.date
        ))?;
    }
    Ok(())
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let today = ctx.settings.today();
    let mut events = ctx.store.events().await?;
    // Upcoming first, soonest first; then the past, latest first.
    events.sort_by(|a, b| {
        let up = |e: &kith_core::Event| e.date >= today;
        up(b).cmp(&up(a)).then_with(|| {
            if up(a) {
                a.date.cmp(&b.date)
            } else {
                b.date.cmp(&a.date)
            }
        })
    });
    if ctx.settings.json {
        output::json(&events)?;
        return Ok(());
    }
    if events.is_empty() {
        say(
            "No events yet. Add one with: kith event add \"Rust Meetup\" --date 2026-12-03 --where Berlin",
        )?;
        return Ok(());
    }
    let mut table = output::table(ctx.settings, &["#", "date", "name", "where", "tags"]);
    for e in &events {
        table.add_row(vec![
            e.number.to_string(),
            e.date.to_string(),
            e.name.clone(),
            e.place
                .clone()
                .or_else(|| e.url.clone())
                .unwrap_or_default(),
            e.tags.join(", "),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

async fn show(ctx: &Ctx<'_>, args: EventNumberArg) -> Result<(), Failure> {
    let event = ctx.store.event(args.number).await?;
    let met = ctx.store.met_at(event.id).await?;
    if ctx.settings.json {
        output::json(&json!({ "event": event, "met": met }))?;
        return Ok(());
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "#{} {} — {}",
        event.number,
        output::strong(&event.name, ctx.settings),
        event.date
    );
    for (label, value) in [
        ("where", event.place.clone()),
        ("url", event.url.clone()),
        (
            "tags",
            Some(event.tags.join(", ")).filter(|t| !t.is_empty()),
        ),
        ("note", event.note.clone()),
    ] {
        if let Some(v) = value {
            let _ = writeln!(text, "  {label:<6} {v}");
        }
    }
    if met.is_empty() {
        let _ = writeln!(
            text,
            "\nNobody recorded yet. After the event: kith event met {} HANDLE... (or --new \"Name\" --company C)",
            event.number
        );
    } else {
        let _ = writeln!(text, "\nMet there ({})", met.len());
        for p in &met {
            let _ = writeln!(text, "  {} ({})", p.name, p.handle);
        }
    }
    say(text.trim_end())?;
    Ok(())
}

async fn met(ctx: &Ctx<'_>, args: EventMetArgs) -> Result<(), Failure> {
    if args.handles.is_empty() && args.new.is_empty() {
        return Err(Failure::usage(anyhow::anyhow!(
            "name who you met: handles of people in kith, or --new \"Name\" for someone new"
        )));
    }
    if args.companies.len() > args.new.len() {
        return Err(Failure::usage(anyhow::anyhow!(
            "--company goes with a --new person: {} companies for {} new people",
            args.companies.len(),
            args.new.len()
        )));
    }
    let event = ctx.store.event(args.event).await?;
    // Everyone named must exist before anything is written.
    let mut ids = Vec::new();
    for handle in &args.handles {
        ids.push(person(ctx, handle).await?.id);
    }
    for (i, name) in args.new.iter().enumerate() {
        let added = ctx
            .store
            .add_person(NewPerson {
                name: name.clone(),
                company: args.companies.get(i).cloned(),
                how_met: Some(format!("{} ({})", event.name, event.date)),
                ..NewPerson::default()
            })
            .await?;
        ids.push(added.id);
    }
    // The meetup happened on the event's day; logged on that day it is evening there, or
    // now if the event is today.
    let tz = ctx.settings.now.time_zone();
    let at = if event.date == ctx.settings.today() {
        ctx.settings.now.timestamp()
    } else {
        event
            .date
            .at(19, 0, 0, 0)
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp())
            .unwrap_or_else(|_| ctx.settings.now.timestamp())
    };
    let follow_up_by = event
        .date
        .max(ctx.settings.today())
        .checked_add(FOLLOW_UP_DAYS.days())
        .unwrap_or(event.date);
    let outcome = ctx
        .store
        .record_met(event.id, &ids, at, follow_up_by)
        .await?;
    if ctx.settings.json {
        output::json(&outcome)?;
        return Ok(());
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "Met at #{} {}: {}",
        outcome.event.number,
        outcome.event.name,
        outcome
            .met
            .iter()
            .map(|p| format!("{} ({})", p.name, p.handle))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !outcome.already.is_empty() {
        let _ = writeln!(
            text,
            "  already recorded: {}",
            outcome
                .already
                .iter()
                .map(|p| p.handle.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        text,
        "  {} meetups logged, {} people tied as met at the same event",
        outcome.interactions, outcome.ties
    );
    for f in &outcome.follow_ups {
        let _ = writeln!(
            text,
            "  follow-up #{} due {}: {}",
            f.number, f.due, f.action
        );
    }
    say(text.trim_end())?;
    Ok(())
}
