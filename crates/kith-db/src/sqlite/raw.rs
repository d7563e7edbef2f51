//! The only place kith calls SQLite's C API itself: one prepared statement, stepped once per
//! row, on the connection sqlx holds — inside the caller's transaction, without a message to
//! sqlx's worker thread for every row. Bulk imports use it (see `super::insert_rows`);
//! everything else goes through sqlx.
//!
//! The interface is safe. A `Statement` borrows the `LockedSqliteHandle` it was prepared on,
//! so the connection stays open and locked away from sqlx's worker for as long as the
//! statement lives, and it is finalized when dropped. Values are bound without copying
//! (`SQLITE_STATIC`) and unbound again before `execute` returns, so SQLite never keeps a
//! pointer into memory the caller may free.
#![allow(unsafe_code)]

use std::ffi::{CStr, c_char, c_int};
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use libsqlite3_sys as ffi;
use sqlx::sqlite::LockedSqliteHandle;

use crate::bulk::Value;

/// A failure reported by SQLite, with its (extended) result code and message.
#[derive(Debug, thiserror::Error)]
#[error("SQLite error {code}: {message}")]
pub(crate) struct SqliteError {
    /// The extended result code, e.g. 2067 (`SQLITE_CONSTRAINT_UNIQUE`).
    pub(crate) code: c_int,
    pub(crate) message: String,
}

impl SqliteError {
    /// The connection's latest error, which SQLite keeps until the next call on it.
    fn last(db: NonNull<ffi::sqlite3>, code: c_int) -> Self {
        // SAFETY: `db` is an open connection; `sqlite3_errmsg` returns a NUL-terminated
        // string that stays valid until the next call on the connection, and it is copied
        // before that.
        let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db.as_ptr())) }
            .to_string_lossy()
            .into_owned();
        Self { code, message }
    }

    /// A mistake on kith's side that SQLite would report as misuse.
    fn misuse(message: String) -> Self {
        Self {
            code: ffi::SQLITE_MISUSE,
            message,
        }
    }
}

/// How many `?` parameters one statement may have on this connection.
pub(crate) fn parameter_limit(handle: &mut LockedSqliteHandle<'_>) -> usize {
    let db = handle.as_raw_handle();
    // SAFETY: `db` is open and ours alone while `handle` is borrowed; a negative new value
    // only reads the limit.
    let limit = unsafe { ffi::sqlite3_limit(db.as_ptr(), ffi::SQLITE_LIMIT_VARIABLE_NUMBER, -1) };
    usize::try_from(limit).unwrap_or(1)
}

/// One prepared statement, finalized on drop.
#[derive(Debug)]
pub(crate) struct Statement<'h> {
    db: NonNull<ffi::sqlite3>,
    stmt: NonNull<ffi::sqlite3_stmt>,
    parameters: usize,
    /// The handle stays borrowed (and so open, and out of the worker's hands) meanwhile.
    _handle: PhantomData<&'h mut ()>,
}

impl<'h> Statement<'h> {
    /// Prepares exactly one SQL statement with `?` parameters.
    pub(crate) fn prepare(
        handle: &'h mut LockedSqliteHandle<'_>,
        sql: &str,
    ) -> Result<Self, SqliteError> {
        let db = handle.as_raw_handle();
        let length = c_int::try_from(sql.len())
            .map_err(|_| SqliteError::misuse(format!("SQL of {} bytes", sql.len())))?;
        let mut stmt = ptr::null_mut();
        let mut tail: *const c_char = ptr::null();
        // SAFETY: `db` is open and ours alone while `handle` is borrowed; `sql` is valid for
        // `length` bytes for the duration of the call (SQLite copies what it keeps);
        // `stmt` and `tail` are valid places for the results.
        let code = unsafe {
            ffi::sqlite3_prepare_v3(
                db.as_ptr(),
                sql.as_ptr().cast(),
                length,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                &mut tail,
            )
        };
        if code != ffi::SQLITE_OK {
            return Err(SqliteError::last(db, code));
        }
        let stmt = NonNull::new(stmt)
            .ok_or_else(|| SqliteError::misuse(format!("no statement in {sql:?}")))?;
        let mut statement = Statement {
            db,
            stmt,
            parameters: 0,
            _handle: PhantomData,
        };
        // SAFETY: `tail` points into `sql` (at or before its end), as SQLite documents.
        let consumed =
            usize::try_from(unsafe { tail.offset_from(sql.as_ptr().cast()) }).unwrap_or(sql.len());
        if !sql.get(consumed..).unwrap_or("").trim().is_empty() {
            // `statement` is finalized by its drop.
            return Err(SqliteError::misuse(format!(
                "more than one statement in {sql:?}"
            )));
        }
        // SAFETY: `stmt` is a valid prepared statement.
        let parameters = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        statement.parameters = usize::try_from(parameters).unwrap_or(0);
        Ok(statement)
    }

    /// Runs the statement once with `values` bound to its parameters in order, and returns
    /// how many rows it changed. A statement that returns rows is refused.
    pub(crate) fn execute(&mut self, values: &[Value<'_>]) -> Result<u64, SqliteError> {
        let result = self.bind_and_step(values);
        // SAFETY: `stmt` is valid. Resetting makes it ready for the next row (its error, if
        // any, was read above); clearing the bindings drops SQLite's pointers into `values`.
        unsafe {
            ffi::sqlite3_reset(self.stmt.as_ptr());
            ffi::sqlite3_clear_bindings(self.stmt.as_ptr());
        }
        result
    }

    fn bind_and_step(&mut self, values: &[Value<'_>]) -> Result<u64, SqliteError> {
        if values.len() != self.parameters {
            return Err(SqliteError::misuse(format!(
                "{} values for {} parameters",
                values.len(),
                self.parameters
            )));
        }
        for (index, value) in (1..).zip(values) {
            self.bind(index, value)?;
        }
        // SAFETY: `stmt` is valid and every parameter is bound to memory that `values`
        // keeps alive until `execute` has reset the statement and cleared the bindings.
        match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
            // SAFETY: `db` is open.
            ffi::SQLITE_DONE => Ok(unsafe { ffi::sqlite3_changes64(self.db.as_ptr()) }
                .try_into()
                .unwrap_or(0)),
            ffi::SQLITE_ROW => Err(SqliteError::misuse("a bulk write returned rows".to_owned())),
            code => Err(SqliteError::last(self.db, code)),
        }
    }

    fn bind(&mut self, index: c_int, value: &Value<'_>) -> Result<(), SqliteError> {
        let stmt = self.stmt.as_ptr();
        // SAFETY (every arm): `stmt` is valid and `index` is within 1..=parameters. Text and
        // blobs are bound with SQLITE_STATIC: the caller keeps them alive until `execute`
        // clears the bindings.
        let code = match value {
            Value::Uuid(Some(id)) => {
                let bytes = id.as_bytes();
                unsafe {
                    ffi::sqlite3_bind_blob(
                        stmt,
                        index,
                        bytes.as_ptr().cast(),
                        16,
                        ffi::SQLITE_STATIC(),
                    )
                }
            }
            Value::Text(Some(text)) => {
                let length = c_int::try_from(text.len()).map_err(|_| {
                    SqliteError::misuse(format!("a text value of {} bytes", text.len()))
                })?;
                // An empty `str` may have a dangling pointer; give SQLite a real one.
                let start = if text.is_empty() {
                    c"".as_ptr()
                } else {
                    text.as_ptr().cast()
                };
                unsafe { ffi::sqlite3_bind_text(stmt, index, start, length, ffi::SQLITE_STATIC()) }
            }
            Value::Int(Some(n)) => unsafe { ffi::sqlite3_bind_int64(stmt, index, *n) },
            Value::Bool(b) => unsafe { ffi::sqlite3_bind_int64(stmt, index, i64::from(*b)) },
            Value::Uuid(None) | Value::Text(None) | Value::Int(None) => unsafe {
                ffi::sqlite3_bind_null(stmt, index)
            },
        };
        if code == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(SqliteError::last(self.db, code))
        }
    }
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: `stmt` was prepared on this still-open connection and is finalized once,
        // here. Its return value repeats the last step's error, already reported.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use sqlx::Connection as _;
    use sqlx::SqliteConnection;
    use uuid::Uuid;

    use super::*;

    async fn memory() -> SqliteConnection {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::query("CREATE TABLE t (id BLOB PRIMARY KEY, name TEXT NOT NULL, n INTEGER)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn
    }

    fn row(id: Uuid, name: &str, n: Option<i64>) -> Vec<Value<'_>> {
        vec![
            Value::Uuid(Some(id)),
            Value::Text(Some(Cow::Borrowed(name))),
            Value::Int(n),
        ]
    }

    #[tokio::test]
    async fn rows_are_written_and_read_back_through_sqlx() {
        let mut conn = memory().await;
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        {
            let mut handle = conn.lock_handle().await.unwrap();
            let mut insert =
                Statement::prepare(&mut handle, "INSERT INTO t (id, name, n) VALUES (?, ?, ?)")
                    .unwrap();
            assert_eq!(insert.execute(&row(a, "Ada", Some(1))).unwrap(), 1);
            assert_eq!(insert.execute(&row(b, "", None)).unwrap(), 1);
        }
        let rows: Vec<(Uuid, String, Option<i64>)> =
            sqlx::query_as("SELECT id, name, n FROM t ORDER BY name DESC")
                .fetch_all(&mut conn)
                .await
                .unwrap();
        assert_eq!(
            rows,
            vec![(a, "Ada".to_owned(), Some(1)), (b, String::new(), None)]
        );
    }

    #[tokio::test]
    async fn failures_keep_sqlites_code_and_message_and_the_statement_stays_usable() {
        let mut conn = memory().await;
        let mut handle = conn.lock_handle().await.unwrap();

        let err = Statement::prepare(&mut handle, "INSERT INTO nowhere VALUES (?)").unwrap_err();
        assert_eq!(err.code, ffi::SQLITE_ERROR);
        assert!(err.message.contains("no such table"), "{err}");

        let err = Statement::prepare(&mut handle, "SELECT 1; SELECT 2").unwrap_err();
        assert_eq!(err.code, ffi::SQLITE_MISUSE, "{err}");

        let mut insert =
            Statement::prepare(&mut handle, "INSERT INTO t (id, name, n) VALUES (?, ?, ?)")
                .unwrap();
        let id = Uuid::now_v7();
        insert.execute(&row(id, "Ada", None)).unwrap();
        let err = insert.execute(&row(id, "Ada again", None)).unwrap_err();
        assert_eq!(err.code, ffi::SQLITE_CONSTRAINT_PRIMARYKEY, "{err}");
        assert!(err.message.contains("UNIQUE constraint failed"), "{err}");

        let err = insert.execute(&row(id, "short", None)[..2]).unwrap_err();
        assert_eq!(err.code, ffi::SQLITE_MISUSE, "{err}");

        // After the failures the same statement writes the next row.
        assert_eq!(
            insert
                .execute(&row(Uuid::now_v7(), "Grace", Some(2)))
                .unwrap(),
            1
        );
    }
}
