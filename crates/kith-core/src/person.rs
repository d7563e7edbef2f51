//! People in the seeker's network, and the small links other records carry to them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::handle::Handle;
use crate::id::{CompanyId, PersonId};
use crate::parse::ParseError;

/// Someone in the seeker's network, or someone they want to reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub handle: Handle,
    pub name: String,
    pub company: Option<CompanyLink>,
    pub role: Option<String>,
    pub location: Option<String>,
    /// `YYYY-MM-DD`, or `--MM-DD` when the year is not known (`normalize_birthday`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    pub how_met: Option<String>,
    pub note: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    pub tags: Vec<String>,
    /// Names this person went by before: the name they had when the user renamed them,
    /// and the names of people merged into them. An import still knows them by these, so
    /// a file that calls them by an old name updates them rather than adding someone new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_names: Vec<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Enough of a person to name them in another record's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLink {
    pub id: PersonId,
    pub handle: Handle,
    pub name: String,
}

/// Enough of a company to name it in another record's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyLink {
    pub id: CompanyId,
    pub handle: Handle,
    pub name: String,
}

impl Person {
    pub fn link(&self) -> PersonLink {
        PersonLink {
            id: self.id,
            handle: self.handle.clone(),
            name: self.name.clone(),
        }
    }
}

/// The former names of someone called `old` who is now called `new`: `old` joins them
/// unless it is the same name (case and spacing aside) or there already; a former name that
/// is the new name is dropped.
pub fn former_names_after_rename(former: &[String], old: &str, new: &str) -> Vec<String> {
    let mut names: Vec<String> = former
        .iter()
        .filter(|n| !crate::identity::same_name(n, new))
        .cloned()
        .collect();
    push_former_name(&mut names, new, old);
    names
}

/// The former names of a kept person after `absorbed` is merged into `kept`: the kept
/// person's own, then the absorbed person's name and former names, each once and none
/// the kept person's name.
pub fn former_names_after_merge(kept: &Person, absorbed: &Person) -> Vec<String> {
    let mut names = kept.former_names.clone();
    for name in std::iter::once(&absorbed.name).chain(&absorbed.former_names) {
        push_former_name(&mut names, &kept.name, name);
    }
    names
}

fn push_former_name(names: &mut Vec<String>, current: &str, name: &str) {
    let same = |n: &String| crate::identity::same_name(n, name);
    if !crate::identity::same_name(current, name) && !names.iter().any(same) {
        names.push(name.to_owned());
    }
}

/// Tags are compared and stored lowercase and trimmed, so `Rust` and `rust ` are one tag.
pub fn normalize_tag(tag: &str) -> Option<String> {
    let tag: String = tag.chars().filter(|c| !c.is_control()).collect();
    let tag = tag.trim().to_lowercase();
    (!tag.is_empty()).then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rename_keeps_the_old_name_once() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            former_names_after_rename(&[], "Robert Smith", "Bob Smith"),
            names(&["Robert Smith"])
        );
        // Only case or spacing changed: not a former name.
        assert!(former_names_after_rename(&[], "ada  lovelace", "Ada Lovelace").is_empty());
        // Renamed back: the name they have again is no longer a former one.
        assert_eq!(
            former_names_after_rename(&names(&["Robert Smith"]), "Bob Smith", "robert smith"),
            names(&["Bob Smith"])
        );
        assert_eq!(
            former_names_after_rename(&names(&["Rob Smith"]), "Bob Smith", "Robert Smith"),
            names(&["Rob Smith", "Bob Smith"])
        );
    }

    #[test]
    fn a_merge_keeps_the_absorbed_names() {
        let person = |name: &str, former: &[&str]| Person {
            id: PersonId::new(),
            handle: Handle::parse("x").unwrap(),
            name: name.to_owned(),
            company: None,
            role: None,
            location: None,
            birthday: None,
            how_met: None,
            note: None,
            emails: vec![],
            phones: vec![],
            urls: vec![],
            tags: vec![],
            former_names: former.iter().map(|s| (*s).to_owned()).collect(),
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
        };
        let kept = person("Bob Smith", &["Bobby Smith"]);
        assert_eq!(
            former_names_after_merge(&kept, &person("Robert Smith", &["R. Smith", "bob smith"])),
            ["Bobby Smith", "Robert Smith", "R. Smith"]
        );
        // Namesakes merged: nothing to remember.
        assert_eq!(
            former_names_after_merge(&kept, &person("BOB SMITH", &[])),
            ["Bobby Smith"]
        );
    }

    #[test]
    fn birthdays_with_and_without_a_year() {
        for (typed, kept) in [
            ("1985-04-12", "1985-04-12"),
            (" --04-12 ", "--04-12"),
            ("04-12", "--04-12"),
            ("--02-29", "--02-29"),
            ("2000-02-29", "2000-02-29"),
        ] {
            assert_eq!(normalize_birthday(typed).as_deref(), Ok(kept), "{typed:?}");
        }
        for bad in [
            "",
            "1985",
            "1985-04",
            "02-30",
            "1985-02-29",
            "13-01",
            "12 April",
            "85-04-12",
            "1985-4-12",
            "-04-12-",
            "+04-12",
        ] {
            assert!(normalize_birthday(bad).is_err(), "{bad:?}");
        }
        assert_eq!(birthday_text("1985-04-12"), "12 April 1985");
        assert_eq!(birthday_text("--02-29"), "29 February");
    }

    #[test]
    fn tags_are_trimmed_and_lowercased() {
        assert_eq!(normalize_tag(" Rust "), Some("rust".to_owned()));
        assert_eq!(
            normalize_tag("Ex-Colleague"),
            Some("ex-colleague".to_owned())
        );
        assert_eq!(normalize_tag("   "), None);
        assert_eq!(normalize_tag("ru\u{1f}st"), Some("rust".to_owned()));
    }
}

/// A birthday as typed: `1985-04-12`, or without the year `--04-12` or `04-12`; kept as
/// `YYYY-MM-DD` or `--MM-DD`, as vCard and the importers write it. A day that no year has
/// (`02-30`) is rejected; `--02-29` is a day.
pub fn normalize_birthday(text: &str) -> Result<String, ParseError> {
    let bad = || ParseError::new("birthday", text, "a date such as 1985-04-12, or --04-12");
    let trimmed = text.trim();
    let parts: Vec<&str> = trimmed.trim_start_matches('-').split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i16>().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if !trimmed.starts_with('-') => (
            Some(number(y, 4).ok_or_else(bad)?),
            number(m, 2).ok_or_else(bad)?,
            number(d, 2).ok_or_else(bad)?,
        ),
        [m, d] => (
            None,
            number(m, 2).ok_or_else(bad)?,
            number(d, 2).ok_or_else(bad)?,
        ),
        _ => return Err(bad()),
    };
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return Err(bad());
    };
    // A leap year stands in for an unknown one, so that 29 February is a day.
    jiff::civil::Date::new(year.unwrap_or(2000), month, day).map_err(|_| bad())?;
    Ok(match year {
        Some(year) => format!("{year:04}-{month:02}-{day:02}"),
        None => format!("--{month:02}-{day:02}"),
    })
}

/// A stored birthday for people to read: `12 April 1985`, or `12 April`.
pub fn birthday_text(birthday: &str) -> String {
    let year_known = !birthday.starts_with("--");
    let full = if year_known {
        birthday.to_owned()
    } else {
        format!("2000{}", &birthday[1..])
    };
    match full.parse::<jiff::civil::Date>() {
        Ok(date) if year_known => date.strftime("%-d %B %Y").to_string(),
        Ok(date) => date.strftime("%-d %B").to_string(),
        Err(_) => birthday.to_owned(),
    }
}

/// An email address as typed, trimmed; rejected unless it has one `@` with text on both
/// sides and a dot in the domain.
pub fn normalize_email(text: &str) -> Result<String, ParseError> {
    let email = text.trim().trim_start_matches("mailto:");
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if valid {
        Ok(email.to_owned())
    } else {
        Err(ParseError::new(
            "email",
            text,
            "an address such as ada@example.com",
        ))
    }
}

/// A phone number as typed, trimmed; rejected unless it has at least three digits and
/// nothing but digits, spaces and `+-.()/`.
pub fn normalize_phone(text: &str) -> Result<String, ParseError> {
    let phone = text.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()/".contains(c));
    if digits >= 3 && allowed {
        Ok(phone.to_owned())
    } else {
        Err(ParseError::new(
            "phone",
            text,
            "a number such as +44 20 7946 0958",
        ))
    }
}

/// A web address; `github.com/ada` gains `https://`. Rejected if it has spaces or no host.
pub fn normalize_url(text: &str) -> Result<String, ParseError> {
    let url = text.trim();
    let with_scheme = if url.starts_with("https://") || url.starts_with("http://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    let host = with_scheme
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or("");
    if host.contains('.')
        && !with_scheme
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        Ok(with_scheme)
    } else {
        Err(ParseError::new(
            "url",
            text,
            "a web address such as https://github.com/ada",
        ))
    }
}

/// A display name: trimmed, inner whitespace collapsed, never empty.
pub fn normalize_name(what: &'static str, text: &str) -> Result<String, ParseError> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(ParseError::new(what, text, "a non-empty name"))
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    #[test]
    fn emails() {
        let cases = [
            ("ada@example.com", Some("ada@example.com")),
            ("  mailto:ada@example.com ", Some("ada@example.com")),
            ("ada", None),
            ("ada@localhost", None),
            ("a b@example.com", None),
            ("@example.com", None),
            ("ada@@example.com", None),
            ("ada\u{1f}x@example.com", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_email(input).ok().as_deref(),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn phones() {
        let cases = [
            ("+44 20 7946 0958", Some("+44 20 7946 0958")),
            ("(555) 010-0199", Some("(555) 010-0199")),
            ("12", None),
            ("call me", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_phone(input).ok().as_deref(),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn urls() {
        let cases = [
            ("https://github.com/ada", Some("https://github.com/ada")),
            ("linkedin.com/in/ada", Some("https://linkedin.com/in/ada")),
            ("http://ada.dev", Some("http://ada.dev")),
            ("ada", None),
            ("https://exa mple.com", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                normalize_url(input).ok().as_deref(),
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            normalize_name("name", "  Ada   Lovelace ").unwrap(),
            "Ada Lovelace"
        );
        assert_eq!(normalize_name("name", " \t").unwrap_err().what, "name");
    }
}
