//! Reading the dates people type: `2026-11-20`, `yesterday`, `3d ago`, `in 2w`,
//! `next friday`. The current moment is an argument, so every case is a table row.

use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ZonedDateTime};

use crate::parse::ParseError;

const EXPECTED: &str = "a date such as 2026-11-20, today, yesterday, tomorrow, 3d ago, \
                        in 2w, +10d, next friday or last monday";

/// A calendar date, relative to `today`.
pub fn parse_date(text: &str, today: Date) -> Result<Date, ParseError> {
    let err = || ParseError::new("date", text, EXPECTED);
    let lowered = text.trim().to_lowercase();
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let shifted = |sign: i64, amount: &str| -> Result<Date, ParseError> {
        let span = parse_span(amount).ok_or_else(err)?;
        let span = if sign < 0 { span.negate() } else { span };
        today.checked_add(span).map_err(|_| err())
    };
    match words.as_slice() {
        ["today"] | ["now"] => Ok(today),
        ["yesterday"] => today.yesterday().map_err(|_| err()),
        ["tomorrow"] => today.tomorrow().map_err(|_| err()),
        [amount, "ago"] => shifted(-1, amount),
        [n, unit, "ago"] => shifted(-1, &format!("{n}{unit}")),
        ["in", amount] => shifted(1, amount),
        ["in", n, unit] => shifted(1, &format!("{n}{unit}")),
        ["next", day] => {
            let weekday = parse_weekday(day).ok_or_else(err)?;
            today.nth_weekday(1, weekday).map_err(|_| err())
        }
        ["last", day] => {
            let weekday = parse_weekday(day).ok_or_else(err)?;
            today.nth_weekday(-1, weekday).map_err(|_| err())
        }
        [one] if one.starts_with('+') => shifted(1, &one[1..]),
        [one] if one.starts_with('-') && one[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            shifted(-1, &one[1..])
        }
        [one] => one.parse::<Date>().map_err(|_| err()),
        _ => Err(err()),
    }
}

/// A moment, relative to `now` and read in `now`'s time zone. Relative forms keep the
/// current time of day (`3d ago` is 72 hours back); a bare date means noon that day, so it
/// lands on the same calendar day in any zone a reader is likely to be in.
pub fn parse_when(text: &str, now: &ZonedDateTime) -> Result<Timestamp, ParseError> {
    let trimmed = text.trim();
    if let Ok(ts) = trimmed.parse::<Timestamp>() {
        return Ok(ts);
    }
    let tz = now.time_zone().clone();
    if trimmed.contains(':') {
        if let Ok(dt) = trimmed.replacen(' ', "T", 1).parse::<DateTime>() {
            return at_local(dt, &tz, text);
        }
    } else if let Ok(date) = trimmed.parse::<Date>() {
        return at_local(date.at(12, 0, 0, 0), &tz, text);
    }
    let date = parse_date(trimmed, now.date()).map_err(|e| ParseError {
        what: "date or time",
        expected: format!(
            "{}, or a date and time such as 2026-11-20 14:30",
            e.expected
        ),
        ..e
    })?;
    at_local(date.to_datetime(now.time()), &tz, text)
}

fn at_local(dt: DateTime, tz: &TimeZone, text: &str) -> Result<Timestamp, ParseError> {
    dt.to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp())
        .map_err(|_| {
            ParseError::new(
                "date or time",
                text,
                "a moment that exists in your time zone",
            )
        })
}

/// A length in whole days for cadences: `21`, `21d`, `3w`, `2m` (30 days each), `1y`
/// (365 days). At least one day, at most ten years.
pub fn parse_days(text: &str) -> Result<i64, ParseError> {
    let bad = || ParseError::new("length", text, "days such as 21, 3w, 2m or 1y");
    let compact: String = text.split_whitespace().collect::<String>().to_lowercase();
    let days = if let Ok(n) = compact.parse::<i64>() {
        n
    } else {
        let span = parse_span(&compact).ok_or_else(bad)?;
        span.get_days() as i64
            + span.get_weeks() as i64 * 7
            + span.get_months() as i64 * 30
            + span.get_years() as i64 * 365
    };
    if (1..=3650).contains(&days) {
        Ok(days)
    } else {
        Err(bad())
    }
}

/// `3d`, `2w`, `1m`, `1y`, `10days`, `2 weeks` (the space already removed by the caller).
pub fn parse_span(text: &str) -> Option<Span> {
    let digits_end = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(digits_end);
    let n: i64 = number.parse().ok()?;
    if n > 10_000 {
        return None;
    }
    let span = match unit {
        "d" | "day" | "days" => Span::new().try_days(n),
        "w" | "wk" | "week" | "weeks" => Span::new().try_weeks(n),
        "m" | "mo" | "month" | "months" => Span::new().try_months(n),
        "y" | "yr" | "year" | "years" => Span::new().try_years(n),
        _ => return None,
    };
    span.ok()
}

fn parse_weekday(text: &str) -> Option<Weekday> {
    let days = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    days.iter()
        .find(|(name, _)| text.len() >= 3 && name.starts_with(text))
        .map(|(_, day)| *day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn cadence_lengths_are_whole_days() {
        for (text, days) in [
            ("21", 21),
            ("21d", 21),
            ("3w", 21),
            ("2m", 60),
            ("1y", 365),
            ("6 weeks", 42),
        ] {
            assert_eq!(parse_days(text), Ok(days), "{text}");
        }
        for bad in ["", "0", "-3", "3x", "soon", "11y", "2w3d"] {
            assert!(parse_days(bad).is_err(), "{bad}");
        }
    }

    // Monday 23 November 2026.
    const TODAY: Date = date(2026, 11, 23);

    #[test]
    fn dates_people_type() {
        let cases: &[(&str, Option<Date>)] = &[
            ("2026-11-20", Some(date(2026, 11, 20))),
            ("today", Some(TODAY)),
            ("Yesterday", Some(date(2026, 11, 22))),
            ("tomorrow", Some(date(2026, 11, 24))),
            ("3d ago", Some(date(2026, 11, 20))),
            ("3 days ago", Some(date(2026, 11, 20))),
            ("2w ago", Some(date(2026, 11, 9))),
            ("1m ago", Some(date(2026, 10, 23))),
            ("in 2w", Some(date(2026, 12, 7))),
            ("in 10 days", Some(date(2026, 12, 3))),
            ("+1y", Some(date(2027, 11, 23))),
            ("-1d", Some(date(2026, 11, 22))),
            ("next friday", Some(date(2026, 11, 27))),
            ("next mon", Some(date(2026, 11, 30))),
            ("last monday", Some(date(2026, 11, 16))),
            ("2026-02-30", None),
            ("20/11/2026", None),
            ("3x ago", None),
            ("next fr", None),
            ("soon", None),
            ("", None),
            ("99999d ago", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, TODAY).ok(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn a_bad_date_names_itself_and_the_accepted_forms() {
        let err = parse_date("soon", TODAY).unwrap_err();
        assert_eq!(err.what, "date");
        assert_eq!(err.value, "soon");
        assert!(err.to_string().contains("3d ago"), "{err}");
    }

    #[test]
    fn moments_people_type() {
        let now = date(2026, 11, 23)
            .at(9, 30, 0, 0)
            .in_tz("Europe/Berlin")
            .unwrap();
        let at = |y, m, d, h, min| {
            date(y, m, d)
                .at(h, min, 0, 0)
                .in_tz("Europe/Berlin")
                .unwrap()
                .timestamp()
        };
        let cases: &[(&str, Option<Timestamp>)] = &[
            ("2026-11-20", Some(at(2026, 11, 20, 12, 0))),
            ("2026-11-20 14:30", Some(at(2026, 11, 20, 14, 30))),
            ("2026-11-20T14:30", Some(at(2026, 11, 20, 14, 30))),
            ("2026-11-20T13:30:00Z", Some(at(2026, 11, 20, 14, 30))),
            ("yesterday", Some(at(2026, 11, 22, 9, 30))),
            ("3d ago", Some(at(2026, 11, 20, 9, 30))),
            ("today", Some(now.timestamp())),
            ("2026-13-01", None),
            ("at some point", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_when(input, &now).ok(), *expected, "input {input:?}");
        }
        let err = parse_when("whenever", &now).unwrap_err();
        assert_eq!(err.what, "date or time");
    }
}
