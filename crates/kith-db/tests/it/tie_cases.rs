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
    // T is the target; B1 and B2 know T; A1, A2, X are a step further, Y two.
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
    assert_eq!(
        edge_names(&*s, &near).await,
        pairs(&[("B1", "T"), ("B2", "T")])
    );
    let two = s.tie_neighbourhood(&[t], 2).await.unwrap();
    assert_eq!(
        edge_names(&*s, &two).await,
        pairs(&[
            ("B1", "T"),
            ("B2", "T"),
            ("A1", "B1"),
            ("A2", "B2"),
            ("B2", "X"),
            ("B1", "B2"),
        ])
    );
    assert!(two.windows(2).all(|w| w[0].id < w[1].id), "sorted by ID");
    let three = s.tie_neighbourhood(&[t], 3).await.unwrap();
    assert_eq!(three.len(), 8, "three layers reach every tie here");
    assert_eq!(s.tie_neighbourhood(&[t], 4).await.unwrap(), three);
    // A tie's strength as the search reads it is the tie's own.
    let b1_t = two
        .iter()
        .find(|e| (e.a, e.b) == (t, b1) || (e.a, e.b) == (b1, t))
        .unwrap();
    assert_eq!(b1_t.strength.get(), 3);
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

/// A small deterministic generator, so the case is the same on both backends.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

pub(crate) async fn the_sql_baseline_agrees_with_the_graph_search(db: &Database) {
    use kith_core::path::{FirstHop, Graph, Query, best_routes};
    let s = db.store(fresh_owner(db).await);
    let mut people = Vec::new();
    for i in 0..40 {
        people.push(add(&*s, &format!("Person {i}")).await);
    }
    let mut rng = Lcg(7);
    let mut pairs = BTreeSet::new();
    while pairs.len() < 90 {
        let (a, b) = (rng.below(40) as usize, rng.below(40) as usize);
        if a != b && !pairs.contains(&(b, a)) && pairs.insert((a, b)) {
            let strength = 1 + rng.below(5) as u8;
            s.knows(tie(people[a], people[b], TieKind::Friend, strength))
                .await
                .unwrap();
        }
    }
    // The seeker knows people 0–11 with these weights; 30–39 are the targets.
    let first: Vec<(PersonId, f64)> = (0..12)
        .map(|i| (people[i], 0.05 + f64::from(i as u32) * 0.07))
        .collect();
    let targets: Vec<PersonId> = people[30..].to_vec();
    let edges = s.tie_neighbourhood(&targets, 3).await.unwrap();
    let index = |id: PersonId| people.iter().position(|p| *p == id).unwrap() as u32;
    let weighted: Vec<(u32, u32, f32)> = edges
        .iter()
        .map(|e| (index(e.a), index(e.b), e.strength.weight() as f32))
        .collect();
    let graph = Graph::from_edges(40, &weighted).unwrap();
    let hops: Vec<FirstHop> = first
        .iter()
        .map(|(p, w)| FirstHop {
            node: index(*p),
            weight: *w,
        })
        .collect();
    let ends: Vec<u32> = targets.iter().map(|t| index(*t)).collect();
    for (k, max_hops) in [(5, 4), (3, 3), (12, 2), (12, 1)] {
        let ours: Vec<f64> = best_routes(
            &graph,
            &Query {
                first_hops: &hops,
                targets: &ends,
                k,
                max_hops,
            },
        )
        .into_iter()
        .filter(|r| !r.alternate)
        .map(|r| r.score)
        .collect();
        let sql = s.paths_by_cte(&first, &targets, k, max_hops).await.unwrap();
        let theirs: Vec<f64> = sql.iter().map(|r| r.score).collect();
        assert_eq!(
            ours.len(),
            theirs.len(),
            "k {k} hops {max_hops}: {ours:?} vs {theirs:?}"
        );
        for (a, b) in ours.iter().zip(&theirs) {
            assert!(
                (a - b).abs() < 1e-6,
                "k {k} hops {max_hops}: {ours:?} vs {theirs:?}"
            );
        }
        for route in &sql {
            assert!(first.iter().any(|(p, _)| *p == route.people[0]));
            assert!(targets.contains(route.people.last().unwrap()));
            assert!(route.people.len() <= usize::from(max_hops));
        }
    }
    assert!(
        s.paths_by_cte(&first, &targets, 0, 3)
            .await
            .unwrap()
            .is_empty()
    );
}

pub(crate) async fn former_staff_come_from_job_changes(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    s.import_contacts(
        &[row(2, "Mo Mover", "Acme"), row(3, "Stan Stayer", "Acme")],
        LINKEDIN,
    )
    .await
    .unwrap();
    s.import_contacts(
        &[
            row(2, "Mo Mover", "Elsewhere"),
            row(3, "Stan Stayer", "Acme"),
        ],
        LINKEDIN,
    )
    .await
    .unwrap();
    let acme = s.company("acme").await.unwrap();
    let former: Vec<String> = s
        .former_staff(&acme)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(former, ["Mo Mover"]);
    let elsewhere = s.company("elsewhere").await.unwrap();
    assert!(s.former_staff(&elsewhere).await.unwrap().is_empty());
}

/// Every person's ties as the path search reads them (one layer from them) equal their
/// ties as `ties_of` lists them.
pub(crate) async fn tie_lists_agree(s: &dyn Store, people: &[PersonId]) {
    for &p in people {
        let mut listed: Vec<(kith_core::TieId, PersonId, u8)> = s
            .ties_of(p)
            .await
            .unwrap()
            .into_iter()
            .map(|t| {
                let other = if t.a.id == p { t.b.id } else { t.a.id };
                (t.id, other, t.strength.get())
            })
            .collect();
        listed.sort();
        let mut read: Vec<(kith_core::TieId, PersonId, u8)> = s
            .tie_neighbourhood(&[p], 1)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.id, if e.a == p { e.b } else { e.a }, e.strength.get()))
            .collect();
        read.sort();
        assert_eq!(read, listed, "tie list of {p}");
    }
}

pub(crate) async fn tie_lists_follow_every_change(db: &Database) {
    let s = db.store(fresh_owner(db).await);
    let mut people = Vec::new();
    for name in ["Ana", "Ben", "Cal", "Dot", "Eve"] {
        people.push(add(&*s, name).await);
    }
    let [ana, ben, cal, dot, eve] = people[..] else {
        unreachable!()
    };
    s.knows(tie(ana, ben, TieKind::Friend, 4)).await.unwrap();
    s.knows(tie(cal, ana, TieKind::Colleague, 2)).await.unwrap();
    s.knows(tie(dot, eve, TieKind::Online, 1)).await.unwrap();
    tie_lists_agree(&*s, &people).await;
    // Stronger, either way round.
    s.knows(tie(ben, ana, TieKind::Friend, 5)).await.unwrap();
    tie_lists_agree(&*s, &people).await;
    s.forget_tie(ana, cal).await.unwrap();
    tie_lists_agree(&*s, &people).await;
    // An introduction, an event, an import and a batch all add ties.
    log(&*s, &[cal, dot, eve], InteractionKind::Introduction).await;
    tie_lists_agree(&*s, &people).await;
    // Merging moves the absorbed person's ties to the one kept.
    s.knows(tie(eve, ben, TieKind::Friend, 3)).await.unwrap();
    let handle = |p: PersonId| {
        let s = s.clone();
        async move { s.relationship(p).await.unwrap().person.handle }
    };
    s.merge_people(&handle(dot).await, &handle(eve).await)
        .await
        .unwrap();
    let left = [ana, ben, cal, dot];
    tie_lists_agree(&*s, &left).await;
    s.remove_person(&handle(ben).await).await.unwrap();
    tie_lists_agree(&*s, &[ana, cal, dot]).await;
    // A batch appends to lists that exist (Hal's) and starts new ones.
    let hal = s
        .add_person(NewPerson {
            name: "Hal Tiny".into(),
            company: Some("Tiny".into()),
            ..NewPerson::default()
        })
        .await
        .unwrap()
        .id;
    s.knows(tie(hal, ana, TieKind::Friend, 4)).await.unwrap();
    let file = [row(2, "Fay One", "Tiny"), row(3, "Gil Two", "Tiny")];
    let outcome = s.import_contacts(&file, LINKEDIN).await.unwrap();
    assert_eq!(outcome.ties_inferred, 3);
    let everyone: Vec<PersonId> = s
        .people(&Default::default())
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(everyone.len(), 6);
    tie_lists_agree(&*s, &everyone).await;
}
