//! Writing people out for other programs: vCard 4.0 that phone address books read, and a
//! spreadsheet-friendly CSV with one row per person.

use std::borrow::Cow;

use kith_core::Person;

use crate::content_line::push_folded as line;

/// A TEXT value as RFC 6350 §3.4 writes it: backslash, comma and semicolon escaped, and
/// every line break (LF, CRLF or a lone CR) written as `\n`. Control characters other
/// than tab, which no value may hold (§3.3), are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// A URL value. RFC 6350 §3.4 has a comma escaped in every value, and parsers that
/// unescape URLs (Python's vobject among them) read an unescaped one as the end of the
/// value, so backslash and comma are escaped; a control character, which would break
/// the content line, is percent-encoded.
fn escape_uri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The structured name: the last word is the family name, the rest given names.
fn structured_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((family, given)) if !given.is_empty() => {
            format!("{};{};;;", escape(family), escape(&given.join(" ")))
        }
        _ => format!("{};;;;", escape(name)),
    }
}

/// One vCard 4.0 per person, in the order given.
pub fn to_vcard(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        line(&mut out, "BEGIN:VCARD");
        line(&mut out, "VERSION:4.0");
        line(&mut out, &format!("UID:urn:uuid:{}", p.id));
        line(&mut out, &format!("FN:{}", escape(&p.name)));
        line(&mut out, &format!("N:{}", structured_name(&p.name)));
        if let Some(company) = &p.company {
            line(&mut out, &format!("ORG:{}", escape(&company.name)));
        }
        if let Some(role) = &p.role {
            line(&mut out, &format!("TITLE:{}", escape(role)));
        }
        for email in &p.emails {
            line(&mut out, &format!("EMAIL:{}", escape(email)));
        }
        for phone in &p.phones {
            line(&mut out, &format!("TEL;VALUE=text:{}", escape(phone)));
        }
        for url in &p.urls {
            line(&mut out, &format!("URL:{}", escape_uri(url)));
        }
        if let Some(location) = &p.location {
            line(&mut out, &format!("ADR:;;;{};;;", escape(location)));
        }
        if let Some(birthday) = &p.birthday {
            // RFC 6350's basic format: 18151210, or --1210 without the year.
            let digits: String = birthday.chars().filter(char::is_ascii_digit).collect();
            let value = if birthday.starts_with("--") {
                format!("--{digits}")
            } else {
                digits
            };
            line(&mut out, &format!("BDAY:{value}"));
        }
        if !p.tags.is_empty() {
            let tags: Vec<String> = p.tags.iter().map(|t| escape(t)).collect();
            line(&mut out, &format!("CATEGORIES:{}", tags.join(",")));
        }
        let note: Vec<&str> = p
            .note
            .iter()
            .chain(p.how_met.iter())
            .map(String::as_str)
            .collect();
        if !note.is_empty() {
            let mut text = p.note.clone().unwrap_or_default();
            if let Some(how) = &p.how_met {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&format!("How we met: {how}"));
            }
            line(&mut out, &format!("NOTE:{}", escape(&text)));
        }
        line(&mut out, &format!("X-KITH-HANDLE:{}", p.handle));
        line(&mut out, "END:VCARD");
    }
    out
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 14] = [
    "handle",
    "name",
    "company",
    "role",
    "emails",
    "phones",
    "urls",
    "tags",
    "location",
    "birthday",
    "how_met",
    "note",
    "created_at",
    "updated_at",
];

/// Written first: Excel reads a CSV file without a byte-order mark in the system's legacy
/// code page (a `Müller` becomes `MÃ¼ller`); other spreadsheets and CSV readers skip it.
pub const UTF8_BOM: &str = "\u{feff}";

/// One row per person; lists are joined with `; ` so a spreadsheet shows them in one cell.
/// For spreadsheets first: UTF-8 with a byte-order mark, CRLF line ends (RFC 4180), and
/// every cell a spreadsheet would run as a formula made inert (`inert`). The JSON export
/// is the lossless one.
pub fn to_csv(people: &[Person]) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(UTF8_BOM.as_bytes().to_vec());
    writer.write_record(CSV_HEADER)?;
    for p in people {
        let cells = [
            p.handle.as_str(),
            &p.name,
            p.company.as_ref().map_or("", |c| c.name.as_str()),
            p.role.as_deref().unwrap_or(""),
            &p.emails.join("; "),
            &p.phones.join("; "),
            &p.urls.join("; "),
            &p.tags.join("; "),
            p.location.as_deref().unwrap_or(""),
            p.birthday.as_deref().unwrap_or(""),
            p.how_met.as_deref().unwrap_or(""),
            p.note.as_deref().unwrap_or(""),
            &p.created_at.to_string(),
            &p.updated_at.to_string(),
        ];
        writer.write_record(cells.iter().map(|cell| inert(cell).into_owned()))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// A cell that spreadsheets would evaluate — one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return — with a `'` in front, which they take as "this is text" and do
/// not show. Much of what kith holds was typed by others (a LinkedIn headline, a vCard
/// someone sent), and a cell such as `=HYPERLINK(…)` would otherwise run when the export
/// is opened. Phone numbers (`+44 …`) are kept as text this way too.
pub fn inert(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kith_core::{CompanyId, CompanyLink, Handle, PersonId};

    fn ada() -> Person {
        Person {
            id: PersonId::new(),
            handle: Handle::parse("ada-lovelace").unwrap(),
            name: "Ada Augusta Lovelace".into(),
            company: Some(CompanyLink {
                id: CompanyId::new(),
                handle: Handle::parse("engines").unwrap(),
                name: "Engines, Ltd; London".into(),
            }),
            role: Some("Analyst".into()),
            location: Some("London".into()),
            birthday: Some("1815-12-10".into()),
            how_met: Some("Rust meetup".into()),
            note: Some("Writes about compilers\nand looms".into()),
            emails: vec!["ada@example.com".into(), "ada@work.example".into()],
            phones: vec!["+44 20 7946 0958".into()],
            urls: vec!["https://www.linkedin.com/in/ada".into()],
            tags: vec!["mentor".into(), "rust".into()],
            former_names: Vec::new(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            updated_at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn vcards_read_back_through_the_importer() {
        let no_year = Person {
            birthday: Some("--02-29".into()),
            ..ada()
        };
        let text = to_vcard(&[ada(), no_year]);
        assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets");
        assert!(text.contains("BDAY:18151210\r\n") && text.contains("BDAY:--0229\r\n"));
        assert!(text.contains("ORG:Engines\\, Ltd\\; London\r\n"), "{text}");
        let parsed = crate::vcard::parse(text.as_bytes()).unwrap();
        assert_eq!(parsed.contacts.len(), 2);
        assert!(parsed.rejected.is_empty());
        let c = &parsed.contacts[0];
        assert_eq!(c.name, "Ada Augusta Lovelace");
        assert_eq!(c.company.as_deref(), Some("Engines, Ltd; London"));
        assert_eq!(c.role.as_deref(), Some("Analyst"));
        assert_eq!(c.birthday.as_deref(), Some("1815-12-10"));
        assert_eq!(parsed.contacts[1].birthday.as_deref(), Some("--02-29"));
        assert_eq!(c.emails, ["ada@example.com", "ada@work.example"]);
        assert_eq!(c.phones, ["+44 20 7946 0958"]);
        assert_eq!(
            c.linkedin.as_deref(),
            Some("https://www.linkedin.com/in/ada")
        );
        assert_eq!(c.tags, ["mentor", "rust"]);
        assert_eq!(
            c.note.as_deref(),
            Some("Writes about compilers\nand looms\nHow we met: Rust meetup")
        );
    }

    #[test]
    fn long_values_fold_without_splitting_characters() {
        let mut p = ada();
        p.note = Some("é".repeat(200));
        let text = to_vcard(&[p]);
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        let parsed = crate::vcard::parse(text.as_bytes()).unwrap();
        assert!(
            parsed.contacts[0]
                .note
                .as_deref()
                .unwrap()
                .starts_with(&"é".repeat(200))
        );
    }

    #[test]
    fn every_kind_of_line_break_is_written_as_an_escaped_newline() {
        // A lone CR (old Mac text) used to be dropped, running two lines together.
        assert_eq!(escape("a\nb\r\nc\rd\r\re"), "a\\nb\\nc\\nd\\n\\ne");
        let mut p = ada();
        p.role = Some("Analyst\rEngineer".into());
        let text = to_vcard(&[p]);
        assert!(text.contains("TITLE:Analyst\\nEngineer\r\n"), "{text}");
    }

    #[test]
    fn control_characters_are_dropped_but_tabs_kept() {
        // RFC 6350 §3.3: a value holds no control character but tab.
        assert_eq!(
            escape("bell\u{7} esc\u{1b} del\u{7f} nel\u{85} tab\t."),
            "bell esc del nel tab\t."
        );
    }

    #[test]
    fn urls_have_commas_and_backslashes_escaped() {
        // Unescaped, vobject reads `https://example.com/?q=a` and stops at the comma.
        assert_eq!(
            escape_uri("https://example.com/a,b;c?q=x\\y"),
            "https://example.com/a\\,b;c?q=x\\\\y"
        );
        assert_eq!(
            escape_uri("https://example.com/\u{7}\u{85}"),
            "https://example.com/%07%C2%85"
        );
        let mut p = ada();
        p.urls = vec!["https://example.com/people?tags=a,b".into()];
        let text = to_vcard(&[p]);
        assert!(
            text.contains("URL:https://example.com/people?tags=a\\,b\r\n"),
            "{text}"
        );
        let parsed = crate::vcard::parse(text.as_bytes()).unwrap();
        assert_eq!(
            parsed.contacts[0].urls,
            ["https://example.com/people?tags=a,b"]
        );
    }

    #[test]
    fn csv_has_one_row_per_person_and_quotes_what_needs_it() {
        let text = to_csv(&[ada()]).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(headers, CSV_HEADER);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][2], "Engines, Ltd; London");
        assert_eq!(&rows[0][4], "ada@example.com; ada@work.example");
        assert_eq!(&rows[0][9], "1815-12-10");
        assert_eq!(&rows[0][11], "Writes about compilers\nand looms");
        assert_eq!(&rows[0][5], "'+44 20 7946 0958", "a phone stays text");
    }

    #[test]
    fn csv_is_for_spreadsheets_byte_order_mark_crlf_and_no_formulas() {
        let mut hostile = ada();
        hostile.name = "-Ada".into();
        hostile.role = Some("=HYPERLINK(\"https://evil.example\",\"cv\")".into());
        hostile.note = Some("@SUM(A1)".into());
        hostile.how_met = Some("\tindented".into());
        hostile.location = Some("a=b, not a formula".into());
        let text = to_csv(&[hostile]).unwrap();
        assert!(text.starts_with("\u{feff}handle,name,"), "{text:?}");
        let header_end = text.find('\n').unwrap();
        assert_eq!(&text[header_end - 1..=header_end], "\r\n");
        assert!(text.ends_with("\r\n"));
        let mut reader = csv::Reader::from_reader(text.trim_start_matches(UTF8_BOM).as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[1], "'-Ada");
        assert_eq!(&row[3], "'=HYPERLINK(\"https://evil.example\",\"cv\")");
        assert_eq!(&row[11], "'@SUM(A1)");
        assert_eq!(&row[10], "'\tindented");
        assert_eq!(
            &row[8], "a=b, not a formula",
            "only a first character counts"
        );
        assert_eq!(&row[0], "ada-lovelace");
        for cell in &row {
            assert!(
                !matches!(
                    cell.as_bytes().first(),
                    Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
                ),
                "{cell:?} would run as a formula"
            );
        }
    }

    #[test]
    fn only_a_formula_start_is_quoted() {
        assert_eq!(inert(""), "");
        assert_eq!(inert("Ada"), "Ada");
        assert_eq!(inert("'quoted"), "'quoted");
        assert_eq!(inert("+1 555"), "'+1 555");
        assert_eq!(inert("\rx"), "'\rx");
    }
}
