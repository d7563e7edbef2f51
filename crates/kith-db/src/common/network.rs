//! Ties, events, and writing a whole prepared network in one transaction.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use kith_core::{Event, PersonId, PersonLink, Tie, TieId};
use kith_store::{ImportProgress, NetworkBatch, NetworkStore, Result, Stored};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::super::insert_rows;
use super::companies::name_key;
use super::interactions::interaction_body;
use super::people::person_body;
use super::rows::{self, get};
use super::{
    Conn, Db, Numbered, Owned, SqlStore, ensure_owned, next_number, now_ms, people_with_rows,
};
use crate::error::backend;

/// One row of `search_docs` as a batch writes it.
struct SearchDoc {
    kind: &'static str,
    doc: Uuid,
    person: Option<Uuid>,
    at: Option<i64>,
    body: String,
}

/// Which of the owner's ties `fetch_ties` reads.
#[derive(Debug, Clone, Copy)]
pub(super) enum TieFilter<'a> {
    /// All of them, by ID.
    All,
    /// One person's, strongest first.
    Of(PersonId),
    /// These, by ID.
    Ids(&'a [Uuid]),
}

pub(super) async fn fetch_ties(
    conn: &mut Conn,
    owner: Uuid,
    filter: TieFilter<'_>,
) -> Result<Vec<Tie>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT t.id, t.kind, t.strength, t.note, t.inferred, t.created_at,
                a.id AS a_id, a.handle AS a_handle, a.name AS a_name,
                b.id AS b_id, b.handle AS b_handle, b.name AS b_name
         FROM ties t
         JOIN people a ON a.id = t.a_id
         JOIN people b ON b.id = t.b_id
         WHERE t.owner_id = ",
    );
    qb.push_bind(owner);
    match filter {
        TieFilter::Of(p) => {
            qb.push(" AND (t.a_id = ")
                .push_bind(p.as_uuid())
                .push(" OR t.b_id = ")
                .push_bind(p.as_uuid())
                .push(") ORDER BY t.strength DESC, t.id");
        }
        TieFilter::All => {
            qb.push(" ORDER BY t.id");
        }
        TieFilter::Ids(ids) => {
            qb.push(" AND t.id IN (");
            let mut list = qb.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            qb.push(") ORDER BY t.id");
        }
    }
    let rows = qb.build().fetch_all(&mut *conn).await.map_err(backend)?;
    rows.iter()
        .map(|row| {
            let link = |side: &str| -> Result<PersonLink> {
                Ok(PersonLink {
                    id: PersonId::from_uuid(get(row, &format!("{side}_id"))?),
                    handle: rows::handle(get(row, &format!("{side}_handle"))?)?,
                    name: get(row, &format!("{side}_name"))?,
                })
            };
            let strength: i64 = get(row, "strength")?;
            Ok(Tie {
                id: TieId::from_uuid(get(row, "id")?),
                a: link("a")?,
                b: link("b")?,
                kind: rows::vocab("tie kind", &get::<String>(row, "kind")?)?,
                strength: rows::tie_strength(strength)?,
                created_at: Some(rows::timestamp(get(row, "created_at")?)?),
                note: get(row, "note")?,
                inferred: get(row, "inferred")?,
            })
        })
        .collect()
}

/// Fails unless every ID is either in `batch_ids` or already stored for this owner, so a
/// batch can never link to another owner's rows.
async fn ensure_owned_or_batched(
    conn: &mut Conn,
    owner: Uuid,
    table: Owned,
    referenced: Vec<Uuid>,
    batch_ids: &HashSet<Uuid>,
) -> Result<()> {
    let outside = referenced.into_iter().filter(|id| !batch_ids.contains(id));
    ensure_owned(conn, owner, table, outside).await
}

#[async_trait]
impl NetworkStore for SqlStore {
    async fn ties_of(&self, person: PersonId) -> Result<Vec<Tie>> {
        let mut conn = self.conn().await?;
        fetch_ties(&mut conn, self.owner_uuid(), TieFilter::Of(person)).await
    }

    async fn events(&self) -> Result<Vec<Event>> {
        let mut conn = self.conn().await?;
        super::events::fetch_events(&mut conn, self.owner_uuid(), None).await
    }

    async fn insert_network(&self, batch: &NetworkBatch) -> Result<Stored> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let stored = write_batch(&mut tx, owner, batch, Numbering::Append, &|_| {}).await?;
        super::relationships::write_relationship_extras(
            &mut tx,
            owner,
            &batch.rhythms,
            &batch.attendance,
        )
        .await?;
        tx.commit().await.map_err(backend)?;
        analyze(&self.pool).await?;
        Ok(stored)
    }
}

/// A bulk load changes the shape of the data; refresh the planner's statistics.
pub(super) async fn analyze(pool: &super::Pool) -> Result<()> {
    sqlx::query("ANALYZE")
        .execute(pool)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Whether a batch's follow-up and event numbers are kept (a restore) or assigned after
/// the owner's existing ones (everything else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numbering {
    Append,
    Keep,
}

/// Appends the batch's touches to each participant's touch log, as the per-row trigger
/// would: new logs in one multi-row INSERT, logs that exist already (people stored before
/// the batch) extended one UPDATE each.
/// One tie as `tie_lists` holds it (migration 0006), seen from one end.
pub(super) fn tie_entry(other: Uuid, tie: Uuid, strength: u8) -> String {
    format!("{}{}{strength}", other.simple(), tie.simple())
}

/// Appends a batch's ties to both ends' tie lists: one UPDATE per person who had a list
/// already, one bulk INSERT for the rest.
async fn append_tie_lists(
    conn: &mut Conn,
    owner: Uuid,
    ties: &[Tie],
    writing: &(dyn Fn(&'static str, usize) + Sync),
) -> Result<()> {
    let mut lists: HashMap<Uuid, String> = HashMap::new();
    for t in ties {
        let (a, b, id) = (t.a.id.as_uuid(), t.b.id.as_uuid(), t.id.as_uuid());
        let strength = t.strength.get();
        lists
            .entry(a)
            .or_default()
            .push_str(&tie_entry(b, id, strength));
        lists
            .entry(b)
            .or_default()
            .push_str(&tie_entry(a, id, strength));
    }
    let ids: Vec<Uuid> = lists.keys().copied().collect();
    let existing = people_with_rows(conn, owner, "tie_lists", &ids).await?;
    let mut fresh: Vec<(Uuid, String)> = Vec::with_capacity(lists.len());
    for (id, entries) in lists {
        if existing.contains(&id) {
            sqlx::query(
                "UPDATE tie_lists SET ties = ties || $3 WHERE owner_id = $1 AND person_id = $2",
            )
            .bind(owner)
            .bind(id)
            .bind(entries)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
        } else {
            fresh.push((id, entries));
        }
    }
    writing("tie_lists", fresh.len());
    insert_rows(
        conn,
        "INSERT INTO tie_lists (person_id, owner_id, ties) ",
        3,
        &fresh,
        |row, (id, entries)| {
            row.uuid(*id).uuid(owner).text(entries.as_str());
        },
    )
    .await?;
    Ok(())
}

async fn append_touch_logs(
    conn: &mut Conn,
    owner: Uuid,
    batch: &NetworkBatch,
    writing: &(dyn Fn(&'static str, usize) + Sync),
) -> Result<()> {
    let mut logs: HashMap<Uuid, (i64, String)> = HashMap::with_capacity(batch.interactions.len());
    for i in &batch.interactions {
        let at = i.occurred_at.as_millisecond();
        let entry = format!("{at} {} {};", i.kind, i.direction);
        for (n, p) in i.people.iter().enumerate() {
            let id = p.id.as_uuid();
            // A person listed twice in one interaction is touched once.
            if i.people[..n].iter().any(|q| q.id == p.id) {
                continue;
            }
            let log = logs.entry(id).or_insert((at, String::new()));
            log.0 = log.0.max(at);
            log.1.push_str(&entry);
        }
    }
    let ids: Vec<Uuid> = logs.keys().copied().collect();
    let existing = people_with_rows(conn, owner, "touch_logs", &ids).await?;
    let mut fresh: Vec<(Uuid, i64, String)> = Vec::with_capacity(logs.len());
    for (id, (last, touches)) in logs {
        if existing.contains(&id) {
            sqlx::query(
                "UPDATE touch_logs
                 SET last_at = CASE WHEN last_at > $3 THEN last_at ELSE $3 END,
                     touches = touches || $4
                 WHERE owner_id = $1 AND person_id = $2",
            )
            .bind(owner)
            .bind(id)
            .bind(last)
            .bind(touches)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
        } else {
            fresh.push((id, last, touches));
        }
    }
    writing("touch_logs", fresh.len());
    insert_rows(
        conn,
        "INSERT INTO touch_logs (person_id, owner_id, last_at, touches) ",
        4,
        &fresh,
        |row, (id, last, touches)| {
            row.uuid(*id).uuid(owner).int(*last).text(touches.as_str());
        },
    )
    .await?;
    Ok(())
}

/// Writes a prepared batch inside the caller's transaction, after checking that everything
/// it links to is in the batch or already this owner's.
pub(super) async fn write_batch(
    conn: &mut Conn,
    owner: Uuid,
    batch: &NetworkBatch,
    numbering: Numbering,
    progress: &(dyn Fn(ImportProgress) + Send + Sync),
) -> Result<Stored> {
    // What a batch writes as the time a tie or an event was written down, unless it
    // carries its own (a restore).
    let now = now_ms();
    let writing = |table: &'static str, rows: usize| {
        if rows > 0 {
            progress(ImportProgress::Writing {
                table,
                rows: rows as u64,
            });
        }
    };
    let batch_companies: HashSet<Uuid> = batch.companies.iter().map(|c| c.id.as_uuid()).collect();
    let batch_people: HashSet<Uuid> = batch.people.iter().map(|p| p.id.as_uuid()).collect();
    let person_refs = batch
        .interactions
        .iter()
        .flat_map(|i| i.people.iter().map(|p| p.id.as_uuid()))
        .chain(
            batch
                .ties
                .iter()
                .flat_map(|t| [t.a.id.as_uuid(), t.b.id.as_uuid()]),
        )
        .chain(
            batch
                .follow_ups
                .iter()
                .filter_map(|f| f.person.as_ref().map(|p| p.id.as_uuid())),
        )
        .collect();
    ensure_owned_or_batched(conn, owner, Owned::People, person_refs, &batch_people).await?;
    let company_refs = batch
        .people
        .iter()
        .filter_map(|p| p.company.as_ref().map(|c| c.id.as_uuid()))
        .collect();
    ensure_owned_or_batched(
        conn,
        owner,
        Owned::Companies,
        company_refs,
        &batch_companies,
    )
    .await?;

    writing("companies", batch.companies.len());
    let companies = insert_rows(
        conn,
        "INSERT INTO companies (id, owner_id, handle, name, name_key, domain, location, size,
                                remote_policy, notes, target, created_at, updated_at) ",
        13,
        &batch.companies,
        |row, c| {
            row.uuid(c.id.as_uuid())
                .uuid(owner)
                .text(c.handle.as_str())
                .text(c.name.as_str())
                .text(name_key(&c.name))
                .opt_text(c.domain.as_deref())
                .opt_text(c.location.as_deref())
                .opt_text(c.size.map(|s| s.as_str()))
                .opt_text(c.remote_policy.map(|s| s.as_str()))
                .opt_text(c.notes.as_deref())
                .bool(c.target)
                .int(c.created_at.as_millisecond())
                .int(c.updated_at.as_millisecond());
        },
    )
    .await?;

    writing("people", batch.people.len());
    let people = insert_rows(
        conn,
        "INSERT INTO people (id, owner_id, handle, name, company_id, role, location, how_met,
                             note, created_at, updated_at, birthday) ",
        12,
        &batch.people,
        |row, p| {
            row.uuid(p.id.as_uuid())
                .uuid(owner)
                .text(p.handle.as_str())
                .text(p.name.as_str())
                .opt_uuid(p.company.as_ref().map(|c| c.id.as_uuid()))
                .opt_text(p.role.as_deref())
                .opt_text(p.location.as_deref())
                .opt_text(p.how_met.as_deref())
                .opt_text(p.note.as_deref())
                .int(p.created_at.as_millisecond())
                .int(p.updated_at.as_millisecond())
                .opt_text(p.birthday.as_deref());
        },
    )
    .await?;

    let mut contacts: Vec<(Uuid, &'static str, &str, i64)> = Vec::new();
    for p in &batch.people {
        for (kind, values) in [("email", &p.emails), ("phone", &p.phones), ("url", &p.urls)] {
            for (position, value) in (1..).zip(values) {
                contacts.push((p.id.as_uuid(), kind, value.as_str(), position));
            }
        }
    }
    writing("person_contacts", contacts.len());
    insert_rows(
        conn,
        "INSERT INTO person_contacts (owner_id, person_id, kind, value, position) ",
        5,
        &contacts,
        |row, (person, kind, value, position)| {
            row.uuid(owner)
                .uuid(*person)
                .text(*kind)
                .text(*value)
                .int(*position);
        },
    )
    .await?;

    let tags: Vec<(Uuid, &str)> = batch
        .people
        .iter()
        .flat_map(|p| p.tags.iter().map(move |t| (p.id.as_uuid(), t.as_str())))
        .collect();
    writing("person_tags", tags.len());
    insert_rows(
        conn,
        "INSERT INTO person_tags (owner_id, person_id, tag) ",
        3,
        &tags,
        |row, (person, tag)| {
            row.uuid(owner).uuid(*person).text(*tag);
        },
    )
    .await?;

    let former: Vec<(Uuid, &str, i64)> = batch
        .people
        .iter()
        .flat_map(|p| {
            (1..)
                .zip(&p.former_names)
                .map(move |(position, name)| (p.id.as_uuid(), name.as_str(), position))
        })
        .collect();
    writing("person_former_names", former.len());
    insert_rows(
        conn,
        "INSERT INTO person_former_names (owner_id, person_id, name, position) ",
        4,
        &former,
        |row, (person, name, position)| {
            row.uuid(owner).uuid(*person).text(*name).int(*position);
        },
    )
    .await?;

    // The touch-log and tie-list triggers stand aside while this owner's row is in
    // `touch_log_bulk` (migrations 0005, 0006); both are appended below, in bulk.
    let bulk = !batch.ties.is_empty() || batch.interactions.iter().any(|i| !i.people.is_empty());
    if bulk {
        sqlx::query("INSERT INTO touch_log_bulk (owner_id) VALUES ($1)")
            .bind(owner)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    writing("ties", batch.ties.len());
    let ties = insert_rows(
        conn,
        "INSERT INTO ties (id, owner_id, a_id, b_id, kind, strength, note, inferred, created_at) ",
        9,
        &batch.ties,
        |row, t| {
            row.uuid(t.id.as_uuid())
                .uuid(owner)
                .uuid(t.a.id.as_uuid())
                .uuid(t.b.id.as_uuid())
                .text(t.kind.as_str())
                .int(i64::from(t.strength.get()))
                .opt_text(t.note.as_deref())
                .bool(t.inferred)
                .int(t.created_at.map_or(now, |at| at.as_millisecond()));
        },
    )
    .await?;

    writing("interactions", batch.interactions.len());
    let interactions = insert_rows(
        conn,
        "INSERT INTO interactions (id, owner_id, kind, occurred_at, channel, direction, note,
                                   created_at) ",
        8,
        &batch.interactions,
        |row, i| {
            row.uuid(i.id.as_uuid())
                .uuid(owner)
                .text(i.kind.as_str())
                .int(i.occurred_at.as_millisecond())
                .opt_text(i.channel.map(|c| c.as_str()))
                .text(i.direction.as_str())
                .opt_text(i.note.as_deref())
                .int(i.created_at.unwrap_or(i.occurred_at).as_millisecond());
        },
    )
    .await?;
    let participants: Vec<(Uuid, Uuid, i64)> = batch
        .interactions
        .iter()
        .flat_map(|i| {
            i.people
                .iter()
                .enumerate()
                .map(move |(n, p)| (i.id.as_uuid(), p.id.as_uuid(), n as i64))
        })
        .collect();
    writing("interaction_people", participants.len());
    insert_rows(
        conn,
        "INSERT INTO interaction_people (owner_id, interaction_id, person_id, position) ",
        4,
        &participants,
        |row, (interaction, person, position)| {
            row.uuid(owner)
                .uuid(*interaction)
                .uuid(*person)
                .int(*position);
        },
    )
    .await?;
    if !participants.is_empty() {
        append_touch_logs(conn, owner, batch, &writing).await?;
    }
    if !batch.ties.is_empty() {
        append_tie_lists(conn, owner, &batch.ties, &writing).await?;
    }
    if bulk {
        sqlx::query("DELETE FROM touch_log_bulk WHERE owner_id = $1")
            .bind(owner)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }

    let numbered: Vec<(i64, &kith_core::FollowUp)> = match numbering {
        Numbering::Append => {
            let first = next_number(conn, owner, Numbered::FollowUps).await?;
            (first..).zip(batch.follow_ups.iter()).collect()
        }
        Numbering::Keep => batch.follow_ups.iter().map(|f| (f.number, f)).collect(),
    };
    writing("follow_ups", numbered.len());
    let follow_ups = insert_rows(
        conn,
        "INSERT INTO follow_ups (id, owner_id, number, person_id, action, due_date, done_at,
                                 created_at, owed_by) ",
        9,
        &numbered,
        |row, (number, f)| {
            row.uuid(f.id.as_uuid())
                .uuid(owner)
                .int(*number)
                .opt_uuid(f.person.as_ref().map(|p| p.id.as_uuid()))
                .text(f.action.as_str())
                .text(f.due.to_string())
                .opt_int(f.done_at.map(|t| t.as_millisecond()))
                .int(f.created_at.as_millisecond())
                .text(f.owed_by.as_str());
        },
    )
    .await?;

    let numbered: Vec<(i64, &Event)> = match numbering {
        Numbering::Append => {
            let first = next_number(conn, owner, Numbered::Events).await?;
            (first..).zip(batch.events.iter()).collect()
        }
        Numbering::Keep => batch.events.iter().map(|e| (e.number, e)).collect(),
    };
    writing("events", numbered.len());
    let events = insert_rows(
        conn,
        "INSERT INTO events (id, owner_id, number, name, event_date, place, url, note, created_at) ",
        9,
        &numbered,
        |row, (number, e)| {
            row.uuid(e.id.as_uuid())
                .uuid(owner)
                .int(*number)
                .text(e.name.as_str())
                .text(e.date.to_string())
                .opt_text(e.place.as_deref())
                .opt_text(e.url.as_deref())
                .opt_text(e.note.as_deref())
                .int(e.created_at.map_or(now, |at| at.as_millisecond()));
        },
    )
    .await?;
    let event_tags: Vec<(Uuid, &str)> = batch
        .events
        .iter()
        .flat_map(|e| e.tags.iter().map(move |t| (e.id.as_uuid(), t.as_str())))
        .collect();
    writing("event_tags", event_tags.len());
    insert_rows(
        conn,
        "INSERT INTO event_tags (owner_id, event_id, tag) ",
        3,
        &event_tags,
        |row, (event, tag)| {
            row.uuid(owner).uuid(*event).text(*tag);
        },
    )
    .await?;

    let docs: Vec<SearchDoc> = batch
        .people
        .iter()
        .map(|p| SearchDoc {
            kind: "person",
            doc: p.id.as_uuid(),
            person: Some(p.id.as_uuid()),
            at: None,
            body: person_body(p),
        })
        .chain(batch.interactions.iter().filter_map(|i| {
            interaction_body(i).map(|body| SearchDoc {
                kind: "interaction",
                doc: i.id.as_uuid(),
                person: i.people.first().map(|p| p.id.as_uuid()),
                at: Some(i.occurred_at.as_millisecond()),
                body,
            })
        }))
        .collect();
    writing("search_docs", docs.len());
    insert_rows(
        conn,
        "INSERT INTO search_docs (owner_id, doc_kind, doc_id, person_id, occurred_at, body) ",
        6,
        &docs,
        |row, d| {
            row.uuid(owner)
                .text(d.kind)
                .uuid(d.doc)
                .opt_uuid(d.person)
                .opt_int(d.at)
                .text(d.body.as_str());
        },
    )
    .await?;
    super::opportunities::write_opportunities(
        conn,
        owner,
        &batch.opportunities,
        numbering == Numbering::Append,
    )
    .await?;

    Ok(Stored {
        companies,
        people,
        ties,
        interactions,
        follow_ups,
        events,
    })
}
