//! Business days: the days the US Federal Reserve's payment services (ACH,
//! Fedwire) settle, that is Monday to Friday except the Federal Reserve's
//! holidays, computed for any year (not a list that runs out).
//!
//! The holidays (12 U.S.C. § 248, 5 U.S.C. § 6103; the Fed's "Holidays
//! Observed" schedule):
//! * New Year's Day (January 1), Juneteenth National Independence Day
//!   (June 19, from 2022, the first year the Fed observed it), Independence
//!   Day (July 4), Veterans Day (November 11) and Christmas Day (December 25):
//!   on a Sunday they are observed on the Monday after; on a Saturday they
//!   are **not** observed on the Friday before (the Fed's rule, unlike the
//!   federal government's: banks are open that Friday).
//! * Martin Luther King Jr. Day (third Monday of January), Washington's
//!   Birthday or Presidents Day (third Monday of February), Memorial Day
//!   (last Monday of May), Labor Day (first Monday of September), Columbus
//!   Day (second Monday of October), Thanksgiving Day (fourth Thursday of
//!   November).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The first year the Federal Reserve observed Juneteenth (June 19).
const JUNETEENTH_FROM: i32 = 2022;

/// The `n`th (1-based) `weekday` of `month` in `year`.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
}

/// The last `weekday` of `month` in `year`.
fn last_weekday(year: i32, month: u32, weekday: Weekday) -> Option<NaiveDate> {
    nth_weekday(year, month, weekday, 5).or_else(|| nth_weekday(year, month, weekday, 4))
}

/// A fixed-date holiday as the Federal Reserve observes it: on the Monday
/// after when it falls on a Sunday, not at all when it falls on a Saturday.
fn observed_fixed(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    match date.weekday() {
        Weekday::Sat => None,
        Weekday::Sun => Some(date + Duration::days(1)),
        _ => Some(date),
    }
}

/// The Federal Reserve's holidays observed in `year`, in date order (each a
/// Monday to Friday; a fixed holiday on a Saturday is not among them).
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    use Weekday::{Mon, Thu};
    let mut days: Vec<Option<NaiveDate>> = vec![
        observed_fixed(year, 1, 1),
        nth_weekday(year, 1, Mon, 3),
        nth_weekday(year, 2, Mon, 3),
        last_weekday(year, 5, Mon),
        if year >= JUNETEENTH_FROM {
            observed_fixed(year, 6, 19)
        } else {
            None
        },
        observed_fixed(year, 7, 4),
        nth_weekday(year, 9, Mon, 1),
        nth_weekday(year, 10, Mon, 2),
        observed_fixed(year, 11, 11),
        nth_weekday(year, 11, Thu, 4),
        observed_fixed(year, 12, 25),
    ];
    days.sort();
    days.into_iter().flatten().collect()
}

/// Whether the Federal Reserve is closed for a holiday on `date` (always a
/// Monday to Friday: July 4 on a Saturday is not a bank holiday, and
/// neither is the Friday before it).
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    bank_holidays(date.year()).contains(&date)
}

/// Whether payments settle on `date`: Monday to Friday and not a bank holiday.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(date)
}

/// `days` business days after `from` (see [`is_business_day`]); `from`
/// itself when `days` is 0.
pub fn add_business_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut d = from;
    let mut left = days;
    while left > 0 {
        d += Duration::days(1);
        if is_business_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    /// The Federal Reserve's published holiday schedule for 2026 and 2027
    /// (frbservices.org, "Holidays Observed by the Federal Reserve System").
    #[test]
    fn federal_reserve_schedule_2026_and_2027() {
        let want_2026 = vec![
            day(2026, 1, 1),
            day(2026, 1, 19),
            day(2026, 2, 16),
            day(2026, 5, 25),
            day(2026, 6, 19),
            // July 4 is a Saturday: not observed.
            day(2026, 9, 7),
            day(2026, 10, 12),
            day(2026, 11, 11),
            day(2026, 11, 26),
            day(2026, 12, 25),
        ];
        assert_eq!(bank_holidays(2026), want_2026);
        let want_2027 = vec![
            day(2027, 1, 1),
            day(2027, 1, 18),
            day(2027, 2, 15),
            day(2027, 5, 31),
            // June 19 is a Saturday: not observed.
            day(2027, 7, 5), // July 4 is a Sunday: observed on the Monday.
            day(2027, 9, 6),
            day(2027, 10, 11),
            day(2027, 11, 11),
            day(2027, 11, 25),
            // December 25 is a Saturday: not observed.
        ];
        assert_eq!(bank_holidays(2027), want_2027);
    }

    #[test]
    fn is_bank_holiday_table() {
        for (date, want) in [
            (day(2026, 7, 4), false), // Saturday
            (day(2026, 7, 3), false), // the Friday before: banks open
            (day(2027, 7, 4), false), // Sunday
            (day(2027, 7, 5), true),  // observed Monday
            (day(2027, 6, 18), false),
            (day(2027, 12, 24), false),
            (day(2027, 12, 31), false), // 2028's New Year's Day is a Saturday
            (day(2026, 11, 26), true),
            (day(2026, 11, 27), false), // the day after Thanksgiving
            (day(2021, 6, 18), false),  // before the Fed observed Juneteenth
            (day(2023, 6, 19), true),
            (day(2023, 1, 2), true),    // New Year's Day 2023 was a Sunday...
            (day(2022, 1, 1), false),   // ...2022's a Saturday, not observed
            (day(2021, 12, 31), false), // on the Friday before either
            (day(2023, 1, 16), true),
        ] {
            assert_eq!(is_bank_holiday(date), want, "{date}");
        }
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // 2026-11-27 is a Friday.
        assert_eq!(add_business_days(day(2026, 11, 27), 1), day(2026, 11, 30));
        assert_eq!(add_business_days(day(2026, 11, 28), 1), day(2026, 11, 30));
        assert_eq!(add_business_days(day(2026, 11, 23), 0), day(2026, 11, 23));
        // Thanksgiving (Thursday 2026-11-26) is skipped.
        assert_eq!(add_business_days(day(2026, 11, 23), 3), day(2026, 11, 27));
        assert_eq!(add_business_days(day(2026, 11, 25), 1), day(2026, 11, 27));
        // Christmas (Friday 2026-12-25) and the weekend after it.
        assert_eq!(add_business_days(day(2026, 12, 24), 1), day(2026, 12, 28));
        // July 4, 2026 is a Saturday: Friday July 3 is a business day.
        assert_eq!(add_business_days(day(2026, 7, 2), 1), day(2026, 7, 3));
        // July 4, 2027 is a Sunday: Monday July 5 is not.
        assert_eq!(add_business_days(day(2027, 7, 2), 1), day(2027, 7, 6));
    }

    proptest! {
        #[test]
        fn holidays_are_weekdays_and_in_their_year(year in 1990i32..2200) {
            let h = bank_holidays(year);
            // 11 holidays (10 before Juneteenth), less those on a Saturday.
            prop_assert!((8..=11).contains(&h.len()), "{year}: {h:?}");
            for d in &h {
                prop_assert_eq!(d.year(), year);
                prop_assert!(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun), "{d}");
                prop_assert!(!is_business_day(*d));
            }
            prop_assert!(h.windows(2).all(|w| w[0] < w[1]));
        }

        #[test]
        fn adding_business_days_lands_on_one_and_counts_them(
            offset in 0i64..40_000, days in 0u32..40
        ) {
            let from = day(2000, 1, 1) + Duration::days(offset);
            let to = add_business_days(from, days);
            prop_assert!(to >= from);
            if days > 0 {
                prop_assert!(is_business_day(to));
            }
            let counted = (1..=(to - from).num_days())
                .filter(|i| is_business_day(from + Duration::days(*i)))
                .count();
            prop_assert_eq!(counted, days as usize);
            // Never more than a weekend plus two holidays in a row apart.
            prop_assert!((to - from).num_days() <= i64::from(days) * 5);
            prop_assert!(add_business_days(from, days + 1) > to);
        }
    }
}
