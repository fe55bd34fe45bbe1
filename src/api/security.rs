//! Account security: the two-step sign-in, self-service recovery, account
//! settings, sign-in history, sessions and the idle timeout
//! (`docs/api.md`, "Account security").

use super::{builder, decode, delete, get_json, post_json, send, ApiError, BASE};
use gloo_net::http::Request;
use portal_domain::account::{
    AccountSettings, ChangePasswordRequest, ChangeUsernameRequest, ContactRequest,
    DisableTwoStepRequest, EnableTwoStepRequest, ForgotPasswordRequest, RecoveryCodes,
    RecoveryDone, RecoveryStartRequest, RecoveryStarted, RegenerateCodesRequest, SecurityEvent,
    SessionInfo, SessionStatus, SignOutEverywhereRequest, TwoStepChallenge, TwoStepLoginRequest,
    TwoStepSetup, TwoStepStatus, UnlockRequest,
};
use portal_domain::api::{LoginRequest, Me};
use portal_domain::legacy::{LegacyChallenge, LegacyCompleteRequest};
use portal_domain::two_step_code::{CodeSent, CodeSetupRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// What a right password leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Signed in.
    SignedIn(Me),
    /// Two-step verification is on: send a code next ([`login_two_step`]);
    /// where it comes from (the app, or a text or email just sent).
    TwoStepRequired(TwoStepChallenge),
    /// The old site's ID number and PIN were right: choose a username and
    /// password next ([`legacy_complete`]).
    LegacyFirstSignIn(LegacyChallenge),
}

/// The two 202 answers of a sign-in (told apart by their marker field).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Challenge {
    Legacy(LegacyChallenge),
    TwoStep(TwoStepChallenge),
}

/// `POST /api/v1/auth/login`: 200 signs in; 202 asks for the second step.
///
/// Errors as [`super::auth::login`].
pub async fn login(request: &LoginRequest) -> Result<LoginOutcome, ApiError> {
    let response =
        send(builder(Request::post(&format!("{BASE}/auth/login"))).json(request)).await?;
    if response.status() == 202 {
        return decode(response).await.map(|c| match c {
            Challenge::Legacy(l) => LoginOutcome::LegacyFirstSignIn(l),
            Challenge::TwoStep(t) => LoginOutcome::TwoStepRequired(t),
        });
    }
    decode(response).await.map(LoginOutcome::SignedIn)
}

/// `POST /api/v1/auth/legacy`: the legacy member's new username and
/// password; creates the account and signs in.
///
/// Errors: [`ApiError::Unauthorized`] (more than 15 minutes since the PIN),
/// [`ApiError::Validation`], [`ApiError::Conflict`] (username taken, with
/// suggestions).
pub async fn legacy_complete(request: &LegacyCompleteRequest) -> Result<Me, ApiError> {
    post_json("/auth/legacy", request).await
}

/// `POST /api/v1/auth/login/two-step`: a code or a recovery code.
///
/// Errors: [`ApiError::Unauthorized`] (wrong or used code, with field
/// errors in the problem; or the pending sign-in expired), [`ApiError::Locked`].
pub async fn login_two_step(request: &TwoStepLoginRequest) -> Result<Me, ApiError> {
    post_json("/auth/login/two-step", request).await
}

/// `POST /api/v1/auth/login/two-step/resend`: a new code by text or email
/// for the pending sign-in (429 when one went a moment ago).
pub async fn login_two_step_resend() -> Result<CodeSent, ApiError> {
    post_json("/auth/login/two-step/resend", &serde_json::Value::Null).await
}

/// `POST /api/v1/recovery/start`: the identity check; the server sends the
/// username or a code to the contact on file and answers neutrally (202).
pub async fn recovery_start(request: &RecoveryStartRequest) -> Result<RecoveryStarted, ApiError> {
    post_json("/recovery/start", request).await
}

/// `POST /api/v1/recovery/password`: ticket, code and the new password.
pub async fn forgot_password(request: &ForgotPasswordRequest) -> Result<RecoveryDone, ApiError> {
    post_json("/recovery/password", request).await
}

/// `POST /api/v1/recovery/unlock`: ticket and code.
pub async fn unlock(request: &UnlockRequest) -> Result<RecoveryDone, ApiError> {
    post_json("/recovery/unlock", request).await
}

/// `GET /api/v1/account`.
pub fn account() -> impl Future<Output = Result<AccountSettings, ApiError>> {
    get_json("/account")
}

/// `PUT {BASE}{path}` with a JSON body; `Some(T)` decoded, or `None` for 204.
async fn put<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<Option<T>, ApiError> {
    let response = send(builder(Request::put(&format!("{BASE}{path}"))).json(body)).await?;
    if response.status() == 204 {
        return Ok(None);
    }
    decode(response).await.map(Some)
}

/// `POST {BASE}{path}` with a JSON body, expecting no content back.
async fn post_no_content<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    send(builder(Request::post(&format!("{BASE}{path}"))).json(body))
        .await
        .map(|_| ())
}

/// `PUT /api/v1/account/username`: the new `Me`.
pub async fn change_username(request: &ChangeUsernameRequest) -> Result<Me, ApiError> {
    put::<_, Me>("/account/username", request)
        .await?
        .ok_or(ApiError::Server)
}

/// `PUT /api/v1/account/password` (other sessions end).
pub async fn change_password(request: &ChangePasswordRequest) -> Result<(), ApiError> {
    put::<_, serde_json::Value>("/account/password", request)
        .await
        .map(|_| ())
}

/// `PUT /api/v1/account/contact`: the updated settings.
pub async fn change_contact(request: &ContactRequest) -> Result<AccountSettings, ApiError> {
    put::<_, AccountSettings>("/account/contact", request)
        .await?
        .ok_or(ApiError::Server)
}

/// `GET /api/v1/account/history`.
pub fn history() -> impl Future<Output = Result<Vec<SecurityEvent>, ApiError>> {
    get_json("/account/history")
}

/// `GET /api/v1/account/sessions`.
pub fn sessions() -> impl Future<Output = Result<Vec<SessionInfo>, ApiError>> {
    get_json("/account/sessions")
}

/// `DELETE /api/v1/account/sessions/{id}`.
pub async fn revoke_session(id: &str) -> Result<(), ApiError> {
    delete(&format!("/account/sessions/{id}")).await
}

/// `POST /api/v1/account/sessions/revoke-all`.
pub async fn sign_out_everywhere(include_current: bool) -> Result<(), ApiError> {
    post_no_content(
        "/account/sessions/revoke-all",
        &SignOutEverywhereRequest { include_current },
    )
    .await
}

/// `GET /api/v1/account/two-step`.
pub fn two_step_status() -> impl Future<Output = Result<TwoStepStatus, ApiError>> {
    get_json("/account/two-step")
}

/// `POST /api/v1/account/two-step/setup`: a new secret and its QR code.
pub async fn two_step_setup() -> Result<TwoStepSetup, ApiError> {
    post_json("/account/two-step/setup", &serde_json::Value::Null).await
}

/// `POST /api/v1/account/two-step/code-setup`: a code to the phone or email
/// given, to set up two-step verification with sent codes.
pub async fn two_step_code_setup(request: &CodeSetupRequest) -> Result<CodeSent, ApiError> {
    post_json("/account/two-step/code-setup", request).await
}

/// `POST /api/v1/account/two-step/send-code`: a code to switch it off.
pub async fn two_step_send_code() -> Result<CodeSent, ApiError> {
    post_json("/account/two-step/send-code", &serde_json::Value::Null).await
}

/// `POST /api/v1/account/two-step/enable`: the recovery codes.
pub async fn two_step_enable(request: &EnableTwoStepRequest) -> Result<RecoveryCodes, ApiError> {
    post_json("/account/two-step/enable", request).await
}

/// `POST /api/v1/account/two-step/disable`.
pub async fn two_step_disable(request: &DisableTwoStepRequest) -> Result<(), ApiError> {
    post_no_content("/account/two-step/disable", request).await
}

/// `POST /api/v1/account/two-step/recovery-codes`: new codes.
pub async fn regenerate_codes(request: &RegenerateCodesRequest) -> Result<RecoveryCodes, ApiError> {
    post_json("/account/two-step/recovery-codes", request).await
}

/// `GET /api/v1/session`: time left (does not count as activity).
pub fn session_status() -> impl Future<Output = Result<SessionStatus, ApiError>> {
    get_json("/session")
}

/// `POST /api/v1/session/keep-alive`: "Stay signed in".
pub async fn keep_alive() -> Result<SessionStatus, ApiError> {
    post_json("/session/keep-alive", &serde_json::Value::Null).await
}
