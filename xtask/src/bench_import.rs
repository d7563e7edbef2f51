//! `cargo xtask bench-import`: generate a realistic LinkedIn `Connections.csv`, then time
//! `kith import` of it, into a fresh database and again into the same one, against the
//! practical lower bound: the `sqlite3` shell's `.import` of the same file into a bare
//! table. Printed as a Markdown table.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::hash::{DefaultHasher, Hasher as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value as Json;

use crate::bench::{
    Count, Kith, Stats, TempDir, build_kith, git_revision, machine, millis, os_args, parse_options,
    timed_output, utc_date,
};
use crate::postgres::{apt_install, is_root};

const USAGE: &str = "\
usage: cargo xtask bench-import [--rows N] [--runs R] [--out FILE]

  --rows N     rows in the generated Connections.csv (default 30000, at most 1000000)
  --runs R     timed runs of each command (default 5, at most 1000)
  --out FILE   also write the Markdown report to FILE";

/// `--rows`, as every import bench takes it: LinkedIn's cap by default.
pub(crate) const ROWS: Count = Count {
    flag: "--rows",
    default: 30_000,
    max: 1_000_000,
};
const DEFAULT_RUNS: u32 = 5;
/// Prefix of the temp dir; the rest of the name is our pid.
const DIR_PREFIX: &str = "kith-bench-import-";
/// The generator's seed: the same file on every machine and every run.
pub(crate) const SEED: u64 = 0x6b69_7468_2d69_6d70;
/// The issue's target: kith's fresh import within this factor of the baseline...
const TARGET_RATIO: f64 = 3.0;
/// ...and under this wall-clock time.
const TARGET_TIME: Duration = Duration::from_secs(1);
/// `.import --skip` arrived in SQLite 3.32.0.
const SQLITE_SKIP_SINCE: (u32, u32) = (3, 32);
/// The table the baseline imports into.
const TABLE: &str = "connections";

/// Builds, generates, times and reports; see [`USAGE`].
pub(crate) fn run(args: &[String]) -> Result<ExitCode> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    }
    let options = Options::parse(args).map_err(|err| anyhow!("{err:#}\n\n{USAGE}"))?;
    let sqlite = Sqlite::ensure()?;
    let kith = build_kith()?;
    let dir = TempDir::create(DIR_PREFIX)?;
    let kith = Kith::new(kith, &dir)?;
    let report = measure(&kith, &sqlite, &dir, &options)?;
    drop(dir);

    let markdown = report.to_markdown();
    println!("{markdown}");
    if let Some(out) = &options.out {
        fs::write(out, &markdown).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("xtask: wrote {}", out.display());
    }
    let failed = report.failed_checks();
    if !failed.is_empty() {
        bail!(
            "the import did not do what it should: {}",
            failed.join("; ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What the command line asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    rows: u32,
    runs: u32,
    out: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self> {
        let (rows, runs, out) = parse_options(args, &ROWS, &Count::runs(DEFAULT_RUNS))?;
        Ok(Self { rows, runs, out })
    }

    /// The command that reproduces the measurements (`--out` changes none of them).
    fn command_line(&self) -> String {
        format!(
            "cargo xtask bench-import --rows {} --runs {}",
            self.rows, self.runs
        )
    }
}

// ---------------------------------------------------------------------------------------
// The generated file
// ---------------------------------------------------------------------------------------

/// LinkedIn's preamble in the current export, word for word, and the blank line after it.
const PREAMBLE: &str = "Notes:\n\
\"When exporting your connection data, you may notice that some of the email addresses are \
missing. You will only see email addresses for connections who have allowed their connections \
to see or download their email address using this setting \
https://www.linkedin.com/psettings/privacy/email. You can learn more here \
https://www.linkedin.com/help/linkedin/answer/261\"\n\n";
const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
/// Lines before the header: what `.import --skip` passes over.
const PREAMBLE_LINES: u32 = 3;

#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Edsger",
    "Radia", "Donald", "Hedy", "Tim", "Katherine", "John", "Mary", "James", "Priya", "Arjun",
    "Wei", "Mei", "Hiroshi", "Yuki", "Aiko", "Kenji", "Min-jun", "Seo-yeon", "Olusegun", "Ngozi",
    "Chidi", "Amara", "Kwame", "Fatima", "Omar", "Layla", "Yusuf", "Aisha", "Mohammed", "Sofia",
    "Mateo", "Lucía", "José", "Raúl", "Inés", "Andrés", "Zoë", "Chloé", "François", "Anaïs",
    "Hélène", "Jürgen", "Björn", "Søren", "Åsa", "Øystein", "Łukasz", "Małgorzata", "Dragoș",
    "Ştefan", "İlkay", "Ömer", "Çağla", "Nikolai", "Olga", "Dmitri", "Ana", "Luca", "Giulia",
    "Matteo", "Sean", "Siobhán", "Niamh", "Emma", "Olivia", "Noah", "Liam", "Ava", "Ethan",
    "Isabella", "Lucas", "Mia", "Benjamin", "Charlotte", "Henry", "Amelia", "Alexander", "Harper",
    "Daniel", "Evelyn", "Samuel", "Abigail", "Rahul", "Ananya", "Vikram", "Thanh", "Linh", "Tuấn",
    "Sam 🦀", "🚀 Lee", "Jo ✨", "Иван", "Мария", "Νίκος",
];

#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen",
    "Dijkstra", "Perlman", "Knuth", "Lamarr", "Berners-Lee", "Johnson", "McCarthy", "Smith",
    "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Patel", "Sharma",
    "Gupta", "Singh", "Iyer", "Wang", "Li", "Zhang", "王", "李", "Chen", "Liu", "Tanaka", "Suzuki",
    "佐藤", "Kim", "Park", "Lee", "Choi", "Okafor", "Adeyemi", "Mensah", "Diallo", "Haddad", "Khan",
    "Al-Sayed", "Rahman", "García", "Rodríguez", "Martínez", "Hernández", "López", "González",
    "Pérez", "Núñez", "Müller", "Schmidt", "Schäfer", "Fischer", "Weiß", "Öztürk", "Yılmaz",
    "Şahin", "Kowalski", "Nowak", "Wiśniewski", "Dąbrowski", "Novák", "Dvořák", "Horváth", "Nagy",
    "Ivanov", "Petrov", "Смирнова", "Papadopoulos", "Rossi", "Russo", "Ferrari", "Bianchi",
    "Dubois", "Lefèvre", "Moreau", "Girard", "O'Brien", "O'Connor", "Murphy", "Ní Bhriain",
    "Nguyen", "Trần", "Phạm", "Andersson", "Johansson", "Ødegaard", "Hansen", "Virtanen",
    "Mäkinen", "van der Berg", "de Vries", "Jansen", "Silva", "Santos", "Gonçalves", "Costa",
    "Kim ✨",
];

/// Where many people work: drawn far more often than the long tail below.
#[rustfmt::skip]
const BIG_COMPANIES: &[&str] = &[
    "Globex", "Initech", "Hooli", "Acme, Inc.", "Umbrella Corp", "Stark Industries",
    "Wayne Enterprises", "Cyberdyne Systems", "Soylent", "Tyrell Corporation", "Aperture Science",
    "Massive Dynamic", "Pied Piper", "Vandelay Industries", "Wonka Industries", "Oscorp",
    "Nakatomi Trading", "Monsters, Inc.", "Dunder Mifflin", "腾讯",
];

#[rustfmt::skip]
const COMPANY_STEMS: &[&str] = &[
    "Blue", "Quantum", "Rust", "Iron", "Cedar", "North", "Bright", "Silver", "Open", "Deep",
    "Nimbus", "Atlas", "Helix", "Pixel", "Vector", "Lambda", "Orbit", "Delta", "Nova", "Zen",
    "Echo", "Maple", "Fjord", "Koi", "Sakura", "Café", "Nordlicht", "Bosque", "Søndre", "Żuraw",
];

#[rustfmt::skip]
const COMPANY_SUFFIXES: &[&str] = &[
    " Labs", " Systems", " Software", ", Inc.", ", LLC", " GmbH", " AG", " S.A.", " Ltd",
    " Technologies", " Analytics", " Cloud", " Health", " Robotics", " & Co.", "",
];

const SENIORITIES: &[&str] = &[
    "",
    "",
    "Senior ",
    "Staff ",
    "Principal ",
    "Lead ",
    "Junior ",
];

#[rustfmt::skip]
const ROLES: &[&str] = &[
    "Software Engineer", "Backend Engineer", "Frontend Developer", "Site Reliability Engineer",
    "Data Scientist", "Product Manager", "Engineering Manager", "Technical Recruiter",
    "Product Designer", "DevOps Engineer", "Security Engineer", "ML Engineer",
];

/// Whole titles, drawn now and then instead of seniority + role.
const TITLES: &[&str] = &[
    "Director, Engineering",
    "VP, Platform",
    "Founder & CEO",
    "Co-founder, CTO",
    "Talent Partner – EMEA",
    "Senior Recruiter – APAC \"Tech\"",
    "Ingeniero de Software",
    "Softwareentwickler",
    "Rustacean 🦀",
    "Open to work",
    "Student",
];

const EMAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "proton.me",
    "yahoo.com",
    "icloud.com",
    "hey.com",
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of the newest connection: the day before bench.rs's `KITH_NOW`.
pub(crate) const NEWEST_DAY: i64 = 20_779; // 2026-11-22
/// Connections spread over the ten years before it.
const SPAN_DAYS: u64 = 3_652;

/// SplitMix64: tiny, fast, and good enough to make test data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is far below what test data notices.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub(crate) fn index(&mut self, len: usize) -> usize {
        // `len` is a word list's length and the result is below it: both fit.
        self.below(len as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.index(list.len())]
    }

    /// True one time in `n`.
    pub(crate) fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }
}

/// A bijection on `u32`: distinct row numbers give distinct profile-id suffixes that look
/// random. Every step (xor with a constant, multiply by an odd number, xorshift) is invertible.
fn scramble(n: u32, seed: u64) -> u32 {
    // Truncation keeps the seed's low bits, which is all a mask needs.
    let mut x = n ^ (seed as u32);
    x = x.wrapping_mul(0x9E37_79B1);
    x ^= x >> 16;
    x = x.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 13;
    x
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction.
    (year, month as u32, day as u32)
}

/// `03 Mar 2024`, as the current export writes dates.
fn linkedin_date(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{day:02} {} {year}", MONTHS[month as usize - 1])
}

/// One CSV field, quoted only when it must be (as LinkedIn does).
pub(crate) fn push_field(line: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&value.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(value);
    }
}

/// Letters without their accents, for slugs and email addresses; `None` for anything else
/// that is not ASCII.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
        'ł' => "l",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => "o",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ț' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'ř' => "r",
        'ğ' => "g",
        'đ' => "d",
        'ạ' => "a",
        'ầ' | 'ấ' => "a",
        _ => return None,
    })
}

/// A name as a LinkedIn profile slug: lower case, words joined by `-`. Letters outside
/// ASCII are either percent-encoded (`jos%C3%A9`, as LinkedIn writes some profiles) or
/// folded (`jose`); emoji and apostrophes go. Empty when nothing is left.
fn slug(name: &str, percent_encode: bool) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let piece: String = if c.is_ascii_alphanumeric() {
            c.to_string()
        } else if c.is_ascii() {
            if c != '\'' {
                dash = !out.is_empty();
            }
            continue;
        } else if !c.is_alphabetic() {
            // Emoji, combining marks (`İ` lower-cases to `i` + U+0307), symbols.
            continue;
        } else if percent_encode {
            let mut buf = [0; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .fold(String::new(), |mut s, b| {
                    let _ = write!(s, "%{b:02X}");
                    s
                })
        } else {
            match fold(c) {
                Some(ascii) => ascii.to_owned(),
                None => continue,
            }
        };
        if dash {
            out.push('-');
            dash = false;
        }
        out.push_str(&piece);
    }
    out
}

/// What [`generate`] made, besides the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Generated {
    pub(crate) csv: String,
    /// Data rows after the header: people and ghosts.
    pub(crate) rows: u32,
    /// Rows with only the connection date filled in (LinkedIn writes these for closed
    /// accounts); kith rejects them.
    pub(crate) ghosts: u32,
    emails: u32,
    percent_encoded: u32,
    /// Distinct profile URLs; equal to `rows - ghosts`.
    urls: HashSet<String>,
    /// Each person's full name and profile URL, in file order.
    pub(crate) people: Vec<(String, String)>,
}

/// A current-format `Connections.csv` with `rows` data rows, the same for the same seed:
/// the `Notes:` preamble, the header, LF line ends, no newline after the last row, newest
/// connection first. Every person has their own profile URL, and no two share both name
/// and company, so every row but the ghosts is one new person to kith.
pub(crate) fn generate(rows: u32, seed: u64) -> Generated {
    let mut rng = Rng(seed);
    let mut days: Vec<u64> = (0..rows).map(|_| rng.below(SPAN_DAYS)).collect();
    // Newest first, as LinkedIn lists them.
    days.sort_unstable();

    let mut csv = String::with_capacity(PREAMBLE.len() + HEADER.len() + rows as usize * 120);
    csv.push_str(PREAMBLE);
    csv.push_str(HEADER);
    let mut generated = Generated {
        csv: String::new(),
        rows,
        ghosts: 0,
        emails: 0,
        percent_encoded: 0,
        urls: HashSet::with_capacity(rows as usize),
        people: Vec::with_capacity(rows as usize),
    };
    // Real exports almost never hold two people of one name at one company; word lists
    // would make thousands, and kith merges those by name and company (even when their
    // profile URLs differ), which would turn this into a different benchmark.
    let mut name_at_company: HashSet<(usize, usize, String)> = HashSet::new();
    let mut email_bases: HashMap<String, u32> = HashMap::new();
    let mut line = String::with_capacity(256);
    for (n, day) in (0..rows).zip(days) {
        line.clear();
        line.push('\n');
        // `day` is below SPAN_DAYS.
        let date = linkedin_date(NEWEST_DAY - day as i64);
        if rng.one_in(1000) {
            line.push_str(",,,,,,");
            line.push_str(&date);
            csv.push_str(&line);
            generated.ghosts += 1;
            continue;
        }
        let mut company = if rng.one_in(16) {
            String::new()
        } else if rng.below(10) < 3 {
            rng.pick(BIG_COMPANIES).to_owned()
        } else {
            format!("{}{}", rng.pick(COMPANY_STEMS), rng.pick(COMPANY_SUFFIXES))
        };
        let mut attempts = 0;
        let (first, last) = loop {
            let pair = (rng.index(FIRST_NAMES.len()), rng.index(LAST_NAMES.len()));
            if company.is_empty() || name_at_company.insert((pair.0, pair.1, company.clone())) {
                break pair;
            }
            attempts += 1;
            if attempts == 32 {
                // Near a million rows a big company runs out of names: leave it out.
                company.clear();
            }
        };
        let (first, last) = (FIRST_NAMES[first], LAST_NAMES[last]);
        let position = if rng.one_in(20) {
            String::new()
        } else if rng.one_in(8) {
            rng.pick(TITLES).to_owned()
        } else {
            format!("{}{}", rng.pick(SENIORITIES), rng.pick(ROLES))
        };

        let full = format!("{first} {last}");
        let encode = !full.is_ascii() && rng.one_in(2);
        let mut profile = slug(&full, encode);
        if profile.is_empty() {
            profile.push_str("member");
        }
        generated.percent_encoded += u32::from(profile.contains('%'));
        let url = format!(
            "https://www.linkedin.com/in/{profile}-{:x}",
            scramble(n, seed)
        );

        let email = if rng.one_in(10) {
            let mut local = slug(&full, false).replace('-', ".");
            if local.is_empty() {
                local.push_str("member");
            }
            let base = format!("{local}@{}", rng.pick(EMAIL_DOMAINS));
            let seen = email_bases.entry(base.clone()).or_insert(0);
            *seen += 1;
            generated.emails += 1;
            match *seen {
                1 => base,
                k => base.replacen('@', &k.to_string(), 1),
            }
        } else {
            String::new()
        };

        for value in [first, last, &url, &email, &company, &position] {
            push_field(&mut line, value);
            line.push(',');
        }
        line.push_str(&date);
        csv.push_str(&line);
        generated.people.push((full, url.clone()));
        generated.urls.insert(url);
    }
    generated.csv = csv;
    generated
}

// ---------------------------------------------------------------------------------------
// The baseline: the sqlite3 shell
// ---------------------------------------------------------------------------------------

/// The `sqlite3` shell and its version.
#[derive(Debug, Clone)]
pub(crate) struct Sqlite {
    pub(crate) version: String,
}

impl Sqlite {
    /// Finds `sqlite3` on PATH; when it is missing and we are root, installs Debian's
    /// `sqlite3` package first. Fails when its `.import` has no `--skip`.
    pub(crate) fn ensure() -> Result<Self> {
        let version = match sqlite_version() {
            Some(version) => version,
            None if is_root()? => {
                eprintln!("xtask: the sqlite3 shell was not found; installing it with apt-get");
                apt_install("sqlite3", |line| eprintln!("{line}"))?;
                sqlite_version()
                    .context("apt-get installed `sqlite3`, yet `sqlite3 --version` fails")?
            }
            None => bail!(
                "the `sqlite3` shell (the baseline) was not found on PATH; install it (on \
                 Debian: `sudo apt-get install sqlite3`) or run this as root to have it done"
            ),
        };
        let (major, minor) = parse_sqlite_version(&version)
            .with_context(|| format!("unexpected `sqlite3 --version` output: {version:?}"))?;
        if (major, minor) < SQLITE_SKIP_SINCE {
            bail!(
                "sqlite3 {version} is too old: the baseline needs `.import --skip`, which \
                 arrived in {}.{}",
                SQLITE_SKIP_SINCE.0,
                SQLITE_SKIP_SINCE.1
            );
        }
        Ok(Self { version })
    }

    /// `sqlite3 DB` with `script` on stdin.
    pub(crate) fn command(db: &Path, script: &Path) -> Result<Command> {
        let stdin =
            fs::File::open(script).with_context(|| format!("opening {}", script.display()))?;
        let mut cmd = Command::new("sqlite3");
        cmd.arg(db).stdin(stdin).stdout(Stdio::null());
        Ok(cmd)
    }

    /// `sqlite3 -bail DB` with `script` on stdin: stops at the first error, exit status 1.
    fn command_bail(db: &Path, script: &Path) -> Result<Command> {
        let mut cmd = Self::command(db, script)?;
        cmd.arg("-bail");
        Ok(cmd)
    }

    /// `sqlite3 DB SQL`'s trimmed stdout.
    pub(crate) fn query(db: &Path, sql: &str) -> Result<String> {
        let mut cmd = Command::new("sqlite3");
        cmd.arg(db).arg(sql).stdin(Stdio::null());
        let (_, out) = timed_output(&mut cmd, &format!("sqlite3 {} {sql:?}", db.display()))?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }
}

/// The first word of `sqlite3 --version`, e.g. `3.40.1`; `None` when it cannot run.
fn sqlite_version() -> Option<String> {
    let out = Command::new("sqlite3")
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.split_whitespace().next()?;
    out.status.success().then(|| version.to_owned())
}

/// `3.40.1` → (3, 40).
fn parse_sqlite_version(version: &str) -> Option<(u32, u32)> {
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// The shell script of the baseline: CSV mode, then `.import` past the preamble, so the
/// header names the columns of a new, bare table.
fn sqlite_script(csv: &Path) -> Result<String> {
    let path = csv
        .to_str()
        .filter(|p| !p.contains(['"', '\\', '\n']))
        .with_context(|| format!("{} cannot be named in a sqlite3 dot-command", csv.display()))?;
    Ok(format!(
        ".mode csv\n.import --skip {PREAMBLE_LINES} \"{path}\" {TABLE}\n"
    ))
}

// ---------------------------------------------------------------------------------------
// The schema floor: SQLite alone storing what kith stores
// ---------------------------------------------------------------------------------------

/// Tables the floor does not copy: the owner is copied first by hand, the bulk-write marker
/// is set and cleared around the copy (as kith's bulk writer does), the migration log is
/// the schema's own.
const FLOOR_SKIP: [&str; 3] = ["owners", "touch_log_bulk", "_sqlx_migrations"];

/// The ordinary tables of a kith database that the floor copies, parents before children
/// (by their foreign keys), then by name. Leaves out SQLite's own tables and the shadow
/// tables of virtual ones (the FTS index is rebuilt by the triggers, as in kith).
fn floor_tables(db: &Path) -> Result<Vec<String>> {
    let listed = Sqlite::query(
        db,
        "SELECT name, instr(upper(sql), 'CREATE VIRTUAL TABLE') = 1 FROM sqlite_schema \
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let mut virtual_tables = Vec::new();
    let mut tables = Vec::new();
    for line in listed.lines() {
        match line.rsplit_once('|') {
            Some((name, "1")) => virtual_tables.push(name.to_owned()),
            Some((name, "0")) => tables.push(name.to_owned()),
            _ => bail!("unexpected sqlite_schema row {line:?}"),
        }
    }
    tables.retain(|t| {
        !FLOOR_SKIP.contains(&t.as_str())
            && !virtual_tables
                .iter()
                .any(|v| t.starts_with(&format!("{v}_")))
    });
    let edges = Sqlite::query(
        db,
        "SELECT m.name, f.\"table\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f \
         WHERE m.type = 'table'",
    )?;
    let mut parents: HashMap<String, HashSet<String>> = HashMap::new();
    for line in edges.lines() {
        let (child, parent) = line.split_once('|').context("unexpected foreign key row")?;
        if child != parent {
            parents
                .entry(child.to_owned())
                .or_default()
                .insert(parent.to_owned());
        }
    }
    Ok(parents_first(tables, &parents))
}

/// `tables` with every table after the parents it has among them; the rest keeps its order.
fn parents_first(tables: Vec<String>, parents: &HashMap<String, HashSet<String>>) -> Vec<String> {
    let mut ordered: Vec<String> = Vec::with_capacity(tables.len());
    let mut left = tables;
    while !left.is_empty() {
        let ready = left.iter().position(|t| {
            parents
                .get(t)
                .is_none_or(|ps| ps.iter().all(|p| ordered.contains(p) || !left.contains(p)))
        });
        // A cycle (none in kith's schema) is copied in name order.
        ordered.push(left.remove(ready.unwrap_or(0)));
    }
    ordered
}

/// The floor's script, run by `sqlite3 -bail` on a database `kith init` made: kith's
/// connection settings, then one transaction that copies the owner and every table of
/// `src` (the database a fresh import filled), with kith's own indexes, triggers and
/// foreign-key checks doing their work, and the bulk-write marker set as kith sets it.
fn floor_script(src: &Path, tables: &[String]) -> Result<String> {
    let path = src
        .to_str()
        .with_context(|| format!("{} is not valid UTF-8", src.display()))?
        .replace('\'', "''");
    let mut script = String::from(
        "PRAGMA foreign_keys = ON;\nPRAGMA synchronous = NORMAL;\nPRAGMA cache_size = -65536;\n\
         PRAGMA temp_store = memory;\nPRAGMA mmap_size = 268435456;\n",
    );
    let _ = writeln!(script, "ATTACH '{path}' AS src;");
    script.push_str(
        "BEGIN;\nDELETE FROM main.owners;\nINSERT INTO main.owners SELECT * FROM src.owners;\n\
         INSERT INTO main.touch_log_bulk SELECT id FROM main.owners;\n",
    );
    for table in tables {
        let _ = writeln!(
            script,
            "INSERT INTO main.\"{table}\" SELECT * FROM src.\"{table}\";"
        );
    }
    script.push_str("DELETE FROM main.touch_log_bulk;\nCOMMIT;\n");
    Ok(script)
}

/// One query that counts the rows of every table in `tables`, as `name|count` lines.
fn count_query(tables: &[String]) -> String {
    tables
        .iter()
        .map(|t| format!("SELECT '{t}', count(*) FROM \"{t}\""))
        .collect::<Vec<_>>()
        .join(" UNION ALL ")
}

// ---------------------------------------------------------------------------------------
// kith's summary
// ---------------------------------------------------------------------------------------

/// The counts `kith import --json` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) read: u64,
    pub(crate) created: u64,
    pub(crate) updated: u64,
    pub(crate) unchanged: u64,
    pub(crate) rejected: u64,
}

impl Summary {
    pub(crate) fn from_json(text: &str) -> Result<Self> {
        let json = serde_json::from_str::<Json>(text)
            .context("`kith import --json` printed invalid JSON")?;
        let count = |key: &str| {
            json.get(key)
                .and_then(Json::as_u64)
                .with_context(|| format!("`kith import --json` printed no `{key}` count"))
        };
        Ok(Self {
            read: count("read")?,
            created: count("created")?,
            updated: count("updated")?,
            unchanged: count("unchanged")?,
            rejected: count("rejected")?,
        })
    }

    pub(crate) fn text(&self) -> String {
        format!(
            "read {}, created {}, updated {}, unchanged {}, rejected {}",
            self.read, self.created, self.updated, self.unchanged, self.rejected
        )
    }
}

/// A database's bytes, by length and hash, with its `-wal` file's if there is one: equal
/// fingerprints mean nothing was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    len: u64,
    wal_len: Option<u64>,
    hash: u64,
}

impl Fingerprint {
    fn of(db: &Path) -> Result<Self> {
        let bytes = fs::read(db).with_context(|| format!("reading {}", db.display()))?;
        let wal = with_suffix(db, "-wal");
        let wal_bytes = match fs::read(&wal) {
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(err).with_context(|| format!("reading {}", wal.display())),
        };
        let mut hasher = DefaultHasher::new();
        hasher.write(&bytes);
        if let Some(wal) = &wal_bytes {
            hasher.write(wal);
        }
        Ok(Self {
            len: bytes.len() as u64,
            wal_len: wal_bytes.map(|w| w.len() as u64),
            hash: hasher.finish(),
        })
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a SQLite database and whatever journal files it left.
pub(crate) fn remove_db(db: &Path) -> Result<()> {
    for path in [
        db.to_owned(),
        with_suffix(db, "-wal"),
        with_suffix(db, "-shm"),
        with_suffix(db, "-journal"),
    ] {
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(err).with_context(|| format!("removing {}", path.display())),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------

/// The samples of one timed run of all four commands.
#[derive(Debug, Default)]
struct Samples {
    baseline: Vec<Duration>,
    init: Vec<Duration>,
    fresh: Vec<Duration>,
    again: Vec<Duration>,
    floor: Vec<Duration>,
}

/// What the runs found out besides the times.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Findings {
    fresh: Summary,
    again: Summary,
    /// Runs whose fresh import counted differently from the first.
    fresh_varied: bool,
    again_varied: bool,
    /// Re-imports after which the database's bytes were not what they were before.
    again_wrote: u32,
    /// The size of a database after the fresh import.
    db_bytes: u64,
    /// Rows the baseline's table held.
    baseline_rows: u64,
    /// Tables and rows the floor copied, and whether every run copied every table whole.
    floor_tables: usize,
    floor_rows: u64,
    floor_whole: bool,
}

fn measure(kith: &Kith, sqlite: &Sqlite, dir: &TempDir, options: &Options) -> Result<Report> {
    let date = utc_date();
    eprintln!(
        "xtask: generating Connections.csv with {} rows",
        options.rows
    );
    let generated = generate(options.rows, SEED);
    let csv = dir.path().join("Connections.csv");
    fs::write(&csv, &generated.csv).with_context(|| format!("writing {}", csv.display()))?;
    let script = dir.path().join("import.sqlite3");
    fs::write(&script, sqlite_script(&csv)?)
        .with_context(|| format!("writing {}", script.display()))?;

    let import_args = |db: &Path| {
        os_args([
            OsStr::new("--db"),
            db.as_os_str(),
            OsStr::new("import"),
            OsStr::new("linkedin"),
            csv.as_os_str(),
            OsStr::new("--json"),
        ])
    };
    let init_args = |db: &Path| os_args([OsStr::new("--db"), db.as_os_str(), OsStr::new("init")]);
    let import_label = "kith import linkedin Connections.csv --json";

    let mut samples = Samples::default();
    let mut findings: Option<Findings> = None;
    // Run 0 is the warm-up: the binaries and the file into the page cache.
    for run in 0..=options.runs {
        if run == 0 {
            eprintln!("xtask: warm-up run");
        } else {
            eprintln!("xtask: run {run} of {}", options.runs);
        }
        let timed = run > 0;

        let base_db = dir.path().join(format!("baseline-{run}.db"));
        let mut cmd = Sqlite::command(&base_db, &script)?;
        let (elapsed, out) = timed_output(&mut cmd, "sqlite3 .import")?;
        let warnings = String::from_utf8_lossy(&out.stderr);
        if !warnings.trim().is_empty() {
            bail!("sqlite3 .import warned:\n{}", warnings.trim_end());
        }
        let baseline_rows: u64 = Sqlite::query(&base_db, &format!("SELECT count(*) FROM {TABLE}"))?
            .parse()
            .context("sqlite3 printed no row count")?;
        remove_db(&base_db)?;

        let init_db = dir.path().join(format!("init-{run}.db"));
        let init = kith.time("kith init", &init_args(&init_db))?;
        remove_db(&init_db)?;

        let db = dir.path().join(format!("kith-{run}.db"));
        let (fresh, out) = kith.output(import_label, &import_args(&db))?;
        let fresh_summary = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        let before = Fingerprint::of(&db)?;
        let (again, out) = kith.output(import_label, &import_args(&db))?;
        let again_summary = Summary::from_json(&String::from_utf8_lossy(&out.stdout))?;
        let after = Fingerprint::of(&db)?;

        let (floor, floor_tables, floor_rows, floor_whole) = time_floor(kith, &db, dir, run)?;
        remove_db(&db)?;

        let wrote = u32::from(before != after);
        match &mut findings {
            None => {
                findings = Some(Findings {
                    fresh: fresh_summary,
                    again: again_summary,
                    fresh_varied: false,
                    again_varied: false,
                    again_wrote: wrote,
                    db_bytes: before.len + before.wal_len.unwrap_or(0),
                    baseline_rows,
                    floor_tables,
                    floor_rows,
                    floor_whole,
                });
            }
            Some(f) => {
                f.floor_whole &= floor_whole;
                f.fresh_varied |= f.fresh != fresh_summary;
                f.again_varied |= f.again != again_summary;
                f.again_wrote += wrote;
            }
        }
        if timed {
            samples.baseline.push(elapsed);
            samples.init.push(init);
            samples.fresh.push(fresh);
            samples.again.push(again);
            samples.floor.push(floor);
        }
    }
    let findings = findings.context("no runs")?;

    let stats = |list: &[Duration]| Stats::of(list).context("no timed runs");
    let baseline = stats(&samples.baseline)?;
    let rows = vec![
        Row {
            command: format!(
                "baseline: `sqlite3 FRESH.db` ← `.mode csv` + `.import --skip {PREAMBLE_LINES} \
                 Connections.csv {TABLE}` (a bare table, a fresh file each run)"
            ),
            stats: baseline,
        },
        Row {
            command: "context: `kith --db FRESH.db init` (process start, open, schema)".to_owned(),
            stats: stats(&samples.init)?,
        },
        Row {
            command: "`kith --db FRESH.db import linkedin Connections.csv --json` \
                      (a fresh file each run)"
                .to_owned(),
            stats: stats(&samples.fresh)?,
        },
        Row {
            command: "`kith --db SAME.db import linkedin Connections.csv --json` \
                      (again, into the file the run before filled)"
                .to_owned(),
            stats: stats(&samples.again)?,
        },
        Row {
            command: "schema floor: `sqlite3 -bail FRESH.db` ← copy every row the fresh import \
                      stored into kith's empty schema (`INSERT … SELECT` per table, one \
                      transaction, kith's indexes, triggers, foreign-key checks and settings)"
                .to_owned(),
            stats: stats(&samples.floor)?,
        },
    ];

    let (_, version) = kith.output("kith --version", &os_args(["--version"]))?;
    Ok(Report {
        date,
        machine: machine(),
        kith: String::from_utf8_lossy(&version.stdout).trim().to_owned(),
        source: git_revision(),
        sqlite: sqlite.version.clone(),
        command_line: options.command_line(),
        runs: options.runs,
        file: FileFacts {
            rows: generated.rows,
            ghosts: generated.ghosts,
            emails: generated.emails,
            percent_encoded: generated.percent_encoded,
            bytes: generated.csv.len() as u64,
        },
        findings,
        rows,
    })
}

/// Times the schema floor once: a database `kith init` made (untimed), then the floor's
/// script copying everything from `src`; afterwards compares every table's row count.
/// Returns the time, the tables and rows copied, and whether the counts all agree.
fn time_floor(
    kith: &Kith,
    src: &Path,
    dir: &TempDir,
    run: u32,
) -> Result<(Duration, usize, u64, bool)> {
    let db = dir.path().join(format!("floor-{run}.db"));
    kith.time(
        "kith init",
        &os_args([OsStr::new("--db"), db.as_os_str(), OsStr::new("init")]),
    )?;
    let tables = floor_tables(src)?;
    let script = dir.path().join("floor.sqlite3");
    fs::write(&script, floor_script(src, &tables)?)
        .with_context(|| format!("writing {}", script.display()))?;
    let mut cmd = Sqlite::command_bail(&db, &script)?;
    let (elapsed, out) = timed_output(&mut cmd, "sqlite3 schema floor")?;
    let warnings = String::from_utf8_lossy(&out.stderr);
    if !warnings.trim().is_empty() {
        bail!("sqlite3 (schema floor) warned:\n{}", warnings.trim_end());
    }
    let query = count_query(&tables);
    let (stored, copied) = (Sqlite::query(src, &query)?, Sqlite::query(&db, &query)?);
    let rows = copied
        .lines()
        .filter_map(|l| l.rsplit_once('|').and_then(|(_, n)| n.parse::<u64>().ok()))
        .sum();
    remove_db(&db)?;
    Ok((elapsed, tables.len(), rows, stored == copied))
}

// ---------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// Markdown already: the command in backticks, perhaps with a remark.
    command: String,
    stats: Stats,
}

/// What the generated file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileFacts {
    rows: u32,
    ghosts: u32,
    emails: u32,
    percent_encoded: u32,
    bytes: u64,
}

/// Everything the Markdown shows. `rows[0]` is the baseline, `rows[2]` kith's fresh import.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Report {
    date: String,
    machine: String,
    kith: String,
    source: Option<String>,
    sqlite: String,
    command_line: String,
    runs: u32,
    file: FileFacts,
    findings: Findings,
    rows: Vec<Row>,
}

impl Report {
    fn baseline(&self) -> Duration {
        self.rows[0].stats.median
    }

    fn fresh(&self) -> Duration {
        self.rows[2].stats.median
    }

    /// The schema floor's median, when the report has one.
    fn floor(&self) -> Option<Duration> {
        self.rows.get(4).map(|row| row.stats.median)
    }

    fn ratio(&self, d: Duration) -> f64 {
        d.as_secs_f64() / self.baseline().as_secs_f64().max(1e-9)
    }

    fn target_met(&self) -> bool {
        self.ratio(self.fresh()) <= TARGET_RATIO && self.fresh() < TARGET_TIME
    }

    /// The checks on kith's counts, each with whether it held.
    fn checks(&self) -> Vec<(String, bool)> {
        let (f, a, file) = (&self.findings.fresh, &self.findings.again, &self.file);
        let people = u64::from(file.rows - file.ghosts);
        vec![
            (
                format!(
                    "fresh: read = rows in the file ({} = {})",
                    f.read, file.rows
                ),
                f.read == u64::from(file.rows),
            ),
            (
                format!(
                    "fresh: created + rejected = read ({} + {} = {})",
                    f.created, f.rejected, f.read
                ),
                f.created + f.rejected == f.read,
            ),
            (
                format!(
                    "fresh: created = rows with a profile ({} = {people}), rejected = ghost rows \
                     ({} = {})",
                    f.created, f.rejected, file.ghosts
                ),
                f.created == people && f.rejected == u64::from(file.ghosts),
            ),
            (
                format!(
                    "again: created = updated = 0 ({}, {}), unchanged = {people} ({})",
                    a.created, a.updated, a.unchanged
                ),
                a.created == 0 && a.updated == 0 && a.unchanged == people,
            ),
            (
                "every run counted the same".to_owned(),
                !self.findings.fresh_varied && !self.findings.again_varied,
            ),
            (
                format!(
                    "baseline: the table holds every row ({} = {})",
                    self.findings.baseline_rows, file.rows
                ),
                self.findings.baseline_rows == u64::from(file.rows),
            ),
            (
                format!(
                    "schema floor: every table copied whole in every run ({} tables, {} rows)",
                    self.findings.floor_tables, self.findings.floor_rows
                ),
                self.findings.floor_whole && self.findings.floor_rows > 0,
            ),
        ]
    }

    fn failed_checks(&self) -> Vec<String> {
        self.checks()
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(text, _)| text)
            .collect()
    }

    fn to_markdown(&self) -> String {
        let mut md = String::new();
        let source = self
            .source
            .as_deref()
            .map_or_else(String::new, |rev| format!(" (git {rev})"));
        let file = &self.file;
        // Writing to a String cannot fail.
        let _ = writeln!(
            md,
            "kith bench-import, {}: {}{source}; sqlite3 {}; {}; N = {} rows; reproduce with \
             `{}`",
            self.date, self.kith, self.sqlite, self.machine, file.rows, self.command_line
        );
        md.push('\n');
        let _ = writeln!(
            md,
            "A generated current-format LinkedIn Connections.csv (seed {SEED:#x}, {:.1} MiB): \
             {} rows, {} of them ghosts (only the date), {} with an email address, {} with a \
             percent-encoded profile slug, every profile URL distinct. Each command ran once \
             as a warm-up, then {} timed runs, interleaved; wall clock of the whole process.",
            file.bytes as f64 / (1024.0 * 1024.0),
            file.rows,
            file.ghosts,
            file.emails,
            file.percent_encoded,
            self.runs
        );
        md.push('\n');
        md.push_str("| command | median ms | min | max | runs | × baseline |\n");
        md.push_str("|---|---:|---:|---:|---:|---:|\n");
        for row in &self.rows {
            let s = &row.stats;
            let _ = writeln!(
                md,
                "| {} | {} | {:.2} |",
                row.command.replace('|', "\\|"),
                s.cells(),
                self.ratio(s.median)
            );
        }
        md.push('\n');
        let (f, a) = (&self.findings.fresh, &self.findings.again);
        let _ = writeln!(
            md,
            "- kith's counts, fresh: {}; again: {}. The fresh database is {:.1} MiB.",
            f.text(),
            a.text(),
            self.findings.db_bytes as f64 / (1024.0 * 1024.0)
        );
        for (text, ok) in self.checks() {
            let _ = writeln!(md, "- {}: {text}", if ok { "ok" } else { "FAILED" });
        }
        let _ = writeln!(
            md,
            "- The re-import left the database's bytes (file and WAL) unchanged in {} of {} \
             runs.",
            self.runs + 1 - self.findings.again_wrote,
            self.runs + 1
        );
        let _ = writeln!(
            md,
            "- Target (a fresh import within {TARGET_RATIO}× of the baseline and under {} ms): \
             **{}**: {} ms is {:.2}× the baseline's {} ms.",
            TARGET_TIME.as_millis(),
            if self.target_met() { "met" } else { "not met" },
            millis(self.fresh()),
            self.ratio(self.fresh()),
            millis(self.baseline())
        );
        if let Some(floor) = self.floor() {
            let ratio = self.ratio(floor);
            let _ = writeln!(
                md,
                "- Schema floor: SQLite alone needs {} ms ({ratio:.2}× the baseline) to store \
                 the rows kith's schema keeps for this file, with nothing to parse or match; \
                 kith's fresh import is {:.2}× that floor.{}",
                millis(floor),
                self.fresh().as_secs_f64() / floor.as_secs_f64().max(1e-9),
                if ratio > TARGET_RATIO {
                    format!(
                        " The floor alone is past {TARGET_RATIO}×: no import into this schema \
                         can meet the target."
                    )
                } else {
                    String::new()
                }
            );
        }
        md
    }
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
                rows: 30_000,
                runs: 5,
                out: None
            }
        );
        assert_eq!(
            options.command_line(),
            "cargo xtask bench-import --rows 30000 --runs 5"
        );
        Ok(())
    }

    #[test]
    fn flags_with_and_without_equals() -> Result<()> {
        let options = Options::parse(&args(&["--rows", "500", "--runs=2", "--out", "/tmp/b.md"]))?;
        assert_eq!(
            options,
            Options {
                rows: 500,
                runs: 2,
                out: Some(PathBuf::from("/tmp/b.md"))
            }
        );
        assert_eq!(Options::parse(&args(&["--rows=7", "--rows", "9"]))?.rows, 9);
        Ok(())
    }

    #[test]
    fn bad_arguments_are_named() {
        let err = |list: &[&str]| format!("{:#}", Options::parse(&args(list)).unwrap_err());
        assert!(err(&["--rows"]).contains("--rows needs a value"));
        assert!(err(&["--rows", "many"]).contains("`many` is not a whole number"));
        assert!(err(&["--rows", "0"]).contains("out of range"));
        assert!(err(&["--rows", "1000001"]).contains("expected 1 to 1000000"));
        assert!(err(&["--runs", "1001"]).contains("expected 1 to 1000"));
        assert!(err(&["--out="]).contains("--out needs a file name"));
        assert!(err(&["--people", "5"]).contains("unexpected argument `--people`"));
        assert!(err(&["30000"]).contains("unexpected argument `30000`"));
    }

    #[test]
    fn the_file_has_the_current_shape() {
        let generated = generate(2_000, SEED);
        let lines: Vec<&str> = generated.csv.split('\n').collect();
        assert_eq!(lines[0], "Notes:");
        assert!(lines[1].starts_with("\"When exporting your connection data"));
        assert!(lines[1].ends_with("/answer/261\""));
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], HEADER);
        assert_eq!(
            lines.len(),
            4 + 2_000,
            "one line per row, no trailing newline"
        );
        assert!(!generated.csv.ends_with('\n'));
        assert!(!generated.csv.contains('\r'));
        assert_eq!(generated.rows, 2_000);
        for line in &lines[4..] {
            let date = line.rsplit(',').next().unwrap();
            let parts: Vec<&str> = date.split(' ').collect();
            assert_eq!(parts.len(), 3, "{line}");
            assert_eq!(parts[0].len(), 2, "{line}");
            assert!(MONTHS.contains(&parts[1]), "{line}");
            assert!(("2016".."2027").contains(&parts[2]), "{line}");
        }
    }

    #[test]
    fn every_url_is_distinct_and_every_row_has_a_url_but_ghosts() {
        let generated = generate(30_000, SEED);
        let lines: Vec<&str> = generated.csv.split('\n').skip(4).collect();
        let ghosts = lines.iter().filter(|l| l.starts_with(",,,,,,")).count();
        assert_eq!(ghosts as u32, generated.ghosts);
        assert!((5..100).contains(&ghosts), "a few ghosts: {ghosts}");
        assert_eq!(
            generated.urls.len() as u32,
            generated.rows - generated.ghosts
        );
        let in_file = lines
            .iter()
            .filter(|l| l.contains(",https://www.linkedin.com/in/"))
            .count();
        assert_eq!(in_file, generated.urls.len());
        assert!(generated.urls.iter().all(|u| {
            let (slug, hex) = u
                .strip_prefix("https://www.linkedin.com/in/")
                .and_then(|rest| rest.rsplit_once('-'))
                .unwrap();
            !slug.is_empty() && u32::from_str_radix(hex, 16).is_ok()
        }));
        // About one in ten has an email address, and some slugs are percent-encoded.
        assert!(
            (2_500..3_500).contains(&generated.emails),
            "{}",
            generated.emails
        );
        assert!(
            generated.percent_encoded > 1_000,
            "{}",
            generated.percent_encoded
        );
        // Non-ASCII names, emoji and quoted companies with commas are all there.
        assert!(generated.csv.contains("Łukasz"));
        assert!(generated.csv.contains('🦀'));
        assert!(generated.csv.contains(",\"Acme, Inc.\","));
        assert!(
            generated
                .csv
                .contains("\"Senior Recruiter – APAC \"\"Tech\"\"\"")
        );
    }

    #[test]
    fn the_same_seed_makes_the_same_file() {
        assert_eq!(generate(500, SEED), generate(500, SEED));
        assert_ne!(generate(500, SEED).csv, generate(500, SEED + 1).csv);
        assert_eq!(generate(1, SEED).csv.matches('\n').count(), 4);
    }

    #[test]
    fn scramble_is_a_bijection_on_a_range() {
        let seen: HashSet<u32> = (0..100_000).map(|n| scramble(n, SEED)).collect();
        assert_eq!(seen.len(), 100_000);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("José Niño", true), "jos%C3%A9-ni%C3%B1o");
        assert_eq!(slug("José Niño", false), "jose-nino");
        assert_eq!(slug("Sam 🦀 O'Brien", false), "sam-obrien");
        assert_eq!(slug("Mei 王", false), "mei");
        assert_eq!(slug("Mei 王", true), "mei-%E7%8E%8B");
        assert_eq!(slug("🚀 Lee van der Berg", true), "lee-van-der-berg");
        assert_eq!(slug("İlkay Yılmaz", false), "ilkay-yilmaz");
        assert_eq!(slug("佐藤", false), "");
    }

    #[test]
    fn dates() {
        assert_eq!(linkedin_date(0), "01 Jan 1970");
        assert_eq!(linkedin_date(NEWEST_DAY), "22 Nov 2026");
        assert_eq!(linkedin_date(19_785), "03 Mar 2024");
        assert_eq!(linkedin_date(19_782), "29 Feb 2024");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut line = String::new();
        for value in ["Ada", "Acme, Inc.", "say \"hi\"", ""] {
            push_field(&mut line, value);
            line.push('|');
        }
        assert_eq!(line, "Ada|\"Acme, Inc.\"|\"say \"\"hi\"\"\"||");
    }

    #[test]
    fn the_baseline_script() -> Result<()> {
        assert_eq!(
            sqlite_script(Path::new("/tmp/x/Connections.csv"))?,
            ".mode csv\n.import --skip 3 \"/tmp/x/Connections.csv\" connections\n"
        );
        assert!(sqlite_script(Path::new("/tmp/a\"b.csv")).is_err());
        assert_eq!(parse_sqlite_version("3.40.1"), Some((3, 40)));
        assert_eq!(parse_sqlite_version("3.31"), Some((3, 31)));
        assert_eq!(parse_sqlite_version("SQLite"), None);
        assert!((3, 31) < SQLITE_SKIP_SINCE && (3, 40) >= SQLITE_SKIP_SINCE);
        Ok(())
    }

    #[test]
    fn reads_the_summary() -> Result<()> {
        let text = r#"{"format": "linkedin", "read": 12, "created": 9, "updated": 1,
            "unchanged": 0, "rejected": 2, "errors": [{"line": 9, "reason": "no name"}]}"#;
        assert_eq!(
            Summary::from_json(text)?,
            Summary {
                read: 12,
                created: 9,
                updated: 1,
                unchanged: 0,
                rejected: 2
            }
        );
        assert!(Summary::from_json(r#"{"read": 1}"#).is_err());
        assert!(Summary::from_json("linkedin: read 12").is_err());
        Ok(())
    }

    fn sample_report(baseline: u64, fresh: u64) -> Report {
        let summary = |created, unchanged, rejected| Summary {
            read: 10,
            created,
            updated: 0,
            unchanged,
            rejected,
        };
        let row = |name: &str, n| Row {
            command: format!("`{name}`"),
            stats: Stats::of(&[ms(n)]).unwrap(),
        };
        Report {
            date: "2026-11-23T12:00:00Z".to_owned(),
            machine: "Linux 6.1, 2 CPUs (nproc)".to_owned(),
            kith: "kith 0.1.0".to_owned(),
            source: None,
            sqlite: "3.40.1".to_owned(),
            command_line: "cargo xtask bench-import --rows 10 --runs 1".to_owned(),
            runs: 1,
            file: FileFacts {
                rows: 10,
                ghosts: 1,
                emails: 1,
                percent_encoded: 2,
                bytes: 2048,
            },
            findings: Findings {
                fresh: summary(9, 0, 1),
                again: summary(0, 9, 1),
                fresh_varied: false,
                again_varied: false,
                again_wrote: 0,
                db_bytes: 4096,
                baseline_rows: 10,
                floor_tables: 8,
                floor_rows: 40,
                floor_whole: true,
            },
            rows: vec![
                row("sqlite3", baseline),
                row("kith init", 5),
                row("a | b", fresh),
                row("again", fresh / 2),
                row("floor", 80),
            ],
        }
    }

    #[test]
    fn markdown_table_and_verdict() {
        let report = sample_report(40, 100);
        assert!(
            report.failed_checks().is_empty(),
            "{:?}",
            report.failed_checks()
        );
        let md = report.to_markdown();
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(
            lines[0],
            "kith bench-import, 2026-11-23T12:00:00Z: kith 0.1.0; sqlite3 3.40.1; \
             Linux 6.1, 2 CPUs (nproc); N = 10 rows; reproduce with \
             `cargo xtask bench-import --rows 10 --runs 1`"
        );
        assert_eq!(
            &lines[4..11],
            [
                "| command | median ms | min | max | runs | × baseline |",
                "|---|---:|---:|---:|---:|---:|",
                "| `sqlite3` | 40.0 | 40.0 | 40.0 | 1 | 1.00 |",
                "| `kith init` | 5.0 | 5.0 | 5.0 | 1 | 0.12 |",
                "| `a \\| b` | 100.0 | 100.0 | 100.0 | 1 | 2.50 |",
                "| `again` | 50.0 | 50.0 | 50.0 | 1 | 1.25 |",
                "| `floor` | 80.0 | 80.0 | 80.0 | 1 | 2.00 |",
            ]
        );
        assert!(md.contains("**met**: 100.0 ms is 2.50× the baseline's 40.0 ms"));
        assert!(!md.contains("FAILED"));
        assert!(md.contains(
            "- Schema floor: SQLite alone needs 80.0 ms (2.00× the baseline) to store the rows \
             kith's schema keeps for this file, with nothing to parse or match; kith's fresh \
             import is 1.25× that floor.\n"
        ));
        let mut past = sample_report(40, 300);
        past.rows[4].stats = Stats::of(&[ms(200)]).unwrap();
        assert!(past.to_markdown().contains(
            "(5.00× the baseline) to store the rows kith's schema keeps for this file, with \
             nothing to parse or match; kith's fresh import is 1.50× that floor. The floor \
             alone is past 3×: no import into this schema can meet the target."
        ));

        let slow = sample_report(40, 130).to_markdown();
        assert!(slow.contains("**not met**: 130.0 ms is 3.25×"));
        assert!(!sample_report(400, 1100).target_met(), "under a second too");
    }

    #[test]
    fn floor_copies_parents_first() {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let mut parents: HashMap<String, HashSet<String>> = HashMap::new();
        for (child, parent) in [
            ("interaction_people", "people"),
            ("interaction_people", "interactions"),
            ("people", "companies"),
            ("people", "owners"),
        ] {
            parents
                .entry(child.to_owned())
                .or_default()
                .insert(parent.to_owned());
        }
        let ordered = parents_first(
            names(&["interaction_people", "interactions", "people", "companies"]),
            &parents,
        );
        assert_eq!(
            ordered,
            names(&["interactions", "companies", "people", "interaction_people"])
        );
    }

    #[test]
    fn floor_script_copies_in_one_transaction() -> Result<()> {
        let tables = vec!["people".to_owned(), "search_docs".to_owned()];
        let script = floor_script(Path::new("/tmp/it's.db"), &tables)?;
        assert!(script.contains("PRAGMA foreign_keys = ON;\n"));
        assert!(script.contains("ATTACH '/tmp/it''s.db' AS src;\nBEGIN;\n"));
        assert!(script.contains(
            "INSERT INTO main.\"people\" SELECT * FROM src.\"people\";\n\
             INSERT INTO main.\"search_docs\" SELECT * FROM src.\"search_docs\";\n\
             DELETE FROM main.touch_log_bulk;\nCOMMIT;\n"
        ));
        assert_eq!(
            count_query(&tables),
            "SELECT 'people', count(*) FROM \"people\" UNION ALL \
             SELECT 'search_docs', count(*) FROM \"search_docs\""
        );
        Ok(())
    }

    #[test]
    fn a_partial_floor_copy_fails_a_check() {
        let mut report = sample_report(40, 100);
        report.findings.floor_whole = false;
        assert_eq!(
            report.failed_checks(),
            ["schema floor: every table copied whole in every run (8 tables, 40 rows)"]
        );
    }

    #[test]
    fn wrong_counts_fail_a_check() {
        let mut report = sample_report(40, 100);
        report.findings.again.created = 1;
        report.findings.fresh.created = 8;
        let failed = report.failed_checks();
        assert_eq!(failed.len(), 3, "{failed:?}");
        assert!(
            report
                .to_markdown()
                .contains("- FAILED: fresh: created + rejected = read")
        );
    }
}
