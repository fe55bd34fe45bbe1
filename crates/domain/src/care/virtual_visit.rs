//! Virtual visits (issue 14): what the plan covers for them, who offers
//! them, booking a time, and when the member may join. The browser and the
//! server apply the same rules: the page offers "Join" exactly when the
//! server will hand out the vendor's room address.
//!
//! * Times are instants in whole seconds since 1970 (UTC); each provider
//!   has an IANA time zone in which its hours are kept, and the page shows
//!   times in it with its abbreviation ("10:30 AM PST").
//! * A time can be booked until [`BOOK_UNTIL_MINUTES`] before it starts and
//!   up to [`BOOK_AHEAD_DAYS`] days ahead; a member can have at most
//!   [`MAX_UPCOMING`] upcoming visits.
//! * "Join" opens [`JOIN_OPENS_MINUTES`] before the start and closes at the
//!   scheduled end.
//! * A booked visit can be cancelled or moved until it starts.

use crate::care::directory::NetworkStatus;
use crate::care::pcp::PRIMARY_CARE;
use crate::claims::model::Amounts;
use crate::code_enum::code_enum;
use crate::cost::Benefit;
use crate::money::Money;
use crate::problem::{push_error, FieldError, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// "Join" opens this many minutes before the start.
pub const JOIN_OPENS_MINUTES: i64 = 10;
/// A time can be booked until this many minutes before it starts.
pub const BOOK_UNTIL_MINUTES: i64 = 2;
/// How far ahead times can be booked, in days.
pub const BOOK_AHEAD_DAYS: i64 = 14;
/// The reminder alert appears this many hours before the start.
pub const REMINDER_HOURS: i64 = 24;
/// Longest reason for the visit, in characters.
pub const REASON_MAX_CHARS: usize = 200;
/// Upcoming visits one member may hold at once.
pub const MAX_UPCOMING: usize = 3;

/// The behavioural-health taxonomies (a virtual visit with them is a
/// mental health visit).
pub const MENTAL_HEALTH: [&str; 4] = ["2084P0800X", "103T00000X", "101YM0800X", "1041C0700X"];
/// Urgent care centres' taxonomy (their virtual visits are on demand).
pub const URGENT_CARE: &str = "261QU0200X";

code_enum! {
    /// How a provider offers virtual visits.
    VisitMode {
        /// Appointments in office hours.
        Scheduled = "scheduled" / "By appointment",
        /// On demand, day and night: a visit can start within minutes.
        OnDemand = "on_demand" / "On demand, 24 hours a day",
    }
}

code_enum! {
    /// Where a booking stands.
    VisitStatus {
        /// Booked (upcoming, or over once its end has passed).
        Booked = "booked" / "Booked",
        /// Cancelled by the member.
        Cancelled = "cancelled" / "Cancelled",
    }
}

code_enum! {
    /// The CMS place-of-service codes of a virtual visit.
    PlaceOfService {
        /// POS 02: telehealth somewhere other than the patient's home.
        TelehealthOther = "02" / "Telehealth, patient not at home",
        /// POS 10: telehealth in the patient's home.
        TelehealthHome = "10" / "Telehealth, patient at home",
    }
}

/// Which benefit a virtual visit with a provider of this NUCC taxonomy is.
pub fn benefit_for(taxonomy: &str) -> Benefit {
    if PRIMARY_CARE.contains(&taxonomy) {
        Benefit::PrimaryCare
    } else if MENTAL_HEALTH.contains(&taxonomy) {
        Benefit::MentalHealth
    } else if taxonomy == URGENT_CARE {
        Benefit::UrgentCare
    } else {
        Benefit::Specialist
    }
}

/// The mode of a provider's virtual visits: urgent care is on demand.
pub fn mode_for(taxonomy: &str) -> VisitMode {
    if taxonomy == URGENT_CARE {
        VisitMode::OnDemand
    } else {
        VisitMode::Scheduled
    }
}

/// The plain name of a virtual visit of this benefit.
pub fn visit_label(benefit: Benefit) -> &'static str {
    match benefit {
        Benefit::PrimaryCare => "Virtual primary care visit",
        Benefit::MentalHealth => "Virtual mental health visit",
        Benefit::UrgentCare => "Virtual urgent care visit",
        _ => "Virtual specialist visit",
    }
}

/// Whether "Join" is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JoinState {
    /// Not yet: it opens at [`join_opens_at`].
    NotYet,
    /// Open now.
    Open,
    /// The visit's scheduled time is over (or it was cancelled).
    Closed,
}

/// When "Join" opens for a visit starting at `starts_at`.
pub fn join_opens_at(starts_at: i64) -> i64 {
    starts_at - JOIN_OPENS_MINUTES * 60
}

/// Whether a booked visit from `starts_at` to `ends_at` can be joined at `now`.
pub fn join_state(now: i64, starts_at: i64, ends_at: i64) -> JoinState {
    if now < join_opens_at(starts_at) {
        JoinState::NotYet
    } else if now < ends_at {
        JoinState::Open
    } else {
        JoinState::Closed
    }
}

/// Whether a time starting at `starts_at` can still be booked (or a visit
/// moved to it) at `now`.
pub fn bookable(now: i64, starts_at: i64) -> bool {
    starts_at >= now + BOOK_UNTIL_MINUTES * 60 && starts_at <= now + BOOK_AHEAD_DAYS * 86_400
}

/// Whether a booked visit can still be cancelled or moved at `now`.
pub fn changeable(now: i64, status: VisitStatus, starts_at: i64) -> bool {
    status == VisitStatus::Booked && now < starts_at
}

/// Whether the reminder alert for a booked visit shows at `now`.
pub fn reminder_due(now: i64, status: VisitStatus, starts_at: i64) -> bool {
    status == VisitStatus::Booked && now < starts_at && starts_at - now <= REMINDER_HOURS * 3600
}

/// How what the member pays for a priced visit is made up, in words (the
/// total is shown beside it): "A $10.00 copay.", "$33.00 coinsurance
/// (30%).", "$100.00 toward your deductible, then $2.00 coinsurance (20%)."
pub fn you_pay_words(amounts: &Amounts, coinsurance_bps: u32) -> String {
    if !amounts.not_covered.is_zero() {
        return format!(
            "Not covered: you would pay the full {}.",
            amounts.not_covered
        );
    }
    let mut parts = Vec::new();
    if !amounts.deductible.is_zero() {
        parts.push(format!("{} toward your deductible", amounts.deductible));
    }
    if !amounts.copay.is_zero() {
        parts.push(format!("a {} copay", amounts.copay));
    }
    if !amounts.coinsurance.is_zero() {
        parts.push(format!(
            "{} coinsurance ({}%)",
            amounts.coinsurance,
            crate::money::bps_words(coinsurance_bps)
        ));
    }
    if parts.is_empty() {
        return "Nothing: the plan pays the whole visit.".into();
    }
    let text = parts.join(", then ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => text,
    }
}

/// One benefit's virtual visit, priced for the member now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualBenefit {
    /// The benefit.
    pub benefit: Benefit,
    /// "Virtual primary care visit".
    pub label: String,
    /// The plan's typical allowed amount for the visit.
    pub allowed: Money,
    /// What the member would pay for it now, in network.
    pub you_pay: Money,
    /// How that is made up, in words.
    pub words: String,
    /// What the same visit in person would cost them now.
    pub in_person: Money,
}

/// What the member's plan covers for virtual visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualCoverage {
    /// The plan's name.
    pub plan_name: String,
    /// Whom the prices are for (the signed-in member).
    pub member_id: i64,
    /// Whether the plan is HSA-eligible.
    pub hsa_eligible: bool,
    /// Whether virtual visits are covered before the deductible.
    pub before_deductible: bool,
    /// The plan's flat virtual visit copay, where it has one.
    pub copay: Option<Money>,
    /// What is left of the member's in-network deductible.
    pub deductible_left: Money,
    /// Each kind of virtual visit, priced.
    pub benefits: Vec<VirtualBenefit>,
}

/// A provider offering virtual visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualProvider {
    /// The directory listing's ID.
    pub id: i64,
    /// Name as listed.
    pub name: String,
    /// Specialty in plain words.
    pub specialty: String,
    /// By appointment or on demand.
    pub mode: VisitMode,
    /// Which benefit its visits are.
    pub benefit: Benefit,
    /// Standing in the member's plan's network.
    pub network: NetworkStatus,
    /// The IANA time zone of its hours.
    pub time_zone: String,
    /// The first open time, if any in the booking window.
    pub next_open: Option<i64>,
}

/// A page of providers offering virtual visits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualProviders {
    /// Matching providers in all.
    pub total: u32,
    /// The page shown (at most 10 providers).
    pub providers: Vec<VirtualProvider>,
}

/// One open time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    /// Start (seconds since 1970, UTC).
    pub starts_at: i64,
    /// Scheduled end.
    pub ends_at: i64,
}

/// A provider's open times in the booking window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slots {
    /// The provider.
    pub provider: VirtualProvider,
    /// Open times, earliest first.
    pub slots: Vec<Slot>,
}

/// A request to book (or, with [`MoveVisit`], move) a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookVisit {
    /// The directory listing.
    pub provider_id: i64,
    /// The patient (the caller or someone in the household they may act for).
    pub member_id: i64,
    /// The chosen open time's start.
    pub starts_at: i64,
    /// What the visit is for, optional (shared only with the provider).
    #[serde(default)]
    pub reason: String,
}

/// The field checks of a booking both sides apply.
pub fn book_errors(r: &BookVisit) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if r.reason.trim().chars().count() > REASON_MAX_CHARS {
        push_error(
            &mut errors,
            "reason",
            FieldError::new(
                "reason.too_long",
                format!("Use at most {REASON_MAX_CHARS} characters."),
            ),
        );
    }
    errors
}

/// A request to move a booked visit to another open time of the same provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveVisit {
    /// The new start.
    pub starts_at: i64,
}

/// A booked (or cancelled) virtual visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Visit {
    /// Reference number ("VV-…"), in its address.
    pub reference: String,
    /// The provider.
    pub provider_id: i64,
    /// The provider's name.
    pub provider_name: String,
    /// Its specialty.
    pub specialty: String,
    /// By appointment or on demand.
    pub mode: VisitMode,
    /// The patient.
    pub member_id: i64,
    /// The patient's first name.
    pub patient: String,
    /// Start.
    pub starts_at: i64,
    /// Scheduled end.
    pub ends_at: i64,
    /// The provider's time zone.
    pub time_zone: String,
    /// Booked or cancelled.
    pub status: VisitStatus,
    /// What it is for, as the member wrote it.
    pub reason: String,
    /// Which benefit it is.
    pub benefit: Benefit,
    /// What the member is estimated to pay (priced when booked).
    pub you_pay: Money,
    /// How that is made up.
    pub you_pay_words: String,
    /// When "Join" opens.
    pub join_opens_at: i64,
    /// The claim for it, once received.
    pub claim_id: Option<i64>,
}

/// A past virtual visit: from a claim (place of service 02 or 10), with
/// its booking when it was booked here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PastVisit {
    /// Date of service.
    pub date: NaiveDate,
    /// The provider on the claim.
    pub provider: String,
    /// The patient's first name.
    pub patient: String,
    /// Where the patient was.
    pub place_of_service: PlaceOfService,
    /// The claim.
    pub claim_id: i64,
    /// The claim's number.
    pub claim_number: String,
    /// What the member owes for it.
    pub member_owes: Money,
    /// The booking's reference, when booked in the portal.
    pub booking: Option<String>,
}

/// Everything on the virtual visits page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualCare {
    /// What the plan covers, priced for the member.
    pub coverage: VirtualCoverage,
    /// Booked visits not over yet, soonest first.
    pub upcoming: Vec<Visit>,
    /// Booked visits whose time has passed, with no claim yet, newest first.
    pub awaiting_claim: Vec<Visit>,
    /// Past virtual visits with their claims, newest first.
    pub past: Vec<PastVisit>,
    /// The people the caller may book for: (member ID, first name).
    pub people: Vec<(i64, String)>,
}

/// The address of the vendor's video room for a visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinLink {
    /// Where the video room is.
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: i64 = 1_800_000_000;

    #[test]
    fn join_opens_ten_minutes_before_and_closes_at_the_end() {
        let end = START + 1800;
        for (now, want) in [
            (START - 3600, JoinState::NotYet),
            (START - 601, JoinState::NotYet),
            (START - 600, JoinState::Open),
            (START, JoinState::Open),
            (end - 1, JoinState::Open),
            (end, JoinState::Closed),
        ] {
            assert_eq!(join_state(now, START, end), want, "at {}", now - START);
        }
    }

    #[test]
    fn booking_window_is_two_minutes_to_fourteen_days_ahead() {
        for (start, want) in [
            (START + 60, false),
            (START + 120, true),
            (START + 14 * 86_400, true),
            (START + 14 * 86_400 + 1, false),
            (START - 10, false),
        ] {
            assert_eq!(bookable(START, start), want, "start {}", start - START);
        }
    }

    #[test]
    fn reminders_and_changes_follow_the_start() {
        let b = VisitStatus::Booked;
        assert!(reminder_due(START - 3600, b, START));
        assert!(!reminder_due(START - 25 * 3600, b, START));
        assert!(!reminder_due(START - 3600, VisitStatus::Cancelled, START));
        assert!(changeable(START - 1, b, START));
        assert!(!changeable(START, b, START));
        assert!(!changeable(START - 60, VisitStatus::Cancelled, START));
    }

    #[test]
    fn taxonomies_map_to_benefits_and_modes() {
        for (code, benefit, mode) in [
            ("207Q00000X", Benefit::PrimaryCare, VisitMode::Scheduled),
            ("208000000X", Benefit::PrimaryCare, VisitMode::Scheduled),
            ("103T00000X", Benefit::MentalHealth, VisitMode::Scheduled),
            ("2084P0800X", Benefit::MentalHealth, VisitMode::Scheduled),
            ("261QU0200X", Benefit::UrgentCare, VisitMode::OnDemand),
            ("207N00000X", Benefit::Specialist, VisitMode::Scheduled),
        ] {
            assert_eq!(benefit_for(code), benefit, "{code}");
            assert_eq!(mode_for(code), mode, "{code}");
        }
    }

    #[test]
    fn words_name_each_part_of_the_price() {
        let m = Money::from_dollars;
        let copay = Amounts {
            allowed: m(110),
            copay: m(10),
            member_owes: m(10),
            plan_paid: m(100),
            ..Amounts::default()
        };
        assert_eq!(you_pay_words(&copay, 0), "A $10.00 copay.");
        let coins = Amounts {
            allowed: m(110),
            coinsurance: Money::from_cents(3300),
            member_owes: Money::from_cents(3300),
            ..Amounts::default()
        };
        assert_eq!(you_pay_words(&coins, 3000), "$33.00 coinsurance (30%).");
        let both = Amounts {
            deductible: m(100),
            coinsurance: m(2),
            member_owes: m(102),
            ..Amounts::default()
        };
        assert_eq!(
            you_pay_words(&both, 2000),
            "$100.00 toward your deductible, then $2.00 coinsurance (20%)."
        );
        assert_eq!(
            you_pay_words(&Amounts::default(), 0),
            "Nothing: the plan pays the whole visit."
        );
    }

    #[test]
    fn a_long_reason_is_refused_beside_the_field() {
        let mut r = BookVisit {
            provider_id: 1,
            member_id: 1,
            starts_at: START,
            reason: "x".repeat(REASON_MAX_CHARS),
        };
        assert!(book_errors(&r).is_empty());
        r.reason.push('x');
        assert!(book_errors(&r).contains_key("reason"));
    }
}
