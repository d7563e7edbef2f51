//! `kith person add|list|show|edit|rm`.

use std::fmt::Write as _;

use kith_store::{FollowUpFilter, NewPerson, PersonFilter, PersonPatch};
use serde_json::json;

use super::{Ctx, change, confirm, handle, say};
use crate::cli::{
    HandleArg, PersonAddArgs, PersonCommand, PersonEditArgs, PersonListArgs, RemoveArgs,
};
use crate::failure::Failure;
use crate::output::{self, opt, strong};

/// How many interactions `person show` lists.
const RECENT: u32 = 10;

pub(crate) async fn run(ctx: &Ctx<'_>, command: PersonCommand) -> Result<(), Failure> {
    match command {
        PersonCommand::Add(args) => add(ctx, *args).await,
        PersonCommand::List(args) => list(ctx, args).await,
        PersonCommand::Show(args) => show(ctx, args).await,
        PersonCommand::Edit(args) => edit(ctx, *args).await,
        PersonCommand::Rm(args) => remove(ctx, args).await,
    }
}

async fn add(ctx: &Ctx<'_>, args: PersonAddArgs) -> Result<(), Failure> {
    let person = ctx
        .store
        .add_person(NewPerson {
            name: args.name,
            company: args.company,
            role: args.role,
            location: args.location,
            how_met: args.how_met,
            note: args.note,
            birthday: args.birthday,
            emails: args.emails,
            phones: args.phones,
            urls: args.urls,
            tags: args.tags,
        })
        .await?;
    if ctx.settings.json {
        output::json(&person)?;
    } else {
        say(person.handle.as_str())?;
    }
    Ok(())
}

async fn list(ctx: &Ctx<'_>, args: PersonListArgs) -> Result<(), Failure> {
    let filter = PersonFilter {
        tag: args.tag,
        company: args.company,
        limit: args.limit,
    };
    let people = ctx.store.people(&filter).await?;
    if ctx.settings.json {
        output::json(&people)?;
        return Ok(());
    }
    let mut table = output::table(ctx.settings, &["handle", "name", "company", "role", "tags"]);
    for p in &people {
        table.add_row(vec![
            p.handle.as_str(),
            &p.name,
            p.company.as_ref().map_or("", |c| c.name.as_str()),
            opt(&p.role),
            &p.tags.join(", "),
        ]);
    }
    output::print_table(&table)?;
    if ctx.settings.color {
        say(&format!("{} people", people.len()))?;
    }
    Ok(())
}

async fn show(ctx: &Ctx<'_>, args: HandleArg) -> Result<(), Failure> {
    let person = super::person(ctx, &args.handle).await?;
    let interactions = ctx.store.interactions_with(person.id, RECENT).await?;
    let follow_ups = ctx
        .store
        .follow_ups(&FollowUpFilter {
            person: Some(person.id),
            ..FollowUpFilter::default()
        })
        .await?;
    let row = ctx.store.relationship(person.id).await?;
    let relationship = super::rhythm::assess_row(ctx, &row);
    let favours = kith_core::outreach::Favours::from_touches(&row.touches);
    if ctx.settings.json {
        output::json(&json!({
            "person": person,
            "relationship": super::rhythm::assessment_json(&relationship),
            "favours": { "given": favours.given, "received": favours.received, "balance": favours.balance() },
            "recent_interactions": interactions,
            "open_follow_ups": follow_ups,
        }))?;
        return Ok(());
    }
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} ({})",
        strong(&person.name, ctx.settings),
        person.handle
    );
    let mut field = |label: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(text, "  {label:<10} {value}");
        }
    };
    let works = match (&person.role, &person.company) {
        (Some(role), Some(company)) => format!("{role} at {} ({})", company.name, company.handle),
        (None, Some(company)) => format!("{} ({})", company.name, company.handle),
        (Some(role), None) => role.clone(),
        (None, None) => String::new(),
    };
    field("formerly", &person.former_names.join(", "));
    field("works", &works);
    field("location", opt(&person.location));
    field(
        "birthday",
        &person
            .birthday
            .as_deref()
            .map(kith_core::person::birthday_text)
            .unwrap_or_default(),
    );
    field("email", &person.emails.join(", "));
    field("phone", &person.phones.join(", "));
    field("web", &person.urls.join(" "));
    field("tags", &person.tags.join(", "));
    field("how met", opt(&person.how_met));
    field("note", opt(&person.note));
    field("added", &output::when(person.created_at, tz));
    for (label, value) in super::rhythm::summary_lines(ctx, &relationship) {
        field(label, &value);
    }
    field("favours", &favours.describe());
    if interactions.is_empty() {
        let _ = writeln!(
            text,
            "\nNo interactions yet. Record one with: kith log {} --kind message",
            person.handle
        );
    } else {
        let _ = writeln!(text, "\nRecent interactions (newest first):");
        for i in &interactions {
            let others: Vec<&str> = i
                .people
                .iter()
                .filter(|p| p.id != person.id)
                .map(|p| p.name.as_str())
                .collect();
            let with = if others.is_empty() {
                String::new()
            } else {
                format!(" (with {})", others.join(", "))
            };
            let channel = i.channel.map(|c| format!(" via {c}")).unwrap_or_default();
            let direction = if i.direction == kith_core::Direction::Inbound {
                ", inbound"
            } else {
                ""
            };
            let _ = writeln!(
                text,
                "  {}  {}{channel}{direction}{with}{}",
                output::when(i.occurred_at, tz),
                i.kind,
                // A note of several lines (a day of messages) stays under its entry.
                i.note
                    .as_deref()
                    .map(|n| format!(": {}", n.replace('\n', "\n      ")))
                    .unwrap_or_default()
            );
        }
    }
    if !follow_ups.is_empty() {
        let _ = writeln!(text, "\nOpen follow-ups:");
        for f in &follow_ups {
            let _ = writeln!(text, "  #{:<4} due {}  {}", f.number, f.due, f.action);
        }
    }
    say(text.trim_end())?;
    Ok(())
}

async fn edit(ctx: &Ctx<'_>, args: PersonEditArgs) -> Result<(), Failure> {
    let handle = handle(&args.handle)?;
    let patch = PersonPatch {
        name: args.name,
        company: change(args.company),
        role: change(args.role),
        location: change(args.location),
        how_met: change(args.how_met),
        note: change(args.note),
        birthday: change(args.birthday),
        add_emails: args.emails,
        remove_emails: args.remove_emails,
        add_phones: args.phones,
        remove_phones: args.remove_phones,
        add_urls: args.urls,
        remove_urls: args.remove_urls,
        add_tags: args.tags,
        remove_tags: args.untags,
        forget_names: args.forget_names,
    };
    if patch == PersonPatch::default() {
        return Err(Failure::usage(anyhow::anyhow!(
            "nothing to change: give at least one of --name, --company, --role, --email, --tag, …"
        )));
    }
    let person = ctx.store.edit_person(&handle, patch).await?;
    if ctx.settings.json {
        output::json(&person)?;
    } else {
        say(&format!("Updated {} ({})", person.name, person.handle))?;
    }
    Ok(())
}

async fn remove(ctx: &Ctx<'_>, args: RemoveArgs) -> Result<(), Failure> {
    let person = super::person(ctx, &args.handle).await?;
    let handle = person.handle.clone();
    let question = format!(
        "Remove {} ({}) with their ties, follow-ups and interactions nobody else shared?",
        person.name, person.handle
    );
    if !confirm(ctx, args.yes, &question)? {
        say("Nothing removed.")?;
        return Ok(());
    }
    ctx.store.remove_person(&handle).await?;
    if ctx.settings.json {
        output::json(&json!({ "removed": person.handle }))?;
    } else {
        say(&format!("Removed {} ({})", person.name, person.handle))?;
    }
    Ok(())
}
