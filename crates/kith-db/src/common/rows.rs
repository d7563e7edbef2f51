//! Reading stored values back into domain types. A value that no longer parses is
//! reported as `Corrupt`, never replaced by a default.

use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil::Date;
use kith_store::{Result, StoreError};
use sqlx::Row;

use super::Db;
use crate::error::backend;

pub(super) type DbRow = <Db as sqlx::Database>::Row;

pub(super) fn get<'r, T>(row: &'r DbRow, column: &str) -> Result<T>
where
    T: sqlx::Decode<'r, Db> + sqlx::Type<Db>,
{
    row.try_get(column).map_err(backend)
}

pub(super) fn timestamp(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt {
        what: "timestamp",
        detail: format!("{ms}: {e}"),
    })
}

pub(super) fn date(text: &str) -> Result<Date> {
    text.parse().map_err(|e| StoreError::Corrupt {
        what: "date",
        detail: format!("{text:?}: {e}"),
    })
}

/// A closed-vocabulary value (kind, channel, policy) stored as its canonical text.
pub(super) fn vocab<T>(what: &'static str, text: &str) -> Result<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e: T::Err| StoreError::Corrupt {
        what,
        detail: e.to_string(),
    })
}

/// A tie's stored strength, which the schema keeps within 1–5.
pub(super) fn tie_strength(n: i64) -> Result<kith_core::TieStrength> {
    u8::try_from(n)
        .ok()
        .and_then(|s| kith_core::TieStrength::new(s).ok())
        .ok_or_else(|| kith_store::StoreError::Corrupt {
            what: "tie strength",
            detail: n.to_string(),
        })
}

pub(super) fn handle(text: String) -> Result<kith_core::Handle> {
    kith_core::Handle::parse(&text).map_err(|e| StoreError::Corrupt {
        what: "handle",
        detail: e.to_string(),
    })
}

/// A person link from a row's `id`, `handle` and `name` columns.
pub(super) fn person_link(row: &DbRow) -> Result<kith_core::PersonLink> {
    Ok(kith_core::PersonLink {
        id: kith_core::PersonId::from_uuid(get(row, "id")?),
        handle: handle(get(row, "handle")?)?,
        name: get(row, "name")?,
    })
}

/// Empty or blank text is stored as NULL: "no role" has one spelling.
pub(super) fn clean(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}
