//! `cargo xtask fuzz`: a short fuzz run of every cargo-fuzz target in `fuzz/`, for CI.
//! It installs the pinned cargo-fuzz when missing, builds the targets once (on a stable
//! toolchain too: see `RUSTC_BOOTSTRAP` below), replays every saved crash in
//! `fuzz/regressions/<target>/`, then fuzzes each target for a few seconds from its seeds.
//! Any crash, invariant failure or failed replay fails the task.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};

use crate::test::{cargo, workspace_root};

/// The cargo-fuzz this task installs when none is on the PATH (the one docs/fuzzing.md used).
const CARGO_FUZZ_VERSION: &str = "0.13.2";

const USAGE: &str = "\
usage: cargo xtask fuzz [--seconds N]

  --seconds N   how long to fuzz each target (default 20); the build and the replay
                of fuzz/regressions/ come on top";

#[derive(Debug, PartialEq, Eq)]
struct Options {
    seconds: u32,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Options { seconds: 20 };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--seconds" => {
                    let value = args
                        .next()
                        .ok_or_else(|| anyhow!("--seconds needs a value"))?;
                    options.seconds = value
                        .parse()
                        .ok()
                        .filter(|s| (1..=3600).contains(s))
                        .ok_or_else(|| {
                            anyhow!("--seconds {value:?}: expected a whole number from 1 to 3600")
                        })?;
                }
                other => bail!("unknown argument {other:?}"),
            }
        }
        Ok(options)
    }
}

pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options::parse(args).map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let started = Instant::now();
    ensure_cargo_fuzz()?;
    let dir = workspace_root().join("fuzz");
    let target_dir = dir.join("target");

    let targets = list_targets(&dir, &target_dir)?;
    println!("xtask: fuzz targets: {}", targets.join(" "));
    step(&dir, &target_dir, &["build"], "build the fuzz targets")?;
    println!("xtask: built in {:.0} s", started.elapsed().as_secs_f64());

    let mut failed: Vec<String> = Vec::new();
    for target in &targets {
        let saved = dir.join("regressions").join(target);
        if !saved.is_dir() {
            continue;
        }
        let saved = relative(&saved, &dir);
        println!("xtask: replaying {saved}");
        if !fuzz_ok(&dir, &target_dir, &["run", target, &saved, "--", "-runs=0"])? {
            failed.push(format!("{target}: a saved crash in {saved} fails again"));
        }
    }
    for target in &targets {
        // New inputs go to a scratch corpus under fuzz/target, so the seeds stay as
        // committed; the seeds are read from corpus/<target>.
        let scratch = target_dir.join("xtask-corpus").join(target);
        if scratch.exists() {
            std::fs::remove_dir_all(&scratch)
                .with_context(|| format!("could not empty {}", scratch.display()))?;
        }
        std::fs::create_dir_all(&scratch)
            .with_context(|| format!("could not create {}", scratch.display()))?;
        let scratch = relative(&scratch, &dir);
        let seeds = format!("corpus/{target}");
        let time = format!("-max_total_time={}", options.seconds);
        println!("xtask: fuzzing {target} for {} s", options.seconds);
        if !fuzz_ok(
            &dir,
            &target_dir,
            &["run", target, &scratch, &seeds, "--", &time],
        )? {
            failed.push(format!(
                "{target}: crashed (the input is in fuzz/artifacts/{target}/)"
            ));
        }
    }
    println!(
        "xtask: fuzzing took {:.0} s in all",
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        println!("xtask: no crashes");
        return Ok(ExitCode::SUCCESS);
    }
    for failure in &failed {
        eprintln!("xtask: fuzz failure: {failure}");
    }
    Ok(ExitCode::FAILURE)
}

/// `cargo fuzz ARGS` in `fuzz/`, on whatever toolchain runs us. cargo-fuzz passes `-Z`
/// flags (the sanitizer, sanitizer coverage); `RUSTC_BOOTSTRAP=1` lets a stable rustc and
/// cargo accept them, for this build alone, so CI needs no nightly toolchain. The build goes
/// to `fuzz/target`, never to the workspace's target directory.
fn cargo_fuzz(dir: &Path, target_dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(cargo());
    cmd.arg("fuzz").arg(args[0]);
    if args[0] != "list" {
        cmd.arg("--target-dir").arg(target_dir);
    }
    cmd.args(&args[1..])
        .current_dir(dir)
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("CARGO_TARGET_DIR");
    cmd
}

fn fuzz_ok(dir: &Path, target_dir: &Path, args: &[&str]) -> Result<bool> {
    let status = cargo_fuzz(dir, target_dir, args)
        .status()
        .with_context(|| format!("could not run `cargo fuzz {}`", args.join(" ")))?;
    Ok(status.success())
}

fn step(dir: &Path, target_dir: &Path, args: &[&str], what: &str) -> Result<()> {
    if !fuzz_ok(dir, target_dir, args)? {
        bail!("could not {what} (`cargo fuzz {}`)", args.join(" "));
    }
    Ok(())
}

fn list_targets(dir: &Path, target_dir: &Path) -> Result<Vec<String>> {
    let output = cargo_fuzz(dir, target_dir, &["list"])
        .output()
        .context("could not run `cargo fuzz list`")?;
    if !output.status.success() {
        bail!(
            "`cargo fuzz list` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let targets: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if targets.is_empty() {
        bail!("`cargo fuzz list` found no targets in {}", dir.display());
    }
    Ok(targets)
}

/// Installs the pinned cargo-fuzz from crates.io when `cargo fuzz` is not there.
fn ensure_cargo_fuzz() -> Result<()> {
    let found = Command::new(cargo())
        .args(["fuzz", "--version"])
        .output()
        .ok()
        .filter(|o| o.status.success());
    if let Some(found) = found {
        println!(
            "xtask: using {}",
            String::from_utf8_lossy(&found.stdout).trim()
        );
        return Ok(());
    }
    println!("xtask: installing cargo-fuzz {CARGO_FUZZ_VERSION}");
    let status = Command::new(cargo())
        .args([
            "install",
            "--locked",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
        ])
        .env_remove("CARGO_TARGET_DIR")
        .status()
        .context("could not run `cargo install`")?;
    if !status.success() {
        bail!("could not install cargo-fuzz {CARGO_FUZZ_VERSION}");
    }
    Ok(())
}

/// `path` relative to `base` when under it (cargo-fuzz resolves corpus paths from `fuzz/`).
fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| PathBuf::from(path))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::Options;

    fn parse(list: &[&str]) -> anyhow::Result<Options> {
        Options::parse(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn options_parse_with_a_default_and_bounds() {
        assert_eq!(parse(&[]).unwrap(), Options { seconds: 20 });
        assert_eq!(parse(&["--seconds", "5"]).unwrap(), Options { seconds: 5 });
        for bad in [
            &["--seconds"][..],
            &["--seconds", "0"],
            &["--seconds", "x"],
            &["-j"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
