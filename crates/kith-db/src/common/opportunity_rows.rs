//! The opportunity side's rows: reading them back into domain records and writing them,
//! one record at a time, shared by the store's commands and by batches (restore, demo).

use std::collections::HashMap;

use kith_core::opportunity::{Application, Goals, Lead, Move, Referral, Target, Value, ValueScore};
use kith_core::{ApplicationId, CompanyId, InteractionId, LeadId, PersonId, ReferralId};
use kith_store::{ReferralFollowUp, Result, StoreError};
use uuid::Uuid;

use super::Conn;
use super::rows::{self, DbRow, get};
use crate::error::{backend, db_error};

fn small(what: &'static str, value: i64) -> Result<u8> {
    u8::try_from(value).map_err(|_| StoreError::Corrupt {
        what,
        detail: value.to_string(),
    })
}

fn count(what: &'static str, value: Option<i64>) -> Result<Option<u32>> {
    value
        .map(|v| {
            u32::try_from(v).map_err(|_| StoreError::Corrupt {
                what,
                detail: v.to_string(),
            })
        })
        .transpose()
}

// ---- targets, values, scores, goals ----

pub(super) async fn fetch_targets(conn: &mut Conn, owner: Uuid) -> Result<Vec<Target>> {
    let rows = sqlx::query(
        "SELECT company_id, tier, status, updated_at FROM targets WHERE owner_id = $1
         ORDER BY company_id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Target {
                company: CompanyId::from_uuid(get(row, "company_id")?),
                tier: small("target tier", get(row, "tier")?)?,
                status: rows::vocab("target status", &get::<String>(row, "status")?)?,
                updated_at: rows::timestamp(get(row, "updated_at")?)?,
            })
        })
        .collect()
}

pub(super) async fn upsert_target(conn: &mut Conn, owner: Uuid, target: &Target) -> Result<()> {
    sqlx::query(
        "INSERT INTO targets (company_id, owner_id, tier, status, updated_at)
         VALUES ($2, $1, $3, $4, $5)
         ON CONFLICT (company_id) DO UPDATE SET tier = $3, status = $4, updated_at = $5",
    )
    .bind(owner)
    .bind(target.company.as_uuid())
    .bind(i64::from(target.tier))
    .bind(target.status.as_str().to_owned())
    .bind(target.updated_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(super) async fn fetch_values(conn: &mut Conn, owner: Uuid) -> Result<Vec<Value>> {
    let rows = sqlx::query(
        "SELECT name, weight FROM company_values WHERE owner_id = $1 ORDER BY position",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Value {
                name: get(row, "name")?,
                weight: small("value weight", get(row, "weight")?)?,
            })
        })
        .collect()
}

pub(super) async fn insert_value(
    conn: &mut Conn,
    owner: Uuid,
    value: &Value,
    position: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO company_values (owner_id, name, weight, position) VALUES ($1, $2, $3, $4)
         ON CONFLICT (owner_id, name) DO UPDATE SET weight = $3, position = $4",
    )
    .bind(owner)
    .bind(value.name.clone())
    .bind(i64::from(value.weight))
    .bind(position)
    .execute(&mut *conn)
    .await
    .map_err(db_error("value", &value.name))?;
    Ok(())
}

/// Scores in the rubric's order; all the owner's when `company` is `None` (by company).
pub(super) async fn fetch_scores(
    conn: &mut Conn,
    owner: Uuid,
    company: Option<CompanyId>,
) -> Result<Vec<ValueScore>> {
    let rows = sqlx::query(
        "SELECT s.company_id, s.value_name, s.score, s.evidence, s.interaction_id, s.scored_at
         FROM value_scores s
         JOIN company_values v ON v.owner_id = s.owner_id AND v.name = s.value_name
         WHERE s.owner_id = $1 AND ($2 IS NULL OR s.company_id = $2)
         ORDER BY s.company_id, v.position",
    )
    .bind(owner)
    .bind(company.map(|c| c.as_uuid()))
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(ValueScore {
                company: CompanyId::from_uuid(get(row, "company_id")?),
                value: get(row, "value_name")?,
                score: small("value score", get(row, "score")?)?,
                evidence: get(row, "evidence")?,
                interaction: get::<Option<Uuid>>(row, "interaction_id")?
                    .map(InteractionId::from_uuid),
                scored_at: rows::timestamp(get(row, "scored_at")?)?,
            })
        })
        .collect()
}

pub(super) async fn upsert_score(conn: &mut Conn, owner: Uuid, s: &ValueScore) -> Result<()> {
    sqlx::query(
        "INSERT INTO value_scores (owner_id, company_id, value_name, score, evidence,
                                   interaction_id, scored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (company_id, value_name)
         DO UPDATE SET score = $4, evidence = $5, interaction_id = $6, scored_at = $7",
    )
    .bind(owner)
    .bind(s.company.as_uuid())
    .bind(s.value.clone())
    .bind(i64::from(s.score))
    .bind(s.evidence.clone())
    .bind(s.interaction.map(|i| i.as_uuid()))
    .bind(s.scored_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(super) async fn fetch_goals(conn: &mut Conn, owner: Uuid) -> Result<Option<Goals>> {
    let row = sqlx::query(
        "SELECT new_conversations, coffee_chats, follow_ups_done, applications, application_cap
         FROM goals WHERE owner_id = $1",
    )
    .bind(owner)
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?;
    row.map(|row| {
        Ok(Goals {
            new_conversations: count("goal", get(&row, "new_conversations")?)?,
            coffee_chats: count("goal", get(&row, "coffee_chats")?)?,
            follow_ups_done: count("goal", get(&row, "follow_ups_done")?)?,
            applications: count("goal", get(&row, "applications")?)?,
            application_cap: count("goal", get(&row, "application_cap")?)?,
        })
    })
    .transpose()
}

pub(super) async fn upsert_goals(conn: &mut Conn, owner: Uuid, g: &Goals) -> Result<()> {
    sqlx::query(
        "INSERT INTO goals (owner_id, new_conversations, coffee_chats, follow_ups_done,
                            applications, application_cap)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (owner_id) DO UPDATE SET new_conversations = $2, coffee_chats = $3,
             follow_ups_done = $4, applications = $5, application_cap = $6",
    )
    .bind(owner)
    .bind(g.new_conversations.map(i64::from))
    .bind(g.coffee_chats.map(i64::from))
    .bind(g.follow_ups_done.map(i64::from))
    .bind(g.applications.map(i64::from))
    .bind(g.application_cap.map(i64::from))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

// ---- leads ----

const LEAD_COLUMNS: &str =
    "id, number, company_id, role, source_id, url, heard_at, note, next_step, closed_at";

fn lead_from_row(row: &DbRow) -> Result<Lead> {
    Ok(Lead {
        id: LeadId::from_uuid(get(row, "id")?),
        number: get(row, "number")?,
        company: CompanyId::from_uuid(get(row, "company_id")?),
        role: get(row, "role")?,
        source: get::<Option<Uuid>>(row, "source_id")?.map(PersonId::from_uuid),
        url: get(row, "url")?,
        heard_at: rows::timestamp(get(row, "heard_at")?)?,
        note: get(row, "note")?,
        next_step: get(row, "next_step")?,
        closed_at: get::<Option<i64>>(row, "closed_at")?
            .map(rows::timestamp)
            .transpose()?,
    })
}

/// The owner's leads by number, or the one with `number`.
pub(super) async fn fetch_leads(
    conn: &mut Conn,
    owner: Uuid,
    number: Option<i64>,
) -> Result<Vec<Lead>> {
    let sql = format!(
        "SELECT {LEAD_COLUMNS} FROM leads WHERE owner_id = $1 AND ($2 IS NULL OR number = $2)
         ORDER BY number"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner)
        .bind(number)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
    rows.iter().map(lead_from_row).collect()
}

pub(super) async fn lead_by_id(conn: &mut Conn, owner: Uuid, id: LeadId) -> Result<Lead> {
    let sql = format!("SELECT {LEAD_COLUMNS} FROM leads WHERE owner_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner)
        .bind(id.as_uuid())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("lead", id.to_string()))?;
    lead_from_row(&row)
}

pub(super) async fn insert_lead(conn: &mut Conn, owner: Uuid, lead: &Lead) -> Result<()> {
    sqlx::query(
        "INSERT INTO leads (id, owner_id, number, company_id, role, source_id, url, heard_at,
                            note, next_step, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(lead.id.as_uuid())
    .bind(owner)
    .bind(lead.number)
    .bind(lead.company.as_uuid())
    .bind(lead.role.clone())
    .bind(lead.source.map(|p| p.as_uuid()))
    .bind(lead.url.clone())
    .bind(lead.heard_at.as_millisecond())
    .bind(lead.note.clone())
    .bind(lead.next_step.clone())
    .bind(lead.closed_at.map(|t| t.as_millisecond()))
    .execute(&mut *conn)
    .await
    .map_err(db_error("lead", &lead.number.to_string()))?;
    Ok(())
}

// ---- referrals ----

/// Each history's moves, by the ID of what moved, oldest first.
async fn moves<S: std::str::FromStr<Err = kith_core::ParseError>>(
    conn: &mut Conn,
    owner: Uuid,
    table: Moves,
) -> Result<HashMap<Uuid, Vec<Move<S>>>> {
    let sql = match table {
        Moves::Referrals => {
            "SELECT referral_id AS of_id, stage AS to_value, at, note FROM referral_moves
             WHERE owner_id = $1 ORDER BY referral_id, position"
        }
        Moves::Applications => {
            "SELECT application_id AS of_id, status AS to_value, at, note FROM application_moves
             WHERE owner_id = $1 ORDER BY application_id, position"
        }
    };
    let what = match table {
        Moves::Referrals => "referral stage",
        Moves::Applications => "application status",
    };
    let mut out: HashMap<Uuid, Vec<Move<S>>> = HashMap::new();
    for row in sqlx::query(sql)
        .bind(owner)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?
    {
        out.entry(get(&row, "of_id")?).or_default().push(Move {
            to: rows::vocab(what, &get::<String>(&row, "to_value")?)?,
            at: rows::timestamp(get(&row, "at")?)?,
            note: get(&row, "note")?,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy)]
enum Moves {
    Referrals,
    Applications,
}

pub(super) async fn fetch_referrals(
    conn: &mut Conn,
    owner: Uuid,
    number: Option<i64>,
) -> Result<Vec<Referral>> {
    let rows = sqlx::query(
        "SELECT id, number, referrer_id, lead_id, stage FROM referrals
         WHERE owner_id = $1 AND ($2 IS NULL OR number = $2) ORDER BY number",
    )
    .bind(owner)
    .bind(number)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut history = moves(conn, owner, Moves::Referrals).await?;
    rows.iter()
        .map(|row| {
            let id: Uuid = get(row, "id")?;
            Ok(Referral {
                id: ReferralId::from_uuid(id),
                number: get(row, "number")?,
                referrer: PersonId::from_uuid(get(row, "referrer_id")?),
                lead: LeadId::from_uuid(get(row, "lead_id")?),
                stage: rows::vocab("referral stage", &get::<String>(row, "stage")?)?,
                history: history.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

pub(super) async fn insert_referral(conn: &mut Conn, owner: Uuid, r: &Referral) -> Result<()> {
    sqlx::query(
        "INSERT INTO referrals (id, owner_id, number, referrer_id, lead_id, stage)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(r.id.as_uuid())
    .bind(owner)
    .bind(r.number)
    .bind(r.referrer.as_uuid())
    .bind(r.lead.as_uuid())
    .bind(r.stage.as_str().to_owned())
    .execute(&mut *conn)
    .await
    .map_err(db_error("referral", &r.number.to_string()))?;
    for (position, m) in r.history.iter().enumerate() {
        insert_referral_move(conn, owner, r.id, position, m).await?;
    }
    Ok(())
}

pub(super) async fn insert_referral_move(
    conn: &mut Conn,
    owner: Uuid,
    referral: ReferralId,
    position: usize,
    m: &Move<kith_core::opportunity::ReferralStage>,
) -> Result<()> {
    let step = (position, m.to.as_str(), m.at, m.note.as_deref());
    insert_history_step(conn, History::Referral, owner, referral.as_uuid(), step).await
}

/// The two histories: a referral's stages and an application's statuses.
#[derive(Debug, Clone, Copy)]
enum History {
    Referral,
    Application,
}

/// One step of a history: (position, the stage or status, when, note).
async fn insert_history_step(
    conn: &mut Conn,
    history: History,
    owner: Uuid,
    parent: Uuid,
    (position, to, at, note): (usize, &str, jiff::Timestamp, Option<&str>),
) -> Result<()> {
    let sql = match history {
        History::Referral => {
            "INSERT INTO referral_moves (owner_id, referral_id, position, stage, at, note)
             VALUES ($1, $2, $3, $4, $5, $6)"
        }
        History::Application => {
            "INSERT INTO application_moves (owner_id, application_id, position, status, at, note)
             VALUES ($1, $2, $3, $4, $5, $6)"
        }
    };
    sqlx::query(sql)
        .bind(owner)
        .bind(parent)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(to.to_owned())
        .bind(at.as_millisecond())
        .bind(note.map(str::to_owned))
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    Ok(())
}

pub(super) async fn fetch_referral_follow_ups(
    conn: &mut Conn,
    owner: Uuid,
) -> Result<Vec<ReferralFollowUp>> {
    let rows = sqlx::query(
        "SELECT referral_id, follow_up_id FROM referral_follow_ups WHERE owner_id = $1
         ORDER BY referral_id, follow_up_id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(ReferralFollowUp {
                referral: ReferralId::from_uuid(get(row, "referral_id")?),
                follow_up: kith_core::FollowUpId::from_uuid(get(row, "follow_up_id")?),
            })
        })
        .collect()
}

pub(super) async fn link_follow_up(
    conn: &mut Conn,
    owner: Uuid,
    link: &ReferralFollowUp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO referral_follow_ups (owner_id, referral_id, follow_up_id) VALUES ($1, $2, $3)",
    )
    .bind(owner)
    .bind(link.referral.as_uuid())
    .bind(link.follow_up.as_uuid())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

// ---- applications ----

pub(super) async fn fetch_applications(
    conn: &mut Conn,
    owner: Uuid,
    number: Option<i64>,
) -> Result<Vec<Application>> {
    let rows = sqlx::query(
        "SELECT id, number, company_id, role, channel, lead_id, tailored, status, applied_at,
                guard_override, note
         FROM applications WHERE owner_id = $1 AND ($2 IS NULL OR number = $2) ORDER BY number",
    )
    .bind(owner)
    .bind(number)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut history = moves(conn, owner, Moves::Applications).await?;
    rows.iter()
        .map(|row| {
            let id: Uuid = get(row, "id")?;
            Ok(Application {
                id: ApplicationId::from_uuid(id),
                number: get(row, "number")?,
                company: CompanyId::from_uuid(get(row, "company_id")?),
                role: get(row, "role")?,
                channel: rows::vocab("application channel", &get::<String>(row, "channel")?)?,
                lead: get::<Option<Uuid>>(row, "lead_id")?.map(LeadId::from_uuid),
                tailored: get(row, "tailored")?,
                status: rows::vocab("application status", &get::<String>(row, "status")?)?,
                applied_at: rows::timestamp(get(row, "applied_at")?)?,
                guard_override: get(row, "guard_override")?,
                note: get(row, "note")?,
                history: history.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

pub(super) async fn insert_application(
    conn: &mut Conn,
    owner: Uuid,
    a: &Application,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO applications (id, owner_id, number, company_id, role, channel, lead_id,
                                   tailored, status, applied_at, guard_override, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(a.id.as_uuid())
    .bind(owner)
    .bind(a.number)
    .bind(a.company.as_uuid())
    .bind(a.role.clone())
    .bind(a.channel.as_str().to_owned())
    .bind(a.lead.map(|l| l.as_uuid()))
    .bind(a.tailored)
    .bind(a.status.as_str().to_owned())
    .bind(a.applied_at.as_millisecond())
    .bind(a.guard_override.clone())
    .bind(a.note.clone())
    .execute(&mut *conn)
    .await
    .map_err(db_error("application", &a.number.to_string()))?;
    for (position, m) in a.history.iter().enumerate() {
        insert_application_move(conn, owner, a.id, position, m).await?;
    }
    Ok(())
}

pub(super) async fn insert_application_move(
    conn: &mut Conn,
    owner: Uuid,
    application: ApplicationId,
    position: usize,
    m: &Move<kith_core::opportunity::ApplicationStatus>,
) -> Result<()> {
    let step = (position, m.to.as_str(), m.at, m.note.as_deref());
    insert_history_step(
        conn,
        History::Application,
        owner,
        application.as_uuid(),
        step,
    )
    .await
}
