//! `kith pitch add|list|show|use|check`: versions of the 30-second pitch, checked by
//! `kith_core::pitch` (spoken length at a documented rate, who/what/where-next, filler),
//! and how each version fared when an interaction was logged with `--pitch`.

use std::fmt::Write as _;

use kith_core::pitch::{self, Pitch, PitchCheck};
use serde_json::json;

use super::{Ctx, read_text, say};
use crate::cli::{PitchAddArgs, PitchCheckArgs, PitchCommand};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, cmd: PitchCommand) -> Result<(), Failure> {
    match cmd {
        PitchCommand::Add(args) => add(ctx, args).await,
        PitchCommand::List => list(ctx).await,
        PitchCommand::Show(v) => show(ctx, v.number).await,
        PitchCommand::Use(v) => {
            let p = ctx.store.use_pitch(v.number).await?;
            if ctx.settings.json {
                return super::json_out(&p);
            }
            say(&format!(
                "Pitch version {} is now the one in use.",
                p.version
            ))
        }
        PitchCommand::Check(args) => check(ctx, args).await,
    }
}

/// A stored version: the one asked for, or the one in use.
pub(crate) async fn find(ctx: &Ctx<'_>, version: Option<i64>) -> Result<Pitch, Failure> {
    let all = ctx.store.pitches().await?;
    if all.is_empty() {
        return Err(Failure::usage(anyhow::anyhow!(
            "no pitch yet; add one with `kith pitch add \"I'm …\"`"
        )));
    }
    match version {
        Some(v) => all.into_iter().find(|p| p.version == v).ok_or_else(|| {
            Failure::usage(anyhow::anyhow!(
                "no pitch version {v}; `kith pitch list` shows them"
            ))
        }),
        None => all.into_iter().find(|p| p.current).ok_or_else(|| {
            Failure::usage(anyhow::anyhow!(
                "no pitch is in use; pick one with `kith pitch use VERSION`"
            ))
        }),
    }
}

async fn add(ctx: &Ctx<'_>, args: PitchAddArgs) -> Result<(), Failure> {
    let body = match (&args.text, &args.file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_text(path, "the pitch")?,
        (None, None) => unreachable!("clap requires the text or --file"),
    };
    if body.trim().is_empty() {
        return Err(Failure::usage(anyhow::anyhow!("the pitch is empty")));
    }
    let p = ctx.store.add_pitch(args.label, body).await?;
    let c = pitch::check(&p.body);
    if ctx.settings.json {
        return super::json_out(&json!({ "pitch": p, "check": c }));
    }
    say(&format!(
        "Pitch version {} added and in use.\n\n{}",
        p.version,
        describe(&c)
    ))
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let pitches = ctx.store.pitches().await?;
    let outcomes = ctx.store.pitch_outcomes(None).await?;
    let rows: Vec<_> = pitches
        .iter()
        .map(|p| {
            let c = pitch::check(&p.body);
            let o = outcomes.iter().find(|o| o.pitch == p.id);
            (p, c, o)
        })
        .collect();
    if ctx.settings.json {
        return super::json_out(
            &rows
                .iter()
                .map(|(p, c, o)| {
                    json!({
                        "version": p.version,
                        "label": p.label,
                        "current": p.current,
                        "words": c.words,
                        "seconds": c.seconds,
                        "passes": c.passes(),
                        "uses": o.map_or(0, |o| o.uses),
                        "people": o.map_or(0, |o| o.people),
                        "replied": o.map_or(0, |o| o.replied),
                        "met": o.map_or(0, |o| o.met),
                    })
                })
                .collect::<Vec<_>>(),
        );
    }
    if rows.is_empty() {
        return say("No pitch yet; add one with `kith pitch add \"I'm …\"`.");
    }
    let mut text = String::new();
    for (p, c, o) in &rows {
        let label = p
            .label
            .as_deref()
            .map(|l| format!(" “{l}”"))
            .unwrap_or_default();
        let fared = match o {
            Some(o) => format!(
                "used {} time{} with {} {}: {} replied ({}), {} met you afterwards ({})",
                o.uses,
                if o.uses == 1 { "" } else { "s" },
                o.people,
                if o.people == 1 { "person" } else { "people" },
                o.replied,
                percent(o.replied, o.people),
                o.met,
                percent(o.met, o.people),
            ),
            None => "not used yet (log with --pitch to track it)".to_owned(),
        };
        let _ = writeln!(
            text,
            "{}{}{label} — {} words, ~{:.0} s, {}; {fared}",
            if p.current { "* " } else { "  " },
            output::strong(&format!("v{}", p.version), ctx.settings),
            c.words,
            c.seconds,
            if c.passes() {
                "passes the check".to_owned()
            } else {
                format!("{} to fix", c.findings.len())
            },
        );
    }
    text.push_str("* = in use");
    say(&text)
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        return "–".to_owned();
    }
    format!("{:.0} %", n as f64 * 100.0 / of as f64)
}

async fn show(ctx: &Ctx<'_>, version: Option<i64>) -> Result<(), Failure> {
    let p = find(ctx, version).await?;
    let c = pitch::check(&p.body);
    if ctx.settings.json {
        return super::json_out(&json!({ "pitch": p, "check": c }));
    }
    say(&format!(
        "Pitch v{}{}{}\n\n{}\n\n{}",
        p.version,
        p.label
            .as_deref()
            .map(|l| format!(" “{l}”"))
            .unwrap_or_default(),
        if p.current { " (in use)" } else { "" },
        p.body,
        describe(&c)
    ))
}

async fn check(ctx: &Ctx<'_>, args: PitchCheckArgs) -> Result<(), Failure> {
    let (label, body) = match args.text {
        Some(text) => ("the text given".to_owned(), text),
        None => {
            let p = find(ctx, args.number).await?;
            (format!("pitch v{}", p.version), p.body)
        }
    };
    let c = pitch::check(&body);
    if ctx.settings.json {
        return super::json_out(&c);
    }
    say(&format!("Checking {label}:\n{}", describe(&c)))
}

/// The check in words: length, the three parts, then what to fix.
pub(crate) fn describe(c: &PitchCheck) -> String {
    let mut text = format!(
        "{} words, about {:.0} seconds at {} words a minute (aim for {:.0} or less).\n",
        c.words,
        c.seconds,
        c.words_per_minute,
        pitch::TARGET_SECONDS
    );
    for (part, found) in [
        ("who you are", &c.parts.who),
        ("what you do", &c.parts.what),
        ("where you want to be in 12 months", &c.parts.next),
    ] {
        let _ = match found {
            Some(words) => writeln!(text, "  ✓ {part}: “{words}”"),
            None => writeln!(text, "  ✗ {part}: missing"),
        };
    }
    if c.passes() {
        text.push_str("Nothing to fix.");
        return text;
    }
    for f in &c.findings {
        let _ = writeln!(text, "{}: {}", f.rule, f.message);
    }
    text.trim_end().to_owned()
}
