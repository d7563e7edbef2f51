//! A person as an import file describes them, before kith decides whether they are someone
//! already known. Importers produce it; the identity rules and the store consume it.

use jiff::civil::Date;
use serde::Serialize;

/// One person read from a file. Values are already cleaned: trimmed, emails passed through
/// `kith_core::person::normalize_email`, URLs through the importers' URL canonicalisation, tags
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
    /// Values that were present but unusable (a malformed email).
    pub warnings: Vec<Unusable>,
}

/// A value a file held that kith could not use: what it was meant to be, and what was
/// wrong with it in words that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unusable {
    /// `email`, `phone`, `url`, `birthday` or `connection date`.
    pub field: &'static str,
    /// For example `invalid email "n/a": expected an address such as ada@example.com`.
    pub message: String,
}

impl Unusable {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A change of company or role noticed in an import: the seed of a "congratulate them"
/// touchpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct JobChangeRecord {
    pub id: uuid::Uuid,
    pub person: crate::PersonId,
    pub old_company: Option<String>,
    pub old_role: Option<String>,
    pub new_company: Option<String>,
    pub new_role: Option<String>,
    /// The import format that reported it (`linkedin`).
    pub source: String,
    pub detected_at: jiff::Timestamp,
}

/// Someone on the other side of a message, as an export names them: a name, and the
/// canonical LinkedIn profile URL when the export gives one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Correspondent {
    pub name: String,
    pub linkedin: Option<String>,
}

impl Correspondent {
    /// What tells two correspondents apart in one file: the profile, else the name.
    pub fn key(&self) -> &str {
        self.linkedin.as_deref().unwrap_or(&self.name)
    }
}

/// The messages of one conversation on one day (UTC) that went one way — from the seeker
/// to `with`, or from the one person in `with` to the seeker: one interaction when stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MessageDay {
    /// The 1-based lines of the messages it holds, in file order.
    pub lines: Vec<usize>,
    /// When its first message was sent.
    pub at: jiff::Timestamp,
    pub direction: crate::Direction,
    /// Never empty; in the order the file names them, each once.
    pub with: Vec<Correspondent>,
    /// The messages' text, oldest first, one paragraph each; `None` when they had none.
    pub text: Option<String>,
}
