//! The docs must not describe code that is not there.

use std::path::Path;

/// Every backticked path in a doc that points into the repository.
fn named_paths(doc: &str) -> Vec<String> {
    doc.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| {
            (span.starts_with("crates/") || span.starts_with("xtask") || span.starts_with("docs/"))
                && !span.contains(' ')
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_path_the_docs_name_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for doc in ["ARCHITECTURE.md", "README.md", "docs/backup.md"] {
        let text = std::fs::read_to_string(root.join(doc)).expect("doc");
        let paths = named_paths(&text);
        if doc == "ARCHITECTURE.md" {
            assert!(paths.len() > 15, "the code map names its paths: {paths:?}");
        }
        for path in paths {
            assert!(
                root.join(&path).exists(),
                "{doc} names {path}, which does not exist"
            );
        }
    }
}

#[test]
fn the_path_finder_finds_paths() {
    let found = named_paths("see `crates/kith/src/main.rs` and `kith person add` and `docs/x.md`");
    assert_eq!(found, ["crates/kith/src/main.rs", "docs/x.md"]);
}
