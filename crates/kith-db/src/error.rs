//! Turning sqlx's errors into the store's, keeping the cause.

use kith_store::StoreError;

/// A database failure as the store reports it; a uniqueness violation becomes a
/// `Conflict` naming what collided.
pub(crate) fn db_error(what: &'static str, key: &str) -> impl FnOnce(sqlx::Error) -> StoreError {
    let key = key.to_owned();
    move |err| match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict {
            what,
            key,
            reason: "already exists".into(),
        },
        _ => StoreError::backend(err),
    }
}

/// For the many calls where nothing but an outage can go wrong.
pub(crate) fn backend(err: sqlx::Error) -> StoreError {
    StoreError::backend(err)
}
