//! `kith merge --undo [N]`: a merge taken back exactly, the history saying so, and clear
//! one-line refusals.

use serde_json::{Value, json};

use crate::Sandbox;

/// The JSON backup without its merge history (which a merge and its undo add to).
fn everything_but_history(s: &Sandbox) -> Value {
    let mut backup: Value = serde_json::from_str(&s.ok(&["export", "json"])).expect("JSON");
    backup.as_object_mut().unwrap().remove("merges");
    backup
}

#[test]
fn a_merge_is_undone_exactly_and_the_history_says_when() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann Lee", "--email", "ann@example.com"]);
    s.ok(&[
        "person",
        "add",
        "Ann L.",
        "--email",
        "ann.l@example.com",
        "--phone",
        "+1 555 010 0199",
        "--role",
        "Engineer",
        "--tag",
        "rust",
    ]);
    s.ok(&["person", "add", "Bob"]);
    s.ok(&["log", "ann-l", "--kind", "call", "--note", "zeppelins"]);
    s.ok(&["log", "ann-lee", "ann-l", "--kind", "email"]);
    s.ok(&["knows", "ann-l", "bob"]);
    s.ok(&["knows", "ann-l", "ann-lee"]);
    let before = everything_but_history(&s);

    s.ok(&["merge", "ann-lee", "ann-l", "--yes"]);
    s.fails(&["person", "show", "ann-l"], 1);
    let stderr = s.fails(&["merge", "--undo"], 2);
    assert!(stderr.contains("--yes"), "asks first: {stderr}");

    let undone = s.json(&["merge", "--undo", "--yes"]);
    assert_eq!(undone["number"], 1);
    assert_eq!(undone["restored"]["handle"], "ann-l");
    assert_eq!(undone["restored"]["phones"], json!(["+1 555 010 0199"]));
    assert_eq!(
        undone["kept"]["role"],
        Value::Null,
        "Ann Lee's empty role again"
    );
    assert_eq!(
        (undone["interactions"].clone(), undone["ties"].clone()),
        (json!(2), json!(2))
    );
    assert_eq!(everything_but_history(&s), before);
    let ann_l = s.json(&["person", "show", "ann-l"]);
    assert_eq!(ann_l["person"]["tags"], json!(["rust"]));

    let history = s.json(&["merge", "--history"]);
    assert_eq!(history[0]["number"], 1);
    assert_eq!(history[0]["undone_at"], undone["undone_at"]);
    let table = s.ok(&["merge", "--history"]);
    assert!(
        table.contains("UNDONE") || table.contains("undone"),
        "{table}"
    );

    let again = s.fails(&["merge", "--undo", "1", "--yes"], 1);
    assert!(again.contains("undone already"), "{again}");
    assert_eq!(again.trim_end().lines().count(), 1, "{again}");
    let none = s.fails(&["merge", "--undo", "--yes"], 1);
    assert!(none.contains("no merge left to undo"), "{none}");
    s.fails(&["merge", "--undo", "7", "--yes"], 1);
    s.fails(&["merge", "--undo", "--history"], 2);
}

#[test]
fn an_undo_that_cannot_be_exact_is_refused_and_changes_nothing() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann Lee"]);
    s.ok(&["person", "add", "Ann L."]);
    s.ok(&["merge", "ann-lee", "ann-l", "--yes"]);
    s.ok(&["person", "add", "Ann L."]);
    let before = s.ok(&["export", "json"]);
    let refused = s.fails(&["merge", "--undo", "--yes"], 1);
    assert!(
        refused.contains("ann-l now belongs to someone else (Ann L.)"),
        "{refused}"
    );
    assert_eq!(refused.trim_end().lines().count(), 1, "{refused}");
    assert_eq!(s.ok(&["export", "json"]), before, "nothing written");
}

#[test]
fn dupes_say_when_a_pair_shares_a_name_one_of_them_went_by() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Robert Smith", "--company", "Acme"]);
    s.ok(&["person", "edit", "robert-smith", "--name", "Bob Smith"]);
    assert_eq!(s.ok(&["person", "add", "Robert Smith"]), "robert-smith-2\n");
    let dupes = s.json(&["dupes"]);
    assert_eq!(dupes.as_array().unwrap().len(), 1, "{dupes}");
    assert_eq!(dupes[0]["reasons"], serde_json::json!(["name alone"]));
    assert_eq!(
        dupes[0]["formerly"], "robert-smith was Robert Smith",
        "{dupes}"
    );
    let table = s.ok(&["dupes"]);
    assert!(
        table.contains("same name alone (robert-smith was Robert Smith)"),
        "{table}"
    );
    // A pair of one name now says nothing more.
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--email",
        "ada@example.com",
    ]);
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--email",
        "ada@example.com",
    ]);
    let dupes = s.json(&["dupes"]);
    let ada = dupes
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["a"]["name"] == "Ada Lovelace")
        .unwrap_or_else(|| panic!("{dupes}"));
    assert!(ada.get("formerly").is_none(), "{ada}");
}
