//! Imports: contacts from files merged into the owner's people. The whole import reads a
//! snapshot of who is known, plans every record with `kith_core::identity`, and writes the
//! plan in one transaction (rolled back on a dry run, so the counts are exact either way).

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::tz::Offset;
use kith_core::contact::{Contact, JobChangeRecord, MessageDay};
use kith_core::identity::{
    Evidence, IdentityIndex, Known, Match, namesakes_may_be_one, phone_key, same_name,
};
use kith_core::person::normalize_tag;
use kith_core::{
    Channel, Company, CompanyId, CompanyLink, Direction, Handle, Interaction, InteractionId,
    InteractionKind, Person, PersonId, PersonLink, Tie, TieId, TieKind, TieStrength,
};
use kith_store::{
    Ambiguity, ImportOptions, ImportOutcome, ImportProgress, ImportStore, JobChange,
    MessagesOutcome, Namesake, NetworkBatch, Result, Sharer,
};
use uuid::Uuid;

use super::super::for_each_row;
use super::backup::insert_job_change;
use super::companies::{find_or_create_company, name_key};
use super::network::{Numbering, analyze, write_batch};
use super::people::{Selection, add_contacts, add_tags, fetch_one, index_person};
use super::rows::{self, get};
use super::ties::Untied;
use super::{Conn, SqlStore, now_ms};
use crate::bulk::Value;
use crate::error::backend;

/// Records matched between two reports of how far the matching is.
const PROGRESS_EVERY: usize = 1024;

/// Bulk loads above this size refresh the planner's statistics afterwards.
pub(super) const ANALYZE_AFTER: u64 = 1_000;

/// A stored person as far as identity and merging need.
#[derive(Debug, Clone)]
pub(super) struct StoredPerson {
    pub(super) link: PersonLink,
    pub(super) company: Option<String>,
    pub(super) role: Option<String>,
    pub(super) location: Option<String>,
    pub(super) note: Option<String>,
    pub(super) birthday: Option<String>,
    pub(super) emails: Vec<String>,
    pub(super) phones: Vec<String>,
    pub(super) urls: Vec<String>,
    pub(super) tags: Vec<String>,
    pub(super) former_names: Vec<String>,
    pub(super) connected_on_linkedin: bool,
}

impl StoredPerson {
    pub(super) fn identity(&self) -> Known {
        Known {
            name: self.link.name.clone(),
            former_names: self.former_names.clone(),
            company: self.company.clone(),
            linkedin: self.urls.iter().find(|u| is_linkedin(u)).cloned(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
        }
    }
}

fn is_linkedin(url: &str) -> bool {
    url.starts_with("https://www.linkedin.com/in/")
}

fn incoming_identity(contact: &Contact) -> Known {
    Known {
        name: contact.name.clone(),
        former_names: Vec::new(),
        company: contact.company.clone(),
        linkedin: contact.linkedin.clone(),
        emails: contact.emails.clone(),
        phones: contact.phones.clone(),
    }
}

/// Everything the owner has that an import can match or collide with.
pub(super) struct Snapshot {
    pub(super) people: FastMap<PersonId, StoredPerson>,
    handles: FastSet<String>,
    /// For each handle base tried in this import, the next suffix worth trying: `base`
    /// and `base-2` … `base-(n-1)` were all taken. Handles are only ever added while an
    /// import plans, so a taken handle stays taken and the search can resume there.
    next_suffix: FastMap<String, u64>,
    companies: FastMap<String, CompanyLink>,
    company_handles: HashSet<String>,
}

/// The import's big lookup tables hash with foldhash (SipHash showed in profiles); their
/// keys are the owner's own data.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

impl Snapshot {
    /// A handle for a new person called `name`, free in the database and in this import,
    /// and now taken: the one `Handle::first_free` would pick, found without trying again
    /// the numbers this import already found taken.
    pub(super) fn person_handle(&mut self, name: &str) -> Handle {
        let base = Handle::base_for(name, "person");
        let from = self.next_suffix.get(base.as_str()).copied().unwrap_or(1);
        let handles = &self.handles;
        let (handle, n) = Handle::first_free_from(&base, from, |h| handles.contains(h));
        match self.next_suffix.get_mut(base.as_str()) {
            Some(next) => *next = n + 1,
            None => {
                self.next_suffix.insert(base.to_string(), n + 1);
            }
        }
        self.handles.insert(handle.to_string());
        handle
    }

    /// The handles of these people, sorted: for saying whom a record could be.
    pub(super) fn handles_of(&self, ids: &[PersonId]) -> Vec<String> {
        let mut handles: Vec<String> = ids
            .iter()
            .filter_map(|id| self.people.get(id).map(|p| p.link.handle.to_string()))
            .collect();
        handles.sort();
        handles
    }

    /// The company with this name, known or new to this import (then added to `batch`).
    fn company(&mut self, batch: &mut NetworkBatch, name: &str, now: Timestamp) -> CompanyLink {
        if let Some(link) = self.companies.get(&name_key(name)) {
            return link.clone();
        }
        let base = Handle::base_for(name, "company");
        let handle = Handle::first_free(&base, |h| self.company_handles.contains(h));
        self.company_handles.insert(handle.to_string());
        let company = Company {
            id: CompanyId::new(),
            handle,
            name: name.to_owned(),
            domain: None,
            location: None,
            size: None,
            remote_policy: None,
            notes: None,
            target: false,
            created_at: now,
            updated_at: now,
        };
        let link = CompanyLink {
            id: company.id,
            handle: company.handle.clone(),
            name: company.name.clone(),
        };
        batch.companies.push(company);
        self.companies.insert(name_key(name), link.clone());
        link
    }
}

/// The snapshot, with room for `incoming` more people.
pub(super) async fn load(conn: &mut Conn, owner: Uuid, incoming: usize) -> Result<Snapshot> {
    // Every row is read in place (`for_each_row`), straight into the snapshot: a 30,000-
    // person re-import reads ~100,000 rows here, and a copy of each value into a row first
    // was most of the time.
    let owner_only = [Value::Uuid(Some(owner))];
    let mut people: FastMap<PersonId, StoredPerson> = FastMap::default();
    let mut handles: FastSet<String> = FastSet::default();
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM people WHERE owner_id = $1")
        .bind(owner)
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)?;
    let room = usize::try_from(count).unwrap_or(0) + incoming;
    people.reserve(room);
    handles.reserve(room);
    // All of the owner's rows: a scan in the table's order (`UNINDEXED`) rather than a walk
    // of the owner's index with a lookup per row (half the time in SQLite for 30,000).
    let unindexed = super::super::UNINDEXED;
    for_each_row(
        &mut *conn,
        &format!(
            "SELECT p.id, p.handle, p.name, p.role, p.location, p.note, c.name, p.birthday
             FROM people p LEFT JOIN companies c ON c.id = p.company_id
             WHERE {unindexed}p.owner_id = $1"
        ),
        &owner_only,
        |row| {
            let id = PersonId::from_uuid(required(row.uuid(0)?, "people.id")?);
            let handle = required(row.text(1)?, "people.handle")?;
            handles.insert(handle.to_owned());
            people.insert(
                id,
                StoredPerson {
                    link: PersonLink {
                        id,
                        handle: rows::handle(handle.to_owned())?,
                        name: required(row.text(2)?, "people.name")?.to_owned(),
                    },
                    company: row.text(6)?.map(str::to_owned),
                    role: row.text(3)?.map(str::to_owned),
                    location: row.text(4)?.map(str::to_owned),
                    note: row.text(5)?.map(str::to_owned),
                    birthday: row.text(7)?.map(str::to_owned),
                    emails: Vec::new(),
                    phones: Vec::new(),
                    urls: Vec::new(),
                    tags: Vec::new(),
                    former_names: Vec::new(),
                    connected_on_linkedin: false,
                },
            );
            Ok(())
        },
    )
    .await?;
    // Contacts come in the table's order and are put in each person's order here: sorting
    // them in SQL took longer than reading them.
    let mut contacts: Vec<(PersonId, u8, i64, String)> = Vec::new();
    for_each_row(
        &mut *conn,
        &format!(
            "SELECT person_id, kind, position, value FROM person_contacts
             WHERE {unindexed}owner_id = $1"
        ),
        &owner_only,
        |row| {
            let id = PersonId::from_uuid(required(row.uuid(0)?, "person_contacts.person_id")?);
            let kind = match row.text(1)? {
                Some("email") => 0,
                Some("phone") => 1,
                _ => 2,
            };
            let position = required(row.int(2)?, "person_contacts.position")?;
            let value = required(row.text(3)?, "person_contacts.value")?.to_owned();
            contacts.push((id, kind, position, value));
            Ok(())
        },
    )
    .await?;
    contacts.sort_unstable_by_key(|(id, kind, position, _)| (*id, *kind, *position));
    for (id, kind, _, value) in contacts {
        if let Some(p) = people.get_mut(&id) {
            match kind {
                0 => p.emails.push(value),
                1 => p.phones.push(value),
                _ => p.urls.push(value),
            }
        }
    }
    read_lists(conn, "person_tags", "tag", "", owner, &mut people, |p| {
        &mut p.tags
    })
    .await?;
    read_lists(
        conn,
        "person_former_names",
        "name",
        " ORDER BY position",
        owner,
        &mut people,
        |p| &mut p.former_names,
    )
    .await?;
    for_each_row(
        &mut *conn,
        &format!(
            "SELECT ip.person_id FROM interaction_people ip
             WHERE {unindexed}ip.owner_id = $1 AND ip.interaction_id IN (
                 SELECT i.id FROM interactions i
                 WHERE {unindexed}i.owner_id = $1 AND i.kind = 'other'
                   AND i.channel = 'linkedin')"
        ),
        &owner_only,
        |row| {
            let id = PersonId::from_uuid(required(row.uuid(0)?, "interaction_people.person_id")?);
            if let Some(p) = people.get_mut(&id) {
                p.connected_on_linkedin = true;
            }
            Ok(())
        },
    )
    .await?;
    let mut companies = FastMap::default();
    let mut company_handles = HashSet::new();
    for row in sqlx::query(
        "SELECT id, handle, name FROM companies WHERE owner_id = $1 ORDER BY created_at",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    {
        let name: String = get(&row, "name")?;
        let handle: String = get(&row, "handle")?;
        company_handles.insert(handle.clone());
        companies.entry(name_key(&name)).or_insert(CompanyLink {
            id: CompanyId::from_uuid(get(&row, "id")?),
            handle: rows::handle(handle)?,
            name,
        });
    }
    Ok(Snapshot {
        people,
        handles,
        next_suffix: FastMap::default(),
        companies,
        company_handles,
    })
}

/// Appends each `column` of `table`'s rows (one per person and value, `order` after the
/// owner's filter) to the list `list` picks in the loaded person it belongs to.
async fn read_lists(
    conn: &mut Conn,
    table: &str,
    column: &str,
    order: &str,
    owner: Uuid,
    people: &mut FastMap<PersonId, StoredPerson>,
    list: fn(&mut StoredPerson) -> &mut Vec<String>,
) -> Result<()> {
    let sql = format!("SELECT person_id, {column} FROM {table} WHERE owner_id = $1{order}");
    let (id_column, value_column) = (format!("{table}.person_id"), format!("{table}.{column}"));
    for_each_row(&mut *conn, &sql, &[Value::Uuid(Some(owner))], |row| {
        let id = PersonId::from_uuid(required(row.uuid(0)?, &id_column)?);
        if let Some(p) = people.get_mut(&id) {
            list(p).push(required(row.text(1)?, &value_column)?.to_owned());
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// A column the schema declares NOT NULL, which came back NULL all the same.
fn required<T>(value: Option<T>, column: &str) -> Result<T> {
    value.ok_or_else(|| {
        kith_store::StoreError::backend(std::io::Error::other(format!("{column} is NULL")))
    })
}

/// What to change on a person kith already had.
#[derive(Debug, Default)]
struct Update {
    company: Option<String>,
    role: Option<String>,
    location: Option<String>,
    note: Option<String>,
    birthday: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    urls: Vec<String>,
    tags: Vec<String>,
    job_change: Option<(Option<String>, Option<String>)>,
}

impl Update {
    fn is_empty(&self) -> bool {
        self.company.is_none()
            && self.role.is_none()
            && self.location.is_none()
            && self.note.is_none()
            && self.birthday.is_none()
            && self.emails.is_empty()
            && self.phones.is_empty()
            && self.urls.is_empty()
            && self.tags.is_empty()
    }
}

/// Values from `incoming` that `have` lacks, compared by `key`.
fn missing(have: &[String], incoming: &[String], key: impl Fn(&str) -> String) -> Vec<String> {
    // Nothing to compare with: a new person's single address (the usual case) as it is.
    if have.is_empty() && incoming.len() <= 1 {
        return incoming.to_vec();
    }
    let mut known: HashSet<String> = have.iter().map(|v| key(v)).collect();
    incoming
        .iter()
        .filter(|v| known.insert(key(v)))
        .cloned()
        .collect()
}

fn job_text(role: Option<&str>, company: Option<&str>) -> String {
    match (role, company) {
        (Some(r), Some(c)) => format!("{r} at {c}"),
        (Some(r), None) => r.to_owned(),
        (None, Some(c)) => c.to_owned(),
        (None, None) => "unknown".to_owned(),
    }
}

/// How `contact` changes `person`, applied to the in-memory copy too so later records in
/// the same file see it.
fn merge(person: &mut StoredPerson, contact: &Contact, options: ImportOptions) -> Update {
    let mut update = Update::default();
    let differs = |have: &Option<String>, new: &Option<String>| match (have, new) {
        (Some(h), Some(n)) => !same_name(h, n),
        _ => false,
    };
    let fill = |have: &Option<String>, new: &Option<String>| match (have, new) {
        (None, Some(n)) => Some(n.clone()),
        _ => None,
    };
    if options.current_jobs
        && (differs(&person.company, &contact.company) || differs(&person.role, &contact.role))
    {
        update.job_change = Some((person.company.clone(), person.role.clone()));
        update.company = contact.company.clone();
        update.role = contact.role.clone();
    } else {
        update.company = fill(&person.company, &contact.company);
        update.role = fill(&person.role, &contact.role);
    }
    update.location = fill(&person.location, &contact.location);
    update.note = fill(&person.note, &contact.note);
    update.birthday = fill(&person.birthday, &contact.birthday);
    update.emails = missing(&person.emails, &contact.emails, str::to_lowercase);
    update.phones = missing(&person.phones, &contact.phones, |p| {
        phone_key(p).unwrap_or_else(|| p.to_owned())
    });
    update.urls = missing(&person.urls, &contact.urls, str::to_owned);
    let tags: Vec<String> = contact
        .tags
        .iter()
        .filter_map(|t| normalize_tag(t))
        .collect();
    update.tags = missing(&person.tags, &tags, str::to_owned);

    if let Some(c) = &update.company {
        person.company = Some(c.clone());
    }
    if let Some(r) = &update.role {
        person.role = Some(r.clone());
    }
    if person.location.is_none() {
        person.location.clone_from(&update.location);
    }
    if person.note.is_none() {
        person.note.clone_from(&update.note);
    }
    if person.birthday.is_none() {
        person.birthday.clone_from(&update.birthday);
    }
    person.emails.extend(update.emails.iter().cloned());
    person.phones.extend(update.phones.iter().cloned());
    person.urls.extend(update.urls.iter().cloned());
    person.tags.extend(update.tags.iter().cloned());
    update
}

/// The LinkedIn connection date as the relationship's first touchpoint.
fn connection(person: PersonLink, date: jiff::civil::Date) -> Interaction {
    // Noon UTC; a fixed offset needs no time zone lookup.
    let at = Offset::UTC
        .to_timestamp(date.at(12, 0, 0, 0))
        .unwrap_or(Timestamp::UNIX_EPOCH);
    Interaction {
        id: InteractionId::new(),
        kind: InteractionKind::Other,
        occurred_at: at,
        channel: Some(Channel::Linkedin),
        direction: Direction::Outbound,
        // No note: the kind and channel say it, and 30,000 identical notes would only
        // crowd the search index.
        created_at: None,
        note: None,
        people: vec![person],
    }
}

/// Whether merging `contact` into the stored person would change nothing at all.
fn adds_nothing(
    snapshot: &Snapshot,
    id: PersonId,
    contact: &Contact,
    options: ImportOptions,
) -> bool {
    let Some(person) = snapshot.people.get(&id) else {
        return false;
    };
    let mut copy = person.clone();
    let update = merge(&mut copy, contact, options);
    update.is_empty() && (contact.connected_on.is_none() || person.connected_on_linkedin)
}

#[async_trait]
impl ImportStore for SqlStore {
    async fn import_contacts_reporting(
        &self,
        contacts: &[Contact],
        options: ImportOptions,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportOutcome> {
        let owner = self.owner_uuid();
        let now = rows::timestamp(now_ms())?;
        let started = std::time::Instant::now();
        let mut tx = self.begin_write().await?;
        let mut snapshot = load(&mut tx, owner, contacts.len()).await?;
        tracing::info!(target: "kith::timing", step = "import load", us = started.elapsed().as_micros() as u64);
        let mut index = IdentityIndex::with_capacity(snapshot.people.len() + contacts.len());
        for (id, person) in &snapshot.people {
            index.add(*id, &person.identity());
        }

        let mut outcome = ImportOutcome::default();
        let mut batch = NetworkBatch::default();
        batch.people.reserve(contacts.len());
        batch.interactions.reserve(contacts.len());
        let mut created: FastMap<PersonId, usize> =
            FastMap::with_capacity_and_hasher(contacts.len(), Default::default());
        let mut updates: Vec<(PersonId, Update)> = Vec::new();
        let total = contacts.len() as u64;
        for (n, contact) in contacts.iter().enumerate() {
            if n % PROGRESS_EVERY == 0 {
                progress(ImportProgress::Matching {
                    done: n as u64,
                    total,
                });
            }
            let incoming = incoming_identity(contact);
            match index.find(&incoming) {
                Match::Ambiguous(ids, Evidence::NameOnly)
                    if ids.len() == 1 && adds_nothing(&snapshot, ids[0], contact, options) =>
                {
                    // The same name and nothing new: most likely this very record, again.
                    outcome.unchanged += 1;
                }
                Match::Ambiguous(ids, evidence) => {
                    let handles = snapshot.handles_of(&ids);
                    outcome.ambiguous.push(Ambiguity {
                        line: contact.line,
                        reason: format!(
                            "{} matches {} people by {}: {}; nothing imported for this row",
                            contact.name,
                            ids.len(),
                            evidence.as_str(),
                            handles.join(", ")
                        ),
                    });
                }
                Match::Existing(id, _) => {
                    let Some(person) = snapshot.people.get_mut(&id) else {
                        continue;
                    };
                    let update = merge(person, contact, options);
                    let wants_connection =
                        contact.connected_on.is_some() && !person.connected_on_linkedin;
                    if let (true, Some(date)) = (wants_connection, contact.connected_on) {
                        person.connected_on_linkedin = true;
                        batch
                            .interactions
                            .push(connection(person.link.clone(), date));
                    }
                    if let Some((old_company, old_role)) = &update.job_change {
                        outcome.job_changes.push(JobChange {
                            person: person.link.clone(),
                            from: job_text(old_role.as_deref(), old_company.as_deref()),
                            to: job_text(person.role.as_deref(), person.company.as_deref()),
                        });
                    }
                    // Nothing merged in leaves every key of theirs in the index already.
                    if !update.is_empty() {
                        index.add(id, &person.identity());
                    }
                    let changed = !update.is_empty() || wants_connection;
                    if let Some(&at) = created.get(&id) {
                        // A second record for someone this same file introduced.
                        let company = person
                            .company
                            .clone()
                            .map(|name| snapshot.company(&mut batch, &name, now));
                        let Some(person) = snapshot.people.get(&id) else {
                            continue;
                        };
                        let new = &mut batch.people[at];
                        new.company = company;
                        new.role = person.role.clone();
                        new.location = person.location.clone();
                        new.note = person.note.clone();
                        new.birthday = person.birthday.clone();
                        new.emails = person.emails.clone();
                        new.phones = person.phones.clone();
                        new.urls = person.urls.clone();
                        new.tags = person.tags.clone();
                    } else if changed {
                        updates.push((id, update));
                    }
                    if changed {
                        outcome.updated += 1;
                    } else {
                        outcome.unchanged += 1;
                    }
                }
                Match::New => {
                    let id = PersonId::new();
                    let handle = snapshot.person_handle(&contact.name);
                    let company = contact
                        .company
                        .as_deref()
                        .map(|name| snapshot.company(&mut batch, name, now));
                    let mut tags: Vec<String> = contact
                        .tags
                        .iter()
                        .filter_map(|t| normalize_tag(t))
                        .collect();
                    tags.sort();
                    tags.dedup();
                    let person = Person {
                        id,
                        handle: handle.clone(),
                        name: contact.name.clone(),
                        company,
                        role: contact.role.clone(),
                        location: contact.location.clone(),
                        birthday: contact.birthday.clone(),
                        how_met: None,
                        note: contact.note.clone(),
                        emails: missing(&[], &contact.emails, str::to_lowercase),
                        phones: missing(&[], &contact.phones, |p| {
                            phone_key(p).unwrap_or_else(|| p.to_owned())
                        }),
                        urls: missing(&[], &contact.urls, str::to_owned),
                        tags,
                        former_names: Vec::new(),
                        created_at: now,
                        updated_at: now,
                    };
                    // What identifies them is what the file said, except that the stored
                    // profile is the first LinkedIn address among their (deduplicated) web
                    // addresses, as `StoredPerson::identity` reads it back.
                    let identity = Known {
                        linkedin: person.urls.iter().find(|u| is_linkedin(u)).cloned(),
                        ..incoming
                    };
                    let known = StoredPerson {
                        link: person.link(),
                        company: contact.company.clone(),
                        role: person.role.clone(),
                        location: person.location.clone(),
                        note: person.note.clone(),
                        birthday: person.birthday.clone(),
                        emails: person.emails.clone(),
                        phones: person.phones.clone(),
                        urls: person.urls.clone(),
                        tags: person.tags.clone(),
                        former_names: Vec::new(),
                        connected_on_linkedin: contact.connected_on.is_some(),
                    };
                    if let Some(date) = contact.connected_on {
                        batch.interactions.push(connection(person.link(), date));
                    }
                    let existing: Vec<&StoredPerson> = index
                        .namesakes(&identity)
                        .iter()
                        .filter_map(|id| snapshot.people.get(id))
                        .filter(|p| {
                            namesakes_may_be_one(p.company.as_deref(), contact.company.as_deref())
                        })
                        .collect();
                    if !existing.is_empty() {
                        let mut existing: Vec<PersonLink> =
                            existing.into_iter().map(|p| p.link.clone()).collect();
                        existing.sort_by(|a, b| a.handle.cmp(&b.handle));
                        outcome.namesakes.push(Namesake {
                            line: contact.line,
                            created: person.link(),
                            existing,
                        });
                    }
                    let sharing = index.sharing_contact(&identity);
                    if let Some((_, evidence)) = sharing.first() {
                        let mut existing: Vec<PersonLink> = sharing
                            .iter()
                            .filter_map(|(id, _)| snapshot.people.get(id))
                            .map(|p| p.link.clone())
                            .collect();
                        existing.sort_by(|a, b| a.handle.cmp(&b.handle));
                        outcome.sharers.push(Sharer {
                            line: contact.line,
                            created: person.link(),
                            existing,
                            shared: evidence.as_str(),
                        });
                    }
                    index.add(id, &identity);
                    snapshot.people.insert(id, known);
                    created.insert(id, batch.people.len());
                    batch.people.push(person);
                    outcome.created += 1;
                }
            }
        }

        progress(ImportProgress::Matching { done: total, total });
        tracing::info!(target: "kith::timing", step = "import matched", us = started.elapsed().as_micros() as u64);
        let moved: Vec<PersonId> = outcome.job_changes.iter().map(|c| c.person.id).collect();
        let between_stored = infer_colleagues(&snapshot, &created, &moved, &mut batch, now);
        outcome.ties_inferred = batch.ties.len() as u64;
        tracing::info!(target: "kith::timing", step = "import planned", us = started.elapsed().as_micros() as u64);
        write_batch(&mut tx, owner, &batch, Numbering::Append, progress).await?;
        tracing::info!(target: "kith::timing", step = "import written", us = started.elapsed().as_micros() as u64);
        if !updates.is_empty() {
            progress(ImportProgress::Writing {
                table: "people (changes)",
                rows: updates.len() as u64,
            });
        }
        for (id, update) in &updates {
            apply_update(&mut tx, owner, *id, update, options.source).await?;
        }
        let note = colleague_note(now);
        let tie = Untied {
            kind: TieKind::Colleague,
            strength: 1,
            note: &note,
            inferred: true,
        };
        for (a, b) in between_stored {
            if tie.write(&mut tx, owner, a, b).await? {
                outcome.ties_inferred += 1;
            }
        }
        tracing::info!(target: "kith::timing", step = "import ties inferred", us = started.elapsed().as_micros() as u64);
        // A big plan is hundreds of thousands of small allocations (~0.1 s to free after a
        // 30,000-row file): they are freed on a thread of their own, while the transaction
        // ends and the caller goes on.
        drop_elsewhere((index, snapshot, created, batch, updates));
        if options.dry_run {
            tx.rollback().await.map_err(backend)?;
        } else {
            progress(ImportProgress::Committing);
            tx.commit().await.map_err(backend)?;
            tracing::info!(target: "kith::timing", step = "import committed", us = started.elapsed().as_micros() as u64);
            if outcome.created + outcome.updated > ANALYZE_AFTER {
                analyze(&self.pool).await?;
            }
            tracing::info!(target: "kith::timing", step = "import analyzed", us = started.elapsed().as_micros() as u64);
        }
        Ok(outcome)
    }

    async fn import_messages(&self, days: &[MessageDay], dry_run: bool) -> Result<MessagesOutcome> {
        super::messages::import(self, days, dry_run).await
    }
}

/// Drops `value` on a new thread; a process that exits meanwhile (the CLI, right after an
/// import) does not wait for it. When no thread can be started, the closure, and `value`
/// with it, is dropped here.
fn drop_elsewhere<T: Send + 'static>(value: T) {
    let _detached = std::thread::Builder::new()
        .name("kith-free".into())
        .spawn(move || drop(value));
}

/// Colleagues are only guessed to know each other where the network shows a team's worth
/// of people at their company: at a larger one, sharing an employer says little, and the
/// pairs grow with the square (at 50 a 30,000-row export inferred ~400,000 ties and took
/// five times as long to import).
pub(crate) const INFER_COLLEAGUES_UP_TO: usize = 10;

fn colleague_note(now: Timestamp) -> String {
    format!(
        "Both at the company when imported on {}",
        now.strftime("%Y-%m-%d")
    )
}

/// Weak, inferred colleague ties between each person this import placed at a company
/// (created there, or moved there) and everyone else there, for companies with at most
/// `INFER_COLLEAGUES_UP_TO` people. Ties to someone created here go into `batch` (they
/// cannot exist yet); the pairs of two people stored before are returned, to be written
/// only where no tie joins them already.
fn infer_colleagues(
    snapshot: &Snapshot,
    created: &FastMap<PersonId, usize>,
    moved: &[PersonId],
    batch: &mut NetworkBatch,
    now: Timestamp,
) -> Vec<(PersonId, PersonId)> {
    let fresh: FastSet<PersonId> = created.keys().chain(moved).copied().collect();
    let mut staff: FastMap<String, Vec<PersonId>> = FastMap::default();
    for (id, person) in &snapshot.people {
        if let Some(company) = &person.company {
            staff.entry(name_key(company)).or_default().push(*id);
        }
    }
    let note = colleague_note(now);
    let mut between_stored = Vec::new();
    let mut groups: Vec<Vec<PersonId>> = staff
        .into_values()
        .filter(|ids| {
            (2..=INFER_COLLEAGUES_UP_TO).contains(&ids.len())
                && ids.iter().any(|id| fresh.contains(id))
        })
        .collect();
    for ids in &mut groups {
        ids.sort_unstable();
    }
    groups.sort_unstable();
    for ids in groups {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                if !fresh.contains(a) && !fresh.contains(b) {
                    continue;
                }
                if !created.contains_key(a) && !created.contains_key(b) {
                    between_stored.push((*a, *b));
                    continue;
                }
                let (Some(pa), Some(pb)) = (snapshot.people.get(a), snapshot.people.get(b)) else {
                    continue;
                };
                batch.ties.push(Tie {
                    id: TieId::new(),
                    a: pa.link.clone(),
                    b: pb.link.clone(),
                    kind: TieKind::Colleague,
                    strength: TieStrength::MIN_STRENGTH,
                    created_at: None,
                    note: Some(note.clone()),
                    inferred: true,
                });
            }
        }
    }
    between_stored
}

async fn apply_update(
    conn: &mut Conn,
    owner: Uuid,
    id: PersonId,
    update: &Update,
    source: &str,
) -> Result<()> {
    let person = id.as_uuid();
    if let Some(company) = &update.company {
        let company_id = find_or_create_company(conn, owner, company).await?;
        sqlx::query("UPDATE people SET company_id = $3 WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(person)
            .bind(company_id)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    sqlx::query(
        "UPDATE people SET role = COALESCE($3, role), location = COALESCE($4, location),
                           note = COALESCE($5, note), updated_at = $6,
                           birthday = COALESCE($7, birthday)
         WHERE owner_id = $1 AND id = $2",
    )
    .bind(owner)
    .bind(person)
    .bind(update.role.clone())
    .bind(update.location.clone())
    .bind(update.note.clone())
    .bind(now_ms())
    .bind(update.birthday.clone())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    add_contacts(conn, owner, person, "email", &update.emails).await?;
    add_contacts(conn, owner, person, "phone", &update.phones).await?;
    add_contacts(conn, owner, person, "url", &update.urls).await?;
    add_tags(conn, owner, person, &update.tags).await?;
    if let Some((old_company, old_role)) = &update.job_change {
        let change = JobChangeRecord {
            id: Uuid::now_v7(),
            person: id,
            old_company: old_company.clone(),
            old_role: old_role.clone(),
            new_company: update.company.clone(),
            new_role: update.role.clone(),
            source: source.to_owned(),
            detected_at: rows::timestamp(now_ms())?,
        };
        insert_job_change(conn, owner, &change).await?;
    }
    let stored = fetch_one(conn, owner, Selection::Id(id), &id.to_string()).await?;
    index_person(conn, owner, &stored).await
}
