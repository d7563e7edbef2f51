//! `kith lead add|list|show`: openings heard of, posted or not. A lead heard through
//! someone is the point: the list shows who told you and the warmest way in.

use std::fmt::Write as _;

use kith_core::when::parse_when;
use kith_core::{Company, CompanyId};
use kith_store::NewLead;
use serde_json::json;

use super::opportunity::{company, company_names, known};
use super::path::{WayIn, ways_into};
use super::{Ctx, person, say};
use crate::cli::{LeadAddArgs, LeadCommand, NumberArg};
use crate::failure::Failure;
use crate::output::{self, opt};

/// Paths into a lead's company are searched this deep, as `kith companies --reachable`.
const MAX_HOPS: u8 = 3;

pub(crate) async fn run(ctx: &Ctx<'_>, command: LeadCommand) -> Result<(), Failure> {
    match command {
        LeadCommand::Add(args) => add(ctx, args).await,
        LeadCommand::List => list(ctx).await,
        LeadCommand::Show(args) => show(ctx, args).await,
        LeadCommand::Close(args) => {
            let lead = ctx
                .store
                .close_lead(args.number, ctx.settings.now.timestamp())
                .await?;
            if ctx.settings.json {
                return output::json(&lead).map_err(Into::into);
            }
            say(&format!("Lead #{} ({}) closed", lead.number, lead.role))
        }
    }
}

async fn add(ctx: &Ctx<'_>, args: LeadAddArgs) -> Result<(), Failure> {
    let heard_at = match &args.when {
        Some(text) => {
            parse_when(text, &ctx.settings.now).map_err(|e| Failure::flag("--when", e))?
        }
        None => ctx.settings.now.timestamp(),
    };
    if args.role.trim().is_empty() {
        return Err(Failure::flag(
            "--role",
            kith_core::ParseError::new("role", &args.role, "the role's title"),
        ));
    }
    let source = match args.source.trim() {
        "posting" => None,
        handle => Some(person(ctx, handle).await?),
    };
    // Created (when new) only after the source is known, so a typo leaves nothing behind.
    let company = company(ctx, &args.company, true).await?;
    let lead = ctx
        .store
        .add_lead(NewLead {
            company: company.id,
            role: args.role,
            source: source.as_ref().map(|p| p.id),
            url: args.url,
            heard_at,
            note: args.note,
            next_step: args.next_step,
        })
        .await?;
    if ctx.settings.json {
        return output::json(&lead).map_err(Into::into);
    }
    let from = source
        .map(|p| format!(", heard from {} ({})", p.name, p.handle))
        .unwrap_or_default();
    say(&format!(
        "Lead #{}: {} at {}{from}",
        lead.number, lead.role, company.name
    ))
}

/// The warmest way into each company with a lead, by company.
async fn ways(
    ctx: &Ctx<'_>,
    companies: Vec<Company>,
) -> Result<std::collections::HashMap<CompanyId, WayIn>, Failure> {
    Ok(ways_into(ctx, companies, MAX_HOPS)
        .await?
        .into_iter()
        .map(|w| (w.company.id, w))
        .collect())
}

fn way_text(way: Option<&WayIn>) -> String {
    match way.and_then(|w| w.best.as_ref().zip(w.first.as_ref())) {
        Some(((people, score), (_, stage))) => format!(
            "{} ({score:.3}, first step {stage})",
            people
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" → ")
        ),
        None => "no path yet".into(),
    }
}

fn way_json(way: Option<&WayIn>) -> serde_json::Value {
    match way.and_then(|w| w.best.as_ref().zip(w.first.as_ref())) {
        Some(((people, score), (first, stage))) => json!({
            "path": people,
            "score": (score * 10_000.0).round() / 10_000.0,
            "first_step": first,
            "first_step_stage": stage,
            "ready": kith_core::intro::readiness(*stage).ready,
        }),
        None => serde_json::Value::Null,
    }
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let leads = ctx.store.leads().await?;
    let names = company_names(ctx).await?;
    let sources: Vec<_> = leads.iter().filter_map(|l| l.source).collect();
    let sources = known(ctx, &sources).await?;
    let mut companies: Vec<Company> = leads
        .iter()
        .filter_map(|l| names.get(&l.company).cloned())
        .collect();
    companies.sort_by_key(|c| c.id);
    companies.dedup_by_key(|c| c.id);
    let ways = ways(ctx, companies).await?;
    let tz = ctx.settings.now.time_zone();
    if ctx.settings.json {
        let list: Vec<_> = leads
            .iter()
            .map(|l| {
                let source = l.source.and_then(|s| sources.get(&s));
                json!({
                    "lead": l,
                    "company": names.get(&l.company).map(|c| json!({"handle": c.handle, "name": c.name})),
                    "source": source.map(|k| json!({"person": k.link, "stage": k.stage()})),
                    "warmest_path": way_json(ways.get(&l.company)),
                })
            })
            .collect();
        return output::json(&list).map_err(Into::into);
    }
    if leads.is_empty() {
        return say("No leads yet. Record one: kith lead add COMPANY --role R --source HANDLE");
    }
    let mut table = output::table(
        ctx.settings,
        &[
            "#",
            "company",
            "role",
            "heard from",
            "heard",
            "warmest path",
            "next step",
        ],
    );
    for l in &leads {
        let source = match l.source.and_then(|s| sources.get(&s)) {
            Some(k) => format!("{} ({})", k.link.name, k.stage()),
            None if l.source.is_some() => "someone since removed".into(),
            None => "posting".into(),
        };
        table.add_row(vec![
            l.number.to_string(),
            names
                .get(&l.company)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            l.role.clone(),
            source,
            output::when(l.heard_at, tz)[..10].to_owned(),
            way_text(ways.get(&l.company)),
            match l.closed_at {
                Some(_) => "(closed)".to_owned(),
                None => opt(&l.next_step).to_owned(),
            },
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

async fn show(ctx: &Ctx<'_>, args: NumberArg) -> Result<(), Failure> {
    let lead = ctx.store.lead(args.number).await?;
    let names = company_names(ctx).await?;
    let company = names.get(&lead.company).cloned();
    let referrals: Vec<_> = ctx
        .store
        .referrals()
        .await?
        .into_iter()
        .filter(|r| r.lead == lead.id)
        .collect();
    let applications: Vec<_> = ctx
        .store
        .applications()
        .await?
        .into_iter()
        .filter(|a| a.lead == Some(lead.id))
        .collect();
    let ids: Vec<_> = lead
        .source
        .into_iter()
        .chain(referrals.iter().map(|r| r.referrer))
        .collect();
    let people = known(ctx, &ids).await?;
    let ways = ways(ctx, company.clone().into_iter().collect()).await?;
    let way = ways.get(&lead.company);
    if ctx.settings.json {
        return output::json(&json!({
            "lead": lead,
            "company": company.as_ref().map(|c| json!({"handle": c.handle, "name": c.name})),
            "source": lead.source.and_then(|s| people.get(&s)).map(|k| json!({"person": k.link, "stage": k.stage()})),
            "warmest_path": way_json(way),
            "referrals": referrals,
            "applications": applications,
        }))
        .map_err(Into::into);
    }
    let tz = ctx.settings.now.time_zone();
    let mut text = String::new();
    let company_name = company.as_ref().map_or("?", |c| c.name.as_str());
    let _ = writeln!(
        text,
        "{} — lead #{}",
        output::strong(&format!("{} at {company_name}", lead.role), ctx.settings),
        lead.number
    );
    let source = match lead.source.and_then(|s| people.get(&s)) {
        Some(k) => format!("{} ({}, {})", k.link.name, k.link.handle, k.stage()),
        None => "a posting".into(),
    };
    let _ = writeln!(
        text,
        "  heard     {} from {source}",
        output::when(lead.heard_at, tz)
    );
    for (label, value) in [
        ("url", &lead.url),
        ("note", &lead.note),
        ("next step", &lead.next_step),
    ] {
        if let Some(v) = value {
            let _ = writeln!(text, "  {label:<9} {v}");
        }
    }
    if let Some(closed) = lead.closed_at {
        let _ = writeln!(text, "  closed    {}", output::when(closed, tz));
    }
    let _ = writeln!(text, "  way in    {}", way_text(way));
    for r in &referrals {
        let who = people
            .get(&r.referrer)
            .map_or("?".to_owned(), |k| k.link.name.clone());
        let _ = writeln!(text, "  referral  #{} through {who}: {}", r.number, r.stage);
    }
    for a in &applications {
        let _ = writeln!(
            text,
            "  applied   #{} via {} on {}: {}",
            a.number,
            a.channel,
            &output::when(a.applied_at, tz)[..10],
            a.status
        );
    }
    say(text.trim_end())
}
