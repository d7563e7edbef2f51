//! The relationship rules: how far a relationship has come (stage), how strong it is
//! (strength), and when it is next due a touch (cadence). Pure functions over the
//! interactions with one person, each returning the reasons for its number so kith can
//! explain it. `docs/relationships.md` states the same rules in prose.

use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

use crate::interaction::{Direction, InteractionKind};
use crate::parse::vocabulary;

vocabulary!(
    /// How far a relationship has come, in order; dormant when neglected.
    Stage, "stage", {
        New => "new",
        Contacted => "contacted",
        Conversing => "conversing",
        Met => "met",
        Connected => "connected",
        Advocate => "advocate",
        Dormant => "dormant",
    }
);

vocabulary!(
    /// How close a relationship is meant to be kept, which sets its default cadence.
    Circle, "circle", {
        Close => "close",
        Warm => "warm",
        Loose => "loose",
    }
);

/// One interaction with the person, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub at: Timestamp,
    pub kind: InteractionKind,
    pub direction: Direction,
}

/// How often to touch a relationship: ideally every `ideal_days`, at most `max_days` apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    pub ideal_days: i64,
    pub max_days: i64,
}

impl Circle {
    /// Defaults: close every 3 weeks (6 at most), warm every 2 months (4), loose every 6
    /// months (a year).
    pub fn default_cadence(self) -> Cadence {
        match self {
            Circle::Close => Cadence {
                ideal_days: 21,
                max_days: 42,
            },
            Circle::Warm => Cadence {
                ideal_days: 60,
                max_days: 120,
            },
            Circle::Loose => Cadence {
                ideal_days: 182,
                max_days: 365,
            },
        }
    }
}

/// A relationship neglected for this many maximum intervals is dormant.
pub const DORMANT_AFTER_MAX_INTERVALS: i64 = 2;

/// A number with the reason it has its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explained<T> {
    pub value: T,
    pub because: String,
}

pub(crate) fn days_between(earlier: Timestamp, later: Timestamp) -> f64 {
    later.duration_since(earlier).as_secs_f64() / 86_400.0
}

pub(crate) fn is_meeting(kind: InteractionKind) -> bool {
    matches!(
        kind,
        InteractionKind::CoffeeChat
            | InteractionKind::InformationalInterview
            | InteractionKind::Meetup
    )
}

/// The stage the history has earned, before neglect is considered.
fn earned_stage(touches: &[Touch]) -> Explained<Stage> {
    use Direction::{Inbound, Outbound};
    use InteractionKind as K;
    let any = |f: &dyn Fn(&Touch) -> bool| touches.iter().any(f);
    if any(&|t| t.direction == Inbound && matches!(t.kind, K::Introduction | K::Referral)) {
        return Explained {
            value: Stage::Advocate,
            because: "they made an introduction or a referral for you".into(),
        };
    }
    let gave = any(&|t| t.kind == K::HelpGiven);
    let got = any(&|t| t.kind == K::HelpReceived);
    if gave && got {
        return Explained {
            value: Stage::Connected,
            because: "help has gone both ways".into(),
        };
    }
    if let Some(t) = touches.iter().find(|t| is_meeting(t.kind)) {
        return Explained {
            value: Stage::Met,
            because: format!("you met ({})", t.kind),
        };
    }
    let mut sorted: Vec<&Touch> = touches.iter().collect();
    sorted.sort_by_key(|t| t.at);
    let first_out = sorted.iter().position(|t| t.direction == Outbound);
    let replied = match first_out {
        Some(i) => sorted[i + 1..].iter().any(|t| t.direction == Inbound),
        None => false,
    };
    let they_started =
        sorted.first().is_some_and(|t| t.direction == Inbound) && first_out.is_some();
    if replied || they_started {
        return Explained {
            value: Stage::Conversing,
            because: "messages have gone both ways".into(),
        };
    }
    if let Some(t) = sorted.first() {
        let who = if t.direction == Outbound {
            "you reached out"
        } else {
            "they reached out"
        };
        return Explained {
            value: Stage::Contacted,
            because: format!("{who}; no reply yet"),
        };
    }
    Explained {
        value: Stage::New,
        because: "no interactions yet".into(),
    }
}

/// The stage of a relationship: earned from the interactions, dormant when the last touch
/// is more than `DORMANT_AFTER_MAX_INTERVALS` maximum intervals ago.
pub fn stage(touches: &[Touch], now: Timestamp, cadence: Cadence) -> Explained<Stage> {
    let earned = earned_stage(touches);
    let Some(last) = touches.iter().map(|t| t.at).max() else {
        return earned;
    };
    let idle = days_between(last, now);
    let limit = (cadence.max_days * DORMANT_AFTER_MAX_INTERVALS) as f64;
    if idle > limit {
        return Explained {
            value: Stage::Dormant,
            because: format!(
                "was {} ({}), but the last touch was {idle:.0} days ago, past {limit:.0} days",
                earned.value, earned.because
            ),
        };
    }
    earned
}

/// How much a kind of touch says about a relationship, in [0, 1].
pub fn depth(kind: InteractionKind) -> f64 {
    use InteractionKind as K;
    match kind {
        K::Referral => 1.0,
        K::Introduction => 0.9,
        K::CoffeeChat | K::InformationalInterview => 0.8,
        K::HelpGiven | K::HelpReceived => 0.6,
        K::Call | K::Meetup => 0.5,
        K::Message | K::Email => 0.2,
        K::Other => 0.1,
    }
}

/// Recency halves every this many days.
pub const HALF_LIFE_DAYS: f64 = 45.0;
/// Frequency and depth look back this far.
pub const WINDOW_DAYS: f64 = 365.0;

/// The parts of a strength, each in [0, 1], and their weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Strength {
    pub value: f64,
    /// 0.5 ^ (days since the last touch / 45).
    pub recency: f64,
    /// 1 − e^(−touches in the last year / 6).
    pub frequency: f64,
    /// The deepest touch in the last year (`depth`).
    pub depth: f64,
    /// Inbound touches' share of all, doubled and capped at 1 (half inbound is fully mutual).
    pub reciprocity: f64,
}

pub const WEIGHTS: [(&str, f64); 4] = [
    ("recency", 0.4),
    ("frequency", 0.2),
    ("depth", 0.25),
    ("reciprocity", 0.15),
];

/// Strength in [0, 1] from recency, frequency, depth and reciprocity; it decays with time.
pub fn strength(touches: &[Touch], now: Timestamp) -> Strength {
    let Some(last) = touches.iter().map(|t| t.at).filter(|t| *t <= now).max() else {
        return Strength {
            value: 0.0,
            recency: 0.0,
            frequency: 0.0,
            depth: 0.0,
            reciprocity: 0.0,
        };
    };
    let recency = 0.5f64.powf(days_between(last, now).max(0.0) / HALF_LIFE_DAYS);
    let recent: Vec<&Touch> = touches
        .iter()
        .filter(|t| t.at <= now && days_between(t.at, now) <= WINDOW_DAYS)
        .collect();
    let frequency = 1.0 - (-(recent.len() as f64) / 6.0).exp();
    let depth = recent.iter().map(|t| depth(t.kind)).fold(0.0, f64::max);
    let inbound = recent
        .iter()
        .filter(|t| t.direction == Direction::Inbound)
        .count();
    let reciprocity = if recent.is_empty() {
        0.0
    } else {
        (2.0 * inbound as f64 / recent.len() as f64).min(1.0)
    };
    let value = WEIGHTS[0].1 * recency
        + WEIGHTS[1].1 * frequency
        + WEIGHTS[2].1 * depth
        + WEIGHTS[3].1 * reciprocity;
    Strength {
        value: value.clamp(0.0, 1.0),
        recency,
        frequency,
        depth,
        reciprocity,
    }
}

/// When the relationship is next due a touch: the last touch plus the ideal interval in
/// calendar days of the seeker's time zone (so a daylight-saving change never moves it to
/// another day), or the end of a snooze if that is later. Any kind of touch counts. A
/// relationship that was never touched has no cadence yet: the first touch starts it.
pub fn due(
    touches: &[Touch],
    cadence: Cadence,
    snoozed_until: Option<Timestamp>,
    tz: &TimeZone,
) -> Option<Explained<Timestamp>> {
    let last = touches.iter().map(|t| t.at).max()?;
    let by_cadence = Explained {
        value: last
            .to_zoned_datetime(tz.clone())
            .checked_add(Span::new().days(cadence.ideal_days))
            .map(|z| z.timestamp())
            .unwrap_or(last),
        because: format!(
            "last touch {} + {} days",
            last.strftime("%Y-%m-%d"),
            cadence.ideal_days
        ),
    };
    Some(match snoozed_until {
        Some(until) if until > by_cadence.value => Explained {
            value: until,
            because: format!(
                "snoozed until {} (by cadence: {})",
                until.strftime("%Y-%m-%d"),
                by_cadence.because
            ),
        },
        _ => by_cadence,
    })
}

/// A stage the seeker set by hand: it wins over the history and is shown as such.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageOverride {
    pub stage: Stage,
    pub note: Option<String>,
    pub set_at: Timestamp,
}

/// What the seeker decided about one relationship. Everything is optional: an empty
/// rhythm means the default circle's cadence, no snooze and the stage the history earned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rhythm {
    pub circle: Option<Circle>,
    /// A cadence for this person alone, over their circle's.
    pub cadence: Option<Cadence>,
    pub snoozed_until: Option<Timestamp>,
    pub stage: Option<StageOverride>,
}

impl Rhythm {
    pub fn is_empty(&self) -> bool {
        *self == Rhythm::default()
    }
}

/// Each circle's cadence and the circle of people not placed in one; all configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cadences {
    pub close: Cadence,
    pub warm: Cadence,
    pub loose: Cadence,
    /// People nobody placed in a circle (most imported connections) are kept like this.
    pub default_circle: Circle,
}

impl Default for Cadences {
    fn default() -> Self {
        Self {
            close: Circle::Close.default_cadence(),
            warm: Circle::Warm.default_cadence(),
            loose: Circle::Loose.default_cadence(),
            default_circle: Circle::Loose,
        }
    }
}

impl Cadences {
    pub fn of(&self, circle: Circle) -> Cadence {
        match circle {
            Circle::Close => self.close,
            Circle::Warm => self.warm,
            Circle::Loose => self.loose,
        }
    }
}

/// Everything the rules say about one relationship at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub circle: Explained<Circle>,
    pub cadence: Explained<Cadence>,
    pub stage: Explained<Stage>,
    /// The stage the history earned, also when a stage set by hand is shown instead.
    pub earned_stage: Stage,
    pub strength: Strength,
    pub last_touch: Option<Timestamp>,
    /// None until the first touch.
    pub due: Option<Explained<Timestamp>>,
    /// Days past the due date (negative: due in that many days); None with no due date.
    pub overdue_days: Option<f64>,
}

impl Assessment {
    /// Past the maximum interval since the last touch.
    pub fn past_max_interval(&self, now: Timestamp) -> bool {
        self.last_touch
            .is_some_and(|last| days_between(last, now) > self.cadence.value.max_days as f64)
    }

    /// How much a due relationship matters today: strength × (1 + days overdue / ideal
    /// interval). Zero when not due. The agenda lists the highest first.
    pub fn urgency(&self) -> f64 {
        match self.overdue_days {
            Some(days) if days >= 0.0 => {
                self.strength.value * (1.0 + days / self.cadence.value.ideal_days.max(1) as f64)
            }
            _ => 0.0,
        }
    }
}

/// Applies every rule to one relationship. Touches after `now` (a meeting logged ahead)
/// count once they have happened.
pub fn assess(
    touches: &[Touch],
    rhythm: &Rhythm,
    cadences: &Cadences,
    now: Timestamp,
    tz: &TimeZone,
) -> Assessment {
    let past: Vec<Touch> = touches.iter().copied().filter(|t| t.at <= now).collect();
    let circle = match rhythm.circle {
        Some(c) => Explained {
            value: c,
            because: format!("placed in the {c} circle"),
        },
        None => Explained {
            value: cadences.default_circle,
            because: format!(
                "not placed in a circle: the default, {}",
                cadences.default_circle
            ),
        },
    };
    let cadence = match rhythm.cadence {
        Some(c) => Explained {
            value: c,
            because: "set for this person".into(),
        },
        None => Explained {
            value: cadences.of(circle.value),
            because: format!("the {} circle's", circle.value),
        },
    };
    let earned = stage(&past, now, cadence.value);
    let earned_stage = earned.value;
    let stage = match &rhythm.stage {
        Some(o) => Explained {
            value: o.stage,
            because: format!(
                "set by hand on {}{} (the history says {}: {})",
                o.set_at.strftime("%Y-%m-%d"),
                o.note
                    .as_deref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default(),
                earned.value,
                earned.because
            ),
        },
        None => earned,
    };
    let strength = strength(&past, now);
    let last_touch = past.iter().map(|t| t.at).max();
    let due = due(&past, cadence.value, rhythm.snoozed_until, tz);
    let overdue_days = due.as_ref().map(|d| {
        if d.value <= now {
            days_between(d.value, now)
        } else {
            -days_between(now, d.value)
        }
    });
    Assessment {
        circle,
        cadence,
        stage,
        earned_stage,
        strength,
        last_touch,
        due,
        overdue_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{Inbound as In, Outbound as Out};
    use InteractionKind as K;

    const NOW: i64 = 1_795_000_000; // 2026-11-17

    fn days_ago(d: i64) -> Timestamp {
        Timestamp::from_second(NOW - d * 86_400).unwrap()
    }

    fn t(d: i64, kind: InteractionKind, direction: Direction) -> Touch {
        Touch {
            at: days_ago(d),
            kind,
            direction,
        }
    }

    fn now() -> Timestamp {
        Timestamp::from_second(NOW).unwrap()
    }

    #[test]
    fn stages_are_earned_from_the_history() {
        let warm = Circle::Warm.default_cadence();
        let cases: Vec<(Vec<Touch>, Stage)> = vec![
            (vec![], Stage::New),
            (vec![t(10, K::Message, Out)], Stage::Contacted),
            (
                vec![t(10, K::Message, Out), t(12, K::Message, Out)],
                Stage::Contacted,
            ),
            (
                vec![t(10, K::Message, Out), t(9, K::Message, In)],
                Stage::Conversing,
            ),
            // An inbound note before any outreach is not yet a conversation.
            (vec![t(10, K::Message, In)], Stage::Contacted),
            (
                vec![t(10, K::Message, In), t(9, K::Email, Out)],
                Stage::Conversing,
            ),
            (
                vec![t(10, K::Message, Out), t(5, K::CoffeeChat, Out)],
                Stage::Met,
            ),
            (vec![t(30, K::InformationalInterview, Out)], Stage::Met),
            (
                vec![t(20, K::HelpGiven, Out), t(10, K::HelpReceived, In)],
                Stage::Connected,
            ),
            (
                vec![t(20, K::HelpGiven, Out), t(10, K::HelpGiven, Out)],
                Stage::Contacted,
            ),
            (vec![t(20, K::Introduction, In)], Stage::Advocate),
            (
                vec![t(20, K::Referral, In), t(5, K::Message, Out)],
                Stage::Advocate,
            ),
            // You introducing them to someone does not make them your advocate.
            (vec![t(20, K::Introduction, Out)], Stage::Contacted),
            (vec![t(300, K::CoffeeChat, Out)], Stage::Dormant),
            (vec![t(240, K::CoffeeChat, Out)], Stage::Met),
        ];
        for (touches, expected) in cases {
            let got = stage(&touches, now(), warm);
            assert_eq!(got.value, expected, "{touches:?}: {}", got.because);
            assert!(!got.because.is_empty());
        }
    }

    #[test]
    fn dormancy_says_what_the_stage_was() {
        let got = stage(
            &[t(400, K::CoffeeChat, Out)],
            now(),
            Circle::Warm.default_cadence(),
        );
        assert_eq!(got.value, Stage::Dormant);
        assert!(got.because.starts_with("was met"), "{}", got.because);
    }

    #[test]
    fn strength_rises_with_depth_frequency_and_reciprocity_and_decays() {
        let none = strength(&[], now());
        assert_eq!(none.value, 0.0);
        let one_message = strength(&[t(1, K::Message, Out)], now()).value;
        let coffee = strength(&[t(1, K::CoffeeChat, Out)], now()).value;
        let mutual = strength(&[t(3, K::CoffeeChat, Out), t(1, K::Message, In)], now()).value;
        let old_coffee = strength(&[t(180, K::CoffeeChat, Out)], now()).value;
        assert!(
            one_message < coffee && coffee < mutual,
            "{one_message} {coffee} {mutual}"
        );
        assert!(
            old_coffee < coffee / 2.0,
            "decays: {old_coffee} vs {coffee}"
        );
        let many: Vec<Touch> = (0..30)
            .map(|i| t(i * 10, K::Referral, if i % 2 == 0 { In } else { Out }))
            .collect();
        let max = strength(&many, now());
        assert!(max.value <= 1.0 && max.value > 0.9, "{max:?}");
        assert!((max.reciprocity - 1.0).abs() < 1e-9);
        let recency = strength(&[t(45, K::Call, Out)], now()).recency;
        assert!((recency - 0.5).abs() < 1e-9, "one half-life: {recency}");
    }

    #[test]
    fn due_dates_follow_the_last_touch_of_any_kind_and_snoozes() {
        let close = Circle::Close.default_cadence();
        assert_eq!(
            due(&[], close, None, &TimeZone::UTC),
            None,
            "never touched: no cadence yet"
        );
        let d = due(
            &[t(30, K::Email, Out), t(10, K::Message, In)],
            close,
            None,
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(d.value, days_ago(10 - 21));
        assert!(d.because.contains("+ 21 days"), "{}", d.because);
        let snoozed = due(
            &[t(10, K::Message, In)],
            close,
            Some(days_ago(-30)),
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(snoozed.value, days_ago(-30));
        let earlier_snooze = due(
            &[t(10, K::Message, In)],
            close,
            Some(days_ago(-1)),
            &TimeZone::UTC,
        )
        .unwrap();
        assert_eq!(
            earlier_snooze.value,
            days_ago(10 - 21),
            "a snooze never brings a date forward"
        );
    }

    #[test]
    fn circles_have_ordered_default_cadences() {
        let [c, w, l] = [Circle::Close, Circle::Warm, Circle::Loose].map(Circle::default_cadence);
        assert!(c.ideal_days < w.ideal_days && w.ideal_days < l.ideal_days);
        for cad in [c, w, l] {
            assert!(cad.ideal_days < cad.max_days);
        }
    }

    #[test]
    fn assessment_uses_circle_cadence_override_and_snooze() {
        let cadences = Cadences::default();
        let touches = [t(30, K::CoffeeChat, Out), t(25, K::Message, In)];
        let plain = assess(
            &touches,
            &Rhythm::default(),
            &cadences,
            now(),
            &TimeZone::UTC,
        );
        assert_eq!(plain.circle.value, Circle::Loose);
        assert!(plain.circle.because.contains("default"));
        assert_eq!(plain.cadence.value, cadences.loose);
        assert_eq!(plain.stage.value, Stage::Met);
        assert!(plain.overdue_days.unwrap() < 0.0, "loose: not due yet");
        assert_eq!(plain.urgency(), 0.0);

        let close = Rhythm {
            circle: Some(Circle::Close),
            ..Rhythm::default()
        };
        let a = assess(&touches, &close, &cadences, now(), &TimeZone::UTC);
        assert!((a.overdue_days.unwrap() - 4.0).abs() < 1e-9, "25 − 21 days");
        assert!(a.urgency() > a.strength.value);

        let own = Rhythm {
            circle: Some(Circle::Close),
            cadence: Some(Cadence {
                ideal_days: 7,
                max_days: 14,
            }),
            ..Rhythm::default()
        };
        let a = assess(&touches, &own, &cadences, now(), &TimeZone::UTC);
        assert_eq!(a.cadence.because, "set for this person");
        assert!((a.overdue_days.unwrap() - 18.0).abs() < 1e-9);
        assert!(a.past_max_interval(now()));

        let snoozed = Rhythm {
            snoozed_until: Some(days_ago(-14)),
            ..close.clone()
        };
        let a = assess(&touches, &snoozed, &cadences, now(), &TimeZone::UTC);
        assert!((a.overdue_days.unwrap() + 14.0).abs() < 1e-9);
        assert!(a.due.unwrap().because.starts_with("snoozed until"));

        let by_hand = Rhythm {
            stage: Some(StageOverride {
                stage: Stage::Advocate,
                note: Some("vouched for me".into()),
                set_at: days_ago(1),
            }),
            ..Rhythm::default()
        };
        let a = assess(&touches, &by_hand, &cadences, now(), &TimeZone::UTC);
        assert_eq!(a.stage.value, Stage::Advocate);
        assert_eq!(a.earned_stage, Stage::Met);
        assert!(
            a.stage.because.contains("set by hand")
                && a.stage.because.contains("the history says met")
        );
    }

    #[test]
    fn touches_ahead_of_now_do_not_count_yet() {
        let a = assess(
            &[t(100, K::Message, Out), t(-3, K::CoffeeChat, Out)],
            &Rhythm::default(),
            &Cadences::default(),
            now(),
            &TimeZone::UTC,
        );
        assert_eq!(a.stage.value, Stage::Contacted);
        assert_eq!(a.last_touch, Some(days_ago(100)));
        let never = assess(
            &[],
            &Rhythm::default(),
            &Cadences::default(),
            now(),
            &TimeZone::UTC,
        );
        assert_eq!(
            (never.due.clone(), never.overdue_days, never.urgency()),
            (None, None, 0.0)
        );
    }

    #[test]
    fn due_dates_keep_the_local_day_across_daylight_saving() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let new_york = TimeZone::get("America/New_York").unwrap();
        let at = |tz: &TimeZone, text: &str| {
            text.parse::<jiff::civil::DateTime>()
                .unwrap()
                .to_zoned_datetime(tz.clone())
                .unwrap()
                .timestamp()
        };
        let cad = |d| Cadence {
            ideal_days: d,
            max_days: d * 2,
        };
        // (zone, last touch local, days, due local): late evening and early morning
        // touches across spring-forward and fall-back keep their wall-clock time and day.
        let cases = [
            (&berlin, "2026-03-20T23:30", 21, "2026-04-10T23:30"),
            (&berlin, "2026-03-28T00:30", 1, "2026-03-29T00:30"),
            (&berlin, "2026-10-10T23:30", 21, "2026-10-31T23:30"),
            (&berlin, "2026-10-24T23:59", 1, "2026-10-25T23:59"),
            (&new_york, "2026-03-01T23:00", 21, "2026-03-22T23:00"),
            (&new_york, "2026-10-25T00:15", 14, "2026-11-08T00:15"),
            (&TimeZone::UTC, "2026-12-31T23:59", 60, "2027-03-01T23:59"),
            (&TimeZone::UTC, "2028-02-28T12:00", 1, "2028-02-29T12:00"),
        ];
        for (tz, last, days, expected) in cases {
            let touch = Touch {
                at: at(tz, last),
                kind: K::Message,
                direction: Out,
            };
            let got = due(&[touch], cad(days), None, tz).unwrap().value;
            assert_eq!(got, at(tz, expected), "{last} + {days} days in {tz:?}");
            let local_due = got.to_zoned_datetime(tz.clone()).date();
            assert_eq!(local_due.to_string(), &expected[..10]);
        }
    }
}
