//! `kith company add|list|show|edit|rm`.

use std::fmt::Write as _;

use kith_core::{CompanySize, RemotePolicy};
use kith_store::{CompanyPatch, NewCompany};
use serde_json::json;

use super::{Ctx, change, confirm, handle, say};
use crate::cli::{
    CompanyAddArgs, CompanyCommand, CompanyEditArgs, CompanyListArgs, HandleArg, RemoveArgs,
};
use crate::failure::Failure;
use crate::output::{self, opt, strong};

pub(crate) async fn run(ctx: &Ctx<'_>, command: CompanyCommand) -> Result<(), Failure> {
    match command {
        CompanyCommand::Add(args) => add(ctx, args).await,
        CompanyCommand::List(args) => list(ctx, args).await,
        CompanyCommand::Show(args) => show(ctx, args).await,
        CompanyCommand::Edit(args) => edit(ctx, args).await,
        CompanyCommand::Rm(args) => remove(ctx, args).await,
    }
}

/// An edit of a vocabulary field: absent leaves it, empty clears it, else it must parse.
fn vocab<T>(flag: &str, text: Option<String>) -> Result<Option<Option<T>>, Failure>
where
    T: std::str::FromStr<Err = kith_core::ParseError>,
{
    match text {
        None => Ok(None),
        Some(t) if t.trim().is_empty() => Ok(Some(None)),
        Some(t) => t
            .parse()
            .map(|v| Some(Some(v)))
            .map_err(|e| Failure::flag(flag, e)),
    }
}

fn size(text: Option<String>) -> Result<Option<Option<CompanySize>>, Failure> {
    vocab("--size", text)
}

fn remote(text: Option<String>) -> Result<Option<Option<RemotePolicy>>, Failure> {
    vocab("--remote", text)
}

async fn add(ctx: &Ctx<'_>, args: CompanyAddArgs) -> Result<(), Failure> {
    let company = ctx
        .store
        .add_company(NewCompany {
            name: args.name,
            domain: args.domain,
            location: args.location,
            size: size(args.size)?.flatten(),
            remote_policy: remote(args.remote_policy)?.flatten(),
            notes: args.notes,
            target: args.target,
        })
        .await?;
    if ctx.settings.json {
        output::json(&company)?;
    } else {
        say(company.handle.as_str())?;
    }
    Ok(())
}

pub(crate) async fn list(ctx: &Ctx<'_>, args: CompanyListArgs) -> Result<(), Failure> {
    let mut companies = ctx.store.companies().await?;
    if args.targets {
        companies.retain(|c| c.company.target);
    }
    if ctx.settings.json {
        output::json(&companies)?;
        return Ok(());
    }
    let mut table = output::table(
        ctx.settings,
        &[
            "handle", "name", "target", "people", "size", "remote", "location",
        ],
    );
    for c in &companies {
        table.add_row(vec![
            c.company.handle.to_string(),
            c.company.name.clone(),
            if c.company.target {
                "yes".into()
            } else {
                String::new()
            },
            c.people.to_string(),
            c.company.size.map(|s| s.to_string()).unwrap_or_default(),
            c.company
                .remote_policy
                .map(|s| s.to_string())
                .unwrap_or_default(),
            opt(&c.company.location).to_owned(),
        ]);
    }
    output::print_table(&table)?;
    Ok(())
}

async fn show(ctx: &Ctx<'_>, args: HandleArg) -> Result<(), Failure> {
    let company = ctx.store.company(&args.handle).await?;
    let people = ctx.store.people_at(&company.handle).await?;
    let view = super::target::company_view(ctx, &company, &people).await?;
    if ctx.settings.json {
        output::json(&json!({
            "company": company,
            "people": people,
            "target": view.target,
            "fit": view.fit,
            "heat": view.heat,
            "conversations": view.conversations,
        }))?;
        return Ok(());
    }
    let mut text = String::new();
    let target = if company.target { "  [target]" } else { "" };
    let _ = writeln!(
        text,
        "{} ({}){target}",
        strong(&company.name, ctx.settings),
        company.handle
    );
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(text, "  {label:<9} {value}");
        }
    };
    field("domain", opt(&company.domain).to_owned());
    field("location", opt(&company.location).to_owned());
    field(
        "size",
        company
            .size
            .map(|s| format!("{s} people"))
            .unwrap_or_default(),
    );
    field(
        "remote",
        company
            .remote_policy
            .map(|s| s.to_string())
            .unwrap_or_default(),
    );
    field("notes", opt(&company.notes).to_owned());
    if people.is_empty() {
        let _ = writeln!(text, "\nNobody you know works here yet.");
    } else {
        let _ = writeln!(text, "\nPeople you know here ({}):", people.len());
        for p in &people {
            let role = p
                .role
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default();
            let _ = writeln!(text, "  {} ({}){role}", p.name, p.handle);
        }
    }
    text.push_str(&super::target::describe(ctx, &view));
    say(text.trim_end())?;
    Ok(())
}

async fn edit(ctx: &Ctx<'_>, args: CompanyEditArgs) -> Result<(), Failure> {
    let handle = handle(&args.handle)?;
    let target = match (args.target, args.no_target) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    };
    let patch = CompanyPatch {
        name: args.name,
        domain: change(args.domain),
        location: change(args.location),
        size: size(args.size)?,
        remote_policy: remote(args.remote_policy)?,
        notes: change(args.notes),
        target,
    };
    if patch == CompanyPatch::default() {
        return Err(Failure::usage(anyhow::anyhow!(
            "nothing to change: give at least one of --name, --domain, --size, --remote, --target, …"
        )));
    }
    let company = ctx.store.edit_company(&handle, patch).await?;
    if ctx.settings.json {
        output::json(&company)?;
    } else {
        say(&format!("Updated {} ({})", company.name, company.handle))?;
    }
    Ok(())
}

async fn remove(ctx: &Ctx<'_>, args: RemoveArgs) -> Result<(), Failure> {
    let handle = handle(&args.handle)?;
    let company = ctx.store.company(handle.as_str()).await?;
    let question = format!(
        "Remove {} ({})? People who work there are kept.",
        company.name, company.handle
    );
    if !confirm(ctx, args.yes, &question)? {
        say("Nothing removed.")?;
        return Ok(());
    }
    ctx.store.remove_company(&company.handle).await?;
    if ctx.settings.json {
        output::json(&json!({ "removed": company.handle }))?;
    } else {
        say(&format!("Removed {} ({})", company.name, company.handle))?;
    }
    Ok(())
}
