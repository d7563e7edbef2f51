//! The conversation contract: pitch versions and how they fared, the seeker's own
//! questions, messages kept with their lint findings, and promises either way.

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::follow_up::Owed;
use kith_core::outreach::{LintContext, RuleId, lint};
use kith_core::questions::Purpose;
use kith_core::relationship::Stage;
use kith_core::{Direction, InteractionKind, PersonId};
use kith_db::Database;
use kith_store::{NewFollowUp, NewInteraction, NewPerson, Store, StoreError};

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
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

fn touch(kind: InteractionKind, direction: Direction, when: i64, who: PersonId) -> NewInteraction {
    NewInteraction {
        kind,
        occurred_at: at(when),
        channel: None,
        direction,
        note: None,
        people: vec![who],
    }
}

pub(crate) async fn pitches_are_versioned_and_one_is_in_use(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    assert!(s.pitches().await.unwrap().is_empty());
    let empty = s.add_pitch(None, "   ".into()).await;
    assert!(matches!(empty, Err(StoreError::Invalid(_))), "{empty:?}");
    let one = s
        .add_pitch(Some("first".into()), "I'm Sam.".into())
        .await
        .unwrap();
    let two = s
        .add_pitch(None, "I'm Sam, a developer.".into())
        .await
        .unwrap();
    assert_eq!((one.version, two.version), (1, 2));
    let current: Vec<i64> = s
        .pitches()
        .await
        .unwrap()
        .iter()
        .filter(|p| p.current)
        .map(|p| p.version)
        .collect();
    assert_eq!(current, [2], "the newest is in use");
    let used = s.use_pitch(1).await.unwrap();
    assert!(used.current && used.label.as_deref() == Some("first"));
    let all = s.pitches().await.unwrap();
    assert_eq!(all.iter().filter(|p| p.current).count(), 1);
    assert!(all[0].current && !all[1].current);
    let missing = s.use_pitch(9).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    assert!(
        s.pitches().await.unwrap()[0].current,
        "a failed use changes nothing"
    );

    // Another owner sees none of them and cannot log with them.
    let other = db.store(fresh_owner(db).await);
    assert!(other.pitches().await.unwrap().is_empty());
    let stranger = add(&*other, "Stranger").await;
    let theirs = other
        .log_with_extras(
            touch(InteractionKind::Message, Direction::Outbound, 0, stranger),
            Some(one.id),
            None,
            Vec::new(),
        )
        .await;
    assert!(
        matches!(theirs, Err(StoreError::NotFound { .. })),
        "{theirs:?}"
    );
    assert!(
        other
            .interactions_with(stranger, 10)
            .await
            .unwrap()
            .is_empty(),
        "nothing logged when the pitch is not the owner's"
    );
}

pub(crate) async fn pitch_outcomes_count_replies_and_meetings(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let v1 = s.add_pitch(None, "I'm Sam.".into()).await.unwrap();
    let v2 = s
        .add_pitch(None, "I'm Sam, a developer.".into())
        .await
        .unwrap();
    let (a, b, c) = (
        add(&*s, "Ann A").await,
        add(&*s, "Bo B").await,
        add(&*s, "Cy C").await,
    );
    // v1 to Ann and Bo: Ann replies and then meets; Bo replied only before the pitch.
    s.log_interaction(touch(InteractionKind::Message, Direction::Inbound, 5, b))
        .await
        .unwrap();
    for who in [a, b] {
        s.log_with_extras(
            touch(InteractionKind::Message, Direction::Outbound, 10, who),
            Some(v1.id),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    }
    s.log_interaction(touch(InteractionKind::Message, Direction::Inbound, 20, a))
        .await
        .unwrap();
    s.log_interaction(touch(
        InteractionKind::CoffeeChat,
        Direction::Outbound,
        30,
        a,
    ))
    .await
    .unwrap();
    // v2 used in two messages to Cy, who replies by email and never meets.
    for when in [40, 50] {
        s.log_with_extras(
            touch(InteractionKind::Message, Direction::Outbound, when, c),
            Some(v2.id),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    }
    s.log_interaction(touch(InteractionKind::Email, Direction::Inbound, 60, c))
        .await
        .unwrap();
    // Counting only uses from a time on: v1's were before it.
    let later = s.pitch_outcomes(Some(at(40))).await.unwrap();
    let versions: Vec<i64> = later.iter().map(|o| o.version).collect();
    assert_eq!(versions, [2]);
    let outcomes = s.pitch_outcomes(None).await.unwrap();
    let got: Vec<(i64, u64, u64, u64, u64)> = outcomes
        .iter()
        .map(|o| (o.version, o.uses, o.people, o.replied, o.met))
        .collect();
    assert_eq!(got, [(1, 2, 2, 1, 1), (2, 2, 1, 1, 0)]);
}

pub(crate) async fn own_questions_are_numbered_unique_and_removable(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let q1 = s
        .add_question("Which crates do you lean on?".into(), Purpose::Stack)
        .await
        .unwrap();
    let q2 = s
        .add_question("  How do you review designs?  ".into(), Purpose::Culture)
        .await
        .unwrap();
    assert_eq!((q1.number, q2.number), (1, 2));
    assert_eq!(q2.text, "How do you review designs?");
    let again = s
        .add_question("which CRATES do you lean on?".into(), Purpose::Advice)
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    let blank = s.add_question(" ".into(), Purpose::Advice).await;
    assert!(matches!(blank, Err(StoreError::Invalid(_))), "{blank:?}");
    let gone = s.remove_question(1).await.unwrap();
    assert_eq!(gone.text, q1.text);
    assert!(matches!(
        s.remove_question(1).await,
        Err(StoreError::NotFound { .. })
    ));
    let left: Vec<i64> = s
        .own_questions()
        .await
        .unwrap()
        .iter()
        .map(|q| q.number)
        .collect();
    assert_eq!(left, [2]);
    let next = s
        .add_question("A third?".into(), Purpose::Path)
        .await
        .unwrap();
    assert_eq!(next.number, 3, "numbers are not reused");
    let other = db.store(fresh_owner(db).await);
    assert!(other.own_questions().await.unwrap().is_empty());
    assert!(matches!(
        other.remove_question(2).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub(crate) async fn messages_are_kept_with_their_findings(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let who = add(&*s, "Dee Stranger").await;
    let message = "Hi, could you refer me for the backend job? My resume is attached.";
    let findings = lint(
        message,
        &LintContext {
            stage: Some(Stage::New),
            ..LintContext::default()
        },
    );
    assert!(findings.iter().any(|f| f.rule == RuleId::PrematureAsk));
    let (interaction, extras) = s
        .log_with_extras(
            touch(InteractionKind::Message, Direction::Outbound, 0, who),
            None,
            Some(message.into()),
            findings.clone(),
        )
        .await
        .unwrap();
    assert_eq!(extras.findings, findings);
    let read = s.extras_of(&[interaction.id]).await.unwrap();
    assert_eq!(
        read,
        std::slice::from_ref(&extras),
        "findings read back as they were stored"
    );
    assert_eq!(read[0].message.as_deref(), Some(message));
    // An interaction logged plainly has no extras; nobody else sees these.
    let plain = s
        .log_interaction(touch(InteractionKind::Call, Direction::Outbound, 5, who))
        .await
        .unwrap();
    assert!(s.extras_of(&[plain.id]).await.unwrap().is_empty());
    let other = db.store(fresh_owner(db).await);
    assert!(other.extras_of(&[interaction.id]).await.unwrap().is_empty());
    // Removing the person removes the interaction and what was kept with it.
    let handle = s.people(&Default::default()).await.unwrap()[0]
        .handle
        .clone();
    s.remove_person(&handle).await.unwrap();
    assert!(s.extras_of(&[interaction.id]).await.unwrap().is_empty());
}

pub(crate) async fn promises_are_kept_either_way(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let who = add(&*s, "Eve Promiser").await;
    s.log_interaction(touch(
        InteractionKind::CoffeeChat,
        Direction::Outbound,
        0,
        who,
    ))
    .await
    .unwrap();
    let mine = s
        .add_follow_up(NewFollowUp {
            person: Some(who),
            action: "Send the article".into(),
            due: date(2026, 12, 1),
            owed_by: Owed::Me,
        })
        .await
        .unwrap();
    let theirs = s
        .add_follow_up(NewFollowUp {
            person: Some(who),
            action: "an intro to their lead".into(),
            due: date(2026, 12, 2),
            owed_by: Owed::Them,
        })
        .await
        .unwrap();
    assert_eq!((mine.owed_by, theirs.owed_by), (Owed::Me, Owed::Them));
    let listed = s.follow_ups(&Default::default()).await.unwrap();
    let owed: Vec<Owed> = listed.iter().map(|f| f.owed_by).collect();
    assert_eq!(owed, [Owed::Me, Owed::Them]);
    // The touchpoint ideas only keep the seeker's own promises.
    let context = s.touch_context(who).await.unwrap();
    let actions: Vec<&str> = context.promises.iter().map(|f| f.action.as_str()).collect();
    assert_eq!(actions, ["Send the article"]);
}
