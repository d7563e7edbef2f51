//! `OpportunityStore`: targets, the values rubric, leads, referrals (with the follow-ups
//! each stage leaves, see `kith_core::opportunity::referral`), applications and goals;
//! and writing a batch's or a backup's opportunities.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use kith_core::opportunity::referral::{check_move, follow_up};
use kith_core::opportunity::{
    Application, ApplicationStatus, Goals, Lead, Move, Referral, ReferralStage, SCALE_MAX, TIERS,
    Target, TargetStatus, Value, ValueScore, check_application_move,
};
use kith_core::{
    ApplicationId, CompanyId, Direction, FollowUp, FollowUpId, Interaction, InteractionId,
    InteractionKind, LeadId, ParseError, ReferralId,
};
use kith_store::{
    FollowUpRef, NewApplication, NewLead, NewReferral, Opportunities, OpportunityStore,
    ReferralChange, ReferralFollowUp, Result, StoreError,
};
use uuid::Uuid;

use super::follow_ups;
use super::interactions::{insert_interaction, person_link};
use super::opportunity_rows::{
    fetch_applications, fetch_goals, fetch_leads, fetch_referral_follow_ups, fetch_referrals,
    fetch_scores, fetch_targets, fetch_values, insert_application, insert_application_move,
    insert_lead, insert_referral, insert_referral_move, insert_value, lead_by_id, link_follow_up,
    upsert_goals, upsert_score, upsert_target,
};
use super::rows;
use super::{Conn, Numbered, Owned, SqlStore, ensure_owned, next_number, now_ms};
use crate::error::backend;

fn text(what: &'static str, value: &str) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        return Err(ParseError::new(what, value, "some text").into());
    }
    Ok(t.to_owned())
}

fn first<T>(mut found: Vec<T>, what: &'static str, number: i64) -> Result<T> {
    if found.is_empty() {
        return Err(StoreError::not_found(what, number.to_string()));
    }
    Ok(found.swap_remove(0))
}

async fn company_name(conn: &mut Conn, owner: Uuid, id: CompanyId) -> Result<String> {
    sqlx::query_scalar("SELECT name FROM companies WHERE owner_id = $1 AND id = $2")
        .bind(owner)
        .bind(id.as_uuid())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("company", id.to_string()))
}

/// Writes the follow-up `stage` needs for the referral, linked to it.
async fn stage_follow_up(
    conn: &mut Conn,
    owner: Uuid,
    referral: &Referral,
    today: Date,
) -> Result<Option<FollowUp>> {
    let lead = lead_by_id(conn, owner, referral.lead).await?;
    let referrer = person_link(conn, owner, referral.referrer).await?;
    let company = company_name(conn, owner, lead.company).await?;
    let Some(step) = follow_up(referral.stage, &referrer.name, &lead.role, &company) else {
        return Ok(None);
    };
    let f = FollowUp {
        id: FollowUpId::new(),
        number: next_number(conn, owner, Numbered::FollowUps).await?,
        person: Some(referrer),
        action: step.action,
        due: today.checked_add(step.in_days.days()).unwrap_or(today),
        done_at: None,
        owed_by: kith_core::follow_up::Owed::Me,
        created_at: rows::timestamp(now_ms())?,
    };
    follow_ups::insert_follow_up(conn, owner, &f).await?;
    link_follow_up(
        conn,
        owner,
        &ReferralFollowUp {
            referral: referral.id,
            follow_up: f.id,
        },
    )
    .await?;
    Ok(Some(f))
}

/// Writes a batch's or a backup's opportunities after its people, companies, interactions
/// and follow-ups; `renumber` puts leads, referrals and applications after the owner's.
pub(super) async fn write_opportunities(
    conn: &mut Conn,
    owner: Uuid,
    o: &Opportunities,
    renumber: bool,
) -> Result<()> {
    if o.is_empty() {
        return Ok(());
    }
    ensure_owned(
        conn,
        owner,
        Owned::Companies,
        o.targets
            .iter()
            .map(|t| t.company)
            .chain(o.value_scores.iter().map(|s| s.company))
            .chain(o.leads.iter().map(|l| l.company))
            .chain(o.applications.iter().map(|a| a.company))
            .map(|c| c.as_uuid()),
    )
    .await?;
    ensure_owned(
        conn,
        owner,
        Owned::People,
        o.leads
            .iter()
            .filter_map(|l| l.source)
            .chain(o.referrals.iter().map(|r| r.referrer))
            .map(|p| p.as_uuid()),
    )
    .await?;
    ensure_owned(
        conn,
        owner,
        Owned::Interactions,
        o.value_scores
            .iter()
            .filter_map(|s| s.interaction.map(|i| i.as_uuid())),
    )
    .await?;
    ensure_owned(
        conn,
        owner,
        Owned::FollowUps,
        o.referral_follow_ups.iter().map(|l| l.follow_up.as_uuid()),
    )
    .await?;
    for t in &o.targets {
        upsert_target(conn, owner, t).await?;
    }
    for (position, v) in o.values.iter().enumerate() {
        insert_value(conn, owner, v, position as i64).await?;
    }
    for s in &o.value_scores {
        upsert_score(conn, owner, s).await?;
    }
    let offset = |n: i64| if renumber { n - 1 } else { 0 };
    let leads_from = offset(next_number(conn, owner, Numbered::Leads).await?);
    for l in &o.leads {
        let mut l = l.clone();
        l.number += leads_from;
        insert_lead(conn, owner, &l).await?;
    }
    // Leads may be the batch's or already the owner's.
    ensure_owned(
        conn,
        owner,
        Owned::Leads,
        o.referrals
            .iter()
            .map(|r| r.lead)
            .chain(o.applications.iter().filter_map(|a| a.lead))
            .map(|l| l.as_uuid()),
    )
    .await?;
    let referrals_from = offset(next_number(conn, owner, Numbered::Referrals).await?);
    for r in &o.referrals {
        let mut r = r.clone();
        r.number += referrals_from;
        insert_referral(conn, owner, &r).await?;
    }
    ensure_owned(
        conn,
        owner,
        Owned::Referrals,
        o.referral_follow_ups.iter().map(|l| l.referral.as_uuid()),
    )
    .await?;
    for link in &o.referral_follow_ups {
        link_follow_up(conn, owner, link).await?;
    }
    let applications_from = offset(next_number(conn, owner, Numbered::Applications).await?);
    for a in &o.applications {
        let mut a = a.clone();
        a.number += applications_from;
        insert_application(conn, owner, &a).await?;
    }
    if let Some(g) = &o.goals {
        upsert_goals(conn, owner, g).await?;
    }
    Ok(())
}

/// Reads everything, as `Opportunities` documents its order.
pub(super) async fn read_opportunities(conn: &mut Conn, owner: Uuid) -> Result<Opportunities> {
    Ok(Opportunities {
        targets: fetch_targets(conn, owner).await?,
        values: fetch_values(conn, owner).await?,
        value_scores: fetch_scores(conn, owner, None).await?,
        leads: fetch_leads(conn, owner, None).await?,
        referrals: fetch_referrals(conn, owner, None).await?,
        referral_follow_ups: fetch_referral_follow_ups(conn, owner).await?,
        applications: fetch_applications(conn, owner, None).await?,
        goals: fetch_goals(conn, owner).await?,
    })
}

#[async_trait]
impl OpportunityStore for SqlStore {
    async fn set_target(
        &self,
        company: CompanyId,
        tier: Option<u8>,
        status: Option<TargetStatus>,
    ) -> Result<Target> {
        if let Some(t) = tier.filter(|t| !TIERS.contains(t)) {
            return Err(ParseError::new("tier", &t.to_string(), "1, 2 or 3").into());
        }
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::Companies, [company.as_uuid()]).await?;
        let current = fetch_targets(&mut tx, owner)
            .await?
            .into_iter()
            .find(|t| t.company == company);
        let target = Target {
            company,
            tier: tier.or(current.as_ref().map(|t| t.tier)).unwrap_or(2),
            status: status
                .or(current.as_ref().map(|t| t.status))
                .unwrap_or(TargetStatus::Researching),
            updated_at: rows::timestamp(now_ms())?,
        };
        upsert_target(&mut tx, owner, &target).await?;
        sqlx::query(
            "UPDATE companies SET target = TRUE, updated_at = $3
             WHERE owner_id = $1 AND id = $2 AND target = FALSE",
        )
        .bind(owner)
        .bind(company.as_uuid())
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(target)
    }

    async fn targets(&self) -> Result<Vec<Target>> {
        fetch_targets(&mut *self.conn().await?, self.owner_uuid()).await
    }

    async fn set_values(&self, rubric: &[Value]) -> Result<Vec<Value>> {
        let mut clean: Vec<Value> = Vec::new();
        for v in rubric {
            let name = text("value name", &v.name)?;
            if v.weight > SCALE_MAX {
                return Err(ParseError::new("weight", &v.weight.to_string(), "0 to 5").into());
            }
            if clean.iter().any(|c| c.name.eq_ignore_ascii_case(&name)) {
                return Err(ParseError::new("value name", &name, "each value named once").into());
            }
            clean.push(Value {
                name,
                weight: v.weight,
            });
        }
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        for old in fetch_values(&mut tx, owner).await? {
            if !clean.iter().any(|c| c.name == old.name) {
                sqlx::query("DELETE FROM company_values WHERE owner_id = $1 AND name = $2")
                    .bind(owner)
                    .bind(old.name)
                    .execute(&mut *tx)
                    .await
                    .map_err(backend)?;
            }
        }
        for (position, v) in clean.iter().enumerate() {
            insert_value(&mut tx, owner, v, position as i64).await?;
        }
        let values = fetch_values(&mut tx, owner).await?;
        tx.commit().await.map_err(backend)?;
        Ok(values)
    }

    async fn values(&self) -> Result<Vec<Value>> {
        fetch_values(&mut *self.conn().await?, self.owner_uuid()).await
    }

    async fn score_company(
        &self,
        company: CompanyId,
        value: &str,
        score: u8,
        evidence: Option<String>,
        interaction: Option<InteractionId>,
        at: Timestamp,
    ) -> Result<ValueScore> {
        if score > SCALE_MAX {
            return Err(ParseError::new("score", &score.to_string(), "0 to 5").into());
        }
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::Companies, [company.as_uuid()]).await?;
        ensure_owned(
            &mut tx,
            owner,
            Owned::Interactions,
            interaction.map(|i| i.as_uuid()),
        )
        .await?;
        let rubric = fetch_values(&mut tx, owner).await?;
        let Some(named) = rubric
            .iter()
            .find(|v| v.name.eq_ignore_ascii_case(value.trim()))
        else {
            let names: Vec<&str> = rubric.iter().map(|v| v.name.as_str()).collect();
            let expected = if names.is_empty() {
                "a value of your rubric (none yet: kith values set)".to_owned()
            } else {
                format!("one of your values: {}", names.join(", "))
            };
            return Err(ParseError::new("value", value, expected).into());
        };
        let s = ValueScore {
            company,
            value: named.name.clone(),
            score,
            evidence: rows::clean(evidence),
            interaction,
            scored_at: at,
        };
        upsert_score(&mut tx, owner, &s).await?;
        tx.commit().await.map_err(backend)?;
        Ok(s)
    }

    async fn value_scores(&self, company: CompanyId) -> Result<Vec<ValueScore>> {
        fetch_scores(&mut *self.conn().await?, self.owner_uuid(), Some(company)).await
    }

    async fn add_lead(&self, new: NewLead) -> Result<Lead> {
        let role = text("role", &new.role)?;
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::Companies, [new.company.as_uuid()]).await?;
        ensure_owned(
            &mut tx,
            owner,
            Owned::People,
            new.source.map(|p| p.as_uuid()),
        )
        .await?;
        let lead = Lead {
            id: LeadId::new(),
            number: next_number(&mut tx, owner, Numbered::Leads).await?,
            company: new.company,
            role,
            source: new.source,
            url: rows::clean(new.url),
            heard_at: new.heard_at,
            note: rows::clean(new.note),
            next_step: rows::clean(new.next_step),
            closed_at: None,
        };
        insert_lead(&mut tx, owner, &lead).await?;
        tx.commit().await.map_err(backend)?;
        Ok(lead)
    }

    async fn leads(&self) -> Result<Vec<Lead>> {
        fetch_leads(&mut *self.conn().await?, self.owner_uuid(), None).await
    }

    async fn lead(&self, number: i64) -> Result<Lead> {
        let found = fetch_leads(&mut *self.conn().await?, self.owner_uuid(), Some(number)).await?;
        first(found, "lead", number)
    }

    async fn close_lead(&self, number: i64, at: Timestamp) -> Result<Lead> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let mut lead = first(
            fetch_leads(&mut tx, owner, Some(number)).await?,
            "lead",
            number,
        )?;
        if let Some(closed) = lead.closed_at {
            return Err(StoreError::Conflict {
                what: "lead",
                key: number.to_string(),
                reason: format!("already closed at {closed}"),
            });
        }
        sqlx::query("UPDATE leads SET closed_at = $3 WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(lead.id.as_uuid())
            .bind(at.as_millisecond())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        lead.closed_at = Some(at);
        tx.commit().await.map_err(backend)?;
        Ok(lead)
    }

    async fn add_referral(&self, new: NewReferral) -> Result<ReferralChange> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::People, [new.referrer.as_uuid()]).await?;
        ensure_owned(&mut tx, owner, Owned::Leads, [new.lead.as_uuid()]).await?;
        let referral = Referral {
            id: ReferralId::new(),
            number: next_number(&mut tx, owner, Numbered::Referrals).await?,
            referrer: new.referrer,
            lead: new.lead,
            stage: new.stage,
            history: vec![Move {
                to: new.stage,
                at: new.at,
                note: rows::clean(new.note),
            }],
        };
        insert_referral(&mut tx, owner, &referral).await?;
        let follow_up = stage_follow_up(&mut tx, owner, &referral, new.today).await?;
        tx.commit().await.map_err(backend)?;
        Ok(ReferralChange {
            referral,
            completed: Vec::new(),
            follow_up,
            logged: None,
        })
    }

    async fn move_referral(
        &self,
        number: i64,
        to: ReferralStage,
        at: Timestamp,
        today: Date,
        note: Option<String>,
    ) -> Result<ReferralChange> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let mut referral = first(
            fetch_referrals(&mut tx, owner, Some(number)).await?,
            "referral",
            number,
        )?;
        check_move(referral.stage, to)?;
        let open: Vec<Uuid> = sqlx::query_scalar(
            "SELECT f.id FROM referral_follow_ups rf JOIN follow_ups f ON f.id = rf.follow_up_id
             WHERE rf.owner_id = $1 AND rf.referral_id = $2 AND f.done_at IS NULL
             ORDER BY f.number",
        )
        .bind(owner)
        .bind(referral.id.as_uuid())
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        let mut completed = Vec::new();
        for id in open {
            sqlx::query("UPDATE follow_ups SET done_at = $3 WHERE owner_id = $1 AND id = $2")
                .bind(owner)
                .bind(id)
                .bind(at.as_millisecond())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
            completed.push(
                follow_ups::find(&mut tx, owner, &FollowUpRef::Id(FollowUpId::from_uuid(id)))
                    .await?,
            );
        }
        let m = Move {
            to,
            at,
            note: rows::clean(note),
        };
        insert_referral_move(&mut tx, owner, referral.id, referral.history.len(), &m).await?;
        sqlx::query("UPDATE referrals SET stage = $3 WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(referral.id.as_uuid())
            .bind(to.as_str().to_owned())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        referral.stage = to;
        referral.history.push(m);
        let follow_up = stage_follow_up(&mut tx, owner, &referral, today).await?;
        let logged = if to == ReferralStage::Submitted {
            let lead = lead_by_id(&mut tx, owner, referral.lead).await?;
            let company = company_name(&mut tx, owner, lead.company).await?;
            let interaction = Interaction {
                id: InteractionId::new(),
                kind: InteractionKind::Referral,
                occurred_at: at,
                channel: None,
                direction: Direction::Inbound,
                created_at: Some(super::rows::timestamp(super::now_ms())?),
                note: Some(format!(
                    "Referred you for {} at {company} (referral #{})",
                    lead.role, referral.number
                )),
                people: vec![person_link(&mut tx, owner, referral.referrer).await?],
            };
            insert_interaction(&mut tx, owner, &interaction).await?;
            Some(interaction)
        } else {
            None
        };
        tx.commit().await.map_err(backend)?;
        Ok(ReferralChange {
            referral,
            completed,
            follow_up,
            logged,
        })
    }

    async fn referrals(&self) -> Result<Vec<Referral>> {
        fetch_referrals(&mut *self.conn().await?, self.owner_uuid(), None).await
    }

    async fn referral(&self, number: i64) -> Result<Referral> {
        let found =
            fetch_referrals(&mut *self.conn().await?, self.owner_uuid(), Some(number)).await?;
        first(found, "referral", number)
    }

    async fn add_application(&self, new: NewApplication) -> Result<Application> {
        let role = text("role", &new.role)?;
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::Companies, [new.company.as_uuid()]).await?;
        if let Some(lead) = new.lead {
            let lead = lead_by_id(&mut tx, owner, lead).await?;
            if lead.company != new.company {
                return Err(ParseError::new(
                    "lead",
                    &lead.number.to_string(),
                    "a lead at the company applied to",
                )
                .into());
            }
        }
        let application = Application {
            id: ApplicationId::new(),
            number: next_number(&mut tx, owner, Numbered::Applications).await?,
            company: new.company,
            role,
            channel: new.channel,
            lead: new.lead,
            tailored: new.tailored,
            status: ApplicationStatus::Applied,
            applied_at: new.applied_at,
            guard_override: rows::clean(new.guard_override),
            note: rows::clean(new.note),
            history: vec![Move {
                to: ApplicationStatus::Applied,
                at: new.applied_at,
                note: None,
            }],
        };
        insert_application(&mut tx, owner, &application).await?;
        tx.commit().await.map_err(backend)?;
        Ok(application)
    }

    async fn applications(&self) -> Result<Vec<Application>> {
        fetch_applications(&mut *self.conn().await?, self.owner_uuid(), None).await
    }

    async fn application(&self, number: i64) -> Result<Application> {
        let found =
            fetch_applications(&mut *self.conn().await?, self.owner_uuid(), Some(number)).await?;
        first(found, "application", number)
    }

    async fn move_application(
        &self,
        number: i64,
        to: ApplicationStatus,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<Application> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let mut a = first(
            fetch_applications(&mut tx, owner, Some(number)).await?,
            "application",
            number,
        )?;
        check_application_move(a.status, to)?;
        let m = Move {
            to,
            at,
            note: rows::clean(note),
        };
        insert_application_move(&mut tx, owner, a.id, a.history.len(), &m).await?;
        sqlx::query("UPDATE applications SET status = $3 WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(a.id.as_uuid())
            .bind(to.as_str().to_owned())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        a.status = to;
        a.history.push(m);
        tx.commit().await.map_err(backend)?;
        Ok(a)
    }

    async fn goals(&self) -> Result<Goals> {
        Ok(fetch_goals(&mut *self.conn().await?, self.owner_uuid())
            .await?
            .unwrap_or_default())
    }

    async fn set_goals(&self, goals: Goals) -> Result<Goals> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        upsert_goals(&mut tx, owner, &goals).await?;
        tx.commit().await.map_err(backend)?;
        Ok(goals)
    }

    async fn opportunities(&self) -> Result<Opportunities> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let o = read_opportunities(&mut tx, self.owner_uuid()).await?;
        tx.commit().await.map_err(backend)?;
        Ok(o)
    }
}
