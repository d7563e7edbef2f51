//! The relationship engine end to end: the agenda, snoozes, circles, stages set by hand,
//! the garden, and events. Time is pinned (KITH_NOW 2026-11-23T12:00Z, Europe/Berlin).

use serde_json::Value;

use crate::Sandbox;

fn handles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["person"]["handle"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn logging_an_interaction_moves_someone_off_the_agenda() {
    let s = Sandbox::new();
    s.ok(&[
        "person",
        "add",
        "Ada Lovelace",
        "--company",
        "Analytical",
        "--tag",
        "rust",
    ]);
    s.ok(&["person", "add", "Bob Stone"]);
    s.ok(&["person", "add", "Cy Never"]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-09-01",
        "--note",
        "She is migrating the billing service to Rust.",
    ]);
    s.ok(&[
        "log",
        "bob-stone",
        "--kind",
        "message",
        "--when",
        "2026-10-01",
    ]);
    s.ok(&["circle", "ada-lovelace", "close"]);
    s.ok(&[
        "circle",
        "bob-stone",
        "warm",
        "--every",
        "3w",
        "--at-most",
        "2m",
    ]);

    let agenda = s.json(&["agenda"]);
    assert_eq!(
        handles(&agenda["relationships"]),
        ["ada-lovelace", "bob-stone"],
        "{agenda}"
    );
    let ada = &agenda["relationships"][0];
    assert_eq!(ada["idea"]["kind"], "ask-about-project", "{ada}");
    assert!(
        ada["idea"]["text"]
            .as_str()
            .unwrap()
            .contains("billing service")
    );
    assert!(ada["overdue_days"].as_f64().unwrap() > 60.0);
    assert_eq!(
        agenda["relationships_due"], 2,
        "Cy was never touched: no cadence yet"
    );

    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--when",
        "2026-11-23",
    ]);
    let agenda = s.json(&["agenda"]);
    assert_eq!(handles(&agenda["relationships"]), ["bob-stone"]);
    let explained = s.json(&["explain", "ada-lovelace"]);
    assert_eq!(explained["interactions"], 2);
    assert!(
        explained["due"]["because"]
            .as_str()
            .unwrap()
            .starts_with("last touch 2026-11-23 + 21 days"),
        "{explained}"
    );

    // A snooze puts Bob off; --off brings him back.
    s.ok(&["snooze", "bob-stone", "2w"]);
    assert!(handles(&s.json(&["agenda"])["relationships"]).is_empty());
    assert_eq!(
        handles(&s.json(&["agenda", "--days", "30"])["relationships"]),
        ["bob-stone", "ada-lovelace"]
    );
    s.ok(&["snooze", "bob-stone", "--off"]);
    assert_eq!(
        handles(&s.json(&["agenda"])["relationships"]),
        ["bob-stone"]
    );

    let text = s.ok(&["agenda"]);
    assert!(text.contains("Bob Stone (bob-stone)"), "{text}");
    let show = s.ok(&["person", "show", "bob-stone"]);
    for part in [
        "stage",
        "strength",
        "circle",
        "warm — every 21 days, at most 60",
        "last touch",
        "next touch",
    ] {
        assert!(show.contains(part), "{part}: {show}");
    }
}

#[test]
fn a_stage_set_by_hand_is_remembered_and_shown_as_such() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ann"]);
    s.ok(&["log", "ann", "--kind", "message", "--when", "2026-11-01"]);
    s.ok(&["stage", "ann", "advocate", "--note", "vouched for me"]);
    let v = s.json(&["explain", "ann"]);
    assert_eq!(v["stage"]["value"], "advocate");
    assert_eq!(v["stage"]["earned"], "contacted");
    assert!(
        v["stage"]["because"]
            .as_str()
            .unwrap()
            .contains("set by hand on 2026-11-23: vouched for me")
    );
    assert!(
        s.ok(&["person", "show", "ann"])
            .contains("advocate (set by hand)")
    );
    s.ok(&["stage", "ann", "auto"]);
    assert_eq!(s.json(&["explain", "ann"])["stage"]["value"], "contacted");
    let err = s.fails(&["stage", "ann", "bestie"], 2);
    assert!(err.contains("stage") && err.contains("advocate"), "{err}");
    let err = s.fails(&["snooze", "ann", "yesterday"], 2);
    assert!(err.contains("future"), "{err}");
    let err = s.fails(
        &["circle", "ann", "warm", "--every", "2m", "--at-most", "1m"],
        2,
    );
    assert!(err.contains("shorter"), "{err}");
}

#[test]
fn meeting_people_at_an_event_logs_ties_and_follow_ups() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ada"]);
    let added = s.json(&[
        "event",
        "add",
        "Rust Meetup",
        "--date",
        "2026-11-20",
        "--where",
        "Berlin",
        "--tag",
        "rust",
    ]);
    assert_eq!(added["number"], 1);
    s.ok(&[
        "event",
        "add",
        "RustFest",
        "--date",
        "2026-11-26",
        "--url",
        "https://rustfest.example/",
    ]);
    let met = s.json(&[
        "event",
        "met",
        "1",
        "ada",
        "--new",
        "Bo Newman",
        "--company",
        "Ferrous",
    ]);
    assert_eq!(met["interactions"], 2);
    assert_eq!(met["ties"], 1);
    let due: Vec<&str> = met["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["due"].as_str().unwrap())
        .collect();
    assert_eq!(
        due,
        ["2026-11-25", "2026-11-25"],
        "two days after today (the event was earlier)"
    );
    let shown = s.json(&["event", "show", "1"]);
    assert_eq!(
        handles(&Value::Array(
            shown["met"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| serde_json::json!({"person": p}))
                .collect()
        )),
        ["ada", "bo-newman"]
    );
    let bo = s.json(&["person", "show", "bo-newman"]);
    assert_eq!(bo["person"]["company"]["name"], "Ferrous");
    assert_eq!(bo["relationship"]["stage"]["value"], "met");
    let again = s.json(&["event", "met", "1", "ada"]);
    assert_eq!(again["interactions"], 0);
    assert_eq!(again["already"][0]["handle"], "ada");

    let agenda = s.json(&["agenda", "--days", "4"]);
    assert_eq!(agenda["follow_ups"].as_array().unwrap().len(), 2);
    assert_eq!(agenda["events"][0]["name"], "RustFest");
    let list = s.json(&["event", "list"]);
    assert_eq!(list[0]["name"], "RustFest", "upcoming first");
    let err = s.fails(&["event", "met", "9", "ada"], 1);
    assert!(err.contains("event"), "{err}");
    let err = s.fails(&["event", "add", "X", "--date", "someday"], 2);
    assert!(err.contains("date"), "{err}");
}

#[test]
fn the_garden_counts_stages_and_finds_who_is_drifting() {
    let s = Sandbox::new();
    for name in ["Ann", "Ben", "Cat", "Dan"] {
        s.ok(&["person", "add", name]);
    }
    s.ok(&[
        "log",
        "ann",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-11-18",
    ]);
    s.ok(&["log", "ben", "--kind", "meetup", "--when", "2026-10-01"]);
    s.ok(&["circle", "ben", "close"]);
    s.ok(&["log", "cat", "--kind", "message", "--when", "2026-11-10"]);
    s.ok(&[
        "log",
        "cat",
        "--kind",
        "message",
        "--inbound",
        "--when",
        "2026-11-11",
    ]);
    let g = s.json(&["garden"]);
    assert_eq!(g["people"], 4);
    assert_eq!(g["by_stage"]["met"], 2);
    assert_eq!(g["by_stage"]["conversing"], 1);
    assert_eq!(g["by_stage"]["new"], 1);
    assert_eq!(g["by_circle"]["close"], 1);
    assert_eq!(g["by_circle"]["loose"], 3);
    assert_eq!(
        handles(&g["drifting"]),
        ["ben"],
        "past 42 days since October, not yet dormant"
    );
    assert_eq!(handles(&g["unfollowed_meetings"]), ["ann", "ben"]);
    let weeks = g["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 8);
    assert_eq!(weeks[7]["starts"], "2026-11-23");
    assert_eq!(
        weeks[6]["touches"], 1,
        "Ann's coffee in the week of the 16th"
    );
    assert_eq!(weeks[5]["people"], 1, "Cat twice in the week of the 9th");
    s.ok(&["log", "ann", "--kind", "email", "--when", "2026-11-19"]);
    assert_eq!(
        handles(&s.json(&["garden"])["unfollowed_meetings"]),
        ["ben"]
    );
    assert!(s.ok(&["garden"]).contains("Drifting"));
}

fn uids(ics: &str) -> Vec<String> {
    ics.lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_owned)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn the_calendar_feed_keeps_uids_and_parses_in_independent_validators() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Ada Lovelace", "--tag", "rust"]);
    s.ok(&["person", "add", "Bob Stone"]);
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "coffee-chat",
        "--when",
        "2026-09-01",
        "--note",
        "Giving a talk at RustFest; nervous, wants feedback, über-excited 🎉",
    ]);
    s.ok(&[
        "log",
        "bob-stone",
        "--kind",
        "message",
        "--when",
        "2026-11-01",
    ]);
    s.ok(&["circle", "ada-lovelace", "close"]);
    s.ok(&["circle", "bob-stone", "close"]);
    s.ok(&[
        "follow-up",
        "add",
        "bob-stone",
        "--action",
        "Send the RFC, the slides; and \\ notes",
        "--due",
        "2026-11-20",
    ]);
    s.ok(&[
        "event",
        "add",
        "Rust Meetup, Berlin",
        "--date",
        "2026-12-03",
        "--where",
        "c-base; Berlin",
        "--tag",
        "rust",
    ]);
    let path = s.path("feed.ics");
    s.ok(&["export", "ics", "-o", path.to_str().unwrap()]);
    let first = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        s.ok(&["export", "ics"]),
        first,
        "unchanged data, the same bytes"
    );
    let before = uids(&first);
    assert_eq!(
        before.len(),
        4,
        "a follow-up, two touches, an event: {first}"
    );
    assert!(
        first.contains("Overdue since 2026-11-20"),
        "an overdue follow-up sits on today"
    );

    // Ada is touched: her item leaves the feed (due in three weeks is inside the 30-day
    // window, so it moves instead), every other UID stays.
    s.ok(&[
        "log",
        "ada-lovelace",
        "--kind",
        "message",
        "--when",
        "2026-11-23",
    ]);
    let second = s.ok(&["export", "ics"]);
    let after = uids(&second);
    assert_eq!(before, after, "the same items keep their UIDs");
    assert_ne!(first, second, "Ada's touch moved to a later date");

    let python = std::env::var("KITH_TEST_PYTHON").expect(
        "KITH_TEST_PYTHON is not set: run the tests with `cargo xtask test` (the feed's validation never skips)",
    );
    let script = r#"
import sys, icalendar, vobject
data = open(sys.argv[1], encoding="utf-8").read()
cal = icalendar.Calendar.from_ical(data)
events = [c for c in cal.walk("VEVENT")]
v = vobject.readOne(data, validate=True)
assert len(events) == len(v.vevent_list), (len(events), len(v.vevent_list))
for e in events:
    assert e.get("DTSTAMP") is not None and e.get("UID")
    assert (e.decoded("DTEND") - e.decoded("DTSTART")).days == 1
print(len(events), "|".join(sorted(str(e.get("SUMMARY")) for e in events)))
"#;
    std::fs::write(&path, &second).unwrap();
    let out = std::process::Command::new(python)
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .expect("run python");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("4 "), "{stdout}");
    assert!(stdout.contains("Rust Meetup, Berlin"), "{stdout}");
    assert!(
        stdout.contains("Send the RFC, the slides; and \\ notes"),
        "{stdout}"
    );
}
