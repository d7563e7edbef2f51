//! The opportunity side's storage contract: targets and the values rubric, leads,
//! referrals with the follow-ups their stages leave, applications with their histories,
//! and weekly goals.

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::opportunity::{
    Application, ApplicationChannel, ApplicationStatus, Goals, Lead, Referral, ReferralStage,
    Target, TargetStatus, Value, ValueScore,
};
use kith_core::{CompanyId, FollowUp, FollowUpId, InteractionId, LeadId, PersonId, ReferralId};
use serde::{Deserialize, Serialize};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLead {
    pub company: CompanyId,
    pub role: String,
    pub source: Option<PersonId>,
    pub url: Option<String>,
    pub heard_at: Timestamp,
    pub note: Option<String>,
    pub next_step: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReferral {
    pub referrer: PersonId,
    pub lead: LeadId,
    /// Where it starts: usually asked, or only considered.
    pub stage: ReferralStage,
    pub at: Timestamp,
    /// The seeker's today, from which the stage's follow-up is dated.
    pub today: Date,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub company: CompanyId,
    pub role: String,
    pub channel: ApplicationChannel,
    pub lead: Option<LeadId>,
    pub tailored: Option<bool>,
    pub applied_at: Timestamp,
    /// What the cold-apply guard said, when the seeker went ahead anyway.
    pub guard_override: Option<String>,
    pub note: Option<String>,
}

/// A referral after a change of stage, with what happened to its follow-ups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferralChange {
    pub referral: Referral,
    /// Open follow-ups of earlier stages, now done.
    pub completed: Vec<FollowUp>,
    /// The follow-up the new stage needs, if any.
    pub follow_up: Option<FollowUp>,
    /// On reaching `submitted`: the inbound referral logged with the referrer (it makes
    /// them an advocate, as any logged referral does).
    pub logged: Option<kith_core::Interaction>,
}

/// A follow-up a referral's stage left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReferralFollowUp {
    pub referral: ReferralId,
    pub follow_up: FollowUpId,
}

/// Everything on the opportunity side, as a backup or a batch carries it: targets by
/// company ID, the rubric in its order, scores by company ID then value, leads, referrals
/// and applications by number, referral follow-ups by referral then follow-up ID.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Opportunities {
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub values: Vec<Value>,
    #[serde(default)]
    pub value_scores: Vec<ValueScore>,
    #[serde(default)]
    pub leads: Vec<Lead>,
    #[serde(default)]
    pub referrals: Vec<Referral>,
    #[serde(default)]
    pub referral_follow_ups: Vec<ReferralFollowUp>,
    #[serde(default)]
    pub applications: Vec<Application>,
    #[serde(default)]
    pub goals: Option<Goals>,
}

impl Opportunities {
    pub fn is_empty(&self) -> bool {
        self == &Opportunities::default()
    }
}

#[async_trait]
pub trait OpportunityStore {
    /// Makes the company a target (and sets its `target` flag), or changes its tier or
    /// status. A new target starts at tier 2, researching, unless told otherwise.
    async fn set_target(
        &self,
        company: CompanyId,
        tier: Option<u8>,
        status: Option<TargetStatus>,
    ) -> Result<Target>;
    /// By company ID.
    async fn targets(&self) -> Result<Vec<Target>>;
    /// Replaces the rubric (names unique, weights 0–5). Scores for values it no longer
    /// names are removed with them.
    async fn set_values(&self, rubric: &[Value]) -> Result<Vec<Value>>;
    /// The rubric in the order it was given.
    async fn values(&self) -> Result<Vec<Value>>;
    /// Sets (or replaces) a company's score on one value of the rubric.
    async fn score_company(
        &self,
        company: CompanyId,
        value: &str,
        score: u8,
        evidence: Option<String>,
        interaction: Option<InteractionId>,
        at: Timestamp,
    ) -> Result<ValueScore>;
    /// A company's scores, in the rubric's order.
    async fn value_scores(&self, company: CompanyId) -> Result<Vec<ValueScore>>;

    async fn add_lead(&self, new: NewLead) -> Result<Lead>;
    /// By number.
    async fn leads(&self) -> Result<Vec<Lead>>;
    async fn lead(&self, number: i64) -> Result<Lead>;
    /// Closes an open lead at `at` (a closed one is a `Conflict`).
    async fn close_lead(&self, number: i64, at: Timestamp) -> Result<Lead>;

    /// Starts a referral, with the follow-up its first stage needs, in one transaction.
    async fn add_referral(&self, new: NewReferral) -> Result<ReferralChange>;
    /// Moves a referral on (forward only, `kith_core::opportunity::referral::check_move`):
    /// completes its open follow-ups at `at` and leaves the one the new stage needs; on
    /// reaching `submitted`, logs an inbound referral interaction with the referrer.
    async fn move_referral(
        &self,
        number: i64,
        to: ReferralStage,
        at: Timestamp,
        today: Date,
        note: Option<String>,
    ) -> Result<ReferralChange>;
    /// By number.
    async fn referrals(&self) -> Result<Vec<Referral>>;
    async fn referral(&self, number: i64) -> Result<Referral>;

    async fn add_application(&self, new: NewApplication) -> Result<Application>;
    /// By number.
    async fn applications(&self) -> Result<Vec<Application>>;
    async fn application(&self, number: i64) -> Result<Application>;
    /// Records a new status (`kith_core::opportunity::check_application_move`).
    async fn move_application(
        &self,
        number: i64,
        to: ApplicationStatus,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<Application>;

    async fn goals(&self) -> Result<Goals>;
    async fn set_goals(&self, goals: Goals) -> Result<Goals>;

    /// Everything above, as a backup holds it.
    async fn opportunities(&self) -> Result<Opportunities>;
}
