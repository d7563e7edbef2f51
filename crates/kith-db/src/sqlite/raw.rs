//! The only place kith calls SQLite's C API itself: one prepared statement, stepped once per
//! row, on the connection sqlx holds — inside the caller's transaction, without a message to
//! sqlx's worker thread for every row. Bulk imports use it, to write (`super::insert_rows`)
//! and to read what they match against (`super::for_each_row`); everything else goes
//! through sqlx.
//!
//! The interface is safe. A `Statement` borrows the `LockedSqliteHandle` it was prepared on,
//! so the connection stays open and locked away from sqlx's worker for as long as the
//! statement lives, and it is finalized when dropped. Values are bound without copying
//! (`SQLITE_STATIC`) and unbound again before `execute` returns, so SQLite never keeps a
//! pointer into memory the caller may free. A row read by `query` is lent to the caller's
//! closure as `Columns`, whose text borrows SQLite's buffer only until the closure returns,
//! before the next step.
#![allow(unsafe_code)]

use std::ffi::{CStr, c_char, c_int};
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use libsqlite3_sys as ffi;
use sqlx::sqlite::LockedSqliteHandle;
use uuid::Uuid;

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

    /// Runs the statement once with `values` bound to its parameters in order and hands
    /// each result row to `each`, stopping at its first error; returns how many rows were
    /// read.
    pub(crate) fn query<E: From<SqliteError>>(
        &mut self,
        values: &[Value<'_>],
        mut each: impl FnMut(&Columns<'_>) -> Result<(), E>,
    ) -> Result<u64, E> {
        let result = self.bind_all(values).map_err(E::from).and_then(|()| {
            let mut rows = 0;
            loop {
                // SAFETY: `stmt` is valid and its parameters are bound to memory `values`
                // keeps alive until the statement is reset and its bindings cleared below.
                match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
                    ffi::SQLITE_ROW => {
                        rows += 1;
                        each(&Columns {
                            stmt: self.stmt,
                            db: self.db,
                            _row: PhantomData,
                        })?;
                    }
                    ffi::SQLITE_DONE => return Ok(rows),
                    code => return Err(E::from(SqliteError::last(self.db, code))),
                }
            }
        });
        // SAFETY: as in `execute`.
        unsafe {
            ffi::sqlite3_reset(self.stmt.as_ptr());
            ffi::sqlite3_clear_bindings(self.stmt.as_ptr());
        }
        result
    }

    fn bind_all(&mut self, values: &[Value<'_>]) -> Result<(), SqliteError> {
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
        Ok(())
    }

    fn bind_and_step(&mut self, values: &[Value<'_>]) -> Result<u64, SqliteError> {
        self.bind_all(values)?;
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

/// The row a query is on, lent to `Statement::query`'s closure: what it reads borrows
/// SQLite's memory, valid until the closure returns and the statement steps on.
pub(crate) struct Columns<'row> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: NonNull<ffi::sqlite3>,
    _row: PhantomData<&'row ()>,
}

impl Columns<'_> {
    /// The column's SQLite type, or misuse for a column the statement does not have.
    fn kind(&self, index: usize) -> Result<(c_int, c_int), SqliteError> {
        // SAFETY: `stmt` is valid and on a row.
        let count = unsafe { ffi::sqlite3_column_count(self.stmt.as_ptr()) };
        let column = c_int::try_from(index)
            .ok()
            .filter(|i| *i < count)
            .ok_or_else(|| SqliteError::misuse(format!("no column {index} of {count}")))?;
        // SAFETY: `column` is within the row.
        Ok((column, unsafe {
            ffi::sqlite3_column_type(self.stmt.as_ptr(), column)
        }))
    }

    /// A text column (NULL is `None`); text that is not UTF-8 is an error.
    pub(crate) fn text(&self, index: usize) -> Result<Option<&str>, SqliteError> {
        let (column, kind) = self.kind(index)?;
        if kind == ffi::SQLITE_NULL {
            return Ok(None);
        }
        // SAFETY: `column` is within the row. The pointer is read before the length, as
        // SQLite asks, and stays valid until the row changes, which `&self` rules out.
        let bytes = unsafe {
            let start = ffi::sqlite3_column_text(self.stmt.as_ptr(), column);
            let length = ffi::sqlite3_column_bytes(self.stmt.as_ptr(), column);
            if start.is_null() {
                return Err(SqliteError::last(self.db, ffi::SQLITE_NOMEM));
            }
            std::slice::from_raw_parts(start, usize::try_from(length).unwrap_or(0))
        };
        std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|e| SqliteError::misuse(format!("column {index} is not UTF-8: {e}")))
    }

    /// An integer column (NULL is `None`); any other type is an error.
    pub(crate) fn int(&self, index: usize) -> Result<Option<i64>, SqliteError> {
        let (column, kind) = self.kind(index)?;
        match kind {
            ffi::SQLITE_NULL => Ok(None),
            // SAFETY: `column` is within the row.
            ffi::SQLITE_INTEGER => Ok(Some(unsafe {
                ffi::sqlite3_column_int64(self.stmt.as_ptr(), column)
            })),
            _ => Err(SqliteError::misuse(format!(
                "column {index} is not an integer"
            ))),
        }
    }

    /// A UUID column, stored as a 16-byte blob (NULL is `None`).
    pub(crate) fn uuid(&self, index: usize) -> Result<Option<Uuid>, SqliteError> {
        let (column, kind) = self.kind(index)?;
        if kind == ffi::SQLITE_NULL {
            return Ok(None);
        }
        // SAFETY: as in `text`; a blob's pointer may be null only when it is empty.
        let bytes = unsafe {
            let start = ffi::sqlite3_column_blob(self.stmt.as_ptr(), column);
            let length = ffi::sqlite3_column_bytes(self.stmt.as_ptr(), column);
            if start.is_null() {
                &[][..]
            } else {
                std::slice::from_raw_parts(start.cast::<u8>(), usize::try_from(length).unwrap_or(0))
            }
        };
        Uuid::from_slice(bytes).map(Some).map_err(|_| {
            SqliteError::misuse(format!(
                "column {index} holds {} bytes, not a 16-byte UUID",
                bytes.len()
            ))
        })
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
    async fn rows_written_through_sqlx_are_read_in_place() {
        let mut conn = memory().await;
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        for (id, name, n) in [(a, "Ada ✨", Some(1)), (b, "", None)] {
            sqlx::query("INSERT INTO t (id, name, n) VALUES (?, ?, ?)")
                .bind(id)
                .bind(name)
                .bind(n)
                .execute(&mut conn)
                .await
                .unwrap();
        }
        sqlx::query("INSERT INTO t (id, name) VALUES (x'0102', CAST(x'ff' AS TEXT))")
            .execute(&mut conn)
            .await
            .unwrap();
        let mut handle = conn.lock_handle().await.unwrap();
        let mut select = Statement::prepare(
            &mut handle,
            "SELECT id, name, n FROM t WHERE length(id) = ?1 ORDER BY name DESC",
        )
        .unwrap();
        let mut seen = Vec::new();
        let rows = select
            .query(&[Value::Int(Some(16))], |row| {
                seen.push((
                    row.uuid(0)?,
                    row.text(1)?.map(str::to_owned),
                    row.text(2)?.map(str::to_owned),
                ));
                Ok::<_, SqliteError>(())
            })
            .unwrap();
        assert_eq!(rows, 2);
        assert_eq!(
            seen,
            vec![
                (Some(a), Some("Ada ✨".to_owned()), Some("1".to_owned())),
                (Some(b), Some(String::new()), None),
            ]
        );

        // A short blob is no UUID, bytes that are not UTF-8 are no text, and a column the
        // statement lacks is misuse: each stops the query with its error.
        let err = select
            .query(&[Value::Int(Some(2))], |row| row.uuid(0).map(drop))
            .unwrap_err();
        assert!(err.message.contains("2 bytes, not a 16-byte UUID"), "{err}");
        let err = select
            .query(&[Value::Int(Some(2))], |row| row.text(1).map(drop))
            .unwrap_err();
        assert!(err.message.contains("not UTF-8"), "{err}");
        let err = select
            .query(&[Value::Int(Some(16))], |row| row.text(3).map(drop))
            .unwrap_err();
        assert_eq!(err.code, ffi::SQLITE_MISUSE, "{err}");
        // The closure's own error stops the query too, and the statement stays usable.
        let mut calls = 0;
        let err = select
            .query(&[Value::Int(Some(16))], |_| {
                calls += 1;
                Err(SqliteError::misuse("stop".to_owned()))
            })
            .unwrap_err();
        assert_eq!((calls, err.message.as_str()), (1, "stop"));
        assert_eq!(
            select
                .query(&[Value::Int(Some(16))], |_| Ok::<_, SqliteError>(()))
                .unwrap(),
            2
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
