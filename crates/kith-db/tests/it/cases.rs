//! The storage contract: what every backend must do, written once.

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::{Channel, CompanySize, Direction, Handle, InteractionKind, PersonId, RemotePolicy};
use kith_db::Database;
use kith_store::{
    CompanyPatch, FollowUpFilter, FollowUpRef, HitKind, NewCompany, NewFollowUp, NewInteraction,
    NewPerson, PersonFilter, PersonPatch, Store, StoreError,
};

use crate::harness::fresh_owner;

async fn store(db: &Database) -> std::sync::Arc<dyn Store> {
    db.store(fresh_owner(db).await)
}

fn h(text: &str) -> Handle {
    Handle::parse(text).expect("handle")
}

fn ada() -> NewPerson {
    NewPerson {
        name: "Ada Lovelace".into(),
        company: Some("Analytical Engines".into()),
        role: Some("Staff Engineer".into()),
        location: Some("London".into()),
        how_met: Some("Rust meetup".into()),
        note: Some("Writes about compilers".into()),
        birthday: Some(" 1815-12-10 ".into()),
        emails: vec![
            "ada@example.com".into(),
            "ADA@example.com".into(),
            "lovelace@work.example".into(),
        ],
        phones: vec!["+44 20 7946 0958".into()],
        urls: vec!["linkedin.com/in/ada".into()],
        tags: vec!["Rust".into(), "mentor".into(), "rust ".into()],
    }
}

async fn add(store: &dyn Store, name: &str) -> kith_core::Person {
    store
        .add_person(NewPerson {
            name: name.into(),
            ..NewPerson::default()
        })
        .await
        .expect("add person")
}

fn at(day: i8) -> Timestamp {
    date(2026, 11, day)
        .at(12, 0, 0, 0)
        .in_tz("UTC")
        .expect("tz")
        .timestamp()
}

async fn log(
    store: &dyn Store,
    people: &[PersonId],
    day: i8,
    note: &str,
) -> kith_core::Interaction {
    store
        .log_interaction(NewInteraction {
            kind: InteractionKind::CoffeeChat,
            occurred_at: at(day),
            channel: Some(Channel::InPerson),
            direction: Direction::Outbound,
            note: Some(note.into()),
            people: people.to_vec(),
        })
        .await
        .expect("log")
}

pub(crate) async fn people_round_trip(db: &Database) {
    let s = store(db).await;
    let added = s.add_person(ada()).await.expect("add");
    assert_eq!(added.handle.as_str(), "ada-lovelace");
    assert_eq!(
        added.emails,
        ["ada@example.com", "lovelace@work.example"],
        "case-insensitive duplicates dropped"
    );
    assert_eq!(added.phones, ["+44 20 7946 0958"]);
    assert_eq!(added.urls, ["https://linkedin.com/in/ada"]);
    assert_eq!(added.tags, ["mentor", "rust"]);
    assert_eq!(
        added.company.as_ref().map(|c| c.name.as_str()),
        Some("Analytical Engines")
    );
    assert_eq!(added.role.as_deref(), Some("Staff Engineer"));
    assert_eq!(added.birthday.as_deref(), Some("1815-12-10"));

    let read = s.person(&added.handle).await.expect("read back");
    assert_eq!(read, added);
    assert_eq!(s.count_people().await.unwrap(), 1);
    let company = s
        .company("analytical engines")
        .await
        .expect("company created by name");
    assert_eq!(company.handle.as_str(), "analytical-engines");

    match s.person(&h("nobody")).await {
        Err(StoreError::NotFound { what, key }) => {
            assert_eq!((what, key.as_str()), ("person", "nobody"))
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

pub(crate) async fn handles_are_unique_and_readable(db: &Database) {
    let s = store(db).await;
    let handles = [
        add(&*s, "Ada Lovelace").await.handle,
        add(&*s, "Ada  Lovelace").await.handle,
        add(&*s, "ada lovelace").await.handle,
        add(&*s, "José Müller").await.handle,
        add(&*s, "???").await.handle,
    ];
    let handles: Vec<&str> = handles.iter().map(Handle::as_str).collect();
    assert_eq!(
        handles,
        [
            "ada-lovelace",
            "ada-lovelace-2",
            "ada-lovelace-3",
            "jose-muller",
            "person"
        ]
    );
}

pub(crate) async fn invalid_people_are_rejected_and_nothing_is_written(db: &Database) {
    let s = store(db).await;
    let cases = [
        (
            NewPerson {
                name: "  ".into(),
                ..NewPerson::default()
            },
            "name",
        ),
        (
            NewPerson {
                name: "Bo".into(),
                emails: vec!["not-an-email".into()],
                ..NewPerson::default()
            },
            "email",
        ),
        (
            NewPerson {
                name: "Bo".into(),
                phones: vec!["call me".into()],
                ..NewPerson::default()
            },
            "phone",
        ),
        (
            NewPerson {
                name: "Bo".into(),
                urls: vec!["nope".into()],
                ..NewPerson::default()
            },
            "url",
        ),
        (
            NewPerson {
                name: "Bo".into(),
                company: Some("Acme".into()),
                emails: vec!["x".into()],
                ..NewPerson::default()
            },
            "email",
        ),
        (
            NewPerson {
                name: "Bo".into(),
                company: Some("Acme".into()),
                birthday: Some("--02-30".into()),
                ..NewPerson::default()
            },
            "birthday",
        ),
    ];
    for (new, field) in cases {
        match s.add_person(new).await {
            Err(StoreError::Invalid(e)) => assert_eq!(e.what, field),
            other => panic!("expected Invalid({field}), got {other:?}"),
        }
    }
    assert_eq!(s.count_people().await.unwrap(), 0);
    assert!(
        s.companies().await.unwrap().is_empty(),
        "a rejected person must not leave a company behind"
    );
}

pub(crate) async fn editing_a_person_changes_only_what_it_names(db: &Database) {
    let s = store(db).await;
    let before = s.add_person(ada()).await.unwrap();
    let patch = PersonPatch {
        name: Some("Ada King".into()),
        company: Some(Some("Babbage & Co".into())),
        role: Some(None),
        add_emails: vec!["ada@king.example".into()],
        remove_emails: vec!["LOVELACE@work.example".into()],
        add_tags: vec!["Founder".into()],
        remove_tags: vec!["mentor".into()],
        birthday: Some(Some("12-10".into())),
        ..PersonPatch::default()
    };
    let after = s.edit_person(&before.handle, patch).await.expect("edit");
    assert_eq!(after.birthday.as_deref(), Some("--12-10"));
    assert_eq!(after.former_names, ["Ada Lovelace"]);
    assert_eq!(
        after.handle, before.handle,
        "handles are stable across renames"
    );
    assert_eq!(after.name, "Ada King");
    assert_eq!(
        after.company.as_ref().map(|c| c.name.as_str()),
        Some("Babbage & Co")
    );
    assert_eq!(after.role, None);
    assert_eq!(after.location, before.location);
    assert_eq!(after.note, before.note);
    assert_eq!(after.emails, ["ada@example.com", "ada@king.example"]);
    assert_eq!(after.phones, before.phones);
    assert_eq!(after.tags, ["founder", "rust"]);
    assert!(after.updated_at > before.updated_at);
    assert_eq!(s.person(&before.handle).await.unwrap(), after);
    let cleared = PersonPatch {
        birthday: Some(None),
        ..PersonPatch::default()
    };
    let cleared = s.edit_person(&before.handle, cleared).await.unwrap();
    assert_eq!((cleared.birthday, cleared.location), (None, after.location));

    let err = s
        .edit_person(&h("ghost"), PersonPatch::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "person", .. }),
        "{err:?}"
    );
}

pub(crate) async fn a_failed_edit_changes_nothing(db: &Database) {
    let s = store(db).await;
    let before = s.add_person(ada()).await.unwrap();
    let patch = PersonPatch {
        name: Some("Changed".into()),
        add_tags: vec!["new".into()],
        remove_emails: vec!["never-had@example.com".into()],
        ..PersonPatch::default()
    };
    let err = s.edit_person(&before.handle, patch).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "email", .. }),
        "{err:?}"
    );
    assert_eq!(s.person(&before.handle).await.unwrap(), before);

    let bad = PersonPatch {
        add_emails: vec!["broken".into()],
        name: Some("Changed".into()),
        ..PersonPatch::default()
    };
    assert!(matches!(
        s.edit_person(&before.handle, bad).await,
        Err(StoreError::Invalid(_))
    ));
    let bad = PersonPatch {
        name: Some("Changed".into()),
        birthday: Some(Some("1815-13-10".into())),
        ..PersonPatch::default()
    };
    assert!(matches!(
        s.edit_person(&before.handle, bad).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(s.person(&before.handle).await.unwrap(), before);
}

pub(crate) async fn people_filter_by_tag_and_company(db: &Database) {
    let s = store(db).await;
    for (name, company, tag) in [
        ("Ann", "Acme", "rust"),
        ("Bob", "Acme", "go"),
        ("Cy", "Globex", "rust"),
        ("Di", "Globex", "go"),
    ] {
        s.add_person(NewPerson {
            name: name.into(),
            company: Some(company.into()),
            tags: vec![tag.into()],
            ..NewPerson::default()
        })
        .await
        .unwrap();
    }
    let names =
        |people: Vec<kith_core::Person>| people.into_iter().map(|p| p.name).collect::<Vec<_>>();
    let all = s.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(names(all), ["Ann", "Bob", "Cy", "Di"]);
    let rust = s
        .people(&PersonFilter {
            tag: Some("RUST".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(names(rust), ["Ann", "Cy"]);
    let acme = s
        .people(&PersonFilter {
            company: Some("acme".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(names(acme), ["Ann", "Bob"]);
    let both = s
        .people(&PersonFilter {
            tag: Some("go".into()),
            company: Some("Globex".into()),
            limit: None,
        })
        .await
        .unwrap();
    assert_eq!(names(both), ["Di"]);
    let limited = s
        .people(&PersonFilter {
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(limited.len(), 2);
    let missing = s
        .people(&PersonFilter {
            company: Some("Initech".into()),
            ..Default::default()
        })
        .await;
    assert!(
        matches!(
            missing,
            Err(StoreError::NotFound {
                what: "company",
                ..
            })
        ),
        "{missing:?}"
    );
    let at = s.people_at(&h("acme")).await.unwrap();
    assert_eq!(names(at), ["Ann", "Bob"]);
}

pub(crate) async fn removing_a_person_removes_what_is_only_theirs(db: &Database) {
    let s = store(db).await;
    let ann = add(&*s, "Ann").await;
    let bob = add(&*s, "Bob").await;
    log(&*s, &[ann.id], 10, "solo chat about tardigrades").await;
    log(&*s, &[ann.id, bob.id], 11, "group lunch about zeppelins").await;
    s.add_follow_up(NewFollowUp {
        person: Some(ann.id),
        action: "Thank Ann".into(),
        due: date(2026, 12, 1),
        owed_by: kith_core::follow_up::Owed::Me,
    })
    .await
    .unwrap();

    s.remove_person(&ann.handle).await.expect("remove");
    assert!(matches!(
        s.person(&ann.handle).await,
        Err(StoreError::NotFound { .. })
    ));
    let bobs = s.interactions_with(bob.id, 10).await.unwrap();
    assert_eq!(bobs.len(), 1, "the shared interaction stays for Bob");
    assert_eq!(bobs[0].people.len(), 1);
    assert!(
        s.follow_ups(&FollowUpFilter {
            include_done: true,
            ..Default::default()
        })
        .await
        .unwrap()
        .is_empty()
    );
    assert!(
        s.search("tardigrades", 10).await.unwrap().is_empty(),
        "the solo note left the index"
    );
    assert_eq!(s.search("zeppelins", 10).await.unwrap().len(), 1);
    assert!(matches!(
        s.remove_person(&ann.handle).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn companies_round_trip(db: &Database) {
    let s = store(db).await;
    let acme = s
        .add_company(NewCompany {
            name: "Acme, Inc.".into(),
            domain: Some("https://www.acme.io/careers".into()),
            location: Some("Berlin".into()),
            size: Some(CompanySize::Medium),
            remote_policy: Some(RemotePolicy::Hybrid),
            notes: Some("Great docs culture".into()),
            target: true,
        })
        .await
        .expect("add company");
    assert_eq!(acme.handle.as_str(), "acme-inc");
    assert_eq!(acme.domain.as_deref(), Some("acme.io"));
    assert_eq!(s.company("ACME, INC.").await.unwrap(), acme);
    assert_eq!(s.company("acme-inc").await.unwrap(), acme);

    let dup = s
        .add_company(NewCompany {
            name: "acme, inc.".into(),
            ..Default::default()
        })
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict { .. })), "{dup:?}");
    let bad = s
        .add_company(NewCompany {
            name: "Bad".into(),
            domain: Some("nope".into()),
            ..Default::default()
        })
        .await;
    assert!(
        matches!(bad, Err(StoreError::Invalid(ref e)) if e.what == "domain"),
        "{bad:?}"
    );

    s.add_person(NewPerson {
        name: "Ann".into(),
        company: Some("acme, inc.".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let list = s.companies().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].people, 1,
        "people are linked to the existing company by name"
    );

    let edited = s
        .edit_company(
            &acme.handle,
            CompanyPatch {
                size: Some(None),
                target: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.size, None);
    assert!(!edited.target);
    assert_eq!(edited.remote_policy, Some(RemotePolicy::Hybrid));

    s.remove_company(&acme.handle).await.unwrap();
    let ann = s.person(&h("ann")).await.unwrap();
    assert_eq!(ann.company, None, "people outlive their company record");
    assert!(matches!(
        s.company("acme-inc").await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn renaming_a_company_reindexes_its_people(db: &Database) {
    let s = store(db).await;
    s.add_person(NewPerson {
        name: "Ann".into(),
        company: Some("Initech".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(s.search("initech", 10).await.unwrap().len(), 1);
    s.edit_company(
        &h("initech"),
        CompanyPatch {
            name: Some("Intertrode".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let hits = s.search("intertrode", 10).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0].person.as_ref().map(|p| p.handle.as_str()),
        Some("ann")
    );
    assert!(s.search("initech", 10).await.unwrap().is_empty());
}

pub(crate) async fn interactions_are_logged_with_their_people(db: &Database) {
    let s = store(db).await;
    let ann = add(&*s, "Ann").await;
    let bob = add(&*s, "Bob").await;
    let first = log(&*s, &[ann.id], 3, "first").await;
    let second = log(&*s, &[bob.id, ann.id, bob.id], 5, "second").await;
    assert_eq!(
        second
            .people
            .iter()
            .map(|p| p.handle.as_str())
            .collect::<Vec<_>>(),
        ["bob", "ann"]
    );

    let history = s.interactions_with(ann.id, 10).await.unwrap();
    assert_eq!(
        history.iter().map(|i| i.id).collect::<Vec<_>>(),
        [second.id, first.id],
        "newest first"
    );
    assert_eq!(history[0], second);
    assert_eq!(s.interactions_with(ann.id, 1).await.unwrap().len(), 1);

    let missing = s
        .log_interaction(NewInteraction {
            kind: InteractionKind::Email,
            occurred_at: at(6),
            channel: None,
            direction: Direction::Inbound,
            note: None,
            people: vec![ann.id, PersonId::new()],
        })
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { what: "person", .. })),
        "{missing:?}"
    );
    assert_eq!(
        s.interactions_with(ann.id, 10).await.unwrap().len(),
        2,
        "nothing half-written"
    );
}

pub(crate) async fn follow_ups_are_numbered_listed_and_completed(db: &Database) {
    let s = store(db).await;
    let ann = add(&*s, "Ann").await;
    let later = s
        .add_follow_up(NewFollowUp {
            person: Some(ann.id),
            action: "Send the article".into(),
            due: date(2026, 12, 5),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await
        .unwrap();
    let sooner = s
        .add_follow_up(NewFollowUp {
            person: None,
            action: "Update CV".into(),
            due: date(2026, 11, 25),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await
        .unwrap();
    assert_eq!((later.number, sooner.number), (1, 2));
    assert_eq!(
        later.person.as_ref().map(|p| p.handle.as_str()),
        Some("ann")
    );

    let open = s.follow_ups(&FollowUpFilter::default()).await.unwrap();
    assert_eq!(
        open.iter().map(|f| f.number).collect::<Vec<_>>(),
        [2, 1],
        "by due date"
    );
    let due = s
        .follow_ups(&FollowUpFilter {
            due_by: Some(date(2026, 11, 30)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(due.iter().map(|f| f.number).collect::<Vec<_>>(), [2]);

    let done = s
        .complete_follow_up(&FollowUpRef::Number(2), at(24))
        .await
        .unwrap();
    assert_eq!(done.done_at, Some(at(24)));
    let again = s
        .complete_follow_up(&FollowUpRef::Id(sooner.id), at(25))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    let open = s.follow_ups(&FollowUpFilter::default()).await.unwrap();
    assert_eq!(open.iter().map(|f| f.number).collect::<Vec<_>>(), [1]);
    let all = s
        .follow_ups(&FollowUpFilter {
            include_done: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let missing = s.complete_follow_up(&FollowUpRef::Number(99), at(25)).await;
    assert!(
        matches!(
            missing,
            Err(StoreError::NotFound {
                what: "follow-up",
                ..
            })
        ),
        "{missing:?}"
    );
    let empty = s
        .add_follow_up(NewFollowUp {
            person: None,
            action: " ".into(),
            due: date(2026, 12, 1),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await;
    assert!(matches!(empty, Err(StoreError::Invalid(_))));
}

pub(crate) async fn search_ranks_people_and_notes(db: &Database) {
    let s = store(db).await;
    s.add_person(ada()).await.unwrap();
    let grace = s
        .add_person(NewPerson {
            name: "Grace Hopper".into(),
            company: Some("Navy".into()),
            tags: vec!["cobol".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    log(
        &*s,
        &[grace.id],
        12,
        "She explained how the compiler pipeline at the Navy works",
    )
    .await;

    let hits = s.search("ada", 10).await.unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, HitKind::Person);
    assert_eq!(
        hits[0].person.as_ref().map(|p| p.handle.as_str()),
        Some("ada-lovelace")
    );
    assert!(
        hits[0].snippet.contains("[Ada]"),
        "snippet marks the match: {}",
        hits[0].snippet
    );

    assert!(
        s.search("a", 10).await.unwrap().is_empty(),
        "a single letter matches whole words only"
    );
    let by_prefix = s.search("lovel", 10).await.unwrap();
    assert_eq!(by_prefix.len(), 1, "prefixes match");
    let by_tag = s.search("cobol", 10).await.unwrap();
    assert_eq!(
        by_tag[0].person.as_ref().map(|p| p.name.as_str()),
        Some("Grace Hopper")
    );
    let by_company = s.search("analytical", 10).await.unwrap();
    assert_eq!(by_company.len(), 1);

    let notes = s.search("pipeline", 10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, HitKind::Interaction);
    assert_eq!(notes[0].when, Some(at(12)));
    assert_eq!(
        notes[0].person.as_ref().map(|p| p.handle.as_str()),
        Some("grace-hopper")
    );

    let both = s.search("compiler", 10).await.unwrap();
    assert_eq!(
        both.len(),
        2,
        "Ada's note and Grace's interaction: {both:?}"
    );
    assert!(both[0].score >= both[1].score);
    assert!(
        s.search("ada hopper", 10).await.unwrap().is_empty(),
        "all words must match"
    );
    assert_eq!(s.search("compiler", 1).await.unwrap().len(), 1);
}

pub(crate) async fn search_ignores_query_syntax(db: &Database) {
    let s = store(db).await;
    s.add_person(ada()).await.unwrap();
    for hostile in [
        "\"ada",
        "ada OR *",
        "ada) AND (",
        "ada:* & !",
        "NEAR(ada",
        "ada'; DROP TABLE people; --",
    ] {
        let hits = s
            .search(hostile, 10)
            .await
            .unwrap_or_else(|e| panic!("{hostile:?}: {e:?}"));
        assert!(hits.len() <= 1, "{hostile:?}");
    }
    assert_eq!(s.count_people().await.unwrap(), 1);
    assert!(matches!(
        s.search("  ***  ", 10).await,
        Err(StoreError::Invalid(_))
    ));
}

pub(crate) async fn owners_are_isolated(db: &Database) {
    let alice = store(db).await;
    let bob = store(db).await;
    let secret = alice
        .add_person(NewPerson {
            name: "Secret Contact".into(),
            company: Some("Hidden Co".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    log(&*alice, &[secret.id], 9, "confidential salary talk").await;
    alice
        .add_follow_up(NewFollowUp {
            person: Some(secret.id),
            action: "Private".into(),
            due: date(2026, 12, 1),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await
        .unwrap();

    assert!(matches!(
        bob.person(&secret.handle).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(
        bob.people(&PersonFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(bob.companies().await.unwrap().is_empty());
    assert!(matches!(
        bob.company("hidden-co").await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(bob.search("confidential", 10).await.unwrap().is_empty());
    assert!(bob.search("secret", 10).await.unwrap().is_empty());
    assert!(
        bob.interactions_with(secret.id, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        bob.follow_ups(&FollowUpFilter {
            include_done: true,
            ..Default::default()
        })
        .await
        .unwrap()
        .is_empty()
    );
    assert!(matches!(
        bob.complete_follow_up(&FollowUpRef::Number(1), at(10))
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        bob.remove_person(&secret.handle).await,
        Err(StoreError::NotFound { .. })
    ));

    let borrowed = bob
        .log_interaction(NewInteraction {
            kind: InteractionKind::Message,
            occurred_at: at(10),
            channel: None,
            direction: Direction::Outbound,
            note: None,
            people: vec![secret.id],
        })
        .await;
    assert!(
        matches!(borrowed, Err(StoreError::NotFound { .. })),
        "{borrowed:?}"
    );
    let linked = bob
        .add_follow_up(NewFollowUp {
            person: Some(secret.id),
            action: "x".into(),
            due: date(2026, 12, 1),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await;
    assert!(
        matches!(linked, Err(StoreError::NotFound { .. })),
        "{linked:?}"
    );

    // The same handle can exist for both owners.
    let mine = bob
        .add_person(NewPerson {
            name: "Secret Contact".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(mine.handle, secret.handle);
    assert_eq!(alice.count_people().await.unwrap(), 1);
    assert_eq!(
        alice
            .person(&secret.handle)
            .await
            .unwrap()
            .company
            .map(|c| c.name),
        Some("Hidden Co".into())
    );
}

fn small_demo() -> kith_store::NetworkBatch {
    kith_demo::generate(&kith_demo::DemoSpec {
        people: 120,
        seed: 7,
        ..kith_demo::DemoSpec::default()
    })
}

pub(crate) async fn a_network_batch_is_written_whole(db: &Database) {
    let s = store(db).await;
    let batch = small_demo();
    let stored = s.insert_network(&batch).await.expect("insert");
    assert_eq!(stored.people as usize, batch.people.len());
    assert_eq!(stored.companies as usize, batch.companies.len());
    assert_eq!(stored.interactions as usize, batch.interactions.len());
    assert_eq!(stored.ties as usize, batch.ties.len());
    assert_eq!(stored.follow_ups as usize, batch.follow_ups.len());
    assert_eq!(stored.events as usize, batch.events.len());
    assert_eq!(s.count_people().await.unwrap() as usize, batch.people.len());

    let mut expected: Vec<_> = batch.people.clone();
    expected.sort_by(|a, b| a.handle.cmp(&b.handle));
    let stored_people = s.people(&PersonFilter::default()).await.unwrap();
    assert_eq!(
        stored_people, expected,
        "people read back exactly as written"
    );

    let someone = &batch.people[0];
    let hits = s.search(&someone.name, 50).await.unwrap();
    assert!(
        hits.iter()
            .any(|h| h.person.as_ref().map(|p| p.id) == Some(someone.id)),
        "{hits:?}"
    );

    let tie = &batch.ties[0];
    let ties = s.ties_of(tie.a.id).await.unwrap();
    assert!(
        ties.iter()
            .any(|t| t.id == tie.id && t.b == tie.b && t.kind == tie.kind)
    );

    let events = s.events().await.unwrap();
    assert_eq!(events.len(), batch.events.len());
    let numbers: Vec<i64> = {
        let mut n: Vec<i64> = events.iter().map(|e| e.number).collect();
        n.sort();
        n
    };
    assert_eq!(numbers, (1..=batch.events.len() as i64).collect::<Vec<_>>());
    let follow_ups = s
        .follow_ups(&FollowUpFilter {
            include_done: true,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(follow_ups.len(), batch.follow_ups.len());
}

pub(crate) async fn a_network_batch_with_a_bad_reference_writes_nothing(db: &Database) {
    let s = store(db).await;
    let mut batch = small_demo();
    let stranger = kith_core::PersonLink {
        id: PersonId::new(),
        handle: h("stranger"),
        name: "Stranger".into(),
    };
    let last = batch.interactions.len() - 1;
    batch.interactions[last].people.push(stranger);
    let err = s.insert_network(&batch).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "person", .. }),
        "{err:?}"
    );
    assert_eq!(s.count_people().await.unwrap(), 0);
    assert!(s.companies().await.unwrap().is_empty());

    // A duplicate handle is caught by the database itself, after rows were already sent.
    let mut batch = small_demo();
    let first = batch.people[0].handle.clone();
    let last = batch.people.len() - 1;
    batch.people[last].handle = first;
    assert!(s.insert_network(&batch).await.is_err());
    assert_eq!(
        s.count_people().await.unwrap(),
        0,
        "the transaction rolled back"
    );
}

/// Writes for one owner that arrive together (the web UI's requests, a coach and a student
/// at once, a CLI run beside them) all land: each one that reads before it writes (a free
/// handle, the next number) waits its turn instead of failing or taking what another took.
pub(crate) async fn writes_that_arrive_together_all_land(db: &Database) {
    let owner = fresh_owner(db).await;
    all_land_together(24, |_| db.store(owner)).await;
}

/// Runs `writes` writes at once, the nth through `store(n)` (people of one name, then
/// follow-ups or questions, which are numbered), and checks that each landed with a handle
/// or a number of its own.
pub(crate) async fn all_land_together(
    writes: usize,
    store: impl Fn(usize) -> std::sync::Arc<dyn Store>,
) {
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..writes {
        let store = store(n);
        tasks.spawn(async move {
            match n % 4 {
                2 => store
                    .add_follow_up(NewFollowUp {
                        person: None,
                        action: format!("task {n}"),
                        due: date(2026, 12, 1),
                        owed_by: kith_core::follow_up::Owed::Me,
                    })
                    .await
                    .map(|f| format!("follow-up {}", f.number)),
                3 => store
                    .add_question(
                        format!("Question {n}?"),
                        kith_core::questions::Purpose::Advice,
                    )
                    .await
                    .map(|q| format!("question {}", q.number)),
                _ => store
                    .add_person(NewPerson {
                        name: "Same Name".into(),
                        ..NewPerson::default()
                    })
                    .await
                    .map(|p| p.handle.to_string()),
            }
        });
    }
    let mut made = Vec::new();
    while let Some(done) = tasks.join_next().await {
        made.push(done.unwrap().expect("every write lands"));
    }
    made.sort();
    made.dedup();
    assert_eq!(
        made.len(),
        writes,
        "each its own handle or number: {made:?}"
    );
}
