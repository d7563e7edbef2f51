//! The opportunity side: target companies with a tier, a status and a values fit; leads
//! heard through the network; referrals with their life cycle; applications with their
//! channel and status history; weekly goals. The records live here, the rules in the
//! submodules: the cold-apply guard (`guard`), the referral life cycle (`referral`), the
//! funnels (`funnel`), the values fit (`fit`) and the week against its goals (`week`).

pub mod fit;
pub mod funnel;
pub mod guard;
pub mod referral;
pub mod week;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::{ApplicationId, CompanyId, InteractionId, LeadId, PersonId, ReferralId};
use crate::parse::vocabulary;

vocabulary!(
    /// The referral life cycle, in order.
    ReferralStage, "referral stage", {
        Considered => "considered",
        Asked => "asked",
        Agreed => "agreed",
        MaterialsSent => "materials-sent",
        Submitted => "submitted",
        Outcome => "outcome",
        Thanked => "thanked",
    }
);

vocabulary!(
    /// How an application reached the company.
    ApplicationChannel, "application channel", {
        Cold => "cold",
        Referral => "referral",
        Recruiter => "recruiter",
        Network => "network",
    }
);

vocabulary!(
    ApplicationStatus, "application status", {
        Applied => "applied",
        Screening => "screening",
        Interviewing => "interviewing",
        Offer => "offer",
        Rejected => "rejected",
        Ghosted => "ghosted",
        Withdrawn => "withdrawn",
    }
);

vocabulary!(
    /// How far things have come with a target company, in order.
    TargetStatus, "target status", {
        Researching => "researching",
        Target => "target",
        Engaged => "engaged",
        Applied => "applied",
        Interviewing => "interviewing",
        Offer => "offer",
        Closed => "closed",
    }
);

impl ReferralStage {
    /// The stage after this one, or `None` once the referrer has been thanked.
    pub fn next(self) -> Option<ReferralStage> {
        let all = Self::ALL;
        let at = all.iter().position(|s| *s == self)?;
        all.get(at + 1).copied()
    }

    /// Whether the referral still needs something from the seeker or the referrer: every
    /// stage before the outcome is known.
    pub fn is_open(self) -> bool {
        self < ReferralStage::Outcome
    }
}

impl ApplicationStatus {
    /// Whether nothing more is expected to happen to the application.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Offer | Self::Rejected | Self::Ghosted | Self::Withdrawn
        )
    }

    /// Where the status sits on the way to an offer (applied 0 … offer 3); the endings
    /// that are not an offer have no place on it.
    pub fn progress(self) -> Option<u8> {
        match self {
            Self::Applied => Some(0),
            Self::Screening => Some(1),
            Self::Interviewing => Some(2),
            Self::Offer => Some(3),
            Self::Rejected | Self::Ghosted | Self::Withdrawn => None,
        }
    }
}

/// An application may move to any status but its current one and `applied`, where every
/// application starts: a ghosted one can come back to life as screening, an offer can
/// still be withdrawn.
pub fn check_application_move(
    from: ApplicationStatus,
    to: ApplicationStatus,
) -> Result<(), crate::ParseError> {
    if to == from || to == ApplicationStatus::Applied {
        let others: Vec<&str> = ApplicationStatus::ALL
            .iter()
            .filter(|s| **s != from && **s != ApplicationStatus::Applied)
            .map(|s| s.as_str())
            .collect();
        return Err(crate::ParseError::new(
            "application status",
            to.as_str(),
            format!("a new status (it is {from}): one of {}", others.join(", ")),
        ));
    }
    Ok(())
}

/// The tiers a target can have: 1 is a dream company, 3 a fallback.
pub const TIERS: std::ops::RangeInclusive<u8> = 1..=3;

/// A company the seeker is aiming at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub company: CompanyId,
    pub tier: u8,
    pub status: TargetStatus,
    pub updated_at: Timestamp,
}

/// One value of the seeker's rubric (their words) with how much it matters, 0–5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Value {
    pub name: String,
    pub weight: u8,
}

/// How a company scores on one value (0–5), with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueScore {
    pub company: CompanyId,
    pub value: String,
    pub score: u8,
    /// What was heard or read, in the seeker's words.
    pub evidence: Option<String>,
    /// The conversation it was heard in.
    pub interaction: Option<InteractionId>,
    pub scored_at: Timestamp,
}

/// The highest weight or score a value can have.
pub const SCALE_MAX: u8 = 5;

/// An opening heard of, posted or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    /// Short per-owner number, as typed (`--lead 3`).
    pub number: i64,
    pub company: CompanyId,
    pub role: String,
    /// Who told the seeker; `None` for a posting found alone.
    pub source: Option<PersonId>,
    pub url: Option<String>,
    pub heard_at: Timestamp,
    pub note: Option<String>,
    pub next_step: Option<String>,
    /// When the seeker closed it (filled, gone, not for them); open until then.
    pub closed_at: Option<Timestamp>,
}

/// One step of a referral's or an application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move<S> {
    pub to: S,
    pub at: Timestamp,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: ReferralId,
    pub number: i64,
    pub referrer: PersonId,
    pub lead: LeadId,
    pub stage: ReferralStage,
    /// Every stage it went through, the first one included, oldest first.
    pub history: Vec<Move<ReferralStage>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: ApplicationId,
    pub number: i64,
    pub company: CompanyId,
    pub role: String,
    pub channel: ApplicationChannel,
    pub lead: Option<LeadId>,
    /// Whether the CV and letter were tailored to the role, when the seeker said.
    pub tailored: Option<bool>,
    pub status: ApplicationStatus,
    pub applied_at: Timestamp,
    /// When the cold-apply guard was overridden (`--anyway`): what it said.
    pub guard_override: Option<String>,
    pub note: Option<String>,
    /// Every status it went through, `applied` first, oldest first.
    pub history: Vec<Move<ApplicationStatus>>,
}

impl Application {
    /// The furthest it got on the way to an offer, whatever it ended as.
    pub fn furthest(&self) -> u8 {
        self.history
            .iter()
            .filter_map(|m| m.to.progress())
            .chain(self.status.progress())
            .max()
            .unwrap_or(0)
    }
}

/// What the seeker aims for each week, and the most applications they allow themselves.
/// `None` is no goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goals {
    pub new_conversations: Option<u32>,
    pub coffee_chats: Option<u32>,
    pub follow_ups_done: Option<u32>,
    pub applications: Option<u32>,
    /// At most this many applications a week: quality over quantity.
    pub application_cap: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referral_stages_advance_in_order_and_end_at_thanks() {
        let mut stage = ReferralStage::Considered;
        let mut seen = vec![stage];
        while let Some(next) = stage.next() {
            seen.push(next);
            stage = next;
        }
        assert_eq!(seen, ReferralStage::ALL);
        assert_eq!(stage, ReferralStage::Thanked);
    }

    #[test]
    fn only_settled_applications_are_final() {
        assert!(!ApplicationStatus::Interviewing.is_final());
        assert!(ApplicationStatus::Ghosted.is_final());
    }

    #[test]
    fn applications_move_anywhere_but_back_to_applied_or_in_place() {
        use ApplicationStatus as S;
        let cases = [
            (S::Applied, S::Screening, true),
            (S::Applied, S::Ghosted, true),
            (S::Ghosted, S::Screening, true),
            (S::Offer, S::Withdrawn, true),
            (S::Screening, S::Screening, false),
            (S::Screening, S::Applied, false),
        ];
        for (from, to, ok) in cases {
            assert_eq!(
                check_application_move(from, to).is_ok(),
                ok,
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn an_application_rejected_after_interviews_got_as_far_as_interviews() {
        let at = Timestamp::UNIX_EPOCH;
        let step = |to| Move { to, at, note: None };
        let app = Application {
            id: ApplicationId::new(),
            number: 1,
            company: CompanyId::new(),
            role: "Engineer".into(),
            channel: ApplicationChannel::Cold,
            lead: None,
            tailored: None,
            status: ApplicationStatus::Rejected,
            applied_at: at,
            guard_override: None,
            note: None,
            history: vec![
                step(ApplicationStatus::Applied),
                step(ApplicationStatus::Interviewing),
                step(ApplicationStatus::Rejected),
            ],
        };
        assert_eq!(app.furthest(), 2);
    }
}
