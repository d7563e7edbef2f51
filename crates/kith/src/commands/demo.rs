//! `kith demo`: fill an empty database with a realistic, deterministic network.

use std::time::Instant;

use kith_demo::DemoSpec;
use serde_json::json;

use super::{Ctx, say};
use crate::cli::DemoArgs;
use crate::failure::Failure;
use crate::output;

/// The most ties `--ties` accepts: a million people's worth at ten each, which already
/// takes a few gigabytes to build.
const MAX_TIES: usize = 10_000_000;

pub(crate) async fn run(ctx: &Ctx<'_>, args: DemoArgs) -> Result<(), Failure> {
    if args.people == 0 || args.people > 1_000_000 {
        return Err(Failure::usage(anyhow::anyhow!(
            "--people: {} is out of range: expected 1 to 1000000",
            args.people
        )));
    }
    if let Some(ties) = args.ties
        && ties > MAX_TIES
    {
        return Err(Failure::usage(anyhow::anyhow!(
            "--ties: {ties} is out of range: expected 0 to {MAX_TIES}"
        )));
    }
    let existing = ctx.store.count_people().await?;
    if existing > 0 {
        return Err(Failure::from(anyhow::anyhow!(
            "the database at {} already has {existing} people; the demo only fills an empty \
             database (try --db demo.db)",
            ctx.settings.db
        )));
    }
    let started = Instant::now();
    let spec = DemoSpec {
        people: args.people,
        seed: args.seed,
        today: ctx.settings.today(),
        tz: ctx.settings.now.time_zone().clone(),
        ties: args.ties,
    };
    let batch = kith_demo::generate(&spec);
    let generated = started.elapsed();
    let stored = ctx.store.insert_network(&batch).await?;
    // The seeker's side: a profile for drafts and the versions of their pitch.
    ctx.store.set_profile(&kith_demo::seeker::profile()).await?;
    for (label, text) in kith_demo::seeker::PITCHES {
        ctx.store
            .add_pitch(Some((*label).to_owned()), (*text).to_owned())
            .await?;
    }
    let total = started.elapsed();
    if ctx.settings.json {
        output::json(&json!({
            "database": ctx.settings.db.to_string(),
            "stored": stored,
            "ties_requested": args.ties,
            "generate_ms": generated.as_millis(),
            "total_ms": total.as_millis(),
        }))?;
    } else {
        let short = match args.ties {
            Some(wanted) if stored.ties < wanted as u64 => format!(
                " (of {wanted} asked for: {} people make only {} pairs)",
                stored.people,
                kith_demo::max_ties(args.people)
            ),
            _ => String::new(),
        };
        say(&format!(
            "Demo network written to {} in {:.1}s: {} people, {} companies, {} ties{short}, \
             {} interactions, {} follow-ups, {} events.\nTry: kith agenda · kith garden · kith person list --tag rust · kith search kubernetes",
            ctx.settings.db,
            total.as_secs_f64(),
            stored.people,
            stored.companies,
            stored.ties,
            stored.interactions,
            stored.follow_ups,
            stored.events
        ))?;
    }
    Ok(())
}
