//! Search: the shared half (turning typed text into words, naming the people hit).
//! Matching and ranking are the dialect's (`super::super::search_docs`).

use std::collections::HashMap;

use async_trait::async_trait;
use kith_core::{ParseError, PersonId, PersonLink};
use kith_store::{HitKind, Result, SearchHit, SearchStore, StoreError};
use uuid::Uuid;

use super::rows::{self, get};
use super::{SqlStore, owned_in};
use crate::error::backend;

/// A matching document as the dialect returns it.
#[derive(Debug)]
pub(crate) struct RawHit {
    pub(crate) kind: String,
    pub(crate) person_id: Option<Uuid>,
    pub(crate) occurred_at: Option<i64>,
    pub(crate) snippet: String,
    pub(crate) score: f64,
}

/// The words of a query: letters and digits only, lowercased. Operators and quotes in
/// the typed text are never passed to the database's query language.
pub(crate) fn query_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(16)
        .collect()
}

#[async_trait]
impl SearchStore for SqlStore {
    async fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let words = query_words(query);
        if words.is_empty() {
            return Err(ParseError::new("search query", query, "at least one word").into());
        }
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let raw =
            super::super::search_docs(&mut conn, self.owner, &words, limit.clamp(1, 500)).await?;

        let ids: Vec<Uuid> = raw.iter().filter_map(|h| h.person_id).collect();
        let mut people: HashMap<Uuid, PersonLink> = HashMap::new();
        if !ids.is_empty() {
            let mut qb = owned_in(
                "SELECT id, handle, name FROM people",
                "owner_id",
                owner,
                "id",
                &ids,
            );
            for row in qb.build().fetch_all(&mut *conn).await.map_err(backend)? {
                let id: Uuid = get(&row, "id")?;
                people.insert(
                    id,
                    PersonLink {
                        id: PersonId::from_uuid(id),
                        handle: rows::handle(get(&row, "handle")?)?,
                        name: get(&row, "name")?,
                    },
                );
            }
        }
        raw.into_iter()
            .map(|hit| {
                let kind = match hit.kind.as_str() {
                    "person" => HitKind::Person,
                    "interaction" => HitKind::Interaction,
                    other => {
                        return Err(StoreError::Corrupt {
                            what: "search document kind",
                            detail: other.to_owned(),
                        });
                    }
                };
                Ok(SearchHit {
                    kind,
                    person: hit.person_id.and_then(|id| people.get(&id).cloned()),
                    snippet: hit.snippet,
                    score: hit.score,
                    when: hit.occurred_at.map(rows::timestamp).transpose()?,
                })
            })
            .collect()
    }
}
