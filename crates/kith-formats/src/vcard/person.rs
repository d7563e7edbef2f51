//! What kith keeps of a card calcard has read: names, every email, phone and web address,
//! company, role, tags, note, location and birthday.

use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameter, VCardParameterName, VCardParameterValue,
    VCardProperty, VCardValue,
};
use kith_core::person::{normalize_email, normalize_name, normalize_phone, normalize_tag};

use super::birthday::{birthday, raw_value};
use crate::{Contact, Unusable, urls};

/// The contact a parsed card describes, or why it is not a person.
pub(super) fn contact(card: &VCard, lines: &[&str], line: usize) -> Result<Contact, String> {
    if is_group(card) {
        return Err("a contact group (KIND:group), not a person".to_owned());
    }
    let mut contact = Contact {
        line,
        ..Contact::default()
    };
    read_emails(card, &mut contact);
    read_phones(card, &mut contact);
    read_urls(card, &mut contact);

    contact.company = entries(card, &VCardProperty::Org).find_map(first_line_of);
    contact.role = [VCardProperty::Title, VCardProperty::Role]
        .iter()
        .find_map(|prop| entries(card, prop).find_map(first_line_of));
    contact.name = display_name(card, &contact)
        .ok_or("card has no name: no FN, N, NICKNAME, ORG or email to call it by")?;

    for entry in entries(card, &VCardProperty::Categories) {
        for value in entry.values.iter().filter_map(text_of) {
            // Some writers escape the commas between categories; a tag never holds one.
            for tag in value.split(',').filter_map(normalize_tag) {
                let system_group = tag.trim_start_matches("* ").replace(' ', "") == "mycontacts";
                if !system_group && !contact.tags.contains(&tag) {
                    contact.tags.push(tag);
                }
            }
        }
    }
    let notes: Vec<String> = entries(card, &VCardProperty::Note)
        .filter_map(|entry| entry.values.first().and_then(text_of))
        .filter_map(|note| multi_line(&note))
        .collect();
    contact.note = (!notes.is_empty()).then(|| notes.join("\n\n"));
    contact.location = location(card);
    if let Some(entry) = entries(card, &VCardProperty::Bday).next() {
        match birthday(entry, raw_value(lines, "BDAY").as_deref()) {
            Ok(day) => contact.birthday = day,
            Err(raw) => contact.warnings.push(Unusable::new(
                "birthday",
                format!("birthday {raw:?} is not a date; left out"),
            )),
        }
    }
    Ok(contact)
}

/// `KIND:group` (vCard 4.0) or Apple's `X-ADDRESSBOOKSERVER-KIND:group` (3.0).
fn is_group(card: &VCard) -> bool {
    card.entries.iter().any(|entry| {
        let kind_property = match &entry.name {
            VCardProperty::Kind => true,
            VCardProperty::Other(name) => name.eq_ignore_ascii_case("X-ADDRESSBOOKSERVER-KIND"),
            _ => false,
        };
        kind_property
            && entry.values.first().is_some_and(|value| match value {
                VCardValue::Kind(kind) => *kind == VCardKind::Group,
                other => text_of(other).is_some_and(|t| t.trim().eq_ignore_ascii_case("group")),
            })
    })
}

/// FN, else the parts of N, else a nickname, the organisation or the first email.
fn display_name(card: &VCard, contact: &Contact) -> Option<String> {
    let from_fn = entries(card, &VCardProperty::Fn).find_map(first_line_of);
    let from_n = || {
        entries(card, &VCardProperty::N).find_map(|entry| {
            // N is family; given; additional; prefixes; suffixes.
            let parts: Vec<String> = [1, 2, 0]
                .iter()
                .filter_map(|&i| entry.values.get(i))
                .filter_map(text_of)
                .filter_map(|part| one_line(&part))
                .collect();
            one_line(&parts.join(" "))
        })
    };
    let from_nickname = || entries(card, &VCardProperty::Nickname).find_map(first_line_of);
    from_fn
        .or_else(from_n)
        .or_else(from_nickname)
        .or_else(|| contact.company.clone())
        .or_else(|| contact.emails.first().cloned())
        .and_then(|name| normalize_name("name", &name).ok())
}

/// Every EMAIL, preferred ones first; a malformed one is a warning.
fn read_emails(card: &VCard, contact: &mut Contact) {
    let mut found = Vec::new();
    for entry in by_preference(card, &VCardProperty::Email) {
        for raw in entry.values.iter().filter_map(text_of) {
            if raw.trim().is_empty() {
                continue;
            }
            match normalize_email(&raw) {
                Ok(email) => {
                    if !found
                        .iter()
                        .any(|e: &String| e.eq_ignore_ascii_case(&email))
                    {
                        found.push(email);
                    }
                }
                Err(err) => contact
                    .warnings
                    .push(Unusable::new("email", format!("{err}; left out"))),
            }
        }
    }
    contact.emails = found;
}

/// Every TEL, preferred ones first; `tel:` URIs (4.0) are unwrapped.
fn read_phones(card: &VCard, contact: &mut Contact) {
    for entry in by_preference(card, &VCardProperty::Tel) {
        for raw in entry.values.iter().filter_map(text_of) {
            let value = raw.trim();
            if value.is_empty() {
                continue;
            }
            let value = strip_prefix_ignore_case(value, "tel:").unwrap_or(value);
            let (number, params) = value.split_once(';').unwrap_or((value, ""));
            match normalize_phone(number) {
                Ok(phone) => {
                    let extension = params
                        .split(';')
                        .find_map(|p| strip_prefix_ignore_case(p.trim(), "ext="));
                    if let Some(ext) = extension {
                        contact.warnings.push(Unusable::new(
                            "phone",
                            format!("phone {phone}: extension {ext} not kept"),
                        ));
                    }
                    if !contact.phones.contains(&phone) {
                        contact.phones.push(phone);
                    }
                }
                Err(err) => contact
                    .warnings
                    .push(Unusable::new("phone", format!("{err}; left out"))),
            }
        }
    }
}

/// Every URL, then social profiles (SOCIALPROFILE, X-SOCIALPROFILE, IMPP) that are web
/// addresses or name a LinkedIn or GitHub user. The first LinkedIn profile is `linkedin`.
fn read_urls(card: &VCard, contact: &mut Contact) {
    let mut found: Vec<String> = Vec::new();
    for entry in by_preference(card, &VCardProperty::Url) {
        for value in &entry.values {
            // A `data:` URI arrives as binary; it is not an address anyone can visit.
            let VCardValue::Text(raw) = value else {
                continue;
            };
            if raw.trim().is_empty() {
                continue;
            }
            match urls::normalize(raw) {
                Some(url) => found.push(url),
                None => contact.warnings.push(Unusable::new(
                    "url",
                    format!("url {:?} is not a web address; left out", raw.trim()),
                )),
            }
        }
    }
    for entry in card.entries.iter().filter(|entry| is_profile(&entry.name)) {
        for raw in entry.values.iter().filter_map(text_of) {
            if let Some(url) = profile_url(entry, raw.trim()) {
                found.push(url);
            }
        }
    }
    for url in found {
        if contact.linkedin.is_none() && urls::is_linkedin_profile(&url) {
            contact.linkedin = Some(url.clone());
        }
        if !contact.urls.contains(&url) {
            contact.urls.push(url);
        }
    }
}

fn is_profile(name: &VCardProperty) -> bool {
    match name {
        VCardProperty::Socialprofile | VCardProperty::Impp => true,
        VCardProperty::Other(name) => {
            name.eq_ignore_ascii_case("X-SOCIALPROFILE") || name.eq_ignore_ascii_case("X-IMPP")
        }
        _ => false,
    }
}

/// A social profile as a canonical web address: the value itself when it is one, else a
/// LinkedIn or GitHub URL built from the user name when the service is one of those.
fn profile_url(entry: &VCardEntry, raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let web = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.contains("linkedin.com/")
        || lower.contains("github.com/");
    if web {
        return urls::normalize(raw);
    }
    let service = entry.params.iter().find_map(|param| {
        let named = match &param.name {
            VCardParameterName::Type | VCardParameterName::ServiceType => true,
            VCardParameterName::Other(name) => name.eq_ignore_ascii_case("X-SERVICE-TYPE"),
            _ => false,
        };
        let value = param.value.as_text()?.to_ascii_lowercase();
        (named && (value == "linkedin" || value == "github")).then_some(value)
    })?;
    let user_param = entry.params.iter().find_map(|param| {
        let named = match &param.name {
            VCardParameterName::Username => true,
            VCardParameterName::Other(name) => name.eq_ignore_ascii_case("X-USER"),
            _ => false,
        };
        named.then(|| param.value.as_text()).flatten()
    });
    // Without a user parameter the value is the user, maybe behind a scheme (`x-apple:ada`).
    let user = user_param
        .unwrap_or_else(|| raw.rsplit(':').next().unwrap_or(raw))
        .trim();
    if user.is_empty() || user.contains(['/', ' ', '?', '#']) {
        return None;
    }
    let url = if service == "linkedin" {
        format!("https://www.linkedin.com/in/{user}")
    } else {
        format!("https://github.com/{user}")
    };
    urls::normalize(&url)
}

/// City and country from the first structured ADR (preferred ones first), else the
/// first LABEL or unstructured ADR as one line.
fn location(card: &VCard) -> Option<String> {
    let adrs: Vec<&VCardEntry> = by_preference(card, &VCardProperty::Adr).collect();
    // ADR is PO box; extended; street; locality; region; postal code; country.
    let part = |entry: &VCardEntry, i: usize| {
        entry
            .values
            .get(i)
            .and_then(text_of)
            .and_then(|p| one_line(&p))
    };
    let structured = adrs.iter().find_map(|entry| {
        let place = part(entry, 3).or_else(|| part(entry, 4));
        let country = part(entry, 6);
        match (place, country) {
            (Some(place), Some(country)) if place != country => Some(format!("{place}, {country}")),
            (Some(one), _) | (None, Some(one)) => Some(one),
            (None, None) => None,
        }
    });
    let label = || {
        let labels = card.entries.iter().filter(|entry| match &entry.name {
            VCardProperty::Other(name) => name.eq_ignore_ascii_case("LABEL"),
            _ => false,
        });
        labels
            .filter_map(|entry| entry.values.first().and_then(text_of))
            .find_map(|text| address_line(&[text]))
    };
    let loose = || {
        adrs.iter().find_map(|entry| {
            let parts: Vec<String> = entry.values.iter().filter_map(text_of).collect();
            address_line(&parts)
        })
    };
    structured.or_else(label).or_else(loose)
}

/// Address pieces, each possibly several lines, as one comma-separated line.
fn address_line(parts: &[String]) -> Option<String> {
    let pieces: Vec<String> = parts
        .iter()
        .flat_map(|part| part.split(['\n', '\r']))
        .filter_map(one_line)
        .map(|piece| piece.trim_end_matches(',').trim().to_owned())
        .filter(|piece| !piece.is_empty())
        .collect();
    (!pieces.is_empty()).then(|| pieces.join(", "))
}

fn entries<'a>(card: &'a VCard, prop: &'a VCardProperty) -> impl Iterator<Item = &'a VCardEntry> {
    card.entries.iter().filter(move |entry| &entry.name == prop)
}

/// A property's entries, most preferred first (`PREF=1` before `PREF=2`; a bare 2.1 `PREF`
/// or a 3.0 `TYPE=pref` counts as 1), otherwise in file order.
fn by_preference<'a>(
    card: &'a VCard,
    prop: &'a VCardProperty,
) -> impl Iterator<Item = &'a VCardEntry> {
    let mut found: Vec<&VCardEntry> = entries(card, prop).collect();
    found.sort_by_key(|entry| preference(entry));
    found.into_iter()
}

fn preference(entry: &VCardEntry) -> u32 {
    let rank = |param: &VCardParameter| match (&param.name, &param.value) {
        (VCardParameterName::Pref, VCardParameterValue::Integer(rank)) => Some(*rank),
        (VCardParameterName::Pref, _) => Some(1),
        (VCardParameterName::Type, value) => value
            .as_text()
            .is_some_and(|t| t.eq_ignore_ascii_case("pref"))
            .then_some(1),
        _ => None,
    };
    entry
        .params
        .iter()
        .filter_map(rank)
        .min()
        .unwrap_or(u32::MAX)
}

/// A value as text. Quoted-printable bytes calcard could not decode with the card's
/// charset arrive as binary with no media type; they are read as UTF-8, losing only the
/// broken bytes.
fn text_of(value: &VCardValue) -> Option<String> {
    match value {
        VCardValue::Text(text) => Some(text.clone()),
        VCardValue::Component(parts) => Some(parts.join(" ")),
        VCardValue::Binary(data) if data.content_type.is_none() => Some(
            String::from_utf8_lossy(&data.data)
                .chars()
                .filter(|c| *c != char::REPLACEMENT_CHARACTER)
                .collect(),
        ),
        _ => None,
    }
}

fn first_line_of(entry: &VCardEntry) -> Option<String> {
    entry
        .values
        .first()
        .and_then(text_of)
        .and_then(|t| one_line(&t))
}

/// Whitespace and control characters (newlines included) collapsed to single spaces;
/// `None` when nothing is left.
fn one_line(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// Line breaks kept (as LF) but each line trimmed at the end, other controls dropped.
fn multi_line(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            line.chars()
                .filter(|c| !c.is_control() || *c == '\t')
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}
