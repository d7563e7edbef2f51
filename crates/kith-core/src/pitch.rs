//! The elevator pitch: numbered versions of who the seeker is, what they do and where they
//! want to be in a year, and the check of one version — how long it takes to say, whether
//! it names the three parts, and the filler to cut. Pure; `kith pitch` stores and shows.

use std::ops::Range;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::PitchId;
use crate::parse::vocabulary;

/// The speaking rate durations are estimated at, in words per minute: an unhurried
/// conversational pace, so a 30-second pitch is about 75 words.
pub const WORDS_PER_MINUTE: u32 = 150;

/// What a pitch should fit in, in seconds.
pub const TARGET_SECONDS: f64 = 30.0;

/// Shorter than this, a pitch cannot say the three things it has to.
pub const MIN_SECONDS: f64 = 8.0;

/// One stored version of the pitch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pitch {
    pub id: PitchId,
    /// 1, 2, 3… per owner, in the order they were written.
    pub version: i64,
    /// An optional name ("for meetups", "career change").
    pub label: Option<String>,
    pub body: String,
    /// The version in use now: `kith log --pitch` records this one unless told otherwise.
    pub current: bool,
    pub created_at: Timestamp,
}

vocabulary!(
    /// What the pitch check can say.
    PitchRule, "pitch rule", {
        /// Longer than thirty seconds at the documented speaking rate.
        TooLong => "too-long",
        /// Too short to say who, what and where next.
        TooShort => "too-short",
        /// Does not say who the seeker is.
        MissingWho => "missing-who",
        /// Does not say what the seeker does.
        MissingWhat => "missing-what",
        /// Does not say where the seeker wants to be in twelve months.
        MissingNext => "missing-next",
        /// A word or phrase that takes time and says nothing, or a cliché.
        Filler => "filler",
    }
);

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitchFinding {
    pub rule: PitchRule,
    /// Byte offsets into the pitch; empty for a part that is missing.
    pub span: Range<usize>,
    pub excerpt: String,
    pub message: String,
}

/// The three parts a pitch must name, each with the words that named it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Parts {
    pub who: Option<String>,
    pub what: Option<String>,
    pub next: Option<String>,
}

/// The check of one pitch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitchCheck {
    pub words: usize,
    /// Estimated spoken duration at [`WORDS_PER_MINUTE`], to a tenth of a second.
    pub seconds: f64,
    pub words_per_minute: u32,
    pub parts: Parts,
    pub findings: Vec<PitchFinding>,
}

impl PitchCheck {
    /// Nothing to fix: the three parts are there, it fits, and no filler.
    pub fn passes(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Debug)]
struct Word {
    lower: String,
    span: Range<usize>,
    /// Starts with an upper-case letter as written.
    capital: bool,
}

fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_word(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let raw = text[s..i].trim_matches(|c| c == '\'' || c == '’' || c == '-');
                if !raw.is_empty() {
                    let offset = s + text[s..i].find(raw).unwrap_or(0);
                    out.push(Word {
                        lower: raw.to_lowercase().replace('’', "'"),
                        span: offset..offset + raw.len(),
                        capital: raw.chars().next().is_some_and(char::is_uppercase),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Where a phrase (lower-case words separated by single spaces) occurs, as word indices.
fn find_phrase(words: &[Word], phrase: &str) -> Vec<Range<usize>> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    if parts.is_empty() || words.len() < parts.len() {
        return Vec::new();
    }
    (0..=words.len() - parts.len())
        .filter(|&i| {
            parts
                .iter()
                .enumerate()
                .all(|(k, p)| words[i + k].lower == *p)
        })
        .map(|i| i..i + parts.len())
        .collect()
}

fn span_of(words: &[Word], at: &Range<usize>) -> Range<usize> {
    words[at.start].span.start..words[at.end - 1].span.end
}

/// First-person openings that name the speaker when a capitalised name follows.
const NAME_OPENERS: &[&str] = &["i'm", "i am", "this is", "im"];
/// Says who the speaker is outright.
const WHO_PHRASES: &[&str] = &["my name is", "my name's"];
/// Nouns that say what someone does for a living.
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "developer",
    "programmer",
    "architect",
    "sre",
    "devops",
    "scientist",
    "analyst",
    "designer",
    "consultant",
    "maintainer",
    "contributor",
    "student",
    "graduate",
    "researcher",
    "lead",
    "manager",
    "tester",
    "administrator",
    "freelancer",
];
/// Verbs of doing the work.
const WORK_VERBS: &[&str] = &[
    "build",
    "builds",
    "building",
    "built",
    "develop",
    "develops",
    "developing",
    "developed",
    "design",
    "designs",
    "designing",
    "designed",
    "write",
    "writes",
    "writing",
    "wrote",
    "maintain",
    "maintains",
    "maintaining",
    "ship",
    "ships",
    "shipping",
    "shipped",
    "code",
    "coding",
    "automate",
    "automating",
    "specialise",
    "specialize",
    "specialising",
    "specializing",
    "work on",
    "working on",
    "worked on",
    "work with",
    "working with",
    "focus on",
    "focusing on",
    "run",
    "running",
    "lead",
    "leading",
    "led",
    "teach",
    "teaching",
    "help",
    "helping",
];
/// Phrases that look a year ahead.
const NEXT_PHRASES: &[&str] = &[
    "in twelve months",
    "in 12 months",
    "in a year",
    "within a year",
    "a year from now",
    "next year",
    "by next year",
    "this time next year",
    "looking for",
    "looking to",
    "i want to",
    "i'd like to",
    "i would like to",
    "i'd love to",
    "i hope to",
    "hoping to",
    "my goal",
    "aiming to",
    "i aim to",
    "i plan to",
    "planning to",
    "next role",
    "next step",
    "move into",
    "moving into",
    "grow into",
    "transition into",
    "become a",
    "becoming a",
    "seeking",
];
/// Filler and clichés: they take seconds and say nothing a listener remembers.
const FILLER: &[&str] = &[
    "um",
    "uh",
    "erm",
    "basically",
    "actually",
    "literally",
    "honestly",
    "kind of",
    "sort of",
    "you know",
    "i guess",
    "i mean",
    "so yeah",
    "and stuff",
    "or something",
    "passionate",
    "team player",
    "hard-working",
    "hardworking",
    "go-getter",
    "self-starter",
    "results-driven",
    "detail-oriented",
    "synergy",
    "rockstar",
    "ninja",
    "guru",
    "think outside the box",
    "wear many hats",
];

fn first_match(words: &[Word], phrases: &[&str]) -> Option<Range<usize>> {
    phrases
        .iter()
        .flat_map(|p| find_phrase(words, p))
        .min_by_key(|r| (r.start, r.end))
}

fn who(words: &[Word]) -> Option<Range<usize>> {
    if let Some(at) = first_match(words, WHO_PHRASES) {
        let end = (at.end + 1).min(words.len());
        return Some(at.start..end);
    }
    for opener in NAME_OPENERS {
        for at in find_phrase(words, opener) {
            match words.get(at.end) {
                // "I'm Sam", "This is Sam"
                Some(next) if next.capital && next.lower != "i" => {
                    return Some(at.start..at.end + 1);
                }
                // "I'm a backend engineer": who they are by what they are
                Some(next) if next.lower == "a" || next.lower == "an" => {
                    let role = (at.end + 1..(at.end + 5).min(words.len()))
                        .find(|&i| ROLE_NOUNS.contains(&words[i].lower.as_str()));
                    if let Some(role) = role {
                        return Some(at.start..role + 1);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn what(words: &[Word]) -> Option<Range<usize>> {
    let verb = first_match(words, WORK_VERBS);
    let role = words
        .iter()
        .position(|w| ROLE_NOUNS.contains(&w.lower.as_str()))
        .map(|i| i..i + 1);
    match (verb, role) {
        (Some(v), Some(r)) => Some(if r.start < v.start { r } else { v }),
        (v, r) => v.or(r),
    }
}

fn excerpt(text: &str, words: &[Word], at: &Range<usize>) -> String {
    text[span_of(words, at)].to_owned()
}

/// Checks a pitch: duration at [`WORDS_PER_MINUTE`], the three parts, filler. Findings in
/// a fixed order: length, missing parts, then filler in text order.
pub fn check(text: &str) -> PitchCheck {
    let words = words(text);
    let count = words.len();
    let seconds = (count as f64 * 60.0 / f64::from(WORDS_PER_MINUTE) * 10.0).round() / 10.0;
    let mut findings = Vec::new();
    if seconds > TARGET_SECONDS {
        let fits = (TARGET_SECONDS * f64::from(WORDS_PER_MINUTE) / 60.0) as usize;
        findings.push(PitchFinding {
            rule: PitchRule::TooLong,
            span: 0..0,
            excerpt: String::new(),
            message: format!(
                "{count} words take about {seconds:.0} seconds to say at {WORDS_PER_MINUTE} words a minute; \
                 cut to about {fits} words to fit in {TARGET_SECONDS:.0}"
            ),
        });
    } else if seconds < MIN_SECONDS {
        findings.push(PitchFinding {
            rule: PitchRule::TooShort,
            span: 0..0,
            excerpt: String::new(),
            message: format!(
                "{count} words (about {seconds:.0} seconds) are too few to say who you are, what you do and where you are going"
            ),
        });
    }
    let parts = Parts {
        who: who(&words).map(|r| excerpt(text, &words, &r)),
        what: what(&words).map(|r| excerpt(text, &words, &r)),
        next: first_match(&words, NEXT_PHRASES).map(|r| excerpt(text, &words, &r)),
    };
    for (found, rule, message) in [
        (
            &parts.who,
            PitchRule::MissingWho,
            "it never says who you are: start with your name, or \"I'm a … engineer\"",
        ),
        (
            &parts.what,
            PitchRule::MissingWhat,
            "it never says what you do: the work, in a verb (\"I build …\") or a role",
        ),
        (
            &parts.next,
            PitchRule::MissingNext,
            "it never says where you want to be in twelve months: the role or problem you are moving towards",
        ),
    ] {
        if found.is_none() {
            findings.push(PitchFinding {
                rule,
                span: 0..0,
                excerpt: String::new(),
                message: message.to_owned(),
            });
        }
    }
    let mut filler: Vec<Range<usize>> =
        FILLER.iter().flat_map(|p| find_phrase(&words, p)).collect();
    filler.sort_by_key(|r| (r.start, r.end));
    for at in filler {
        let said = excerpt(text, &words, &at);
        findings.push(PitchFinding {
            rule: PitchRule::Filler,
            span: span_of(&words, &at),
            message: format!("\"{said}\" takes time and says nothing a listener will remember; cut it or say the concrete thing"),
            excerpt: said,
        });
    }
    PitchCheck {
        words: count,
        seconds,
        words_per_minute: WORDS_PER_MINUTE,
        parts,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<PitchRule> {
        check(text).findings.iter().map(|f| f.rule).collect()
    }

    const GOOD: &str = "I'm Sam Okafor, a backend engineer. For five years I have built payment \
        systems in Rust and Go at a fintech in Lisbon. In twelve months I want to be working on \
        developer tooling, ideally on a team that builds compilers or build systems.";

    #[test]
    fn a_complete_pitch_passes() {
        let c = check(GOOD);
        assert!(c.passes(), "{:?}", c.findings);
        assert_eq!(c.parts.who.as_deref(), Some("I'm Sam"));
        assert_eq!(c.parts.what.as_deref(), Some("engineer"));
        assert_eq!(c.parts.next.as_deref(), Some("In twelve months"));
        assert_eq!(c.words, 44);
        assert_eq!(c.seconds, 17.6);
    }

    #[test]
    fn duration_is_words_at_the_documented_rate() {
        // 75 words at 150 a minute are 30 seconds: still fits; 76 do not.
        let base = "I'm Sam, a developer looking for a platform role.";
        let pad = |n: usize| format!("{base} {}", vec!["word"; n].join(" "));
        let fits = check(&pad(75 - 9));
        assert_eq!((fits.words, fits.seconds), (75, 30.0));
        assert!(!rules(&pad(75 - 9)).contains(&PitchRule::TooLong));
        let over = check(&pad(76 - 9));
        assert_eq!(over.words, 76);
        assert!(
            over.findings[0].message.contains("about 75 words"),
            "{:?}",
            over.findings
        );
        assert_eq!(over.findings[0].rule, PitchRule::TooLong);
    }

    #[test]
    fn missing_parts_are_named() {
        let table: &[(&str, &[PitchRule])] = &[
            (
                "I build data pipelines in Python for a logistics company, and I keep them fast, cheap and reliable for the analysts who depend on them.",
                &[PitchRule::MissingWho, PitchRule::MissingNext],
            ),
            (
                "My name is Ana and next year I want to be part of a small platform team somewhere remote, close to the people I trust.",
                &[PitchRule::MissingWhat],
            ),
            (
                "I'm Ana Lima, a frontend developer who builds accessible design systems for public services, and I care a great deal about forms that work for everyone.",
                &[PitchRule::MissingNext],
            ),
            (
                "Hello there, it is so nice to meet all of you, and thanks a lot for having me here this evening at the meetup tonight.",
                &[
                    PitchRule::MissingWho,
                    PitchRule::MissingWhat,
                    PitchRule::MissingNext,
                ],
            ),
            (
                "I'm Ana.",
                &[
                    PitchRule::TooShort,
                    PitchRule::MissingWhat,
                    PitchRule::MissingNext,
                ],
            ),
        ];
        for (text, want) in table {
            assert_eq!(rules(text), *want, "{text}");
        }
    }

    #[test]
    fn who_needs_a_name_or_a_role() {
        // "I'm looking for" is not a name; "I'm a developer" is who by role.
        assert_eq!(who(&words("I'm looking for a role")), None);
        assert_eq!(
            check("I'm a developer").parts.who.as_deref(),
            Some("I'm a developer")
        );
        assert_eq!(
            check("this is Priya").parts.who.as_deref(),
            Some("this is Priya")
        );
        assert_eq!(
            check("My name is Priya").parts.who.as_deref(),
            Some("My name is Priya")
        );
    }

    #[test]
    fn filler_and_cliches_are_flagged_where_they_are() {
        let text = "I'm Sam, basically a passionate backend engineer, you know, and I'd like to move into SRE work at a larger company next year.";
        let c = check(text);
        let filler: Vec<&str> = c
            .findings
            .iter()
            .filter(|f| f.rule == PitchRule::Filler)
            .map(|f| &text[f.span.clone()])
            .collect();
        assert_eq!(filler, ["basically", "passionate", "you know"]);
        assert!(!rules(GOOD).contains(&PitchRule::Filler));
        // "I'd like to" is not the filler "like".
        assert!(
            !rules("I'm Sam, a developer. I'd like to build compilers next year.")
                .contains(&PitchRule::Filler)
        );
    }

    #[test]
    fn curly_apostrophes_and_empty_text() {
        assert_eq!(
            check("I’m Sam, a developer").parts.who.as_deref(),
            Some("I’m Sam")
        );
        let empty = check("  ");
        assert_eq!((empty.words, empty.seconds), (0, 0.0));
        assert_eq!(empty.findings[0].rule, PitchRule::TooShort);
    }
}
