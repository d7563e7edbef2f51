//! Touchpoint ideas: what to actually send when a relationship is due. Something specific
//! that kith knows (a job change, a promise, a project they mentioned, a favour to return,
//! a shared interest) always comes before anything generic; the generic nudge appears only
//! when nothing is known, and then says so.

use jiff::Timestamp;
use serde::Serialize;

use crate::interaction::{Direction, InteractionKind};
use crate::parse::vocabulary;
use crate::relationship::{Touch, days_between};

vocabulary!(
    /// What a touchpoint does, most specific first.
    IdeaKind, "touchpoint", {
        Congratulate => "congratulate",
        KeepPromise => "keep-promise",
        AskAboutProject => "ask-about-project",
        Thank => "thank",
        Share => "share",
        OfferHelp => "offer-help",
        CheckIn => "check-in",
    }
);

/// A job change counts as news for this long.
pub const JOB_NEWS_DAYS: f64 = 180.0;

/// Words that mark a note as being about something the person is doing.
const PROJECT_WORDS: &[&str] = &[
    "project",
    "working on",
    "building",
    "launch",
    "shipping",
    "migrat",
    "rewrite",
    "a talk",
    "talk at",
    "conference",
    "hiring",
    "side project",
    "writing",
    "book",
    "course",
];

/// What kith knows that could make a touch specific.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    /// The latest recorded job change: where they are now and when kith noticed.
    pub job_change: Option<(&'a str, Timestamp)>,
    /// Open follow-ups with this person, oldest due first.
    pub promises: Vec<&'a str>,
    /// Notes of the latest interactions, newest first.
    pub notes: Vec<&'a str>,
    pub tags: &'a [String],
    pub company: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Idea {
    pub kind: IdeaKind,
    pub text: String,
    pub because: String,
}

/// The sentence of `note` that mentions a project word, trimmed to a readable length.
pub(crate) fn project_sentence(note: &str) -> Option<String> {
    note.split(['.', '!', '?', '\n', ';'])
        .map(str::trim)
        .find(|sentence| {
            let lower = sentence.to_lowercase();
            PROJECT_WORDS.iter().any(|w| lower.contains(w))
        })
        .map(|s| {
            let mut short: String = s.chars().take(90).collect();
            if short.len() < s.len() {
                short.push('…');
            }
            short
        })
}

/// Whether the latest exchange of help or favours went their way to you with nothing back.
fn owe_thanks(touches: &[Touch]) -> Option<Timestamp> {
    use InteractionKind as K;
    let favour = |t: &&Touch| {
        t.direction == Direction::Inbound
            && matches!(t.kind, K::HelpReceived | K::Introduction | K::Referral)
    };
    let latest_favour = touches.iter().filter(favour).map(|t| t.at).max()?;
    let gave_after = touches
        .iter()
        .any(|t| t.kind == K::HelpGiven && t.at > latest_favour);
    (!gave_after).then_some(latest_favour)
}

/// Every idea that applies, the most specific first. Never empty.
pub fn ideas(facts: &Facts<'_>, touches: &[Touch], now: Timestamp) -> Vec<Idea> {
    let mut out = Vec::new();
    if let Some((to, at)) = facts.job_change
        && (0.0..=JOB_NEWS_DAYS).contains(&days_between(at, now))
    {
        out.push(Idea {
            kind: IdeaKind::Congratulate,
            text: format!("Congratulate them on the move to {to}"),
            because: format!(
                "kith recorded the job change on {}",
                at.strftime("%Y-%m-%d")
            ),
        });
    }
    for promise in &facts.promises {
        out.push(Idea {
            kind: IdeaKind::KeepPromise,
            text: format!("Follow up on what you promised: {promise}"),
            because: "an open follow-up with them".into(),
        });
    }
    if let Some(sentence) = facts.notes.iter().find_map(|n| project_sentence(n)) {
        out.push(Idea {
            kind: IdeaKind::AskAboutProject,
            text: format!("Ask how it went: “{sentence}”"),
            because: "from the notes of your last conversations".into(),
        });
    }
    if let Some(at) = owe_thanks(touches) {
        out.push(Idea {
            kind: IdeaKind::Thank,
            text: "Thank them for their help and tell them how it turned out".into(),
            because: format!(
                "they helped you on {} and nothing went back since",
                at.strftime("%Y-%m-%d")
            ),
        });
    }
    if let Some(tag) = facts.tags.first() {
        out.push(Idea {
            kind: IdeaKind::Share,
            text: format!("Share something useful about {tag}"),
            because: format!("you tagged them {}", facts.tags.join(", ")),
        });
    }
    if let Some(company) = facts.company {
        out.push(Idea {
            kind: IdeaKind::OfferHelp,
            text: format!("Offer help with something they are working on at {company}"),
            because: "give before you ask".into(),
        });
    }
    if out.is_empty() {
        out.push(Idea {
            kind: IdeaKind::CheckIn,
            text: "Check in and ask what they are working on".into(),
            because: "nothing specific is recorded yet: a note or a tag makes the next idea better"
                .into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{Inbound as In, Outbound as Out};
    use InteractionKind as K;

    const NOW: i64 = 1_795_000_000;

    fn days_ago(d: i64) -> Timestamp {
        Timestamp::from_second(NOW - d * 86_400).unwrap()
    }

    fn now() -> Timestamp {
        Timestamp::from_second(NOW).unwrap()
    }

    fn t(d: i64, kind: InteractionKind, direction: Direction) -> Touch {
        Touch {
            at: days_ago(d),
            kind,
            direction,
        }
    }

    #[test]
    fn the_most_specific_idea_comes_first() {
        let tags = vec!["rust".to_owned(), "databases".to_owned()];
        let none: Vec<Touch> = Vec::new();
        // (facts, touches, expected first idea, text it must contain)
        let cases: Vec<(Facts<'_>, Vec<Touch>, IdeaKind, &str)> = vec![
            (
                Facts::default(),
                none.clone(),
                IdeaKind::CheckIn,
                "Check in",
            ),
            (
                Facts {
                    job_change: Some(("Ferrous Labs", days_ago(20))),
                    promises: vec!["send the RFC"],
                    tags: &tags,
                    ..Facts::default()
                },
                none.clone(),
                IdeaKind::Congratulate,
                "Ferrous Labs",
            ),
            (
                Facts {
                    job_change: Some(("Ferrous Labs", days_ago(400))),
                    promises: vec!["send the RFC"],
                    ..Facts::default()
                },
                none.clone(),
                IdeaKind::KeepPromise,
                "send the RFC",
            ),
            (
                Facts {
                    notes: vec![
                        "Nice chat. She is migrating the billing service to Rust! Loves climbing.",
                    ],
                    tags: &tags,
                    ..Facts::default()
                },
                none.clone(),
                IdeaKind::AskAboutProject,
                "migrating the billing service",
            ),
            (
                Facts {
                    tags: &tags,
                    ..Facts::default()
                },
                vec![t(10, K::Introduction, In)],
                IdeaKind::Thank,
                "Thank them",
            ),
            (
                Facts {
                    tags: &tags,
                    ..Facts::default()
                },
                vec![t(10, K::Introduction, In), t(5, K::HelpGiven, Out)],
                IdeaKind::Share,
                "rust",
            ),
            (
                Facts {
                    company: Some("Acme"),
                    notes: vec!["Talked about the weather"],
                    ..Facts::default()
                },
                none.clone(),
                IdeaKind::OfferHelp,
                "Acme",
            ),
        ];
        for (facts, touches, kind, text) in cases {
            let got = ideas(&facts, &touches, now());
            assert_eq!(got[0].kind, kind, "{facts:?}: {got:?}");
            assert!(got[0].text.contains(text), "{:?}", got[0]);
            assert!(!got[0].because.is_empty());
            let generic = got.iter().any(|i| i.kind == IdeaKind::CheckIn);
            assert_eq!(
                generic,
                kind == IdeaKind::CheckIn,
                "generic only when nothing is known"
            );
        }
    }

    #[test]
    fn a_future_job_change_is_not_news_yet() {
        let facts = Facts {
            job_change: Some(("Later Inc", days_ago(-3))),
            ..Facts::default()
        };
        assert_eq!(ideas(&facts, &[], now())[0].kind, IdeaKind::CheckIn);
    }
}
