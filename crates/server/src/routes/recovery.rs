//! Self-service recovery without a session (`/api/v1/recovery/...`): forgot
//! username, forgot password, unlock account. Each checks identity with the
//! member ID, first and last name and date of birth (plus a current code
//! where two-step verification is on), answers one neutral message when the
//! details match no account, is rate limited per account and per client
//! address, and records every attempt in the audit trail.

use crate::auth::password;
use crate::db::{self, audit, audit::Event, members, security, throttle, throttle::Reservation};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::account::new_password_errors;
use crate::routes::auth::{too_many_attempts, MEMBER_SERVICES_PHONE};
use crate::routes::client::ClientInfo;
use crate::routes::two_step::accept_code;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use portal_domain::account::{
    confirm_errors, names_match, validate_identity, ForgotPasswordRequest, IdentityCheck,
    RecoveryDone, UsernameReminder, ValidIdentity,
};
use portal_domain::problem::push_error;
use portal_domain::{FieldError, FieldErrors, ProblemDetails};

/// Problem type: the details match no account (one neutral answer).
pub const NOT_VERIFIED: &str = "/problems/not-verified";
/// Problem type: the details match, and two-step verification is on: send a code too.
pub const TWO_STEP_REQUIRED: &str = "/problems/two-step-required";

/// Failed identity checks for one member ID before recovery pauses for it.
pub const ACCOUNT_THRESHOLD: i64 = 5;
/// Recovery attempts (right or wrong) from one client address before it pauses.
pub const ADDRESS_THRESHOLD: i64 = 20;

fn not_verified() -> ApiError {
    ApiError::problem(
        NOT_VERIFIED,
        "We couldn't verify you",
        StatusCode::UNPROCESSABLE_ENTITY,
        format!(
            "We couldn't match these details to an account. Check them against your ID card \
             (member ID without the asterisk); if they are right, call Member Services at {MEMBER_SERVICES_PHONE}."
        ),
    )
}

fn code_required() -> ApiError {
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        "code",
        FieldError::new(
            "code.required",
            "Two-step verification is on for this account: enter the 6-digit code from your authenticator app.",
        ),
    );
    let mut p = ProblemDetails::new(TWO_STEP_REQUIRED, "Enter your code", 422)
        .with_detail("Enter the 6-digit code from your authenticator app to continue.");
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

/// A verified account: (user id, member row id, username).
struct Verified {
    user_id: i64,
    username: String,
}

/// Runs the identity check with its rate limits; records failures.
async fn verify(
    state: &AppState,
    check: &IdentityCheck,
    client: &ClientInfo,
    what: &str,
) -> ApiResult<Verified> {
    let today = state.clock.today();
    let identity: ValidIdentity = validate_identity(check, today).map_err(ApiError::validation)?;
    let now = db::now();
    let lock_secs = i64::try_from(state.config.lockout_secs).unwrap_or(900);
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    let addr_key = format!("recovery-addr:{}", ip.unwrap_or("unknown"));
    if let Reservation::Locked { until } =
        throttle::reserve(&state.db, &addr_key, now, ADDRESS_THRESHOLD, lock_secs).await?
    {
        return Err(too_many_attempts(until));
    }
    let key = format!("recovery:{}", identity.member_id.typed());
    let n = match throttle::reserve(&state.db, &key, now, ACCOUNT_THRESHOLD, lock_secs).await? {
        Reservation::Locked { until } => return Err(too_many_attempts(until)),
        Reservation::Proceed { n } => n,
    };
    let member = members::by_member_id(&state.db, &identity.member_id).await?;
    let user = match &member {
        Some(m)
            if m.eligible
                && names_match(&m.first_name, &identity.first_name)
                && names_match(&m.last_name, &identity.last_name)
                && m.date_of_birth == identity.date_of_birth.format("%Y-%m-%d").to_string() =>
        {
            security::user_for_member(&state.db, m.id).await?
        }
        _ => None,
    };
    let Some(user) = user else {
        audit::record(&state.db, None, Event::RecoveryFailed, now, ip, ua).await;
        tracing::info!(what, "recovery identity check failed");
        if n >= ACCOUNT_THRESHOLD {
            let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
            return Err(too_many_attempts(until));
        }
        return Err(not_verified());
    };
    if security::two_step_enabled(&state.db, user.id).await? {
        match &identity.code {
            None => {
                // Right details, code still to come: not a failure.
                throttle::release(&state.db, &key).await?;
                return Err(code_required());
            }
            Some(code) if accept_code(state, user.id, code).await? => {}
            Some(_) => {
                audit::record(&state.db, Some(user.id), Event::RecoveryFailed, now, ip, ua).await;
                if n >= ACCOUNT_THRESHOLD {
                    let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
                    return Err(too_many_attempts(until));
                }
                return Err(ApiError::field(
                    "code",
                    "code.invalid",
                    "That code is not right, or it was used already. Wait for the next code and try again.",
                ));
            }
        }
    }
    throttle::reset(&state.db, &key).await?;
    Ok(Verified {
        user_id: user.id,
        username: user.username,
    })
}

/// Forgot username: on a match, the username (after a valid code where
/// two-step verification is on).
#[utoipa::path(post, path = "/api/v1/recovery/username", tag = "recovery", request_body = IdentityCheck,
    responses((status = 200, body = UsernameReminder),
        (status = 400, body = ProblemDetails, description = "Validation errors by field"),
        (status = 422, body = ProblemDetails, description = "/problems/not-verified (neutral), or /problems/two-step-required (errors.code)"),
        (status = 429, body = ProblemDetails)))]
pub async fn forgot_username(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<IdentityCheck>,
) -> ApiResult<Json<UsernameReminder>> {
    let v = verify(&state, &body, &client, "username").await?;
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    audit::record(
        &state.db,
        Some(v.user_id),
        Event::UsernameRecovered,
        db::now(),
        ip,
        ua,
    )
    .await;
    Ok(Json(UsernameReminder {
        username: v.username,
    }))
}

/// Forgot password: identity check, then a new password under the active
/// policy and the reuse rule. Every session of the account ends, and a
/// lockout ends too.
#[utoipa::path(post, path = "/api/v1/recovery/password", tag = "recovery", request_body = ForgotPasswordRequest,
    responses((status = 200, body = RecoveryDone),
        (status = 400, body = ProblemDetails, description = "Validation errors by field (new_password incl. password.not_previous)"),
        (status = 422, body = ProblemDetails), (status = 429, body = ProblemDetails)))]
pub async fn forgot_password(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<ForgotPasswordRequest>,
) -> ApiResult<Json<RecoveryDone>> {
    // The rules that need no account first, so a broken password costs no attempt.
    let mut errors = FieldErrors::new();
    if let Err(e) = validate_identity(&body.identity, state.clock.today()) {
        errors = e;
    }
    for e in portal_domain::registration::password_errors(&state.policy, &body.new_password, "") {
        push_error(&mut errors, "new_password", e);
    }
    if let Some(e) = confirm_errors(&body.new_password, &body.confirm_password) {
        push_error(&mut errors, "confirm_password", e);
    }
    if errors.is_empty() && password::is_common(&body.new_password) {
        push_error(
            &mut errors,
            "new_password",
            FieldError::new(
                portal_domain::Rule::PasswordNotCommon.code(),
                "This password is on the list of commonly used passwords. Choose another.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let v = verify(&state, &body.identity, &client, "password").await?;
    let errors = new_password_errors(
        &state,
        v.user_id,
        &v.username,
        "new_password",
        &body.new_password,
        &body.confirm_password,
    )
    .await?;
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let phc = password::hash_blocking(body.new_password).await?;
    let now = db::now();
    security::set_password(&state.db, v.user_id, &phc, now, None).await?;
    throttle::reset(&state.db, &format!("login:{}", v.username)).await?;
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    audit::record(
        &state.db,
        Some(v.user_id),
        Event::PasswordChanged,
        now,
        ip,
        ua,
    )
    .await;
    Ok(Json(RecoveryDone {
        message: "Your password is changed, and every device that was signed in has been signed out. Sign in with your new password.".into(),
    }))
}

/// Unlock account: the identity check ends a sign-in lockout early.
#[utoipa::path(post, path = "/api/v1/recovery/unlock", tag = "recovery", request_body = IdentityCheck,
    responses((status = 200, body = RecoveryDone),
        (status = 400, body = ProblemDetails), (status = 422, body = ProblemDetails), (status = 429, body = ProblemDetails)))]
pub async fn unlock(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<IdentityCheck>,
) -> ApiResult<Json<RecoveryDone>> {
    let v = verify(&state, &body, &client, "unlock").await?;
    throttle::reset(&state.db, &format!("login:{}", v.username)).await?;
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    audit::record(
        &state.db,
        Some(v.user_id),
        Event::Unlocked,
        db::now(),
        ip,
        ua,
    )
    .await;
    Ok(Json(RecoveryDone {
        message: format!(
            "Your account is unlocked. You can sign in now as {}.",
            v.username
        ),
    }))
}
