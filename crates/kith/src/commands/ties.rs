//! `kith knows` and `kith ties`: who knows whom, the edges warm paths run along.

use kith_core::{PersonLink, Tie, TieKind, TieStrength};
use kith_store::{NewTie, TieChange};
use serde_json::json;

use super::{Ctx, person, say};
use crate::cli::{HandleArg, KnowsArgs};
use crate::failure::Failure;
use crate::output;

/// "friend, strength 4 (inferred)" — how a tie reads in a sentence.
pub(crate) fn tie_words(tie: &Tie) -> String {
    let inferred = if tie.inferred { ", inferred" } else { "" };
    format!("{}, strength {}{inferred}", tie.kind, tie.strength.get())
}

/// The one of the tie's two people who is not `me`.
pub(crate) fn other_end<'t>(tie: &'t Tie, me: &PersonLink) -> &'t PersonLink {
    if tie.a.id == me.id { &tie.b } else { &tie.a }
}

pub(crate) async fn knows(ctx: &Ctx<'_>, args: KnowsArgs) -> Result<(), Failure> {
    let a = person(ctx, &args.a).await?;
    let b = person(ctx, &args.b).await?;
    if a.id == b.id {
        return Err(Failure::usage(anyhow::anyhow!(
            "{} and {} are the same person: a tie joins two people",
            args.a,
            args.b
        )));
    }
    if args.forget {
        let tie = match ctx.store.forget_tie(a.id, b.id).await {
            Err(kith_store::StoreError::NotFound { .. }) => {
                return Err(Failure::usage(anyhow::anyhow!(
                    "no tie recorded between {} ({}) and {} ({}): nothing to forget",
                    a.name,
                    a.handle,
                    b.name,
                    b.handle
                )));
            }
            other => other?,
        };
        if ctx.settings.json {
            output::json(&json!({ "forgotten": tie }))?;
        } else {
            say(&format!(
                "Forgot that {} and {} know each other ({}).",
                a.name,
                b.name,
                tie_words(&tie)
            ))?;
        }
        return Ok(());
    }
    let kind: TieKind = args.how.parse().map_err(|e| Failure::flag("how", e))?;
    let strength = TieStrength::new(args.strength).map_err(|e| Failure::flag("strength", e))?;
    let (tie, change) = ctx
        .store
        .knows(NewTie {
            a: a.id,
            b: b.id,
            kind,
            strength,
            note: args.note,
        })
        .await?;
    if ctx.settings.json {
        output::json(&json!({ "tie": tie, "change": change }))?;
        return Ok(());
    }
    let what = match change {
        TieChange::Created => "now recorded",
        TieChange::Updated => "updated",
        TieChange::Unchanged => "already recorded, unchanged",
    };
    say(&format!(
        "{} and {} know each other: {} ({what}).",
        a.name,
        b.name,
        tie_words(&tie)
    ))
}

pub(crate) async fn list(ctx: &Ctx<'_>, args: HandleArg) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let me = who.link();
    let ties = ctx.store.ties_of(who.id).await?;
    let mut rows = Vec::with_capacity(ties.len());
    for tie in &ties {
        let other = other_end(tie, &me);
        let together = ctx.store.last_together(who.id, other.id).await?;
        rows.push((tie, other, together));
    }
    if ctx.settings.json {
        let list: Vec<_> = rows
            .iter()
            .map(|(tie, other, together)| {
                json!({
                    "person": other,
                    "how": tie.kind,
                    "strength": tie.strength,
                    "inferred": tie.inferred,
                    "note": tie.note,
                    "last_together": together.as_ref().map(|i| json!({
                        "kind": i.kind, "occurred_at": i.occurred_at, "note": i.note,
                    })),
                })
            })
            .collect();
        output::json(&json!({ "person": me, "ties": list }))?;
        return Ok(());
    }
    if rows.is_empty() {
        return say(&format!(
            "No ties recorded for {}. Add one with: kith knows {} OTHER --how colleague --strength 3",
            who.name, who.handle
        ));
    }
    say(&format!(
        "{} knows {} people you have recorded:",
        who.name,
        rows.len()
    ))?;
    let tz = ctx.settings.now.time_zone();
    let mut table = output::table(
        ctx.settings,
        &[
            "handle",
            "name",
            "how",
            "strength",
            "note",
            "last seen together",
        ],
    );
    for (tie, other, together) in &rows {
        let how = if tie.inferred {
            format!("{} (inferred)", tie.kind)
        } else {
            tie.kind.to_string()
        };
        table.add_row(vec![
            other.handle.to_string(),
            other.name.clone(),
            how,
            tie.strength.get().to_string(),
            output::opt(&tie.note).to_owned(),
            together
                .as_ref()
                .map(|i| format!("{} ({})", output::when(i.occurred_at, tz), i.kind))
                .unwrap_or_default(),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}
