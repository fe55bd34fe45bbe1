//! Who in a household may see whose health information.
//!
//! The rule (enforced by the server in one place, explained by the UI):
//! 1. Everyone sees themselves.
//! 2. The subscriber sees dependent children under 18.
//! 3. Anyone else (a spouse, a dependent aged 18 or over) is seen by another
//!    household member only after recording their consent to share with
//!    that person. So a spouse sees only themselves unless someone shares
//!    with them, and an adult dependent's claims stay private from the
//!    subscriber until they agree.
//!
//! Age is counted on the day of the request: a child turning 18 becomes
//! private from that day unless they have consented.

use crate::api::Relationship;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Age at which a dependent's information becomes their own to share.
pub const AGE_OF_CONSENT: i32 = 18;

/// A household member as the visibility rule needs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Person {
    /// Opaque member id.
    pub id: i64,
    /// Relationship to the subscriber.
    pub relationship: Relationship,
    /// Date of birth.
    pub born: NaiveDate,
}

/// Why a household member's information is not shown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HiddenReason {
    /// A dependent aged 18 or over who has not agreed to share.
    AdultDependent,
    /// A spouse who has not agreed to share.
    Spouse,
    /// The viewer is not the subscriber; others share with them only by consent.
    NotShared,
}

impl HiddenReason {
    /// A plain explanation for the person who cannot see.
    pub fn message(self) -> &'static str {
        match self {
            Self::AdultDependent => {
                "Family members aged 18 or over decide who sees their health information. \
                 They can share it with you from their own account (Account, Family sharing)."
            }
            Self::Spouse => {
                "Your spouse's health information is private unless they share it with you \
                 from their own account (Account, Family sharing)."
            }
            Self::NotShared => {
                "You see only your own health information unless a family member shares \
                 theirs with you from their own account."
            }
        }
    }
}

/// Age in whole years on `day`.
pub fn age_on(born: NaiveDate, day: NaiveDate) -> i32 {
    day.year() - born.year() - i32::from((day.month(), day.day()) < (born.month(), born.day()))
}

/// Whether `viewer` may see `target`'s information: `Ok(())`, or why not.
/// `consented` says whether `target` has recorded consent to share with `viewer`.
pub fn may_see(
    viewer: &Person,
    target: &Person,
    consented: bool,
    today: NaiveDate,
) -> Result<(), HiddenReason> {
    if viewer.id == target.id || consented {
        return Ok(());
    }
    let minor = age_on(target.born, today) < AGE_OF_CONSENT;
    match (viewer.relationship, target.relationship) {
        (Relationship::Subscriber, Relationship::Child) if minor => Ok(()),
        (Relationship::Subscriber, Relationship::Child) => Err(HiddenReason::AdultDependent),
        (Relationship::Subscriber, Relationship::Spouse) => Err(HiddenReason::Spouse),
        _ => Err(HiddenReason::NotShared),
    }
}

/// Whether `target` may record consent to share with `viewer`: both are
/// adults, and the rule would otherwise hide `target` from `viewer` (a
/// minor's information is not theirs to share yet, and minors are not
/// offered anyone's).
pub fn can_share_with(target: &Person, viewer: &Person, today: NaiveDate) -> bool {
    target.id != viewer.id
        && age_on(target.born, today) >= AGE_OF_CONSENT
        && age_on(viewer.born, today) >= AGE_OF_CONSENT
        && may_see(viewer, target, false, today).is_err()
}

/// Whether household totals that count everyone on the plan (the family
/// deductible and out-of-pocket amounts met) would reveal a hidden person's
/// spending to a viewer from whom `hidden` people are hidden: with exactly
/// one hidden, the total minus what the viewer sees is that person's. With
/// none nothing is hidden; with two or more only their sum shows, which the
/// plan's family limits make unavoidable.
pub fn household_totals_reveal_someone(hidden: usize) -> bool {
    hidden == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn p(id: i64, relationship: Relationship, born: NaiveDate) -> Person {
        Person {
            id,
            relationship,
            born,
        }
    }

    #[test]
    fn visibility_table() {
        use HiddenReason::{AdultDependent, NotShared};
        use Relationship::{Child, Subscriber};
        let today = d(2026, 11, 23);
        let sub = p(1, Subscriber, d(1984, 3, 14));
        let spouse = p(2, Relationship::Spouse, d(1986, 7, 22));
        let adult = p(3, Child, d(2007, 5, 9));
        let minor = p(4, Child, d(2015, 11, 30));
        let turns_18_today = p(5, Child, d(2008, 11, 23));
        let turns_18_tomorrow = p(6, Child, d(2008, 11, 24));
        let cases = [
            (sub, sub, false, Ok(())),
            (sub, minor, false, Ok(())),
            (sub, adult, false, Err(AdultDependent)),
            (sub, adult, true, Ok(())),
            (sub, spouse, false, Err(HiddenReason::Spouse)),
            (sub, spouse, true, Ok(())),
            (sub, turns_18_today, false, Err(AdultDependent)),
            (sub, turns_18_tomorrow, false, Ok(())),
            (spouse, spouse, false, Ok(())),
            (spouse, sub, false, Err(NotShared)),
            (spouse, minor, false, Err(NotShared)),
            (spouse, sub, true, Ok(())),
            (adult, sub, false, Err(NotShared)),
            (minor, sub, false, Err(NotShared)),
        ];
        for (viewer, target, consent, expected) in cases {
            assert_eq!(
                may_see(&viewer, &target, consent, today),
                expected,
                "viewer {} target {} consent {consent}",
                viewer.id,
                target.id
            );
        }
    }

    #[test]
    fn who_can_share() {
        use Relationship::*;
        let today = d(2026, 11, 23);
        let sub = p(1, Subscriber, d(1984, 3, 14));
        let spouse = p(2, Spouse, d(1986, 7, 22));
        let adult = p(3, Child, d(2007, 5, 9));
        let minor = p(4, Child, d(2015, 11, 30));
        assert!(can_share_with(&adult, &sub, today));
        assert!(can_share_with(&spouse, &sub, today));
        assert!(can_share_with(&sub, &spouse, today));
        assert!(!can_share_with(&minor, &sub, today), "already visible");
        assert!(
            !can_share_with(&minor, &spouse, today),
            "a minor cannot consent"
        );
        assert!(!can_share_with(&sub, &sub, today));
        assert!(!can_share_with(&adult, &minor, today), "not with a minor");
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d(2007, 5, 9), d(2026, 5, 8)), 18);
        assert_eq!(age_on(d(2007, 5, 9), d(2026, 5, 9)), 19);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
    }

    #[test]
    fn household_totals_are_withheld_when_exactly_one_person_is_hidden() {
        for (hidden, reveals) in [(0, false), (1, true), (2, false), (3, false)] {
            assert_eq!(
                household_totals_reveal_someone(hidden),
                reveals,
                "{hidden} hidden"
            );
        }
        let p = crate::estimate::Progress {
            family_deductible_met: crate::Money::from_cents(120_000),
            family_deductible: crate::Money::from_cents(400_000),
            family_oop_met: crate::Money::from_cents(150_000),
            ..Default::default()
        };
        let one = p.for_viewer(1);
        assert!(one.family_withheld);
        assert_eq!(
            (one.family_deductible_met, one.family_oop_met),
            (crate::Money::ZERO, crate::Money::ZERO)
        );
        assert_eq!(
            one.family_deductible, p.family_deductible,
            "the limit stays"
        );
        assert_eq!(p.for_viewer(0), p);
        assert_eq!(p.for_viewer(2), p);
    }
}
