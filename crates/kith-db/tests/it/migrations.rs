//! The two dialects' migrations must stay in step: same names, same order.

#[test]
fn both_dialects_have_the_same_migrations() {
    let (sqlite, postgres) = kith_db::migration_names();
    assert!(!sqlite.is_empty(), "no migrations embedded");
    assert_eq!(
        sqlite, postgres,
        "SQLite and PostgreSQL migrations drifted apart"
    );
}

#[test]
fn migration_files_on_disk_match_by_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |dialect: &str| {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(dialect))
            .expect("migrations dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
}
