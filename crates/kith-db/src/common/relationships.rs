//! What the relationship engine reads and remembers: each person's touches from the
//! trigger-kept `touch_logs` (migration 0004), their rhythm, and the context that makes a
//! touchpoint specific.

use std::collections::HashMap;

use async_trait::async_trait;
use jiff::Timestamp;
use kith_core::relationship::{Cadence, Cadences, Circle, Rhythm, StageOverride, Touch};
use kith_core::{PersonId, PersonLink};
use kith_store::{
    FollowUpFilter, FollowUpStore, RelationshipRow, RelationshipStore, Result, RhythmRecord,
    StoreError, TouchContext,
};
use uuid::Uuid;

use super::interactions::person_link;
use super::rows::{self, DbRow, get};
use super::{Conn, ID_CHUNK, SqlStore, owned_in};
use crate::error::backend;

/// Reads a touch log: `<unix ms> <kind> <direction>;` repeated.
pub(super) fn parse_touches(text: &str) -> Result<Vec<Touch>> {
    let corrupt = |entry: &str| StoreError::Corrupt {
        what: "touch log",
        detail: format!("entry {entry:?}"),
    };
    text.split(';')
        .filter(|e| !e.is_empty())
        .map(|entry| {
            let mut parts = entry.split(' ');
            let (Some(at), Some(kind), Some(direction), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(corrupt(entry));
            };
            Ok(Touch {
                at: rows::timestamp(at.parse().map_err(|_| corrupt(entry))?)?,
                kind: rows::vocab("interaction kind", kind)?,
                direction: rows::vocab("direction", direction)?,
            })
        })
        .collect()
}

/// A rhythm from a row with the `rhythms` columns (all NULL when the person has none).
pub(super) fn rhythm_from_row(row: &DbRow) -> Result<Rhythm> {
    let circle: Option<String> = get(row, "circle")?;
    let ideal: Option<i64> = get(row, "ideal_days")?;
    let max: Option<i64> = get(row, "max_days")?;
    let snoozed: Option<i64> = get(row, "snoozed_until")?;
    let stage: Option<String> = get(row, "stage")?;
    let set_at: Option<i64> = get(row, "stage_set_at")?;
    Ok(Rhythm {
        circle: circle
            .map(|c| rows::vocab::<Circle>("circle", &c))
            .transpose()?,
        cadence: match (ideal, max) {
            (Some(ideal_days), Some(max_days)) => Some(Cadence {
                ideal_days,
                max_days,
            }),
            _ => None,
        },
        snoozed_until: snoozed.map(rows::timestamp).transpose()?,
        stage: match (stage, set_at) {
            (Some(stage), Some(at)) => Some(StageOverride {
                stage: rows::vocab("stage", &stage)?,
                note: get(row, "stage_note")?,
                set_at: rows::timestamp(at)?,
            }),
            _ => None,
        },
    })
}

/// What `relationship_from_row` reads: the person, their company's name, their rhythm
/// (all NULL without one) and their touch log (NULL without touches).
const RELATIONSHIP_COLUMNS: &str = "p.id, p.handle, p.name, co.name AS company,
        r.circle, r.ideal_days, r.max_days, r.snoozed_until, r.stage, r.stage_note,
        r.stage_set_at, t.touches";

fn relationship_from_row(row: &DbRow) -> Result<RelationshipRow> {
    let touches: Option<String> = get(row, "touches")?;
    Ok(RelationshipRow {
        person: rows::person_link(row)?,
        company: get(row, "company")?,
        rhythm: rhythm_from_row(row)?,
        touches: match touches {
            Some(text) => parse_touches(&text)?,
            None => Vec::new(),
        },
    })
}

/// Writes (or, for an empty rhythm, removes) one person's rhythm. The person must be the
/// owner's.
pub(super) async fn write_rhythm(
    conn: &mut Conn,
    owner: Uuid,
    person: PersonId,
    rhythm: &Rhythm,
) -> Result<()> {
    sqlx::query("DELETE FROM rhythms WHERE owner_id = $1 AND person_id = $2")
        .bind(owner)
        .bind(person.as_uuid())
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    if rhythm.is_empty() {
        return Ok(());
    }
    let written = sqlx::query(
        "INSERT INTO rhythms (person_id, owner_id, circle, ideal_days, max_days, snoozed_until,
                              stage, stage_note, stage_set_at)
         SELECT $2, $1, $3, $4, $5, $6, $7, $8, $9
         WHERE EXISTS (SELECT 1 FROM people WHERE id = $2 AND owner_id = $1)",
    )
    .bind(owner)
    .bind(person.as_uuid())
    .bind(rhythm.circle.map(|c| c.as_str().to_owned()))
    .bind(rhythm.cadence.map(|c| c.ideal_days))
    .bind(rhythm.cadence.map(|c| c.max_days))
    .bind(rhythm.snoozed_until.map(|t| t.as_millisecond()))
    .bind(rhythm.stage.as_ref().map(|s| s.stage.as_str().to_owned()))
    .bind(rhythm.stage.as_ref().and_then(|s| s.note.clone()))
    .bind(rhythm.stage.as_ref().map(|s| s.set_at.as_millisecond()))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    if written.rows_affected() == 0 {
        return Err(StoreError::not_found("person", person.to_string()));
    }
    Ok(())
}

/// Every stored rhythm of the owner, by person ID (the backup's order).
pub(super) async fn all_rhythms(conn: &mut Conn, owner: Uuid) -> Result<Vec<RhythmRecord>> {
    let rows = sqlx::query(
        "SELECT person_id, circle, ideal_days, max_days, snoozed_until, stage, stage_note,
                stage_set_at
         FROM rhythms WHERE owner_id = $1 ORDER BY person_id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(RhythmRecord {
                person: PersonId::from_uuid(get(row, "person_id")?),
                rhythm: rhythm_from_row(row)?,
            })
        })
        .collect()
}

#[async_trait]
impl RelationshipStore for SqlStore {
    async fn relationships(&self) -> Result<Vec<RelationshipRow>> {
        // Four plain scans joined here: the same join in SQL walks three unique indexes
        // per person and measured several times slower on 30,000 people.
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let companies: HashMap<Uuid, String> =
            sqlx::query("SELECT id, name FROM companies WHERE owner_id = $1")
                .bind(owner)
                .fetch_all(&mut *conn)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| Ok((get(row, "id")?, get(row, "name")?)))
                .collect::<Result<_>>()?;
        let mut rhythms: HashMap<Uuid, Rhythm> = all_rhythms(&mut conn, owner)
            .await?
            .into_iter()
            .map(|r| (r.person.as_uuid(), r.rhythm))
            .collect();
        let mut touches: HashMap<Uuid, String> =
            sqlx::query("SELECT person_id, touches FROM touch_logs WHERE owner_id = $1")
                .bind(owner)
                .fetch_all(&mut *conn)
                .await
                .map_err(backend)?
                .iter()
                .map(|row| Ok((get(row, "person_id")?, get(row, "touches")?)))
                .collect::<Result<_>>()?;
        let people =
            sqlx::query("SELECT id, handle, name, company_id FROM people WHERE owner_id = $1")
                .bind(owner)
                .fetch_all(&mut *conn)
                .await
                .map_err(backend)?;
        let mut out = people
            .iter()
            .map(|row| {
                let id: Uuid = get(row, "id")?;
                let company: Option<Uuid> = get(row, "company_id")?;
                Ok(RelationshipRow {
                    person: PersonLink {
                        id: PersonId::from_uuid(id),
                        handle: rows::handle(get(row, "handle")?)?,
                        name: get(row, "name")?,
                    },
                    company: company.and_then(|c| companies.get(&c).cloned()),
                    rhythm: rhythms.remove(&id).unwrap_or_default(),
                    touches: match touches.remove(&id) {
                        Some(text) => parse_touches(&text)?,
                        None => Vec::new(),
                    },
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| a.person.handle.cmp(&b.person.handle));
        Ok(out)
    }

    async fn relationships_due(
        &self,
        due_by: Timestamp,
        now: Timestamp,
        cadences: &Cadences,
    ) -> Result<Vec<RelationshipRow>> {
        // Driven by the touch log (never-touched people have no due date); the cadence is
        // the person's own, else their circle's, else the default circle's. Dormancy
        // (two maximum intervals idle) is only ruled out when no stage was set by hand.
        // Someone with a touch logged ahead of `now` is always a candidate: the rules
        // count only touches that have happened, which the log's latest instant hides.
        const DAY: i64 = 86_400_000;
        let mut conn = self.conn().await?;
        let sql = format!(
            "SELECT {RELATIONSHIP_COLUMNS}
             FROM touch_logs t
             LEFT JOIN rhythms r ON r.person_id = t.person_id
             JOIN people p ON p.id = t.person_id
             LEFT JOIN companies co ON co.id = p.company_id
             WHERE t.owner_id = $1
               AND (t.last_at > $3
                    OR t.last_at + (COALESCE(r.ideal_days, CASE COALESCE(r.circle, $4)
                         WHEN 'close' THEN $5 WHEN 'warm' THEN $6 ELSE $7 END) - 1) * $11 <= $2)
               AND (r.snoozed_until IS NULL OR r.snoozed_until <= $2 + $11)
               AND (r.stage IS NOT NULL
                    OR t.last_at >= $3 - (2 * COALESCE(r.max_days, CASE COALESCE(r.circle, $4)
                         WHEN 'close' THEN $8 WHEN 'warm' THEN $9 ELSE $10 END) + 1) * $11)"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.owner_uuid())
            .bind(due_by.as_millisecond())
            .bind(now.as_millisecond())
            .bind(cadences.default_circle.as_str().to_owned())
            .bind(cadences.close.ideal_days)
            .bind(cadences.warm.ideal_days)
            .bind(cadences.loose.ideal_days)
            .bind(cadences.close.max_days)
            .bind(cadences.warm.max_days)
            .bind(cadences.loose.max_days)
            .bind(DAY)
            .fetch_all(&mut *conn)
            .await
            .map_err(backend)?;
        let mut out = rows
            .iter()
            .map(relationship_from_row)
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| a.person.handle.cmp(&b.person.handle));
        Ok(out)
    }

    async fn relationship(&self, person: PersonId) -> Result<RelationshipRow> {
        let mut conn = self.conn().await?;
        let sql = format!(
            "SELECT {RELATIONSHIP_COLUMNS}
             FROM people p
             LEFT JOIN companies co ON co.id = p.company_id
             LEFT JOIN rhythms r ON r.person_id = p.id
             LEFT JOIN touch_logs t ON t.person_id = p.id
             WHERE p.owner_id = $1 AND p.id = $2"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.owner_uuid())
            .bind(person.as_uuid())
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?
            .ok_or_else(|| StoreError::not_found("person", person.to_string()))?;
        relationship_from_row(&row)
    }

    async fn relationships_of(&self, people: &[PersonId]) -> Result<Vec<RelationshipRow>> {
        let mut conn = self.conn().await?;
        let mut wanted: Vec<Uuid> = people.iter().map(|p| p.as_uuid()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut out = Vec::with_capacity(wanted.len());
        for chunk in wanted.chunks(ID_CHUNK) {
            let head = format!(
                "SELECT {RELATIONSHIP_COLUMNS}
                 FROM people p
                 LEFT JOIN companies co ON co.id = p.company_id
                 LEFT JOIN rhythms r ON r.person_id = p.id
                 LEFT JOIN touch_logs t ON t.person_id = p.id"
            );
            let mut qb = owned_in(&head, "p.owner_id", self.owner_uuid(), "p.id", chunk);
            for row in qb.build().fetch_all(&mut *conn).await.map_err(backend)? {
                out.push(relationship_from_row(&row)?);
            }
        }
        out.sort_by(|a, b| a.person.handle.cmp(&b.person.handle));
        Ok(out)
    }

    async fn set_rhythm(&self, person: PersonId, rhythm: &Rhythm) -> Result<()> {
        let mut tx = self.begin_write().await?;
        write_rhythm(&mut tx, self.owner_uuid(), person, rhythm).await?;
        tx.commit().await.map_err(backend)
    }

    async fn touch_context(&self, person: PersonId) -> Result<TouchContext> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        // Fails with NotFound for someone else's person before anything is read.
        person_link(&mut conn, owner, person).await?;
        let change = sqlx::query(
            "SELECT new_company, new_role, detected_at FROM job_changes
             WHERE owner_id = $1 AND person_id = $2
             ORDER BY detected_at DESC LIMIT 1",
        )
        .bind(owner)
        .bind(person.as_uuid())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
        let job_change = match change {
            Some(row) => {
                let company: Option<String> = get(&row, "new_company")?;
                let role: Option<String> = get(&row, "new_role")?;
                let now = match (role, company) {
                    (Some(r), Some(c)) => format!("{r} at {c}"),
                    (Some(x), None) | (None, Some(x)) => x,
                    (None, None) => "something new".to_owned(),
                };
                Some((now, rows::timestamp(get(&row, "detected_at")?)?))
            }
            None => None,
        };
        let notes: Vec<String> = sqlx::query_scalar(
            "SELECT i.note FROM interaction_people ip CROSS JOIN interactions i
             WHERE ip.owner_id = $1 AND ip.person_id = $2
               AND i.id = ip.interaction_id AND i.note IS NOT NULL
             ORDER BY i.occurred_at DESC LIMIT 3",
        )
        .bind(owner)
        .bind(person.as_uuid())
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        let tags: Vec<String> = sqlx::query_scalar(
            "SELECT tag FROM person_tags WHERE owner_id = $1 AND person_id = $2 ORDER BY tag",
        )
        .bind(owner)
        .bind(person.as_uuid())
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        drop(conn);
        // Only what the seeker owes: a promise made to them is not theirs to keep.
        let mut promises = self
            .follow_ups(&FollowUpFilter {
                person: Some(person),
                ..FollowUpFilter::default()
            })
            .await?;
        promises.retain(|f| f.owed_by.is_me());
        Ok(TouchContext {
            job_change,
            promises,
            notes,
            tags,
        })
    }
}

/// The rows a batch or restore writes after its people, events and interactions: rhythms
/// and attendance, each checked to belong to the owner.
pub(super) async fn write_relationship_extras(
    conn: &mut Conn,
    owner: Uuid,
    rhythms: &[RhythmRecord],
    attendance: &[kith_store::Attendance],
) -> Result<()> {
    for record in rhythms {
        write_rhythm(conn, owner, record.person, &record.rhythm).await?;
    }
    for a in attendance {
        super::events::insert_attendance(conn, owner, a).await?;
    }
    Ok(())
}
