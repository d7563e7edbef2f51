//! Ties: "A knows B", the edges intro paths are found along.

use serde::{Deserialize, Serialize};

use crate::id::TieId;
use crate::parse::{ParseError, vocabulary};
use crate::person::PersonLink;

vocabulary!(
    /// How two people know each other.
    TieKind, "tie kind", {
        Colleague => "colleague",
        Friend => "friend",
        Introduced => "introduced",
        MetAtEvent => "met-at-event",
        Online => "online",
        Other => "other",
    }
);

/// A declared strength from 1 (barely) to 5 (would do anything for each other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct TieStrength(u8);

impl TieStrength {
    pub const MIN: u8 = 1;
    /// The weakest tie: what kith's guesses get.
    pub const MIN_STRENGTH: TieStrength = TieStrength(Self::MIN);
    pub const MAX: u8 = 5;

    pub fn new(value: u8) -> Result<Self, ParseError> {
        if (Self::MIN..=Self::MAX).contains(&value) {
            Ok(Self(value))
        } else {
            Err(ParseError::new(
                "tie strength",
                &value.to_string(),
                "1 to 5",
            ))
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }

    /// The strength as a weight in (0, 1].
    pub fn weight(self) -> f64 {
        f64::from(self.0) / f64::from(Self::MAX)
    }
}

impl TryFrom<u8> for TieStrength {
    type Error = ParseError;
    fn try_from(value: u8) -> Result<Self, ParseError> {
        Self::new(value)
    }
}

impl From<TieStrength> for u8 {
    fn from(s: TieStrength) -> u8 {
        s.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    pub id: TieId,
    pub a: PersonLink,
    pub b: PersonLink,
    pub kind: TieKind,
    pub strength: TieStrength,
    pub note: Option<String>,
    /// Guessed by kith (same company at the same time), not declared by the seeker.
    pub inferred: bool,
    /// When it was written down in kith; `None` on one built in memory and not stored yet
    /// (a batch writes the time it is written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<jiff::Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_is_one_to_five() {
        for (value, ok) in [(0, false), (1, true), (3, true), (5, true), (6, false)] {
            assert_eq!(TieStrength::new(value).is_ok(), ok, "value {value}");
        }
        assert!((TieStrength::new(5).unwrap().weight() - 1.0).abs() < f64::EPSILON);
    }
}
