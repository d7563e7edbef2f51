//! The calendar feed read back line by line: the exact text for a small feed, CRLF and
//! 75-octet folding, TEXT escaping, all-day dates, determinism. Reading it back uses this
//! file's own unfolding and unescaping, not `icalendar`'s; `ics_parsers` has two
//! independent Python parsers read it.

use jiff::Timestamp;
use jiff::civil::{Date, date};
use kith_formats::{CalendarItem, to_ics};
use proptest::prelude::*;

pub(crate) fn stamp() -> Timestamp {
    "2026-11-20T08:15:30Z".parse().expect("a timestamp")
}

/// An item with only the required parts.
pub(crate) fn item(uid: &str, summary: &str, day: Date) -> CalendarItem {
    CalendarItem {
        uid: uid.to_owned(),
        summary: summary.to_owned(),
        description: None,
        date: day,
        location: None,
        url: None,
        categories: Vec::new(),
        stamp: stamp(),
    }
}

/// What a TEXT value reads back as: line breaks as `\n`, control characters but tab gone.
pub(crate) fn cleaned(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// One unfolded content line, split into name, parameters and raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    name: String,
    params: Vec<String>,
    value: String,
}

/// Unfolds (RFC 5545 §3.1: CRLF followed by one space or tab goes) and splits the lines.
/// None of kith's parameters is quoted, so the first `:` ends name and parameters.
fn lines(ics: &str) -> Vec<Line> {
    ics.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .split_terminator("\r\n")
        .map(|l| {
            let (head, value) = l
                .split_once(':')
                .unwrap_or_else(|| panic!("no colon: {l:?}"));
            let mut head = head.split(';');
            Line {
                name: head.next().unwrap_or_default().to_owned(),
                params: head.map(str::to_owned).collect(),
                value: value.to_owned(),
            }
        })
        .collect()
}

/// The events' lines, one list per VEVENT.
fn events(ics: &str) -> Vec<Vec<Line>> {
    let mut events = Vec::new();
    let mut current: Option<Vec<Line>> = None;
    for line in lines(ics) {
        match (line.name.as_str(), line.value.as_str()) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => events.push(current.take().expect("END without BEGIN")),
            _ => {
                if let Some(event) = &mut current {
                    event.push(line);
                }
            }
        }
    }
    assert!(current.is_none(), "an unterminated VEVENT");
    events
}

fn property<'a>(event: &'a [Line], name: &str) -> Option<&'a Line> {
    let mut found = event.iter().filter(|l| l.name == name);
    let first = found.next();
    assert!(found.next().is_none(), "{name} appears twice");
    first
}

fn value(event: &[Line], name: &str) -> Option<String> {
    property(event, name).map(|l| l.value.clone())
}

/// RFC 5545 §3.3.11, read strictly: `\\`, `\;`, `\,`, `\n` and `\N` are the only escapes,
/// and `;` or `,` never appear bare in a single TEXT value.
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => out.push('\\'),
                Some(';') => out.push(';'),
                Some(',') => out.push(','),
                Some('n' | 'N') => out.push('\n'),
                other => panic!("bad escape \\{other:?} in {raw:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {raw:?}"),
            c => out.push(c),
        }
    }
    out
}

/// Splits a TEXT list (CATEGORIES) on its unescaped commas.
fn unescape_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                current.extend(chars.next());
            }
            ',' => items.push(unescape(&std::mem::take(&mut current))),
            c => current.push(c),
        }
    }
    items.push(unescape(&current));
    items
}

/// CRLF ends every line, there is no other CR or LF, and no physical line is longer than
/// 75 octets.
fn assert_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"), "no final CRLF");
    for physical in ics.split_terminator("\r\n") {
        assert!(
            !physical.contains(['\r', '\n']),
            "a bare CR or LF in {physical:?}"
        );
        assert!(
            physical.len() <= 75,
            "{} octets: {physical:?}",
            physical.len()
        );
    }
}

#[test]
fn one_item_gives_exactly_this_feed() {
    let mut follow_up = item(
        "follow-up-0190aa00-0000-7000-8000-000000000001@kith",
        "Follow up with Ada Lovelace",
        date(2026, 11, 23),
    );
    follow_up.description = Some("Send the article on async Rust".to_owned());
    follow_up.location = Some("Café Central, Wien".to_owned());
    follow_up.url = Some("https://example.com/ada?x=1,2".to_owned());
    follow_up.categories = vec!["follow-up".to_owned(), "rust".to_owned()];
    let expected = [
        "BEGIN:VCALENDAR",
        concat!("PRODID:-//kith//kith ", env!("CARGO_PKG_VERSION"), "//EN"),
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:kith",
        "BEGIN:VEVENT",
        "DESCRIPTION:Send the article on async Rust",
        "DTEND;VALUE=DATE:20261124",
        "DTSTAMP:20261120T081530Z",
        "DTSTART;VALUE=DATE:20261123",
        "LOCATION:Café Central\\, Wien",
        "SUMMARY:Follow up with Ada Lovelace",
        "TRANSP:TRANSPARENT",
        "UID:follow-up-0190aa00-0000-7000-8000-000000000001@kith",
        "URL:https://example.com/ada?x=1,2",
        "CATEGORIES:follow-up,rust",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n");
    assert_eq!(to_ics("kith", &[follow_up]), expected);
}

#[test]
fn an_empty_calendar_is_a_complete_vcalendar() {
    let ics = to_ics("kith — follow-ups", &[]);
    assert_well_formed(&ics);
    let got: Vec<(String, String)> = lines(&ics).into_iter().map(|l| (l.name, l.value)).collect();
    let want = [
        ("BEGIN", "VCALENDAR"),
        (
            "PRODID",
            concat!("-//kith//kith ", env!("CARGO_PKG_VERSION"), "//EN"),
        ),
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-CALNAME", "kith — follow-ups"),
        ("END", "VCALENDAR"),
    ]
    .map(|(n, v)| (n.to_owned(), v.to_owned()));
    assert_eq!(got, want);
}

#[test]
fn every_event_has_the_required_properties() {
    let items = [
        item("a@kith", "First", date(2026, 1, 1)),
        item("b@kith", "Second", date(2026, 1, 2)),
    ];
    for event in events(&to_ics("kith", &items)) {
        for name in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "TRANSP"] {
            assert!(property(&event, name).is_some(), "no {name} in {event:?}");
        }
        for absent in ["DESCRIPTION", "LOCATION", "URL", "CATEGORIES"] {
            assert!(
                property(&event, absent).is_none(),
                "{absent} without a value"
            );
        }
        assert_eq!(value(&event, "TRANSP").as_deref(), Some("TRANSPARENT"));
    }
}

#[test]
fn dtend_is_the_next_day() {
    let cases = [
        (date(2026, 11, 23), Some("20261124")),
        (date(2026, 1, 31), Some("20260201")),
        (date(2026, 4, 30), Some("20260501")),
        (date(2026, 12, 31), Some("20270101")),
        (date(2024, 2, 28), Some("20240229")),
        (date(2024, 2, 29), Some("20240301")),
        (date(2023, 2, 28), Some("20230301")),
        (date(2000, 2, 28), Some("20000229")),
        (date(1900, 2, 28), Some("19000301")),
        (date(1, 1, 1), Some("00010102")),
        // No next day exists; without DTEND an all-day event lasts the one day.
        (date(9999, 12, 31), None),
    ];
    for (day, end) in cases {
        let event = &events(&to_ics("kith", &[item("x@kith", "x", day)]))[0];
        let start = property(event, "DTSTART").expect("DTSTART");
        let want_start = format!("{:04}{:02}{:02}", day.year(), day.month(), day.day());
        assert_eq!(start.value, want_start, "{day}");
        assert_eq!(start.params, ["VALUE=DATE"], "{day}");
        let dtend = property(event, "DTEND");
        assert_eq!(dtend.map(|l| l.value.as_str()), end, "{day}");
        if let Some(dtend) = dtend {
            assert_eq!(dtend.params, ["VALUE=DATE"], "{day}");
        }
    }
}

#[test]
fn dtstamp_and_uid_are_the_items_own() {
    let mut a = item("follow-up-1@kith", "a", date(2026, 11, 23));
    a.stamp = "2026-11-23T12:34:56.789Z".parse().expect("a timestamp");
    let mut b = item("touch-2@kith", "b", date(2026, 11, 24));
    b.stamp = "1999-12-31T23:59:59+05:00".parse().expect("a timestamp");
    let events = events(&to_ics("kith", &[a, b]));
    assert_eq!(
        value(&events[0], "DTSTAMP").as_deref(),
        Some("20261123T123456Z")
    );
    assert_eq!(
        value(&events[0], "UID").as_deref(),
        Some("follow-up-1@kith")
    );
    assert_eq!(
        value(&events[1], "DTSTAMP").as_deref(),
        Some("19991231T185959Z")
    );
    assert_eq!(value(&events[1], "UID").as_deref(), Some("touch-2@kith"));
}

#[test]
fn the_same_items_give_the_same_bytes() {
    let items: Vec<CalendarItem> = (0..20)
        .map(|i| {
            let mut it = item(
                &format!("event-{i}@kith"),
                &format!("Meetup {i}"),
                date(2026, 11, 1 + i),
            );
            it.categories = vec!["event".to_owned()];
            it
        })
        .collect();
    let first = to_ics("kith", &items);
    // Time passes between exports; nothing in the feed may follow the clock.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(to_ics("kith", &items), first);
}

#[test]
fn items_keep_the_callers_order() {
    let items = [
        item("c@kith", "c", date(2026, 1, 3)),
        item("a@kith", "a", date(2026, 1, 1)),
        item("b@kith", "b", date(2026, 1, 1)),
    ];
    let uids: Vec<String> = events(&to_ics("kith", &items))
        .iter()
        .filter_map(|e| value(e, "UID"))
        .collect();
    assert_eq!(uids, ["c@kith", "a@kith", "b@kith"]);
}

#[test]
fn text_is_escaped_and_reads_back() {
    let cases = [
        ("plain", "plain", "plain"),
        ("a, b; c", "a\\, b\\; c", "a, b; c"),
        (
            "C:\\Users\\ada\\",
            "C:\\\\Users\\\\ada\\\\",
            "C:\\Users\\ada\\",
        ),
        ("not a break: \\n", "not a break: \\\\n", "not a break: \\n"),
        ("two\nlines", "two\\nlines", "two\nlines"),
        (
            "crlf\r\nand cr\rend",
            "crlf\\nand cr\\nend",
            "crlf\nand cr\nend",
        ),
        (
            "tab\there, bell\u{7} gone",
            "tab\there\\, bell gone",
            "tab\there, bell gone",
        ),
        ("\\,\\;", "\\\\\\,\\\\\\;", "\\,\\;"),
        (
            "colon: \"quoted\"",
            "colon: \"quoted\"",
            "colon: \"quoted\"",
        ),
        ("", "", ""),
    ];
    for (input, raw, decoded) in cases {
        let mut it = item(input, input, date(2026, 11, 23));
        it.description = Some(input.to_owned());
        it.location = Some(input.to_owned());
        let ics = to_ics(input, &[it]);
        assert_well_formed(&ics);
        let calname = lines(&ics)
            .into_iter()
            .find(|l| l.name == "X-WR-CALNAME")
            .expect("X-WR-CALNAME");
        assert_eq!(calname.value, raw, "X-WR-CALNAME of {input:?}");
        let event = &events(&ics)[0];
        for name in ["UID", "SUMMARY", "DESCRIPTION", "LOCATION"] {
            let got = value(event, name).unwrap_or_else(|| panic!("no {name}"));
            assert_eq!(got, raw, "{name} of {input:?}");
            assert_eq!(unescape(&got), decoded, "{name} of {input:?}");
        }
    }
}

#[test]
fn categories_are_one_escaped_list() {
    let mut it = item("x@kith", "x", date(2026, 11, 23));
    it.categories = ["job, search", "a;b", "back\\slash", "  ", "", "rust"]
        .map(str::to_owned)
        .to_vec();
    let event = &events(&to_ics("kith", &[it]))[0];
    let raw = value(event, "CATEGORIES").expect("CATEGORIES");
    assert_eq!(raw, "job\\, search,a\\;b,back\\\\slash,rust");
    assert_eq!(
        unescape_list(&raw),
        ["job, search", "a;b", "back\\slash", "rust"]
    );
}

#[test]
fn a_url_is_written_as_given_but_cannot_break_the_line() {
    let cases = [
        (
            "https://example.com/p?a=1,2;b=3\\4",
            "https://example.com/p?a=1,2;b=3\\4",
        ),
        ("https://example.com/a\r\nb", "https://example.com/a%0D%0Ab"),
        ("https://example.com/ü", "https://example.com/ü"),
    ];
    for (url, raw) in cases {
        let mut it = item("x@kith", "x", date(2026, 11, 23));
        it.url = Some(url.to_owned());
        let ics = to_ics("kith", &[it]);
        assert_well_formed(&ics);
        assert_eq!(
            value(&events(&ics)[0], "URL").as_deref(),
            Some(raw),
            "{url}"
        );
    }
}

/// Long values in scripts of one to four octets per character, at every length around the
/// fold points, so that a fold lands on each octet of a character at least once.
#[test]
fn long_multi_byte_text_folds_within_75_octets_and_unfolds_back() {
    let pieces = [
        "Lebenslaufüberarbeitung für Größenordnungsänderungen, Straße; ",
        "👩‍💻🎉🇩🇪 ",
        "日本語の長い説明文、東京で会う。",
        "a",
        "é",
        "\\,;\n",
    ];
    for piece in pieces {
        for count in 1..=160 {
            let text: String = piece.chars().cycle().take(count).collect();
            let mut it = item(&text, &text, date(2026, 11, 23));
            it.description = Some(text.repeat(3));
            it.location = Some(text.clone());
            it.categories = vec![text.clone(), text.clone()];
            let ics = to_ics(&text, &[it]);
            assert_well_formed(&ics);
            let event = &events(&ics)[0];
            assert_eq!(unescape(&value(event, "SUMMARY").expect("SUMMARY")), text);
            assert_eq!(unescape(&value(event, "UID").expect("UID")), text);
            assert_eq!(
                unescape(&value(event, "DESCRIPTION").expect("DESCRIPTION")),
                text.repeat(3)
            );
            if !text.trim().is_empty() {
                assert_eq!(
                    unescape_list(&value(event, "CATEGORIES").expect("CATEGORIES")),
                    [text.clone(), text.clone()]
                );
            }
        }
    }
}

proptest! {
    #[test]
    fn any_text_reads_back_cleaned(
        summary in any::<String>(),
        description in "(\\PC|[\\r\\n\\t\\\\,;]){0,300}",
        // Every day from 0001-01-01 to 9999-12-31.
        days in 0..=3_652_058i64,
    ) {
        let day = date(1, 1, 1)
            .checked_add(jiff::Span::new().days(days))
            .expect("a date in range");
        let mut it = item("p@kith", &summary, day);
        it.description = Some(description.clone());
        let ics = to_ics("kith", &[it.clone()]);
        assert_well_formed(&ics);
        prop_assert_eq!(to_ics("kith", &[it]), ics.clone());
        let event = &events(&ics)[0];
        prop_assert_eq!(unescape(&value(event, "SUMMARY").expect("SUMMARY")), cleaned(&summary));
        prop_assert_eq!(
            unescape(&value(event, "DESCRIPTION").expect("DESCRIPTION")),
            cleaned(&description)
        );
    }
}
