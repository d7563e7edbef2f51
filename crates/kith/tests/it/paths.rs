//! Ties and warm paths end to end: `kith knows`, `kith ties`, introductions, `kith path`
//! (ranking, readiness at every stage, nurture advice, how to start) and
//! `kith companies --reachable`. Time is pinned (KITH_NOW 2026-11-23T12:00Z).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::Sandbox;

fn add(s: &Sandbox, name: &str, extra: &[&str]) {
    let mut args = vec!["person", "add", name];
    args.extend_from_slice(extra);
    s.ok(&args);
}

fn log(s: &Sandbox, handles: &[&str], kind: &str, when: &str, inbound: bool) {
    let mut args = vec!["log"];
    args.extend_from_slice(handles);
    args.extend_from_slice(&["--kind", kind, "--when", when]);
    if inbound {
        args.push("--inbound");
    }
    s.ok(&args);
}

fn knows(s: &Sandbox, a: &str, b: &str, how: &str, strength: &str) {
    s.ok(&["knows", a, b, "--how", how, "--strength", strength]);
}

#[test]
fn ties_are_declared_listed_and_forgotten() {
    let s = Sandbox::new();
    add(&s, "Ada Lovelace", &[]);
    add(&s, "Bo Chen", &[]);
    add(&s, "Cy Dorn", &[]);
    let out = s.ok(&[
        "knows",
        "ada-lovelace",
        "bo-chen",
        "--how",
        "colleague",
        "--strength",
        "4",
        "--note",
        "Shipped the compiler together",
    ]);
    assert!(
        out.contains("colleague, strength 4 (now recorded)"),
        "{out}"
    );
    let again = s.json(&[
        "knows",
        "bo-chen",
        "ada-lovelace",
        "--how",
        "friend",
        "--strength",
        "5",
    ]);
    assert_eq!(again["change"], "updated");
    assert_eq!(again["tie"]["kind"], "friend");

    log(
        &s,
        &["ada-lovelace", "cy-dorn"],
        "introduction",
        "2026-11-02",
        false,
    );
    let ties = s.json(&["ties", "ada-lovelace"]);
    let listed: BTreeMap<String, (String, u64, Option<String>)> = ties["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["person"]["handle"].as_str().unwrap().to_owned(),
                (
                    t["how"].as_str().unwrap().to_owned(),
                    t["strength"].as_u64().unwrap(),
                    t["last_together"]["kind"].as_str().map(str::to_owned),
                ),
            )
        })
        .collect();
    assert_eq!(
        listed,
        BTreeMap::from([
            ("bo-chen".to_owned(), ("friend".to_owned(), 5, None)),
            (
                "cy-dorn".to_owned(),
                ("introduced".to_owned(), 2, Some("introduction".to_owned()))
            ),
        ])
    );
    let table = s.ok(&["ties", "ada-lovelace"]);
    assert!(
        table.contains("introduced") && table.contains("Bo Chen"),
        "{table}"
    );

    let err = s.fails(&["knows", "ada-lovelace", "bo-chen", "--how", "pals"], 2);
    assert!(err.contains("how") && err.contains("pals"), "{err}");
    let err = s.fails(&["knows", "ada-lovelace", "ada-lovelace"], 2);
    assert!(err.contains("same person"), "{err}");
    s.fails(&["knows", "ada-lovelace", "bo-chen", "--strength", "9"], 2);
    s.ok(&["knows", "ada-lovelace", "bo-chen", "--forget"]);
    let err = s.fails(&["knows", "ada-lovelace", "bo-chen", "--forget"], 2);
    assert!(
        err.contains("no tie recorded between Ada Lovelace"),
        "{err}"
    );
    assert_eq!(s.json(&["ties", "bo-chen"])["ties"], Value::Array(vec![]));
}

/// Acme (a target) with Tara and Theo; the seeker's people at every stage, tied in.
fn acme(s: &Sandbox) {
    s.ok(&["company", "add", "Acme", "--target"]);
    add(s, "Tara Acme", &["--company", "Acme"]);
    add(s, "Theo Acme", &["--company", "Acme"]);
    add(s, "Hal Inside", &["--company", "Acme"]);
    for name in [
        "Ada Met",
        "Bo Contacted",
        "Cy Dormant",
        "Dee Advocate",
        "Eve Conversing",
    ] {
        add(s, name, &[]);
    }
    add(s, "Fay Stranger", &[]);
    add(s, "Gus Connected", &[]);
    add(s, "Xan Between", &[]);
    log(s, &["ada-met"], "coffee-chat", "2026-11-01", false);
    log(s, &["bo-contacted"], "message", "2026-11-10", false);
    log(s, &["cy-dormant"], "coffee-chat", "2023-01-01", false);
    log(s, &["dee-advocate"], "referral", "2026-10-01", true);
    log(s, &["eve-conversing"], "message", "2026-11-01", false);
    log(s, &["eve-conversing"], "message", "2026-11-03", true);
    log(s, &["gus-connected"], "help-given", "2026-10-10", false);
    log(s, &["gus-connected"], "help-received", "2026-10-20", true);
    log(s, &["hal-inside"], "message", "2026-11-05", true);
    log(s, &["hal-inside"], "message", "2026-11-06", false);
    knows(s, "ada-met", "tara-acme", "colleague", "4");
    knows(s, "bo-contacted", "tara-acme", "friend", "5");
    knows(s, "cy-dormant", "theo-acme", "friend", "5");
    knows(s, "dee-advocate", "xan-between", "other", "3");
    knows(s, "xan-between", "theo-acme", "colleague", "4");
    knows(s, "eve-conversing", "tara-acme", "online", "2");
    knows(s, "fay-stranger", "tara-acme", "friend", "5");
    knows(s, "gus-connected", "ada-met", "friend", "3");
}

fn first_hops(paths: &Value) -> BTreeMap<String, (String, bool)> {
    paths["paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["alternate"] == false)
        .map(|p| {
            let f = &p["first_hop"];
            (
                f["person"]["handle"].as_str().unwrap().to_owned(),
                (
                    f["stage"].as_str().unwrap().to_owned(),
                    f["ready"].as_bool().unwrap(),
                ),
            )
        })
        .collect()
}

#[test]
fn paths_are_ranked_with_readiness_at_every_stage() {
    let s = Sandbox::new();
    acme(&s);
    let all = s.json(&["path", "acme", "--k", "10"]);
    let expected: BTreeMap<String, (String, bool)> = [
        ("ada-met", "met", true),
        ("bo-contacted", "contacted", false),
        ("cy-dormant", "dormant", false),
        ("dee-advocate", "advocate", true),
        ("eve-conversing", "conversing", true),
        ("gus-connected", "connected", true),
        ("hal-inside", "conversing", true),
    ]
    .into_iter()
    .map(|(h, stage, ready)| (h.to_owned(), (stage.to_owned(), ready)))
    .collect();
    assert_eq!(first_hops(&all), expected, "{all:#}");

    let paths = all["paths"].as_array().unwrap();
    let scores: Vec<f64> = paths.iter().map(|p| p["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
    for p in paths {
        // The score is the seeker's strength times each tie's strength / 5.
        let mut expected = p["first_hop"]["strength"].as_f64().unwrap();
        for t in p["ties"].as_array().unwrap() {
            expected *= t["strength"].as_f64().unwrap() / 5.0;
        }
        let score = p["score"].as_f64().unwrap();
        assert!(
            (score - expected).abs() < 0.002,
            "{score} vs {expected}: {p:#}"
        );
        let people = p["people"].as_array().unwrap();
        assert_eq!(p["ties"].as_array().unwrap().len(), people.len() - 1);
        let last = people.last().unwrap()["handle"].as_str().unwrap();
        assert!(
            ["tara-acme", "theo-acme", "hal-inside"].contains(&last),
            "{last}"
        );
        let ready = p["first_hop"]["ready"].as_bool().unwrap();
        assert_eq!(p["first_hop"]["nurture"].is_null(), ready, "{p:#}");
    }
    let dee = paths
        .iter()
        .find(|p| p["first_hop"]["person"]["handle"] == "dee-advocate")
        .unwrap();
    let names: Vec<&str> = dee["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["handle"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dee-advocate", "xan-between", "theo-acme"]);
    assert_eq!(dee["ties"][0]["how"], "other");
    assert_eq!(dee["ties"][1]["how"], "colleague");

    // Three steps at most by default; two leave out the routes through two people.
    let short = s.json(&["path", "acme", "--k", "10", "--max-hops", "2"]);
    let hops: Vec<String> = first_hops(&short).into_keys().collect();
    assert_eq!(
        hops,
        [
            "ada-met",
            "bo-contacted",
            "cy-dormant",
            "eve-conversing",
            "hal-inside"
        ]
    );
    let top = s.json(&["path", "acme", "--k", "2"]);
    assert_eq!(top["paths"].as_array().unwrap().len(), 2);
    assert_eq!(top["paths"][0], all["paths"][0]);
    assert_eq!(top["ready"], true);

    let text = s.ok(&["path", "acme"]);
    assert!(
        text.contains("Warm paths to Acme (3 people recorded there)"),
        "{text}"
    );
    assert!(
        text.contains("Next: ask ") || text.contains("is there already"),
        "{text}"
    );
    // A person target: the paths into Theo alone.
    let theo = s.json(&["path", "theo-acme"]);
    assert_eq!(theo["target"]["kind"], "person");
    assert_eq!(
        first_hops(&theo).into_keys().collect::<Vec<_>>(),
        ["cy-dormant", "dee-advocate"]
    );
}

#[test]
fn when_no_one_is_ready_kith_says_whom_to_nurture() {
    let s = Sandbox::new();
    s.ok(&["company", "add", "Zeta"]);
    add(&s, "Zed Zeta", &["--company", "Zeta"]);
    add(&s, "Bo Contacted", &[]);
    add(&s, "Cy Dormant", &[]);
    log(&s, &["bo-contacted"], "message", "2026-11-10", false);
    log(&s, &["cy-dormant"], "call", "2022-06-01", true);
    knows(&s, "bo-contacted", "zed-zeta", "friend", "5");
    knows(&s, "cy-dormant", "zed-zeta", "colleague", "2");
    let out = s.json(&["path", "zeta"]);
    assert_eq!(out["ready"], false);
    assert_eq!(out["paths"].as_array().unwrap().len(), 2);
    let advice = out["advice"]["text"].as_str().unwrap();
    assert!(advice.contains("Nurture Bo Contacted first"), "{advice}");
    assert!(advice.contains("follow up once"), "{advice}");
    let text = s.ok(&["path", "zeta"]);
    assert!(!text.contains("ready to ask"), "{text}");
    assert!(
        !text.contains("Next: ask"),
        "never an ask of a stranger: {text}"
    );
}

#[test]
fn with_no_path_kith_says_how_to_start() {
    let s = Sandbox::new();
    s.ok(&["company", "add", "Quiet Co", "--target"]);
    add(
        &s,
        "Quinn Quiet",
        &["--company", "Quiet Co", "--tag", "rust", "--tag", "alumni"],
    );
    add(&s, "Ada Rustacean", &["--tag", "rust"]);
    log(&s, &["ada-rustacean"], "coffee-chat", "2026-11-01", false);
    s.ok(&[
        "event",
        "add",
        "Rust Meetup",
        "--date",
        "2026-12-03",
        "--where",
        "Berlin",
        "--tag",
        "rust",
    ]);
    s.ok(&[
        "event",
        "add",
        "Old Rust Night",
        "--date",
        "2026-01-03",
        "--tag",
        "rust",
    ]);
    let out = s.json(&["path", "quiet-co"]);
    assert_eq!(out["paths"], Value::Array(vec![]));
    let lines: Vec<&str> = out["how_to_start"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let all = lines.join("\n");
    assert!(
        all.contains("Nobody you know is tied to Quinn Quiet"),
        "{all}"
    );
    assert!(all.contains("Quinn Quiet shares your background"), "{all}");
    assert!(all.contains("communities: rust"), "{all}");
    assert!(
        all.contains("Go to Rust Meetup on 2026-12-03 in Berlin"),
        "{all}"
    );
    assert!(
        !all.contains("Old Rust Night"),
        "past events are no way in: {all}"
    );
    assert!(all.contains("Ada Rustacean (rust, met)"), "{all}");
    let text = s.ok(&["path", "quiet-co"]);
    assert!(
        text.starts_with("No path yet into Quiet Co. Here is how to start:"),
        "{text}"
    );

    s.ok(&["company", "add", "Empty Inc"]);
    let empty = s.json(&["path", "empty-inc"]);
    assert!(
        empty["how_to_start"][0]
            .as_str()
            .unwrap()
            .contains("You have recorded nobody at Empty Inc yet"),
        "{empty:#}"
    );
    let err = s.fails(&["path", "nobody-at-all"], 2);
    assert!(err.contains("no person or company"), "{err}");
}

#[test]
fn target_companies_are_ordered_by_their_warmest_way_in() {
    let s = Sandbox::new();
    acme(&s);
    s.ok(&["company", "add", "Quiet Co", "--target"]);
    add(&s, "Quinn Quiet", &["--company", "Quiet Co"]);
    s.ok(&["company", "add", "Cold Corp", "--target"]);
    add(&s, "Cole Cold", &["--company", "Cold Corp"]);
    add(&s, "Lou Lukewarm", &[]);
    log(&s, &["lou-lukewarm"], "message", "2026-05-01", false);
    knows(&s, "lou-lukewarm", "cole-cold", "online", "1");
    s.ok(&["company", "add", "Not A Target"]);
    let rows = s.json(&["companies", "--reachable"]);
    let order: Vec<(&str, bool, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["company"]["handle"].as_str().unwrap(),
                r["best_score"].is_null(),
                r["ready_ways_in"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("acme", false, 5),
            ("cold-corp", false, 0),
            ("quiet-co", true, 0)
        ]
    );
    assert_eq!(rows[0]["ways_in"], 7);
    let acme_best = s.json(&["path", "acme", "--k", "1"]);
    assert_eq!(rows[0]["best_score"], acme_best["paths"][0]["score"]);
    let table = s.ok(&["companies", "--reachable"]);
    assert!(table.contains("no path yet"), "{table}");
}

/// The graph search and the recursive SQL baseline answer the same question the same
/// way on the demo network.
#[test]
fn the_graph_search_agrees_with_the_sql_baseline_on_the_demo() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "300"]);
    let companies = s.json(&["company", "list"]);
    let mut compared = 0;
    for c in companies.as_array().unwrap().iter().take(25) {
        let handle = c["handle"].as_str().unwrap();
        let graph = s.json(&["path", handle]);
        let sql = s.json(&["path", handle, "--engine", "cte"]);
        let ours: Vec<f64> = graph["paths"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["alternate"] == false)
            .map(|p| p["score"].as_f64().unwrap())
            .collect();
        let theirs: Vec<f64> = sql["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["score"].as_f64().unwrap())
            .collect();
        assert_eq!(ours.len(), theirs.len(), "{handle}: {ours:?} vs {theirs:?}");
        for (a, b) in ours.iter().zip(&theirs) {
            assert!((a - b).abs() < 0.0005, "{handle}: {ours:?} vs {theirs:?}");
        }
        compared += usize::from(!ours.is_empty());
    }
    assert!(compared >= 10, "only {compared} companies had paths");
}

#[test]
fn the_demo_builds_the_number_of_ties_asked_for() {
    let s = Sandbox::new();
    let out = s.json(&["demo", "--people", "200", "--ties", "3000"]);
    assert_eq!(out["stored"]["ties"], 3000, "{out:#}");
    assert_eq!(out["ties_requested"], 3000);
    // Every tie is readable, each way round, by the path search's own read.
    let rows = s.json(&["companies", "--reachable"]);
    assert!(!rows.as_array().unwrap().is_empty());
    let other = Sandbox::new();
    let err = other.fails(&["demo", "--people", "200", "--ties", "20000000"], 2);
    assert!(err.contains("ties"), "{err}");
    let few = other.json(&["demo", "--people", "10", "--ties", "100"]);
    assert_eq!(
        few["stored"]["ties"], 45,
        "ten people make only 45 pairs: {few:#}"
    );
}
