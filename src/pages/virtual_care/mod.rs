//! Virtual visits (issue 14): `/care/virtual` (what the plan covers, priced
//! now; booking; upcoming and past visits) and `/care/virtual/:reference`
//! (one visit: join, calendar file, move, cancel). Times are shown in the
//! provider's time zone with its abbreviation, as the server keeps them;
//! "Join" follows [`portal_domain::care::virtual_visit::join_state`], the
//! rule the server applies.

mod book;
mod overview;
mod slots;
mod visit;

pub use overview::VirtualCarePage;
pub use visit::VirtualVisitRoutePage;

use crate::browser::{time_zone, zoned_time};
use portal_domain::care::virtual_visit::Slot;

/// A start in the provider's zone ("Tue, Dec 8, 10:30 AM PST"), and in the
/// member's own when that differs ("(9:30 AM MST your time)").
pub(crate) fn when(starts_at: i64, zone: &str) -> String {
    let there = zoned_time(starts_at, zone, true);
    let mine = time_zone();
    if mine.is_empty() || mine == zone {
        there
    } else {
        format!(
            "{there} ({} your time)",
            zoned_time(starts_at, &mine, false)
        )
    }
}

/// Open times grouped by their day in `zone`, in order.
pub(crate) fn by_day(slots: &[Slot], zone: &str) -> Vec<(String, Vec<Slot>)> {
    let mut days: Vec<(String, Vec<Slot>)> = Vec::new();
    for s in slots {
        let day = crate::browser::zoned_day(s.starts_at, zone);
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(*s),
            _ => days.push((day, vec![*s])),
        }
    }
    days
}
