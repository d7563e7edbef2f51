//! The demo's calendar: the six-month window activity falls in, and plausible local times
//! of day in the seeker's time zone, all derived from the spec's `today`, never a clock.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};

use crate::rng::Rng;

#[derive(Debug, Clone)]
pub(crate) struct Clock {
    tz: TimeZone,
    today: Date,
    /// Every day from six months before `today` up to and including `today`.
    window: Vec<Date>,
}

impl Clock {
    pub(crate) fn new(today: Date, tz: TimeZone) -> Self {
        let start = today.saturating_sub(Span::new().months(6));
        let mut window = Vec::with_capacity(190);
        let mut day = start;
        while day <= today {
            window.push(day);
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        Clock { tz, today, window }
    }

    pub(crate) fn today(&self) -> Date {
        self.today
    }

    pub(crate) fn window_len(&self) -> usize {
        self.window.len()
    }

    /// The `index`th day of the window (0 is six months ago), clamped to the window.
    pub(crate) fn window_day(&self, index: usize) -> Date {
        self.window[index.min(self.window.len() - 1)]
    }

    /// `today` moved by `days` (negative for the past).
    pub(crate) fn days_from_today(&self, days: i64) -> Date {
        add_days(self.today, days)
    }

    /// The instant a local wall-clock time on `date` happens in the seeker's time zone.
    pub(crate) fn at(&self, date: Date, hour: i8, minute: i8) -> Timestamp {
        let civil = date.at(hour, minute, 0, 0);
        self.tz
            .to_timestamp(civil)
            .or_else(|_| TimeZone::UTC.to_timestamp(civil))
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// The local calendar day `ts` falls on.
    pub(crate) fn local_date(&self, ts: Timestamp) -> Date {
        self.tz.to_datetime(ts).date()
    }

    /// A working-hours time on `date`, mostly mid-morning to late afternoon.
    pub(crate) fn daytime(&self, rng: &mut Rng, date: Date) -> Timestamp {
        const HOURS: &[(i8, u32)] = &[
            (8, 3),
            (9, 8),
            (10, 12),
            (11, 12),
            (12, 8),
            (13, 9),
            (14, 12),
            (15, 11),
            (16, 10),
            (17, 7),
            (18, 3),
        ];
        let hour = *rng.weighted(HOURS);
        self.at(date, hour, five_minutes(rng))
    }

    /// An after-work time on `date`, when meetups happen.
    pub(crate) fn evening(&self, rng: &mut Rng, date: Date) -> Timestamp {
        let hour = rng.between(18, 20) as i8;
        self.at(date, hour, five_minutes(rng))
    }

    /// The last moment of `today` that the demo uses: 23:00 local.
    pub(crate) fn end_of_today(&self) -> Timestamp {
        self.at(self.today, 23, 0)
    }
}

fn five_minutes(rng: &mut Rng) -> i8 {
    (rng.below(12) * 5) as i8
}

pub(crate) fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(SignedDuration::from_hours(24 * days))
}

/// `ts` moved by `seconds`, or left alone where that would leave the supported range.
pub(crate) fn shift(ts: Timestamp, seconds: i64) -> Timestamp {
    ts.checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or(ts)
}
