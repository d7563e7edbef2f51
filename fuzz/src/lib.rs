//! Invariants shared by the kith-formats fuzz targets. See docs/fuzzing.md.

use kith_formats::{Format, FormatError, Parsed, clean};

/// How many lines the parser of `format` sees in `bytes`: the text after the same clean-up
/// the parser does (BOM, Windows-1252, every line ending made one LF), split on LF.
///
/// vCard decodes line by line and LinkedIn the whole file at once; neither changes CR or LF
/// bytes, so both end with the same LFs as `clean::text`. Google also reads UTF-16 with a
/// byte-order mark; that decoding (private in `google.rs`) is mirrored here.
pub fn line_count(format: Format, bytes: &[u8]) -> usize {
    let text = match (format, bytes) {
        (Format::Google, [0xFF, 0xFE, rest @ ..]) => utf16(rest, u16::from_le_bytes),
        (Format::Google, [0xFE, 0xFF, rest @ ..]) => utf16(rest, u16::from_be_bytes),
        _ => clean::text(bytes),
    };
    text.split('\n').count()
}

fn utf16(rest: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = rest
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    clean::text(String::from_utf16_lossy(&units).as_bytes())
}

/// Panics (so libFuzzer records a crash) when a parse result breaks what every importer
/// promises:
///
/// - the result says the format it was asked for;
/// - every contact has a non-blank name and a line in `1..=lines + 1`;
/// - every rejected record has a non-blank reason and a line in `1..=lines + 1`;
/// - a whole-file error has a non-blank reason and a line in `1..=lines + 1`.
pub fn check(format: Format, bytes: &[u8], result: &Result<Parsed, FormatError>) {
    let lines = line_count(format, bytes);
    let max = lines + 1;
    match result {
        Ok(parsed) => {
            assert_eq!(parsed.format, format, "parsed.format");
            for contact in &parsed.contacts {
                assert!(
                    !contact.name.trim().is_empty(),
                    "contact on line {} has an empty name: {contact:?}",
                    contact.line
                );
                assert!(
                    (1..=max).contains(&contact.line),
                    "contact line {} outside 1..={max} (input has {lines} lines): {contact:?}",
                    contact.line
                );
            }
            for rejected in &parsed.rejected {
                assert!(
                    !rejected.reason.trim().is_empty(),
                    "rejected record on line {} has an empty reason",
                    rejected.line
                );
                assert!(
                    (1..=max).contains(&rejected.line),
                    "rejected line {} outside 1..={max} (input has {lines} lines): {rejected:?}",
                    rejected.line
                );
            }
        }
        Err(err) => {
            assert!(
                !err.reason.trim().is_empty(),
                "error has an empty reason: {err:?}"
            );
            assert!(
                (1..=max).contains(&err.line),
                "error line {} outside 1..={max} (input has {lines} lines): {err:?}",
                err.line
            );
        }
    }
}

/// Panics (a crash for libFuzzer) when reading `bytes` as a LinkedIn `messages.csv` breaks
/// what the import relies on:
///
/// - every message and rejected row has a line in `1..=lines + 1`, a rejection a reason;
/// - whose export it is can be told or not without panicking, and when it can, grouping
///   into days accounts for every message exactly once (in a day or rejected), each day
///   with someone in it, its lines in order and no empty text.
pub fn check_messages(bytes: &[u8]) {
    use kith_formats::linkedin_messages::{days, parse, seeker};
    let max = clean::text(bytes).split('\n').count() + 1;
    let Ok(parsed) = parse(bytes) else {
        return;
    };
    for m in &parsed.messages {
        assert!(
            (1..=max).contains(&m.line),
            "message line {} outside 1..={max}",
            m.line
        );
        assert!(
            !m.from.name.trim().is_empty(),
            "a sender without a name: {m:?}"
        );
        assert!(!m.to.is_empty(), "a message to no one: {m:?}");
    }
    for r in &parsed.rejected {
        assert!(
            (1..=max).contains(&r.line),
            "rejected line {} outside 1..={max}",
            r.line
        );
        assert!(
            !r.reason.trim().is_empty(),
            "rejected line {} without a reason",
            r.line
        );
    }
    let Ok(me) = seeker(&parsed.messages, None) else {
        return;
    };
    let (days, rejected) = days(&parsed.messages, &me);
    let mut lines: Vec<usize> = days
        .iter()
        .flat_map(|d| d.lines.iter().copied())
        .chain(rejected.iter().map(|r| r.line))
        .collect();
    for day in &days {
        assert!(!day.with.is_empty(), "a day with no one: {day:?}");
        assert!(
            day.lines.windows(2).all(|w| w[0] <= w[1]),
            "lines out of order: {day:?}"
        );
        assert!(
            day.text.as_deref().is_none_or(|t| !t.is_empty()),
            "empty text: {day:?}"
        );
    }
    let mut expected: Vec<usize> = parsed.messages.iter().map(|m| m.line).collect();
    lines.sort_unstable();
    expected.sort_unstable();
    assert_eq!(lines, expected, "messages not accounted for once each");
}

/// Panics when reading `bytes` as a LinkedIn `Invitations.csv` breaks what the import
/// relies on: each kept invitation is one row with one other person and a text, each
/// rejection has a reason, and every line is in `1..=lines + 1` and used once.
pub fn check_invitations(bytes: &[u8]) {
    let max = clean::text(bytes).split('\n').count() + 1;
    let Ok(parsed) = kith_formats::linkedin_invitations::parse(bytes) else {
        return;
    };
    let mut lines: Vec<usize> = parsed.rejected.iter().map(|r| r.line).collect();
    for r in &parsed.rejected {
        assert!(
            !r.reason.trim().is_empty(),
            "rejected line {} without a reason",
            r.line
        );
    }
    for day in &parsed.invitations {
        assert_eq!(day.lines.len(), 1, "one row per invitation: {day:?}");
        assert_eq!(day.with.len(), 1, "one other person: {day:?}");
        assert!(
            !day.with[0].name.trim().is_empty(),
            "a nameless person: {day:?}"
        );
        assert!(
            day.text.as_deref().is_some_and(|t| !t.is_empty()),
            "no text: {day:?}"
        );
        lines.push(day.lines[0]);
    }
    let count = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), count, "a line used twice");
    assert!(
        lines.iter().all(|l| (1..=max).contains(l)),
        "a line outside 1..={max}"
    );
}
