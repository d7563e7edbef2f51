//! Opening a fresh database of each kind for one test.
//!
//! PostgreSQL comes from `KITH_TEST_POSTGRES_URL`, which `cargo xtask test` sets after
//! starting a throwaway cluster. Without it the PostgreSQL tests fail: a run that meant
//! to test PostgreSQL and reached none must not pass. Each test gets its own owner, so
//! tests share the server without seeing each other (which also exercises isolation).

use kith_db::{Database, DbLocation};
use tempfile::TempDir;

#[derive(Debug)]
pub(crate) struct Harness {
    pub(crate) db: Database,
    url: Option<String>,
    _dir: Option<TempDir>,
}

pub(crate) async fn sqlite() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let location = DbLocation::Sqlite(dir.path().join("nested").join("kith.db"));
    let db = Database::open(&location).await.expect("open sqlite");
    Harness {
        db,
        url: None,
        _dir: Some(dir),
    }
}

pub(crate) const POSTGRES_VAR: &str = "KITH_TEST_POSTGRES_URL";

pub(crate) async fn postgres() -> Harness {
    let url = std::env::var(POSTGRES_VAR).unwrap_or_else(|_| {
        panic!(
            "{POSTGRES_VAR} is not set: run the tests with `cargo xtask test`, which starts a \
             throwaway PostgreSQL cluster; PostgreSQL tests never skip"
        )
    });
    let location = DbLocation::parse(&url).expect("a postgres URL");
    assert!(
        matches!(location, DbLocation::Postgres(_)),
        "{POSTGRES_VAR} must be a postgres:// URL"
    );
    let db = Database::open(&location)
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {location}: {e:?}"));
    Harness {
        db,
        url: Some(url),
        _dir: None,
    }
}

impl Harness {
    pub(crate) async fn server_version(&self) -> String {
        let url = self.url.as_deref().expect("a postgres harness");
        let pool = sqlx::PgPool::connect(url).await.expect("connect");
        let version: String = sqlx::query_scalar("SELECT version()")
            .fetch_one(&pool)
            .await
            .expect("version");
        pool.close().await;
        version
    }
}

/// A fresh owner no other test uses.
pub(crate) async fn fresh_owner(db: &Database) -> kith_core::OwnerId {
    let name = format!("test-{}", uuid::Uuid::now_v7());
    db.owner(&name).await.expect("owner")
}
