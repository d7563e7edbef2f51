//! `kith import`: every row accounted for, re-imports idempotent, dry runs harmless.

use crate::Sandbox;

fn fixture(path: &str) -> String {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../kith-formats/tests/fixtures");
    root.join(path).to_str().expect("utf-8 path").to_owned()
}

fn counts(v: &serde_json::Value) -> [u64; 5] {
    ["read", "created", "updated", "unchanged", "rejected"]
        .map(|k| v[k].as_u64().unwrap_or_else(|| panic!("{k} in {v}")))
}

#[test]
fn the_json_summary_has_exactly_the_documented_keys_and_adds_up() {
    let s = Sandbox::new();
    for (format, file) in [
        ("linkedin", "linkedin/current.csv"),
        ("linkedin", "linkedin/2016.csv"),
        ("vcard", "vcard/android_21.vcf"),
        ("vcard", "vcard/broken.vcf"),
        ("google", "google/current.csv"),
        ("google", "google/legacy.csv"),
    ] {
        let v = s.json(&["import", &fixture(file)]);
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "created",
                "errors",
                "format",
                "read",
                "rejected",
                "unchanged",
                "updated"
            ]
        );
        assert_eq!(v["format"], format, "{file} detected");
        let [read, created, updated, unchanged, rejected] = counts(&v);
        assert_eq!(
            read,
            created + updated + unchanged + rejected,
            "{file}: {v}"
        );
        assert_eq!(
            v["errors"].as_array().unwrap().len() as u64,
            rejected,
            "{file}: {v}"
        );
        for e in v["errors"].as_array().unwrap() {
            assert!(e["line"].as_u64().unwrap() >= 1 && !e["reason"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let s = Sandbox::new();
    let file = fixture("linkedin/current.csv");
    let first = s.json(&["import", "linkedin", &file]);
    let [read, created, _, _, rejected] = counts(&first);
    assert!(created > 0 && created + rejected == read, "{first}");
    let people = s.json(&["person", "list"]);
    let again = s.json(&["import", "linkedin", &file]);
    assert_eq!(counts(&again), [read, 0, 0, created, rejected], "{again}");
    assert_eq!(s.json(&["person", "list"]), people);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let s = Sandbox::new();
    let file = fixture("vcard/gmail_30.vcf");
    let dry = s.json(&["import", &file, "--dry-run"]);
    assert!(counts(&dry)[1] > 0, "{dry}");
    assert_eq!(s.json(&["person", "list"]), serde_json::json!([]));
    let real = s.json(&["import", &file]);
    assert_eq!(counts(&real), counts(&dry));
}

#[test]
fn files_kith_cannot_read_are_named() {
    let s = Sandbox::new();
    let junk = s.path("notes.txt");
    std::fs::write(&junk, "just some notes\nnothing to see\n").unwrap();
    let err = s.fails(&["import", junk.to_str().unwrap()], 2);
    assert!(
        err.contains("notes.txt") && err.contains("name the format"),
        "{err}"
    );
    let err = s.fails(&["import", "outlook", junk.to_str().unwrap()], 2);
    assert!(
        err.contains("\"outlook\"")
            && err.contains("linkedin, vcard, google, linkedin-messages or linkedin-invitations"),
        "{err}"
    );
    let err = s.fails(&["import", "linkedin", junk.to_str().unwrap()], 1);
    assert!(err.contains("notes.txt") && err.contains("line 1"), "{err}");
    let err = s.fails(&["import", "missing.vcf"], 1);
    assert!(err.contains("missing.vcf"), "{err}");
    assert_eq!(s.json(&["person", "list"]), serde_json::json!([]));
}

/// A current-format LinkedIn export with `rows` distinct people.
fn big_export(rows: usize) -> String {
    let mut text = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for i in 0..rows {
        text.push_str(&format!(
            "Person,Number {i},https://www.linkedin.com/in/person-{i},,\"Company {}, Inc.\",Engineer,03 Mar 2024\n",
            i % 300
        ));
    }
    text
}

#[test]
fn killing_an_import_midway_leaves_nothing_of_it() {
    let s = Sandbox::new();
    s.ok(&["person", "add", "Already Here"]);
    let file = s.path("big.csv");
    let rows = 20_000;
    std::fs::write(&file, big_export(rows)).unwrap();
    let kith = assert_cmd::cargo::cargo_bin("kith");
    let mut interrupted = 0;
    for delay_ms in [150u64, 400, 800] {
        let mut child = std::process::Command::new(&kith)
            .args([
                "--db",
                s.db().to_str().unwrap(),
                "import",
                "linkedin",
                file.to_str().unwrap(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let people = s.json(&["person", "list"]).as_array().unwrap().len();
        if finished {
            assert_eq!(people, rows + 1, "a finished import is whole");
            break;
        }
        interrupted += 1;
        assert_eq!(
            people, 1,
            "killed after {delay_ms} ms: nothing of the import is visible"
        );
        assert!(s.json(&["company", "list"]).as_array().unwrap().is_empty());
    }
    assert!(
        interrupted > 0,
        "no kill landed mid-import; the test proved nothing"
    );
    // The database is intact: the same import now runs to the end.
    let done = s.json(&["import", "linkedin", file.to_str().unwrap()]);
    assert_eq!(done["created"], rows as u64, "{done}");
    assert_eq!(
        s.json(&["person", "list"]).as_array().unwrap().len(),
        rows + 1
    );
}

#[test]
fn the_summary_groups_rejected_lines_by_reason_and_json_keeps_each() {
    let s = Sandbox::new();
    let mut text = big_export(3);
    for _ in 0..12 {
        text.push_str(",,,,,,03 Mar 2024\n");
    }
    let file = s.path("ghosts.csv");
    std::fs::write(&file, &text).unwrap();
    let path = file.to_str().unwrap();
    let dry = s.ok(&["import", "linkedin", path, "--dry-run"]);
    assert!(
        dry.contains("read 15, created 3, updated 0, unchanged 0, rejected 12"),
        "{dry}"
    );
    // The header is line 4, the people lines 5–7, the ghosts 8–19.
    assert!(
        dry.contains(
            "\n  lines 8, 9, 10, 11, 12, 13, 14, 15, … (12 in all): no name: only a connection date"
        ),
        "{dry}"
    );
    assert!(!dry.contains("line 16"), "{dry}");
    let v = s.json(&["import", "linkedin", path]);
    let lines: Vec<u64> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, (8..=19).collect::<Vec<u64>>(), "{v}");
}

#[test]
fn a_shared_number_and_many_unusable_values_are_told_in_the_summary() {
    let s = Sandbox::new();
    let mut csv = String::from("First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n");
    csv.push_str("Jane,Smith,jane@example.com,+44 20 7946 0100\n");
    csv.push_str("John,Smith,,+44 20 7946 0100\n");
    for n in 0..25 {
        csv.push_str(&format!(
            "Guest,Number {n},guest{n}@example.com,ask reception\n"
        ));
    }
    let file = s.path("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let file = file.to_str().unwrap();

    let dry = s.json(&["import", "google", file, "--dry-run"]);
    assert_eq!(
        counts(&dry),
        [27, 27, 0, 0, 0],
        "John is not merged into Jane: {dry}"
    );

    let text = s.ok(&["import", "google", file]);
    assert!(
        text.contains(
            "1 added who share an email address or phone number with someone of another name"
        ) && text.contains("line 3: John Smith (john-smith) shares a phone number with jane-smith"),
        "{text}"
    );
    assert!(
        text.contains("25 values could not be used")
            && text.contains(
                "25 × phone: lines 4, 5, 6, 7, 8, 9, 10, 11, …; the first, line 4: invalid phone \
                 \"ask reception\""
            ),
        "grouped past twenty: {text}"
    );
    assert_eq!(s.json(&["person", "list"]).as_array().unwrap().len(), 27);
}

#[test]
fn someone_renamed_is_still_found_by_the_name_the_file_has() {
    let s = Sandbox::new();
    let file = s.path("contacts.csv");
    std::fs::write(
        &file,
        "First Name,Last Name,E-mail 1 - Value\nRobert,Smith,bob@example.com\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    assert_eq!(
        counts(&s.json(&["import", "google", file])),
        [1, 1, 0, 0, 0]
    );
    s.ok(&["person", "edit", "robert-smith", "--name", "Bob Smith"]);
    let shown = s.ok(&["person", "show", "robert-smith"]);
    assert!(shown.contains("formerly   Robert Smith"), "{shown}");
    assert_eq!(
        counts(&s.json(&["import", "google", file])),
        [1, 0, 0, 1, 0],
        "the old name and the same address: the same person"
    );
    let wrong = s.fails(
        &[
            "person",
            "edit",
            "robert-smith",
            "--forget-name",
            "Rob Smith",
        ],
        1,
    );
    assert!(
        wrong.contains(
            "former name \"Rob Smith\": not one of robert-smith's (theirs: Robert Smith)"
        ),
        "{wrong}"
    );
    s.ok(&[
        "person",
        "edit",
        "robert-smith",
        "--forget-name",
        "Robert Smith",
    ]);
    let shown = s.ok(&["person", "show", "robert-smith"]);
    assert!(!shown.contains("formerly"), "{shown}");
}

#[test]
fn a_birthday_comes_in_from_a_card_and_goes_out_again() {
    let s = Sandbox::new();
    let file = s.path("phone.vcf");
    std::fs::write(
        &file,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n\
         BDAY:--1210\r\nEND:VCARD\r\n",
    )
    .unwrap();
    assert_eq!(
        counts(&s.json(&["import", file.to_str().unwrap()])),
        [1, 1, 0, 0, 0]
    );
    let shown = s.ok(&["person", "show", "ada-lovelace"]);
    assert!(shown.contains("birthday   10 December"), "{shown}");
    s.ok(&["person", "edit", "ada-lovelace", "--birthday", "1815-12-10"]);
    let bad = s.fails(
        &["person", "edit", "ada-lovelace", "--birthday", "1815-02-30"],
        2,
    );
    assert!(
        bad.contains("birthday") && bad.contains("1815-02-30"),
        "{bad}"
    );
    let vcf = s.ok(&["export", "vcard"]);
    assert!(vcf.contains("BDAY:18151210\r\n"), "{vcf}");
    let csv = s.ok(&["export", "csv"]);
    assert!(
        csv.contains(",birthday,") && csv.contains(",1815-12-10,"),
        "{csv}"
    );
}

/// The `format` of each summary in an export's `--json` array, in order.
fn formats_of(summaries: &serde_json::Value) -> Vec<String> {
    summaries
        .as_array()
        .unwrap_or_else(|| panic!("{summaries}"))
        .iter()
        .map(|f| f["format"].as_str().unwrap().to_owned())
        .collect()
}

/// The messages of `person show --json`'s recent interactions: (direction, note).
fn linkedin_messages_with(s: &Sandbox, handle: &str) -> Vec<(String, String)> {
    let shown = s.json(&["person", "show", handle]);
    shown["recent_interactions"]
        .as_array()
        .unwrap_or_else(|| panic!("{shown}"))
        .iter()
        .filter(|i| i["kind"] == "message" && i["channel"] == "linkedin")
        .map(|i| {
            (
                i["direction"].as_str().unwrap().to_owned(),
                i["note"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_linkedin_message_history_becomes_interactions_once() {
    let s = Sandbox::new();
    s.ok(&["import", &fixture("linkedin/current.csv")]);
    let messages = fixture("linkedin/messages.csv");

    let dry = s.json(&["import", &messages, "--dry-run"]);
    assert_eq!(dry["format"], "linkedin-messages", "detected: {dry}");
    assert!(linkedin_messages_with(&s, "ada-lovelace").is_empty());

    let first = s.json(&["import", &messages]);
    assert_eq!(counts(&first), [9, 5, 0, 0, 4], "{first}");
    assert_eq!(counts(&first), counts(&dry));
    let lines: Vec<u64> = first["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [7, 8, 9, 10], "{first}");
    assert!(
        first["errors"][3]["reason"]
            .as_str()
            .unwrap()
            .contains("\"sometime last week\""),
        "{first}"
    );

    // Ada: the day she wrote (HTML made text) and the two days Pat wrote, newest first.
    let ada = linkedin_messages_with(&s, "ada-lovelace");
    assert_eq!(ada.len(), 3, "{ada:?}");
    assert_eq!(ada[1].0, "inbound");
    assert_eq!(
        ada[1].1,
        "Happy to talk about the analytical engine team & how we hire.\nTuesday 10:00?"
    );
    assert_eq!(ada[0].0, "outbound");
    // One message to two people: one interaction with both.
    let grace = linkedin_messages_with(&s, "grace-hopper");
    assert_eq!(
        grace,
        [(
            "outbound".to_owned(),
            "Looping you both in for the meetup talk.".to_owned()
        )]
    );
    assert_eq!(linkedin_messages_with(&s, "rocket-lee-example"), grace);
    // Someone only in the messages is added, with their profile.
    let rosa = s.json(&["person", "show", "rosa-recruiter"]);
    assert_eq!(
        rosa["person"]["urls"],
        serde_json::json!(["https://www.linkedin.com/in/rosa-recruiter-9f"])
    );
    assert_eq!(
        linkedin_messages_with(&s, "rosa-recruiter")[0].1,
        "Platform role at Example Corp\nWould you be open to a chat about a platform role?"
    );
    // The last touch is the messages', not the connection date's.
    let shown = s.ok(&["person", "show", "ada-lovelace"]);
    assert!(shown.contains("last touch 2026-11-02"), "{shown}");

    let again = s.json(&["import", "linkedin-messages", &messages]);
    assert_eq!(counts(&again), [9, 0, 0, 5, 4], "{again}");
    assert_eq!(linkedin_messages_with(&s, "ada-lovelace"), ada);
    let people = s.json(&["person", "list"]);
    assert_eq!(people.as_array().unwrap().len(), 9, "{people}");
}

#[test]
fn whose_message_history_it_is_can_be_said_when_kith_cannot_tell() {
    let s = Sandbox::new();
    let one = s.path("messages.csv");
    std::fs::write(
        &one,
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,\
         DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT\n\
         c1,,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,Pat Seeker,\
         https://www.linkedin.com/in/pat-seeker,2026-11-01 18:40:31 UTC,,Hello Pat,INBOX,No,No\n",
    )
    .unwrap();
    let file = one.to_str().unwrap();
    let err = s.fails(&["import", file], 2);
    assert!(
        err.contains("messages.csv") && err.contains("--me") && err.contains("Pat Seeker"),
        "{err}"
    );
    let err = s.fails(&["import", file, "--me", "Someone Else"], 2);
    assert!(err.contains("\"Someone Else\""), "{err}");
    assert_eq!(s.json(&["person", "list"]), serde_json::json!([]));
    // A name `kith me` keeps that is no one in the file settles nothing.
    s.ok(&["me", "--name", "Pat"]);
    let err = s.fails(&["import", file, "--dry-run"], 2);
    assert!(err.contains("--me"), "{err}");
    // The name it keeps settles it when it is someone's in the file.
    s.ok(&["me", "--name", "Pat Seeker"]);
    let dry = s.json(&["import", file, "--dry-run"]);
    assert_eq!(counts(&dry), [1, 1, 0, 0, 0], "{dry}");
    let done = s.json(&[
        "import",
        file,
        "--me",
        "https://linkedin.com/in/pat-seeker/",
    ]);
    assert_eq!(counts(&done), [1, 1, 0, 0, 0], "{done}");
    assert_eq!(
        linkedin_messages_with(&s, "ada-lovelace"),
        [("inbound".to_owned(), "Hello Pat".to_owned())]
    );
}

#[test]
fn linkedin_invitations_are_touches_and_pending_ones_are_people() {
    let s = Sandbox::new();
    s.ok(&["import", &fixture("linkedin/current.csv")]);
    let file = fixture("linkedin/invitations.csv");
    let first = s.json(&["import", &file]);
    assert_eq!(first["format"], "linkedin-invitations", "detected: {first}");
    assert_eq!(counts(&first), [4, 3, 0, 0, 1], "{first}");
    assert_eq!(first["errors"][0]["line"], 5, "{first}");
    assert!(
        first["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("\"not a date\""),
        "{first}"
    );
    // Received, with its note.
    assert_eq!(
        linkedin_messages_with(&s, "grace-hopper"),
        [(
            "inbound".to_owned(),
            "Invitation to connect received: Hi Pat, we met at the compiler meetup — would love \
             to stay in touch."
                .to_owned()
        )]
    );
    // Sent and not accepted yet: someone to know all the same, with the note that went.
    let lin = s.json(&["person", "show", "lin-platform"]);
    assert_eq!(
        lin["person"]["urls"],
        serde_json::json!(["https://www.linkedin.com/in/lin-platform-5c"])
    );
    let sent = linkedin_messages_with(&s, "lin-platform");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "outbound");
    assert!(
        sent[0]
            .1
            .starts_with("Invitation to connect sent: Loved your post"),
        "{sent:?}"
    );
    let human = s.ok(&["import", "linkedin-invitations", &file]);
    assert!(
        human.contains("read 4, created 0, updated 0, unchanged 3, rejected 1 (invitations)"),
        "{human}"
    );
}

#[test]
fn an_unzipped_linkedin_export_is_imported_whole_in_order() {
    let s = Sandbox::new();
    let export = s.path("Basic_LinkedInDataExport_11-24-2026");
    std::fs::create_dir(&export).unwrap();
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixture(from), export.join(to)).unwrap();
    };
    copy("linkedin/messages.csv", "messages.csv");
    copy("linkedin/invitations.csv", "INVITATIONS.CSV");
    copy("linkedin/current.csv", "Connections.csv");
    std::fs::write(
        export.join("Positions.csv"),
        "Company Name,Title\nAcme,Engineer\n",
    )
    .unwrap();
    let folder = export.to_str().unwrap();

    let first = s.json(&["import", folder]);
    let formats = formats_of(&first);
    assert_eq!(
        formats,
        ["linkedin", "linkedin-invitations", "linkedin-messages"],
        "connections first: {first}"
    );
    assert_eq!(counts(&first[0]), [11, 8, 0, 0, 3], "{first}");
    assert_eq!(counts(&first[1]), [4, 3, 0, 0, 1], "{first}");
    assert_eq!(counts(&first[2]), [9, 5, 0, 0, 4], "{first}");
    // Connections came first, so Ada from the messages is the Ada with her company.
    let ada = s.json(&["person", "show", "ada-lovelace"]);
    assert_eq!(ada["person"]["company"]["name"], "Analytical Engines, Inc.");
    // Three days of messages and the invitation she accepted.
    assert_eq!(linkedin_messages_with(&s, "ada-lovelace").len(), 4);

    let again = s.json(&["import", folder]);
    for (n, summary) in again.as_array().unwrap().iter().enumerate() {
        let [read, created, updated, unchanged, rejected] = counts(summary);
        assert_eq!((created, updated), (0, 0), "file {n}: {again}");
        assert_eq!(read, unchanged + rejected, "file {n}: {again}");
    }
    let text = s.ok(&["import", folder, "--dry-run"]);
    assert_eq!(
        text.matches("Dry run — nothing written.").count(),
        3,
        "{text}"
    );
}

#[test]
fn an_export_folder_with_an_unreadable_file_writes_nothing() {
    let s = Sandbox::new();
    let export = s.path("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::copy(
        fixture("linkedin/current.csv"),
        export.join("Connections.csv"),
    )
    .unwrap();
    std::fs::write(export.join("messages.csv"), "not,the,header\n1,2,3\n").unwrap();
    let folder = export.to_str().unwrap();
    let err = s.fails(&["import", folder], 1);
    assert!(
        err.contains("messages.csv") && err.contains("line 1"),
        "{err}"
    );
    assert_eq!(s.json(&["person", "list"]), serde_json::json!([]));

    // One conversation does not say whose it is; the export's own profile does.
    std::fs::write(
        export.join("messages.csv"),
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n\
         c1,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace-3b2a91,Pat Seeker,\
         https://www.linkedin.com/in/pat-seeker,2026-11-01 18:40:31 UTC,Hello Pat\n",
    )
    .unwrap();
    let err = s.fails(&["import", folder], 2);
    assert!(err.contains("--me"), "{err}");
    assert_eq!(s.json(&["person", "list"]), serde_json::json!([]));
    std::fs::write(
        export.join("Profile.csv"),
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline\nPat,Seeker,,,,Engineer\n",
    )
    .unwrap();
    let done = s.json(&["import", folder]);
    assert_eq!(counts(&done[1]), [1, 1, 0, 0, 0], "{done}");
    assert_eq!(
        linkedin_messages_with(&s, "ada-lovelace"),
        [("inbound".to_owned(), "Hello Pat".to_owned())]
    );

    let empty = s.path("empty");
    std::fs::create_dir(&empty).unwrap();
    let err = s.fails(&["import", empty.to_str().unwrap()], 2);
    assert!(err.contains("no Connections.csv"), "{err}");
    let err = s.fails(&["import", "linkedin", folder], 2);
    assert!(err.contains("leave the format out"), "{err}");
}

#[test]
fn linkedins_zip_is_imported_as_it_comes() {
    use std::io::Write as _;
    let s = Sandbox::new();
    let archive = s.path("Basic_LinkedInDataExport_11-24-2026.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8], options| {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes).unwrap();
    };
    let read = |f: &str| std::fs::read(fixture(f)).unwrap();
    // A deeper copy loses to the shallower one; files kith does not read are passed over.
    add(
        "old/backup/Connections.csv",
        b"First Name,Last Name,Connected On\n",
        deflated,
    );
    add("Connections.csv", &read("linkedin/current.csv"), deflated);
    add("Invitations.csv", &read("linkedin/invitations.csv"), stored);
    add("messages.csv", &read("linkedin/messages.csv"), deflated);
    add(
        "Jobs/Job Applications.csv",
        b"Application Date,Company Name\n",
        deflated,
    );
    zip.finish().unwrap();
    let file = archive.to_str().unwrap();

    let first = s.json(&["import", file]);
    let formats = formats_of(&first);
    assert_eq!(
        formats,
        ["linkedin", "linkedin-invitations", "linkedin-messages"]
    );
    assert_eq!(counts(&first[0]), [11, 8, 0, 0, 3], "{first}");
    assert_eq!(counts(&first[2]), [9, 5, 0, 0, 4], "{first}");
    let text = s.ok(&["import", file]);
    assert!(
        text.contains("Basic_LinkedInDataExport_11-24-2026.zip:messages.csv: read 9, created 0"),
        "{text}"
    );

    let err = s.fails(&["import", "linkedin", file], 2);
    assert!(err.contains("leave the format out"), "{err}");

    let broken = s.path("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 this is not really an archive").unwrap();
    let other = Sandbox::new();
    let err = other.fails(&["import", broken.to_str().unwrap()], 1);
    assert!(err.contains("broken.zip") && err.contains("ZIP"), "{err}");
    assert_eq!(other.json(&["person", "list"]), serde_json::json!([]));
}
