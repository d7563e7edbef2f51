//! The tie web at a chosen size (`DemoSpec::ties`): the benchmark network for
//! warm-introduction paths, so it is shaped like a real one rather than drawn uniformly.
//!
//! About half the ties are between current colleagues: each company is a ring of small teams
//! (everyone knows the few people next to them, a few ties reach across the company, as in
//! a Watts–Strogatz graph), and larger companies have connectors who know a good part of
//! their staff. Former colleagues keep in touch with the people at a company they left.
//! Friends, people met at an event, online acquaintances and introductions follow
//! locality (the same city, the same community, a friend of a friend), with some long-range
//! ties; who ends up with many of them follows a heavy-tailed sociability, so a few people
//! are hubs with hundreds of ties while most have between five and forty.
//!
//! Pairs are deduplicated as `u64`s (`low << 32 | high`) in a hash set with a one-multiply
//! hasher: at a million ties that is about 18 MB, where a set of `(u32, u32)` tuples with
//! the default hasher would be slower and no smaller.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use kith_core::{Company, Tie, TieId, TieKind, TieStrength};

use crate::network::{Crowd, Web, city, pull};
use crate::rng::Rng;
use crate::words::{COLLEAGUE_NOTES, FRIEND_NOTES, ONLINE_NOTES, OTHER_TIE_NOTES};
use crate::{Vars, fill};

/// How the requested ties are shared out, in percent. Whatever a kind falls short of (small
/// companies run out of colleagues) goes to the kinds after it.
const CONNECTOR_SHARE: usize = 12;
const TEAM_SHARE: usize = 38;
const FORMER_SHARE: usize = 10;
const FRIEND_SHARE: usize = 14;
const EVENT_SHARE: usize = 11;
const ONLINE_SHARE: usize = 8;
const INTRODUCED_SHARE: usize = 5;
// The rest (2%, and any shortfall) are `Other` ties, which also complete the count.

/// How many pairs `people` people can form.
pub(crate) fn pair_space(people: usize) -> usize {
    people.saturating_mul(people.saturating_sub(1)) / 2
}

/// A web of exactly `wanted` ties (every pair, if fewer exist) among the crowd.
pub(crate) fn sized(
    seed: u64,
    crowd: &Crowd,
    companies: &[Company],
    event_names: &[String],
    wanted: usize,
) -> Web {
    let n = crowd.people.len();
    let wanted = wanted.min(pair_space(n));
    let mut rng = Rng::new(seed, 12);
    let staff = staff(crowd, companies.len());
    let connectors = connectors(&mut rng, &staff);
    let weights = sociability(&mut rng, crowd, &connectors);
    let groups = Groups::new(crowd, &weights);
    let mut web = Builder {
        rng,
        seen: PairSet::with_capacity_and_hasher(wanted, Default::default()),
        neighbours: vec![Vec::new(); n],
        drafts: Vec::with_capacity(wanted),
        wanted,
    };
    if wanted == 0 {
        return web.finish(crowd);
    }

    web.introductions(crowd);
    let mut share = Shares::new(wanted);
    web.connectors(&connectors, &staff, share.next(CONNECTOR_SHARE, &web));
    web.teams(&staff, share.next(TEAM_SHARE, &web));
    web.former_colleagues(crowd, companies, &staff, share.next(FORMER_SHARE, &web));
    // Everyone from here on is drawn by sociability, with locality.
    let budget = share.next(FRIEND_SHARE, &web);
    web.run(budget, |web| {
        let a = groups.everyone.pick(&mut web.rng)?;
        let b = match web.rng.below(100) {
            0..35 => web
                .friend_of_friend(a)
                .or_else(|| groups.near(a, &mut web.rng)),
            35..85 => groups.near(a, &mut web.rng),
            _ => groups.everyone.pick(&mut web.rng),
        }?;
        let strength = web.rng.between(3, 5);
        web.add(a, b, TieKind::Friend, strength, false, |rng| {
            rng.chance(30).then(|| (*rng.pick(FRIEND_NOTES)).to_owned())
        });
        Some(())
    });
    let budget = share.next(EVENT_SHARE, &web);
    web.run(budget, |web| {
        let a = groups.everyone.pick(&mut web.rng)?;
        let b = match web.rng.below(100) {
            0..65 => groups.local_community(a, &mut web.rng),
            65..90 => groups.community(a, &mut web.rng),
            _ => groups.near(a, &mut web.rng),
        }?;
        let strength = web.rng.between(1, 3);
        web.add(
            a,
            b,
            TieKind::MetAtEvent,
            strength,
            false,
            |rng| match event_names.is_empty() {
                false if rng.chance(60) => Some(format!("Met at {}", rng.pick(event_names))),
                _ => None,
            },
        );
        Some(())
    });
    let budget = share.next(ONLINE_SHARE, &web);
    web.run(budget, |web| {
        let a = groups.everyone.pick(&mut web.rng)?;
        let b = if web.rng.chance(55) {
            groups.community(a, &mut web.rng)
        } else {
            groups.everyone.pick(&mut web.rng)
        }?;
        let strength = web.rng.between(1, 2);
        web.add(a, b, TieKind::Online, strength, false, |rng| {
            rng.chance(40).then(|| {
                let vars = Vars::random(rng);
                fill(rng.word(ONLINE_NOTES), &vars)
            })
        });
        Some(())
    });
    let budget = share.next(INTRODUCED_SHARE, &web);
    web.run(budget, |web| {
        let a = groups.everyone.pick(&mut web.rng)?;
        let (by, b) = web.second_degree(a)?;
        let strength = web.rng.between(2, 3);
        let by = &crowd.links[by].name;
        web.add(a, b, TieKind::Introduced, strength, false, |_| {
            Some(format!("Introduced by {by}"))
        });
        Some(())
    });
    web.isolated(&groups);
    web.complete(&groups);
    web.finish(crowd)
}

/// Each company's current staff (indices into the crowd, in crowd order).
fn staff(crowd: &Crowd, companies: usize) -> Vec<Vec<u32>> {
    let mut staff: Vec<Vec<u32>> = vec![Vec::new(); companies];
    for (person, employer) in crowd.employer.iter().enumerate() {
        if let Some(company) = employer {
            staff[*company].push(person as u32);
        }
    }
    staff
}

/// The people who know much of their company: one in a company of a dozen or more, one
/// more for every further 60 staff.
fn connectors(rng: &mut Rng, staff: &[Vec<u32>]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    for (company, people) in staff.iter().enumerate() {
        if people.len() < 12 {
            continue;
        }
        for _ in 0..1 + people.len() / 60 {
            out.push((*rng.pick(people), company));
        }
    }
    out
}

/// How readily each person makes ties outside work: Pareto-distributed (α = 2.5, so most
/// people are near the bottom and a few are far above), recruiters and connectors higher.
fn sociability(rng: &mut Rng, crowd: &Crowd, connectors: &[(u32, usize)]) -> Vec<u32> {
    let mut weights: Vec<u32> = crowd
        .people
        .iter()
        .map(|person| {
            // 1 − unit() is in (0, 1], so the power is finite.
            let pareto = (1.0 - rng.unit()).powf(-1.0 / 2.5).min(60.0);
            let recruiter = person.tags.iter().any(|t| t == "recruiter");
            (pareto * if recruiter { 64.0 } else { 16.0 }) as u32
        })
        .collect();
    for &(person, _) in connectors {
        weights[person as usize] = weights[person as usize].saturating_mul(6);
    }
    weights
}

/// People to draw from, each as likely as their sociability says.
#[derive(Debug, Default)]
struct Pool {
    members: Vec<u32>,
    /// Running totals of the members' weights.
    cumulative: Vec<u64>,
}

impl Pool {
    fn push(&mut self, person: u32, weight: u32) {
        let total = self.cumulative.last().copied().unwrap_or(0);
        self.members.push(person);
        self.cumulative.push(total + u64::from(weight.max(1)));
    }

    fn pick(&self, rng: &mut Rng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let roll = ((u128::from(rng.next_u64()) * u128::from(total)) >> 64) as u64;
        let at = self.cumulative.partition_point(|&running| running <= roll);
        self.members.get(at).map(|&p| p as usize)
    }
}

/// Where people are close to each other: a city, a community (a tag), and a community in a
/// city (the local meetup).
#[derive(Debug, Default)]
struct Groups {
    everyone: Pool,
    pools: Vec<Pool>,
    /// Each person's city pool.
    city: Vec<Option<u32>>,
    /// Each person's `(community pool, local community pool)`s.
    communities: Vec<Vec<(u32, Option<u32>)>>,
}

impl Groups {
    fn new(crowd: &Crowd, weights: &[u32]) -> Self {
        let mut groups = Groups::default();
        let mut index: HashMap<(&str, &str), u32> = HashMap::new();
        let mut pool_of = |groups: &mut Groups, key| {
            *index.entry(key).or_insert_with(|| {
                groups.pools.push(Pool::default());
                (groups.pools.len() - 1) as u32
            })
        };
        for (person, p) in crowd.people.iter().enumerate() {
            let weight = weights[person];
            let person = person as u32;
            groups.everyone.push(person, weight);
            let town = p.location.as_deref().map(city);
            let city_pool = town.map(|town| pool_of(&mut groups, (town, "")));
            let mut communities = Vec::with_capacity(p.tags.len());
            for tag in &p.tags {
                let community = pool_of(&mut groups, ("", tag));
                let local = town.map(|town| pool_of(&mut groups, (town, tag)));
                communities.push((community, local));
            }
            for pool in city_pool.into_iter().chain(
                communities
                    .iter()
                    .flat_map(|&(c, l)| [Some(c), l])
                    .flatten(),
            ) {
                groups.pools[pool as usize].push(person, weight);
            }
            groups.city.push(city_pool);
            groups.communities.push(communities);
        }
        groups
    }

    fn draw(&self, pool: Option<u32>, rng: &mut Rng) -> Option<usize> {
        match pool {
            Some(pool) => self.pools[pool as usize].pick(rng),
            None => self.everyone.pick(rng),
        }
    }

    /// Someone in the same city (anyone, for someone with no city).
    fn near(&self, person: usize, rng: &mut Rng) -> Option<usize> {
        self.draw(self.city[person], rng)
    }

    /// Someone in one of the person's communities, anywhere (else in the same city).
    fn community(&self, person: usize, rng: &mut Rng) -> Option<usize> {
        match self.communities[person].as_slice() {
            [] => self.near(person, rng),
            all => self.draw(Some(rng.pick(all).0), rng),
        }
    }

    /// Someone in one of the person's communities in the same city (else in the city).
    fn local_community(&self, person: usize, rng: &mut Rng) -> Option<usize> {
        match self.communities[person].as_slice() {
            [] => self.near(person, rng),
            all => {
                let (community, local) = *rng.pick(all);
                self.draw(local.or(Some(community)), rng)
            }
        }
    }
}

/// A hasher for pairs packed into a `u64`: one multiply and a fold, enough to spread
/// indices that are small and close together.
#[derive(Debug, Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte) ^ self.0.rotate_left(8));
        }
    }

    fn write_u64(&mut self, value: u64) {
        let mixed = u128::from(value) * 0x9E37_79B9_7F4A_7C15;
        self.0 = (mixed as u64) ^ ((mixed >> 64) as u64);
    }
}

type PairSet = HashSet<u64, BuildHasherDefault<PairHasher>>;

/// A tie before it gets its ID and links: `a < b` (crowd indices).
#[derive(Debug)]
struct Draft {
    a: u32,
    b: u32,
    kind: TieKind,
    strength: TieStrength,
    inferred: bool,
    note: Option<String>,
}

/// Splits what is left of the requested ties among the kinds still to come.
#[derive(Debug)]
struct Shares {
    wanted: usize,
    /// Percent not handed out yet.
    left: usize,
}

impl Shares {
    fn new(wanted: usize) -> Self {
        Shares { wanted, left: 100 }
    }

    /// The next kind's part of the ties not written yet.
    fn next(&mut self, percent: usize, web: &Builder) -> usize {
        let remaining = self.wanted.saturating_sub(web.drafts.len());
        let part = remaining * percent / self.left.max(1);
        self.left = self.left.saturating_sub(percent);
        part
    }
}

struct Builder {
    rng: Rng,
    seen: PairSet,
    neighbours: Vec<Vec<u32>>,
    drafts: Vec<Draft>,
    wanted: usize,
}

impl Builder {
    /// Adds a tie unless the web is full, it would join someone to themselves or it would
    /// repeat a pair; the note is only written for a tie that is added.
    fn add(
        &mut self,
        a: usize,
        b: usize,
        kind: TieKind,
        strength: i64,
        inferred: bool,
        note: impl FnOnce(&mut Rng) -> Option<String>,
    ) -> bool {
        if a == b || self.drafts.len() >= self.wanted {
            return false;
        }
        let (low, high) = (a.min(b) as u32, a.max(b) as u32);
        if !self.seen.insert(u64::from(low) << 32 | u64::from(high)) {
            return false;
        }
        let strength = strength.clamp(i64::from(TieStrength::MIN), i64::from(TieStrength::MAX));
        let Ok(strength) = TieStrength::new(strength as u8) else {
            return false;
        };
        let note = note(&mut self.rng);
        self.drafts.push(Draft {
            a: low,
            b: high,
            kind,
            strength,
            inferred,
            note,
        });
        self.neighbours[a].push(b as u32);
        self.neighbours[b].push(a as u32);
        true
    }

    /// Runs `attempt` until `budget` more ties are in, or it has failed too often (the
    /// network is too small or dense for this kind to find new pairs).
    fn run(&mut self, budget: usize, mut attempt: impl FnMut(&mut Self) -> Option<()>) {
        let goal = (self.drafts.len() + budget).min(self.wanted);
        let mut tries = budget.saturating_mul(8) + 64;
        while self.drafts.len() < goal && tries > 0 {
            tries -= 1;
            attempt(self);
        }
    }

    /// A colleague tie: a share of them inferred from the shared employer rather than
    /// stated, and those weak.
    fn colleague(
        &mut self,
        a: usize,
        b: usize,
        inferred_percent: u32,
        strength: (i64, i64),
        note: impl FnOnce(&mut Rng) -> Option<String>,
    ) -> bool {
        let inferred = self.rng.chance(inferred_percent);
        let strength = if inferred {
            self.rng.between(1, 2)
        } else {
            self.rng.between(strength.0, strength.1)
        };
        self.add(a, b, TieKind::Colleague, strength, inferred, note)
    }

    /// The people whose `how_met` says someone introduced them keep that tie, as in the
    /// default web.
    fn introductions(&mut self, crowd: &Crowd) {
        for &(introducer, person) in &crowd.introductions {
            let same_company = crowd.employer[introducer].is_some()
                && crowd.employer[introducer] == crowd.employer[person];
            let kind = if same_company {
                TieKind::Colleague
            } else {
                TieKind::Friend
            };
            let strength = self.rng.between(3, 4);
            self.add(introducer, person, kind, strength, false, |_| None);
        }
    }

    /// Each connector knows 40–80% of their company.
    fn connectors(&mut self, connectors: &[(u32, usize)], staff: &[Vec<u32>], budget: usize) {
        let goal = self.drafts.len() + budget;
        for &(connector, company) in connectors {
            let reach = self.rng.between(40, 80) as u32;
            for &other in &staff[company] {
                if self.drafts.len() >= goal {
                    return;
                }
                if self.rng.chance(reach) {
                    self.colleague(connector as usize, other as usize, 30, (2, 3), |_| None);
                }
            }
        }
    }

    /// Each company as a ring of teams: everyone knows the `degree` people nearest them on
    /// the ring (everyone, in a company that small), and one tie in eight reaches anyone
    /// in the company instead. `degree` is chosen so the ties come to about `budget`.
    fn teams(&mut self, staff: &[Vec<u32>], budget: usize) {
        let degree = team_degree(staff, budget);
        for people in staff {
            let size = people.len();
            if size < 2 {
                continue;
            }
            if degree >= (size - 1) as f64 {
                for (i, &a) in people.iter().enumerate() {
                    for &b in &people[i + 1..] {
                        self.colleague(a as usize, b as usize, 10, (2, 4), |_| None);
                    }
                }
                continue;
            }
            let half = degree / 2.0;
            for (i, &a) in people.iter().enumerate() {
                let reach = half as usize + usize::from(self.rng.unit() < half.fract());
                for step in 1..=reach {
                    if self.rng.chance(12) {
                        let b = *self.rng.pick(people);
                        self.colleague(a as usize, b as usize, 50, (2, 3), |_| None);
                    } else {
                        let b = people[(i + step) % size];
                        self.colleague(a as usize, b as usize, 10, (2, 4), |rng| {
                            rng.chance(25).then(|| {
                                let vars = Vars::random(rng);
                                fill(rng.word(COLLEAGUE_NOTES), &vars)
                            })
                        });
                    }
                }
            }
        }
    }

    /// People who left a company (a third of everyone, some twice) stay in touch with
    /// people still there and with others who left.
    fn former_colleagues(
        &mut self,
        crowd: &Crowd,
        companies: &[Company],
        staff: &[Vec<u32>],
        budget: usize,
    ) {
        let running: Vec<u64> = companies
            .iter()
            .scan(0, |total, c| {
                *total += u64::from(pull(c.size));
                Some(*total)
            })
            .collect();
        let Some(&total) = running.last() else { return };
        let mut alumni: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
        let mut records: Vec<(u32, u32)> = Vec::new();
        for (person, employer) in crowd.employer.iter().enumerate() {
            let past = *self.rng.weighted(&[(0, 60), (1, 28), (2, 12)]);
            for _ in 0..past {
                let roll = self.rng.below(total as usize) as u64;
                let company = running.partition_point(|&r| r <= roll);
                if Some(company) != *employer && !alumni[company].contains(&(person as u32)) {
                    alumni[company].push(person as u32);
                    records.push((person as u32, company as u32));
                }
            }
        }
        if records.is_empty() {
            return;
        }
        self.run(budget, |web| {
            let (person, company) = *web.rng.pick(&records);
            let (now, then) = (&staff[company as usize], &alumni[company as usize]);
            let other = if !now.is_empty() && (then.len() < 2 || web.rng.chance(50)) {
                *web.rng.pick(now)
            } else {
                *web.rng.pick(then)
            };
            let name = &companies[company as usize].name;
            web.colleague(person as usize, other as usize, 35, (2, 3), |rng| {
                rng.chance(40).then(|| format!("Worked together at {name}"))
            });
            Some(())
        });
    }

    /// A friend of a friend of `person`.
    fn friend_of_friend(&mut self, person: usize) -> Option<usize> {
        self.second_degree(person).map(|(_, b)| b)
    }

    /// `(via, other)`: someone `person` knows, and someone they know.
    fn second_degree(&mut self, person: usize) -> Option<(usize, usize)> {
        let known = &self.neighbours[person];
        if known.is_empty() {
            return None;
        }
        let via = known[self.rng.below(known.len())] as usize;
        let theirs = &self.neighbours[via];
        let other = theirs[self.rng.below(theirs.len())] as usize;
        (other != person).then_some((via, other))
    }

    /// Gives everyone still without a tie one to someone nearby, while ties are left.
    fn isolated(&mut self, groups: &Groups) {
        for person in 0..self.neighbours.len() {
            if self.drafts.len() >= self.wanted {
                return;
            }
            for _ in 0..8 {
                if !self.neighbours[person].is_empty() {
                    break;
                }
                let Some(other) = groups.near(person, &mut self.rng) else {
                    break;
                };
                let strength = self.rng.between(1, 3);
                self.add(person, other, TieKind::MetAtEvent, strength, false, |_| {
                    None
                });
            }
        }
    }

    /// The rest of the count: `Other` ties nearby or anywhere, and if random pairs stop
    /// being new (a network near complete), the missing pairs in order.
    fn complete(&mut self, groups: &Groups) {
        let n = self.neighbours.len();
        let remaining = self.wanted - self.drafts.len();
        let other = |web: &mut Self, a: usize, b: usize| {
            let strength = web.rng.between(1, 4);
            web.add(a, b, TieKind::Other, strength, false, |rng| {
                rng.chance(50)
                    .then(|| (*rng.pick(OTHER_TIE_NOTES)).to_owned())
            })
        };
        self.run(remaining, |web| {
            let a = groups.everyone.pick(&mut web.rng)?;
            let b = if web.rng.chance(50) {
                groups.near(a, &mut web.rng)?
            } else {
                web.rng.below(n)
            };
            other(web, a, b);
            Some(())
        });
        // Random pairs only run dry when most pairs are taken, so this walk is short.
        for a in 0..n {
            for b in a + 1..n {
                if self.drafts.len() >= self.wanted {
                    return;
                }
                other(self, a, b);
            }
        }
    }

    /// The ties with IDs and links, ordered by their pair: people's IDs grow with their
    /// index, so the store's `UNIQUE (a_id, b_id)` index grows at its end. A million ties
    /// went into SQLite in about 4 s in this order, 13 s in a random one.
    fn finish(mut self, crowd: &Crowd) -> Web {
        self.drafts.sort_unstable_by_key(|d| (d.a, d.b));
        let ties = self
            .drafts
            .into_iter()
            .map(|d| Tie {
                id: TieId::new(),
                a: crowd.links[d.a as usize].clone(),
                b: crowd.links[d.b as usize].clone(),
                kind: d.kind,
                strength: d.strength,
                created_at: None,
                note: d.note,
                inferred: d.inferred,
            })
            .collect();
        Web {
            ties,
            neighbours: self.neighbours,
        }
    }
}

/// The ring degree at which the companies' team ties come to about `budget`: a company of
/// `s` people at degree `d` has `s · min(s − 1, d) / 2`.
fn team_degree(staff: &[Vec<u32>], budget: usize) -> f64 {
    let ties = |degree: f64| -> f64 {
        staff
            .iter()
            .map(|p| p.len() as f64 * degree.min(p.len().saturating_sub(1) as f64) / 2.0)
            .sum()
    };
    let largest = staff.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let (mut low, mut high) = (0.0, largest);
    for _ in 0..50 {
        let mid = (low + high) / 2.0;
        if ties(mid) < budget as f64 {
            low = mid;
        } else {
            high = mid;
        }
    }
    high
}
