//! The outreach linter: checks a message before it is sent against the method kith
//! encodes (no ask in a first message, make it about them, give before you ask) and
//! returns findings that point at the words to change. Pure and deterministic: the same
//! message and context always give the same findings. `docs/outreach.md` states the rules
//! in prose, with their measured precision and recall.
//!
//! Precision comes before recall: a rule fires only on wording it can name (an ask verb
//! in a request, a stock salutation), and stays quiet when the context says otherwise
//! (thanks for a past favour, a congratulation, an offer of help, quoted text).

mod rules;
mod text;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::interaction::Channel;
use crate::parse::vocabulary;
use crate::relationship::Stage;

/// LinkedIn's limit on the note sent with an invitation to connect, in characters.
pub const LINKEDIN_NOTE_LIMIT: usize = 300;

/// Beyond this many words a message to someone who does not know the seeker yet is too
/// long to be read on a phone.
pub const COLD_MESSAGE_WORD_LIMIT: usize = 150;

vocabulary!(
    /// The rules, each with a stable id used in output, JSON and docs.
    RuleId, "outreach rule", {
        /// An ask (referral, job, interview, mentorship, a call, a résumé) the relationship has not earned yet.
        PrematureAsk => "premature-ask",
        /// A first message with nothing specific to the recipient in it.
        NoPersonalHook => "no-personal-hook",
        /// A message about the sender rather than the recipient.
        AboutMe => "about-me",
        /// Longer than the channel allows or a stranger will read.
        TooLong => "too-long",
        /// A salutation that could go to anyone, or a template placeholder left in.
        GenericSalutation => "generic-salutation",
        /// Two or more different asks in one message.
        SeveralAsks => "several-asks",
        /// An ask to someone who has helped the seeker more than the seeker has helped them.
        GiveFirst => "give-first",
    }
);

vocabulary!(
    /// How much a finding matters: an error should be fixed before sending, a warning
    /// deserves a second look, an info is a hint.
    Severity, "severity", {
        Error => "error",
        Warning => "warning",
        Info => "info",
    }
);

/// How many favours have gone each way between the seeker and the recipient.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Favours {
    /// Help the seeker gave them.
    pub given: u32,
    /// Help the seeker received from them.
    pub received: u32,
}

impl Favours {
    /// Counted from the interactions with them: help given and help received.
    pub fn from_touches(touches: &[crate::relationship::Touch]) -> Favours {
        use crate::interaction::InteractionKind as K;
        let count = |kind: K| touches.iter().filter(|t| t.kind == kind).count() as u32;
        Favours {
            given: count(K::HelpGiven),
            received: count(K::HelpReceived),
        }
    }

    /// Given minus received: negative when the seeker has taken more than given.
    pub fn balance(self) -> i64 {
        i64::from(self.given) - i64::from(self.received)
    }

    /// The ledger in words, for `kith person show` and `kith prep`.
    pub fn describe(self) -> String {
        let times = |n: u32| {
            if n == 1 {
                "once".to_owned()
            } else {
                format!("{n} times")
            }
        };
        match (self.given, self.received) {
            (0, 0) => "no help either way yet".to_owned(),
            (g, 0) => format!("you helped {}; they have not helped you yet", times(g)),
            (0, r) => format!(
                "they helped you {}; you have not helped them yet — give first",
                times(r)
            ),
            (g, r) => format!("you helped {}, they helped you {}", times(g), times(r)),
        }
    }
}

/// What kith knows about the recipient and the channel. Every field is optional: with no
/// context the message is read as a first message on an unknown channel.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LintContext {
    pub stage: Option<Stage>,
    pub channel: Option<Channel>,
    pub recipient_name: Option<String>,
    /// Recorded facts about the recipient that make a personal hook: their company, a job
    /// change, a talk, a project, a shared tag. A message mentioning one has a hook.
    pub facts: Vec<String>,
    pub favours: Option<Favours>,
}

/// One thing wrong with a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Byte offsets into the message, on char boundaries.
    pub span: Range<usize>,
    /// The message's text at `span`.
    pub excerpt: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Which way to rewrite it.
    pub suggestion: String,
}

/// Checks `message` as it would be sent to someone described by `ctx`. Findings come
/// sorted by span (start, then end), then by rule.
pub fn lint(message: &str, ctx: &LintContext) -> Vec<Finding> {
    let text = text::Text::new(message);
    let mut findings: Vec<Finding> = rules::check(&text, message, ctx)
        .into_iter()
        .map(|raw| Finding {
            rule: raw.rule,
            severity: raw.severity,
            excerpt: message.get(raw.span.clone()).unwrap_or_default().to_owned(),
            span: raw.span,
            message: raw.message,
            suggestion: raw.suggestion,
        })
        .collect();
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    findings
}

#[cfg(test)]
mod ledger_tests {
    use super::Favours;
    use crate::interaction::{Direction, InteractionKind as K};
    use crate::relationship::Touch;

    #[test]
    fn the_favours_ledger_counts_help_each_way() {
        let at = jiff::Timestamp::UNIX_EPOCH;
        let touch = |kind| Touch {
            at,
            kind,
            direction: Direction::Outbound,
        };
        let touches = [
            touch(K::HelpReceived),
            touch(K::Message),
            touch(K::HelpReceived),
        ];
        let ledger = Favours::from_touches(&touches);
        assert_eq!(
            (ledger.given, ledger.received, ledger.balance()),
            (0, 2, -2)
        );
        assert!(
            ledger.describe().contains("give first"),
            "{}",
            ledger.describe()
        );
        let even = Favours::from_touches(&[touch(K::HelpGiven), touch(K::HelpReceived)]);
        assert_eq!(even.describe(), "you helped once, they helped you once");
        assert_eq!(Favours::default().describe(), "no help either way yet");
    }
}

#[cfg(test)]
mod corpus;
#[cfg(test)]
mod tests;
