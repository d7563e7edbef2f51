//! What happens in the network: events, the seeker's interactions with people over the
//! last six months, and the follow-ups those left behind.

use jiff::Timestamp;
use kith_core::{
    Channel, Company, Direction, Event, EventId, FollowUp, FollowUpId, Handle, Interaction,
    InteractionId, InteractionKind,
};

use crate::clock::{Clock, add_days, shift};
use crate::network::{Crowd, Web, city, location};
use crate::rng::Rng;
use crate::words::*;
use crate::{Vars, fill};

const HOUR: i64 = 60 * 60;
const DAY: i64 = 24 * HOUR;

pub(crate) fn event_count(people: usize) -> usize {
    (people / 50).clamp(3, 60)
}

/// Meetups, conferences and online gatherings from six months ago to a month ahead,
/// in date order.
pub(crate) fn events(seed: u64, count: usize, companies: &[Company], clock: &Clock) -> Vec<Event> {
    let mut rng = Rng::new(seed, 4);
    let mut events = Vec::with_capacity(count);
    for _ in 0..count {
        let date = clock.days_from_today(rng.between(-175, 30));
        let here = location(&mut rng);
        let town = city(here);
        let (name, place, url, tags) = match rng.below(20) {
            0..=12 => {
                let (community, tag) = *rng.pick(COMMUNITIES);
                let name = format!("{community} Meetup {town} #{}", rng.between(3, 90));
                let venue = match companies.is_empty() {
                    false if rng.chance(40) => format!("{} office", rng.pick(companies).name),
                    _ => (*rng.pick(VENUES)).to_owned(),
                };
                let slug = Handle::base_for(&format!("{community} {town}"), "meetup");
                let url = rng
                    .chance(40)
                    .then(|| format!("https://www.meetup.com/{slug}/"));
                (
                    name,
                    Some(format!("{venue}, {town}")),
                    url,
                    vec!["meetup", tag],
                )
            }
            13..=16 => {
                let (conference, tag) = *rng.pick(CONFERENCES);
                let name = format!("{conference} {}", date.year());
                let slug = Handle::base_for(conference, "conf")
                    .as_str()
                    .replace('-', "");
                let url = Some(format!("https://{slug}.org"));
                (name, Some(here.to_owned()), url, vec!["conference", tag])
            }
            _ => {
                let (community, tag) = *rng.pick(COMMUNITIES);
                let name = format!("{community} Online Lightning Talks");
                let slug = Handle::base_for(community, "online");
                let url = Some(format!("https://www.meetup.com/{slug}-online/"));
                (name, None, url, vec!["online", tag])
            }
        };
        let mut tags: Vec<String> = tags.into_iter().map(str::to_owned).collect();
        tags.sort_unstable();
        tags.dedup();
        let note = rng.chance(50).then(|| {
            let mut vars = Vars::random(&mut rng);
            if !companies.is_empty() {
                vars.company = &rng.pick(companies).name;
            }
            fill(rng.word(EVENT_NOTES), &vars)
        });
        events.push(Event {
            id: EventId::new(),
            number: 0,
            name,
            date,
            place,
            url,
            created_at: None,
            tags,
            note,
        });
    }
    events.sort_by_key(|e| e.date);
    events
}

/// The interactions, and for each person (by index) the moment of their first one.
#[derive(Debug)]
pub(crate) struct Activity {
    pub(crate) interactions: Vec<Interaction>,
    pub(crate) first_seen: Vec<Option<Timestamp>>,
}

impl Activity {
    fn saw(&mut self, person: usize, at: Timestamp) {
        let first = &mut self.first_seen[person];
        if first.is_none_or(|f| at < f) {
            *first = Some(at);
        }
    }
}

/// How a relationship usually starts.
const OPENERS: &[(InteractionKind, u32)] = &[
    (InteractionKind::Message, 30),
    (InteractionKind::Email, 12),
    (InteractionKind::Meetup, 18),
    (InteractionKind::Introduction, 8),
    (InteractionKind::Call, 4),
    (InteractionKind::CoffeeChat, 6),
    (InteractionKind::InformationalInterview, 4),
    (InteractionKind::HelpGiven, 3),
    (InteractionKind::HelpReceived, 3),
    (InteractionKind::Other, 6),
];

/// How it goes on once it has started.
const LATER: &[(InteractionKind, u32)] = &[
    (InteractionKind::Message, 22),
    (InteractionKind::Email, 14),
    (InteractionKind::Call, 10),
    (InteractionKind::CoffeeChat, 12),
    (InteractionKind::InformationalInterview, 7),
    (InteractionKind::Meetup, 8),
    (InteractionKind::HelpGiven, 8),
    (InteractionKind::HelpReceived, 8),
    (InteractionKind::Introduction, 4),
    (InteractionKind::Referral, 3),
    (InteractionKind::Other, 4),
];

/// How many interactions the seeker had with one person: many none or one, a core many.
fn depth(rng: &mut Rng) -> usize {
    match *rng.weighted(&[(0, 30), (1, 25), (2, 27), (3, 14), (4, 4)]) {
        0 => 0,
        1 => 1,
        2 => rng.between(2, 6) as usize,
        3 => rng.between(7, 15) as usize,
        _ => rng.between(16, 40) as usize,
    }
}

fn channel(rng: &mut Rng, kind: InteractionKind) -> Option<Channel> {
    use Channel::*;
    if rng.chance(5) {
        return None;
    }
    let choices: &[(Channel, u32)] = match kind {
        InteractionKind::Message => &[(Linkedin, 40), (Text, 25), (Chat, 20), (Social, 15)],
        InteractionKind::Email => &[(Email, 1)],
        InteractionKind::Call => &[(Phone, 1), (Video, 1)],
        InteractionKind::CoffeeChat => &[(InPerson, 8), (Video, 2)],
        InteractionKind::InformationalInterview => &[(Video, 11), (Phone, 3), (InPerson, 6)],
        InteractionKind::Meetup => &[(InPerson, 9), (Video, 1)],
        InteractionKind::HelpGiven | InteractionKind::HelpReceived => {
            &[(Chat, 7), (Email, 6), (Video, 5), (InPerson, 2)]
        }
        InteractionKind::Introduction => &[(Email, 12), (Linkedin, 5), (Chat, 3)],
        InteractionKind::Referral => &[(Email, 5), (Chat, 3), (Other, 2)],
        InteractionKind::Other => &[(Social, 4), (InPerson, 3), (Other, 3)],
    };
    Some(*rng.weighted(choices))
}

fn note_templates(kind: InteractionKind) -> &'static [&'static str] {
    match kind {
        InteractionKind::Message => MESSAGE_NOTES,
        InteractionKind::Email => EMAIL_NOTES,
        InteractionKind::Call => CALL_NOTES,
        InteractionKind::CoffeeChat => COFFEE_NOTES,
        InteractionKind::InformationalInterview => INFORMATIONAL_NOTES,
        InteractionKind::Meetup => MEETUP_NOTES,
        InteractionKind::HelpGiven => HELP_GIVEN_NOTES,
        InteractionKind::HelpReceived => HELP_RECEIVED_NOTES,
        InteractionKind::Introduction => INTRODUCTION_NOTES,
        InteractionKind::Referral => REFERRAL_NOTES,
        InteractionKind::Other => OTHER_NOTES,
    }
}

/// Someone else to join an interaction with `person`: usually someone they know.
fn companion(rng: &mut Rng, person: usize, web: &Web, taken: &[usize]) -> Option<usize> {
    let n = web.neighbours.len();
    let known = &web.neighbours[person];
    for _ in 0..4 {
        let other = if !known.is_empty() && rng.chance(70) {
            *rng.pick(known) as usize
        } else {
            rng.below(n)
        };
        if !taken.contains(&other) {
            return Some(other);
        }
    }
    None
}

/// Each person's story with the seeker, oldest first: an opener, then deeper kinds of
/// contact; a referral only once the relationship has had a few exchanges.
pub(crate) fn interactions(
    seed: u64,
    crowd: &Crowd,
    web: &Web,
    companies: &[Company],
    past_events: &[&Event],
    clock: &Clock,
) -> Activity {
    let mut rng = Rng::new(seed, 5);
    let n = crowd.people.len();
    let mut activity = Activity {
        interactions: Vec::with_capacity(n * 4),
        first_seen: vec![None; n],
    };
    let mut days = Vec::new();
    let mut with = Vec::with_capacity(3);
    for person in 0..n {
        days.clear();
        days.extend((0..depth(&mut rng)).map(|_| rng.below(clock.window_len())));
        days.sort_unstable();
        let employer = crowd.employer[person].map(|c| companies[c].name.as_str());
        for (stage, &day) in days.iter().enumerate() {
            let mut kind = *rng.weighted(if stage == 0 { OPENERS } else { LATER });
            if kind == InteractionKind::Referral && stage < 3 {
                kind = InteractionKind::CoffeeChat;
            }
            let mut vars = Vars::random(&mut rng);
            match employer {
                Some(name) => vars.company = name,
                None if !companies.is_empty() => vars.company = &rng.pick(companies).name,
                None => {}
            }
            if !past_events.is_empty() {
                vars.event = &rng.pick(past_events).name;
            }

            let mut date = clock.window_day(day);
            let occurred_at = if kind == InteractionKind::Meetup {
                if !past_events.is_empty() && rng.chance(70) {
                    let event = rng.pick(past_events);
                    date = event.date;
                    vars.event = &event.name;
                }
                clock.evening(&mut rng, date)
            } else {
                clock.daytime(&mut rng, date)
            };

            with.clear();
            with.push(person);
            let extra = match kind {
                InteractionKind::Meetup if rng.chance(40) => rng.between(1, 2),
                InteractionKind::Introduction if rng.chance(70) => 1,
                InteractionKind::CoffeeChat | InteractionKind::Call if rng.chance(5) => 1,
                _ => 0,
            };
            for _ in 0..extra {
                if let Some(other) = companion(&mut rng, person, web, &with) {
                    with.push(other);
                }
            }

            let direction = match (stage, rng.below(100)) {
                (0, roll) if roll < 70 => Direction::Outbound,
                (0, _) => Direction::Inbound,
                (_, roll) if roll < 55 => Direction::Outbound,
                _ => Direction::Inbound,
            };
            let channel = channel(&mut rng, kind);
            let note = rng.chance(65).then(|| {
                let templates = match (kind, with.get(1)) {
                    (InteractionKind::Introduction, Some(&other)) => {
                        vars.other = &crowd.links[other].name;
                        if let Some(c) = crowd.employer[other] {
                            vars.company = &companies[c].name;
                        }
                        INTRODUCTION_WITH_NOTES
                    }
                    _ => note_templates(kind),
                };
                fill(rng.word(templates), &vars)
            });

            for &p in &with {
                activity.saw(p, occurred_at);
            }
            activity.interactions.push(Interaction {
                id: InteractionId::new(),
                kind,
                occurred_at,
                channel,
                direction,
                created_at: None,
                note,
                people: with.iter().map(|&p| crowd.links[p].clone()).collect(),
            });
        }
    }
    activity
}

pub(crate) fn follow_up_count(people: usize) -> usize {
    people / 10
}

/// Actions owed to people the seeker has been in touch with, due from three weeks ago to
/// four weeks ahead; a few already done. Each follow-up's creation counts as activity
/// with its person, so the person's record must predate it.
pub(crate) fn follow_ups(
    seed: u64,
    crowd: &Crowd,
    activity: &mut Activity,
    companies: &[Company],
    events: &[Event],
    clock: &Clock,
) -> Vec<FollowUp> {
    let mut rng = Rng::new(seed, 6);
    let count = follow_up_count(crowd.people.len());
    let mut candidates: Vec<usize> = (0..crowd.people.len())
        .filter(|&p| activity.first_seen[p].is_some())
        .collect();
    if candidates.is_empty() {
        candidates = (0..crowd.people.len()).collect();
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    let today = clock.today();
    let mut follow_ups = Vec::with_capacity(count);
    for _ in 0..count {
        let person = *rng.pick(&candidates);
        let due = clock.days_from_today(rng.between(-21, 28));
        let created_day =
            add_days(due, -rng.between(2, 14)).min(add_days(today, -rng.between(0, 3)));
        let created_at = clock.daytime(&mut rng, created_day);
        let done = rng.chance(if due < today { 40 } else { 15 });
        // In five-minute steps, from an hour to ten days after it was noted.
        let done_after = rng.between(HOUR / 300, 10 * DAY / 300) * 300;
        let done_at = done.then(|| shift(created_at, done_after).min(clock.end_of_today()));

        let mut vars = Vars::random(&mut rng);
        match crowd.employer[person] {
            Some(c) => vars.company = &companies[c].name,
            None if !companies.is_empty() => vars.company = &rng.pick(companies).name,
            None => {}
        }
        if !events.is_empty() {
            vars.event = &rng.pick(events).name;
        }
        let action = fill(rng.word(FOLLOW_UP_ACTIONS), &vars);
        activity.saw(person, created_at);
        follow_ups.push(FollowUp {
            id: FollowUpId::new(),
            number: 0,
            person: Some(crowd.links[person].clone()),
            action,
            due,
            done_at,
            created_at,
            owed_by: kith_core::follow_up::Owed::Me,
        });
    }
    follow_ups.sort_by_key(|f| f.created_at);
    follow_ups
}
