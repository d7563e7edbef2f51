//! LinkedIn's `Connections.csv`, every generation: the current export (a `Notes:` preamble,
//! a `URL` column, `03 Mar 2024` dates), the 2021 one without `URL`, the 2015–2018 ones
//! without a preamble and with `1/8/18, 6:14 PM` dates, and the same files re-saved by a
//! spreadsheet (BOM, CRLF, Windows-1252, `18-Jun-24`). Rows without a name are rejected
//! with a reason, never made into people.

use csv::StringRecord;
use jiff::civil::Date;
use kith_core::person::normalize_name;

use crate::csv_util::{self, Header, cell, one_line_cell};
use crate::{Contact, Format, FormatError, Parsed, Unusable, clean};

const FIRST_NAME: &str = "first name";
const LAST_NAME: &str = "last name";
const CONNECTED_ON: &str = "connected on";

/// Whether `text` looks like a LinkedIn connections export: a line near the top naming the
/// First Name, Last Name and Connected On columns.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(csv_util::HEADER_SEARCH_LINES)
        .any(|line| is_header(&Header::from_line(line)))
}

fn is_header(header: &Header) -> bool {
    header.has(FIRST_NAME) && header.has(LAST_NAME) && header.has(CONNECTED_ON)
}

/// Where each field lives in this file's header; every column but the names may be absent.
#[derive(Debug)]
struct Columns {
    first: Option<usize>,
    last: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    role: Option<usize>,
    connected_on: Option<usize>,
}

impl Columns {
    fn new(header: &Header) -> Self {
        Self {
            first: header.find(&[FIRST_NAME]),
            last: header.find(&[LAST_NAME]),
            url: header.find(&["url", "profile url", "linkedin url"]),
            email: header.find(&["email address", "e-mail address", "email"]),
            company: header.find(&["company", "company name"]),
            role: header.find(&["position", "job title", "title"]),
            connected_on: header.find(&[CONNECTED_ON]),
        }
    }
}

/// The name on a LinkedIn export's `Profile.csv` (the export owner's own profile: `First
/// Name`, `Last Name`, … on the first row after the header); `None` when the file is not
/// one or has no name.
pub fn profile_name(bytes: &[u8]) -> Option<String> {
    let text = clean::text(bytes);
    let mut rows = csv_util::rows(&text);
    let is_profile = |h: &Header| h.has(FIRST_NAME) && h.has(LAST_NAME) && !h.has(CONNECTED_ON);
    let header = csv_util::find_header(&mut rows, is_profile).ok()??;
    let (first, last) = (header.find(&[FIRST_NAME]), header.find(&[LAST_NAME]));
    let (_, record) = rows.next()?.ok()?;
    let name = format!(
        "{} {}",
        cell(&record, first).unwrap_or(""),
        cell(&record, last).unwrap_or("")
    );
    normalize_name("name", &name).ok()
}

/// Reads a `Connections.csv` of any generation.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FormatError> {
    csv_util::parse(
        &clean::text(bytes),
        Format::Linkedin,
        is_header,
        "LinkedIn header (First Name, Last Name, …, Connected On)",
        Columns::new,
        read_row,
    )
}

/// One row as a person, or why it is not one.
fn read_row(columns: &Columns, line: usize, record: &StringRecord) -> Result<Contact, String> {
    let first = cell(record, columns.first).unwrap_or("");
    let last = cell(record, columns.last).unwrap_or("");
    let Ok(name) = normalize_name("name", &format!("{first} {last}")) else {
        return Err(why_nameless(columns, record));
    };
    let mut contact = Contact {
        line,
        name,
        company: one_line_cell(record, columns.company),
        role: one_line_cell(record, columns.role),
        ..Contact::default()
    };
    if let Some(url) = cell(record, columns.url) {
        csv_util::add_url(&mut contact, url);
    }
    if let Some(email) = cell(record, columns.email) {
        csv_util::add_email(&mut contact, email);
    }
    if let Some(date) = cell(record, columns.connected_on) {
        match parse_date(date) {
            Some(date) => contact.connected_on = Some(date),
            None => contact.warnings.push(Unusable::new(
                "connection date",
                format!(
                    "invalid connection date {date:?}: expected a date such as 03 Mar 2024 or \
                     1/8/18"
                ),
            )),
        }
    }
    Ok(contact)
}

/// Says what a row without a name holds instead, so the rejection can be recognised.
fn why_nameless(columns: &Columns, record: &StringRecord) -> String {
    if csv_util::is_blank(record) {
        return "no name: an empty row".to_owned();
    }
    let others = [columns.url, columns.email, columns.company, columns.role];
    let has_other = others.iter().any(|&c| cell(record, c).is_some());
    if !has_other && cell(record, columns.connected_on).is_some() {
        "no name: only a connection date".to_owned()
    } else {
        "no name: first and last name are empty".to_owned()
    }
}

/// A connection date as any generation wrote it: `03 Mar 2024`, `1/8/18, 6:14 PM`,
/// `1/8/2018`, `18-Jun-24`, `2024-03-03`, `Mar 3, 2024`. A time of day is ignored;
/// two-digit years are 20xx (LinkedIn is younger than 2000).
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text
        .split([' ', '/', '-', ',', '.'])
        .filter(|part| !part.is_empty())
        .filter(|part| !part.contains(':'))
        .filter(|part| !part.eq_ignore_ascii_case("am") && !part.eq_ignore_ascii_case("pm"))
        .collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let (year, month, day) = match (month_named(a), month_named(b)) {
        // 03 Mar 2024, 18-Jun-24
        (None, Some(month)) => (c, month, number(a)?),
        // Mar 3, 2024
        (Some(month), None) => (c, month, number(b)?),
        (None, None) if a.len() == 4 => (a, number(b)?, number(c)?),
        (None, None) => {
            let (first, second) = (number(a)?, number(b)?);
            // US order unless only the day-first reading is possible (a European re-save).
            if first > 12 && second <= 12 {
                (c, second, first)
            } else {
                (c, first, second)
            }
        }
        (Some(_), Some(_)) => return None,
    };
    let year = match (year.len(), number(year)?) {
        (2, short) => 2000 + short,
        (4, full) => full,
        _ => return None,
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn number(text: &str) -> Option<i16> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `Mar`, `march`, `Sept` → 3, 3, 9.
fn month_named(text: &str) -> Option<i16> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if text.len() < 3 || !text.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let index = MONTHS.iter().position(|m| lower.starts_with(m))?;
    i16::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_every_generation() {
        let cases = [
            ("03 Mar 2024", Some((2024, 3, 3))),
            ("3 Mar 2024", Some((2024, 3, 3))),
            ("1/8/18, 6:14 PM", Some((2018, 1, 8))),
            ("12/31/17, 11:59 AM", Some((2017, 12, 31))),
            ("1/8/2018", Some((2018, 1, 8))),
            ("18-Jun-24", Some((2024, 6, 18))),
            ("2024-03-03", Some((2024, 3, 3))),
            ("Mar 3, 2024", Some((2024, 3, 3))),
            ("31/12/2019", Some((2019, 12, 31))),
            ("03 March 2024", Some((2024, 3, 3))),
            ("30 Feb 2024", None),
            ("yesterday", None),
            ("03 Mar", None),
            ("03 Xyz 2024", None),
            ("1/8/118", None),
        ];
        for (input, expected) in cases {
            let expected = expected.map(|(y, m, d)| Date::new(y, m, d).unwrap());
            assert_eq!(parse_date(input), expected, "input {input:?}");
        }
    }
}
