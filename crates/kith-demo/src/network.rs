//! The demo's cast: companies, the people who work there (or don't), and the ties
//! between those people.

use std::collections::HashSet;

use kith_core::{
    Company, CompanyLink, CompanySize, Handle, Person, PersonLink, RemotePolicy, Tie, TieId,
    TieKind, TieStrength,
};

use crate::clock::{Clock, shift};
use crate::rng::Rng;
use crate::words::*;
use crate::{Vars, fill};

const DAY: i64 = 24 * 60 * 60;

/// How common each size band is among the companies in a developer's network.
const SIZE_WEIGHTS: [(CompanySize, u32); 9] = [
    (CompanySize::Solo, 1),
    (CompanySize::Micro, 4),
    (CompanySize::Small, 10),
    (CompanySize::Medium, 12),
    (CompanySize::Mid, 8),
    (CompanySize::Large, 5),
    (CompanySize::Big, 4),
    (CompanySize::Huge, 2),
    (CompanySize::Giant, 2),
];

const REMOTE_WEIGHTS: [(Option<RemotePolicy>, u32); 4] = [
    (Some(RemotePolicy::Hybrid), 45),
    (Some(RemotePolicy::Remote), 30),
    (Some(RemotePolicy::Onsite), 20),
    (None, 5),
];

/// How many people from the network a company of each band tends to employ.
pub(crate) fn pull(size: Option<CompanySize>) -> u32 {
    match size {
        Some(CompanySize::Solo) => 1,
        Some(CompanySize::Micro) => 2,
        Some(CompanySize::Small) => 4,
        Some(CompanySize::Medium) => 6,
        Some(CompanySize::Mid) => 8,
        Some(CompanySize::Large) => 9,
        Some(CompanySize::Big) => 10,
        Some(CompanySize::Huge) => 11,
        Some(CompanySize::Giant) => 12,
        None => 4,
    }
}

pub(crate) fn company_count(people: usize) -> usize {
    (people / 8).clamp(5, 2000)
}

pub(crate) fn location(rng: &mut Rng) -> &'static str {
    if rng.chance(70) {
        rng.word(HUBS)
    } else {
        rng.word(TOWNS)
    }
}

/// The city part of a location such as "Berlin, Germany".
pub(crate) fn city(location: &str) -> &str {
    location.split(',').next().unwrap_or(location)
}

pub(crate) fn companies(seed: u64, count: usize, clock: &Clock) -> Vec<Company> {
    let mut rng = Rng::new(seed, 1);
    let mut names: HashSet<String> = HashSet::with_capacity(count);
    let mut handles: HashSet<String> = HashSet::with_capacity(count);
    let mut companies = Vec::with_capacity(count);
    for index in 0..count {
        let name = company_name(&mut rng, &names, index);
        names.insert(name.clone());
        let base = Handle::base_for(&name, "company");
        let handle = Handle::first_free(&base, |h| handles.contains(h));
        handles.insert(handle.as_str().to_owned());
        let domain = rng
            .chance(92)
            .then(|| format!("{}.{}", handle.as_str().replace('-', ""), rng.pick(TLDS)));
        let location = rng.chance(95).then(|| location(&mut rng).to_owned());
        let size = rng.chance(95).then(|| *rng.weighted(&SIZE_WEIGHTS));
        let remote_policy = *rng.weighted(&REMOTE_WEIGHTS);
        let notes = rng.chance(45).then(|| {
            let template = rng.pick(COMPANY_NOTES);
            fill(template, &Vars::random(&mut rng))
        });
        let target = rng.below(6) == 0;
        // Provisional; `crate::settle_timestamps` moves it before the first activity.
        let created_day = clock.days_from_today(-rng.between(200, 1000));
        let created_at = clock.daytime(&mut rng, created_day);
        let updated_at = shift(created_at, rng.between(0, 90) * DAY);
        companies.push(Company {
            id: kith_core::CompanyId::new(),
            handle,
            name,
            domain,
            location,
            size,
            remote_policy,
            notes,
            target,
            created_at,
            updated_at,
        });
    }
    if !companies.iter().any(|c| c.target)
        && let Some(first) = companies.first_mut()
    {
        first.target = true;
    }
    companies
}

fn company_name(rng: &mut Rng, taken: &HashSet<String>, index: usize) -> String {
    for attempt in 0..48 {
        let stem = rng.pick(COMPANY_STEMS);
        let kind = rng.pick(COMPANY_KINDS);
        let name = if attempt < 8 {
            format!("{stem} {kind}")
        } else {
            format!("{stem} {} {kind}", rng.pick(COMPANY_STEMS))
        };
        if !taken.contains(&name) && !name.starts_with(&format!("{stem} {stem}")) {
            return name;
        }
    }
    format!(
        "{} {} {index}",
        rng.pick(COMPANY_STEMS),
        rng.pick(COMPANY_KINDS)
    )
}

pub(crate) fn company_link(company: &Company) -> CompanyLink {
    CompanyLink {
        id: company.id,
        handle: company.handle.clone(),
        name: company.name.clone(),
    }
}

/// The people of the demo and what later stages need to know about them.
#[derive(Debug)]
pub(crate) struct Crowd {
    pub(crate) people: Vec<Person>,
    pub(crate) links: Vec<PersonLink>,
    /// Index into the companies of each person's employer.
    pub(crate) employer: Vec<Option<usize>>,
    /// `(introducer, person)`: the person's `how_met` says the introducer put them in touch.
    pub(crate) introductions: Vec<(usize, usize)>,
}

pub(crate) fn people(seed: u64, count: usize, companies: &[Company], clock: &Clock) -> Crowd {
    let mut rng = Rng::new(seed, 2);
    // Running totals of each company's pull, so picking an employer is a binary search.
    let employers: Vec<u32> = companies
        .iter()
        .scan(0, |total, c| {
            *total += pull(c.size) * if c.target { 2 } else { 1 };
            Some(*total)
        })
        .collect();
    let total_pull = employers.last().copied().unwrap_or(0) as usize;
    let mut handles: HashSet<String> = HashSet::with_capacity(count);
    let mut crowd = Crowd {
        people: Vec::with_capacity(count),
        links: Vec::with_capacity(count),
        employer: Vec::with_capacity(count),
        introductions: Vec::new(),
    };
    for index in 0..count {
        let first = *rng.pick(FIRST_NAMES);
        let last = *rng.pick(LAST_NAMES);
        let name = format!("{first} {last}");
        let base = Handle::base_for(&name, "person");
        let handle = Handle::first_free(&base, |h| handles.contains(h));
        handles.insert(handle.as_str().to_owned());

        let employer = (total_pull > 0 && rng.chance(85)).then(|| {
            let roll = rng.below(total_pull) as u32;
            employers.partition_point(|&running| running <= roll)
        });
        let company = employer.map(|i| &companies[i]);
        let role = match company {
            Some(_) => Some((*rng.weighted(ROLES)).to_owned()),
            None => rng.chance(60).then(|| (*rng.pick(FREE_ROLES)).to_owned()),
        };
        let location = match company.and_then(|c| c.location.clone()) {
            Some(there) if rng.chance(60) => Some(there),
            _ => rng.chance(85).then(|| location(&mut rng).to_owned()),
        };

        let mut tags: Vec<&'static str> = Vec::new();
        let recruiter = role
            .as_deref()
            .is_some_and(|r| r.contains("Recruit") || r.contains("Talent"));
        let (how_met, introducer) = how_met(
            &mut rng,
            index,
            recruiter,
            companies,
            company,
            &crowd.links,
            &mut tags,
        );
        if let Some(introducer) = introducer {
            crowd.introductions.push((introducer, index));
        }
        for _ in 0..*rng.weighted(&[(0, 35), (1, 35), (2, 20), (3, 10)]) {
            tags.push(rng.word(TAGS));
        }
        if recruiter {
            tags.push("recruiter");
        }
        let manages = role.as_deref().is_some_and(|r| {
            ["Manager", "Director", "VP", "CTO", "Founder"]
                .iter()
                .any(|m| r.contains(m))
        });
        if manages && rng.chance(50) {
            tags.push("hiring-manager");
        }
        let mut tags: Vec<String> = tags.into_iter().map(str::to_owned).collect();
        tags.sort_unstable();
        tags.dedup();

        let note = rng.chance(35).then(|| {
            let template = rng.pick(PERSON_NOTES);
            let mut vars = Vars::random(&mut rng);
            if let Some(company) = company {
                vars.company = &company.name;
            }
            fill(template, &vars)
        });
        let emails = emails(&mut rng, first, last, &handle, company);
        let phones = rng
            .chance(35)
            .then(|| phone(&mut rng))
            .into_iter()
            .collect();
        let urls = urls(&mut rng, first, last, &handle, role.as_deref());

        // Provisional; `crate::settle_timestamps` moves them before the first activity.
        let created_day = clock.days_from_today(-rng.between(1, 900));
        let created_at = clock.daytime(&mut rng, created_day);
        let updated_at = shift(created_at, rng.between(0, 30) * DAY);

        let person = Person {
            id: kith_core::PersonId::new(),
            handle,
            name,
            company: company.map(company_link),
            role,
            location,
            birthday: None,
            how_met,
            note,
            emails,
            phones,
            urls,
            tags,
            former_names: Vec::new(),
            created_at,
            updated_at,
        };
        crowd.links.push(person.link());
        crowd.people.push(person);
        crowd.employer.push(employer);
    }
    crowd
}

/// Where the seeker first met someone.
#[derive(Debug, Clone, Copy)]
enum Met {
    Unrecorded,
    Meetup,
    Conference,
    Work,
    Bootcamp,
    Linkedin,
    Introduced,
    University,
    Family,
    Friend,
    Online,
    Mentor,
}

const MET: &[(Met, u32)] = &[
    (Met::Unrecorded, 25),
    (Met::Meetup, 14),
    (Met::Conference, 7),
    (Met::Work, 12),
    (Met::Bootcamp, 9),
    (Met::Linkedin, 12),
    (Met::Introduced, 8),
    (Met::University, 4),
    (Met::Family, 3),
    (Met::Friend, 3),
    (Met::Online, 5),
    (Met::Mentor, 2),
];

/// Where the seeker met someone, with the tags that implies and, for an introduction, who
/// made it (an earlier person).
fn how_met(
    rng: &mut Rng,
    index: usize,
    recruiter: bool,
    companies: &[Company],
    company: Option<&Company>,
    earlier: &[PersonLink],
    tags: &mut Vec<&'static str>,
) -> (Option<String>, Option<usize>) {
    if recruiter && rng.chance(60) {
        let at = company.map_or("their agency", |c| c.name.as_str());
        return (
            Some(format!("Reached out to me about a role at {at}")),
            None,
        );
    }
    let vars = Vars::random(rng);
    let mut from = |list: &[&'static str], implied: &[&'static str], rng: &mut Rng| {
        tags.extend_from_slice(implied);
        Some(fill(rng.word(list), &vars))
    };
    let text = match *rng.weighted(MET) {
        Met::Meetup => {
            let (community, tag) = *rng.pick(COMMUNITIES);
            tags.extend_from_slice(&["meetup", tag]);
            let place = company.and_then(|c| c.location.as_deref());
            let place = place.unwrap_or_else(|| location(rng));
            Some(format!("{community} meetup in {}", city(place)))
        }
        Met::Conference => from(HOW_MET_CONFERENCE, &["conference"], rng),
        Met::Work if !companies.is_empty() => {
            tags.push("ex-colleague");
            Some(format!("Former colleague at {}", rng.pick(companies).name))
        }
        Met::Bootcamp => from(HOW_MET_BOOTCAMP, &["bootcamp", "alumni"], rng),
        Met::Linkedin => from(HOW_MET_LINKEDIN, &[], rng),
        Met::Introduced if index > 0 => {
            let introducer = rng.below(index);
            let text = format!("Introduced by {}", earlier[introducer].name);
            return (Some(text), Some(introducer));
        }
        Met::University => from(HOW_MET_UNIVERSITY, &["alumni"], rng),
        Met::Family => from(HOW_MET_FAMILY, &["family"], rng),
        Met::Friend => from(HOW_MET_FRIEND, &["friend", "local"], rng),
        Met::Online => from(HOW_MET_ONLINE, &["online"], rng),
        Met::Mentor => from(HOW_MET_MENTOR, &["mentor"], rng),
        Met::Unrecorded | Met::Work | Met::Introduced => None,
    };
    (text, None)
}

/// The ASCII slug of a name part, with dots where the handle would have dashes.
fn local_part(name: &str) -> String {
    Handle::base_for(name, "x").as_str().replace('-', ".")
}

fn emails(
    rng: &mut Rng,
    first: &str,
    last: &str,
    handle: &Handle,
    company: Option<&Company>,
) -> Vec<String> {
    let mut emails = Vec::new();
    if rng.chance(55) {
        let host = rng.pick(EMAIL_HOSTS);
        let local = if rng.chance(50) {
            handle.as_str().replace('-', ".")
        } else {
            handle.as_str().replace('-', "")
        };
        emails.push(format!("{local}@{host}"));
    }
    if let Some(domain) = company.and_then(|c| c.domain.as_deref())
        && rng.chance(35)
    {
        let local = if rng.chance(40) {
            local_part(first)
        } else {
            format!("{}.{}", local_part(first), local_part(last))
        };
        emails.push(format!("{local}@{domain}"));
    }
    emails
}

fn phone(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => format!(
            "+1 ({}) 555-{:04}",
            rng.pick(&[206, 312, 415, 512, 617, 720, 646]),
            rng.below(10_000)
        ),
        1 => format!("+44 20 7946 {:04}", rng.below(1000)),
        2 => format!("+49 30 {:08}", rng.below(100_000_000)),
        3 => format!("+351 21 {:03} {:04}", rng.below(1000), rng.below(10_000)),
        _ => format!("+91 98{:03} {:05}", rng.below(1000), rng.below(100_000)),
    }
}

fn urls(
    rng: &mut Rng,
    first: &str,
    last: &str,
    handle: &Handle,
    role: Option<&str>,
) -> Vec<String> {
    let mut urls = Vec::new();
    if rng.chance(50) {
        urls.push(format!("https://linkedin.com/in/{handle}"));
    }
    let engineer = role
        .is_some_and(|r| r.contains("Engineer") || r.contains("Developer") || r.contains("SRE"));
    if urls.len() < 2 && rng.chance(if engineer { 40 } else { 12 }) {
        urls.push(format!(
            "https://github.com/{}",
            handle.as_str().replace('-', "")
        ));
    }
    if urls.len() < 2 && rng.chance(6) {
        let site = format!("{}{}", local_part(first), local_part(last)).replace('.', "");
        urls.push(format!("https://{site}.dev"));
    }
    urls
}

/// The ties of the demo, and each person's neighbours (indices into the crowd).
#[derive(Debug)]
pub(crate) struct Web {
    pub(crate) ties: Vec<Tie>,
    pub(crate) neighbours: Vec<Vec<u32>>,
}

struct WebBuilder<'a> {
    links: &'a [PersonLink],
    seen: HashSet<(u32, u32)>,
    web: Web,
}

impl WebBuilder<'_> {
    /// Adds a tie unless it would join someone to themselves or repeat a pair.
    fn add(
        &mut self,
        a: usize,
        b: usize,
        kind: TieKind,
        strength: i64,
        note: Option<String>,
        inferred: bool,
    ) {
        let (a32, b32) = (a as u32, b as u32);
        if a == b || !self.seen.insert((a32.min(b32), a32.max(b32))) {
            return;
        }
        let strength = strength.clamp(i64::from(TieStrength::MIN), i64::from(TieStrength::MAX));
        let Ok(strength) = TieStrength::new(strength as u8) else {
            return;
        };
        self.web.ties.push(Tie {
            id: TieId::new(),
            a: self.links[a].clone(),
            b: self.links[b].clone(),
            kind,
            strength,
            created_at: None,
            note,
            inferred,
        });
        self.web.neighbours[a].push(b32);
        self.web.neighbours[b].push(a32);
    }
}

/// About three ties per person: colleagues first, then friends, people met at the same
/// event, online acquaintances and people someone introduced.
pub(crate) fn ties(seed: u64, crowd: &Crowd, companies: &[Company], event_names: &[String]) -> Web {
    let mut rng = Rng::new(seed, 3);
    let n = crowd.people.len();
    let mut builder = WebBuilder {
        links: &crowd.links,
        seen: HashSet::with_capacity(n * 2),
        web: Web {
            ties: Vec::with_capacity(n * 3 / 2 + 8),
            neighbours: vec![Vec::new(); n],
        },
    };
    if n < 2 {
        return builder.web;
    }

    for &(introducer, person) in &crowd.introductions {
        let same_company = crowd.employer[introducer].is_some()
            && crowd.employer[introducer] == crowd.employer[person];
        let kind = if same_company {
            TieKind::Colleague
        } else {
            TieKind::Friend
        };
        builder.add(introducer, person, kind, rng.between(3, 4), None, false);
    }

    let mut staff: Vec<Vec<usize>> = vec![Vec::new(); companies.len()];
    for (person, employer) in crowd.employer.iter().enumerate() {
        if let Some(company) = employer {
            staff[*company].push(person);
        }
    }
    for (person, employer) in crowd.employer.iter().enumerate() {
        let Some(company) = employer else { continue };
        let colleagues = &staff[*company];
        if colleagues.len() < 2 {
            continue;
        }
        let wanted = *rng.weighted(&[(0, 25), (1, 50), (2, 25)]);
        for _ in 0..wanted {
            let other = *rng.pick(colleagues);
            let note = rng.chance(35).then(|| {
                let mut vars = Vars::random(&mut rng);
                vars.company = &companies[*company].name;
                fill(rng.word(COLLEAGUE_NOTES), &vars)
            });
            let inferred = rng.chance(25);
            builder.add(
                person,
                other,
                TieKind::Colleague,
                rng.between(2, 4),
                note,
                inferred,
            );
        }
    }

    let pairs = |percent: usize| n * percent / 100;
    for _ in 0..pairs(30) {
        let (a, b) = (rng.below(n), rng.below(n));
        let note = rng.chance(30).then(|| (*rng.pick(FRIEND_NOTES)).to_owned());
        builder.add(a, b, TieKind::Friend, rng.between(3, 5), note, false);
    }
    for _ in 0..pairs(20) {
        let (a, b) = (rng.below(n), rng.below(n));
        let note = match event_names.is_empty() {
            false if rng.chance(60) => Some(format!("Met at {}", rng.pick(event_names))),
            _ => None,
        };
        builder.add(a, b, TieKind::MetAtEvent, rng.between(1, 3), note, false);
    }
    for _ in 0..pairs(15) {
        let (a, b) = (rng.below(n), rng.below(n));
        let note = rng.chance(40).then(|| {
            let vars = Vars::random(&mut rng);
            fill(rng.word(ONLINE_NOTES), &vars)
        });
        builder.add(a, b, TieKind::Online, rng.between(1, 2), note, false);
    }
    for _ in 0..pairs(6) {
        let (a, b, by) = (rng.below(n), rng.below(n), rng.below(n));
        let note = (by != a && by != b).then(|| format!("Introduced by {}", crowd.links[by].name));
        builder.add(a, b, TieKind::Introduced, rng.between(2, 3), note, false);
    }
    for _ in 0..pairs(3) {
        let (a, b) = (rng.below(n), rng.below(n));
        let note = rng
            .chance(50)
            .then(|| (*rng.pick(OTHER_TIE_NOTES)).to_owned());
        builder.add(a, b, TieKind::Other, rng.between(1, 4), note, false);
    }
    builder.web
}
