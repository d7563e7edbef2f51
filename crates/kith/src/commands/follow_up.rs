//! `kith follow-up add|list|done`.

use kith_core::follow_up::Owed;
use kith_core::when::parse_date;
use kith_core::{FollowUp, FollowUpId};
use kith_store::{FollowUpFilter, FollowUpRef, NewFollowUp};

use super::{Ctx, person, say};
use crate::cli::{FollowUpAddArgs, FollowUpCommand, FollowUpDoneArgs, FollowUpListArgs};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, command: FollowUpCommand) -> Result<(), Failure> {
    match command {
        FollowUpCommand::Add(args) => add(ctx, args).await,
        FollowUpCommand::List(args) => list(ctx, args).await,
        FollowUpCommand::Done(args) => done(ctx, args).await,
    }
}

async fn add(ctx: &Ctx<'_>, args: FollowUpAddArgs) -> Result<(), Failure> {
    let due = parse_date(&args.due, ctx.settings.today()).map_err(|e| Failure::flag("--due", e))?;
    let person = person(ctx, &args.handle).await?;
    let follow_up = ctx
        .store
        .add_follow_up(NewFollowUp {
            person: Some(person.id),
            action: args.action,
            due,
            owed_by: if args.theirs { Owed::Them } else { Owed::Me },
        })
        .await?;
    if ctx.settings.json {
        output::json(&follow_up)?;
    } else if args.theirs {
        say(&format!(
            "Follow-up #{}: {} promised you {} (check in gently from {})",
            follow_up.number, person.name, follow_up.action, follow_up.due
        ))?;
    } else {
        say(&format!(
            "Follow-up #{} for {}: {} (due {})",
            follow_up.number, person.name, follow_up.action, follow_up.due
        ))?;
    }
    Ok(())
}

/// A follow-up's action as lists show it: what they owe says so.
pub(crate) fn action_words(f: &FollowUp) -> String {
    match f.owed_by {
        Owed::Me => f.action.clone(),
        Owed::Them => format!("they promised: {} (check in gently)", f.action),
    }
}

async fn list(ctx: &Ctx<'_>, args: FollowUpListArgs) -> Result<(), Failure> {
    let due_by = args
        .due_by
        .as_deref()
        .map(|d| parse_date(d, ctx.settings.today()))
        .transpose()
        .map_err(|e| Failure::flag("--due-by", e))?;
    let follow_ups = ctx
        .store
        .follow_ups(&FollowUpFilter {
            include_done: args.all,
            person: None,
            due_by,
        })
        .await?;
    if ctx.settings.json {
        output::json(&follow_ups)?;
        return Ok(());
    }
    let today = ctx.settings.today();
    let mut table = output::table(ctx.settings, &["#", "due", "who", "action", "state"]);
    for f in &follow_ups {
        let state = match f.done_at {
            Some(at) => format!("done {}", output::when(at, ctx.settings.now.time_zone())),
            None if f.due < today => "overdue".into(),
            None if f.due == today => "due today".into(),
            None => String::new(),
        };
        table.add_row(vec![
            f.number.to_string(),
            f.due.to_string(),
            f.person
                .as_ref()
                .map(|p| format!("{} ({})", p.name, p.handle))
                .unwrap_or_default(),
            action_words(f),
            state,
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

async fn done(ctx: &Ctx<'_>, args: FollowUpDoneArgs) -> Result<(), Failure> {
    let which = match args.id.trim().trim_start_matches('#').parse::<i64>() {
        Ok(n) => FollowUpRef::Number(n),
        Err(_) => FollowUpRef::Id(args.id.trim().parse::<FollowUpId>().map_err(|_| {
            Failure::flag(
                "follow-up",
                kith_core::ParseError::new(
                    "follow-up",
                    &args.id,
                    "its number as listed (such as 12) or its full ID",
                ),
            )
        })?),
    };
    let follow_up = ctx
        .store
        .complete_follow_up(&which, ctx.settings.now.timestamp())
        .await?;
    if ctx.settings.json {
        output::json(&follow_up)?;
    } else {
        say(&format!("Done: #{} {}", follow_up.number, follow_up.action))?;
    }
    Ok(())
}
