//! `cargo xtask ab-import --a OLD --b NEW`: two kith binaries side by side on the same
//! generated `Connections.csv`, for judging a change to the import on a noisy machine. Each
//! run imports the file into a new database and then again into the same one, with both
//! binaries, interleaved and in alternating order (A then B, then B then A), so that what
//! the machine does meanwhile falls on both alike. Printed as a Markdown table of medians,
//! with B's median over A's.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::bench::{Count, Kith, Stats, TempDir, machine, millis, parse_options, utc_date};
use crate::bench_import::{ROWS, SEED, Summary, generate, remove_db};

const USAGE: &str = "\
usage: cargo xtask ab-import --a BINARY --b BINARY [--rows N] [--runs R] [--out FILE]

  --a BINARY   the kith binary to compare against (say, a release build of main)
  --b BINARY   the kith binary to judge (say, a release build of the change)
  --rows N     rows in the generated Connections.csv (default 30000, at most 1000000)
  --runs R     timed runs of each binary (default 9, at most 1000)
  --out FILE   also write the Markdown report to FILE

Build the two binaries first, for example with `git worktree add` and
`cargo build --release -p kith` in each; nothing is built here.";

const DEFAULT_RUNS: u32 = 9;
const DIR_PREFIX: &str = "kith-ab-import-";

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    a: PathBuf,
    b: PathBuf,
    rows: u32,
    runs: u32,
    out: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let (mut a, mut b) = (None, None);
        let mut rest = Vec::new();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
                _ => (arg.as_str(), None),
            };
            let slot = match flag {
                "--a" => &mut a,
                "--b" => &mut b,
                _ => {
                    rest.push(arg.clone());
                    continue;
                }
            };
            let value = match inline {
                Some(value) => value,
                None => args
                    .next()
                    .with_context(|| format!("{flag} needs a binary"))?
                    .clone(),
            };
            *slot = Some(PathBuf::from(value));
        }
        let (rows, runs, out) = parse_options(&rest, &ROWS, &Count::runs(DEFAULT_RUNS))?;
        let (Some(a), Some(b)) = (a, b) else {
            bail!("both --a and --b are needed");
        };
        Ok(Self {
            a,
            b,
            rows,
            runs,
            out,
        })
    }
}

/// One binary's timings.
#[derive(Debug, Default)]
struct Samples {
    fresh: Vec<Duration>,
    again: Vec<Duration>,
}

pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options::parse(args).map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    // The binaries run from the temp dir: a relative path must not depend on where.
    let absolute = |binary: &Path| {
        fs::canonicalize(binary)
            .ok()
            .filter(|path| path.is_file())
            .with_context(|| format!("{} is not a file", binary.display()))
    };
    let (a, b) = (absolute(&options.a)?, absolute(&options.b)?);
    let dir = TempDir::create(DIR_PREFIX)?;
    let generated = generate(options.rows, SEED);
    let csv = dir.path().join("Connections.csv");
    fs::write(&csv, &generated.csv).with_context(|| format!("writing {}", csv.display()))?;
    let binaries = [Kith::new(a, &dir)?, Kith::new(b, &dir)?];
    let mut samples = [Samples::default(), Samples::default()];
    let mut counts: [Option<(Summary, Summary)>; 2] = [None, None];
    // Run 0 is the warm-up (file cache, binaries paged in); it is not counted.
    for run in 0..=options.runs {
        let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
        for which in order {
            let db = dir.path().join(format!("run-{run}-{which}.db"));
            let (fresh, first) = import(&binaries[which], &db, &csv)?;
            let (again, second) = import(&binaries[which], &db, &csv)?;
            remove_db(&db)?;
            match &counts[which] {
                None => counts[which] = Some((first, second)),
                Some(seen) if *seen == (first, second) => {}
                Some(_) => bail!("binary {} counted differently between runs", label(which)),
            }
            if run > 0 {
                samples[which].fresh.push(fresh);
                samples[which].again.push(again);
            }
        }
    }
    drop(dir);
    let markdown = report(&options, &samples, &counts)?;
    println!("{markdown}");
    if let Some(out) = &options.out {
        fs::write(out, &markdown).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("xtask: wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn label(which: usize) -> &'static str {
    if which == 0 { "A" } else { "B" }
}

/// `kith --db DB import linkedin CSV --json`: the wall-clock time and the counts it printed.
fn import(kith: &Kith, db: &Path, csv: &Path) -> Result<(Duration, Summary)> {
    let args: Vec<OsString> = vec![
        "--db".into(),
        db.into(),
        "import".into(),
        "linkedin".into(),
        csv.into(),
        "--json".into(),
    ];
    let (elapsed, out) = kith.output("kith import linkedin Connections.csv --json", &args)?;
    let summary = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
    Ok((elapsed, summary))
}

fn report(
    options: &Options,
    samples: &[Samples; 2],
    counts: &[Option<(Summary, Summary)>; 2],
) -> Result<String> {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "kith ab-import, {}: {}; N = {} rows, {} interleaved runs each (after one warm-up); \
         A = `{}`, B = `{}`",
        utc_date(),
        machine(),
        options.rows,
        options.runs,
        options.a.display(),
        options.b.display()
    );
    md.push('\n');
    md.push_str("| import | A median ms | A min | A max | B median ms | B min | B max | B / A |\n");
    md.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    let rows = [
        ("fresh: into a new database", false),
        ("again: the same file into the database it filled", true),
    ];
    for (what, again) in rows {
        let stats = |which: usize| {
            let s = &samples[which];
            Stats::of(if again { &s.again } else { &s.fresh }).context("no runs were timed")
        };
        let (a, b) = (stats(0)?, stats(1)?);
        let _ = writeln!(
            md,
            "| {what} | {} | {} | {} | {} | {} | {} | {:.3} |",
            millis(a.median),
            millis(a.min),
            millis(a.max),
            millis(b.median),
            millis(b.min),
            millis(b.max),
            b.median.as_secs_f64() / a.median.as_secs_f64()
        );
    }
    md.push('\n');
    for (which, seen) in counts.iter().enumerate() {
        if let Some((first, second)) = seen {
            let _ = writeln!(
                md,
                "- {}: fresh {}; again {}.",
                label(which),
                first.text(),
                second.text()
            );
        }
    }
    if counts[0] != counts[1] {
        md.push_str("- **The two binaries counted differently**: compare what they do first.\n");
    }
    Ok(md)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn both_binaries_are_required_and_the_rest_are_the_bench_options() {
        let parsed = Options::parse(&args(&[
            "--a",
            "old/kith",
            "--rows=500",
            "--b=new/kith",
            "--runs",
            "3",
        ]))
        .unwrap();
        assert_eq!(
            parsed,
            Options {
                a: "old/kith".into(),
                b: "new/kith".into(),
                rows: 500,
                runs: 3,
                out: None,
            }
        );
        let defaults = Options::parse(&args(&["--b", "y", "--a", "x"])).unwrap();
        assert_eq!((defaults.rows, defaults.runs), (ROWS.default, DEFAULT_RUNS));
        for bad in [
            &["--a", "x"][..],
            &["--a", "x", "--b"],
            &["--a", "x", "--b", "y", "--rows", "0"],
            &["--a", "x", "--b", "y", "extra"],
        ] {
            assert!(Options::parse(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
