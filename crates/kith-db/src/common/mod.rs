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
