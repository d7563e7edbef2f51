//! LinkedIn `Connections.csv` of every generation, read from the fixture files beside these
//! tests, plus a round trip through the csv crate's writer for arbitrary values.

use jiff::civil::Date;
use kith_formats::{Contact, Format, FormatError, clean, linkedin};

use super::support::{Fixtures, person, some, strings, unusable};
use proptest::prelude::*;

const PREAMBLE: &str = "Notes:\n\"When exporting your connection data, you may notice that some of \
    the email addresses are missing. You will only see email addresses for connections who have \
    allowed their connections to see or download their email address using this setting \
    https://www.linkedin.com/psettings/privacy/email. You can learn more here \
    https://www.linkedin.com/help/linkedin/answer/261\"\n\n";
const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

const FIXTURES: Fixtures = Fixtures {
    format: Format::Linkedin,
    dir: "linkedin",
    rejected: "rejected rows",
};

fn on(year: i16, month: i8, day: i8) -> Option<Date> {
    Some(Date::new(year, month, day).unwrap())
}

/// `contact` with the canonical LinkedIn profile for `slug` in `urls` and `linkedin`.
fn with_profile(contact: Contact, slug: &str) -> Contact {
    let url = format!("https://www.linkedin.com/in/{slug}");
    Contact {
        urls: vec![url.clone()],
        linkedin: Some(url),
        ..contact
    }
}

#[test]
fn current_export_with_preamble_and_every_trap() {
    FIXTURES.check(
        "current.csv",
        &[
            with_profile(
                Contact {
                    company: some("Analytical Engines, Inc."),
                    role: some("Founding Engineer"),
                    emails: strings(&["ada@analytical.example"]),
                    connected_on: on(2024, 3, 3),
                    ..person(5, "Ada Lovelace")
                },
                "ada-lovelace-3b2a91",
            ),
            with_profile(
                Contact {
                    company: some("US Navy"),
                    role: some("Director, Programming Languages"),
                    connected_on: on(2021, 1, 12),
                    ..person(6, "Grace Hopper")
                },
                "grace-hopper",
            ),
            with_profile(
                Contact {
                    company: some("Ejemplo S.A."),
                    role: some("Ingeniero de Software"),
                    connected_on: on(2019, 9, 9),
                    ..person(7, "José Niño")
                },
                "josé-niño-4a1b2c",
            ),
            with_profile(
                Contact {
                    connected_on: on(2017, 2, 28),
                    ..person(8, "Sam Example, PhD")
                },
                "samexample",
            ),
            with_profile(
                Contact {
                    company: some("Stealth Startup"),
                    role: some("Founder & CEO 🦀"),
                    connected_on: on(2025, 8, 1),
                    ..person(9, "🚀 Lee Example")
                },
                "lee-example-77",
            ),
            with_profile(
                Contact {
                    company: some("腾讯"),
                    role: some("Senior Recruiter – APAC \"Tech\""),
                    connected_on: on(2023, 11, 30),
                    warnings: unusable(&[(
                        "email",
                        "invalid email \"mei at example dot com\": expected an address such as \
                         ada@example.com",
                    )]),
                    ..person(11, "Mei 王")
                },
                "mei-wang",
            ),
            Contact {
                company: some("Kernel Org"),
                role: some("Maintainer (part-time)"),
                warnings: unusable(&[(
                    "connection date",
                    "invalid connection date \"sometime in 2020\": expected a date such as \
                     03 Mar 2024 or 1/8/18",
                )]),
                ..person(12, "Linus")
            },
            Contact {
                emails: strings(&["nadia@example.org"]),
                company: some("Big Corp"),
                connected_on: on(2022, 4, 1),
                ..person(16, "Nadia Ali Khan")
            },
        ],
        &[
            (10, "no name: only a connection date"),
            (14, "no name: an empty row"),
            (15, "no name: first and last name are empty"),
        ],
    );
}

#[test]
fn export_from_2021_has_no_url_column() {
    FIXTURES.check(
        "2021_no_url.csv",
        &[
            Contact {
                company: some("Analytical Engines"),
                role: some("Engineer"),
                connected_on: on(2021, 11, 28),
                ..person(5, "Ada Lovelace")
            },
            Contact {
                emails: strings(&["grace@navy.example"]),
                company: some("Navy, US"),
                role: some("Rear Admiral"),
                connected_on: on(2019, 8, 30),
                ..person(6, "Grace Hopper")
            },
        ],
        &[(7, "no name: only a connection date")],
    );
}

#[test]
fn exports_from_2016_have_us_dates_with_times_and_no_preamble() {
    FIXTURES.check(
        "2016.csv",
        &[
            Contact {
                emails: strings(&["ada@example.com"]),
                company: some("Analytical Engines"),
                role: some("Engineer"),
                connected_on: on(2018, 1, 8),
                ..person(2, "Ada Lovelace")
            },
            Contact {
                company: some("Difference Engines"),
                role: some("Inventor, Mathematician"),
                connected_on: on(2017, 12, 31),
                ..person(3, "Charles Babbage")
            },
            Contact {
                emails: strings(&["mary@example.org"]),
                connected_on: on(2018, 1, 8),
                ..person(4, "Mary Somerville")
            },
        ],
        &[(5, "no name: only a connection date")],
    );
}

#[test]
fn spreadsheet_resave_with_bom_crlf_and_short_dates() {
    FIXTURES.check(
        "spreadsheet_resave.csv",
        &[
            with_profile(
                Contact {
                    company: some("Analytical Engines, Inc."),
                    role: some("Founding Engineer"),
                    connected_on: on(2024, 3, 3),
                    ..person(2, "Ada Lovelace")
                },
                "ada-lovelace-3b2a91",
            ),
            with_profile(
                Contact {
                    company: some("US Navy"),
                    role: some("Rear Admiral"),
                    connected_on: on(2024, 6, 18),
                    ..person(3, "Grace Hopper")
                },
                "grace-hopper",
            ),
            with_profile(
                Contact {
                    emails: strings(&["alan@bletchley.example"]),
                    company: some("Bletchley Park"),
                    role: some("Cryptanalyst"),
                    // Two-digit years are read as this century: LinkedIn began in 2003.
                    connected_on: on(2054, 6, 7),
                    ..person(7, "Alan Turing")
                },
                "alan-turing",
            ),
        ],
        &[
            (4, "no name: only a connection date"),
            (5, "no name: an empty row"),
            (6, "a repeated header row, not a person"),
        ],
    );
}

#[test]
fn windows_1252_bytes_are_read_as_such() {
    let bytes = FIXTURES.bytes("windows1252.csv");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    FIXTURES.check(
        "windows1252.csv",
        &[
            with_profile(
                Contact {
                    emails: strings(&["zoe@example.de"]),
                    company: some("Café Systems"),
                    role: some("Engineer – Platform"),
                    connected_on: on(2024, 6, 18),
                    ..person(2, "Zoë Müller")
                },
                "zoë-müller",
            ),
            Contact {
                company: some("Niño & Co, S.L."),
                role: some("Director € Sales"),
                connected_on: on(2018, 1, 8),
                ..person(3, "José García")
            },
        ],
        &[],
    );
}

#[test]
fn a_file_without_a_linkedin_header_is_refused() {
    let no_header = FormatError {
        line: 1,
        reason: "no LinkedIn header (First Name, Last Name, …, Connected On) in the first 20 lines"
            .to_owned(),
    };
    let late_header = format!(
        "{}{HEADER}\nAda,Lovelace,,,,,03 Mar 2024",
        "junk\n".repeat(20)
    );
    let cases: [&[u8]; 5] = [
        b"",
        b"\n\n",
        b"Name,Email\nAda,ada@example.com\n",
        // A Google Contacts export has First Name and Last Name but no Connected On.
        b"First Name,Middle Name,Last Name,Labels\nAda,,Lovelace,Friends\n",
        late_header.as_bytes(),
    ];
    for input in cases {
        assert_eq!(
            linkedin::parse(input),
            Err(no_header.clone()),
            "input {:?}",
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn columns_are_found_by_name_in_any_order_and_case() {
    let text = "connected on , POSITION,last name,First Name\n\
                1 Apr 2022,Engineer,Lovelace,Ada\n\
                2 Apr 2022";
    let parsed = linkedin::parse(text.as_bytes()).unwrap();
    assert_eq!(
        parsed.contacts,
        [Contact {
            role: some("Engineer"),
            connected_on: on(2022, 4, 1),
            ..person(2, "Ada Lovelace")
        }]
    );
    // A short row still has its first column, the date, and no name.
    assert_eq!(parsed.rejected.len(), 1);
    assert_eq!(parsed.rejected[0].line, 3);
    assert_eq!(parsed.rejected[0].reason, "no name: only a connection date");
}

#[test]
fn a_header_only_file_has_nobody() {
    let parsed = linkedin::parse(format!("{PREAMBLE}{HEADER}").as_bytes()).unwrap();
    assert!(parsed.contacts.is_empty() && parsed.rejected.is_empty());
}

#[test]
fn every_fixture_is_recognised_and_other_files_are_not() {
    for name in [
        "current.csv",
        "2021_no_url.csv",
        "2016.csv",
        "spreadsheet_resave.csv",
        "windows1252.csv",
    ] {
        assert!(
            linkedin::looks_like(&clean::text(&FIXTURES.bytes(name))),
            "{name}"
        );
    }
    for text in [
        "",
        "Name,Email\nAda,ada@example.com",
        "First Name,Middle Name,Last Name,Labels,E-mail 1 - Value",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nEND:VCARD",
    ] {
        assert!(!linkedin::looks_like(text), "{text:?}");
    }
}

/// One generated connection: the raw values written to the file.
#[derive(Debug, Clone)]
struct Row {
    first: String,
    last: String,
    slug: Option<String>,
    email: Option<String>,
    company: String,
    position: String,
    date: (i16, i8, i8),
}

fn row() -> impl Strategy<Value = Row> {
    // A first name starts with a letter, so every generated row names someone.
    let first = "[A-Za-zéøß王😀][A-Za-zé王😀,\"' .\n-]{0,10}";
    let text = "[A-Za-z0-9éøß王😀🦀,\"'&. \n-]{0,16}";
    (
        (first, text),
        (
            proptest::option::of("[a-z0-9][a-z0-9-]{0,10}"),
            proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.(com|org)"),
        ),
        (text, text),
        (2003i16..2030, 1i8..=12, 1i8..=28),
    )
        .prop_map(
            |((first, last), (slug, email), (company, position), date)| Row {
                first,
                last,
                slug,
                email,
                company,
                position,
                date,
            },
        )
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #[test]
    fn current_format_round_trips(rows in proptest::collection::vec(row(), 0..8)) {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(PREAMBLE.as_bytes().to_vec());
        writer.write_record(HEADER.split(',')).unwrap();
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let mut expected = Vec::new();
        let mut line = 5;
        for row in &rows {
            let url = row.slug.as_ref().map(|slug| format!("https://www.linkedin.com/in/{slug}"));
            let (year, month, day) = row.date;
            let date = format!("{day:02} {} {year}", MONTHS[usize::try_from(month - 1).unwrap()]);
            let fields = [
                row.first.as_str(),
                row.last.as_str(),
                url.as_deref().unwrap_or(""),
                row.email.as_deref().unwrap_or(""),
                row.company.as_str(),
                row.position.as_str(),
                date.as_str(),
            ];
            writer.write_record(fields).unwrap();
            let non_empty = |text: &str| Some(one_line(text)).filter(|t| !t.is_empty());
            expected.push(Contact {
                line,
                name: one_line(&format!("{} {}", row.first, row.last)),
                company: non_empty(&row.company),
                role: non_empty(&row.position),
                emails: row.email.iter().cloned().collect(),
                urls: url.iter().cloned().collect(),
                linkedin: url.clone(),
                connected_on: on(year, month, day),
                ..Contact::default()
            });
            line += fields.iter().map(|f| f.matches('\n').count()).sum::<usize>() + 1;
        }
        let bytes = writer.into_inner().unwrap();
        let parsed = linkedin::parse(&bytes).unwrap();
        prop_assert_eq!(parsed.contacts, expected);
        prop_assert!(parsed.rejected.is_empty());
    }
}
