//! What only the SQLite backend has: a file set up on purpose, and online backups.

use kith_db::{Database, DbLocation};
use kith_store::{NewPerson, PersonFilter, StoreError};

#[tokio::test]
async fn the_file_and_its_directory_are_created_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a").join("b").join("kith.db");
    let db = Database::open(&DbLocation::Sqlite(path.clone()))
        .await
        .unwrap();
    let owner = db.owner(kith_db::LOCAL_OWNER).await.unwrap();
    assert_eq!(
        db.owner(kith_db::LOCAL_OWNER).await.unwrap(),
        owner,
        "owners are found again"
    );
    db.store(owner)
        .add_person(NewPerson {
            name: "Ann".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(path.exists());
    assert!(
        dir.path().join("a/b/kith.db-wal").exists(),
        "journal_mode=WAL"
    );

    let url = format!("sqlite://{}", path.display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let fts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'search_fts'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(fts, 1);
    pool.close().await;
    db.close().await;
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&DbLocation::Sqlite(dir.path().join("kith.db")))
        .await
        .unwrap();
    let owner = db.owner("local").await.unwrap();
    let store = db.store(owner);
    let ann = store
        .add_person(NewPerson {
            name: "Ann".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    store.remove_person(&ann.handle).await.unwrap();
    // Contact rows would be orphaned without ON DELETE CASCADE being honoured.
    let pool = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        dir.path().join("kith.db").display()
    ))
    .await
    .unwrap();
    let orphans: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM person_tags")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(orphans, 0);
    pool.close().await;
}

#[tokio::test]
async fn backup_is_a_complete_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open(&DbLocation::Sqlite(dir.path().join("kith.db")))
        .await
        .unwrap();
    let store = db.store(db.owner("local").await.unwrap());
    for name in ["Ann", "Bob", "Cy"] {
        store
            .add_person(NewPerson {
                name: name.into(),
                tags: vec!["x".into()],
                ..Default::default()
            })
            .await
            .unwrap();
    }
    let dest = dir.path().join("backups").join("copy.db");
    db.backup(&dest).await.expect("backup");

    let copy = Database::open(&DbLocation::Sqlite(dest.clone()))
        .await
        .unwrap();
    let copied = copy.store(copy.owner("local").await.unwrap());
    let people = copied.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(
        people,
        store.people(&PersonFilter::default()).await.unwrap()
    );
    assert_eq!(
        copied.search("bob", 5).await.unwrap().len(),
        1,
        "the search index came along"
    );

    let again = db.backup(&dest).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "never overwrite: {again:?}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 6, ..Default::default() })]

    /// Export, restore, export is byte-identical for networks of any seed and size.
    #[test]
    fn backup_round_trips_byte_for_byte(seed in 0u64..1_000_000, people in 2usize..40) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let db = Database::open(&DbLocation::Sqlite(dir.path().join("kith.db"))).await.unwrap();
            let original = db.store(db.owner("a").await.unwrap());
            crate::backup_cases::varied_network(&*original, seed, people).await;
            let first = serde_json::to_vec(&original.snapshot().await.unwrap()).unwrap();
            let other = Database::open(&DbLocation::Sqlite(dir.path().join("copy.db"))).await.unwrap();
            let copy = other.store(other.owner("b").await.unwrap());
            let backup: kith_store::Backup = serde_json::from_slice(&first).unwrap();
            copy.restore(&backup).await.unwrap();
            let second = serde_json::to_vec(&copy.snapshot().await.unwrap()).unwrap();
            assert!(first == second, "seed {seed}, {people} people: round trip differs");
        });
    }
}

/// Writes that arrive together from two processes (here two pools on one file) all land:
/// a transaction that reads before it writes must not fail because another one committed in
/// between (SQLite's busy timeout does not retry that case).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_all_land() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.db");
    let db = Database::open(&DbLocation::Sqlite(path.clone()))
        .await
        .unwrap();
    let owner = db.owner("local").await.unwrap();
    let other = Database::open(&DbLocation::Sqlite(path)).await.unwrap();
    crate::cases::all_land_together(40, |n| {
        if n % 2 == 0 {
            db.store(owner)
        } else {
            other.store(owner)
        }
    })
    .await;
}

/// A merge made before kith kept former names recorded none in its undo record, while
/// migration 0010 gave the kept person the absorbed one's name: undoing it takes that name
/// back too, or the two people would share it.
#[tokio::test]
async fn undoing_a_merge_from_before_former_names_takes_the_name_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kith.db");
    let db = Database::open(&DbLocation::Sqlite(path.clone()))
        .await
        .unwrap();
    let store = db.store(db.owner("local").await.unwrap());
    for name in ["Ada Lovelace", "Ada L"] {
        store
            .add_person(NewPerson {
                name: name.into(),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    let kept = kith_core::Handle::parse("ada-lovelace").unwrap();
    let gone = kith_core::Handle::parse("ada-l").unwrap();
    let merged = store.merge_people(&kept, &gone).await.unwrap();
    assert_eq!(merged.kept.former_names, ["Ada L"]);
    // What an older kith wrote: no former names in the record of the kept person.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let changes: String = sqlx::query_scalar("SELECT changes_json FROM merges")
        .fetch_one(&pool)
        .await
        .unwrap();
    let mut changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
    for side in ["kept_before", "kept_after"] {
        changes[side]
            .as_object_mut()
            .unwrap()
            .remove("former_names");
    }
    sqlx::query("UPDATE merges SET changes_json = ?")
        .bind(changes.to_string())
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let undone = store
        .undo_merge(kith_store::MergeRef::Latest)
        .await
        .unwrap();
    assert!(undone.kept.former_names.is_empty(), "{:?}", undone.kept);
    assert_eq!(undone.restored.name, "Ada L");
}
