//! The merge-undo contract (`kith merge --undo`): a merge then its undo give back exactly
//! what was, rows created since stay with the kept person, and every refusal writes
//! nothing — on both backends.

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::contact::Contact;
use kith_core::relationship::{Circle, Rhythm};
use kith_core::{Direction, InteractionKind, Person, PersonId, TieKind, TieStrength};
use kith_db::Database;
use kith_store::{
    Backup, FollowUpFilter, ImportOptions, MergeRef, NewEvent, NewFollowUp, NewInteraction,
    NewPerson, NewTie, PersonPatch, Store, StoreError,
};

use crate::harness::fresh_owner;
use crate::relationship_cases::touches_agree;
use crate::tie_cases::tie_lists_agree;

async fn add(s: &dyn Store, name: &str) -> Person {
    s.add_person(NewPerson {
        name: name.into(),
        ..NewPerson::default()
    })
    .await
    .unwrap()
}

async fn log(s: &dyn Store, people: &[PersonId], second: i64, note: &str) {
    s.log_interaction(NewInteraction {
        kind: InteractionKind::Call,
        occurred_at: Timestamp::from_second(second).unwrap(),
        channel: None,
        direction: Direction::Outbound,
        note: Some(note.into()),
        people: people.to_vec(),
    })
    .await
    .unwrap();
}

async fn knows(s: &dyn Store, a: PersonId, b: PersonId, strength: u8) {
    s.knows(NewTie {
        a,
        b,
        kind: TieKind::Friend,
        strength: TieStrength::new(strength).unwrap(),
        note: Some(format!("strength {strength}")),
    })
    .await
    .unwrap();
}

/// The snapshot without the merge history (which a merge and its undo add to).
fn without_history(mut backup: Backup) -> Backup {
    backup.merges.clear();
    backup
}

async fn consistent(s: &dyn Store) {
    let people: Vec<PersonId> = s
        .people(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    for &p in &people {
        touches_agree(s, p).await;
    }
    tie_lists_agree(s, &people).await;
}

async fn refused(s: &dyn Store, which: MergeRef, because: &str) {
    let before = s.snapshot().await.unwrap();
    match s.undo_merge(which).await {
        Err(StoreError::Conflict { reason, .. }) => {
            assert!(
                reason.contains(because),
                "{reason:?} should say {because:?}"
            );
        }
        other => panic!("expected a refusal saying {because:?}, got {other:?}"),
    }
    assert_eq!(
        s.snapshot().await.unwrap(),
        before,
        "a refused undo writes nothing"
    );
}

/// Ada and Bob share an interaction, a tie, an acquaintance (Dee) and an event; Bob also
/// has his own interactions, ties, follow-up, job change, rhythm and event.
async fn ada_and_bob(s: &dyn Store) -> (Person, Person, Person, Person) {
    let ada = s
        .add_person(NewPerson {
            name: "Ada Lovelace".into(),
            emails: vec!["ada@x.com".into()],
            tags: vec!["x".into()],
            note: Some("from the salon".into()),
            ..NewPerson::default()
        })
        .await
        .unwrap();
    let bob = s
        .add_person(NewPerson {
            name: "Bob Byron".into(),
            company: Some("Initech".into()),
            role: Some("Engineer".into()),
            location: Some("London".into()),
            how_met: Some("a conference".into()),
            note: Some("likes zeppelins".into()),
            birthday: Some("04-12".into()),
            emails: vec!["bob@y.com".into(), "ada@x.com".into()],
            phones: vec!["+44 20 7946 0958".into()],
            urls: vec!["https://www.linkedin.com/in/bob-byron".into()],
            tags: vec!["x".into(), "y".into()],
        })
        .await
        .unwrap();
    let cy = add(s, "Cy Young").await;
    let dee = add(s, "Dee Dee").await;
    log(s, &[bob.id], 1_780_000_000, "bob alone").await;
    log(s, &[ada.id, bob.id], 1_780_100_000, "both of them").await;
    log(
        s,
        &[bob.id, cy.id],
        1_780_200_000,
        "bob with cy about zeppelins",
    )
    .await;
    log(s, &[ada.id], 1_780_300_000, "ada alone").await;
    knows(s, bob.id, cy.id, 3).await;
    knows(s, ada.id, dee.id, 4).await;
    knows(s, dee.id, bob.id, 2).await;
    knows(s, ada.id, bob.id, 5).await;
    s.add_follow_up(NewFollowUp {
        person: Some(bob.id),
        action: "send the paper".into(),
        due: date(2026, 12, 1),
        owed_by: kith_core::follow_up::Owed::Me,
    })
    .await
    .unwrap();
    let moved = Contact {
        line: 1,
        name: "Bob Byron".into(),
        company: Some("Globex".into()),
        role: Some("Staff Engineer".into()),
        linkedin: Some("https://www.linkedin.com/in/bob-byron".into()),
        urls: vec!["https://www.linkedin.com/in/bob-byron".into()],
        ..Contact::default()
    };
    let options = ImportOptions {
        source: "linkedin",
        current_jobs: true,
        dry_run: false,
    };
    let outcome = s.import_contacts(&[moved], options).await.unwrap();
    assert_eq!(outcome.job_changes.len(), 1);
    s.set_rhythm(
        bob.id,
        &Rhythm {
            circle: Some(Circle::Warm),
            ..Rhythm::default()
        },
    )
    .await
    .unwrap();
    for (name, people) in [("Salon", vec![ada.id, bob.id]), ("Airshow", vec![bob.id])] {
        let event = s
            .add_event(NewEvent {
                name: name.into(),
                date: date(2026, 11, 12),
                ..NewEvent::default()
            })
            .await
            .unwrap();
        s.record_met(
            event.id,
            &people,
            Timestamp::from_second(1_780_400_000).unwrap(),
            date(2026, 11, 14),
        )
        .await
        .unwrap();
    }
    let ada = s.person(&ada.handle).await.unwrap();
    let bob = s.person(&bob.handle).await.unwrap();
    (ada, bob, cy, dee)
}

pub(crate) async fn undoing_a_merge_gives_back_exactly_what_was(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let (ada, bob, cy, _) = ada_and_bob(&*s).await;
    let before = s.snapshot().await.unwrap();
    assert!(before.merges.is_empty());

    let merged = s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    assert_eq!(merged.kept.role.as_deref(), Some("Staff Engineer"));
    assert_eq!(
        merged.kept.birthday.as_deref(),
        Some("--04-12"),
        "hers was empty"
    );
    assert_eq!(merged.kept.former_names, ["Bob Byron"]);
    assert_ne!(without_history(s.snapshot().await.unwrap()), before);
    consistent(&*s).await;

    let outcome = s.undo_merge(MergeRef::Latest).await.expect("undo");
    assert_eq!(outcome.number, 1);
    assert_eq!(
        outcome.restored, bob,
        "Bob is back exactly, ID and handle too"
    );
    assert_eq!(
        outcome.kept, ada,
        "Ada's fields, contacts and tags are hers again"
    );
    // Bob alone, with Cy, his two meetups (moved) and the one with Ada (his place back).
    assert_eq!((outcome.interactions, outcome.ties), (5, 3));
    let after = s.snapshot().await.unwrap();
    assert_eq!(without_history(after.clone()), before);
    consistent(&*s).await;

    assert_eq!(after.merges.len(), 1, "the history keeps the undone merge");
    assert_eq!(after.merges[0].undone_at, Some(outcome.undone_at));
    let history = s.merges().await.unwrap();
    assert_eq!(history[0].undone_at, Some(outcome.undone_at));
    assert!(history[0].undoable);
    let hits = s.search("zeppelins", 5).await.unwrap();
    let found: Vec<Option<PersonId>> = hits
        .iter()
        .map(|h| h.person.as_ref().map(|p| p.id))
        .collect();
    assert!(found.contains(&Some(bob.id)), "{found:?}");
    assert!(!found.contains(&Some(ada.id)), "{found:?}");
    assert_eq!(s.ties_of(cy.id).await.unwrap()[0].a.id, bob.id);

    refused(&*s, MergeRef::Number(1), "undone already").await;
    refused(&*s, MergeRef::Latest, "no merge left").await;
    assert!(matches!(
        s.undo_merge(MergeRef::Number(9)).await,
        Err(StoreError::NotFound { .. })
    ));
    // Merging again after the undo is a merge of its own, and undoes as exactly.
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    let again = s.undo_merge(MergeRef::Number(2)).await.unwrap();
    assert_eq!(again.restored, bob);
    assert_eq!(without_history(s.snapshot().await.unwrap()), before);
}

pub(crate) async fn rows_added_after_a_merge_stay_with_the_kept(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let (ada, bob, cy, _) = ada_and_bob(&*s).await;
    // Ada has her own rhythm, so Bob's is dropped by the merge rather than moved.
    let ada_rhythm = Rhythm {
        circle: Some(Circle::Close),
        ..Rhythm::default()
    };
    s.set_rhythm(ada.id, &ada_rhythm).await.unwrap();
    let ada = s.person(&ada.handle).await.unwrap();
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();

    log(&*s, &[ada.id], 1_790_000_000, "after the merge").await;
    log(&*s, &[ada.id, cy.id], 1_790_100_000, "after, with cy").await;
    let new_follow_up = s
        .add_follow_up(NewFollowUp {
            person: Some(ada.id),
            action: "after the merge".into(),
            due: date(2026, 12, 24),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await
        .unwrap();
    let eve = add(&*s, "Eve Later").await;
    knows(&*s, ada.id, eve.id, 3).await;
    // The merge filled Ada's location with Bob's; she moved since, and that stays.
    s.edit_person(
        &ada.handle,
        PersonPatch {
            location: Some(Some("Paris".into())),
            add_tags: vec!["later".into()],
            ..PersonPatch::default()
        },
    )
    .await
    .unwrap();

    let outcome = s.undo_merge(MergeRef::Latest).await.unwrap();
    assert_eq!(outcome.restored, bob);
    let kept = outcome.kept;
    assert_eq!(
        kept.location.as_deref(),
        Some("Paris"),
        "changed since: stays"
    );
    assert_eq!(kept.role, None, "filled by the merge: empty again");
    assert_eq!(kept.birthday, None, "filled by the merge: empty again");
    assert!(kept.former_names.is_empty(), "{:?}", kept.former_names);
    assert_eq!(kept.company, None);
    assert_eq!(kept.note, ada.note);
    assert_eq!(kept.emails, ["ada@x.com"]);
    assert_eq!(kept.tags, ["later", "x"]);
    assert!(kept.updated_at > ada.updated_at);

    let notes = |p: PersonId| {
        let s = s.clone();
        async move {
            let mut notes: Vec<String> = s
                .interactions_with(p, 100)
                .await
                .unwrap()
                .into_iter()
                .filter_map(|i| i.note)
                .collect();
            notes.sort();
            notes
        }
    };
    assert_eq!(
        notes(ada.id).await,
        [
            "Met at Salon (2026-11-12)",
            "ada alone",
            "after the merge",
            "after, with cy",
            "both of them"
        ]
    );
    assert_eq!(
        notes(bob.id).await,
        [
            "Met at Airshow (2026-11-12)",
            "Met at Salon (2026-11-12)",
            "bob alone",
            "bob with cy about zeppelins",
            "both of them"
        ]
    );
    let follow_ups = |p: PersonId| {
        let s = s.clone();
        async move {
            s.follow_ups(&FollowUpFilter {
                person: Some(p),
                ..FollowUpFilter::default()
            })
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.action)
            .collect::<Vec<_>>()
        }
    };
    assert!(follow_ups(ada.id).await.contains(&new_follow_up.action));
    assert!(
        follow_ups(bob.id)
            .await
            .contains(&"send the paper".to_owned())
    );
    let rhythms = s.snapshot().await.unwrap().rhythms;
    let rhythm_of = |p: PersonId| rhythms.iter().find(|r| r.person == p).map(|r| &r.rhythm);
    assert_eq!(rhythm_of(ada.id), Some(&ada_rhythm));
    assert_eq!(rhythm_of(bob.id).and_then(|r| r.circle), Some(Circle::Warm));
    let eve_ties = s.ties_of(eve.id).await.unwrap();
    assert_eq!(eve_ties.len(), 1);
    assert!(eve_ties[0].a.id == ada.id || eve_ties[0].b.id == ada.id);
    consistent(&*s).await;
}

pub(crate) async fn undo_refuses_what_it_cannot_do_exactly(db: &Database) {
    // Bob's handle taken by someone new.
    let s = db.store(fresh_owner(db).await);
    let (ada, bob, _, _) = ada_and_bob(&*s).await;
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    let newcomer = add(&*s, "Bob Byron").await;
    assert_eq!(newcomer.handle, bob.handle);
    refused(
        &*s,
        MergeRef::Latest,
        "bob-byron now belongs to someone else (Bob Byron)",
    )
    .await;
    s.remove_person(&newcomer.handle).await.unwrap();
    s.undo_merge(MergeRef::Latest).await.expect("free again");

    // A row that moved to Ada is gone since.
    let s = db.store(fresh_owner(db).await);
    let (ada, bob, cy, _) = ada_and_bob(&*s).await;
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    s.forget_tie(ada.id, cy.id).await.unwrap();
    refused(&*s, MergeRef::Latest, "the tie").await;
    consistent(&*s).await;

    // Ada merged into Eve afterwards: that merge first, then this one.
    let s = db.store(fresh_owner(db).await);
    let (ada, bob, _, _) = ada_and_bob(&*s).await;
    let before = s.snapshot().await.unwrap();
    let eve = add(&*s, "Eve Keeper").await;
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    s.merge_people(&eve.handle, &ada.handle).await.unwrap();
    let history = s.merges().await.unwrap();
    assert_eq!(
        history.len(),
        2,
        "absorbing Ada keeps the history of her merge"
    );
    assert_eq!(history[1].kept.id, ada.id);
    refused(
        &*s,
        MergeRef::Number(1),
        "merged into someone else since (merge 2)",
    )
    .await;
    assert_eq!(s.undo_merge(MergeRef::Latest).await.unwrap().number, 2);
    assert_eq!(s.undo_merge(MergeRef::Latest).await.unwrap().number, 1);
    s.remove_person(&eve.handle).await.unwrap();
    assert_eq!(without_history(s.snapshot().await.unwrap()), before);
    consistent(&*s).await;

    // A merge from before kith recorded what merges move (restored as such; IDs are kept,
    // so the original owner goes first).
    let owner = fresh_owner(db).await;
    let s = db.store(owner);
    let (ada, bob, _, _) = ada_and_bob(&*s).await;
    s.merge_people(&ada.handle, &bob.handle).await.unwrap();
    let mut backup = s.snapshot().await.unwrap();
    backup.merges[0].changes = None;
    db.remove_owner(owner).await.unwrap();
    let old = db.store(fresh_owner(db).await);
    old.restore(&backup).await.unwrap();
    assert!(!old.merges().await.unwrap()[0].undoable);
    refused(&*old, MergeRef::Latest, "an older kith").await;
}
