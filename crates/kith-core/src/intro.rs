//! The seeker's side of a warm path: who can be its first step, with what weight, and
//! whether they can be asked for an introduction yet — or what to do first. The path
//! search itself is in `path`; `docs/paths.md` states these rules in prose.

use serde::Serialize;

use crate::relationship::{Assessment, Stage};

/// Someone the seeker can start a path with, and how much that first step is worth.
///
/// The weight is the relationship's strength from the relationship engine. Someone with
/// no touches at all is not a first step (the seeker has no relationship with them yet),
/// unless the seeker set their stage by hand; a hand-set stage then stands in for the
/// history with a modest weight (`STAGE_FLOOR`), so an old friend never logged still
/// counts.
pub fn first_hop_weight(a: &Assessment) -> Option<f64> {
    if a.stage.value == Stage::New {
        return None;
    }
    let floor = match a.last_touch {
        Some(_) => 0.0,
        None => stage_floor(a.stage.value),
    };
    let weight = a.strength.value.max(floor);
    (weight > 0.0).then_some(weight)
}

/// The weight a stage set by hand gives someone with no logged touches.
pub fn stage_floor(stage: Stage) -> f64 {
    match stage {
        Stage::Advocate => 0.6,
        Stage::Connected => 0.5,
        Stage::Met => 0.4,
        Stage::Conversing => 0.3,
        Stage::Contacted | Stage::Dormant => 0.1,
        Stage::New => 0.0,
    }
}

/// Whether the first person on a path can be asked for an introduction now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub ready: bool,
    /// Why, in a sentence.
    pub because: String,
    /// When not ready: how to nurture the relationship first.
    pub nurture: Option<String>,
}

/// Ready means the relationship has reached at least "conversing" (messages both ways)
/// and is not dormant. Asking a stranger, or someone who never answered, for a favour
/// spends a relationship that does not exist yet.
pub fn readiness(stage: Stage) -> Readiness {
    let (ready, because, nurture) = match stage {
        Stage::Advocate => (true, "they have vouched for you before", None),
        Stage::Connected => (true, "help has gone both ways", None),
        Stage::Met => (true, "you have met", None),
        Stage::Conversing => (true, "you are in conversation", None),
        Stage::Contacted => (
            false,
            "you reached out but have not heard back",
            Some(
                "follow up once with something useful to them (an article, a congratulation, \
                 an answer to their question), then wait for a reply before any ask",
            ),
        ),
        Stage::Dormant => (
            false,
            "the relationship has gone quiet",
            Some(
                "reconnect first: a personal note about them, asking for nothing; ask only \
                 once the conversation is going again",
            ),
        ),
        Stage::New => (
            false,
            "you have not been in touch yet",
            Some(
                "start with a short, personal first message that asks for nothing, and get \
                 a conversation going",
            ),
        ),
    };
    Readiness {
        ready,
        because: because.to_owned(),
        nurture: nurture.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relationship::{Assessment, Cadences, Rhythm, StageOverride, assess};
    use crate::{Direction, InteractionKind, relationship::Touch};
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    fn now() -> Timestamp {
        "2026-11-24T12:00:00Z".parse().unwrap()
    }

    fn assessed(touches: &[(i64, InteractionKind, Direction)], hand: Option<Stage>) -> Assessment {
        let touches: Vec<Touch> = touches
            .iter()
            .map(|(days_ago, kind, direction)| Touch {
                at: now() - jiff::SignedDuration::from_hours(24 * days_ago),
                kind: *kind,
                direction: *direction,
            })
            .collect();
        let rhythm = Rhythm {
            stage: hand.map(|stage| StageOverride {
                stage,
                note: None,
                set_at: now(),
            }),
            ..Rhythm::default()
        };
        assess(
            &touches,
            &rhythm,
            &Cadences::default(),
            now(),
            &TimeZone::UTC,
        )
    }

    #[test]
    fn readiness_by_stage() {
        use Stage::*;
        for (stage, ready) in [
            (New, false),
            (Contacted, false),
            (Conversing, true),
            (Met, true),
            (Connected, true),
            (Advocate, true),
            (Dormant, false),
        ] {
            let r = readiness(stage);
            assert_eq!(r.ready, ready, "{stage}");
            assert_eq!(
                r.nurture.is_some(),
                !ready,
                "{stage}: advice exactly when not ready"
            );
        }
    }

    #[test]
    fn who_can_start_a_path() {
        use Direction::{Inbound, Outbound};
        use InteractionKind as K;
        // Never touched, nothing set: no relationship, no first step.
        assert_eq!(first_hop_weight(&assessed(&[], None)), None);
        // Touched: the relationship's strength.
        let chat = assessed(
            &[(3, K::CoffeeChat, Outbound), (2, K::Message, Inbound)],
            None,
        );
        let w = first_hop_weight(&chat).unwrap();
        assert!((w - chat.strength.value).abs() < 1e-12 && w > 0.3, "{w}");
        // A stage set by hand without touches stands in with its floor.
        let friend = assessed(&[], Some(Stage::Connected));
        assert_eq!(first_hop_weight(&friend), Some(0.5));
        // Set back to new by hand: not a first step even with touches.
        let reset = assessed(&[(3, K::Message, Outbound)], Some(Stage::New));
        assert_eq!(first_hop_weight(&reset), None);
        // A stronger history than the floor keeps its strength.
        let strong = assessed(
            &[(1, K::Referral, Inbound), (5, K::CoffeeChat, Outbound)],
            Some(Stage::Met),
        );
        assert!(first_hop_weight(&strong).unwrap() > 0.4);
    }
}
