//! `kith log HANDLE... --kind KIND`: record an interaction.

use jiff::SignedDuration;
use kith_core::when::parse_when;
use kith_core::{Channel, Direction, InteractionKind};
use kith_store::{FollowUpFilter, NewFollowUp, NewInteraction};

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
    let thanks = thank_after_meeting(ctx, &interaction).await?;
    if ctx.settings.json {
        output::json(&interaction)?;
    } else {
        let names: Vec<&str> = interaction.people.iter().map(|p| p.name.as_str()).collect();
        let mut text = format!(
            "Logged {} with {} at {}",
            interaction.kind,
            names.join(", "),
            output::when(interaction.occurred_at, now.time_zone())
        );
        for f in &thanks {
            text.push_str(&format!(
                "\nFollow-up #{}: {} (by {})",
                f.number, f.action, f.due
            ));
        }
        say(&text)?;
    }
    Ok(())
}

/// After a coffee chat or an informational interview, a thank-you is due within a day:
/// a follow-up for each person in it, unless an open one to thank them exists already. A
/// meeting logged after that day has passed (history being caught up on) gets none.
async fn thank_after_meeting(
    ctx: &Ctx<'_>,
    interaction: &kith_core::Interaction,
) -> Result<Vec<kith_core::FollowUp>, Failure> {
    use jiff::ToSpan;
    if !matches!(
        interaction.kind,
        InteractionKind::CoffeeChat | InteractionKind::InformationalInterview
    ) {
        return Ok(Vec::new());
    }
    let tz = ctx.settings.now.time_zone();
    let day = interaction.occurred_at.to_zoned_datetime(tz.clone()).date();
    let due = day.checked_add(1.day()).unwrap_or(day);
    if due < ctx.settings.today() {
        return Ok(Vec::new());
    }
    let what = match interaction.kind {
        InteractionKind::CoffeeChat => "the coffee chat",
        _ => "the informational interview",
    };
    let mut made = Vec::new();
    for p in &interaction.people {
        let open = ctx
            .store
            .follow_ups(&FollowUpFilter {
                person: Some(p.id),
                ..FollowUpFilter::default()
            })
            .await?;
        if open
            .iter()
            .any(|f| f.action.to_lowercase().starts_with("thank"))
        {
            continue;
        }
        made.push(
            ctx.store
                .add_follow_up(NewFollowUp {
                    person: Some(p.id),
                    action: format!(
                        "Thank {} for {what}: one thing you took from it, and any promise you made",
                        p.name
                    ),
                    due,
                })
                .await?,
        );
    }
    Ok(made)
}
