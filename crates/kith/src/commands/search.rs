//! `kith search QUERY`: full-text search, best match first.

use super::{Ctx, say};
use crate::cli::SearchArgs;
use crate::failure::Failure;
use crate::output;

pub(crate) async fn run(ctx: &Ctx<'_>, args: SearchArgs) -> Result<(), Failure> {
    let query = args.query.join(" ");
    let hits = ctx.store.search(&query, args.limit).await?;
    if ctx.settings.json {
        output::json(&hits)?;
        return Ok(());
    }
    if hits.is_empty() {
        say(&format!("Nothing matches {query:?}."))?;
        return Ok(());
    }
    let tz = ctx.settings.now.time_zone();
    let mut table = output::table(ctx.settings, &["who", "what", "match"]);
    for hit in &hits {
        let who = hit
            .person
            .as_ref()
            .map(|p| p.handle.to_string())
            .unwrap_or_default();
        let what = match hit.when {
            Some(at) => format!("note {}", output::when(at, tz)),
            None => "person".to_owned(),
        };
        table.add_row(vec![who, what, hit.snippet.replace('\n', " ")]);
    }
    output::print_table(&table)?;
    Ok(())
}
