//! Reading the contact files people really have — LinkedIn `Connections.csv` of every
//! generation, vCard 2.1/3.0/4.0 from phones and mail clients, Google Contacts CSV — into
//! one `Contact` shape. Pure: bytes in, records out; matching them against stored people
//! and writing them is the store's job. The other way round, it writes kith's exports:
//! vCard and CSV of people, and the iCalendar feed of what is coming up.

pub mod clean;
pub mod contact;
mod content_line;
mod csv_util;
pub mod export;
pub mod google;
pub mod ics;
pub mod linkedin;
pub mod linkedin_invitations;
pub mod linkedin_messages;
pub mod urls;
pub mod vcard;

pub use contact::{Contact, Format, FormatError, Parsed, Rejected, Unusable};
pub use ics::{CalendarItem, to_ics};

/// Which format a file is, from its content: a vCard, a LinkedIn export (any generation),
/// or a Google Contacts CSV. `None` when it is none of them.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let text = head_text(bytes);
    if vcard::looks_like(&text) {
        Some(Format::Vcard)
    } else if linkedin::looks_like(&text) {
        Some(Format::Linkedin)
    } else if google::looks_like(&text) {
        Some(Format::Google)
    } else {
        None
    }
}

/// Whether a file is a LinkedIn message history (`messages.csv` of a data export), which
/// `linkedin_messages` reads: messages, not contacts.
pub fn is_linkedin_messages(bytes: &[u8]) -> bool {
    linkedin_messages::looks_like(&head_text(bytes))
}

/// Whether a file is a LinkedIn `Invitations.csv`, which `linkedin_invitations` reads.
pub fn is_linkedin_invitations(bytes: &[u8]) -> bool {
    linkedin_invitations::looks_like(&head_text(bytes))
}

/// The first 64 KiB of a file as cleaned text: enough to tell what it is.
fn head_text(bytes: &[u8]) -> String {
    clean::text(&bytes[..bytes.len().min(64 * 1024)])
}

/// Reads a whole file in the given format.
pub fn parse(format: Format, bytes: &[u8]) -> Result<Parsed, FormatError> {
    match format {
        Format::Linkedin => linkedin::parse(bytes),
        Format::Vcard => vcard::parse(bytes),
        Format::Google => google::parse(bytes),
    }
}
