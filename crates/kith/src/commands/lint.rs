//! `kith lint`: the outreach coach's check of a message before it is sent. The rules are
//! `kith_core::outreach` (docs/outreach.md); this module gathers their context from what
//! kith knows about the recipient.

use std::io::Read as _;

use anyhow::Context as _;
use kith_core::outreach::{Favours, LintContext, Severity, lint};
use kith_core::relationship::Stage;
use serde_json::json;

use super::rhythm::assess_row;
use super::{Ctx, person, say};
use crate::cli::LintArgs;
use crate::failure::Failure;
use crate::output;

/// The message, from a file or standard input; not UTF-8 is an error naming the source.
fn read_message(args: &LintArgs) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let source = match &args.file {
        Some(path) if path.as_os_str() != "-" => {
            bytes = std::fs::read(path)
                .with_context(|| format!("reading the message from {}", path.display()))?;
            path.display().to_string()
        }
        _ => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading the message from standard input")?;
            "standard input".to_owned()
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        Failure::usage(anyhow::anyhow!(
            "the message in {source} is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: LintArgs) -> Result<(), Failure> {
    let message = read_message(&args)?;
    let mut context = LintContext::default();
    let mut to = None;
    if let Some(handle) = &args.to {
        let who = person(ctx, handle).await?;
        let row = ctx.store.relationship(who.id).await?;
        let assessment = assess_row(ctx, &row);
        let touch = ctx.store.touch_context(who.id).await?;
        context.stage = Some(assessment.stage.value);
        context.recipient_name = Some(who.name.clone());
        context.favours = Some(Favours::from_touches(&row.touches));
        context
            .facts
            .extend(who.company.as_ref().map(|c| c.name.clone()));
        context.facts.extend(who.role.clone());
        context.facts.extend(touch.job_change.map(|(to, _)| to));
        context.facts.extend(who.tags.iter().cloned());
        to = Some(who.link());
    }
    if let Some(stage) = &args.stage {
        context.stage = Some(
            stage
                .parse::<Stage>()
                .map_err(|e| Failure::flag("stage", e))?,
        );
    }
    if let Some(channel) = &args.channel {
        context.channel = Some(channel.parse().map_err(|e| Failure::flag("channel", e))?);
    }
    let findings = lint(&message, &context);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if ctx.settings.json {
        output::json(&json!({
            "to": to,
            "stage": context.stage,
            "channel": context.channel,
            "findings": findings,
            "errors": errors,
            "warnings": findings.len() - errors,
        }))?;
        return Ok(());
    }
    if findings.is_empty() {
        return say(
            "No findings: the message reads as personal, proportionate and asks nothing it should not.",
        );
    }
    let mut text = String::new();
    for f in &findings {
        text.push_str(&format!(
            "{} {} “{}”\n  {}\n  → {}\n",
            output::strong(f.severity.as_str(), ctx.settings),
            f.rule,
            f.excerpt.trim(),
            f.message,
            f.suggestion
        ));
    }
    text.push_str(&format!(
        "{} finding{} ({} error{}); docs/outreach.md explains each rule.",
        findings.len(),
        if findings.len() == 1 { "" } else { "s" },
        errors,
        if errors == 1 { "" } else { "s" }
    ));
    say(&text)
}
