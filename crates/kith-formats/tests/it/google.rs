//! Google Contacts CSV in both header generations, read from the fixture files beside these
//! tests: ` ::: ` multi-values, labels, birthdays, addresses and name fallbacks.

use kith_formats::{Contact, Format, FormatError, clean, google};

use super::support::{Fixtures, person, some, strings, unusable};

const FIXTURES: Fixtures = Fixtures {
    format: Format::Google,
    dir: "google",
    rejected: "rejected rows",
};

const NOBODY: &str = "no name, email or phone: nothing says who this is";

#[test]
fn current_generation() {
    FIXTURES.check(
        "current.csv",
        &[
            Contact {
                company: some("Analytical Engines"),
                role: some("Engineer"),
                emails: strings(&[
                    "ada@work.example",
                    "ada@home.example",
                    "ada.alt@home.example",
                ]),
                phones: strings(&["+44 20 7946 0100"]),
                urls: strings(&[
                    "https://www.linkedin.com/in/ada-lovelace",
                    "https://ada.dev/blog",
                    "https://github.com/adal",
                ]),
                linkedin: some("https://www.linkedin.com/in/ada-lovelace"),
                tags: strings(&["recruiters", "rust meetup"]),
                note: some("Met at \"RustConf\"\nLikes compilers"),
                location: some("London, United Kingdom"),
                birthday: some("1815-12-10"),
                ..person(2, "Ada Lovelace")
            },
            Contact {
                phones: strings(&["+1 555 0199", "(555) 010-0100"]),
                location: some("1 Navy Way, Arlington VA"),
                birthday: some("--12-09"),
                ..person(6, "Grace Hopper")
            },
            Contact {
                company: some("Acme Plumbing, Ltd."),
                phones: strings(&["0800 123 456"]),
                ..person(8, "Acme Plumbing, Ltd.")
            },
            Contact {
                emails: strings(&["solo@example.net"]),
                tags: strings(&["friends"]),
                ..person(9, "solo@example.net")
            },
            Contact {
                warnings: unusable(&[
("email", "invalid email \"bob(at)example\": expected an address such as ada@example.com"),
("phone", "invalid phone \"call me\": expected a number such as +44 20 7946 0958"),
("url", "invalid url \"not a url\": expected a web address such as https://github.com/ada"),
("birthday", "invalid birthday \"April 12\": expected 1985-04-12 or --04-12"),
]),
                ..person(10, "Bob Broken")
            },
            Contact {
                location: some("Bavaria, Germany"),
                ..person(13, "Dr. Who")
            },
            Contact {
                emails: strings(&["mary@example.org"]),
                tags: strings(&["work", "friends", "🦀 rustaceans"]),
                location: some("Edinburgh"),
                ..person(14, "Mary Fairfax Somerville")
            },
        ],
        &[(11, NOBODY), (12, "no name: an empty row")],
    );
}

fn legacy_expected() -> Vec<Contact> {
    vec![
        Contact {
            company: some("Analytical Engines"),
            role: some("Engineer"),
            emails: strings(&["ada@home.example", "ada@work.example"]),
            phones: strings(&["+44 20 7946 0100"]),
            urls: strings(&["https://www.linkedin.com/in/ada-lovelace"]),
            linkedin: some("https://www.linkedin.com/in/ada-lovelace"),
            tags: strings(&["rust", "mentors"]),
            note: some("Prefers email"),
            location: some("London"),
            birthday: some("1815-12-10"),
            ..person(2, "Ada Lovelace")
        },
        Contact {
            tags: strings(&["navy"]),
            location: some("Arlington, USA"),
            birthday: some("--12-09"),
            ..person(3, "Grace Hopper")
        },
        Contact {
            phones: strings(&["+1 555 0142"]),
            ..person(4, "Scotty")
        },
    ]
}

#[test]
fn legacy_generation() {
    FIXTURES.check("legacy.csv", &legacy_expected(), &[(5, NOBODY)]);
}

#[test]
fn legacy_generation_saved_as_utf16() {
    let bytes = FIXTURES.bytes("legacy_utf16.csv");
    assert_eq!(
        &bytes[..2],
        b"\xFF\xFE",
        "the fixture must be UTF-16LE with a BOM"
    );
    FIXTURES.check("legacy_utf16.csv", &legacy_expected(), &[(5, NOBODY)]);
}

#[test]
fn any_number_of_numbered_columns() {
    let text = "Given Name,Family Name,Name,E-mail 1 - Value,E-mail 7 - Value,Phone 3 - Value,\
                Website 12 - Value\n\
                Ada,Lovelace,,a@x.com ::: b@y.com,c@z.org,+1 555 0100 ::: +1 555 0101,\
                ada.dev ::: linkedin.com/in/ada\n";
    let parsed = google::parse(text.as_bytes()).unwrap();
    assert_eq!(
        parsed.contacts,
        [Contact {
            emails: strings(&["a@x.com", "b@y.com", "c@z.org"]),
            phones: strings(&["+1 555 0100", "+1 555 0101"]),
            urls: strings(&["https://ada.dev", "https://www.linkedin.com/in/ada"]),
            linkedin: some("https://www.linkedin.com/in/ada"),
            ..person(2, "Ada Lovelace")
        }]
    );
}

#[test]
fn a_file_without_a_google_header_is_refused() {
    let expected = FormatError {
        line: 1,
        reason: "no Google Contacts header (First Name, Last Name, Labels, … or Name, Given Name, \
                 Family Name, …) in the first 20 lines"
            .to_owned(),
    };
    let linkedin = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                    Ada,Lovelace,,,,,03 Mar 2024";
    for input in ["", "Name,Email\nAda,ada@example.com", linkedin] {
        assert_eq!(
            google::parse(input.as_bytes()),
            Err(expected.clone()),
            "{input:?}"
        );
    }
}

#[test]
fn only_google_files_are_recognised() {
    for name in ["current.csv", "legacy.csv"] {
        let text = clean::text(&FIXTURES.bytes(name));
        assert!(google::looks_like(&text), "{name}");
        assert!(
            !kith_formats::linkedin::looks_like(&text),
            "{name} is not LinkedIn"
        );
    }
    for text in [
        "",
        "Name,Email\nAda,ada@example.com",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Notes:\nFirst Name,Last Name,Labels",
    ] {
        assert!(!google::looks_like(text), "{text:?}");
    }
}
