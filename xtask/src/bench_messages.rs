//! `cargo xtask bench-messages`: a LinkedIn `messages.csv` imported on top of a 30,000-person
//! network (the `bench-import` Connections.csv, imported first and copied for each run),
//! against the `sqlite3` shell's `.import` of the same file into a bare table, in the same
//! run; then the same file again (nothing to write). Printed as a Markdown table.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use crate::bench::{
    Count, Kith, Stats, TempDir, build_kith, git_revision, machine, os_args, parse_options,
    timed_output, utc_date,
};
use crate::bench_import::{
    self, NEWEST_DAY, ROWS, Rng, SEED, Sqlite, Summary, civil_from_days, push_field, remove_db,
};

const USAGE: &str = "\
usage: cargo xtask bench-messages [--rows N] [--runs R] [--out FILE]

  --rows N     messages in the generated messages.csv (default 20000, at most 1000000),
               among the people of a 30,000-row Connections.csv
  --runs R     timed runs of each command (default 5, at most 1000)
  --out FILE   also write the Markdown report to FILE";

const MESSAGES: Count = Count {
    flag: "--rows",
    default: 20_000,
    max: 1_000_000,
};
const DEFAULT_RUNS: u32 = 5;
const DIR_PREFIX: &str = "kith-bench-messages-";
const ME: &str = "Pat Seeker";
const MY_PROFILE: &str = "https://www.linkedin.com/in/pat-seeker";
const HEADER: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,\
RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT";

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "thanks", "for", "connecting", "happy", "to", "chat", "next", "week", "the", "team",
    "is", "hiring", "rust", "platform", "on-call", "coffee", "Tuesday", "talk", "meetup",
    "would", "love", "your", "view", "on", "this", "role", "interview", "loop", "great",
    "question", "database", "latency", "migration", "kubernetes", "a", "we", "you", "I",
];

/// A `messages.csv` of `count` messages between the seeker and people of the network,
/// newest first as LinkedIn writes it: most with a few hundred people the seeker talks to,
/// some HTML, a few to two people at once. The same for the same seed.
fn generate_messages(people: &[(String, String)], count: u32, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x6d65_7373_6167_6573);
    // The people the seeker writes with: a fifth of the network, at most 3,000.
    let talked = people.len().clamp(1, 3_000.min(people.len() / 5 + 1));
    let mut rows: Vec<(u64, String)> = Vec::with_capacity(count as usize);
    for n in 0..count {
        let who = rng.index(talked);
        let (name, url) = &people[who];
        // Within the two years before the newest connection, to the second.
        let secs = rng.below(730 * 86_400);
        let at = NEWEST_DAY as u64 * 86_400 - secs;
        let (y, mo, d) = civil_from_days((at / 86_400) as i64);
        let day_secs = at % 86_400;
        let date = format!(
            "{y}-{mo:02}-{d:02} {:02}:{:02}:{:02} UTC",
            day_secs / 3600,
            day_secs / 60 % 60,
            day_secs % 60
        );
        let words = 8 + rng.index(30);
        let text: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
        let mut content = text.join(" ");
        if rng.one_in(5) {
            content = format!("<p>{content} &amp; more</p>");
        }
        let outbound = rng.one_in(2);
        let (to_names, to_urls) = if outbound && rng.one_in(50) {
            let (other, other_url) = &people[rng.index(talked)];
            (format!("{name},{other}"), format!("{url},{other_url}"))
        } else if outbound {
            (name.clone(), url.clone())
        } else {
            (ME.to_owned(), MY_PROFILE.to_owned())
        };
        let (from, from_url) = if outbound {
            (ME, MY_PROFILE)
        } else {
            (name.as_str(), url.as_str())
        };
        let mut line = String::with_capacity(200);
        line.push('\n');
        for value in [
            &format!("2-conv-{who}"),
            "",
            from,
            from_url,
            &to_names,
            &to_urls,
            &date,
            "",
            &content,
            "INBOX",
            "No",
            "No",
        ] {
            push_field(&mut line, value);
            line.push(',');
        }
        line.pop();
        rows.push((u64::MAX - at * 1_000_000 - u64::from(n), line));
    }
    rows.sort_unstable();
    let mut csv = String::with_capacity(HEADER.len() + rows.len() * 200);
    csv.push_str(HEADER);
    for (_, line) in rows {
        csv.push_str(&line);
    }
    csv
}

pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let (messages, runs, out) = parse_options(args, &MESSAGES, &Count::runs(DEFAULT_RUNS))
        .map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let sqlite = Sqlite::ensure()?;
    let binary = build_kith()?;
    let dir = TempDir::create(DIR_PREFIX)?;
    let kith = Kith::new(binary, &dir)?;

    let connections = bench_import::generate(ROWS.default, SEED);
    let connections_csv = dir.path().join("Connections.csv");
    fs::write(&connections_csv, &connections.csv)?;
    let csv = dir.path().join("messages.csv");
    fs::write(&csv, generate_messages(&connections.people, messages, SEED))?;
    let script = dir.path().join("import.sqlite3");
    let path = csv
        .to_str()
        .filter(|p| !p.contains(['"', '\\', '\n']))
        .with_context(|| format!("{} cannot be named in a sqlite3 dot-command", csv.display()))?;
    fs::write(&script, format!(".mode csv\n.import \"{path}\" messages\n"))?;

    eprintln!("xtask: importing {} connections once", ROWS.default);
    let network = dir.path().join("network.db");
    let db_args = |db: &Path, rest: &[&OsStr]| {
        let mut all = vec![OsStr::new("--db"), db.as_os_str()];
        all.extend_from_slice(rest);
        os_args(all)
    };
    kith.output(
        "kith import Connections.csv",
        &db_args(
            &network,
            &[OsStr::new("import"), connections_csv.as_os_str()],
        ),
    )?;
    let import = |db: &Path| {
        db_args(
            db,
            &[
                OsStr::new("import"),
                OsStr::new("linkedin-messages"),
                csv.as_os_str(),
                OsStr::new("--json"),
            ],
        )
    };
    let label = "kith import linkedin-messages messages.csv --json";

    let (mut baseline, mut fresh, mut again) = (Vec::new(), Vec::new(), Vec::new());
    let mut first: Option<(Summary, Summary)> = None;
    for run in 0..=runs {
        eprintln!(
            "xtask: run {run} of {runs}{}",
            if run == 0 { " (warm-up)" } else { "" }
        );
        let bare = dir.path().join(format!("bare-{run}.db"));
        let (elapsed, _) = timed_output(&mut Sqlite::command(&bare, &script)?, "sqlite3 .import")?;
        let rows: u64 = Sqlite::query(&bare, "SELECT count(*) FROM messages")?.parse()?;
        if rows != u64::from(messages) {
            bail!("sqlite3 .import stored {rows} rows of {messages}");
        }
        remove_db(&bare)?;

        let db = dir.path().join(format!("kith-{run}.db"));
        copy_db(&network, &db)?;
        let (t_fresh, out) = kith.output(label, &import(&db))?;
        let s_fresh = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        let (t_again, out) = kith.output(label, &import(&db))?;
        let s_again = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        remove_db(&db)?;
        match &first {
            None => first = Some((s_fresh, s_again)),
            Some(seen) if *seen != (s_fresh, s_again) => {
                bail!("the import counted differently from one run to the next")
            }
            Some(_) => {}
        }
        if run > 0 {
            baseline.push(elapsed);
            fresh.push(t_fresh);
            again.push(t_again);
        }
    }
    let (s_fresh, s_again) = first.context("no runs")?;
    let mut failed = Vec::new();
    if s_fresh.read != u64::from(messages) || s_fresh.rejected != 0 {
        failed.push(format!("first import: {}", s_fresh.text()));
    }
    if s_again.created != 0 || s_again.updated != 0 || s_again.unchanged != s_fresh.created {
        failed.push(format!("second import wrote: {}", s_again.text()));
    }

    let stats = |s: &[Duration]| Stats::of(s).context("no samples");
    let (b, f, a) = (stats(&baseline)?, stats(&fresh)?, stats(&again)?);
    let mut md = String::new();
    let _ = writeln!(
        md,
        "kith bench-messages, {}: git {}; {}; sqlite3 {}; {messages} messages among the \
         people of a {}-row Connections.csv; reproduce with `cargo xtask bench-messages \
         --rows {messages} --runs {runs}`\n",
        utc_date(),
        git_revision().unwrap_or_else(|| "unknown".to_owned()),
        machine(),
        sqlite.version,
        ROWS.default,
    );
    let _ = writeln!(
        md,
        "| command | median ms | min | max | runs |\n|---|---:|---:|---:|---:|"
    );
    for (what, s) in [
        (
            "baseline: `sqlite3 .import messages.csv` into a bare table",
            b,
        ),
        (
            "`kith import linkedin-messages messages.csv --json` (on the network, first time)",
            f,
        ),
        ("the same again (nothing new)", a),
    ] {
        let _ = writeln!(md, "| {what} | {} |", s.cells());
    }
    let _ = writeln!(
        md,
        "\n- First time: {}; again: {}. kith / baseline (medians): {:.1}×.",
        s_fresh.text(),
        s_again.text(),
        f.median.as_secs_f64() / b.median.as_secs_f64()
    );
    println!("{md}");
    if let Some(out) = &out {
        fs::write(out, &md).with_context(|| format!("writing {}", out.display()))?;
    }
    drop(dir);
    if !failed.is_empty() {
        bail!(
            "the import did not do what it should: {}",
            failed.join("; ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A copy of a closed SQLite database with its `-wal` file, if one was left.
fn copy_db(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
    let wal = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));
    if wal(from).exists() {
        fs::copy(wal(from), wal(to)).with_context(|| format!("copying {}-wal", from.display()))?;
    }
    Ok(())
}
