//! The rules behind `kith garden`: who was met and never followed up, and the weekly
//! rhythm of touches. Pure functions over touches, like the rest of the relationship rules.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

use crate::interaction::Direction;
use crate::relationship::{Touch, is_meeting};

/// The first meeting (coffee chat, informational interview, meetup) if nothing went out
/// from the seeker after it: the thank-you or follow-up that turns a meeting into a
/// relationship never happened.
pub fn unfollowed_meeting(touches: &[Touch]) -> Option<Timestamp> {
    let met = touches
        .iter()
        .filter(|t| is_meeting(t.kind))
        .map(|t| t.at)
        .min()?;
    let followed = touches
        .iter()
        .any(|t| t.at > met && t.direction == Direction::Outbound && !is_meeting(t.kind));
    let met_again = touches.iter().any(|t| t.at > met && is_meeting(t.kind));
    (!followed && !met_again).then_some(met)
}

/// One week (Monday to Sunday in the seeker's zone) of touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    pub starts: Date,
    pub touches: u64,
    pub people: u64,
    pub meetings: u64,
}

/// The last `weeks` weeks up to and including the one holding `now`, oldest first. Each
/// person's touches come as one slice; a person counts once per week.
pub fn weekly_trend<'a>(
    people: impl IntoIterator<Item = &'a [Touch]>,
    now: Timestamp,
    tz: &TimeZone,
    weeks: i64,
) -> Vec<Week> {
    let today = now.to_zoned_datetime(tz.clone()).date();
    let this_monday = today
        .checked_sub((today.weekday().to_monday_zero_offset() as i64).days())
        .unwrap_or(today);
    let first = this_monday
        .checked_sub(((weeks - 1) * 7).days())
        .unwrap_or(this_monday);
    let mut out: Vec<Week> = (0..weeks)
        .map(|i| Week {
            starts: first.checked_add((i * 7).days()).unwrap_or(first),
            touches: 0,
            people: 0,
            meetings: 0,
        })
        .collect();
    for touches in people {
        let mut seen = vec![false; out.len()];
        for t in touches.iter().filter(|t| t.at <= now) {
            let day = t.at.to_zoned_datetime(tz.clone()).date();
            if day < first {
                continue;
            }
            let Ok(span) = first.until(day) else { continue };
            let index = (span.get_days() / 7) as usize;
            let Some(week) = out.get_mut(index) else {
                continue;
            };
            week.touches += 1;
            if is_meeting(t.kind) {
                week.meetings += 1;
            }
            if !seen[index] {
                seen[index] = true;
                week.people += 1;
            }
        }
    }
    debug_assert!(out.iter().all(|w| w.starts.weekday() == Weekday::Monday));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction::InteractionKind as K;
    use Direction::{Inbound as In, Outbound as Out};

    fn at(text: &str) -> Timestamp {
        text.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(TimeZone::get("Europe/Berlin").unwrap())
            .unwrap()
            .timestamp()
    }

    fn t(when: &str, kind: K, direction: Direction) -> Touch {
        Touch {
            at: at(when),
            kind,
            direction,
        }
    }

    #[test]
    fn meetings_need_a_follow_up_from_the_seeker() {
        let met = "2026-11-02T18:00";
        let cases: Vec<(Vec<Touch>, bool)> = vec![
            (vec![], false),
            (vec![t("2026-11-01T10:00", K::Message, Out)], false),
            (vec![t(met, K::Meetup, In)], true),
            (
                vec![
                    t(met, K::CoffeeChat, Out),
                    t("2026-11-03T09:00", K::Message, In),
                ],
                true,
            ),
            (
                vec![
                    t(met, K::CoffeeChat, Out),
                    t("2026-11-03T09:00", K::Email, Out),
                ],
                false,
            ),
            (
                vec![
                    t(met, K::Meetup, In),
                    t("2026-11-10T19:00", K::CoffeeChat, Out),
                ],
                false,
            ),
            // A message before the meeting is not a follow-up of it.
            (
                vec![
                    t("2026-10-30T09:00", K::Message, Out),
                    t(met, K::Meetup, In),
                ],
                true,
            ),
        ];
        for (touches, expected) in cases {
            assert_eq!(
                unfollowed_meeting(&touches).is_some(),
                expected,
                "{touches:?}"
            );
        }
    }

    #[test]
    fn weeks_start_on_monday_in_the_seekers_zone() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let now = at("2026-11-25T12:00"); // a Wednesday
        let ada = [
            t("2026-11-23T00:30", K::Message, Out), // Monday just after midnight, local
            t("2026-11-22T23:30", K::Meetup, In),   // Sunday night: the week before
            t("2026-11-24T10:00", K::Email, Out),
            t("2026-11-30T10:00", K::Email, Out), // ahead of now: not counted
        ];
        let bob = [t("2026-11-24T08:00", K::CoffeeChat, Out)];
        let old = [t("2026-01-05T08:00", K::CoffeeChat, Out)];
        let weeks = weekly_trend([&ada[..], &bob[..], &old[..]], now, &berlin, 3);
        let starts: Vec<String> = weeks.iter().map(|w| w.starts.to_string()).collect();
        assert_eq!(starts, ["2026-11-09", "2026-11-16", "2026-11-23"]);
        assert_eq!(
            (weeks[2].touches, weeks[2].people, weeks[2].meetings),
            (3, 2, 1)
        );
        assert_eq!(
            (weeks[1].touches, weeks[1].people, weeks[1].meetings),
            (1, 1, 1)
        );
        assert_eq!(weeks[0].touches, 0);
    }
}
