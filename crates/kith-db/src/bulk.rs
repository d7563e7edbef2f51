//! One row of a bulk INSERT as plain values, so the shared batch writer
//! (`common/network.rs`) can describe its rows once and each dialect can send them its own
//! way: SQLite through one prepared statement stepped row by row (`sqlite::raw`),
//! PostgreSQL as multi-row INSERTs through sqlx.
//!
//! Every value keeps its SQL type even when it is NULL: PostgreSQL rejects an untyped NULL
//! in a `uuid` column.

use std::borrow::Cow;

use uuid::Uuid;

/// A value bound to one parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Uuid(Option<Uuid>),
    Text(Option<Cow<'a, str>>),
    Int(Option<i64>),
    Bool(bool),
}

/// The values of one row, in column order. Text may borrow from the item being written.
#[derive(Debug, Default)]
pub(crate) struct Row<'a> {
    values: Vec<Value<'a>>,
}

impl<'a> Row<'a> {
    pub(crate) fn with_capacity(columns: usize) -> Self {
        Self {
            values: Vec::with_capacity(columns),
        }
    }

    pub(crate) fn clear(&mut self) {
        self.values.clear();
    }

    pub(crate) fn values(&self) -> &[Value<'a>] {
        &self.values
    }

    pub(crate) fn uuid(&mut self, value: Uuid) -> &mut Self {
        self.opt_uuid(Some(value))
    }

    pub(crate) fn opt_uuid(&mut self, value: Option<Uuid>) -> &mut Self {
        self.values.push(Value::Uuid(value));
        self
    }

    pub(crate) fn text(&mut self, value: impl Into<Cow<'a, str>>) -> &mut Self {
        self.values.push(Value::Text(Some(value.into())));
        self
    }

    pub(crate) fn opt_text<T: Into<Cow<'a, str>>>(&mut self, value: Option<T>) -> &mut Self {
        self.values.push(Value::Text(value.map(Into::into)));
        self
    }

    pub(crate) fn int(&mut self, value: i64) -> &mut Self {
        self.opt_int(Some(value))
    }

    pub(crate) fn opt_int(&mut self, value: Option<i64>) -> &mut Self {
        self.values.push(Value::Int(value));
        self
    }

    pub(crate) fn bool(&mut self, value: bool) -> &mut Self {
        self.values.push(Value::Bool(value));
        self
    }
}

/// One row read by a dialect's `for_each_row`, by column position: SQLite lends it in place
/// (`sqlite::raw::Columns`), PostgreSQL from a fetched row.
pub(crate) trait ReadRow {
    /// A text column; NULL is `None`.
    fn text(&self, index: usize) -> kith_store::Result<Option<&str>>;
    /// A UUID column; NULL is `None`.
    fn uuid(&self, index: usize) -> kith_store::Result<Option<Uuid>>;
    /// An integer column; NULL is `None`.
    fn int(&self, index: usize) -> kith_store::Result<Option<i64>>;
}
