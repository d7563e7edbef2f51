//! The calendar feed: follow-ups, relationship touches due and events as iCalendar, built
//! in one place so `kith export ics` and (later) the server's private feed URL agree.

use super::Ctx;
use crate::failure::Failure;

pub(crate) async fn feed(_ctx: &Ctx<'_>) -> Result<String, Failure> {
    Err(Failure::from(anyhow::anyhow!(
        "the calendar feed is not built yet"
    )))
}
