//! `kith target` and `kith values set|list|score`: target companies with a tier and a
//! status, the seeker's values rubric, and each company's scores on it with evidence.
//! `company_view` gathers what `kith company show` adds: target, fit and relationship heat.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;
use kith_core::opportunity::fit::{Fit, fit};
use kith_core::opportunity::guard::is_networking;
use kith_core::opportunity::{Target, TargetStatus, Value};
use kith_core::relationship::Stage;
use kith_core::{Company, ParseError, Person, PersonLink};
use serde::Serialize;
use serde_json::json;

use super::opportunity::{company, known};
use super::{Ctx, person, say};
use crate::cli::{TargetArgs, ValuesCommand, ValuesScoreArgs, ValuesSetArgs};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn target(ctx: &Ctx<'_>, args: TargetArgs) -> Result<(), Failure> {
    let status: Option<TargetStatus> = args
        .status
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| Failure::flag("--status", e))?;
    let company = company(ctx, &args.company, false).await?;
    let t = ctx.store.set_target(company.id, args.tier, status).await?;
    if ctx.settings.json {
        return output::json(&t).map_err(Into::into);
    }
    say(&format!(
        "{} is a tier {} target, {}",
        company.name, t.tier, t.status
    ))
}

pub(crate) async fn values(ctx: &Ctx<'_>, command: ValuesCommand) -> Result<(), Failure> {
    match command {
        ValuesCommand::Set(args) => set(ctx, args).await,
        ValuesCommand::List => list(ctx).await,
        ValuesCommand::Score(args) => score(ctx, args).await,
    }
}

fn weight(text: &str) -> Result<u8, Failure> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|w| *w <= kith_core::opportunity::SCALE_MAX)
        .ok_or_else(|| Failure::flag("weight", ParseError::new("weight", text, "0 to 5")))
}

async fn set(ctx: &Ctx<'_>, args: ValuesSetArgs) -> Result<(), Failure> {
    let mut rubric = Vec::new();
    for item in &args.values {
        let (name, w) = item.rsplit_once('=').ok_or_else(|| {
            Failure::flag(
                "value",
                ParseError::new("value", item, "NAME=WEIGHT, such as mission=5"),
            )
        })?;
        rubric.push(Value {
            name: name.to_owned(),
            weight: weight(w)?,
        });
    }
    let values = ctx.store.set_values(&rubric).await?;
    if ctx.settings.json {
        return output::json(&values).map_err(Into::into);
    }
    say(&format!("Your values: {}", rubric_line(&values)))
}

fn rubric_line(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| format!("{} ({})", v.name, v.weight))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let values = ctx.store.values().await?;
    if ctx.settings.json {
        return output::json(&values).map_err(Into::into);
    }
    if values.is_empty() {
        return say("No values yet: kith values set mission=5 \"work-life balance\"=4 stack=3");
    }
    let mut table = output::table(ctx.settings, &["value", "weight"]);
    for v in &values {
        table.add_row(vec![v.name.clone(), v.weight.to_string()]);
    }
    output::print_table(&table).map_err(Into::into)
}

async fn score(ctx: &Ctx<'_>, args: ValuesScoreArgs) -> Result<(), Failure> {
    let score = args
        .score
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|s| *s <= kith_core::opportunity::SCALE_MAX)
        .ok_or_else(|| Failure::flag("score", ParseError::new("score", &args.score, "0 to 5")))?;
    let company = company(ctx, &args.company, false).await?;
    let mut evidence = args.evidence;
    let interaction = match &args.heard_from {
        Some(h) => {
            let p = person(ctx, h).await?;
            let latest = ctx
                .store
                .interactions_with(p.id, 1)
                .await?
                .into_iter()
                .next();
            let Some(latest) = latest else {
                return Err(Failure::from(anyhow::anyhow!(
                    "--heard-from: no conversation with {} logged yet (kith log {} …)",
                    p.name,
                    p.handle
                )));
            };
            if evidence.is_none() {
                evidence = latest.note.clone().map(|n| format!("{}: {n}", p.name));
            }
            Some(latest.id)
        }
        None => None,
    };
    let s = ctx
        .store
        .score_company(
            company.id,
            &args.value,
            score,
            evidence,
            interaction,
            ctx.settings.now.timestamp(),
        )
        .await?;
    if ctx.settings.json {
        return output::json(&s).map_err(Into::into);
    }
    say(&format!("{}: {} {}/5", company.name, s.value, s.score))
}

/// How warm kith's relationships at a company are.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Heat {
    pub(crate) people: usize,
    /// People there at conversing or beyond.
    pub(crate) warm: usize,
    pub(crate) stages: BTreeMap<Stage, usize>,
    pub(crate) last_touch: Option<Timestamp>,
    pub(crate) warm_people: Vec<(PersonLink, Stage)>,
}

/// What `kith company show` adds for the opportunity side.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CompanyView {
    pub(crate) target: Option<Target>,
    pub(crate) fit: Fit,
    pub(crate) heat: Heat,
    /// Notes of the latest conversations with people there: the evidence trail.
    pub(crate) conversations: Vec<serde_json::Value>,
}

/// The company's target tier and status (when it is a target) and its fit with the
/// seeker's values.
pub(crate) async fn target_and_fit(
    ctx: &Ctx<'_>,
    company: &Company,
) -> Result<(Option<Target>, Fit), Failure> {
    let (targets, rubric, scores) = tokio::join!(
        ctx.store.targets(),
        ctx.store.values(),
        ctx.store.value_scores(company.id),
    );
    // A company no longer marked a target keeps its tier and status for later, unshown.
    let target = targets?
        .into_iter()
        .find(|t| t.company == company.id && company.target);
    Ok((target, fit(&rubric?, &scores?)))
}

pub(crate) async fn company_view(
    ctx: &Ctx<'_>,
    company: &Company,
    people: &[Person],
) -> Result<CompanyView, Failure> {
    let (target, fit) = target_and_fit(ctx, company).await?;
    let ids: Vec<_> = people.iter().map(|p| p.id).collect();
    let known = known(ctx, &ids).await?;
    let mut stages = BTreeMap::new();
    let mut warm_people = Vec::new();
    let mut last_touch = None;
    for p in people {
        let Some(k) = known.get(&p.id) else { continue };
        *stages.entry(k.stage()).or_insert(0) += 1;
        if is_networking(k.stage()) {
            warm_people.push((k.link.clone(), k.stage()));
        }
        last_touch = last_touch.max(k.assessment.last_touch);
    }
    warm_people.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    let mut conversations = Vec::new();
    for p in people.iter().take(20) {
        for i in ctx.store.interactions_with(p.id, 3).await? {
            if let Some(note) = &i.note {
                conversations.push((i.occurred_at, p.name.clone(), i.kind, note.clone()));
            }
        }
    }
    conversations.sort_by_key(|c| std::cmp::Reverse(c.0));
    conversations.truncate(5);
    Ok(CompanyView {
        target,
        fit,
        heat: Heat {
            people: people.len(),
            warm: warm_people.len(),
            stages,
            last_touch,
            warm_people,
        },
        conversations: conversations
            .into_iter()
            .map(|(at, who, kind, note)| json!({"at": at, "with": who, "kind": kind, "note": note}))
            .collect(),
    })
}

/// The view in words, for `kith company show`.
pub(crate) fn describe(ctx: &Ctx<'_>, view: &CompanyView) -> String {
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    if let Some(t) = &view.target {
        let _ = writeln!(text, "\nTarget: tier {}, {}", t.tier, t.status);
    }
    match view.fit.percent {
        Some(p) => {
            let _ = writeln!(text, "\nFit: {p:.0}% ({})", view.fit.because);
        }
        None => {
            let _ = writeln!(text, "\nFit: not scored — {}", view.fit.because);
        }
    }
    for line in &view.fit.lines {
        let score = line.score.map_or("–".to_owned(), |s| format!("{s}/5"));
        let evidence = line
            .evidence
            .as_deref()
            .map(|e| format!("  “{e}”"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "  {:<20} weight {}  {score}{evidence}",
            line.value, line.weight
        );
    }
    let h = &view.heat;
    let stages = h
        .stages
        .iter()
        .map(|(s, n)| format!("{n} {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    let last = h
        .last_touch
        .map(|t| format!("; last touch {}", &output::when(t, tz)[..10]))
        .unwrap_or_default();
    let _ = writeln!(
        text,
        "\nHeat: {} warm of {} known here ({}){last}",
        h.warm,
        h.people,
        if stages.is_empty() {
            "nobody yet".into()
        } else {
            stages
        }
    );
    for (p, stage) in &h.warm_people {
        let _ = writeln!(text, "  {} ({}), {stage}", p.name, p.handle);
    }
    if !view.conversations.is_empty() {
        let _ = writeln!(text, "\nLatest conversations here:");
        for c in &view.conversations {
            let at = c["at"]
                .as_str()
                .and_then(|s| s.parse::<Timestamp>().ok())
                .map(|t| output::when(t, tz)[..10].to_owned())
                .unwrap_or_default();
            let _ = writeln!(
                text,
                "  {at} {} ({}): {}",
                c["with"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or(""),
                c["note"].as_str().unwrap_or("")
            );
        }
    }
    text
}
