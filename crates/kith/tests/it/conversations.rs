//! The conversation coach end to end: pitch versions and how they fared, drafts from
//! recorded facts and editable templates, the question bank, messages kept with their
//! findings, and promises either way.

use serde_json::Value;

use crate::Sandbox;

fn rules_of(findings: &Value) -> Vec<String> {
    findings
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

fn ada(s: &Sandbox) {
    s.ok(&["company", "add", "Acme", "--target"]);
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--company",
        "Acme",
        "--role",
        "Staff Engineer",
    ]);
}

#[test]
fn pitch_versions_are_checked_and_how_they_fared_is_counted() {
    let s = Sandbox::new();
    ada(&s);
    s.fails(&["pitch", "show"], 2);
    let first = s.json(&[
        "pitch",
        "add",
        "Hi, I'm Sam. I'm basically a backend engineer, and I'm really passionate about payments, \
         fast databases and learning every day from the people around me.",
        "--label",
        "first try",
    ]);
    assert_eq!(first["pitch"]["version"], 1);
    assert_eq!(
        rules_of(&first["check"]["findings"]),
        ["missing-next", "filler", "filler"]
    );
    let second = s.json(&[
        "pitch",
        "add",
        "I'm Sam Okafor, a backend engineer. For six years I have built payment systems in Go. \
         In twelve months I want to be working on developer tooling.",
    ]);
    assert_eq!(second["pitch"]["current"], true);
    assert_eq!(second["check"]["findings"], serde_json::json!([]));
    assert_eq!(second["check"]["parts"]["next"], "In twelve months");

    // An overlong pitch: 80 words are 32 seconds at 150 a minute.
    let long = format!(
        "I'm Sam, a developer looking for a platform role. {}",
        ["word"; 71].join(" ")
    );
    let check = s.json(&["pitch", "check", "--text", &long]);
    assert_eq!(
        (check["words"].as_u64(), check["seconds"].as_f64()),
        (Some(80), Some(32.0))
    );
    assert_eq!(rules_of(&check["findings"]), ["too-long"]);

    // v1 used in a message Ada answered, then a coffee chat; v2 (in use) once, no reply.
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--when",
        "2026-11-10",
        "--pitch",
        "1",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--inbound",
        "--when",
        "2026-11-11",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-12",
    ]);
    s.ok(&["person", "add", "Bo Chen"]);
    let logged = s.json(&["log", "bo-chen", "--kind", "message", "--pitch"]);
    assert_eq!(logged["pitch_version"], 2, "no number: the one in use");
    s.fails(&["log", "bo-chen", "--kind", "message", "--pitch", "7"], 2);

    let list = s.json(&["pitch", "list"]);
    let fared: Vec<(u64, u64, u64, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().unwrap();
            (n("version"), n("uses"), n("replied"), n("met"))
        })
        .collect();
    assert_eq!(fared, [(1, 1, 1, 1), (2, 1, 0, 0)]);
    let human = s.ok(&["pitch", "list"]);
    assert!(human.contains("v1 “first try”"), "{human}");
    assert!(
        human.contains("1 replied (100 %), 1 met you afterwards (100 %)"),
        "{human}"
    );

    s.ok(&["pitch", "use", "1"]);
    let shown = s.json(&["pitch", "show"]);
    assert_eq!(shown["pitch"]["version"], 1);
    let text = s.ok(&["pitch", "check", "2"]);
    assert!(
        text.contains("✓ where you want to be in 12 months: “In twelve months”"),
        "{text}"
    );
    assert!(text.contains("Nothing to fix."), "{text}");
    // The prep sheet carries the pitch in use.
    let brief = s.json(&["prep", "ada-lovelace"]);
    assert_eq!(brief["pitch"]["version"], 1);
    // `kith stats` says which versions convert, the same in JSON and in words.
    let stats = s.json(&["stats"]);
    let rates: Vec<(u64, Option<f64>, Option<f64>)> = stats["pitches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["version"].as_u64().unwrap(),
                p["reply_percent"].as_f64(),
                p["meeting_percent"].as_f64(),
            )
        })
        .collect();
    assert_eq!(
        rates,
        [(1, Some(100.0), Some(100.0)), (2, Some(0.0), Some(0.0))]
    );
    let words = s.ok(&["stats"]);
    assert!(
        words.contains("v1 “first try”: 1 use with 1 person; replied 1 (100.0%), met 1 (100.0%)"),
        "{words}"
    );
    let since = s.json(&["stats", "--since", "2026-11-20"]);
    assert_eq!(
        since["pitches"].as_array().unwrap().len(),
        1,
        "only v2 was used since"
    );
}

#[test]
fn drafts_use_recorded_facts_and_show_what_is_missing() {
    let s = Sandbox::new();
    ada(&s);
    // Nothing known: the hook and who you are are visible placeholders, nothing invented.
    let bare = s.json(&["draft", "ada-lovelace"]);
    assert_eq!(bare["template"]["name"], "first-message");
    assert_eq!(
        bare["text"],
        "Hi Ada, [[something specific about them: a talk, a post, a launch, a job change or a \
         community you share (kith has none recorded)]] [[who you are, in one line (kith me \
         --line …)]] I would be glad to connect."
    );
    let missing: Vec<&str> = bare["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["placeholder"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["hook", "me"]);

    // Met at an event, and a profile: a first message with both facts.
    s.ok(&[
        "me",
        "--name",
        "Sam Okafor",
        "--line",
        "a backend engineer moving into tooling",
    ]);
    s.ok(&["event", "add", "Rust Meetup", "--date", "2026-11-20"]);
    s.ok(&["event", "met", "1", "ada-lovelace"]);
    let met = s.json(&[
        "draft",
        "ada-lovelace",
        "--template",
        "first-message",
        "--channel",
        "linkedin",
    ]);
    assert_eq!(
        met["text"],
        "Hi Ada, It was good to meet you at Rust Meetup. I'm a backend engineer moving into \
         tooling. I would be glad to connect."
    );
    assert_eq!(met["hook"]["kind"], "event");
    assert_eq!(met["missing"], serde_json::json!([]));
    assert_eq!(
        met["findings"],
        serde_json::json!([]),
        "the linter has nothing to say"
    );

    // After a coffee chat, the thank-you, with what was talked about.
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-22 10:00",
        "--note",
        "She is migrating billing to Rust. Great tips on hiring.",
    ]);
    let thanks = s.json(&["draft", "ada-lovelace"]);
    assert_eq!(thanks["template"]["name"], "thank-you");
    assert_eq!(
        thanks["text"],
        "Hi Ada,\n\nThank you for the coffee chat on Sunday 22 November. One thing I took from \
         it: She is migrating billing to Rust.\n\nSam Okafor"
    );
    // Once thanked, a follow-up that asks about what she mentioned, with a promise kept.
    s.ok(&["follow-up", "done", "1"]);
    s.ok(&["follow-up", "done", "2"]);
    s.ok(&[
        "follow-up",
        "add",
        "ada-lovelace",
        "--due",
        "in 2d",
        "--action",
        "Send the post on Rust migrations",
    ]);
    let follow = s.json(&["draft", "ada-lovelace"]);
    assert_eq!(follow["template"]["name"], "follow-up");
    assert_eq!(
        follow["text"],
        "Hi Ada,\n\nThanks again for the coffee chat on Sunday 22 November. Last time you \
         mentioned “She is migrating billing to Rust”: how is it going?\n\nAs promised: send the \
         post on Rust migrations.\n\nSam Okafor"
    );
    let human = s.ok(&["draft", "ada-lovelace"]);
    assert!(
        human.contains("Hook: project — from your notes of a conversation"),
        "{human}"
    );
}

#[test]
fn templates_are_the_users_to_edit() {
    let s = Sandbox::new();
    ada(&s);
    let init = s.json(&["template", "init"]);
    let folder = std::path::PathBuf::from(init["folder"].as_str().unwrap());
    assert_eq!(init["written"].as_array().unwrap().len(), 4);
    std::fs::write(
        folder.join("first-message.txt"),
        "# Mine\nHello {{first_name}} at {{company}}! {{hook}}\n",
    )
    .unwrap();
    let again = s.json(&["template", "init"]);
    assert_eq!(again["written"], serde_json::json!([]), "never overwrites");
    let draft = s.json(&["draft", "ada-lovelace"]);
    assert!(
        draft["template"]["source"]
            .as_str()
            .unwrap()
            .ends_with("first-message.txt")
    );
    assert!(
        draft["text"]
            .as_str()
            .unwrap()
            .starts_with("Hello Ada at Acme! [[something specific"),
        "{}",
        draft["text"]
    );
    std::fs::write(
        folder.join("ask.txt"),
        "# An ask\n\nHi {{first_name}}, {{referral}}\n",
    )
    .unwrap();
    let err = s.fails(&["draft", "ada-lovelace", "--template", "ask"], 2);
    assert!(
        err.contains("ask.txt, line 3: unknown placeholder {{referral}}"),
        "{err}"
    );
    let err = s.fails(&["draft", "ada-lovelace", "--template", "nope"], 2);
    assert!(
        err.contains("no template \"nope\"; there are: ask, first-message"),
        "{err}"
    );
    let listed = s.json(&["template", "list"]);
    assert!(
        listed.to_string().contains("BROKEN: "),
        "a broken file is listed as such: {listed}"
    );
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5, "{listed}");
    // An ask drafted to someone who has only helped you: the linter says give first.
    std::fs::write(
        folder.join("ask.txt"),
        "Hi {{first_name}}, could you refer me for the staff role at {{company}}?\n",
    )
    .unwrap();
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-01",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "help-received",
        "--inbound",
        "--when",
        "2026-11-02",
    ]);
    let ask = s.json(&["draft", "ada-lovelace", "--template", "ask"]);
    assert!(
        rules_of(&ask["findings"]).contains(&"give-first".to_owned()),
        "{ask}"
    );
    let human = s.ok(&["draft", "ada-lovelace", "--template", "ask"]);
    assert!(
        human.contains("give before you ask anything more"),
        "{human}"
    );
}

#[test]
fn own_questions_join_the_bank_and_the_prep_sheet() {
    let s = Sandbox::new();
    ada(&s);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-01",
    ]);
    let added = s.json(&[
        "questions",
        "add",
        "Which Rust crates does your team lean on?",
        "--purpose",
        "stack",
    ]);
    assert_eq!(added["number"], 1);
    s.fails(&["questions", "add", "Anything?", "--purpose", "gossip"], 2);
    s.fails(
        &[
            "questions",
            "add",
            "which rust crates does your team lean on?",
            "--purpose",
            "stack",
        ],
        1,
    );
    let mine = s.json(&["questions", "list", "--mine"]);
    assert_eq!(mine.as_array().unwrap().len(), 1);
    let stack = s.json(&["questions", "list", "--purpose", "stack"]);
    assert_eq!(
        stack[0]["text"], "Which Rust crates does your team lean on?",
        "yours first"
    );
    assert!(
        stack.as_array().unwrap().len() >= 2,
        "then the built-in ones"
    );
    let brief = s.json(&["prep", "ada-lovelace"]);
    let asked: Vec<&str> = brief["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert!(
        asked.contains(&"Which Rust crates does your team lean on?"),
        "{asked:?}"
    );
    s.ok(&["questions", "rm", "1"]);
    s.fails(&["questions", "rm", "1"], 1);
    assert_eq!(
        s.json(&["questions", "list", "--mine"]),
        serde_json::json!([])
    );
}

#[test]
fn a_sent_message_is_kept_with_its_findings() {
    let s = Sandbox::new();
    ada(&s);
    let file = s.path("sent.txt");
    std::fs::write(
        &file,
        "Hi Ada, could you refer me for a job at Acme? My resume is attached.",
    )
    .unwrap();
    let logged = s.json(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--channel",
        "linkedin",
        "--text-file",
        file.to_str().unwrap(),
    ]);
    assert!(
        rules_of(&logged["findings"]).contains(&"premature-ask".to_owned()),
        "{logged}"
    );
    assert_eq!(
        logged["message"],
        "Hi Ada, could you refer me for a job at Acme? My resume is attached."
    );
    let human = s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--text-file",
        file.to_str().unwrap(),
    ]);
    assert!(
        human.contains("The message is kept with it, with"),
        "{human}"
    );
    let backup: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    let kept = backup["interaction_extras"].as_array().unwrap();
    assert_eq!(kept.len(), 2);
    assert!(rules_of(&kept[0]["findings"]).contains(&"premature-ask".to_owned()));

    let bad = s.path("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9").unwrap();
    let err = s.fails(
        &[
            "log",
            "ada-lovelace",
            "--kind",
            "message",
            "--text-file",
            bad.to_str().unwrap(),
        ],
        2,
    );
    assert!(
        err.contains("latin1.txt is not UTF-8 text (byte 3)"),
        "{err}"
    );
    let history = s.json(&["person", "show", "ada-lovelace"]);
    assert_eq!(
        history["recent_interactions"].as_array().map(Vec::len),
        Some(2),
        "a rejected message logs nothing"
    );
}

#[test]
fn promises_either_way_reach_prep_and_the_agenda() {
    let s = Sandbox::new();
    ada(&s);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "call",
        "--when",
        "2026-11-20",
    ]);
    let theirs = s.json(&[
        "follow-up",
        "add",
        "ada-lovelace",
        "--theirs",
        "--due",
        "2026-11-23",
        "--action",
        "an intro to her platform lead",
    ]);
    assert_eq!(theirs["owed_by"], "them");
    let mine = s.json(&[
        "follow-up",
        "add",
        "ada-lovelace",
        "--due",
        "2026-11-24",
        "--action",
        "Send my notes",
    ]);
    assert!(
        mine.get("owed_by").is_none(),
        "the seeker's own carry no marker"
    );
    let brief = s.json(&["prep", "ada-lovelace"]);
    assert_eq!(
        brief["open_promises"]["theirs"][0]["action"],
        "an intro to her platform lead"
    );
    assert_eq!(
        brief["open_promises"]["yours"][0]["action"],
        "Send my notes"
    );
    let sheet = s.ok(&["prep", "ada-lovelace"]);
    assert!(
        sheet.contains(
            "- they promised you (#1, check in from 2026-11-23): an intro to her platform lead"
        ),
        "{sheet}"
    );
    assert!(
        sheet.contains("- you owe them (#2, due 2026-11-24): Send my notes"),
        "{sheet}"
    );
    let agenda = s.ok(&["agenda"]);
    assert!(
        agenda.contains("they promised: an intro to her platform lead (check in gently)"),
        "{agenda}"
    );
}

/// On the demo network: every draft's hook rests on something kith shows about the person
/// (their record, their conversations, the events), a placeholder appears exactly when a
/// fact is missing, and the prep sheet has every section at every stage.
#[test]
fn demo_drafts_rest_on_recorded_facts_and_prep_covers_every_stage() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "120", "--seed", "7"]);
    let events = s.ok(&["event", "list", "--json"]);
    let people = s.json(&["person", "list"]);
    let mut stages_seen = std::collections::BTreeSet::new();
    let mut hooks = 0;
    for p in people.as_array().unwrap().iter().step_by(3) {
        let handle = p["handle"].as_str().unwrap();
        let shown = s.ok(&["person", "show", handle, "--json"]);
        let record: Value = serde_json::from_str(&shown).unwrap();
        let stage = record["relationship"]["stage"]["value"]
            .as_str()
            .unwrap()
            .to_owned();
        let draft = s.json(&["draft", handle]);
        let text = draft["text"].as_str().unwrap();
        assert!(text.starts_with("Hi "), "{handle}: {text}");
        let missing = draft["missing"].as_array().unwrap();
        assert_eq!(text.contains("[["), !missing.is_empty(), "{handle}: {text}");
        assert!(
            text.contains("Sam Okafor")
                || !draft["template"]["name"]
                    .as_str()
                    .unwrap()
                    .contains("follow"),
            "signed: {text}"
        );
        if let Some(fact) = draft["hook"]["fact"].as_str() {
            hooks += 1;
            let evidence = fact.rsplit(": ").next().unwrap().trim_end_matches('.');
            let evidence = evidence
                .strip_prefix("met at the event ")
                .unwrap_or(evidence);
            let evidence = evidence
                .strip_prefix("they are tagged ")
                .map_or(evidence, |t| t.split(',').next().unwrap());
            assert!(
                shown.contains(evidence) || events.contains(evidence),
                "{handle}: the hook's fact {evidence:?} is not in what kith recorded"
            );
            assert!(
                text.contains(draft["hook"]["text"].as_str().unwrap())
                    || draft["template"]["name"] == "thank-you"
            );
        }
        if stages_seen.insert(stage.clone()) {
            let sheet = s.ok(&["prep", handle]);
            for section in [
                "## Who they are",
                "## You and them",
                "## What you have talked about",
                "## Open promises",
                "## Questions to ask",
                "## Your pitch",
            ] {
                assert!(sheet.contains(section), "{stage} {handle}: no {section}");
            }
            assert!(sheet.contains(&format!("- stage: {stage}")), "{sheet}");
            let brief = s.json(&["prep", handle]);
            assert_eq!(brief["questions"].as_array().unwrap().len(), 6, "{handle}");
            assert_eq!(brief["pitch"]["version"], 2, "the demo's pitch in use");
        }
    }
    assert!(hooks >= 10, "only {hooks} drafts found a hook");
    assert!(stages_seen.len() >= 5, "{stages_seen:?}");
}

#[test]
fn prep_knows_the_companys_target_status_fit_and_open_leads() {
    let s = Sandbox::new();
    ada(&s);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-01",
    ]);
    s.ok(&["values", "set", "mission=5", "stack=2"]);
    s.ok(&["target", "acme", "--tier", "1", "--status", "engaged"]);
    s.ok(&[
        "values",
        "score",
        "acme",
        "mission",
        "4",
        "--evidence",
        "they build tools for teachers",
    ]);
    s.ok(&[
        "lead",
        "add",
        "acme",
        "--role",
        "Platform Engineer",
        "--source",
        "ada-lovelace",
    ]);
    s.ok(&[
        "lead",
        "add",
        "acme",
        "--role",
        "Closed Role",
        "--source",
        "posting",
    ]);
    s.ok(&["lead", "close", "2"]);
    let brief = s.json(&["prep", "ada-lovelace"]);
    assert_eq!(brief["target"]["tier"], 1);
    assert_eq!(brief["target"]["status"], "engaged");
    assert_eq!(brief["fit"]["percent"], 80.0);
    let leads: Vec<&str> = brief["open_leads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["role"].as_str().unwrap())
        .collect();
    assert_eq!(leads, ["Platform Engineer"], "closed leads are not open");
    let sheet = s.ok(&["prep", "ada-lovelace"]);
    assert!(sheet.contains("- target tier 1, engaged"), "{sheet}");
    assert!(
        sheet.contains("  - mission: 4/5, “they build tools for teachers”"),
        "{sheet}"
    );
    assert!(
        sheet.contains("- open lead #1: Platform Engineer"),
        "{sheet}"
    );
    assert!(!sheet.contains("Closed Role"), "{sheet}");
}
