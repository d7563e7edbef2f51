//! The SQLite backend: one file, set up on purpose (WAL, foreign keys, busy timeout),
//! FTS5 for search, `VACUUM INTO` for backups.

use std::path::Path;
use std::time::Duration;

use kith_core::OwnerId;
use kith_store::{Result, StoreError};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::error::backend;

pub(crate) type Db = sqlx::Sqlite;

// The shared queries, compiled once per backend on purpose (see common/mod.rs).
#[allow(clippy::duplicate_mod)]
#[path = "../common/mod.rs"]
mod common;

/// Aggregates a person's list values into one column (see `common::people`).
const GROUP_CONCAT: &str = "group_concat";
const LIST_SEPARATOR: &str = "char(31)";
/// SQLite compares text bytewise already.
const BYTE_ORDER: &str = "";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub(crate) fn migration_names() -> Vec<String> {
    common::migration_names(&MIGRATOR)
}

#[derive(Debug, Clone)]
pub struct Backend {
    pool: sqlx::SqlitePool,
}

impl Backend {
    pub(crate) async fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(StoreError::backend)?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Reads map the file instead of copying pages through read(2).
            .pragma("mmap_size", "268435456")
            // Up to 64 MiB of page cache, so a bulk load does not spill mid-transaction.
            .pragma("cache_size", "-65536")
            // Let the worker thread run ahead of the caller on big result sets instead of
            // handing rows over fifty at a time (each hand-over is a context switch).
            .row_buffer_size(4096);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(backend)?;
        MIGRATOR.run(&pool).await.map_err(StoreError::backend)?;
        Ok(Self { pool })
    }

    pub(crate) async fn ensure_owner(&self, name: &str) -> Result<OwnerId> {
        common::ensure_owner(&self.pool, name).await
    }

    pub(crate) async fn remove_owner(&self, owner: OwnerId) -> Result<()> {
        common::remove_owner(&self.pool, owner).await
    }

    pub(crate) fn store(&self, owner: OwnerId) -> common::SqlStore {
        common::SqlStore::new(self.pool.clone(), owner)
    }

    pub(crate) async fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Conflict {
                what: "backup file",
                key: dest.display().to_string(),
                reason: "already exists; choose a new path".into(),
            });
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(StoreError::backend)?;
        }
        let dest = dest.to_str().ok_or_else(|| StoreError::Conflict {
            what: "backup file",
            key: dest.display().to_string(),
            reason: "the path is not valid UTF-8".into(),
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(dest.to_owned())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }

    pub(crate) async fn close(&self) {
        // Keeps the planner's statistics fresh, as SQLite advises before closing; cheap
        // when nothing changed. A failure here loses nothing, so it is only logged.
        if let Err(e) = sqlx::query("PRAGMA optimize").execute(&self.pool).await {
            tracing::warn!("PRAGMA optimize failed: {e}");
        }
        self.pool.close().await;
    }
}

/// FTS5 query text: every word as a quoted prefix term (one letter: whole), all required.
fn match_expression(words: &[String]) -> String {
    words
        .iter()
        // One letter as a prefix would match nearly every document: match it whole.
        .map(|w| {
            if w.chars().count() > 1 {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The dialect's half of search: matching documents, best first.
async fn search_docs(
    conn: &mut sqlx::SqliteConnection,
    owner: OwnerId,
    words: &[String],
    limit: u32,
) -> Result<Vec<common::RawHit>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT d.doc_kind, d.person_id, d.occurred_at,
                snippet(search_fts, 0, '[', ']', '…', 12) AS snip,
                bm25(search_fts) AS rank
         FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid
         WHERE search_fts MATCH $2 AND d.owner_id = $1
         ORDER BY rank
         LIMIT $3",
    )
    .bind(owner.as_uuid())
    .bind(match_expression(words))
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(common::RawHit {
                kind: row.try_get("doc_kind").map_err(backend)?,
                person_id: row.try_get("person_id").map_err(backend)?,
                occurred_at: row.try_get("occurred_at").map_err(backend)?,
                snippet: row.try_get("snip").map_err(backend)?,
                // bm25 is lower-is-better; the store reports higher-is-better.
                score: -row.try_get::<f64, _>("rank").map_err(backend)?,
            })
        })
        .collect()
}
