//! `cargo xtask test`: the one command that runs all of kith's tests, with a
//! throwaway PostgreSQL behind `KITH_TEST_POSTGRES_URL` and the Python iCalendar
//! validators behind `KITH_TEST_PYTHON`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

use crate::postgres::{Cluster, Server};
use crate::python;

/// Readies the Python validators, starts the cluster, runs nextest over the
/// workspace (with `extra_args` appended), and stops the cluster again however
/// the run ends.
pub(crate) fn run(extra_args: Vec<String>) -> Result<ExitCode> {
    let python = python::ensure()?;
    println!("xtask: KITH_TEST_PYTHON={}", python.display());
    let server = Server::ensure()?;
    let cluster = Cluster::start(&server)?;
    let url = cluster.url();
    println!("xtask: KITH_TEST_POSTGRES_URL={url}");

    let mut args: Vec<String> = vec!["nextest".into(), "run".into()];
    // `--workspace` would override a package selection given to us.
    if !selects_packages(&extra_args) {
        args.push("--workspace".into());
    }
    args.push("--no-fail-fast".into());
    args.extend(extra_args);
    println!("xtask: running `cargo {}`", args.join(" "));
    let status = Command::new(cargo())
        .args(&args)
        .current_dir(workspace_root())
        .env("KITH_TEST_POSTGRES_URL", &url)
        .env("KITH_TEST_PYTHON", &python)
        .status()
        .context("could not run `cargo nextest` (install it with `cargo install cargo-nextest`)")?;

    // Stop the server before reporting, so its lines come before ours.
    drop(cluster);
    if status.success() {
        println!("xtask: tests passed");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("xtask: tests failed ({status})");
    let code = status
        .code()
        .and_then(|c| u8::try_from(c).ok())
        .filter(|&c| c != 0)
        .unwrap_or(1);
    Ok(ExitCode::from(code))
}

/// Whether nextest args pick packages (`-p NAME`, `--package=NAME`, ...),
/// looking only before a `--` that starts the test binaries' own args.
fn selects_packages(args: &[String]) -> bool {
    args.iter()
        .take_while(|a| *a != "--")
        .any(|a| a.starts_with("-p") || a == "--package" || a.starts_with("--package="))
}

/// The cargo that runs us (cargo sets `CARGO` for `cargo run`), else PATH's.
pub(crate) fn cargo() -> PathBuf {
    std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from)
}

/// The workspace root: the parent of this crate's dir.
pub(crate) fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| Path::new("."))
}

/// Where cargo builds: `CARGO_TARGET_DIR` (relative to the workspace root when
/// relative), else `target` in the workspace root.
pub(crate) fn target_dir() -> PathBuf {
    let root = workspace_root();
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

#[cfg(test)]
mod tests {
    use super::selects_packages;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn package_selection_is_detected() {
        assert!(selects_packages(&args(&["-p", "kith-core"])));
        assert!(selects_packages(&args(&["-pkith-core"])));
        assert!(selects_packages(&args(&["--package=kith-core"])));
        assert!(selects_packages(&args(&[
            "--retries",
            "2",
            "--package",
            "kith-db"
        ])));
        assert!(!selects_packages(&args(&[])));
        assert!(!selects_packages(&args(&["--", "-p"])));
        assert!(!selects_packages(&args(&["--profile", "ci"])));
    }
}
