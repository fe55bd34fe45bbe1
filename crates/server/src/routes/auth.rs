//! Registration, sign-in, sign-out and the current session.

use crate::auth::password;
use crate::auth::session::{self, hash_secret, Caller};
use crate::db::{
    self, accounts, audit, audit::Event, members, security, throttle, throttle::Reservation,
};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::client::ClientInfo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use portal_domain::api::{LoginRequest, Me, RegisterRequest};
use portal_domain::credentials::{normalize_username, username_candidates, Rule};
use portal_domain::forms::login_errors;
use portal_domain::messages::Role;
use portal_domain::problem::{push_error, types};
use portal_domain::registration::{self, IdentityProof};
use portal_domain::{FieldError, FieldErrors, ProblemDetails};

/// Where members call when self-service cannot help.
pub const MEMBER_SERVICES_PHONE: &str = "1-800-555-0142";

/// Longest password the server will hash (bounds the work an attacker can ask for).
const MAX_PASSWORD_BYTES: usize = 1024;

/// Failed identity checks per member ID (or activation-code attempts per
/// client) before registration pauses for it.
const REGISTER_THRESHOLD: i64 = 5;

pub(crate) fn utc_time(ts: i64) -> (String, String) {
    let t = DateTime::<Utc>::from_timestamp(ts, 0).unwrap_or_default();
    (t.to_rfc3339(), t.format("%H:%M UTC").to_string())
}

/// 429 for an attempt not checked because others for the same account are in flight.
pub(crate) fn in_flight_problem() -> ApiError {
    ApiError::problem(
        types::RATE_LIMITED,
        "Try again in a moment",
        StatusCode::TOO_MANY_REQUESTS,
        "Other attempts to sign in to this account are being checked right now. Try again in a moment.",
    )
}

pub(crate) fn locked_problem(until: i64, minutes: u64, threshold: i64) -> ApiError {
    let (rfc3339, clock) = utc_time(until);
    let mut p =
        ProblemDetails::new(types::ACCOUNT_LOCKED, "Account locked", 423).with_detail(format!(
            "Sign-in is locked for {minutes} minutes after {threshold} failed attempts, until {clock}. \
         Try again then, or call Member Services at {MEMBER_SERVICES_PHONE}."
        ));
    p.locked_until = Some(rfc3339);
    ApiError::Problem(Box::new(p))
}

pub(crate) async fn me_for(state: &AppState, user_id: i64) -> ApiResult<Me> {
    let user = accounts::by_id(&state.db, user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let role = Role::parse(&user.role).unwrap_or(Role::Member);
    let provider = if role == Role::Provider {
        Some(Box::new(
            crate::routes::provider::summary(state, user.id).await?,
        ))
    } else {
        None
    };
    let member = match user.member_id {
        Some(id) => Some(
            members::by_id(&state.db, id)
                .await?
                .and_then(|m| m.summary())
                .ok_or_else(ApiError::unauthenticated)?,
        ),
        None => None,
    };
    Ok(Me {
        username: user.username,
        role,
        member,
        provider,
        idle_timeout_secs: state.config.session_idle_secs,
        session: None,
    })
}

/// Signs in with username and password. Five consecutive failures for a
/// username lock it for 15 minutes; unknown usernames are answered exactly
/// like wrong passwords, in the same time.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, body = Me, description = "Signed in; the session cookie is set"),
        (status = 202, body = crate::openapi::LoginChallenge, description = "Password right; two-step verification is on: send a code to /auth/login/two-step (a short-lived pending cookie is set). Or, for the old site's ID number (11 digits) and PIN (4-8 digits) of a legacy member: a `LegacyChallenge` (`legacy_first_sign_in`), choose the new credentials at /auth/legacy (a 15-minute cookie is set)"),
        (status = 400, body = ProblemDetails, description = "errors.username (username.required, username.too_long: over 128 bytes) / errors.password"),
        (status = 401, body = ProblemDetails),
        (status = 423, body = ProblemDetails, description = "Locked; see locked_until"),
        (status = 429, body = ProblemDetails, description = "Rate limited per address or overall, slowed after failed sign-ins from this address, or other attempts for this account in flight (Retry-After)"),
        (status = 503, body = ProblemDetails, description = "/problems/busy: no password-hashing slot in time (Retry-After); not counted as a failure")))]
pub async fn login(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<Response> {
    // No account has a username past the bound: refused before any
    // database or hashing work.
    let errors = login_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let cfg = &state.config;
    let threshold = i64::from(cfg.lockout_threshold);
    let lock_secs = i64::try_from(cfg.lockout_secs).unwrap_or(900);
    let minutes = cfg.lockout_secs.div_ceil(60);
    let username = normalize_username(body.username.trim());
    let key = format!("login:{username}");
    let now = db::now();

    let ip_addr = client.addr.as_deref().and_then(|a| a.parse().ok());

    // The old site's ID number and PIN: the first sign-in of a legacy member.
    if let Some(member_id) = portal_domain::legacy::legacy_sign_in(&body.username, &body.password) {
        return crate::routes::legacy::sign_in(&state, &client, &member_id, body.password).await;
    }
    // A browser that signed in to this account before keeps its own count,
    // so failures from elsewhere cannot lock its owner out (NIST 800-63B 5.2.2).
    if let Some(device) = trusted_device(&state, &headers, &username, now).await? {
        return device_sign_in(&state, &client, device, body.password, threshold, now).await;
    }
    if let Some(wait) = state.signin_delays.wait(ip_addr) {
        return Err(slowed_problem(wait));
    }
    let n = match throttle::reserve(&state.db, &key, now, threshold, lock_secs).await? {
        Reservation::Locked { until } => return Err(locked_problem(until, minutes, threshold)),
        Reservation::Busy => return Err(in_flight_problem()),
        Reservation::Proceed { n } => n,
    };
    let user = accounts::by_username(&state.db, &username).await?;
    let phc = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| state.dummy_hash.to_string());
    let typed = if body.password.len() > MAX_PASSWORD_BYTES {
        String::new()
    } else {
        body.password
    };
    let typed_copy = typed.clone();
    let verified = match password::verify_gated(&state.hashing, typed, phc).await {
        Ok(v) => v,
        Err(e) => {
            // Not checked (no hashing slot in time): not a failure either.
            throttle::release(&state.db, &key).await?;
            return Err(e);
        }
    };

    match user {
        Some(user) if verified => {
            staff_may_sign_in(&state, &user, &typed_copy).await?;
            if security::two_step_enabled(&state.db, user.id).await? {
                // The password step neither counts nor clears the failures:
                // only the second step does, so wrong codes add up to a lockout.
                throttle::release(&state.db, &key).await?;
                return crate::routes::two_step::challenge(&state, user.id, now).await;
            }
            throttle::reset(&state.db, &key).await?;
            finish_sign_in(&state, user.id, user.member_id, &client, false).await
        }
        user => Err(sign_in_failed(&state, &client, user.map(|u| u.id), &key, n, now).await?),
    }
}

/// Records a failed sign-in for `key` (attempt `n`): the audit rows, the
/// address's delay, the lockout at the threshold; the problem to answer.
pub(crate) async fn sign_in_failed(
    state: &AppState,
    client: &ClientInfo,
    user_id: Option<i64>,
    key: &str,
    n: i64,
    now: i64,
) -> ApiResult<ApiError> {
    let cfg = &state.config;
    let threshold = i64::from(cfg.lockout_threshold);
    let lock_secs = i64::try_from(cfg.lockout_secs).unwrap_or(900);
    let minutes = cfg.lockout_secs.div_ceil(60);
    let ip_addr = client.addr.as_deref().and_then(|a| a.parse().ok());
    state.signin_delays.failed(ip_addr);
    client.audit(&state.db, user_id, Event::SignInFailed).await;
    if n >= threshold {
        let until = throttle::lock(&state.db, key, now + lock_secs).await?;
        client.audit(&state.db, user_id, Event::Locked).await;
        return Ok(locked_problem(until, minutes, threshold));
    }
    let left = threshold - n;
    let plural = if left == 1 { "" } else { "s" };
    Ok(ApiError::problem(
        types::INVALID_CREDENTIALS,
        "Sign-in failed",
        StatusCode::UNAUTHORIZED,
        format!(
            "The username or password is incorrect. After {left} more failed attempt{plural}, \
             sign-in will be locked for {minutes} minutes."
        ),
    ))
}

/// A staff account signs in under the strong password preset and with
/// two-step verification, whatever the members' preset: its password must
/// meet the strong rules (a staff password set under weaker rules is refused
/// until it is reset) and two-step must be on. Members pass.
pub(crate) async fn staff_may_sign_in(
    state: &AppState,
    user: &accounts::UserRow,
    password: &str,
) -> ApiResult<()> {
    if !user.is_staff() {
        return Ok(());
    }
    let strong = portal_domain::CredentialPolicy::from_preset(portal_domain::PolicyPreset::Strong);
    if !strong
        .validate_password(password, &user.username)
        .is_empty()
    {
        return Err(ApiError::forbidden(
            "This member services account's password does not meet the strong password rules. \
             Ask your administrator to reset it.",
        ));
    }
    if !security::two_step_enabled(&state.db, user.id).await? {
        return Err(ApiError::forbidden(
            "Member services accounts sign in with two-step verification, and it is not set up \
             for this account. Ask your administrator to set it up.",
        ));
    }
    Ok(())
}

/// 429 for a sign-in from an address that must wait after its failures.
fn slowed_problem(wait: u64) -> ApiError {
    let mut p = ProblemDetails::new(types::RATE_LIMITED, "Please wait", 429).with_detail(format!(
        "Too many failed sign-ins from this network. Please wait {wait} seconds and try again."
    ));
    let until = DateTime::<Utc>::from_timestamp(db::now() + i64::try_from(wait).unwrap_or(60), 0)
        .unwrap_or_default();
    p.locked_until = Some(until.to_rfc3339());
    ApiError::Problem(Box::new(p))
}

/// A trusted device of the account named `username`: its token's hash and the account.
pub(crate) struct TrustedDevice {
    /// SHA-256 of the device token.
    pub token_hash: String,
    /// The account it signed in to.
    pub user: accounts::UserRow,
}

/// The request's device cookie, when it is trusted for the account `username`.
pub(crate) async fn trusted_device(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    username: &str,
    now: i64,
) -> ApiResult<Option<TrustedDevice>> {
    let Some(token) = crate::auth::device::token_from(headers, state.config.cookie_secure) else {
        return Ok(None);
    };
    let token_hash = hash_secret(&token);
    let Some(user_id) = db::devices::user_of(&state.db, &token_hash, now).await? else {
        return Ok(None);
    };
    Ok(accounts::by_id(&state.db, user_id)
        .await?
        .filter(|u| u.username == username)
        .map(|user| TrustedDevice { token_hash, user }))
}

/// Sign-in on a trusted device: the username's lock and the address's
/// delays do not apply; the device's own failures do.
async fn device_sign_in(
    state: &AppState,
    client: &ClientInfo,
    device: TrustedDevice,
    password_typed: String,
    threshold: i64,
    now: i64,
) -> ApiResult<Response> {
    let typed = if password_typed.len() > MAX_PASSWORD_BYTES {
        String::new()
    } else {
        password_typed
    };
    let user = device.user;
    let typed_copy = typed.clone();
    let verified =
        password::verify_gated(&state.hashing, typed, user.password_hash.clone()).await?;
    if !verified {
        client
            .audit(&state.db, Some(user.id), Event::SignInFailed)
            .await;
        let n = db::devices::failed(&state.db, &device.token_hash, threshold).await?;
        let left = (threshold - n).max(0);
        return Err(ApiError::problem(
            types::INVALID_CREDENTIALS,
            "Sign-in failed",
            StatusCode::UNAUTHORIZED,
            format!(
                "The username or password is incorrect. {left} more failed attempts on this device, \
                 and it will sign in like any other."
            ),
        ));
    }
    db::devices::succeeded(&state.db, &device.token_hash).await?;
    staff_may_sign_in(state, &user, &typed_copy).await?;
    if security::two_step_enabled(&state.db, user.id).await? {
        return crate::routes::two_step::challenge(state, user.id, now).await;
    }
    finish_sign_in(state, user.id, user.member_id, client, false).await
}

/// Starts the session of a completed sign-in: warms the household's claims,
/// records the event, and answers `Me` with the session cookie.
pub(crate) async fn finish_sign_in(
    state: &AppState,
    user_id: i64,
    member_id: Option<i64>,
    client: &ClientInfo,
    two_step: bool,
) -> ApiResult<Response> {
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    if let Some(id) = member_id {
        if let Some(m) = members::by_id(&state.db, id).await? {
            state.claims.warm(&state.db, m.household_id);
        }
    }
    let cookie = session::start(state, user_id, ua, ip).await?;
    // A browser or device never seen signing in before: tell the contacts on file.
    let label = crate::routes::account::client_label(ua);
    let earlier = audit::sign_in_agents(&state.db, user_id, 200).await?;
    if !earlier.is_empty()
        && !earlier
            .iter()
            .any(|a| crate::routes::account::client_label(a.as_deref()) == label)
    {
        let contact = security::contact(&state.db, user_id).await?;
        crate::routes::account::notify_contacts(
            state,
            user_id,
            &[contact],
            crate::routes::account::Notice::NewDevice,
        )
        .await;
    }
    audit::record_with(
        &state.db,
        Some(user_id),
        Event::SignIn,
        db::now(),
        ip,
        ua,
        two_step,
    )
    .await;
    let me = me_for(state, user_id).await?;
    // Trust this browser for this account from now on (a new token each time).
    let device_token = session::new_token();
    let now = db::now();
    db::devices::create(
        &state.db,
        &hash_secret(&device_token),
        user_id,
        now,
        now + crate::auth::device::LIFETIME_SECS,
    )
    .await?;
    let device_cookie = (
        SET_COOKIE,
        crate::auth::device::set_cookie(&device_token, state.config.cookie_secure),
    );
    // Appended: both are Set-Cookie headers.
    Ok((
        axum::response::AppendHeaders([cookie, device_cookie]),
        Json(me),
    )
        .into_response())
}

/// Ends the current session (if any) and clears the cookie.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out")))]
pub async fn logout(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    if let Some(token) = session::token_from(&headers, state.config.cookie_secure) {
        let hash = hash_secret(&token);
        if let Some(s) = db::sessions::find(&state.db, &hash).await? {
            audit::record(
                &state.db,
                Some(s.user_id),
                Event::SignOut,
                db::now(),
                client.addr.as_deref(),
                client.user_agent.as_deref(),
            )
            .await;
        }
        db::sessions::delete(&state.db, &hash).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            SET_COOKIE,
            session::clear_cookie(state.config.cookie_secure),
        )],
    )
        .into_response())
}

/// Who is signed in.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ProblemDetails)))]
pub async fn me(State(state): State<AppState>, user: Caller) -> ApiResult<Json<Me>> {
    let mut me = me_for(&state, user.user_id).await?;
    // This request was activity: the idle clock starts again now.
    me.session = Some(super::account::status_for(
        &state,
        crate::db::now(),
        user.expires_at,
    ));
    Ok(Json(me))
}

fn not_eligible(detail: &str) -> ApiError {
    ApiError::problem(
        types::NOT_ELIGIBLE,
        "We couldn't verify you",
        StatusCode::UNPROCESSABLE_ENTITY,
        detail,
    )
}

fn code_problem(type_uri: &str, title: &str, code: &str, message: String) -> ApiError {
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        "activation_code",
        FieldError::new(code, message.clone()),
    );
    let mut p = ProblemDetails::new(type_uri, title, 422).with_detail(message);
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

pub(crate) fn too_many_attempts(until: i64) -> ApiError {
    let (rfc3339, clock) = utc_time(until);
    let mut p = ProblemDetails::new(types::RATE_LIMITED, "Too many attempts", 429).with_detail(format!(
        "Too many attempts to verify these details. Try again after {clock}, or call Member Services at {MEMBER_SERVICES_PHONE}."
    ));
    p.locked_until = Some(rfc3339);
    ApiError::Problem(Box::new(p))
}

/// Resolves the identity proof to an eligible member row id, counting failures.
async fn verify_identity(
    state: &AppState,
    proof: &IdentityProof,
    client: &ClientInfo,
    now: i64,
) -> ApiResult<(i64, Option<String>)> {
    let lock_secs = i64::try_from(state.config.lockout_secs).unwrap_or(900);
    let key = match proof {
        IdentityProof::Member { member_id, .. } => format!("register:{}", member_id.typed()),
        IdentityProof::Code(_) => format!(
            "register-code:{}",
            client.addr.as_deref().unwrap_or("unknown")
        ),
    };
    let n = match throttle::reserve(&state.db, &key, now, REGISTER_THRESHOLD, lock_secs).await? {
        Reservation::Locked { until } => return Err(too_many_attempts(until)),
        Reservation::Busy => return Err(in_flight_problem()),
        Reservation::Proceed { n } => n,
    };
    // A mismatch counts toward the pause; an expired code does not (it was real).
    enum Outcome {
        Found(i64, Option<String>),
        Mismatch(ApiError),
        Refused(ApiError),
    }
    let outcome = match proof {
        IdentityProof::Member { member_id, date_of_birth, ssn_last4 } => {
            match members::by_member_id(&state.db, member_id).await? {
                Some(m)
                    if m.eligible
                        && m.date_of_birth == *date_of_birth
                        && m.ssn_last4 == *ssn_last4 =>
                {
                    Outcome::Found(m.id, None)
                }
                _ => Outcome::Mismatch(not_eligible(&format!(
                    "We couldn't match these details to a member of the plan. Check them against your ID card; \
                     if they are right, call Member Services at {MEMBER_SERVICES_PHONE}."
                ))),
            }
        }
        IdentityProof::Code(code) => {
            let code_hash = hash_secret(code.as_str());
            match accounts::code(&state.db, &code_hash).await? {
                Some(c) if c.used_at.is_none() && c.expires_at > now => Outcome::Found(c.member_id, Some(code_hash)),
                Some(c) if c.used_at.is_none() => {
                    let expired = DateTime::<Utc>::from_timestamp(c.expires_at, 0).unwrap_or_default();
                    Outcome::Refused(code_problem(
                        types::CODE_EXPIRED,
                        "Activation code expired",
                        "activation_code.expired",
                        format!(
                            "This activation code expired on {}. Call Member Services at {MEMBER_SERVICES_PHONE} \
                             for a new one, or register with your member ID, date of birth and SSN instead.",
                            expired.format("%B %-d, %Y")
                        ),
                    ))
                }
                _ => Outcome::Mismatch(code_problem(
                    types::NOT_ELIGIBLE,
                    "Activation code not recognized",
                    "activation_code.invalid",
                    "We don't recognize this activation code, or it has already been used. Check it against \
                     your letter, or register with your member ID, date of birth and SSN instead."
                        .into(),
                )),
            }
        }
    };
    let found = match outcome {
        Outcome::Found(id, code_hash) => (id, code_hash),
        Outcome::Refused(e) => return Err(e),
        Outcome::Mismatch(e) => {
            if n >= REGISTER_THRESHOLD {
                let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
                return Err(too_many_attempts(until));
            }
            return Err(e);
        }
    };
    throttle::reset(&state.db, &key).await?;
    Ok(found)
}

/// Creates an account for an eligible member and signs them in.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses(
        (status = 201, body = Me, description = "Account created; signed in"),
        (status = 400, body = ProblemDetails, description = "Validation errors by field"),
        (status = 409, body = ProblemDetails, description = "Username taken (with suggestions) or member already registered"),
        (status = 422, body = ProblemDetails, description = "Not eligible, or activation code expired or unknown"),
        (status = 429, body = ProblemDetails, description = "Too many identity checks, or rate limited (Retry-After)"),
        (status = 503, body = ProblemDetails, description = "/problems/busy (Retry-After)")))]
pub async fn register(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> ApiResult<Response> {
    let now = db::now();
    let today = state.clock.today();
    let policy = &state.policy;
    let mut valid = registration::validate(policy, &body, today).map_err(ApiError::validation)?;
    if password::is_common(&valid.password) {
        return Err(ApiError::field(
            "password",
            Rule::PasswordNotCommon.code(),
            format!(
                "{}: this one is on the list of commonly used passwords. Choose another.",
                policy.message(Rule::PasswordNotCommon)
            ),
        ));
    }
    let (member_id, code_hash) = verify_identity(&state, &valid.identity, &client, now).await?;
    if accounts::member_has_account(&state.db, member_id).await? {
        return Err(already_registered());
    }
    if accounts::by_username(&state.db, &valid.username)
        .await?
        .is_some()
    {
        return Err(username_taken(&state, &valid.username).await);
    }
    let phc = password::hash_gated(&state.hashing, std::mem::take(&mut valid.password)).await?;
    let user_id = match accounts::create(
        &state.db,
        member_id,
        &valid.username,
        &phc,
        code_hash.as_deref(),
        now,
    )
    .await
    {
        Ok(id) => id,
        Err(accounts::CreateError::UsernameTaken) => {
            return Err(username_taken(&state, &valid.username).await)
        }
        Err(accounts::CreateError::AlreadyRegistered) => return Err(already_registered()),
        Err(accounts::CreateError::CodeUsed) => {
            return Err(code_problem(
                types::NOT_ELIGIBLE,
                "Activation code already used",
                "activation_code.invalid",
                "This activation code has already been used.".into(),
            ))
        }
        Err(accounts::CreateError::Db(e)) => return Err(e.into()),
    };
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    accounts::record_terms(
        &state.db,
        user_id,
        registration::TERMS_VERSION,
        registration::PRIVACY_VERSION,
        now,
    )
    .await?;
    client
        .audit(&state.db, Some(user_id), Event::Registered)
        .await;
    let cookie = session::start(&state, user_id, ua, ip).await?;
    let me = me_for(&state, user_id).await?;
    Ok((StatusCode::CREATED, [cookie], Json(me)).into_response())
}

fn already_registered() -> ApiError {
    ApiError::problem(
        types::ALREADY_REGISTERED,
        "Already registered",
        StatusCode::CONFLICT,
        "This member already has an account. Sign in with it instead.",
    )
}

pub(crate) async fn username_taken(state: &AppState, username: &str) -> ApiError {
    let seed = u32::try_from(db::now().rem_euclid(97)).unwrap_or(7);
    let candidates = username_candidates(&state.policy, username, seed);
    let taken = accounts::taken_usernames(&state.db, &candidates)
        .await
        .unwrap_or_default();
    let suggestions: Vec<String> = candidates
        .into_iter()
        .filter(|c| !taken.contains(c))
        .take(3)
        .collect();
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        "username",
        FieldError::new(
            "username.taken",
            "That username is taken. Try one of the suggestions, or another.",
        ),
    );
    let mut p = ProblemDetails::new(types::USERNAME_TAKEN, "Username taken", 409)
        .with_detail("That username is taken.");
    p.errors = errors;
    p.suggestions = suggestions;
    ApiError::Problem(Box::new(p))
}
