//! `kith explain HANDLE`: a relationship's stage, strength and due date, each with the
//! interactions and rules that produced it (see docs/relationships.md).

use std::fmt::Write as _;

use kith_core::relationship::{Circle, Touch, WEIGHTS, due, stage, strength};
use serde_json::json;

use super::{Ctx, person, say};
use crate::cli::HandleArg;
use crate::failure::Failure;
use crate::output;

/// Every interaction counts for the rules; this bounds one person's history.
const HISTORY: u32 = 10_000;

pub(crate) async fn run(ctx: &Ctx<'_>, args: HandleArg) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let history = ctx.store.interactions_with(who.id, HISTORY).await?;
    let touches: Vec<Touch> = history
        .iter()
        .map(|i| Touch {
            at: i.occurred_at,
            kind: i.kind,
            direction: i.direction,
        })
        .collect();
    let now = ctx.settings.now.timestamp();
    // Circles are not stored yet: every relationship is read as warm.
    let circle = Circle::Warm;
    let cadence = circle.default_cadence();
    let stage = stage(&touches, now, cadence);
    let strength = strength(&touches, now);
    let due = due(&touches, cadence, now, None);
    if ctx.settings.json {
        output::json(&json!({
            "person": who.link(),
            "circle": circle.as_str(),
            "cadence": cadence,
            "stage": { "value": stage.value.as_str(), "because": stage.because },
            "strength": strength,
            "weights": WEIGHTS.iter().map(|(k, w)| json!({ "part": k, "weight": w })).collect::<Vec<_>>(),
            "due": { "value": due.value, "because": due.because },
            "interactions": history.len(),
        }))?;
        return Ok(());
    }
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} ({}) — {} circle, every {} days (at most {})",
        who.name, who.handle, circle, cadence.ideal_days, cadence.max_days
    );
    let _ = writeln!(text, "  stage     {}: {}", stage.value, stage.because);
    let _ = writeln!(
        text,
        "  strength  {:.2} = 0.40 × recency {:.2} + 0.20 × frequency {:.2} + 0.25 × depth {:.2} + 0.15 × reciprocity {:.2}",
        strength.value, strength.recency, strength.frequency, strength.depth, strength.reciprocity
    );
    let _ = writeln!(
        text,
        "  due       {}: {}",
        output::when(due.value, tz),
        due.because
    );
    let _ = writeln!(
        text,
        "  from {} interactions (rules: docs/relationships.md)",
        history.len()
    );
    say(text.trim_end())?;
    Ok(())
}
