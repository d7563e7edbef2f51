//! The cold-apply guard: before an application goes in, is the seeker already networking
//! at the company? A cold application there undermines the conversation (and a referral
//! from the same person would have been worth several cold ones), so kith stops and says
//! whom to ask instead. Also warns, whatever the channel, about a company that ghosted or
//! rejected the seeker recently. A pure function over facts the caller gathers.

use jiff::Timestamp;
use serde::Serialize;

use super::{ApplicationChannel, ApplicationStatus, ReferralStage};
use crate::person::PersonLink;
use crate::relationship::Stage;

/// How many people in conversation at the company a summary names before counting the rest.
pub const NAMED: usize = 3;

/// A rejection or a silence this recent (in days) is worth a warning.
pub const RECENT_DAYS: i64 = 180;

/// Everything the guard looks at, about one company.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub channel: ApplicationChannel,
    pub now: Timestamp,
    /// People who work there now, with their relationship's stage.
    pub people: &'a [(PersonLink, Stage)],
    /// The seeker's referrals for leads at the company: (number, referrer, stage).
    pub referrals: &'a [(i64, PersonLink, ReferralStage)],
    /// Open leads at the company heard through someone: (number, who, role).
    pub leads: &'a [(i64, PersonLink, String)],
    /// Earlier applications there: (number, role, status, when it got that status).
    pub applications: &'a [(i64, String, ApplicationStatus, Timestamp)],
}

/// Why a cold application should not go in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// Someone there is in conversation with the seeker or closer.
    Networking { person: PersonLink, stage: Stage },
    /// A referral there is still under way.
    OpenReferral {
        number: i64,
        person: PersonLink,
        stage: ReferralStage,
    },
    /// Someone told the seeker about an opening there.
    LeadThroughPerson {
        number: i64,
        person: PersonLink,
        role: String,
    },
}

impl Reason {
    pub fn describe(&self) -> String {
        match self {
            Reason::Networking { person, stage } => format!(
                "you are networking with {} ({}) there: the relationship is at {stage}",
                person.name, person.handle
            ),
            Reason::OpenReferral {
                number,
                person,
                stage,
            } => format!(
                "referral #{number} through {} ({}) is open (stage: {stage})",
                person.name, person.handle
            ),
            Reason::LeadThroughPerson {
                number,
                person,
                role,
            } => format!(
                "{} ({}) told you about lead #{number} ({role})",
                person.name, person.handle
            ),
        }
    }

    fn person(&self) -> &PersonLink {
        match self {
            Reason::Networking { person, .. }
            | Reason::OpenReferral { person, .. }
            | Reason::LeadThroughPerson { person, .. } => person,
        }
    }
}

/// What the guard decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Non-empty: a cold application should not go in (unless overridden).
    pub stop: Vec<Reason>,
    /// What to do instead, when stopped.
    pub alternative: Option<String>,
    /// Worth knowing whether stopped or not.
    pub warnings: Vec<String>,
}

impl Verdict {
    pub fn stops(&self) -> bool {
        !self.stop.is_empty()
    }

    /// The reasons in one line, as recorded with an override. Many people in conversation
    /// there are named up to [`NAMED`], the closest first, then counted.
    pub fn summary(&self) -> String {
        let mut networking: Vec<(&PersonLink, Stage)> = self
            .stop
            .iter()
            .filter_map(|r| match r {
                Reason::Networking { person, stage } => Some((person, *stage)),
                _ => None,
            })
            .collect();
        let mut parts = Vec::new();
        if networking.len() > NAMED {
            networking.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
            let named: Vec<String> = networking[..NAMED]
                .iter()
                .map(|(p, stage)| format!("{} ({}, {stage})", p.name, p.handle))
                .collect();
            parts.push(format!(
                "you are networking with {} people there: {} and {} more at conversing or beyond",
                networking.len(),
                named.join(", "),
                networking.len() - NAMED
            ));
        } else {
            parts.extend(
                self.stop
                    .iter()
                    .filter(|r| matches!(r, Reason::Networking { .. }))
                    .map(Reason::describe),
            );
        }
        parts.extend(
            self.stop
                .iter()
                .filter(|r| !matches!(r, Reason::Networking { .. }))
                .map(Reason::describe),
        );
        parts.join("; ")
    }
}

/// Stages at which the seeker counts as networking with someone: "conversing or beyond",
/// and not gone quiet.
pub fn is_networking(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Conversing | Stage::Met | Stage::Connected | Stage::Advocate
    )
}

pub fn check(facts: &Facts<'_>) -> Verdict {
    let mut stop = Vec::new();
    if facts.channel == ApplicationChannel::Cold {
        for (person, stage) in facts.people {
            if is_networking(*stage) {
                stop.push(Reason::Networking {
                    person: person.clone(),
                    stage: *stage,
                });
            }
        }
        for (number, person, stage) in facts.referrals {
            if stage.is_open() {
                stop.push(Reason::OpenReferral {
                    number: *number,
                    person: person.clone(),
                    stage: *stage,
                });
            }
        }
        for (number, person, role) in facts.leads {
            stop.push(Reason::LeadThroughPerson {
                number: *number,
                person: person.clone(),
                role: role.clone(),
            });
        }
    }
    // The most actionable reason names the next step: a referral already under way (let
    // it run), then a lead through someone (ask them for a referral), then the closest
    // person in conversation there.
    let closest = stop
        .iter()
        .filter_map(|r| match r {
            Reason::Networking { stage, .. } => Some((r, *stage)),
            _ => None,
        })
        .max_by_key(|(_, stage)| *stage)
        .map(|(r, _)| r);
    let best = stop
        .iter()
        .find(|r| matches!(r, Reason::OpenReferral { .. }))
        .or_else(|| {
            stop.iter()
                .find(|r| matches!(r, Reason::LeadThroughPerson { .. }))
        })
        .or(closest);
    let alternative = best.map(|reason| {
        let p = reason.person();
        match reason {
            Reason::LeadThroughPerson { number, .. } => format!(
                "ask {} ({}) about the role first: kith referral ask {} --lead {number}, \
                 then apply with --channel referral",
                p.name, p.handle, p.handle
            ),
            Reason::OpenReferral { number, .. } => format!(
                "let referral #{number} through {} ({}) run its course (kith referral list), \
                 and apply with --channel referral",
                p.name, p.handle
            ),
            Reason::Networking { .. } => format!(
                "ask {} ({}) about the role first — what the team needs, whether they would \
                 refer you: kith lead add COMPANY --role R --source {}, then kith referral \
                 ask {} --lead N",
                p.name, p.handle, p.handle, p.handle
            ),
        }
    });
    let mut warnings = Vec::new();
    for (number, role, status, at) in facts.applications {
        let days = facts.now.duration_since(*at).as_secs_f64() / 86_400.0;
        if matches!(
            status,
            ApplicationStatus::Rejected | ApplicationStatus::Ghosted
        ) && (0.0..=RECENT_DAYS as f64).contains(&days)
        {
            let verb = match status {
                ApplicationStatus::Rejected => "rejected",
                _ => "ghosted",
            };
            warnings.push(format!(
                "they {verb} application #{number} ({role}) {} days ago: apply again only \
                 with something new (a referral, a different role, new experience)",
                days.floor() as i64
            ));
        }
    }
    Verdict {
        stop,
        alternative,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Handle, PersonId};
    use ApplicationChannel as Ch;

    fn who(handle: &str) -> PersonLink {
        PersonLink {
            id: PersonId::new(),
            handle: Handle::parse(handle).unwrap(),
            name: handle.to_owned(),
        }
    }

    fn now() -> Timestamp {
        Timestamp::from_second(1_800_000_000).unwrap()
    }

    fn days_ago(d: i64) -> Timestamp {
        now() - jiff::SignedDuration::from_hours(24 * d)
    }

    struct Case {
        name: &'static str,
        channel: Ch,
        people: Vec<Stage>,
        referrals: Vec<ReferralStage>,
        leads: usize,
        applications: Vec<(ApplicationStatus, i64)>,
        stops: usize,
        warnings: usize,
    }

    fn case(name: &'static str, channel: Ch) -> Case {
        Case {
            name,
            channel,
            people: vec![],
            referrals: vec![],
            leads: 0,
            applications: vec![],
            stops: 0,
            warnings: 0,
        }
    }

    #[test]
    fn fires_exactly_when_the_seeker_is_networking_there() {
        use ApplicationStatus as A;
        use ReferralStage as R;
        use Stage as S;
        let cases = vec![
            case("nobody there: no stop", Ch::Cold),
            Case {
                people: vec![S::New, S::Contacted, S::Dormant],
                ..case("only strangers, no reply, gone quiet: no stop", Ch::Cold)
            },
            Case {
                people: vec![S::Conversing],
                stops: 1,
                ..case("someone conversing: stop", Ch::Cold)
            },
            Case {
                people: vec![S::Met, S::Connected, S::Advocate, S::New],
                stops: 3,
                ..case("each person beyond conversing is a reason", Ch::Cold)
            },
            Case {
                referrals: vec![R::Considered],
                stops: 1,
                ..case("a referral only considered is open", Ch::Cold)
            },
            Case {
                referrals: vec![R::Submitted],
                stops: 1,
                ..case("a submitted referral is open", Ch::Cold)
            },
            Case {
                referrals: vec![R::Outcome, R::Thanked],
                ..case("a referral with its outcome is not open", Ch::Cold)
            },
            Case {
                leads: 1,
                stops: 1,
                ..case("a lead through a person: stop", Ch::Cold)
            },
            Case {
                people: vec![S::Advocate],
                referrals: vec![R::Asked],
                leads: 2,
                ..case("not cold: never a stop", Ch::Referral)
            },
            Case {
                people: vec![S::Met],
                ..case("recruiter: never a stop", Ch::Recruiter)
            },
            Case {
                people: vec![S::Met],
                leads: 1,
                ..case("network: never a stop", Ch::Network)
            },
            Case {
                applications: vec![(A::Rejected, 30), (A::Ghosted, 179)],
                warnings: 2,
                ..case("recent rejection and ghosting warn", Ch::Cold)
            },
            Case {
                applications: vec![(A::Rejected, 181), (A::Withdrawn, 3), (A::Offer, 3)],
                ..case("old rejection, withdrawn, offer: no warning", Ch::Cold)
            },
            Case {
                applications: vec![(A::Ghosted, 10)],
                warnings: 1,
                ..case("warnings whatever the channel", Ch::Referral)
            },
        ];
        for c in cases {
            let people: Vec<_> = c.people.iter().map(|s| (who("p"), *s)).collect();
            let referrals: Vec<_> = c
                .referrals
                .iter()
                .enumerate()
                .map(|(i, s)| (i as i64 + 1, who("r"), *s))
                .collect();
            let leads: Vec<_> = (0..c.leads)
                .map(|i| (i as i64 + 1, who("l"), "Engineer".to_owned()))
                .collect();
            let applications: Vec<_> = c
                .applications
                .iter()
                .enumerate()
                .map(|(i, (s, d))| (i as i64 + 1, "Engineer".to_owned(), *s, days_ago(*d)))
                .collect();
            let verdict = check(&Facts {
                channel: c.channel,
                now: now(),
                people: &people,
                referrals: &referrals,
                leads: &leads,
                applications: &applications,
            });
            assert_eq!(verdict.stop.len(), c.stops, "{}: {verdict:?}", c.name);
            assert_eq!(verdict.stops(), c.stops > 0, "{}", c.name);
            assert_eq!(
                verdict.alternative.is_some(),
                c.stops > 0,
                "{}: an alternative exactly when stopped",
                c.name
            );
            assert_eq!(
                verdict.warnings.len(),
                c.warnings,
                "{}: {verdict:?}",
                c.name
            );
        }
    }

    #[test]
    fn the_alternative_names_the_person_to_ask() {
        let ada = who("ada-lovelace");
        let people = [(ada.clone(), Stage::Met)];
        let verdict = check(&Facts {
            channel: Ch::Cold,
            now: now(),
            people: &people,
            referrals: &[],
            leads: &[],
            applications: &[],
        });
        let alt = verdict.alternative.clone().unwrap();
        assert!(
            alt.contains("ask ada-lovelace (ada-lovelace) about the role first"),
            "{alt}"
        );
        assert!(
            verdict.summary().contains("at met"),
            "{}",
            verdict.summary()
        );

        let leads = [(4, ada, "Staff Engineer".to_owned())];
        let verdict = check(&Facts {
            channel: Ch::Cold,
            now: now(),
            people: &[],
            referrals: &[],
            leads: &leads,
            applications: &[],
        });
        let alt = verdict.alternative.unwrap();
        assert!(
            alt.contains("kith referral ask ada-lovelace --lead 4"),
            "{alt}"
        );
    }

    #[test]
    fn a_crowd_is_summarised_closest_first() {
        let people: Vec<(PersonLink, Stage)> = [
            ("ann", Stage::Met),
            ("bo", Stage::Advocate),
            ("cy", Stage::Conversing),
            ("dee", Stage::Connected),
            ("eve", Stage::Met),
            ("fay", Stage::New),
        ]
        .into_iter()
        .map(|(h, s)| (who(h), s))
        .collect();
        let verdict = check(&Facts {
            channel: Ch::Cold,
            now: now(),
            people: &people,
            referrals: &[],
            leads: &[],
            applications: &[],
        });
        assert_eq!(
            verdict.stop.len(),
            5,
            "everyone at conversing or beyond, not fay"
        );
        assert_eq!(
            verdict.summary(),
            "you are networking with 5 people there: bo (bo, advocate), dee (dee, connected), \
             ann (ann, met) and 2 more at conversing or beyond"
        );
    }

    #[test]
    fn a_referral_under_way_is_the_next_step_over_asking_again() {
        let ada = who("ada");
        let referrals = [(2, ada.clone(), ReferralStage::Submitted)];
        let leads = [(4, ada, "Staff Engineer".to_owned())];
        let verdict = check(&Facts {
            channel: Ch::Cold,
            now: now(),
            people: &[],
            referrals: &referrals,
            leads: &leads,
            applications: &[],
        });
        let alt = verdict.alternative.unwrap();
        assert!(
            alt.starts_with("let referral #2 through ada (ada) run its course"),
            "{alt}"
        );
    }
}
