//! The outreach coach at the command line: `kith lint` reads the recipient's stage, name,
//! facts and favours from what kith knows (the rules themselves are tested in kith-core).

use serde_json::Value;

use crate::Sandbox;

fn rules(out: &Value) -> Vec<String> {
    out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

const ASK: &str = "Hi Bo, could you refer me for the backend opening on your team?";

#[test]
fn lint_weighs_a_message_against_the_relationship() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Bo Chen",
        "--company",
        "Stripe",
        "--tag",
        "rust",
    ]);
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "message",
        "--when",
        "2026-11-10",
    ]);
    let file = s.path("ask.txt");
    std::fs::write(&file, ASK).unwrap();
    let file = file.to_str().unwrap();

    // Only contacted so far: a referral ask is premature.
    let out = s.json(&["lint", file, "--to", "bo-chen"]);
    assert_eq!(out["stage"], "contacted");
    assert_eq!(out["to"]["handle"], "bo-chen");
    assert!(rules(&out).contains(&"premature-ask".to_owned()), "{out:#}");
    assert!(out["errors"].as_u64().unwrap() >= 1);
    let finding = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "premature-ask")
        .unwrap();
    let (start, end) = (
        finding["span"]["start"].as_u64().unwrap() as usize,
        finding["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ASK[start..end], finding["excerpt"].as_str().unwrap());

    // An advocate can be asked.
    let advocate = s.json(&["lint", file, "--to", "bo-chen", "--stage", "advocate"]);
    assert!(
        !rules(&advocate).contains(&"premature-ask".to_owned()),
        "{advocate:#}"
    );

    // A congratulation with a real hook asks nothing.
    let mut cmd = s.kith(&[
        "lint",
        "-",
        "--to",
        "bo-chen",
        "--channel",
        "linkedin",
        "--json",
    ]);
    let out = cmd
        .write_stdin("Congrats on the new role at Stripe, Bo! Loved your talk on async Rust.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let quiet: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(quiet["findings"], Value::Array(vec![]), "{quiet:#}");

    // Help only ever received: give first.
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "help-received",
        "--when",
        "2026-11-12",
        "--inbound",
    ]);
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-15",
    ]);
    let taken = s.json(&["lint", file, "--to", "bo-chen"]);
    assert_eq!(taken["stage"], "met");
    assert!(
        rules(&taken).contains(&"give-first".to_owned()),
        "{taken:#}"
    );

    let text = s.ok(&["lint", file, "--to", "bo-chen", "--stage", "new"]);
    assert!(
        text.contains("premature-ask") && text.contains("→ "),
        "{text}"
    );
    let err = s.fails(&["lint", "no-such-message.txt"], 1);
    assert!(err.contains("no-such-message.txt"), "{err}");
    let err = s.fails(&["lint", file, "--stage", "friendly"], 2);
    assert!(err.contains("stage"), "{err}");
}

#[test]
fn a_coffee_chat_leaves_a_thank_you_due_the_next_day_once() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ada Lovelace"]);
    s.ok(&["person", "add", "Bo Chen"]);
    let out = s.ok(&[
        "log",
        "ada-lovelace",
        "bo-chen",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-22 15:00",
    ]);
    assert!(out.contains("Follow-up #1: Thank Ada Lovelace"), "{out}");
    let due: Vec<(String, String)> = s
        .json(&["follow-up", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["person"]["handle"].as_str().unwrap().to_owned(),
                f["due"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            ("ada-lovelace".to_owned(), "2026-11-23".to_owned()),
            ("bo-chen".to_owned(), "2026-11-23".to_owned())
        ]
    );
    // A second chat before the thank-you is sent adds none; other kinds add none.
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "informational-interview",
        "--when",
        "2026-11-21",
    ]);
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "message",
        "--when",
        "2026-11-21",
    ]);
    assert_eq!(s.json(&["follow-up", "list"]).as_array().unwrap().len(), 2);
    // A chat logged long after the fact (catching up on history) asks for none.
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-10-01",
    ]);
    s.ok(&["follow-up", "done", "2"]);
    s.ok(&[
        "log",
        "bo-chen",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-10-02",
    ]);
    assert_eq!(s.json(&["follow-up", "list"]).as_array().unwrap().len(), 1);
    // Once thanked (the follow-up done), the next chat asks for a new thank-you.
    s.ok(&["follow-up", "done", "1"]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-22",
    ]);
    let open = s.json(&["follow-up", "list"]);
    assert_eq!(open.as_array().unwrap().len(), 1, "{open:#}");
    assert_eq!(open[0]["person"]["handle"], "ada-lovelace");
}

#[test]
fn person_show_keeps_the_favours_ledger() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ada Lovelace"]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "help-received",
        "--when",
        "2026-11-01",
        "--inbound",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "help-received",
        "--when",
        "2026-11-05",
        "--inbound",
    ]);
    let shown = s.json(&["person", "show", "ada-lovelace"]);
    assert_eq!(shown["favours"]["given"], 0);
    assert_eq!(shown["favours"]["received"], 2);
    assert_eq!(shown["favours"]["balance"], -2);
    let text = s.ok(&["person", "show", "ada-lovelace"]);
    assert!(
        text.contains("they helped you 2 times; you have not helped them yet — give first"),
        "{text}"
    );
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "help-given",
        "--when",
        "2026-11-10",
    ]);
    let text = s.ok(&["person", "show", "ada-lovelace"]);
    assert!(
        text.contains("you helped once, they helped you 2 times"),
        "{text}"
    );
}

#[test]
fn prep_briefs_follow_the_relationship() {
    let s = Sandbox::new();
    s.ok(&[
        "company",
        "add",
        "Acme",
        "--target",
        "--notes",
        "Ships a Rust database",
    ]);
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--company",
        "Acme",
        "--role",
        "Staff Engineer",
        "--how-met",
        "Rust meetup",
    ]);
    s.ok(&["person", "add", "Cy New"]);
    s.ok(&[
        "knows",
        "ada-lovelace",
        "cy-new",
        "--how",
        "friend",
        "--strength",
        "4",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-22 10:00",
        "--note",
        "She is migrating billing to Rust",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "help-received",
        "--when",
        "2026-11-22 11:00",
        "--inbound",
    ]);

    let brief = s.json(&["prep", "ada-lovelace"]);
    assert_eq!(brief["relationship"]["stage"]["value"], "met");
    assert_eq!(brief["how_met"], "Rust meetup");
    assert_eq!(brief["company"]["target"], true);
    assert_eq!(brief["favours"]["received"], 1);
    assert_eq!(brief["history"][0]["kind"], "help-received");
    // The thank-you the coffee chat left is an open promise.
    assert!(
        brief["open_promises"]["yours"][0]["action"]
            .as_str()
            .unwrap()
            .starts_with("Thank Ada")
    );
    let purposes: Vec<&str> = brief["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["purpose"].as_str().unwrap())
        .collect();
    // Met, at a target company: challenges first, then how they hire.
    assert_eq!(&purposes[..2], ["challenges", "hiring"], "{purposes:?}");

    let text = s.ok(&["prep", "ada-lovelace"]);
    for part in [
        "# Prep: Ada Lovelace",
        "Staff Engineer at Acme",
        "how you met: Rust meetup",
        "She is migrating billing to Rust",
        "a target company for you",
        "notes: Ships a Rust database",
        "they helped you once; you have not helped them yet — give first",
        "Cy New (friend, strength 4)",
        "## Questions to ask",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }

    // Someone new: nothing invented, questions for a first conversation, never hiring.
    let new = s.json(&["prep", "cy-new", "--format", "json"]);
    assert_eq!(new["relationship"]["stage"]["value"], "new");
    assert_eq!(new["history"], Value::Array(vec![]));
    assert!(new["company"].is_null());
    let purposes: Vec<&str> = new["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes[0], "rapport");
    assert!(!purposes.contains(&"hiring") && !purposes.contains(&"culture"));
    let text = s.ok(&["prep", "cy-new"]);
    assert!(text.contains("how you met: not recorded") && text.contains("Nothing logged yet."));
}
