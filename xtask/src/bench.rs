//! `cargo xtask bench`: build kith in release, fill a fresh demo database and time
//! whole-process runs of the everyday commands against it, printed as a Markdown table.

use serde_json::Value as Json;
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};

use crate::test::{cargo, target_dir, workspace_root};

const USAGE: &str = "\
usage: cargo xtask bench [--people N] [--runs R] [--out FILE]

  --people N   people in the demo network (default 30000, at most 1000000)
  --runs R     timed runs of each command (default 11, at most 1000)
  --out FILE   also write the Markdown report to FILE";

const DEFAULT_PEOPLE: u32 = 30_000;
const DEFAULT_RUNS: u32 = 11;
/// kith's own bound on `demo --people`; checked here so a typo fails before the build.
const MAX_PEOPLE: u32 = 1_000_000;
/// A sanity bound on `--runs`: a thousand runs of `person list --json` is minutes.
/// Demo runs behind the demo figure when `--runs` allows it.
const DEMO_RUNS: u32 = 3;
/// Every kith run sees the same moment and zone, so the demo data and the
/// follow-ups that are due are the same on every machine and every day.
pub(crate) const NOW: &str = "2026-11-23T12:00:00Z";
pub(crate) const TZ: &str = "UTC";
/// Prefix of the temp dir; the rest of the name is our pid.
const DIR_PREFIX: &str = "kith-bench-";

/// Builds, fills, times and reports; see [`USAGE`].
pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options::parse(args).map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let kith = build_kith()?;
    let dir = TempDir::create(DIR_PREFIX)?;
    let kith = Kith::new(kith, &dir)?;
    let report = measure(&kith, &dir, &options)?;
    drop(dir);

    let markdown = report.to_markdown();
    println!("{markdown}");
    if let Some(out) = &options.out {
        fs::write(out, &markdown).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("xtask: wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    people: u32,
    runs: u32,
    out: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let (people, runs, out) = parse_options(
            args,
            &Count {
                flag: "--people",
                default: DEFAULT_PEOPLE,
                max: MAX_PEOPLE,
            },
            &Count::runs(DEFAULT_RUNS),
        )?;
        Ok(Self { people, runs, out })
    }

    /// The command that reproduces the measurements (`--out` changes none of them).
    fn command_line(&self) -> String {
        format!(
            "cargo xtask bench --people {} --runs {}",
            self.people, self.runs
        )
    }

    fn demo_runs(&self) -> u32 {
        if self.runs >= DEMO_RUNS { DEMO_RUNS } else { 1 }
    }
}

/// A `--flag N` option taking a whole number from 1 to `max`.
pub(crate) struct Count {
    pub(crate) flag: &'static str,
    pub(crate) default: u32,
    pub(crate) max: u32,
}

impl Count {
    /// `--runs R` as every bench takes it: at least 1, at most 1,000.
    pub(crate) const fn runs(default: u32) -> Self {
        Self {
            flag: "--runs",
            default,
            max: 1000,
        }
    }
}

/// The bench commands' options: a size (`size.flag N`), `--runs R` and `--out FILE`, as
/// `(size, runs, out)`. `--flag VALUE` and `--flag=VALUE` both work; a repeated flag's last
/// value wins.
pub(crate) fn parse_options(
    args: &[String],
    size: &Count,
    runs: &Count,
) -> Result<(u32, u32, Option<PathBuf>)> {
    let (mut size_value, mut runs_value, mut out) = (size.default, runs.default, None);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_owned())),
            _ => (arg.as_str(), None),
        };
        if flag != size.flag && flag != runs.flag && flag != "--out" {
            bail!("unexpected argument `{arg}`");
        }
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .with_context(|| format!("{flag} needs a value"))?
                .clone(),
        };
        if flag == size.flag {
            size_value = parse_count(flag, &value, size.max)?;
        } else if flag == runs.flag {
            runs_value = parse_count(flag, &value, runs.max)?;
        } else {
            if value.is_empty() {
                bail!("--out needs a file name");
            }
            out = Some(PathBuf::from(value));
        }
    }
    Ok((size_value, runs_value, out))
}

fn parse_count(flag: &str, value: &str, max: u32) -> Result<u32> {
    let n: u32 = value
        .parse()
        .with_context(|| format!("{flag}: `{value}` is not a whole number"))?;
    if n == 0 || n > max {
        bail!("{flag}: {n} is out of range: expected 1 to {max}");
    }
    Ok(n)
}

/// `cargo build --release -p kith` with its output on our terminal; the binary's path.
pub(crate) fn build_kith() -> Result<PathBuf> {
    let root = workspace_root();
    eprintln!("xtask: running `cargo build --release -p kith`");
    let status = Command::new(cargo())
        .args(["build", "--release", "-p", "kith"])
        .current_dir(root)
        .status()
        .context("could not run `cargo build`")?;
    if !status.success() {
        bail!("`cargo build --release -p kith` failed ({status})");
    }
    let kith = target_dir()
        .join("release")
        .join(format!("kith{}", std::env::consts::EXE_SUFFIX));
    if !kith.is_file() {
        bail!("the build succeeded, yet there is no {}", kith.display());
    }
    Ok(kith)
}

/// A fresh dir for the databases, removed when dropped, however the bench ends.
#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// `prefix` and our pid name the dir.
    pub(crate) fn create(prefix: &str) -> Result<Self> {
        let path = std::env::temp_dir().join(format!("{prefix}{}", std::process::id()));
        if path.exists() {
            // Left by an earlier process that had our pid and was killed.
            fs::remove_dir_all(&path)
                .with_context(|| format!("removing leftover {}", path.display()))?;
        }
        fs::create_dir(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Self { path })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(err) = fs::remove_dir_all(&self.path) {
            eprintln!(
                "xtask: warning: could not remove {}: {err}",
                self.path.display()
            );
        }
    }
}

/// The kith binary and the environment every run of it gets.
#[derive(Debug)]
pub(crate) struct Kith {
    binary: PathBuf,
    /// An empty config file, so a config in the user's home changes nothing.
    config: PathBuf,
    /// Where kith runs, so nothing it might write lands in the checkout.
    work_dir: PathBuf,
}

impl Kith {
    pub(crate) fn new(binary: PathBuf, dir: &TempDir) -> Result<Self> {
        let config = dir.path().join("config.toml");
        fs::write(&config, "").with_context(|| format!("writing {}", config.display()))?;
        Ok(Self {
            binary,
            config,
            work_dir: dir.path().to_owned(),
        })
    }

    /// A command with only our `KITH_*` variables: the user's `KITH_DB`, `KITH_LOG`
    /// and the like would change what is measured.
    fn command(&self, args: &[OsString]) -> Command {
        let mut cmd = Command::new(&self.binary);
        for (key, _) in std::env::vars_os() {
            if key.as_encoded_bytes().starts_with(b"KITH_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("KITH_NOW", NOW)
            .env("KITH_TZ", TZ)
            .env("KITH_CONFIG", &self.config)
            .args(args)
            .current_dir(&self.work_dir)
            .stdin(Stdio::null());
        cmd
    }

    /// Runs to completion with stdout captured; fails, naming `label`, unless it exits 0.
    pub(crate) fn output(&self, label: &str, args: &[OsString]) -> Result<(Duration, Output)> {
        let mut cmd = self.command(args);
        timed_output(&mut cmd, label)
    }

    /// Like `output`, with these environment variables set as well.
    pub(crate) fn output_with(
        &self,
        label: &str,
        args: &[OsString],
        env: &[(&str, &str)],
    ) -> Result<(Duration, Output)> {
        let mut cmd = self.command(args);
        cmd.envs(env.iter().copied());
        timed_output(&mut cmd, label)
    }

    /// Runs to completion with stdout discarded; the wall-clock time.
    pub(crate) fn time(&self, label: &str, args: &[OsString]) -> Result<Duration> {
        let mut cmd = self.command(args);
        cmd.stdout(Stdio::null());
        timed_output(&mut cmd, label).map(|(elapsed, _)| elapsed)
    }
}

/// Spawn to exit, under the clock. A failure names the command and carries its stderr.
pub(crate) fn timed_output(cmd: &mut Command, label: &str) -> Result<(Duration, Output)> {
    let started = Instant::now();
    let out = cmd
        .output()
        .with_context(|| format!("could not run `{label}` ({:?})", cmd.get_program()))?;
    let elapsed = started.elapsed();
    if !out.status.success() {
        bail!(
            "`{label}` failed ({}); the bench stops here:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim_end()
        );
    }
    Ok((elapsed, out))
}

pub(crate) fn os_args<I, S>(args: I) -> Vec<OsString>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    args.into_iter().map(|a| a.as_ref().to_owned()).collect()
}

/// What `kith demo --json` reports having stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stored {
    people: u64,
    companies: u64,
    interactions: u64,
    follow_ups: u64,
}

impl Stored {
    fn from_demo_json(text: &str) -> Result<Self> {
        let json = serde_json::from_str::<Json>(text)
            .context("`kith demo --json` printed invalid JSON")?;
        let stored = json
            .get("stored")
            .context("`kith demo --json` printed no `stored` object")?;
        let count = |key: &str| {
            stored
                .get(key)
                .and_then(Json::as_u64)
                .with_context(|| format!("`kith demo --json` printed no `stored.{key}` count"))
        };
        Ok(Self {
            people: count("people")?,
            companies: count("companies")?,
            interactions: count("interactions")?,
            follow_ups: count("follow_ups")?,
        })
    }
}

/// The handle of the first search hit that is about a person.
fn first_hit_handle(search_json: &str) -> Result<Option<String>> {
    let json = serde_json::from_str::<Json>(search_json)
        .context("`kith search --json` printed invalid JSON")?;
    let hits = json
        .as_array()
        .context("`kith search --json` printed no array")?;
    Ok(hits
        .iter()
        .filter_map(|hit| hit.get("person")?.get("handle")?.as_str())
        .next()
        .map(str::to_owned))
}

/// The handle of the first person `kith person list --json --limit 1` prints.
fn first_listed_handle(list_json: &str) -> Result<Option<String>> {
    let json = serde_json::from_str::<Json>(list_json)
        .context("`kith person list --json` printed invalid JSON")?;
    let people = json
        .as_array()
        .context("`kith person list --json` printed no array")?;
    Ok(people
        .first()
        .and_then(|p| p.get("handle")?.as_str())
        .map(str::to_owned))
}

/// Fills the demo database, picks a handle, times every command; the report.
fn measure(kith: &Kith, dir: &TempDir, options: &Options) -> Result<Report> {
    let date = utc_date();
    let db = dir.path().join("kith.db");
    let people = options.people.to_string();
    let demo_label = format!("kith demo --people {people} --json");
    let demo_args = |db: &Path| {
        os_args([
            OsStr::new("--db"),
            db.as_os_str(),
            OsStr::new("demo"),
            OsStr::new("--people"),
            OsStr::new(&people),
            OsStr::new("--json"),
        ])
    };

    eprintln!("xtask: filling {} with {people} people", db.display());
    let (first, out) = kith.output(&demo_label, &demo_args(&db))?;
    let stored = Stored::from_demo_json(&String::from_utf8_lossy(&out.stdout))?;
    let mut demo_samples = vec![first];
    for run in 2..=options.demo_runs() {
        // A fresh file each time; removed at once so the page cache holds only `db`.
        let extra = dir.path().join(format!("demo-{run}"));
        fs::create_dir(&extra).with_context(|| format!("creating {}", extra.display()))?;
        eprintln!("xtask: demo run {run} of {}", options.demo_runs());
        let (elapsed, _) = kith.output(&demo_label, &demo_args(&extra.join("kith.db")))?;
        demo_samples.push(elapsed);
        fs::remove_dir_all(&extra).with_context(|| format!("removing {}", extra.display()))?;
    }
    let mut rows = vec![Row {
        command: format!("`{demo_label}` (a fresh file each run, no warm-up)"),
        stats: Stats::of(&demo_samples).context("no demo runs")?,
    }];

    let with_db = |args: &[&str]| {
        let mut all = os_args([OsStr::new("--db"), db.as_os_str()]);
        all.extend(os_args(args));
        all
    };
    let handle = pick_handle(kith, &with_db)?;
    eprintln!("xtask: `person show` uses {handle} (the first person `search kubernetes` finds)");

    let commands: Vec<(String, Vec<OsString>)> = vec![
        (
            "baseline: `kith --version` (process start, no database)".to_owned(),
            os_args(["--version"]),
        ),
        (
            "baseline: `kith init` (open and migration check, no query)".to_owned(),
            with_db(&["init"]),
        ),
        (
            "`kith search kubernetes`".to_owned(),
            with_db(&["search", "kubernetes"]),
        ),
        (
            "`kith search rust meetup --limit 50`".to_owned(),
            with_db(&["search", "rust", "meetup", "--limit", "50"]),
        ),
        (
            format!("`kith person list --json` (all {} people)", stored.people),
            with_db(&["person", "list", "--json"]),
        ),
        (
            "`kith person list --limit 50`".to_owned(),
            with_db(&["person", "list", "--limit", "50"]),
        ),
        (
            "`kith person list --tag rust --json`".to_owned(),
            with_db(&["person", "list", "--tag", "rust", "--json"]),
        ),
        (
            format!("`kith person show {handle}`"),
            with_db(&["person", "show", &handle]),
        ),
        (
            format!("`kith person show {handle} --json`"),
            with_db(&["person", "show", &handle, "--json"]),
        ),
        (
            "`kith follow-up list`".to_owned(),
            with_db(&["follow-up", "list"]),
        ),
        (
            "`kith company list --json`".to_owned(),
            with_db(&["company", "list", "--json"]),
        ),
        (
            "`kith agenda` (the week: follow-ups, relationships due with ideas, events)".to_owned(),
            with_db(&["agenda"]),
        ),
        (
            "`kith agenda --json`".to_owned(),
            with_db(&["agenda", "--json"]),
        ),
        (
            "`kith garden` (every relationship assessed)".to_owned(),
            with_db(&["garden"]),
        ),
        (
            format!("`kith explain {handle}`"),
            with_db(&["explain", &handle]),
        ),
        (
            "`kith export ics` (the calendar feed)".to_owned(),
            with_db(&["export", "ics"]),
        ),
    ];
    for (label, args) in commands {
        eprintln!("xtask: timing {label}: 1 warm-up + {} runs", options.runs);
        kith.time(&label, &args)?;
        let samples = (0..options.runs)
            .map(|_| kith.time(&label, &args))
            .collect::<Result<Vec<_>>>()?;
        rows.push(Row {
            command: label,
            stats: Stats::of(&samples).context("no timed runs")?,
        });
    }

    let (_, version) = kith.output("kith --version", &os_args(["--version"]))?;
    Ok(Report {
        date,
        machine: machine(),
        kith: String::from_utf8_lossy(&version.stdout).trim().to_owned(),
        source: git_revision(),
        command_line: options.command_line(),
        people: options.people,
        runs: options.runs,
        stored,
        rows,
    })
}

/// The person `person show` is timed on: the first person hit of `search kubernetes`,
/// else (a tiny network with no such hit) the first person listed.
fn pick_handle(kith: &Kith, with_db: &dyn Fn(&[&str]) -> Vec<OsString>) -> Result<String> {
    let label = "kith search kubernetes --json";
    let (_, out) = kith.output(label, &with_db(&["search", "kubernetes", "--json"]))?;
    if let Some(handle) = first_hit_handle(&String::from_utf8_lossy(&out.stdout))? {
        return Ok(handle);
    }
    let label = "kith person list --json --limit 1";
    let (_, out) = kith.output(
        label,
        &with_db(&["person", "list", "--json", "--limit", "1"]),
    )?;
    first_listed_handle(&String::from_utf8_lossy(&out.stdout))?
        .context("the demo database has no people to run `kith person show` on")
}

/// A tool's trimmed stdout, or `None` when it is missing or fails; only for the
/// report's header, which does without.
fn tool_output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

pub(crate) fn utc_date() -> String {
    tool_output("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]).unwrap_or_else(|| {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        format!("{secs} (UNIX seconds)")
    })
}

/// `uname -sr`, `nproc` and, where `/proc/cpuinfo` says, the CPU model.
pub(crate) fn machine() -> String {
    let mut parts = vec![tool_output("uname", &["-sr"]).unwrap_or_else(|| "unknown OS".into())];
    if let Some(n) = tool_output("nproc", &[]) {
        parts.push(format!("{n} CPUs (nproc)"));
    }
    let model = fs::read_to_string("/proc/cpuinfo").ok().and_then(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
            .map(|(_, model)| model.trim().to_owned())
    });
    parts.extend(model);
    parts.join(", ")
}

pub(crate) fn git_revision() -> Option<String> {
    let root = workspace_root().to_str()?;
    tool_output("git", &["-C", root, "describe", "--always", "--dirty"])
}

/// Median, fastest and slowest of a set of timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stats {
    pub(crate) median: Duration,
    pub(crate) min: Duration,
    pub(crate) max: Duration,
    pub(crate) runs: usize,
}

impl Stats {
    /// `median | min | max | runs`, the cells every bench's Markdown table has.
    pub(crate) fn cells(&self) -> String {
        format!(
            "{} | {} | {} | {}",
            millis(self.median),
            millis(self.min),
            millis(self.max),
            self.runs
        )
    }

    /// `None` for no samples. An even count's median is the mean of the middle two.
    pub(crate) fn of(samples: &[Duration]) -> Option<Self> {
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        let mid = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            sorted[mid]
        } else {
            (sorted[mid - 1] + sorted[mid]) / 2
        };
        Some(Self {
            median,
            min,
            max,
            runs: sorted.len(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// Markdown already: the command in backticks, perhaps with a remark.
    command: String,
    stats: Stats,
}

/// Everything the Markdown shows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Report {
    date: String,
    machine: String,
    /// `kith --version`'s output.
    kith: String,
    /// `git describe --always --dirty`, when there is a git checkout.
    source: Option<String>,
    command_line: String,
    people: u32,
    runs: u32,
    stored: Stored,
    rows: Vec<Row>,
}

impl Report {
    fn to_markdown(&self) -> String {
        let mut md = String::new();
        let source = self
            .source
            .as_deref()
            .map_or_else(String::new, |rev| format!(" (git {rev})"));
        // Writing to a String cannot fail.
        let _ = writeln!(
            md,
            "kith bench, {}: {}{source}; {}; N = {} people; reproduce with `{}`",
            self.date, self.kith, self.machine, self.people, self.command_line
        );
        md.push('\n');
        let _ = writeln!(
            md,
            "The demo stored {} people, {} companies, {} interactions and {} follow-ups. \
             Each command below ran once as a warm-up, then {} timed runs; wall clock of \
             the whole process, stdout to /dev/null, with `--db` on the demo file, \
             KITH_NOW={NOW} and KITH_TZ={TZ}.",
            self.stored.people,
            self.stored.companies,
            self.stored.interactions,
            self.stored.follow_ups,
            self.runs
        );
        md.push('\n');
        md.push_str("| command | median ms | min | max | runs |\n");
        md.push_str("|---|---:|---:|---:|---:|\n");
        for row in &self.rows {
            let s = &row.stats;
            let _ = writeln!(
                md,
                "| {} | {} |",
                row.command.replace('|', "\\|"),
                s.cells()
            );
        }
        md
    }
}

/// Milliseconds with one decimal: process start is a millisecond or two.
pub(crate) fn millis(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn defaults() -> Result<()> {
        let options = Options::parse(&[])?;
        assert_eq!(
            options,
            Options {
                people: 30_000,
                runs: 11,
                out: None
            }
        );
        assert_eq!(
            options.command_line(),
            "cargo xtask bench --people 30000 --runs 11"
        );
        assert_eq!(options.demo_runs(), 3);
        Ok(())
    }

    #[test]
    fn flags_with_and_without_equals() -> Result<()> {
        let options = Options::parse(&args(&[
            "--people",
            "500",
            "--runs=2",
            "--out",
            "/tmp/b.md",
        ]))?;
        assert_eq!(
            options,
            Options {
                people: 500,
                runs: 2,
                out: Some(PathBuf::from("/tmp/b.md"))
            }
        );
        assert_eq!(options.demo_runs(), 1, "fewer than 3 runs: one demo run");
        assert_eq!(
            Options::parse(&args(&["--people=7", "--people", "9"]))?.people,
            9,
            "the last one wins"
        );
        Ok(())
    }

    #[test]
    fn bad_arguments_are_named() {
        let err = |list: &[&str]| format!("{:#}", Options::parse(&args(list)).unwrap_err());
        assert!(err(&["--people"]).contains("--people needs a value"));
        assert!(err(&["--people", "many"]).contains("`many` is not a whole number"));
        assert!(err(&["--people", "0"]).contains("out of range"));
        assert!(err(&["--people", "1000001"]).contains("out of range"));
        assert!(err(&["--runs", "-1"]).contains("not a whole number"));
        assert!(err(&["--runs", "1001"]).contains("expected 1 to 1000"));
        assert!(err(&["--out="]).contains("--out needs a file name"));
        assert!(err(&["--fast"]).contains("unexpected argument `--fast`"));
        assert!(err(&["30000"]).contains("unexpected argument `30000`"));
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_command_is_named() {
        let err = timed_output(&mut Command::new("false"), "kith search x").unwrap_err();
        let text = format!("{err:#}");
        assert!(
            text.starts_with("`kith search x` failed (exit status: 1)"),
            "{text}"
        );
        assert!(timed_output(&mut Command::new("true"), "true").is_ok());
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let odd = Stats::of(&[ms(30), ms(10), ms(20)]).unwrap();
        assert_eq!(
            odd,
            Stats {
                median: ms(20),
                min: ms(10),
                max: ms(30),
                runs: 3
            }
        );
        let even = Stats::of(&[ms(40), ms(10), ms(20), ms(30)]).unwrap();
        assert_eq!(even.median, ms(25));
        assert_eq!((even.min, even.max, even.runs), (ms(10), ms(40), 4));
        let one = Stats::of(&[ms(7)]).unwrap();
        assert_eq!((one.median, one.min, one.max), (ms(7), ms(7), ms(7)));
        assert_eq!(Stats::of(&[]), None);
    }

    #[test]
    fn median_ignores_one_outlier() {
        let stats = Stats::of(&[ms(5), ms(5), ms(900), ms(6), ms(4)]).unwrap();
        assert_eq!(stats.median, ms(5));
        assert_eq!(stats.max, ms(900));
    }

    #[test]
    fn markdown_table() {
        let report = Report {
            date: "2026-11-23T12:00:00Z".to_owned(),
            machine: "Linux 6.1, 2 CPUs (nproc)".to_owned(),
            kith: "kith 0.1.0".to_owned(),
            source: Some("abc1234-dirty".to_owned()),
            command_line: "cargo xtask bench --people 10 --runs 3".to_owned(),
            people: 10,
            runs: 3,
            stored: Stored {
                people: 10,
                companies: 2,
                interactions: 40,
                follow_ups: 1,
            },
            rows: vec![
                Row {
                    command: "`kith --version`".to_owned(),
                    stats: Stats::of(&[ms(1), Duration::from_micros(1_250), ms(2)]).unwrap(),
                },
                Row {
                    command: "`a | b`".to_owned(),
                    stats: Stats::of(&[Duration::from_micros(12_345)]).unwrap(),
                },
            ],
        };
        let md = report.to_markdown();
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "kith bench, 2026-11-23T12:00:00Z: kith 0.1.0 (git abc1234-dirty); \
             Linux 6.1, 2 CPUs (nproc); N = 10 people; reproduce with \
             `cargo xtask bench --people 10 --runs 3`"
        );
        assert!(lines[2].starts_with("The demo stored 10 people, 2 companies, 40 interactions"));
        assert!(lines[2].contains("then 3 timed runs"));
        assert_eq!(
            &lines[4..],
            [
                "| command | median ms | min | max | runs |",
                "|---|---:|---:|---:|---:|",
                "| `kith --version` | 1.2 | 1.0 | 2.0 | 3 |",
                "| `a \\| b` | 12.3 | 12.3 | 12.3 | 1 |",
            ]
        );
    }

    #[test]
    fn reads_the_demo_counts() -> Result<()> {
        let text = r#"{
  "database": "/tmp/x/kith.db",
  "generate_ms": 24,
  "stored": {
    "companies": 250, "events": 40, "follow_ups": 200,
    "interactions": 7833, "people": 2000, "ties": 2932
  },
  "total_ms": 321
}"#;
        assert_eq!(
            Stored::from_demo_json(text)?,
            Stored {
                people: 2000,
                companies: 250,
                interactions: 7833,
                follow_ups: 200
            }
        );
        assert!(Stored::from_demo_json(r#"{"stored": {"people": 1.5}}"#).is_err());
        assert!(Stored::from_demo_json("Demo network written").is_err());
        Ok(())
    }

    #[test]
    fn picks_the_first_person_hit() -> Result<()> {
        let text = r#"[
  {"kind": "company", "person": null, "snippet": "\"handle\": \"nope\"", "score": 9.5e0},
  {"kind": "interaction",
   "person": {"id": "01a2", "handle": "sun-g\u00f3mez", "name": "Sun G\u00f3mez"},
   "snippet": "[Kubernetes] \ud83d\ude80", "score": 4.63, "when": "2026-09-25T15:15:00Z"},
  {"kind": "person", "person": {"handle": "later"}, "score": 1, "when": null}
]"#;
        assert_eq!(first_hit_handle(text)?.as_deref(), Some("sun-gómez"));
        assert_eq!(first_hit_handle("[]")?, None);
        assert_eq!(
            first_listed_handle(r#"[{"id": "x", "handle": "ada-abebe", "tags": []}]"#)?.as_deref(),
            Some("ada-abebe")
        );
        Ok(())
    }
}
