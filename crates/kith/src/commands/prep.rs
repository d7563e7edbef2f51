//! `kith prep HANDLE`: a one-page brief before a coffee chat or informational interview —
//! who they are, how you met, what you have talked about, what is owed either way, their
//! company, and questions chosen for where the relationship stands
//! (`kith_core::questions`).

use std::fmt::Write as _;

use kith_core::follow_up::Owed;
use kith_core::outreach::Favours;
use kith_core::questions::{self, Known};
use kith_core::{FollowUp, Interaction};
use kith_store::FollowUpFilter;
use serde_json::json;

use super::rhythm::{assess_row, assessment_json};
use super::ties::{other_end, tie_words};
use super::{Ctx, person, say};
use crate::cli::PrepArgs;
use crate::failure::Failure;
use crate::output;

/// How much history a brief holds: enough to remember, short enough for one page.
const HISTORY: u32 = 8;
const QUESTIONS: usize = 6;

pub(crate) async fn run(ctx: &Ctx<'_>, args: PrepArgs) -> Result<(), Failure> {
    let who = person(ctx, &args.handle).await?;
    let row = ctx.store.relationship(who.id).await?;
    let assessment = assess_row(ctx, &row);
    let touch = ctx.store.touch_context(who.id).await?;
    let history: Vec<Interaction> = ctx.store.interactions_with(who.id, HISTORY).await?;
    let promises: Vec<FollowUp> = ctx
        .store
        .follow_ups(&FollowUpFilter {
            person: Some(who.id),
            ..FollowUpFilter::default()
        })
        .await?;
    let ties = ctx.store.ties_of(who.id).await?;
    let company = match &who.company {
        Some(c) => Some(ctx.store.company(c.handle.as_str()).await?),
        None => None,
    };
    let favours = Favours::from_touches(&row.touches);
    // The opportunity side of their company: target tier and status, the fit with its
    // evidence, and the leads there still open.
    let (target, fit, leads) = match &company {
        Some(c) => {
            let (target, fit) = super::target::target_and_fit(ctx, c).await?;
            let open: Vec<_> = ctx
                .store
                .leads()
                .await?
                .into_iter()
                .filter(|l| l.company == c.id && l.closed_at.is_none())
                .collect();
            (target, Some(fit), open)
        }
        None => (None, None, Vec::new()),
    };
    let known = Known {
        company: company.is_some(),
        target: company.as_ref().is_some_and(|c| c.target),
        job_change: touch.job_change.is_some(),
    };
    let own = ctx.store.own_questions().await?;
    let bank = questions::bank_with(&own);
    let picked = questions::pick(&bank, assessment.stage.value, known, QUESTIONS);
    let pitch = ctx.store.pitches().await?.into_iter().find(|p| p.current);
    let pitch_check = pitch.as_ref().map(|p| kith_core::pitch::check(&p.body));
    let (theirs, mine): (Vec<&FollowUp>, Vec<&FollowUp>) =
        promises.iter().partition(|f| f.owed_by == Owed::Them);
    let me = who.link();
    let introduced: Vec<String> = ties
        .iter()
        .filter(|t| t.kind == kith_core::TieKind::Introduced)
        .map(|t| other_end(t, &me).name.clone())
        .collect();

    if ctx.settings.json || args.format == "json" {
        output::json(&json!({
            "person": who,
            "relationship": assessment_json(&assessment),
            "how_met": who.how_met,
            "introduced_with": introduced,
            "ties": ties.iter().map(|t| json!({
                "person": other_end(t, &me), "how": t.kind, "strength": t.strength, "note": t.note,
            })).collect::<Vec<_>>(),
            "history": history,
            "open_promises": { "yours": mine, "theirs": theirs },
            "pitch": pitch.as_ref().map(|p| json!({
                "version": p.version, "label": p.label, "text": p.body,
                "words": pitch_check.as_ref().map(|c| c.words),
                "seconds": pitch_check.as_ref().map(|c| c.seconds),
            })),
            "favours": { "given": favours.given, "received": favours.received, "balance": favours.balance() },
            "company": company,
            "target": target,
            "fit": fit,
            "open_leads": leads,
            "job_change": touch.job_change.as_ref().map(|(to, at)| json!({ "to": to, "at": at })),
            "questions": picked,
        }))?;
        return Ok(());
    }

    let tz = ctx.settings.now.time_zone();
    let mut md = String::new();
    let _ = writeln!(md, "# Prep: {} ({})\n", who.name, who.handle);
    let works = match (&who.role, &who.company) {
        (Some(role), Some(c)) => format!("{role} at {}", c.name),
        (None, Some(c)) => c.name.clone(),
        (Some(role), None) => role.clone(),
        (None, None) => "where they work is not recorded".to_owned(),
    };
    let _ = writeln!(md, "## Who they are\n\n- {works}");
    if let Some(loc) = &who.location {
        let _ = writeln!(md, "- based in {loc}");
    }
    if !who.tags.is_empty() {
        let _ = writeln!(md, "- tags: {}", who.tags.join(", "));
    }
    if let Some((to, at)) = &touch.job_change {
        let _ = writeln!(
            md,
            "- moved to {to} ({}): congratulate them",
            at.strftime("%Y-%m-%d")
        );
    }
    if let Some(note) = &who.note {
        let _ = writeln!(md, "- note: {note}");
    }
    let _ = writeln!(
        md,
        "\n## You and them\n\n- stage: {} ({})\n- strength: {:.2}\n- favours: {}",
        assessment.stage.value,
        assessment.stage.because,
        assessment.strength.value,
        favours.describe()
    );
    match &who.how_met {
        Some(how) => {
            let _ = writeln!(md, "- how you met: {how}");
        }
        None => {
            let _ = writeln!(md, "- how you met: not recorded");
        }
    }
    if !introduced.is_empty() {
        let _ = writeln!(md, "- introduced with: {}", introduced.join(", "));
    }
    let mutual: Vec<String> = ties
        .iter()
        .filter(|t| t.kind != kith_core::TieKind::Introduced)
        .take(5)
        .map(|t| format!("{} ({})", other_end(t, &me).name, tie_words(t)))
        .collect();
    if !mutual.is_empty() {
        let _ = writeln!(
            md,
            "- people they know that you recorded: {}",
            mutual.join(", ")
        );
    }
    let _ = writeln!(md, "\n## What you have talked about (latest first)\n");
    if history.is_empty() {
        let _ = writeln!(md, "Nothing logged yet.");
    }
    for i in &history {
        let note = i
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "- {} {} ({}){note}",
            output::when(i.occurred_at, tz),
            i.kind,
            i.direction
        );
    }
    let _ = writeln!(md, "\n## Open promises\n");
    if promises.is_empty() {
        let _ = writeln!(md, "None open either way.");
    }
    for f in &mine {
        let _ = writeln!(
            md,
            "- you owe them (#{}, due {}): {}",
            f.number, f.due, f.action
        );
    }
    for f in &theirs {
        let _ = writeln!(
            md,
            "- they promised you (#{}, check in from {}): {}",
            f.number, f.due, f.action
        );
    }
    if let Some(c) = &company {
        let _ = writeln!(md, "\n## {}\n", c.name);
        let _ = writeln!(
            md,
            "- {}",
            if c.target {
                "a target company for you"
            } else {
                "not marked as a target"
            }
        );
        if let Some(t) = &target {
            let _ = writeln!(md, "- target tier {}, {}", t.tier, t.status);
        }
        if let Some(f) = fit.as_ref().filter(|f| f.percent.is_some()) {
            let _ = writeln!(
                md,
                "- fit with your values: {:.0}% ({})",
                f.percent.unwrap_or_default(),
                f.because
            );
            for line in f.lines.iter().filter(|l| l.evidence.is_some()) {
                let _ = writeln!(
                    md,
                    "  - {}: {}/5, “{}”",
                    line.value,
                    line.score.unwrap_or_default(),
                    line.evidence.as_deref().unwrap_or_default()
                );
            }
        }
        for l in &leads {
            let _ = writeln!(
                md,
                "- open lead #{}: {}{}",
                l.number,
                l.role,
                l.next_step
                    .as_deref()
                    .map(|n| format!(" (next: {n})"))
                    .unwrap_or_default()
            );
        }
        for (label, value) in [
            ("size", c.size.map(|s| s.to_string())),
            ("remote", c.remote_policy.map(|r| r.to_string())),
            ("where", c.location.clone()),
            ("notes", c.notes.clone()),
        ] {
            if let Some(value) = value {
                let _ = writeln!(md, "- {label}: {value}");
            }
        }
    }
    let _ = writeln!(md, "\n## Questions to ask\n");
    for q in &picked {
        let _ = writeln!(md, "- {} _({})_", q.text, q.purpose);
    }
    let _ = writeln!(md, "\n## Your pitch\n");
    match (&pitch, &pitch_check) {
        (Some(p), Some(c)) => {
            let _ = writeln!(
                md,
                "v{} ({} words, about {:.0} s):\n\n> {}",
                p.version,
                c.words,
                c.seconds,
                p.body.replace('\n', "\n> ")
            );
            if !c.passes() {
                let _ = writeln!(
                    md,
                    "\n`kith pitch check` has {} thing(s) to fix first.",
                    c.findings.len()
                );
            }
        }
        _ => {
            let _ = writeln!(md, "None yet: `kith pitch add \"I'm …\"`.");
        }
    }
    say(md.trim_end())
}
