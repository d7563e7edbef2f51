//! Undoing a merge (`kith merge --undo`) from what the merge recorded: the absorbed person
//! back with their ID and handle, exactly the rows that were theirs, and the kept person's
//! fields, contact details and tags as they were. Every check runs before the first write.

use kith_core::{Person, PersonId};
use kith_store::{MergeChanges, MergeEntry, MergeRef, Result, StoreError, UndoOutcome};
use uuid::Uuid;

use super::merge::merge_entries;
use super::people::{
    Selection, add_contacts, add_tags, fetch_people, index_person, set_former_names,
};
use super::rows;
use super::{Conn, now_ms};
use crate::error::backend;

fn refuse(entry: &MergeEntry, reason: impl Into<String>) -> StoreError {
    StoreError::Conflict {
        what: "merge",
        key: entry.number.to_string(),
        reason: reason.into(),
    }
}

/// `sql` counts rows; `$1` is the owner and the rest are `ids`, in order.
async fn count(conn: &mut Conn, sql: &'static str, owner: Uuid, ids: &[Uuid]) -> Result<i64> {
    let mut query = sqlx::query_scalar(sql).bind(owner);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_one(&mut *conn).await.map_err(backend)
}

async fn execute(conn: &mut Conn, sql: &'static str, owner: Uuid, ids: &[Uuid]) -> Result<u64> {
    let mut query = sqlx::query(sql).bind(owner);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query
        .execute(&mut *conn)
        .await
        .map_err(backend)?
        .rows_affected())
}

async fn person_by_id(conn: &mut Conn, owner: Uuid, id: PersonId) -> Result<Option<Person>> {
    Ok(fetch_people(conn, owner, &Selection::Id(id), Some(1))
        .await?
        .pop())
}

fn pick<T: PartialEq + Clone>(now: &T, after: &T, before: &T) -> T {
    if now == after {
        before.clone()
    } else {
        now.clone()
    }
}

/// Refuses, naming why, whatever would keep the undo from being exact.
async fn check(
    conn: &mut Conn,
    owner: Uuid,
    entries: &[MergeEntry],
    entry: &MergeEntry,
    changes: &MergeChanges,
) -> Result<Person> {
    let gone = &entry.absorbed;
    let (k, a) = (entry.kept.as_uuid(), gone.id.as_uuid());
    let before = &changes.kept_before;
    let Some(kept) = person_by_id(conn, owner, entry.kept).await? else {
        let later = entries
            .iter()
            .filter(|e| e.number > entry.number && e.undone_at.is_none())
            .find(|e| e.absorbed.id == entry.kept);
        return Err(match later {
            Some(later) => refuse(
                entry,
                format!(
                    "{} ({}) was merged into someone else since (merge {}); undo that one first",
                    before.name, before.handle, later.number
                ),
            ),
            None => refuse(
                entry,
                format!("{} ({}) no longer exists", before.name, before.handle),
            ),
        });
    };
    if count(
        conn,
        "SELECT COUNT(*) FROM people WHERE owner_id = $1 AND id = $2",
        owner,
        &[a],
    )
    .await?
        > 0
    {
        return Err(refuse(entry, format!("{} is back already", gone.handle)));
    }
    let holder: Option<String> =
        sqlx::query_scalar("SELECT name FROM people WHERE owner_id = $1 AND handle = $2")
            .bind(owner)
            .bind(gone.handle.as_str().to_owned())
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?;
    if let Some(holder) = holder {
        return Err(refuse(
            entry,
            format!(
                "the handle {} now belongs to someone else ({holder})",
                gone.handle
            ),
        ));
    }
    if let Some(company) = &gone.company
        && count(
            conn,
            "SELECT COUNT(*) FROM companies WHERE owner_id = $1 AND id = $2",
            owner,
            &[company.id.as_uuid()],
        )
        .await?
            == 0
    {
        return Err(refuse(
            entry,
            format!(
                "{}'s company {} ({}) no longer exists",
                gone.handle, company.name, company.handle
            ),
        ));
    }
    let moved = |what: &str, id: &dyn std::fmt::Display| {
        refuse(
            entry,
            format!(
                "the {what} {id} that moved from {} to {} was deleted or changed since",
                gone.handle, kept.handle
            ),
        )
    };
    for id in &changes.moved_interactions {
        let sql = "SELECT COUNT(*) FROM interaction_people
                   WHERE owner_id = $1 AND interaction_id = $2 AND person_id = $3";
        if count(conn, sql, owner, &[id.as_uuid(), k]).await? == 0 {
            return Err(moved("interaction", id));
        }
    }
    for (id, _) in &changes.dropped_interactions {
        let sql = "SELECT COUNT(*) FROM interactions WHERE owner_id = $1 AND id = $2";
        if count(conn, sql, owner, &[id.as_uuid()]).await? == 0 {
            return Err(refuse(
                entry,
                format!(
                    "the interaction {id} that had {} in it was deleted since",
                    gone.handle
                ),
            ));
        }
    }
    for tie in &changes.moved_ties {
        let (x, y) = if tie.was_a {
            (k, tie.other.as_uuid())
        } else {
            (tie.other.as_uuid(), k)
        };
        let sql = "SELECT COUNT(*) FROM ties
                   WHERE owner_id = $1 AND id = $2 AND a_id = $3 AND b_id = $4";
        if count(conn, sql, owner, &[tie.id.as_uuid(), x, y]).await? == 0 {
            return Err(moved("tie", &tie.id));
        }
    }
    for tie in &changes.dropped_ties {
        let other = if tie.a == gone.id { tie.b } else { tie.a };
        let sql = "SELECT COUNT(*) FROM people WHERE owner_id = $1 AND id = $2";
        if count(conn, sql, owner, &[other.as_uuid()]).await? == 0 {
            return Err(refuse(
                entry,
                format!(
                    "the tie {} between {} and {other} cannot come back: that person is gone",
                    tie.id, gone.handle
                ),
            ));
        }
    }
    for id in &changes.moved_follow_ups {
        let sql =
            "SELECT COUNT(*) FROM follow_ups WHERE owner_id = $1 AND id = $2 AND person_id = $3";
        if count(conn, sql, owner, &[id.as_uuid(), k]).await? == 0 {
            return Err(moved("follow-up", id));
        }
    }
    for id in &changes.moved_job_changes {
        let sql =
            "SELECT COUNT(*) FROM job_changes WHERE owner_id = $1 AND id = $2 AND person_id = $3";
        if count(conn, sql, owner, &[*id, k]).await? == 0 {
            return Err(moved("job change", id));
        }
    }
    for id in &changes.moved_attendance {
        let sql = "SELECT COUNT(*) FROM event_people
                   WHERE owner_id = $1 AND event_id = $2 AND person_id = $3";
        if count(conn, sql, owner, &[id.as_uuid(), k]).await? == 0 {
            return Err(moved("event attendance at", id));
        }
    }
    for at in &changes.dropped_attendance {
        let sql = "SELECT COUNT(*) FROM events WHERE owner_id = $1 AND id = $2";
        let mut gone_since = count(conn, sql, owner, &[at.event.as_uuid()]).await? == 0;
        if let Some(i) = at.interaction {
            let sql = "SELECT COUNT(*) FROM interactions WHERE owner_id = $1 AND id = $2";
            gone_since |= count(conn, sql, owner, &[i.as_uuid()]).await? == 0;
        }
        if gone_since {
            return Err(refuse(
                entry,
                format!(
                    "the event {} {} attended (or its meetup) was deleted since",
                    at.event, gone.handle
                ),
            ));
        }
    }
    Ok(kept)
}

/// The kept person's fields, contact details and tags back to what they were before the
/// merge, except where they changed since.
async fn restore_kept(
    conn: &mut Conn,
    owner: Uuid,
    kept: &Person,
    absorbed: &Person,
    changes: &MergeChanges,
) -> Result<()> {
    let (before, after) = (&changes.kept_before, &changes.kept_after);
    let company = |p: &Person| p.company.as_ref().map(|c| c.id.as_uuid());
    let untouched = kept.updated_at == after.updated_at;
    let updated_at = if untouched {
        before.updated_at.as_millisecond()
    } else {
        now_ms().max(kept.updated_at.as_millisecond() + 1)
    };
    sqlx::query(
        "UPDATE people SET company_id = $3, role = $4, location = $5, how_met = $6, note = $7,
                           updated_at = $8, birthday = $9
         WHERE owner_id = $1 AND id = $2",
    )
    .bind(owner)
    .bind(kept.id.as_uuid())
    .bind(pick(&company(kept), &company(after), &company(before)))
    .bind(pick(&kept.role, &after.role, &before.role))
    .bind(pick(&kept.location, &after.location, &before.location))
    .bind(pick(&kept.how_met, &after.how_met, &before.how_met))
    .bind(pick(&kept.note, &after.note, &before.note))
    .bind(updated_at)
    .bind(pick(&kept.birthday, &after.birthday, &before.birthday))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    for (kind, was, merged) in [
        ("email", &before.emails, &after.emails),
        ("phone", &before.phones, &after.phones),
        ("url", &before.urls, &after.urls),
    ] {
        for value in merged.iter().filter(|v| !was.contains(v)) {
            sqlx::query(
                "DELETE FROM person_contacts
                 WHERE owner_id = $1 AND person_id = $2 AND kind = $3 AND value = $4",
            )
            .bind(owner)
            .bind(kept.id.as_uuid())
            .bind(kind.to_owned())
            .bind(value.clone())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
        }
    }
    // Names the merge gave them go; any they had before or got since stay. A merge made
    // before kith kept former names recorded none, but migration 0010 gave the kept person
    // the absorbed one's name: the absorbed person's names go too.
    let given = |n: &String| {
        after.former_names.contains(n) || *n == absorbed.name || absorbed.former_names.contains(n)
    };
    let former: Vec<String> = kept
        .former_names
        .iter()
        .filter(|n| before.former_names.contains(n) || !given(n))
        .cloned()
        .collect();
    if former != kept.former_names {
        set_former_names(conn, owner, kept.id.as_uuid(), &former).await?;
    }
    for tag in after.tags.iter().filter(|t| !before.tags.contains(t)) {
        sqlx::query("DELETE FROM person_tags WHERE owner_id = $1 AND person_id = $2 AND tag = $3")
            .bind(owner)
            .bind(kept.id.as_uuid())
            .bind(tag.clone())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

async fn insert_person(conn: &mut Conn, owner: Uuid, person: &Person) -> Result<()> {
    sqlx::query(
        "INSERT INTO people (id, owner_id, handle, name, company_id, role, location,
                             how_met, note, created_at, updated_at, birthday)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(person.id.as_uuid())
    .bind(owner)
    .bind(person.handle.as_str().to_owned())
    .bind(person.name.clone())
    .bind(person.company.as_ref().map(|c| c.id.as_uuid()))
    .bind(person.role.clone())
    .bind(person.location.clone())
    .bind(person.how_met.clone())
    .bind(person.note.clone())
    .bind(person.created_at.as_millisecond())
    .bind(person.updated_at.as_millisecond())
    .bind(person.birthday.clone())
    .execute(&mut *conn)
    .await
    .map_err(crate::error::db_error("person", person.handle.as_str()))?;
    let id = person.id.as_uuid();
    add_contacts(conn, owner, id, "email", &person.emails).await?;
    add_contacts(conn, owner, id, "phone", &person.phones).await?;
    add_contacts(conn, owner, id, "url", &person.urls).await?;
    add_tags(conn, owner, id, &person.tags).await?;
    set_former_names(conn, owner, id, &person.former_names).await
}

/// Puts back every row the merge moved or dropped. Runs after `check`, in its transaction.
async fn move_back(
    conn: &mut Conn,
    owner: Uuid,
    k: Uuid,
    changes: &MergeChanges,
    a: Uuid,
) -> Result<()> {
    for id in &changes.moved_interactions {
        let sql = "UPDATE interaction_people SET person_id = $4
                   WHERE owner_id = $1 AND interaction_id = $2 AND person_id = $3";
        execute(conn, sql, owner, &[id.as_uuid(), k, a]).await?;
    }
    for (id, position) in &changes.dropped_interactions {
        sqlx::query(
            "INSERT INTO interaction_people (owner_id, interaction_id, person_id, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(owner)
        .bind(id.as_uuid())
        .bind(a)
        .bind(*position)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    for id in &changes.moved_documents {
        let sql = "UPDATE search_docs SET person_id = $4
                   WHERE owner_id = $1 AND doc_id = $2 AND person_id = $3";
        execute(conn, sql, owner, &[id.as_uuid(), k, a]).await?;
    }
    for tie in &changes.moved_ties {
        let sql = if tie.was_a {
            "UPDATE ties SET a_id = $3 WHERE owner_id = $1 AND id = $2"
        } else {
            "UPDATE ties SET b_id = $3 WHERE owner_id = $1 AND id = $2"
        };
        execute(conn, sql, owner, &[tie.id.as_uuid(), a]).await?;
    }
    for tie in &changes.dropped_ties {
        sqlx::query(
            "INSERT INTO ties (id, owner_id, a_id, b_id, kind, strength, note, inferred, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(tie.id.as_uuid())
        .bind(owner)
        .bind(tie.a.as_uuid())
        .bind(tie.b.as_uuid())
        .bind(tie.kind.as_str().to_owned())
        .bind(i64::from(tie.strength.get()))
        .bind(tie.note.clone())
        .bind(tie.inferred)
        .bind(tie.created_at.as_millisecond())
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    for id in &changes.moved_follow_ups {
        let sql = "UPDATE follow_ups SET person_id = $4
                   WHERE owner_id = $1 AND id = $2 AND person_id = $3";
        execute(conn, sql, owner, &[id.as_uuid(), k, a]).await?;
    }
    for id in &changes.moved_job_changes {
        let sql = "UPDATE job_changes SET person_id = $4
                   WHERE owner_id = $1 AND id = $2 AND person_id = $3";
        execute(conn, sql, owner, &[*id, k, a]).await?;
    }
    for id in &changes.moved_leads {
        let sql = "UPDATE leads SET source_id = $4
                   WHERE owner_id = $1 AND id = $2 AND source_id = $3";
        execute(conn, sql, owner, &[*id, k, a]).await?;
    }
    for id in &changes.moved_referrals {
        let sql = "UPDATE referrals SET referrer_id = $4
                   WHERE owner_id = $1 AND id = $2 AND referrer_id = $3";
        execute(conn, sql, owner, &[*id, k, a]).await?;
    }
    // A rhythm that moved goes back as it is now (or as recorded, if cleared since); one
    // dropped because the kept person had their own comes back as recorded.
    if let Some(rhythm) = &changes.rhythm {
        let moved = changes.rhythm_moved
            && execute(
                conn,
                "UPDATE rhythms SET person_id = $3 WHERE owner_id = $1 AND person_id = $2",
                owner,
                &[k, a],
            )
            .await?
                > 0;
        if !moved {
            super::relationships::write_rhythm(conn, owner, PersonId::from_uuid(a), rhythm).await?;
        }
    }
    for id in &changes.moved_attendance {
        let sql = "UPDATE event_people SET person_id = $4
                   WHERE owner_id = $1 AND event_id = $2 AND person_id = $3";
        execute(conn, sql, owner, &[id.as_uuid(), k, a]).await?;
    }
    for at in &changes.dropped_attendance {
        super::events::insert_attendance(conn, owner, at).await?;
    }
    Ok(())
}

pub(super) async fn undo(conn: &mut Conn, owner: Uuid, which: MergeRef) -> Result<UndoOutcome> {
    let entries = merge_entries(conn, owner).await?;
    let entry = match which {
        MergeRef::Latest => entries
            .iter()
            .rev()
            .find(|e| e.undone_at.is_none())
            .ok_or_else(|| StoreError::Conflict {
                what: "merge",
                key: "undo".into(),
                reason: "there is no merge left to undo".into(),
            })?,
        MergeRef::Number(n) => entries
            .iter()
            .find(|e| e.number == n)
            .ok_or_else(|| StoreError::not_found("merge", n.to_string()))?,
    };
    if let Some(at) = entry.undone_at {
        return Err(refuse(entry, format!("it was undone already, at {at}")));
    }
    let Some(changes) = &entry.changes else {
        return Err(refuse(
            entry,
            "it was made by an older kith that did not record what merges move, so it cannot \
             be undone",
        ));
    };
    let kept = check(conn, owner, &entries, entry, changes).await?;
    let gone = &entry.absorbed;
    let (k, a) = (kept.id.as_uuid(), gone.id.as_uuid());

    insert_person(conn, owner, gone).await?;
    restore_kept(conn, owner, &kept, gone, changes).await?;
    move_back(conn, owner, k, changes, a).await?;

    let key = gone.handle.as_str();
    let restored = person_by_id(conn, owner, gone.id)
        .await?
        .ok_or_else(|| StoreError::not_found("person", key))?;
    let kept = person_by_id(conn, owner, kept.id)
        .await?
        .ok_or_else(|| StoreError::not_found("person", kept.handle.as_str()))?;
    index_person(conn, owner, &restored).await?;
    index_person(conn, owner, &kept).await?;
    let undone_at = now_ms();
    sqlx::query("UPDATE merges SET undone_at = $3 WHERE owner_id = $1 AND id = $2")
        .bind(owner)
        .bind(entry.id)
        .bind(undone_at)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    let len = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    Ok(UndoOutcome {
        number: entry.number,
        kept,
        restored,
        interactions: len(changes.moved_interactions.len() + changes.dropped_interactions.len()),
        ties: len(changes.moved_ties.len() + changes.dropped_ties.len()),
        follow_ups: len(changes.moved_follow_ups.len()),
        undone_at: rows::timestamp(undone_at)?,
    })
}
