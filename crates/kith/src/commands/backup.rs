//! `kith backup PATH`: a consistent copy of the live SQLite database.

use anyhow::Context as _;
use serde_json::json;

use super::{Ctx, say};
use crate::cli::BackupArgs;
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, args: BackupArgs) -> Result<(), Failure> {
    ctx.db
        .backup(&args.path)
        .await
        .with_context(|| format!("backing up {} to {}", ctx.settings.db, args.path.display()))?;
    let bytes = std::fs::metadata(&args.path).map(|m| m.len()).unwrap_or(0);
    if ctx.settings.json {
        output::json(&json!({ "backup": args.path, "bytes": bytes }))?;
    } else {
        say(&format!(
            "Backed up to {} ({} KiB)",
            args.path.display(),
            bytes / 1024
        ))?;
    }
    Ok(())
}
