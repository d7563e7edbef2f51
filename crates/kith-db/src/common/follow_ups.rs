//! Follow-ups, numbered per owner so they can be typed (`kith follow-up done 12`).

use async_trait::async_trait;
use jiff::Timestamp;
use kith_core::{FollowUp, FollowUpId, ParseError, PersonId, PersonLink};
use kith_store::{FollowUpFilter, FollowUpRef, FollowUpStore, NewFollowUp, Result, StoreError};
use sqlx::QueryBuilder;
use uuid::Uuid;

use super::interactions::person_link;
use super::rows::{self, DbRow, get};
use super::{Conn, Db, Numbered, SqlStore, next_number, now_ms};
use crate::error::backend;

fn follow_up_from_row(row: &DbRow) -> Result<FollowUp> {
    let person = match get::<Option<Uuid>>(row, "person_id")? {
        Some(id) => Some(PersonLink {
            id: PersonId::from_uuid(id),
            handle: rows::handle(get(row, "person_handle")?)?,
            name: get(row, "person_name")?,
        }),
        None => None,
    };
    let done_at: Option<i64> = get(row, "done_at")?;
    Ok(FollowUp {
        id: FollowUpId::from_uuid(get(row, "id")?),
        number: get(row, "number")?,
        person,
        action: get(row, "action")?,
        due: rows::date(&get::<String>(row, "due_date")?)?,
        done_at: done_at.map(rows::timestamp).transpose()?,
        created_at: rows::timestamp(get(row, "created_at")?)?,
        owed_by: rows::vocab("owed by", &get::<String>(row, "owed_by")?)?,
    })
}

fn select() -> QueryBuilder<Db> {
    QueryBuilder::new(
        "SELECT f.id, f.number, f.person_id, f.action, f.due_date, f.done_at, f.created_at,
                f.owed_by, p.handle AS person_handle, p.name AS person_name
         FROM follow_ups f LEFT JOIN people p ON p.id = f.person_id",
    )
}

pub(super) async fn find(conn: &mut Conn, owner: Uuid, which: &FollowUpRef) -> Result<FollowUp> {
    let mut qb = select();
    qb.push(" WHERE f.owner_id = ").push_bind(owner);
    match which {
        FollowUpRef::Number(n) => qb.push(" AND f.number = ").push_bind(*n),
        FollowUpRef::Id(id) => qb.push(" AND f.id = ").push_bind(id.as_uuid()),
    };
    let row = qb
        .build()
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("follow-up", which.to_string()))?;
    follow_up_from_row(&row)
}

pub(super) async fn insert_follow_up(
    conn: &mut Conn,
    owner: Uuid,
    follow_up: &FollowUp,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO follow_ups (id, owner_id, number, person_id, action, due_date, done_at,
                                 created_at, owed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(follow_up.id.as_uuid())
    .bind(owner)
    .bind(follow_up.number)
    .bind(follow_up.person.as_ref().map(|p| p.id.as_uuid()))
    .bind(follow_up.action.clone())
    .bind(follow_up.due.to_string())
    .bind(follow_up.done_at.map(|t| t.as_millisecond()))
    .bind(follow_up.created_at.as_millisecond())
    .bind(follow_up.owed_by.as_str())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

#[async_trait]
impl FollowUpStore for SqlStore {
    async fn add_follow_up(&self, new: NewFollowUp) -> Result<FollowUp> {
        let owner = self.owner_uuid();
        let action = new.action.trim();
        if action.is_empty() {
            return Err(ParseError::new("action", &new.action, "a non-empty action").into());
        }
        let mut tx = self.begin_write().await?;
        let person = match new.person {
            Some(id) => Some(person_link(&mut tx, owner, id).await?),
            None => None,
        };
        let follow_up = FollowUp {
            id: FollowUpId::new(),
            number: next_number(&mut tx, owner, Numbered::FollowUps).await?,
            person,
            action: action.to_owned(),
            due: new.due,
            done_at: None,
            created_at: rows::timestamp(now_ms())?,
            owed_by: new.owed_by,
        };
        insert_follow_up(&mut tx, owner, &follow_up).await?;
        tx.commit().await.map_err(backend)?;
        Ok(follow_up)
    }
    async fn follow_ups(&self, filter: &FollowUpFilter) -> Result<Vec<FollowUp>> {
        let mut qb = select();
        qb.push(" WHERE f.owner_id = ").push_bind(self.owner_uuid());
        if !filter.include_done {
            qb.push(" AND f.done_at IS NULL");
        }
        if let Some(person) = filter.person {
            qb.push(" AND f.person_id = ").push_bind(person.as_uuid());
        }
        if let Some(due_by) = filter.due_by {
            qb.push(" AND f.due_date <= ").push_bind(due_by.to_string());
        }
        qb.push(" ORDER BY f.due_date, f.number");
        let rows = qb.build().fetch_all(&self.pool).await.map_err(backend)?;
        rows.iter().map(follow_up_from_row).collect()
    }

    async fn complete_follow_up(&self, which: &FollowUpRef, at: Timestamp) -> Result<FollowUp> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let current = find(&mut tx, owner, which).await?;
        if let Some(done) = current.done_at {
            return Err(StoreError::Conflict {
                what: "follow-up",
                key: which.to_string(),
                reason: format!("already done at {done}"),
            });
        }
        sqlx::query("UPDATE follow_ups SET done_at = $3 WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(current.id.as_uuid())
            .bind(at.as_millisecond())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let done = find(&mut tx, owner, &FollowUpRef::Id(current.id)).await?;
        tx.commit().await.map_err(backend)?;
        Ok(done)
    }
}
