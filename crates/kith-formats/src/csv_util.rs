//! What the CSV importers share: reading rows with the physical line each starts on,
//! finding the header row by what it says, and looking cells up by column name.

use csv::StringRecord;
use kith_core::person::{normalize_email, normalize_phone};

use crate::{Contact, Format, FormatError, Parsed, Rejected, Unusable, urls};

/// How far into a file a header row may start (a preamble of notes comes before it).
pub(crate) const HEADER_SEARCH_LINES: usize = 20;

/// Every row of `text` (already cleaned to LF line endings) with the 1-based line it starts
/// on. Rows may have any number of fields; blank lines are not rows.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Result<(usize, StringRecord), FormatError>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records()
        .map(|record| {
            let record = record.map_err(|err| FormatError {
                line: err.position().map_or(1, |pos| line_of(pos.line())),
                reason: format!("unreadable CSV: {err}"),
            })?;
            let line = record.position().map_or(1, |pos| line_of(pos.line()));
            Ok((line, record))
        })
}

fn line_of(line: u64) -> usize {
    usize::try_from(line).unwrap_or(usize::MAX)
}

/// Reads rows until one that `is_header` accepts, within the first `HEADER_SEARCH_LINES`
/// lines. Returns `None` when there is none; the rows after the header stay in `rows`.
pub(crate) fn find_header<I>(
    rows: &mut I,
    is_header: impl Fn(&Header) -> bool,
) -> Result<Option<Header>, FormatError>
where
    I: Iterator<Item = Result<(usize, StringRecord), FormatError>>,
{
    for row in rows {
        let (line, record) = row?;
        if line > HEADER_SEARCH_LINES {
            return Ok(None);
        }
        let header = Header::new(&record);
        if is_header(&header) {
            return Ok(Some(header));
        }
    }
    Ok(None)
}

/// Reads a whole CSV export: finds the header (`is_header`) within the first
/// `HEADER_SEARCH_LINES` lines, failing with "no `header_name` in the first … lines" on
/// line 1 without one, then makes every later row a person with `read_row`, given the
/// `columns` worked out from the header. Repeated header rows and unreadable rows are
/// rejected with their line.
pub(crate) fn parse<C>(
    text: &str,
    format: Format,
    is_header: impl Fn(&Header) -> bool,
    header_name: &str,
    columns: impl FnOnce(&Header) -> C,
    read_row: impl Fn(&C, usize, &StringRecord) -> Result<Contact, String>,
) -> Result<Parsed, FormatError> {
    let (contacts, rejected) =
        read_records(text, is_header, header_name, "a person", columns, read_row)?;
    Ok(Parsed {
        format,
        contacts,
        rejected,
    })
}

/// What `parse` does for any kind of record (`what`, for the rejection of a repeated
/// header: "a person", "a message"): the records `read_row` made, and the rows it turned
/// away, in file order.
pub(crate) fn read_records<C, T>(
    text: &str,
    is_header: impl Fn(&Header) -> bool,
    header_name: &str,
    what: &str,
    columns: impl FnOnce(&Header) -> C,
    read_row: impl Fn(&C, usize, &StringRecord) -> Result<T, String>,
) -> Result<(Vec<T>, Vec<Rejected>), FormatError> {
    let mut rows = rows(text);
    let header = find_header(&mut rows, is_header)?.ok_or_else(|| FormatError {
        line: 1,
        reason: format!("no {header_name} in the first {HEADER_SEARCH_LINES} lines"),
    })?;
    let columns = columns(&header);
    let (mut records, mut rejected) = (Vec::new(), Vec::new());
    for row in rows {
        let (line, record) = row?;
        if header.is_repeated_in(&record) {
            rejected.push(Rejected {
                line,
                reason: format!("a repeated header row, not {what}"),
            });
            continue;
        }
        match read_row(&columns, line, &record) {
            Ok(found) => records.push(found),
            Err(reason) => rejected.push(Rejected { line, reason }),
        }
    }
    Ok((records, rejected))
}

/// A header row's column names, compared case-insensitively with spaces tidied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    names: Vec<String>,
}

impl Header {
    pub(crate) fn new(record: &StringRecord) -> Self {
        Self {
            names: record.iter().map(column_key).collect(),
        }
    }

    /// Builds a header from a line split on commas, for quick format sniffing.
    pub(crate) fn from_line(line: &str) -> Self {
        Self {
            names: line
                .split(',')
                .map(|name| column_key(name.trim().trim_matches('"')))
                .collect(),
        }
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// The first column called any of `names` (given in lowercase).
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|wanted| self.names.iter().position(|n| n == wanted))
    }

    /// Every column whose name satisfies `pred`, in file order.
    pub(crate) fn all(&self, pred: impl Fn(&str) -> bool) -> Vec<usize> {
        (0..self.names.len())
            .filter(|&i| pred(&self.names[i]))
            .collect()
    }

    /// Whether `record` repeats this header (files pasted together carry it twice).
    pub(crate) fn is_repeated_in(&self, record: &StringRecord) -> bool {
        record.len() == self.names.len()
            && record
                .iter()
                .zip(&self.names)
                .all(|(field, name)| is_column(field, name))
    }
}

/// A column name as compared: no byte-order mark, trimmed, lowercase, single spaces.
fn column_key(name: &str) -> String {
    one_line(&name.replace('\u{feff}', "")).to_lowercase()
}

/// Whether `field`'s `column_key` is `key`, without building it for plain ASCII (every
/// data row is compared with the header).
fn is_column(field: &str, key: &str) -> bool {
    if !field.is_ascii() {
        return column_key(field) == key;
    }
    if key.is_empty() {
        return field.trim().is_empty();
    }
    let mut words = field.split_whitespace();
    let mut expected = key.split(' ');
    loop {
        match (words.next(), expected.next()) {
            (None, None) => return true,
            (Some(word), Some(wanted)) if word.eq_ignore_ascii_case(wanted) => {}
            _ => return false,
        }
    }
}

/// The trimmed cell at `column`, if the row has that column and it is not blank.
pub(crate) fn cell(record: &StringRecord, column: Option<usize>) -> Option<&str> {
    let value = record.get(column?)?.trim();
    (!value.is_empty()).then_some(value)
}

/// Text made one line: every run of whitespace, newlines included, becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// A single-line value from a cell, or `None` when it is blank.
pub(crate) fn one_line_cell(record: &StringRecord, column: Option<usize>) -> Option<String> {
    cell(record, column).map(one_line).filter(|v| !v.is_empty())
}

/// Whether every field of the row is blank.
pub(crate) fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|field| field.trim().is_empty())
}

/// Adds `value` unless it is already there, ignoring case (addresses differ only in case
/// when typed twice).
pub(crate) fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
        list.push(value);
    }
}

/// Adds an email address to `contact`, or a warning when it is not one.
pub(crate) fn add_email(contact: &mut Contact, raw: &str) {
    match normalize_email(raw) {
        Ok(email) => push_unique(&mut contact.emails, email),
        Err(err) => contact
            .warnings
            .push(Unusable::new("email", err.to_string())),
    }
}

/// Adds a phone number to `contact`, or a warning when it is not one.
pub(crate) fn add_phone(contact: &mut Contact, raw: &str) {
    match normalize_phone(raw) {
        Ok(phone) => push_unique(&mut contact.phones, phone),
        Err(err) => contact
            .warnings
            .push(Unusable::new("phone", err.to_string())),
    }
}

/// Adds a web address to `contact` in canonical form; a LinkedIn profile also fills
/// `linkedin` (the first one found wins). Unusable addresses become warnings.
pub(crate) fn add_url(contact: &mut Contact, raw: &str) {
    let Some(url) = urls::normalize(raw) else {
        contact.warnings.push(Unusable::new(
            "url",
            format!("invalid url {raw:?}: expected a web address such as https://github.com/ada"),
        ));
        return;
    };
    if urls::is_linkedin_profile(&url) && contact.linkedin.is_none() {
        contact.linkedin = Some(url.clone());
    }
    push_unique(&mut contact.urls, url);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_column_agrees_with_column_key() {
        let fields = [
            "First Name",
            "  first   NAME ",
            "first\tname",
            "First Names",
            "First",
            "",
            "   ",
            "\u{feff}First Name",
            "Ünïcode Name",
            "ÜNÏCODE NAME",
        ];
        for field in fields {
            for key in fields.map(column_key) {
                assert_eq!(
                    is_column(field, &key),
                    column_key(field) == key,
                    "field {field:?}, key {key:?}"
                );
            }
        }
    }
}
