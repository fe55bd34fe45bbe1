//! Two-step verification: the second sign-in step, and enrolment,
//! recovery codes and switching off from the account settings.

use crate::auth::session::{self, hash_secret, AccountUser};
use crate::auth::{password, totp};
use crate::db::{self, accounts, audit, audit::Event, security, throttle, throttle::Reservation};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::auth::{finish_sign_in, locked_problem};
use crate::routes::client::ClientInfo;
use crate::routes::two_step_code::{
    accept_account_code, enable_sent, send_sign_in_code, sign_in_code_matches,
};
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_domain::account::{
    format_recovery_code, normalize_recovery_code, normalize_totp_code, DisableTwoStepRequest,
    EnableTwoStepRequest, RecoveryCodes, RegenerateCodesRequest, TwoStepChallenge,
    TwoStepLoginRequest, TwoStepSetup, TwoStepStatus,
};
use portal_domain::api::Me;
use portal_domain::problem::{push_error, types};
use portal_domain::two_step_code::{mask_destination, TwoStepMethod, SIGN_IN_CODE_SECS};
use portal_domain::{FieldError, FieldErrors, ProblemDetails};

/// The cookie that carries a pending second step (HttpOnly, only sent to `/api/v1/auth`).
pub const PENDING_COOKIE: &str = "portal_two_step";

/// Seconds a member has to enter the code after the password.
pub const PENDING_SECS: i64 = 300;

pub use portal_domain::problem::types::INVALID_CODE;
pub use portal_domain::problem::types::TWO_STEP_STATE;

/// The pending cookie's name with `--cookie-secure` (`__Secure-`: its Path
/// is `/api/v1/auth`, so `__Host-` cannot be used).
pub const SECURE_PENDING_COOKIE: &str = "__Secure-portal_two_step";

fn pending_name(secure: bool) -> &'static str {
    if secure {
        SECURE_PENDING_COOKIE
    } else {
        PENDING_COOKIE
    }
}

fn pending_cookie(token: &str, max_age: i64, secure: bool) -> HeaderValue {
    let name = pending_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/api/v1/auth; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_two_step=; Max-Age=0"))
}

pub(crate) fn pending_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    session::cookie_value(headers, pending_name(secure))
}

/// Answers a right password on an account with two-step verification: 202
/// with a short-lived pending cookie for the second step. Where codes are
/// sent by text or email, the first one goes now.
pub(crate) async fn challenge(state: &AppState, user_id: i64, now: i64) -> ApiResult<Response> {
    let token = session::new_token();
    let token_hash = hash_secret(&token);
    let row = security::totp(&state.db, user_id).await?;
    let method = row
        .as_ref()
        .and_then(|r| TwoStepMethod::parse(&r.method))
        .unwrap_or(TwoStepMethod::App);
    let destination = row.and_then(|r| r.destination);
    let secs = match (method.is_sent(), &destination) {
        (true, Some(_)) => i64::try_from(SIGN_IN_CODE_SECS).unwrap_or(600),
        _ => PENDING_SECS,
    };
    security::create_pending(&state.db, &token_hash, user_id, now, now + secs).await?;
    let sent_to = match (method.is_sent(), destination) {
        (true, Some(to)) => {
            send_sign_in_code(state, user_id, &token_hash, method, &to, now).await?;
            Some(mask_destination(method, &to))
        }
        _ => None,
    };
    let body = TwoStepChallenge {
        two_step_required: true,
        expires_in_secs: u64::try_from(secs).unwrap_or(300),
        method,
        sent_to,
    };
    Ok((
        StatusCode::ACCEPTED,
        [(
            SET_COOKIE,
            pending_cookie(&token, secs, state.config.cookie_secure),
        )],
        Json(body),
    )
        .into_response())
}

/// Checks a six-digit code for an account with an enrolled secret and uses
/// it up: true once per time step, never again (no replay within the window).
pub(crate) async fn accept_code(state: &AppState, user_id: i64, code: &str) -> ApiResult<bool> {
    let Some(row) = security::totp(&state.db, user_id).await? else {
        return Ok(false);
    };
    let Some(step) = totp::check(&row.secret, code, db::now()) else {
        return Ok(false);
    };
    Ok(security::consume_step(&state.db, user_id, step).await?)
}

/// Which second factor a request carries, format-checked.
enum Factor {
    Code(String),
    Recovery(String),
}

fn factor(body: &TwoStepLoginRequest) -> Result<Factor, ApiError> {
    let has_code = !body.code.trim().is_empty();
    let has_recovery = !body.recovery_code.trim().is_empty();
    let mut errors = FieldErrors::new();
    let result = match (has_code, has_recovery) {
        (true, false) => normalize_totp_code(&body.code)
            .map(Factor::Code)
            .map_err(|e| push_error(&mut errors, "code", e)),
        (false, true) => normalize_recovery_code(&body.recovery_code)
            .map(Factor::Recovery)
            .map_err(|e| push_error(&mut errors, "recovery_code", e)),
        (false, false) => {
            push_error(
                &mut errors,
                "code",
                FieldError::new(
                    "code.required",
                    "Enter the 6-digit code (from your authenticator app, or the one we sent you), or a recovery code.",
                ),
            );
            Err(())
        }
        (true, true) => {
            push_error(
                &mut errors,
                "recovery_code",
                FieldError::new(
                    "recovery_code.one_only",
                    "Enter a code or a recovery code, not both.",
                ),
            );
            Err(())
        }
    };
    result.map_err(|()| ApiError::validation(errors))
}

fn invalid_code(field: &str, sent: bool, left: i64, minutes: u64) -> ApiError {
    let plural = if left == 1 { "" } else { "s" };
    let message = if field == "code" && sent {
        "That code is not right. Check the newest message we sent, or send a new code."
    } else if field == "code" {
        "That code is not right, or it was used already. Wait for the next code and try again."
    } else {
        "That recovery code is not right, or it was used already."
    };
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        field,
        FieldError::new(format!("{field}.invalid"), message),
    );
    let mut p = ProblemDetails::new(INVALID_CODE, "Code not accepted", 401).with_detail(format!(
        "{message} After {left} more failed attempt{plural}, sign-in will be locked for {minutes} minutes."
    ));
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

/// The second sign-in step: a code from the authenticator app, or a recovery
/// code. Wrong codes count toward the same lockout as wrong passwords.
#[utoipa::path(post, path = "/api/v1/auth/login/two-step", tag = "auth", request_body = TwoStepLoginRequest,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 400, body = ProblemDetails, description = "No code, or a malformed one (errors.code / errors.recovery_code)"),
        (status = 401, body = ProblemDetails, description = "Wrong or used code (/problems/invalid-code), or no pending sign-in (/problems/unauthenticated)"),
        (status = 423, body = ProblemDetails, description = "Locked"),
        (status = 429, body = ProblemDetails, description = "Rate limited, or other attempts in flight (Retry-After)")))]
pub async fn login_two_step(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    ApiJson(body): ApiJson<TwoStepLoginRequest>,
) -> ApiResult<Response> {
    let factor = factor(&body)?;
    let now = db::now();
    let token_hash = pending_token(&headers, state.config.cookie_secure)
        .map(|t| hash_secret(&t))
        .ok_or_else(expired_step)?;
    let user_id = security::pending_user(&state.db, &token_hash, now)
        .await?
        .ok_or_else(expired_step)?;
    let user = accounts::by_id(&state.db, user_id)
        .await?
        .ok_or_else(expired_step)?;
    let cfg = &state.config;
    let threshold = i64::from(cfg.lockout_threshold);
    let lock_secs = i64::try_from(cfg.lockout_secs).unwrap_or(900);
    let minutes = cfg.lockout_secs.div_ceil(60);
    // On a trusted device of this account the code counts toward the
    // device's own lockout, not the username's (which others may have locked).
    let key =
        match crate::routes::auth::trusted_device(&state, &headers, &user.username, now).await? {
            Some(device) => format!("login-device:{}", device.token_hash),
            None => format!("login:{}", user.username),
        };
    let n = match throttle::reserve(&state.db, &key, now, threshold, lock_secs).await? {
        Reservation::Locked { until } => {
            security::delete_pending(&state.db, &token_hash).await?;
            return Err(locked_problem(until, minutes, threshold));
        }
        Reservation::Busy => return Err(crate::routes::auth::in_flight_problem()),
        Reservation::Proceed { n } => n,
    };
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    let sent = security::totp(&state.db, user.id)
        .await?
        .and_then(|r| TwoStepMethod::parse(&r.method))
        .is_some_and(TwoStepMethod::is_sent);
    let (ok, field) = match &factor {
        Factor::Code(code) if sent => (
            sign_in_code_matches(&state, &token_hash, code).await?,
            "code",
        ),
        Factor::Code(code) => (accept_code(&state, user.id, code).await?, "code"),
        Factor::Recovery(code) => (
            security::use_recovery_code(&state.db, user.id, &hash_secret(code), now).await?,
            "recovery_code",
        ),
    };
    if ok {
        throttle::reset(&state.db, &key).await?;
        security::delete_pending(&state.db, &token_hash).await?;
        if matches!(factor, Factor::Recovery(_)) {
            audit::record_with(
                &state.db,
                Some(user.id),
                Event::RecoveryCodeUsed,
                now,
                ip,
                ua,
                true,
            )
            .await;
        }
        let mut response = finish_sign_in(&state, user.id, user.member_id, &client, true).await?;
        response
            .headers_mut()
            .append(SET_COOKIE, pending_cookie("", 0, cfg.cookie_secure));
        return Ok(response);
    }
    audit::record_with(
        &state.db,
        Some(user.id),
        Event::SignInFailed,
        now,
        ip,
        ua,
        true,
    )
    .await;
    if n >= threshold {
        let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
        security::delete_pending(&state.db, &token_hash).await?;
        audit::record_with(&state.db, Some(user.id), Event::Locked, now, ip, ua, true).await;
        return Err(locked_problem(until, minutes, threshold));
    }
    Err(invalid_code(field, sent, threshold - n, minutes))
}

pub(crate) fn expired_step() -> ApiError {
    ApiError::problem(
        types::UNAUTHENTICATED,
        "Please sign in again",
        StatusCode::UNAUTHORIZED,
        "The time to enter the code has run out. Sign in again with your username and password.",
    )
}

pub(crate) fn state_problem(detail: &str) -> ApiError {
    ApiError::problem(
        TWO_STEP_STATE,
        "Two-step verification",
        StatusCode::CONFLICT,
        detail,
    )
}

/// Checks the signed-in member's password for a sensitive change. Wrong
/// passwords count toward the sign-in lockout (a stolen session cannot be
/// used to guess the password); a right one does not reset it.
pub(crate) async fn check_password(
    state: &AppState,
    user: &AccountUser,
    field: &str,
    typed: &str,
) -> ApiResult<()> {
    if typed.is_empty() {
        return Err(ApiError::field(
            field,
            &format!("{field}.required"),
            "Enter your current password.",
        ));
    }
    let cfg = &state.config;
    let threshold = i64::from(cfg.lockout_threshold);
    let lock_secs = i64::try_from(cfg.lockout_secs).unwrap_or(900);
    let minutes = cfg.lockout_secs.div_ceil(60);
    let key = format!("login:{}", user.username);
    let now = db::now();
    let n = match throttle::reserve(&state.db, &key, now, threshold, lock_secs).await? {
        Reservation::Locked { until } => return Err(locked_problem(until, minutes, threshold)),
        Reservation::Busy => return Err(crate::routes::auth::in_flight_problem()),
        Reservation::Proceed { n } => n,
    };
    let row = accounts::by_id(&state.db, user.user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let typed = if typed.len() > 1024 {
        String::new()
    } else {
        typed.to_string()
    };
    let verified = match password::verify_gated(&state.hashing, typed, row.password_hash).await {
        Ok(v) => v,
        Err(e) => {
            throttle::release(&state.db, &key).await?;
            return Err(e);
        }
    };
    if verified {
        throttle::release(&state.db, &key).await?;
        return Ok(());
    }
    if n >= threshold {
        let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
        audit::record(
            &state.db,
            Some(user.user_id),
            Event::Locked,
            now,
            None,
            None,
        )
        .await;
        return Err(locked_problem(until, minutes, threshold));
    }
    Err(ApiError::field(
        field,
        &format!("{field}.incorrect"),
        format!(
            "That is not your current password. After {} more failed attempt{}, sign-in will be locked.",
            threshold - n,
            if threshold - n == 1 { "" } else { "s" }
        ),
    ))
}

/// Two-step verification status of the signed-in member.
#[utoipa::path(get, path = "/api/v1/account/two-step", tag = "account",
    responses((status = 200, body = TwoStepStatus), (status = 401, body = ProblemDetails)))]
pub async fn status(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<TwoStepStatus>> {
    Ok(Json(status_of(&state, user.user_id).await?))
}

pub(crate) async fn status_of(state: &AppState, user_id: i64) -> ApiResult<TwoStepStatus> {
    let row = security::totp(&state.db, user_id)
        .await?
        .filter(|r| r.enabled_at.is_some());
    let enabled = row.is_some();
    let recovery_codes_left = if enabled {
        security::codes_left(&state.db, user_id).await?
    } else {
        0
    };
    let method = row.as_ref().and_then(|r| TwoStepMethod::parse(&r.method));
    let sent_to = match (method, row.and_then(|r| r.destination)) {
        (Some(m), Some(to)) if m.is_sent() => Some(mask_destination(m, &to)),
        _ => None,
    };
    Ok(TwoStepStatus {
        enabled,
        recovery_codes_left,
        method,
        sent_to,
    })
}

/// Starts enrolment: a new secret, its QR code (SVG) and the secret in text.
/// Nothing changes at sign-in until a code confirms it (`/enable`).
#[utoipa::path(post, path = "/api/v1/account/two-step/setup", tag = "account",
    responses((status = 200, body = TwoStepSetup), (status = 401, body = ProblemDetails),
        (status = 409, body = ProblemDetails, description = "Already on")))]
pub async fn setup(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<TwoStepSetup>> {
    let secret = totp::new_secret();
    if !security::start_enrolment(&state.db, user.user_id, &secret, db::now()).await? {
        return Err(state_problem("Two-step verification is already on."));
    }
    let otpauth_uri = totp::otpauth_uri(&user.username, &secret);
    let qr_svg_data_uri = totp::qr_svg_data_uri(&otpauth_uri)?;
    Ok(Json(TwoStepSetup {
        secret,
        otpauth_uri,
        qr_svg_data_uri,
    }))
}

async fn new_codes(state: &AppState, user_id: i64, enable: bool) -> ApiResult<RecoveryCodes> {
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| hash_secret(c)).collect();
    let now = db::now();
    if enable {
        if !security::enable(&state.db, user_id, &hashes, now).await? {
            return Err(state_problem("Two-step verification is already on."));
        }
    } else {
        security::replace_codes(&state.db, user_id, &hashes, now).await?;
    }
    Ok(RecoveryCodes {
        codes: codes.iter().map(|c| format_recovery_code(c)).collect(),
    })
}

/// Switches two-step verification on with the first code from the app;
/// answers the ten recovery codes (shown once).
#[utoipa::path(post, path = "/api/v1/account/two-step/enable", tag = "account", request_body = EnableTwoStepRequest,
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ProblemDetails, description = "errors.code"),
        (status = 401, body = ProblemDetails), (status = 409, body = ProblemDetails, description = "Already on, or no enrolment started")))]
pub async fn enable(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<EnableTwoStepRequest>,
) -> ApiResult<Json<RecoveryCodes>> {
    let code = normalize_totp_code(&body.code).map_err(|e| {
        let mut errors = FieldErrors::new();
        push_error(&mut errors, "code", e);
        ApiError::validation(errors)
    })?;
    match security::totp(&state.db, user.user_id).await? {
        None => return Err(state_problem("Start the set-up first.")),
        Some(t) if t.enabled_at.is_some() => {
            return Err(state_problem("Two-step verification is already on."))
        }
        Some(t) if TwoStepMethod::parse(&t.method).is_some_and(TwoStepMethod::is_sent) => {
            return Ok(Json(
                enable_sent(&state, &client, user.user_id, &code).await?,
            ));
        }
        Some(_) => {}
    }
    if !accept_code(&state, user.user_id, &code).await? {
        return Err(ApiError::field(
            "code",
            "code.invalid",
            "That code is not right. Check the time on your phone, wait for the next code and try again.",
        ));
    }
    let codes = new_codes(&state, user.user_id, true).await?;
    client
        .audit(&state.db, Some(user.user_id), Event::TwoStepOn)
        .await;
    Ok(Json(codes))
}

/// Switches two-step verification off: the password and a current code.
#[utoipa::path(post, path = "/api/v1/account/two-step/disable", tag = "account", request_body = DisableTwoStepRequest,
    responses((status = 204, description = "Off"), (status = 400, body = ProblemDetails, description = "errors.password / errors.code"),
        (status = 401, body = ProblemDetails), (status = 409, body = ProblemDetails, description = "Not on"), (status = 423, body = ProblemDetails)))]
pub async fn disable(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<DisableTwoStepRequest>,
) -> ApiResult<StatusCode> {
    let code = normalize_totp_code(&body.code);
    if let Err(e) = &code {
        let mut errors = FieldErrors::new();
        push_error(&mut errors, "code", e.clone());
        if body.password.is_empty() {
            push_error(
                &mut errors,
                "password",
                FieldError::new("password.required", "Enter your current password."),
            );
        }
        return Err(ApiError::validation(errors));
    }
    let Some(row) = security::totp(&state.db, user.user_id)
        .await?
        .filter(|r| r.enabled_at.is_some())
    else {
        return Err(state_problem("Two-step verification is not on."));
    };
    check_password(&state, &user, "password", &body.password).await?;
    let code = code.unwrap_or_default();
    if TwoStepMethod::parse(&row.method).is_some_and(TwoStepMethod::is_sent) {
        accept_account_code(&state, user.user_id, &code).await?;
    } else if !accept_code(&state, user.user_id, &code).await? {
        return Err(ApiError::field(
            "code",
            "code.invalid",
            "That code is not right, or it was used already. Wait for the next code and try again.",
        ));
    }
    security::disable(&state.db, user.user_id).await?;
    client
        .audit(&state.db, Some(user.user_id), Event::TwoStepOff)
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// New recovery codes (the password again); the old ones stop working.
#[utoipa::path(post, path = "/api/v1/account/two-step/recovery-codes", tag = "account", request_body = RegenerateCodesRequest,
    responses((status = 200, body = RecoveryCodes), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
        (status = 409, body = ProblemDetails, description = "Two-step verification is not on"), (status = 423, body = ProblemDetails)))]
pub async fn regenerate(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<RegenerateCodesRequest>,
) -> ApiResult<Json<RecoveryCodes>> {
    if !security::two_step_enabled(&state.db, user.user_id).await? {
        return Err(state_problem("Two-step verification is not on."));
    }
    check_password(&state, &user, "password", &body.password).await?;
    let codes = new_codes(&state, user.user_id, false).await?;
    client
        .audit(
            &state.db,
            Some(user.user_id),
            Event::RecoveryCodesRegenerated,
        )
        .await;
    Ok(Json(codes))
}
