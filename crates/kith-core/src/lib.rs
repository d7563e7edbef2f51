//! kith's domain: the types every other crate speaks, their typed IDs, and the rules.
//!
//! Nothing here does I/O, awaits, or knows SQL. Time comes in as an argument, never
//! read from a clock inside a rule, so every rule is a plain function tested with tables.

pub mod company;
pub mod contact;
pub mod draft;
pub mod event;
pub mod follow_up;
pub mod garden;
pub mod handle;
pub mod id;
pub mod identity;
pub mod interaction;
pub mod intro;
pub mod opportunity;
pub mod outreach;
pub mod path;
pub mod person;
pub mod pitch;
pub mod questions;
pub mod relationship;
pub mod tie;
pub mod touchpoint;
pub mod when;

mod parse;

pub use company::{Company, CompanySize, RemotePolicy};
pub use event::Event;
pub use follow_up::FollowUp;
pub use handle::Handle;
pub use id::{
    ApplicationId, CompanyId, EventId, FollowUpId, InteractionId, LeadId, OwnerId, PersonId,
    PitchId, QuestionId, ReferralId, TieId,
};
pub use interaction::{Channel, Direction, Interaction, InteractionKind};
pub use parse::ParseError;
pub use person::{CompanyLink, Person, PersonLink};
pub use tie::{Tie, TieKind, TieStrength};
