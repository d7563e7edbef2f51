//! Follow-ups: dated actions the seeker owes someone.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::FollowUpId;
use crate::person::PersonLink;

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
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }

    /// Open and due on or before `today`.
    pub fn is_due(&self, today: Date) -> bool {
        self.is_open() && self.due <= today
    }
}
