//! Self-service recovery without a session (`/api/v1/recovery/...`): forgot
//! username, forgot password, unlock account.
//!
//! The details on the ID card (member ID, name, date of birth) are not proof
//! of who is asking: anyone in the household, or holding a copy of the card,
//! knows them. They only decide whether a message goes to the email or
//! mobile phone already on file:
//!
//! 1. `POST /recovery/start` answers the same neutral 202 whether or not the
//!    details matched (and whatever contact is on file). On a match the
//!    username (purpose `username`) or a single-use 6-digit code (`password`,
//!    `unlock`) is queued to every contact on file. The code works for
//!    [`CODE_MINUTES`] minutes and [`MAX_CODE_ATTEMPTS`] tries, and is stored
//!    only as a hash with the ticket the answer carries.
//! 2. `POST /recovery/password` (ticket, code, the new password, and where
//!    two-step verification is on the authenticator code or a recovery code)
//!    or `POST /recovery/unlock` (ticket, code) finishes.
//!
//! Each step is rate limited per client address; the first also per member
//! ID (counting every request, matched or not, so the limit says nothing
//! about a match). Every attempt is in the audit trail.

use crate::auth::password;
use crate::auth::session::{hash_secret, new_token};
use crate::auth::totp::ISSUER;
use crate::db::outbox::NewMessage;
use crate::db::{
    self, audit, audit::Event, members, rate, rate::Hit, recovery, security, throttle,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::messaging::to_contacts;
use crate::routes::account::new_password_errors;
use crate::routes::auth::too_many_attempts;
use crate::routes::client::ClientInfo;
use crate::routes::two_step::accept_code;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use portal_domain::account::{
    confirm_errors, names_match, normalize_recovery_code, normalize_sent_code, normalize_totp_code,
    validate_identity, ForgotPasswordRequest, RecoveryDone, RecoveryPurpose, RecoveryStartRequest,
    RecoveryStarted, UnlockRequest, ValidIdentity,
};
use portal_domain::problem::push_error;
use portal_domain::provider::{validate_provider_recovery, ProviderRecoveryRequest};
use portal_domain::two_step_code::TwoStepMethod;
use portal_domain::{FieldError, FieldErrors, ProblemDetails};
use rand::Rng;

pub use portal_domain::problem::types::TWO_STEP_REQUIRED;

/// Minutes a sent code works for.
pub const CODE_MINUTES: u32 = 15;
/// Codes tried per recovery before it ends (start again for a new code).
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// Recovery requests per member ID per window (matched or not).
pub const MEMBER_LIMIT: i64 = 5;
/// Recovery requests (either step) per client address per window.
pub const ADDRESS_LIMIT: i64 = 20;

/// The window of the recovery rate limits: the lockout duration.
fn window_secs(state: &AppState) -> i64 {
    i64::try_from(state.config.lockout_secs).unwrap_or(900)
}

async fn limit_address(state: &AppState, client: &ClientInfo, now: i64) -> ApiResult<()> {
    let key = format!(
        "recovery-addr:{}",
        client.addr.as_deref().unwrap_or("unknown")
    );
    if let Hit::Limited { until } =
        rate::hit(&state.db, &key, now, ADDRESS_LIMIT, window_secs(state)).await?
    {
        return Err(too_many_attempts(until));
    }
    Ok(())
}

/// The neutral answer of the first step.
fn started(state: &AppState, purpose: RecoveryPurpose, ticket: Option<String>) -> RecoveryStarted {
    let cfg = &state.config;
    let what = match purpose {
        RecoveryPurpose::Username => "its username".to_string(),
        RecoveryPurpose::Password | RecoveryPurpose::Unlock => {
            format!("a 6-digit code (it works for {CODE_MINUTES} minutes)")
        }
    };
    RecoveryStarted {
        message: format!(
            "If these details match an account, we've sent {what} to the email address or mobile \
             phone we have on file for it. It can take a few minutes to arrive. No message? We may \
             not have an email or phone for you: call Member Services at {}, {}.",
            cfg.member_services_phone, cfg.member_services_hours
        ),
        ticket,
        code_minutes: CODE_MINUTES,
        member_services_phone: cfg.member_services_phone.clone(),
        member_services_hours: cfg.member_services_hours.clone(),
    }
}

/// The account whose details these are, if any (eligible members only).
async fn matching_user(
    state: &AppState,
    identity: &ValidIdentity,
) -> ApiResult<Option<crate::db::accounts::UserRow>> {
    let member = members::by_member_id(&state.db, &identity.member_id).await?;
    Ok(match &member {
        Some(m)
            if m.eligible
                && names_match(&m.first_name, &identity.first_name)
                && names_match(&m.last_name, &identity.last_name)
                && m.date_of_birth == identity.date_of_birth =>
        {
            security::user_for_member(&state.db, m.id).await?
        }
        _ => None,
    })
}

/// SHA-256 of a code bound to its ticket.
fn code_hash(ticket: &str, code: &str) -> String {
    hash_secret(&format!("{ticket}:{code}"))
}

fn code_messages(
    user_id: i64,
    contact: (Option<&str>, Option<&str>),
    purpose: RecoveryPurpose,
    code: &str,
) -> Vec<NewMessage> {
    let action = match purpose {
        RecoveryPurpose::Password => "choose a new password",
        _ => "unlock your account",
    };
    to_contacts(
        user_id,
        contact.0,
        contact.1,
        "recovery_code",
        &format!("Your {ISSUER} code"),
        &format!(
            "Your code to {action} is {code}.\n\nIt works for {CODE_MINUTES} minutes, once. If you \
             didn't ask for it, ignore this message: nothing changes without the code. We will \
             never ask you for this code by phone.\n\n{ISSUER}"
        ),
        &format!("{ISSUER}: {code} is your code to {action}. It expires in {CODE_MINUTES} min. Never share it."),
    )
}

fn username_messages(
    user_id: i64,
    contact: (Option<&str>, Option<&str>),
    username: &str,
) -> Vec<NewMessage> {
    to_contacts(
        user_id,
        contact.0,
        contact.1,
        "username",
        &format!("Your {ISSUER} username"),
        &format!(
            "You asked for the username of your {ISSUER} account. It is: {username}\n\nIf you \
             didn't ask, you can ignore this message.\n\n{ISSUER}"
        ),
        &format!("{ISSUER}: your username is {username}"),
    )
}

/// The first step of every recovery: the identity check decides whether the
/// username or a code is sent to the contact on file. The answer is the same
/// (202) whatever the outcome.
#[utoipa::path(post, path = "/api/v1/recovery/start", tag = "recovery", request_body = RecoveryStartRequest,
    responses((status = 202, body = RecoveryStarted, description = "The same neutral answer whether or not the details matched an account; `ticket` for password and unlock"),
        (status = 400, body = ProblemDetails, description = "Validation errors by field"),
        (status = 429, body = ProblemDetails, description = "Too many requests for this member ID or from this address")))]
pub async fn start(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<RecoveryStartRequest>,
) -> ApiResult<(StatusCode, Json<RecoveryStarted>)> {
    let identity =
        validate_identity(&body.identity, state.clock.today()).map_err(ApiError::validation)?;
    let now = db::now();
    limit_address(&state, &client, now).await?;
    let member_key = format!("recovery-member:{}", identity.member_id.typed());
    if let Hit::Limited { until } = rate::hit(
        &state.db,
        &member_key,
        now,
        MEMBER_LIMIT,
        window_secs(&state),
    )
    .await?
    {
        return Err(too_many_attempts(until));
    }
    let user = matching_user(&state, &identity).await?;
    deliver(&state, &client, body.purpose, user, now).await
}

/// Forgot username or password, or unlock, for a provider account: the
/// provider ID, the Federal Tax ID number or SSN and the date of birth of
/// the provider file decide whether the username or a code goes to the
/// email of the account. The same neutral 202 whatever the outcome; the
/// second step is the members' (`/recovery/password`, `/recovery/unlock`).
#[utoipa::path(post, path = "/api/v1/provider/recovery/start", tag = "provider", request_body = ProviderRecoveryRequest,
    responses((status = 202, body = RecoveryStarted, description = "The same neutral answer whether or not the details matched an account; `ticket` for password and unlock"),
        (status = 400, body = ProblemDetails, description = "Validation errors by field (registrant.call_support: employers, facilities and brokers call technical support)"),
        (status = 429, body = ProblemDetails, description = "Too many requests for this provider ID or from this address")))]
pub async fn provider_start(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<ProviderRecoveryRequest>,
) -> ApiResult<(StatusCode, Json<RecoveryStarted>)> {
    let identity = validate_provider_recovery(&body, state.clock.today())
        .map_err(|e| crate::routes::provider::form_errors(&state, e))?;
    let now = db::now();
    limit_address(&state, &client, now).await?;
    let key = format!("recovery-provider:{}", identity.provider_id.typed());
    if let Hit::Limited { until } =
        rate::hit(&state.db, &key, now, MEMBER_LIMIT, window_secs(&state)).await?
    {
        return Err(too_many_attempts(until));
    }
    let user = match crate::db::providers::record(&state.db, &identity.provider_id).await? {
        Some(r) if crate::routes::provider::record_matches(&r, &identity) => {
            crate::db::providers::user_for_record(&state.db, r.id).await?
        }
        _ => None,
    };
    let (status, Json(mut answer)) = deliver(&state, &client, body.purpose, user, now).await?;
    // Providers' accounts are helped by technical support, not Member Services.
    answer.message = answer
        .message
        .split(" No message?")
        .next()
        .unwrap_or_default()
        .to_string()
        + " No message? We may not have a current email for your practice: "
        + &crate::routes::provider::technical_support_sentence(&state);
    Ok((status, Json(answer)))
}

/// Sends what a matched recovery asks for to the account's contacts, and
/// answers the neutral 202 (also when nothing matched).
async fn deliver(
    state: &AppState,
    client: &ClientInfo,
    purpose: RecoveryPurpose,
    user: Option<crate::db::accounts::UserRow>,
    now: i64,
) -> ApiResult<(StatusCode, Json<RecoveryStarted>)> {
    let ticket = (purpose != RecoveryPurpose::Username).then(new_token);
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    let Some(user) = user else {
        client.audit(&state.db, None, Event::RecoveryFailed).await;
        tracing::info!(purpose = purpose.as_str(), "recovery identity check failed");
        return Ok((StatusCode::ACCEPTED, Json(started(state, purpose, ticket))));
    };
    let (email, phone) = security::contact(&state.db, user.id).await?;
    let contact = (email.as_deref(), phone.as_deref());
    match (&ticket, purpose) {
        (Some(ticket), RecoveryPurpose::Password | RecoveryPurpose::Unlock) => {
            let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
            let messages = code_messages(user.id, contact, purpose, &code);
            let ticket_hash = hash_secret(ticket);
            let code_hash = code_hash(ticket, &code);
            let request = recovery::NewRequest {
                ticket_hash: &ticket_hash,
                user_id: user.id,
                purpose: purpose.as_str(),
                code_hash: &code_hash,
                expires_at: now + i64::from(CODE_MINUTES) * 60,
            };
            // No contact on file: nothing to send, so no request either.
            let stored = (!messages.is_empty()).then_some(&request);
            recovery::create(&state.db, stored, &messages, now).await?;
        }
        _ => {
            let messages = username_messages(user.id, contact, &user.username);
            recovery::create(&state.db, None, &messages, now).await?;
        }
    }
    state.outbox.wake();
    let event = if purpose == RecoveryPurpose::Username {
        Event::UsernameRecovered
    } else {
        Event::RecoveryRequested
    };
    audit::record(&state.db, Some(user.id), event, now, ip, ua).await;
    Ok((StatusCode::ACCEPTED, Json(started(state, purpose, ticket))))
}

fn code_not_accepted() -> ApiError {
    ApiError::field(
        "code",
        "code.invalid",
        format!(
            "That code is not right, or it has expired or been used. Check the newest message we \
             sent; after {MAX_CODE_ATTEMPTS} wrong codes, or after {CODE_MINUTES} minutes, start again for a new one."
        ),
    )
}

/// Checks the ticket and code of a second step, reserving one attempt.
/// Returns the account; the attempt stays counted unless released.
async fn check_code(
    state: &AppState,
    client: &ClientInfo,
    ticket: &str,
    code: &str,
    purpose: RecoveryPurpose,
) -> ApiResult<(i64, String)> {
    let now = db::now();
    limit_address(state, client, now).await?;
    let ticket_hash = hash_secret(ticket.trim());
    let attempt =
        recovery::reserve_attempt(&state.db, &ticket_hash, now, MAX_CODE_ATTEMPTS).await?;
    let Some(attempt) = attempt else {
        return Err(code_not_accepted());
    };
    let right =
        attempt.purpose == purpose.as_str() && attempt.code_hash == code_hash(ticket.trim(), code);
    if !right {
        client
            .audit(&state.db, Some(attempt.user_id), Event::RecoveryFailed)
            .await;
        return Err(code_not_accepted());
    }
    Ok((attempt.user_id, ticket_hash))
}

fn two_step_required() -> ApiError {
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        "two_step_code",
        FieldError::new(
            "two_step_code.required",
            "Two-step verification is on for this account: enter the 6-digit code from your authenticator app, or one of your recovery codes.",
        ),
    );
    let mut p = ProblemDetails::new(TWO_STEP_REQUIRED, "Enter your authenticator code", 422)
        .with_detail("The code we sent is right. Two-step verification is on for this account: enter the code from your authenticator app, or a recovery code, to continue.");
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

/// Where two-step verification is on with the app: its code or a recovery code.
async fn check_second_factor(
    state: &AppState,
    user_id: i64,
    body: &ForgotPasswordRequest,
) -> ApiResult<()> {
    // Codes by text or email: the code just accepted went to the contacts on
    // file, the two-step destination among them, and signing in afterwards
    // still asks for a code sent there. The app is a factor of its own.
    let app = security::totp(&state.db, user_id)
        .await?
        .is_some_and(|r| r.enabled_at.is_some() && r.method == TwoStepMethod::App.as_str());
    if !app {
        return Ok(());
    }
    let has_code = !body.two_step_code.trim().is_empty();
    let has_recovery = !body.recovery_code.trim().is_empty();
    let ok = match (has_code, has_recovery) {
        (false, false) => return Err(two_step_required()),
        (true, _) => {
            let code = normalize_totp_code(&body.two_step_code)
                .map_err(|e| ApiError::field("two_step_code", "two_step_code.format", e.message))?;
            accept_code(state, user_id, &code).await?
        }
        (false, true) => {
            let code = normalize_recovery_code(&body.recovery_code)
                .map_err(|e| ApiError::field("recovery_code", &e.code, e.message))?;
            security::use_recovery_code(&state.db, user_id, &hash_secret(&code), db::now()).await?
        }
    };
    if ok {
        return Ok(());
    }
    let field = if has_code {
        "two_step_code"
    } else {
        "recovery_code"
    };
    Err(ApiError::field(
        field,
        &format!("{field}.invalid"),
        "That code is not right, or it was used already.",
    ))
}

fn sent_code(code: &str) -> ApiResult<String> {
    normalize_sent_code(code).map_err(|e| {
        let mut errors = FieldErrors::new();
        push_error(&mut errors, "code", e);
        ApiError::validation(errors)
    })
}

/// Forgot password, second step: the code sent to the contact on file (and
/// where two-step verification is on, the authenticator code or a recovery
/// code), then a new password under the active policy and the reuse rule.
/// Every session of the account ends, a lockout ends too, and the contacts
/// on file are told.
#[utoipa::path(post, path = "/api/v1/recovery/password", tag = "recovery", request_body = ForgotPasswordRequest,
    responses((status = 200, body = RecoveryDone),
        (status = 400, body = ProblemDetails, description = "Validation errors by field: code (code.invalid when wrong, expired or used), two_step_code, recovery_code, new_password (incl. password.not_previous), confirm_password"),
        (status = 422, body = ProblemDetails, description = "/problems/two-step-required (errors.two_step_code)"),
        (status = 429, body = ProblemDetails)))]
pub async fn forgot_password(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<ForgotPasswordRequest>,
) -> ApiResult<Json<RecoveryDone>> {
    // The rules that need no account first, so a broken password costs no attempt.
    let mut errors = FieldErrors::new();
    let code = match normalize_sent_code(&body.code) {
        Ok(c) => Some(c),
        Err(e) => {
            push_error(&mut errors, "code", e);
            None
        }
    };
    // The account is not proven yet: the most lenient form of the rules of
    // the ticket's kind of account here (a second factor allows shorter
    // passwords under the NIST preset; a provider's ticket, the provider
    // preset); the account's own rules are applied once the code is right.
    let role = recovery::role_of(&state.db, &hash_secret(&body.ticket))
        .await?
        .and_then(|r| portal_domain::messages::Role::parse(&r))
        .unwrap_or(portal_domain::messages::Role::Member);
    let lenient = state.policy_for(role).with_two_step(true);
    for e in portal_domain::registration::password_errors(&lenient, &body.new_password, "") {
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
    let Some(code) = code.filter(|_| errors.is_empty()) else {
        return Err(ApiError::validation(errors));
    };
    let (user_id, ticket_hash) = check_code(
        &state,
        &client,
        &body.ticket,
        &code,
        RecoveryPurpose::Password,
    )
    .await?;
    // The code was right: what fails from here on does not use up an attempt.
    let result = finish_password(&state, &client, user_id, &ticket_hash, &body).await;
    if result.is_err() {
        recovery::release_attempt(&state.db, &ticket_hash).await?;
    }
    result
}

async fn finish_password(
    state: &AppState,
    client: &ClientInfo,
    user_id: i64,
    ticket_hash: &str,
    body: &ForgotPasswordRequest,
) -> ApiResult<Json<RecoveryDone>> {
    let user = crate::db::accounts::by_id(&state.db, user_id)
        .await?
        .ok_or_else(code_not_accepted)?;
    let errors = new_password_errors(
        state,
        user.id,
        &user.username,
        "new_password",
        &body.new_password,
        &body.confirm_password,
    )
    .await?;
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    check_second_factor(state, user.id, body).await?;
    let now = db::now();
    if !recovery::consume(&state.db, ticket_hash, now).await? {
        return Err(code_not_accepted());
    }
    let phc = password::hash_gated(&state.hashing, body.new_password.clone()).await?;
    security::set_password(&state.db, user.id, &phc, now, None).await?;
    throttle::reset(&state.db, &format!("login:{}", user.username)).await?;
    client
        .audit(&state.db, Some(user.id), Event::PasswordChanged)
        .await;
    crate::routes::account::notify_password_changed(state, user.id).await;
    Ok(Json(RecoveryDone {
        message: "Your password is changed, and every device that was signed in has been signed out. Sign in with your new password.".into(),
    }))
}

/// Unlock account, second step: the code sent to the contact on file ends a
/// sign-in lockout early.
#[utoipa::path(post, path = "/api/v1/recovery/unlock", tag = "recovery", request_body = UnlockRequest,
    responses((status = 200, body = RecoveryDone),
        (status = 400, body = ProblemDetails, description = "errors.code: code.required, code.format, code.invalid (wrong, expired or used)"),
        (status = 429, body = ProblemDetails)))]
pub async fn unlock(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<UnlockRequest>,
) -> ApiResult<Json<RecoveryDone>> {
    let code = sent_code(&body.code)?;
    let (user_id, ticket_hash) = check_code(
        &state,
        &client,
        &body.ticket,
        &code,
        RecoveryPurpose::Unlock,
    )
    .await?;
    let now = db::now();
    if !recovery::consume(&state.db, &ticket_hash, now).await? {
        return Err(code_not_accepted());
    }
    let user = crate::db::accounts::by_id(&state.db, user_id)
        .await?
        .ok_or_else(code_not_accepted)?;
    throttle::reset(&state.db, &format!("login:{}", user.username)).await?;
    client
        .audit(&state.db, Some(user.id), Event::Unlocked)
        .await;
    Ok(Json(RecoveryDone {
        message: "Your account is unlocked. You can sign in now.".into(),
    }))
}
