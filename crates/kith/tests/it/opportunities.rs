//! The opportunity side end to end: the cold-apply guard firing exactly when it should,
//! referral follow-ups on the agenda, applications and their history, the weekly cap,
//! `kith stats` and `kith week` agreeing with their `--json`, and fit and heat in
//! `kith company show`. Time is pinned (KITH_NOW 2026-11-23T12:00Z, a Monday).

use serde_json::Value;

use crate::Sandbox;

fn add(s: &Sandbox, name: &str, company: &str) {
    s.ok(&["person", "add", name, "--company", company]);
}

fn log(s: &Sandbox, handle: &str, kind: &str, when: &str, inbound: bool) {
    let mut args = vec!["log", handle, "--kind", kind, "--when", when];
    if inbound {
        args.push("--inbound");
    }
    s.ok(&args);
}

fn count_applications(s: &Sandbox) -> usize {
    s.json(&["application", "list"]).as_array().unwrap().len()
}

#[test]
fn the_guard_stops_a_cold_application_exactly_where_you_are_networking() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", "Acme");
    add(&s, "Bo Chen", "Globex");
    add(&s, "Cy Dorn", "Initech");
    // Only contacted, no reply: not networking yet.
    log(&s, "ada-lovelace", "message", "2026-11-10", false);
    s.ok(&[
        "apply",
        "acme",
        "--role",
        "Backend Engineer",
        "--channel",
        "cold",
    ]);
    assert_eq!(count_applications(&s), 1);

    // She answered: conversing. A cold application now stops, and names her.
    log(&s, "ada-lovelace", "message", "2026-11-12", true);
    let err = s.fails(&["apply", "acme", "--role", "SRE", "--channel", "cold"], 1);
    assert!(err.contains("not applying cold to Acme"), "{err}");
    assert!(err.contains("Ada Lovelace (ada-lovelace)"), "{err}");
    assert!(err.contains("at conversing"), "{err}");
    assert!(err.contains("--anyway"), "{err}");
    assert_eq!(
        count_applications(&s),
        1,
        "a stopped application writes nothing"
    );

    // Not cold: no stop.
    for channel in ["referral", "recruiter", "network"] {
        s.ok(&["apply", "acme", "--role", "SRE", "--channel", channel]);
    }
    // --anyway goes through and records the override.
    let anyway = s.json(&[
        "apply",
        "acme",
        "--role",
        "SRE",
        "--channel",
        "cold",
        "--anyway",
    ]);
    assert_eq!(anyway["overridden"], true);
    let recorded = anyway["application"]["guard_override"].as_str().unwrap();
    assert!(recorded.contains("Ada Lovelace"), "{recorded}");
    let shown = s.ok(&["application", "show", "5"]);
    assert!(shown.contains("override  applied cold anyway"), "{shown}");

    // A lead through a person at a company where nobody answered yet: stop, with the
    // referral ask as the way.
    s.ok(&[
        "lead",
        "add",
        "globex",
        "--role",
        "Platform Engineer",
        "--source",
        "cy-dorn",
    ]);
    let err = s.fails(
        &[
            "apply",
            "globex",
            "--role",
            "Platform Engineer",
            "--channel",
            "cold",
        ],
        1,
    );
    assert!(err.contains("told you about lead #1"), "{err}");
    assert!(err.contains("kith referral ask cy-dorn --lead 1"), "{err}");

    // A posting alone, and a company nobody is at: no stop.
    s.ok(&[
        "lead",
        "add",
        "initech",
        "--role",
        "QA",
        "--url",
        "https://initech.example/jobs/1",
    ]);
    s.ok(&[
        "apply",
        "initech",
        "--role",
        "QA",
        "--channel",
        "cold",
        "--lead",
        "2",
    ]);
    s.ok(&["apply", "Umbrella", "--role", "Dev", "--channel", "cold"]);
    assert_eq!(
        s.json(&["company", "show", "umbrella"])["company"]["name"],
        "Umbrella"
    );

    // A recent rejection warns (whatever the channel).
    s.ok(&[
        "application",
        "move",
        "6",
        "rejected",
        "--note",
        "no reply after screen",
    ]);
    let again = s.ok(&[
        "apply",
        "initech",
        "--role",
        "Dev",
        "--channel",
        "recruiter",
    ]);
    assert!(
        again.contains("they rejected application #6 (QA) 0 days ago"),
        "{again}"
    );

    // An open referral counts too; with the referral at its outcome and the lead closed,
    // nothing holds a cold application back any more.
    s.ok(&["referral", "ask", "bo-chen", "--lead", "1"]);
    let cold_again = ["apply", "globex", "--role", "Other", "--channel", "cold"];
    let err = s.fails(&cold_again, 1);
    assert!(err.contains("referral #1 through Bo Chen"), "{err}");
    s.ok(&[
        "referral",
        "move",
        "1",
        "outcome",
        "--note",
        "hired internally",
    ]);
    let err = s.fails(&cold_again, 1);
    assert!(!err.contains("referral #1"), "{err}");
    assert!(err.contains("told you about lead #1"), "{err}");
    s.ok(&["lead", "close", "1"]);
    s.ok(&cold_again);
    assert!(s.ok(&["lead", "list"]).contains("(closed)"));
    s.fails(&["lead", "close", "1"], 1);
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", "Acme");
    let err = s.fails(
        &["apply", "acme", "--role", "SRE", "--channel", "pigeon"],
        2,
    );
    assert!(err.contains("--channel") && err.contains("pigeon"), "{err}");
    let err = s.fails(
        &[
            "apply",
            "acme",
            "--role",
            "SRE",
            "--channel",
            "cold",
            "--tailored",
            "maybe",
        ],
        2,
    );
    assert!(err.contains("--tailored") && err.contains("maybe"), "{err}");
    let err = s.fails(
        &[
            "apply",
            "nowhere",
            "--role",
            "SRE",
            "--channel",
            "cold",
            "--lead",
            "9",
        ],
        1,
    );
    assert!(err.contains("lead"), "{err}");
    let err = s.fails(
        &[
            "lead",
            "add",
            "newco",
            "--role",
            "SRE",
            "--source",
            "nobody-here",
        ],
        1,
    );
    assert!(err.contains("nobody-here"), "{err}");
    assert!(
        s.json(&["company", "list"]).as_array().unwrap().len() == 1,
        "no company was created by the failed commands"
    );
    let err = s.fails(&["values", "set", "mission=9"], 2);
    assert!(err.contains("weight") && err.contains('9'), "{err}");
    s.ok(&["values", "set", "mission=5"]);
    let err = s.fails(&["values", "score", "acme", "salary", "3"], 2);
    assert!(err.contains("salary") && err.contains("mission"), "{err}");
    let err = s.fails(&["target", "acme", "--status", "dreaming"], 2);
    assert!(
        err.contains("--status") && err.contains("dreaming"),
        "{err}"
    );
    let err = s.fails(&["goals", "--cap", "lots"], 2);
    assert!(err.contains("--cap") && err.contains("lots"), "{err}");
    assert!(count_applications(&s) == 0);
}

fn agenda_actions(s: &Sandbox) -> Vec<String> {
    s.json(&["agenda", "--days", "14"])["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn referral_follow_ups_appear_on_the_agenda_stage_by_stage() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", "Acme");
    add(&s, "Bo Chen", "Acme");
    log(&s, "ada-lovelace", "message", "2026-11-01", false);
    log(&s, "ada-lovelace", "coffee-chat", "2026-11-05", false);
    s.ok(&[
        "lead",
        "add",
        "acme",
        "--role",
        "Staff Engineer",
        "--source",
        "ada-lovelace",
    ]);

    // Bo has never been contacted: the ask is premature, and kith says so.
    let early = s.json(&["referral", "ask", "bo-chen", "--lead", "1", "--considered"]);
    let warnings = early["warnings"].as_array().unwrap();
    assert!(
        warnings[0].as_str().unwrap().contains("not ready"),
        "{warnings:?}"
    );
    // Ada has helped twice and been helped never: the favours warn.
    log(&s, "ada-lovelace", "help-received", "2026-11-06", false);
    log(&s, "ada-lovelace", "help-received", "2026-11-07", false);
    let asked = s.ok(&["referral", "ask", "ada-lovelace", "--lead", "1"]);
    assert!(asked.contains("favours"), "{asked}");
    assert!(!asked.contains("not ready"), "{asked}");
    assert!(!asked.contains("do not work there"), "{asked}");

    let actions = agenda_actions(&s);
    assert!(
        actions
            .iter()
            .any(|a| a.starts_with("Check in with Ada Lovelace")),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .any(|a| a.starts_with("Decide whether to ask Bo Chen")),
        "{actions:?}"
    );

    s.ok(&["referral", "move", "2", "agreed"]);
    let actions = agenda_actions(&s);
    assert!(
        !actions.iter().any(|a| a.starts_with("Check in with Ada")),
        "{actions:?}"
    );
    assert!(
        actions
            .iter()
            .any(|a| a.starts_with("Send Ada Lovelace your CV")),
        "{actions:?}"
    );

    s.ok(&["referral", "move", "2", "submitted"]);
    s.ok(&[
        "referral",
        "move",
        "2",
        "outcome",
        "--note",
        "interview booked",
    ]);
    let actions = agenda_actions(&s);
    assert!(
        actions.iter().any(|a| a.starts_with("Thank Ada Lovelace")),
        "{actions:?}"
    );
    let err = s.fails(&["referral", "move", "2", "asked"], 2);
    assert!(err.contains("later stage than outcome"), "{err}");
    s.ok(&["referral", "move", "2", "thanked"]);
    let actions = agenda_actions(&s);
    assert!(
        !actions.iter().any(|a| a.contains("Ada Lovelace")),
        "{actions:?}"
    );

    let list = s.json(&["referral", "list"]);
    assert_eq!(list[1]["referral"]["stage"], "thanked");
    assert_eq!(list[1]["referral"]["history"].as_array().unwrap().len(), 5);
    assert!(list[1]["next_follow_up"].is_null());
    let human = s.ok(&["referral", "list"]);
    assert!(
        human.contains("thanked") && human.contains("considered"),
        "{human}"
    );

    let lead = s.ok(&["lead", "list"]);
    // The submitted referral was logged: she is an advocate now.
    assert!(lead.contains("Ada Lovelace (advocate)"), "{lead}");
    assert!(lead.contains("Ada Lovelace ("), "warmest path: {lead}");
}

/// Builds a small history whose funnels are known.
fn history(s: &Sandbox) {
    for (name, company) in [
        ("Ada Lovelace", "Acme"),
        ("Bo Chen", "Globex"),
        ("Cy Dorn", "Initech"),
        ("Di Eve", "Hooli"),
    ] {
        add(s, name, company);
    }
    log(s, "ada-lovelace", "message", "2026-10-01", false);
    log(s, "ada-lovelace", "message", "2026-10-03", true);
    log(s, "ada-lovelace", "coffee-chat", "2026-10-10", false);
    log(s, "bo-chen", "message", "2026-10-02", false);
    log(s, "bo-chen", "message", "2026-10-06", true);
    log(s, "cy-dorn", "email", "2026-11-01", false);
    log(s, "di-eve", "message", "2026-11-20", false);
    s.ok(&[
        "lead",
        "add",
        "acme",
        "--role",
        "Staff Engineer",
        "--source",
        "ada-lovelace",
    ]);
    s.ok(&["referral", "ask", "ada-lovelace", "--lead", "1"]);
    s.ok(&["referral", "move", "1", "agreed"]);
    s.ok(&[
        "apply",
        "acme",
        "--role",
        "Staff Engineer",
        "--channel",
        "referral",
        "--lead",
        "1",
        "--when",
        "2026-10-20",
    ]);
    s.ok(&[
        "application",
        "move",
        "1",
        "interviewing",
        "--when",
        "2026-11-01",
    ]);
    for (company, when) in [
        ("Umbrella", "2026-10-05"),
        ("Soylent", "2026-10-06"),
        ("Wonka", "2026-11-02"),
    ] {
        s.ok(&[
            "apply",
            company,
            "--role",
            "Dev",
            "--channel",
            "cold",
            "--when",
            when,
        ]);
    }
    s.ok(&[
        "application",
        "move",
        "2",
        "screening",
        "--when",
        "2026-10-15",
    ]);
    s.ok(&[
        "application",
        "move",
        "2",
        "ghosted",
        "--when",
        "2026-11-15",
    ]);
}

/// The count column of the human table row that starts with `label`.
fn row<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label:?} in {text}"))
        .split_whitespace()
        .collect()
}

#[test]
fn stats_show_the_same_numbers_as_their_json() {
    let s = Sandbox::new();
    history(&s);
    let json = s.json(&["stats"]);
    let counts = |v: &Value| -> Vec<u64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x["count"].as_u64().unwrap())
            .collect()
    };
    // Worked out by hand: four people touched, two answered, one coffee chat, Ada agreed
    // to refer and her referral's application reached interviews.
    assert_eq!(counts(&json["networking"]), [4, 2, 1, 1, 1, 0]);
    let channel = |c: &str| {
        json["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["channel"] == c)
            .map(|f| counts(&f["steps"]))
            .unwrap()
    };
    assert_eq!(channel("cold"), [3, 1, 0, 0]);
    assert_eq!(channel("referral"), [1, 1, 1, 0]);
    assert_eq!(channel("all"), [4, 2, 1, 0]);
    assert_eq!(json["reply_times"]["median_days"], 3.0);
    assert_eq!(json["reply_times"]["waiting"], 2);
    assert_eq!(json["references"][0]["yours_percent"], 0.0);
    assert_eq!(json["references"][0]["yours_of"], 3);

    let human = s.ok(&["stats"]);
    for (i, step) in [
        "first touch",
        "conversation",
        "coffee chat",
        "referral",
        "interview",
        "offer",
    ]
    .iter()
    .enumerate()
    {
        let cells = row(&human, step);
        let words = step.split_whitespace().count();
        let item = &json["networking"][i];
        assert_eq!(cells[words], item["count"].to_string(), "{step}");
        if let Some(rate) = item["of_previous"].as_f64() {
            assert_eq!(cells[words + 1], format!("{rate:.1}%"), "{step}");
        }
    }
    let (_, by_channel) = human.split_once("Applications by channel").unwrap();
    for f in json["applications"].as_array().unwrap() {
        let name = f["channel"].as_str().unwrap();
        let cells = row(by_channel, &format!("{name} "));
        let expected: Vec<String> = counts(&f["steps"]).iter().map(u64::to_string).collect();
        assert_eq!(&cells[1..5], expected.as_slice(), "{name}");
    }
    assert!(
        human.contains("Median time to a reply: 3.0 days (2 answered, 2 still waiting)"),
        "{human}"
    );
    assert!(human.contains("2–3%"), "{human}");

    let since = s.json(&["stats", "--since", "2026-11-01"]);
    assert_eq!(counts(&since["networking"]), [2, 0, 0, 0, 0, 0]);
    assert_eq!(
        since["applications"].as_array().unwrap().last().unwrap()["steps"][0]["count"],
        1
    );
    s.fails(&["stats", "--since", "someday"], 2);
}

#[test]
fn the_week_counts_goals_streaks_and_the_cap() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", "Acme");
    add(&s, "Bo Chen", "Globex");
    let goals = s.json(&[
        "goals",
        "--coffee-chats",
        "1",
        "--applications",
        "1",
        "--cap",
        "2",
    ]);
    assert_eq!(goals["coffee_chats"], 1);
    assert_eq!(goals["application_cap"], 2);
    // Coffee chats in each of the two weeks before this one, none yet this week.
    log(&s, "ada-lovelace", "coffee-chat", "2026-11-10", false);
    log(&s, "bo-chen", "coffee-chat", "2026-11-18", false);
    log(&s, "bo-chen", "message", "2026-11-23 09:00", true);
    s.ok(&[
        "apply",
        "umbrella",
        "--role",
        "Dev",
        "--channel",
        "cold",
        "--when",
        "2026-11-23 09:00",
    ]);
    s.ok(&[
        "apply",
        "soylent",
        "--role",
        "Dev",
        "--channel",
        "cold",
        "--when",
        "2026-11-23 10:00",
    ]);
    let third = s.ok(&[
        "apply",
        "wonka",
        "--role",
        "Dev",
        "--channel",
        "cold",
        "--when",
        "2026-11-23 11:00",
    ]);
    assert!(
        third.contains("application 3 this week, over your cap of 2"),
        "{third}"
    );

    let week = s.json(&["week"]);
    assert_eq!(week["week_start"], "2026-11-23");
    let line = |g: &str| {
        week["goals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["goal"] == g)
            .unwrap()
            .clone()
    };
    let chats = line("coffee chats");
    assert_eq!(
        (chats["this_week"].as_u64(), chats["streak"].as_u64()),
        (Some(0), Some(2))
    );
    let apps = line("applications");
    assert_eq!(
        (apps["this_week"].as_u64(), apps["met"].as_bool()),
        (Some(3), Some(true))
    );
    assert_eq!(week["cap"]["exceeded"], true);
    assert_eq!(
        week["untracked"][0],
        serde_json::json!({"goal": "new conversations", "this_week": 1})
    );

    let human = s.ok(&["week"]);
    assert!(
        human.contains("coffee chats         0 of 1   streak: 2 weeks"),
        "{human}"
    );
    assert!(
        human.contains("Applications: 3 this week, cap 2 — over the cap"),
        "{human}"
    );
    s.ok(&["goals", "--cap", "off"]);
    assert!(s.json(&["goals"])["application_cap"].is_null());
}

#[test]
fn company_show_gives_target_fit_with_evidence_and_heat() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", "Acme");
    add(&s, "Bo Chen", "Acme");
    log(&s, "ada-lovelace", "message", "2026-11-01", false);
    log(&s, "ada-lovelace", "message", "2026-11-02", true);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-05",
        "--note",
        "Four-day weeks; climate mission",
    ]);
    log(&s, "bo-chen", "message", "2026-11-06", false);
    s.ok(&[
        "values",
        "set",
        "mission=5",
        "work-life balance=4",
        "stack=1",
    ]);
    s.ok(&[
        "values",
        "score",
        "acme",
        "mission",
        "4",
        "--heard-from",
        "ada-lovelace",
    ]);
    s.ok(&[
        "values",
        "score",
        "acme",
        "Work-Life Balance",
        "5",
        "--evidence",
        "four-day weeks",
    ]);
    s.ok(&["target", "acme", "--tier", "1", "--status", "engaged"]);
    // Someone elsewhere can introduce, not refer.
    add(&s, "Cy Dorn", "Globex");
    s.ok(&["lead", "add", "acme", "--role", "SRE"]);
    let elsewhere = s.json(&["referral", "ask", "cy-dorn", "--lead", "1", "--considered"]);
    assert!(
        elsewhere["warnings"][0]
            .as_str()
            .unwrap()
            .contains("do not work there")
    );
    // Applying moves the target's status on; an interview moves it further.
    s.ok(&[
        "apply",
        "acme",
        "--role",
        "SRE",
        "--channel",
        "network",
        "--lead",
        "1",
    ]);
    assert_eq!(
        s.json(&["company", "show", "acme"])["target"]["status"],
        "applied"
    );
    s.ok(&["application", "move", "1", "interviewing"]);
    s.ok(&["application", "move", "1", "rejected"]);
    let json = s.json(&["company", "show", "acme"]);
    assert_eq!(json["target"]["status"], "interviewing", "never moved down");
    assert_eq!(json["company"]["target"], true);
    assert_eq!(json["target"]["tier"], 1);

    // (5·4 + 4·5) / (5·5 + 4·5) = 40 / 45
    assert_eq!(json["fit"]["percent"], 89.0);
    assert_eq!(
        json["fit"]["lines"][0]["evidence"],
        "Ada Lovelace: Four-day weeks; climate mission"
    );
    assert_eq!(json["heat"]["warm"], 1);
    assert_eq!(json["heat"]["people"], 2);
    let human = s.ok(&["company", "show", "acme"]);
    assert!(human.contains("Target: tier 1, interviewing"), "{human}");
    assert!(human.contains("Fit: 89%"), "{human}");
    assert!(
        human.contains("Heat: 1 warm of 2 known here (1 contacted, 1 met)"),
        "{human}"
    );
    assert!(human.contains("Four-day weeks; climate mission"), "{human}");
    s.ok(&["company", "edit", "acme", "--no-target"]);
    assert!(s.json(&["company", "show", "acme"])["target"].is_null());
    s.ok(&["target", "acme"]);
    let back = s.json(&["company", "show", "acme"]);
    assert_eq!(
        back["target"]["tier"], 1,
        "tier and status kept while untargeted"
    );
    assert_eq!(back["target"]["status"], "interviewing");
    let listed = s.json(&["values", "list"]);
    assert_eq!(listed[1]["name"], "work-life balance");
}
