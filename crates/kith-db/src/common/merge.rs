//! Merging two people into one, with the absorbed one kept in the merge history.

use async_trait::async_trait;
use kith_core::{Handle, Person};
use kith_store::{MergeOutcome, MergeRecord, MergeStore, Result, StoreError};
use uuid::Uuid;

use super::people::{Selection, add_contacts, add_tags, fetch_one, index_person};
use super::rows::{self, get};
use super::{Conn, SqlStore, now_ms};
use crate::error::backend;

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
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let kept = fetch_one(&mut tx, owner, Selection::Handle(keep), keep.as_str()).await?;
        let gone = fetch_one(&mut tx, owner, Selection::Handle(absorb), absorb.as_str()).await?;
        let (k, a) = (kept.id.as_uuid(), gone.id.as_uuid());

        sqlx::query(
            "UPDATE people SET company_id = COALESCE(company_id, $3), role = COALESCE(role, $4),
                               location = COALESCE(location, $5), how_met = COALESCE(how_met, $6),
                               note = $7, updated_at = $8
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
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        add_contacts(&mut tx, owner, k, "email", &gone.emails).await?;
        add_contacts(&mut tx, owner, k, "phone", &gone.phones).await?;
        add_contacts(&mut tx, owner, k, "url", &gone.urls).await?;
        add_tags(&mut tx, owner, k, &gone.tags).await?;

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

        let snapshot = serde_json::to_string(&gone).map_err(StoreError::backend)?;
        sqlx::query(
            "INSERT INTO merges (id, owner_id, kept_id, absorbed_handle, absorbed_json, merged_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(k)
        .bind(gone.handle.to_string())
        .bind(snapshot)
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
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
        let rows = sqlx::query(
            "SELECT m.absorbed_json, m.merged_at, p.id, p.handle, p.name
             FROM merges m JOIN people p ON p.id = m.kept_id
             WHERE m.owner_id = $1 ORDER BY m.merged_at DESC, m.id DESC",
        )
        .bind(self.owner_uuid())
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let json: String = get(row, "absorbed_json")?;
                Ok(MergeRecord {
                    kept: rows::person_link(row)?,
                    absorbed: serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                        what: "merge history",
                        detail: e.to_string(),
                    })?,
                    merged_at: rows::timestamp(get(row, "merged_at")?)?,
                })
            })
            .collect()
    }
}
