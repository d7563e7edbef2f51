//! The queries both backends share. This module is compiled twice, once inside
//! `sqlite` and once inside `postgres` (see their `#[path]` attribute), so `super::Db` is
//! a concrete sqlx database each time and every query is checked against its types.
//! What the dialects do differently lives in the parent module (`super::search_docs`).

mod backup;
mod companies;
mod conversations;
mod events;
mod follow_ups;
mod import;
mod interactions;
mod merge;
mod merge_undo;
mod messages;
mod network;
mod opportunities;
mod opportunity_rows;
mod people;
mod relationships;
mod rows;
mod search;
mod ties;

use jiff::Timestamp;
use kith_core::OwnerId;
use kith_store::{Result, Store};
use sqlx::Row;
use uuid::Uuid;

use crate::error::backend;

pub(crate) use search::RawHit;

type Db = super::Db;

/// How many IDs one `IN (...)` list binds: well under both backends' parameter limits.
const ID_CHUNK: usize = 1_000;
type Conn = <Db as sqlx::Database>::Connection;
type Pool = sqlx::Pool<Db>;

/// One owner's view of the database. Every query it runs binds `owner` as `$1`.
#[derive(Debug, Clone)]
pub(crate) struct SqlStore {
    pool: Pool,
    owner: OwnerId,
}

impl SqlStore {
    pub(crate) fn new(pool: Pool, owner: OwnerId) -> Self {
        Self { pool, owner }
    }

    fn owner_uuid(&self) -> Uuid {
        self.owner.as_uuid()
    }

    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Db>> {
        self.pool.acquire().await.map_err(backend)
    }

    /// A transaction that will write, holding the owner's write turn: writes that read
    /// first (a free handle, the next number) and write after run one at a time per owner,
    /// so none fails or takes what another took. On SQLite, `BEGIN IMMEDIATE` takes the
    /// file's write lock at once (a deferred transaction that read first would fail, not
    /// wait, if another connection committed in between: the busy timeout does not cover
    /// that case); on PostgreSQL, a transaction-scoped advisory lock on the owner (other
    /// owners' writes go on meanwhile).
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Db>> {
        let mut tx = self
            .pool
            .begin_with(super::BEGIN_WRITE)
            .await
            .map_err(backend)?;
        if let Some(lock) = super::LOCK_OWNER {
            let id = self.owner_uuid().as_u128();
            // Any 64 bits of the ID will do: two owners that shared them would only take
            // turns.
            let key = ((id >> 64) as u64 ^ id as u64) as i64;
            sqlx::query(lock)
                .bind(key)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        Ok(tx)
    }
}

impl Store for SqlStore {
    fn owner(&self) -> OwnerId {
        self.owner
    }
}

pub(crate) async fn ensure_owner(pool: &Pool, name: &str) -> Result<OwnerId> {
    let existing = sqlx::query("SELECT id FROM owners WHERE name = $1")
        .bind(name.to_owned())
        .fetch_optional(pool)
        .await
        .map_err(backend)?;
    if let Some(row) = existing {
        return Ok(OwnerId::from_uuid(row.try_get("id").map_err(backend)?));
    }
    let id = OwnerId::new();
    // Two processes may race to create the same owner; the loser reads the winner's row.
    sqlx::query(
        "INSERT INTO owners (id, name, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(id.as_uuid())
    .bind(name.to_owned())
    .bind(now_ms())
    .execute(pool)
    .await
    .map_err(backend)?;
    let row = sqlx::query("SELECT id FROM owners WHERE name = $1")
        .bind(name.to_owned())
        .fetch_one(pool)
        .await
        .map_err(backend)?;
    Ok(OwnerId::from_uuid(row.try_get("id").map_err(backend)?))
}

pub(crate) async fn remove_owner(pool: &Pool, owner: OwnerId) -> Result<()> {
    let gone = sqlx::query("DELETE FROM owners WHERE id = $1")
        .bind(owner.as_uuid())
        .execute(pool)
        .await
        .map_err(backend)?;
    if gone.rows_affected() == 0 {
        return Err(kith_store::StoreError::not_found(
            "owner",
            owner.to_string(),
        ));
    }
    Ok(())
}

pub(crate) fn migration_names(migrator: &sqlx::migrate::Migrator) -> Vec<String> {
    migrator
        .iter()
        .map(|m| format!("{:04}_{}", m.version, m.description.replace(' ', "_")))
        .collect()
}

/// `{head} WHERE {owner_column} = owner AND {id_column} IN (ids…)`, ready to run: the shape
/// of every read of a list of the owner's rows by ID. The owner's column is kept out of
/// the plan's index choice (`UNINDEXED`), so the IDs' own index is used.
fn owned_in(
    head: &str,
    owner_column: &str,
    owner: Uuid,
    id_column: &str,
    ids: &[Uuid],
) -> sqlx::QueryBuilder<Db> {
    let mut qb = sqlx::QueryBuilder::<Db>::new(format!(
        "{head} WHERE {}{owner_column} = ",
        super::UNINDEXED
    ));
    qb.push_bind(owner).push(format!(" AND {id_column} IN ("));
    let mut list = qb.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    qb.push(")");
    qb
}

/// The tables numbered per owner, so a record can be typed by number (`kith follow-up done
/// 12`, `--lead 3`, `kith pitch use 2`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Numbered {
    FollowUps,
    Events,
    Leads,
    Referrals,
    Applications,
    Questions,
    Pitches,
    Merges,
}

/// The next free number in `table` for this owner (numbers are never reused).
pub(super) async fn next_number(conn: &mut Conn, owner: Uuid, table: Numbered) -> Result<i64> {
    let sql = match table {
        Numbered::FollowUps => {
            "SELECT COALESCE(MAX(number), 0) + 1 FROM follow_ups WHERE owner_id = $1"
        }
        Numbered::Events => "SELECT COALESCE(MAX(number), 0) + 1 FROM events WHERE owner_id = $1",
        Numbered::Leads => "SELECT COALESCE(MAX(number), 0) + 1 FROM leads WHERE owner_id = $1",
        Numbered::Referrals => {
            "SELECT COALESCE(MAX(number), 0) + 1 FROM referrals WHERE owner_id = $1"
        }
        Numbered::Applications => {
            "SELECT COALESCE(MAX(number), 0) + 1 FROM applications WHERE owner_id = $1"
        }
        Numbered::Questions => {
            "SELECT COALESCE(MAX(number), 0) + 1 FROM own_questions WHERE owner_id = $1"
        }
        Numbered::Pitches => {
            "SELECT COALESCE(MAX(version), 0) + 1 FROM pitches WHERE owner_id = $1"
        }
        Numbered::Merges => "SELECT COALESCE(MAX(number), 0) + 1 FROM merges WHERE owner_id = $1",
    };
    sqlx::query_scalar(sql)
        .bind(owner)
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)
}

/// Tables a write may point into, checked to hold only the owner's rows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Owned {
    Companies,
    People,
    Interactions,
    Leads,
    Referrals,
    FollowUps,
    Pitches,
}

/// Fails (not found, naming the first missing ID) unless every ID is a row of this owner's
/// in `table`, so nothing written can link to another owner's rows.
pub(super) async fn ensure_owned(
    conn: &mut Conn,
    owner: Uuid,
    table: Owned,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<()> {
    let (name, what) = match table {
        Owned::Companies => ("companies", "company"),
        Owned::People => ("people", "person"),
        Owned::Interactions => ("interactions", "interaction"),
        Owned::Leads => ("leads", "lead"),
        Owned::Referrals => ("referrals", "referral"),
        Owned::FollowUps => ("follow_ups", "follow-up"),
        Owned::Pitches => ("pitches", "pitch"),
    };
    let mut wanted: Vec<Uuid> = ids.into_iter().collect();
    wanted.sort();
    wanted.dedup();
    for chunk in wanted.chunks(ID_CHUNK) {
        let mut qb = owned_in(
            &format!("SELECT id FROM {name}"),
            "owner_id",
            owner,
            "id",
            chunk,
        );
        let found: std::collections::HashSet<Uuid> = qb
            .build_query_scalar::<Uuid>()
            .fetch_all(&mut *conn)
            .await
            .map_err(backend)?
            .into_iter()
            .collect();
        if let Some(missing) = chunk.iter().find(|id| !found.contains(id)) {
            return Err(kith_store::StoreError::not_found(what, missing.to_string()));
        }
    }
    Ok(())
}

/// Which of `ids` have a row in `table` (keyed by `person_id`) for this owner.
async fn people_with_rows(
    conn: &mut Conn,
    owner: Uuid,
    table: &str,
    ids: &[Uuid],
) -> Result<std::collections::HashSet<Uuid>> {
    let mut found = std::collections::HashSet::new();
    for chunk in ids.chunks(ID_CHUNK) {
        let head = format!("SELECT person_id FROM {table}");
        let mut qb = owned_in(&head, "owner_id", owner, "person_id", chunk);
        found.extend(
            qb.build_query_scalar::<Uuid>()
                .fetch_all(&mut *conn)
                .await
                .map_err(backend)?,
        );
    }
    Ok(found)
}

fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}
