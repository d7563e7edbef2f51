//! Merging two people into one, with the absorbed one kept in the merge history together
//! with what the merge changed, so that `merge_undo` can take it back exactly.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use kith_core::{EventId, FollowUpId, Handle, InteractionId, Person, PersonId, PersonLink, TieId};
use kith_store::{
    Attendance, MergeChanges, MergeEntry, MergeOutcome, MergeRecord, MergeRef, MergeStore,
    MovedTie, Result, StoreError, TieRow, UndoOutcome,
};
use uuid::Uuid;

use super::people::{Selection, add_contacts, add_tags, fetch_one, index_person, set_former_names};
use super::rows::{self, DbRow, get};
use super::{Conn, SqlStore, now_ms};
use crate::error::backend;

/// Every stored tie of one person, as rows.
async fn tie_rows_of(conn: &mut Conn, owner: Uuid, person: Uuid) -> Result<Vec<TieRow>> {
    let rows = sqlx::query(
        "SELECT id, a_id, b_id, kind, strength, note, inferred, created_at FROM ties
         WHERE owner_id = $1 AND (a_id = $2 OR b_id = $2) ORDER BY id",
    )
    .bind(owner)
    .bind(person)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter().map(tie_row).collect()
}

fn tie_row(row: &DbRow) -> Result<TieRow> {
    let strength: i64 = get(row, "strength")?;
    Ok(TieRow {
        id: TieId::from_uuid(get(row, "id")?),
        a: PersonId::from_uuid(get(row, "a_id")?),
        b: PersonId::from_uuid(get(row, "b_id")?),
        kind: rows::vocab("tie kind", &get::<String>(row, "kind")?)?,
        strength: rows::tie_strength(strength)?,
        note: get(row, "note")?,
        inferred: get(row, "inferred")?,
        created_at: rows::timestamp(get(row, "created_at")?)?,
    })
}

async fn uuids(conn: &mut Conn, sql: &'static str, owner: Uuid, person: Uuid) -> Result<Vec<Uuid>> {
    sqlx::query_scalar(sql)
        .bind(owner)
        .bind(person)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)
}

async fn rhythm_of(
    conn: &mut Conn,
    owner: Uuid,
    person: Uuid,
) -> Result<Option<kith_core::relationship::Rhythm>> {
    let row = sqlx::query(
        "SELECT circle, ideal_days, max_days, snoozed_until, stage, stage_note, stage_set_at
         FROM rhythms WHERE owner_id = $1 AND person_id = $2",
    )
    .bind(owner)
    .bind(person)
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?;
    row.as_ref()
        .map(super::relationships::rhythm_from_row)
        .transpose()
}

/// What the absorbed person has before a merge moves it, split into what will move and
/// what will be dropped because the kept person has it already. Ties are finished after
/// the moves (`finish_ties`), since which ones move depends on the kept person's ties.
async fn before_merge(
    conn: &mut Conn,
    owner: Uuid,
    kept: &Person,
    gone: Uuid,
) -> Result<(MergeChanges, Vec<TieRow>)> {
    let k = kept.id.as_uuid();
    let kept_in: HashSet<Uuid> = uuids(
        conn,
        "SELECT interaction_id FROM interaction_people WHERE owner_id = $1 AND person_id = $2",
        owner,
        k,
    )
    .await?
    .into_iter()
    .collect();
    let mut moved_interactions = Vec::new();
    let mut dropped_interactions = Vec::new();
    for row in sqlx::query(
        "SELECT interaction_id, position FROM interaction_people
         WHERE owner_id = $1 AND person_id = $2 ORDER BY interaction_id",
    )
    .bind(owner)
    .bind(gone)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    {
        let id: Uuid = get(&row, "interaction_id")?;
        if kept_in.contains(&id) {
            dropped_interactions.push((InteractionId::from_uuid(id), get(&row, "position")?));
        } else {
            moved_interactions.push(InteractionId::from_uuid(id));
        }
    }
    let moved_documents = uuids(
        conn,
        "SELECT doc_id FROM search_docs
         WHERE owner_id = $1 AND person_id = $2 AND doc_kind = 'interaction' ORDER BY doc_id",
        owner,
        gone,
    )
    .await?
    .into_iter()
    .map(InteractionId::from_uuid)
    .collect();
    let moved_follow_ups = uuids(
        conn,
        "SELECT id FROM follow_ups WHERE owner_id = $1 AND person_id = $2 ORDER BY id",
        owner,
        gone,
    )
    .await?
    .into_iter()
    .map(FollowUpId::from_uuid)
    .collect();
    let moved_job_changes = uuids(
        conn,
        "SELECT id FROM job_changes WHERE owner_id = $1 AND person_id = $2 ORDER BY id",
        owner,
        gone,
    )
    .await?;
    let moved_leads = uuids(
        conn,
        "SELECT id FROM leads WHERE owner_id = $1 AND source_id = $2 ORDER BY id",
        owner,
        gone,
    )
    .await?;
    let moved_referrals = uuids(
        conn,
        "SELECT id FROM referrals WHERE owner_id = $1 AND referrer_id = $2 ORDER BY id",
        owner,
        gone,
    )
    .await?;
    let rhythm = rhythm_of(conn, owner, gone).await?;
    let rhythm_moved = rhythm.is_some() && rhythm_of(conn, owner, k).await?.is_none();
    let kept_at: HashSet<Uuid> = uuids(
        conn,
        "SELECT event_id FROM event_people WHERE owner_id = $1 AND person_id = $2",
        owner,
        k,
    )
    .await?
    .into_iter()
    .collect();
    let mut moved_attendance = Vec::new();
    let mut dropped_attendance = Vec::new();
    for row in sqlx::query(
        "SELECT event_id, interaction_id FROM event_people
         WHERE owner_id = $1 AND person_id = $2 ORDER BY event_id",
    )
    .bind(owner)
    .bind(gone)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    {
        let event = EventId::from_uuid(get(&row, "event_id")?);
        if kept_at.contains(&event.as_uuid()) {
            dropped_attendance.push(Attendance {
                event,
                person: PersonId::from_uuid(gone),
                interaction: get::<Option<Uuid>>(&row, "interaction_id")?
                    .map(InteractionId::from_uuid),
            });
        } else {
            moved_attendance.push(event);
        }
    }
    let ties = tie_rows_of(conn, owner, gone).await?;
    Ok((
        MergeChanges {
            kept_before: kept.clone(),
            kept_after: kept.clone(),
            moved_interactions,
            dropped_interactions,
            moved_documents,
            moved_ties: Vec::new(),
            dropped_ties: Vec::new(),
            moved_follow_ups,
            moved_job_changes,
            moved_leads,
            moved_referrals,
            rhythm,
            rhythm_moved,
            moved_attendance,
            dropped_attendance,
        },
        ties,
    ))
}

/// Splits the absorbed person's ties into those the merge moved and those it left behind
/// (to be dropped with them): `still_theirs` are the IDs still pointing at them.
fn finish_ties(
    changes: &mut MergeChanges,
    before: Vec<TieRow>,
    gone: PersonId,
    still_theirs: &HashSet<TieId>,
) {
    for tie in before {
        if still_theirs.contains(&tie.id) {
            changes.dropped_ties.push(tie);
        } else {
            let was_a = tie.a == gone;
            changes.moved_ties.push(MovedTie {
                id: tie.id,
                was_a,
                other: if was_a { tie.b } else { tie.a },
            });
        }
    }
}

async fn run(
    conn: &mut Conn,
    sql: &'static str,
    owner: Uuid,
    keep: Uuid,
    absorb: Uuid,
) -> Result<u64> {
    Ok(sqlx::query(sql)
        .bind(owner)
        .bind(keep)
        .bind(absorb)
        .execute(&mut *conn)
        .await
        .map_err(backend)?
        .rows_affected())
}

fn joined_note(keep: &Person, absorb: &Person) -> Option<String> {
    match (&keep.note, &absorb.note) {
        (Some(a), Some(b)) if a != b => Some(format!("{a}\n{b}")),
        (Some(a), _) => Some(a.clone()),
        (None, b) => b.clone(),
    }
}

#[async_trait]
impl MergeStore for SqlStore {
    async fn merge_people(&self, keep: &Handle, absorb: &Handle) -> Result<MergeOutcome> {
        if keep == absorb {
            return Err(StoreError::Conflict {
                what: "merge",
                key: keep.to_string(),
                reason: "a person cannot be merged into themselves".into(),
            });
        }
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let kept = fetch_one(&mut tx, owner, Selection::Handle(keep), keep.as_str()).await?;
        let gone = fetch_one(&mut tx, owner, Selection::Handle(absorb), absorb.as_str()).await?;
        let (k, a) = (kept.id.as_uuid(), gone.id.as_uuid());
        let (mut changes, ties_before) = before_merge(&mut tx, owner, &kept, a).await?;

        sqlx::query(
            "UPDATE people SET company_id = COALESCE(company_id, $3), role = COALESCE(role, $4),
                               location = COALESCE(location, $5), how_met = COALESCE(how_met, $6),
                               note = $7, updated_at = $8, birthday = COALESCE(birthday, $9)
             WHERE owner_id = $1 AND id = $2",
        )
        .bind(owner)
        .bind(k)
        .bind(gone.company.as_ref().map(|c| c.id.as_uuid()))
        .bind(gone.role.clone())
        .bind(gone.location.clone())
        .bind(gone.how_met.clone())
        .bind(joined_note(&kept, &gone))
        .bind(now_ms().max(kept.updated_at.as_millisecond() + 1))
        .bind(gone.birthday.clone())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        add_contacts(&mut tx, owner, k, "email", &gone.emails).await?;
        add_contacts(&mut tx, owner, k, "phone", &gone.phones).await?;
        add_contacts(&mut tx, owner, k, "url", &gone.urls).await?;
        add_tags(&mut tx, owner, k, &gone.tags).await?;
        let former = kith_core::person::former_names_after_merge(&kept, &gone);
        if former != kept.former_names {
            set_former_names(&mut tx, owner, k, &former).await?;
        }

        let interactions = run(
            &mut tx,
            "UPDATE interaction_people SET person_id = $2
             WHERE owner_id = $1 AND person_id = $3
               AND interaction_id NOT IN (SELECT interaction_id FROM interaction_people
                                          WHERE owner_id = $1 AND person_id = $2)",
            owner,
            k,
            a,
        )
        .await?;
        run(&mut tx, "UPDATE search_docs SET person_id = $2 WHERE owner_id = $1 AND person_id = $3 AND doc_kind = 'interaction'", owner, k, a).await?;
        // A tie to someone the kept person is already tied to (or to the kept person) is
        // dropped with the absorbed person rather than duplicated.
        let mut ties = run(
            &mut tx,
            "UPDATE ties SET a_id = $2
             WHERE owner_id = $1 AND a_id = $3 AND b_id <> $2
               AND NOT EXISTS (SELECT 1 FROM ties t WHERE t.owner_id = $1
                               AND ((t.a_id = $2 AND t.b_id = ties.b_id)
                                 OR (t.b_id = $2 AND t.a_id = ties.b_id)))",
            owner,
            k,
            a,
        )
        .await?;
        ties += run(
            &mut tx,
            "UPDATE ties SET b_id = $2
             WHERE owner_id = $1 AND b_id = $3 AND a_id <> $2
               AND NOT EXISTS (SELECT 1 FROM ties t WHERE t.owner_id = $1
                               AND ((t.a_id = $2 AND t.b_id = ties.a_id)
                                 OR (t.b_id = $2 AND t.a_id = ties.a_id)))",
            owner,
            k,
            a,
        )
        .await?;
        let follow_ups = run(
            &mut tx,
            "UPDATE follow_ups SET person_id = $2 WHERE owner_id = $1 AND person_id = $3",
            owner,
            k,
            a,
        )
        .await?;
        run(
            &mut tx,
            "UPDATE job_changes SET person_id = $2 WHERE owner_id = $1 AND person_id = $3",
            owner,
            k,
            a,
        )
        .await?;
        // Leads they told the seeker about and referrals through them follow them.
        for sql in [
            "UPDATE leads SET source_id = $2 WHERE owner_id = $1 AND source_id = $3",
            "UPDATE referrals SET referrer_id = $2 WHERE owner_id = $1 AND referrer_id = $3",
        ] {
            run(&mut tx, sql, owner, k, a).await?;
        }
        // The kept person's own rhythm wins; theirs is taken only when the kept has none.
        run(
            &mut tx,
            "UPDATE rhythms SET person_id = $2
             WHERE owner_id = $1 AND person_id = $3
               AND NOT EXISTS (SELECT 1 FROM rhythms r WHERE r.person_id = $2)",
            owner,
            k,
            a,
        )
        .await?;
        run(
            &mut tx,
            "UPDATE event_people SET person_id = $2
             WHERE owner_id = $1 AND person_id = $3
               AND event_id NOT IN (SELECT event_id FROM event_people WHERE person_id = $2)",
            owner,
            k,
            a,
        )
        .await?;

        let still_theirs: HashSet<TieId> = tie_rows_of(&mut tx, owner, a)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        finish_ties(&mut changes, ties_before, gone.id, &still_theirs);
        for sql in [
            "DELETE FROM search_docs WHERE owner_id = $1 AND doc_id = $2",
            "DELETE FROM people WHERE owner_id = $1 AND id = $2",
        ] {
            sqlx::query(sql)
                .bind(owner)
                .bind(a)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }

        let merged = fetch_one(&mut tx, owner, Selection::Id(kept.id), keep.as_str()).await?;
        index_person(&mut tx, owner, &merged).await?;
        changes.kept_after = merged.clone();
        let number = super::next_number(&mut tx, owner, super::Numbered::Merges).await?;
        insert_merge(
            &mut tx,
            owner,
            &MergeEntry {
                id: Uuid::now_v7(),
                number: u64::try_from(number).unwrap_or_default(),
                kept: kept.id,
                absorbed: gone.clone(),
                merged_at: rows::timestamp(now_ms())?,
                undone_at: None,
                changes: Some(changes),
            },
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        Ok(MergeOutcome {
            kept: merged,
            absorbed: gone.link(),
            interactions,
            ties,
            follow_ups,
        })
    }

    async fn merges(&self) -> Result<Vec<MergeRecord>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let mut entries = merge_entries(&mut conn, owner).await?;
        let alive: HashMap<Uuid, PersonLink> = sqlx::query(
            "SELECT p.id, p.handle, p.name FROM people p
             WHERE p.owner_id = $1 AND p.id IN (SELECT kept_id FROM merges WHERE owner_id = $1)",
        )
        .bind(owner)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?
        .iter()
        .map(|row| rows::person_link(row).map(|l| (l.id.as_uuid(), l)))
        .collect::<Result<_>>()?;
        // A kept person a later merge absorbed is named as that merge's history has them.
        let absorbed: HashMap<PersonId, PersonLink> = entries
            .iter()
            .map(|e| (e.absorbed.id, e.absorbed.link()))
            .collect();
        entries.reverse();
        Ok(entries
            .into_iter()
            .filter_map(|e| {
                let kept = alive
                    .get(&e.kept.as_uuid())
                    .or_else(|| absorbed.get(&e.kept))
                    .cloned()?;
                Some(MergeRecord {
                    number: e.number,
                    kept,
                    absorbed: e.absorbed,
                    merged_at: e.merged_at,
                    undone_at: e.undone_at,
                    undoable: e.changes.is_some(),
                })
            })
            .collect())
    }

    async fn undo_merge(&self, which: MergeRef) -> Result<UndoOutcome> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let outcome = super::merge_undo::undo(&mut tx, owner, which).await?;
        tx.commit().await.map_err(backend)?;
        Ok(outcome)
    }
}

fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::Corrupt {
        what: "merge history",
        detail: e.to_string(),
    }
}

/// The owner's merge history, oldest first (by number).
pub(super) async fn merge_entries(conn: &mut Conn, owner: Uuid) -> Result<Vec<MergeEntry>> {
    let rows = sqlx::query(
        "SELECT id, number, kept_id, absorbed_json, merged_at, undone_at, changes_json
         FROM merges WHERE owner_id = $1 ORDER BY number",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            let number: i64 = get(row, "number")?;
            Ok(MergeEntry {
                id: get(row, "id")?,
                number: u64::try_from(number).map_err(|e| StoreError::Corrupt {
                    what: "merge number",
                    detail: e.to_string(),
                })?,
                kept: PersonId::from_uuid(get(row, "kept_id")?),
                absorbed: serde_json::from_str(&get::<String>(row, "absorbed_json")?)
                    .map_err(corrupt)?,
                merged_at: rows::timestamp(get(row, "merged_at")?)?,
                undone_at: get::<Option<i64>>(row, "undone_at")?
                    .map(rows::timestamp)
                    .transpose()?,
                changes: get::<Option<String>>(row, "changes_json")?
                    .map(|json| serde_json::from_str(&json).map_err(corrupt))
                    .transpose()?,
            })
        })
        .collect()
}

/// Writes one history row as it is (a merge, or a restore from a backup).
pub(super) async fn insert_merge(conn: &mut Conn, owner: Uuid, entry: &MergeEntry) -> Result<()> {
    let absorbed = serde_json::to_string(&entry.absorbed).map_err(StoreError::backend)?;
    let changes = entry
        .changes
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(StoreError::backend)?;
    let key = entry.number.to_string();
    sqlx::query(
        "INSERT INTO merges (id, owner_id, number, kept_id, absorbed_handle, absorbed_json,
                             merged_at, changes_json, undone_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(entry.id)
    .bind(owner)
    .bind(i64::try_from(entry.number).map_err(StoreError::backend)?)
    .bind(entry.kept.as_uuid())
    .bind(entry.absorbed.handle.to_string())
    .bind(absorbed)
    .bind(entry.merged_at.as_millisecond())
    .bind(changes)
    .bind(entry.undone_at.map(|t| t.as_millisecond()))
    .execute(&mut *conn)
    .await
    .map_err(crate::error::db_error("merge", &key))?;
    Ok(())
}
