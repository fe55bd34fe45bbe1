//! What members owe their providers (`/api/v1/billing/providers`): the
//! bills, paying them, payment plans and disputes.

use super::{get_json, post_json, ApiError};
use portal_domain::billing::api::Receipt;
use portal_domain::billing::provider_bills::{
    Dispute, DisputeRequest, PaymentPlan, PlanRequest, ProviderBillStatus, ProviderBills,
    ProviderPayRequest,
};
use std::future::Future;

/// `GET /api/v1/billing/providers`: the bills the caller may see.
pub fn bills() -> impl Future<Output = Result<ProviderBills, ApiError>> {
    get_json("/billing/providers")
}

/// `POST /api/v1/billing/providers/payments`: the same key again is the
/// same payment. Answers the same [`Receipt`] as a premium payment.
///
/// Errors: field errors (`amount`, `bill_ids`, `method_id`,
/// `idempotency_key`) in [`ApiError::Other`] (422) or
/// [`ApiError::Validation`]; [`ApiError::Other`] (402) when declined, with
/// the reason beside `method_id`; [`ApiError::Conflict`] when a bill is
/// paid or being paid; [`ApiError::Forbidden`] for anyone but the
/// subscriber; [`ApiError::Server`] when the processor did not answer
/// (retry with the same key).
pub async fn pay(request: &ProviderPayRequest) -> Result<Receipt, ApiError> {
    post_json("/billing/providers/payments", request).await
}

/// `POST /api/v1/billing/providers/plans`: the first instalment is charged
/// at once (402 when declined, and then no plan is set up).
pub async fn create_plan(request: &PlanRequest) -> Result<PaymentPlan, ApiError> {
    post_json("/billing/providers/plans", request).await
}

/// `DELETE /api/v1/billing/providers/plans/{id}`: the plan, cancelled
/// (what is still owed stays due).
pub async fn cancel_plan(id: i64) -> Result<PaymentPlan, ApiError> {
    super::delete_json(&format!("/billing/providers/plans/{id}")).await
}

/// `POST /api/v1/billing/providers/{bill_id}/dispute`: opens a secure
/// message thread to Member Services; the bill is on hold while it is open.
/// [`ApiError::Conflict`] when the bill is already disputed.
pub async fn dispute(bill_id: i64, request: &DisputeRequest) -> Result<Dispute, ApiError> {
    post_json(&format!("/billing/providers/{bill_id}/dispute"), request).await
}

/// Whether a bill in `status` may be disputed: it still owes something and
/// no dispute is open on it.
pub fn disputable(status: ProviderBillStatus) -> bool {
    !matches!(
        status,
        ProviderBillStatus::Paid | ProviderBillStatus::Processing | ProviderBillStatus::Disputed
    )
}
