//! A message history (LinkedIn's `messages.csv`) recorded as interactions: each day of a
//! conversation that went one way is one LinkedIn message, with the people it was with,
//! found as the contact import finds people. Idempotent: a day kith has (the same first
//! message time, direction and people) is not written again.

use std::collections::HashMap;

use kith_core::contact::{Correspondent, MessageDay};
use kith_core::identity::{Evidence, IdentityIndex, Known, Match};
use kith_core::{
    Channel, Interaction, InteractionId, InteractionKind, Person, PersonId, PersonLink,
};
use kith_store::{Ambiguity, MessagesOutcome, Namesake, NetworkBatch, Result};
use uuid::Uuid;

use super::import::{ANALYZE_AFTER, Snapshot, StoredPerson, load};
use super::interactions::index_interaction;
use super::network::{Numbering, analyze, write_batch};
use super::rows::{self, get};
use super::{Conn, SqlStore, now_ms};
use crate::error::backend;

/// What tells a stored message day apart: its first message's time (ms), its direction
/// and its people, sorted.
type DayKey = (i64, String, Vec<Uuid>);

/// The LinkedIn message interactions the owner has, by `DayKey`, with their ID and text.
async fn stored_days(
    conn: &mut Conn,
    owner: Uuid,
) -> Result<HashMap<DayKey, (Uuid, Option<String>)>> {
    let rows = sqlx::query(
        "SELECT i.id, i.occurred_at, i.direction, i.note, ip.person_id
         FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id
         WHERE i.owner_id = $1 AND i.kind = 'message' AND i.channel = 'linkedin'
         ORDER BY i.id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut by_id: HashMap<Uuid, (i64, String, Option<String>, Vec<Uuid>)> = HashMap::new();
    for row in &rows {
        let id: Uuid = get(row, "id")?;
        let person: Uuid = get(row, "person_id")?;
        match by_id.get_mut(&id) {
            Some(day) => day.3.push(person),
            None => {
                by_id.insert(
                    id,
                    (
                        get(row, "occurred_at")?,
                        get(row, "direction")?,
                        get(row, "note")?,
                        vec![person],
                    ),
                );
            }
        }
    }
    Ok(by_id
        .into_iter()
        .map(|(id, (at, direction, note, mut people))| {
            people.sort_unstable();
            ((at, direction, people), (id, note))
        })
        .collect())
}

/// Who `correspondent` (first seen on `line`) is among the owner's people — or a new
/// person, added to `batch` — or why it cannot be told. A correspondent with a profile is
/// found by it (else created, and reported when someone has their name); one without is
/// found by name when exactly one person has it (reported), else created.
fn resolve(
    correspondent: &Correspondent,
    line: usize,
    snapshot: &mut Snapshot,
    index: &mut IdentityIndex,
    batch: &mut NetworkBatch,
    outcome: &mut MessagesOutcome,
    now: jiff::Timestamp,
) -> std::result::Result<PersonLink, String> {
    let known = Known {
        name: correspondent.name.clone(),
        former_names: Vec::new(),
        company: None,
        linkedin: correspondent.linkedin.clone(),
        emails: Vec::new(),
        phones: Vec::new(),
    };
    match index.find(&known) {
        Match::Existing(id, _) => snapshot
            .people
            .get(&id)
            .map(|p| p.link.clone())
            .ok_or_else(|| format!("{} was matched but not found", correspondent.name)),
        Match::Ambiguous(ids, Evidence::NameOnly)
            if ids.len() == 1 && correspondent.linkedin.is_none() =>
        {
            let link = snapshot
                .people
                .get(&ids[0])
                .map(|p| p.link.clone())
                .ok_or_else(|| format!("{} was matched but not found", correspondent.name))?;
            outcome.matched_by_name.push(link.clone());
            Ok(link)
        }
        Match::Ambiguous(ids, evidence) => {
            let handles = snapshot.handles_of(&ids);
            Err(format!(
                "{} matches {} {} by {}: {}; not imported (give the right one their LinkedIn \
                 profile with kith person edit HANDLE --url, or merge them, then import again)",
                correspondent.name,
                ids.len(),
                if ids.len() == 1 { "person" } else { "people" },
                evidence.as_str(),
                handles.join(", ")
            ))
        }
        Match::New => {
            let namesakes: Vec<PersonLink> = index
                .namesakes(&known)
                .iter()
                .filter_map(|id| snapshot.people.get(id).map(|p| p.link.clone()))
                .collect();
            let person = Person {
                id: PersonId::new(),
                handle: snapshot.person_handle(&correspondent.name),
                name: correspondent.name.clone(),
                company: None,
                role: None,
                location: None,
                birthday: None,
                how_met: None,
                note: None,
                emails: Vec::new(),
                phones: Vec::new(),
                urls: correspondent.linkedin.iter().cloned().collect(),
                tags: Vec::new(),
                former_names: Vec::new(),
                created_at: now,
                updated_at: now,
            };
            let link = person.link();
            index.add(person.id, &known);
            snapshot.people.insert(
                person.id,
                StoredPerson {
                    link: link.clone(),
                    company: None,
                    role: None,
                    location: None,
                    note: None,
                    birthday: None,
                    emails: Vec::new(),
                    phones: Vec::new(),
                    urls: person.urls.clone(),
                    tags: Vec::new(),
                    former_names: Vec::new(),
                    connected_on_linkedin: false,
                },
            );
            batch.people.push(person);
            outcome.people_created.push(link.clone());
            if !namesakes.is_empty() {
                let mut existing = namesakes;
                existing.sort_by(|a, b| a.handle.cmp(&b.handle));
                outcome.namesakes.push(Namesake {
                    line,
                    created: link.clone(),
                    existing,
                });
            }
            Ok(link)
        }
    }
}

pub(super) async fn import(
    store: &SqlStore,
    days: &[MessageDay],
    dry_run: bool,
) -> Result<MessagesOutcome> {
    let owner = store.owner_uuid();
    let now = rows::timestamp(now_ms())?;
    let mut tx = store.begin_write().await?;
    let mut snapshot = load(&mut tx, owner, days.len()).await?;
    let mut index = IdentityIndex::with_capacity(snapshot.people.len() + days.len());
    for (id, person) in &snapshot.people {
        index.add(*id, &person.identity());
    }
    let mut stored = stored_days(&mut tx, owner).await?;

    let mut outcome = MessagesOutcome::default();
    let mut batch = NetworkBatch::default();
    let mut found: HashMap<String, std::result::Result<PersonLink, String>> = HashMap::new();
    let mut longer: Vec<Interaction> = Vec::new();
    for day in days {
        let mut people: Vec<PersonLink> = Vec::with_capacity(day.with.len());
        let mut refused: Option<String> = None;
        for c in &day.with {
            let who = found.entry(c.key().to_owned()).or_insert_with(|| {
                resolve(
                    c,
                    day.lines.first().copied().unwrap_or(0),
                    &mut snapshot,
                    &mut index,
                    &mut batch,
                    &mut outcome,
                    now,
                )
            });
            match who {
                Ok(link) if !people.iter().any(|p| p.id == link.id) => people.push(link.clone()),
                Ok(_) => {}
                Err(reason) => {
                    refused = Some(reason.clone());
                    break;
                }
            }
        }
        let messages = day.lines.len() as u64;
        if let Some(reason) = refused {
            outcome
                .ambiguous
                .extend(day.lines.iter().map(|line| Ambiguity {
                    line: *line,
                    reason: reason.clone(),
                }));
            continue;
        }
        let mut ids: Vec<Uuid> = people.iter().map(|p| p.id.as_uuid()).collect();
        ids.sort_unstable();
        let key: DayKey = (
            day.at.as_millisecond(),
            day.direction.as_str().to_owned(),
            ids,
        );
        let interaction = |id: InteractionId| Interaction {
            id,
            kind: InteractionKind::Message,
            occurred_at: day.at,
            channel: Some(Channel::Linkedin),
            direction: day.direction,
            note: day.text.clone(),
            people: people.clone(),
            created_at: None,
        };
        match stored.get_mut(&key) {
            Some((_, note)) if *note == day.text => outcome.unchanged += messages,
            // A later export holds more of that day than an earlier one did; a text that is
            // shorter is an older export's, and kith keeps what it has.
            Some((id, note))
                if day.text.as_ref().map_or(0, String::len)
                    > note.as_ref().map_or(0, String::len) =>
            {
                *note = day.text.clone();
                longer.push(interaction(InteractionId::from_uuid(*id)));
                outcome.updated += messages;
            }
            Some(_) => outcome.unchanged += messages,
            None => {
                let new = interaction(InteractionId::new());
                stored.insert(key, (new.id.as_uuid(), new.note.clone()));
                batch.interactions.push(new);
                outcome.created += messages;
                outcome.interactions_created += 1;
            }
        }
    }

    write_batch(&mut tx, owner, &batch, Numbering::Append, &|_| {}).await?;
    for interaction in &longer {
        sqlx::query("UPDATE interactions SET note = $2 WHERE owner_id = $1 AND id = $3")
            .bind(owner)
            .bind(interaction.note.clone())
            .bind(interaction.id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        index_interaction(&mut tx, owner, interaction).await?;
    }
    if dry_run {
        tx.rollback().await.map_err(backend)?;
    } else {
        tx.commit().await.map_err(backend)?;
        if outcome.interactions_created > ANALYZE_AFTER {
            analyze(&store.pool).await?;
        }
    }
    Ok(outcome)
}
