//! The SQLite backend: one file, set up on purpose (WAL, foreign keys, busy timeout),
//! FTS5 for search, `VACUUM INTO` for backups.

use std::path::Path;
use std::time::Duration;

use kith_core::OwnerId;
use kith_store::{Result, StoreError};
use sqlx::sqlite::{
    LockedSqliteHandle, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions,
    SqliteSynchronous,
};

use crate::bulk::{ReadRow, Row, Value};
use crate::error::backend;

mod raw;

pub(crate) type Db = sqlx::Sqlite;

// The shared queries, compiled once per backend on purpose (see common/mod.rs).
#[allow(clippy::duplicate_mod)]
#[path = "../common/mod.rs"]
mod common;

/// How a transaction that will write begins: with the write lock taken at once, so it
/// waits its turn (busy timeout) rather than failing when another writer got in first.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";
/// Nothing more to lock per owner: `BEGIN_WRITE` holds the whole file.
const LOCK_OWNER: Option<&str> = None;

/// Aggregates a person's list values into one column (see `common::people`).
const GROUP_CONCAT: &str = "group_concat";
const LIST_SEPARATOR: &str = "char(31)";
/// Before a column in a WHERE term, keeps SQLite from using that column's index: with
/// statistics, one owner owning every row makes `owner_id = ?` look selective, and the
/// planner would walk all the owner's rows instead of looking up a list of IDs.
const UNINDEXED: &str = "+";
/// SQLite compares text bytewise already.
const BYTE_ORDER: &str = "";

/// Scratch tables for `TieStore::paths_by_cte`, made inside its transaction, which is
/// rolled back.
const PATH_SCRATCH: [&str; 4] = [
    "CREATE TEMP TABLE IF NOT EXISTS path_first_hops (id BLOB PRIMARY KEY, w REAL NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS path_targets (id BLOB PRIMARY KEY)",
    "DELETE FROM path_first_hops",
    "DELETE FROM path_targets",
];

/// The recursive-SQL baseline for path search (`TieStore::paths_by_cte`): walk every tie
/// from every first hop up to `$2` hops, stop at a target, never revisit a person, keep
/// each first hop's best route. SQLite returns the other columns of the `max()` row.
const PATHS_CTE: &str = "
WITH RECURSIVE walk(first, node, score, hops, trail) AS (
    SELECT id, id, w, 1, ',' || hex(id) || ',' FROM path_first_hops
    UNION ALL
    SELECT w.first, CASE WHEN t.a_id = w.node THEN t.b_id ELSE t.a_id END,
           w.score * t.strength / 5.0, w.hops + 1,
           w.trail || hex(CASE WHEN t.a_id = w.node THEN t.b_id ELSE t.a_id END) || ','
    FROM walk w JOIN ties t ON t.owner_id = $1 AND (t.a_id = w.node OR t.b_id = w.node)
    WHERE w.hops < $2
      AND w.node NOT IN (SELECT id FROM path_targets)
      AND instr(w.trail,
                ',' || hex(CASE WHEN t.a_id = w.node THEN t.b_id ELSE t.a_id END) || ',') = 0
)
SELECT first, max(score) AS score, hops, trail FROM walk
WHERE node IN (SELECT id FROM path_targets)
GROUP BY first
ORDER BY score DESC, hops, first
LIMIT $3";

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
            // ANALYZE (after a bulk load) and PRAGMA optimize (on close) look at a sample of
            // each index rather than all of it: statistics as good for the planner at a
            // fraction of the cost (a full ANALYZE took ~60 ms after a 30,000-row import).
            .pragma("analysis_limit", "1000")
            // Statement journals (a bulk INSERT's undo log within the transaction) and
            // temporary tables stay in memory instead of spilling to a file in /var/tmp.
            .pragma("temp_store", "memory")
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

/// Rows per INSERT statement at most (fewer when the columns would pass SQLite's limit on
/// bound parameters). Preparing a statement costs with its length and running one has a
/// fixed cost: counted with callgrind on a 30,000-row import, 1,000 rows per statement ran
/// the fewest instructions (5.35 G; 500: 5.40 G, 2,000: 5.40 G, 5,000: 5.50 G, a third of
/// a billion of those in preparing 5,000-row statements).
const ROWS_PER_STATEMENT: usize = 1_000;

/// Writes `items` with `head` (`INSERT INTO table (columns) `) and the values `push` gives
/// for each, inside the caller's transaction, straight through SQLite's C API (`raw`) with
/// the connection locked away from sqlx's worker thread meanwhile: one multi-row statement
/// prepared once (and one for the rows left over) and stepped once per chunk of rows, with
/// no SQL text to build per chunk and no message to the worker per statement.
///
/// Many rows per statement rather than one, because a statement that writes to
/// `search_docs` makes FTS5 flush its pending index to disk (a savepoint): once per chunk
/// costs little, once per row most of the import. The rows are written synchronously, on
/// the calling thread.
async fn insert_rows<'a, T>(
    conn: &mut sqlx::SqliteConnection,
    head: &str,
    columns: usize,
    items: &'a [T],
    mut push: impl FnMut(&mut Row<'a>, &'a T),
) -> Result<u64> {
    if items.is_empty() {
        return Ok(0);
    }
    let started = std::time::Instant::now();
    let mut handle = conn.lock_handle().await.map_err(backend)?;
    let per_statement =
        (raw::parameter_limit(&mut handle) / columns.max(1)).clamp(1, ROWS_PER_STATEMENT);
    let (full, rest) = items.split_at(items.len() - items.len() % per_statement);
    let mut written = 0;
    for part in [full, rest] {
        written += write_rows(&mut handle, head, columns, per_statement, part, &mut push)
            .map_err(StoreError::backend)?;
    }
    tracing::info!(
        target: "kith::timing",
        insert = head.split_whitespace().nth(2).unwrap_or(""),
        rows = written,
        us = started.elapsed().as_micros() as u64,
    );
    Ok(written)
}

/// Writes `items` in chunks of `per_statement` rows with one prepared statement; the last
/// chunk may be shorter only when it is the only one.
fn write_rows<'a, T>(
    handle: &mut LockedSqliteHandle<'_>,
    head: &str,
    columns: usize,
    per_statement: usize,
    items: &'a [T],
    push: &mut impl FnMut(&mut Row<'a>, &'a T),
) -> std::result::Result<u64, raw::SqliteError> {
    let Some(first) = items.chunks(per_statement).next() else {
        return Ok(0);
    };
    let placeholders = format!("({})", vec!["?"; columns].join(", "));
    let sql = format!(
        "{head}VALUES {}",
        vec![placeholders; first.len()].join(", ")
    );
    let mut statement = raw::Statement::prepare(handle, &sql)?;
    let mut row = Row::with_capacity(columns * first.len());
    let mut written = 0;
    for chunk in items.chunks(per_statement) {
        row.clear();
        for item in chunk {
            push(&mut row, item);
        }
        written += statement.execute(row.values())?;
    }
    Ok(written)
}

impl ReadRow for raw::Columns<'_> {
    fn text(&self, index: usize) -> Result<Option<&str>> {
        raw::Columns::text(self, index).map_err(StoreError::backend)
    }

    fn uuid(&self, index: usize) -> Result<Option<uuid::Uuid>> {
        raw::Columns::uuid(self, index).map_err(StoreError::backend)
    }

    fn int(&self, index: usize) -> Result<Option<i64>> {
        raw::Columns::int(self, index).map_err(StoreError::backend)
    }
}

impl From<raw::SqliteError> for StoreError {
    fn from(err: raw::SqliteError) -> Self {
        StoreError::backend(err)
    }
}

/// Runs `sql` (parameters `$1`, `$2`… bound to `values`) inside the caller's transaction and
/// hands each row to `each`, read in place through SQLite's C API (`raw`): no copy of each
/// value into a row of sqlx's, and no hand-over from its worker thread. For the large reads
/// of a bulk import; stops at the first error, `each`'s own included.
async fn for_each_row(
    conn: &mut sqlx::SqliteConnection,
    sql: &str,
    values: &[Value<'_>],
    mut each: impl FnMut(&dyn ReadRow) -> Result<()>,
) -> Result<u64> {
    let started = std::time::Instant::now();
    let mut handle = conn.lock_handle().await.map_err(backend)?;
    let mut statement = raw::Statement::prepare(&mut handle, sql)?;
    let read = statement.query(values, |row| each(row))?;
    tracing::info!(
        target: "kith::timing",
        select = sql.split(" FROM ").nth(1).and_then(|t| t.split_whitespace().next()).unwrap_or(""),
        rows = read,
        us = started.elapsed().as_micros() as u64,
    );
    Ok(read)
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
