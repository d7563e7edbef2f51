//! Events: meetups, conferences and online gatherings where the seeker meets people.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::id::EventId;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    /// A short number, unique per owner, for typing on the command line.
    pub number: i64,
    pub name: String,
    pub date: Date,
    pub place: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// When it was written down in kith, as opposed to its date; `None` on one
    /// built in memory and not stored yet (a batch writes the time it is written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<jiff::Timestamp>,
}
