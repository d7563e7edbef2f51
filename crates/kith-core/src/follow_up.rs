//! Follow-ups: dated promises — most of them actions the seeker owes someone, some what
//! someone promised the seeker (kept track of so it can be nudged, gently, when due).

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::FollowUpId;
use crate::parse::vocabulary;
use crate::person::PersonLink;

vocabulary!(
    /// Who owes a follow-up: the seeker (the default), or the person it is with.
    #[derive(Default)]
    Owed, "owed by", {
        #[default]
        Me => "me",
        Them => "them",
    }
);

impl Owed {
    pub fn is_me(&self) -> bool {
        *self == Owed::Me
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: FollowUpId,
    /// A short number, unique per owner, for typing on the command line.
    pub number: i64,
    pub person: Option<PersonLink>,
    pub action: String,
    pub due: Date,
    pub done_at: Option<Timestamp>,
    pub created_at: Timestamp,
    /// Who made the promise; absent in JSON when it is the seeker's.
    #[serde(default, skip_serializing_if = "Owed::is_me")]
    pub owed_by: Owed,
}

/// How the follow-ups kith writes itself begin (after a meeting, after an event): they
/// are reminders, not promises the seeker made.
pub const GENERATED_PREFIXES: &[&str] = &["Thank ", "Follow up with "];

impl FollowUp {
    /// A thank-you the seeker owes (kith leaves one after a coffee chat or informational
    /// interview; one written by hand counts too).
    pub fn is_thank_you(&self) -> bool {
        self.owed_by.is_me() && self.action.to_lowercase().starts_with("thank")
    }

    /// A promise the seeker made, not a reminder kith wrote after a meeting or event.
    pub fn is_promise(&self) -> bool {
        !GENERATED_PREFIXES
            .iter()
            .any(|p| self.action.starts_with(p))
    }

    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }

    /// Open and due on or before `today`.
    pub fn is_due(&self, today: Date) -> bool {
        self.is_open() && self.due <= today
    }
}
