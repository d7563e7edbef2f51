//! One module per subcommand. Each gets the opened database and the settings, and returns
//! a `Failure` that says whether the user or the world was at fault.

mod apply;
mod backup;
mod calendar;
mod company;
mod demo;
mod draft;
mod event;
mod export;
mod follow_up;
mod garden;
mod import;
mod init;
mod lead;
mod lint;
mod log;
mod merge;
mod opportunity;
mod path;
mod person;
mod pitch;
mod prep;
mod questions;
mod referral;
mod rhythm;
mod search;
mod stats;
mod target;
mod ties;

use std::sync::Arc;

use anyhow::Context as _;
use kith_core::Handle;
use kith_core::Person;
use kith_db::Database;
use kith_store::{HitKind, Store, StoreError};

use crate::cli::Command;
use crate::failure::Failure;
use crate::settings::Settings;

/// Text from a file, or from standard input for `-`; not UTF-8 is an error naming the
/// source and the byte. `what` names the text in errors ("the message").
pub(crate) fn read_text(path: &std::path::Path, what: &str) -> Result<String, Failure> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let source = if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {what} from standard input"))?;
        "standard input".to_owned()
    } else {
        bytes = std::fs::read(path)
            .with_context(|| format!("reading {what} from {}", path.display()))?;
        path.display().to_string()
    };
    String::from_utf8(bytes).map_err(|e| {
        Failure::usage(anyhow::anyhow!(
            "{what} in {source} is not UTF-8 text (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Prints `value` as JSON, the way every `--json` does.
pub(crate) fn json_out<T: serde::Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    crate::output::json(value)?;
    Ok(())
}

/// What every command works with.
pub(crate) struct Ctx<'a> {
    pub(crate) db: Database,
    pub(crate) store: Arc<dyn Store>,
    pub(crate) settings: &'a Settings,
}

pub(crate) async fn run(command: Command, settings: &Settings) -> Result<(), Failure> {
    let db = Database::open(&settings.db)
        .await
        .with_context(|| format!("opening the database at {}", settings.db))?;
    let owner = db
        .owner(kith_db::LOCAL_OWNER)
        .await
        .with_context(|| format!("reading the database at {}", settings.db))?;
    let ctx = Ctx {
        store: db.store(owner),
        db,
        settings,
    };
    let result = match command {
        Command::Init => init::run(&ctx).await,
        Command::Person(cmd) => person::run(&ctx, cmd).await,
        Command::Company(cmd) => company::run(&ctx, cmd).await,
        Command::Log(args) => log::run(&ctx, args).await,
        Command::FollowUp(cmd) => follow_up::run(&ctx, cmd).await,
        Command::Search(args) => search::run(&ctx, args).await,
        Command::Import(args) => import::run(&ctx, args).await,
        Command::Export(args) => export::run(&ctx, args).await,
        Command::Restore(args) => export::restore(&ctx, args).await,
        Command::Explain(args) => rhythm::explain(&ctx, args).await,
        Command::Dupes => merge::dupes(&ctx).await,
        Command::Merge(args) => merge::run(&ctx, args).await,
        Command::Demo(args) => demo::run(&ctx, args).await,
        Command::Backup(args) => backup::run(&ctx, args).await,
        Command::Agenda(args) => garden::agenda(&ctx, args).await,
        Command::Garden(args) => garden::garden(&ctx, args).await,
        Command::Snooze(args) => rhythm::snooze(&ctx, args).await,
        Command::Circle(args) => rhythm::circle(&ctx, args).await,
        Command::Stage(args) => rhythm::stage(&ctx, args).await,
        Command::Event(cmd) => event::run(&ctx, cmd).await,
        Command::Knows(args) => ties::knows(&ctx, args).await,
        Command::Ties(args) => ties::list(&ctx, args).await,
        Command::Path(args) => path::path(&ctx, args).await,
        Command::Lint(args) => lint::run(&ctx, args).await,
        Command::Prep(args) => prep::run(&ctx, args).await,
        Command::Draft(args) => draft::run(&ctx, args).await,
        Command::Template(cmd) => draft::template(&ctx, cmd).await,
        Command::Me(args) => draft::me(&ctx, args).await,
        Command::Pitch(cmd) => pitch::run(&ctx, cmd).await,
        Command::Questions(cmd) => questions::run(&ctx, cmd).await,
        Command::Target(args) => target::target(&ctx, args).await,
        Command::Values(cmd) => target::values(&ctx, cmd).await,
        Command::Lead(cmd) => lead::run(&ctx, cmd).await,
        Command::Referral(cmd) => referral::run(&ctx, cmd).await,
        Command::Apply(args) => apply::apply(&ctx, args).await,
        Command::Application(cmd) => apply::run(&ctx, cmd).await,
        Command::Stats(args) => stats::run(&ctx, args).await,
        Command::Goals(args) => stats::goals(&ctx, args).await,
        Command::Week => stats::week(&ctx).await,
        Command::Companies(args) if args.reachable => path::reachable(&ctx, args.max_hops).await,
        Command::Companies(args) => {
            company::list(
                &ctx,
                crate::cli::CompanyListArgs {
                    targets: args.targets,
                },
            )
            .await
        }
    };
    let closing = std::time::Instant::now();
    ctx.db.close().await;
    tracing::info!(target: "kith::timing", step = "database closed", us = closing.elapsed().as_micros() as u64);
    result
}

/// A handle typed as an argument; a malformed one is a usage error.
pub(crate) fn handle(text: &str) -> Result<Handle, Failure> {
    Handle::parse(text).map_err(|e| Failure::flag("handle", e))
}

/// Asks a yes/no question on the terminal; off a terminal, refuses unless `--yes` was given.
pub(crate) fn confirm(ctx: &Ctx<'_>, yes: bool, question: &str) -> Result<bool, Failure> {
    if yes {
        return Ok(true);
    }
    if !ctx.settings.interactive {
        return Err(Failure::usage(anyhow::anyhow!(
            "not going ahead without confirmation: pass --yes when not at a terminal"
        )));
    }
    use std::io::Write;
    let mut stderr = std::io::stderr();
    write!(stderr, "{question} [y/N] ")?;
    stderr.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"))
}

/// Writes one line for people.
pub(crate) fn say(line: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = crate::output::stdout();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

/// An edit flag: absent leaves the field alone, an empty value clears it.
pub(crate) fn change(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| (!v.trim().is_empty()).then_some(v))
}

/// The person a typed handle names. When there is none, the error suggests people whose
/// names start like it ("no person "ada" (did you mean ada-lovelace?)").
pub(crate) async fn person(ctx: &Ctx<'_>, text: &str) -> Result<Person, Failure> {
    let wanted = handle(text)?;
    match ctx.store.person(&wanted).await {
        Err(StoreError::NotFound { .. }) => {
            let words = wanted.as_str().replace('-', " ");
            let mut similar: Vec<String> = ctx
                .store
                .search(&words, 20)
                .await?
                .into_iter()
                .filter(|hit| hit.kind == HitKind::Person)
                .filter_map(|hit| hit.person.map(|p| p.handle.to_string()))
                .collect();
            similar.truncate(3);
            let hint = if similar.is_empty() {
                " (kith person list shows everyone)".to_owned()
            } else {
                format!(" (did you mean {}?)", similar.join(", "))
            };
            Err(Failure::from(anyhow::anyhow!(
                "no person {:?}{hint}",
                wanted.as_str()
            )))
        }
        other => Ok(other?),
    }
}
