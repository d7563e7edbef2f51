//! The shape every importer produces, and how a file as a whole fails.

use jiff::civil::Date;
use serde::Serialize;

/// Which kind of file this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Linkedin,
    Vcard,
    Google,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Linkedin => "linkedin",
            Format::Vcard => "vcard",
            Format::Google => "google",
        }
    }
}

/// One person read from a file. Values are already cleaned: trimmed, emails passed through
/// `kith_core::person::normalize_email`, URLs through `crate::urls::normalize`, tags
/// through `kith_core::person::normalize_tag`; what could not be cleaned is in `warnings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Contact {
    /// 1-based line of the file where the record starts.
    pub line: usize,
    /// The display name; never empty.
    pub name: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    /// The canonical LinkedIn profile URL, when one was found (it is in `urls` too).
    pub linkedin: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub location: Option<String>,
    /// `--MM-DD` when the year is unknown, else `YYYY-MM-DD`.
    pub birthday: Option<String>,
    /// When the seeker connected with them (LinkedIn).
    pub connected_on: Option<Date>,
    /// Values that were present but unusable (a malformed email), said in words.
    pub warnings: Vec<String>,
}

/// A record the file holds but that is not a person (a ghost row, a broken card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub line: usize,
    pub reason: String,
}

/// Everything read from one file, in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    pub format: Format,
    pub contacts: Vec<Contact>,
    pub rejected: Vec<Rejected>,
}

/// The file as a whole cannot be read (no header found, not a vCard at all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct FormatError {
    pub line: usize,
    pub reason: String,
}
