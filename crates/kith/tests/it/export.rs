//! `kith export` and `kith restore`: what goes out comes back exactly.

use crate::Sandbox;

#[test]
fn export_restore_export_is_byte_identical() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "80", "--seed", "5"]);
    s.ok(&[
        "person",
        "add",
        "Ann Example",
        "--email",
        "ann@example.com",
        "--tag",
        "x",
    ]);
    s.ok(&["follow-up", "done", "1"]);
    let first = s.path("first.json");
    s.ok(&["export", "json", "-o", first.to_str().unwrap()]);

    let fresh = s.path("restored.db");
    let restored = s
        .kith_at(fresh.as_os_str(), &["restore", first.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let second = s
        .kith_at(fresh.as_os_str(), &["export", "json"])
        .output()
        .unwrap();
    assert!(second.status.success());
    assert!(
        std::fs::read(&first).unwrap() == second.stdout,
        "the second export differs from the first"
    );

    let stdout_export = s.ok(&["export", "json"]);
    assert_eq!(
        stdout_export.as_bytes(),
        std::fs::read(&first).unwrap(),
        "-o and stdout agree"
    );
}

#[test]
fn restore_refuses_a_database_with_data_and_names_bad_files() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    let backup = s.path("b.json");
    s.ok(&["export", "json", "-o", backup.to_str().unwrap()]);
    let err = s.fails(&["restore", backup.to_str().unwrap()], 1);
    assert!(err.contains("already holds data"), "{err}");

    let broken = s.path("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"kith_backup\": 1,\n  \"people\": [oops]\n}\n",
    )
    .unwrap();
    let empty = s.path("empty.db");
    let out = s
        .kith_at(empty.as_os_str(), &["restore", broken.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn vcard_and_csv_exports_carry_everyone() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "60", "--seed", "9"]);
    let people = s.json(&["person", "list"]).as_array().unwrap().len();
    let vcf = s.path("all.vcf");
    s.ok(&["export", "vcard", "-o", vcf.to_str().unwrap()]);
    let other = s.path("other.db");
    let out = s
        .kith_at(
            other.as_os_str(),
            &["import", vcf.to_str().unwrap(), "--json"],
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["format"], "vcard");
    assert_eq!(summary["read"], people as u64);
    assert_eq!(summary["rejected"], 0, "{summary}");

    let csv = s.ok(&["export", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "handle");
    assert_eq!(reader.records().count(), people, "one row per person");
}

#[test]
fn a_version_1_backup_still_restores() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "40", "--seed", "3"]);
    let mut backup: serde_json::Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    assert_eq!(backup["kith_backup"], 4);
    assert!(
        !backup["rhythms"].as_array().unwrap().is_empty(),
        "the demo places circles"
    );
    assert_eq!(
        backup["pitches"].as_array().unwrap().len(),
        2,
        "the demo's pitches"
    );
    // What version 1 wrote: no rhythms, no attendance, nothing of version 3.
    let old = backup.as_object_mut().unwrap();
    old.insert("kith_backup".into(), 1.into());
    for gone in [
        "rhythms",
        "attendance",
        "profile",
        "pitches",
        "questions",
        "interaction_extras",
        "merges",
        "opportunities",
    ] {
        old.remove(gone);
    }
    let path = s.path("v1.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&backup).unwrap()).unwrap();
    let fresh = s.path("restored.db");
    let restored = s
        .kith_at(fresh.as_os_str(), &["restore", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let again = s
        .kith_at(fresh.as_os_str(), &["export", "json"])
        .output()
        .unwrap();
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["kith_backup"], 4);
    assert_eq!(again["pitches"], serde_json::json!([]));
    assert_eq!(again["people"], backup["people"]);
    assert_eq!(again["rhythms"], serde_json::json!([]));
    assert_eq!(again["merges"], serde_json::json!([]));
    assert_eq!(again["opportunities"]["leads"], serde_json::json!([]));
}

/// Every key at every depth of the records collected from `value`, as `parent.key`
/// (`people.former_names`), leaving out what the merge history keeps for undo.
fn keys_in(value: &serde_json::Value, parent: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                out.insert(format!("{parent}.{key}"));
                if !(parent == "merges" && key == "changes") {
                    keys_in(inner, key, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                keys_in(item, parent, out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_backup_format_doc_names_every_key_an_export_writes() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "60", "--seed", "4"]);
    let people = s.json(&["person", "list"]);
    let handle = |n: usize| people[n]["handle"].as_str().unwrap().to_owned();
    s.ok(&["merge", &handle(0), &handle(1), "--yes"]);
    s.ok(&["person", "edit", &handle(2), "--name", "Someone Renamed"]);
    s.ok(&[
        "questions",
        "add",
        "What would you do differently?",
        "--purpose",
        "advice",
    ]);
    let backup = s.json(&["export", "json"]);
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/backup.md"),
    )
    .unwrap();
    assert!(
        doc.contains(&format!("| {} |", backup["kith_backup"])),
        "docs/backup.md lists the version this kith writes"
    );
    let mut keys = std::collections::BTreeSet::new();
    keys_in(&backup, "", &mut keys);
    assert!(keys.len() > 100, "{keys:?}");
    for key in keys {
        let name = key.rsplit('.').next().unwrap();
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/backup.md does not name `{name}` ({key})"
        );
    }
}
