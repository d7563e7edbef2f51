//! `kith export json|vcard|csv [-o FILE]` and `kith restore FILE`.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use kith_store::{Backup, PersonFilter};
use serde_json::json;

use super::{Ctx, say};
use crate::cli::{ExportArgs, ExportFormat, RestoreArgs};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, args: ExportArgs) -> Result<(), Failure> {
    let text = match args.format {
        ExportFormat::Json => {
            let backup = ctx.store.snapshot().await?;
            let mut text =
                serde_json::to_string_pretty(&backup).context("writing the backup as JSON")?;
            text.push('\n');
            text
        }
        ExportFormat::Vcard => {
            kith_formats::export::to_vcard(&ctx.store.people(&PersonFilter::default()).await?)
        }
        ExportFormat::Csv => {
            kith_formats::export::to_csv(&ctx.store.people(&PersonFilter::default()).await?)
                .context("writing CSV")?
        }
        ExportFormat::Ics => super::calendar::feed(ctx).await?,
    };
    match &args.output {
        Some(path) => {
            write_whole(path, text.as_bytes())?;
            if ctx.settings.json {
                output::json(&json!({ "written": path, "bytes": text.len() }))?;
            } else {
                // stderr, so `-o` and a pipe never mix the message into data.
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("Wrote {} ({} KiB)", path.display(), text.len() / 1024);
                }
            }
        }
        None => {
            let mut out = output::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Writes to a temporary file beside `path`, then renames it over: a crash never leaves
/// half an export where a good one was.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.kith-partial"));
    std::fs::write(&temp, bytes).with_context(|| format!("writing {}", temp.display()))?;
    std::fs::rename(&temp, path)
        .with_context(|| format!("moving the export into {}", path.display()))?;
    Ok(())
}

pub(crate) async fn restore(ctx: &Ctx<'_>, args: RestoreArgs) -> Result<(), Failure> {
    let path = &args.file;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let backup: Backup = serde_json::from_slice(&bytes).map_err(|e| {
        Failure::from(anyhow::anyhow!(
            "{}: not a kith backup: {e}",
            path.display()
        ))
    })?;
    let stored = ctx
        .store
        .restore(&backup)
        .await
        .with_context(|| format!("restoring {} into {}", path.display(), ctx.settings.db))?;
    if ctx.settings.json {
        output::json(&json!({ "restored": path, "stored": stored }))?;
    } else {
        say(&format!(
            "Restored {}: {} people, {} companies, {} ties, {} interactions, {} follow-ups, {} events.",
            path.display(),
            stored.people,
            stored.companies,
            stored.ties,
            stored.interactions,
            stored.follow_ups,
            stored.events
        ))?;
    }
    Ok(())
}
