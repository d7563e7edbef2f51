//! Interactions and the people in each.

use std::collections::HashMap;

use async_trait::async_trait;
use kith_core::{
    Interaction, InteractionId, InteractionKind, ParseError, PersonId, PersonLink, TieKind,
};
use kith_store::{InteractionStore, NewInteraction, Result, StoreError};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::rows::{self, get};
use super::ties::Untied;
use super::{Conn, Db, SqlStore, now_ms};
use crate::error::backend;

/// The text an interaction is found by: its note, with who it was with.
pub(super) fn interaction_body(interaction: &Interaction) -> Option<String> {
    let note = interaction.note.as_deref()?.trim();
    if note.is_empty() {
        return None;
    }
    let names: Vec<&str> = interaction.people.iter().map(|p| p.name.as_str()).collect();
    Some(format!(
        "{note} · {} with {}",
        interaction.kind,
        names.join(", ")
    ))
}

pub(super) async fn index_interaction(
    conn: &mut Conn,
    owner: Uuid,
    interaction: &Interaction,
) -> Result<()> {
    let Some(body) = interaction_body(interaction) else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO search_docs (owner_id, doc_kind, doc_id, person_id, occurred_at, body)
         VALUES ($1, 'interaction', $2, $3, $4, $5)
         ON CONFLICT (doc_id) DO UPDATE SET body = excluded.body",
    )
    .bind(owner)
    .bind(interaction.id.as_uuid())
    .bind(interaction.people.first().map(|p| p.id.as_uuid()))
    .bind(interaction.occurred_at.as_millisecond())
    .bind(body)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

pub(super) async fn person_link(conn: &mut Conn, owner: Uuid, id: PersonId) -> Result<PersonLink> {
    let row = sqlx::query("SELECT handle, name FROM people WHERE owner_id = $1 AND id = $2")
        .bind(owner)
        .bind(id.as_uuid())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("person", id.to_string()))?;
    Ok(PersonLink {
        id,
        handle: rows::handle(get(&row, "handle")?)?,
        name: get(&row, "name")?,
    })
}

/// The participants of each interaction, in the order they were logged.
pub(super) async fn participants(
    conn: &mut Conn,
    owner: Uuid,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<PersonLink>>> {
    let mut out: HashMap<Uuid, Vec<PersonLink>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let mut qb = QueryBuilder::<Db>::new(
            "SELECT ip.interaction_id, p.id, p.handle, p.name
             FROM interaction_people ip JOIN people p ON p.id = ip.person_id
             WHERE ip.owner_id = ",
        );
        qb.push_bind(owner).push(" AND ip.interaction_id IN (");
        let mut list = qb.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        qb.push(") ORDER BY ip.interaction_id, ip.position");
        for row in qb.build().fetch_all(&mut *conn).await.map_err(backend)? {
            out.entry(get(&row, "interaction_id")?)
                .or_default()
                .push(rows::person_link(&row)?);
        }
    }
    Ok(out)
}

pub(super) async fn insert_interaction(
    conn: &mut Conn,
    owner: Uuid,
    interaction: &Interaction,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO interactions (id, owner_id, kind, occurred_at, channel, direction, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(interaction.id.as_uuid())
    .bind(owner)
    .bind(interaction.kind.as_str().to_owned())
    .bind(interaction.occurred_at.as_millisecond())
    .bind(interaction.channel.map(|c| c.as_str().to_owned()))
    .bind(interaction.direction.as_str().to_owned())
    .bind(interaction.note.clone())
    .bind(
        interaction
            .created_at
            .map_or_else(now_ms, |at| at.as_millisecond()),
    )
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    for (position, person) in interaction.people.iter().enumerate() {
        sqlx::query(
            "INSERT INTO interaction_people (owner_id, interaction_id, person_id, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(owner)
        .bind(interaction.id.as_uuid())
        .bind(person.id.as_uuid())
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    index_interaction(conn, owner, interaction).await
}

/// Logs `new` inside the caller's transaction: the interaction, its people, its search
/// text, and for an introduction the ties between everyone in it.
pub(super) async fn log_in(
    conn: &mut Conn,
    owner: Uuid,
    new: NewInteraction,
) -> Result<Interaction> {
    if new.people.is_empty() {
        return Err(ParseError::new("people", "", "at least one person").into());
    }
    let mut people: Vec<PersonLink> = Vec::with_capacity(new.people.len());
    for id in &new.people {
        if people.iter().any(|p| p.id == *id) {
            continue;
        }
        people.push(person_link(conn, owner, *id).await?);
    }
    let interaction = Interaction {
        id: InteractionId::new(),
        kind: new.kind,
        occurred_at: new.occurred_at,
        channel: new.channel,
        direction: new.direction,
        created_at: Some(rows::timestamp(now_ms())?),
        note: rows::clean(new.note),
        people,
    };
    insert_interaction(conn, owner, &interaction).await?;
    if interaction.kind == InteractionKind::Introduction {
        // An introduction between the people in it is how they know each other.
        let note = format!(
            "Introduced {} (logged introduction)",
            interaction.occurred_at.strftime("%Y-%m-%d")
        );
        let tie = Untied {
            kind: TieKind::Introduced,
            strength: 2,
            note: &note,
            inferred: false,
        };
        for (i, a) in interaction.people.iter().enumerate() {
            for b in &interaction.people[i + 1..] {
                tie.write(conn, owner, a.id, b.id).await?;
            }
        }
    }
    Ok(interaction)
}

#[async_trait]
impl InteractionStore for SqlStore {
    async fn log_interaction(&self, new: NewInteraction) -> Result<Interaction> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let interaction = log_in(&mut tx, owner, new).await?;
        tx.commit().await.map_err(backend)?;
        Ok(interaction)
    }

    async fn interactions_with(&self, person: PersonId, limit: u32) -> Result<Vec<Interaction>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let rows = sqlx::query(
            // CROSS JOIN makes SQLite start from the person's few rows rather than walk
            // every interaction in time order; PostgreSQL plans it as an inner join.
            "SELECT i.id, i.kind, i.occurred_at, i.channel, i.direction, i.note, i.created_at
             FROM interaction_people ip CROSS JOIN interactions i
             WHERE ip.owner_id = $1 AND ip.person_id = $2
               AND i.id = ip.interaction_id AND i.owner_id = $1
             ORDER BY i.occurred_at DESC, i.id DESC
             LIMIT $3",
        )
        .bind(owner)
        .bind(person.as_uuid())
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        let ids: Vec<Uuid> = rows.iter().map(|r| get(r, "id")).collect::<Result<_>>()?;
        let mut people = participants(&mut conn, owner, &ids).await?;
        rows.iter()
            .map(|row| interaction_from_row(row, &mut people))
            .collect()
    }
}

/// An interaction row (`id, kind, occurred_at, channel, direction, note, created_at`) with
/// its people
/// taken from `people`.
pub(super) fn interaction_from_row(
    row: &rows::DbRow,
    people: &mut HashMap<Uuid, Vec<PersonLink>>,
) -> Result<Interaction> {
    let id: Uuid = get(row, "id")?;
    let channel: Option<String> = get(row, "channel")?;
    Ok(Interaction {
        id: InteractionId::from_uuid(id),
        kind: rows::vocab("interaction kind", &get::<String>(row, "kind")?)?,
        occurred_at: rows::timestamp(get(row, "occurred_at")?)?,
        channel: channel.map(|c| rows::vocab("channel", &c)).transpose()?,
        direction: rows::vocab("direction", &get::<String>(row, "direction")?)?,
        created_at: Some(rows::timestamp(get(row, "created_at")?)?),
        note: get(row, "note")?,
        people: people.remove(&id).unwrap_or_default(),
    })
}
