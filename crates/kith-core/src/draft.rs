//! Drafting a message from a template: the hook is a fact kith recorded about the person,
//! never an invented one, and every fact kith does not have becomes a visible placeholder
//! (`[[…]]`) for the seeker to fill or cut. Pure: `kith draft` gathers the facts, picks
//! the template and prints what this module renders.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::parse::vocabulary;
use crate::relationship::Stage;
use crate::touchpoint::{JOB_NEWS_DAYS, project_sentence};

/// Who the seeker is, for drafts: their name, one line about them, and the communities
/// and interests they share with people (spelled as tags are).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: Option<String>,
    pub line: Option<String>,
    #[serde(default)]
    pub interests: Vec<String>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.line.is_none() && self.interests.is_empty()
    }
}

vocabulary!(
    /// Where a hook came from.
    HookKind, "hook kind", {
        JobChange => "job-change",
        Project => "project",
        Event => "event",
        Community => "community",
        HowMet => "how-met",
    }
);

/// A personal opening, with the recorded fact it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hook {
    pub kind: HookKind,
    /// The sentence that goes into the message.
    pub text: String,
    /// The fact as kith recorded it, to show the seeker where the sentence came from.
    pub fact: String,
}

/// What kith knows about the person that could open a message.
#[derive(Debug, Clone, Default)]
pub struct HookFacts<'a> {
    /// Where they moved, and when kith noticed.
    pub job_change: Option<(&'a str, Timestamp)>,
    /// Notes of the latest conversations, newest first.
    pub notes: Vec<&'a str>,
    /// The seeker's note about the person.
    pub person_note: Option<&'a str>,
    /// The event they were met at, if kith recorded one.
    pub event: Option<&'a str>,
    pub tags: &'a [String],
    /// The seeker's own interests and communities.
    pub interests: &'a [String],
    pub how_met: Option<&'a str>,
}

/// Every hook the facts allow, the most specific first. A recent job change beats all;
/// after a conversation what they talked about comes next, before it where you met.
pub fn hooks(facts: &HookFacts<'_>, now: Timestamp, talked: bool) -> Vec<Hook> {
    let mut out = Vec::new();
    if let Some((to, at)) = facts.job_change {
        let days = now.duration_since(at).as_secs_f64() / 86_400.0;
        if (0.0..=JOB_NEWS_DAYS).contains(&days) {
            out.push(Hook {
                kind: HookKind::JobChange,
                text: format!("Congratulations on the move to {to}!"),
                fact: format!("job change recorded {}: {to}", at.strftime("%Y-%m-%d")),
            });
        }
    }
    let from_talk = facts.notes.iter().find_map(|n| project_sentence(n));
    let from_note = facts.person_note.and_then(project_sentence);
    let mut project = Vec::new();
    if let Some(s) = from_talk {
        project.push(Hook {
            kind: HookKind::Project,
            text: format!("Last time you mentioned “{s}”: how is it going?"),
            fact: format!("from your notes of a conversation: {s}"),
        });
    }
    if let Some(s) = from_note {
        project.push(Hook {
            kind: HookKind::Project,
            text: format!("“{s}” caught my eye."),
            fact: format!("from your note about them: {s}"),
        });
    }
    let event = facts.event.map(|e| Hook {
        kind: HookKind::Event,
        text: format!("It was good to meet you at {e}."),
        fact: format!("met at the event {e}"),
    });
    if talked {
        out.extend(project);
        out.extend(event);
    } else {
        out.extend(event);
        out.extend(project);
    }
    let shared = facts
        .tags
        .iter()
        .find(|t| facts.interests.iter().any(|i| i.eq_ignore_ascii_case(t)));
    if let Some(tag) = shared {
        out.push(Hook {
            kind: HookKind::Community,
            text: format!("We are both in the {tag} community."),
            fact: format!("they are tagged {tag}, one of your interests"),
        });
    }
    // How you met opens a first message only: once you have talked, it is old news.
    if !talked && let Some(how) = facts.how_met.map(str::trim).filter(|h| !h.is_empty()) {
        out.push(Hook {
            kind: HookKind::HowMet,
            text: how_met_sentence(how),
            fact: format!("how you met: {how}"),
        });
    }
    out
}

/// "Introduced by Olu" → "Olu introduced us."; "met at RustConf" → "It was good to meet
/// you at RustConf."; anything else is quoted as recorded, in brackets.
fn how_met_sentence(how: &str) -> String {
    let how = how.trim_end_matches('.');
    let lower = how.to_lowercase();
    for prefix in ["introduced by ", "intro from ", "introduction from "] {
        if lower.starts_with(prefix) {
            return format!("{} introduced us.", &how[prefix.len()..]);
        }
    }
    for prefix in ["met at ", "at "] {
        if lower.starts_with(prefix) {
            return format!("It was good to meet you at {}.", &how[prefix.len()..]);
        }
    }
    let mut chars = how.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_lowercase().collect())
        .unwrap_or_default();
    format!(
        "I still remember how you and I met ({first}{}).",
        chars.as_str()
    )
}

vocabulary!(
    /// The facts a template can ask for, spelled `{{first_name}}`; `{{promise?}}` is
    /// optional: left out (with its line, if it stood alone) when kith has no such fact.
    Slot, "placeholder", {
        FirstName => "first_name",
        Name => "name",
        Company => "company",
        Role => "role",
        Hook => "hook",
        Me => "me",
        MyName => "my_name",
        LastTalk => "last_talk",
        Topic => "topic",
        Promise => "promise",
    }
);

impl Slot {
    /// What the visible placeholder says when kith lacks the fact.
    pub fn missing(self) -> &'static str {
        match self {
            Slot::FirstName => "their first name",
            Slot::Name => "their name",
            Slot::Company => "their company",
            Slot::Role => "their role",
            Slot::Hook => {
                "something specific about them: a talk, a post, a launch, a job change or a community you share (kith has none recorded)"
            }
            Slot::Me => "who you are, in one line (kith me --line …)",
            Slot::MyName => "your name (kith me --name …)",
            Slot::LastTalk => "when you last talked",
            Slot::Topic => "one thing you took from the conversation",
            Slot::Promise => "what you promised them",
        }
    }
}

/// The templates kith ships; files of the same name in the templates folder replace them.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("first-message", include_str!("draft/first-message.txt")),
    ("follow-up", include_str!("draft/follow-up.txt")),
    ("reconnect", include_str!("draft/reconnect.txt")),
    ("thank-you", include_str!("draft/thank-you.txt")),
];

/// Which built-in template fits where the relationship stands: a first message until they
/// have talked, a thank-you right after a meeting, a reconnect once dormant, a follow-up
/// otherwise.
pub fn template_for(stage: Stage, thanks_due: bool) -> &'static str {
    match stage {
        _ if thanks_due => "thank-you",
        Stage::New | Stage::Contacted => "first-message",
        Stage::Dormant => "reconnect",
        Stage::Conversing | Stage::Met | Stage::Connected | Stage::Advocate => "follow-up",
    }
}

/// A template's mistake, with the line it is on (counting comment lines).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template {name}, line {line}: {message}")]
pub struct TemplateError {
    pub name: String,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot { slot: Slot, optional: bool },
}

/// A parsed template: its text and slots, and what its first comment line says it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub about: Option<String>,
    lines: Vec<Vec<Piece>>,
}

impl Template {
    /// Reads a template: lines starting with `#` are comments; `{{slot}}` and `{{slot?}}`
    /// name facts. An unknown slot or an unclosed `{{` is an error naming the line.
    pub fn parse(name: &str, text: &str) -> Result<Template, TemplateError> {
        let err = |line: usize, message: String| TemplateError {
            name: name.to_owned(),
            line,
            message,
        };
        let mut about = None;
        let mut lines = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let number = index + 1;
            if let Some(comment) = raw.strip_prefix('#') {
                if about.is_none() && lines.is_empty() {
                    about = Some(comment.trim().to_owned());
                }
                continue;
            }
            let mut pieces = Vec::new();
            let mut rest = raw;
            while let Some(open) = rest.find("{{") {
                if open > 0 {
                    pieces.push(Piece::Text(rest[..open].to_owned()));
                }
                let after = &rest[open + 2..];
                let close = after
                    .find("}}")
                    .ok_or_else(|| err(number, "a {{ is never closed with }}".to_owned()))?;
                let inner = after[..close].trim();
                let (word, optional) = match inner.strip_suffix('?') {
                    Some(w) => (w.trim(), true),
                    None => (inner, false),
                };
                let found = Slot::ALL.iter().copied().find(|s| s.as_str() == word);
                let slot = found.ok_or_else(|| {
                    let all: Vec<&str> = Slot::ALL.iter().map(|s| s.as_str()).collect();
                    err(
                        number,
                        format!(
                            "unknown placeholder {{{{{word}}}}}; known: {}",
                            all.join(", ")
                        ),
                    )
                })?;
                pieces.push(Piece::Slot { slot, optional });
                rest = &after[close + 2..];
            }
            if !rest.is_empty() {
                pieces.push(Piece::Text(rest.to_owned()));
            }
            lines.push(pieces);
        }
        while lines.first().is_some_and(Vec::is_empty) {
            lines.remove(0);
        }
        if lines.is_empty() {
            return Err(err(1, "the template has no text".to_owned()));
        }
        Ok(Template {
            name: name.to_owned(),
            about,
            lines,
        })
    }

    /// Every slot the template uses, in order of first use.
    pub fn slots(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for piece in self.lines.iter().flatten() {
            if let Piece::Slot { slot, .. } = piece
                && !out.contains(slot)
            {
                out.push(*slot);
            }
        }
        out
    }
}

/// A rendered draft and the facts it could not fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rendered {
    pub text: String,
    /// Required slots kith had no fact for; each shows in `text` as `[[…]]`.
    pub missing: Vec<Slot>,
}

/// Fills `template` with `value(slot)`. A required slot without a value becomes a visible
/// `[[placeholder]]`; an optional one disappears, and so does its line if nothing else
/// was on it. Blank lines never pile up.
pub fn render(template: &Template, value: impl Fn(Slot) -> Option<String>) -> Rendered {
    let mut missing = Vec::new();
    let mut out: Vec<String> = Vec::new();
    for pieces in &template.lines {
        let mut line = String::new();
        let mut dropped = false;
        for piece in pieces {
            match piece {
                Piece::Text(t) => line.push_str(t),
                Piece::Slot { slot, optional } => {
                    match value(*slot)
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty())
                    {
                        Some(v) => line.push_str(&v),
                        None if *optional => dropped = true,
                        None => {
                            if !missing.contains(slot) {
                                missing.push(*slot);
                            }
                            line.push_str(&format!("[[{}]]", slot.missing()));
                        }
                    }
                }
            }
        }
        let line = line.trim_end().to_owned();
        if dropped && line.trim().is_empty() {
            continue;
        }
        // Two spaces left where an optional slot vanished mid-line become one.
        let line = if dropped {
            line.split("  ").collect::<Vec<_>>().join(" ")
        } else {
            line
        };
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    Rendered {
        text: out.join("\n"),
        missing,
    }
}

/// The first name to greet someone by: the first word of their name.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn now() -> Timestamp {
        "2026-11-20T12:00:00Z".parse().unwrap()
    }

    fn built_in(name: &str) -> Template {
        let text = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap().1;
        Template::parse(name, text).unwrap()
    }

    #[test]
    fn every_built_in_template_parses_and_says_what_it_is_for() {
        for (name, text) in BUILT_IN {
            let t = Template::parse(name, text).unwrap();
            assert!(t.about.is_some(), "{name}");
            assert!(!t.slots().is_empty(), "{name}");
        }
    }

    #[test]
    fn the_template_follows_the_stage() {
        for (stage, thanks, want) in [
            (Stage::New, false, "first-message"),
            (Stage::Contacted, false, "first-message"),
            (Stage::Conversing, false, "follow-up"),
            (Stage::Advocate, false, "follow-up"),
            (Stage::Dormant, false, "reconnect"),
            (Stage::Met, true, "thank-you"),
        ] {
            assert_eq!(template_for(stage, thanks), want, "{stage}");
        }
    }

    #[test]
    fn hooks_come_from_recorded_facts_most_specific_first() {
        let tags = vec!["rust".to_owned(), "berlin".to_owned()];
        let interests = vec!["Rust".to_owned()];
        let facts = HookFacts {
            job_change: Some(("Quarry Devices", now() - (30 * 24).hours())),
            notes: vec!["Good chat. She is migrating the billing service to Rust."],
            person_note: Some("Gave a talk at RustFest on async"),
            event: Some("Rust Meetup Berlin"),
            tags: &tags,
            interests: &interests,
            how_met: Some("met at the Rust meetup"),
        };
        let kinds = |talked| -> Vec<HookKind> {
            hooks(&facts, now(), talked)
                .iter()
                .map(|h| h.kind)
                .collect()
        };
        use HookKind::*;
        assert_eq!(
            kinds(false),
            [JobChange, Event, Project, Project, Community, HowMet]
        );
        assert_eq!(kinds(true), [JobChange, Project, Project, Event, Community]);
        let all = hooks(&facts, now(), true);
        assert_eq!(
            all[0].text,
            "Congratulations on the move to Quarry Devices!"
        );
        assert_eq!(
            all[1].text,
            "Last time you mentioned “She is migrating the billing service to Rust”: how is it going?"
        );
        assert_eq!(all[4].text, "We are both in the rust community.");
        assert_eq!(
            hooks(&facts, now(), false)[5].text,
            "It was good to meet you at the Rust meetup."
        );
        for (how, want) in [
            ("Introduced by Olu Trần", "Olu Trần introduced us."),
            (
                "Reviewed my pull request to Svelte",
                "I still remember how you and I met (reviewed my pull request to Svelte).",
            ),
        ] {
            assert_eq!(how_met_sentence(how), want);
        }
        // An old job change is no news, and nothing shared is no community.
        let stale = HookFacts {
            job_change: Some(("Quarry Devices", now() - (400 * 24).hours())),
            tags: &tags,
            ..HookFacts::default()
        };
        assert!(hooks(&stale, now(), false).is_empty());
    }

    #[test]
    fn missing_facts_become_visible_placeholders_never_text() {
        let t = built_in("first-message");
        let r = render(&t, |slot| match slot {
            Slot::FirstName => Some("Ada".into()),
            _ => None,
        });
        assert_eq!(r.missing, [Slot::Hook, Slot::Me]);
        assert!(
            r.text
                .starts_with("Hi Ada, [[something specific about them"),
            "{}",
            r.text
        );
        assert!(r.text.contains("[[who you are, in one line"), "{}", r.text);
        assert!(
            r.text.ends_with("I would be glad to connect."),
            "{}",
            r.text
        );
    }

    #[test]
    fn optional_slots_vanish_with_their_line() {
        let t = built_in("follow-up");
        let fill = |promise: Option<&str>| {
            render(&t, move |slot| match slot {
                Slot::FirstName => Some("Bo".into()),
                Slot::LastTalk => Some("the coffee chat on Tuesday".into()),
                Slot::Hook => Some("Congratulations on the move to Ferrous!".into()),
                Slot::MyName => Some("Sam".into()),
                Slot::Promise => promise.map(str::to_owned),
                _ => None,
            })
        };
        let without = fill(None);
        assert_eq!(
            without.text,
            "Hi Bo,\n\nThanks again for the coffee chat on Tuesday. Congratulations on the move to Ferrous!\n\nSam"
        );
        assert!(without.missing.is_empty());
        let with = fill(Some("Here is the article on async Rust I promised."));
        assert!(
            with.text
                .contains("\n\nHere is the article on async Rust I promised.\n\nSam")
        );
    }

    #[test]
    fn template_mistakes_name_the_line() {
        let e = Template::parse("mine", "# about\nHi {{first_name}},\n{{favourite_colour}}")
            .unwrap_err();
        assert_eq!(e.line, 3);
        assert!(
            e.to_string()
                .starts_with("template mine, line 3: unknown placeholder {{favourite_colour}}"),
            "{e}"
        );
        let e = Template::parse("mine", "Hi {{first_name").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (1, "a {{ is never closed with }}")
        );
        assert!(Template::parse("empty", "# only a comment\n\n").is_err());
        assert_eq!(first_name("Ada King Lovelace"), "Ada");
    }
}
