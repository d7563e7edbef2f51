//! `kith referral ask|move|list`: a referral's life cycle, tied to the person who refers
//! you. Asking warns when the relationship is not ready (stage, favours balance); every
//! stage leaves the follow-up it needs on the agenda (`kith_core::opportunity::referral`).

use std::fmt::Write as _;

use kith_core::opportunity::ReferralStage;
use kith_core::opportunity::referral::ask_warnings;
use kith_store::{NewReferral, ReferralChange};
use serde_json::json;

use super::opportunity::{company_names, known};
use super::{Ctx, person, say};
use crate::cli::{ReferralAskArgs, ReferralCommand, ReferralMoveArgs};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, command: ReferralCommand) -> Result<(), Failure> {
    match command {
        ReferralCommand::Ask(args) => ask(ctx, args).await,
        ReferralCommand::Move(args) => move_to(ctx, args).await,
        ReferralCommand::List => list(ctx).await,
    }
}

fn describe_change(change: &ReferralChange, text: &mut String) {
    for f in &change.completed {
        let _ = write!(text, "\ndone: follow-up {} ({})", f.number, f.action);
    }
    if let Some(i) = &change.logged {
        let _ = write!(
            text,
            "\nlogged: {}",
            i.note.as_deref().unwrap_or("a referral")
        );
    }
    if let Some(f) = &change.follow_up {
        let _ = write!(text, "\nfollow-up {} due {}: {}", f.number, f.due, f.action);
    }
}

async fn ask(ctx: &Ctx<'_>, args: ReferralAskArgs) -> Result<(), Failure> {
    let referrer = person(ctx, &args.handle).await?;
    let lead = ctx.store.lead(args.lead).await?;
    let relationship = known(ctx, &[referrer.id]).await?;
    let works_there = referrer
        .company
        .as_ref()
        .is_some_and(|c| c.id == lead.company);
    let warnings = relationship
        .get(&referrer.id)
        .map(|k| ask_warnings(k.stage(), k.favours, works_there))
        .unwrap_or_default();
    let stage = if args.considered {
        ReferralStage::Considered
    } else {
        ReferralStage::Asked
    };
    let change = ctx
        .store
        .add_referral(NewReferral {
            referrer: referrer.id,
            lead: lead.id,
            stage,
            at: ctx.settings.now.timestamp(),
            today: ctx.settings.today(),
            note: args.note,
        })
        .await?;
    if ctx.settings.json {
        return output::json(&json!({
            "referral": change.referral,
            "warnings": warnings,
            "completed": change.completed,
            "follow_up": change.follow_up,
            "logged": change.logged,
        }))
        .map_err(Into::into);
    }
    let mut text = format!(
        "Referral #{} through {} for lead #{} ({}): {}",
        change.referral.number, referrer.name, lead.number, lead.role, stage
    );
    for w in &warnings {
        let _ = write!(text, "\nwarning: {w}");
    }
    describe_change(&change, &mut text);
    say(&text)
}

async fn move_to(ctx: &Ctx<'_>, args: ReferralMoveArgs) -> Result<(), Failure> {
    let stage: ReferralStage = args.stage.parse().map_err(|e| Failure::flag("stage", e))?;
    let change = ctx
        .store
        .move_referral(
            args.number,
            stage,
            ctx.settings.now.timestamp(),
            ctx.settings.today(),
            args.note,
        )
        .await?;
    if ctx.settings.json {
        return output::json(&change).map_err(Into::into);
    }
    let mut text = format!("Referral #{} is now {}", change.referral.number, stage);
    describe_change(&change, &mut text);
    say(&text)
}

async fn list(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let referrals = ctx.store.referrals().await?;
    let leads = ctx.store.leads().await?;
    let names = company_names(ctx).await?;
    let ids: Vec<_> = referrals.iter().map(|r| r.referrer).collect();
    let people = known(ctx, &ids).await?;
    let open = ctx
        .store
        .follow_ups(&kith_store::FollowUpFilter::default())
        .await?;
    let opportunities = ctx.store.opportunities().await?;
    let next_for = |r: &kith_core::opportunity::Referral| {
        opportunities
            .referral_follow_ups
            .iter()
            .filter(|l| l.referral == r.id)
            .find_map(|l| open.iter().find(|f| f.id == l.follow_up))
    };
    if ctx.settings.json {
        let list: Vec<_> = referrals
            .iter()
            .map(|r| {
                let lead = leads.iter().find(|l| l.id == r.lead);
                json!({
                    "referral": r,
                    "referrer": people.get(&r.referrer).map(|k| json!({"person": k.link, "stage": k.stage()})),
                    "lead": lead,
                    "company": lead.and_then(|l| names.get(&l.company)).map(|c| json!({"handle": c.handle, "name": c.name})),
                    "next_follow_up": next_for(r),
                })
            })
            .collect();
        return output::json(&list).map_err(Into::into);
    }
    if referrals.is_empty() {
        return say(
            "No referrals yet. When a relationship is ready: kith referral ask HANDLE --lead N",
        );
    }
    let mut table = output::table(
        ctx.settings,
        &["#", "referrer", "lead", "stage", "since", "next"],
    );
    let tz = ctx.settings.now.time_zone();
    for r in &referrals {
        let lead = leads.iter().find(|l| l.id == r.lead);
        let lead_text = lead
            .map(|l| {
                let company = names.get(&l.company).map_or("?", |c| c.name.as_str());
                format!("#{} {} at {company}", l.number, l.role)
            })
            .unwrap_or_default();
        table.add_row(vec![
            r.number.to_string(),
            people
                .get(&r.referrer)
                .map(|k| k.link.name.clone())
                .unwrap_or_default(),
            lead_text,
            r.stage.to_string(),
            r.history
                .last()
                .map(|m| output::when(m.at, tz)[..10].to_owned())
                .unwrap_or_default(),
            next_for(r)
                .map(|f| format!("{}: {}", f.due, f.action))
                .unwrap_or_default(),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}
