//! Google Contacts CSV, both header generations: the current one (`First Name`, `Labels`,
//! `E-mail 1 - Label`, `Organization Name`) and the legacy one (`Name`, `Given Name`,
//! `Group Membership`, `E-mail 1 - Type`, `Organization 1 - Name`). A cell may hold several
//! values joined by ` ::: `, and there may be any number of numbered e-mail, phone and
//! website columns.

use csv::StringRecord;
use jiff::civil::Date;
use kith_core::person::{normalize_name, normalize_tag};

use crate::csv_util::{self, Header, cell, one_line};
use crate::{Contact, Format, FormatError, Parsed, clean};

/// Whether the first line of `text` is a Google Contacts header of either generation.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|line| is_header(&Header::from_line(line)))
}

fn is_header(header: &Header) -> bool {
    let current = header.has("first name")
        && header.has("last name")
        && ["labels", "file as", "organization name", "e-mail 1 - value"]
            .iter()
            .any(|name| header.has(name));
    let legacy = header.has("name") && header.has("given name") && header.has("family name");
    (current || legacy) && !header.has("connected on")
}

/// Where each field lives in this file's header; any of them may be absent.
#[derive(Debug)]
struct Columns {
    given: Option<usize>,
    middle: Option<usize>,
    family: Option<usize>,
    full_name: Option<usize>,
    file_as: Option<usize>,
    nickname: Option<usize>,
    organization: Option<usize>,
    title: Option<usize>,
    birthday: Option<usize>,
    notes: Option<usize>,
    labels: Option<usize>,
    emails: Vec<usize>,
    phones: Vec<usize>,
    websites: Vec<usize>,
    city: Option<usize>,
    region: Option<usize>,
    country: Option<usize>,
    formatted_address: Option<usize>,
    location: Option<usize>,
}

impl Columns {
    fn new(header: &Header) -> Self {
        let numbered = |kind: &'static str| {
            header.all(move |name| name.starts_with(kind) && name.ends_with(" - value"))
        };
        Self {
            given: header.find(&["first name", "given name"]),
            middle: header.find(&["middle name", "additional name"]),
            family: header.find(&["last name", "family name"]),
            full_name: header.find(&["name"]),
            file_as: header.find(&["file as"]),
            nickname: header.find(&["nickname"]),
            organization: header.find(&["organization name", "organization 1 - name"]),
            title: header.find(&["organization title", "organization 1 - title"]),
            birthday: header.find(&["birthday"]),
            notes: header.find(&["notes"]),
            labels: header.find(&["labels", "group membership"]),
            emails: numbered("e-mail "),
            phones: numbered("phone "),
            websites: numbered("website "),
            city: header.find(&["address 1 - city"]),
            region: header.find(&["address 1 - region"]),
            country: header.find(&["address 1 - country"]),
            formatted_address: header.find(&["address 1 - formatted"]),
            location: header.find(&["location"]),
        }
    }
}

/// Reads a Google Contacts CSV export of either generation.
pub fn parse(bytes: &[u8]) -> Result<Parsed, FormatError> {
    csv_util::parse(
        &decode(bytes),
        Format::Google,
        is_header,
        "Google Contacts header (First Name, Last Name, Labels, … or Name, Given Name, \
         Family Name, …)",
        Columns::new,
        read_row,
    )
}

/// Text from the file's bytes. The legacy export was UTF-16 with a byte-order mark; it is
/// made UTF-8 first, then everything goes through the usual clean-up.
fn decode(bytes: &[u8]) -> String {
    let units: Vec<u16> = match bytes {
        [0xFF, 0xFE, rest @ ..] => rest
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect(),
        [0xFE, 0xFF, rest @ ..] => rest
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect(),
        _ => return clean::text(bytes),
    };
    clean::text(String::from_utf16_lossy(&units).as_bytes())
}

/// The values of a cell that may hold several joined by ` ::: `.
fn values(record: &StringRecord, column: Option<usize>) -> impl Iterator<Item = &str> {
    cell(record, column)
        .unwrap_or("")
        .split(":::")
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

/// The first value of a cell, made one line.
fn first_value(record: &StringRecord, column: Option<usize>) -> Option<String> {
    values(record, column).next().map(one_line)
}

/// One row as a person, or why it is not one.
fn read_row(columns: &Columns, line: usize, record: &StringRecord) -> Result<Contact, String> {
    let mut contact = Contact {
        line,
        company: first_value(record, columns.organization),
        role: first_value(record, columns.title),
        note: cell(record, columns.notes).map(str::to_owned),
        location: location(columns, record),
        ..Contact::default()
    };
    for &column in &columns.emails {
        for email in values(record, Some(column)) {
            csv_util::add_email(&mut contact, email);
        }
    }
    for &column in &columns.phones {
        for phone in values(record, Some(column)) {
            csv_util::add_phone(&mut contact, phone);
        }
    }
    for &column in &columns.websites {
        for url in values(record, Some(column)) {
            csv_util::add_url(&mut contact, url);
        }
    }
    for label in values(record, columns.labels) {
        if let Some(tag) = user_label(label).and_then(normalize_tag) {
            csv_util::push_unique(&mut contact.tags, tag);
        }
    }
    if let Some(text) = cell(record, columns.birthday) {
        match birthday(text) {
            Some(day) => contact.birthday = Some(day),
            None => contact.warnings.push(crate::Unusable::new(
                "birthday",
                format!("invalid birthday {text:?}: expected 1985-04-12 or --04-12"),
            )),
        }
    }
    contact.name = match display_name(columns, record, &contact) {
        Some(name) => name,
        None if csv_util::is_blank(record) => return Err("no name: an empty row".to_owned()),
        None => return Err("no name, email or phone: nothing says who this is".to_owned()),
    };
    Ok(contact)
}

/// The best name the row offers: given (middle) family, else the legacy `Name`, `File As`,
/// nickname, organisation, and at last the first email or phone, as Google itself shows.
fn display_name(columns: &Columns, record: &StringRecord, contact: &Contact) -> Option<String> {
    let composed = [columns.given, columns.middle, columns.family]
        .into_iter()
        .filter_map(|column| cell(record, column))
        .collect::<Vec<_>>()
        .join(" ");
    let named = [columns.full_name, columns.file_as, columns.nickname]
        .into_iter()
        .filter_map(|column| cell(record, column))
        .map(str::to_owned);
    std::iter::once(composed)
        .chain(named)
        .chain(contact.company.clone())
        .chain(contact.emails.first().cloned())
        .chain(contact.phones.first().cloned())
        .find_map(|name| normalize_name("name", &name).ok())
}

/// A label the seeker made, or `None` for Google's system groups (`* myContacts`,
/// `* starred`, and the old `System Group: My Contacts`).
fn user_label(label: &str) -> Option<&str> {
    let system = label.starts_with('*') || label.to_ascii_lowercase().starts_with("system group:");
    (!system).then_some(label)
}

/// Where they are: city and country, else the formatted address on one line, else region or
/// country alone, else the legacy `Location`.
fn location(columns: &Columns, record: &StringRecord) -> Option<String> {
    let city = first_value(record, columns.city);
    let country = first_value(record, columns.country);
    if let Some(city) = city {
        return Some(match country {
            Some(country) => format!("{city}, {country}"),
            None => city,
        });
    }
    if let Some(formatted) = values(record, columns.formatted_address).next() {
        let lines: Vec<String> = formatted
            .lines()
            .map(one_line)
            .filter(|line| !line.is_empty())
            .collect();
        if !lines.is_empty() {
            return Some(lines.join(", "));
        }
    }
    first_value(record, columns.region)
        .into_iter()
        .chain(country)
        .reduce(|region, country| format!("{region}, {country}"))
        .or_else(|| first_value(record, columns.location))
}

/// `1985-04-12` stays as it is; `--04-12` (and Google's `0000-04-12`) is a birthday without
/// a year. Anything that is not a real calendar day is refused.
fn birthday(text: &str) -> Option<String> {
    let (year, rest) = match text.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (year, rest) = text.split_once('-')?;
            let year = (year.len() == 4).then(|| year.parse::<i16>().ok())??;
            ((year != 0).then_some(year), rest)
        }
    };
    let (month, day) = rest.split_once('-')?;
    let short = |part: &str| (part.len() == 2).then(|| part.parse::<i8>().ok())?;
    let (month, day) = (short(month)?, short(day)?);
    // A leap year, so 29 February without a year is accepted.
    let date = Date::new(year.unwrap_or(2000), month, day).ok()?;
    Some(match year {
        Some(_) => date.to_string(),
        None => format!("--{month:02}-{day:02}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays() {
        let cases = [
            ("1985-04-12", Some("1985-04-12")),
            ("--04-12", Some("--04-12")),
            ("--02-29", Some("--02-29")),
            ("0000-04-12", Some("--04-12")),
            ("1985-02-30", None),
            ("--13-01", None),
            ("April 12", None),
            ("85-04-12", None),
        ];
        for (input, expected) in cases {
            assert_eq!(birthday(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn system_labels_are_dropped() {
        assert_eq!(user_label("* myContacts"), None);
        assert_eq!(user_label("* starred"), None);
        assert_eq!(user_label("System Group: My Contacts"), None);
        assert_eq!(user_label("Recruiters"), Some("Recruiters"));
    }
}
