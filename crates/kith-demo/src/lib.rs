//! The demo network: a realistic, deterministic job seeker's network (companies, people,
//! ties, six months of interactions, follow-ups and events) generated in memory.
//!
//! [`generate`] is a pure function of its [`DemoSpec`]: no I/O, no clock, no randomness
//! from the operating system. The same spec always yields the same content; only the
//! records' IDs (fresh UUIDv7s) differ between runs.

mod activity;
mod clock;
mod network;
mod opportunities;
mod rng;
pub mod seeker;
mod sized;
#[rustfmt::skip]
mod words;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use std::collections::HashMap;

use kith_core::PersonId;
use kith_core::relationship::{Circle, Rhythm, Stage, StageOverride};
use kith_store::{Attendance, NetworkBatch, RhythmRecord};

use crate::clock::{Clock, shift};
use crate::rng::Rng;

/// What demo network to build.
#[derive(Debug, Clone)]
pub struct DemoSpec {
    /// How many people; companies, events and follow-ups scale with it.
    pub people: usize,
    /// Everything that varies is drawn from this seed.
    pub seed: u64,
    /// The seeker's "today": interactions fall in the six months up to it, follow-ups
    /// and events around it.
    pub today: Date,
    /// Where the seeker lives: interactions happen at plausible local times here.
    pub tz: TimeZone,
    /// How many ties between the people: `None` for the usual few per person; a number for
    /// a web of exactly that many (at most [`max_ties`]), shaped for path finding.
    ///
    /// Such a web is mostly colleagues: each company a ring of teams with a few ties across
    /// it and connectors who know much of it, plus former colleagues. Friends, people met
    /// at events, online acquaintances and introductions follow the same city, the same
    /// community or a friend of a friend, with some long-range ties; a heavy-tailed
    /// sociability makes a few people hubs with hundreds of ties. Strengths by kind:
    /// colleague 2–4 (the inferred ones 1–2), friend 3–5, met at an event 1–3, online 1–2,
    /// introduced 2–3, other 1–4. The people, companies and events are the same either way.
    pub ties: Option<usize>,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            people: 300,
            seed: 42,
            today: date(2026, 11, 23),
            tz: TimeZone::UTC,
            ties: None,
        }
    }
}

/// Builds the demo network described by `spec`, ready for `NetworkStore::insert_network`.
///
/// Every link in the batch points at a record in the batch; handles are unique; ties
/// never repeat a pair or join someone to themselves; contact details, tags and names are
/// stored already normalized. Follow-up and event numbers are left at 0 for the store.
pub fn generate(spec: &DemoSpec) -> NetworkBatch {
    let clock = Clock::new(spec.today, spec.tz.clone());
    let company_count = network::company_count(spec.people);
    let mut companies = network::companies(spec.seed, company_count, &clock);
    let mut crowd = network::people(spec.seed, spec.people, &companies, &clock);
    let event_count = activity::event_count(spec.people);
    let events = activity::events(spec.seed, event_count, &companies, &clock);
    let past_events: Vec<&kith_core::Event> =
        events.iter().filter(|e| e.date <= clock.today()).collect();
    let past_names: Vec<String> = past_events.iter().map(|e| e.name.clone()).collect();
    let web = match spec.ties {
        None => network::ties(spec.seed, &crowd, &companies, &past_names),
        Some(wanted) => sized::sized(spec.seed, &crowd, &companies, &past_names, wanted),
    };
    let mut activity =
        activity::interactions(spec.seed, &crowd, &web, &companies, &past_events, &clock);
    let mut follow_ups = activity::follow_ups(
        spec.seed,
        &crowd,
        &mut activity,
        &companies,
        &events,
        &clock,
    );
    settle_timestamps(spec.seed, &mut companies, &mut crowd, &activity, &clock);
    let rhythms = rhythms(spec.seed, &crowd.people, &activity.interactions, &clock);
    let attendance = attendance(&events, &activity.interactions, &clock);
    let opportunities = opportunities::generate(
        spec.seed,
        &companies,
        &crowd.people,
        &activity.interactions,
        &rhythms,
        &clock,
    );
    follow_ups.extend(opportunities.follow_ups);
    NetworkBatch {
        companies,
        people: crowd.people,
        ties: web.ties,
        interactions: activity.interactions,
        follow_ups,
        events,
        rhythms,
        attendance,
        opportunities: opportunities.opportunities,
    }
}

/// The most ties `people` people can have: one per pair. A [`DemoSpec`] asking for more
/// gets this many.
pub fn max_ties(people: usize) -> usize {
    sized::pair_space(people)
}

/// Circles as a seeker would place them: the people they see most in close (about 3 in
/// 100), the next in warm (about 12 in 100), everyone else left to the default. A few
/// relationships are snoozed, and a few stages were set by hand.
fn rhythms(
    seed: u64,
    people: &[kith_core::Person],
    interactions: &[kith_core::Interaction],
    clock: &Clock,
) -> Vec<RhythmRecord> {
    let mut rng = Rng::new(seed, 11);
    let mut count: HashMap<PersonId, usize> = HashMap::new();
    for i in interactions {
        for p in &i.people {
            *count.entry(p.id).or_default() += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = people
        .iter()
        .enumerate()
        .map(|(index, p)| (count.get(&p.id).copied().unwrap_or(0), index))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let close = (people.len() * 3).div_ceil(100);
    let warm = (people.len() * 12).div_ceil(100);
    let morning = clock.at(clock.today(), 8, 0);
    let mut out: Vec<RhythmRecord> = Vec::new();
    for (rank, &(touches, index)) in ranked.iter().enumerate() {
        let mut rhythm = Rhythm {
            circle: if touches == 0 {
                None
            } else if rank < close {
                Some(Circle::Close)
            } else if rank < close + warm {
                Some(Circle::Warm)
            } else {
                None
            },
            ..Rhythm::default()
        };
        if rhythm.circle.is_some() && rng.chance(4) {
            rhythm.snoozed_until =
                Some(clock.at(clock::add_days(clock.today(), rng.between(5, 20)), 9, 0));
        }
        if touches > 0 && rng.below(250) == 0 {
            rhythm.stage = Some(StageOverride {
                stage: Stage::Advocate,
                note: Some("vouched for me at a previous job".into()),
                set_at: shift(morning, -rng.between(1, 60) * 86_400),
            });
        }
        if !rhythm.is_empty() {
            out.push(RhythmRecord {
                person: people[index].id,
                rhythm,
            });
        }
    }
    out.sort_by_key(|r| r.person);
    out
}

/// Who was met at which past event: everyone in a meetup on an event's day (the event whose
/// name the note mentions, else the first that day).
fn attendance(
    events: &[kith_core::Event],
    interactions: &[kith_core::Interaction],
    clock: &Clock,
) -> Vec<Attendance> {
    let mut out: Vec<Attendance> = Vec::new();
    let mut seen: std::collections::HashSet<(kith_core::EventId, PersonId)> = Default::default();
    for i in interactions
        .iter()
        .filter(|i| i.kind == kith_core::InteractionKind::Meetup)
    {
        let day = clock.local_date(i.occurred_at);
        let same_day: Vec<&kith_core::Event> = events.iter().filter(|e| e.date == day).collect();
        let note = i.note.as_deref().unwrap_or("");
        let Some(event) = same_day
            .iter()
            .find(|e| note.contains(&e.name))
            .or(same_day.first())
        else {
            continue;
        };
        for p in &i.people {
            if seen.insert((event.id, p.id)) {
                out.push(Attendance {
                    event: event.id,
                    person: p.id,
                    interaction: Some(i.id),
                });
            }
        }
    }
    out
}

/// Moves each person's `created_at`/`updated_at` before their first activity, and each
/// company's before its earliest person was added.
fn settle_timestamps(
    seed: u64,
    companies: &mut [kith_core::Company],
    crowd: &mut network::Crowd,
    activity: &activity::Activity,
    clock: &Clock,
) {
    let mut rng = Rng::new(seed, 7);
    // Somewhere in working hours a few days before `first`, if `at` is not already
    // comfortably before it.
    let mut before = |at: Timestamp, first: Timestamp, max_days: i64| {
        if at < shift(first, -60 * 60) {
            return at;
        }
        let day = clock::add_days(clock.local_date(first), -rng.between(1, max_days));
        clock.daytime(&mut rng, day).min(shift(first, -60 * 60))
    };
    let morning = clock.at(clock.today(), 8, 0);
    let mut earliest: Vec<Option<Timestamp>> = vec![None; companies.len()];
    for (index, person) in crowd.people.iter_mut().enumerate() {
        let first = activity.first_seen[index];
        if let Some(first) = first {
            person.created_at = before(person.created_at, first, 3);
        }
        let cap = first.map_or(morning, |f| shift(f, -60));
        person.updated_at = person.updated_at.min(cap).max(person.created_at);
        if let Some(company) = crowd.employer[index] {
            let seen = &mut earliest[company];
            if seen.is_none_or(|s| person.created_at < s) {
                *seen = Some(person.created_at);
            }
        }
    }
    for (company, first) in companies.iter_mut().zip(earliest) {
        if let Some(first) = first {
            company.created_at = before(company.created_at, first, 30);
        }
        let cap = first.map_or(morning, |f| shift(f, -60));
        company.updated_at = company.updated_at.min(cap).max(company.created_at);
    }
}

/// The values a note template's `{placeholders}` are filled from.
#[derive(Debug, Clone)]
struct Vars<'a> {
    topic: &'a str,
    resource: &'a str,
    project: &'a str,
    community: &'a str,
    conference: &'a str,
    city: &'a str,
    company: &'a str,
    event: &'a str,
    other: &'a str,
}

impl Vars<'static> {
    /// Random topic, resource, project, community, conference and city; neutral wording
    /// for the company, event and other person, which callers usually set.
    fn random(rng: &mut Rng) -> Self {
        Vars {
            topic: rng.word(words::TOPICS),
            resource: rng.word(words::RESOURCES),
            project: rng.word(words::PROJECTS),
            community: rng.pick(words::COMMUNITIES).0,
            conference: rng.pick(words::CONFERENCES).0,
            city: network::city(rng.word(words::HUBS)),
            company: "their company",
            event: "the local meetup",
            other: "a friend of theirs",
        }
    }
}

impl Vars<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        Some(match key {
            "topic" => self.topic,
            "resource" => self.resource,
            "project" => self.project,
            "community" => self.community,
            "conference" => self.conference,
            "city" => self.city,
            "company" => self.company,
            "event" => self.event,
            "other" => self.other,
            _ => return None,
        })
    }
}

/// `template` with each `{key}` replaced by its value (values may hold placeholders of
/// their own, one level deep); unknown keys are kept as written.
fn fill(template: &str, vars: &Vars<'_>) -> String {
    fill_to(template, vars, 1)
}

fn fill_to(template: &str, vars: &Vars<'_>, depth: u8) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, vars.get(&after[..close])?)))
        {
            Some((close, value)) => {
                if depth > 0 && value.contains('{') {
                    out.push_str(&fill_to(value, vars, depth - 1));
                } else {
                    out.push_str(value);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_including_nested_values() {
        let mut vars = Vars::random(&mut Rng::new(1, 1));
        vars.topic = "async Rust";
        vars.company = "Lumen Labs";
        vars.resource = "the podcast episode on {topic}";
        assert_eq!(
            fill("Talked about {topic} at {company}.", &vars),
            "Talked about async Rust at Lumen Labs."
        );
        assert_eq!(
            fill("Sent {resource}", &vars),
            "Sent the podcast episode on async Rust"
        );
        assert_eq!(fill("{unknown} and {", &vars), "{unknown} and {");
    }

    #[test]
    fn every_template_uses_known_placeholders_only() {
        let vars = Vars::random(&mut Rng::new(1, 1));
        let lists: &[&[&str]] = &[
            words::COMPANY_NOTES,
            words::RESOURCES,
            words::PERSON_NOTES,
            words::HOW_MET_CONFERENCE,
            words::HOW_MET_LINKEDIN,
            words::HOW_MET_ONLINE,
            words::COLLEAGUE_NOTES,
            words::ONLINE_NOTES,
            words::MESSAGE_NOTES,
            words::EMAIL_NOTES,
            words::CALL_NOTES,
            words::COFFEE_NOTES,
            words::INFORMATIONAL_NOTES,
            words::MEETUP_NOTES,
            words::HELP_GIVEN_NOTES,
            words::HELP_RECEIVED_NOTES,
            words::INTRODUCTION_WITH_NOTES,
            words::INTRODUCTION_NOTES,
            words::REFERRAL_NOTES,
            words::OTHER_NOTES,
            words::FOLLOW_UP_ACTIONS,
            words::EVENT_NOTES,
        ];
        for template in lists.iter().flat_map(|l| l.iter()) {
            let filled = fill(template, &vars);
            assert!(!filled.contains(['{', '}']), "{template:?} -> {filled:?}");
        }
    }
}
