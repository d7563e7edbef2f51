//! Helpers shared by every format's tests: reading fixture files, comparing a parsed file
//! person by person, and building expected contacts.

use std::path::{Path, PathBuf};
use std::process::Command;

use kith_formats::{Contact, Format};

/// One format's fixture files, in `tests/fixtures/<dir>`.
pub(crate) struct Fixtures {
    pub(crate) format: Format,
    pub(crate) dir: &'static str,
    /// How the rejected-entries assertion names them, e.g. "rejected rows".
    pub(crate) rejected: &'static str,
}

impl Fixtures {
    /// The bytes of fixture file `name`.
    pub(crate) fn bytes(&self, name: &str) -> Vec<u8> {
        let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests/fixtures", self.dir, name]
            .iter()
            .collect();
        std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
    }

    /// Parses `file` and compares every person, field by field, and every rejected entry.
    pub(crate) fn check(&self, file: &str, expected: &[Contact], rejected: &[(usize, &str)]) {
        let parsed = kith_formats::parse(self.format, &self.bytes(file))
            .unwrap_or_else(|err| panic!("{file}: {err}"));
        assert_eq!(parsed.format, self.format);
        for (got, want) in parsed.contacts.iter().zip(expected) {
            assert_eq!(
                got, want,
                "{file}: the person expected on line {}",
                want.line
            );
        }
        let names: Vec<&str> = parsed.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            parsed.contacts.len(),
            expected.len(),
            "{file}: read {names:?}"
        );
        let got: Vec<(usize, &str)> = parsed
            .rejected
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert_eq!(got, rejected, "{file}: {}", self.rejected);
    }
}

pub(crate) fn person(line: usize, name: &str) -> Contact {
    Contact {
        line,
        name: name.to_owned(),
        ..Contact::default()
    }
}

pub(crate) fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

pub(crate) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Warnings as `(field, message)` pairs.
pub(crate) fn unusable(items: &[(&'static str, &str)]) -> Vec<kith_formats::Unusable> {
    items
        .iter()
        .map(|(field, message)| kith_formats::Unusable::new(field, *message))
        .collect()
}

/// Where `cargo xtask test` puts the interpreter of the venv it makes with the `icalendar`
/// and `vobject` parsers.
const PYTHON_VAR: &str = "KITH_TEST_PYTHON";

/// Runs `tests/it/SCRIPT FILE` with the venv's Python and returns the JSON it prints;
/// `what` names the file in failures ("the feed", "the vCard file"). Without the venv the
/// test fails: a run that meant to validate a file and validated nothing must not pass.
pub(crate) fn read_with_python(script: &str, file: &Path, what: &str) -> serde_json::Value {
    let python = std::env::var(PYTHON_VAR).unwrap_or_else(|_| {
        panic!(
            "{PYTHON_VAR} is not set: run the tests with `cargo xtask test`, which makes a \
             Python venv with the `icalendar` and `vobject` parsers; checking {what} with \
             them never skips"
        )
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it")
        .join(script);
    let out = Command::new(&python)
        .arg(&script)
        .arg(file)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {PYTHON_VAR}={python}: {err}"));
    assert!(
        out.status.success(),
        "the Python parsers rejected {what} ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|err| {
        panic!(
            "{} printed no JSON ({err}):\n{}",
            script.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    })
}
