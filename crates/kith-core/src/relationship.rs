//! The relationship rules: how far a relationship has come (stage), how strong it is
//! (strength), and when it is next due a touch (cadence). Pure functions over the
//! interactions with one person, each returning the reasons for its number so kith can
//! explain it. `docs/relationships.md` states the same rules in prose.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

fn days_between(earlier: Timestamp, later: Timestamp) -> f64 {
    later.duration_since(earlier).as_secs_f64() / 86_400.0
}

fn is_meeting(kind: InteractionKind) -> bool {
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

/// When the relationship is next due a touch: the last touch plus the ideal interval (any
/// kind of touch counts), or the end of a snooze if that is later. Never touched: due now.
pub fn due(
    touches: &[Touch],
    cadence: Cadence,
    now: Timestamp,
    snoozed_until: Option<Timestamp>,
) -> Explained<Timestamp> {
    let by_cadence = match touches.iter().map(|t| t.at).max() {
        Some(last) => Explained {
            value: last
                .saturating_add(SignedDuration::from_hours(24 * cadence.ideal_days))
                .unwrap_or(last),
            because: format!(
                "last touch {} + {} days",
                last.strftime("%Y-%m-%d"),
                cadence.ideal_days
            ),
        },
        None => Explained {
            value: now,
            because: "never touched".into(),
        },
    };
    match snoozed_until {
        Some(until) if until > by_cadence.value => Explained {
            value: until,
            because: format!("snoozed until {}", until.strftime("%Y-%m-%d")),
        },
        _ => by_cadence,
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
        assert_eq!(due(&[], close, now(), None).value, now());
        let d = due(
            &[t(30, K::Email, Out), t(10, K::Message, In)],
            close,
            now(),
            None,
        );
        assert_eq!(d.value, days_ago(10 - 21));
        assert!(d.because.contains("+ 21 days"), "{}", d.because);
        let snoozed = due(&[t(10, K::Message, In)], close, now(), Some(days_ago(-30)));
        assert_eq!(snoozed.value, days_ago(-30));
        let earlier_snooze = due(&[t(10, K::Message, In)], close, now(), Some(days_ago(-1)));
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
}
