//! vCard 2.1, 3.0 and 4.0 as phones and mail clients write them, read into `Contact`s.
//!
//! The file is cut into cards here, by its `BEGIN:VCARD` and `END:VCARD` lines, and each
//! card is handed to `calcard` on its own: a card that is broken (no `END`, a line that is
//! not a property) is rejected with its line and the rest of the file still imports.
//! `calcard` does the hard part of each card — unfolding, quoted-printable with its
//! charset, escapes, base64 photos — and this module picks out what kith keeps.

mod birthday;
mod person;

use calcard::{Entry, Parser};

use crate::{Contact, Format, FormatError, Parsed, Rejected, clean};

/// Whether text reads as a vCard file: its first non-blank line, after any byte-order
/// mark, is `BEGIN:VCARD` in any case.
pub fn looks_like(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .split(['\r', '\n'])
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| is_marker(line.trim(), "BEGIN"))
}

/// Reads every card of a vCard file. People become contacts; group cards and broken cards
/// are rejected with the line of their `BEGIN` and a reason. Only a file with no
/// `BEGIN:VCARD` line at all is an error.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FormatError> {
    let text = decode(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    let chunks = split_cards(&lines);
    if chunks.is_empty() {
        return Err(FormatError {
            line: 1,
            reason: "no BEGIN:VCARD line: this is not a vCard file".to_owned(),
        });
    }
    let mut parsed = Parsed {
        format: Format::Vcard,
        contacts: Vec::new(),
        rejected: Vec::new(),
    };
    for chunk in chunks {
        let outcome = chunk
            .end
            .and_then(|end| read_card(&lines[chunk.begin..=end], chunk.begin + 1));
        match outcome {
            Ok(contact) => parsed.contacts.push(contact),
            Err(reason) => parsed.rejected.push(Rejected {
                line: chunk.begin + 1,
                reason,
            }),
        }
    }
    Ok(parsed)
}

/// Bytes to text. UTF-16 with a byte-order mark (some Windows exports) is widened first;
/// anything else is decoded line by line, so one card saved in Windows-1252 does not turn
/// the UTF-8 of every other card in the file into mojibake. Every line ending becomes LF.
fn decode(bytes: &[u8]) -> String {
    let units = |rest: &[u8], read: fn([u8; 2]) -> u16| -> Vec<u16> {
        rest.chunks_exact(2)
            .map(|pair| read([pair[0], pair[1]]))
            .collect()
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => String::from_utf16_lossy(&units(rest, u16::from_le_bytes)),
        [0xFE, 0xFF, rest @ ..] => String::from_utf16_lossy(&units(rest, u16::from_be_bytes)),
        _ => bytes
            .split(|&b| b == b'\n')
            .map(|line| clean::decode(line).0)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    clean::normalize_line_endings(&text)
}

/// `BEGIN:VCARD` or `END:VCARD` (as `keyword`), in any case, on a trimmed line.
fn is_marker(line: &str, keyword: &str) -> bool {
    let line = line.trim_start_matches('\u{feff}');
    line.split_once(':').is_some_and(|(key, value)| {
        key.trim_end().eq_ignore_ascii_case(keyword) && value.trim().eq_ignore_ascii_case("VCARD")
    })
}

/// One card's lines: the index of its `BEGIN`, and of its `END` or why it has none.
#[derive(Debug)]
struct Chunk {
    begin: usize,
    end: Result<usize, String>,
}

/// Finds the cards. Inside a card only an unindented line can end or restart it (an
/// indented one is a folded continuation); between cards anything but `BEGIN` is skipped.
fn split_cards(lines: &[&str]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        match open {
            None => {
                if is_marker(line.trim(), "BEGIN") {
                    open = Some(i);
                }
            }
            Some(begin) => {
                if line.starts_with([' ', '\t']) {
                    continue;
                }
                if is_marker(line.trim_end(), "END") {
                    chunks.push(Chunk { begin, end: Ok(i) });
                    open = None;
                } else if is_marker(line.trim_end(), "BEGIN") {
                    let reason = format!(
                        "card has no END:VCARD before the next BEGIN:VCARD on line {}",
                        i + 1
                    );
                    chunks.push(Chunk {
                        begin,
                        end: Err(reason),
                    });
                    open = Some(i);
                }
            }
        }
    }
    if let Some(begin) = open {
        chunks.push(Chunk {
            begin,
            end: Err("card has no END:VCARD before the end of the file".to_owned()),
        });
    }
    chunks
}

/// One card, `BEGIN` to `END`, through calcard and into a contact.
fn read_card(lines: &[&str], first_line: usize) -> Result<Contact, String> {
    let mut text = lines.join("\n");
    text.push('\n');
    match Parser::new(&text).strict().entry() {
        Entry::VCard(card) => person::contact(&card, lines, first_line),
        Entry::InvalidLine(bad) => {
            let at = lines
                .iter()
                .position(|line| {
                    !line.starts_with([' ', '\t'])
                        && !line.trim().is_empty()
                        && !line.contains(':')
                        && line.contains(bad.trim())
                })
                .map(|i| format!(" on line {}", first_line + i))
                .unwrap_or_default();
            Err(format!(
                "card has a line that is not a vCard property{at}: {:?}",
                bad.trim()
            ))
        }
        Entry::UnterminatedComponent(_) => Err(
            "card's END:VCARD was read as part of the value before it (a quoted-printable \
             line ending in `=`?)"
                .to_owned(),
        ),
        other => Err(format!("card could not be read: {other:?}")),
    }
}
