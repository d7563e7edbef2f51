//! `kith log HANDLE... --kind KIND`: record an interaction.

use jiff::SignedDuration;
use kith_core::when::parse_when;
use kith_core::{Channel, Direction, InteractionKind};
use kith_store::NewInteraction;

use super::{Ctx, handle, person, say};
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
    for h in &args.handles {
        people.push(person(ctx, h).await?.id);
    }
    let interaction = ctx
        .store
        .log_interaction(NewInteraction {
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
        })
        .await?;
    if ctx.settings.json {
        output::json(&interaction)?;
    } else {
        let names: Vec<&str> = interaction.people.iter().map(|p| p.name.as_str()).collect();
        say(&format!(
            "Logged {} with {} at {}",
            interaction.kind,
            names.join(", "),
            output::when(interaction.occurred_at, now.time_zone())
        ))?;
    }
    Ok(())
}
