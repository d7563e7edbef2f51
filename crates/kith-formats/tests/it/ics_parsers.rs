//! The calendar feed read by parsers kith did not write: Python's `icalendar` and
//! `vobject` (`read_ics.py` next to this file) must parse a feed full of awkward text and
//! give back every value exactly as it went in, and every date as a DATE.
//!
//! The interpreter comes from `KITH_TEST_PYTHON`, which `cargo xtask test` sets to a venv
//! it makes. Without it the test fails: a run that meant to validate the feed and
//! validated nothing must not pass.

use jiff::civil::{Date, date};
use jiff::{Span, Timestamp, ToSpan};
use kith_formats::{CalendarItem, to_ics};
use serde_json::{Value, json};

use crate::ics::{cleaned, item, stamp};
use crate::support::read_with_python;

/// Texts that have broken iCalendar writers: the escaped characters alone and together,
/// every kind of line break, backslashes before letters an unescaper might take for an
/// escape, and long text in two-, three- and four-octet characters that must fold.
const AWKWARD: [&str; 12] = [
    "Coffee with Ada, Grace; and \\ Linus",
    "Zeile eins\nZeile zwei\r\nZeile drei\rEnde",
    "C:\\Users\\ada\\notes.txt, a literal \\n, \\N, \\, and \\;",
    "Größenordnungsüberlegungen für Bewerbungsgespräche in Köln, Düsseldorf; Straße 5. \
     Größenordnungsüberlegungen für Bewerbungsgespräche in Köln, Düsseldorf; Straße 5.",
    "👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀",
    "東京で面接、大阪で懇親会；서울에서 회의. 東京で面接、大阪で懇親会；서울에서 회의. 東京で面接、大阪で懇親会",
    "tab\tseparated: \"quoted\", 'single' <angle> & ampersand",
    "ends with a backslash \\",
    "ends with a line break\n",
    "\\\\,,;;\\n\n\\",
    "key: value; other: \"a,b\"",
    "a control\u{7} character and a zero-width joiner \u{200d} stay apart",
];

/// Days that end months, years and leap Februaries, and ordinary ones.
fn day(i: usize) -> Date {
    let special = [
        date(2026, 11, 23),
        date(2026, 12, 31),
        date(2027, 1, 31),
        date(2028, 2, 28),
        date(2028, 2, 29),
        date(2100, 2, 28),
        date(2026, 6, 30),
    ];
    special.get(i).copied().unwrap_or_else(|| {
        let offset = i64::try_from(i * 37).expect("small");
        date(2026, 1, 1)
            .checked_add(offset.days())
            .expect("in range")
    })
}

fn awkward(i: usize) -> &'static str {
    AWKWARD[i % AWKWARD.len()]
}

/// Sixty items that between them put every awkward text into every text property.
fn awkward_items() -> Vec<CalendarItem> {
    (0..60)
        .map(|i| {
            let uid = if i % 10 == 3 {
                format!("odd, uid; with \\ backslash {i}@kith")
            } else {
                format!("follow-up-0190aa00-0000-7000-8000-{i:012}@kith")
            };
            let mut it = item(&uid, awkward(i), day(i));
            it.stamp = stamp()
                .checked_add(Span::new().hours(i64::try_from(i).expect("small")))
                .expect("in range");
            if i % 6 != 5 {
                it.description = Some(format!("{}\n\n{}", awkward(i + 1), awkward(i + 4)));
            }
            if i % 3 == 0 {
                it.location = Some(awkward(i + 2).to_owned());
            }
            if i % 4 == 0 {
                it.url = Some(format!(
                    "https://example.com/people/{i}?tags=a,b;c&name=Jos%C3%A9#x"
                ));
            }
            if i % 5 != 4 {
                it.categories = vec![
                    "follow-up".to_owned(),
                    "job, search; remote".to_owned(),
                    awkward(i + 7).to_owned(),
                ];
            }
            it
        })
        .collect()
}

fn utc(stamp: Timestamp) -> String {
    // Whole seconds: DTSTAMP has no fractions.
    let t = jiff::tz::TimeZone::UTC.to_datetime(stamp);
    format!(
        "date-time:{}T{:02}:{:02}:{:02}+00:00",
        t.date(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// What a parser should report for `it`.
fn expected(it: &CalendarItem) -> Value {
    let categories: Vec<String> = it
        .categories
        .iter()
        .map(|c| cleaned(c))
        .filter(|c| !c.trim().is_empty())
        .collect();
    json!({
        "uid": cleaned(&it.uid),
        "summary": cleaned(&it.summary),
        "description": it.description.as_deref().map(cleaned),
        "location": it.location.as_deref().map(cleaned),
        "url": it.url,
        "transp": "TRANSPARENT",
        "categories": if categories.is_empty() { None } else { Some(categories) },
        "dtstart": format!("date:{}", it.date),
        "dtend": it.date.tomorrow().ok().map(|d| format!("date:{d}")),
        "dtstamp": utc(it.stamp),
    })
}

fn check_with_python(calendar_name: &str, items: &[CalendarItem]) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("kith.ics");
    std::fs::write(&file, to_ics(calendar_name, items)).expect("write the feed");
    let report = read_with_python("read_ics.py", &file, "the feed");
    if std::env::var_os("KITH_DUMP").is_some() {
        std::fs::copy(&file, "/tmp/kith-dump.ics").ok();
    }

    let calendar = json!({
        "prodid": concat!("-//kith//kith ", env!("CARGO_PKG_VERSION"), "//EN"),
        "version": "2.0",
        "calscale": "GREGORIAN",
        "method": "PUBLISH",
        "x-wr-calname": cleaned(calendar_name),
    });
    for parser in ["icalendar", "vobject"] {
        let found = &report[parser];
        assert_eq!(found["errors"], json!([]), "{parser} complained");
        assert_eq!(found["calendar"], calendar, "{parser}: the calendar");
        let events = found["events"].as_array().expect("an events list");
        for (i, (got, it)) in events.iter().zip(items).enumerate() {
            assert_eq!(*got, expected(it), "{parser}: event {i}");
        }
        assert_eq!(events.len(), items.len(), "{parser}: the number of events");
    }
}

#[test]
fn independent_parsers_read_back_every_value() {
    check_with_python("kith — Follow-ups, Events; Touches", &awkward_items());
}

#[test]
fn independent_parsers_accept_an_empty_calendar() {
    check_with_python("kith", &[]);
}

#[test]
fn independent_parsers_read_the_edge_days() {
    let items: Vec<CalendarItem> = [
        date(2024, 2, 29),
        date(2023, 12, 31),
        date(1970, 1, 1),
        date(9999, 12, 30),
        date(9999, 12, 31),
    ]
    .iter()
    .enumerate()
    .map(|(i, &d)| item(&format!("day-{i}@kith"), "edge", d))
    .collect();
    check_with_python("kith", &items);
}
