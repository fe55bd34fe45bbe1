//! Accounts and sessions: the credential policy, sign-in, registration,
//! sign-out and "who am I".

use super::{get_json, post_empty, post_json, ApiError};
#[cfg(doc)]
use portal_domain::api::PolicyInfo;
use portal_domain::api::{LoginRequest, Me, RegisterRequest};
use portal_domain::PolicyPreset;
use serde::Deserialize;
use std::future::Future;

/// The part of [`PolicyInfo`] the browser needs: the rules themselves are
/// rebuilt from the preset with `CredentialPolicy::from_preset` (decoding
/// only this keeps the rule-list decoder out of the bundle).
#[derive(Deserialize)]
struct PolicyPresetOnly {
    preset: PolicyPreset,
}

/// `GET /api/v1/policy`: the active credential preset.
/// Aborted if the calling component goes away first.
pub fn policy() -> impl Future<Output = Result<PolicyPreset, ApiError>> {
    let info = get_json::<PolicyPresetOnly>("/policy");
    async move { info.await.map(|i| i.preset) }
}

/// `POST /api/v1/auth/login`: signs in and sets the session cookie.
///
/// Errors: [`ApiError::Unauthorized`] for wrong credentials,
/// [`ApiError::Locked`] after too many failures, [`ApiError::Validation`]
/// for empty fields.
pub async fn login(request: &LoginRequest) -> Result<Me, ApiError> {
    post_json("/auth/login", request).await
}

/// `POST /api/v1/auth/register`: creates the account and signs in.
///
/// Errors: [`ApiError::Validation`] (field errors), [`ApiError::Conflict`]
/// (username taken with suggestions, or already registered),
/// [`ApiError::Other`] (422 not eligible / code expired, 429).
pub async fn register(request: &RegisterRequest) -> Result<Me, ApiError> {
    post_json("/auth/register", request).await
}

/// `POST /api/v1/auth/logout`: ends the session and clears the cookie.
pub async fn logout() -> Result<(), ApiError> {
    post_empty("/auth/logout").await
}

/// `GET /api/v1/me`: the signed-in member, or [`ApiError::Unauthorized`].
pub fn me() -> impl Future<Output = Result<Me, ApiError>> {
    get_json("/me")
}
