//! Choosing a primary care provider (issue 14): who may be one, for whom,
//! and when the change takes effect. The same rules decide what the
//! listing page offers and what the server accepts.
//!
//! * A PCP is a family physician, an internist, a pediatrician or a nurse
//!   practitioner, in the network of the member's plan, taking new patients
//!   (or already the member's PCP).
//! * Pediatricians see members under 21; internists members 18 and over.
//! * A change takes effect on the first day of the next month (the day the
//!   new PCP's panel and the member's ID card change).

use crate::code_enum::code_enum;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The NUCC taxonomies that may be a primary care provider.
pub const PRIMARY_CARE: [&str; 4] = ["207Q00000X", "207R00000X", "208000000X", "363L00000X"];

/// Pediatricians see members younger than this.
pub const PEDIATRICS_UNDER: i32 = 21;
/// Internists see members this old or older.
pub const INTERNAL_MEDICINE_FROM: i32 = 18;

code_enum! {
    /// Why a listing cannot be someone's PCP.
    PcpRefusal {
        /// Not a primary care specialty.
        NotPrimaryCare = "not_primary_care" / "This provider is not a primary care provider.",
        /// Out of the member's plan's network.
        OutOfNetwork = "out_of_network" / "This provider is not in your plan's network.",
        /// Not taking new patients.
        NotAccepting = "not_accepting" / "This provider is not accepting new patients.",
        /// A pediatrician for someone 21 or older.
        TooOld = "too_old" / "Pediatricians see patients under 21.",
        /// An internist for someone under 18.
        TooYoung = "too_young" / "Internal medicine doctors see patients 18 and older.",
    }
}

/// What is known about a listing and a member when choosing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PcpCandidate<'a> {
    /// The listing's NUCC taxonomy.
    pub taxonomy: &'a str,
    /// A clinician (not a facility).
    pub practitioner: bool,
    /// In the network of the member's plan.
    pub in_network: bool,
    /// Taking new patients.
    pub accepting_new: bool,
    /// Already this member's PCP (taking new patients does not matter then).
    pub already_theirs: bool,
    /// The member's age in years.
    pub age: i32,
}

/// Whether the listing may be the member's PCP.
pub fn check(c: &PcpCandidate<'_>) -> Result<(), PcpRefusal> {
    if !c.practitioner || !PRIMARY_CARE.contains(&c.taxonomy) {
        return Err(PcpRefusal::NotPrimaryCare);
    }
    if !c.in_network {
        return Err(PcpRefusal::OutOfNetwork);
    }
    if c.taxonomy == "208000000X" && c.age >= PEDIATRICS_UNDER {
        return Err(PcpRefusal::TooOld);
    }
    if c.taxonomy == "207R00000X" && c.age < INTERNAL_MEDICINE_FROM {
        return Err(PcpRefusal::TooYoung);
    }
    if !c.accepting_new && !c.already_theirs {
        return Err(PcpRefusal::NotAccepting);
    }
    Ok(())
}

/// The day a PCP chosen on `today` takes effect: the first of next month.
pub fn effective(today: NaiveDate) -> NaiveDate {
    let (y, m) = if today.month() == 12 {
        (today.year() + 1, 1)
    } else {
        (today.year(), today.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today)
}

/// `POST /api/v1/members/{id}/pcp`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoosePcpRequest {
    /// The directory listing chosen.
    pub listing_id: i64,
}

/// A chosen PCP and when they take over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PcpChange {
    /// The member.
    pub member_id: i64,
    /// The member's first name.
    pub first_name: String,
    /// The new PCP as shown on the ID card ("Dr. Ana Ruiz, MD").
    pub name: String,
    /// Their phone.
    pub phone: String,
    /// The directory listing.
    pub listing_id: i64,
    /// The first day they are the member's PCP.
    pub effective: NaiveDate,
}

/// Whether two names are one person: the part before the first comma
/// ("Dr. Maya Ellison, MD" and "Dr. Maya Ellison, Evergreen Family
/// Medicine"), case-insensitive.
pub fn same_person(a: &str, b: &str) -> bool {
    let person = |s: &str| s.split(',').next().unwrap_or(s).trim().to_lowercase();
    person(a) == person(b)
}

/// Someone in the household the caller may choose this listing for (the
/// caller, and the household's children under 18 the caller may see).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PcpChoice {
    /// The member.
    pub member_id: i64,
    /// Their first name.
    pub first_name: String,
    /// Why not, when this listing cannot be their PCP.
    pub refusal: Option<PcpRefusal>,
    /// Already their PCP.
    pub current: bool,
    /// Chosen already, from this day (not in effect yet).
    pub chosen_from: Option<NaiveDate>,
}

/// Members this old and older choose their own PCP.
pub const CHOOSES_OWN_FROM: i32 = 18;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn base() -> PcpCandidate<'static> {
        PcpCandidate {
            taxonomy: "207Q00000X",
            practitioner: true,
            in_network: true,
            accepting_new: true,
            already_theirs: false,
            age: 40,
        }
    }

    #[test]
    fn who_may_be_a_pcp() {
        let cases: &[(PcpCandidate<'static>, Result<(), PcpRefusal>)] = &[
            (base(), Ok(())),
            (
                PcpCandidate {
                    taxonomy: "207RC0000X",
                    ..base()
                },
                Err(PcpRefusal::NotPrimaryCare),
            ),
            (
                PcpCandidate {
                    practitioner: false,
                    ..base()
                },
                Err(PcpRefusal::NotPrimaryCare),
            ),
            (
                PcpCandidate {
                    in_network: false,
                    ..base()
                },
                Err(PcpRefusal::OutOfNetwork),
            ),
            (
                PcpCandidate {
                    accepting_new: false,
                    ..base()
                },
                Err(PcpRefusal::NotAccepting),
            ),
            (
                PcpCandidate {
                    accepting_new: false,
                    already_theirs: true,
                    ..base()
                },
                Ok(()),
            ),
            (
                PcpCandidate {
                    taxonomy: "208000000X",
                    age: 20,
                    ..base()
                },
                Ok(()),
            ),
            (
                PcpCandidate {
                    taxonomy: "208000000X",
                    age: 21,
                    ..base()
                },
                Err(PcpRefusal::TooOld),
            ),
            (
                PcpCandidate {
                    taxonomy: "207R00000X",
                    age: 17,
                    ..base()
                },
                Err(PcpRefusal::TooYoung),
            ),
            (
                PcpCandidate {
                    taxonomy: "207R00000X",
                    age: 18,
                    ..base()
                },
                Ok(()),
            ),
            (
                PcpCandidate {
                    taxonomy: "363L00000X",
                    age: 3,
                    ..base()
                },
                Ok(()),
            ),
        ];
        for (c, want) in cases {
            assert_eq!(check(c), *want, "{c:?}");
        }
    }

    #[test]
    fn one_person_by_name() {
        assert!(same_person(
            "Dr. Maya Ellison, MD",
            "Dr. Maya Ellison, Evergreen Family Medicine"
        ));
        assert!(same_person("dr. maya ellison", "Dr. Maya Ellison, MD"));
        assert!(!same_person("Dr. Maya Ellison, MD", "Dr. Omar Haddad, MD"));
    }

    #[test]
    fn takes_effect_on_the_first_of_next_month() {
        assert_eq!(effective(d(2026, 11, 23)), d(2026, 12, 1));
        assert_eq!(effective(d(2026, 12, 1)), d(2027, 1, 1));
        assert_eq!(effective(d(2026, 12, 31)), d(2027, 1, 1));
        assert_eq!(effective(d(2028, 1, 31)), d(2028, 2, 1));
    }
}
