//! LinkedIn's `messages.csv`, the message history in a LinkedIn data export: one row per
//! message (`CONVERSATION ID, …, FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE,
//! SUBJECT, CONTENT, FOLDER, IS MESSAGE DRAFT, …`), dates like `2025-06-01 14:03:22 UTC`,
//! content sometimes HTML. Read into `MessageDay`s — the messages of one conversation on one
//! day that went one way — so the relationships they belong to have their real last touch,
//! and inbound days show that the other person writes back.
//!
//! The export does not say whose it is: the seeker is the one person in every message
//! (`seeker`), or the one named with `--me`.

use std::collections::HashMap;

use csv::StringRecord;
use jiff::Timestamp;
use jiff::civil::DateTime;
use kith_core::Direction;
use kith_core::contact::{Correspondent, MessageDay};

use crate::csv_util::{self, Header, cell, one_line};
use crate::{FormatError, Rejected, clean, urls};

const CONVERSATION: &str = "conversation id";
const FROM: &str = "from";
const TO: &str = "to";
const DATE: &str = "date";
const CONTENT: &str = "content";

/// Whether `text` looks like a LinkedIn `messages.csv`: a line near the top naming the
/// conversation, sender, recipients, date and content columns.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(csv_util::HEADER_SEARCH_LINES)
        .any(|line| is_header(&Header::from_line(line)))
}

fn is_header(header: &Header) -> bool {
    [CONVERSATION, FROM, TO, DATE, CONTENT]
        .iter()
        .all(|name| header.has(name))
}

/// One message as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// 1-based line where its row starts.
    pub line: usize,
    pub conversation: String,
    pub from: Correspondent,
    /// Everyone it was sent to, the seeker among them when it was to them.
    pub to: Vec<Correspondent>,
    pub at: Timestamp,
    /// Subject and content as plain text; `None` when both were empty.
    pub text: Option<String>,
}

/// Everything read from one `messages.csv`, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedMessages {
    pub messages: Vec<Message>,
    /// Rows that are not messages to keep (drafts, spam, unreadable), with why.
    pub rejected: Vec<Rejected>,
}

impl ParsedMessages {
    /// Rows read: kept and rejected.
    pub fn read(&self) -> usize {
        self.messages.len() + self.rejected.len()
    }
}

#[derive(Debug)]
struct Columns {
    conversation: Option<usize>,
    from: Option<usize>,
    from_url: Option<usize>,
    to: Option<usize>,
    to_urls: Option<usize>,
    date: Option<usize>,
    subject: Option<usize>,
    content: Option<usize>,
    folder: Option<usize>,
    draft: Option<usize>,
}

impl Columns {
    fn new(header: &Header) -> Self {
        Self {
            conversation: header.find(&[CONVERSATION]),
            from: header.find(&[FROM]),
            from_url: header.find(&["sender profile url"]),
            to: header.find(&[TO]),
            to_urls: header.find(&["recipient profile urls", "recipient profile url"]),
            date: header.find(&[DATE]),
            subject: header.find(&["subject"]),
            content: header.find(&[CONTENT]),
            folder: header.find(&["folder"]),
            draft: header.find(&["is message draft"]),
        }
    }
}

/// Reads a whole `messages.csv`.
pub fn parse(bytes: &[u8]) -> Result<ParsedMessages, FormatError> {
    let (messages, rejected) = csv_util::read_records(
        &clean::text(bytes),
        is_header,
        "LinkedIn messages header (CONVERSATION ID, FROM, TO, DATE, …, CONTENT)",
        "a message",
        Columns::new,
        read_row,
    )?;
    Ok(ParsedMessages { messages, rejected })
}

fn read_row(columns: &Columns, line: usize, record: &StringRecord) -> Result<Message, String> {
    if csv_util::is_blank(record) {
        return Err("an empty row".to_owned());
    }
    if cell(record, columns.draft).is_some_and(|d| d.eq_ignore_ascii_case("yes")) {
        return Err("a draft, never sent".to_owned());
    }
    if cell(record, columns.folder).is_some_and(|f| f.eq_ignore_ascii_case("spam")) {
        return Err("in LinkedIn's spam folder".to_owned());
    }
    let date = cell(record, columns.date).ok_or("no date")?;
    let at = parse_instant(date)
        .ok_or_else(|| format!("unreadable date {date:?}: expected 2025-06-01 14:03:22 UTC"))?;
    let from_name = cell(record, columns.from).map(one_line);
    let from_url = cell(record, columns.from_url);
    let from = correspondent(from_name.as_deref().unwrap_or(""), from_url)
        .ok_or("no sender: FROM and SENDER PROFILE URL are empty")?;
    let to = recipients(
        cell(record, columns.to).unwrap_or(""),
        cell(record, columns.to_urls).unwrap_or(""),
    )?;
    let subject = cell(record, columns.subject).map(plain_text);
    let content = cell(record, columns.content).map(plain_text);
    let text: Vec<String> = [subject, content]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect();
    Ok(Message {
        line,
        conversation: cell(record, columns.conversation)
            .unwrap_or_default()
            .to_owned(),
        from,
        to,
        at,
        text: (!text.is_empty()).then(|| text.join("\n")),
    })
}

/// A correspondent from a name and a profile URL; a URL that is not a LinkedIn profile is
/// left out, and without a name there is no one to speak of.
pub(crate) fn correspondent(name: &str, url: Option<&str>) -> Option<Correspondent> {
    let name = one_line(name);
    if name.is_empty() {
        return None;
    }
    let linkedin = url
        .and_then(urls::normalize)
        .filter(|u| urls::is_linkedin_profile(u));
    Some(Correspondent { name, linkedin })
}

/// The recipients: names and profile URLs are each one cell, comma-separated, in the same
/// order. A name with a comma in it (`Smith, PhD`) makes the counts differ; with one URL
/// the whole cell is that one person's name, with more it cannot be told who is who.
fn recipients(names: &str, links: &str) -> Result<Vec<Correspondent>, String> {
    let links: Vec<&str> = links
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let split: Vec<&str> = names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    let pairs: Vec<(&str, Option<&str>)> = if links.is_empty() {
        split.iter().map(|n| (*n, None)).collect()
    } else if split.len() == links.len() {
        split
            .iter()
            .copied()
            .zip(links.iter().copied().map(Some))
            .collect()
    } else if links.len() == 1 {
        vec![(names, Some(links[0]))]
    } else {
        return Err(format!(
            "recipients: {} names and {} profile URLs, so who is who cannot be told",
            split.len(),
            links.len()
        ));
    };
    let mut out: Vec<Correspondent> = Vec::with_capacity(pairs.len());
    for (name, url) in pairs {
        if let Some(c) = correspondent(name, url)
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    if out.is_empty() {
        return Err("no recipient: TO is empty".to_owned());
    }
    Ok(out)
}

/// `2025-06-01 14:03:22 UTC` (what exports write), `2025-06-01 14:03:22` (UTC too), or an
/// RFC 3339 instant.
pub(crate) fn parse_instant(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(at);
    }
    let civil = text.strip_suffix("UTC").unwrap_or(text).trim();
    let civil: DateTime = civil.parse().ok()?;
    jiff::tz::Offset::UTC.to_timestamp(civil).ok()
}

/// Message content as plain text: HTML tags dropped (a line break for `<br>` and after
/// `</p>`, `</div>` and `</li>`), character references decoded, and blank lines and spaces tidied.
pub fn plain_text(content: &str) -> String {
    let mut text = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match rest.find('>') {
                Some(end) if looks_like_tag(&rest[1..end]) => {
                    let inner = rest[1..end].to_ascii_lowercase();
                    let closing = inner.starts_with('/');
                    let name = inner
                        .trim_start_matches('/')
                        .split([' ', '/'])
                        .next()
                        .unwrap_or("")
                        .to_owned();
                    if name == "br" || (closing && matches!(name.as_str(), "p" | "div" | "li")) {
                        text.push('\n');
                    }
                    rest = &rest[end + 1..];
                }
                _ => {
                    text.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            match character_reference(rest) {
                Some((c, len)) => {
                    text.push(c);
                    rest = &rest[len..];
                }
                None => {
                    text.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    text.push_str(rest);
    let lines: Vec<String> = text
        .lines()
        .map(|l| one_line(&l.replace('\u{a0}', " ")))
        .collect();
    let mut out: Vec<&str> = Vec::new();
    for line in &lines {
        // Paragraphs kept, runs of blank lines made one.
        if !line.is_empty() || out.last().is_some_and(|l| !l.is_empty()) {
            out.push(line);
        }
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Whether the text between `<` and `>` is an HTML tag (`p`, `/p`, `br /`, `a href=…`),
/// not a `<` of prose ("a < b > c").
fn looks_like_tag(inner: &str) -> bool {
    let name = inner.trim_start_matches('/');
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .all(|c| c.is_ascii_alphanumeric())
}

/// The character a reference at the start of `text` (`&amp;`, `&#8212;`, `&#x2014;`) stands
/// for, and the reference's length; `None` for an `&` that starts none.
fn character_reference(text: &str) -> Option<(char, usize)> {
    let end = 1 + text[1..]
        .char_indices()
        .take(11)
        .find(|(_, c)| *c == ';')?
        .0;
    let name = &text[1..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "bull" => '•',
            "middot" => '·',
            "euro" => '€',
            "pound" => '£',
            "copy" => '©',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Which correspondent the seeker is. With `said` (a name or a LinkedIn profile URL, from
/// `--me`), the one it names; otherwise the one person in more messages than anyone else —
/// the export's owner is in every one. Fails, saying why and what to do, when it cannot
/// be told.
pub fn seeker(messages: &[Message], said: Option<&str>) -> Result<Correspondent, String> {
    let everyone = messages
        .iter()
        .flat_map(|m| std::iter::once(&m.from).chain(&m.to));
    if let Some(said) = said {
        let wanted = said.trim();
        let url = urls::normalize(wanted).filter(|u| urls::is_linkedin_profile(u));
        let found = everyone.clone().find(|c| match &url {
            Some(url) => c.linkedin.as_deref() == Some(url.as_str()),
            None => c.name.eq_ignore_ascii_case(wanted),
        });
        return found.cloned().ok_or_else(|| {
            format!("--me {said:?}: no one in this file has that name or LinkedIn profile")
        });
    }
    let mut counts: HashMap<&str, (usize, &Correspondent)> = HashMap::new();
    for message in messages {
        let mut seen: Vec<&str> = Vec::new();
        for c in std::iter::once(&message.from).chain(&message.to) {
            if !seen.contains(&c.key()) {
                seen.push(c.key());
                counts.entry(c.key()).or_insert((0, c)).0 += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, &Correspondent)> = counts.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    match ranked.as_slice() {
        [] => Err("no messages to tell whose export this is".to_owned()),
        [(_, only)] => Ok((*only).clone()),
        [(n, first), (m, second), ..] if n == m => Err(format!(
            "cannot tell which of {} and {} is you: both are in {n} messages; say which with \
             --me NAME or --me PROFILE-URL",
            first.name, second.name
        )),
        [(_, first), ..] => Ok((*first).clone()),
    }
}

/// Whether `c` is the seeker: the same profile when both have one, else the same name.
fn is(seeker: &Correspondent, c: &Correspondent) -> bool {
    match (&seeker.linkedin, &c.linkedin) {
        (Some(a), Some(b)) => a == b,
        _ => seeker.name.eq_ignore_ascii_case(&c.name),
    }
}

/// LinkedIn's name for a sender the export does not identify (sponsored mail).
const HIDDEN_SENDER: &str = "LinkedIn Member";

/// Whether `c` is someone the export hides behind LinkedIn's placeholder name: never
/// a person to add (every hidden sender would be the same one).
fn hidden(c: &Correspondent) -> bool {
    c.linkedin.is_none() && c.name.eq_ignore_ascii_case(HIDDEN_SENDER)
}

/// The messages as days of one conversation, direction and set of people (see
/// `MessageDay`), oldest first; messages that were neither from nor to the seeker, or from
/// a sender the export hides, are rejected with why.
pub fn days(messages: &[Message], seeker: &Correspondent) -> (Vec<MessageDay>, Vec<Rejected>) {
    type Key<'a> = (&'a str, jiff::civil::Date, Direction, Vec<String>);
    /// Each message's time, line and text, to put a day's text in time order.
    type Texts<'a> = Vec<(Timestamp, usize, Option<&'a str>)>;
    let mut groups: Vec<(MessageDay, Texts<'_>)> = Vec::new();
    let mut at: HashMap<Key<'_>, usize> = HashMap::new();
    let mut rejected = Vec::new();
    for message in messages {
        let (direction, with): (Direction, Vec<Correspondent>) = if is(seeker, &message.from) {
            let to: Vec<&Correspondent> = message.to.iter().filter(|c| !is(seeker, c)).collect();
            let with: Vec<Correspondent> = to
                .iter()
                .filter(|c| !hidden(c))
                .map(|c| (*c).clone())
                .collect();
            if with.is_empty() {
                rejected.push(Rejected {
                    line: message.line,
                    reason: if to.is_empty() {
                        "a message to yourself"
                    } else {
                        "to a LinkedIn Member the export does not name"
                    }
                    .to_owned(),
                });
                continue;
            }
            (Direction::Outbound, with)
        } else if message.to.iter().any(|c| is(seeker, c)) {
            if hidden(&message.from) {
                rejected.push(Rejected {
                    line: message.line,
                    reason: "from a LinkedIn Member the export does not name (sponsored mail)"
                        .to_owned(),
                });
                continue;
            }
            (Direction::Inbound, vec![message.from.clone()])
        } else {
            rejected.push(Rejected {
                line: message.line,
                reason: format!(
                    "neither from nor to {} (from {})",
                    seeker.name, message.from.name
                ),
            });
            continue;
        };
        let mut keys: Vec<String> = with.iter().map(|c| c.key().to_owned()).collect();
        keys.sort_unstable();
        let day = jiff::tz::Offset::UTC.to_datetime(message.at).date();
        let key = (message.conversation.as_str(), day, direction, keys);
        let slot = *at.entry(key).or_insert_with(|| {
            groups.push((
                MessageDay {
                    lines: Vec::new(),
                    at: message.at,
                    direction,
                    with,
                    text: None,
                },
                Vec::new(),
            ));
            groups.len() - 1
        });
        let (group, texts) = &mut groups[slot];
        group.lines.push(message.line);
        group.at = group.at.min(message.at);
        texts.push((message.at, message.line, message.text.as_deref()));
    }
    let mut out: Vec<MessageDay> = groups
        .into_iter()
        .map(|(mut day, mut texts)| {
            texts.sort_by_key(|(at, line, _)| (*at, *line));
            let text: Vec<&str> = texts.iter().filter_map(|(_, _, t)| *t).collect();
            day.text = (!text.is_empty()).then(|| text.join("\n\n"));
            day.lines.sort_unstable();
            day
        })
        .collect();
    out.sort_by_key(|d| (d.at, d.lines[0]));
    rejected.sort_by_key(|r| r.line);
    (out, rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT
c1,,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,Pat Seeker,https://www.linkedin.com/in/pat-seeker,2025-06-01 14:03:22 UTC,,\"Thanks for connecting, happy to chat next week!\",INBOX,No,No
c1,,Pat Seeker,https://www.linkedin.com/in/pat-seeker,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,2025-06-02 08:10:00 UTC,,<p>Great &mdash; Tuesday 10:00?</p><p>I&#39;ll bring questions &amp; notes.</p>,INBOX,No,No
c1,,Pat Seeker,https://www.linkedin.com/in/pat-seeker,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,2025-06-02 08:12:00 UTC,,See you then.,INBOX,No,No
c2,Hiring sync,Pat Seeker,https://www.linkedin.com/in/pat-seeker,\"Grace Hopper,Lee Example\",\"https://www.linkedin.com/in/grace-hopper,https://www.linkedin.com/in/lee-example-77\",2025-07-15 17:45:09 UTC,,Looping you both in.,ARCHIVE,No,No
c3,,LinkedIn Member,,Pat Seeker,https://www.linkedin.com/in/pat-seeker,2024-02-29 23:59:59 UTC,Opportunity at Example Corp,Sponsored InMail body,INBOX,No,No
c4,,Spammer,https://www.linkedin.com/in/spam,Pat Seeker,https://www.linkedin.com/in/pat-seeker,2024-03-01 10:00:00 UTC,,Buy now,SPAM,No,No
c5,,Pat Seeker,https://www.linkedin.com/in/pat-seeker,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,2025-08-01 09:00:00 UTC,,half-written,DRAFTS,Yes,Yes
c6,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Pat Seeker,https://www.linkedin.com/in/pat-seeker,last Tuesday,,Hello,INBOX,No,No
c3,,Pat Seeker,https://www.linkedin.com/in/pat-seeker,LinkedIn Member,,2024-03-01 09:00:00 UTC,,Not interested,INBOX,No,No
";

    fn parsed() -> ParsedMessages {
        parse(FILE.as_bytes()).expect("parses")
    }

    #[test]
    fn messages_are_read_and_what_is_not_one_is_rejected_with_its_line() {
        let p = parsed();
        assert_eq!(p.read(), 9);
        assert_eq!(p.messages.len(), 6, "{p:?}");
        let reasons: Vec<(usize, &str)> = p
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(reasons[0], (7, "in LinkedIn's spam folder"));
        assert_eq!(reasons[1], (8, "a draft, never sent"));
        assert_eq!(reasons[2].0, 9);
        assert!(reasons[2].1.contains("\"last Tuesday\""), "{reasons:?}");
        let second = &p.messages[1];
        assert_eq!(second.line, 3);
        assert_eq!(
            second.text.as_deref(),
            Some("Great — Tuesday 10:00?\nI'll bring questions & notes.")
        );
        assert_eq!(
            second.at,
            "2025-06-02T08:10:00Z".parse::<Timestamp>().unwrap()
        );
        let group = &p.messages[3];
        let names: Vec<&str> = group.to.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Grace Hopper", "Lee Example"]);
        assert_eq!(
            group.to[1].linkedin.as_deref(),
            Some("https://www.linkedin.com/in/lee-example-77")
        );
    }

    #[test]
    fn the_seeker_is_the_one_in_every_message_or_the_one_named() {
        let p = parsed();
        let me = seeker(&p.messages, None).unwrap();
        assert_eq!(me.name, "Pat Seeker");
        let named = seeker(&p.messages, Some("https://linkedin.com/in/Pat-Seeker/")).unwrap();
        assert_eq!(named, me);
        assert_eq!(seeker(&p.messages, Some("pat seeker")).unwrap(), me);
        let err = seeker(&p.messages, Some("Nobody")).unwrap_err();
        assert!(err.contains("\"Nobody\""), "{err}");
        // One conversation: both people are in every message, so it cannot be told.
        let err = seeker(&p.messages[..1], None).unwrap_err();
        assert!(err.contains("--me"), "{err}");
        assert!(
            err.contains("Ada Lovelace") && err.contains("Pat Seeker"),
            "{err}"
        );
    }

    #[test]
    fn messages_become_days_of_one_conversation_direction_and_people() {
        let p = parsed();
        let me = seeker(&p.messages, None).unwrap();
        let (days, rejected) = days(&p.messages, &me);
        assert_eq!(rejected.len(), 2);
        assert_eq!(rejected[0].line, 6);
        assert!(rejected[0].reason.contains("does not name"), "{rejected:?}");
        // Nor is a reply to such mail anyone's.
        assert_eq!(rejected[1].line, 10);
        assert!(
            rejected[1].reason.starts_with("to a LinkedIn Member"),
            "{rejected:?}"
        );
        assert_eq!(days.len(), 3, "{days:?}");
        assert_eq!(days[0].direction, Direction::Inbound);
        assert_eq!(days[0].with[0].name, "Ada Lovelace");
        assert_eq!(days[0].lines, [2]);
        // Two messages the same day to the same person: one day, both texts, oldest first.
        assert_eq!(days[1].direction, Direction::Outbound);
        assert_eq!(days[1].lines, [3, 4]);
        assert_eq!(
            days[1].at,
            "2025-06-02T08:10:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            days[1].text.as_deref(),
            Some("Great — Tuesday 10:00?\nI'll bring questions & notes.\n\nSee you then.")
        );
        assert_eq!(days[2].with.len(), 2);
        let lines: usize = days.iter().map(|d| d.lines.len()).sum();
        assert_eq!(lines + rejected.len(), p.messages.len());
    }

    #[test]
    fn html_becomes_plain_text_and_prose_is_left_alone() {
        assert_eq!(plain_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(plain_text("fish &chips; &amp; more"), "fish &chips; & more");
        assert_eq!(plain_text("line<br/>two<br>three"), "line\ntwo\nthree");
        assert_eq!(plain_text("<div>x</div>\n\n\n<div>y</div>"), "x\n\ny");
        assert_eq!(plain_text("&#x1F980; &#8212; &nbsp;ok"), "🦀 — ok");
        assert_eq!(plain_text("&#xD800; stays"), "&#xD800; stays");
        assert_eq!(plain_text("<a href=\"https://x.example\">link</a>"), "link");
    }

    #[test]
    fn a_file_without_the_header_says_so() {
        let err = parse(b"First Name,Last Name\nAda,Lovelace\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.reason.contains("CONVERSATION ID"), "{err}");
        assert!(looks_like(FILE));
        assert!(!looks_like(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        ));
    }

    #[test]
    fn names_with_commas_and_one_profile_stay_one_person() {
        let to = recipients("Sam Example, PhD", "https://www.linkedin.com/in/samexample").unwrap();
        assert_eq!(to.len(), 1);
        assert_eq!(to[0].name, "Sam Example, PhD");
        let err = recipients(
            "A, PhD,B",
            "https://www.linkedin.com/in/a,https://www.linkedin.com/in/b",
        )
        .unwrap_err();
        assert!(err.contains("3 names and 2 profile URLs"), "{err}");
    }
}
