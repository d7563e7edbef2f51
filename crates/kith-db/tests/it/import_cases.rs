//! The import contract: identity, merge, job changes, dry runs — on both backends.

use jiff::civil::date;
use kith_core::contact::Contact;
use kith_db::Database;
use kith_store::{ImportOptions, NewPerson, PersonFilter, Store};

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
