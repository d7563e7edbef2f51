//! The storage contract kith's domain owns. Backends (SQLite, PostgreSQL) implement these
//! traits; everything above them (the CLI, later the server) speaks only to the traits.
//!
//! A store value is always bound to one owner: there is no method that reads or writes
//! without one, so team mode's isolation is a property of the types, not of care.

mod error;
mod input;
mod opportunity;

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::contact::{Contact, MessageDay};
use kith_core::relationship::Rhythm;
use kith_core::{
    Company, Event, EventId, FollowUp, Handle, Interaction, InteractionId, OwnerId, Person,
    PersonId, PersonLink, Tie, TieId,
};

pub use error::{Result, StoreError};
pub use input::{
    Ambiguity, Attendance, BACKUP_VERSION, BACKUP_VERSIONS_READ, Backup, CompanyPatch,
    CompanySummary, CteRoute, FollowUpFilter, FollowUpRef, HitKind, ImportOptions, ImportOutcome,
    ImportProgress, InteractionExtras, JobChange, MergeChanges, MergeEntry, MergeOutcome,
    MergeRecord, MergeRef, MessagesOutcome, MetOutcome, MovedTie, Namesake, NetworkBatch,
    NewCompany, NewEvent, NewFollowUp, NewInteraction, NewPerson, NewTie, PersonFilter,
    PersonPatch, PitchOutcome, RelationshipRow, RhythmRecord, SearchHit, Sharer, Stored, TieChange,
    TieEdge, TieRow, TouchContext, UndoOutcome,
};
pub use opportunity::{
    NewApplication, NewLead, NewReferral, Opportunities, OpportunityStore, ReferralChange,
    ReferralFollowUp,
};

#[async_trait]
pub trait PersonStore {
    /// Adds a person, choosing a free handle from their name; a company given by name is
    /// found (case-insensitively) or created.
    async fn add_person(&self, new: NewPerson) -> Result<Person>;
    async fn person(&self, handle: &Handle) -> Result<Person>;
    async fn people(&self, filter: &PersonFilter) -> Result<Vec<Person>>;
    async fn edit_person(&self, handle: &Handle, patch: PersonPatch) -> Result<Person>;
    /// Removes the person with their contact details, tags, ties and follow-ups; an
    /// interaction they shared with others stays for the others.
    async fn remove_person(&self, handle: &Handle) -> Result<()>;
    async fn count_people(&self) -> Result<u64>;
}

#[async_trait]
pub trait CompanyStore {
    async fn add_company(&self, new: NewCompany) -> Result<Company>;
    /// By handle, or else by exact name ignoring case.
    async fn company(&self, handle_or_name: &str) -> Result<Company>;
    async fn companies(&self) -> Result<Vec<CompanySummary>>;
    async fn edit_company(&self, handle: &Handle, patch: CompanyPatch) -> Result<Company>;
    /// Removes the company; people who worked there keep everything but the link.
    async fn remove_company(&self, handle: &Handle) -> Result<()>;
    async fn people_at(&self, company: &Handle) -> Result<Vec<Person>>;
}

#[async_trait]
pub trait InteractionStore {
    async fn log_interaction(&self, new: NewInteraction) -> Result<Interaction>;
    /// The person's interactions, newest first.
    async fn interactions_with(&self, person: PersonId, limit: u32) -> Result<Vec<Interaction>>;
}

#[async_trait]
pub trait FollowUpStore {
    async fn add_follow_up(&self, new: NewFollowUp) -> Result<FollowUp>;
    /// Ordered by due date, then number.
    async fn follow_ups(&self, filter: &FollowUpFilter) -> Result<Vec<FollowUp>>;
    /// Marks it done at `at`; a follow-up already done is a `Conflict`.
    async fn complete_follow_up(&self, which: &FollowUpRef, at: Timestamp) -> Result<FollowUp>;
}

#[async_trait]
pub trait NetworkStore {
    async fn ties_of(&self, person: PersonId) -> Result<Vec<Tie>>;
    async fn events(&self) -> Result<Vec<Event>>;
    /// Writes a whole prepared network in one transaction: all of it or none of it.
    async fn insert_network(&self, batch: &NetworkBatch) -> Result<Stored>;
}

#[async_trait]
pub trait SearchStore {
    /// Full-text search over people (names, companies, roles, tags, notes) and the notes of
    /// interactions, best match first.
    async fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>>;
}

#[async_trait]
pub trait ImportStore {
    /// Merges imported contacts into the owner's people in one transaction: each record
    /// updates the person it identifies (see `kith_core::identity`), or creates one; a
    /// record that identifies two people is reported and skipped.
    async fn import_contacts(
        &self,
        contacts: &[Contact],
        options: ImportOptions,
    ) -> Result<ImportOutcome> {
        self.import_contacts_reporting(contacts, options, &|_| {})
            .await
    }

    /// `import_contacts`, telling `progress` where it is as it goes (see `ImportProgress`).
    async fn import_contacts_reporting(
        &self,
        contacts: &[Contact],
        options: ImportOptions,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportOutcome>;

    /// Records a message history in one transaction: each `MessageDay` becomes a LinkedIn
    /// message interaction with the people it was with (found as contacts are, by profile
    /// then name; someone not known yet is created), unless kith has it already — the same
    /// first message time, direction and people — when only a longer text is written.
    async fn import_messages(&self, days: &[MessageDay], dry_run: bool) -> Result<MessagesOutcome>;
}

#[async_trait]
pub trait BackupStore {
    /// Everything the owner has, losslessly, in the fixed order `Backup` documents.
    async fn snapshot(&self) -> Result<Backup>;
    /// Writes a snapshot back exactly (same IDs, handles, numbers, times) into an owner
    /// that has nothing yet; anything stored already is a `Conflict`.
    async fn restore(&self, backup: &Backup) -> Result<Stored>;
}

#[async_trait]
pub trait MergeStore {
    /// Folds `absorb` into `keep`: every email, phone, URL, tag, interaction, tie, follow-up
    /// and job change moves over, empty fields are filled, notes are joined, and the
    /// absorbed person is recorded in the merge history, then removed.
    async fn merge_people(&self, keep: &Handle, absorb: &Handle) -> Result<MergeOutcome>;
    /// Past merges, newest first, undone ones included (with when).
    async fn merges(&self) -> Result<Vec<MergeRecord>>;
    /// Undoes one merge in one transaction: the absorbed person comes back with their ID,
    /// handle, fields, contact details and tags, exactly the rows that were theirs go back
    /// to them, and the kept person's fields, contact details and tags return to what they
    /// were (those changed since stay); rows created since the merge stay with the kept
    /// person, and a rhythm that moved goes back as it is now. Anything that would make it inexact (their handle
    /// taken, a moved row gone, the kept person merged away since, a merge made before kith
    /// recorded what merges move) is a `Conflict`, and nothing is written.
    async fn undo_merge(&self, which: MergeRef) -> Result<UndoOutcome>;
}

#[async_trait]
pub trait RelationshipStore {
    /// Every person with their rhythm and touches, read from the trigger-kept touch log
    /// (one row per person), by handle.
    async fn relationships(&self) -> Result<Vec<RelationshipRow>>;
    /// Only the people whose next touch may fall on or before `due_by` under `cadences`
    /// and who are not dormant at `now`, for the agenda. A superset: it leaves a day's
    /// margin for time zones, and the caller applies the exact rules to what it returns.
    async fn relationships_due(
        &self,
        due_by: jiff::Timestamp,
        now: jiff::Timestamp,
        cadences: &kith_core::relationship::Cadences,
    ) -> Result<Vec<RelationshipRow>>;
    /// One person's, as `relationships` gives it.
    async fn relationship(&self, person: PersonId) -> Result<RelationshipRow>;
    /// Several people's, as `relationships` gives them (people with no touches and no
    /// rhythm too), by handle; IDs that are not the owner's people are left out.
    async fn relationships_of(&self, people: &[PersonId]) -> Result<Vec<RelationshipRow>>;
    /// Replaces the person's rhythm; an empty one removes what was stored.
    async fn set_rhythm(&self, person: PersonId, rhythm: &Rhythm) -> Result<()>;
    /// What could make the next touch with them specific.
    async fn touch_context(&self, person: PersonId) -> Result<TouchContext>;
}

#[async_trait]
pub trait EventStore {
    async fn add_event(&self, new: NewEvent) -> Result<Event>;
    async fn event(&self, number: i64) -> Result<Event>;
    /// Everyone recorded as met at the event, in the order they were met.
    async fn met_at(&self, event: EventId) -> Result<Vec<PersonLink>>;
    /// In one transaction: a meetup interaction at `at` with each person not yet recorded
    /// at the event, a weak inferred `met-at-event` tie between each of them and everyone
    /// met there (unless they are tied already), and a follow-up due `follow_up_by` for each.
    async fn record_met(
        &self,
        event: EventId,
        people: &[PersonId],
        at: jiff::Timestamp,
        follow_up_by: Date,
    ) -> Result<MetOutcome>;
}

#[async_trait]
pub trait TieStore {
    /// Records that `a` and `b` know each other. When they are tied already (either way
    /// round) the declaration replaces how, strength and note, and an inferred tie becomes
    /// a declared one.
    async fn knows(&self, new: NewTie) -> Result<(Tie, TieChange)>;
    /// Removes the tie between them, whichever way round it was recorded.
    async fn forget_tie(&self, a: PersonId, b: PersonId) -> Result<Tie>;
    /// The ties a path search into `from` needs, found layer by layer: the ties of `from`,
    /// then the ties of the people those reach, and so on for `depth` layers. Sorted by
    /// tie ID.
    async fn tie_neighbourhood(&self, from: &[PersonId], depth: u8) -> Result<Vec<TieEdge>>;
    /// The full records of these ties, in the order asked; unknown IDs are left out.
    async fn ties_by_id(&self, ids: &[TieId]) -> Result<Vec<Tie>>;
    /// The latest interaction both took part in, if any.
    async fn last_together(&self, a: PersonId, b: PersonId) -> Result<Option<Interaction>>;
    /// People who used to work at the company (recorded job changes away from it) and
    /// are not there now, by name.
    async fn former_staff(&self, company: &Company) -> Result<Vec<PersonLink>>;
    /// The same question as kith's path search, answered the way a CRM would: one
    /// recursive SQL query walking every tie from every first hop. The best route per
    /// first hop, best first, at most `k`. Kept as the benchmark's baseline and as a
    /// cross-check of the graph search in tests; kith itself never uses it to answer.
    async fn paths_by_cte(
        &self,
        first_hops: &[(PersonId, f64)],
        targets: &[PersonId],
        k: usize,
        max_hops: u8,
    ) -> Result<Vec<CteRoute>>;
}

/// The seeker's side of conversations: profile, pitch versions, own questions, and what
/// is kept beside an interaction.
#[async_trait]
pub trait ConversationStore {
    async fn profile(&self) -> Result<kith_core::draft::Profile>;
    async fn set_profile(&self, profile: &kith_core::draft::Profile) -> Result<()>;
    /// Stores a new version (numbered after the last) and makes it the current one.
    async fn add_pitch(
        &self,
        label: Option<String>,
        body: String,
    ) -> Result<kith_core::pitch::Pitch>;
    /// Every version, oldest first.
    async fn pitches(&self) -> Result<Vec<kith_core::pitch::Pitch>>;
    /// Makes `version` the current pitch.
    async fn use_pitch(&self, version: i64) -> Result<kith_core::pitch::Pitch>;
    /// How each version fared, by version, counting its uses at or after `since`.
    async fn pitch_outcomes(&self, since: Option<Timestamp>) -> Result<Vec<PitchOutcome>>;
    async fn add_question(
        &self,
        text: String,
        purpose: kith_core::questions::Purpose,
    ) -> Result<kith_core::questions::SavedQuestion>;
    async fn own_questions(&self) -> Result<Vec<kith_core::questions::SavedQuestion>>;
    async fn remove_question(&self, number: i64) -> Result<kith_core::questions::SavedQuestion>;
    /// Logs an interaction with its extras, both or neither.
    async fn log_with_extras(
        &self,
        new: NewInteraction,
        pitch: Option<kith_core::PitchId>,
        message: Option<String>,
        findings: Vec<kith_core::outreach::Finding>,
    ) -> Result<(Interaction, InteractionExtras)>;
    async fn extras_of(&self, interactions: &[InteractionId]) -> Result<Vec<InteractionExtras>>;
}

/// Everything one owner's data offers. Obtained from a backend for a given owner.
pub trait Store:
    PersonStore
    + CompanyStore
    + InteractionStore
    + FollowUpStore
    + NetworkStore
    + SearchStore
    + ImportStore
    + BackupStore
    + MergeStore
    + RelationshipStore
    + EventStore
    + TieStore
    + ConversationStore
    + OpportunityStore
    + Send
    + Sync
{
    fn owner(&self) -> OwnerId;
}
