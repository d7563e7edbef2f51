//! `kith lint`: the outreach coach's check of a message before it is sent. The rules are
//! `kith_core::outreach` (docs/outreach.md); this module gathers their context from what
//! kith knows about the recipient.

use kith_core::outreach::{Favours, LintContext, Severity, lint};
use kith_core::relationship::Stage;
use serde_json::json;

use super::rhythm::assess_row;
use super::{Ctx, person, read_text, say};
use crate::cli::LintArgs;
use crate::failure::Failure;
use crate::output;

/// What the linter should know about a recipient: their stage, name, the facts that make
/// a hook (company, role, job change, tags) and the favours ledger.
pub(crate) async fn context_for(
    ctx: &Ctx<'_>,
    who: &kith_core::Person,
) -> Result<LintContext, Failure> {
    let row = ctx.store.relationship(who.id).await?;
    let assessment = assess_row(ctx, &row);
    let touch = ctx.store.touch_context(who.id).await?;
    let mut context = LintContext {
        stage: Some(assessment.stage.value),
        recipient_name: Some(who.name.clone()),
        favours: Some(Favours::from_touches(&row.touches)),
        ..LintContext::default()
    };
    context
        .facts
        .extend(who.company.as_ref().map(|c| c.name.clone()));
    context.facts.extend(who.role.clone());
    context.facts.extend(touch.job_change.map(|(to, _)| to));
    context.facts.extend(who.tags.iter().cloned());
    Ok(context)
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: LintArgs) -> Result<(), Failure> {
    let message = match &args.file {
        Some(path) => read_text(path, "the message")?,
        None => read_text(std::path::Path::new("-"), "the message")?,
    };
    let mut context = LintContext::default();
    let mut to = None;
    if let Some(handle) = &args.to {
        let who = person(ctx, handle).await?;
        context = context_for(ctx, &who).await?;
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
