//! Typed identifiers: one newtype per entity so a person's ID can never be passed where a
//! company's is expected. All are UUIDv7 (time-ordered, so indexes stay append-friendly).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered ID.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

typed_id!(
    /// The account that owns a row. Every stored row has exactly one.
    OwnerId
);
typed_id!(PersonId);
typed_id!(CompanyId);
typed_id!(TieId);
typed_id!(InteractionId);
typed_id!(FollowUpId);
typed_id!(EventId);
typed_id!(PitchId);
typed_id!(QuestionId);
typed_id!(LeadId);
typed_id!(ReferralId);
typed_id!(ApplicationId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text_and_json() {
        let id = PersonId::new();
        assert_eq!(id.to_string().parse::<PersonId>().unwrap(), id);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<PersonId>(&json).unwrap(), id);
    }

    #[test]
    fn ids_are_time_ordered() {
        let a = InteractionId::new();
        let b = InteractionId::new();
        assert!(a < b, "{a} should sort before {b}");
        assert_eq!(a.as_uuid().get_version_num(), 7);
    }
}
