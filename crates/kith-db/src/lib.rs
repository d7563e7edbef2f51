//! kith's storage backends. A database URL (or a plain file path) picks SQLite or
//! PostgreSQL at the edge; everything after that speaks the `kith-store` traits.
//!
//! Both backends share one implementation of the queries (`common/`, compiled once per
//! backend with that backend's concrete sqlx types) and differ only where the dialects do:
//! connecting, full-text search, and backup.

mod bulk;
mod error;
mod location;
mod postgres;
mod sqlite;

use std::path::Path;
use std::sync::Arc;

use kith_core::OwnerId;
use kith_store::{Result, Store, StoreError};

pub use location::{DbLocation, LocationError};

/// The owner single-user mode reads and writes as.
pub const LOCAL_OWNER: &str = "local";

/// An open database of either kind, migrated to the latest schema.
#[derive(Debug, Clone)]
pub enum Database {
    Sqlite(sqlite::Backend),
    Postgres(postgres::Backend),
}

impl Database {
    /// Opens (creating a SQLite file and its directory if needed) and migrates.
    pub async fn open(location: &DbLocation) -> Result<Self> {
        Ok(match location {
            DbLocation::Sqlite(path) => Self::Sqlite(sqlite::Backend::open(path).await?),
            DbLocation::Postgres(url) => Self::Postgres(postgres::Backend::open(url).await?),
        })
    }

    /// The owner with this name, created on first use.
    pub async fn owner(&self, name: &str) -> Result<OwnerId> {
        match self {
            Self::Sqlite(b) => b.ensure_owner(name).await,
            Self::Postgres(b) => b.ensure_owner(name).await,
        }
    }

    /// Deletes an owner and everything they own (every table cascades from `owners`).
    pub async fn remove_owner(&self, owner: OwnerId) -> Result<()> {
        match self {
            Self::Sqlite(b) => b.remove_owner(owner).await,
            Self::Postgres(b) => b.remove_owner(owner).await,
        }
    }

    /// A store that reads and writes only `owner`'s rows.
    pub fn store(&self, owner: OwnerId) -> Arc<dyn Store> {
        match self {
            Self::Sqlite(b) => Arc::new(b.store(owner)),
            Self::Postgres(b) => Arc::new(b.store(owner)),
        }
    }

    /// A consistent copy of the whole database at `dest`, taken while it is in use.
    pub async fn backup(&self, dest: &Path) -> Result<()> {
        match self {
            Self::Sqlite(b) => b.backup(dest).await,
            Self::Postgres(_) => Err(StoreError::Conflict {
                what: "backup",
                key: dest.display().to_string(),
                reason: "kith backup copies SQLite files; back up PostgreSQL with pg_dump".into(),
            }),
        }
    }

    pub async fn close(&self) {
        match self {
            Self::Sqlite(b) => b.close().await,
            Self::Postgres(b) => b.close().await,
        }
    }
}

/// Migration file names per dialect, for the test that keeps the two sets in step.
pub fn migration_names() -> (Vec<String>, Vec<String>) {
    (sqlite::migration_names(), postgres::migration_names())
}
