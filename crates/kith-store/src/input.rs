//! What callers hand to the store (new records, patches, filters) and the shapes it hands
//! back that are not domain records themselves (summaries, search hits).

use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::relationship::{Rhythm, Touch};
use kith_core::{
    Channel, Company, CompanySize, Direction, Event, EventId, FollowUp, FollowUpId, Interaction,
    InteractionId, InteractionKind, Person, PersonId, PersonLink, RemotePolicy, Tie, TieId,
    TieKind, TieStrength,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewPerson {
    pub name: String,
    /// A company name; found ignoring case or created.
    pub company: Option<String>,
    pub role: Option<String>,
    pub location: Option<String>,
    pub how_met: Option<String>,
    pub note: Option<String>,
    /// `1985-04-12`, `--04-12` or `04-12` (`kith_core::person::normalize_birthday`).
    pub birthday: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    pub tags: Vec<String>,
}

/// A change to a person. `Some(None)` clears a field; lists are edited by adding and
/// removing values, never replaced wholesale, so an edit cannot drop data it did not name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub company: Option<Option<String>>,
    pub role: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub how_met: Option<Option<String>>,
    pub note: Option<Option<String>>,
    pub birthday: Option<Option<String>>,
    pub add_emails: Vec<String>,
    pub remove_emails: Vec<String>,
    pub add_phones: Vec<String>,
    pub remove_phones: Vec<String>,
    pub add_urls: Vec<String>,
    pub remove_urls: Vec<String>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    /// Former names to forget (`Person::former_names`), compared as names are (case and
    /// spacing aside). A rename keeps the old name by itself.
    pub forget_names: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonFilter {
    pub tag: Option<String>,
    /// A company handle or name.
    pub company: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewCompany {
    pub name: String,
    pub domain: Option<String>,
    pub location: Option<String>,
    pub size: Option<CompanySize>,
    pub remote_policy: Option<RemotePolicy>,
    pub notes: Option<String>,
    pub target: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompanyPatch {
    pub name: Option<String>,
    pub domain: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub size: Option<Option<CompanySize>>,
    pub remote_policy: Option<Option<RemotePolicy>>,
    pub notes: Option<Option<String>>,
    pub target: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompanySummary {
    #[serde(flatten)]
    pub company: Company,
    /// People currently linked to the company.
    pub people: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewInteraction {
    pub kind: InteractionKind,
    pub occurred_at: Timestamp,
    pub channel: Option<Channel>,
    pub direction: Direction,
    pub note: Option<String>,
    pub people: Vec<PersonId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewFollowUp {
    pub person: Option<PersonId>,
    pub action: String,
    pub due: Date,
    /// `Owed::Them` for what the person promised the seeker.
    pub owed_by: kith_core::follow_up::Owed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpFilter {
    pub include_done: bool,
    pub person: Option<PersonId>,
    /// Only those due on or before this date.
    pub due_by: Option<Date>,
}

/// How a user names a follow-up: its short number or its full ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpRef {
    Number(i64),
    Id(FollowUpId),
}

impl std::fmt::Display for FollowUpRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FollowUpRef::Number(n) => write!(f, "{n}"),
            FollowUpRef::Id(id) => write!(f, "{id}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Person,
    Interaction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The person the hit is about (for an interaction: its first participant).
    pub person: Option<PersonLink>,
    /// The matching text with the matched words marked `[like this]`.
    pub snippet: String,
    /// Higher is better; comparable only within one result list.
    pub score: f64,
    pub when: Option<Timestamp>,
}

/// A prepared network (the demo, later an import) written in one transaction. Records
/// carry their IDs and handles already; interactions and ties point at people in
/// `people` or already stored. Follow-up and event numbers are assigned by the store,
/// after any already stored.
#[derive(Debug, Clone, Default)]
pub struct NetworkBatch {
    pub companies: Vec<Company>,
    pub people: Vec<Person>,
    pub ties: Vec<Tie>,
    pub interactions: Vec<Interaction>,
    pub follow_ups: Vec<FollowUp>,
    pub events: Vec<Event>,
    pub rhythms: Vec<RhythmRecord>,
    pub attendance: Vec<Attendance>,
    /// Targets, the values rubric, leads, referrals, applications and goals.
    pub opportunities: crate::Opportunities,
}

/// How many records a batch wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stored {
    pub companies: u64,
    pub people: u64,
    pub ties: u64,
    pub interactions: u64,
    pub follow_ups: u64,
    pub events: u64,
}

impl PersonFilter {
    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && self.company.is_none()
    }
}

/// How an import should treat what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Where the records came from, as recorded with job changes (`linkedin`, `vcard`, …).
    pub source: &'static str,
    /// The file is authoritative for where people work now (a LinkedIn export is; a phone's
    /// address book is not): a different company or role is a job change, not a gap to fill.
    pub current_jobs: bool,
    /// Report what would happen, write nothing.
    pub dry_run: bool,
}

/// Where a running import is, for a progress display: matching goes record by record,
/// writing table by table, then the transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportProgress {
    /// `done` of the file's `total` records matched against the people kith knows.
    Matching { done: u64, total: u64 },
    /// About to write `rows` rows to `table`.
    Writing { table: &'static str, rows: u64 },
    /// Everything is written; the transaction is being committed (not on a dry run).
    Committing,
}

/// A record that matched more than one stored person, so nothing was written for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ambiguity {
    pub line: usize,
    pub reason: String,
}

/// Someone whose company or role changed since kith last knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobChange {
    pub person: PersonLink,
    pub from: String,
    pub to: String,
}

/// Someone an import added although a person of the same name was there already: a name
/// alone is never enough to merge on, so both stay, and the user decides (`kith dupes`,
/// `kith merge`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Namesake {
    /// The record's line in the file.
    pub line: usize,
    pub created: PersonLink,
    pub existing: Vec<PersonLink>,
}

/// Someone an import added although people already there have their email address or
/// phone number: under another name, they are taken for others sharing a line or a mailbox
/// (a family, a team), not merged; the user decides (`kith dupes`, `kith merge`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sharer {
    /// The record's line in the file.
    pub line: usize,
    pub created: PersonLink,
    pub existing: Vec<PersonLink>,
    /// What they share: `email` or `phone` (the first found).
    pub shared: &'static str,
}

/// What an import did (or, dry, would do) with the records it was given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub ambiguous: Vec<Ambiguity>,
    pub job_changes: Vec<JobChange>,
    /// People created who share their name with someone already there.
    pub namesakes: Vec<Namesake>,
    /// People created who share an email address or a phone number with someone already
    /// there of another name.
    pub sharers: Vec<Sharer>,
    /// Weak colleague ties kith guessed (see `kith_db`'s import: small companies only).
    pub ties_inferred: u64,
}

/// What importing a message history did (or, dry, would do), counted in messages — the
/// rows of the file — so `read = created + updated + unchanged + rejected` holds as for
/// contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MessagesOutcome {
    /// Messages in interactions new to kith.
    pub created: u64,
    /// Messages of a day kith had, whose text the file adds to (a later export).
    pub updated: u64,
    /// Messages kith had already.
    pub unchanged: u64,
    /// Messages not imported because someone in them matches more than one person.
    pub ambiguous: Vec<Ambiguity>,
    /// People the messages introduced (not yet known by profile or name).
    pub people_created: Vec<PersonLink>,
    /// Of those, the ones who share their name with someone already there (a different or
    /// missing profile): perhaps one person, for `kith dupes` and `kith merge`.
    pub namesakes: Vec<Namesake>,
    /// People the file names without a profile (older exports), found by their name alone
    /// because exactly one person has it: reported, as a name alone is a guess.
    pub matched_by_name: Vec<PersonLink>,
    /// Interactions written: one per conversation, day and direction.
    pub interactions_created: u64,
}

/// The version of the backup format `BackupStore::snapshot` produces. Raise it, and keep
/// reading the old one, whenever the shape below changes.
pub const BACKUP_VERSION: u32 = 4;

/// Backup versions `restore` reads (version 1 had no rhythms or attendance, version 2 no
/// profile, pitches, own questions, interaction extras, merge history or opportunities,
/// version 3 no people's former names).
pub const BACKUP_VERSIONS_READ: &[u32] = &[1, 2, 3, 4];

/// Everything one owner has, in a fixed order, so the same data always serialises to the
/// same bytes: people and companies by handle, interactions by time then ID, ties by ID,
/// follow-ups, events and merges by number, job changes by time then ID.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Backup {
    pub kith_backup: u32,
    pub companies: Vec<Company>,
    pub people: Vec<Person>,
    pub ties: Vec<Tie>,
    pub interactions: Vec<Interaction>,
    pub follow_ups: Vec<FollowUp>,
    pub events: Vec<Event>,
    pub job_changes: Vec<kith_core::contact::JobChangeRecord>,
    /// Circles, own cadences, snoozes and stages set by hand, by person ID (since 2).
    #[serde(default)]
    pub rhythms: Vec<RhythmRecord>,
    /// Who was met at which event, by event then person ID (since 2).
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// Who the seeker is, for drafts (since 3).
    #[serde(default)]
    pub profile: kith_core::draft::Profile,
    /// Every version of the pitch, by version (since 3).
    #[serde(default)]
    pub pitches: Vec<kith_core::pitch::Pitch>,
    /// The seeker's own questions, by number (since 3).
    #[serde(default)]
    pub questions: Vec<kith_core::questions::SavedQuestion>,
    /// The pitch used and the message sent with interactions, by interaction ID (since 3).
    #[serde(default)]
    pub interaction_extras: Vec<InteractionExtras>,
    /// The merge history, by number, undone merges included (since 3).
    #[serde(default)]
    pub merges: Vec<MergeEntry>,
    /// Targets, the values rubric and scores, leads, referrals (with the follow-ups they
    /// left), applications and weekly goals (since 3).
    #[serde(default)]
    pub opportunities: crate::Opportunities,
}

/// What kith keeps beside an interaction: the pitch version used in it, the message that
/// was sent and what the linter found in it at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionExtras {
    pub interaction: InteractionId,
    pub pitch: Option<kith_core::PitchId>,
    pub message: Option<String>,
    #[serde(default)]
    pub findings: Vec<kith_core::outreach::Finding>,
}

/// How one pitch version fared: the interactions it was used in, the people they were with,
/// and how many of those people replied (an inbound interaction afterwards) or met the
/// seeker (a coffee chat, informational interview, call or meetup afterwards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PitchOutcome {
    pub pitch: kith_core::PitchId,
    pub version: i64,
    pub uses: u64,
    pub people: u64,
    pub replied: u64,
    pub met: u64,
}

/// One person's rhythm as a backup or batch carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RhythmRecord {
    pub person: PersonId,
    #[serde(flatten)]
    pub rhythm: Rhythm,
}

/// Someone met at an event, with the meetup interaction that recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub event: EventId,
    pub person: PersonId,
    pub interaction: Option<InteractionId>,
}

/// A person as the relationship rules need them: who, where, what the seeker decided, and
/// every touch (unordered).
#[derive(Debug, Clone, PartialEq)]
pub struct RelationshipRow {
    pub person: PersonLink,
    pub company: Option<String>,
    pub rhythm: Rhythm,
    pub touches: Vec<Touch>,
}

/// What could make a touch with one person specific (see `kith_core::touchpoint`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TouchContext {
    /// The latest job change kith recorded: (company and role now, when).
    pub job_change: Option<(String, Timestamp)>,
    /// Open follow-ups with them, soonest due first.
    pub promises: Vec<FollowUp>,
    /// Notes of the latest interactions, newest first.
    pub notes: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewEvent {
    pub name: String,
    pub date: Date,
    pub place: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
}

/// What `EventStore::record_met` wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetOutcome {
    pub event: Event,
    pub met: Vec<PersonLink>,
    /// People already recorded as met at this event; nothing was written for them.
    pub already: Vec<PersonLink>,
    pub interactions: u64,
    pub ties: u64,
    pub follow_ups: Vec<FollowUp>,
}

/// What `kith merge` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeOutcome {
    pub kept: Person,
    pub absorbed: PersonLink,
    pub interactions: u64,
    pub ties: u64,
    pub follow_ups: u64,
}

/// A merge as the history keeps it: the absorbed person exactly as they were.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeRecord {
    /// The merge's number in the owner's history (1 is the oldest), as `--undo N` takes it.
    pub number: u64,
    pub kept: PersonLink,
    pub absorbed: Person,
    pub merged_at: Timestamp,
    /// When the merge was undone, if it was.
    pub undone_at: Option<Timestamp>,
    /// Whether kith recorded what the merge moved (merges made since migration 0008).
    pub undoable: bool,
}

/// Which merge `MergeStore::undo_merge` undoes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRef {
    /// The most recent merge not undone yet.
    Latest,
    /// The merge with this number in the history.
    Number(u64),
}

/// What a merge changed, written at merge time so that `undo_merge` can put back exactly
/// the rows that were the absorbed person's and the kept person's fields as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeChanges {
    /// The kept person just before and just after the merge.
    pub kept_before: Person,
    pub kept_after: Person,
    /// Interactions whose participant row moved to the kept person.
    pub moved_interactions: Vec<InteractionId>,
    /// Interactions both were in: the absorbed person's row was dropped (with its position).
    pub dropped_interactions: Vec<(InteractionId, i64)>,
    /// Interaction search documents that named the absorbed person.
    pub moved_documents: Vec<InteractionId>,
    /// Ties that moved: which end was the absorbed person's and who is at the other end.
    pub moved_ties: Vec<MovedTie>,
    /// Ties dropped rather than duplicated (to someone the kept person knew, or between them).
    pub dropped_ties: Vec<TieRow>,
    pub moved_follow_ups: Vec<FollowUpId>,
    pub moved_job_changes: Vec<uuid::Uuid>,
    /// The absorbed person's rhythm, and whether it moved (the kept person had none).
    pub rhythm: Option<Rhythm>,
    pub rhythm_moved: bool,
    pub moved_attendance: Vec<EventId>,
    pub dropped_attendance: Vec<Attendance>,
    /// Leads the absorbed person told the seeker about (migration 0009; none before).
    #[serde(default)]
    pub moved_leads: Vec<uuid::Uuid>,
    /// Referrals through the absorbed person (migration 0009; none before).
    #[serde(default)]
    pub moved_referrals: Vec<uuid::Uuid>,
}

/// A tie that a merge moved from the absorbed person to the kept one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovedTie {
    pub id: TieId,
    /// The absorbed person was the tie's `a` end (else its `b` end).
    pub was_a: bool,
    pub other: PersonId,
}

/// A tie row exactly as stored, for putting a dropped one back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieRow {
    pub id: TieId,
    pub a: PersonId,
    pub b: PersonId,
    pub kind: TieKind,
    pub strength: TieStrength,
    pub note: Option<String>,
    pub inferred: bool,
    pub created_at: Timestamp,
}

/// One merge as a backup carries it: the history row itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeEntry {
    pub id: uuid::Uuid,
    pub number: u64,
    pub kept: PersonId,
    pub absorbed: Person,
    pub merged_at: Timestamp,
    pub undone_at: Option<Timestamp>,
    pub changes: Option<MergeChanges>,
}

/// What `kith merge --undo` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UndoOutcome {
    pub number: u64,
    /// The kept person as they are now.
    pub kept: Person,
    /// The absorbed person, back with their own ID and handle.
    pub restored: Person,
    pub interactions: u64,
    pub ties: u64,
    pub follow_ups: u64,
    pub undone_at: Timestamp,
}

/// "A knows B", as the seeker declares it (`kith knows`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewTie {
    pub a: PersonId,
    pub b: PersonId,
    pub kind: TieKind,
    pub strength: TieStrength,
    pub note: Option<String>,
}

/// What `TieStore::knows` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieChange {
    Created,
    /// The pair was tied already; how, strength or note changed (an inferred tie becomes
    /// a declared one).
    Updated,
    Unchanged,
}

/// One tie as a path search needs it: who, and how strong. The full record (kind, note)
/// is read only for the ties on the paths shown (`TieStore::ties_by_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TieEdge {
    pub id: TieId,
    pub a: PersonId,
    pub b: PersonId,
    pub strength: TieStrength,
}

/// A route as the recursive-SQL baseline (`TieStore::paths_by_cte`) finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct CteRoute {
    /// First hop … target.
    pub people: Vec<PersonId>,
    pub score: f64,
}
