//! What the opportunity commands share: finding the company a lead or an application is
//! about, the people kith knows with their relationship's stage, and the facts the
//! cold-apply guard weighs about one company.

use std::collections::HashMap;

use kith_core::opportunity::guard::Facts;
use kith_core::opportunity::{Application, ApplicationChannel, ApplicationStatus, Lead, Referral};
use kith_core::outreach::Favours;
use kith_core::relationship::{Assessment, Stage};
use kith_core::{Company, CompanyId, PersonId, PersonLink};
use kith_store::{NewCompany, StoreError};

use super::Ctx;
use super::rhythm::assess_row;
use crate::failure::Failure;

/// The company named by handle or name; with `create`, one that does not exist yet is
/// added under that name (a lead or an application often names a company first).
pub(crate) async fn company(ctx: &Ctx<'_>, text: &str, create: bool) -> Result<Company, Failure> {
    match ctx.store.company(text).await {
        Err(StoreError::NotFound { .. }) if create => Ok(ctx
            .store
            .add_company(NewCompany {
                name: text.to_owned(),
                ..NewCompany::default()
            })
            .await?),
        Err(StoreError::NotFound { .. }) => Err(Failure::from(anyhow::anyhow!(
            "no company {text:?} (kith company list shows them)"
        ))),
        other => Ok(other?),
    }
}

/// Someone as the opportunity commands show them.
#[derive(Debug, Clone)]
pub(crate) struct Known {
    pub(crate) link: PersonLink,
    pub(crate) assessment: Assessment,
    pub(crate) favours: Favours,
}

impl Known {
    pub(crate) fn stage(&self) -> Stage {
        self.assessment.stage.value
    }
}

/// The relationships of these people, by ID (unknown IDs are left out).
pub(crate) async fn known(
    ctx: &Ctx<'_>,
    ids: &[PersonId],
) -> Result<HashMap<PersonId, Known>, Failure> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    let rows = ctx.store.relationships_of(&ids).await?;
    Ok(rows
        .iter()
        .map(|row| {
            (
                row.person.id,
                Known {
                    link: row.person.clone(),
                    assessment: assess_row(ctx, row),
                    favours: Favours::from_touches(&row.touches),
                },
            )
        })
        .collect())
}

/// Everything the guard looks at about one company, owned, so `Facts` can borrow it.
#[derive(Debug, Default)]
pub(crate) struct GuardInput {
    pub(crate) people: Vec<(PersonLink, Stage)>,
    pub(crate) referrals: Vec<(i64, PersonLink, kith_core::opportunity::ReferralStage)>,
    pub(crate) leads: Vec<(i64, PersonLink, String)>,
    pub(crate) applications: Vec<(i64, String, ApplicationStatus, jiff::Timestamp)>,
}

impl GuardInput {
    pub(crate) fn facts(&self, channel: ApplicationChannel, now: jiff::Timestamp) -> Facts<'_> {
        Facts {
            channel,
            now,
            people: &self.people,
            referrals: &self.referrals,
            leads: &self.leads,
            applications: &self.applications,
        }
    }
}

pub(crate) async fn guard_input(
    ctx: &Ctx<'_>,
    company: &Company,
    leads: &[Lead],
    referrals: &[Referral],
    applications: &[Application],
) -> Result<GuardInput, Failure> {
    let staff = ctx.store.people_at(&company.handle).await?;
    let here: Vec<&Lead> = leads.iter().filter(|l| l.company == company.id).collect();
    let lead_ids: Vec<_> = here.iter().map(|l| l.id).collect();
    let theirs: Vec<&Referral> = referrals
        .iter()
        .filter(|r| lead_ids.contains(&r.lead))
        .collect();
    let ids: Vec<PersonId> = staff
        .iter()
        .map(|p| p.id)
        .chain(theirs.iter().map(|r| r.referrer))
        .chain(here.iter().filter_map(|l| l.source))
        .collect();
    let known = known(ctx, &ids).await?;
    let link = |id: &PersonId| known.get(id).map(|k| k.link.clone());
    Ok(GuardInput {
        people: staff
            .iter()
            .filter_map(|p| known.get(&p.id).map(|k| (k.link.clone(), k.stage())))
            .collect(),
        referrals: theirs
            .iter()
            .filter_map(|r| Some((r.number, link(&r.referrer)?, r.stage)))
            .collect(),
        leads: here
            .iter()
            .filter(|l| l.closed_at.is_none())
            .filter_map(|l| Some((l.number, link(l.source.as_ref()?)?, l.role.clone())))
            .collect(),
        applications: applications
            .iter()
            .filter(|a| a.company == company.id)
            .map(|a| {
                let at = a.history.last().map_or(a.applied_at, |m| m.at);
                (a.number, a.role.clone(), a.status, at)
            })
            .collect(),
    })
}

/// Company names by ID, for lists.
pub(crate) async fn company_names(ctx: &Ctx<'_>) -> Result<HashMap<CompanyId, Company>, Failure> {
    Ok(ctx
        .store
        .companies()
        .await?
        .into_iter()
        .map(|c| (c.company.id, c.company))
        .collect())
}
