//! People: the person rows with their contact points and tags, and the search document
//! kept in step with them.

use async_trait::async_trait;
use kith_core::identity::same_name;
use kith_core::person::{
    former_names_after_rename, normalize_birthday, normalize_email, normalize_name,
    normalize_phone, normalize_tag, normalize_url,
};
use kith_core::{CompanyLink, Handle, ParseError, Person, PersonId};
use kith_store::{NewPerson, PersonFilter, PersonPatch, PersonStore, Result, StoreError};
use sqlx::{AssertSqlSafe, QueryBuilder};
use uuid::Uuid;

use super::companies::{company_by_key, find_or_create_company};
use super::rows::{self, get};
use super::{Conn, Db, SqlStore, now_ms};
use crate::error::{backend, db_error};

/// Which people a read covers. Always within one owner.
pub(super) enum Selection<'a> {
    All,
    Handle(&'a Handle),
    Id(PersonId),
    Filtered {
        tag: Option<String>,
        company: Option<Uuid>,
    },
}

fn push_where(qb: &mut QueryBuilder<Db>, owner: Uuid, selection: &Selection<'_>) {
    qb.push(" WHERE p.owner_id = ").push_bind(owner);
    match selection {
        Selection::All => {}
        Selection::Handle(handle) => {
            qb.push(" AND p.handle = ")
                .push_bind(handle.as_str().to_owned());
        }
        Selection::Id(id) => {
            qb.push(" AND p.id = ").push_bind(id.as_uuid());
        }
        Selection::Filtered { tag, company } => {
            if let Some(tag) = tag {
                qb.push(" AND p.id IN (SELECT t.person_id FROM person_tags t WHERE t.owner_id = ")
                    .push_bind(owner)
                    .push(" AND t.tag = ")
                    .push_bind(tag.clone())
                    .push(")");
            }
            if let Some(company) = company {
                qb.push(" AND p.company_id = ").push_bind(*company);
            }
        }
    }
}

/// Reads the selected people with their companies, contact points and tags in one query
/// (lists are aggregated per person), ordered by handle, at most `limit`.
pub(super) async fn fetch_people(
    conn: &mut Conn,
    owner: Uuid,
    selection: &Selection<'_>,
    limit: Option<u32>,
) -> Result<Vec<Person>> {
    let list = |from: &str, column: &str, kind: Option<&str>, order: &str| {
        let kind = kind
            .map(|k| format!(" AND x.kind = '{k}'"))
            .unwrap_or_default();
        format!(
            "(SELECT {agg}(x.{column}, {sep} ORDER BY x.{order}) FROM {from} x
              WHERE x.person_id = p.id{kind})",
            agg = super::super::GROUP_CONCAT,
            sep = super::super::LIST_SEPARATOR,
        )
    };
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT p.id, p.handle, p.name, p.role, p.location, p.birthday, p.how_met, p.note,
                p.created_at, p.updated_at,
                c.id AS company_id, c.handle AS company_handle, c.name AS company_name,
                {} AS emails, {} AS phones, {} AS urls, {} AS tags, {} AS former_names
         FROM people p LEFT JOIN companies c ON c.id = p.company_id",
        list("person_contacts", "value", Some("email"), "position"),
        list("person_contacts", "value", Some("phone"), "position"),
        list("person_contacts", "value", Some("url"), "position"),
        list("person_tags", "tag", None, "tag"),
        list("person_former_names", "name", None, "position"),
    ));
    push_where(&mut qb, owner, selection);
    qb.push(format!(" ORDER BY p.handle{}", super::super::BYTE_ORDER));
    if let Some(limit) = limit {
        qb.push(" LIMIT ").push_bind(i64::from(limit));
    }
    let rows = qb.build().fetch_all(&mut *conn).await.map_err(backend)?;
    let split = |row: &rows::DbRow, column: &str| -> Result<Vec<String>> {
        Ok(get::<Option<String>>(row, column)?
            .map(|joined| {
                joined
                    .split(LIST_SEPARATOR_CHAR)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    };
    let mut people = Vec::with_capacity(rows.len());
    for row in &rows {
        let company = match get::<Option<Uuid>>(row, "company_id")? {
            Some(id) => Some(CompanyLink {
                id: kith_core::CompanyId::from_uuid(id),
                handle: rows::handle(get(row, "company_handle")?)?,
                name: get(row, "company_name")?,
            }),
            None => None,
        };
        people.push(Person {
            id: PersonId::from_uuid(get(row, "id")?),
            handle: rows::handle(get(row, "handle")?)?,
            name: get(row, "name")?,
            company,
            role: get(row, "role")?,
            location: get(row, "location")?,
            birthday: get(row, "birthday")?,
            how_met: get(row, "how_met")?,
            note: get(row, "note")?,
            emails: split(row, "emails")?,
            phones: split(row, "phones")?,
            urls: split(row, "urls")?,
            tags: split(row, "tags")?,
            former_names: split(row, "former_names")?,
            created_at: rows::timestamp(get(row, "created_at")?)?,
            updated_at: rows::timestamp(get(row, "updated_at")?)?,
        });
    }
    Ok(people)
}

/// Joins a person's list values in one column; the normalizers keep control characters
/// out of stored values, so this one cannot occur inside a value.
const LIST_SEPARATOR_CHAR: char = '\u{1f}';

pub(super) async fn person_id(conn: &mut Conn, owner: Uuid, handle: &Handle) -> Result<PersonId> {
    let row = sqlx::query("SELECT id FROM people WHERE owner_id = $1 AND handle = $2")
        .bind(owner)
        .bind(handle.as_str().to_owned())
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("person", handle.as_str()))?;
    Ok(PersonId::from_uuid(get(&row, "id")?))
}

pub(super) async fn fetch_one(
    conn: &mut Conn,
    owner: Uuid,
    selection: Selection<'_>,
    key: &str,
) -> Result<Person> {
    fetch_people(conn, owner, &selection, Some(1))
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found("person", key))
}

/// The first free handle for `name` among this owner's people.
async fn free_handle(conn: &mut Conn, owner: Uuid, name: &str) -> Result<Handle> {
    let base = Handle::base_for(name, "person");
    let taken: Vec<String> = sqlx::query_scalar(
        "SELECT handle FROM people WHERE owner_id = $1 AND (handle = $2 OR handle LIKE $3)",
    )
    .bind(owner)
    .bind(base.as_str().to_owned())
    .bind(format!("{}-%", base.as_str()))
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(Handle::first_free(&base, |h| taken.iter().any(|t| t == h)))
}

/// Cleans a list of values, dropping duplicates (ignoring case) and keeping order.
fn clean_list(
    values: &[String],
    normalize: impl Fn(&str) -> std::result::Result<String, ParseError>,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let value = normalize(value)?;
        if !out.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
            out.push(value);
        }
    }
    Ok(out)
}

/// A birthday as typed, blank meaning none.
fn clean_birthday(typed: Option<String>) -> Result<Option<String>> {
    Ok(rows::clean(typed)
        .map(|b| normalize_birthday(&b))
        .transpose()?)
}

pub(super) fn clean_tags(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = values.iter().filter_map(|t| normalize_tag(t)).collect();
    out.sort();
    out.dedup();
    out
}

pub(super) async fn add_contacts(
    conn: &mut Conn,
    owner: Uuid,
    person: Uuid,
    kind: &str,
    values: &[String],
) -> Result<()> {
    for value in values {
        sqlx::query(
            "INSERT INTO person_contacts (owner_id, person_id, kind, value, position)
             SELECT $1, $2, $3, $4, COALESCE(MAX(position), 0) + 1
             FROM person_contacts WHERE person_id = $2 AND kind = $3
             ON CONFLICT (person_id, kind, value) DO NOTHING",
        )
        .bind(owner)
        .bind(person)
        .bind(kind.to_owned())
        .bind(value.clone())
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

pub(super) async fn add_tags(
    conn: &mut Conn,
    owner: Uuid,
    person: Uuid,
    tags: &[String],
) -> Result<()> {
    for tag in tags {
        sqlx::query(
            "INSERT INTO person_tags (owner_id, person_id, tag) VALUES ($1, $2, $3)
             ON CONFLICT (person_id, tag) DO NOTHING",
        )
        .bind(owner)
        .bind(person)
        .bind(tag.clone())
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

/// Replaces a person's former names with `names`, in order.
pub(super) async fn set_former_names(
    conn: &mut Conn,
    owner: Uuid,
    person: Uuid,
    names: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM person_former_names WHERE owner_id = $1 AND person_id = $2")
        .bind(owner)
        .bind(person)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    for (position, name) in (1_i64..).zip(names) {
        sqlx::query(
            "INSERT INTO person_former_names (owner_id, person_id, name, position)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(owner)
        .bind(person)
        .bind(name.clone())
        .bind(position)
        .execute(&mut *conn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

/// The text a person is found by.
pub(super) fn person_body(person: &Person) -> String {
    let mut parts: Vec<&str> = vec![&person.name];
    parts.extend(person.former_names.iter().map(String::as_str));
    parts.extend(person.company.as_ref().map(|c| c.name.as_str()));
    parts.extend(person.role.as_deref());
    parts.extend(person.location.as_deref());
    parts.extend(person.tags.iter().map(String::as_str));
    parts.extend(person.emails.iter().map(String::as_str));
    parts.extend(person.how_met.as_deref());
    parts.extend(person.note.as_deref());
    parts.join(" · ")
}

pub(super) async fn index_person(conn: &mut Conn, owner: Uuid, person: &Person) -> Result<()> {
    sqlx::query(
        "INSERT INTO search_docs (owner_id, doc_kind, doc_id, person_id, occurred_at, body)
         VALUES ($1, 'person', $2, $2, NULL, $3)
         ON CONFLICT (doc_id) DO UPDATE SET body = excluded.body",
    )
    .bind(owner)
    .bind(person.id.as_uuid())
    .bind(person_body(person))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

#[async_trait]
impl PersonStore for SqlStore {
    async fn add_person(&self, new: NewPerson) -> Result<Person> {
        let owner = self.owner_uuid();
        let name = normalize_name("name", &new.name)?;
        let emails = clean_list(&new.emails, normalize_email)?;
        let phones = clean_list(&new.phones, normalize_phone)?;
        let urls = clean_list(&new.urls, normalize_url)?;
        let tags = clean_tags(&new.tags);
        let birthday = clean_birthday(new.birthday)?;
        let company = match rows::clean(new.company) {
            Some(c) => Some(normalize_name("company", &c)?),
            None => None,
        };

        let mut tx = self.begin_write().await?;
        let company_id = match &company {
            Some(c) => Some(find_or_create_company(&mut tx, owner, c).await?),
            None => None,
        };
        let handle = free_handle(&mut tx, owner, &name).await?;
        let id = PersonId::new();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO people (id, owner_id, handle, name, company_id, role, location,
                                 how_met, note, created_at, updated_at, birthday)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)",
        )
        .bind(id.as_uuid())
        .bind(owner)
        .bind(handle.as_str().to_owned())
        .bind(name)
        .bind(company_id)
        .bind(rows::clean(new.role))
        .bind(rows::clean(new.location))
        .bind(rows::clean(new.how_met))
        .bind(rows::clean(new.note))
        .bind(now)
        .bind(birthday)
        .execute(&mut *tx)
        .await
        .map_err(db_error("person", handle.as_str()))?;
        add_contacts(&mut tx, owner, id.as_uuid(), "email", &emails).await?;
        add_contacts(&mut tx, owner, id.as_uuid(), "phone", &phones).await?;
        add_contacts(&mut tx, owner, id.as_uuid(), "url", &urls).await?;
        add_tags(&mut tx, owner, id.as_uuid(), &tags).await?;
        let person = fetch_one(&mut tx, owner, Selection::Id(id), handle.as_str()).await?;
        index_person(&mut tx, owner, &person).await?;
        tx.commit().await.map_err(backend)?;
        Ok(person)
    }

    async fn person(&self, handle: &Handle) -> Result<Person> {
        let mut conn = self.conn().await?;
        fetch_one(
            &mut conn,
            self.owner_uuid(),
            Selection::Handle(handle),
            handle.as_str(),
        )
        .await
    }

    async fn people(&self, filter: &PersonFilter) -> Result<Vec<Person>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let company = match &filter.company {
            Some(key) => Some(company_by_key(&mut conn, owner, key).await?.id.as_uuid()),
            None => None,
        };
        let tag = match &filter.tag {
            Some(t) => {
                Some(normalize_tag(t).ok_or_else(|| ParseError::new("tag", t, "a non-empty tag"))?)
            }
            None => None,
        };
        let selection = if tag.is_none() && company.is_none() {
            Selection::All
        } else {
            Selection::Filtered { tag, company }
        };
        fetch_people(&mut conn, owner, &selection, filter.limit).await
    }

    async fn edit_person(&self, handle: &Handle, patch: PersonPatch) -> Result<Person> {
        let owner = self.owner_uuid();
        let name = patch
            .name
            .as_deref()
            .map(|n| normalize_name("name", n))
            .transpose()?;
        let birthday = patch.birthday.map(clean_birthday).transpose()?;
        let add_emails = clean_list(&patch.add_emails, normalize_email)?;
        let add_phones = clean_list(&patch.add_phones, normalize_phone)?;
        let add_urls = clean_list(&patch.add_urls, normalize_url)?;
        let company = match patch.company {
            Some(Some(c)) => match rows::clean(Some(c)) {
                Some(c) => Some(Some(normalize_name("company", &c)?)),
                None => Some(None),
            },
            other => other,
        };

        let mut tx = self.begin_write().await?;
        let current = fetch_one(&mut tx, owner, Selection::Handle(handle), handle.as_str()).await?;
        let id = current.id.as_uuid();
        let company_id = match company {
            None => current.company.as_ref().map(|c| c.id.as_uuid()),
            Some(None) => None,
            Some(Some(c)) => Some(find_or_create_company(&mut tx, owner, &c).await?),
        };
        let pick = |change: Option<Option<String>>, old: &Option<String>| match change {
            Some(value) => rows::clean(value),
            None => old.clone(),
        };
        sqlx::query(
            "UPDATE people SET name = $3, company_id = $4, role = $5, location = $6,
                               how_met = $7, note = $8, updated_at = $9, birthday = $10
             WHERE owner_id = $1 AND id = $2",
        )
        .bind(owner)
        .bind(id)
        .bind(name.clone().unwrap_or(current.name.clone()))
        .bind(company_id)
        .bind(pick(patch.role, &current.role))
        .bind(pick(patch.location, &current.location))
        .bind(pick(patch.how_met, &current.how_met))
        .bind(pick(patch.note, &current.note))
        .bind(now_ms().max(current.updated_at.as_millisecond() + 1))
        .bind(birthday.unwrap_or(current.birthday.clone()))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;

        for (kind, removed) in [
            ("email", &patch.remove_emails),
            ("phone", &patch.remove_phones),
            ("url", &patch.remove_urls),
        ] {
            for value in removed {
                let gone = sqlx::query(
                    "DELETE FROM person_contacts
                     WHERE owner_id = $1 AND person_id = $2 AND kind = $3 AND lower(value) = lower($4)",
                )
                .bind(owner)
                .bind(id)
                .bind(kind.to_owned())
                .bind(value.trim().to_owned())
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
                if gone.rows_affected() == 0 {
                    return Err(StoreError::not_found(kind, format!("{value} on {handle}")));
                }
            }
        }
        add_contacts(&mut tx, owner, id, "email", &add_emails).await?;
        add_contacts(&mut tx, owner, id, "phone", &add_phones).await?;
        add_contacts(&mut tx, owner, id, "url", &add_urls).await?;
        let mut former = match &name {
            Some(new) => former_names_after_rename(&current.former_names, &current.name, new),
            None => current.former_names.clone(),
        };
        for forgotten in &patch.forget_names {
            let before = former.len();
            former.retain(|n| !same_name(n, forgotten));
            if former.len() == before {
                let theirs = if current.former_names.is_empty() {
                    "they have none".to_owned()
                } else {
                    format!("theirs: {}", current.former_names.join(", "))
                };
                return Err(StoreError::Conflict {
                    what: "former name",
                    key: forgotten.trim().to_owned(),
                    reason: format!("not one of {handle}'s ({theirs})"),
                });
            }
        }
        if former != current.former_names {
            set_former_names(&mut tx, owner, id, &former).await?;
        }
        for tag in clean_tags(&patch.remove_tags) {
            sqlx::query(
                "DELETE FROM person_tags WHERE owner_id = $1 AND person_id = $2 AND tag = $3",
            )
            .bind(owner)
            .bind(id)
            .bind(tag)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        }
        add_tags(&mut tx, owner, id, &clean_tags(&patch.add_tags)).await?;
        let person = fetch_one(&mut tx, owner, Selection::Id(current.id), handle.as_str()).await?;
        index_person(&mut tx, owner, &person).await?;
        tx.commit().await.map_err(backend)?;
        Ok(person)
    }

    async fn remove_person(&self, handle: &Handle) -> Result<()> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let id = person_id(&mut tx, owner, handle).await?.as_uuid();
        // Interactions with nobody else in them go with the person (and their documents).
        const ONLY_THEIRS: &str = "SELECT ip.interaction_id FROM interaction_people ip
             WHERE ip.owner_id = $1 AND ip.person_id = $2
               AND NOT EXISTS (SELECT 1 FROM interaction_people other
                               WHERE other.interaction_id = ip.interaction_id
                                 AND other.person_id <> $2)";
        for sql in [
            format!("DELETE FROM search_docs WHERE owner_id = $1 AND doc_id IN ({ONLY_THEIRS})"),
            format!("DELETE FROM interactions WHERE owner_id = $1 AND id IN ({ONLY_THEIRS})"),
            "DELETE FROM search_docs WHERE owner_id = $1 AND doc_id = $2".to_owned(),
            // The merges they kept go with them (a merge that absorbs them keeps its own).
            "DELETE FROM merges WHERE owner_id = $1 AND kept_id = $2".to_owned(),
            "DELETE FROM people WHERE owner_id = $1 AND id = $2".to_owned(),
        ] {
            sqlx::query(AssertSqlSafe(sql))
                .bind(owner)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn count_people(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE owner_id = $1")
            .bind(self.owner_uuid())
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
