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
            assert!(!err.reason.trim().is_empty(), "error has an empty reason: {err:?}");
            assert!(
                (1..=max).contains(&err.line),
                "error line {} outside 1..={max} (input has {lines} lines): {err:?}",
                err.line
            );
        }
    }
}
