//! Legacy first sign-in (issue 12): the old site's ID number and PIN, typed
//! as username and password, are accepted once; the member then chooses a
//! username and password under the active policy, and the PIN works no
//! more. Wrong PINs count toward the same lockout as passwords (key
//! `login:<member ID>`); a member who already has an account, or whose PIN
//! was used, is answered exactly like a wrong password.

use crate::auth::password;
use crate::auth::session::{self, cookie_value, hash_secret, new_token};
use crate::db::{self, accounts, audit::Event, throttle, throttle::Reservation};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::auth::{
    in_flight_problem, locked_problem, me_for, sign_in_failed, username_taken,
};
use crate::routes::client::ClientInfo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use portal_domain::api::Me;
use portal_domain::credentials::Rule;
use portal_domain::legacy::{
    validate_legacy_complete, LegacyChallenge, LegacyCompleteRequest, TICKET_MINUTES,
};
use portal_domain::problem::types;
use portal_domain::registration::{PRIVACY_VERSION, TERMS_VERSION};
use portal_domain::{MemberId, ProblemDetails};

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-portal_legacy"
    } else {
        "portal_legacy"
    }
}

fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let flag = if secure { "; Secure" } else { "" };
    let max_age = u64::from(TICKET_MINUTES) * 60;
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{flag}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_legacy=; Max-Age=0"))
}

fn clear_cookie(secure: bool) -> HeaderValue {
    HeaderValue::from_static(if secure {
        "__Host-portal_legacy=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure"
    } else {
        "portal_legacy=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
    })
}

/// The sign-in with an ID number and PIN (called by `/auth/login`).
pub(crate) async fn sign_in(
    state: &AppState,
    client: &ClientInfo,
    member_id: &MemberId,
    pin: String,
) -> ApiResult<Response> {
    let cfg = &state.config;
    let threshold = i64::from(cfg.lockout_threshold);
    let lock_secs = i64::try_from(cfg.lockout_secs).unwrap_or(900);
    let minutes = cfg.lockout_secs.div_ceil(60);
    let key = format!("login:{}", member_id.typed());
    let now = db::now();
    let n = match throttle::reserve(&state.db, &key, now, threshold, lock_secs).await? {
        Reservation::Locked { until } => return Err(locked_problem(until, minutes, threshold)),
        Reservation::Busy => return Err(in_flight_problem()),
        Reservation::Proceed { n } => n,
    };
    // Only an unused PIN of an eligible member with no account yet.
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT m.id, m.first_name, l.pin_hash FROM legacy_credentials l \
         JOIN members m ON m.id = l.member_id JOIN households h ON h.id = m.household_id \
         WHERE h.member_id_base = ? AND m.suffix = ? AND l.used_at IS NULL AND m.eligible = 1 \
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.member_id = m.id)",
    )
    .bind(member_id.base())
    .bind(member_id.suffix())
    .fetch_optional(&state.db)
    .await?;
    let phc = row
        .as_ref()
        .map(|r| r.2.clone())
        .unwrap_or_else(|| state.dummy_hash.to_string());
    let verified = match password::verify_gated(&state.hashing, pin, phc).await {
        Ok(v) => v,
        Err(e) => {
            throttle::release(&state.db, &key).await?;
            return Err(e);
        }
    };
    let Some((member, first_name, _)) = row.filter(|_| verified) else {
        return Err(sign_in_failed(state, client, None, &key, n, now).await?);
    };
    throttle::reset(&state.db, &key).await?;
    let ticket = new_token();
    let expires = now + i64::from(TICKET_MINUTES) * 60;
    sqlx::query("INSERT INTO legacy_tickets (ticket_hash, member_id, expires_at) VALUES (?, ?, ?)")
        .bind(hash_secret(&ticket))
        .bind(member)
        .bind(expires)
        .execute(&state.db)
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        [(SET_COOKIE, set_cookie(&ticket, cfg.cookie_secure))],
        Json(LegacyChallenge {
            legacy_first_sign_in: true,
            first_name,
            expires_in_secs: u64::from(TICKET_MINUTES) * 60,
        }),
    )
        .into_response())
}

fn ticket_expired() -> ApiError {
    ApiError::problem(
        types::UNAUTHENTICATED,
        "Sign in again",
        StatusCode::UNAUTHORIZED,
        format!(
            "Choosing your new username and password takes at most {TICKET_MINUTES} minutes after \
             you sign in with your ID number and PIN. Sign in with them again."
        ),
    )
}

/// The legacy member's new username and password: creates the account
/// (the PIN works no more) and signs in.
#[utoipa::path(post, path = "/api/v1/auth/legacy", tag = "auth", request_body = LegacyCompleteRequest,
    responses(
        (status = 201, body = Me, description = "Account created; signed in; the PIN no longer works"),
        (status = 400, body = ProblemDetails, description = "errors.username / password / confirm_password / accept_terms"),
        (status = 401, body = ProblemDetails, description = "No sign-in with an ID number and PIN in the last 15 minutes"),
        (status = 409, body = ProblemDetails, description = "Username taken (with suggestions), or the member has an account"),
        (status = 503, body = ProblemDetails, description = "/problems/busy (Retry-After)")))]
pub async fn complete(
    State(state): State<AppState>,
    client: ClientInfo,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LegacyCompleteRequest>,
) -> ApiResult<Response> {
    let secure = state.config.cookie_secure;
    let now = db::now();
    let ticket = cookie_value(&headers, cookie_name(secure)).ok_or_else(ticket_expired)?;
    let ticket_hash = hash_secret(&ticket);
    let member: i64 = sqlx::query_scalar(
        "SELECT member_id FROM legacy_tickets WHERE ticket_hash = ? AND expires_at > ?",
    )
    .bind(&ticket_hash)
    .bind(now)
    .fetch_optional(&state.db)
    .await?
    .ok_or_else(ticket_expired)?;
    let policy = &state.policy;
    let username = validate_legacy_complete(policy, &body).map_err(ApiError::validation)?;
    if password::is_common(&body.password) {
        return Err(ApiError::field(
            "password",
            Rule::PasswordNotCommon.code(),
            format!(
                "{}: this one is on the list of commonly used passwords. Choose another.",
                policy.message(Rule::PasswordNotCommon)
            ),
        ));
    }
    if accounts::by_username(&state.db, &username).await?.is_some() {
        return Err(username_taken(&state, &username).await);
    }
    let phc = password::hash_gated(&state.hashing, body.password.clone()).await?;
    let user_id = match accounts::create(&state.db, member, &username, &phc, None, now).await {
        Ok(id) => id,
        Err(accounts::CreateError::UsernameTaken) => {
            return Err(username_taken(&state, &username).await)
        }
        Err(accounts::CreateError::AlreadyRegistered | accounts::CreateError::CodeUsed) => {
            return Err(ApiError::problem(
                types::ALREADY_REGISTERED,
                "Already registered",
                StatusCode::CONFLICT,
                "This member already has an account. Sign in with it instead.",
            ))
        }
        Err(accounts::CreateError::Db(e)) => return Err(e.into()),
    };
    // The account exists: the PIN and the ticket are spent.
    sqlx::query("UPDATE legacy_credentials SET used_at = ? WHERE member_id = ?")
        .bind(now)
        .bind(member)
        .execute(&state.db)
        .await?;
    sqlx::query("DELETE FROM legacy_tickets WHERE member_id = ? OR expires_at <= ?")
        .bind(member)
        .bind(now)
        .execute(&state.db)
        .await?;
    accounts::record_terms(&state.db, user_id, TERMS_VERSION, PRIVACY_VERSION, now).await?;
    client
        .audit(&state.db, Some(user_id), Event::Registered)
        .await;
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    let cookie = session::start(&state, user_id, ua, ip).await?;
    let me = me_for(&state, user_id).await?;
    Ok((
        StatusCode::CREATED,
        AppendHeaders([cookie, (SET_COOKIE, clear_cookie(secure))]),
        Json(me),
    )
        .into_response())
}
