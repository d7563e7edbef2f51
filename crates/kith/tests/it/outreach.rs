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
