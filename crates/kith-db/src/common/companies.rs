//! Companies, looked up by handle or by name ignoring case.

use async_trait::async_trait;
use kith_core::company::normalize_domain;
use kith_core::person::normalize_name;
use kith_core::{Company, CompanyId, Handle, ParseError, Person};
use kith_store::{CompanyPatch, CompanyStore, CompanySummary, NewCompany, Result, StoreError};
use uuid::Uuid;

use super::people::{Selection, fetch_people, index_person};
use super::rows::{self, DbRow, get};
use super::{Conn, SqlStore, now_ms};
use crate::error::{backend, db_error};

const COLUMNS: &str = "c.id, c.handle, c.name, c.domain, c.location, c.size, c.remote_policy,
                       c.notes, c.target, c.created_at, c.updated_at";

/// Case-insensitive key for matching company names ("ACME" is "Acme"): the identity rules'.
pub(super) use kith_core::identity::name_key;

fn company_from_row(row: &DbRow) -> Result<Company> {
    let size: Option<String> = get(row, "size")?;
    let remote: Option<String> = get(row, "remote_policy")?;
    Ok(Company {
        id: CompanyId::from_uuid(get(row, "id")?),
        handle: rows::handle(get(row, "handle")?)?,
        name: get(row, "name")?,
        domain: get(row, "domain")?,
        location: get(row, "location")?,
        size: size.map(|s| rows::vocab("company size", &s)).transpose()?,
        remote_policy: remote
            .map(|s| rows::vocab("remote policy", &s))
            .transpose()?,
        notes: get(row, "notes")?,
        target: get(row, "target")?,
        created_at: rows::timestamp(get(row, "created_at")?)?,
        updated_at: rows::timestamp(get(row, "updated_at")?)?,
    })
}

/// By handle, or else by name ignoring case.
pub(super) async fn company_by_key(conn: &mut Conn, owner: Uuid, key: &str) -> Result<Company> {
    let sql = format!(
        "SELECT {COLUMNS} FROM companies c
         WHERE c.owner_id = $1 AND (c.handle = $2 OR c.name_key = $3)
         ORDER BY CASE WHEN c.handle = $2 THEN 0 ELSE 1 END, c.created_at
         LIMIT 1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner)
        .bind(key.trim().to_lowercase())
        .bind(name_key(key))
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("company", key))?;
    company_from_row(&row)
}

async fn free_handle(conn: &mut Conn, owner: Uuid, name: &str) -> Result<Handle> {
    let base = Handle::base_for(name, "company");
    let taken: Vec<String> = sqlx::query_scalar(
        "SELECT handle FROM companies WHERE owner_id = $1 AND (handle = $2 OR handle LIKE $3)",
    )
    .bind(owner)
    .bind(base.as_str().to_owned())
    .bind(format!("{}-%", base.as_str()))
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(Handle::first_free(&base, |h| taken.iter().any(|t| t == h)))
}

async fn insert_company(conn: &mut Conn, owner: Uuid, new: &NewCompany) -> Result<Uuid> {
    let name = normalize_name("company name", &new.name)?;
    let domain = match rows::clean(new.domain.clone()) {
        Some(d) => Some(
            normalize_domain(&d)
                .ok_or_else(|| ParseError::new("domain", &d, "a web domain such as acme.io"))?,
        ),
        None => None,
    };
    let handle = free_handle(conn, owner, &name).await?;
    let id = CompanyId::new().as_uuid();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO companies (id, owner_id, handle, name, name_key, domain, location, size,
                                remote_policy, notes, target, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
    )
    .bind(id)
    .bind(owner)
    .bind(handle.as_str().to_owned())
    .bind(name.clone())
    .bind(name_key(&name))
    .bind(domain)
    .bind(rows::clean(new.location.clone()))
    .bind(new.size.map(|s| s.as_str().to_owned()))
    .bind(new.remote_policy.map(|s| s.as_str().to_owned()))
    .bind(rows::clean(new.notes.clone()))
    .bind(new.target)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(db_error("company", handle.as_str()))?;
    Ok(id)
}

/// The company with this name (ignoring case), created with just its name if missing.
pub(super) async fn find_or_create_company(
    conn: &mut Conn,
    owner: Uuid,
    name: &str,
) -> Result<Uuid> {
    let existing: Option<Uuid> = sqlx::query_scalar(
        "SELECT id FROM companies WHERE owner_id = $1 AND name_key = $2
         ORDER BY created_at LIMIT 1",
    )
    .bind(owner)
    .bind(name_key(name))
    .fetch_optional(&mut *conn)
    .await
    .map_err(backend)?;
    match existing {
        Some(id) => Ok(id),
        None => {
            let new = NewCompany {
                name: name.to_owned(),
                ..NewCompany::default()
            };
            insert_company(conn, owner, &new).await
        }
    }
}

async fn company_by_id(conn: &mut Conn, owner: Uuid, id: Uuid) -> Result<Company> {
    let sql = format!("SELECT {COLUMNS} FROM companies c WHERE c.owner_id = $1 AND c.id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(owner)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("company", id.to_string()))?;
    company_from_row(&row)
}

#[async_trait]
impl CompanyStore for SqlStore {
    async fn add_company(&self, new: NewCompany) -> Result<Company> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let name = normalize_name("company name", &new.name)?;
        let clash: Option<String> = sqlx::query_scalar(
            "SELECT handle FROM companies WHERE owner_id = $1 AND name_key = $2 LIMIT 1",
        )
        .bind(owner)
        .bind(name_key(&name))
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(handle) = clash {
            return Err(StoreError::Conflict {
                what: "company",
                key: name,
                reason: format!("already exists as {handle}"),
            });
        }
        let id = insert_company(&mut tx, owner, &new).await?;
        let company = company_by_id(&mut tx, owner, id).await?;
        tx.commit().await.map_err(backend)?;
        Ok(company)
    }

    async fn company(&self, handle_or_name: &str) -> Result<Company> {
        let mut conn = self.conn().await?;
        company_by_key(&mut conn, self.owner_uuid(), handle_or_name).await
    }

    async fn companies(&self) -> Result<Vec<CompanySummary>> {
        let sql = format!(
            "SELECT {COLUMNS},
                    (SELECT COUNT(*) FROM people p WHERE p.owner_id = c.owner_id
                                                    AND p.company_id = c.id) AS people
             FROM companies c WHERE c.owner_id = $1"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.owner_uuid())
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        let mut out = rows
            .iter()
            .map(|row| {
                Ok(CompanySummary {
                    company: company_from_row(row)?,
                    people: u64::try_from(get::<i64>(row, "people")?).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| a.company.handle.cmp(&b.company.handle));
        Ok(out)
    }

    async fn edit_company(&self, handle: &Handle, patch: CompanyPatch) -> Result<Company> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let current = company_by_key(&mut tx, owner, handle.as_str()).await?;
        if current.handle != *handle {
            return Err(StoreError::not_found("company", handle.as_str()));
        }
        let name = match &patch.name {
            Some(n) => normalize_name("company name", n)?,
            None => current.name.clone(),
        };
        let domain = match patch.domain {
            None => current.domain.clone(),
            Some(d) => match rows::clean(d) {
                Some(d) => Some(normalize_domain(&d).ok_or_else(|| {
                    ParseError::new("domain", &d, "a web domain such as acme.io")
                })?),
                None => None,
            },
        };
        let text = |change: Option<Option<String>>, old: &Option<String>| match change {
            Some(v) => rows::clean(v),
            None => old.clone(),
        };
        sqlx::query(
            "UPDATE companies SET name = $3, name_key = $4, domain = $5, location = $6, size = $7,
                                  remote_policy = $8, notes = $9, target = $10, updated_at = $11
             WHERE owner_id = $1 AND id = $2",
        )
        .bind(owner)
        .bind(current.id.as_uuid())
        .bind(name.clone())
        .bind(name_key(&name))
        .bind(domain)
        .bind(text(patch.location, &current.location))
        .bind(
            patch
                .size
                .unwrap_or(current.size)
                .map(|s| s.as_str().to_owned()),
        )
        .bind(
            patch
                .remote_policy
                .unwrap_or(current.remote_policy)
                .map(|s| s.as_str().to_owned()),
        )
        .bind(text(patch.notes, &current.notes))
        .bind(patch.target.unwrap_or(current.target))
        .bind(now_ms().max(current.updated_at.as_millisecond() + 1))
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        if name != current.name {
            // People are found by their company's name: re-index them under the new one.
            let selection = Selection::Filtered {
                tag: None,
                company: Some(current.id.as_uuid()),
            };
            for person in fetch_people(&mut tx, owner, &selection, None).await? {
                index_person(&mut tx, owner, &person).await?;
            }
        }
        let company = company_by_id(&mut tx, owner, current.id.as_uuid()).await?;
        tx.commit().await.map_err(backend)?;
        Ok(company)
    }

    async fn remove_company(&self, handle: &Handle) -> Result<()> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let id: Uuid =
            sqlx::query_scalar("SELECT id FROM companies WHERE owner_id = $1 AND handle = $2")
                .bind(owner)
                .bind(handle.as_str().to_owned())
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?
                .ok_or_else(|| StoreError::not_found("company", handle.as_str()))?;
        let selection = Selection::Filtered {
            tag: None,
            company: Some(id),
        };
        let affected = fetch_people(&mut tx, owner, &selection, None).await?;
        sqlx::query("DELETE FROM companies WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        for mut person in affected {
            person.company = None;
            index_person(&mut tx, owner, &person).await?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn people_at(&self, company: &Handle) -> Result<Vec<Person>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let company = company_by_key(&mut conn, owner, company.as_str()).await?;
        let selection = Selection::Filtered {
            tag: None,
            company: Some(company.id.as_uuid()),
        };
        fetch_people(&mut conn, owner, &selection, None).await
    }
}
