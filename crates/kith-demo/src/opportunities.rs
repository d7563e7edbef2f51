//! The demo's opportunity side: a values rubric, the target companies with a tier, a
//! status and scores whose evidence is a logged conversation, leads heard through people
//! (and two postings), two referrals under way with the follow-ups their stages need,
//! applications through several channels (the cold ones only where the seeker knows
//! nobody, so the guard would not have stopped them), and weekly goals.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use kith_core::opportunity::referral::follow_up;
use kith_core::opportunity::{
    Application, ApplicationChannel, ApplicationStatus as S, Goals, Lead, Move, Referral,
    ReferralStage as R, Target, TargetStatus, Value, ValueScore,
};
use kith_core::{
    ApplicationId, Company, CompanyId, Direction, FollowUp, FollowUpId, Interaction,
    InteractionKind, LeadId, Person, PersonId, ReferralId,
};
use kith_store::{Opportunities, ReferralFollowUp, RhythmRecord};

use crate::clock::{Clock, add_days, shift};
use crate::rng::Rng;

const ROLES: &[&str] = &[
    "Backend Engineer",
    "Senior Software Engineer",
    "Platform Engineer",
    "Staff Engineer",
    "Developer Advocate",
    "Site Reliability Engineer",
];

const RUBRIC: &[(&str, u8)] = &[
    ("mission", 5),
    ("work-life balance", 4),
    ("remote policy", 3),
    ("stack", 3),
    ("size", 1),
];

/// What was heard about each value of the rubric, in the rubric's order (size has none).
const EVIDENCE: &[&str] = &[
    "the product matters to them; they talk about users, not growth",
    "the team ships small and often; on-call is shared fairly",
    "fully remote within two time zones, offsites twice a year",
    "Rust and Postgres, with a strong code-review culture",
];

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

pub(crate) struct Output {
    pub(crate) opportunities: Opportunities,
    /// The referral follow-ups, for the batch's follow-ups.
    pub(crate) follow_ups: Vec<FollowUp>,
}

pub(crate) fn generate(
    seed: u64,
    companies: &[Company],
    people: &[Person],
    interactions: &[Interaction],
    rhythms: &[RhythmRecord],
    clock: &Clock,
) -> Output {
    let mut rng = Rng::new(seed, 17);
    let mut inbound: HashMap<PersonId, Timestamp> = HashMap::new();
    let mut met: HashSet<PersonId> = HashSet::new();
    // Anyone the history could have brought to conversing or beyond: an answer, a meeting,
    // a favour, an introduction.
    let mut deep: HashSet<PersonId> = HashSet::new();
    let mut noted: HashMap<CompanyId, &Interaction> = HashMap::new();
    let works_at: HashMap<PersonId, CompanyId> = people
        .iter()
        .filter_map(|p| Some((p.id, p.company.as_ref()?.id)))
        .collect();
    for i in interactions {
        for p in &i.people {
            if i.direction == Direction::Inbound
                || !matches!(
                    i.kind,
                    InteractionKind::Message | InteractionKind::Email | InteractionKind::Call
                )
            {
                deep.insert(p.id);
            }
            if i.direction == Direction::Inbound {
                let latest = inbound.entry(p.id).or_insert(i.occurred_at);
                *latest = (*latest).max(i.occurred_at);
            }
            if matches!(
                i.kind,
                InteractionKind::CoffeeChat | InteractionKind::InformationalInterview
            ) {
                met.insert(p.id);
            }
            if let (Some(c), Some(_)) = (works_at.get(&p.id), &i.note) {
                let best = noted.entry(*c).or_insert(i);
                if i.occurred_at > best.occurred_at {
                    *best = i;
                }
            }
        }
    }
    let hand_set: HashSet<PersonId> = rhythms
        .iter()
        .filter(|r| r.rhythm.stage.is_some())
        .map(|r| r.person)
        .collect();
    let warm_at: HashSet<CompanyId> = people
        .iter()
        .filter(|p| deep.contains(&p.id) || hand_set.contains(&p.id))
        .filter_map(|p| works_at.get(&p.id).copied())
        .collect();
    let morning = clock.at(clock.today(), 9, 0);

    let values: Vec<Value> = RUBRIC
        .iter()
        .map(|(name, weight)| Value {
            name: (*name).to_owned(),
            weight: *weight,
        })
        .collect();

    let mut targets = Vec::new();
    let mut value_scores = Vec::new();
    for (index, c) in companies.iter().filter(|c| c.target).enumerate() {
        let status = if warm_at.contains(&c.id) {
            TargetStatus::Engaged
        } else if index % 2 == 0 {
            TargetStatus::Target
        } else {
            TargetStatus::Researching
        };
        targets.push(Target {
            company: c.id,
            tier: (index % 3) as u8 + 1,
            status,
            updated_at: morning,
        });
        let heard = noted.get(&c.id);
        for (v, (name, _)) in RUBRIC.iter().enumerate().filter(|(v, _)| *v != 4) {
            if v > 1 && heard.is_none() && !rng.chance(50) {
                continue;
            }
            let (evidence, interaction) = match heard.filter(|_| v == 0) {
                Some(i) => (i.note.clone(), Some(i.id)),
                None => (EVIDENCE.get(v).map(|e| (*e).to_owned()), None),
            };
            value_scores.push(ValueScore {
                company: c.id,
                value: (*name).to_owned(),
                score: rng.between(2, 5) as u8,
                evidence,
                interaction,
                scored_at: morning,
            });
        }
    }
    targets.sort_by_key(|t| t.company);
    value_scores.sort_by_key(|s| s.company);

    // Leads heard through people who talk to the seeker, latest first, targets preferred.
    let target_ids: HashSet<CompanyId> = targets.iter().map(|t| t.company).collect();
    let mut sources: Vec<(&Person, Timestamp)> = people
        .iter()
        .filter(|p| works_at.contains_key(&p.id))
        .filter_map(|p| Some((p, *inbound.get(&p.id)?)))
        .collect();
    sources.sort_by_key(|(p, at)| {
        (
            !target_ids.contains(&works_at[&p.id]),
            std::cmp::Reverse(*at),
            p.handle.clone(),
        )
    });
    let mut leads: Vec<Lead> = Vec::new();
    let mut seen_companies = HashSet::new();
    for (p, at) in sources {
        if leads.len() >= 5 {
            break;
        }
        let company = works_at[&p.id];
        if !seen_companies.insert(company) {
            continue;
        }
        leads.push(Lead {
            id: LeadId::new(),
            number: leads.len() as i64 + 1,
            company,
            role: rng.word(ROLES).to_owned(),
            source: Some(p.id),
            url: None,
            heard_at: at,
            note: Some(format!(
                "{} mentioned the team is hiring before it is posted",
                p.name
            )),
            next_step: Some(format!("ask {} what the team needs", p.name)),
            closed_at: None,
        });
    }
    // Companies the seeker knows nobody at: postings, and the cold applications.
    let strangers: Vec<&Company> = companies
        .iter()
        .filter(|c| !warm_at.contains(&c.id) && !seen_companies.contains(&c.id))
        .collect();
    for c in strangers.iter().take(2) {
        leads.push(Lead {
            id: LeadId::new(),
            number: leads.len() as i64 + 1,
            company: c.id,
            role: rng.word(ROLES).to_owned(),
            source: None,
            url: c.domain.as_ref().map(|d| format!("https://{d}/careers")),
            heard_at: shift(morning, -9 * DAY),
            note: None,
            next_step: Some("find someone there to talk to first".into()),
            closed_at: None,
        });
    }

    // Two referrals under way, through people the seeker has met.
    let mut referrals = Vec::new();
    let mut follow_ups = Vec::new();
    let mut links = Vec::new();
    let mut applications = Vec::new();
    let through_met: Vec<&Lead> = leads
        .iter()
        .filter(|l| l.source.is_some_and(|s| met.contains(&s)))
        .take(2)
        .collect();
    for (n, lead) in through_met.iter().enumerate() {
        let Some(referrer) = lead.source.and_then(|s| people.iter().find(|p| p.id == s)) else {
            continue;
        };
        let path: &[R] = if n == 0 {
            &[R::Asked, R::Agreed, R::MaterialsSent, R::Submitted]
        } else {
            &[R::Asked, R::Agreed]
        };
        let start = shift(lead.heard_at, 2 * DAY).min(shift(morning, -20 * DAY));
        let history: Vec<Move<R>> = path
            .iter()
            .enumerate()
            .map(|(k, to)| Move {
                to: *to,
                at: shift(start, k as i64 * 2 * DAY),
                note: None,
            })
            .collect();
        let referral = Referral {
            id: ReferralId::new(),
            number: n as i64 + 1,
            referrer: referrer.id,
            lead: lead.id,
            stage: *path.last().unwrap_or(&R::Asked),
            history,
        };
        let company = companies
            .iter()
            .find(|c| c.id == lead.company)
            .map_or("", |c| c.name.as_str());
        if let Some(step) = follow_up(referral.stage, &referrer.name, &lead.role, company) {
            let f = FollowUp {
                id: FollowUpId::new(),
                number: 0,
                person: Some(referrer.link()),
                action: step.action,
                due: add_days(clock.today(), step.in_days.min(3)),
                done_at: None,
                owed_by: kith_core::follow_up::Owed::Me,
                created_at: morning,
            };
            links.push(ReferralFollowUp {
                referral: referral.id,
                follow_up: f.id,
            });
            follow_ups.push(f);
        }
        if referral.stage == R::Submitted {
            let applied = shift(start, 7 * DAY);
            applications.push(application(
                lead.company,
                &lead.role,
                ApplicationChannel::Referral,
                Some(lead.id),
                applied,
                &[(S::Screening, 4), (S::Interviewing, 9)],
            ));
        }
        referrals.push(referral);
    }
    links.sort();

    // Cold and recruiter applications, only where the seeker knows nobody.
    let plan: [Planned; 4] = [
        (
            ApplicationChannel::Cold,
            -40,
            &[(S::Screening, 6), (S::Rejected, 15)],
        ),
        (ApplicationChannel::Cold, -30, &[(S::Ghosted, 21)]),
        (ApplicationChannel::Recruiter, -16, &[(S::Screening, 3)]),
        (ApplicationChannel::Cold, -3, &[]),
    ];
    // A recruiter may call from anywhere; the cold ones go where the seeker knows nobody
    // (the postings' companies among them), taking turns.
    let recruiter_at = companies.iter().find(|c| !target_ids.contains(&c.id));
    let mut cold = strangers.iter().cycle();
    for (channel, days, moves) in &plan {
        let at = match channel {
            ApplicationChannel::Cold => cold.next().copied(),
            _ => recruiter_at,
        };
        let Some(c) = at else { continue };
        let lead = leads
            .iter()
            .find(|l| {
                l.company == c.id && l.source.is_none() && *channel == ApplicationChannel::Cold
            })
            .filter(|l| l.heard_at < clock.at(clock.days_from_today(*days), 10, 30));
        applications.push(application(
            c.id,
            lead.map_or_else(|| rng.word(ROLES), |l| l.role.as_str()),
            *channel,
            lead.map(|l| l.id),
            clock.at(clock.days_from_today(*days), 10, 30),
            moves,
        ));
    }
    applications.sort_by_key(|a| a.applied_at);
    for (n, a) in applications.iter_mut().enumerate() {
        a.number = n as i64 + 1;
    }

    Output {
        opportunities: Opportunities {
            targets,
            values,
            value_scores,
            leads,
            referrals,
            referral_follow_ups: links,
            applications,
            goals: Some(Goals {
                new_conversations: Some(3),
                coffee_chats: Some(2),
                follow_ups_done: Some(5),
                applications: Some(1),
                application_cap: Some(3),
            }),
        },
        follow_ups,
    }
}

/// An application to send: channel, days from today, then (status, days later) moves.
type Planned = (ApplicationChannel, i64, &'static [(S, i64)]);

/// An application sent at `applied`, then moved `(status, days later)` by `moves`.
fn application(
    company: CompanyId,
    role: &str,
    channel: ApplicationChannel,
    lead: Option<LeadId>,
    applied: Timestamp,
    moves: &[(S, i64)],
) -> Application {
    let mut history = vec![Move {
        to: S::Applied,
        at: applied,
        note: None,
    }];
    history.extend(moves.iter().map(|(to, days)| Move {
        to: *to,
        at: shift(applied, days * DAY + HOUR),
        note: None,
    }));
    Application {
        id: ApplicationId::new(),
        number: 0,
        company,
        role: role.to_owned(),
        channel,
        lead,
        tailored: Some(channel != ApplicationChannel::Cold || moves.is_empty()),
        status: history.last().map_or(S::Applied, |m| m.to),
        applied_at: applied,
        guard_override: None,
        note: None,
        history,
    }
}
