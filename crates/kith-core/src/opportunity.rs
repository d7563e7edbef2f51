//! The opportunity side: leads heard through the network, referrals with their life cycle,
//! and applications with their channel. Only the vocabulary and shapes live here so far;
//! the rules around them (the cold-apply guard, the funnel) build on these types.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::{ApplicationId, CompanyId, LeadId, PersonId, ReferralId};
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

impl ReferralStage {
    /// The stage after this one, or `None` once the referrer has been thanked.
    pub fn next(self) -> Option<ReferralStage> {
        let all = Self::ALL;
        let at = all.iter().position(|s| *s == self)?;
        all.get(at + 1).copied()
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
}

/// An opening heard of, posted or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    pub company: CompanyId,
    pub role: String,
    /// Who told the seeker; `None` for a posting found alone.
    pub source: Option<PersonId>,
    pub url: Option<String>,
    pub heard_at: Timestamp,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub id: ReferralId,
    pub referrer: PersonId,
    pub lead: LeadId,
    pub stage: ReferralStage,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Application {
    pub id: ApplicationId,
    pub company: CompanyId,
    pub role: String,
    pub channel: ApplicationChannel,
    pub lead: Option<LeadId>,
    pub status: ApplicationStatus,
    pub applied_at: Timestamp,
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
}
