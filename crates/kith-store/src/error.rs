//! What can go wrong behind the storage traits, typed so callers can tell a missing record
//! from a broken database.

use kith_core::ParseError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist (for this owner).
    #[error("no {what} {key:?}")]
    NotFound { what: &'static str, key: String },
    /// The write would break a uniqueness or state rule (a follow-up already done).
    #[error("{what} {key:?}: {reason}")]
    Conflict {
        what: &'static str,
        key: String,
        reason: String,
    },
    /// A value given to the store is not acceptable (empty name, bad size band).
    #[error(transparent)]
    Invalid(#[from] ParseError),
    /// A stored value no longer reads as the domain type it was written from.
    #[error("stored {what} is unreadable: {detail}")]
    Corrupt { what: &'static str, detail: String },
    /// The database itself failed: unreachable, locked, full, a failed migration.
    #[error("database error")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            key: key.into(),
        }
    }

    pub fn backend(err: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Backend(Box::new(err))
    }
}
