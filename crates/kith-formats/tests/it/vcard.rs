//! vCard files as phones, mail clients and address books write them (2.1, 3.0, 4.0), read
//! from the fixture files beside these tests, plus a round trip of arbitrary text through a
//! hand-escaped 4.0 card.

use kith_formats::{Contact, Format, FormatError, vcard};

use super::support::{Fixtures, person, some, strings, unusable};
use proptest::prelude::*;

const FIXTURES: Fixtures = Fixtures {
    format: Format::Vcard,
    dir: "vcard",
    rejected: "rejected cards",
};

const NO_NAME: &str = "card has no name: no FN, N, NICKNAME, ORG or email to call it by";
const GROUP: &str = "a contact group (KIND:group), not a person";

#[test]
fn android_21_quoted_printable_charsets_and_a_photo() {
    let juergen_in = "https://www.linkedin.com/in/jürgen-müller-4a1b2c";
    FIXTURES.check(
        "android_21.vcf",
        &[
            Contact {
                company: some("Telhado Azul Lda"),
                role: some("Engenheira de Software"),
                // Preferred first, then file order.
                emails: strings(&["ines@telhado-azul.example", "ines.brandao@example.pt"]),
                phones: strings(&["+351 21 000 2222", "+351 912 000 111"]),
                // Android's "My Contacts" system group is not a tag.
                tags: strings(&["mentors"]),
                note: some(
                    "Met at the Lisbon meetup — talked about Rust\nSecond line, with a comma",
                ),
                birthday: some("1985-04-12"),
                ..person(1, "Inês Brandão")
            },
            // No FN: the name comes from N, given name first.
            Contact {
                phones: strings(&["0803 555 0147"]),
                ..person(22, "Chidi Okafor")
            },
            Contact {
                urls: strings(&[juergen_in]),
                linkedin: some(juergen_in),
                location: some("München, Deutschland"),
                ..person(29, "Jürgen Müller")
            },
        ],
        &[],
    );
}

#[test]
fn ios_30_item_groups_social_profiles_and_cr_cr_lf() {
    let bytes = FIXTURES.bytes("ios_30.vcf");
    assert!(
        bytes.windows(3).any(|w| w == b"\r\r\n"),
        "the fixture keeps iOS's CR CR LF endings"
    );
    FIXTURES.check(
        "ios_30.vcf",
        &[
            Contact {
                company: some("Kumo Robotics"),
                role: some("Head of Platform"),
                emails: strings(&["aiko@kumo.example", "aiko.nakamura@mail.example"]),
                phones: strings(&["+81 90-0000-1234", "+81 3-0000-5678"]),
                urls: strings(&[
                    "https://kumo.example/team/aiko",
                    "https://www.linkedin.com/in/aiko-nakamura",
                    // Built from x-user, the value being an Apple-internal URI.
                    "https://github.com/aikon",
                ]),
                linkedin: some("https://www.linkedin.com/in/aiko-nakamura"),
                note: some("Intro via Sam, ask about the robotics; hiring plans"),
                location: some("Tokyo, Japan"),
                // 1604 is Apple's placeholder for "no year", named in X-APPLE-OMIT-YEAR.
                birthday: some("--11-02"),
                ..person(1, "Aiko Nakamura")
            },
            // Empty FN and N: a company card, named after the organisation.
            Contact {
                company: some("Fern & Finch Recruiting"),
                emails: strings(&["hello@fernfinch.example"]),
                ..person(27, "Fern & Finch Recruiting")
            },
        ],
        &[],
    );
}

#[test]
fn outlook_21_photo_ending_in_a_blank_line_does_not_stop_the_card() {
    FIXTURES.check(
        "outlook_21.vcf",
        &[Contact {
            company: some("Northgate Health Trust"),
            // TITLE wins over ROLE.
            role: some("Clinical Data Lead"),
            // The second address comes after the photo and its blank line.
            emails: strings(&[
                "h.whitfield@northgate.example",
                "harriet.whitfield@home.example",
            ]),
            phones: strings(&["+44 161 555 0190", "+44 7700 900123"]),
            urls: strings(&["https://www.linkedin.com/in/harriet-whitfield"]),
            linkedin: some("https://www.linkedin.com/in/harriet-whitfield"),
            note: some("Prefers email.\nFormer colleague from the audit project."),
            location: some("Manchester, United Kingdom"),
            birthday: some("1979-09-05"),
            ..person(1, "Dr. Harriet Rose Whitfield")
        }],
        &[],
    );
}

#[test]
fn gmail_30_several_cards_back_to_back() {
    FIXTURES.check(
        "gmail_30.vcf",
        &[
            Contact {
                company: some("Ledgerline, Inc."),
                role: some("Staff Engineer; Payments"),
                emails: strings(&[
                    "priya.raman@ledgerline.example",
                    "priya.r@mailbox.example",
                    "praman@alumni.example",
                ]),
                phones: strings(&["+1 415 555 0134"]),
                urls: strings(&["https://github.com/priyaraman"]),
                tags: strings(&["recruiters", "former colleagues"]),
                note: some(
                    "Referred me to the platform team.\nFollow up in March, after the offsite. \
                     Likes tea.",
                ),
                birthday: some("--07-04"),
                ..person(1, "Priya Raman")
            },
            Contact {
                emails: strings(&["tomas@ortega.example"]),
                urls: strings(&["https://www.linkedin.com/in/tomas-ortega-93"]),
                linkedin: some("https://www.linkedin.com/in/tomas-ortega-93"),
                // Google puts the whole address in the street field.
                location: some("Calle Mayor 4, Madrid, 28013"),
                ..person(19, "Tomás Ortega")
            },
            Contact {
                emails: strings(&["wen@li.example"]),
                warnings: unusable(&[
                    (
                        "email",
                        "invalid email \"wen.li(at)example.com\": expected an address such as \
                     ada@example.com; left out",
                    ),
                    (
                        "phone",
                        "invalid phone \"ask reception\": expected a number such as +44 20 7946 \
                     0958; left out",
                    ),
                ]),
                ..person(28, "Wen Li")
            },
        ],
        &[],
    );
}

#[test]
fn v40_tel_uris_social_profiles_and_extended_dates() {
    FIXTURES.check(
        "v40.vcf",
        &[
            Contact {
                company: some("Nordljus AB"),
                role: some("Engineering Manager"),
                // PREF=1, then PREF=2, then the rest.
                emails: strings(&[
                    "sofia@nordljus.example",
                    "s.lindqvist@alumni.example",
                    "sofia.lindqvist@posten.example",
                ]),
                phones: strings(&["+46-8-555-012-34", "+46-70-555-98-76"]),
                urls: strings(&[
                    "https://sofia.dev",
                    "https://github.com/sofial",
                    "https://www.linkedin.com/in/sofia-lindqvist",
                ]),
                linkedin: some("https://www.linkedin.com/in/sofia-lindqvist"),
                tags: strings(&["speaker", "mentor"]),
                note: some("Line one\nLine two with a backslash \\ and a comma, done"),
                location: some("Stockholm, Sweden"),
                birthday: some("1988-02-29"),
                warnings: unusable(&[("phone", "phone +46-8-555-012-34: extension 210 not kept")]),
                ..person(1, "Sofia Lindqvist")
            },
            Contact {
                emails: strings(&["arjun@mehta.example"]),
                urls: strings(&["https://www.linkedin.com/in/arjun-mehta-0a1b2c3d"]),
                linkedin: some("https://www.linkedin.com/in/arjun-mehta-0a1b2c3d"),
                birthday: some("--07-30"),
                ..person(21, "Arjun Mehta")
            },
            Contact {
                emails: strings(&["bea@costa.example"]),
                warnings: unusable(&[(
                    "birthday",
                    "birthday \"2001-02-30\" is not a date; left out",
                )]),
                ..person(28, "Bea Costa")
            },
        ],
        &[],
    );
}

#[test]
fn lowercase_card_without_version_and_a_tab_fold() {
    FIXTURES.check(
        "lowercase_no_version.vcf",
        &[Contact {
            company: some("Wisła Software"),
            role: some("Backend Developer"),
            emails: strings(&["marek.nowak@example.pl"]),
            phones: strings(&["+48 600 000 321"]),
            note: some("Met at PyCon PL, 2023."),
            birthday: some("1990-01-15"),
            ..person(1, "Marek Nowak")
        }],
        &[],
    );
}

#[test]
fn cards_without_fn_are_named_from_n_org_nickname_or_email() {
    FIXTURES.check(
        "no_fn.vcf",
        &[
            Contact {
                emails: strings(&["layla@haddad.example"]),
                ..person(1, "Layla Haddad")
            },
            Contact {
                company: some("Quayside Ventures"),
                phones: strings(&["+44 20 7946 0000"]),
                ..person(7, "Quayside Ventures")
            },
            Contact {
                emails: strings(&["no.name@anon.example"]),
                ..person(13, "no.name@anon.example")
            },
            person(24, "Beanie"),
        ],
        &[(18, NO_NAME)],
    );
}

#[test]
fn group_cards_are_rejected() {
    FIXTURES.check(
        "groups.vcf",
        &[Contact {
            emails: strings(&["ola@berg.example"]),
            ..person(8, "Ola Berg")
        }],
        &[(1, GROUP), (14, GROUP)],
    );
}

#[test]
fn a_broken_card_does_not_take_the_others_down() {
    FIXTURES.check(
        "broken.vcf",
        &[
            Contact {
                emails: strings(&["before@good.example"]),
                ..person(1, "Good Before")
            },
            Contact {
                emails: strings(&["after@good.example"]),
                warnings: unusable(&[(
                    "email",
                    "invalid email \"not-an-address\": expected an address such as \
                     ada@example.com; left out",
                )]),
                ..person(12, "Good After")
            },
            person(22, "Good Last"),
        ],
        &[
            (
                6,
                "card has a line that is not a vCard property on line 9: \
                 \"this line is not a property at all\"",
            ),
            (
                18,
                "card has no END:VCARD before the next BEGIN:VCARD on line 22",
            ),
            (26, "card has no END:VCARD before the end of the file"),
        ],
    );
}

#[test]
fn windows_1252_quoted_printable_next_to_latin1_and_utf8_cards() {
    FIXTURES.check(
        "cp1252_qp.vcf",
        &[
            Contact {
                company: some("Café “Le Coin”"),
                emails: strings(&["renee@cafe.example"]),
                note: some("Owes me 20 € – lunch"),
                ..person(1, "Renée François")
            },
            // Raw Latin-1 bytes: this card alone is read as Windows-1252 ...
            Contact {
                emails: strings(&["ase@sorensen.example"]),
                ..person(9, "Åse Sørensen")
            },
            // ... and the UTF-8 card after it stays UTF-8.
            Contact {
                emails: strings(&["zoe@unal.example"]),
                ..person(15, "Zoë Ünal")
            },
        ],
        &[],
    );
}

#[test]
fn every_line_ending_in_one_file() {
    FIXTURES.check(
        "mixed_endings.vcf",
        &[
            Contact {
                emails: strings(&["crlf@endings.example"]),
                ..person(1, "Crlf Person")
            },
            Contact {
                emails: strings(&["lf@endings.example"]),
                ..person(6, "Lf Person")
            },
            Contact {
                emails: strings(&["cr@endings.example"]),
                ..person(11, "Cr Person")
            },
            Contact {
                note: some("folded across an iOS line end"),
                ..person(16, "Crcrlf Person")
            },
        ],
        &[],
    );
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łukasz Wiśniewski\r\nEMAIL:lukasz@wisniewski.example\
                \r\nEND:VCARD\r\n";
    let little: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let big: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    for bytes in [little, big] {
        let parsed = vcard::parse(&bytes).unwrap();
        assert_eq!(
            parsed.contacts,
            [Contact {
                emails: strings(&["lukasz@wisniewski.example"]),
                ..person(1, "Łukasz Wiśniewski")
            }]
        );
    }
}

#[test]
fn markers_only_count_at_the_start_of_an_unfolded_line() {
    let text = "BEGIN:VCARD\nVERSION:2.1\nFN:Runs On\n\
                NOTE;ENCODING=QUOTED-PRINTABLE:a soft break with nothing after it=\n\
                END:VCARD\n\
                BEGIN:VCARD\nVERSION:3.0\nFN:Nested Text\n\
                NOTE:an embedded card follows\\n\n BEGIN:VCARD\\nFN:Not A Card\\n\n END:VCARD\n\
                END:VCARD\n";
    let parsed = vcard::parse(text.as_bytes()).unwrap();
    assert_eq!(
        parsed.contacts,
        [Contact {
            note: some("an embedded card follows\nBEGIN:VCARD\nFN:Not A Card\nEND:VCARD"),
            ..person(6, "Nested Text")
        }]
    );
    let rejected: Vec<(usize, &str)> = parsed
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [(
            1,
            "card's END:VCARD was read as part of the value before it (a quoted-printable \
             line ending in `=`?)"
        )]
    );
}

#[test]
fn a_file_with_no_card_is_an_error() {
    for bytes in [
        &b""[..],
        b"\n\n",
        b"First Name,Last Name\nAda,Lovelace\n",
        b"END:VCARD\nFN:Loose Line\n",
    ] {
        assert_eq!(
            vcard::parse(bytes),
            Err(FormatError {
                line: 1,
                reason: "no BEGIN:VCARD line: this is not a vCard file".to_owned(),
            }),
            "input {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn text_before_and_between_cards_is_skipped() {
    let text = "\u{feff}exported by someone\n\nBEGIN:VCARD\nFN:Ida Ek\nEND:VCARD\nstray\n\
                BEGIN:VCARD\nFN:Max Ek\nEND:VCARD\n";
    let parsed = vcard::parse(text.as_bytes()).unwrap();
    let got: Vec<(usize, &str)> = parsed
        .contacts
        .iter()
        .map(|c| (c.line, c.name.as_str()))
        .collect();
    assert_eq!(got, [(3, "Ida Ek"), (7, "Max Ek")]);
    assert!(parsed.rejected.is_empty());
}

#[test]
fn looks_like_a_vcard() {
    for (text, expected) in [
        ("BEGIN:VCARD\nVERSION:3.0\n", true),
        ("begin:vcard\r\nfn:Ada\r\n", true),
        ("\u{feff}\r\n\r\n  BEGIN:VCARD\r\n", true),
        ("BEGIN:vCard\rVERSION:2.1\r", true),
        ("First Name,Last Name,URL\n", false),
        ("Notes:\nBEGIN:VCARD\n", false),
        ("BEGIN:VCALENDAR\n", false),
        ("", false),
    ] {
        assert_eq!(vcard::looks_like(text), expected, "text {text:?}");
    }
    for file in ["android_21.vcf", "ios_30.vcf", "cp1252_qp.vcf", "v40.vcf"] {
        let text = kith_formats::clean::text(&FIXTURES.bytes(file));
        assert!(vcard::looks_like(&text), "{file}");
    }
}

/// Escapes text for a vCard 4.0 value: backslash, comma, semicolon and newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line every `width` characters (never inside a character), CRLF and a
/// space, as writers do at 75 octets.
fn fold(line: &str, width: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    chars
        .chunks(width)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\r\n ")
}

proptest! {
    #[test]
    fn escaped_values_round_trip(
        name in "[A-Za-zÀ-ÿĀ-ž一-鿿 ,;:\\\\'.-]{1,30}",
        local in "[a-z0-9][a-z0-9._+-]{0,15}",
        domain in "[a-z0-9]{1,12}\\.[a-z]{2,6}",
        note in "[A-Za-z0-9À-ÿ€ ,;:\\\\\n'\"!?-]{0,120}",
        width in 8usize..80,
    ) {
        let display: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assume!(!display.is_empty());
        let email = format!("{local}@{domain}");
        let card = [
            "BEGIN:VCARD".to_owned(),
            "VERSION:4.0".to_owned(),
            fold(&format!("FN:{}", escape(&name)), width),
            fold(&format!("EMAIL:{email}"), width),
            fold(&format!("NOTE:{}", escape(&note)), width),
            "END:VCARD".to_owned(),
        ]
        .join("\r\n");
        let parsed = vcard::parse(card.as_bytes()).unwrap();
        prop_assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        prop_assert_eq!(parsed.contacts.len(), 1);
        let contact = &parsed.contacts[0];
        prop_assert_eq!(&contact.name, &display);
        prop_assert_eq!(&contact.emails, &vec![email]);
        let lines: Vec<&str> = note.split('\n').map(str::trim_end).collect();
        let expected_note = lines.join("\n").trim().to_owned();
        let expected_note = (!expected_note.is_empty()).then_some(expected_note);
        prop_assert_eq!(&contact.note, &expected_note);
        prop_assert!(contact.warnings.is_empty(), "{:?}", contact.warnings);
    }
}
