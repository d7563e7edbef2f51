//! Where the database is: a SQLite file path or a PostgreSQL URL, parsed from what the
//! user typed (`--db`, `KITH_DB`, the config file).

use std::fmt;
use std::path::PathBuf;

#[derive(Clone, PartialEq, Eq)]
pub enum DbLocation {
    Sqlite(PathBuf),
    Postgres(String),
}

#[derive(Debug, thiserror::Error)]
#[error("invalid database location {given:?}: {reason}")]
pub struct LocationError {
    pub given: String,
    pub reason: &'static str,
}

impl DbLocation {
    /// `postgres://…`/`postgresql://…` is PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or
    /// any other text is a SQLite file path.
    pub fn parse(text: &str) -> Result<Self, LocationError> {
        let err = |reason| LocationError {
            given: text.to_owned(),
            reason,
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(err("it is empty"));
        }
        if trimmed.starts_with("postgres://") || trimmed.starts_with("postgresql://") {
            return Ok(Self::Postgres(trimmed.to_owned()));
        }
        let path = trimmed
            .strip_prefix("sqlite://")
            .or_else(|| trimmed.strip_prefix("sqlite:"))
            .unwrap_or(trimmed);
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            return Err(err("it names no file"));
        }
        if path.contains("://") {
            return Err(err("only sqlite and postgres databases are supported"));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }
}

impl fmt::Display for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "{}", path.display()),
            // Never print a password that may be in the URL.
            Self::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let user_info = &url[scheme + 3..at];
                    let user = user_info.split(':').next().unwrap_or("");
                    write!(f, "{}{}@{}", &url[..scheme + 3], user, &url[at + 1..])
                }
                _ => f.write_str(url),
            },
        }
    }
}

impl fmt::Debug for DbLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbLocation({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_people_type() {
        let cases: &[(&str, Option<DbLocation>)] = &[
            ("kith.db", Some(DbLocation::Sqlite("kith.db".into()))),
            (
                "/tmp/x/kith.sqlite",
                Some(DbLocation::Sqlite("/tmp/x/kith.sqlite".into())),
            ),
            (
                "sqlite:///tmp/k.db",
                Some(DbLocation::Sqlite("/tmp/k.db".into())),
            ),
            (
                "sqlite:k.db?mode=rwc",
                Some(DbLocation::Sqlite("k.db".into())),
            ),
            (
                "postgres://u@h/db",
                Some(DbLocation::Postgres("postgres://u@h/db".into())),
            ),
            (
                "postgresql://u@h/db",
                Some(DbLocation::Postgres("postgresql://u@h/db".into())),
            ),
            ("mysql://u@h/db", None),
            ("", None),
            ("sqlite://", None),
        ];
        for (input, expected) in cases {
            assert_eq!(DbLocation::parse(input).ok(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn passwords_never_print() {
        let loc = DbLocation::parse("postgres://kith:s3cret@db.example/kith").unwrap();
        assert_eq!(loc.to_string(), "postgres://kith@db.example/kith");
        assert!(!format!("{loc:?}").contains("s3cret"));
    }
}
