//! `kith init`: open (and so create and migrate) the database, and say where it is.

use serde_json::json;

use super::{Ctx, say};
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>) -> Result<(), Failure> {
    let people = ctx.store.count_people().await?;
    if ctx.settings.json {
        output::json(&json!({ "database": ctx.settings.db.to_string(), "people": people }))?;
    } else {
        say(&format!(
            "kith database ready at {} ({people} people)",
            ctx.settings.db
        ))?;
    }
    Ok(())
}
