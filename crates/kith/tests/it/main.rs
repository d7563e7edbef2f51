//! The `kith` binary driven as a user would: real processes, a real SQLite file.

mod commands;
mod conversations;
mod docs;
mod errors;
mod export;
mod import;
mod merge;
mod opportunities;
mod outreach;
mod paths;
mod relationships;

use assert_cmd::Command;
use assert_fs::TempDir;

/// A scratch home for one test: its own database file, a pinned clock and zone.
#[derive(Debug)]
pub(crate) struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub(crate) fn new() -> Self {
        Self {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    pub(crate) fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("kith.db")
    }

    pub(crate) fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `kith --db <sandbox> ARGS…` with no terminal, a fixed "now" and zone.
    pub(crate) fn kith(&self, args: &[&str]) -> Command {
        self.kith_at(self.db().as_os_str(), args)
    }

    /// Like `kith`, with another `--db`.
    pub(crate) fn kith_at(&self, db: &std::ffi::OsStr, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("kith").expect("kith binary");
        cmd.env_clear()
            .env("KITH_NOW", "2026-11-23T12:00:00Z")
            .env("KITH_TZ", "Europe/Berlin")
            .env("HOME", self.dir.path())
            .arg("--db")
            .arg(db)
            .args(args);
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let output = self.kith(args).output().expect("run kith");
        assert!(
            output.status.success(),
            "kith {args:?} failed ({:?}): {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    /// Runs and expects failure with `code`; returns stderr.
    pub(crate) fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.kith(args).output().expect("run kith");
        assert_eq!(
            output.status.code(),
            Some(code),
            "kith {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stderr).expect("utf-8")
    }

    pub(crate) fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("valid JSON")
    }
}
