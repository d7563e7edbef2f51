//! The seeker's side of conversations: their profile, pitch versions, own questions, and
//! the extras kept beside an interaction (pitch used, message sent, the linter's findings).

use std::collections::HashSet;

use async_trait::async_trait;
use kith_core::draft::Profile;
use kith_core::outreach::Finding;
use kith_core::pitch::Pitch;
use kith_core::questions::{Purpose, SavedQuestion};
use kith_core::{Interaction, InteractionId, ParseError, PitchId, QuestionId};
use kith_store::{
    Backup, ConversationStore, InteractionExtras, NewInteraction, PitchOutcome, Result, StoreError,
};
use uuid::Uuid;

use super::interactions::log_in;
use super::rows::{self, DbRow, get};
use super::{
    Conn, ID_CHUNK, Numbered, Owned, SqlStore, ensure_owned, next_number, now_ms, owned_in,
};
use crate::error::backend;

fn pitch_from_row(row: &DbRow) -> Result<Pitch> {
    Ok(Pitch {
        id: PitchId::from_uuid(get(row, "id")?),
        version: get(row, "version")?,
        label: get(row, "label")?,
        body: get(row, "body")?,
        current: get(row, "current")?,
        created_at: rows::timestamp(get(row, "created_at")?)?,
    })
}

fn question_from_row(row: &DbRow) -> Result<SavedQuestion> {
    Ok(SavedQuestion {
        id: QuestionId::from_uuid(get(row, "id")?),
        number: get(row, "number")?,
        text: get(row, "text")?,
        purpose: rows::vocab("question purpose", &get::<String>(row, "purpose")?)?,
        created_at: rows::timestamp(get(row, "created_at")?)?,
    })
}

fn extras_from_row(row: &DbRow) -> Result<InteractionExtras> {
    let findings: Option<String> = get(row, "findings")?;
    let findings = match findings {
        Some(json) => {
            serde_json::from_str::<Vec<Finding>>(&json).map_err(|e| StoreError::Corrupt {
                what: "interaction findings",
                detail: e.to_string(),
            })?
        }
        None => Vec::new(),
    };
    Ok(InteractionExtras {
        interaction: InteractionId::from_uuid(get(row, "interaction_id")?),
        pitch: get::<Option<Uuid>>(row, "pitch_id")?.map(PitchId::from_uuid),
        message: get(row, "message")?,
        findings,
    })
}

async fn all_pitches(conn: &mut Conn, owner: Uuid) -> Result<Vec<Pitch>> {
    sqlx::query(
        "SELECT id, version, label, body, current, created_at FROM pitches
         WHERE owner_id = $1 ORDER BY version",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    .iter()
    .map(pitch_from_row)
    .collect()
}

async fn all_questions(conn: &mut Conn, owner: Uuid) -> Result<Vec<SavedQuestion>> {
    sqlx::query(
        "SELECT id, number, text, purpose, created_at FROM own_questions
         WHERE owner_id = $1 ORDER BY number",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    .iter()
    .map(question_from_row)
    .collect()
}

async fn read_profile(conn: &mut Conn, owner: Uuid) -> Result<Profile> {
    let row = sqlx::query("SELECT name, line, interests FROM profiles WHERE owner_id = $1")
        .bind(owner)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Ok(Profile::default());
    };
    let interests: String = get(&row, "interests")?;
    Ok(Profile {
        name: get(&row, "name")?,
        line: get(&row, "line")?,
        interests: interests
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

async fn write_profile(conn: &mut Conn, owner: Uuid, profile: &Profile) -> Result<()> {
    for interest in &profile.interests {
        if interest.trim().is_empty() || interest.contains('\n') {
            return Err(ParseError::new("interest", interest, "a tag-like word, not empty").into());
        }
    }
    sqlx::query(
        "INSERT INTO profiles (owner_id, name, line, interests) VALUES ($1, $2, $3, $4)
         ON CONFLICT (owner_id) DO UPDATE
         SET name = excluded.name, line = excluded.line, interests = excluded.interests",
    )
    .bind(owner)
    .bind(rows::clean(profile.name.clone()))
    .bind(rows::clean(profile.line.clone()))
    .bind(profile.interests.join("\n"))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn insert_pitch(conn: &mut Conn, owner: Uuid, pitch: &Pitch) -> Result<()> {
    sqlx::query(
        "INSERT INTO pitches (id, owner_id, version, label, body, current, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(pitch.id.as_uuid())
    .bind(owner)
    .bind(pitch.version)
    .bind(pitch.label.clone())
    .bind(pitch.body.clone())
    .bind(pitch.current)
    .bind(pitch.created_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn insert_question(conn: &mut Conn, owner: Uuid, q: &SavedQuestion) -> Result<()> {
    sqlx::query(
        "INSERT INTO own_questions (id, owner_id, number, text, purpose, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(q.id.as_uuid())
    .bind(owner)
    .bind(q.number)
    .bind(q.text.clone())
    .bind(q.purpose.as_str())
    .bind(q.created_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn insert_extras(conn: &mut Conn, owner: Uuid, extras: &InteractionExtras) -> Result<()> {
    let findings = if extras.findings.is_empty() && extras.message.is_none() {
        None
    } else {
        Some(
            serde_json::to_string(&extras.findings).map_err(|e| StoreError::Corrupt {
                what: "interaction findings",
                detail: e.to_string(),
            })?,
        )
    };
    sqlx::query(
        "INSERT INTO interaction_extras (interaction_id, owner_id, pitch_id, message, findings)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(extras.interaction.as_uuid())
    .bind(owner)
    .bind(extras.pitch.map(|p| p.as_uuid()))
    .bind(extras.message.clone())
    .bind(findings)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn all_extras(conn: &mut Conn, owner: Uuid) -> Result<Vec<InteractionExtras>> {
    sqlx::query(
        "SELECT interaction_id, pitch_id, message, findings FROM interaction_extras
         WHERE owner_id = $1 ORDER BY interaction_id",
    )
    .bind(owner)
    .fetch_all(&mut *conn)
    .await
    .map_err(backend)?
    .iter()
    .map(extras_from_row)
    .collect()
}

/// What a backup holds of this module: profile, pitches, own questions, extras.
pub(super) async fn snapshot(
    conn: &mut Conn,
    owner: Uuid,
) -> Result<(
    Profile,
    Vec<Pitch>,
    Vec<SavedQuestion>,
    Vec<InteractionExtras>,
)> {
    Ok((
        read_profile(conn, owner).await?,
        all_pitches(conn, owner).await?,
        all_questions(conn, owner).await?,
        all_extras(conn, owner).await?,
    ))
}

/// Writes a backup's profile, pitches, questions and extras inside the restore's
/// transaction; extras may only point at the backup's own interactions and pitches.
pub(super) async fn restore(conn: &mut Conn, owner: Uuid, backup: &Backup) -> Result<()> {
    if !backup.profile.is_empty() {
        write_profile(conn, owner, &backup.profile).await?;
    }
    if backup.pitches.iter().filter(|p| p.current).count() > 1 {
        return Err(ParseError::new("pitches", "current", "at most one current pitch").into());
    }
    for pitch in &backup.pitches {
        insert_pitch(conn, owner, pitch).await?;
    }
    for q in &backup.questions {
        insert_question(conn, owner, q).await?;
    }
    let interactions: HashSet<InteractionId> = backup.interactions.iter().map(|i| i.id).collect();
    let pitches: HashSet<PitchId> = backup.pitches.iter().map(|p| p.id).collect();
    for extras in &backup.interaction_extras {
        if !interactions.contains(&extras.interaction) {
            return Err(StoreError::not_found(
                "interaction",
                extras.interaction.to_string(),
            ));
        }
        if let Some(p) = extras.pitch
            && !pitches.contains(&p)
        {
            return Err(StoreError::not_found("pitch", p.to_string()));
        }
        insert_extras(conn, owner, extras).await?;
    }
    Ok(())
}

#[async_trait]
impl ConversationStore for SqlStore {
    async fn profile(&self) -> Result<Profile> {
        let mut conn = self.conn().await?;
        read_profile(&mut conn, self.owner_uuid()).await
    }

    async fn set_profile(&self, profile: &Profile) -> Result<()> {
        let mut conn = self.conn().await?;
        write_profile(&mut conn, self.owner_uuid(), profile).await
    }

    async fn add_pitch(&self, label: Option<String>, body: String) -> Result<Pitch> {
        let owner = self.owner_uuid();
        let body = body.trim().to_owned();
        if body.is_empty() {
            return Err(ParseError::new("pitch", "", "the words of the pitch").into());
        }
        let mut tx = self.begin_write().await?;
        let version = next_number(&mut tx, owner, Numbered::Pitches).await?;
        sqlx::query("UPDATE pitches SET current = FALSE WHERE owner_id = $1 AND current")
            .bind(owner)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let pitch = Pitch {
            id: PitchId::new(),
            version,
            label: rows::clean(label),
            body,
            current: true,
            created_at: rows::timestamp(now_ms())?,
        };
        insert_pitch(&mut tx, owner, &pitch).await?;
        tx.commit().await.map_err(backend)?;
        Ok(pitch)
    }

    async fn pitches(&self) -> Result<Vec<Pitch>> {
        let mut conn = self.conn().await?;
        all_pitches(&mut conn, self.owner_uuid()).await
    }

    async fn use_pitch(&self, version: i64) -> Result<Pitch> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let exists: Option<Uuid> =
            sqlx::query_scalar("SELECT id FROM pitches WHERE owner_id = $1 AND version = $2")
                .bind(owner)
                .bind(version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(backend)?;
        if exists.is_none() {
            return Err(StoreError::not_found("pitch version", version.to_string()));
        }
        sqlx::query("UPDATE pitches SET current = FALSE WHERE owner_id = $1 AND current")
            .bind(owner)
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        let row = sqlx::query(
            "UPDATE pitches SET current = TRUE WHERE owner_id = $1 AND version = $2
             RETURNING id, version, label, body, current, created_at",
        )
        .bind(owner)
        .bind(version)
        .fetch_one(&mut *tx)
        .await
        .map_err(backend)?;
        let pitch = pitch_from_row(&row)?;
        tx.commit().await.map_err(backend)?;
        Ok(pitch)
    }

    async fn pitch_outcomes(&self, since: Option<jiff::Timestamp>) -> Result<Vec<PitchOutcome>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        // One row per (use, person in it); a reply is a later inbound interaction with
        // that person, a meeting a later coffee chat, informational interview, call or
        // meetup with them.
        let rows = sqlx::query(
            "SELECT p.id, p.version,
                    COUNT(DISTINCT x.interaction_id) AS uses,
                    COUNT(DISTINCT ip.person_id) AS people,
                    COUNT(DISTINCT CASE WHEN EXISTS (
                        SELECT 1 FROM interaction_people ip2
                        JOIN interactions j ON j.id = ip2.interaction_id
                        WHERE ip2.owner_id = $1 AND ip2.person_id = ip.person_id
                          AND j.occurred_at > i.occurred_at AND j.direction = 'inbound'
                    ) THEN ip.person_id END) AS replied,
                    COUNT(DISTINCT CASE WHEN EXISTS (
                        SELECT 1 FROM interaction_people ip2
                        JOIN interactions j ON j.id = ip2.interaction_id
                        WHERE ip2.owner_id = $1 AND ip2.person_id = ip.person_id
                          AND j.occurred_at > i.occurred_at
                          AND j.kind IN ('coffee-chat', 'informational-interview', 'call', 'meetup')
                    ) THEN ip.person_id END) AS met
             FROM interaction_extras x
             JOIN pitches p ON p.id = x.pitch_id
             JOIN interactions i ON i.id = x.interaction_id
             JOIN interaction_people ip ON ip.interaction_id = i.id
             WHERE x.owner_id = $1 AND i.occurred_at >= $2
             GROUP BY p.id, p.version
             ORDER BY p.version",
        )
        .bind(owner)
        .bind(since.map_or(i64::MIN, |t| t.as_millisecond()))
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        rows.iter()
            .map(|row| {
                let count = |c: &str| get::<i64>(row, c).map(|n| u64::try_from(n).unwrap_or(0));
                Ok(PitchOutcome {
                    pitch: PitchId::from_uuid(get(row, "id")?),
                    version: get(row, "version")?,
                    uses: count("uses")?,
                    people: count("people")?,
                    replied: count("replied")?,
                    met: count("met")?,
                })
            })
            .collect()
    }

    async fn add_question(&self, text: String, purpose: Purpose) -> Result<SavedQuestion> {
        let owner = self.owner_uuid();
        let text = text.trim().to_owned();
        if text.is_empty() {
            return Err(ParseError::new("question", "", "the words of the question").into());
        }
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT number FROM own_questions WHERE owner_id = $1 AND lower(text) = lower($2)",
        )
        .bind(owner)
        .bind(text.clone())
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?;
        if let Some(number) = taken {
            return Err(StoreError::Conflict {
                what: "question",
                key: text,
                reason: format!("already in your bank as question {number}"),
            });
        }
        let number = next_number(&mut tx, owner, Numbered::Questions).await?;
        let q = SavedQuestion {
            id: QuestionId::new(),
            number,
            text,
            purpose,
            created_at: rows::timestamp(now_ms())?,
        };
        insert_question(&mut tx, owner, &q).await?;
        tx.commit().await.map_err(backend)?;
        Ok(q)
    }

    async fn own_questions(&self) -> Result<Vec<SavedQuestion>> {
        let mut conn = self.conn().await?;
        all_questions(&mut conn, self.owner_uuid()).await
    }

    async fn remove_question(&self, number: i64) -> Result<SavedQuestion> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "DELETE FROM own_questions WHERE owner_id = $1 AND number = $2
             RETURNING id, number, text, purpose, created_at",
        )
        .bind(owner)
        .bind(number)
        .fetch_optional(&mut *tx)
        .await
        .map_err(backend)?
        .ok_or_else(|| StoreError::not_found("question", number.to_string()))?;
        let q = question_from_row(&row)?;
        tx.commit().await.map_err(backend)?;
        Ok(q)
    }

    async fn log_with_extras(
        &self,
        new: NewInteraction,
        pitch: Option<PitchId>,
        message: Option<String>,
        findings: Vec<Finding>,
    ) -> Result<(Interaction, InteractionExtras)> {
        let owner = self.owner_uuid();
        let mut tx = self.begin_write().await?;
        ensure_owned(&mut tx, owner, Owned::Pitches, pitch.map(|p| p.as_uuid())).await?;
        let interaction = log_in(&mut tx, owner, new).await?;
        let extras = InteractionExtras {
            interaction: interaction.id,
            pitch,
            message: rows::clean(message),
            findings,
        };
        insert_extras(&mut tx, owner, &extras).await?;
        tx.commit().await.map_err(backend)?;
        Ok((interaction, extras))
    }

    async fn extras_of(&self, interactions: &[InteractionId]) -> Result<Vec<InteractionExtras>> {
        let owner = self.owner_uuid();
        let mut conn = self.conn().await?;
        let mut out = Vec::new();
        for chunk in interactions.chunks(ID_CHUNK) {
            let ids: Vec<Uuid> = chunk.iter().map(|i| i.as_uuid()).collect();
            let mut qb = owned_in(
                "SELECT interaction_id, pitch_id, message, findings FROM interaction_extras",
                "owner_id",
                owner,
                "interaction_id",
                &ids,
            );
            for row in qb.build().fetch_all(&mut *conn).await.map_err(backend)? {
                out.push(extras_from_row(&row)?);
            }
        }
        Ok(out)
    }
}
