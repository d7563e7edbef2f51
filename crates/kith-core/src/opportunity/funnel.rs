//! The funnels `kith stats` shows, computed once so the table and the JSON cannot
//! disagree: the networking funnel (first touch → conversation → coffee chat → referral →
//! interview → offer), the application funnel by channel, the median time to a reply, and
//! reference rates next to the seeker's own.
//!
//! A funnel counts, at each step, the people (or applications) that got at least that
//! far: someone who referred the seeker after one call counts at the coffee-chat step
//! too, so every step is a subset of the one before it and the rates stay in 0–100 %.

use jiff::Timestamp;
use serde::Serialize;

use super::{Application, ApplicationChannel, ReferralStage};
use crate::interaction::{Direction, InteractionKind};
use crate::relationship::Touch;

/// What the networking funnel needs about one person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonFacts {
    pub touches: Vec<Touch>,
    /// The furthest stage of a referral through them, if any.
    pub referral: Option<ReferralStage>,
    /// The furthest an application that came through them got (`Application::furthest`):
    /// one for a lead they told the seeker about or a lead they referred them for.
    pub application: Option<u8>,
}

pub const NETWORK_STEPS: [&str; 6] = [
    "first touch",
    "conversation",
    "coffee chat",
    "referral",
    "interview",
    "offer",
];

pub const APPLICATION_STEPS: [&str; 4] = ["applied", "screening", "interviewing", "offer"];

/// The number of networking steps a person reached (0: none, 6: an offer came of it).
pub fn network_reach(p: &PersonFacts) -> usize {
    use InteractionKind as K;
    let mut reached = [false; 6];
    reached[0] = !p.touches.is_empty();
    reached[1] = p.touches.iter().any(|t| t.direction == Direction::Inbound);
    reached[2] = p
        .touches
        .iter()
        .any(|t| matches!(t.kind, K::CoffeeChat | K::InformationalInterview));
    reached[3] = p.referral.is_some_and(|s| s >= ReferralStage::Agreed)
        || p.touches
            .iter()
            .any(|t| t.kind == K::Referral && t.direction == Direction::Inbound);
    reached[4] = p.application.is_some_and(|a| a >= 2);
    reached[5] = p.application.is_some_and(|a| a >= 3);
    reached.iter().rposition(|r| *r).map_or(0, |i| i + 1)
}

/// One step of a funnel with its rates, in percent rounded to a tenth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub step: &'static str,
    pub count: u64,
    /// Of the step before (none for the first step or when it is empty).
    pub of_previous: Option<f64>,
    /// Of the first step.
    pub of_first: Option<f64>,
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

fn steps(names: &[&'static str], counts: &[u64]) -> Vec<Step> {
    names
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (step, count))| Step {
            step,
            count: *count,
            of_previous: if i == 0 {
                None
            } else {
                percent(*count, counts[i - 1])
            },
            of_first: if i == 0 {
                None
            } else {
                percent(*count, counts[0])
            },
        })
        .collect()
}

/// Counts at each step from how far each item got (`reach` steps each).
fn cumulative(reach: impl Iterator<Item = usize>, len: usize) -> Vec<u64> {
    let mut counts = vec![0u64; len];
    for r in reach {
        for c in counts.iter_mut().take(r) {
            *c += 1;
        }
    }
    counts
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelFunnel {
    /// A channel, or `all`.
    pub channel: String,
    pub steps: Vec<Step>,
}

/// How long people take to answer: from the seeker's first message or email after their
/// last reply (or ever) to their next inbound touch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplyTimes {
    /// In days, to a tenth.
    pub median_days: Option<f64>,
    pub replied: u64,
    /// Messages still waiting for an answer.
    pub waiting: u64,
}

/// Touches that ask for an answer: a message or an email (a meeting or a favour does not).
fn awaits_reply(kind: InteractionKind) -> bool {
    matches!(kind, InteractionKind::Message | InteractionKind::Email)
}

/// A published rate to hold the seeker's own against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub what: &'static str,
    pub low_percent: f64,
    pub high_percent: f64,
    pub source: &'static str,
    /// The seeker's own rate for the same thing, when there is anything to rate.
    pub yours_percent: Option<f64>,
    /// How many it is computed over.
    pub yours_of: u64,
}

/// Everything `kith stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub since: Option<Timestamp>,
    pub networking: Vec<Step>,
    pub applications: Vec<ChannelFunnel>,
    pub reply_times: ReplyTimes,
    pub references: Vec<Reference>,
    /// How each pitch version converted (filled by the caller from the store; see
    /// [`PitchRate::new`]).
    pub pitches: Vec<PitchRate>,
}

/// One pitch version's conversion: of the people it was used with, how many replied
/// afterwards and how many met the seeker afterwards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitchRate {
    pub version: i64,
    pub label: Option<String>,
    pub uses: u64,
    pub people: u64,
    pub replied: u64,
    pub met: u64,
    pub reply_percent: Option<f64>,
    pub meeting_percent: Option<f64>,
}

impl PitchRate {
    pub fn new(
        version: i64,
        label: Option<String>,
        uses: u64,
        people: u64,
        replied: u64,
        met: u64,
    ) -> Self {
        PitchRate {
            version,
            label,
            uses,
            people,
            replied,
            met,
            reply_percent: percent(replied, people),
            meeting_percent: percent(met, people),
        }
    }
}

/// The interview rate reported for cold applications.
pub const COLD_INTERVIEW_REFERENCE: (f64, f64) = (2.0, 3.0);

/// The stats over a history. With `since`, the networking funnel follows the people first
/// touched then or later, the application funnel the applications sent then or later,
/// and reply times the messages sent then or later.
pub fn stats(
    people: &[PersonFacts],
    applications: &[Application],
    since: Option<Timestamp>,
) -> Stats {
    let after = |at: Timestamp| since.is_none_or(|s| at >= s);
    let cohort: Vec<&PersonFacts> = people
        .iter()
        .filter(|p| p.touches.iter().map(|t| t.at).min().is_some_and(after))
        .collect();
    let networking = steps(
        &NETWORK_STEPS,
        &cumulative(cohort.iter().map(|p| network_reach(p)), NETWORK_STEPS.len()),
    );

    let sent: Vec<&Application> = applications
        .iter()
        .filter(|a| after(a.applied_at))
        .collect();
    let funnel = |channel: Option<ApplicationChannel>| {
        let reach = sent
            .iter()
            .filter(|a| channel.is_none_or(|c| a.channel == c))
            .map(|a| usize::from(a.furthest()) + 1);
        ChannelFunnel {
            channel: channel.map_or("all".to_owned(), |c| c.as_str().to_owned()),
            steps: steps(
                &APPLICATION_STEPS,
                &cumulative(reach, APPLICATION_STEPS.len()),
            ),
        }
    };
    let mut by_channel: Vec<ChannelFunnel> = ApplicationChannel::ALL
        .iter()
        .map(|c| funnel(Some(*c)))
        .collect();
    by_channel.push(funnel(None));

    let mut delays = Vec::new();
    let mut waiting = 0;
    for p in people {
        let mut touches: Vec<&Touch> = p.touches.iter().filter(|t| after(t.at)).collect();
        touches.sort_by_key(|t| t.at);
        let mut pending: Option<Timestamp> = None;
        for t in touches {
            match (t.direction, pending) {
                (Direction::Outbound, None) if awaits_reply(t.kind) => pending = Some(t.at),
                (Direction::Inbound, Some(asked)) => {
                    delays.push(t.at.duration_since(asked).as_secs_f64() / 86_400.0);
                    pending = None;
                }
                _ => {}
            }
        }
        waiting += u64::from(pending.is_some());
    }
    delays.sort_by(f64::total_cmp);
    let median = match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2]),
        n => Some((delays[n / 2 - 1] + delays[n / 2]) / 2.0),
    };

    let cold = by_channel
        .iter()
        .find(|f| f.channel == ApplicationChannel::Cold.as_str())
        .map(|f| (f.steps[0].count, f.steps[2].count))
        .unwrap_or((0, 0));
    let references = vec![Reference {
        what: "cold applications that lead to an interview",
        low_percent: COLD_INTERVIEW_REFERENCE.0,
        high_percent: COLD_INTERVIEW_REFERENCE.1,
        source: "reported applicant-to-interview rates for online applications",
        yours_percent: percent(cold.1, cold.0),
        yours_of: cold.0,
    }];
    Stats {
        since,
        networking,
        applications: by_channel,
        reply_times: ReplyTimes {
            median_days: median.map(|d| (d * 10.0).round() / 10.0),
            replied: delays.len() as u64,
            waiting,
        },
        references,
        pitches: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::{ApplicationId, CompanyId};
    use crate::opportunity::{ApplicationStatus as S, Move};
    use Direction::{Inbound as In, Outbound as Out};
    use InteractionKind as K;

    fn day(d: i64) -> Timestamp {
        Timestamp::from_second(1_780_000_000 + d * 86_400).unwrap()
    }

    fn t(d: i64, kind: K, direction: Direction) -> Touch {
        Touch {
            at: day(d),
            kind,
            direction,
        }
    }

    fn person(
        touches: Vec<Touch>,
        referral: Option<ReferralStage>,
        app: Option<u8>,
    ) -> PersonFacts {
        PersonFacts {
            touches,
            referral,
            application: app,
        }
    }

    fn app(d: i64, channel: ApplicationChannel, path: &[S]) -> Application {
        Application {
            id: ApplicationId::new(),
            number: 0,
            company: CompanyId::new(),
            role: "Engineer".into(),
            channel,
            lead: None,
            tailored: None,
            status: *path.last().unwrap(),
            applied_at: day(d),
            guard_override: None,
            note: None,
            history: path
                .iter()
                .map(|s| Move {
                    to: *s,
                    at: day(d),
                    note: None,
                })
                .collect(),
        }
    }

    /// A constructed history: ten people and nine applications whose funnel numbers are
    /// worked out by hand below.
    fn history() -> (Vec<PersonFacts>, Vec<Application>) {
        let people = vec![
            // 1-4: touched, never answered.
            person(vec![t(1, K::Message, Out)], None, None),
            person(vec![t(2, K::Email, Out), t(9, K::Email, Out)], None, None),
            person(vec![t(3, K::Message, Out)], None, None),
            person(vec![t(40, K::Message, Out)], None, None),
            // 5-6: answered after 2 and 4 days.
            person(
                vec![t(1, K::Message, Out), t(3, K::Message, In)],
                None,
                None,
            ),
            person(
                vec![t(41, K::Message, Out), t(45, K::Message, In)],
                None,
                None,
            ),
            // 7: answered after 1 day, then a coffee chat.
            person(
                vec![
                    t(10, K::Message, Out),
                    t(11, K::Message, In),
                    t(20, K::CoffeeChat, Out),
                ],
                None,
                None,
            ),
            // 8: answered after 6 days, informational interview, agreed to refer;
            // the application got to interviews.
            person(
                vec![
                    t(5, K::Message, Out),
                    t(11, K::Message, In),
                    t(15, K::InformationalInterview, Out),
                ],
                Some(ReferralStage::Submitted),
                Some(2),
            ),
            // 9: only asked for a referral, never agreed: counts to the coffee chat.
            person(
                vec![
                    t(2, K::Message, Out),
                    t(5, K::Message, In),
                    t(8, K::CoffeeChat, Out),
                ],
                Some(ReferralStage::Asked),
                None,
            ),
            // 10: referred the seeker (inbound referral) and an offer came of it.
            person(
                vec![t(1, K::Message, In), t(30, K::Referral, In)],
                None,
                Some(3),
            ),
            // Never touched: not in the funnel.
            person(vec![], Some(ReferralStage::Considered), None),
        ];
        use ApplicationChannel::*;
        let apps = vec![
            app(1, Cold, &[S::Applied]),
            app(2, Cold, &[S::Applied, S::Ghosted]),
            app(3, Cold, &[S::Applied, S::Rejected]),
            app(4, Cold, &[S::Applied, S::Screening, S::Rejected]),
            app(
                50,
                Cold,
                &[S::Applied, S::Screening, S::Interviewing, S::Rejected],
            ),
            app(6, Referral, &[S::Applied, S::Screening, S::Interviewing]),
            app(
                7,
                Referral,
                &[S::Applied, S::Screening, S::Interviewing, S::Offer],
            ),
            app(8, Recruiter, &[S::Applied, S::Screening]),
            app(9, Network, &[S::Applied, S::Withdrawn]),
        ];
        (people, apps)
    }

    fn counts(steps: &[Step]) -> Vec<u64> {
        steps.iter().map(|s| s.count).collect()
    }

    #[test]
    fn the_networking_funnel_counts_how_far_each_person_got() {
        let (people, apps) = history();
        let s = stats(&people, &apps, None);
        assert_eq!(counts(&s.networking), [10, 6, 4, 2, 2, 1]);
        assert_eq!(s.networking[1].of_previous, Some(60.0));
        assert_eq!(s.networking[2].of_previous, Some(66.7));
        assert_eq!(s.networking[3].of_first, Some(20.0));
        assert_eq!(s.networking[5].of_previous, Some(50.0));
        assert_eq!(s.networking[0].of_previous, None);
    }

    #[test]
    fn the_application_funnel_is_by_channel_and_in_total() {
        let (people, apps) = history();
        let s = stats(&people, &apps, None);
        let by = |c: &str| {
            counts(
                &s.applications
                    .iter()
                    .find(|f| f.channel == c)
                    .unwrap()
                    .steps,
            )
        };
        assert_eq!(by("cold"), [5, 2, 1, 0]);
        assert_eq!(by("referral"), [2, 2, 2, 1]);
        assert_eq!(by("recruiter"), [1, 1, 0, 0]);
        assert_eq!(by("network"), [1, 0, 0, 0]);
        assert_eq!(by("all"), [9, 5, 3, 1]);
        let cold = &s.applications[0];
        assert_eq!(cold.steps[2].of_first, Some(20.0));
        assert_eq!(cold.steps[3].of_previous, Some(0.0));
        let reference = &s.references[0];
        assert_eq!(reference.yours_percent, Some(20.0));
        assert_eq!(reference.yours_of, 5);
        assert_eq!((reference.low_percent, reference.high_percent), (2.0, 3.0));
    }

    #[test]
    fn reply_times_take_the_median_of_answered_messages() {
        let (people, apps) = history();
        let s = stats(&people, &apps, None);
        // Delays 2, 4, 1, 6, 3 days (the unanswered second email of person 2 does not
        // start a new wait); waiting: persons 1-4.
        assert_eq!(s.reply_times.replied, 5);
        assert_eq!(s.reply_times.median_days, Some(3.0));
        assert_eq!(s.reply_times.waiting, 4);
    }

    #[test]
    fn since_limits_the_cohorts() {
        let (people, apps) = history();
        let s = stats(&people, &apps, Some(day(40)));
        // First touched on day 40 or later: persons 4 and 6.
        assert_eq!(counts(&s.networking), [2, 1, 0, 0, 0, 0]);
        assert_eq!(counts(&s.applications[4].steps), [1, 1, 1, 0]);
        assert_eq!(s.reply_times.replied, 1);
        assert_eq!(s.reply_times.median_days, Some(4.0));
        // Person 10's referral on day 30 is before the window: nothing waits there.
        assert_eq!(s.reply_times.waiting, 1);
    }

    #[test]
    fn an_empty_history_has_no_rates() {
        let s = stats(&[], &[], None);
        assert!(
            s.networking
                .iter()
                .all(|x| x.count == 0 && x.of_first.is_none())
        );
        assert_eq!(s.reply_times.median_days, None);
        assert_eq!(s.references[0].yours_percent, None);
    }

    proptest::proptest! {
        /// Whatever the history, every step is part of the one before and rates are
        /// percentages.
        #[test]
        fn funnels_never_widen(
            people in proptest::collection::vec(
                (proptest::collection::vec((0i64..60, 0usize..11, proptest::bool::ANY), 0..6),
                 proptest::option::of(0usize..7),
                 proptest::option::of(0u8..4)),
                0..30),
            apps in proptest::collection::vec((0i64..60, 0usize..4, 0usize..7), 0..20),
            since in proptest::option::of(0i64..60),
        ) {
            let people: Vec<PersonFacts> = people
                .into_iter()
                .map(|(touches, referral, application)| PersonFacts {
                    touches: touches
                        .into_iter()
                        .map(|(d, k, inbound)| t(d, K::ALL[k], if inbound { In } else { Out }))
                        .collect(),
                    referral: referral.map(|r| ReferralStage::ALL[r]),
                    application,
                })
                .collect();
            let apps: Vec<Application> = apps
                .into_iter()
                .map(|(d, c, s)| {
                    let status = S::ALL[s];
                    let path: Vec<S> = if status == S::Applied { vec![S::Applied] } else { vec![S::Applied, status] };
                    app(d, ApplicationChannel::ALL[c], &path)
                })
                .collect();
            let s = stats(&people, &apps, since.map(day));
            let mut all = vec![&s.networking];
            all.extend(s.applications.iter().map(|f| &f.steps));
            for steps in all {
                for w in steps.windows(2) {
                    proptest::prop_assert!(w[1].count <= w[0].count, "{steps:?}");
                }
                for step in steps.iter() {
                    for r in [step.of_previous, step.of_first].into_iter().flatten() {
                        proptest::prop_assert!((0.0..=100.0).contains(&r), "{step:?}");
                    }
                }
            }
            let total: u64 = s.applications[..4].iter().map(|f| f.steps[0].count).sum();
            proptest::prop_assert_eq!(total, s.applications[4].steps[0].count);
        }
    }
}
