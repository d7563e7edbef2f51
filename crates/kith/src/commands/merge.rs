//! `kith dupes`, `kith merge KEEP ABSORB`, its history and `kith merge --undo [N]`.

use std::collections::HashMap;

use kith_core::identity::{Evidence, Known, LikelyDuplicate, likely_duplicates, same_name};
use kith_core::{Person, PersonId};
use kith_store::{MergeRef, PersonFilter};
use serde_json::json;

use super::{Ctx, confirm, person, say};
use crate::cli::MergeArgs;
use crate::failure::Failure;
use crate::output;

fn identity(p: &Person) -> Known {
    Known {
        name: p.name.clone(),
        former_names: p.former_names.clone(),
        company: p.company.as_ref().map(|c| c.name.clone()),
        linkedin: p
            .urls
            .iter()
            .find(|u| u.starts_with("https://www.linkedin.com/in/"))
            .cloned(),
        emails: p.emails.clone(),
        phones: p.phones.clone(),
    }
}

/// When a pair shares a name only through a name one of them went by before: which, for
/// the "why" (`bob-smith was Robert Smith`); `None` when their names are the same now.
fn formerly(a: &Person, b: &Person) -> Option<String> {
    if same_name(&a.name, &b.name) {
        return None;
    }
    let was = |p: &Person, name: &str| p.former_names.iter().find(|f| same_name(f, name)).cloned();
    if let Some(name) = was(a, &b.name) {
        return Some(format!("{} was {name}", a.handle));
    }
    if let Some(name) = was(b, &a.name) {
        return Some(format!("{} was {name}", b.handle));
    }
    a.former_names
        .iter()
        .find_map(|f| was(b, f))
        .map(|name| format!("both were {name}"))
}

pub(crate) async fn dupes(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let people = ctx.store.people(&PersonFilter::default()).await?;
    let by_id: HashMap<PersonId, &Person> = people.iter().map(|p| (p.id, p)).collect();
    let known: Vec<(PersonId, Known)> = people.iter().map(|p| (p.id, identity(p))).collect();
    let pairs = likely_duplicates(&known);
    // Whether a pair rests on a name (with or without the company).
    let by_name = |d: &LikelyDuplicate| {
        d.reasons
            .iter()
            .any(|r| matches!(r, Evidence::NameAndCompany | Evidence::NameOnly))
    };
    let rows: Vec<serde_json::Value> = pairs
        .iter()
        .filter_map(|d| {
            let (a, b) = (by_id.get(&d.a)?, by_id.get(&d.b)?);
            let mut row = json!({
                "a": a.link(),
                "b": b.link(),
                "reasons": d.reasons.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
            });
            if let Some(formerly) = by_name(d).then(|| formerly(a, b)).flatten() {
                row["formerly"] = json!(formerly);
            }
            Some(row)
        })
        .collect();
    if ctx.settings.json {
        output::json(&rows)?;
        return Ok(());
    }
    if rows.is_empty() {
        say("No likely duplicates.")?;
        return Ok(());
    }
    let mut table = output::table(ctx.settings, &["keep", "merge in", "why", "command"]);
    for d in &pairs {
        let (Some(a), Some(b)) = (by_id.get(&d.a), by_id.get(&d.b)) else {
            continue;
        };
        let reasons: Vec<&str> = d.reasons.iter().map(|r| r.as_str()).collect();
        let mut why = format!("same {}", reasons.join(", "));
        if let Some(formerly) = by_name(d).then(|| formerly(a, b)).flatten() {
            why.push_str(&format!(" ({formerly})"));
        }
        table.add_row(vec![
            format!("{} ({})", a.name, a.handle),
            format!("{} ({})", b.name, b.handle),
            why,
            format!("kith merge {} {}", a.handle, b.handle),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: MergeArgs) -> Result<(), Failure> {
    if args.history {
        let merges = ctx.store.merges().await?;
        if ctx.settings.json {
            output::json(&merges)?;
            return Ok(());
        }
        let tz = ctx.settings.now.time_zone();
        let mut table = output::table(ctx.settings, &["#", "when", "kept", "merged in", "undone"]);
        for m in &merges {
            let undone = match (m.undone_at, m.undoable) {
                (Some(at), _) => output::when(at, tz),
                (None, true) => String::new(),
                (None, false) => "(cannot be undone)".to_owned(),
            };
            table.add_row(vec![
                m.number.to_string(),
                output::when(m.merged_at, tz),
                format!("{} ({})", m.kept.name, m.kept.handle),
                format!("{} ({})", m.absorbed.name, m.absorbed.handle),
                undone,
            ]);
        }
        output::print_table(&table)?;
        return Ok(());
    }
    if let Some(number) = args.undo {
        return undo(ctx, number, args.yes).await;
    }
    let (Some(keep), Some(absorb)) = (args.keep.as_deref(), args.absorb.as_deref()) else {
        return Err(Failure::usage(anyhow::anyhow!(
            "expected KEEP ABSORB, --history or --undo [N]"
        )));
    };
    let keep = person(ctx, keep).await?;
    let absorb = person(ctx, absorb).await?;
    let question = format!(
        "Merge {} ({}) into {} ({})? {} is removed afterwards; the merge history keeps a copy.",
        absorb.name, absorb.handle, keep.name, keep.handle, absorb.handle
    );
    if !confirm(ctx, args.yes, &question)? {
        say("Nothing merged.")?;
        return Ok(());
    }
    let outcome = ctx.store.merge_people(&keep.handle, &absorb.handle).await?;
    if ctx.settings.json {
        output::json(&outcome)?;
    } else {
        say(&format!(
            "Merged {} into {} ({}): {} interactions, {} ties and {} follow-ups moved.",
            outcome.absorbed.name,
            outcome.kept.name,
            outcome.kept.handle,
            outcome.interactions,
            outcome.ties,
            outcome.follow_ups
        ))?;
    }
    Ok(())
}

async fn undo(ctx: &Ctx<'_>, number: Option<u64>, yes: bool) -> Result<(), Failure> {
    let merges = ctx.store.merges().await?;
    let which = number.map_or(MergeRef::Latest, MergeRef::Number);
    // The store decides (and refuses); this only names the merge in the question.
    let target = match which {
        MergeRef::Latest => merges.iter().find(|m| m.undone_at.is_none()),
        MergeRef::Number(n) => merges.iter().find(|m| m.number == n),
    };
    if let Some(m) = target.filter(|m| m.undone_at.is_none()) {
        let question = format!(
            "Undo merge {}: bring back {} ({}) from {} ({})?",
            m.number, m.absorbed.name, m.absorbed.handle, m.kept.name, m.kept.handle
        );
        if !confirm(ctx, yes, &question)? {
            say("Nothing undone.")?;
            return Ok(());
        }
    }
    let outcome = ctx.store.undo_merge(which).await?;
    if ctx.settings.json {
        output::json(&outcome)?;
    } else {
        say(&format!(
            "Undid merge {}: {} ({}) is back with {} interactions, {} ties and {} follow-ups; \
             {} ({}) has their own details back.",
            outcome.number,
            outcome.restored.name,
            outcome.restored.handle,
            outcome.interactions,
            outcome.ties,
            outcome.follow_ups,
            outcome.kept.name,
            outcome.kept.handle
        ))?;
    }
    Ok(())
}
