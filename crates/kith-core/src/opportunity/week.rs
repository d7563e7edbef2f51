//! A job search is a habit: this week against the seeker's weekly goals, and how many
//! weeks in a row each goal has been met. Weeks run Monday to Sunday in the seeker's
//! calendar; the caller turns instants into local dates.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::Goals;

/// What happened on which day, one date per occurrence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// The days someone answered the seeker for the first time.
    pub new_conversations: Vec<Date>,
    /// Coffee chats and informational interviews.
    pub coffee_chats: Vec<Date>,
    pub follow_ups_done: Vec<Date>,
    pub applications: Vec<Date>,
}

/// The Monday starting the week `day` is in.
pub fn week_start(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(back.days()).unwrap_or(day)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalLine {
    pub goal: &'static str,
    pub target: u32,
    pub this_week: u32,
    pub met: bool,
    /// Weeks in a row the goal was met: back from this week when it is met already,
    /// else from last week (this week is not over).
    pub streak: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Untracked {
    pub goal: &'static str,
    pub this_week: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cap {
    pub cap: u32,
    pub this_week: u32,
    pub exceeded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekReport {
    pub week_start: Date,
    pub week_end: Date,
    pub goals: Vec<GoalLine>,
    /// What happened this week for goals not set, so the numbers are there anyway.
    pub untracked: Vec<Untracked>,
    pub cap: Option<Cap>,
}

/// Streaks look back at most this many weeks.
const MAX_STREAK_WEEKS: u32 = 520;

fn count_in(dates: &[Date], start: Date) -> u32 {
    let end = start.checked_add(7.days()).unwrap_or(start);
    dates.iter().filter(|d| **d >= start && **d < end).count() as u32
}

fn streak(dates: &[Date], target: u32, this_week: Date) -> u32 {
    let earliest = dates.iter().min().copied();
    let mut week = this_week;
    if count_in(dates, week) < target {
        week = week.checked_sub(7.days()).unwrap_or(week);
    }
    let mut weeks = 0;
    while weeks < MAX_STREAK_WEEKS && count_in(dates, week) >= target {
        weeks += 1;
        // A goal of 0 is met every week: stop at the first week with any record.
        if earliest.is_none_or(|e| week <= e) {
            break;
        }
        week = week.checked_sub(7.days()).unwrap_or(week);
    }
    weeks
}

pub fn report(goals: &Goals, activity: &Activity, today: Date) -> WeekReport {
    let start = week_start(today);
    let rows: [(&'static str, Option<u32>, &[Date]); 4] = [
        (
            "new conversations",
            goals.new_conversations,
            &activity.new_conversations,
        ),
        ("coffee chats", goals.coffee_chats, &activity.coffee_chats),
        (
            "follow-ups done",
            goals.follow_ups_done,
            &activity.follow_ups_done,
        ),
        ("applications", goals.applications, &activity.applications),
    ];
    let mut lines = Vec::new();
    let mut untracked = Vec::new();
    for (goal, target, dates) in rows {
        let this_week = count_in(dates, start);
        match target {
            Some(target) => lines.push(GoalLine {
                goal,
                target,
                this_week,
                met: this_week >= target,
                streak: streak(dates, target, start),
            }),
            None => untracked.push(Untracked { goal, this_week }),
        }
    }
    let cap = goals.application_cap.map(|cap| {
        let this_week = count_in(&activity.applications, start);
        Cap {
            cap,
            this_week,
            exceeded: this_week > cap,
        }
    });
    WeekReport {
        week_start: start,
        week_end: start.checked_add(6.days()).unwrap_or(start),
        goals: lines,
        untracked,
        cap,
    }
}

/// Whether one more application this week would pass the cap: (applications this week
/// with it, the cap).
pub fn over_cap(goals: &Goals, applications: &[Date], day: Date) -> Option<(u32, u32)> {
    let cap = goals.application_cap?;
    let with_it = count_in(applications, week_start(day)) + 1;
    (with_it > cap).then_some((with_it, cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_start_on_monday() {
        // 2026-11-23 is a Monday.
        for (day, monday) in [
            (date(2026, 11, 23), date(2026, 11, 23)),
            (date(2026, 11, 29), date(2026, 11, 23)),
            (date(2026, 11, 30), date(2026, 11, 30)),
            (date(2026, 11, 22), date(2026, 11, 16)),
        ] {
            assert_eq!(week_start(day), monday, "{day}");
        }
    }

    #[test]
    fn streaks_count_weeks_in_a_row_back_from_the_last_complete_or_met_week() {
        let today = date(2026, 11, 25); // Wednesday
        // Chats: 2 this week, 2 last week, 2 the week before, 1 the week before that.
        let chats = vec![
            date(2026, 11, 23),
            date(2026, 11, 24),
            date(2026, 11, 16),
            date(2026, 11, 20),
            date(2026, 11, 9),
            date(2026, 11, 15),
            date(2026, 11, 4),
        ];
        // Applications: none this week, 1 in each of the two weeks before.
        let apps = vec![date(2026, 11, 17), date(2026, 11, 10)];
        let goals = Goals {
            coffee_chats: Some(2),
            applications: Some(1),
            follow_ups_done: Some(3),
            application_cap: Some(1),
            ..Goals::default()
        };
        let activity = Activity {
            coffee_chats: chats,
            applications: apps,
            new_conversations: vec![date(2026, 11, 24)],
            ..Activity::default()
        };
        let r = report(&goals, &activity, today);
        assert_eq!(r.week_start, date(2026, 11, 23));
        assert_eq!(r.week_end, date(2026, 11, 29));
        let line = |g: &str| r.goals.iter().find(|l| l.goal == g).unwrap().clone();
        let chats = line("coffee chats");
        assert_eq!((chats.this_week, chats.met, chats.streak), (2, true, 3));
        // Not met yet this week: the streak is last week's, not broken.
        let apps = line("applications");
        assert_eq!((apps.this_week, apps.met, apps.streak), (0, false, 2));
        let fu = line("follow-ups done");
        assert_eq!((fu.this_week, fu.met, fu.streak), (0, false, 0));
        assert_eq!(
            r.untracked,
            vec![Untracked {
                goal: "new conversations",
                this_week: 1
            }]
        );
        let cap = r.cap.unwrap();
        assert_eq!((cap.this_week, cap.exceeded), (0, false));
    }

    #[test]
    fn the_cap_counts_this_weeks_applications_with_the_new_one() {
        let goals = Goals {
            application_cap: Some(2),
            ..Goals::default()
        };
        let monday = date(2026, 11, 23);
        let one = [monday];
        let two = [monday, date(2026, 11, 24)];
        let last_week = [date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)];
        assert_eq!(over_cap(&goals, &one, date(2026, 11, 25)), None);
        assert_eq!(over_cap(&goals, &two, date(2026, 11, 25)), Some((3, 2)));
        assert_eq!(over_cap(&goals, &last_week, date(2026, 11, 25)), None);
        assert_eq!(over_cap(&Goals::default(), &two, monday), None);
    }

    #[test]
    fn a_goal_of_zero_is_met_without_an_endless_streak() {
        let goals = Goals {
            applications: Some(0),
            ..Goals::default()
        };
        let r = report(&goals, &Activity::default(), date(2026, 11, 25));
        assert_eq!(r.goals[0].streak, 1);
        assert!(r.goals[0].met);
    }
}
