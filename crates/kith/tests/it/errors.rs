//! Bad input gets one clear line naming the field and the value, exit 2 for usage and 1
//! for failures, and leaves the database as it was.

use crate::Sandbox;

fn people(s: &Sandbox) -> serde_json::Value {
    s.json(&["person", "list"])
}

#[test]
fn usage_errors_exit_2_and_name_the_field_and_value() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    let before = people(&s);
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["log", "ann", "--kind", "lunch"],
            &["--kind", "\"lunch\"", "coffee-chat"],
        ),
        (
            &["log", "ann", "--kind", "call", "--when", "soonish"],
            &["--when", "\"soonish\"", "3d ago"],
        ),
        (
            &["log", "ann", "--kind", "call", "--when", "tomorrow"],
            &["--when", "in the future"],
        ),
        (
            &["log", "ann", "--kind", "call", "--channel", "pigeon"],
            &["--channel", "\"pigeon\""],
        ),
        (
            &["person", "add", "Bo", "--email", "bo-at-example"],
            &["email", "\"bo-at-example\""],
        ),
        (&["person", "add", "  "], &["name"]),
        (
            &["follow-up", "add", "ann", "--due", "32/13", "--action", "x"],
            &["--due", "\"32/13\""],
        ),
        (
            &["company", "add", "Acme", "--size", "huge"],
            &["--size", "\"huge\"", "11-50"],
        ),
        (
            &["company", "add", "Acme", "--remote", "mars"],
            &["--remote", "\"mars\""],
        ),
        (
            &["person", "show", "Not A Handle"],
            &["handle", "\"Not A Handle\""],
        ),
        (&["person", "edit", "ann"], &["nothing to change"]),
        (&["demo", "--people", "0"], &["--people"]),
    ];
    for (args, needles) in cases {
        let err = s.fails(args, 2);
        assert_eq!(err.lines().count(), 1, "one line for {args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
        for needle in *needles {
            assert!(
                err.contains(needle),
                "{args:?}: {err:?} should mention {needle}"
            );
        }
    }
    assert_eq!(people(&s), before, "nothing changed");
}

#[test]
fn failures_exit_1_with_one_line() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    let before = people(&s);
    let cases: &[(&[&str], &str)] = &[
        (
            &["person", "show", "ghost"],
            "no person \"ghost\" (kith person list shows everyone)",
        ),
        (
            &["person", "show", "an"],
            "no person \"an\" (did you mean ann?)",
        ),
        (
            &["log", "ann", "ghost", "--kind", "call"],
            "no person \"ghost\"",
        ),
        (&["follow-up", "done", "42"], "no follow-up \"42\""),
        (&["company", "show", "initech"], "no company \"initech\""),
        (
            &["person", "list", "--company", "initech"],
            "no company \"initech\"",
        ),
    ];
    for (args, needle) in cases {
        let err = s.fails(args, 1);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(people(&s), before);
    // The interaction with a missing person was not half-written for Ann.
    assert_eq!(
        s.json(&["person", "show", "ann"])["recent_interactions"],
        serde_json::json!([])
    );
}

#[test]
fn clap_usage_errors_exit_2() {
    let s = Sandbox::new();
    let err = s.fails(&["person", "add"], 2);
    assert!(err.contains("<NAME>"), "{err}");
    s.fails(&["log", "ann"], 2);
    s.fails(&["frobnicate"], 2);
}

#[test]
fn a_bad_database_location_is_a_usage_error() {
    let s = Sandbox::new();
    let out = s
        .kith_at("mysql://nope".as_ref(), &["person", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--db: invalid database location"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "400"]);
    let kith = assert_cmd::cargo::cargo_bin("kith");
    let mut child = std::process::Command::new(kith)
        .args(["--db", s.db().to_str().unwrap(), "person", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
