//! `kith import [FORMAT] FILE`: contacts from LinkedIn, vCard or Google CSV, merged into
//! the people kith knows, in one transaction, with every row accounted for.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use kith_formats::Format;
use kith_store::{ImportOptions, ImportProgress};
use serde::Serialize;

use super::{Ctx, say};
use crate::cli::ImportArgs;
use crate::failure::Failure;
use crate::output;

/// The summary, exactly as `--json` prints it. `read = created + updated + unchanged +
/// rejected` always holds.
#[derive(Debug, Serialize)]
struct Summary {
    format: &'static str,
    read: u64,
    created: u64,
    updated: u64,
    unchanged: u64,
    rejected: u64,
    errors: Vec<RowError>,
}

#[derive(Debug, Serialize)]
struct RowError {
    line: usize,
    reason: String,
}

impl Summary {
    /// `linkedin FILE: read …, created …, …, rejected …` with `counted` after it (what the
    /// numbers count, when not people), marked when nothing was written.
    fn headline(&self, dry_run: bool, path: &Path, counted: &str) -> String {
        format!(
            "{}{} {}: read {}, created {}, updated {}, unchanged {}, rejected {}{counted}",
            if dry_run {
                "Dry run — nothing written. "
            } else {
                ""
            },
            self.format,
            path.display(),
            self.read,
            self.created,
            self.updated,
            self.unchanged,
            self.rejected
        )
    }

    /// The rejected lines, grouped by reason (`rejected_lines`), one per line of `text`.
    fn push_rejected(&self, text: &mut String) {
        for line in rejected_lines(&self.errors) {
            text.push_str("\n  ");
            text.push_str(&line);
        }
    }

    /// The summary of an import of `read` rows: the rows the file reader turned away and
    /// those the store found ambiguous are the rejected ones, in line order.
    fn new(
        format: &'static str,
        read: usize,
        turned_away: &[kith_formats::Rejected],
        ambiguous: &[kith_store::Ambiguity],
        [created, updated, unchanged]: [u64; 3],
    ) -> Self {
        let mut errors: Vec<RowError> = turned_away
            .iter()
            .map(|r| (r.line, &r.reason))
            .chain(ambiguous.iter().map(|a| (a.line, &a.reason)))
            .map(|(line, reason)| RowError {
                line,
                reason: reason.clone(),
            })
            .collect();
        errors.sort_by_key(|e| e.line);
        Self {
            format,
            read: read as u64,
            created,
            updated,
            unchanged,
            rejected: errors.len() as u64,
            errors,
        }
    }
}

/// What a file holds: contacts in one of the contact formats, or LinkedIn history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Contacts(Format),
    /// `messages.csv`.
    Messages,
    /// `Invitations.csv`.
    Invitations,
}

fn format_named(text: &str) -> Result<What, Failure> {
    match text.to_ascii_lowercase().as_str() {
        "linkedin" => Ok(What::Contacts(Format::Linkedin)),
        "vcard" | "vcf" => Ok(What::Contacts(Format::Vcard)),
        "google" => Ok(What::Contacts(Format::Google)),
        "linkedin-messages" | "messages" => Ok(What::Messages),
        "linkedin-invitations" | "invitations" => Ok(What::Invitations),
        _ => Err(Failure::flag(
            "format",
            kith_core::ParseError::new(
                "import format",
                text,
                "linkedin, vcard, google, linkedin-messages or linkedin-invitations",
            ),
        )),
    }
}

/// Reasons listed at most, and line numbers shown at most for one reason, in the human
/// summary; `--json` lists every rejected line.
const REASONS_SHOWN: usize = 20;
const LINES_SHOWN: usize = 8;

/// The rejected lines for people to read: one entry per reason, in the order they first
/// occur, with the lines that had it (`line 7: …`, `lines 3, 9, 12: …`, or the first few
/// and how many in all), at most `REASONS_SHOWN` of them and then how many more.
fn rejected_lines(errors: &[RowError]) -> Vec<String> {
    let reasons = in_order_of_first_sight(errors.iter().map(|e| (e.reason.as_str(), e.line)));
    let mut out: Vec<String> = reasons
        .iter()
        .take(REASONS_SHOWN)
        .map(|(reason, lines)| {
            let shown: Vec<String> = lines
                .iter()
                .take(LINES_SHOWN)
                .map(usize::to_string)
                .collect();
            match lines.len() {
                1 => format!("line {}: {reason}", shown[0]),
                n if n <= LINES_SHOWN => format!("lines {}: {reason}", shown.join(", ")),
                n => format!("lines {}, … ({n} in all): {reason}", shown.join(", ")),
            }
        })
        .collect();
    if reasons.len() > REASONS_SHOWN {
        let rest: usize = reasons[REASONS_SHOWN..].iter().map(|(_, l)| l.len()).sum();
        out.push(format!(
            "… and {rest} more lines for {} other reasons (--json lists every one)",
            reasons.len() - REASONS_SHOWN
        ));
    }
    out
}

/// `items` grouped by key, the groups in the order their keys first occur and each group's
/// values in file order.
fn in_order_of_first_sight<K: Eq + std::hash::Hash + Copy, V>(
    items: impl IntoIterator<Item = (K, V)>,
) -> Vec<(K, Vec<V>)> {
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    let mut at: HashMap<K, usize> = HashMap::new();
    for (key, value) in items {
        let slot = *at.entry(key).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push(value);
    }
    groups
}

/// Up to this many unusable values are listed one by one in the human summary; past it,
/// one line per kind of value.
const VALUES_LISTED: usize = 20;

/// The values that could not be used, for people to read: each with its line when there
/// are few; when there are more than `VALUES_LISTED`, one entry per field (email, phone, …)
/// in the order they first occur, with how many, their first lines and the first one said
/// in full — a messy address book can hold hundreds.
fn unusable_lines(contacts: &[kith_formats::Contact]) -> Vec<String> {
    let all: Vec<(usize, &kith_formats::Unusable)> = contacts
        .iter()
        .flat_map(|c| c.warnings.iter().map(move |w| (c.line, w)))
        .collect();
    if all.len() <= VALUES_LISTED {
        return all
            .iter()
            .map(|(line, w)| format!("line {line}: {w}"))
            .collect();
    }
    in_order_of_first_sight(all.into_iter().map(|(line, w)| (w.field, (line, w))))
        .iter()
        .map(|(field, found)| {
            let lines: Vec<String> = found
                .iter()
                .take(LINES_SHOWN)
                .map(|(line, _)| line.to_string())
                .collect();
            let more = if found.len() > LINES_SHOWN {
                ", …"
            } else {
                ""
            };
            let (first_line, first) = found[0];
            format!(
                "{n} × {field}: line{s} {lines}{more}; the first, line {first_line}: {first}",
                n = found.len(),
                s = if found.len() == 1 { "" } else { "s" },
                lines = lines.join(", "),
            )
        })
        .collect()
}

/// Adds `heading` and the first `REASONS_SHOWN` of `entries` (people the import added),
/// then how many more and `where_the_rest_is`, to the summary; nothing when there are none.
fn push_added_list(
    text: &mut String,
    heading: &str,
    entries: impl ExactSizeIterator<Item = String>,
    where_the_rest_is: &str,
) {
    let count = entries.len();
    if count == 0 {
        return;
    }
    text.push('\n');
    text.push_str(heading);
    for entry in entries.take(REASONS_SHOWN) {
        text.push_str("\n  ");
        text.push_str(&entry);
    }
    if count > REASONS_SHOWN {
        text.push_str(&format!(
            "\n  … and {} more ({where_the_rest_is})",
            count - REASONS_SHOWN
        ));
    }
}

/// `line 5: Ada Lovelace (ada-lovelace-2), like ada-lovelace`.
fn namesake_line(n: &kith_store::Namesake) -> String {
    let existing: Vec<&str> = n.existing.iter().map(|p| p.handle.as_str()).collect();
    format!(
        "line {}: {} ({}), like {}",
        n.line,
        n.created.name,
        n.created.handle,
        existing.join(", ")
    )
}

/// Shows where an import is on `bar`: a bar of records while they are matched, a spinner
/// naming the table while rows are written.
fn show_progress(bar: &indicatif::ProgressBar, step: ImportProgress) {
    use indicatif::ProgressStyle;
    match step {
        ImportProgress::Matching { done, total } => {
            if bar.length() != Some(total) {
                bar.set_message("matching");
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} records",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                bar.set_length(total);
            }
            bar.set_position(done);
        }
        ImportProgress::Writing { table, rows } => {
            bar.set_style(ProgressStyle::default_spinner());
            bar.set_message(format!(
                "writing {} rows to {table}",
                indicatif::HumanCount(rows)
            ));
        }
        ImportProgress::Committing => {
            bar.set_style(ProgressStyle::default_spinner());
            bar.set_message("committing");
        }
    }
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: ImportArgs) -> Result<(), Failure> {
    let (what, file) = match args.args.as_slice() {
        [file] => (None, file),
        [format, file] => (Some(format_named(format)?), file),
        _ => return Err(Failure::usage(anyhow::anyhow!("expected [FORMAT] FILE"))),
    };
    let path = Path::new(file);
    // Progress on a terminal (indicatif draws nothing when stderr is not one): a spinner
    // while the file is read, a bar while its records are matched, then each table as it
    // is written. A 30,000-row export takes a moment, and silence looks like a hang.
    let progress = indicatif::ProgressBar::new_spinner();
    progress.enable_steady_tick(std::time::Duration::from_millis(120));
    progress.set_message(format!("reading {}", path.display()));
    if path.is_dir() {
        if what.is_some() {
            return Err(Failure::usage(anyhow::anyhow!(
                "{}: a folder is read as a LinkedIn data export; leave the format out",
                path.display()
            )));
        }
        return import_export(ctx, &args, path, folder_files(path)?, &progress).await;
    }
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if bytes.starts_with(b"PK\x03\x04") {
        if what.is_some() {
            return Err(Failure::usage(anyhow::anyhow!(
                "{}: a ZIP archive is read as a LinkedIn data export; leave the format out",
                path.display()
            )));
        }
        let files = zip_files(path, bytes)?;
        return import_export(ctx, &args, path, files, &progress).await;
    }
    let what = what_is(what, path, &bytes)?;
    let yours = if what == What::Messages {
        your_name(ctx).await?
    } else {
        None
    };
    let me = Me {
        said: args.me.as_deref(),
        names: &[yours.as_deref()],
    };
    let read = read_file(what, path, &bytes, me)?;
    let (summary, text) = record(ctx, &args, path, read, &progress).await?;
    progress.finish_and_clear();
    if ctx.settings.json {
        output::json(&summary)?;
    } else {
        say(&text)?;
    }
    Ok(())
}

/// The files of an unzipped LinkedIn data export that kith reads, in the order it reads
/// them: connections first, so the people in the invitations and messages are found with
/// their company and role.
const EXPORT_FILES: [(&str, What); 3] = [
    ("Connections.csv", What::Contacts(Format::Linkedin)),
    ("Invitations.csv", What::Invitations),
    ("messages.csv", What::Messages),
];

/// The export's own profile, which names its owner.
const PROFILE: &str = "Profile.csv";

/// The largest file kith takes out of a ZIP archive: a LinkedIn export's files are a few
/// megabytes, and a file that unpacks past this is not one (or is a ZIP bomb).
const MOST_UNPACKED: u64 = 512 * 1024 * 1024;

/// One file of a LinkedIn data export, read: what to call it and its bytes.
struct ExportFile {
    shown: std::path::PathBuf,
    bytes: Vec<u8>,
}

/// The export files kith reads (`EXPORT_FILES` and `PROFILE`) by name, as the name is
/// spelled there.
fn wanted(file_name: &str) -> Option<&'static str> {
    EXPORT_FILES
        .iter()
        .map(|(name, _)| *name)
        .chain([PROFILE])
        .find(|name| name.eq_ignore_ascii_case(file_name))
}

/// The export files in `folder` (names compared without case).
fn folder_files(folder: &Path) -> Result<HashMap<&'static str, ExportFile>, Failure> {
    let mut files = HashMap::new();
    for entry in
        std::fs::read_dir(folder).with_context(|| format!("reading {}", folder.display()))?
    {
        let path = entry
            .with_context(|| format!("reading {}", folder.display()))?
            .path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(wanted) else {
            continue;
        };
        if path.is_file() {
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            files.insert(name, ExportFile { shown: path, bytes });
        }
    }
    Ok(files)
}

/// The export files in a ZIP archive (LinkedIn's download, as it comes): by name in any
/// folder of it, the shallowest when there are several; each at most `MOST_UNPACKED`.
fn zip_files(zip: &Path, bytes: Vec<u8>) -> Result<HashMap<&'static str, ExportFile>, Failure> {
    use std::io::Read as _;
    let unreadable = |e: zip::result::ZipError| {
        Failure::from(anyhow::anyhow!(
            "{}: not a ZIP archive kith can read: {e}",
            zip.display()
        ))
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let mut files: HashMap<&'static str, (usize, ExportFile)> = HashMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(unreadable)?;
        let path = entry.name().map_err(unreadable)?.into_owned();
        let Some(name) = wanted(path.rsplit('/').next().unwrap_or(&path)) else {
            continue;
        };
        let depth = path.matches('/').count();
        if !entry.is_file() || files.get(name).is_some_and(|(d, _)| *d <= depth) {
            continue;
        }
        let shown = std::path::PathBuf::from(format!("{}:{path}", zip.display()));
        let mut unpacked = Vec::new();
        (&mut entry)
            .take(MOST_UNPACKED + 1)
            .read_to_end(&mut unpacked)
            .with_context(|| format!("unpacking {}", shown.display()))?;
        if unpacked.len() as u64 > MOST_UNPACKED {
            return Err(Failure::from(anyhow::anyhow!(
                "{}: unpacks to more than {} MiB, which no LinkedIn export file does",
                shown.display(),
                MOST_UNPACKED / 1024 / 1024
            )));
        }
        files.insert(
            name,
            (
                depth,
                ExportFile {
                    shown,
                    bytes: unpacked,
                },
            ),
        );
    }
    Ok(files
        .into_iter()
        .map(|(name, (_, file))| (name, file))
        .collect())
}

/// `kith import EXPORT` (a folder or a ZIP archive): every file of `EXPORT_FILES` it has,
/// each read in full before anything is written — one that cannot be read stops the import
/// with nothing written — then each imported in its own transaction. `--json` prints the
/// summaries as an array, in that order.
async fn import_export(
    ctx: &Ctx<'_>,
    args: &ImportArgs,
    export: &Path,
    mut files: HashMap<&'static str, ExportFile>,
    progress: &indicatif::ProgressBar,
) -> Result<(), Failure> {
    // The export's own profile names its owner: whose the messages are, when they do not
    // say it themselves.
    let profile = files
        .get(PROFILE)
        .and_then(|f| kith_formats::linkedin::profile_name(&f.bytes));
    let yours = if files.contains_key("messages.csv") {
        your_name(ctx).await?
    } else {
        None
    };
    let me = Me {
        said: args.me.as_deref(),
        names: &[profile.as_deref(), yours.as_deref()],
    };
    let mut reads = Vec::new();
    for (name, what) in EXPORT_FILES {
        let Some(file) = files.remove(name) else {
            continue;
        };
        progress.set_message(format!("reading {}", file.shown.display()));
        reads.push((
            file.shown.clone(),
            read_file(what, &file.shown, &file.bytes, me)?,
        ));
    }
    if reads.is_empty() {
        return Err(Failure::usage(anyhow::anyhow!(
            "{}: no Connections.csv, Invitations.csv or messages.csv in it (kith reads a \
             LinkedIn data export, zipped or not, or one file: kith import FILE)",
            export.display()
        )));
    }
    let mut summaries = Vec::new();
    let mut texts = Vec::new();
    for (path, read) in reads {
        let (summary, text) = record(ctx, args, &path, read, progress).await?;
        summaries.push(summary);
        texts.push(text);
    }
    progress.finish_and_clear();
    if ctx.settings.json {
        output::json(&summaries)?;
    } else {
        say(&texts.join("\n\n"))?;
    }
    Ok(())
}

/// A file read in full, ready to be recorded.
enum Read {
    Contacts(kith_formats::Parsed),
    History(History),
}

/// Who the seeker is in a message history: as `--me` said, or else the one in more
/// messages than anyone, or else the first of `names` (the export's own profile, the name
/// `kith me` keeps) that is someone in the file.
#[derive(Debug, Clone, Copy)]
struct Me<'a> {
    said: Option<&'a str>,
    names: &'a [Option<&'a str>],
}

/// The name `kith me --name` set, if any.
async fn your_name(ctx: &Ctx<'_>) -> Result<Option<String>, Failure> {
    Ok(ctx.store.profile().await?.name)
}

/// Reads `bytes` (from `path`) as `what`, or as what they look like.
/// What `bytes` (from `path`) hold: `named` when the format was named, else what they look
/// like.
fn what_is(named: Option<What>, path: &Path, bytes: &[u8]) -> Result<What, Failure> {
    if let Some(what) = named {
        return Ok(what);
    }
    match kith_formats::detect(bytes) {
        Some(format) => Ok(What::Contacts(format)),
        None if kith_formats::is_linkedin_messages(bytes) => Ok(What::Messages),
        None if kith_formats::is_linkedin_invitations(bytes) => Ok(What::Invitations),
        None => Err(Failure::usage(anyhow::anyhow!(
            "{}: not a vCard, a Google Contacts CSV, or a LinkedIn Connections.csv, \
             messages.csv or Invitations.csv that kith recognises; name the format: \
             kith import linkedin|vcard|google|linkedin-messages|linkedin-invitations \
             FILE",
            path.display()
        ))),
    }
}

/// Reads `bytes` (from `path`) as `what`.
fn read_file(what: What, path: &Path, bytes: &[u8], me: Me<'_>) -> Result<Read, Failure> {
    let format = match what {
        What::Contacts(format) => format,
        history => return Ok(Read::History(read_history(history, path, bytes, me)?)),
    };
    let reading = std::time::Instant::now();
    let parsed = kith_formats::parse(format, bytes)
        .map_err(|e| Failure::from(anyhow::anyhow!("{}: {e}", path.display())))?;
    tracing::info!(
        target: "kith::timing",
        step = "file parsed",
        records = parsed.contacts.len() + parsed.rejected.len(),
        us = reading.elapsed().as_micros() as u64,
    );
    Ok(Read::Contacts(parsed))
}

/// Records what was read from `path`: its summary, and the same for people to read.
async fn record(
    ctx: &Ctx<'_>,
    args: &ImportArgs,
    path: &Path,
    read: Read,
    progress: &indicatif::ProgressBar,
) -> Result<(Summary, String), Failure> {
    let parsed = match read {
        Read::Contacts(parsed) => parsed,
        Read::History(history) => return import_history(ctx, args, path, history, progress).await,
    };
    let format = parsed.format;
    progress.set_message(format!(
        "merging {} records from {}",
        parsed.contacts.len(),
        path.display()
    ));
    let options = ImportOptions {
        source: format.as_str(),
        current_jobs: format == Format::Linkedin,
        dry_run: args.dry_run,
    };
    let bar = progress.clone();
    let report = move |step: ImportProgress| show_progress(&bar, step);
    let outcome = ctx
        .store
        .import_contacts_reporting(&parsed.contacts, options, &report)
        .await
        .with_context(|| format!("importing {}", path.display()))?;

    let summary = Summary::new(
        format.as_str(),
        parsed.contacts.len() + parsed.rejected.len(),
        &parsed.rejected,
        &outcome.ambiguous,
        [outcome.created, outcome.updated, outcome.unchanged],
    );
    let mut text = summary.headline(args.dry_run, path, "");
    summary.push_rejected(&mut text);
    if !outcome.job_changes.is_empty() {
        text.push_str("\nJob changes (a chance to congratulate them):");
        for change in &outcome.job_changes {
            text.push_str(&format!(
                "\n  {} ({}): {} → {}",
                change.person.name, change.person.handle, change.from, change.to
            ));
        }
    }
    push_added_list(
        &mut text,
        &format!(
            "{} added with the name of someone you had (a name alone is not enough to \
             merge on; kith dupes lists them, kith merge KEEP OTHER folds one into the other):",
            outcome.namesakes.len()
        ),
        outcome.namesakes.iter().map(namesake_line),
        "kith dupes lists every pair",
    );
    push_added_list(
        &mut text,
        &format!(
            "{} added who share an email address or phone number with someone of another \
             name: a family's line or a team's mailbox, or one person under two names (kith \
             merge KEEP OTHER folds one into the other):",
            outcome.sharers.len()
        ),
        outcome.sharers.iter().map(|s| {
            let mut existing: Vec<&str> = s
                .existing
                .iter()
                .take(3)
                .map(|p| p.handle.as_str())
                .collect();
            if s.existing.len() > 3 {
                existing.push("…");
            }
            let what = if s.shared == "email" {
                "an email address"
            } else {
                "a phone number"
            };
            format!(
                "line {}: {} ({}) shares {what} with {}",
                s.line,
                s.created.name,
                s.created.handle,
                existing.join(", ")
            )
        }),
        "kith dupes lists every pair",
    );
    if outcome.ties_inferred > 0 {
        text.push_str(&format!(
            "\n{} weak colleague ties inferred between people at the same small company \
             (kith ties HANDLE lists them; kith knows A B --how colleague confirms one)",
            outcome.ties_inferred
        ));
    }
    let unusable: usize = parsed.contacts.iter().map(|c| c.warnings.len()).sum();
    if unusable > 0 {
        text.push_str(&format!(
            "\n{unusable} values could not be used (the rest of each record was imported):"
        ));
        for line in unusable_lines(&parsed.contacts) {
            text.push_str("\n  ");
            text.push_str(&line);
        }
    }
    Ok((summary, text))
}

/// LinkedIn history read from a file, ready to record: messages or invitations.
struct History {
    /// The format's name in the summary and `--json`.
    format: &'static str,
    /// Rows read.
    read: usize,
    days: Vec<kith_core::contact::MessageDay>,
    rejected: Vec<kith_formats::Rejected>,
    /// Whose messages they are, when the file had to be asked.
    me: Option<kith_core::contact::Correspondent>,
}

/// Reads `messages.csv` (see `kith_formats::linkedin_messages`; `me` says whose it is) or `Invitations.csv` (`kith_formats::linkedin_invitations`).
fn read_history(what: What, path: &Path, bytes: &[u8], me: Me<'_>) -> Result<History, Failure> {
    use kith_formats::{linkedin_invitations as invitations, linkedin_messages as messages};
    let unreadable =
        |e: kith_formats::FormatError| Failure::from(anyhow::anyhow!("{}: {e}", path.display()));
    if what == What::Invitations {
        let parsed = invitations::parse(bytes).map_err(unreadable)?;
        return Ok(History {
            format: "linkedin-invitations",
            read: parsed.read(),
            days: parsed.invitations,
            rejected: parsed.rejected,
            me: None,
        });
    }
    let parsed = messages::parse(bytes).map_err(unreadable)?;
    let mut history = History {
        format: "linkedin-messages",
        read: parsed.read(),
        days: Vec::new(),
        rejected: parsed.rejected,
        me: None,
    };
    if !parsed.messages.is_empty() {
        let me = messages::seeker(&parsed.messages, me.said)
            .or_else(|unsure| match me.said {
                Some(_) => Err(unsure),
                None => me
                    .names
                    .iter()
                    .flatten()
                    .find_map(|name| messages::seeker(&parsed.messages, Some(name)).ok())
                    .ok_or(unsure),
            })
            .map_err(|e| Failure::usage(anyhow::anyhow!("{}: {e}", path.display())))?;
        let (days, not_kept) = messages::days(&parsed.messages, &me);
        history.days = days;
        history.rejected.extend(not_kept);
        history.me = Some(me);
    }
    Ok(history)
}

/// `kith import linkedin-messages|linkedin-invitations FILE`: LinkedIn history recorded as
/// interactions, every row accounted for as with contacts.
async fn import_history(
    ctx: &Ctx<'_>,
    args: &ImportArgs,
    path: &Path,
    history: History,
    progress: &indicatif::ProgressBar,
) -> Result<(Summary, String), Failure> {
    progress.set_message(format!(
        "recording {} rows from {}",
        history.read,
        path.display()
    ));
    let outcome = ctx
        .store
        .import_messages(&history.days, args.dry_run)
        .await
        .with_context(|| format!("importing {}", path.display()))?;

    let summary = Summary::new(
        history.format,
        history.read,
        &history.rejected,
        &outcome.ambiguous,
        [outcome.created, outcome.updated, outcome.unchanged],
    );
    let counted = if history.me.is_some() {
        " (messages)"
    } else {
        " (invitations)"
    };
    let mut text = summary.headline(args.dry_run, path, counted);
    if let Some(me) = &history.me {
        text.push_str(&format!(
            "\nYou are {}{} in this file (--me says otherwise).",
            me.name,
            me.linkedin
                .as_deref()
                .map(|url| format!(" ({url})"))
                .unwrap_or_default()
        ));
    }
    summary.push_rejected(&mut text);
    if outcome.interactions_created > 0 {
        text.push_str(&format!(
            "\n{} interactions logged from them: one per {} (kith person show HANDLE lists \
             them).",
            outcome.interactions_created,
            if history.me.is_some() {
                "conversation, day and direction"
            } else {
                "invitation"
            }
        ));
    }
    push_added_list(
        &mut text,
        &format!(
            "{} added who {} only in this file (kith import your Connections.csv to fill in \
             company and role):",
            match outcome.people_created.len() {
                1 => "1 person".to_owned(),
                n => format!("{n} people"),
            },
            if outcome.people_created.len() == 1 {
                "was"
            } else {
                "were"
            }
        ),
        outcome
            .people_created
            .iter()
            .map(|p| format!("{} ({})", p.name, p.handle)),
        "kith person list lists everyone",
    );
    push_added_list(
        &mut text,
        &format!(
            "{} of them with the name of someone you had (a name alone is not enough to \
             merge on; kith dupes lists them, kith merge KEEP OTHER folds one into the other):",
            outcome.namesakes.len()
        ),
        outcome.namesakes.iter().map(namesake_line),
        "kith dupes lists every pair",
    );
    push_added_list(
        &mut text,
        &format!(
            "{} found by name alone, as this file gives no profile for them and one person \
             has the name (kith person show HANDLE shows what was logged):",
            outcome.matched_by_name.len()
        ),
        outcome
            .matched_by_name
            .iter()
            .map(|p| format!("{} ({})", p.name, p.handle)),
        "kith person list lists everyone",
    );
    Ok((summary, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(list: &[(usize, &str)]) -> Vec<RowError> {
        list.iter()
            .map(|(line, reason)| RowError {
                line: *line,
                reason: (*reason).to_owned(),
            })
            .collect()
    }

    fn contact(line: usize, warnings: &[(&'static str, &str)]) -> kith_formats::Contact {
        kith_formats::Contact {
            line,
            name: format!("Person {line}"),
            warnings: warnings
                .iter()
                .map(|(field, message)| kith_formats::Unusable::new(field, *message))
                .collect(),
            ..kith_formats::Contact::default()
        }
    }

    #[test]
    fn a_few_unusable_values_are_listed_one_by_one() {
        let contacts = [
            contact(3, &[("email", "invalid email \"n/a\"")]),
            contact(4, &[]),
            contact(
                9,
                &[
                    ("phone", "invalid phone \"ext 5\""),
                    ("url", "invalid url \"x\""),
                ],
            ),
        ];
        assert_eq!(
            unusable_lines(&contacts),
            [
                "line 3: invalid email \"n/a\"",
                "line 9: invalid phone \"ext 5\"",
                "line 9: invalid url \"x\"",
            ]
        );
    }

    #[test]
    fn many_unusable_values_are_grouped_by_field_in_order_of_first_sight() {
        let mut contacts: Vec<kith_formats::Contact> = (0..30)
            .map(|n| contact(10 + n, &[("phone", "invalid phone \"ask reception\"")]))
            .collect();
        contacts.insert(0, contact(2, &[("email", "invalid email \"n/a\"")]));
        contacts.push(contact(
            99,
            &[("birthday", "birthday \"--13-40\" is not a date")],
        ));
        assert_eq!(
            unusable_lines(&contacts),
            [
                "1 × email: line 2; the first, line 2: invalid email \"n/a\"",
                "30 × phone: lines 10, 11, 12, 13, 14, 15, 16, 17, …; the first, line 10: \
                 invalid phone \"ask reception\"",
                "1 × birthday: line 99; the first, line 99: birthday \"--13-40\" is not a date",
            ]
        );
    }

    #[test]
    fn rejected_lines_are_grouped_by_reason_in_order_of_first_sight() {
        let ghost = "no name: only a connection date";
        let mut list: Vec<(usize, &str)> = vec![(4, "ada matches 2 people by name alone: a, b")];
        list.extend((0..11).map(|n| (10 + n * 3, ghost)));
        list.push((90, "no name"));
        list.push((95, "no name"));
        let lines = rejected_lines(&errors(&list));
        assert_eq!(
            lines,
            [
                "line 4: ada matches 2 people by name alone: a, b",
                "lines 10, 13, 16, 19, 22, 25, 28, 31, … (11 in all): no name: only a \
                 connection date",
                "lines 90, 95: no name",
            ]
        );
        assert!(rejected_lines(&[]).is_empty());
    }

    #[test]
    fn past_twenty_reasons_the_rest_is_counted() {
        let reasons: Vec<String> = (0..23).map(|n| format!("reason {n}")).collect();
        let mut list: Vec<(usize, &str)> = reasons
            .iter()
            .enumerate()
            .map(|(n, r)| (n + 1, r.as_str()))
            .collect();
        list.push((99, "reason 22"));
        let lines = rejected_lines(&errors(&list));
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[19], "line 20: reason 19");
        assert_eq!(
            lines[20],
            "… and 4 more lines for 3 other reasons (--json lists every one)"
        );
    }
}
