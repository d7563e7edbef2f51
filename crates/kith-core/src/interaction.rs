//! Interactions: timestamped touchpoints with one or more people.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::id::InteractionId;
use crate::parse::vocabulary;
use crate::person::PersonLink;

vocabulary!(
    /// What kind of touchpoint this was. Depth differs: a coffee chat says more than a message.
    InteractionKind, "interaction kind", {
        Message => "message",
        Email => "email",
        Call => "call",
        CoffeeChat => "coffee-chat",
        InformationalInterview => "informational-interview",
        Meetup => "meetup",
        HelpGiven => "help-given",
        HelpReceived => "help-received",
        Introduction => "introduction",
        Referral => "referral",
        Other => "other",
    }
);

vocabulary!(
    /// Where the touchpoint happened.
    Channel, "channel", {
        Email => "email",
        Linkedin => "linkedin",
        Phone => "phone",
        Text => "text",
        Video => "video",
        InPerson => "in-person",
        Chat => "chat",
        Social => "social",
        Other => "other",
    }
);

vocabulary!(
    /// Who reached out: the seeker (outbound) or the other person (inbound). Inbound
    /// touchpoints are the evidence that a relationship is reciprocal.
    Direction, "direction", {
        Outbound => "outbound",
        Inbound => "inbound",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub kind: InteractionKind,
    pub occurred_at: Timestamp,
    pub channel: Option<Channel>,
    pub direction: Direction,
    pub note: Option<String>,
    pub people: Vec<PersonLink>,
    /// When it was written down in kith, as opposed to when it happened; `None` on one
    /// built in memory and not stored yet (a batch writes the time it happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_leniently_and_display_canonically() {
        let cases = [
            ("coffee-chat", Some(InteractionKind::CoffeeChat)),
            ("Coffee_Chat", Some(InteractionKind::CoffeeChat)),
            (
                "informational interview",
                Some(InteractionKind::InformationalInterview),
            ),
            ("help-given", Some(InteractionKind::HelpGiven)),
            ("lunch", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                input.parse::<InteractionKind>().ok(),
                expected,
                "input {input:?}"
            );
        }
        for kind in InteractionKind::ALL {
            assert_eq!(kind.as_str().parse::<InteractionKind>().unwrap(), *kind);
        }
    }

    #[test]
    fn a_bad_kind_names_the_field_the_value_and_the_choices() {
        let err = "lunch".parse::<InteractionKind>().unwrap_err().to_string();
        assert!(err.contains("interaction kind"), "{err}");
        assert!(err.contains("\"lunch\""), "{err}");
        assert!(err.contains("coffee-chat"), "{err}");
    }

    #[test]
    fn vocabularies_serialize_as_their_canonical_text() {
        let json = serde_json::to_string(&Channel::InPerson).unwrap();
        assert_eq!(json, "\"in-person\"");
        assert_eq!(
            serde_json::from_str::<Channel>(&json).unwrap(),
            Channel::InPerson
        );
    }
}
