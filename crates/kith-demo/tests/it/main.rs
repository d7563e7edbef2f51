//! The demo network's promises: deterministic content, internal consistency, realistic
//! shape, and scale.

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, DateTime, date};
use jiff::tz::{self, TimeZone};
use jiff::{Span, Timestamp};
use kith_core::company::normalize_domain;
use kith_core::person::{
    normalize_email, normalize_name, normalize_phone, normalize_tag, normalize_url,
};
use kith_core::{Channel, Direction, Handle, InteractionKind, PersonId, PersonLink, TieKind};
use kith_demo::{DemoSpec, generate};
use kith_store::NetworkBatch;

/// Everything in a batch except the IDs, as comparable text.
fn content(batch: &NetworkBatch) -> Vec<String> {
    let mut out = Vec::new();
    for c in &batch.companies {
        out.push(format!(
            "company {} {:?} {:?} {:?} {:?} {:?} {:?} {} {} {}",
            c.handle,
            c.name,
            c.domain,
            c.location,
            c.size,
            c.remote_policy,
            c.notes,
            c.target,
            c.created_at,
            c.updated_at
        ));
    }
    for p in &batch.people {
        out.push(format!(
            "person {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {}",
            p.handle,
            p.name,
            p.company.as_ref().map(|c| &c.handle),
            p.role,
            p.location,
            p.how_met,
            p.note,
            p.emails,
            p.phones,
            p.urls,
            p.tags,
            p.created_at,
            p.updated_at
        ));
    }
    for t in &batch.ties {
        out.push(format!(
            "tie {} {} {} {} {:?} {}",
            t.a.handle,
            t.b.handle,
            t.kind,
            t.strength.get(),
            t.note,
            t.inferred
        ));
    }
    for i in &batch.interactions {
        let people: Vec<&str> = i.people.iter().map(|p| p.handle.as_str()).collect();
        out.push(format!(
            "interaction {} {} {:?} {} {:?} {people:?}",
            i.kind, i.occurred_at, i.channel, i.direction, i.note
        ));
    }
    for f in &batch.follow_ups {
        out.push(format!(
            "follow-up {} {:?} {} {:?} {} {:?}",
            f.number,
            f.person.as_ref().map(|p| &p.handle),
            f.due,
            f.done_at,
            f.created_at,
            f.action
        ));
    }
    for e in &batch.events {
        out.push(format!(
            "event {} {:?} {} {:?} {:?} {:?} {:?}",
            e.number, e.name, e.date, e.place, e.url, e.tags, e.note
        ));
    }
    out
}

fn default_batch() -> NetworkBatch {
    generate(&DemoSpec::default())
}

/// The first instant after the spec's `today`, in its time zone.
fn end_of(spec: &DemoSpec) -> Timestamp {
    let tomorrow = spec.today.tomorrow().unwrap();
    spec.tz.to_timestamp(tomorrow.at(0, 0, 0, 0)).unwrap()
}

fn local(spec: &DemoSpec, ts: Timestamp) -> DateTime {
    spec.tz.to_datetime(ts)
}

#[test]
fn the_same_spec_gives_the_same_content() {
    let first = default_batch();
    let second = default_batch();
    assert_eq!(content(&first), content(&second));
    // Only the IDs are fresh.
    assert_ne!(first.people[0].id, second.people[0].id);
}

#[test]
fn another_seed_gives_other_content() {
    let spec = DemoSpec {
        seed: 7,
        ..DemoSpec::default()
    };
    let other = generate(&spec);
    let default = default_batch();
    let names = |b: &NetworkBatch| b.people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_ne!(names(&other), names(&default));
    assert_ne!(content(&other), content(&default));
    assert_eq!(other.people.len(), default.people.len());
}

#[test]
fn every_link_points_at_a_record_in_the_batch_with_its_handle_and_name() {
    let batch = default_batch();
    let people: HashMap<PersonId, &kith_core::Person> =
        batch.people.iter().map(|p| (p.id, p)).collect();
    let check = |link: &PersonLink| {
        let person = people
            .get(&link.id)
            .unwrap_or_else(|| panic!("dangling link {link:?}"));
        assert_eq!(link.handle, person.handle);
        assert_eq!(link.name, person.name);
    };
    for tie in &batch.ties {
        check(&tie.a);
        check(&tie.b);
    }
    for interaction in &batch.interactions {
        assert!(
            (1..=3).contains(&interaction.people.len()),
            "{interaction:?}"
        );
        interaction.people.iter().for_each(check);
        let distinct: HashSet<PersonId> = interaction.people.iter().map(|p| p.id).collect();
        assert_eq!(
            distinct.len(),
            interaction.people.len(),
            "someone twice in {interaction:?}"
        );
    }
    for follow_up in &batch.follow_ups {
        check(
            follow_up
                .person
                .as_ref()
                .expect("every demo follow-up names a person"),
        );
        assert_eq!(follow_up.number, 0);
    }
    let companies: HashMap<_, _> = batch.companies.iter().map(|c| (c.id, c)).collect();
    for person in &batch.people {
        if let Some(link) = &person.company {
            let company = companies.get(&link.id).expect("dangling company link");
            assert_eq!(link.handle, company.handle);
            assert_eq!(link.name, company.name);
        }
    }
}

#[test]
fn handles_are_unique_and_valid() {
    let batch = default_batch();
    for handles in [
        batch.people.iter().map(|p| &p.handle).collect::<Vec<_>>(),
        batch.companies.iter().map(|c| &c.handle).collect(),
    ] {
        let unique: HashSet<&Handle> = handles.iter().copied().collect();
        assert_eq!(unique.len(), handles.len());
        for handle in handles {
            assert_eq!(&Handle::parse(handle.as_str()).unwrap(), handle);
        }
    }
    let company_names: HashSet<&str> = batch.companies.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        company_names.len(),
        batch.companies.len(),
        "company names repeat"
    );
}

#[test]
fn ties_join_two_different_people_once_with_a_valid_strength() {
    let batch = default_batch();
    let mut pairs = HashSet::new();
    for tie in &batch.ties {
        assert_ne!(tie.a.id, tie.b.id);
        let pair = (tie.a.id.min(tie.b.id), tie.a.id.max(tie.b.id));
        assert!(
            pairs.insert(pair),
            "pair repeated (in either order): {tie:?}"
        );
        assert!((1..=5).contains(&tie.strength.get()));
    }
}

#[test]
fn contacts_tags_and_names_are_stored_normalized() {
    let batch = default_batch();
    let mut counts = [0usize; 3];
    for person in &batch.people {
        assert_eq!(normalize_name("name", &person.name).unwrap(), person.name);
        for (count, (values, normalize)) in counts.iter_mut().zip([
            (&person.emails, normalize_email as fn(&str) -> _),
            (&person.phones, normalize_phone),
            (&person.urls, normalize_url),
        ]) {
            let unique: HashSet<&String> = values.iter().collect();
            assert_eq!(unique.len(), values.len(), "{values:?}");
            for value in values {
                assert_eq!(&normalize(value).unwrap(), value);
                *count += 1;
            }
        }
        assert!(person.emails.len() <= 2 && person.phones.len() <= 1 && person.urls.len() <= 2);
        assert!(person.urls.iter().all(|u| u.starts_with("https://")));
        let mut sorted = person.tags.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, person.tags);
        for tag in &person.tags {
            assert_eq!(normalize_tag(tag).as_ref(), Some(tag));
        }
        for text in [
            &person.role,
            &person.location,
            &person.how_met,
            &person.note,
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(text.trim(), text);
            assert!(!text.is_empty());
        }
    }
    assert!(
        counts.iter().all(|&c| c > 30),
        "too few contact details: {counts:?}"
    );
    for company in &batch.companies {
        assert_eq!(
            normalize_name("company", &company.name).unwrap(),
            company.name
        );
        if let Some(domain) = &company.domain {
            assert_eq!(normalize_domain(domain).as_ref(), Some(domain));
        }
    }
    for event in &batch.events {
        assert!(!event.name.trim().is_empty());
        if let Some(url) = &event.url {
            assert_eq!(&normalize_url(url).unwrap(), url);
        }
        let mut sorted = event.tags.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, event.tags);
        assert!(event.place.is_some() || event.url.is_some());
    }
}

#[test]
fn names_exercise_transliteration() {
    let batch = default_batch();
    let accented = batch.people.iter().filter(|p| !p.name.is_ascii()).count();
    assert!(accented >= 20, "only {accented} non-ASCII names");
    assert!(batch.people.iter().all(|p| p.handle.as_str().is_ascii()));
}

#[test]
fn every_kind_channel_and_direction_appears_at_the_default_size() {
    let batch = default_batch();
    let kinds: HashSet<InteractionKind> = batch.interactions.iter().map(|i| i.kind).collect();
    for kind in InteractionKind::ALL {
        assert!(kinds.contains(kind), "no {kind} interaction");
    }
    let channels: HashSet<Channel> = batch
        .interactions
        .iter()
        .filter_map(|i| i.channel)
        .collect();
    assert!(channels.len() >= 8, "{channels:?}");
    for direction in Direction::ALL {
        assert!(batch.interactions.iter().any(|i| i.direction == *direction));
    }
    let group = batch
        .interactions
        .iter()
        .filter(|i| i.people.len() > 1)
        .count();
    assert!(group > 10, "only {group} interactions with several people");
    let noted = batch
        .interactions
        .iter()
        .filter(|i| i.note.is_some())
        .count();
    assert!(noted * 2 > batch.interactions.len(), "only {noted} notes");
}

#[test]
fn the_default_network_has_a_realistic_shape() {
    let batch = default_batch();
    assert_eq!(batch.people.len(), 300);
    assert!(
        (30..=50).contains(&batch.companies.len()),
        "{} companies",
        batch.companies.len()
    );
    let targets = batch.companies.iter().filter(|c| c.target).count();
    assert!((2..=15).contains(&targets), "{targets} targets");
    let ties = batch.ties.len();
    assert!((350..=700).contains(&ties), "{ties} ties");
    let interactions = batch.interactions.len();
    assert!(
        (900..=1500).contains(&interactions),
        "{interactions} interactions"
    );
    assert!((25..=35).contains(&batch.follow_ups.len()));
    assert!(batch.follow_ups.iter().any(|f| f.done_at.is_some()));
    assert!(batch.follow_ups.iter().filter(|f| f.is_open()).count() > batch.follow_ups.len() / 2);
    assert_eq!(batch.events.len(), 6);

    let employed = batch.people.iter().filter(|p| p.company.is_some()).count();
    assert!(employed > 200 && employed < 300, "{employed} employed");
    let mut per_person: HashMap<PersonId, usize> = HashMap::new();
    for interaction in &batch.interactions {
        *per_person.entry(interaction.people[0].id).or_default() += 1;
    }
    let quiet = batch
        .people
        .iter()
        .filter(|p| per_person.get(&p.id).copied().unwrap_or(0) <= 1)
        .count();
    let core = per_person.values().filter(|&&n| n >= 10).count();
    assert!(
        quiet >= 120,
        "only {quiet} people with zero or one interaction"
    );
    assert!(
        core >= 15,
        "only {core} people with ten or more interactions"
    );
}

#[test]
fn times_fall_where_the_seeker_lives_and_before_tomorrow() {
    let mut specs = vec![
        DemoSpec::default(),
        DemoSpec {
            tz: TimeZone::fixed(tz::offset(-5)),
            seed: 3,
            ..DemoSpec::default()
        },
        DemoSpec {
            tz: TimeZone::fixed(tz::offset(9)),
            today: date(2025, 3, 1),
            ..DemoSpec::default()
        },
    ];
    // A zone with daylight saving time, where the tz database is installed.
    if let Ok(tz) = TimeZone::get("America/New_York") {
        specs.push(DemoSpec {
            tz,
            today: date(2026, 3, 20),
            ..DemoSpec::default()
        });
    }
    for spec in specs {
        check_times(&spec, &generate(&spec));
    }
}

fn check_times(spec: &DemoSpec, batch: &NetworkBatch) {
    let end = end_of(spec);
    let start = spec
        .tz
        .to_timestamp(
            spec.today
                .saturating_sub(Span::new().months(6))
                .at(0, 0, 0, 0),
        )
        .unwrap();
    let mut first: HashMap<PersonId, Timestamp> = HashMap::new();
    let mut saw = |id: PersonId, at: Timestamp| {
        let entry = first.entry(id).or_insert(at);
        *entry = (*entry).min(at);
    };
    for interaction in &batch.interactions {
        let at = interaction.occurred_at;
        assert!(at >= start && at < end, "{at} outside the window");
        let hour = local(spec, at).hour();
        assert!(
            (7..=21).contains(&hour),
            "{interaction:?} at local hour {hour}"
        );
        interaction.people.iter().for_each(|p| saw(p.id, at));
    }
    let earliest_due: Date = spec.today.saturating_sub(Span::new().days(21));
    let latest_due: Date = spec.today.saturating_add(Span::new().days(28));
    for follow_up in &batch.follow_ups {
        assert!(
            follow_up.due >= earliest_due && follow_up.due <= latest_due,
            "{follow_up:?}"
        );
        assert!(follow_up.created_at < end);
        if let Some(done) = follow_up.done_at {
            assert!(done >= follow_up.created_at && done < end, "{follow_up:?}");
        }
        saw(follow_up.person.as_ref().unwrap().id, follow_up.created_at);
    }
    let mut company_first: HashMap<_, Timestamp> = HashMap::new();
    for person in &batch.people {
        assert!(person.created_at <= person.updated_at);
        assert!(person.updated_at < end);
        if let Some(at) = first.get(&person.id) {
            assert!(
                person.updated_at < *at,
                "{} updated after first seen",
                person.handle
            );
        }
        if let Some(link) = &person.company {
            let entry = company_first.entry(link.id).or_insert(person.created_at);
            *entry = (*entry).min(person.created_at);
        }
    }
    for company in &batch.companies {
        assert!(company.created_at <= company.updated_at && company.updated_at < end);
        if let Some(at) = company_first.get(&company.id) {
            assert!(
                company.updated_at <= *at,
                "{} updated after its first person",
                company.handle
            );
        }
    }
    let latest_event = spec.today.saturating_add(Span::new().days(31));
    for event in &batch.events {
        assert!(event.date <= latest_event, "{event:?}");
        assert!(
            event.date >= spec.today.saturating_sub(Span::new().months(6)),
            "{event:?}"
        );
    }
    assert!(batch.events.windows(2).all(|w| w[0].date <= w[1].date));
}

#[test]
fn tiny_networks_are_consistent_too() {
    for people in [0, 1, 2, 5] {
        let spec = DemoSpec {
            people,
            ..DemoSpec::default()
        };
        let batch = generate(&spec);
        assert_eq!(batch.people.len(), people);
        assert_eq!(batch.companies.len(), 5);
        assert!(batch.events.len() >= 3);
        assert!(batch.ties.iter().all(|t| t.a.id != t.b.id));
        check_times(&spec, &batch);
    }
}

#[test]
fn thirty_thousand_people_give_over_a_hundred_thousand_interactions() {
    let spec = DemoSpec {
        people: 30_000,
        seed: 9,
        ..DemoSpec::default()
    };
    let batch = generate(&spec);
    assert_eq!(batch.people.len(), 30_000);
    assert!(
        batch.interactions.len() >= 100_000,
        "{} interactions",
        batch.interactions.len()
    );
    assert_eq!(batch.companies.len(), 2_000, "companies are capped");
    assert_eq!(batch.events.len(), 60);
    let handles: HashSet<&str> = batch.people.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles.len(), 30_000);
    let mut pairs = HashSet::new();
    for tie in &batch.ties {
        assert_ne!(tie.a.id, tie.b.id);
        assert!(pairs.insert((tie.a.id.min(tie.b.id), tie.a.id.max(tie.b.id))));
    }
}

/// FNV-1a over the content lines: moves if anything but the IDs does.
fn fingerprint(batch: &NetworkBatch) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for line in content(batch) {
        for byte in line.bytes().chain([b'\n']) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[test]
fn the_default_network_is_the_one_it_always_was() {
    // Pinned before sized webs (`ties: Some(_)`) existed: the default stays byte for byte
    // the same. Change these only on purpose, when the default generator changes.
    let batch = default_batch();
    assert_eq!(batch.ties.len(), 444);
    assert_eq!(fingerprint(&batch), 0xf4e4_514b_c4fe_cbe0);
    let batch = generate(&DemoSpec {
        people: 2_000,
        seed: 5,
        ..DemoSpec::default()
    });
    assert_eq!(batch.ties.len(), 3_008);
    assert_eq!(fingerprint(&batch), 0x2921_6354_8b94_230b);
}

fn sized_spec(people: usize, ties: usize) -> DemoSpec {
    DemoSpec {
        people,
        seed: 5,
        ties: Some(ties),
        ..DemoSpec::default()
    }
}

/// Each person's number of ties, by crowd index.
fn degrees(batch: &NetworkBatch) -> Vec<usize> {
    let index: HashMap<PersonId, usize> = batch
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let mut degree = vec![0; batch.people.len()];
    for tie in &batch.ties {
        degree[index[&tie.a.id]] += 1;
        degree[index[&tie.b.id]] += 1;
    }
    degree
}

#[test]
fn a_sized_web_has_exactly_the_ties_asked_for_once_each() {
    let batch = generate(&sized_spec(2_000, 20_000));
    assert_eq!(batch.ties.len(), 20_000);
    let mut pairs = HashSet::new();
    for tie in &batch.ties {
        assert_ne!(tie.a.id, tie.b.id);
        assert!(
            pairs.insert((tie.a.id.min(tie.b.id), tie.a.id.max(tie.b.id))),
            "pair repeated (in either order): {tie:?}"
        );
    }
    every_link_is_in_the_batch(&batch);
}

fn every_link_is_in_the_batch(batch: &NetworkBatch) {
    let people: HashMap<PersonId, &kith_core::Person> =
        batch.people.iter().map(|p| (p.id, p)).collect();
    for tie in &batch.ties {
        for link in [&tie.a, &tie.b] {
            let person = people.get(&link.id).expect("dangling tie");
            assert_eq!(link.handle, person.handle);
        }
    }
}

#[test]
fn a_sized_web_is_deterministic_and_leaves_the_rest_of_the_cast_alone() {
    let spec = sized_spec(2_000, 20_000);
    let first = generate(&spec);
    assert_eq!(content(&first), content(&generate(&spec)));
    let other_seed = generate(&DemoSpec {
        seed: 6,
        ..spec.clone()
    });
    assert_ne!(content(&first), content(&other_seed));
    // The people and companies are the default web's; only the ties (and the activity
    // drawn along them) differ.
    let usual = generate(&DemoSpec { ties: None, ..spec });
    let cast = |b: &NetworkBatch| {
        content(b)
            .into_iter()
            .filter(|line| line.starts_with("company ") || line.starts_with("person "))
            .map(|line| {
                // Timestamps settle before each person's first interaction, which moves
                // with the ties: compare everything before them.
                line.rsplitn(3, ' ').nth(2).unwrap_or_default().to_owned()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(cast(&first), cast(&usual));
}

#[test]
fn sized_ties_have_the_documented_kinds_and_strengths() {
    let batch = generate(&sized_spec(2_000, 20_000));
    let mut by_kind: HashMap<TieKind, usize> = HashMap::new();
    let mut inferred = 0;
    for tie in &batch.ties {
        *by_kind.entry(tie.kind).or_default() += 1;
        let strength = tie.strength.get();
        let range = match (tie.kind, tie.inferred) {
            (TieKind::Colleague, true) => 1..=2,
            (TieKind::Colleague, false) => 2..=4,
            (_, true) => panic!("only colleague ties are inferred: {tie:?}"),
            (TieKind::Friend, _) => 3..=5,
            (TieKind::MetAtEvent, _) => 1..=3,
            (TieKind::Online, _) => 1..=2,
            (TieKind::Introduced, _) => 2..=3,
            (TieKind::Other, _) => 1..=4,
        };
        assert!(range.contains(&strength), "{tie:?}");
        inferred += usize::from(tie.inferred);
    }
    let share = |kind| by_kind.get(&kind).copied().unwrap_or(0) * 100 / batch.ties.len();
    assert!(
        (45..=65).contains(&share(TieKind::Colleague)),
        "{by_kind:?}"
    );
    for kind in [
        TieKind::Friend,
        TieKind::MetAtEvent,
        TieKind::Online,
        TieKind::Introduced,
    ] {
        assert!((3..=25).contains(&share(kind)), "{kind}: {by_kind:?}");
    }
    let colleagues = by_kind[&TieKind::Colleague];
    assert!(
        inferred * 100 / colleagues >= 10 && inferred * 100 / colleagues <= 40,
        "{inferred} of {colleagues} colleague ties inferred"
    );
    let introduced_by = batch
        .ties
        .iter()
        .filter(|t| t.kind == TieKind::Introduced)
        .all(|t| {
            t.note
                .as_deref()
                .is_some_and(|n| n.starts_with("Introduced by "))
        });
    assert!(introduced_by, "every introduction names who made it");
}

#[test]
fn sized_webs_are_clustered_local_and_have_hubs() {
    let batch = generate(&sized_spec(2_000, 20_000));
    let mut degree = degrees(&batch);
    let isolated = degree.iter().filter(|&&d| d == 0).count();
    assert_eq!(isolated, 0, "everyone has a tie when there are enough");
    degree.sort_unstable();
    let at = |percent: usize| degree[(degree.len() - 1) * percent / 100];
    let in_range = degree.iter().filter(|&&d| (5..=40).contains(&d)).count();
    assert!(
        in_range * 100 / degree.len() >= 75,
        "{in_range} of 2000 have 5–40 ties"
    );
    assert!((12..=25).contains(&at(50)), "median {}", at(50));
    assert!(
        at(100) >= 3 * at(99) / 2 && at(100) >= 80,
        "max {} p99 {}",
        at(100),
        at(99)
    );

    // Colleague ties join people who work or worked at the same company.
    let company: HashMap<PersonId, Option<&str>> = batch
        .people
        .iter()
        .map(|p| (p.id, p.company.as_ref().map(|c| c.handle.as_str())))
        .collect();
    let colleagues: Vec<_> = batch
        .ties
        .iter()
        .filter(|t| t.kind == TieKind::Colleague)
        .collect();
    let same = colleagues
        .iter()
        .filter(|t| company[&t.a.id].is_some() && company[&t.a.id] == company[&t.b.id])
        .count();
    assert!(
        same * 100 / colleagues.len() >= 70,
        "{same} of {} colleague ties at the same company",
        colleagues.len()
    );

    // Friends mostly share a city; uniform pairs rarely would (about 1 in 40).
    let city: HashMap<PersonId, Option<&str>> = batch
        .people
        .iter()
        .map(|p| (p.id, p.location.as_deref()))
        .collect();
    let friends: Vec<_> = batch
        .ties
        .iter()
        .filter(|t| t.kind == TieKind::Friend)
        .collect();
    let local = friends
        .iter()
        .filter(|t| city[&t.a.id].is_some() && city[&t.a.id] == city[&t.b.id])
        .count();
    assert!(
        local * 100 / friends.len() >= 30,
        "{local} of {} friends local",
        friends.len()
    );

    // Friends of friends know each other far more often than in a uniform graph with the
    // same number of ties (where it would be about 1 in 100).
    let index: HashMap<PersonId, u32> = batch
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i as u32))
        .collect();
    let mut known: Vec<HashSet<u32>> = vec![HashSet::new(); batch.people.len()];
    for tie in &batch.ties {
        let (a, b) = (index[&tie.a.id], index[&tie.b.id]);
        known[a as usize].insert(b);
        known[b as usize].insert(a);
    }
    let (mut closed, mut wedges) = (0usize, 0usize);
    for friends in &known {
        let list: Vec<u32> = friends.iter().copied().collect();
        for (i, &x) in list.iter().enumerate() {
            for &y in &list[i + 1..] {
                wedges += 1;
                closed += usize::from(known[x as usize].contains(&y));
            }
        }
    }
    assert!(closed * 100 / wedges >= 8, "transitivity {closed}/{wedges}");
}

#[test]
fn a_sized_web_stops_at_every_pair_and_at_zero() {
    let batch = generate(&sized_spec(10, 1_000));
    assert_eq!(batch.ties.len(), 45, "10 people have 45 pairs");
    assert_eq!(kith_demo::max_ties(10), 45);
    let batch = generate(&sized_spec(60, 1_700));
    assert_eq!(batch.ties.len(), 1_700, "nearly every one of 1,770 pairs");
    every_link_is_in_the_batch(&batch);
    for people in [0, 1, 2, 5] {
        let batch = generate(&sized_spec(people, 0));
        assert!(batch.ties.is_empty());
        let batch = generate(&sized_spec(people, 3));
        assert_eq!(
            batch.ties.len(),
            3.min(people * people.saturating_sub(1) / 2)
        );
        check_times(&sized_spec(people, 3), &batch);
    }
}

#[test]
fn the_opportunity_side_is_there_and_consistent() {
    use kith_core::opportunity::{ApplicationChannel, ReferralStage};
    let spec = DemoSpec::default();
    let batch = default_batch();
    let o = &batch.opportunities;
    assert!(!o.values.is_empty() && o.goals.is_some());
    let targets: Vec<_> = batch
        .companies
        .iter()
        .filter(|c| c.target)
        .map(|c| c.id)
        .collect();
    assert_eq!(
        o.targets.len(),
        targets.len(),
        "every target company has a tier and status"
    );
    assert!(
        o.value_scores.iter().any(|s| s.interaction.is_some()),
        "evidence from a conversation"
    );
    assert!(o.leads.iter().filter(|l| l.source.is_some()).count() >= 3);
    assert!(o.leads.iter().any(|l| l.source.is_none()));
    assert_eq!(o.referrals.len(), 2);
    assert!(
        o.referrals
            .iter()
            .any(|r| r.stage == ReferralStage::Submitted)
    );
    // Each referral's follow-up is in the batch, open, and with the referrer.
    assert_eq!(o.referral_follow_ups.len(), 2);
    for link in &o.referral_follow_ups {
        let f = batch
            .follow_ups
            .iter()
            .find(|f| f.id == link.follow_up)
            .unwrap();
        let r = o.referrals.iter().find(|r| r.id == link.referral).unwrap();
        assert_eq!(f.person.as_ref().map(|p| p.id), Some(r.referrer));
        assert!(f.done_at.is_none());
    }
    let channels: std::collections::HashSet<_> = o.applications.iter().map(|a| a.channel).collect();
    assert!(
        channels.contains(&ApplicationChannel::Cold)
            && channels.contains(&ApplicationChannel::Referral)
    );
    let numbers: Vec<i64> = o.applications.iter().map(|a| a.number).collect();
    assert_eq!(numbers, (1..=numbers.len() as i64).collect::<Vec<_>>());
    // Nothing happens after today.
    let end = end_of(&spec);
    for a in &o.applications {
        assert!(a.history.iter().all(|m| m.at < end), "{a:?}");
        assert!(a.history.windows(2).all(|w| w[0].at < w[1].at), "{a:?}");
    }
    for r in &o.referrals {
        assert!(r.history.iter().all(|m| m.at < end), "{r:?}");
    }
    // The cold applications went where nobody the seeker talks to works.
    for a in o
        .applications
        .iter()
        .filter(|a| a.channel == ApplicationChannel::Cold)
    {
        let staff: Vec<_> = batch
            .people
            .iter()
            .filter(|p| p.company.as_ref().map(|c| c.id) == Some(a.company))
            .map(|p| p.id)
            .collect();
        let answered = batch.interactions.iter().any(|i| {
            i.direction == kith_core::Direction::Inbound
                && i.people.iter().any(|p| staff.contains(&p.id))
        });
        assert!(
            !answered,
            "a cold application where someone answers the seeker: {a:?}"
        );
    }
}
