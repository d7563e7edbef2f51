//! `kith draft HANDLE`: a message from a template, filled with what kith recorded about the
//! person (`kith_core::draft`), then linted as `kith lint` would. Also `kith template
//! list|show|init` (built-in templates, and the seeker's own files that replace or add to
//! them) and `kith me` (the name and one line drafts sign with).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use kith_core::draft::{self, BUILT_IN, HookFacts, Profile, Slot, Template};
use kith_core::follow_up::Owed;
use kith_core::outreach::{Severity, lint};
use kith_core::{Direction, Interaction, InteractionKind};
use kith_store::FollowUpFilter;
use serde_json::json;

use super::lint::context_for;
use super::{Ctx, person, say};
use crate::cli::{DraftArgs, MeArgs, TemplateCommand};
use crate::failure::Failure;
use crate::output;

/// How far back the history is read for the last conversation and the event met at.
const HISTORY: u32 = 30;

/// Where a template came from.
enum Source {
    BuiltIn,
    File(PathBuf),
}

impl Source {
    fn describe(&self) -> String {
        match self {
            Source::BuiltIn => "built in".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// The seeker's template files: `NAME.txt` in the templates folder.
fn own_files(ctx: &Ctx<'_>) -> Result<Vec<(String, PathBuf)>, Failure> {
    let Some(dir) = &ctx.settings.templates else {
        return Ok(Vec::new());
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context(format!("reading the templates folder {}", dir.display()))
                .into());
        }
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| anyhow::Error::new(e).context(format!("reading {}", dir.display())))?
            .path();
        if path.extension().is_some_and(|e| e == "txt")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push((stem.to_owned(), path));
        }
    }
    out.sort();
    Ok(out)
}

fn parse_file(name: &str, path: &Path) -> Result<Template, Failure> {
    let text = super::read_text(path, "the template")?;
    Template::parse(name, &text).map_err(|e| {
        Failure::usage(anyhow::anyhow!(
            "{}, line {}: {}",
            path.display(),
            e.line,
            e.message
        ))
    })
}

/// A template by name: the seeker's file if there is one, else the built-in one.
fn load(ctx: &Ctx<'_>, name: &str) -> Result<(Template, Source), Failure> {
    let own = own_files(ctx)?;
    if let Some((_, path)) = own.iter().find(|(n, _)| n == name) {
        return Ok((parse_file(name, path)?, Source::File(path.clone())));
    }
    if let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) {
        let t = Template::parse(name, text).map_err(anyhow::Error::new)?;
        return Ok((t, Source::BuiltIn));
    }
    let mut names: Vec<String> = BUILT_IN.iter().map(|(n, _)| (*n).to_owned()).collect();
    names.extend(own.into_iter().map(|(n, _)| n));
    names.sort();
    names.dedup();
    Err(Failure::usage(anyhow::anyhow!(
        "--template: no template {name:?}; there are: {}",
        names.join(", ")
    )))
}

/// The event someone was met at: a meetup interaction whose note `kith event met` (or the
/// demo) began with "Met at " and the name of an event kith has.
fn event_met(i: &Interaction, events: &[kith_core::Event]) -> Option<String> {
    if i.kind != InteractionKind::Meetup {
        return None;
    }
    let note = i.note.as_deref()?.strip_prefix("Met at ")?;
    events
        .iter()
        .filter(|e| note.starts_with(e.name.as_str()))
        .max_by_key(|e| e.name.len())
        .map(|e| e.name.clone())
}

/// The latest conversation, in words that fit "Thanks again for …".
/// With `meetings_only`, only a coffee chat, informational interview, call or meetup
/// counts (what a thank-you is for).
fn last_talk(
    history: &[Interaction],
    events: &[kith_core::Event],
    ctx: &Ctx<'_>,
    meetings_only: bool,
) -> Option<(String, Option<String>)> {
    let tz = ctx.settings.now.time_zone();
    history.iter().find_map(|i| {
        if meetings_only
            && !matches!(
                i.kind,
                InteractionKind::CoffeeChat
                    | InteractionKind::InformationalInterview
                    | InteractionKind::Call
                    | InteractionKind::Meetup
            )
        {
            return None;
        }
        let day = i
            .occurred_at
            .to_zoned_datetime(tz.clone())
            .strftime("%A %-d %B");
        let what = match i.kind {
            InteractionKind::CoffeeChat => format!("the coffee chat on {day}"),
            InteractionKind::InformationalInterview => {
                format!("the informational interview on {day}")
            }
            InteractionKind::Call => format!("the call on {day}"),
            InteractionKind::Meetup => match event_met(i, events) {
                Some(event) => format!("the chat at {event}"),
                None => format!("meeting on {day}"),
            },
            InteractionKind::Message | InteractionKind::Email => match i.direction {
                Direction::Inbound => format!("your message on {day}"),
                Direction::Outbound => format!("our conversation on {day}"),
            },
            _ => return None,
        };
        let topic = i
            .note
            .as_deref()
            .filter(|n| !n.starts_with("Met at "))
            .and_then(|n| {
                n.split(['.', '!', '?', '\n'])
                    .map(str::trim)
                    .find(|s| !s.is_empty())
            })
            .map(|s| format!("{s}."));
        Some((what, topic))
    })
}

/// "Send the article" → "As promised: send the article."
fn promise_line(action: &str) -> String {
    let action = action.trim().trim_end_matches('.');
    let mut chars = action.chars();
    let first = chars
        .next()
        .map(|c| c.to_lowercase().collect::<String>())
        .unwrap_or_default();
    format!("As promised: {first}{}.", chars.as_str())
}

pub(crate) async fn run(ctx: &Ctx<'_>, args: DraftArgs) -> Result<(), Failure> {
    let channel = args
        .channel
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|e| Failure::flag("--channel", e))?;
    let who = person(ctx, &args.handle).await?;
    let mut lint_context = context_for(ctx, &who).await?;
    lint_context.channel = channel;
    let stage = lint_context
        .stage
        .unwrap_or(kith_core::relationship::Stage::New);
    let touch = ctx.store.touch_context(who.id).await?;
    let history = ctx.store.interactions_with(who.id, HISTORY).await?;
    let profile = ctx.store.profile().await?;
    let open = ctx
        .store
        .follow_ups(&FollowUpFilter {
            person: Some(who.id),
            ..FollowUpFilter::default()
        })
        .await?;
    let mine: Vec<_> = open.iter().filter(|f| f.owed_by == Owed::Me).collect();
    let thanks_due = mine.iter().any(|f| f.is_thank_you());
    let promise = mine
        .iter()
        .find(|f| f.is_promise())
        .map(|f| promise_line(&f.action));
    let name = args
        .template
        .clone()
        .unwrap_or_else(|| draft::template_for(stage, thanks_due).to_owned());
    let (template, source) = load(ctx, &name)?;

    let events = ctx.store.events().await?;
    let event = history.iter().find_map(|i| event_met(i, &events));
    let talk = last_talk(&history, &events, ctx, template.name == "thank-you");
    let talked = talk.is_some();
    let notes: Vec<&str> = touch.notes.iter().map(String::as_str).collect();
    let facts = HookFacts {
        job_change: touch.job_change.as_ref().map(|(to, at)| (to.as_str(), *at)),
        notes,
        person_note: who.note.as_deref(),
        event: event.as_deref(),
        tags: &who.tags,
        interests: &profile.interests,
        how_met: who.how_met.as_deref(),
    };
    let now: Timestamp = ctx.settings.now.timestamp();
    let mut hooks = draft::hooks(&facts, now, talked);
    // Thanking them for the chat at an event already names it.
    if let (Some((what, _)), Some(e)) = (&talk, &event)
        && what.contains(e.as_str())
        && template.slots().contains(&Slot::LastTalk)
    {
        hooks.retain(|h| h.kind != draft::HookKind::Event);
    }
    let hook = hooks.first();
    let me_line = profile.line.clone().map(|l| {
        let l = l.trim().trim_end_matches('.');
        if l.to_lowercase().starts_with("i ") || l.to_lowercase().starts_with("i'm") {
            format!("{l}.")
        } else {
            format!("I'm {l}.")
        }
    });
    let rendered = draft::render(&template, |slot| match slot {
        Slot::FirstName => Some(draft::first_name(&who.name).to_owned()),
        Slot::Name => Some(who.name.clone()),
        Slot::Company => who.company.as_ref().map(|c| c.name.clone()),
        Slot::Role => who.role.clone(),
        Slot::Hook => hook.map(|h| h.text.clone()),
        Slot::Me => me_line.clone(),
        Slot::MyName => profile.name.clone(),
        Slot::LastTalk => talk.as_ref().map(|(what, _)| what.clone()),
        Slot::Topic => talk.as_ref().and_then(|(_, topic)| topic.clone()),
        Slot::Promise => promise.clone(),
    });
    // The hook's own words count as a recorded fact for the linter's hook rule.
    if let Some(h) = hook {
        lint_context.facts.push(h.text.clone());
        lint_context.facts.extend(event.clone());
    }
    let findings = lint(&rendered.text, &lint_context);
    let favours = lint_context.favours.unwrap_or_default();

    if ctx.settings.json {
        output::json(&json!({
            "to": who.link(),
            "stage": stage,
            "template": { "name": template.name, "source": source.describe() },
            "text": rendered.text,
            "hook": hook,
            "other_hooks": hooks.iter().skip(1).collect::<Vec<_>>(),
            "missing": rendered.missing.iter().map(|s| json!({ "placeholder": s.as_str(), "needs": s.missing() })).collect::<Vec<_>>(),
            "findings": findings,
            "favours": { "given": favours.given, "received": favours.received, "balance": favours.balance() },
        }))?;
        return Ok(());
    }
    let mut text = format!(
        "Draft for {} ({stage}), template {} ({}):\n\n{}\n\n",
        who.name,
        template.name,
        source.describe(),
        rendered.text
    );
    match hook {
        Some(h) => {
            let _ = writeln!(text, "Hook: {} — {}", h.kind, h.fact);
            for other in hooks.iter().skip(1) {
                let _ = writeln!(text, "  or: {}", other.text);
            }
        }
        None => {
            let _ = writeln!(
                text,
                "Hook: none recorded. Add what you know (their talk, post, launch, a community you share): \
                 `kith person edit {} --note …`, tags, `kith me --interest …`",
                who.handle
            );
        }
    }
    if !rendered.missing.is_empty() {
        let _ = writeln!(
            text,
            "Missing (fill in or cut before sending): {}",
            rendered
                .missing
                .iter()
                .map(|s| s.missing())
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    if favours.received > 0 && favours.given == 0 {
        let _ = writeln!(
            text,
            "Favours: {} — give before you ask anything more.",
            favours.describe()
        );
    }
    if findings.is_empty() {
        text.push_str("Lint: no findings.");
    } else {
        let _ = writeln!(text, "Lint:");
        for f in &findings {
            let _ = writeln!(
                text,
                "  {} {} “{}”: {}",
                output::strong(f.severity.as_str(), ctx.settings),
                f.rule,
                f.excerpt.trim(),
                f.message
            );
        }
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let _ = write!(text, "  {} finding(s), {errors} error(s).", findings.len());
    }
    say(text.trim_end())
}

pub(crate) async fn template(ctx: &Ctx<'_>, cmd: TemplateCommand) -> Result<(), Failure> {
    match cmd {
        TemplateCommand::List => {
            let own = own_files(ctx)?;
            let mut rows: Vec<(String, Source, Option<String>)> = Vec::new();
            for (name, text) in BUILT_IN {
                if own.iter().any(|(n, _)| n == name) {
                    continue;
                }
                let t = Template::parse(name, text).map_err(anyhow::Error::new)?;
                rows.push(((*name).to_owned(), Source::BuiltIn, t.about));
            }
            for (name, path) in own {
                // A broken file is listed as such; `kith draft` with it says why.
                let text = super::read_text(&path, "the template")?;
                let about = match Template::parse(&name, &text) {
                    Ok(t) => t.about,
                    Err(e) => Some(format!("BROKEN: line {}: {}", e.line, e.message)),
                };
                rows.push((name, Source::File(path), about));
            }
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            if ctx.settings.json {
                output::json(
                    &rows
                        .iter()
                        .map(|(n, s, a)| json!({ "name": n, "source": s.describe(), "about": a }))
                        .collect::<Vec<_>>(),
                )?;
                return Ok(());
            }
            let mut text = String::new();
            for (name, source, about) in &rows {
                let _ = writeln!(
                    text,
                    "{name:<14} {:<10} {}",
                    match source {
                        Source::BuiltIn => "built in",
                        Source::File(_) => "yours",
                    },
                    about.as_deref().unwrap_or("")
                );
            }
            if let Some(dir) = &ctx.settings.templates {
                let _ = write!(
                    text,
                    "Your templates folder: {} (`kith template init` copies the built-in ones there to edit)",
                    dir.display()
                );
            }
            say(text.trim_end())
        }
        TemplateCommand::Show(args) => {
            let (_, source) = load(ctx, &args.name)?;
            let text = match &source {
                Source::BuiltIn => BUILT_IN
                    .iter()
                    .find(|(n, _)| *n == args.name)
                    .map(|(_, t)| (*t).to_owned())
                    .unwrap_or_default(),
                Source::File(path) => super::read_text(path, "the template")?,
            };
            if ctx.settings.json {
                output::json(
                    &json!({ "name": args.name, "source": source.describe(), "text": text }),
                )?;
                return Ok(());
            }
            say(text.trim_end())
        }
        TemplateCommand::Init => {
            let dir = ctx.settings.templates.clone().ok_or_else(|| {
                Failure::usage(anyhow::anyhow!(
                    "no templates folder: set KITH_TEMPLATES or `templates` in the config file"
                ))
            })?;
            std::fs::create_dir_all(&dir).map_err(|e| {
                anyhow::Error::new(e).context(format!("creating {}", dir.display()))
            })?;
            let mut written = Vec::new();
            let mut kept = Vec::new();
            for (name, body) in BUILT_IN {
                let path = dir.join(format!("{name}.txt"));
                if path.exists() {
                    kept.push(path);
                    continue;
                }
                std::fs::write(&path, body).map_err(|e| {
                    anyhow::Error::new(e).context(format!("writing {}", path.display()))
                })?;
                written.push(path);
            }
            if ctx.settings.json {
                output::json(&json!({ "folder": dir, "written": written, "kept": kept }))?;
                return Ok(());
            }
            let mut text = format!("Templates folder: {}\n", dir.display());
            for p in &written {
                let _ = writeln!(text, "  wrote {}", p.display());
            }
            for p in &kept {
                let _ = writeln!(text, "  kept your {}", p.display());
            }
            text.push_str(
                "Edit them; `kith draft` uses your version of a template over the built-in one.",
            );
            say(&text)
        }
    }
}

pub(crate) async fn me(ctx: &Ctx<'_>, args: MeArgs) -> Result<(), Failure> {
    let mut profile: Profile = ctx.store.profile().await?;
    let changes = args.name.is_some()
        || args.line.is_some()
        || !args.interests.is_empty()
        || !args.no_interests.is_empty();
    if changes {
        if let Some(name) = args.name {
            profile.name = Some(name).filter(|n| !n.trim().is_empty());
        }
        if let Some(line) = args.line {
            profile.line = Some(line).filter(|l| !l.trim().is_empty());
        }
        for interest in args.interests {
            let tag = interest.trim().to_lowercase();
            if tag.is_empty() {
                return Err(Failure::usage(anyhow::anyhow!(
                    "--interest: an interest cannot be empty"
                )));
            }
            if !profile.interests.contains(&tag) {
                profile.interests.push(tag);
            }
        }
        for gone in args.no_interests {
            let tag = gone.trim().to_lowercase();
            profile.interests.retain(|i| *i != tag);
        }
        profile.interests.sort();
        ctx.store.set_profile(&profile).await?;
    }
    if ctx.settings.json {
        output::json(&profile)?;
        return Ok(());
    }
    say(&format!(
        "name: {}\nline: {}\ninterests: {}",
        profile
            .name
            .as_deref()
            .unwrap_or("(not set: kith me --name …)"),
        profile
            .line
            .as_deref()
            .unwrap_or("(not set: kith me --line \"a backend engineer …\")"),
        if profile.interests.is_empty() {
            "(none: kith me --interest rust)".to_owned()
        } else {
            profile.interests.join(", ")
        }
    ))
}
