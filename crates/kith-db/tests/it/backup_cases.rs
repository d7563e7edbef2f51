//! The backup contract: a snapshot restores exactly, and only into an empty owner.

use jiff::civil::date;
use kith_core::contact::Contact;
use kith_core::relationship::{Cadence, Circle, Rhythm, Stage, StageOverride};
use kith_db::Database;
use kith_store::{
    Backup, FollowUpRef, ImportOptions, NewEvent, NewFollowUp, NewPerson, Store, StoreError,
};

use crate::harness::fresh_owner;

/// A varied network: the demo, plus gaps in numbering, a done follow-up, a job change,
/// rhythms, attendance and a merge history with an undone merge.
pub(crate) async fn varied_network(s: &dyn Store, seed: u64, people: usize) {
    let batch = kith_demo::generate(&kith_demo::DemoSpec {
        people,
        seed,
        ..kith_demo::DemoSpec::default()
    });
    s.insert_network(&batch).await.expect("demo");
    crate::opportunity_cases::opportunity_network(s).await;
    let ann = s
        .add_person(NewPerson {
            name: "Ann Example".into(),
            company: Some("Initech".into()),
            role: Some("Engineer".into()),
            birthday: Some("--07-04".into()),
            urls: vec!["https://www.linkedin.com/in/ann-example".into()],
            ..NewPerson::default()
        })
        .await
        .unwrap();
    let temp = s
        .add_person(NewPerson {
            name: "Temp Person".into(),
            ..NewPerson::default()
        })
        .await
        .unwrap();
    s.add_follow_up(NewFollowUp {
        person: Some(temp.id),
        action: "gone soon".into(),
        due: date(2026, 12, 1),
        owed_by: kith_core::follow_up::Owed::Me,
    })
    .await
    .unwrap();
    let after = s
        .add_follow_up(NewFollowUp {
            person: Some(ann.id),
            action: "after the gap".into(),
            due: date(2026, 12, 2),
            owed_by: kith_core::follow_up::Owed::Me,
        })
        .await
        .unwrap();
    s.complete_follow_up(
        &FollowUpRef::Id(after.id),
        jiff::Timestamp::from_second(1_790_000_000).unwrap(),
    )
    .await
    .unwrap();
    s.remove_person(&temp.handle).await.unwrap();
    let moved = Contact {
        line: 1,
        name: "Ann Example".into(),
        company: Some("Globex".into()),
        role: Some("Staff Engineer".into()),
        linkedin: Some("https://www.linkedin.com/in/ann-example".into()),
        urls: vec!["https://www.linkedin.com/in/ann-example".into()],
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
        ann.id,
        &Rhythm {
            circle: Some(Circle::Close),
            cadence: Some(Cadence {
                ideal_days: 10,
                max_days: 30,
            }),
            snoozed_until: Some(jiff::Timestamp::from_second(1_796_000_000).unwrap()),
            stage: Some(StageOverride {
                stage: Stage::Advocate,
                note: Some("vouched for me".into()),
                set_at: jiff::Timestamp::from_second(1_795_000_000).unwrap(),
            }),
        },
    )
    .await
    .unwrap();
    let meetup = s
        .add_event(NewEvent {
            name: "Rust Meetup".into(),
            date: date(2026, 11, 12),
            tags: vec!["rust".into()],
            ..NewEvent::default()
        })
        .await
        .unwrap();
    let someone = s.people(&Default::default()).await.unwrap()[0].id;
    s.record_met(
        meetup.id,
        &[ann.id, someone],
        jiff::Timestamp::from_second(1_794_500_000).unwrap(),
        date(2026, 11, 14),
    )
    .await
    .unwrap();
    // The seeker's side: profile, pitches, an own question, a message with findings, a
    // promise they made.
    s.set_profile(&kith_core::draft::Profile {
        name: Some("Sam Okafor".into()),
        line: Some("a backend engineer".into()),
        interests: vec!["go".into(), "rust".into()],
    })
    .await
    .unwrap();
    s.add_pitch(Some("first".into()), "I'm Sam, a developer.".into())
        .await
        .unwrap();
    let pitch = s
        .add_pitch(
            None,
            "I'm Sam, a backend engineer looking for tooling work.".into(),
        )
        .await
        .unwrap();
    s.add_question(
        "Which crates do you lean on?".into(),
        kith_core::questions::Purpose::Stack,
    )
    .await
    .unwrap();
    let message = "Hi, could you refer me for the job? I attached my resume.";
    let findings = kith_core::outreach::lint(
        message,
        &kith_core::outreach::LintContext {
            stage: Some(Stage::New),
            ..Default::default()
        },
    );
    assert!(!findings.is_empty());
    s.log_with_extras(
        kith_store::NewInteraction {
            kind: kith_core::InteractionKind::Message,
            occurred_at: jiff::Timestamp::from_second(1_794_600_000).unwrap(),
            channel: Some(kith_core::Channel::Linkedin),
            direction: kith_core::Direction::Outbound,
            note: None,
            people: vec![ann.id],
        },
        Some(pitch.id),
        Some(message.into()),
        findings,
    )
    .await
    .unwrap();
    s.add_follow_up(NewFollowUp {
        person: Some(ann.id),
        action: "an intro to her manager".into(),
        due: date(2026, 12, 3),
        owed_by: kith_core::follow_up::Owed::Them,
    })
    .await
    .unwrap();
    // A merge undone since and the same merge made again: the history holds both.
    let others: Vec<_> = s
        .people(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.id != ann.id)
        .collect();
    s.merge_people(&others[0].handle, &others[1].handle)
        .await
        .unwrap();
    s.undo_merge(kith_store::MergeRef::Latest).await.unwrap();
    s.merge_people(&others[0].handle, &others[1].handle)
        .await
        .unwrap();
    // Renamed twice: two former names, in order.
    for name in ["Kept Renamed", "Kept Renamed Again"] {
        s.edit_person(
            &others[0].handle,
            kith_store::PersonPatch {
                name: Some(name.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
}

fn bytes(backup: &Backup) -> Vec<u8> {
    serde_json::to_vec_pretty(backup).expect("serialise")
}

pub(crate) async fn a_backup_restores_exactly(db: &Database) {
    let owner = fresh_owner(db).await;
    let original = db.store(owner);
    varied_network(&*original, 11, 60).await;
    let first = original.snapshot().await.expect("snapshot");
    // IDs are kept exactly, so the original must be gone before its copy can exist.
    db.remove_owner(owner).await.expect("remove owner");
    assert_eq!(original.count_people().await.unwrap(), 0);
    assert!(!first.job_changes.is_empty() && !first.ties.is_empty() && !first.events.is_empty());
    assert!(!first.rhythms.is_empty() && first.attendance.len() >= 2);
    let o = &first.opportunities;
    assert!(!o.targets.is_empty() && !o.values.is_empty() && !o.value_scores.is_empty());
    assert!(!o.leads.is_empty() && !o.referral_follow_ups.is_empty() && o.goals.is_some());
    assert!(o.leads.iter().any(|l| l.closed_at.is_some()));
    assert!(o.referrals.iter().any(|r| r.history.len() > 1));
    assert!(o.applications.iter().any(|a| a.history.len() > 1));
    assert!(first.profile.name.is_some() && first.pitches.len() == 2 && first.questions.len() == 1);
    assert!(
        first
            .interaction_extras
            .iter()
            .any(|x| !x.findings.is_empty())
    );
    assert!(first.follow_ups.iter().any(|f| !f.owed_by.is_me()));
    assert_eq!(first.merges.len(), 2);
    let renamed = first
        .people
        .iter()
        .find(|p| p.name == "Kept Renamed Again")
        .expect("the renamed person");
    assert_eq!(renamed.former_names.len(), 3, "{:?}", renamed.former_names);
    assert_eq!(renamed.former_names[2], "Kept Renamed");
    assert!(first.people.iter().any(|p| p.birthday.is_some()));
    assert!(first.merges[0].undone_at.is_some() && first.merges[1].changes.is_some());
    assert!(
        first
            .follow_ups
            .windows(2)
            .any(|w| w[1].number > w[0].number + 1),
        "numbering has a gap"
    );

    let copy = db.store(fresh_owner(db).await);
    let stored = copy.restore(&first).await.expect("restore");
    assert_eq!(stored.people as usize, first.people.len());
    let second = copy.snapshot().await.unwrap();
    assert_eq!(second, first);
    assert_eq!(
        bytes(&second),
        bytes(&first),
        "export, restore, export: the same bytes"
    );
    let hits = copy.search("Ann Example", 5).await.unwrap();
    assert!(!hits.is_empty(), "the search index is rebuilt");

    let again = copy.restore(&first).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
}

pub(crate) async fn a_backup_cannot_reach_other_owners(db: &Database) {
    let victim = db.store(fresh_owner(db).await);
    let secret = victim
        .add_person(NewPerson {
            name: "Secret".into(),
            ..NewPerson::default()
        })
        .await
        .unwrap();
    let attacker = db.store(fresh_owner(db).await);
    let mut backup = attacker.snapshot().await.unwrap();
    backup
        .job_changes
        .push(kith_core::contact::JobChangeRecord {
            id: uuid::Uuid::now_v7(),
            person: secret.id,
            old_company: None,
            old_role: None,
            new_company: Some("x".into()),
            new_role: None,
            source: "linkedin".into(),
            detected_at: jiff::Timestamp::UNIX_EPOCH,
        });
    let result = attacker.restore(&backup).await;
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{result:?}"
    );
    let mut backup = attacker.snapshot().await.unwrap();
    backup.rhythms.push(kith_store::RhythmRecord {
        person: secret.id,
        rhythm: Rhythm {
            circle: Some(Circle::Close),
            ..Rhythm::default()
        },
    });
    let result = attacker.restore(&backup).await;
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{result:?}"
    );
    let mut bad_version = attacker.snapshot().await.unwrap();
    bad_version.kith_backup = 99;
    assert!(matches!(
        attacker.restore(&bad_version).await,
        Err(StoreError::Conflict { .. })
    ));
    // A birthday edited by hand into another spelling is refused before anything is written.
    let mut bad_birthday = victim.snapshot().await.unwrap();
    bad_birthday.people[0].birthday = Some("April 12".into());
    let fresh = db.store(fresh_owner(db).await);
    match fresh.restore(&bad_birthday).await {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.what, "birthday");
            assert!(e.value.contains("secret"), "names whose: {e:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fresh.count_people().await.unwrap(), 0);
    let mut bad_name = victim.snapshot().await.unwrap();
    bad_name.people[0].former_names = vec!["Old\u{1f}Name".into()];
    match fresh.restore(&bad_name).await {
        Err(StoreError::Invalid(e)) => assert_eq!(e.what, "former name"),
        other => panic!("{other:?}"),
    }
    assert_eq!(fresh.count_people().await.unwrap(), 0);
}
