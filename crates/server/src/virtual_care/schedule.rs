//! Open times of a provider's virtual visits, computed from its hours (not
//! stored): appointments every half hour in office hours on weekdays for
//! [`BOOK_AHEAD_DAYS`] days, kept in the provider's time zone (so they stay
//! at 9:00 local across a daylight-saving change); on-demand visits start
//! every [`ON_DEMAND_EVERY_MINUTES`] minutes, day and night, for the next
//! [`ON_DEMAND_HOURS`] hours. A booked time is no longer open; the database
//! holds one booking per provider and start (a unique index), which is what
//! makes double-booking impossible.

use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use portal_domain::care::virtual_visit::{bookable, Slot, VisitMode, BOOK_AHEAD_DAYS};
use std::collections::HashSet;

/// Length of an appointment, in minutes.
pub const SCHEDULED_MINUTES: i64 = 30;
/// Length of an on-demand visit, in minutes.
pub const ON_DEMAND_MINUTES: i64 = 15;
/// On-demand visits start this often, in minutes.
pub const ON_DEMAND_EVERY_MINUTES: i64 = 5;
/// How far ahead on-demand times are offered, in hours.
pub const ON_DEMAND_HOURS: i64 = 24;
/// Office hours (local): first start and the end of the last visit.
pub const OFFICE_HOURS: (u32, u32) = (9, 17);

/// A visit's length in this mode, in seconds.
pub fn length_secs(mode: VisitMode) -> i64 {
    60 * match mode {
        VisitMode::Scheduled => SCHEDULED_MINUTES,
        VisitMode::OnDemand => ON_DEMAND_MINUTES,
    }
}

/// Every start the provider offers from `now` on (booked or not).
pub fn starts(mode: VisitMode, tz: Tz, now: i64) -> Vec<i64> {
    let mut out = Vec::new();
    match mode {
        VisitMode::OnDemand => {
            let step = ON_DEMAND_EVERY_MINUTES * 60;
            let mut t = (now / step + 1) * step;
            while t <= now + ON_DEMAND_HOURS * 3600 {
                if bookable(now, t) {
                    out.push(t);
                }
                t += step;
            }
        }
        VisitMode::Scheduled => {
            let Some(today) = Utc.timestamp_opt(now, 0).single() else {
                return out;
            };
            let today = today.with_timezone(&tz).date_naive();
            let step = SCHEDULED_MINUTES * 60;
            let (open, close) = OFFICE_HOURS;
            for offset in 0..=BOOK_AHEAD_DAYS {
                let day = today + Duration::days(offset);
                if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    continue;
                }
                let Some(first) = NaiveTime::from_hms_opt(open, 0, 0) else {
                    continue;
                };
                let mut local = day.and_time(first);
                let last = i64::from(close - open) * 3600 - step;
                for _ in 0..=last / step {
                    // A time that does not exist or happens twice on a
                    // daylight-saving day is not offered.
                    if let Some(at) = tz.from_local_datetime(&local).single() {
                        let t = at.timestamp();
                        if bookable(now, t) {
                            out.push(t);
                        }
                    }
                    local += Duration::seconds(step);
                }
            }
        }
    }
    out
}

/// The open times: [`starts`] without the `booked` ones.
pub fn open_slots(mode: VisitMode, tz: Tz, now: i64, booked: &HashSet<i64>) -> Vec<Slot> {
    let len = length_secs(mode);
    starts(mode, tz, now)
        .into_iter()
        .filter(|t| !booked.contains(t))
        .map(|t| Slot {
            starts_at: t,
            ends_at: t + len,
        })
        .collect()
}

/// A start as members read it, in the provider's time zone with its
/// abbreviation: "Tuesday, December 8 at 10:30 AM PST".
pub fn when_words(t: i64, tz: Tz) -> String {
    match Utc.timestamp_opt(t, 0).single() {
        Some(at) => at
            .with_timezone(&tz)
            .format("%A, %B %-d at %-I:%M %p %Z")
            .to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        let day = NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let time = NaiveTime::from_hms_opt(h, min, 0).expect("time");
        tz.from_local_datetime(&day.and_time(time))
            .single()
            .expect("one instant")
            .timestamp()
    }

    const LA: Tz = chrono_tz::America::Los_Angeles;

    #[test]
    fn appointments_are_weekday_office_hours_in_the_providers_zone() {
        // Friday 4 December 2026, 8:00 in Seattle.
        let now = at(LA, 2026, 12, 4, 8, 0);
        let all = starts(VisitMode::Scheduled, LA, now);
        assert_eq!(all.first(), Some(&at(LA, 2026, 12, 4, 9, 0)));
        // 16 a day: 9:00 to 16:30.
        assert!(all.contains(&at(LA, 2026, 12, 4, 16, 30)));
        assert!(!all.contains(&at(LA, 2026, 12, 4, 17, 0)));
        // None on the weekend; Monday starts at 9:00 again.
        assert!(!all
            .iter()
            .any(|t| (at(LA, 2026, 12, 5, 0, 0)..at(LA, 2026, 12, 7, 0, 0)).contains(t)));
        assert!(all.contains(&at(LA, 2026, 12, 7, 9, 0)));
        // Ten weekdays: Friday 4 December to Thursday 17 (Friday 18 at 9:00
        // is more than 14 days after Friday 4 at 8:00).
        assert_eq!(all.len(), 10 * 16);
        assert_eq!(all.last(), Some(&at(LA, 2026, 12, 17, 16, 30)));
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(when_words(all[0], LA), "Friday, December 4 at 9:00 AM PST");
    }

    #[test]
    fn office_hours_stay_local_across_daylight_saving() {
        // Spring forward on Sunday 8 March 2026: Monday 9:00 is PDT (UTC-7).
        let now = at(LA, 2026, 3, 6, 18, 0);
        let all = starts(VisitMode::Scheduled, LA, now);
        let monday = at(LA, 2026, 3, 9, 9, 0);
        assert!(all.contains(&monday));
        assert_eq!(monday - at(LA, 2026, 3, 6, 9, 0), 3 * 86_400 - 3600);
        assert_eq!(when_words(monday, LA), "Monday, March 9 at 9:00 AM PDT");
    }

    #[test]
    fn a_time_starting_within_two_minutes_is_not_offered() {
        let now = at(LA, 2026, 12, 4, 8, 59) + 1;
        let all = starts(VisitMode::Scheduled, LA, now);
        assert_eq!(all.first(), Some(&at(LA, 2026, 12, 4, 9, 30)));
    }

    #[test]
    fn on_demand_starts_every_five_minutes_and_one_is_always_soon() {
        for extra in [0, 59, 61, 179, 181, 299] {
            let now = at(LA, 2026, 12, 4, 23, 55) + extra;
            let all = starts(VisitMode::OnDemand, LA, now);
            let first = all[0];
            // Always joinable within ten minutes of booking it.
            assert!(
                first - now <= 7 * 60 && first - now >= 120,
                "{extra}: {}",
                first - now
            );
            assert!(all.windows(2).all(|w| w[1] - w[0] == 300));
            assert!(all.last().is_some_and(|l| *l <= now + 24 * 3600));
        }
    }

    #[test]
    fn booked_times_are_not_open() {
        let now = at(LA, 2026, 12, 4, 8, 0);
        let first = at(LA, 2026, 12, 4, 9, 0);
        let booked: HashSet<i64> = [first].into();
        let open = open_slots(VisitMode::Scheduled, LA, now, &booked);
        assert_eq!(open[0].starts_at, first + 1800);
        assert_eq!(open[0].ends_at, first + 3600);
    }
}
