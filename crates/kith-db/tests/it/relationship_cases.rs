//! The relationship engine's storage contract: touch logs follow every change to
//! interactions, rhythms are remembered per owner, and meeting people at an event writes
//! the meetups, ties and follow-ups together.

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::relationship::{Cadence, Circle, Rhythm, Stage, StageOverride, Touch};
use kith_core::{Direction, InteractionKind, PersonId, TieKind};
use kith_db::Database;
use kith_store::{NewEvent, NewInteraction, NewPerson, Store, StoreError};

use crate::harness::fresh_owner;

async fn add(s: &dyn Store, name: &str) -> PersonId {
    s.add_person(NewPerson {
        name: name.into(),
        ..NewPerson::default()
    })
    .await
    .unwrap()
    .id
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

async fn log(s: &dyn Store, people: &[PersonId], second: i64, kind: InteractionKind) {
    s.log_interaction(NewInteraction {
        kind,
        occurred_at: at(second),
        channel: None,
        direction: Direction::Outbound,
        note: None,
        people: people.to_vec(),
    })
    .await
    .unwrap();
}

/// The person's touches as the log holds them, sorted, next to what their interactions say.
pub(crate) async fn touches_agree(s: &dyn Store, person: PersonId) -> Vec<Touch> {
    let mut logged = s.relationship(person).await.unwrap().touches;
    logged.sort_by_key(|t| (t.at, t.kind, t.direction));
    let mut expected: Vec<Touch> = s
        .interactions_with(person, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|i| Touch {
            at: i.occurred_at,
            kind: i.kind,
            direction: i.direction,
        })
        .collect();
    expected.sort_by_key(|t| (t.at, t.kind, t.direction));
    assert_eq!(logged, expected, "touch log of {person}");
    logged
}

pub(crate) async fn touch_logs_follow_every_change(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let ada = add(&*s, "Ada").await;
    let bob = add(&*s, "Bob").await;
    let cy = add(&*s, "Cy").await;
    assert!(touches_agree(&*s, ada).await.is_empty(), "no touches yet");
    log(&*s, &[ada], 1_790_000_000, InteractionKind::Message).await;
    log(&*s, &[ada, bob], 1_791_000_000, InteractionKind::CoffeeChat).await;
    log(&*s, &[bob, cy], 1_792_000_000, InteractionKind::Call).await;
    assert_eq!(touches_agree(&*s, ada).await.len(), 2);
    assert_eq!(touches_agree(&*s, bob).await.len(), 2);

    // Removing Bob keeps the shared coffee chat for Ada and the call for Cy.
    let bob_handle = s.relationship(bob).await.unwrap().person.handle;
    s.remove_person(&bob_handle).await.unwrap();
    assert_eq!(touches_agree(&*s, ada).await.len(), 2);
    assert_eq!(touches_agree(&*s, cy).await.len(), 1);

    // Merging moves the absorbed person's touches to the kept one.
    let dee = add(&*s, "Dee").await;
    log(&*s, &[dee], 1_793_000_000, InteractionKind::Email).await;
    log(&*s, &[dee, ada], 1_794_000_000, InteractionKind::Meetup).await;
    let keep = s.relationship(ada).await.unwrap().person.handle;
    let absorb = s.relationship(dee).await.unwrap().person.handle;
    s.merge_people(&keep, &absorb).await.unwrap();
    let merged = touches_agree(&*s, ada).await;
    assert_eq!(
        merged.len(),
        4,
        "message, coffee, email, shared meetup once"
    );

    // A bulk batch (as the demo, an import or a restore writes) appends to the logs of
    // people stored before it and starts the logs of people it brings.
    let demo = kith_demo::generate(&kith_demo::DemoSpec {
        people: 30,
        seed: 3,
        ..kith_demo::DemoSpec::default()
    });
    let ada_link = s.relationship(ada).await.unwrap().person;
    let mut batch = demo.clone();
    batch.rhythms.clear();
    batch.attendance.clear();
    batch.follow_ups.clear();
    batch.events.clear();
    batch.opportunities = Default::default();
    let first_new = batch.people[0].clone();
    batch.interactions.truncate(40);
    batch.interactions.push(kith_core::Interaction {
        id: kith_core::InteractionId::new(),
        kind: InteractionKind::Referral,
        occurred_at: at(1_795_100_000),
        channel: None,
        direction: Direction::Inbound,
        created_at: None,
        note: None,
        people: vec![ada_link, first_new.link()],
    });
    s.insert_network(&batch).await.unwrap();
    assert_eq!(
        touches_agree(&*s, ada).await.len(),
        5,
        "four before, the referral once"
    );
    for p in &batch.people {
        touches_agree(&*s, p.id).await;
    }
    // The per-row trigger is back once the batch is done.
    log(
        &*s,
        &[ada, first_new.id],
        1_795_200_000,
        InteractionKind::Call,
    )
    .await;
    assert_eq!(touches_agree(&*s, ada).await.len(), 6);
    touches_agree(&*s, first_new.id).await;
    for p in &batch.people {
        let handle = p.handle.clone();
        s.remove_person(&handle).await.unwrap();
    }

    let all = s.relationships().await.unwrap();
    assert_eq!(all.len(), 2, "Ada and Cy");
    assert!(
        all.windows(2)
            .all(|w| w[0].person.handle < w[1].person.handle)
    );
}

pub(crate) async fn rhythms_are_remembered_and_owned(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let ada = add(&*s, "Ada").await;
    assert_eq!(s.relationship(ada).await.unwrap().rhythm, Rhythm::default());
    let rhythm = Rhythm {
        circle: Some(Circle::Warm),
        cadence: Some(Cadence {
            ideal_days: 14,
            max_days: 28,
        }),
        snoozed_until: Some(at(1_796_000_000)),
        stage: Some(StageOverride {
            stage: Stage::Connected,
            note: Some("we go way back".into()),
            set_at: at(1_795_000_000),
        }),
    };
    s.set_rhythm(ada, &rhythm).await.unwrap();
    assert_eq!(s.relationship(ada).await.unwrap().rhythm, rhythm);
    let only_circle = Rhythm {
        circle: Some(Circle::Close),
        ..Rhythm::default()
    };
    s.set_rhythm(ada, &only_circle).await.unwrap();
    assert_eq!(s.relationship(ada).await.unwrap().rhythm, only_circle);
    s.set_rhythm(ada, &Rhythm::default()).await.unwrap();
    assert_eq!(s.relationship(ada).await.unwrap().rhythm, Rhythm::default());

    let other = db.store(fresh_owner(db).await);
    let result = other.set_rhythm(ada, &only_circle).await;
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{result:?}"
    );
    assert!(matches!(
        other.relationship(ada).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        other.touch_context(ada).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn meeting_people_at_an_event_writes_it_all(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let ada = add(&*s, "Ada").await;
    let bob = add(&*s, "Bob").await;
    let cy = add(&*s, "Cy").await;
    let event = s
        .add_event(NewEvent {
            name: "  RustFest  ".into(),
            date: date(2026, 11, 20),
            place: Some("Berlin".into()),
            tags: vec!["Rust".into(), "rust".into()],
            ..NewEvent::default()
        })
        .await
        .unwrap();
    assert_eq!(event.name, "RustFest");
    assert_eq!(s.event(event.number).await.unwrap(), event);
    assert!(matches!(
        s.event(999).await,
        Err(StoreError::NotFound { .. })
    ));

    let first = s
        .record_met(
            event.id,
            &[ada, bob, ada],
            at(1_795_000_000),
            date(2026, 11, 22),
        )
        .await
        .unwrap();
    assert_eq!(first.met.len(), 2);
    assert_eq!((first.interactions, first.ties), (2, 1));
    assert_eq!(first.follow_ups.len(), 2);
    assert!(first.follow_ups.iter().all(|f| f.due == date(2026, 11, 22)));
    let second = s
        .record_met(event.id, &[bob, cy], at(1_795_001_000), date(2026, 11, 22))
        .await
        .unwrap();
    assert_eq!(second.already.len(), 1, "Bob was recorded already");
    assert_eq!(second.met.len(), 1);
    assert_eq!(second.ties, 2, "Cy with Ada and with Bob");
    let met: Vec<PersonId> = s
        .met_at(event.id)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(met.len(), 3);
    assert_eq!(met[2], cy);
    let ties = s.ties_of(cy).await.unwrap();
    assert_eq!(ties.len(), 2);
    assert!(
        ties.iter()
            .all(|t| t.inferred && t.kind == TieKind::MetAtEvent)
    );
    let history = s.interactions_with(cy, 10).await.unwrap();
    assert_eq!(history[0].kind, InteractionKind::Meetup);
    assert!(history[0].note.as_deref().unwrap().contains("RustFest"));
    assert_eq!(s.relationship(cy).await.unwrap().touches.len(), 1);

    // Someone else's person cannot be recorded, and nothing is half-written.
    let stranger = db.store(fresh_owner(db).await);
    let theirs = add(&*stranger, "Eve").await;
    let result = s
        .record_met(event.id, &[theirs], at(1_795_002_000), date(2026, 11, 22))
        .await;
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{result:?}"
    );
    let dan = add(&*s, "Dan").await;
    let result = s
        .record_met(
            event.id,
            &[dan, theirs],
            at(1_795_002_000),
            date(2026, 11, 22),
        )
        .await;
    assert!(result.is_err());
    assert!(
        s.relationship(dan).await.unwrap().touches.is_empty(),
        "rolled back"
    );
    assert!(matches!(
        stranger.met_at(event.id).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn the_due_prefilter_never_misses_anyone(db: &Database) {
    use kith_core::relationship::{Cadences, assess};
    let s = db.store(fresh_owner(db).await);
    let batch = kith_demo::generate(&kith_demo::DemoSpec {
        people: 200,
        seed: 7,
        ..kith_demo::DemoSpec::default()
    });
    s.insert_network(&batch).await.unwrap();
    let everyone = s.relationships().await.unwrap();
    // Own cadences, snoozes, and a stage set by hand on someone long neglected.
    for (i, row) in everyone
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.touches.is_empty())
        .take(12)
    {
        let rhythm = Rhythm {
            circle: [Some(Circle::Close), None, Some(Circle::Warm)][i % 3],
            cadence: (i % 4 == 0).then_some(Cadence {
                ideal_days: 3,
                max_days: 5,
            }),
            snoozed_until: (i % 5 == 0).then(|| at(1_796_000_000)),
            stage: (i % 6 == 0).then(|| StageOverride {
                stage: Stage::Connected,
                note: None,
                set_at: at(1_790_000_000),
            }),
        };
        s.set_rhythm(row.person.id, &rhythm).await.unwrap();
    }
    let everyone = s.relationships().await.unwrap();
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let warm_default = Cadences {
        default_circle: Circle::Warm,
        ..Cadences::default()
    };
    for cadences in [Cadences::default(), warm_default] {
        for (now, days) in [
            (1_795_435_200, 7),
            (1_795_435_200, 60),
            (1_780_000_000, 3),
            (1_800_000_000, 1),
        ] {
            let now = at(now);
            let due_by = at(now.as_second() + days * 86_400);
            let got: std::collections::HashSet<PersonId> = s
                .relationships_due(due_by, now, &cadences)
                .await
                .unwrap()
                .iter()
                .map(|r| r.person.id)
                .collect();
            let mut expected = 0;
            for row in &everyone {
                let a = assess(&row.touches, &row.rhythm, &cadences, now, &berlin);
                let due = a.due.as_ref().is_some_and(|d| d.value < due_by);
                if due && a.stage.value != Stage::Dormant {
                    expected += 1;
                    assert!(
                        got.contains(&row.person.id),
                        "{} missed at {now}: {a:?}",
                        row.person.handle
                    );
                }
            }
            assert!(
                expected > 0,
                "the case exercises someone due at {now} + {days}d"
            );
            assert!(
                got.len() < everyone.len(),
                "it filters: {} of {}",
                got.len(),
                everyone.len()
            );
        }
    }
}
