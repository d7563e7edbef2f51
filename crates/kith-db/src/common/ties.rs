//! Ties as the seeker declares them, and the reads a path search needs: the ties near
//! its targets, the records of the ties it shows, and the recursive-SQL baseline it is
//! measured against.

use std::collections::HashSet;

/// The neighbourhood's sets are large and keyed by the owner's own IDs: foldhash.
type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

use async_trait::async_trait;
use kith_core::identity::name_key;
use kith_core::{
    Company, Interaction, ParseError, PersonId, PersonLink, Tie, TieId, TieKind, TieStrength,
};
use kith_store::{CteRoute, NewTie, Result, StoreError, TieChange, TieEdge, TieStore};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::interactions::{interaction_from_row, participants, person_link};
use super::network::{TieFilter, fetch_ties};
use super::rows::{self, get};
use super::{Conn, Db, ID_CHUNK, SqlStore, now_ms, owned_in};
use crate::error::backend;

/// The tie between `a` and `b` whichever way round it was stored.
async fn tie_between(
    conn: &mut Conn,
    owner: Uuid,
    a: PersonId,
    b: PersonId,
) -> Result<Option<Tie>> {
    let id: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM ties
         WHERE owner_id = $1 AND ((a_id = $2 AND b_id = $3) OR (a_id = $3 AND b_id = $2))",
    )
    .bind(owner)
    .bind(a.as_uuid())
    .bind(b.as_uuid())
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?;
    let Some(id) = id else { return Ok(None) };
    Ok(fetch_ties(conn, owner, TieFilter::Ids(&[id])).await?.pop())
}

/// A tie to write between two people unless any tie joins them already (a declared one
/// is never weakened by one kith derives).
pub(super) struct Untied<'a> {
    pub(super) kind: TieKind,
    pub(super) strength: u8,
    pub(super) note: &'a str,
    pub(super) inferred: bool,
}

impl Untied<'_> {
    /// Whether it wrote one.
    pub(super) async fn write(
        &self,
        conn: &mut Conn,
        owner: Uuid,
        a: PersonId,
        b: PersonId,
    ) -> Result<bool> {
        if a == b {
            return Ok(false);
        }
        let written = sqlx::query(
            "INSERT INTO ties (id, owner_id, a_id, b_id, kind, strength, note, inferred,
                               created_at)
             SELECT $2, $1, $3, $4, $5, $6, $7, $8, $9
             WHERE NOT EXISTS (SELECT 1 FROM ties
                               WHERE (a_id = $3 AND b_id = $4) OR (a_id = $4 AND b_id = $3))",
        )
        .bind(owner)
        .bind(TieId::new().as_uuid())
        .bind(a.as_uuid())
        .bind(b.as_uuid())
        .bind(self.kind.as_str().to_owned())
        .bind(i64::from(self.strength))
        .bind(self.note.to_owned())
        .bind(self.inferred)
        .bind(now_ms())
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
        Ok(written.rows_affected() > 0)
    }
}

/// A person's tie list as `tie_lists` stores it (migration 0006): one 65-character entry
/// per tie, each read on demand.
struct TieList<'t> {
    entries: std::slice::ChunksExact<'t, u8>,
}

impl<'t> TieList<'t> {
    const ENTRY: usize = 65;

    fn new(text: &'t str) -> Result<Self> {
        if !text.len().is_multiple_of(Self::ENTRY) {
            return Err(StoreError::Corrupt {
                what: "tie list",
                detail: format!("{} bytes, not whole entries of {}", text.len(), Self::ENTRY),
            });
        }
        Ok(Self {
            entries: text.as_bytes().chunks_exact(Self::ENTRY),
        })
    }
}

impl<'t> Iterator for TieList<'t> {
    type Item = TieEntry<'t>;
    fn next(&mut self) -> Option<TieEntry<'t>> {
        self.entries.next().map(TieEntry)
    }
}

/// `<the other person: 32 hex><the tie: 32 hex><strength digit>`.
struct TieEntry<'t>(&'t [u8]);

impl TieEntry<'_> {
    fn corrupt(&self) -> StoreError {
        StoreError::Corrupt {
            what: "tie list entry",
            detail: String::from_utf8_lossy(self.0).into_owned(),
        }
    }

    /// Hex by hand: a large neighbourhood is ~100,000 entries, and this is most of it.
    fn uuid(&self, digits: &[u8]) -> Result<Uuid> {
        digits
            .iter()
            .try_fold(0u128, |acc, &d| {
                let v = match d {
                    b'0'..=b'9' => d - b'0',
                    b'a'..=b'f' => d - b'a' + 10,
                    b'A'..=b'F' => d - b'A' + 10,
                    _ => return None,
                };
                Some(acc << 4 | u128::from(v))
            })
            .map(Uuid::from_u128)
            .ok_or_else(|| self.corrupt())
    }

    fn other(&self) -> Result<Uuid> {
        self.uuid(&self.0[..32])
    }

    fn tie(&self) -> Result<Uuid> {
        self.uuid(&self.0[32..64])
    }

    fn strength(&self) -> Result<TieStrength> {
        TieStrength::new(self.0[64].wrapping_sub(b'0')).map_err(|_| self.corrupt())
    }
}

/// The IDs in a route's trail as the baseline query writes it: comma-separated, hex or
/// hyphenated.
fn trail_ids(trail: &str) -> Result<Vec<PersonId>> {
    trail
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| {
            Uuid::parse_str(s)
                .map(PersonId::from_uuid)
                .map_err(|e| StoreError::Corrupt {
                    what: "path trail",
                    detail: format!("{s:?}: {e}"),
                })
        })
        .collect()
}

#[async_trait]
impl TieStore for SqlStore {
    async fn knows(&self, new: NewTie) -> Result<(Tie, TieChange)> {
        let owner = self.owner_uuid();
        if new.a == new.b {
            return Err(ParseError::new("tie", "", "two different people").into());
        }
        let note = rows::clean(new.note);
        let mut tx = self.begin_write().await?;
        // Both must be the owner's people: NotFound otherwise, before anything is written.
        person_link(&mut tx, owner, new.a).await?;
        person_link(&mut tx, owner, new.b).await?;
        let change = match tie_between(&mut tx, owner, new.a, new.b).await? {
            Some(old)
                if old.kind == new.kind
                    && old.strength == new.strength
                    && old.note == note
                    && !old.inferred =>
            {
                TieChange::Unchanged
            }
            Some(old) => {
                sqlx::query(
                    "UPDATE ties SET kind = $3, strength = $4, note = $5, inferred = FALSE
                     WHERE owner_id = $1 AND id = $2",
                )
                .bind(owner)
                .bind(old.id.as_uuid())
                .bind(new.kind.as_str().to_owned())
                .bind(i64::from(new.strength.get()))
                .bind(note.clone())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                TieChange::Updated
            }
            None => {
                sqlx::query(
                    "INSERT INTO ties (id, owner_id, a_id, b_id, kind, strength, note, inferred,
                                       created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8)",
                )
                .bind(TieId::new().as_uuid())
                .bind(owner)
                .bind(new.a.as_uuid())
                .bind(new.b.as_uuid())
                .bind(new.kind.as_str().to_owned())
                .bind(i64::from(new.strength.get()))
                .bind(note.clone())
                .bind(now_ms())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                TieChange::Created
            }
        };
        let tie = tie_between(&mut tx, owner, new.a, new.b)
            .await?
            .ok_or_else(|| StoreError::not_found("tie", format!("{} {}", new.a, new.b)))?;
        tx.commit().await.map_err(backend)?;
        Ok((tie, change))
    }

    async fn forget_tie(&self, a: PersonId, b: PersonId) -> Result<Tie> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let tie = tie_between(&mut tx, owner, a, b)
            .await?
            .ok_or_else(|| StoreError::not_found("tie", format!("between {a} and {b}")))?;
        sqlx::query("DELETE FROM ties WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(tie.id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(tie)
    }

    async fn tie_neighbourhood(&self, from: &[PersonId], depth: u8) -> Result<Vec<TieEdge>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let mut reached: FastSet<Uuid> = from.iter().map(|p| p.as_uuid()).collect();
        let mut frontier: Vec<Uuid> = reached.iter().copied().collect();
        frontier.sort_unstable();
        let mut seen_ties: FastSet<Uuid> = FastSet::default();
        let mut edges: Vec<TieEdge> = Vec::new();
        for _ in 0..depth {
            let mut next: Vec<Uuid> = Vec::new();
            for chunk in frontier.chunks(ID_CHUNK) {
                // One row per person with all their ties (migration 0006).
                let mut qb = owned_in(
                    "SELECT person_id, ties FROM tie_lists",
                    "owner_id",
                    owner,
                    "person_id",
                    chunk,
                );
                for row in qb.build().fetch_all(&mut *conn).await.map_err(backend)? {
                    let near: Uuid = get(&row, "person_id")?;
                    let text: String = get(&row, "ties")?;
                    for entry in TieList::new(&text)? {
                        // Each tie is in both its people's lists: read the rest only once.
                        let id = entry.tie()?;
                        if !seen_ties.insert(id) {
                            continue;
                        }
                        let (far, strength) = (entry.other()?, entry.strength()?);
                        edges.push(TieEdge {
                            id: TieId::from_uuid(id),
                            a: PersonId::from_uuid(near),
                            b: PersonId::from_uuid(far),
                            strength,
                        });
                        if reached.insert(far) {
                            next.push(far);
                        }
                    }
                }
            }
            next.sort_unstable();
            frontier = next;
        }
        edges.sort_by_key(|e| e.id);
        Ok(edges)
    }

    async fn ties_by_id(&self, ids: &[TieId]) -> Result<Vec<Tie>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let wanted: Vec<Uuid> = ids.iter().map(|t| t.as_uuid()).collect();
        let mut found = Vec::new();
        for chunk in wanted.chunks(ID_CHUNK) {
            found.extend(fetch_ties(&mut conn, owner, TieFilter::Ids(chunk)).await?);
        }
        Ok(ids
            .iter()
            .filter_map(|id| found.iter().find(|t| t.id == *id).cloned())
            .collect())
    }

    async fn last_together(&self, a: PersonId, b: PersonId) -> Result<Option<Interaction>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let row = sqlx::query(
            "SELECT i.id, i.kind, i.occurred_at, i.channel, i.direction, i.note, i.created_at
             FROM interaction_people x
             JOIN interaction_people y ON y.interaction_id = x.interaction_id
             JOIN interactions i ON i.id = x.interaction_id
             WHERE x.owner_id = $1 AND x.person_id = $2 AND y.person_id = $3
             ORDER BY i.occurred_at DESC, i.id DESC
             LIMIT 1",
        )
        .bind(owner)
        .bind(a.as_uuid())
        .bind(b.as_uuid())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let id: Uuid = get(&row, "id")?;
        let mut people = participants(&mut conn, owner, &[id]).await?;
        interaction_from_row(&row, &mut people).map(Some)
    }

    async fn former_staff(&self, company: &Company) -> Result<Vec<PersonLink>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let rows = sqlx::query(
            "SELECT DISTINCT p.id, p.handle, p.name, j.old_company, p.company_id
             FROM job_changes j JOIN people p ON p.id = j.person_id
             WHERE j.owner_id = $1 AND j.old_company IS NOT NULL",
        )
        .bind(owner)
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        let key = name_key(&company.name);
        let mut out: Vec<PersonLink> = Vec::new();
        for row in &rows {
            let old: String = get(row, "old_company")?;
            let now: Option<Uuid> = get(row, "company_id")?;
            if name_key(&old) != key || now == Some(company.id.as_uuid()) {
                continue;
            }
            let link = rows::person_link(row)?;
            if !out.iter().any(|p| p.id == link.id) {
                out.push(link);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.handle.cmp(&b.handle)));
        Ok(out)
    }

    async fn paths_by_cte(
        &self,
        first_hops: &[(PersonId, f64)],
        targets: &[PersonId],
        k: usize,
        max_hops: u8,
    ) -> Result<Vec<CteRoute>> {
        if k == 0 || max_hops == 0 {
            return Ok(Vec::new());
        }
        let owner = self.owner_uuid();
        // Scratch tables in a transaction that is rolled back: nothing stays behind.
        let mut tx = self.pool.begin().await.map_err(backend)?;
        for statement in super::super::PATH_SCRATCH {
            sqlx::query(statement)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        let mut hops: Vec<(Uuid, f64)> = first_hops
            .iter()
            .filter(|(_, w)| *w > 0.0)
            .map(|(p, w)| (p.as_uuid(), *w))
            .collect();
        hops.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
        hops.dedup_by_key(|h| h.0);
        for chunk in hops.chunks(ID_CHUNK) {
            let mut qb = QueryBuilder::<Db>::new("INSERT INTO path_first_hops (id, w) ");
            qb.push_values(chunk, |mut row, (id, w)| {
                row.push_bind(*id).push_bind(*w);
            });
            qb.build().execute(&mut *tx).await.map_err(backend)?;
        }
        let mut ends: Vec<Uuid> = targets.iter().map(|p| p.as_uuid()).collect();
        ends.sort_unstable();
        ends.dedup();
        for chunk in ends.chunks(ID_CHUNK) {
            let mut qb = QueryBuilder::<Db>::new("INSERT INTO path_targets (id) ");
            qb.push_values(chunk, |mut row, id| {
                row.push_bind(*id);
            });
            qb.build().execute(&mut *tx).await.map_err(backend)?;
        }
        let rows = sqlx::query(super::super::PATHS_CTE)
            .bind(owner)
            .bind(i64::from(max_hops))
            .bind(i64::try_from(k).unwrap_or(i64::MAX))
            .fetch_all(&mut *tx)
            .await
            .map_err(backend)?;
        let routes = rows
            .iter()
            .map(|row| {
                Ok(CteRoute {
                    people: trail_ids(&get::<String>(row, "trail")?)?,
                    score: get(row, "score")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        tx.rollback().await.map_err(backend)?;
        Ok(routes)
    }
}
