//! The import contract: identity, merge, job changes, dry runs — on both backends.

use jiff::civil::date;
use kith_core::contact::Contact;
use kith_db::Database;
use kith_store::{ImportOptions, ImportProgress, NewPerson, PersonFilter, Store};

use crate::harness::fresh_owner;

const LINKEDIN: ImportOptions = ImportOptions {
    source: "linkedin",
    current_jobs: true,
    dry_run: false,
};
const PHONEBOOK: ImportOptions = ImportOptions {
    source: "vcard",
    current_jobs: false,
    dry_run: false,
};

async fn store(db: &Database) -> std::sync::Arc<dyn Store> {
    db.store(fresh_owner(db).await)
}

fn linkedin_row(line: usize, name: &str, slug: &str, company: &str, role: &str) -> Contact {
    let url = format!("https://www.linkedin.com/in/{slug}");
    Contact {
        line,
        name: name.into(),
        company: Some(company.into()),
        role: Some(role.into()),
        urls: vec![url.clone()],
        linkedin: Some(url),
        connected_on: Some(date(2024, 3, 3)),
        ..Contact::default()
    }
}

fn export_2024() -> Vec<Contact> {
    vec![
        linkedin_row(
            5,
            "Ada Lovelace",
            "ada-lovelace",
            "Analytical Engines",
            "Staff Engineer",
        ),
        linkedin_row(6, "Grace Hopper", "grace-hopper", "Navy", "Rear Admiral"),
        Contact {
            emails: vec!["alan@bletchley.example".into()],
            ..linkedin_row(
                7,
                "Alan Turing",
                "alan-turing",
                "Analytical Engines",
                "Researcher",
            )
        },
    ]
}

pub(crate) async fn importing_twice_changes_nothing_the_second_time(db: &Database) {
    let s = store(db).await;
    let first = s
        .import_contacts(&export_2024(), LINKEDIN)
        .await
        .expect("import");
    assert_eq!((first.created, first.updated, first.unchanged), (3, 0, 0));
    assert!(first.ambiguous.is_empty() && first.job_changes.is_empty());

    let people = s.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(people.len(), 3);
    let ada = people.iter().find(|p| p.name == "Ada Lovelace").unwrap();
    assert_eq!(ada.handle.as_str(), "ada-lovelace");
    assert_eq!(
        ada.company.as_ref().map(|c| c.name.as_str()),
        Some("Analytical Engines")
    );
    assert_eq!(ada.urls, ["https://www.linkedin.com/in/ada-lovelace"]);
    let companies = s.companies().await.unwrap();
    assert_eq!(companies.len(), 2, "one company per name: {companies:?}");

    let history = s.interactions_with(ada.id, 10).await.unwrap();
    assert_eq!(
        history.len(),
        1,
        "the connection date is the first touchpoint"
    );
    assert_eq!(history[0].channel, Some(kith_core::Channel::Linkedin));
    assert_eq!(history[0].occurred_at.to_string(), "2024-03-03T12:00:00Z");

    let again = s.import_contacts(&export_2024(), LINKEDIN).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(
        s.people(&PersonFilter::default()).await.unwrap(),
        people,
        "nothing rewritten"
    );
    assert_eq!(s.interactions_with(ada.id, 10).await.unwrap().len(), 1);
}

pub(crate) async fn a_newer_export_records_job_changes(db: &Database) {
    let s = store(db).await;
    s.import_contacts(&export_2024(), LINKEDIN).await.unwrap();
    let mut newer = export_2024();
    newer[0].company = Some("Difference Ltd".into());
    newer[0].role = Some("CTO".into());
    newer[1].role = Some("Commodore".into());
    let outcome = s.import_contacts(&newer, LINKEDIN).await.unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (0, 2, 1)
    );
    let changes: Vec<(String, String, String)> = outcome
        .job_changes
        .iter()
        .map(|c| (c.person.handle.to_string(), c.from.clone(), c.to.clone()))
        .collect();
    assert_eq!(
        changes,
        [
            (
                "ada-lovelace".into(),
                "Staff Engineer at Analytical Engines".into(),
                "CTO at Difference Ltd".into()
            ),
            (
                "grace-hopper".into(),
                "Rear Admiral at Navy".into(),
                "Commodore at Navy".into()
            ),
        ]
    );
    let ada = s
        .person(&kith_core::Handle::parse("ada-lovelace").unwrap())
        .await
        .unwrap();
    assert_eq!(ada.company.map(|c| c.name), Some("Difference Ltd".into()));
    assert_eq!(ada.role.as_deref(), Some("CTO"));
    assert_eq!(
        s.search("difference", 5).await.unwrap().len(),
        1,
        "re-indexed"
    );
}

pub(crate) async fn records_merge_by_identity_never_by_name_alone(db: &Database) {
    let s = store(db).await;
    s.add_person(NewPerson {
        name: "Ada L.".into(),
        emails: vec!["ada@example.com".into()],
        role: Some("Engineer".into()),
        ..NewPerson::default()
    })
    .await
    .unwrap();
    s.add_person(NewPerson {
        name: "Grace Hopper".into(),
        ..NewPerson::default()
    })
    .await
    .unwrap();
    let phone_card = vec![
        Contact {
            line: 1,
            name: "Ada Lovelace".into(),
            emails: vec!["ADA@example.com".into()],
            phones: vec!["+44 20 7946 0958".into()],
            role: Some("Countess".into()),
            company: Some("Analytical Engines".into()),
            ..Contact::default()
        },
        Contact {
            line: 9,
            name: "Grace Hopper".into(),
            note: Some("Met at the COBOL conference".into()),
            ..Contact::default()
        },
    ];
    let outcome = s.import_contacts(&phone_card, PHONEBOOK).await.unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (0, 1, 0)
    );
    assert_eq!(
        outcome.ambiguous.len(),
        1,
        "Grace by name alone is reported, not guessed"
    );
    assert_eq!(outcome.ambiguous[0].line, 9);
    assert!(
        outcome.ambiguous[0].reason.contains("name alone"),
        "{:?}",
        outcome.ambiguous
    );
    assert!(
        outcome.job_changes.is_empty(),
        "a phone book is not authoritative about jobs"
    );
    let ada = s
        .person(&kith_core::Handle::parse("ada-l").unwrap())
        .await
        .unwrap();
    assert_eq!(ada.name, "Ada L.", "the stored name is kept");
    assert_eq!(ada.emails, ["ada@example.com"]);
    assert_eq!(ada.phones, ["+44 20 7946 0958"]);
    assert_eq!(
        ada.role.as_deref(),
        Some("Engineer"),
        "filled only where empty"
    );
    assert_eq!(
        ada.company.map(|c| c.name),
        Some("Analytical Engines".into())
    );
    assert_eq!(
        s.search("grace", 10).await.unwrap().len(),
        1,
        "no second Grace"
    );

    let again = s.import_contacts(&phone_card, PHONEBOOK).await.unwrap();
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 1),
        "{again:?}"
    );
    assert_eq!(again.ambiguous.len(), 1);

    // A name-only record for someone new is created; importing it again changes nothing.
    let newcomer = [Contact {
        line: 3,
        name: "Katherine Johnson".into(),
        ..Contact::default()
    }];
    let first = s.import_contacts(&newcomer, PHONEBOOK).await.unwrap();
    assert_eq!(first.created, 1);
    let second = s.import_contacts(&newcomer, PHONEBOOK).await.unwrap();
    assert_eq!((second.created, second.unchanged), (0, 1), "{second:?}");
    assert!(second.ambiguous.is_empty());
}

pub(crate) async fn ambiguous_records_are_reported_and_skipped(db: &Database) {
    let s = store(db).await;
    for name in ["Sam One", "Sam Two"] {
        s.add_person(NewPerson {
            name: name.into(),
            emails: vec!["team@example.com".into()],
            ..NewPerson::default()
        })
        .await
        .unwrap();
    }
    let record = Contact {
        line: 12,
        name: "Sam".into(),
        emails: vec!["team@example.com".into()],
        phones: vec!["555 010 0199".into()],
        ..Contact::default()
    };
    let outcome = s.import_contacts(&[record], PHONEBOOK).await.unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (0, 0, 0)
    );
    assert_eq!(outcome.ambiguous.len(), 1);
    assert_eq!(outcome.ambiguous[0].line, 12);
    assert!(
        outcome.ambiguous[0].reason.contains("sam-one, sam-two"),
        "{:?}",
        outcome.ambiguous
    );
    assert!(outcome.ambiguous[0].reason.contains("email"));
    let people = s.people(&PersonFilter::default()).await.unwrap();
    assert!(
        people.iter().all(|p| p.phones.is_empty()),
        "nothing written for it"
    );
}

pub(crate) async fn a_dry_run_counts_exactly_and_writes_nothing(db: &Database) {
    let s = store(db).await;
    let dry = ImportOptions {
        dry_run: true,
        ..LINKEDIN
    };
    let outcome = s.import_contacts(&export_2024(), dry).await.unwrap();
    assert_eq!(outcome.created, 3);
    assert_eq!(s.count_people().await.unwrap(), 0);
    assert!(s.companies().await.unwrap().is_empty());
    assert!(s.search("lovelace", 5).await.unwrap().is_empty());
}

pub(crate) async fn one_file_naming_someone_twice_makes_one_person(db: &Database) {
    let s = store(db).await;
    let mut rows = export_2024();
    let mut twin = rows[0].clone();
    twin.line = 40;
    twin.emails = vec!["ada@example.com".into()];
    rows.push(twin);
    let outcome = s.import_contacts(&rows, LINKEDIN).await.unwrap();
    assert_eq!(
        (outcome.created, outcome.updated, outcome.unchanged),
        (3, 1, 0)
    );
    let people = s.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(people.len(), 3);
    let ada = people.iter().find(|p| p.name == "Ada Lovelace").unwrap();
    assert_eq!(ada.emails, ["ada@example.com"]);
    assert_eq!(s.interactions_with(ada.id, 5).await.unwrap().len(), 1);
}

pub(crate) async fn imports_match_only_the_owners_people(db: &Database) {
    let alice = store(db).await;
    let bob = store(db).await;
    alice
        .import_contacts(&export_2024(), LINKEDIN)
        .await
        .unwrap();
    let outcome = bob.import_contacts(&export_2024(), LINKEDIN).await.unwrap();
    assert_eq!(outcome.created, 3, "another owner's people are invisible");
    assert_eq!(alice.count_people().await.unwrap(), 3);
    assert_eq!(bob.count_people().await.unwrap(), 3);
}

pub(crate) async fn merging_keeps_everything_of_both(db: &Database) {
    use kith_core::{Direction, InteractionKind, TieKind, TieStrength};
    use kith_store::{NewFollowUp, NewInteraction, StoreError};
    let s = store(db).await;
    let add = |name: &str, email: &str, tag: &str| NewPerson {
        name: name.into(),
        emails: vec![email.into()],
        tags: vec![tag.into()],
        ..NewPerson::default()
    };
    let a = s
        .add_person(NewPerson {
            role: Some("Engineer".into()),
            ..add("Ada Lovelace", "ada@x.com", "x")
        })
        .await
        .unwrap();
    let b = s
        .add_person(NewPerson {
            phones: vec!["+44 20 7946 0958".into()],
            note: Some("Prefers mornings".into()),
            ..add("A. Lovelace", "lovelace@y.com", "y")
        })
        .await
        .unwrap();
    let c = s.add_person(add("Charles", "c@x.com", "z")).await.unwrap();
    let log = |people: Vec<kith_core::PersonId>, note: &str| NewInteraction {
        kind: InteractionKind::Call,
        occurred_at: jiff::Timestamp::from_second(1_780_000_000).unwrap(),
        channel: None,
        direction: Direction::Outbound,
        note: Some(note.into()),
        people,
    };
    for (people, note) in [
        (vec![a.id], "a alone"),
        (vec![b.id], "b alone about zeppelins"),
        (vec![a.id, b.id], "both"),
        (vec![b.id, c.id], "b with c"),
    ] {
        s.log_interaction(log(people, note)).await.unwrap();
    }
    let tie = |x: &kith_core::Person, y: &kith_core::Person| kith_core::Tie {
        id: kith_core::TieId::new(),
        a: x.link(),
        b: y.link(),
        kind: TieKind::Friend,
        strength: TieStrength::new(3).unwrap(),
        created_at: None,
        note: None,
        inferred: false,
    };
    let batch = kith_store::NetworkBatch {
        ties: vec![tie(&b, &c), tie(&a, &c), tie(&a, &b)],
        ..Default::default()
    };
    s.insert_network(&batch).await.unwrap();
    s.add_follow_up(NewFollowUp {
        person: Some(b.id),
        action: "Thank them".into(),
        due: date(2026, 12, 1),
        owed_by: kith_core::follow_up::Owed::Me,
    })
    .await
    .unwrap();

    let outcome = s.merge_people(&a.handle, &b.handle).await.expect("merge");
    assert_eq!(outcome.absorbed.handle, b.handle);
    assert_eq!((outcome.interactions, outcome.follow_ups), (2, 1));
    let kept = outcome.kept;
    assert_eq!(kept.handle, a.handle);
    assert_eq!(kept.emails, ["ada@x.com", "lovelace@y.com"]);
    assert_eq!(kept.phones, ["+44 20 7946 0958"]);
    assert_eq!(kept.tags, ["x", "y"]);
    assert_eq!(kept.role.as_deref(), Some("Engineer"));
    assert_eq!(kept.note.as_deref(), Some("Prefers mornings"));

    let history = s.interactions_with(a.id, 10).await.unwrap();
    assert_eq!(history.len(), 4, "{history:?}");
    assert!(
        history
            .iter()
            .all(|i| i.people.iter().all(|p| p.id != b.id))
    );
    let ties = s.ties_of(a.id).await.unwrap();
    assert_eq!(
        ties.len(),
        1,
        "the duplicate tie and the self-tie are gone: {ties:?}"
    );
    let follow_ups = s
        .follow_ups(&kith_store::FollowUpFilter {
            person: Some(a.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert!(matches!(
        s.person(&b.handle).await,
        Err(StoreError::NotFound { .. })
    ));
    let hits = s.search("zeppelins", 5).await.unwrap();
    assert_eq!(
        hits[0].person.as_ref().map(|p| p.id),
        Some(a.id),
        "notes now point at the kept person"
    );

    let merges = s.merges().await.unwrap();
    assert_eq!(merges.len(), 1);
    assert_eq!(
        merges[0].absorbed, b,
        "the history keeps the absorbed person as they were"
    );
    assert_eq!(merges[0].kept.id, a.id);

    assert!(matches!(
        s.merge_people(&a.handle, &a.handle).await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        s.merge_people(&a.handle, &b.handle).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// What an import reported, in order.
async fn import_recording(
    s: &dyn Store,
    contacts: &[Contact],
    options: ImportOptions,
) -> (kith_store::ImportOutcome, Vec<ImportProgress>) {
    let seen = std::sync::Mutex::new(Vec::new());
    let record = |step| seen.lock().unwrap().push(step);
    let outcome = s
        .import_contacts_reporting(contacts, options, &record)
        .await
        .expect("import");
    (outcome, seen.into_inner().unwrap())
}

pub(crate) async fn an_import_reports_matching_writing_and_committing(db: &Database) {
    let s = store(db).await;
    // More records than one report's worth, so matching reports more than its ends.
    let contacts: Vec<Contact> = (0..2500)
        .map(|n| {
            linkedin_row(
                n + 5,
                &format!("Person {n}"),
                &format!("person-{n}"),
                "Analytical Engines",
                "Engineer",
            )
        })
        .collect();
    let (outcome, steps) = import_recording(&*s, &contacts, LINKEDIN).await;
    assert_eq!(outcome.created, 2500);

    let matching: Vec<(u64, u64)> = steps
        .iter()
        .filter_map(|s| match s {
            ImportProgress::Matching { done, total } => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(
        matching,
        [(0, 2500), (1024, 2500), (2048, 2500), (2500, 2500)],
        "{steps:?}"
    );
    let writing: Vec<(&str, u64)> = steps
        .iter()
        .filter_map(|s| match s {
            ImportProgress::Writing { table, rows } => Some((*table, *rows)),
            _ => None,
        })
        .collect();
    for table in [
        "companies",
        "people",
        "person_contacts",
        "interactions",
        "touch_logs",
    ] {
        assert!(
            writing.iter().any(|(t, _)| *t == table),
            "{table} not reported: {writing:?}"
        );
    }
    assert!(writing.contains(&("people", 2500)), "{writing:?}");
    assert!(writing.contains(&("companies", 1)), "{writing:?}");
    assert!(writing.iter().all(|(_, rows)| *rows > 0), "{writing:?}");
    let last_matching = steps
        .iter()
        .rposition(|s| matches!(s, ImportProgress::Matching { .. }))
        .unwrap();
    let first_writing = steps
        .iter()
        .position(|s| matches!(s, ImportProgress::Writing { .. }))
        .unwrap();
    assert!(last_matching < first_writing, "{steps:?}");
    assert_eq!(steps.last(), Some(&ImportProgress::Committing), "{steps:?}");

    // Again: everything matches, nothing is written, the (empty) transaction still ends.
    let (again, steps) = import_recording(&*s, &contacts, LINKEDIN).await;
    assert_eq!(again.unchanged, 2500);
    assert!(
        !steps
            .iter()
            .any(|s| matches!(s, ImportProgress::Writing { .. })),
        "{steps:?}"
    );
    assert_eq!(steps.last(), Some(&ImportProgress::Committing), "{steps:?}");

    // A dry run reports what it would write, then never commits.
    let newcomer = [linkedin_row(
        3,
        "Edsger Dijkstra",
        "edsger",
        "THE",
        "Professor",
    )];
    let (dry, steps) = import_recording(
        &*s,
        &newcomer,
        ImportOptions {
            dry_run: true,
            ..LINKEDIN
        },
    )
    .await;
    assert_eq!(dry.created, 1);
    assert!(steps.contains(&ImportProgress::Writing {
        table: "people",
        rows: 1
    }));
    assert!(!steps.contains(&ImportProgress::Committing), "{steps:?}");
}

pub(crate) async fn a_namesake_is_created_and_reported_never_merged(db: &Database) {
    let s = store(db).await;
    // A LinkedIn export: a profile and a company, no email or phone.
    s.import_contacts(&export_2024(), LINKEDIN).await.unwrap();
    // A John Smith from LinkedIn, for later.
    s.import_contacts(
        &[linkedin_row(
            4,
            "John Smith",
            "john-smith-1",
            "Acme",
            "Engineer",
        )],
        LINKEDIN,
    )
    .await
    .unwrap();
    // The same Ada and Grace from a phone: email or phone, no company, no profile.
    let phone = [
        Contact {
            line: 1,
            name: "Ada  Lovelace".into(),
            emails: vec!["ada@example.com".into()],
            phones: vec!["+44 20 7946 0958".into()],
            ..Contact::default()
        },
        Contact {
            line: 7,
            name: "Grace Hopper".into(),
            phones: vec!["+1 555 010 0199".into()],
            ..Contact::default()
        },
    ];
    let outcome = s.import_contacts(&phone, PHONEBOOK).await.unwrap();
    assert_eq!((outcome.created, outcome.updated), (2, 0), "{outcome:?}");
    assert!(outcome.ambiguous.is_empty(), "{outcome:?}");
    let reported: Vec<(usize, &str, Vec<&str>)> = outcome
        .namesakes
        .iter()
        .map(|n| {
            (
                n.line,
                n.created.handle.as_str(),
                n.existing.iter().map(|p| p.handle.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            (1, "ada-lovelace-2", vec!["ada-lovelace"]),
            (7, "grace-hopper-2", vec!["grace-hopper"]),
        ]
    );
    let ada = s
        .person(&kith_core::Handle::parse("ada-lovelace").unwrap())
        .await
        .unwrap();
    assert!(
        ada.emails.is_empty(),
        "nothing merged into the LinkedIn Ada"
    );

    // Another John Smith with another profile is another person, not a namesake to check.
    let other_john = [linkedin_row(
        5,
        "John Smith",
        "john-smith-2",
        "Initech",
        "Manager",
    )];
    let outcome = s.import_contacts(&other_john, LINKEDIN).await.unwrap();
    assert_eq!(outcome.created, 1);
    assert!(outcome.namesakes.is_empty(), "{outcome:?}");

    // Alan at another company than the one LinkedIn gave: most likely someone else.
    let other_alan = [Contact {
        line: 2,
        name: "Alan Turing".into(),
        company: Some("Bletchley Park".into()),
        phones: vec!["+44 1908 640404".into()],
        ..Contact::default()
    }];
    let outcome = s.import_contacts(&other_alan, PHONEBOOK).await.unwrap();
    assert_eq!(outcome.created, 1);
    assert!(outcome.namesakes.is_empty(), "{outcome:?}");

    // Importing the phone cards again: matched by email and phone, nothing reported.
    let again = s.import_contacts(&phone, PHONEBOOK).await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, 2), "{again:?}");
    assert!(again.namesakes.is_empty(), "{again:?}");
}

pub(crate) async fn a_shared_line_or_mailbox_is_not_one_person(db: &Database) {
    let s = store(db).await;
    let card = |line: usize, name: &str, email: Option<&str>, phone: Option<&str>| Contact {
        line,
        name: name.into(),
        emails: email.map(|e| vec![e.to_owned()]).unwrap_or_default(),
        phones: phone.map(|p| vec![p.to_owned()]).unwrap_or_default(),
        ..Contact::default()
    };
    // A family's landline and a team's mailbox, then the same people by other names.
    let first = [
        card(
            2,
            "Jane Smith",
            Some("jane@example.com"),
            Some("+44 20 7946 0100"),
        ),
        card(3, "John Smith", None, Some("+44 20 7946 0100")),
        card(4, "Mia Chen", Some("team@acme.example"), None),
        card(5, "Omar Haddad", Some("team@acme.example"), None),
    ];
    let outcome = s.import_contacts(&first, PHONEBOOK).await.unwrap();
    assert_eq!((outcome.created, outcome.updated), (4, 0), "{outcome:?}");
    let reported: Vec<(usize, &str, &str, Vec<&str>)> = outcome
        .sharers
        .iter()
        .map(|r| {
            (
                r.line,
                r.created.handle.as_str(),
                r.shared,
                r.existing.iter().map(|p| p.handle.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            (3, "john-smith", "phone", vec!["jane-smith"]),
            (5, "omar-haddad", "email", vec!["mia-chen"]),
        ]
    );
    // The same number under a name that may be hers, and the mailbox under his: merged.
    let later = [
        card(2, "J. Smith", None, Some("020 7946 0100")),
        card(
            3,
            "Omar",
            Some("TEAM@acme.example"),
            Some("+1 555 010 0142"),
        ),
        // A record named by its address for want of a name (as a Google export gives it).
        card(4, "jane@example.com", Some("jane@example.com"), None),
    ];
    let outcome = s.import_contacts(&later, PHONEBOOK).await.unwrap();
    assert_eq!(outcome.created, 0, "{outcome:?}");
    assert!(outcome.sharers.is_empty(), "{outcome:?}");
    // "J. Smith" fits both Smiths: ambiguous, nothing imported for it.
    assert_eq!(
        (outcome.updated, outcome.unchanged, outcome.ambiguous.len()),
        (1, 1, 1),
        "{outcome:?}"
    );
    let omar = s
        .person(&kith_core::Handle::parse("omar-haddad").unwrap())
        .await
        .unwrap();
    assert_eq!(omar.phones.len(), 1, "{omar:?}");
    // Again, as it was: nothing new, nothing reported.
    let again = s.import_contacts(&first, PHONEBOOK).await.unwrap();
    assert_eq!((again.created, again.unchanged), (0, 4), "{again:?}");
    assert!(again.sharers.is_empty(), "{again:?}");
}

pub(crate) async fn a_renamed_or_merged_person_is_still_found_by_old_names(db: &Database) {
    let s = store(db).await;
    let handle = |h: &str| kith_core::Handle::parse(h).unwrap();
    let card = |line: usize, name: &str, email: Option<&str>, company: Option<&str>| Contact {
        line,
        name: name.into(),
        emails: email.map(|e| vec![e.to_owned()]).unwrap_or_default(),
        company: company.map(Into::into),
        ..Contact::default()
    };
    let phonebook = [
        card(2, "Robert Smith", Some("bob@acme.example"), None),
        card(3, "Lena Park", None, Some("Initech")),
        card(4, "Lena P", Some("lena@home.example"), None),
        card(5, "Teodor Ilic", None, None),
    ];
    let first = s.import_contacts(&phonebook, PHONEBOOK).await.unwrap();
    assert_eq!(first.created, 4, "{first:?}");
    // The user calls them what they call them now, and sees that two Lenas are one.
    for (who, name) in [
        ("robert-smith", "Bob Smith"),
        ("lena-park", "Lena Park-Ito"),
        ("teodor-ilic", "Teo Ilic"),
    ] {
        let patch = kith_store::PersonPatch {
            name: Some(name.into()),
            ..Default::default()
        };
        s.edit_person(&handle(who), patch).await.unwrap();
    }
    s.merge_people(&handle("lena-park"), &handle("lena-p"))
        .await
        .unwrap();
    let lena = s.person(&handle("lena-park")).await.unwrap();
    assert_eq!(lena.former_names, ["Lena Park", "Lena P"]);
    // The same phone book again: the old names still point at them (by email, by name and
    // company, by name alone with nothing new), so nobody comes back.
    let again = s.import_contacts(&phonebook, PHONEBOOK).await.unwrap();
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 4),
        "{again:?}"
    );
    assert!(
        again.sharers.is_empty() && again.ambiguous.is_empty(),
        "{again:?}"
    );
    assert_eq!(s.count_people().await.unwrap(), 3);
    let bob = s.person(&handle("robert-smith")).await.unwrap();
    assert_eq!(
        (bob.name.as_str(), bob.former_names.as_slice()),
        ("Bob Smith", &["Robert Smith".to_owned()][..])
    );
    // Search finds them by an old name too.
    let hits = s.search("Robert", 5).await.unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    // Undone, the merge takes back the name it gave; the absorbed Lena comes back as she was.
    s.undo_merge(kith_store::MergeRef::Latest).await.unwrap();
    let lena = s.person(&handle("lena-park")).await.unwrap();
    assert_eq!(lena.former_names, ["Lena Park"]);
    assert!(
        s.person(&handle("lena-p"))
            .await
            .unwrap()
            .former_names
            .is_empty()
    );
    // A former name can be forgotten; one they never had is an error that changes nothing.
    let forget = |name: &str| kith_store::PersonPatch {
        forget_names: vec![name.into()],
        ..Default::default()
    };
    let wrong = s
        .edit_person(&handle("robert-smith"), forget("Rob Smith"))
        .await;
    assert!(
        matches!(wrong, Err(kith_store::StoreError::Conflict { .. })),
        "{wrong:?}"
    );
    let bob = s
        .edit_person(&handle("robert-smith"), forget("robert  SMITH"))
        .await
        .unwrap();
    assert!(bob.former_names.is_empty());
    // Forgotten, the old name is someone else's: added, and told.
    let third = s.import_contacts(&phonebook[..1], PHONEBOOK).await.unwrap();
    assert_eq!((third.created, third.sharers.len()), (1, 1), "{third:?}");
}

pub(crate) async fn birthdays_from_a_file_are_kept(db: &Database) {
    let s = store(db).await;
    let card = |name: &str, email: &str, birthday: Option<&str>| Contact {
        line: 2,
        name: name.into(),
        emails: vec![email.into()],
        birthday: birthday.map(Into::into),
        ..Contact::default()
    };
    let first = [
        card("Ada Lovelace", "ada@example.com", Some("1815-12-10")),
        card("Grace Hopper", "grace@example.com", None),
    ];
    let outcome = s.import_contacts(&first, PHONEBOOK).await.unwrap();
    assert_eq!(outcome.created, 2);
    let birthday = |handle: &str| {
        let s = s.clone();
        let handle = kith_core::Handle::parse(handle).unwrap();
        async move { s.person(&handle).await.unwrap().birthday }
    };
    assert_eq!(
        birthday("ada-lovelace").await.as_deref(),
        Some("1815-12-10")
    );
    // Again: nothing new. A birthday where there was none fills it; one that differs
    // from what the user keeps does not replace it.
    let again = s.import_contacts(&first, PHONEBOOK).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
    let later = [
        card("Ada Lovelace", "ada@example.com", Some("--12-11")),
        card("Grace Hopper", "grace@example.com", Some("--12-09")),
    ];
    let outcome = s.import_contacts(&later, PHONEBOOK).await.unwrap();
    assert_eq!((outcome.updated, outcome.unchanged), (1, 1), "{outcome:?}");
    assert_eq!(
        birthday("ada-lovelace").await.as_deref(),
        Some("1815-12-10")
    );
    assert_eq!(birthday("grace-hopper").await.as_deref(), Some("--12-09"));
}

pub(crate) async fn bulk_writes_keep_awkward_text_exactly(db: &Database) {
    let s = store(db).await;
    let awkward = [
        "tab\there",
        "line one\nline two\r\nline three\rend",
        "back\\slash \\N \\. \\t and a trailing \\",
        "\\N",
        "\\.",
        "quotes \" ' and , ; | delimiters",
        "東京 👩‍💻 Größe",
        " padded ",
    ];
    let contacts: Vec<Contact> = awkward
        .iter()
        .enumerate()
        .map(|(n, text)| Contact {
            line: n + 1,
            name: format!("Awkward {n}"),
            role: Some((*text).to_owned()),
            note: Some(format!("{text}|{text}")),
            location: Some((*text).to_owned()),
            emails: vec![format!("awkward{n}@example.com")],
            ..Contact::default()
        })
        .collect();
    let outcome = s.import_contacts(&contacts, PHONEBOOK).await.unwrap();
    assert_eq!(outcome.created, awkward.len() as u64);
    for (n, text) in awkward.iter().enumerate() {
        let handle = kith_core::Handle::parse(&format!("awkward-{n}")).unwrap();
        let p = s.person(&handle).await.unwrap();
        assert_eq!(p.role.as_deref(), Some(*text), "role {n}");
        assert_eq!(p.location.as_deref(), Some(*text), "location {n}");
        assert_eq!(p.note, Some(format!("{text}|{text}")), "note {n}");
    }
    // The search copy went through the same bulk write.
    assert_eq!(s.search("東京", 10).await.unwrap().len(), 1);
}

fn message_day(
    lines: &[usize],
    at: &str,
    direction: kith_core::Direction,
    with: &[(&str, Option<&str>)],
    text: &str,
) -> kith_core::contact::MessageDay {
    kith_core::contact::MessageDay {
        lines: lines.to_vec(),
        at: at.parse().unwrap(),
        direction,
        with: with
            .iter()
            .map(|(name, slug)| kith_core::contact::Correspondent {
                name: (*name).into(),
                linkedin: slug.map(|s| format!("https://www.linkedin.com/in/{s}")),
            })
            .collect(),
        text: Some(text.into()),
    }
}

pub(crate) async fn a_message_history_is_recorded_once_and_grows(db: &Database) {
    use kith_core::{Channel, Direction, InteractionKind};
    let s = store(db).await;
    s.import_contacts(&export_2024(), LINKEDIN).await.unwrap();
    // A namesake of Grace's from a phone: "Grace Hopper" without a profile cannot be told
    // apart from the two of them.
    s.add_person(NewPerson {
        name: "Grace Hopper".into(),
        ..NewPerson::default()
    })
    .await
    .unwrap();
    let days = vec![
        message_day(
            &[2],
            "2026-11-01T18:40:31Z",
            Direction::Inbound,
            &[("Ada Lovelace", Some("ada-lovelace"))],
            "Tuesday 10:00?",
        ),
        message_day(
            &[3, 4],
            "2026-11-02T09:12:00Z",
            Direction::Outbound,
            &[
                ("Ada Lovelace", Some("ada-lovelace")),
                ("Rosa Recruiter", Some("rosa-recruiter")),
            ],
            "See you then.\n\nLooping in Rosa.",
        ),
        message_day(
            &[5],
            "2026-10-01T08:00:00Z",
            Direction::Inbound,
            &[("Grace Hopper", None)],
            "Hello from the phone's Grace",
        ),
        // An older export, without profiles: one person has the name.
        message_day(
            &[6],
            "2026-09-01T08:00:00Z",
            Direction::Inbound,
            &[("Alan Turing", None)],
            "Enigma?",
        ),
        // A third Grace Hopper, by her own profile: new, and named as a namesake of the
        // one without a profile (not of the one with another profile).
        message_day(
            &[7],
            "2026-09-02T08:00:00Z",
            Direction::Outbound,
            &[("Grace Hopper", Some("grace-hopper-cobol"))],
            "Hello, other Grace",
        ),
    ];

    let dry = s.import_messages(&days, true).await.unwrap();
    assert_eq!(s.people(&PersonFilter::default()).await.unwrap().len(), 4);
    let first = s.import_messages(&days, false).await.unwrap();
    let counted = |o: &kith_store::MessagesOutcome| {
        let handles: Vec<String> = o
            .people_created
            .iter()
            .map(|p| p.handle.to_string())
            .collect();
        (
            o.created,
            o.updated,
            o.unchanged,
            o.ambiguous.clone(),
            handles,
            o.interactions_created,
        )
    };
    assert_eq!(counted(&first), counted(&dry), "a dry run counts exactly");
    assert_eq!((first.created, first.updated, first.unchanged), (5, 0, 0));
    assert_eq!(first.interactions_created, 4);
    let handles = |list: &[kith_core::PersonLink]| -> Vec<String> {
        list.iter().map(|p| p.handle.to_string()).collect()
    };
    assert_eq!(
        handles(&first.people_created),
        ["rosa-recruiter", "grace-hopper-3"]
    );
    assert_eq!(handles(&first.matched_by_name), ["alan-turing"]);
    assert_eq!(first.namesakes.len(), 1, "{first:?}");
    assert_eq!(first.namesakes[0].line, 7);
    assert_eq!(handles(&first.namesakes[0].existing), ["grace-hopper-2"]);
    assert_eq!(first.ambiguous.len(), 1, "{first:?}");
    assert_eq!(first.ambiguous[0].line, 5);
    assert!(
        first.ambiguous[0]
            .reason
            .contains("Grace Hopper matches 2 people"),
        "{first:?}"
    );

    let people = s.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(people.len(), 6);
    let ada = people.iter().find(|p| p.name == "Ada Lovelace").unwrap();
    let history = s.interactions_with(ada.id, 10).await.unwrap();
    let messages: Vec<_> = history
        .iter()
        .filter(|i| i.kind == InteractionKind::Message)
        .collect();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].channel, Some(Channel::Linkedin));
    assert_eq!(
        messages[0].note.as_deref(),
        Some("See you then.\n\nLooping in Rosa.")
    );
    let with: Vec<&str> = messages[0].people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(with, ["Ada Lovelace", "Rosa Recruiter"]);
    assert_eq!(messages[1].direction, Direction::Inbound);
    let found = s.search("looping", 10).await.unwrap();
    assert!(!found.is_empty(), "the messages' text is searchable");

    let again = s.import_messages(&days, false).await.unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 5));
    assert!(again.people_created.is_empty());

    // A later export holds more of that day: the text grows; an older, shorter one does
    // not shrink it back.
    let mut later = days.clone();
    later[1].lines = vec![3, 4, 9];
    later[1].text = Some("See you then.\n\nLooping in Rosa.\n\nRosa, meet Ada.".into());
    let grown = s.import_messages(&later, false).await.unwrap();
    assert_eq!((grown.created, grown.updated, grown.unchanged), (0, 3, 3));
    let shrunk = s.import_messages(&days, false).await.unwrap();
    assert_eq!(
        (shrunk.created, shrunk.updated, shrunk.unchanged),
        (0, 0, 5)
    );
    let history = s.interactions_with(ada.id, 10).await.unwrap();
    let newest = history
        .iter()
        .find(|i| i.kind == InteractionKind::Message)
        .unwrap();
    assert!(newest.note.as_deref().unwrap().ends_with("Rosa, meet Ada."));
    assert!(!s.search("meet ada", 10).await.unwrap().is_empty());
    assert_eq!(
        history
            .iter()
            .filter(|i| i.kind == InteractionKind::Message)
            .count(),
        2
    );
}
