//! Lossless snapshots of one owner's data and their exact restoration.

use std::collections::HashMap;

use async_trait::async_trait;
use kith_core::contact::JobChangeRecord;
use kith_core::{ParseError, PersonId, PersonLink};
use kith_store::{
    BACKUP_VERSION, BACKUP_VERSIONS_READ, Backup, BackupStore, CompanyStore, FollowUpFilter,
    FollowUpStore, NetworkBatch, NetworkStore, Result, StoreError, Stored,
};
use uuid::Uuid;

use super::interactions::interaction_from_row;
use super::network::{Numbering, analyze, fetch_ties, write_batch};
use super::people::{Selection, fetch_people};
use super::rows::{self, get};
use super::{Conn, SqlStore};
use crate::error::backend;

async fn all_interactions(conn: &mut Conn, owner: Uuid) -> Result<Vec<kith_core::Interaction>> {
    let mut people: HashMap<Uuid, Vec<PersonLink>> = HashMap::new();
    for row in sqlx::query(
        "SELECT ip.interaction_id, p.id, p.handle, p.name
         FROM interaction_people ip JOIN people p ON p.id = ip.person_id
         WHERE ip.owner_id = $1
         ORDER BY ip.interaction_id, ip.position",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    {
        people
            .entry(get(&row, "interaction_id")?)
            .or_default()
            .push(rows::person_link(&row)?);
    }
    let rows = sqlx::query(
        "SELECT id, kind, occurred_at, channel, direction, note, created_at FROM interactions
         WHERE owner_id = $1 ORDER BY occurred_at, id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| interaction_from_row(row, &mut people))
        .collect()
}

pub(super) async fn insert_job_change(
    conn: &mut Conn,
    owner: Uuid,
    change: &JobChangeRecord,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO job_changes (id, owner_id, person_id, old_company, old_role,
                                  new_company, new_role, source, detected_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(change.id)
    .bind(owner)
    .bind(change.person.as_uuid())
    .bind(change.old_company.clone())
    .bind(change.old_role.clone())
    .bind(change.new_company.clone())
    .bind(change.new_role.clone())
    .bind(change.source.clone())
    .bind(change.detected_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn job_changes(conn: &mut Conn, owner: Uuid) -> Result<Vec<JobChangeRecord>> {
    let rows = sqlx::query(
        "SELECT id, person_id, old_company, old_role, new_company, new_role, source, detected_at
         FROM job_changes WHERE owner_id = $1 ORDER BY detected_at, id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(JobChangeRecord {
                id: get(row, "id")?,
                person: PersonId::from_uuid(get(row, "person_id")?),
                old_company: get(row, "old_company")?,
                old_role: get(row, "old_role")?,
                new_company: get(row, "new_company")?,
                new_role: get(row, "new_role")?,
                source: get(row, "source")?,
                detected_at: rows::timestamp(get(row, "detected_at")?)?,
            })
        })
        .collect()
}

/// Whether the owner has anything at all a restore could collide with.
async fn holds_anything(conn: &mut Conn, owner: Uuid) -> Result<bool> {
    let held: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM people WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM companies WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM interactions WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM follow_ups WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM events WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM pitches WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM own_questions WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM profiles WHERE owner_id = $1)

              + (SELECT COUNT(*) FROM merges WHERE owner_id = $1)",
    )
    .bind(owner)
    .fetch_one(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(held > 0)
}

#[async_trait]
impl BackupStore for SqlStore {
    async fn snapshot(&self) -> Result<Backup> {
        let owner = self.owner_uuid();
        // One read transaction, so the snapshot is consistent while others write.
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let people = fetch_people(&mut tx, owner, &Selection::All, None).await?;
        let ties = fetch_ties(&mut tx, owner, super::network::TieFilter::All).await?;
        let interactions = all_interactions(&mut tx, owner).await?;
        let job_changes = job_changes(&mut tx, owner).await?;
        let rhythms = super::relationships::all_rhythms(&mut tx, owner).await?;
        let attendance = super::events::all_attendance(&mut tx, owner).await?;
        let (profile, pitches, questions, interaction_extras) =
            super::conversations::snapshot(&mut tx, owner).await?;
        let merges = super::merge::merge_entries(&mut tx, owner).await?;
        let opportunities = super::opportunities::read_opportunities(&mut tx, owner).await?;
        tx.commit().await.map_err(backend)?;
        let companies = self
            .companies()
            .await?
            .into_iter()
            .map(|c| c.company)
            .collect();
        let follow_ups = self
            .follow_ups(&FollowUpFilter {
                include_done: true,
                ..FollowUpFilter::default()
            })
            .await?;
        let mut follow_ups = follow_ups;
        follow_ups.sort_by_key(|f| f.number);
        let mut events = self.events().await?;
        events.sort_by_key(|e| e.number);
        Ok(Backup {
            kith_backup: BACKUP_VERSION,
            companies,
            people,
            ties,
            interactions,
            follow_ups,
            events,
            job_changes,
            rhythms,
            attendance,
            profile,
            pitches,
            questions,
            interaction_extras,
            merges,
            opportunities,
        })
    }

    async fn restore(&self, backup: &Backup) -> Result<Stored> {
        if !BACKUP_VERSIONS_READ.contains(&backup.kith_backup) {
            return Err(StoreError::Conflict {
                what: "backup",
                key: format!("version {}", backup.kith_backup),
                reason: format!(
                    "this kith reads backup versions {} (it writes {BACKUP_VERSION})",
                    spoken_list(BACKUP_VERSIONS_READ)
                ),
            });
        }
        // A birthday is kept in one spelling, which the exports and `person show` rely on,
        // and a former name is a name as kith keeps names: one edited by hand into anything
        // else is refused, naming whose it is.
        for person in &backup.people {
            for name in &person.former_names {
                let kept_as_is =
                    kith_core::person::normalize_name("former name", name).as_ref() == Ok(name);
                if !kept_as_is || name.chars().any(char::is_control) {
                    return Err(ParseError::new(
                        "former name",
                        &format!("{name:?} (of {})", person.handle),
                        "a name without leading or trailing spaces or control characters",
                    )
                    .into());
                }
            }
            if let Some(birthday) = &person.birthday
                && kith_core::person::normalize_birthday(birthday).as_ref() != Ok(birthday)
            {
                return Err(ParseError::new(
                    "birthday",
                    &format!("{birthday} (of {})", person.handle),
                    "YYYY-MM-DD, or --MM-DD without the year",
                )
                .into());
            }
        }
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        if holds_anything(&mut tx, owner).await? {
            return Err(StoreError::Conflict {
                what: "database",
                key: "restore".into(),
                reason: "already holds data; restore into an empty database".into(),
            });
        }
        let batch = NetworkBatch {
            companies: backup.companies.clone(),
            people: backup.people.clone(),
            ties: backup.ties.clone(),
            interactions: backup.interactions.clone(),
            follow_ups: backup.follow_ups.clone(),
            events: backup.events.clone(),
            opportunities: backup.opportunities.clone(),
            ..NetworkBatch::default()
        };
        let stored = write_batch(&mut tx, owner, &batch, Numbering::Keep, &|_| {}).await?;
        let people: std::collections::HashSet<PersonId> =
            backup.people.iter().map(|p| p.id).collect();
        for change in &backup.job_changes {
            if !people.contains(&change.person) {
                return Err(StoreError::not_found("person", change.person.to_string()));
            }
            insert_job_change(&mut tx, owner, change).await?;
        }
        super::relationships::write_relationship_extras(
            &mut tx,
            owner,
            &backup.rhythms,
            &backup.attendance,
        )
        .await?;
        super::conversations::restore(&mut tx, owner, backup).await?;
        for entry in &backup.merges {
            super::merge::insert_merge(&mut tx, owner, entry).await?;
        }
        tx.commit().await.map_err(backend)?;
        analyze(&self.pool).await?;
        Ok(stored)
    }
}

/// `1, 2, 3 and 4`.
fn spoken_list(numbers: &[u32]) -> String {
    let words: Vec<String> = numbers.iter().map(u32::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}
