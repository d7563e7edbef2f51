//! BDAY in every spelling devices use, as `YYYY-MM-DD` or `--MM-DD`.

use calcard::vcard::{VCardEntry, VCardParameterName, VCardValue};

/// BDAY as `YYYY-MM-DD` or `--MM-DD`; `Ok(None)` when it gives no month and day (a year
/// alone), `Err` with the raw text when it is not a date at all. The raw text is read
/// first: calcard drops the day of an extended-format date (`1985-04-12`, `--04-12`) in a
/// 4.0 card or one with no VERSION.
pub(super) fn birthday(entry: &VCardEntry, raw: Option<&str>) -> Result<Option<String>, String> {
    let raw = raw.unwrap_or_default().trim();
    let from_calcard = || match entry.values.first() {
        Some(VCardValue::PartialDateTime(date)) => Some((date.year, date.month?, date.day?)),
        _ => None,
    };
    let (year, month, day) = match date_from_text(raw).or_else(from_calcard) {
        Some(date) => date,
        None if raw.is_empty() || is_partial_date(raw) => return Ok(None),
        None => return Err(raw.to_owned()),
    };
    // Apple writes a placeholder year and names it in X-APPLE-OMIT-YEAR.
    let omitted = entry.params.iter().find_map(|param| match &param.name {
        VCardParameterName::Other(name) if name.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR") => {
            param.value.as_text()?.trim().parse::<u16>().ok()
        }
        _ => None,
    });
    let year = year.filter(|&y| Some(y) != omitted && y != 0);
    let valid = i16::try_from(year.unwrap_or(2000)).is_ok_and(|y| {
        let month = i8::try_from(month).unwrap_or(0);
        let day = i8::try_from(day).unwrap_or(0);
        jiff::civil::Date::new(y, month, day).is_ok()
    });
    if !valid {
        return Err(raw.to_owned());
    }
    Ok(Some(match year {
        Some(year) => format!("{year:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    }))
}

/// A year, or a year and month, with no day: `1985`, `1985-04`.
fn is_partial_date(raw: &str) -> bool {
    let digits: String = raw.chars().filter(|c| *c != '-').collect();
    digits.chars().all(|c| c.is_ascii_digit()) && matches!(digits.len(), 4 | 6)
}

/// The unfolded raw value of a card's first `name` property, for the values calcard
/// reads lossily.
pub(super) fn raw_value(lines: &[&str], name: &str) -> Option<String> {
    let mut logical: Vec<String> = Vec::new();
    for line in lines {
        match (line.strip_prefix([' ', '\t']), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => logical.push((*line).to_owned()),
        }
    }
    logical.iter().find_map(|line| {
        let (head, value) = line.split_once(':')?;
        let property = head.split(';').next()?.rsplit('.').next()?;
        property
            .trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

/// `--MMDD`, `--MM-DD`, `YYYYMMDD` or `YYYY-MM-DD`, maybe followed by `T` and a time.
fn date_from_text(raw: &str) -> Option<(Option<u16>, u8, u8)> {
    let date = raw.split(['T', 't']).next().unwrap_or(raw);
    let (yearless, rest) = match date.strip_prefix("--") {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let digits: String = rest.chars().filter(|c| *c != '-').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| digits.get(range)?.parse::<u16>().ok();
    match (yearless, digits.len()) {
        (true, 4) => Some((None, number(0..2)? as u8, number(2..4)? as u8)),
        (false, 8) => Some((
            Some(number(0..4)?),
            number(4..6)? as u8,
            number(6..8)? as u8,
        )),
        _ => None,
    }
}
