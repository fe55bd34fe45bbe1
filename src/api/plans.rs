//! Plans: the catalogue (with designs, so comparison and what-if run in the
//! browser through `portal-domain`), last year's use, open enrollment and
//! plan changes, and this year's accumulators.

use super::{get_json, post_json, ApiError};
use portal_domain::plans::api::{
    AccumulatorsView, ChangePlanRequest, EnrollmentStatus, PlanCatalog, PlanChange,
};
use portal_domain::whatif::HouseholdUse;
use std::future::Future;

/// `GET /api/v1/plans`: the household's tier, current plan, the plans on
/// offer and who is covered.
pub fn catalog() -> impl Future<Output = Result<PlanCatalog, ApiError>> {
    get_json("/plans")
}

/// `GET /api/v1/plans/last-year-use`: last year's claims as services.
pub fn last_year_use() -> impl Future<Output = Result<HouseholdUse, ApiError>> {
    get_json("/plans/last-year-use")
}

/// `GET /api/v1/plans/change`: the open-enrollment window and any change made.
pub fn enrollment() -> impl Future<Output = Result<EnrollmentStatus, ApiError>> {
    get_json("/plans/change")
}

/// `POST /api/v1/plans/change`.
///
/// Errors: [`ApiError::Validation`] by field (`plan_id`, `confirm`,
/// `life_event`, `event_date`); [`ApiError::Conflict`] outside open enrollment.
pub async fn change(request: &ChangePlanRequest) -> Result<PlanChange, ApiError> {
    post_json("/plans/change", request).await
}

/// `DELETE /api/v1/plans/change`: cancels the pending change (the current plan stays).
///
/// Errors: [`ApiError::NotFound`] when none is pending; [`ApiError::Conflict`] once in effect.
pub async fn cancel_change() -> Result<(), ApiError> {
    super::delete("/plans/change").await
}

/// `GET /api/v1/accumulators`: this year's progress per person.
pub fn accumulators() -> impl Future<Output = Result<AccumulatorsView, ApiError>> {
    get_json("/accumulators")
}
