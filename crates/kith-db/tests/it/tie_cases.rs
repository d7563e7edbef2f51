//! The ties contract: declaring, updating and forgetting ties, the ties an introduction
//! and an import imply, and the neighbourhood a path search reads — on both backends.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::date;
use kith_core::contact::Contact;
use kith_core::relationship::{Rhythm, Stage, StageOverride};
use kith_core::{Direction, InteractionKind, PersonId, TieKind, TieStrength};
use kith_db::Database;
use kith_store::{ImportOptions, NewInteraction, NewPerson, NewTie, Store, StoreError, TieChange};

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

fn tie(a: PersonId, b: PersonId, kind: TieKind, strength: u8) -> NewTie {
    NewTie {
        a,
        b,
        kind,
        strength: TieStrength::new(strength).unwrap(),
        note: None,
    }
}

async fn log(s: &dyn Store, people: &[PersonId], kind: InteractionKind) {
    s.log_interaction(NewInteraction {
        kind,
        occurred_at: Timestamp::from_second(1_760_000_000).unwrap(),
        channel: None,
        direction: Direction::Outbound,
        note: None,
        people: people.to_vec(),
    })
    .await
    .unwrap();
}

/// Each tie of `person` as (the other's name, kind, strength, inferred), sorted.
async fn ties_of(s: &dyn Store, person: PersonId) -> Vec<(String, TieKind, u8, bool)> {
    let mut out: Vec<_> = s
        .ties_of(person)
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            let other = if t.a.id == person { t.b } else { t.a };
            (other.name, t.kind, t.strength.get(), t.inferred)
        })
        .collect();
    out.sort_by(|x, y| x.0.cmp(&y.0));
    out
}

pub(crate) async fn ties_are_declared_updated_and_forgotten(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let ada = add(&*s, "Ada").await;
    let bo = add(&*s, "Bo").await;
    let (made, change) = s.knows(tie(ada, bo, TieKind::Friend, 4)).await.unwrap();
    assert_eq!(change, TieChange::Created);
    assert_eq!(
        (made.kind, made.strength.get(), made.inferred),
        (TieKind::Friend, 4, false)
    );

    let (_, again) = s.knows(tie(ada, bo, TieKind::Friend, 4)).await.unwrap();
    assert_eq!(again, TieChange::Unchanged);
    // Either way round is the same pair: it is updated, never doubled.
    let mut stronger = tie(bo, ada, TieKind::Colleague, 5);
    stronger.note = Some("  shipped the compiler together ".into());
    let (updated, change) = s.knows(stronger).await.unwrap();
    assert_eq!(change, TieChange::Updated);
    assert_eq!(updated.id, made.id);
    assert_eq!(
        updated.note.as_deref(),
        Some("shipped the compiler together")
    );
    assert_eq!(
        ties_of(&*s, ada).await,
        vec![("Bo".into(), TieKind::Colleague, 5, false)]
    );

    let err = s
        .knows(tie(ada, ada, TieKind::Friend, 3))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let other = db.store(fresh_owner(db).await);
    let stranger = add(&*other, "Stranger").await;
    let err = s
        .knows(tie(ada, stranger, TieKind::Friend, 3))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(other.ties_of(stranger).await.unwrap().is_empty());

    let gone = s.forget_tie(ada, bo).await.unwrap();
    assert_eq!(gone.id, made.id);
    assert!(s.ties_of(ada).await.unwrap().is_empty());
    let err = s.forget_tie(bo, ada).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");

    // Removing a person removes their ties.
    let cy = add(&*s, "Cy").await;
    s.knows(tie(ada, cy, TieKind::Online, 2)).await.unwrap();
    s.knows(tie(bo, cy, TieKind::Online, 2)).await.unwrap();
    let cy_handle = s.relationship(cy).await.unwrap().person.handle;
    s.remove_person(&cy_handle).await.unwrap();
    assert!(s.ties_of(ada).await.unwrap().is_empty());
    assert!(s.ties_of(bo).await.unwrap().is_empty());
}

pub(crate) async fn an_introduction_ties_the_people_in_it(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let ada = add(&*s, "Ada").await;
    let bo = add(&*s, "Bo").await;
    let cy = add(&*s, "Cy").await;
    s.knows(tie(ada, cy, TieKind::Friend, 5)).await.unwrap();
    log(&*s, &[ada, bo, cy], InteractionKind::Introduction).await;
    // A declared tie is kept as it was; the others are new, weak but declared.
    assert_eq!(
        ties_of(&*s, ada).await,
        vec![
            ("Bo".into(), TieKind::Introduced, 2, false),
            ("Cy".into(), TieKind::Friend, 5, false),
        ]
    );
    assert_eq!(
        ties_of(&*s, bo).await[1],
        ("Cy".into(), TieKind::Introduced, 2, false)
    );
    // Other kinds of interaction with several people imply nothing.
    let dee = add(&*s, "Dee").await;
    log(&*s, &[ada, dee], InteractionKind::CoffeeChat).await;
    assert!(s.ties_of(dee).await.unwrap().is_empty());
}

/// The people joined by each edge, as sorted name pairs.
async fn edge_names(s: &dyn Store, edges: &[kith_store::TieEdge]) -> BTreeSet<(String, String)> {
    let ids: Vec<_> = edges.iter().map(|e| e.id).collect();
    s.ties_by_id(&ids)
        .await
        .unwrap()
        .into_iter()
        .map(|t| {
            let (a, b) = (t.a.name, t.b.name);
            if a < b { (a, b) } else { (b, a) }
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

pub(crate) async fn the_neighbourhood_holds_every_tie_a_path_can_use(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    // T is the target; A1 and A2 are people the seeker knows (touched, or a stage set by
    // hand); X and Y are strangers to the seeker.
    let t = add(&*s, "T").await;
    let b1 = add(&*s, "B1").await;
    let b2 = add(&*s, "B2").await;
    let a1 = add(&*s, "A1").await;
    let a2 = add(&*s, "A2").await;
    let x = add(&*s, "X").await;
    let y = add(&*s, "Y").await;
    log(&*s, &[a1], InteractionKind::Message).await;
    let hand_set = Rhythm {
        stage: Some(StageOverride {
            stage: Stage::Met,
            note: None,
            set_at: Timestamp::from_second(1_760_000_000).unwrap(),
        }),
        ..Rhythm::default()
    };
    s.set_rhythm(a2, &hand_set).await.unwrap();
    for (p, q) in [
        (t, b1),
        (b2, t),
        (b1, a1),
        (a2, b2),
        (b2, x),
        (b1, b2),
        (x, y),
        (y, a1),
    ] {
        s.knows(tie(p, q, TieKind::Friend, 3)).await.unwrap();
    }

    let near = s.tie_neighbourhood(&[t], 1).await.unwrap();
    // One layer is also the last: only ties whose far end could start a path.
    assert!(near.is_empty(), "{near:?}");
    let two = s.tie_neighbourhood(&[t], 2).await.unwrap();
    assert_eq!(
        edge_names(&*s, &two).await,
        pairs(&[("B1", "T"), ("B2", "T"), ("A1", "B1"), ("A2", "B2")])
    );
    assert!(two.windows(2).all(|w| w[0].id < w[1].id), "sorted by ID");
    let three = s.tie_neighbourhood(&[t], 3).await.unwrap();
    assert_eq!(
        edge_names(&*s, &three).await,
        pairs(&[
            ("B1", "T"),
            ("B2", "T"),
            ("A1", "B1"),
            ("A2", "B2"),
            ("B2", "X"),
            ("B1", "B2"),
        ])
    );
    let four = s.tie_neighbourhood(&[t], 4).await.unwrap();
    assert_eq!(four.len(), 8, "three full layers reach every tie here");
    assert!(s.tie_neighbourhood(&[t], 0).await.unwrap().is_empty());
    // Another owner's people reach nothing here.
    let other = db.store(fresh_owner(db).await);
    assert!(other.tie_neighbourhood(&[t], 3).await.unwrap().is_empty());
}

fn row(line: usize, name: &str, company: &str) -> Contact {
    let slug = name.to_lowercase().replace(' ', "-");
    let url = format!("https://www.linkedin.com/in/{slug}");
    Contact {
        line,
        name: name.into(),
        company: Some(company.into()),
        role: Some("Engineer".into()),
        urls: vec![url.clone()],
        linkedin: Some(url),
        connected_on: Some(date(2024, 3, 3)),
        ..Contact::default()
    }
}

const LINKEDIN: ImportOptions = ImportOptions {
    source: "linkedin",
    current_jobs: true,
    dry_run: false,
};

pub(crate) async fn imports_infer_colleagues_only_at_small_companies(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let mut file = vec![
        row(2, "Ana Small", "Tiny Co"),
        row(3, "Ben Small", "tiny co"),
        row(4, "Cal Small", "Tiny Co"),
        row(5, "Dot Elsewhere", "Other Co"),
    ];
    for i in 0..51 {
        file.push(row(10 + i, &format!("Big Person {i}"), "Big Co"));
    }
    let outcome = s.import_contacts(&file, LINKEDIN).await.unwrap();
    assert_eq!(outcome.ties_inferred, 3, "the three at Tiny Co, pairwise");
    let ana = s.people(&Default::default()).await.unwrap();
    let id_of = |name: &str| ana.iter().find(|p| p.name == name).unwrap().id;
    assert_eq!(
        ties_of(&*s, id_of("Ana Small")).await,
        vec![
            ("Ben Small".into(), TieKind::Colleague, 1, true),
            ("Cal Small".into(), TieKind::Colleague, 1, true),
        ]
    );
    assert!(s.ties_of(id_of("Big Person 0")).await.unwrap().is_empty());
    assert!(s.ties_of(id_of("Dot Elsewhere")).await.unwrap().is_empty());

    // The same file again: nothing new.
    let again = s.import_contacts(&file, LINKEDIN).await.unwrap();
    assert_eq!((again.created, again.ties_inferred), (0, 0));

    // Dot moves to Tiny Co: tied to the three there, once.
    let moved = s
        .import_contacts(&[row(5, "Dot Elsewhere", "Tiny Co")], LINKEDIN)
        .await
        .unwrap();
    assert_eq!(moved.job_changes.len(), 1);
    assert_eq!(moved.ties_inferred, 3);
    assert_eq!(ties_of(&*s, id_of("Dot Elsewhere")).await.len(), 3);
    // A dry run counts what it would infer and writes none.
    let dry = s
        .import_contacts(
            &[row(30, "Eve Small", "Tiny Co")],
            ImportOptions {
                dry_run: true,
                ..LINKEDIN
            },
        )
        .await
        .unwrap();
    assert_eq!(dry.ties_inferred, 4);
    assert_eq!(ties_of(&*s, id_of("Ana Small")).await.len(), 3);
}
