//! Events and meetups: what happened where, and who the seeker met there.

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;
use kith_core::{
    Direction, Event, EventId, FollowUp, FollowUpId, Interaction, InteractionId, InteractionKind,
    ParseError, PersonId, PersonLink, TieKind,
};
use kith_store::{Attendance, EventStore, MetOutcome, NewEvent, Result, StoreError};
use uuid::Uuid;

use super::follow_ups::insert_follow_up;
use super::interactions::{insert_interaction, person_link};
use super::people::clean_tags;
use super::rows::{self, get};
use super::ties::Untied;
use super::{Conn, Numbered, SqlStore, next_number, now_ms};
use crate::error::backend;

/// The owner's events by date then number, or only the one numbered `only`.
pub(super) async fn fetch_events(
    conn: &mut Conn,
    owner: Uuid,
    only: Option<i64>,
) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT id, number, name, event_date, place, url, note, created_at FROM events
         WHERE owner_id = $1 AND ($2 IS NULL OR number = $2)
         ORDER BY event_date, number",
    )
    .bind(owner)
    .bind(only)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    let mut tags: std::collections::HashMap<Uuid, Vec<String>> = Default::default();
    for row in sqlx::query(
        "SELECT t.event_id, t.tag FROM event_tags t JOIN events e ON e.id = t.event_id
         WHERE t.owner_id = $1 AND ($2 IS NULL OR e.number = $2) ORDER BY t.tag",
    )
    .bind(owner)
    .bind(only)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    {
        tags.entry(get(&row, "event_id")?)
            .or_default()
            .push(get(&row, "tag")?);
    }
    rows.iter()
        .map(|row| {
            let id: Uuid = get(row, "id")?;
            Ok(Event {
                id: EventId::from_uuid(id),
                number: get(row, "number")?,
                name: get(row, "name")?,
                date: rows::date(&get::<String>(row, "event_date")?)?,
                place: get(row, "place")?,
                url: get(row, "url")?,
                created_at: Some(rows::timestamp(get(row, "created_at")?)?),
                tags: tags.remove(&id).unwrap_or_default(),
                note: get(row, "note")?,
            })
        })
        .collect()
}

async fn event_by_id(conn: &mut Conn, owner: Uuid, id: EventId) -> Result<Event> {
    let number: Option<i64> =
        sqlx::query_scalar("SELECT number FROM events WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id.as_uuid())
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?;
    let number = number.ok_or_else(|| StoreError::not_found("event", id.to_string()))?;
    fetch_events(conn, owner, Some(number))
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found("event", id.to_string()))
}

/// Records an attendance; the event, the person and the interaction must be the owner's.
pub(super) async fn insert_attendance(conn: &mut Conn, owner: Uuid, a: &Attendance) -> Result<()> {
    let written = sqlx::query(
        "INSERT INTO event_people (owner_id, event_id, person_id, interaction_id)
         SELECT $1, $2, $3, $4
         WHERE EXISTS (SELECT 1 FROM events WHERE id = $2 AND owner_id = $1)
           AND EXISTS (SELECT 1 FROM people WHERE id = $3 AND owner_id = $1)
           AND ($4 IS NULL OR EXISTS (SELECT 1 FROM interactions WHERE id = $4 AND owner_id = $1))",
    )
    .bind(owner)
    .bind(a.event.as_uuid())
    .bind(a.person.as_uuid())
    .bind(a.interaction.map(|i| i.as_uuid()))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    if written.rows_affected() == 0 {
        return Err(StoreError::not_found(
            "event attendance",
            format!("event {} person {}", a.event, a.person),
        ));
    }
    Ok(())
}

/// Every attendance of the owner, by event then person (the backup's order).
pub(super) async fn all_attendance(conn: &mut Conn, owner: Uuid) -> Result<Vec<Attendance>> {
    let rows = sqlx::query(
        "SELECT event_id, person_id, interaction_id FROM event_people
         WHERE owner_id = $1 ORDER BY event_id, person_id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Attendance {
                event: EventId::from_uuid(get(row, "event_id")?),
                person: PersonId::from_uuid(get(row, "person_id")?),
                interaction: get::<Option<Uuid>>(row, "interaction_id")?
                    .map(InteractionId::from_uuid),
            })
        })
        .collect()
}

async fn met_at(conn: &mut Conn, owner: Uuid, event: EventId) -> Result<Vec<PersonLink>> {
    let rows = sqlx::query(
        "SELECT p.id, p.handle, p.name FROM event_people ep
         JOIN people p ON p.id = ep.person_id
         LEFT JOIN interactions i ON i.id = ep.interaction_id
         WHERE ep.owner_id = $1 AND ep.event_id = $2
         ORDER BY i.occurred_at, p.handle",
    )
    .bind(owner)
    .bind(event.as_uuid())
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter().map(rows::person_link).collect()
}

#[async_trait]
impl EventStore for SqlStore {
    async fn add_event(&self, new: NewEvent) -> Result<Event> {
        let owner = self.owner_uuid();
        let name = new.name.trim();
        if name.is_empty() {
            return Err(ParseError::new("event name", &new.name, "a non-empty name").into());
        }
        let mut tx = self.begin_write().await?;
        let event = Event {
            id: EventId::new(),
            number: next_number(&mut tx, owner, Numbered::Events).await?,
            name: name.to_owned(),
            date: new.date,
            place: rows::clean(new.place),
            url: rows::clean(new.url),
            created_at: Some(rows::timestamp(now_ms())?),
            tags: clean_tags(&new.tags),
            note: rows::clean(new.note),
        };
        sqlx::query(
            "INSERT INTO events (id, owner_id, number, name, event_date, place, url, note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(event.id.as_uuid())
        .bind(owner)
        .bind(event.number)
        .bind(event.name.clone())
        .bind(event.date.to_string())
        .bind(event.place.clone())
        .bind(event.url.clone())
        .bind(event.note.clone())
        .bind(event.created_at.map_or_else(now_ms, |at| at.as_millisecond()))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        for tag in &event.tags {
            sqlx::query("INSERT INTO event_tags (owner_id, event_id, tag) VALUES ($1, $2, $3)")
                .bind(owner)
                .bind(event.id.as_uuid())
                .bind(tag.clone())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(event)
    }

    async fn event(&self, number: i64) -> Result<Event> {
        let mut conn = self.conn().await?;
        fetch_events(&mut conn, self.owner_uuid(), Some(number))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("event", number.to_string()))
    }

    async fn met_at(&self, event: EventId) -> Result<Vec<PersonLink>> {
        let mut conn = self.conn().await?;
        event_by_id(&mut conn, self.owner_uuid(), event).await?;
        met_at(&mut conn, self.owner_uuid(), event).await
    }

    async fn record_met(
        &self,
        event: EventId,
        people: &[PersonId],
        at: Timestamp,
        follow_up_by: Date,
    ) -> Result<MetOutcome> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let event = event_by_id(&mut tx, owner, event).await?;
        let before = met_at(&mut tx, owner, event.id).await?;
        let mut met: Vec<PersonLink> = Vec::new();
        let mut already: Vec<PersonLink> = Vec::new();
        for id in people {
            let link = person_link(&mut tx, owner, *id).await?;
            if before.iter().any(|p| p.id == *id) {
                if !already.iter().any(|p| p.id == *id) {
                    already.push(link);
                }
            } else if !met.iter().any(|p| p.id == *id) {
                met.push(link);
            }
        }
        let note = format!("Met at {} ({})", event.name, event.date);
        let mut follow_ups = Vec::new();
        let mut ties = 0;
        let created_at = rows::timestamp(now_ms())?;
        for (i, person) in met.iter().enumerate() {
            let interaction = Interaction {
                id: InteractionId::new(),
                kind: InteractionKind::Meetup,
                occurred_at: at,
                channel: None,
                direction: Direction::Outbound,
                created_at: Some(created_at),
                note: Some(note.clone()),
                people: vec![person.clone()],
            };
            insert_interaction(&mut tx, owner, &interaction).await?;
            insert_attendance(
                &mut tx,
                owner,
                &Attendance {
                    event: event.id,
                    person: person.id,
                    interaction: Some(interaction.id),
                },
            )
            .await?;
            for other in before.iter().chain(&met[..i]) {
                let tie = Untied {
                    kind: TieKind::MetAtEvent,
                    strength: 1,
                    note: &note,
                    inferred: true,
                };
                if tie.write(&mut tx, owner, other.id, person.id).await? {
                    ties += 1;
                }
            }
            let follow_up = FollowUp {
                id: FollowUpId::new(),
                number: next_number(&mut tx, owner, Numbered::FollowUps).await?,
                person: Some(person.clone()),
                action: format!(
                    "Follow up with {} after {}: thank them, mention what you talked about",
                    person.name, event.name
                ),
                due: follow_up_by,
                done_at: None,
                created_at,
                owed_by: kith_core::follow_up::Owed::Me,
            };
            insert_follow_up(&mut tx, owner, &follow_up).await?;
            follow_ups.push(follow_up);
        }
        tx.commit().await.map_err(backend)?;
        Ok(MetOutcome {
            interactions: met.len() as u64,
            event,
            met,
            already,
            ties,
            follow_ups,
        })
    }
}
