//! Two-step verification by a code sent by text message or email (besides
//! the authenticator app in [`super::two_step`]):
//!
//! * set-up (`POST /account/two-step/code-setup`), offered right after
//!   registration and in the account settings: a code goes to the phone or
//!   email given; entering it at `/account/two-step/enable` switches two-step
//!   on, and the destination becomes the contact on file (a new destination
//!   needs the current password, as any contact change does);
//! * at sign-in, a code goes to the destination with the pending second step
//!   (kept for [`SIGN_IN_CODE_SECS`]); "Send a new code" at most
//!   [`MAX_SENDS_PER_SIGN_IN`] times, [`RESEND_GAP_SECS`] apart;
//! * switching off: the password and a code sent by `/account/two-step/send-code`.
//!
//! Codes are 6 random digits, stored only as SHA-256 bound to the account or
//! to the pending sign-in, used once. Wrong codes at sign-in count toward the
//! sign-in lockout; a set-up code allows [`MAX_SETUP_CODE_ATTEMPTS`] tries.
//! Sends are limited per account ([`SEND_LIMIT`] per lockout window).

use crate::auth::session::{hash_secret, AccountUser};
use crate::auth::totp::{self, ISSUER};
use crate::db::outbox::{Channel, NewMessage};
use crate::db::sent_codes::{self, CodeCheck};
use crate::db::{self, audit::Event, rate, rate::Hit, security};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::account::{notify_contacts, Notice};
use crate::routes::auth::too_many_attempts;
use crate::routes::client::ClientInfo;
use crate::routes::two_step::{check_password, pending_token, state_problem};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use portal_domain::account::{format_recovery_code, RecoveryCodes};
use portal_domain::two_step_code::{
    mask_destination, validate_destination, CodeSent, CodeSetupRequest, TwoStepMethod,
    MAX_SENDS_PER_SIGN_IN, MAX_SETUP_CODE_ATTEMPTS, SETUP_CODE_SECS, SIGN_IN_CODE_SECS,
};
use portal_domain::{FieldErrors, ProblemDetails};
use rand::Rng;

/// Codes sent (set-up, switching off) per account per lockout window.
pub const SEND_LIMIT: i64 = 5;

/// What a sent code is for, in its message.
#[derive(Clone, Copy)]
enum Purpose {
    SignIn,
    SetUp,
    SwitchOff,
}

impl Purpose {
    fn action(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign in",
            Purpose::SetUp => "set up two-step verification",
            Purpose::SwitchOff => "switch off two-step verification",
        }
    }
}

/// Six random digits.
fn new_code() -> String {
    format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32))
}

/// SHA-256 of a set-up code, bound to its account.
fn account_code_hash(user_id: i64, code: &str) -> String {
    hash_secret(&format!("two-step:{user_id}:{code}"))
}

/// SHA-256 of a sign-in code, bound to its pending sign-in.
pub(crate) fn pending_code_hash(token_hash: &str, code: &str) -> String {
    hash_secret(&format!("{token_hash}:{code}"))
}

fn secs(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(600)
}

/// The one message carrying `code` to `destination`.
fn code_message(
    user_id: i64,
    method: TwoStepMethod,
    destination: &str,
    code: &str,
    purpose: Purpose,
    valid_secs: u64,
) -> NewMessage {
    let action = purpose.action();
    let minutes = valid_secs.div_ceil(60);
    let (channel, body) = if method == TwoStepMethod::Email {
        (
            Channel::Email,
            format!(
                "Your code to {action} is {code}.\n\nIt works for {minutes} minutes, once. If you \
                 didn't ask for it, someone may know your password: change it, and call Member \
                 Services. We will never ask you for this code.\n\n{ISSUER}"
            ),
        )
    } else {
        (
            Channel::Sms,
            format!("{ISSUER}: {code} is your code to {action}. It expires in {minutes} min. Never share it."),
        )
    };
    NewMessage {
        channel,
        recipient: destination.to_string(),
        subject: format!("Your {ISSUER} code"),
        body,
        kind: "two_step_code".to_string(),
        user_id: Some(user_id),
    }
}

/// Counts one send for the account; 429 with `Retry-After` past the limit.
async fn limit_sends(state: &AppState, user_id: i64, now: i64) -> ApiResult<()> {
    let window = i64::try_from(state.config.lockout_secs).unwrap_or(900);
    let key = format!("two-step-send:{user_id}");
    if let Hit::Limited { until } = rate::hit(&state.db, &key, now, SEND_LIMIT, window).await? {
        return Err(too_many_attempts(until));
    }
    Ok(())
}

fn method_of(row: &security::TotpRow) -> TwoStepMethod {
    TwoStepMethod::parse(&row.method).unwrap_or(TwoStepMethod::App)
}

/// Starts two-step verification by text or email: sends a code to the
/// destination. Entering it at `/account/two-step/enable` switches it on.
#[utoipa::path(post, path = "/api/v1/account/two-step/code-setup", tag = "account", request_body = CodeSetupRequest,
    responses((status = 200, body = CodeSent, description = "A code was sent to the destination"),
        (status = 400, body = ProblemDetails, description = "errors.method / errors.destination / errors.password (needed when the destination is not the contact on file)"),
        (status = 401, body = ProblemDetails), (status = 409, body = ProblemDetails, description = "Two-step verification is already on"),
        (status = 423, body = ProblemDetails, description = "Too many wrong passwords: locked"),
        (status = 429, body = ProblemDetails, description = "Too many codes sent (Retry-After)")))]
pub async fn code_setup(
    State(state): State<AppState>,
    user: AccountUser,
    ApiJson(body): ApiJson<CodeSetupRequest>,
) -> ApiResult<Json<CodeSent>> {
    let mut destination = validate_destination(body.method, &body.destination).map_err(|e| {
        let field = if e.code.starts_with("method.") {
            "method"
        } else {
            "destination"
        };
        let mut errors = FieldErrors::new();
        portal_domain::problem::push_error(&mut errors, field, e);
        ApiError::validation(errors)
    })?;
    if security::two_step_enabled(&state.db, user.user_id).await? {
        return Err(state_problem("Two-step verification is already on."));
    }
    let (email, phone) = security::contact(&state.db, user.user_id).await?;
    let on_file = match destination.method {
        TwoStepMethod::Sms => phone,
        _ => email,
    };
    match on_file {
        // The contact on file, as it is stored (an email's case may differ).
        Some(v) if v.eq_ignore_ascii_case(&destination.value) => destination.value = v,
        // It becomes the contact on file, where recovery codes go.
        _ => check_password(&state, &user, "password", &body.password).await?,
    }
    let now = db::now();
    limit_sends(&state, user.user_id, now).await?;
    let code = new_code();
    let expires_at = now + secs(SETUP_CODE_SECS);
    let started = sent_codes::start_enrolment(
        &state.db,
        user.user_id,
        destination.method.as_str(),
        &destination.value,
        &account_code_hash(user.user_id, &code),
        now,
        expires_at,
    )
    .await?;
    if !started {
        return Err(state_problem("Two-step verification is already on."));
    }
    let message = code_message(
        user.user_id,
        destination.method,
        &destination.value,
        &code,
        Purpose::SetUp,
        SETUP_CODE_SECS,
    );
    state.outbox.queue(&state.db, &[message]).await?;
    Ok(Json(CodeSent {
        method: destination.method,
        sent_to: mask_destination(destination.method, &destination.value),
        expires_in_secs: SETUP_CODE_SECS,
    }))
}

/// Sends a code to the two-step destination on file, to switch two-step
/// verification off (`/account/two-step/disable`).
#[utoipa::path(post, path = "/api/v1/account/two-step/send-code", tag = "account",
    responses((status = 200, body = CodeSent), (status = 401, body = ProblemDetails),
        (status = 409, body = ProblemDetails, description = "Two-step verification is not on with codes by text or email"),
        (status = 429, body = ProblemDetails, description = "Too many codes sent (Retry-After)")))]
pub async fn send_code(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<CodeSent>> {
    let row = security::totp(&state.db, user.user_id).await?;
    let Some((method, destination)) = row
        .filter(|r| r.enabled_at.is_some())
        .and_then(|r| Some((method_of(&r), r.destination?)))
        .filter(|(m, _)| m.is_sent())
    else {
        return Err(state_problem(
            "Two-step verification is not on with codes by text or email.",
        ));
    };
    let now = db::now();
    limit_sends(&state, user.user_id, now).await?;
    let code = new_code();
    let hash = account_code_hash(user.user_id, &code);
    if !sent_codes::store_account_code(&state.db, user.user_id, &hash, now + secs(SETUP_CODE_SECS))
        .await?
    {
        return Err(state_problem(
            "Two-step verification is not on with codes by text or email.",
        ));
    }
    let message = code_message(
        user.user_id,
        method,
        &destination,
        &code,
        Purpose::SwitchOff,
        SETUP_CODE_SECS,
    );
    state.outbox.queue(&state.db, &[message]).await?;
    Ok(Json(CodeSent {
        method,
        sent_to: mask_destination(method, &destination),
        expires_in_secs: SETUP_CODE_SECS,
    }))
}

/// Checks a code sent to the account (set-up or switching off), using it
/// up when right; a field error on `code` otherwise.
pub(crate) async fn accept_account_code(
    state: &AppState,
    user_id: i64,
    code: &str,
) -> ApiResult<()> {
    let hash = account_code_hash(user_id, code);
    match sent_codes::check_account_code(&state.db, user_id, &hash, db::now(), MAX_SETUP_CODE_ATTEMPTS)
        .await?
    {
        CodeCheck::Accepted => Ok(()),
        CodeCheck::Wrong => Err(ApiError::field(
            "code",
            "code.invalid",
            "That code is not right. Check the newest message we sent and try again.",
        )),
        CodeCheck::NoCode => Err(ApiError::field(
            "code",
            "code.expired",
            "That code has expired, was used already, or was entered wrong too many times. Send a new code.",
        )),
    }
}

/// Switches on two-step verification set up with sent codes, once its code
/// was accepted: ten recovery codes (shown once), and the destination is
/// now the contact on file (both the old and the new contact are told when
/// that changed it).
pub(crate) async fn enable_sent(
    state: &AppState,
    client: &ClientInfo,
    user_id: i64,
    code: &str,
) -> ApiResult<RecoveryCodes> {
    accept_account_code(state, user_id, code).await?;
    let before = security::contact(&state.db, user_id).await?;
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| hash_secret(c)).collect();
    let now = db::now();
    if !sent_codes::enable(&state.db, user_id, &hashes, now).await? {
        return Err(state_problem("Two-step verification is already on."));
    }
    let after = security::contact(&state.db, user_id).await?;
    if before != after {
        notify_contacts(state, user_id, &[before, after], Notice::ContactChanged).await;
    }
    client
        .audit(&state.db, Some(user_id), Event::TwoStepOn)
        .await;
    Ok(RecoveryCodes {
        codes: codes.iter().map(|c| format_recovery_code(c)).collect(),
    })
}

/// Sends a sign-in code for a pending second step: false when the sign-in
/// has had its [`MAX_SENDS_PER_SIGN_IN`] codes or the last went less than
/// the resend gap ago.
pub(crate) async fn send_sign_in_code(
    state: &AppState,
    user_id: i64,
    token_hash: &str,
    method: TwoStepMethod,
    destination: &str,
    now: i64,
) -> ApiResult<bool> {
    let code = new_code();
    let stored = sent_codes::store_pending_code(
        &state.db,
        token_hash,
        &pending_code_hash(token_hash, &code),
        now,
        MAX_SENDS_PER_SIGN_IN,
        secs(state.config.two_step_resend_gap_secs),
    )
    .await?;
    if stored {
        let message = code_message(
            user_id,
            method,
            destination,
            &code,
            Purpose::SignIn,
            SIGN_IN_CODE_SECS,
        );
        state.outbox.queue(&state.db, &[message]).await?;
    }
    Ok(stored)
}

/// Whether `code` is the one last sent for this pending sign-in.
pub(crate) async fn sign_in_code_matches(
    state: &AppState,
    token_hash: &str,
    code: &str,
) -> ApiResult<bool> {
    let pending = sent_codes::pending_code(&state.db, token_hash, db::now()).await?;
    Ok(pending
        .and_then(|p| p.code_hash)
        .is_some_and(|h| h == pending_code_hash(token_hash, code)))
}

/// "Send a new code" at the second sign-in step (codes by text or email).
#[utoipa::path(post, path = "/api/v1/auth/login/two-step/resend", tag = "auth",
    responses((status = 200, body = CodeSent, description = "A new code was sent; the old one no longer works"),
        (status = 401, body = ProblemDetails, description = "No pending sign-in (/problems/unauthenticated)"),
        (status = 409, body = ProblemDetails, description = "This account's codes come from an authenticator app"),
        (status = 429, body = ProblemDetails, description = "Sent too recently, or too many codes for this sign-in (Retry-After)")))]
pub async fn resend_sign_in_code(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Json<CodeSent>> {
    let now = db::now();
    let token_hash = pending_token(&headers, state.config.cookie_secure)
        .map(|t| hash_secret(&t))
        .ok_or_else(crate::routes::two_step::expired_step)?;
    let pending = sent_codes::pending_code(&state.db, &token_hash, now)
        .await?
        .ok_or_else(crate::routes::two_step::expired_step)?;
    let user_id = security::pending_user(&state.db, &token_hash, now)
        .await?
        .ok_or_else(crate::routes::two_step::expired_step)?;
    let row = security::totp(&state.db, user_id).await?;
    let Some((method, destination)) = row
        .and_then(|r| Some((method_of(&r), r.destination?)))
        .filter(|(m, _)| m.is_sent())
    else {
        return Err(state_problem(
            "Your codes come from your authenticator app: open it for the current code.",
        ));
    };
    if !send_sign_in_code(&state, user_id, &token_hash, method, &destination, now).await? {
        let gap_end =
            pending.code_sent_at.unwrap_or(now) + secs(state.config.two_step_resend_gap_secs);
        let detail = if pending.sends >= i64::from(MAX_SENDS_PER_SIGN_IN) {
            format!(
                "We have sent {MAX_SENDS_PER_SIGN_IN} codes for this sign-in. Use the newest one, \
                 a recovery code, or sign in again."
            )
        } else {
            "A code was sent a moment ago. It can take a minute to arrive; you can ask for another shortly."
                .to_string()
        };
        let mut p = ProblemDetails::new(
            portal_domain::problem::types::RATE_LIMITED,
            "Code sent recently",
            429,
        )
        .with_detail(detail);
        p.locked_until = Some(crate::routes::auth::utc_time(gap_end.max(now + 1)).0);
        return Err(ApiError::Problem(Box::new(p)));
    }
    Ok(Json(CodeSent {
        method,
        sent_to: mask_destination(method, &destination),
        expires_in_secs: SIGN_IN_CODE_SECS,
    }))
}
