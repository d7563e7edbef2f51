//! `kith questions add|list|rm`: the question bank `kith prep` picks from — the seeker's
//! own questions (stored, backed up) first, then the ones kith ships.

use std::fmt::Write as _;

use kith_core::questions::{self, Purpose};

use super::{Ctx, say};
use crate::cli::QuestionsCommand;
use crate::failure::Failure;

fn purpose(text: &str) -> Result<Purpose, Failure> {
    text.parse().map_err(|e| Failure::flag("--purpose", e))
}

pub(crate) async fn run(ctx: &Ctx<'_>, cmd: QuestionsCommand) -> Result<(), Failure> {
    match cmd {
        QuestionsCommand::Add(args) => {
            let purpose = purpose(&args.purpose)?;
            let q = ctx.store.add_question(args.text, purpose).await?;
            if ctx.settings.json {
                return super::json_out(&q);
            }
            say(&format!(
                "Question {} added ({}): {}",
                q.number, q.purpose, q.text
            ))
        }
        QuestionsCommand::List(args) => {
            let only = args.purpose.as_deref().map(purpose).transpose()?;
            let own = ctx.store.own_questions().await?;
            let bank: Vec<_> = if args.mine {
                own.iter().map(|q| q.question()).collect()
            } else {
                questions::bank_with(&own)
            };
            let shown: Vec<_> = bank
                .into_iter()
                .filter(|q| only.is_none_or(|p| q.purpose == p))
                .collect();
            if ctx.settings.json {
                return super::json_out(&shown);
            }
            let mut text = String::new();
            for q in &shown {
                let mark = match q.number {
                    Some(n) => format!("{n:>3}"),
                    None => "  -".to_owned(),
                };
                let _ = writeln!(text, "{mark}  [{}] {}", q.purpose, q.text);
            }
            text.push_str(
                "Numbered questions are yours (`kith questions rm N`); - marks the built-in ones.",
            );
            say(&text)
        }
        QuestionsCommand::Rm(args) => {
            let q = ctx.store.remove_question(args.number).await?;
            if ctx.settings.json {
                return super::json_out(&q);
            }
            say(&format!("Removed question {}: {}", q.number, q.text))
        }
    }
}
