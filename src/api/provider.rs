//! The provider side: the provider credential preset, provider registration
//! and recovery (public), and, for a signed-in provider account,
//! eligibility and benefits, claim status and remittances.

use super::{builder, decode, get_json, post_json, ApiError, BASE, SERVER_DATE_HEADER};
use gloo_net::http::Request;
use portal_domain::account::RecoveryStarted;
use portal_domain::api::Me;
use portal_domain::provider::{
    Eligibility, EligibilityRequest, ProviderClaimQuery, ProviderClaimsPage,
    ProviderRecoveryRequest, ProviderRegisterRequest, RemittanceList,
};
use portal_domain::{PolicyPreset, ProblemDetails};
use serde::Deserialize;
use std::future::Future;

/// The preset part of the policy answer (the rules are rebuilt from it with
/// `CredentialPolicy::from_preset`).
#[derive(Deserialize)]
struct PresetOnly {
    preset: PolicyPreset,
}

/// `GET /api/v1/policy?role=provider`: the credential preset the server
/// applies to provider accounts. Aborted if the caller goes away first.
pub fn policy() -> impl Future<Output = Result<PolicyPreset, ApiError>> {
    let info = get_json::<PresetOnly>("/policy?role=provider");
    async move { info.await.map(|i| i.preset) }
}

/// `POST /api/v1/provider/register`: creates the provider account and
/// signs in (201).
///
/// Errors: [`ApiError::Validation`] (field errors), [`ApiError::Conflict`]
/// (username taken, with suggestions; or already registered),
/// [`ApiError::Other`] (422: no provider on file with these details; 429).
pub async fn register(request: &ProviderRegisterRequest) -> Result<Me, ApiError> {
    post_json("/provider/register", request).await
}

/// `POST /api/v1/provider/recovery/start`: the provider identity check; the
/// server sends the username or a code to the contact on file and answers
/// neutrally (202). The code step is the members' (`/recovery/password`,
/// `/recovery/unlock`).
pub async fn recovery_start(
    request: &ProviderRecoveryRequest,
) -> Result<RecoveryStarted, ApiError> {
    post_json("/provider/recovery/start", request).await
}

/// What an eligibility lookup found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EligibilityAnswer {
    /// The patient, with coverage and benefits on the date of service.
    Found(Box<Eligibility>),
    /// No member matches both the member ID and the date of birth: the
    /// server's explanation (its problem `detail`).
    NotFound(String),
}

/// `POST /api/v1/provider/eligibility`. A 404 is an answer here
/// ([`EligibilityAnswer::NotFound`], with the server's words), not an error.
///
/// Errors: [`ApiError::Validation`], [`ApiError::Other`] (429),
/// [`ApiError::Unauthorized`], [`ApiError::Forbidden`].
pub async fn eligibility(request: &EligibilityRequest) -> Result<EligibilityAnswer, ApiError> {
    let sent = builder(Request::post(&format!("{BASE}/provider/eligibility")))
        .json(request)
        .map_err(|_| ApiError::Server)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    crate::browser::learn_server_date(sent.headers().get(SERVER_DATE_HEADER).as_deref());
    if sent.status() == 404 {
        let detail = sent
            .text()
            .await
            .ok()
            .and_then(|t| serde_json::from_str::<ProblemDetails>(&t).ok())
            .and_then(|p| p.detail)
            .unwrap_or_else(|| {
                "No member matches this member ID and date of birth. Check both against the patient's ID card."
                    .to_string()
            });
        return Ok(EligibilityAnswer::NotFound(detail));
    }
    if sent.ok() {
        return decode::<Eligibility>(sent)
            .await
            .map(|e| EligibilityAnswer::Found(Box::new(e)));
    }
    let status = sent.status();
    let problem = sent
        .text()
        .await
        .ok()
        .and_then(|t| serde_json::from_str::<ProblemDetails>(&t).ok());
    Err(ApiError::from_problem(status, problem))
}

/// `POST /api/v1/provider/claims/search`: one page of the claims this
/// provider billed.
pub async fn claims(query: &ProviderClaimQuery) -> Result<ProviderClaimsPage, ApiError> {
    post_json("/provider/claims/search", query).await
}

/// `GET /api/v1/provider/remittances`: payments to the provider, newest first.
pub fn remittances() -> impl Future<Output = Result<RemittanceList, ApiError>> {
    get_json("/provider/remittances")
}

/// Address of the remittances as CSV (for a download link).
pub fn remittances_csv_url() -> String {
    format!("{BASE}/provider/remittances.csv")
}
