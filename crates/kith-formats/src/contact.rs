//! The shape every importer produces, and how a file as a whole fails.

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

pub use kith_core::contact::{Contact, Unusable};

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
