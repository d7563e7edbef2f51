//! The question bank for coffee chats and informational interviews, and the rule that picks
//! questions for one person: by how far the relationship has come and what is known about
//! them. Pure; `kith prep` prints what it picks.

use std::borrow::Cow;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::QuestionId;
use crate::parse::vocabulary;
use crate::relationship::Stage;

vocabulary!(
    /// What a question is for.
    Purpose, "question purpose", {
        Rapport => "rapport",
        Projects => "projects",
        Challenges => "challenges",
        Stack => "stack",
        Path => "path",
        Advice => "advice",
        Culture => "culture",
        Hiring => "hiring",
    }
);

/// One question in the bank: built in, or the seeker's own (`number` set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub text: Cow<'static, str>,
    pub purpose: Purpose,
    /// The seeker's own questions have a number (`kith questions rm N`); built-in ones none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}

const fn q(text: &'static str, purpose: Purpose) -> Question {
    Question {
        text: Cow::Borrowed(text),
        purpose,
        number: None,
    }
}

/// A question the seeker added to the bank (`kith questions add`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuestion {
    pub id: QuestionId,
    pub number: i64,
    pub text: String,
    pub purpose: Purpose,
    pub created_at: Timestamp,
}

impl SavedQuestion {
    pub fn question(&self) -> Question {
        Question {
            text: Cow::Owned(self.text.clone()),
            purpose: self.purpose,
            number: Some(self.number),
        }
    }
}

/// The bank to pick from: the seeker's own questions first (they chose them for a reason),
/// then the built-in ones.
pub fn bank_with(own: &[SavedQuestion]) -> Vec<Question> {
    own.iter()
        .map(SavedQuestion::question)
        .chain(BANK.iter().cloned())
        .collect()
}

/// The questions kith ships with: open, about them, none of them an ask.
pub const BANK: &[Question] = &[
    q(
        "What are you working on these days that you are excited about?",
        Purpose::Rapport,
    ),
    q("How did you end up in your current role?", Purpose::Path),
    q(
        "What did you wish you had known when you started out?",
        Purpose::Advice,
    ),
    q(
        "What is the hardest problem your team is facing right now?",
        Purpose::Challenges,
    ),
    q(
        "What does a typical week look like for you?",
        Purpose::Culture,
    ),
    q(
        "Which project are you proudest of, and why?",
        Purpose::Projects,
    ),
    q(
        "What is your stack, and what would you change about it?",
        Purpose::Stack,
    ),
    q(
        "How are technical decisions made on your team?",
        Purpose::Culture,
    ),
    q(
        "What do the people who do well there have in common?",
        Purpose::Culture,
    ),
    q(
        "What skills would you focus on if you were starting again today?",
        Purpose::Advice,
    ),
    q("Who else do you think I should talk to?", Purpose::Advice),
    q(
        "How does your team bring new people up to speed?",
        Purpose::Hiring,
    ),
    q(
        "What does the team look for when it hires?",
        Purpose::Hiring,
    ),
    q(
        "How has the company changed since you joined?",
        Purpose::Culture,
    ),
    q("What are you learning at the moment?", Purpose::Rapport),
    q(
        "If you could change one thing about how your team works, what would it be?",
        Purpose::Challenges,
    ),
    q(
        "What have you built that you wish more people knew about?",
        Purpose::Projects,
    ),
];

/// What is known about the person that steers the choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    /// They work somewhere kith knows.
    pub company: bool,
    /// That company is one the seeker wants to work at.
    pub target: bool,
    /// They changed jobs recently.
    pub job_change: bool,
}

/// The purposes worth asking about, in order, for a relationship at `stage`.
///
/// Early on (new, contacted, dormant) the conversation is for rapport and their path;
/// once talking (conversing) their work, challenges and stack; once met or closer, advice
/// and the culture of their company. Hiring questions come only at a target company and
/// only once the relationship is past the first conversation.
pub fn purposes(stage: Stage, known: Known) -> Vec<Purpose> {
    use Purpose::*;
    let mut out = match stage {
        Stage::New | Stage::Contacted | Stage::Dormant => vec![Rapport, Path, Projects, Advice],
        Stage::Conversing => vec![Projects, Challenges, Stack, Path, Advice],
        Stage::Met | Stage::Connected | Stage::Advocate => {
            vec![Challenges, Advice, Culture, Stack, Projects]
        }
    };
    if known.job_change {
        out.insert(0, Path);
    }
    if !known.company {
        out.retain(|p| !matches!(p, Culture | Stack));
    }
    if known.target && matches!(stage, Stage::Met | Stage::Connected | Stage::Advocate) {
        out.insert(1.min(out.len()), Hiring);
    }
    let mut seen = Vec::new();
    out.retain(|p| {
        let first = !seen.contains(p);
        seen.push(*p);
        first
    });
    out
}

/// Up to `n` questions from `bank` for this person: round-robin over `purposes`, each
/// purpose's questions in bank order, never the same question twice.
pub fn pick(bank: &[Question], stage: Stage, known: Known, n: usize) -> Vec<&Question> {
    let wanted = purposes(stage, known);
    let mut picked: Vec<&Question> = Vec::new();
    let mut round = 0;
    while picked.len() < n {
        let mut added = false;
        for purpose in &wanted {
            if picked.len() >= n {
                break;
            }
            if let Some(question) = bank.iter().filter(|q| q.purpose == *purpose).nth(round) {
                picked.push(question);
                added = true;
            }
        }
        if !added {
            break;
        }
        round += 1;
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn purposes_of(picked: &[&Question]) -> Vec<Purpose> {
        picked.iter().map(|q| q.purpose).collect()
    }

    #[test]
    fn questions_follow_the_stage() {
        use Purpose::*;
        let at_work = Known {
            company: true,
            ..Known::default()
        };
        for (stage, known, first) in [
            (
                Stage::New,
                Known::default(),
                vec![Rapport, Path, Projects, Advice],
            ),
            (
                Stage::Contacted,
                at_work,
                vec![Rapport, Path, Projects, Advice],
            ),
            (
                Stage::Conversing,
                at_work,
                vec![Projects, Challenges, Stack, Path, Advice],
            ),
            (
                Stage::Conversing,
                Known::default(),
                vec![Projects, Challenges, Path, Advice],
            ),
            (
                Stage::Met,
                at_work,
                vec![Challenges, Advice, Culture, Stack, Projects],
            ),
            (
                Stage::Advocate,
                Known {
                    target: true,
                    ..at_work
                },
                vec![Challenges, Hiring, Advice, Culture, Stack, Projects],
            ),
            (
                Stage::Contacted,
                Known {
                    target: true,
                    job_change: true,
                    ..at_work
                },
                vec![Path, Rapport, Projects, Advice],
            ),
        ] {
            assert_eq!(purposes(stage, known), first, "{stage} {known:?}");
        }
    }

    #[test]
    fn hiring_never_comes_up_early() {
        let target = Known {
            company: true,
            target: true,
            job_change: false,
        };
        for stage in [
            Stage::New,
            Stage::Contacted,
            Stage::Conversing,
            Stage::Dormant,
        ] {
            let picked = pick(BANK, stage, target, 10);
            assert!(
                !purposes_of(&picked).contains(&Purpose::Hiring),
                "{stage}: {picked:?}"
            );
        }
    }

    #[test]
    fn picks_are_distinct_bounded_and_deterministic() {
        let known = Known {
            company: true,
            target: true,
            job_change: true,
        };
        let picked = pick(BANK, Stage::Met, known, 6);
        assert_eq!(picked.len(), 6);
        let mut texts: Vec<&str> = picked.iter().map(|q| q.text.as_ref()).collect();
        assert_eq!(picked, pick(BANK, Stage::Met, known, 6));
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), 6, "no question twice");
        // Asking for more than the purposes hold stops at what there is.
        let all = pick(BANK, Stage::New, Known::default(), 100);
        assert!(all.len() < BANK.len() && !all.is_empty());
        assert!(pick(BANK, Stage::New, Known::default(), 0).is_empty());
    }

    #[test]
    fn the_seekers_own_questions_come_first_for_their_purpose() {
        let own = |number, text: &str, purpose| SavedQuestion {
            id: QuestionId::new(),
            number,
            text: text.to_owned(),
            purpose,
            created_at: jiff::Timestamp::UNIX_EPOCH,
        };
        let saved = [
            own(
                1,
                "Which Rust crates does your team lean on?",
                Purpose::Stack,
            ),
            own(2, "Who hires for your team, and how?", Purpose::Hiring),
        ];
        let bank = bank_with(&saved);
        assert_eq!(bank.len(), BANK.len() + 2);
        let at_work = Known {
            company: true,
            ..Known::default()
        };
        let picked = pick(&bank, Stage::Conversing, at_work, 5);
        let stack = picked.iter().find(|q| q.purpose == Purpose::Stack).unwrap();
        assert_eq!(stack.text, "Which Rust crates does your team lean on?");
        assert_eq!(stack.number, Some(1));
        // The stage rule still holds for the seeker's own hiring question.
        assert!(
            picked.iter().all(|q| q.purpose != Purpose::Hiring),
            "{picked:?}"
        );
    }
}
