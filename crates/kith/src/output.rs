//! Writing results: JSON for scripts, tables and short lines for people. Everything goes
//! through one buffered stdout so a closed pipe surfaces as an error `main` can forgive.

use std::io::{self, BufWriter, StdoutLock, Write};

use comfy_table::{ContentArrangement, Table, presets};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::settings::Settings;

pub(crate) type Out = BufWriter<StdoutLock<'static>>;

pub(crate) fn stdout() -> Out {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> io::Result<()> {
    let mut out = stdout();
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}

/// A table in the style of the medium: boxed on a terminal, plain aligned columns in a pipe.
pub(crate) fn table(settings: &Settings, header: &[&str]) -> Table {
    let mut table = Table::new();
    if settings.color {
        table.load_style(presets::UTF8_HORIZONTAL_ONLY);
        table.set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(width) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
            table.set_width(width);
        }
    } else {
        table.load_style(presets::NOTHING);
    }
    table.set_header(header.iter().map(|h| h.to_uppercase()));
    table
}

pub(crate) fn print_table(table: &Table) -> io::Result<()> {
    let mut out = stdout();
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()
}

/// A moment as a person reads it, in their zone: `2026-11-20 14:30`.
pub(crate) fn when(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// Bold on a terminal, plain otherwise.
pub(crate) fn strong(text: &str, settings: &Settings) -> String {
    if settings.color {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

pub(crate) fn opt(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("")
}
