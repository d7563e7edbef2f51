//! The one place configuration is resolved: defaults, then the config file, then `KITH_*`
//! environment variables, then flags, each overriding the one before. Reading config
//! never writes anything; the database file is only created when a command opens it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use kith_core::relationship::{Cadence, Cadences};
use kith_db::DbLocation;
use serde::Deserialize;

/// Everything a command needs to know about how it runs.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) db: DbLocation,
    pub(crate) json: bool,
    /// Colour and prompts: only when talking to a person at a terminal.
    pub(crate) color: bool,
    pub(crate) interactive: bool,
    /// The current moment in the user's zone (`KITH_NOW` and `KITH_TZ` can pin it).
    pub(crate) now: ZonedDateTime,
    /// Each circle's cadence and the default circle (the config file's `[circles]`).
    pub(crate) cadences: Cadences,
    /// The folder of the seeker's own message templates (`KITH_TEMPLATES`, the config
    /// file's `templates`, else `templates` in the platform config directory).
    pub(crate) templates: Option<PathBuf>,
}

/// The config file's shape (`config.toml` in the platform config directory, or the file
/// named by `KITH_CONFIG`).
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    pub(crate) db: Option<String>,
    pub(crate) templates: Option<String>,
    #[serde(default)]
    pub(crate) circles: CirclesConfig,
}

/// `[circles]`: `default = "loose"`, and per circle `close = { every = "3w", at_most = "6w" }`.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct CirclesConfig {
    pub(crate) default: Option<String>,
    pub(crate) close: Option<CadenceConfig>,
    pub(crate) warm: Option<CadenceConfig>,
    pub(crate) loose: Option<CadenceConfig>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct CadenceConfig {
    pub(crate) every: String,
    pub(crate) at_most: String,
}

impl CirclesConfig {
    fn resolve(&self) -> Result<Cadences> {
        let mut out = Cadences::default();
        if let Some(text) = &self.default {
            out.default_circle = text.parse().context("the config file's circles.default")?;
        }
        for (name, given, slot) in [
            ("close", &self.close, &mut out.close),
            ("warm", &self.warm, &mut out.warm),
            ("loose", &self.loose, &mut out.loose),
        ] {
            if let Some(c) = given {
                *slot = cadence(&c.every, &c.at_most)
                    .with_context(|| format!("the config file's circles.{name}"))?;
            }
        }
        Ok(out)
    }
}

/// A cadence from two lengths such as `3w` and `6w` (days, weeks, months of 30 days, years
/// of 365); the maximum must not be shorter than the ideal.
pub(crate) fn cadence(every: &str, at_most: &str) -> Result<Cadence> {
    let ideal_days = kith_core::when::parse_days(every)?;
    let max_days = kith_core::when::parse_days(at_most)?;
    anyhow::ensure!(
        max_days >= ideal_days,
        "at most {at_most:?} is shorter than every {every:?}"
    );
    Ok(Cadence {
        ideal_days,
        max_days,
    })
}

/// What the flags said, before anything is resolved.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    pub(crate) db: Option<String>,
    pub(crate) json: bool,
}

/// What the process can see of its surroundings, gathered once so resolution is a pure
/// function that tests can feed.
#[derive(Debug, Default)]
pub(crate) struct Environment {
    pub(crate) vars: Vec<(String, String)>,
    pub(crate) default_data_dir: Option<PathBuf>,
    pub(crate) default_config_dir: Option<PathBuf>,
    pub(crate) stdout_is_terminal: bool,
    pub(crate) stdin_is_terminal: bool,
}

impl Environment {
    pub(crate) fn from_process() -> Self {
        use std::io::IsTerminal;
        Self {
            vars: std::env::vars()
                .filter(|(k, _)| k.starts_with("KITH_") || k == "NO_COLOR")
                .collect(),
            default_data_dir: directories::ProjectDirs::from("", "", "kith")
                .map(|d| d.data_dir().to_path_buf()),
            default_config_dir: directories::ProjectDirs::from("", "", "kith")
                .map(|d| d.config_dir().to_path_buf()),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stdin_is_terminal: std::io::stdin().is_terminal(),
        }
    }

    fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// The config file to read: `KITH_CONFIG`, else `config.toml` in the platform
    /// config directory if it exists.
    pub(crate) fn config_path(&self) -> Option<PathBuf> {
        if let Some(path) = self.var("KITH_CONFIG") {
            return Some(PathBuf::from(path));
        }
        let path = directories::ProjectDirs::from("", "", "kith")?
            .config_dir()
            .join("config.toml");
        path.exists().then_some(path)
    }
}

pub(crate) fn read_config_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("config file {}", path.display()))
}

impl Settings {
    pub(crate) fn resolve(flags: Flags, file: FileConfig, env: &Environment) -> Result<Settings> {
        let db_text = flags
            .db
            .map(|db| ("--db", db))
            .or_else(|| env.var("KITH_DB").map(|db| ("KITH_DB", db.to_owned())))
            .or_else(|| file.db.clone().map(|db| ("the config file's db", db)));
        let db = match db_text {
            Some((source, text)) => DbLocation::parse(&text).context(source)?,
            None => {
                let dir = env.default_data_dir.clone().context(
                    "no home directory to keep the database in; pass --db PATH or set KITH_DB",
                )?;
                DbLocation::Sqlite(dir.join("kith.db"))
            }
        };
        // TimeZone::system() already honours TZ; KITH_TZ pins the zone for kith alone.
        let tz = match env.var("KITH_TZ") {
            Some(name) => TimeZone::get(name).with_context(|| format!("time zone {name:?}"))?,
            None => TimeZone::system(),
        };
        let now = match env.var("KITH_NOW") {
            Some(text) => text.parse::<Timestamp>().with_context(|| {
                format!("KITH_NOW {text:?} is not a timestamp such as 2026-11-23T12:00:00Z")
            })?,
            None => Timestamp::now(),
        };
        Ok(Settings {
            db,
            json: flags.json,
            color: env.stdout_is_terminal && env.var("NO_COLOR").is_none(),
            interactive: env.stdin_is_terminal,
            now: now.to_zoned_datetime(tz),
            cadences: file.circles.resolve()?,
            templates: env
                .var("KITH_TEMPLATES")
                .map(PathBuf::from)
                .or_else(|| file.templates.as_ref().map(PathBuf::from))
                .or_else(|| env.default_config_dir.as_ref().map(|d| d.join("templates"))),
        })
    }

    pub(crate) fn today(&self) -> jiff::civil::Date {
        self.now.date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Environment {
        Environment {
            vars: vars
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            default_data_dir: Some(PathBuf::from("/home/u/.local/share/kith")),
            ..Environment::default()
        }
    }

    fn db_of(flags: Option<&str>, file: Option<&str>, vars: &[(&str, &str)]) -> String {
        let flags = Flags {
            db: flags.map(str::to_owned),
            json: false,
        };
        let file = FileConfig {
            db: file.map(str::to_owned),
            ..FileConfig::default()
        };
        Settings::resolve(flags, file, &env(vars))
            .unwrap()
            .db
            .to_string()
    }

    #[test]
    fn flags_beat_environment_beats_file_beats_default() {
        assert_eq!(db_of(None, None, &[]), "/home/u/.local/share/kith/kith.db");
        assert_eq!(db_of(None, Some("file.db"), &[]), "file.db");
        assert_eq!(
            db_of(None, Some("file.db"), &[("KITH_DB", "env.db")]),
            "env.db"
        );
        assert_eq!(
            db_of(Some("flag.db"), Some("file.db"), &[("KITH_DB", "env.db")]),
            "flag.db"
        );
        assert_eq!(
            db_of(None, Some("file.db"), &[("KITH_DB", "")]),
            "file.db",
            "empty means unset"
        );
    }

    #[test]
    fn a_bad_location_names_where_it_came_from() {
        let flags = Flags::default();
        let err = Settings::resolve(
            flags,
            FileConfig::default(),
            &env(&[("KITH_DB", "mysql://x")]),
        )
        .unwrap_err();
        assert!(
            format!("{err:#}").starts_with("KITH_DB: invalid database location"),
            "{err:#}"
        );
    }

    #[test]
    fn now_and_zone_can_be_pinned() {
        let vars = [
            ("KITH_NOW", "2026-11-23T12:00:00Z"),
            ("KITH_TZ", "America/New_York"),
        ];
        let s = Settings::resolve(Flags::default(), FileConfig::default(), &env(&vars)).unwrap();
        assert_eq!(
            s.now.to_string(),
            "2026-11-23T07:00:00-05:00[America/New_York]"
        );
        assert!(!s.color, "no colour off a terminal");
    }

    #[test]
    fn circles_are_configurable_and_checked() {
        let file: FileConfig = toml::from_str(
            "[circles]\ndefault = \"warm\"\nclose = { every = \"2w\", at_most = \"30d\" }\n",
        )
        .unwrap();
        let s = Settings::resolve(Flags::default(), file, &env(&[])).unwrap();
        assert_eq!(
            s.cadences.default_circle,
            kith_core::relationship::Circle::Warm
        );
        assert_eq!(
            s.cadences.close,
            Cadence {
                ideal_days: 14,
                max_days: 30
            }
        );
        assert_eq!(s.cadences.loose, Cadences::default().loose);
        for bad in [
            "[circles]\ndefault = \"tight\"\n",
            "[circles]\nwarm = { every = \"2m\", at_most = \"1m\" }\n",
            "[circles]\nwarm = { every = \"soon\", at_most = \"1m\" }\n",
        ] {
            let file: FileConfig = toml::from_str(bad).unwrap();
            let err = Settings::resolve(Flags::default(), file, &env(&[])).unwrap_err();
            assert!(format!("{err:#}").contains("circles."), "{bad}: {err:#}");
        }
    }

    #[test]
    fn config_files_are_strict() {
        assert_eq!(
            toml::from_str::<FileConfig>("db = \"x.db\"")
                .unwrap()
                .db
                .as_deref(),
            Some("x.db")
        );
        assert!(
            toml::from_str::<FileConfig>("dbb = \"x.db\"").is_err(),
            "typos are errors, not silence"
        );
    }
}
