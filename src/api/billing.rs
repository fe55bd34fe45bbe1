//! Premium billing: statements, saved methods, payments, autopay; and the
//! processor's tokenization endpoint, the only place card and bank numbers
//! are sent (never the portal's API).

use super::{builder, decode, get_json, post_json, put_json, send, ApiError};
use gloo_net::http::Request;
use portal_domain::billing::api::{
    AddMethodRequest, Autopay, AutopayRequest, BillingSummary, PayRequest, PaymentMethod, Receipt,
    SkipRequest, TokenResponse, TokenizeRequest,
};
use std::future::Future;

/// `GET /api/v1/billing`.
pub fn summary() -> impl Future<Output = Result<BillingSummary, ApiError>> {
    get_json("/billing")
}

/// The address of statement `id` as a printable PDF
/// (`GET /api/v1/billing/statements/{id}/statement.pdf`), for a download link.
pub fn statement_pdf_href(id: i64) -> String {
    format!("{}/billing/statements/{id}/statement.pdf", super::BASE)
}

/// `GET /api/v1/billing/payments/{transaction_id}`.
pub fn receipt(transaction_id: &str) -> impl Future<Output = Result<Receipt, ApiError>> {
    get_json(&format!("/billing/payments/{transaction_id}"))
}

/// Sends card or bank details to the processor's tokenization endpoint
/// (`url`, from the billing summary) and saves the method its token stands
/// for. Field errors come back by the input's field name.
pub async fn add_method(url: &str, details: &TokenizeRequest) -> Result<PaymentMethod, ApiError> {
    let request = builder(Request::post(url)).json(details);
    let token: TokenResponse = decode(send(request).await?).await?;
    post_json("/billing/methods", &AddMethodRequest { token: token.token }).await
}

/// `DELETE /api/v1/billing/methods/{id}`.
pub async fn remove_method(id: i64) -> Result<(), ApiError> {
    super::delete(&format!("/billing/methods/{id}")).await
}

/// `POST /api/v1/billing/payments`: the same key again is the same payment.
///
/// Errors: [`ApiError::Validation`] by field; [`ApiError::Other`] (402)
/// when declined, with the reason beside `method_id`;
/// [`ApiError::Conflict`] when the statements are paid or being paid;
/// [`ApiError::Server`] when the processor did not answer (retry with the same key).
pub async fn pay(request: &PayRequest) -> Result<Receipt, ApiError> {
    post_json("/billing/payments", request).await
}

/// `PUT /api/v1/billing/autopay`.
pub async fn set_autopay(request: &AutopayRequest) -> Result<Autopay, ApiError> {
    put_json("/billing/autopay", request).await
}

/// `DELETE /api/v1/billing/autopay`.
pub async fn cancel_autopay() -> Result<(), ApiError> {
    super::delete("/billing/autopay").await
}

/// `POST /api/v1/billing/autopay/skip`.
pub async fn skip(request: &SkipRequest) -> Result<Autopay, ApiError> {
    post_json("/billing/autopay/skip", request).await
}

/// A new idempotency key for one payment: a random UUID from the browser's
/// cryptographic generator.
pub fn new_payment_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("key-{:016x}", (js_sys::Math::random() * 1e16) as u64))
}
