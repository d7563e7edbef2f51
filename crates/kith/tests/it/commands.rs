//! Every command doing its job, human and JSON output alike.

use crate::Sandbox;

#[test]
fn person_add_prints_unique_readable_handles() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&[
            "person",
            "add",
            "Ada Lovelace",
            "--company",
            "Analytical Engines"
        ]),
        "ada-lovelace\n"
    );
    assert_eq!(s.ok(&["person", "add", "Ada Lovelace"]), "ada-lovelace-2\n");
    let json = s.json(&[
        "person",
        "add",
        "Grace Hopper",
        "--email",
        "grace@navy.example",
        "--tag",
        "COBOL",
    ]);
    assert_eq!(json["handle"], "grace-hopper");
    assert_eq!(json["emails"][0], "grace@navy.example");
    assert_eq!(json["tags"][0], "cobol");
}

#[test]
fn person_show_tells_the_whole_story() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
        "--role",
        "Staff Engineer",
        "--email",
        "ada@example.com",
        "--phone",
        "+44 20 7946 0958",
        "--url",
        "github.com/ada",
        "--tag",
        "rust",
        "--tag",
        "mentor",
        "--location",
        "London",
        "--how-met",
        "Rust meetup",
        "--note",
        "Writes about compilers",
    ]);
    s.ok(&["person", "add", "Charles Babbage"]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--channel",
        "linkedin",
        "--when",
        "2026-11-02 09:15",
        "--note",
        "Said hi about her talk",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--inbound",
        "--when",
        "2026-11-03",
    ]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "charles-babbage",
        "--kind",
        "coffee-chat",
        "--when",
        "yesterday",
        "--note",
        "Talked about the difference engine",
    ]);
    s.ok(&[
        "follow-up",
        "add",
        "ada-lovelace",
        "--due",
        "in 3d",
        "--action",
        "Send the article on async Rust",
    ]);

    let shown = s.ok(&["person", "show", "ada-lovelace"]);
    let stable: Vec<&str> = shown
        .lines()
        .filter(|l| !l.trim_start().starts_with("added"))
        .collect();
    insta::assert_snapshot!(stable.join("\n"));

    let json = s.json(&["person", "show", "ada-lovelace"]);
    assert_eq!(json["person"]["company"]["name"], "Analytical Engines");
    assert_eq!(json["recent_interactions"].as_array().unwrap().len(), 3);
    assert_eq!(json["recent_interactions"][0]["kind"], "coffee-chat");
    assert_eq!(
        json["recent_interactions"][0]["people"][1]["handle"],
        "charles-babbage"
    );
    assert_eq!(json["recent_interactions"][1]["direction"], "inbound");
    // The coffee chat left a thank-you due the day after it, before the article.
    let due: Vec<&str> = json["open_follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["due"].as_str().unwrap())
        .collect();
    assert_eq!(due, ["2026-11-23", "2026-11-26"]);
    assert_eq!(json["favours"]["balance"], 0);
}

#[test]
fn person_list_filters_and_speaks_json() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann", "--company", "Acme", "--tag", "rust"]);
    s.ok(&["person", "add", "Bob", "--company", "Acme"]);
    s.ok(&[
        "person",
        "add",
        "Cy",
        "--company",
        "Globex",
        "--tag",
        "rust",
    ]);
    let handles = |v: serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["handle"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(handles(s.json(&["person", "list"])), ["ann", "bob", "cy"]);
    assert_eq!(
        handles(s.json(&["person", "list", "--tag", "rust"])),
        ["ann", "cy"]
    );
    assert_eq!(
        handles(s.json(&["person", "list", "--company", "acme"])),
        ["ann", "bob"]
    );
    let table = s.ok(&["person", "list", "--company", "globex"]);
    insta::assert_snapshot!(table);
}

#[test]
fn person_edit_and_rm() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Ann",
        "--role",
        "Dev",
        "--email",
        "ann@a.example",
        "--tag",
        "x",
    ]);
    s.ok(&[
        "person",
        "edit",
        "ann",
        "--name",
        "Ann Lee",
        "--role",
        "",
        "--email",
        "ann@b.example",
        "--remove-email",
        "ann@a.example",
        "--tag",
        "y",
        "--untag",
        "x",
        "--company",
        "Initech",
    ]);
    let ann = s.json(&["person", "show", "ann"]);
    assert_eq!(ann["person"]["name"], "Ann Lee");
    assert_eq!(ann["person"]["handle"], "ann");
    assert!(ann["person"]["role"].is_null());
    assert_eq!(
        ann["person"]["emails"],
        serde_json::json!(["ann@b.example"])
    );
    assert_eq!(ann["person"]["tags"], serde_json::json!(["y"]));
    assert_eq!(ann["person"]["company"]["handle"], "initech");

    let err = s.fails(&["person", "rm", "ann"], 2);
    assert!(err.contains("--yes"), "{err}");
    s.ok(&["person", "show", "ann"]);
    assert_eq!(
        s.ok(&["person", "rm", "ann", "--yes"]),
        "Removed Ann Lee (ann)\n"
    );
    s.fails(&["person", "show", "ann"], 1);
}

#[test]
fn companies_add_list_show_edit_rm() {
    let s = Sandbox::new();
    assert_eq!(
        s.ok(&[
            "company",
            "add",
            "Acme, Inc.",
            "--domain",
            "https://acme.io/jobs",
            "--size",
            "51-200",
            "--remote",
            "hybrid",
            "--target",
            "--location",
            "Berlin"
        ]),
        "acme-inc\n"
    );
    s.ok(&[
        "person",
        "add",
        "Ann",
        "--company",
        "ACME, INC.",
        "--role",
        "SRE",
    ]);
    let list = s.json(&["company", "list"]);
    assert_eq!(list[0]["handle"], "acme-inc");
    assert_eq!(list[0]["domain"], "acme.io");
    assert_eq!(list[0]["people"], 1);
    assert_eq!(list[0]["target"], true);
    let shown = s.ok(&["company", "show", "acme-inc"]);
    assert!(shown.contains("Ann (ann), SRE"), "{shown}");
    assert!(shown.contains("51-200 people"), "{shown}");
    s.ok(&["company", "edit", "acme-inc", "--no-target", "--size", ""]);
    let acme = s.json(&["company", "show", "Acme, Inc."]);
    assert_eq!(acme["company"]["target"], false);
    assert!(acme["company"]["size"].is_null());
    assert_eq!(
        s.json(&["company", "list", "--targets"]),
        serde_json::json!([])
    );
    s.ok(&["company", "rm", "acme-inc", "--yes"]);
    assert!(s.json(&["person", "show", "ann"])["person"]["company"].is_null());
}

#[test]
fn follow_ups_add_list_done() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    assert_eq!(
        s.ok(&[
            "follow-up",
            "add",
            "ann",
            "--due",
            "2026-11-20",
            "--action",
            "Thank Ann for the intro"
        ]),
        "Follow-up #1 for Ann: Thank Ann for the intro (due 2026-11-20)\n"
    );
    s.ok(&[
        "follow-up",
        "add",
        "ann",
        "--due",
        "next friday",
        "--action",
        "Send notes",
    ]);
    let list = s.ok(&["follow-up", "list"]);
    insta::assert_snapshot!(list);
    assert_eq!(
        s.ok(&["follow-up", "done", "1"]),
        "Done: #1 Thank Ann for the intro\n"
    );
    let err = s.fails(&["follow-up", "done", "1"], 1);
    assert!(err.contains("already done"), "{err}");
    let open = s.json(&["follow-up", "list"]);
    assert_eq!(open.as_array().unwrap().len(), 1);
    let all = s.json(&["follow-up", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[0]["done_at"], "2026-11-23T12:00:00Z");
}

#[test]
fn search_finds_people_and_notes() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical Engines",
        "--tag",
        "rust",
    ]);
    s.ok(&["person", "add", "Grace Hopper"]);
    s.ok(&[
        "log",
        "grace-hopper",
        "--kind",
        "call",
        "--note",
        "Discussed Kubernetes migration",
    ]);
    let hits = s.json(&["search", "kube"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["kind"], "interaction");
    assert_eq!(hits[0]["person"]["handle"], "grace-hopper");
    assert!(
        hits[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("[Kubernetes]")
    );
    let text = s.ok(&["search", "analytical", "engines"]);
    assert!(text.contains("ada-lovelace"), "{text}");
    assert_eq!(
        s.ok(&["search", "zeppelin"]),
        "Nothing matches \"zeppelin\".\n"
    );
}

#[test]
fn demo_fills_an_empty_database_and_only_an_empty_one() {
    let s = Sandbox::new();
    let out = s.json(&["demo", "--people", "150", "--seed", "3"]);
    assert_eq!(out["stored"]["people"], 150);
    assert!(
        out["stored"]["interactions"].as_u64().unwrap() > 300,
        "{out}"
    );
    assert!(out["stored"]["events"].as_u64().unwrap() >= 3);
    assert_eq!(s.json(&["person", "list"]).as_array().unwrap().len(), 150);
    assert!(
        !s.json(&["company", "list", "--targets"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(
        !s.json(&["follow-up", "list"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let err = s.fails(&["demo"], 1);
    assert!(err.contains("already has 150 people"), "{err}");

    // Same seed, same network.
    let t = Sandbox::new();
    t.ok(&["demo", "--people", "150", "--seed", "3"]);
    let names = |s: &Sandbox| -> Vec<String> {
        s.json(&["person", "list"])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["handle"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&s), names(&t));
}

#[test]
fn backup_writes_a_copy_that_opens() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    let dest = s.path("backups/kith-copy.db");
    let dest_text = dest.to_str().unwrap();
    s.ok(&["backup", dest_text]);
    let people = s
        .kith_at(dest.as_os_str(), &["person", "list", "--json"])
        .output()
        .unwrap();
    assert!(people.status.success());
    let people: serde_json::Value = serde_json::from_slice(&people.stdout).unwrap();
    assert_eq!(people[0]["handle"], "ann");
    let err = s.fails(&["backup", dest_text], 1);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn the_database_location_comes_from_flag_env_or_config() {
    let s = Sandbox::new();
    let config = s.path("config.toml");
    std::fs::write(
        &config,
        format!("db = {:?}\n", s.path("from-config.db").to_str().unwrap()),
    )
    .unwrap();
    let run = |extra_env: &[(&str, &str)]| {
        let mut cmd = assert_cmd::Command::cargo_bin("kith").unwrap();
        cmd.env_clear()
            .env("KITH_CONFIG", &config)
            .env("HOME", s.path(""));
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let out = cmd.args(["init", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["database"].as_str().unwrap().to_owned()
    };
    assert!(run(&[]).ends_with("from-config.db"));
    let env_db = s.path("from-env.db");
    assert!(run(&[("KITH_DB", env_db.to_str().unwrap())]).ends_with("from-env.db"));
    assert!(s.path("from-config.db").exists());
}

#[test]
fn dupes_are_found_and_merged_with_history() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Ann Lee",
        "--email",
        "ann@example.com",
        "--tag",
        "rust",
    ]);
    s.ok(&[
        "person",
        "add",
        "Ann L.",
        "--email",
        "ANN@example.com",
        "--phone",
        "+1 555 010 0199",
    ]);
    s.ok(&["person", "add", "Bob"]);
    s.ok(&[
        "log",
        "ann-l",
        "--kind",
        "call",
        "--note",
        "talked about zeppelins",
    ]);
    let dupes = s.json(&["dupes"]);
    assert_eq!(dupes.as_array().unwrap().len(), 1, "{dupes}");
    assert_eq!(dupes[0]["reasons"], serde_json::json!(["email"]));
    let table = s.ok(&["dupes"]);
    assert!(table.contains("same email"), "{table}");

    s.fails(&["merge", "ann-lee", "ann-l"], 2);
    let merged = s.ok(&["merge", "ann-lee", "ann-l", "--yes"]);
    assert!(
        merged.starts_with("Merged Ann L. into Ann Lee (ann-lee): 1 interactions"),
        "{merged}"
    );
    let ann = s.json(&["person", "show", "ann-lee"]);
    assert_eq!(
        ann["person"]["phones"],
        serde_json::json!(["+1 555 010 0199"])
    );
    assert_eq!(
        ann["recent_interactions"][0]["note"],
        "talked about zeppelins"
    );
    s.fails(&["person", "show", "ann-l"], 1);
    let history = s.json(&["merge", "--history"]);
    assert_eq!(history[0]["absorbed"]["handle"], "ann-l");
    assert_eq!(s.ok(&["dupes"]), "No likely duplicates.\n");
}

#[test]
fn explain_shows_stage_strength_and_due_date_with_reasons() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    let fresh = s.json(&["explain", "ann"]);
    assert_eq!(fresh["stage"]["value"], "new");
    assert_eq!(fresh["strength"]["value"], 0.0);
    assert_eq!(
        fresh["due"],
        serde_json::Value::Null,
        "no cadence before a first touch"
    );
    assert_eq!(fresh["circle"]["value"], "loose");

    s.ok(&["log", "ann", "--kind", "message", "--when", "2026-11-01"]);
    s.ok(&[
        "log",
        "ann",
        "--kind",
        "message",
        "--inbound",
        "--when",
        "2026-11-02",
    ]);
    s.ok(&[
        "log",
        "ann",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-13",
    ]);
    let v = s.json(&["explain", "ann"]);
    assert_eq!(v["stage"]["value"], "met");
    assert_eq!(v["stage"]["because"], "you met (coffee-chat)");
    assert_eq!(v["interactions"], 3);
    let strength = v["strength"]["value"].as_f64().unwrap();
    assert!(strength > 0.5 && strength < 1.0, "{v}");
    assert_eq!(
        v["due"]["value"], "2027-05-14T10:00:00Z",
        "last touch + 182 days (the default circle, loose), same local time after DST: {v}"
    );
    s.ok(&["circle", "ann", "warm"]);
    let warm = s.json(&["explain", "ann"]);
    assert_eq!(
        warm["due"]["value"], "2027-01-12T11:00:00Z",
        "last touch + 60 days: {warm}"
    );
    assert_eq!(warm["circle"]["because"], "placed in the warm circle");
    let text = s.ok(&["explain", "ann"]);
    assert!(
        text.contains("stage     met: you met (coffee-chat)"),
        "{text}"
    );
    assert!(text.contains("0.40 × recency"), "{text}");
}
