//! `cargo xtask bench-paths`: build kith in release, make a demo network of N people and
//! T ties, and time `kith path COMPANY` against the same question asked as one recursive
//! SQL query (`kith path --engine cte`) on the same database, runs interleaved. kith's
//! own timing of each phase (read from its `kith::timing` trace) gives the in-process
//! figures; the whole process is timed from outside; `/usr/bin/time`, when present,
//! gives the peak memory. Both answers must agree, or the bench fails.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value as Json;

use crate::bench::{
    Kith, Stats, TempDir, build_kith, git_revision, machine, millis, os_args, utc_date,
};

const USAGE: &str = "\
usage: cargo xtask bench-paths [--people N] [--ties T] [--runs R] [--out FILE]

  --people N   people in the demo network (default 100000)
  --ties T     ties in the demo network (default 1000000)
  --runs R     timed runs of kith's search per company (default 11; the SQL
               baseline, minutes per run on the full network, runs min(R, 2) times,
               interleaved)
  --out FILE   also write the Markdown report to FILE";

const DEFAULT_PEOPLE: u32 = 100_000;
const DEFAULT_TIES: u32 = 1_000_000;
const DEFAULT_RUNS: u32 = 11;
const MAX_RUNS: u32 = 1000;
/// The SQL baseline takes minutes per run at 1M ties; two runs per company.
const CTE_RUNS: u32 = 2;
const DIR_PREFIX: &str = "kith-bench-paths-";
/// The figures: the search ("compute") within this much…
const TARGET_SEARCH: Duration = Duration::from_millis(50);
/// …the whole process well under this…
const TARGET_PROCESS: Duration = Duration::from_secs(1);
/// …and at least this many times faster than the SQL baseline.
const TARGET_RATIO: f64 = 10.0;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    people: u32,
    ties: u32,
    runs: u32,
    out: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let mut options = Options {
            people: DEFAULT_PEOPLE,
            ties: DEFAULT_TIES,
            runs: DEFAULT_RUNS,
            out: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
                _ => (arg.as_str(), None),
            };
            if !["--people", "--ties", "--runs", "--out"].contains(&flag) {
                bail!("unexpected argument `{arg}`");
            }
            let value = match inline {
                Some(v) => v,
                None => args
                    .next()
                    .with_context(|| format!("{flag} needs a value"))?
                    .clone(),
            };
            let count = |max: u32| -> Result<u32> {
                let n: u32 = value
                    .parse()
                    .with_context(|| format!("{flag}: `{value}` is not a whole number"))?;
                if n == 0 || n > max {
                    bail!("{flag}: {n} is out of range: expected 1 to {max}");
                }
                Ok(n)
            };
            match flag {
                "--people" => options.people = count(1_000_000)?,
                "--ties" => options.ties = count(20_000_000)?,
                "--runs" => options.runs = count(MAX_RUNS)?,
                _ if value.is_empty() => bail!("--out needs a file name"),
                _ => options.out = Some(PathBuf::from(value)),
            }
        }
        Ok(options)
    }

    fn command_line(&self) -> String {
        format!(
            "cargo xtask bench-paths --people {} --ties {} --runs {}",
            self.people, self.ties, self.runs
        )
    }
}

pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options::parse(args).map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let binary = build_kith()?;
    let dir = TempDir::create(DIR_PREFIX)?;
    let kith = Kith::new(binary.clone(), &dir)?;
    let report = measure(&kith, &binary, dir.path(), &options)?;
    drop(dir);
    let markdown = report.to_markdown();
    println!("{markdown}");
    if let Some(out) = &options.out {
        fs::write(out, &markdown).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("xtask: wrote {}", out.display());
    }
    let failed = report.failed_checks();
    if !failed.is_empty() {
        bail!("the path search missed its targets: {}", failed.join("; "));
    }
    Ok(ExitCode::SUCCESS)
}

/// The `key=value` fields of kith's `kith::timing` trace line, colour codes removed.
fn timing_fields(stderr: &str) -> Option<Vec<(String, String)>> {
    let line = stderr.lines().find(|l| l.contains("kith::timing"))?;
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    Some(
        plain
            .split_whitespace()
            .filter_map(|w| w.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.trim_matches('"').to_owned()))
            .collect(),
    )
}

fn field(fields: &[(String, String)], key: &str) -> Result<u64> {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .with_context(|| format!("no {key} in kith's timing trace"))?
        .1
        .parse()
        .with_context(|| format!("{key} in kith's timing trace is not a number"))
}

/// One run of `kith path`: wall clock, kith's own phase timings, and the scores.
#[derive(Debug, Clone)]
struct Run {
    wall: Duration,
    load: Duration,
    search: Duration,
    ties: u64,
    scores: Vec<f64>,
}

fn path_run(kith: &Kith, db: &Path, company: &str, engine: &str) -> Result<Run> {
    let args = os_args([
        OsString::from("--db"),
        db.as_os_str().to_owned(),
        "path".into(),
        company.into(),
        "--k".into(),
        "5".into(),
        "--engine".into(),
        engine.into(),
        "--json".into(),
    ]);
    let label = format!("kith path {company} --engine {engine}");
    let (wall, out) = kith.output_with(&label, &args, &[("KITH_LOG", "kith::timing=info")])?;
    let fields = timing_fields(&String::from_utf8_lossy(&out.stderr))
        .with_context(|| format!("`{label}` printed no timing trace"))?;
    let json: Json = serde_json::from_slice(&out.stdout).context("kith path --json")?;
    let scores = json["paths"]
        .as_array()
        .context("no paths array")?
        .iter()
        .filter(|p| p["alternate"] != Json::Bool(true))
        .filter_map(|p| p["score"].as_f64())
        .collect();
    Ok(Run {
        wall,
        load: Duration::from_micros(field(&fields, "load_us")?),
        search: Duration::from_micros(field(&fields, "search_us")?),
        ties: fields
            .iter()
            .find(|(k, _)| k == "ties")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0),
        scores,
    })
}

/// Peak resident memory of one `kith path` run, from GNU time, when it is installed.
fn peak_memory_kib(binary: &Path, db: &Path, company: &str, work: &Path) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let out = Command::new(time)
        .args(["-f", "%M"])
        .arg(binary)
        .arg("--db")
        .arg(db)
        .args(["path", company, "--json"])
        .env("KITH_NOW", crate::bench::NOW)
        .env("KITH_TZ", crate::bench::TZ)
        .env_remove("KITH_LOG")
        .current_dir(work)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

#[derive(Debug, Clone)]
struct Measured {
    company: String,
    people_there: u64,
    ties_loaded: u64,
    graph_load: Stats,
    graph_search: Stats,
    graph_total: Stats,
    graph_wall: Stats,
    cte_query: Stats,
    cte_wall: Stats,
    peak_kib: Option<u64>,
    agree: bool,
}

impl Measured {
    fn ratio(&self) -> f64 {
        self.cte_query.median.as_secs_f64() / self.graph_total.median.as_secs_f64().max(1e-9)
    }
}

#[derive(Debug, Clone)]
struct Report {
    date: String,
    machine: String,
    source: Option<String>,
    command_line: String,
    demo: Duration,
    stored: String,
    reachable: Stats,
    rows: Vec<Measured>,
}

fn stats(samples: &[Duration]) -> Result<Stats> {
    Stats::of(samples).context("no samples")
}

fn measure(kith: &Kith, binary: &Path, dir: &Path, options: &Options) -> Result<Report> {
    let db = dir.join("paths.db");
    let demo_args = os_args([
        OsString::from("--db"),
        db.as_os_str().to_owned(),
        "demo".into(),
        "--people".into(),
        options.people.to_string().into(),
        "--ties".into(),
        options.ties.to_string().into(),
        "--json".into(),
    ]);
    eprintln!(
        "xtask: building the demo network ({} people, {} ties)",
        options.people, options.ties
    );
    let (demo, out) = kith.output("kith demo", &demo_args)?;
    let stored: Json = serde_json::from_slice(&out.stdout).context("kith demo --json")?;
    let stored = format!(
        "{} people, {} companies, {} ties, {} interactions",
        stored["stored"]["people"],
        stored["stored"]["companies"],
        stored["stored"]["ties"],
        stored["stored"]["interactions"]
    );

    let list_args = os_args([
        OsString::from("--db"),
        db.as_os_str().to_owned(),
        "company".into(),
        "list".into(),
        "--targets".into(),
        "--json".into(),
    ]);
    let (_, out) = kith.output("kith company list --targets", &list_args)?;
    let list: Json = serde_json::from_slice(&out.stdout).context("company list --json")?;
    let mut targets: Vec<(String, u64)> = list
        .as_array()
        .context("company list is not a list")?
        .iter()
        .filter_map(|c| Some((c["handle"].as_str()?.to_owned(), c["people"].as_u64()?)))
        .collect();
    if targets.is_empty() {
        bail!("the demo has no target companies to find paths into");
    }
    // The largest target company (the most work) and a middle-sized one.
    targets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen = vec![targets[0].clone()];
    if targets.len() > 2 {
        chosen.push(targets[targets.len() / 2].clone());
    }

    let mut rows = Vec::new();
    for (company, people_there) in chosen {
        eprintln!("xtask: paths into {company} ({people_there} people there)");
        // A warm-up puts the file's pages in the cache; the baseline's first run does that
        // for it (and at minutes per run, a cold start is a rounding error).
        path_run(kith, &db, &company, "graph")?;
        let (mut graph, mut cte) = (Vec::new(), Vec::new());
        for i in 0..options.runs {
            graph.push(path_run(kith, &db, &company, "graph")?);
            if i < options.runs.min(CTE_RUNS) {
                cte.push(path_run(kith, &db, &company, "cte")?);
            }
        }
        let agree = graph.iter().chain(&cte).all(|r| {
            r.scores.len() == graph[0].scores.len()
                && r.scores
                    .iter()
                    .zip(&graph[0].scores)
                    .all(|(a, b)| (a - b).abs() < 0.0005)
        });
        let pick = |runs: &[Run], f: &dyn Fn(&Run) -> Duration| -> Result<Stats> {
            stats(&runs.iter().map(f).collect::<Vec<_>>())
        };
        rows.push(Measured {
            people_there,
            ties_loaded: graph[0].ties,
            graph_load: pick(&graph, &|r| r.load)?,
            graph_search: pick(&graph, &|r| r.search)?,
            graph_total: pick(&graph, &|r| r.load + r.search)?,
            graph_wall: pick(&graph, &|r| r.wall)?,
            cte_query: pick(&cte, &|r| r.search)?,
            cte_wall: pick(&cte, &|r| r.wall)?,
            peak_kib: peak_memory_kib(binary, &db, &company, dir),
            agree,
            company,
        });
    }

    let reachable_args = os_args([
        OsString::from("--db"),
        db.as_os_str().to_owned(),
        "companies".into(),
        "--reachable".into(),
        "--json".into(),
    ]);
    let mut reachable = Vec::new();
    kith.time("kith companies --reachable", &reachable_args)?;
    for _ in 0..options.runs.min(5) {
        reachable.push(kith.time("kith companies --reachable", &reachable_args)?);
    }
    Ok(Report {
        date: utc_date(),
        machine: machine(),
        source: git_revision(),
        command_line: options.command_line(),
        demo,
        stored,
        reachable: stats(&reachable)?,
        rows,
    })
}

impl Report {
    fn failed_checks(&self) -> Vec<String> {
        let mut failed = Vec::new();
        for r in &self.rows {
            if !r.agree {
                failed.push(format!("{}: kith and the SQL baseline disagree", r.company));
            }
            if r.graph_search.median > TARGET_SEARCH {
                failed.push(format!(
                    "{}: {} ms of search, over {} ms",
                    r.company,
                    millis(r.graph_search.median),
                    TARGET_SEARCH.as_millis()
                ));
            }
            if r.graph_wall.median > TARGET_PROCESS {
                failed.push(format!(
                    "{}: {} ms for the whole process, over {} ms",
                    r.company,
                    millis(r.graph_wall.median),
                    TARGET_PROCESS.as_millis()
                ));
            }
            if r.ratio() < TARGET_RATIO {
                failed.push(format!(
                    "{}: only {:.1}x faster than the SQL baseline",
                    r.company,
                    r.ratio()
                ));
            }
        }
        failed
    }

    fn to_markdown(&self) -> String {
        let mut md = String::new();
        let source = self
            .source
            .as_deref()
            .map_or_else(String::new, |rev| format!(" (git {rev})"));
        let _ = writeln!(
            md,
            "kith bench-paths, {}{source}; {}; reproduce with `{}`\n",
            self.date, self.machine, self.command_line
        );
        let _ = writeln!(
            md,
            "The demo ({}) took {} s to build. For each company: `kith path COMPANY --k 5` \
             (graph search) and the same question as one recursive SQL query on the same \
             database (`--engine cte`, given the same first steps and weights), runs \
             interleaved (kith after one warm-up run). In-process times are kith's own \
             (`KITH_LOG=kith::timing=info`): *load* reads the ties near the company and the \
             relationships on them, *search* ranks the routes; the CTE figure is the query \
             alone. Medians (min–max).\n",
            self.stored,
            format_args!("{:.1}", self.demo.as_secs_f64())
        );
        md.push_str(
            "| company (people there) | ties loaded | kith load ms | kith search ms | kith in-process ms | kith whole process ms | SQL CTE query ms | CTE whole process ms | CTE ÷ kith | peak memory | same answer |\n",
        );
        md.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        let range =
            |s: &Stats| format!("{} ({}–{})", millis(s.median), millis(s.min), millis(s.max));
        for r in &self.rows {
            let _ = writeln!(
                md,
                "| {} ({}) | {} | {} | {} | {} | {} | {} | {} | {:.0}× | {} | {} |",
                r.company,
                r.people_there,
                r.ties_loaded,
                range(&r.graph_load),
                range(&r.graph_search),
                range(&r.graph_total),
                range(&r.graph_wall),
                range(&r.cte_query),
                range(&r.cte_wall),
                r.ratio(),
                r.peak_kib.map_or_else(
                    || "—".to_owned(),
                    |k| format!("{:.1} MiB", k as f64 / 1024.0)
                ),
                if r.agree { "yes" } else { "**no**" }
            );
        }
        let _ = writeln!(
            md,
            "\n`kith companies --reachable` (every target company at once, whole process): {}.",
            range(&self.reachable)
        );
        md
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_timing_trace_through_colour_codes() {
        let line = "\u{1b}[2m2026-11-24T04:00:00Z\u{1b}[0m \u{1b}[32m INFO\u{1b}[0m \
                    \u{1b}[2mkith::timing\u{1b}[0m\u{1b}[2m:\u{1b}[0m path search \
                    \u{1b}[3mengine\u{1b}[0m\u{1b}[2m=\u{1b}[0m\"graph\" \
                    \u{1b}[3mload_us\u{1b}[0m\u{1b}[2m=\u{1b}[0m1234 search_us=56";
        let fields = timing_fields(&format!("noise\n{line}\n")).unwrap();
        assert_eq!(field(&fields, "load_us").unwrap(), 1234);
        assert_eq!(field(&fields, "search_us").unwrap(), 56);
        assert!(field(&fields, "ties").is_err());
        assert!(timing_fields("no trace here").is_none());
    }

    #[test]
    fn options_and_their_bounds() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let o =
            Options::parse(&args(&["--people=2000", "--ties", "20000", "--runs", "3"])).unwrap();
        assert_eq!(
            (o.people, o.ties, o.runs, o.out.clone()),
            (2000, 20_000, 3, None)
        );
        assert_eq!(
            o.command_line(),
            "cargo xtask bench-paths --people 2000 --ties 20000 --runs 3"
        );
        assert_eq!(Options::parse(&[]).unwrap().people, DEFAULT_PEOPLE);
        for bad in [
            &["--runs", "0"][..],
            &["--people"],
            &["--tie", "3"],
            &["--out="],
        ] {
            assert!(Options::parse(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
