//! The vCard export read back by a parser kith did not write: Python's `vobject`
//! (`read_vcf.py` next to this file) must parse a file of people chosen to break writers
//! and give back every property exactly as it went in. The same bytes must also satisfy
//! RFC 6350's line rules (CRLF, at most 75 octets, no character split by a fold) and read
//! back through kith's own vCard importer to the same people.
//!
//! The interpreter comes from `KITH_TEST_PYTHON`, which `cargo xtask test` sets to a venv
//! it makes. Without it the vobject test fails: a run that meant to validate the export
//! and validated nothing must not pass.

use kith_core::person::{normalize_email, normalize_phone, normalize_tag};
use kith_core::{CompanyId, CompanyLink, Handle, Person, PersonId};
use kith_formats::export::to_vcard;
use kith_formats::{Format, urls};
use serde_json::{Map, Value, json};

use crate::support::read_with_python;

/// Text with each of vCard's escaped characters, a colon, every kind of line break,
/// backslashes before letters an unescaper might take for an escape, and text ending in
/// a backslash (which, unescaped, would swallow the separator after it).
const AWKWARD: [&str; 8] = [
    "Coffee with Ada, Grace; and \\ Linus: at 10:30",
    "Zeile eins\nZeile zwei\r\nZeile drei\rEnde",
    "C:\\Users\\ada\\notes.txt, a literal \\n, \\N, \\, and \\;",
    "ends with a backslash \\",
    "\\\\,,;;\\n\n\\",
    "key: value; other: \"a,b\"; tab\there",
    "two\n\nbreaks\r\n\r\nand \\\n backslash before one",
    "a control\u{7} character, an escape\u{1b} and a DEL\u{7f} go; a zero-width joiner \u{200d} stays",
];

/// Long text in two-, three- and four-octet characters that must fold, emoji with
/// zero-width-joiner sequences and flags included.
const LONG: [&str; 4] = [
    "Größenordnungsüberlegungen für Bewerbungsgespräche in Köln, Düsseldorf; Straße 5. \
     Größenordnungsüberlegungen für Bewerbungsgespräche in Köln, Düsseldorf; Straße 5.",
    "Ελληνικά και Кириллица: собеседование в Москве, Αθήνα; ещё раз — Ελληνικά και Кириллица",
    "東京で面接、大阪で懇親会；서울에서 회의. 東京で面接、大阪で懇親会；서울에서 회의. 東京で面接、大阪で懇親会",
    "👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👩‍💻🎉🇩🇪🧑🏽‍🚀 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 🏳️‍🌈🏳️‍🌈 👩‍💻🎉🇩🇪🧑🏽‍🚀",
];

fn person(handle: &str, name: &str) -> Person {
    Person {
        id: PersonId::new(),
        handle: Handle::parse(handle).expect("a handle"),
        name: name.to_owned(),
        company: None,
        role: None,
        location: None,
        birthday: None,
        how_met: None,
        note: None,
        emails: Vec::new(),
        phones: Vec::new(),
        urls: Vec::new(),
        tags: Vec::new(),
        former_names: Vec::new(),
        created_at: jiff::Timestamp::UNIX_EPOCH,
        updated_at: jiff::Timestamp::UNIX_EPOCH,
    }
}

fn company(name: &str) -> Option<CompanyLink> {
    Some(CompanyLink {
        id: CompanyId::new(),
        handle: Handle::parse("some-company").expect("a handle"),
        name: name.to_owned(),
    })
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// People that between them put every awkward and long text into every field the
/// exporter writes, plus the sparse shapes: only a name, a company without a role and a
/// role without a company.
fn awkward_people() -> Vec<Person> {
    let mut people = Vec::new();

    people.push(person("ada", "Ada"));

    let mut p = person("grace-hopper", "Grace \\ Hopper, Jr.; PhD: Navy");
    p.company = company("Engines, Ltd; London \\ Branch: North");
    people.push(p);

    let mut p = person("linus", "Linus Torvalds");
    p.role = some("Staff Engineer, Platform; Infra \\ Ops: on-call\nsecond line\r\nthird\rfourth");
    people.push(p);

    let mut p = person("many-ways", "Margaret Hamilton");
    p.company = company("Apollo");
    p.role = some("Director");
    p.emails = strings(&[
        "margaret@example.com",
        "m.hamilton+jobs@work.example.org",
        "MH@Example.COM",
    ]);
    p.phones = strings(&["+1 (617) 555-0100", "617.555.0199", "+49 30 1234/567-8"]);
    p.urls = strings(&[
        "https://www.linkedin.com/in/margaret-hamilton",
        "https://github.com/mhamilton",
        "https://example.com/people/margaret?tags=a,b;c&name=Jos%C3%A9#x",
        "https://blog.example.org/2026/11/a,b;c",
    ]);
    people.push(p);

    for (i, text) in AWKWARD.iter().enumerate() {
        let mut p = person(&format!("awkward-{i}"), &format!("Awkward Person {i}"));
        p.note = some(text);
        p.role = some(AWKWARD[(i + 1) % AWKWARD.len()]);
        p.location = some(AWKWARD[(i + 2) % AWKWARD.len()]);
        if i % 2 == 0 {
            p.how_met = some(AWKWARD[(i + 3) % AWKWARD.len()]);
        }
        p.tags = vec![
            "rust".to_owned(),
            AWKWARD[(i + 4) % AWKWARD.len()].to_lowercase(),
        ];
        people.push(p);
    }

    for (i, text) in LONG.iter().enumerate() {
        let first = text.split_whitespace().next().expect("a word");
        let mut p = person(&format!("long-{i}"), &format!("{first} {text}"));
        p.company = company(text);
        p.role = some(text);
        p.location = some(text);
        p.note = some(&format!("{text}\n{text}"));
        p.how_met = some(text);
        p.tags = vec![text.to_lowercase(), "👩‍💻".to_owned()];
        people.push(p);
    }

    let mut p = person("how-only", "Only How");
    p.how_met = some("Rust meetup, Berlin; table 3");
    people.push(p);

    let mut p = person("tags-only", "Tagged Person");
    p.tags = strings(&["job, search", "a;b", "back\\slash", "ünïcødé", "colon: yes"]);
    people.push(p);

    // Escapes at every offset of the 75-octet fold: a writer that folds between a
    // backslash and the character it escapes, or inside a character, is caught here.
    for pad in 60..78 {
        let mut p = person(&format!("fold-{pad}"), "Fold Test");
        p.note = Some(format!("{}\\,;\nß€😀\r\\", "x".repeat(pad)));
        p.role = Some(format!("{}\\é,", "y".repeat(pad - 8)));
        people.push(p);
    }
    people
}

/// What a text value reads back as: every line break as `\n`, no control character but
/// tab (RFC 6350 allows none other in a value).
fn cleaned(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// The NOTE the exporter writes: the note, then how they met on a line of its own.
fn note_text(p: &Person) -> Option<String> {
    match (&p.note, &p.how_met) {
        (None, None) => None,
        (Some(note), None) => Some(note.clone()),
        (None, Some(how)) => Some(format!("How we met: {how}")),
        (Some(note), Some(how)) => Some(format!("{note}\nHow we met: {how}")),
    }
}

fn prop(value: Value) -> Value {
    json!({ "params": {}, "value": value })
}

/// Every property vobject should report for `p`, as `read_vcf.py` prints it.
fn expected_card(p: &Person) -> Value {
    let mut props = Map::new();
    let mut put = |name: &str, values: Vec<Value>| {
        if !values.is_empty() {
            props.insert(name.to_owned(), Value::Array(values));
        }
    };
    put("VERSION", vec![prop(json!("4.0"))]);
    put("UID", vec![prop(json!(format!("urn:uuid:{}", p.id)))]);
    put("FN", vec![prop(json!(cleaned(&p.name)))]);
    // N: the last word is the family name, the others the given names.
    let name = cleaned(&p.name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let (family, given) = match words.split_last() {
        Some((family, given)) => ((*family).to_owned(), given.join(" ")),
        None => (String::new(), String::new()),
    };
    put(
        "N",
        vec![prop(json!({
            "family": family, "given": given, "additional": "", "prefix": "", "suffix": "",
        }))],
    );
    put(
        "ORG",
        p.company
            .iter()
            .map(|c| prop(json!([cleaned(&c.name)])))
            .collect(),
    );
    put(
        "TITLE",
        p.role.iter().map(|r| prop(json!(cleaned(r)))).collect(),
    );
    put("EMAIL", p.emails.iter().map(|e| prop(json!(e))).collect());
    put(
        "TEL",
        p.phones
            .iter()
            .map(|t| json!({ "params": { "VALUE": ["text"] }, "value": t }))
            .collect(),
    );
    put("URL", p.urls.iter().map(|u| prop(json!(u))).collect());
    put(
        "ADR",
        p.location
            .iter()
            .map(|l| {
                prop(json!({
                    "box": "", "extended": "", "street": "", "city": cleaned(l),
                    "region": "", "code": "", "country": "",
                }))
            })
            .collect(),
    );
    if !p.tags.is_empty() {
        let tags: Vec<String> = p.tags.iter().map(|t| cleaned(t)).collect();
        put("CATEGORIES", vec![prop(json!(tags))]);
    }
    put(
        "NOTE",
        note_text(p)
            .iter()
            .map(|n| prop(json!(cleaned(n))))
            .collect(),
    );
    put(
        "X-KITH-HANDLE",
        vec![prop(json!(p.handle.as_str().to_owned()))],
    );
    json!({ "name": "VCARD", "properties": props })
}

/// RFC 6350 §3.2 and §3.3: every physical line ends in CRLF, holds at most 75 octets,
/// is whole UTF-8 on its own (a fold never splits a character), and carries no control
/// character but tab; a line is a property or a continuation starting with a space.
fn check_lines(vcf: &[u8]) {
    for (i, line) in vcf.split_inclusive(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let line = line
            .strip_suffix(b"\r\n")
            .unwrap_or_else(|| panic!("line {n} does not end in CRLF: {line:?}"));
        assert!(line.len() <= 75, "line {n} has {} octets", line.len());
        let text = std::str::from_utf8(line)
            .unwrap_or_else(|err| panic!("line {n} is not whole UTF-8 ({err}): {line:?}"));
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\t'),
            "line {n} holds a control character: {text:?}"
        );
        assert!(!text.is_empty(), "line {n} is empty");
        // A continuation starts with the one space a fold adds (the content may go on with
        // another); any other line starts a property with its name.
        if !text.starts_with(' ') {
            let name_end = text.find([':', ';']).unwrap_or(0);
            let name = &text[..name_end];
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "line {n} is neither a property nor a continuation: {text:?}"
            );
        }
    }
}

#[test]
fn vcard_export_keeps_to_the_line_rules() {
    let people = awkward_people();
    let vcf = to_vcard(&people);
    check_lines(vcf.as_bytes());
    // The folds did happen: the long texts made lines of exactly 75 octets somewhere.
    assert!(
        vcf.split("\r\n").any(|l| l.len() == 75),
        "no line was folded at 75 octets"
    );
    assert!(vcf.split("\r\n").any(|l| l.starts_with(' ')), "no folds");
}

#[test]
fn vcard_export_read_by_vobject_gives_back_every_value() {
    let people = awkward_people();
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("kith.vcf");
    std::fs::write(&file, to_vcard(&people)).expect("write the vCard file");
    if std::env::var_os("KITH_DUMP").is_some() {
        std::fs::copy(&file, "/tmp/kith-dump.vcf").ok();
    }
    let report = read_with_python("read_vcf.py", &file, "the vCard file");
    assert_eq!(report["errors"], json!([]), "vobject complained");
    let cards = report["cards"].as_array().expect("a cards list");
    for (i, (got, p)) in cards.iter().zip(&people).enumerate() {
        let want = expected_card(p);
        // Property by property first, so a failure names the property.
        for (name, values) in want["properties"].as_object().expect("an object") {
            assert_eq!(
                got["properties"][name], *values,
                "card {i} ({}): {name}",
                p.handle
            );
        }
        assert_eq!(
            *got, want,
            "card {i} ({}): a property kith did not write",
            p.handle
        );
    }
    assert_eq!(cards.len(), people.len(), "the number of cards");
}

#[test]
fn vcard_export_of_no_one_is_empty() {
    assert_eq!(to_vcard(&[]), "");
}

/// Whitespace (line breaks included) collapsed: how the importer reads a one-line field.
fn one_line(text: &str) -> Option<String> {
    let text = cleaned(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then_some(text)
}

/// How the importer reads a NOTE: line breaks kept, each line trimmed at its end.
fn multi_line(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let text = cleaned(&lines.join("\n")).trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[test]
fn vcard_export_reads_back_through_kiths_importer() {
    let people = awkward_people();
    let vcf = to_vcard(&people);
    let parsed = kith_formats::parse(Format::Vcard, vcf.as_bytes()).expect("a vCard file");
    assert_eq!(parsed.rejected, [], "rejected cards");
    assert_eq!(
        parsed.contacts.len(),
        people.len(),
        "the number of contacts"
    );
    for (c, p) in parsed.contacts.iter().zip(&people) {
        let who = p.handle.as_str();
        assert!(c.warnings.is_empty(), "{who}: warnings {:?}", c.warnings);
        assert_eq!(Some(c.name.clone()), one_line(&p.name), "{who}: name");
        assert_eq!(
            c.company,
            p.company.as_ref().and_then(|co| one_line(&co.name)),
            "{who}: company"
        );
        assert_eq!(c.role, p.role.as_deref().and_then(one_line), "{who}: role");
        let emails: Vec<String> = p
            .emails
            .iter()
            .map(|e| normalize_email(e).expect("a valid email"))
            .collect();
        assert_eq!(c.emails, emails, "{who}: emails");
        let phones: Vec<String> = p
            .phones
            .iter()
            .map(|t| normalize_phone(t).expect("a valid phone"))
            .collect();
        assert_eq!(c.phones, phones, "{who}: phones");
        // The test's URLs are canonical already, so the importer's canonicalisation
        // leaves each one as it went in.
        for url in &p.urls {
            assert_eq!(
                urls::normalize(url).as_ref(),
                Some(url),
                "{url} is canonical"
            );
        }
        assert_eq!(c.urls, p.urls, "{who}: urls");
        let linkedin = p.urls.iter().find(|u| urls::is_linkedin_profile(u));
        assert_eq!(c.linkedin.as_ref(), linkedin, "{who}: linkedin");
        assert_eq!(
            c.note,
            note_text(p).as_deref().and_then(multi_line),
            "{who}: note"
        );
        assert_eq!(
            c.location,
            p.location.as_deref().and_then(one_line),
            "{who}: location"
        );
        // The importer takes every comma in CATEGORIES for a separator (some writers
        // escape the ones between categories), so a tag holding one comes back split.
        let mut tags: Vec<String> = Vec::new();
        for tag in p
            .tags
            .iter()
            .flat_map(|t| cleaned(t).split(',').map(str::to_owned).collect::<Vec<_>>())
            .filter_map(|t| normalize_tag(&t))
        {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        assert_eq!(c.tags, tags, "{who}: tags");
        assert_eq!(c.birthday, None, "{who}: birthday");
    }
}
