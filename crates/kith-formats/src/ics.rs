//! The calendar feed: follow-ups, events and touches as all-day entries of an RFC 5545
//! iCalendar file that calendar apps subscribe to. Pure: items in, text out.
//!
//! The `icalendar` crate builds the document and escapes TEXT values; three of its habits
//! are corrected here. Its `all_day()` ends an event on the day it starts, so DTSTART and
//! DTEND are written as explicit DATE properties. It invents a random UID and a wall-clock
//! DTSTAMP when they are missing, so both are always set. And its folding can leave a
//! continuation line of 76 octets, so its output is unfolded and folded again by
//! [`crate::content_line`].

use icalendar::{Calendar, Component, Event, EventLike, Property};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::content_line::push_folded;

/// Names the program that wrote the feed, as RFC 5545 asks.
const PRODID: &str = concat!("-//kith//kith ", env!("CARGO_PKG_VERSION"), "//EN");

/// One all-day entry of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarItem {
    /// Stable across exports: the same follow-up/event/touch keeps it, e.g. "follow-up-0190...@kith".
    pub uid: String,
    /// The entry's title in the calendar.
    pub summary: String,
    /// Free text shown with the entry; may hold line breaks.
    pub description: Option<String>,
    /// The day the entry falls on, with no time or zone: it is the same day everywhere.
    pub date: jiff::civil::Date,
    pub location: Option<String>,
    /// Written unescaped, as a URI.
    pub url: Option<String>,
    /// Each one its own category, commas and all.
    pub categories: Vec<String>,
    /// DTSTAMP: when this item last changed (kept stable so two exports of unchanged data are identical).
    pub stamp: jiff::Timestamp,
}

/// The feed: a VCALENDAR named `calendar_name` with one all-day, transparent (not "busy")
/// VEVENT per item, in the order given.
///
/// The same items give byte-identical text. Text is written as RFC 5545 TEXT: line breaks
/// of any style become `\n`, and control characters other than tab, which the format
/// cannot carry, are dropped. Blank categories are left out. A URL is written as it is,
/// except that control characters in it are percent-encoded. An item on 9999-12-31 has no
/// DTEND, which RFC 5545 reads as the same one day.
pub fn to_ics(calendar_name: &str, items: &[CalendarItem]) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("PRODID", PRODID))
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-CALNAME", clean_text(calendar_name)));
    calendar.extend(items.iter().map(event));
    refold(&calendar.to_string())
}

fn event(item: &CalendarItem) -> Event {
    let mut event = Event::new();
    event
        .uid(&clean_text(&item.uid))
        .add_property("DTSTAMP", utc_date_time(item.stamp))
        .append_property(date_property("DTSTART", item.date))
        .summary(&clean_text(&item.summary))
        .add_property("TRANSP", "TRANSPARENT");
    // Only 9999-12-31 has no next day; without DTEND the event still lasts that one day.
    if let Ok(end) = item.date.tomorrow() {
        event.append_property(date_property("DTEND", end));
    }
    if let Some(description) = &item.description {
        event.description(&clean_text(description));
    }
    if let Some(location) = &item.location {
        event.location(&clean_text(location));
    }
    if let Some(url) = &item.url {
        event.url(&clean_uri(url));
    }
    let categories: Vec<String> = item
        .categories
        .iter()
        .map(|c| clean_text(c))
        .filter(|c| !c.trim().is_empty())
        .collect();
    if !categories.is_empty() {
        event.categories(&categories);
    }
    event.done()
}

/// `NAME;VALUE=DATE:YYYYMMDD`.
fn date_property(name: &str, date: Date) -> Property {
    Property::new(name, basic_date(date))
        .add_parameter("VALUE", "DATE")
        .done()
}

fn basic_date(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A UTC DATE-TIME, `YYYYMMDDTHHMMSSZ`; fractions of a second are dropped.
fn utc_date_time(stamp: jiff::Timestamp) -> String {
    let t = TimeZone::UTC.to_datetime(stamp);
    format!(
        "{}T{:02}{:02}{:02}Z",
        basic_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// What a TEXT value can carry: every line break as `\n` (which escaping then writes as
/// `\n`), no control characters but tab.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A URI value is not escaped, so a control character in it would end the content line:
/// those are percent-encoded, everything else is kept.
fn clean_uri(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        if c.is_control() {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Undoes `icalendar`'s folding and folds every content line again within 75 octets.
///
/// Its folder lets a final continuation line reach 76 octets. Unfolding is exact: it only
/// ever inserts CRLF and one space, and no value here contains a CR of its own.
fn refold(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len() + folded.len() / 64);
    for content in folded.replace("\r\n ", "").split_terminator("\r\n") {
        push_folded(&mut out, content);
    }
    out
}
