//! LinkedIn's `Invitations.csv`, the connection invitations in a LinkedIn data export
//! (`From, To, Sent At, Message, Direction, inviterProfileUrl, inviteeProfileUrl`, dates
//! like `1/29/26, 2:37 PM`). Each invitation is a touch — sent (`OUTGOING`) or received
//! (`INCOMING`), with its note when it had one — and its other person someone to know,
//! accepted or not: the engineer at a target company who has not answered yet is exactly
//! whom a job seeker must not lose track of. Read into `MessageDay`s of one invitation
//! each, which the store records as message history is.

use csv::StringRecord;
use jiff::Timestamp;
use jiff::civil::Time;
use kith_core::Direction;
use kith_core::contact::MessageDay;

use crate::csv_util::{self, Header, cell};
use crate::linkedin::parse_date;
use crate::linkedin_messages::{correspondent, parse_instant, plain_text};
use crate::{FormatError, Rejected, clean};

const DIRECTION: &str = "direction";
const SENT_AT: &str = "sent at";

/// Whether `text` looks like a LinkedIn `Invitations.csv`: a line near the top naming the
/// From, To, Sent At and Direction columns.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(csv_util::HEADER_SEARCH_LINES)
        .any(|line| is_header(&Header::from_line(line)))
}

fn is_header(header: &Header) -> bool {
    ["from", "to", SENT_AT, DIRECTION]
        .iter()
        .all(|name| header.has(name))
}

/// Everything read from one `Invitations.csv`: one day per invitation, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedInvitations {
    pub invitations: Vec<MessageDay>,
    pub rejected: Vec<Rejected>,
}

impl ParsedInvitations {
    /// Rows read: kept and rejected.
    pub fn read(&self) -> usize {
        self.invitations.len() + self.rejected.len()
    }
}

#[derive(Debug)]
struct Columns {
    from: Option<usize>,
    to: Option<usize>,
    sent_at: Option<usize>,
    message: Option<usize>,
    direction: Option<usize>,
    inviter: Option<usize>,
    invitee: Option<usize>,
}

/// Reads a whole `Invitations.csv`.
pub fn parse(bytes: &[u8]) -> Result<ParsedInvitations, FormatError> {
    let (invitations, rejected) = csv_util::read_records(
        &clean::text(bytes),
        is_header,
        "LinkedIn invitations header (From, To, Sent At, Message, Direction, …)",
        "an invitation",
        |header| Columns {
            from: header.find(&["from"]),
            to: header.find(&["to"]),
            sent_at: header.find(&[SENT_AT]),
            message: header.find(&["message"]),
            direction: header.find(&[DIRECTION]),
            inviter: header.find(&["inviterprofileurl", "inviter profile url"]),
            invitee: header.find(&["inviteeprofileurl", "invitee profile url"]),
        },
        read_row,
    )?;
    Ok(ParsedInvitations {
        invitations,
        rejected,
    })
}

fn read_row(columns: &Columns, line: usize, record: &StringRecord) -> Result<MessageDay, String> {
    if csv_util::is_blank(record) {
        return Err("an empty row".to_owned());
    }
    let direction = match cell(record, columns.direction) {
        Some(d) if d.eq_ignore_ascii_case("outgoing") => Direction::Outbound,
        Some(d) if d.eq_ignore_ascii_case("incoming") => Direction::Inbound,
        other => {
            return Err(format!(
                "direction {:?}: expected OUTGOING or INCOMING",
                other.unwrap_or("")
            ));
        }
    };
    // The other person: the invitee of one you sent, the inviter of one you received.
    let (name, url) = match direction {
        Direction::Outbound => (columns.to, columns.invitee),
        Direction::Inbound => (columns.from, columns.inviter),
    };
    let other = correspondent(cell(record, name).unwrap_or(""), cell(record, url)).ok_or(
        match direction {
            Direction::Outbound => "no name in To for an invitation you sent",
            Direction::Inbound => "no name in From for an invitation you received",
        },
    )?;
    let sent = cell(record, columns.sent_at).ok_or("no date in Sent At")?;
    let at = parse_sent_at(sent)
        .ok_or_else(|| format!("unreadable date {sent:?}: expected 1/29/26, 2:37 PM"))?;
    let note = cell(record, columns.message)
        .map(plain_text)
        .filter(|m| !m.is_empty());
    let text = match (direction, note) {
        (Direction::Outbound, Some(note)) => format!("Invitation to connect sent: {note}"),
        (Direction::Outbound, None) => "Invitation to connect sent".to_owned(),
        (Direction::Inbound, Some(note)) => format!("Invitation to connect received: {note}"),
        (Direction::Inbound, None) => "Invitation to connect received".to_owned(),
    };
    Ok(MessageDay {
        lines: vec![line],
        at,
        direction,
        with: vec![other],
        text: Some(text),
    })
}

/// `1/29/26, 2:37 PM` (what exports write; taken as UTC, which the file does not say), a
/// date alone, or what `messages.csv` writes (`2026-01-29 14:37:00 UTC`).
fn parse_sent_at(text: &str) -> Option<Timestamp> {
    if let Some(at) = parse_instant(text) {
        return Some(at);
    }
    let (date, time) = match text.split_once(',') {
        Some((date, time)) => (date, Some(time.trim())),
        None => (text, None),
    };
    let date = parse_date(date)?;
    let time = match time {
        Some(time) => clock(time)?,
        None => Time::midnight(),
    };
    jiff::tz::Offset::UTC
        .to_timestamp(date.to_datetime(time))
        .ok()
}

/// `2:37 PM`, `12:05 am`, `14:37`.
fn clock(text: &str) -> Option<Time> {
    let lower = text.to_ascii_lowercase();
    let (hm, half) = if let Some(hm) = lower.strip_suffix("pm") {
        (hm.trim(), Some(12))
    } else if let Some(hm) = lower.strip_suffix("am") {
        (hm.trim(), Some(0))
    } else {
        (lower.trim(), None)
    };
    let (h, m) = hm.split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    let hour = match half {
        Some(offset) if (1..=12).contains(&h) => h % 12 + offset,
        Some(_) => return None,
        None => h,
    };
    Time::new(hour, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Pat Seeker,Ada Lovelace,\"1/29/26, 2:37 PM\",,OUTGOING,https://www.linkedin.com/in/pat-seeker,https://www.linkedin.com/in/ada-lovelace-3b2a91
Grace Hopper,Pat Seeker,\"11/3/25, 10:05 AM\",\"Hi, we met at RustConf &amp; would love to stay in touch.\",INCOMING,https://www.linkedin.com/in/grace-hopper,https://www.linkedin.com/in/pat-seeker
Pat Seeker,Lin Hiring-Manager,\"12/1/25, 12:15 AM\",Loved your post on on-call.,OUTGOING,https://www.linkedin.com/in/pat-seeker,https://www.linkedin.com/in/lin-hm
Pat Seeker,Nobody,yesterday,,OUTGOING,https://www.linkedin.com/in/pat-seeker,https://www.linkedin.com/in/nobody
Pat Seeker,,\"1/2/26, 1:00 PM\",,OUTGOING,https://www.linkedin.com/in/pat-seeker,
Pat Seeker,Odd,\"1/2/26, 1:00 PM\",,SIDEWAYS,,
";

    #[test]
    fn invitations_are_touches_with_the_other_person() {
        let p = parse(FILE.as_bytes()).unwrap();
        assert_eq!(p.read(), 6);
        assert_eq!(p.invitations.len(), 3, "{p:?}");
        let ada = &p.invitations[0];
        assert_eq!(ada.lines, [2]);
        assert_eq!(ada.direction, Direction::Outbound);
        assert_eq!(ada.with[0].name, "Ada Lovelace");
        assert_eq!(
            ada.with[0].linkedin.as_deref(),
            Some("https://www.linkedin.com/in/ada-lovelace-3b2a91")
        );
        assert_eq!(ada.at, "2026-01-29T14:37:00Z".parse::<Timestamp>().unwrap());
        assert_eq!(ada.text.as_deref(), Some("Invitation to connect sent"));
        let grace = &p.invitations[1];
        assert_eq!(grace.direction, Direction::Inbound);
        assert_eq!(grace.with[0].name, "Grace Hopper");
        assert_eq!(
            grace.text.as_deref(),
            Some(
                "Invitation to connect received: Hi, we met at RustConf & would love to stay in touch."
            )
        );
        assert_eq!(
            p.invitations[2].at,
            "2025-12-01T00:15:00Z".parse::<Timestamp>().unwrap()
        );
        let rejected: Vec<(usize, &str)> = p
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(rejected[0].0, 5);
        assert!(rejected[0].1.contains("\"yesterday\""), "{rejected:?}");
        assert_eq!(rejected[1], (6, "no name in To for an invitation you sent"));
        assert_eq!(
            rejected[2],
            (7, "direction \"SIDEWAYS\": expected OUTGOING or INCOMING")
        );
    }

    #[test]
    fn clock_times_of_every_spelling() {
        let t = |h, m| Some(Time::new(h, m, 0, 0).unwrap());
        assert_eq!(clock("2:37 PM"), t(14, 37));
        assert_eq!(clock("12:05 am"), t(0, 5));
        assert_eq!(clock("12:05 PM"), t(12, 5));
        assert_eq!(clock("14:37"), t(14, 37));
        assert_eq!(clock("13:00 PM"), None);
        assert_eq!(clock("noon"), None);
    }

    #[test]
    fn the_header_is_told_from_the_other_exports() {
        assert!(looks_like(FILE));
        assert!(!looks_like(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        ));
        let err = parse(b"From,To\nA,B\n").unwrap_err();
        assert!(err.reason.contains("Sent At"), "{err}");
    }
}
