//! The PostgreSQL backend for team mode: a shared server, `tsvector` + GIN for search.

use std::time::Duration;

use kith_core::OwnerId;
use kith_store::{Result, StoreError};
use sqlx::Row as _;
use sqlx::postgres::PgPoolOptions;

use crate::bulk::{ReadRow, Row, Value};
use crate::error::backend;

pub(crate) type Db = sqlx::Postgres;

// The shared queries, compiled once per backend on purpose (see common/mod.rs).
#[allow(clippy::duplicate_mod)]
#[path = "../common/mod.rs"]
mod common;

/// How a transaction that will write begins (then `LOCK_OWNER`).
const BEGIN_WRITE: &str = "BEGIN";
/// Taken by each write transaction with a key from the owner's ID, released at its end.
const LOCK_OWNER: Option<&str> = Some("SELECT pg_advisory_xact_lock($1)");

/// Aggregates a person's list values into one column (see `common::people`).
const GROUP_CONCAT: &str = "string_agg";
const LIST_SEPARATOR: &str = "chr(31)";
/// PostgreSQL plans `owner_id = $1 AND id IN (…)` on the primary key by itself.
const UNINDEXED: &str = "";
/// Handles sort bytewise whatever the database's collation, as on SQLite.
const BYTE_ORDER: &str = " COLLATE \"C\"";

/// Scratch tables for `TieStore::paths_by_cte`, made inside its transaction, which is
/// rolled back.
const PATH_SCRATCH: [&str; 4] = [
    "CREATE TEMP TABLE IF NOT EXISTS path_first_hops (id uuid PRIMARY KEY, w float8 NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS path_targets (id uuid PRIMARY KEY)",
    "DELETE FROM path_first_hops",
    "DELETE FROM path_targets",
];

/// The recursive-SQL baseline for path search (`TieStore::paths_by_cte`): walk every tie
/// from every first hop up to `$2` hops, stop at a target, never revisit a person, keep
/// each first hop's best route.
const PATHS_CTE: &str = "
WITH RECURSIVE walk(first, node, score, hops, trail) AS (
    SELECT id, id, w, 1, ARRAY[id] FROM path_first_hops
    UNION ALL
    SELECT w.first, e.dst, w.score * e.strength / 5.0::float8, w.hops + 1, w.trail || e.dst
    FROM walk w
    JOIN LATERAL (SELECT CASE WHEN t.a_id = w.node THEN t.b_id ELSE t.a_id END AS dst,
                         t.strength
                  FROM ties t
                  WHERE t.owner_id = $1 AND (t.a_id = w.node OR t.b_id = w.node)) e ON TRUE
    WHERE w.hops < $2
      AND NOT EXISTS (SELECT 1 FROM path_targets x WHERE x.id = w.node)
      AND NOT (e.dst = ANY (w.trail))
),
best AS (
    SELECT DISTINCT ON (first) first, score, hops, trail FROM walk
    WHERE EXISTS (SELECT 1 FROM path_targets x WHERE x.id = walk.node)
    ORDER BY first, score DESC, hops
)
SELECT first, score, hops, array_to_string(trail, ',') AS trail FROM best
ORDER BY score DESC, hops, first
LIMIT $3";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub(crate) fn migration_names() -> Vec<String> {
    common::migration_names(&MIGRATOR)
}

/// Bytes of COPY data sent at a time.
const COPY_CHUNK: usize = 1 << 20;

/// Writes `items` with `head` (`INSERT INTO table (columns) `) and the values `push` gives
/// for each, inside the caller's transaction, as one `COPY table (columns) FROM STDIN` in
/// the text format: several times faster than multi-row INSERTs with bound parameters for
/// an import's tens of thousands of rows (the server parses each value as the column's
/// type, as it would a parameter). A failure aborts the COPY and is the caller's error.
async fn insert_rows<'a, T>(
    conn: &mut sqlx::PgConnection,
    head: &str,
    columns: usize,
    items: &'a [T],
    mut push: impl FnMut(&mut Row<'a>, &'a T),
) -> Result<u64> {
    if items.is_empty() {
        return Ok(0);
    }
    let started = std::time::Instant::now();
    let target = head.trim().strip_prefix("INSERT INTO ").ok_or_else(|| {
        StoreError::backend(std::io::Error::other(format!("not an INSERT: {head}")))
    })?;
    let mut copy = conn
        .copy_in_raw(&format!("COPY {target} FROM STDIN"))
        .await
        .map_err(backend)?;
    let mut data: Vec<u8> = Vec::with_capacity(COPY_CHUNK + 4096);
    let mut row = Row::with_capacity(columns);
    let mut sent: Result<()> = Ok(());
    for item in items {
        row.clear();
        push(&mut row, item);
        if row.values().len() != columns {
            sent = Err(StoreError::backend(std::io::Error::other(format!(
                "{} values for {columns} columns in {target}",
                row.values().len()
            ))));
            break;
        }
        for (n, value) in row.values().iter().enumerate() {
            if n > 0 {
                data.push(b'\t');
            }
            copy_value(&mut data, value);
        }
        data.push(b'\n');
        if data.len() >= COPY_CHUNK {
            if let Err(e) = copy.send(std::mem::take(&mut data)).await {
                sent = Err(backend(e));
                break;
            }
            data.reserve(COPY_CHUNK + 4096);
        }
    }
    if sent.is_ok() && !data.is_empty() {
        sent = copy.send(data).await.map(drop).map_err(backend);
    }
    let written = match sent {
        Ok(()) => copy.finish().await.map_err(backend)?,
        Err(e) => {
            // The transaction is rolled back by the caller; the connection must leave COPY.
            let _ = copy.abort("kith: the bulk write stopped").await;
            return Err(e);
        }
    };
    tracing::info!(
        target: "kith::timing",
        insert = target.split_whitespace().next().unwrap_or(""),
        rows = written,
        us = started.elapsed().as_micros() as u64,
    );
    Ok(written)
}

/// One value in COPY's text format: `\N` for NULL; in text, backslash, newline, carriage
/// return and tab (the delimiter) escaped with a backslash.
fn copy_value(out: &mut Vec<u8>, value: &Value<'_>) {
    use std::io::Write as _;
    match value {
        Value::Uuid(None) | Value::Text(None) | Value::Int(None) => out.extend_from_slice(b"\\N"),
        Value::Uuid(Some(id)) => {
            let mut buf = uuid::Uuid::encode_buffer();
            out.extend_from_slice(id.hyphenated().encode_lower(&mut buf).as_bytes());
        }
        // Writing to a Vec cannot fail.
        Value::Int(Some(n)) => {
            let _ = write!(out, "{n}");
        }
        Value::Bool(b) => out.push(if *b { b't' } else { b'f' }),
        Value::Text(Some(text)) => {
            for &byte in text.as_bytes() {
                match byte {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    _ => out.push(byte),
                }
            }
        }
    }
}

/// A fetched row read by position for the shared code (see `crate::bulk::ReadRow`).
struct Fetched(sqlx::postgres::PgRow);

impl ReadRow for Fetched {
    fn text(&self, index: usize) -> Result<Option<&str>> {
        self.0.try_get(index).map_err(backend)
    }

    fn uuid(&self, index: usize) -> Result<Option<uuid::Uuid>> {
        self.0.try_get(index).map_err(backend)
    }

    fn int(&self, index: usize) -> Result<Option<i64>> {
        self.0.try_get(index).map_err(backend)
    }
}

/// Runs `sql` (parameters `$1`, `$2`… bound to `values`) inside the caller's transaction and
/// hands each row to `each`; stops at the first error, `each`'s own included.
async fn for_each_row(
    conn: &mut sqlx::PgConnection,
    sql: &str,
    values: &[Value<'_>],
    mut each: impl FnMut(&dyn ReadRow) -> Result<()>,
) -> Result<u64> {
    // The text is kith's own SQL (the shared queries'), never the user's.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
    for value in values {
        query = match value {
            Value::Uuid(v) => query.bind(*v),
            Value::Text(v) => query.bind(v.as_deref().map(str::to_owned)),
            Value::Int(v) => query.bind(*v),
            Value::Bool(v) => query.bind(*v),
        };
    }
    let rows = query.fetch_all(&mut *conn).await.map_err(backend)?;
    let read = rows.len() as u64;
    for row in rows {
        each(&Fetched(row))?;
    }
    Ok(read)
}

#[derive(Debug, Clone)]
pub struct Backend {
    pool: sqlx::PgPool,
}

impl Backend {
    pub(crate) async fn open(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
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

    pub(crate) async fn close(&self) {
        self.pool.close().await;
    }
}

/// tsquery text: every word as a prefix term (one letter: whole), all required.
fn match_expression(words: &[String]) -> String {
    words
        .iter()
        // One letter as a prefix would match nearly every document: match it whole.
        .map(|w| {
            if w.chars().count() > 1 {
                format!("{w}:*")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The dialect's half of search: matching documents, best first. The headline is
/// computed only for the rows kept, since it re-reads each body.
async fn search_docs(
    conn: &mut sqlx::PgConnection,
    owner: OwnerId,
    words: &[String],
    limit: u32,
) -> Result<Vec<common::RawHit>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT best.doc_kind, best.person_id, best.occurred_at, best.rank,
                ts_headline('simple', best.body, to_tsquery('simple', $2),
                            'StartSel=[, StopSel=], MaxWords=18, MinWords=6, MaxFragments=1') AS snip
         FROM (
             SELECT d.doc_kind, d.person_id, d.occurred_at, d.body,
                    ts_rank(d.tsv, to_tsquery('simple', $2))::float8 AS rank
             FROM search_docs d
             WHERE d.owner_id = $1 AND d.tsv @@ to_tsquery('simple', $2)
             ORDER BY rank DESC, d.rowid
             LIMIT $3
         ) best
         ORDER BY best.rank DESC",
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
                score: row.try_get("rank").map_err(backend)?,
            })
        })
        .collect()
}
