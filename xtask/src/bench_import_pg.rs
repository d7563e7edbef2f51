//! `cargo xtask bench-import-pg`: the same generated `Connections.csv` as `bench-import`,
//! imported into PostgreSQL (team mode): a fresh database each run, then the same file
//! again, on a throwaway cluster. Printed as a Markdown table.
//!
//! The cluster is the test suite's: `fsync`, `synchronous_commit` and `full_page_writes`
//! are off, so the figures leave out the disk's flushes a real server pays for.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::bench::{
    Count, Kith, Stats, TempDir, build_kith, git_revision, machine, os_args, parse_options,
    utc_date,
};
use crate::bench_import::{SEED, Summary, generate};
use crate::postgres::{Cluster, Server};

const USAGE: &str = "\
usage: cargo xtask bench-import-pg [--rows N] [--runs R] [--out FILE]

  --rows N     rows in the generated Connections.csv (default 30000, at most 1000000)
  --runs R     timed runs of each import (default 5, at most 1000)
  --out FILE   also write the Markdown report to FILE";

/// Builds, starts a cluster, generates, times and reports; see [`USAGE`].
pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let (rows, runs, out) = parse_options(args, &crate::bench_import::ROWS, &Count::runs(5))
        .map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let server = Server::ensure()?;
    let kith = build_kith()?;
    let dir = TempDir::create("kith-bench-import-pg-")?;
    let kith = Kith::new(kith, &dir)?;
    let cluster = Cluster::start(&server)?;

    let date = utc_date();
    let generated = generate(rows, SEED);
    let csv = dir.path().join("Connections.csv");
    fs::write(&csv, &generated.csv).with_context(|| format!("writing {}", csv.display()))?;
    let people = u64::from(generated.rows - generated.ghosts);
    let label = "kith import linkedin Connections.csv --json";

    let (mut fresh, mut again) = (Vec::new(), Vec::new());
    for run in 0..=runs {
        eprintln!(
            "xtask: {}",
            if run == 0 {
                "warm-up run".to_owned()
            } else {
                format!("run {run} of {runs}")
            }
        );
        let url = cluster.create_database(&format!("import_{run}"))?;
        let db_args = |rest: &[&OsStr]| {
            let mut all = vec![OsStr::new("--db"), OsStr::new(&url)];
            all.extend_from_slice(rest);
            os_args(all)
        };
        kith.time("kith init", &db_args(&[OsStr::new("init")]))?;
        let import = db_args(&[
            OsStr::new("import"),
            OsStr::new("linkedin"),
            csv.as_os_str(),
            OsStr::new("--json"),
        ]);
        let (first, out) = kith.output(label, &import)?;
        let first_counts = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        let (second, out) = kith.output(label, &import)?;
        let second_counts = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        if first_counts.created != people || second_counts.unchanged != people {
            bail!(
                "the import did not do what it should: fresh {}; again {}",
                first_counts.text(),
                second_counts.text()
            );
        }
        if run > 0 {
            fresh.push(first);
            again.push(second);
        }
    }
    let (_, version) = kith.output("kith --version", &os_args(["--version"]))?;
    drop(cluster);

    let stats = |list: &[Duration]| Stats::of(list).context("no timed runs");
    let mut md = String::new();
    let source = git_revision().map_or_else(String::new, |rev| format!(" (git {rev})"));
    let _ = writeln!(
        md,
        "kith bench-import-pg, {date}: {}{source}; PostgreSQL {} (throwaway cluster, fsync \
         off); {}; N = {} rows; reproduce with `cargo xtask bench-import-pg --rows {rows} \
         --runs {runs}`",
        String::from_utf8_lossy(&version.stdout).trim(),
        server.version(),
        machine(),
        generated.rows,
    );
    md.push('\n');
    md.push_str("| command | median ms | min | max | runs |\n|---|---:|---:|---:|---:|\n");
    for (command, samples) in [
        (
            "`kith --db postgres://…/FRESH import linkedin Connections.csv --json` (a new \
             database each run)",
            &fresh,
        ),
        (
            "`kith --db postgres://…/SAME import linkedin Connections.csv --json` (again, \
             into the database the run before filled)",
            &again,
        ),
    ] {
        let s = stats(samples)?;
        let _ = writeln!(md, "| {command} | {} |", s.cells());
    }
    let _ = writeln!(
        md,
        "\n- Every run: created {people} the first time, unchanged {people} the second."
    );
    println!("{md}");
    if let Some(out) = &out {
        fs::write(out, &md).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("xtask: wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}
