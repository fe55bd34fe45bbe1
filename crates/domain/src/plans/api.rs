//! JSON bodies of the plans, enrollment, accumulator and estimator endpoints.

use super::{CoverageTier, Plan};
use crate::claims::model::Network;
use crate::cost::{Accumulators, Benefit, PlanDesign};
use crate::estimate::{Priced, Progress, Purpose};
use crate::money::Money;
use crate::whatif::HouseholdUse;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A household member as the plan tools need them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdPerson {
    /// Opaque member id.
    pub id: i64,
    /// First name.
    pub first_name: String,
    /// 18 or older today (adult use presets).
    pub adult: bool,
}

/// `GET /api/v1/plans`: the member's current plan and the plans on offer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCatalog {
    /// The household's coverage tier (for premiums).
    pub tier: CoverageTier,
    /// The plan the household has now.
    pub current_plan_id: String,
    /// The current plan first, then next year's plans.
    pub plans: Vec<Plan>,
    /// Who is covered.
    pub household: Vec<HouseholdPerson>,
}

/// `POST /api/v1/plans/what-if`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIfRequest {
    /// The plans to price (1 to 6 codes).
    pub plan_ids: Vec<String>,
    /// `low`, `medium`, `high` (everyone at that level), `last_year`
    /// (the household's claims of last year), or absent with `usage`.
    pub preset: Option<String>,
    /// A custom list of services per person.
    pub usage: Option<HouseholdUse>,
}

/// A qualifying life event that opens a special enrollment period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeEvent {
    /// Marriage.
    Marriage,
    /// Birth or adoption of a child.
    Birth,
    /// Lost other coverage.
    LostCoverage,
    /// Moved to a new area.
    Moved,
}

impl LifeEvent {
    /// Every event.
    pub const ALL: &'static [LifeEvent] =
        &[Self::Marriage, Self::Birth, Self::LostCoverage, Self::Moved];

    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Marriage => "marriage",
            Self::Birth => "birth",
            Self::LostCoverage => "lost_coverage",
            Self::Moved => "moved",
        }
    }

    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Marriage => "Got married",
            Self::Birth => "Had or adopted a child",
            Self::LostCoverage => "Lost other health coverage",
            Self::Moved => "Moved to a new area",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|e| e.as_str() == s)
    }
}

/// Days after a qualifying life event in which a plan may be changed.
pub const LIFE_EVENT_DAYS: i64 = 60;

/// A stored plan change.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// The plan changed from.
    pub from_plan_id: String,
    /// The new plan.
    pub plan_id: String,
    /// Its name.
    pub plan_name: String,
    /// First day of the new coverage.
    #[serde(with = "crate::dates::iso")]
    pub effective: NaiveDate,
    /// `open_enrollment` or the life event's code.
    pub reason: String,
    /// The confirmation number to quote to Member Services.
    #[serde(default)]
    pub confirmation: String,
}

/// The confirmation number of stored plan change `id` ("PC-2027-000042").
pub fn confirmation_number(year: i32, id: i64) -> String {
    format!("PC-{year}-{id:06}")
}

/// `GET /api/v1/plans/change`: whether the member may change plans now.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollmentStatus {
    /// Open enrollment is on today.
    pub open: bool,
    /// First day of open enrollment.
    #[serde(with = "crate::dates::iso")]
    pub window_start: NaiveDate,
    /// Last day of open enrollment.
    #[serde(with = "crate::dates::iso")]
    pub window_end: NaiveDate,
    /// When a change made in open enrollment takes effect.
    #[serde(with = "crate::dates::iso")]
    pub effective: NaiveDate,
    /// The household's plan now.
    pub current_plan_id: String,
    /// A change already made, if any.
    pub pending: Option<PlanChange>,
    /// Whether the signed-in member may change the household's plan
    /// ([`plan_change_refusal`]).
    #[serde(default)]
    pub can_change: bool,
    /// Why not, in plain words, when `can_change` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cannot_change_reason: Option<String>,
}

/// Problem type of `POST /plans/change` by someone other than the subscriber (403).
pub const NOT_SUBSCRIBER: &str = "/problems/not-subscriber";

/// Who may change the household's plan: the subscriber only, because the
/// plan is theirs and the premium is billed to them (an authorised
/// representative is not modelled yet). `None` when `relationship` may;
/// otherwise the reason to show.
pub fn plan_change_refusal(relationship: crate::api::Relationship) -> Option<&'static str> {
    match relationship {
        crate::api::Relationship::Subscriber => None,
        crate::api::Relationship::Spouse | crate::api::Relationship::Child => Some(
            "Only the subscriber, the person the plan is in the name of, can change the household's plan. You can still compare the plans and what they would cost.",
        ),
    }
}

/// `POST /api/v1/plans/change`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangePlanRequest {
    /// The plan to change to.
    pub plan_id: String,
    /// Must be true: the member confirmed the review.
    pub confirm: bool,
    /// Outside open enrollment: the qualifying life event's code.
    pub life_event: Option<String>,
    /// Its date (`YYYY-MM-DD`, within the last 60 days).
    pub event_date: Option<String>,
}

/// One person's accumulators.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProgress {
    /// Opaque member id.
    pub member: i64,
    /// First name.
    pub first_name: String,
    /// In network.
    pub in_network: Progress,
    /// Out of network (all zero limits when the plan has no out-of-network coverage).
    pub out_of_network: Progress,
}

impl PersonProgress {
    /// One person's progress under `design`, as a viewer with `hidden`
    /// household members hidden from them sees it (family totals that would
    /// reveal a hidden person's care are withheld: [`Progress::for_viewer`]).
    /// The dashboard and `/accumulators` both show this.
    pub fn of(
        design: &PlanDesign,
        acc: &Accumulators,
        member: i64,
        first_name: &str,
        hidden: usize,
    ) -> Self {
        Self {
            member,
            first_name: first_name.to_string(),
            in_network: Progress::of(design, acc, member, true).for_viewer(hidden),
            out_of_network: Progress::of(design, acc, member, false).for_viewer(hidden),
        }
    }
}

/// `GET /api/v1/accumulators`: this plan year's totals, from the claims.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccumulatorsView {
    /// The plan.
    pub plan_id: String,
    /// Plan year.
    pub year: i32,
    /// Per person (the family totals are in each person's progress).
    pub people: Vec<PersonProgress>,
    /// Deductible met by everyone, both networks (what the claims page
    /// totals for this year's claims).
    pub deductible_total: Money,
    /// Out-of-pocket counted for everyone, both networks.
    pub oop_total: Money,
}

/// One version of a service that can be done as a screening or to diagnose
/// (priced differently: screening is preventive care).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurposeOption {
    /// Screening or diagnostic.
    pub purpose: Purpose,
    /// The service code billed for it (a screening mammogram is its own code).
    pub code: String,
    /// When this version applies, in plain words.
    pub applies_when: String,
}

/// One of the CMS shoppable services.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShoppableService {
    /// Primary code (CPT, or MS-DRG; a range or alternatives as written).
    pub code: String,
    /// Plain-language name, in members' words.
    pub name: String,
    /// CMS's plain-language description, as published.
    #[serde(default)]
    pub cms_name: String,
    /// The CMS category.
    pub category: String,
    /// Code system (`CPT`, `MS-DRG`).
    pub code_type: String,
    /// The plan benefit it falls under.
    pub benefit: Benefit,
    /// Needs prior authorization from the plan.
    pub prior_auth: bool,
    /// The screening and diagnostic versions, when the service can be
    /// either (empty otherwise).
    #[serde(default)]
    pub purposes: Vec<PurposeOption>,
}

/// `GET /api/v1/estimate/search`: the services matching a search, best
/// first, and when none does, what to try instead.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSearch {
    /// The matches, best first.
    pub services: Vec<ShoppableService>,
    /// How many matched in all (`services` holds at most the first 12).
    pub total: u32,
    /// When nothing matched: the search with misspelled words corrected.
    pub did_you_mean: Option<String>,
    /// When nothing matched: services to suggest, best first.
    pub suggestions: Vec<ShoppableService>,
}

/// A provider's price for one service.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOption {
    /// Provider code.
    pub id: String,
    /// Name.
    pub name: String,
    /// Specialty or kind.
    pub specialty: String,
    /// In or out of the household's plan network.
    pub network: Network,
    /// What the provider charges (when known), all parts of the bundle.
    pub billed: Option<Money>,
    /// The plan's allowed amount: the negotiated rate in network, the plan's
    /// allowed amount out of network (when known), all parts of the bundle.
    pub allowed: Option<Money>,
    /// A hospital or ambulatory surgery center: a facility where the No
    /// Surprises Act protects members from out-of-network clinicians' balance bills.
    #[serde(default)]
    pub facility: bool,
}

/// `POST /api/v1/estimate`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EstimateRequest {
    /// Service code (as listed by `/estimate/search`).
    pub service: String,
    /// Provider code.
    pub provider: String,
    /// Patient (opaque member id).
    pub member: i64,
    /// Units, 1 to 99.
    pub quantity: i64,
    /// Screening or diagnostic, for a service that can be either (absent: the
    /// service's own: diagnostic unless its code is a screening code).
    pub purpose: Option<Purpose>,
}

/// One part of a service's bundle, with its price for all units.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundlePart {
    /// What it is ("Hospital stay for the birth").
    pub label: String,
    /// Who bills it ("the hospital", "the anesthesiologist").
    pub billed_by: String,
    /// Its billing code, where one is typical.
    pub code: Option<String>,
    /// The plan benefit it is priced under.
    pub benefit: Benefit,
    /// Billed under the newborn.
    pub newborn: bool,
    /// What the provider charges (when known).
    pub billed: Option<Money>,
    /// The plan's allowed amount (when known).
    pub allowed: Option<Money>,
}

/// The other version of a service (screening or diagnostic) at the same
/// provider, with what the member would pay for it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantEstimate {
    /// Screening or diagnostic.
    pub purpose: Purpose,
    /// The code billed for it.
    pub code: String,
    /// Its plain name.
    pub name: String,
    /// When it applies.
    pub applies_when: String,
    /// What the member could pay in all (`None`: estimate not available).
    pub total: Option<Money>,
}

/// The estimator's answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateResponse {
    /// The service priced (for a screening, the screening service).
    pub service: ShoppableService,
    /// The provider and its price.
    pub provider: ProviderOption,
    /// Patient.
    pub member: i64,
    /// Units.
    pub quantity: u32,
    /// The figures (every part of the bundle together).
    pub priced: Priced,
    /// Preventive care (covered at $0 in network).
    pub preventive: bool,
    /// Screening or diagnostic, when the service can be either.
    pub purpose: Option<Purpose>,
    /// Both versions with their totals, when the service can be either.
    pub variants: Vec<VariantEstimate>,
    /// What the estimate includes, part by part.
    pub parts: Vec<BundlePart>,
    /// What it does not include.
    pub not_included: Vec<String>,
    /// What the member could pay in all: their share plus, out of network,
    /// what the provider may bill above the allowed amount.
    pub total: Money,
    /// Plain-language disclaimers.
    pub notes: Vec<String>,
}

#[cfg(test)]
mod plan_change_rule_tests {
    use super::plan_change_refusal;
    use crate::api::Relationship;

    #[test]
    fn only_the_subscriber_changes_the_plan() {
        assert_eq!(plan_change_refusal(Relationship::Subscriber), None);
        for r in [Relationship::Spouse, Relationship::Child] {
            assert!(plan_change_refusal(r).is_some_and(|why| why.contains("subscriber")));
        }
    }
}
