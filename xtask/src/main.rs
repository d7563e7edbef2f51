//! kith's automation, run as `cargo xtask <task>`.
//!
//! Kept deliberately thin: parse the command line with std and hand off to
//! one module per task.

mod ab_import;
mod bench;
mod bench_import;
mod bench_import_pg;
mod bench_messages;
mod bench_paths;
mod fuzz;
mod pg;
mod postgres;
mod python;
mod test;

use std::process::ExitCode;

use anyhow::bail;

const USAGE: &str = "\
usage: cargo xtask <task> [args]

tasks:
  test [-- NEXTEST_ARGS...]  make (or reuse) a Python venv with the iCalendar
                             validators, start a throwaway PostgreSQL, run
                             `cargo nextest run --workspace --no-fail-fast`
                             against both, stop it
  pg                         start a throwaway PostgreSQL and keep it running
                             until Enter or Ctrl-D
  bench [--people N] [--runs R] [--out FILE]
                             build kith in release, fill a fresh demo database
                             with N people (30000) and time R runs (11) of the
                             everyday commands; prints a Markdown table
  bench-import [--rows N] [--runs R] [--out FILE]
                             generate a LinkedIn Connections.csv of N rows
                             (30000) and time R runs (5) of `kith import` into
                             a fresh and a filled database against sqlite3's
                             `.import`; prints a Markdown table
  ab-import --a BINARY --b BINARY [--rows N] [--runs R] [--out FILE]
                             the same generated file imported by two kith
                             binaries, interleaved in alternating order, fresh
                             and again; medians side by side and B / A
  bench-import-pg [--rows N] [--runs R] [--out FILE]
                             the same file and runs into a throwaway
                             PostgreSQL, a new database each run, then again
  bench-messages [--rows N] [--runs R] [--out FILE]
                             a LinkedIn messages.csv of N messages (20000)
                             imported on a 30000-person network, first time
                             and again, against sqlite3's `.import`
  bench-paths [--people N] [--ties T] [--runs R] [--out FILE]
                             build a demo network of N people (100000) and T
                             ties (1000000) and time R runs (11) of `kith path`
                             into two target companies against the same
                             question as a recursive SQL query, interleaved;
                             prints a Markdown table
  fuzz [--seconds N]         install cargo-fuzz if missing, build the fuzz
                             targets (stable works), replay fuzz/regressions/
                             and fuzz each target N seconds (20); fails on a
                             crash
  help                       show this message";

fn main() -> ExitCode {
    match dispatch() {
        Ok(code) => code,
        Err(err) => {
            // `{:#}` prints the context chain on one line, without the
            // backtrace that `RUST_BACKTRACE=1` would add to `{:?}`.
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch() -> anyhow::Result<ExitCode> {
    let mut args = std::env::args().skip(1);
    let task = args.next();
    let rest: Vec<String> = args.collect();
    match task.as_deref() {
        Some("test") => test::run(strip_separator(rest)),
        Some("pg") => {
            if !rest.is_empty() {
                bail!("`cargo xtask pg` takes no arguments\n\n{USAGE}");
            }
            pg::run()
        }
        Some("bench") => bench::run(&rest),
        Some("bench-import") => bench_import::run(&rest),
        Some("bench-import-pg") => bench_import_pg::run(&rest),
        Some("bench-messages") => bench_messages::run(&rest),
        Some("ab-import") => ab_import::run(&rest),
        Some("bench-paths") => bench_paths::run(&rest),
        Some("fuzz") => fuzz::run(&rest),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => bail!("unknown task `{other}`\n\n{USAGE}"),
        None => bail!("no task given\n\n{USAGE}"),
    }
}

/// `cargo xtask test -- -p kith-core` and `cargo xtask test -p kith-core`
/// both mean "pass `-p kith-core` to nextest", so drop one leading `--`.
fn strip_separator(mut args: Vec<String>) -> Vec<String> {
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    args
}
