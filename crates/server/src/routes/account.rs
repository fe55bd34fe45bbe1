//! Account settings (`/api/v1/account/...`): username, password, contact,
//! sign-in history, active sessions; and the session's remaining time
//! (`/api/v1/session`).

use crate::auth::password;
use crate::auth::session::{clear_cookie, public_id, AccountUser, Caller, PeekUser};
use crate::db::{self, accounts, audit::Event, security, sessions};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::auth::{me_for, username_taken};
use crate::routes::client::ClientInfo;
use crate::routes::two_step::{check_password, status_of};
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use portal_domain::account::{
    confirm_errors, idle_warning_lead, validate_contact, AccountSettings, ChangePasswordRequest,
    ChangeUsernameRequest, ContactRequest, SecurityEvent, SecurityEventKind, SessionInfo,
    SessionStatus, SignOutEverywhereRequest, UsPhone, HISTORY_DAYS,
};
use portal_domain::api::Me;
use portal_domain::credentials::{normalize_username, Rule};
use portal_domain::forms::{change_password_errors, change_username_errors};
use portal_domain::problem::push_error;
use portal_domain::registration::password_errors;
use portal_domain::two_step_code::TwoStepMethod;
use portal_domain::{CredentialPolicy, FieldError, FieldErrors, ProblemDetails};
use std::collections::HashSet;

/// "Chrome 126 on Windows 10": browser and operating system from a user
/// agent (the `woothee` parser), or "Unknown browser".
pub fn client_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return "Unknown browser".into();
    };
    let Some(r) = woothee::parser::Parser::new().parse(ua) else {
        return "Unknown browser".into();
    };
    let known = |s: &str| !s.is_empty() && s != "UNKNOWN";
    let major = r.version.split('.').next().unwrap_or_default();
    let browser = match (known(r.name), known(major)) {
        (true, true) => format!("{} {major}", r.name),
        (true, false) => r.name.to_string(),
        _ => "Unknown browser".to_string(),
    };
    if known(r.os) {
        let version = r.os_version.as_ref();
        if known(version) && !r.os.chars().any(|c| c.is_ascii_digit()) && !version.starts_with("NT")
        {
            format!("{browser} on {} {version}", r.os)
        } else {
            format!("{browser} on {}", r.os)
        }
    } else {
        browser
    }
}

fn rfc3339(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .to_rfc3339()
}

async fn settings_of(state: &AppState, user_id: i64) -> ApiResult<AccountSettings> {
    let user = accounts::by_id(&state.db, user_id)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let (email, phone) = security::contact(&state.db, user_id).await?;
    let phone = phone
        .as_deref()
        .and_then(|p| UsPhone::parse(p).ok())
        .map(|p| p.display());
    Ok(AccountSettings {
        username: user.username,
        email,
        phone,
        two_step: status_of(state, user_id).await?,
        idle_timeout_secs: state.config.session_idle_secs,
    })
}

/// The account settings of the signed-in member.
#[utoipa::path(get, path = "/api/v1/account", tag = "account",
    responses((status = 200, body = AccountSettings), (status = 401, body = ProblemDetails)))]
pub async fn settings(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<AccountSettings>> {
    Ok(Json(settings_of(&state, user.user_id).await?))
}

/// Changes the username (same rules as at registration; the current password
/// confirms it and must not contain the new username).
#[utoipa::path(put, path = "/api/v1/account/username", tag = "account", request_body = ChangeUsernameRequest,
    responses((status = 200, body = Me), (status = 400, body = ProblemDetails, description = "errors.username / errors.password"),
        (status = 401, body = ProblemDetails), (status = 409, body = ProblemDetails, description = "Taken; see suggestions"),
        (status = 423, body = ProblemDetails)))]
pub async fn change_username(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<ChangeUsernameRequest>,
) -> ApiResult<Json<Me>> {
    let policy: &CredentialPolicy = &state.policy_for(user.role);
    let errors = change_username_errors(policy, &user.username, &body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let username = normalize_username(body.username.trim());
    if accounts::by_username(&state.db, &username).await?.is_some() {
        return Err(username_taken(&state, &username).await);
    }
    check_password(&state, &user, "password", &body.password).await?;
    if !policy.password_meets(Rule::PasswordNotUsername, &body.password, &username) {
        return Err(ApiError::field(
            "username",
            "username.in_password",
            "Your password contains this username. Choose another username, or change your password first.",
        ));
    }
    match security::set_username(&state.db, user.user_id, &username).await {
        Ok(()) => {}
        Err(security::RenameError::Taken) => return Err(username_taken(&state, &username).await),
        Err(security::RenameError::Db(e)) => return Err(e.into()),
    }
    client
        .audit(&state.db, Some(user.user_id), Event::UsernameChanged)
        .await;
    Ok(Json(me_for(&state, user.user_id).await?))
}

/// Checks a new password against the policy (for `username`), the
/// confirmation, the common-password list and the account's previous
/// passwords; field errors under `field` / `confirm_password`.
pub(crate) async fn new_password_errors(
    state: &AppState,
    user_id: i64,
    username: &str,
    field: &str,
    new_password: &str,
    confirm: &str,
) -> ApiResult<FieldErrors> {
    // Under the NIST preset a second factor allows a shorter password.
    let two_step = security::two_step_enabled(&state.db, user_id).await?;
    let role = accounts::by_id(&state.db, user_id)
        .await?
        .and_then(|u| portal_domain::messages::Role::parse(&u.role))
        .unwrap_or(portal_domain::messages::Role::Member);
    let policy: &CredentialPolicy = &state.policy_for(role).with_two_step(two_step);
    let mut errors = FieldErrors::new();
    for e in password_errors(policy, new_password, username) {
        push_error(&mut errors, field, e);
    }
    if let Some(e) = confirm_errors(new_password, confirm) {
        push_error(&mut errors, "confirm_password", e);
    }
    if !errors.is_empty() {
        return Ok(errors);
    }
    if password::is_common(new_password) {
        push_error(
            &mut errors,
            field,
            FieldError::new(
                Rule::PasswordNotCommon.code(),
                format!(
                    "{}: this one is on the list of commonly used passwords. Choose another.",
                    policy.message(Rule::PasswordNotCommon)
                ),
            ),
        );
        return Ok(errors);
    }
    let history = accounts::password_history(&state.db, user_id).await?;
    if password::matches_any_gated(&state.hashing, new_password.to_string(), history).await? {
        push_error(
            &mut errors,
            field,
            FieldError::new(
                Rule::PasswordNotPrevious.code(),
                format!(
                    "{}: you have used this password before. Choose a new one.",
                    policy.message(Rule::PasswordNotPrevious)
                ),
            ),
        );
    }
    Ok(errors)
}

/// Changes the password: the current one, then the policy and the reuse
/// rule. Every other session of the account ends.
#[utoipa::path(put, path = "/api/v1/account/password", tag = "account", request_body = ChangePasswordRequest,
    responses((status = 204, description = "Changed; other sessions ended"),
        (status = 400, body = ProblemDetails, description = "errors.current_password / new_password (incl. password.not_previous) / confirm_password"),
        (status = 401, body = ProblemDetails), (status = 423, body = ProblemDetails)))]
pub async fn change_password(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    // Rules first (no attempt is counted for a new password that breaks them).
    // Under the NIST preset a second factor allows a shorter password.
    let two_step = security::two_step_enabled(&state.db, user.user_id).await?;
    let policy = state.policy_for(user.role).with_two_step(two_step);
    let errors = change_password_errors(&policy, &user.username, &body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    check_password(&state, &user, "current_password", &body.current_password).await?;
    let errors = new_password_errors(
        &state,
        user.user_id,
        &user.username,
        "new_password",
        &body.new_password,
        &body.confirm_password,
    )
    .await?;
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let phc = password::hash_gated(&state.hashing, body.new_password).await?;
    let now = db::now();
    security::set_password(&state.db, user.user_id, &phc, now, Some(&user.token_hash)).await?;
    notify_password_changed(&state, user.user_id).await;
    client
        .audit(&state.db, Some(user.user_id), Event::PasswordChanged)
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// A security notice to the contacts on file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Notice {
    /// The password changed (settings or recovery).
    PasswordChanged,
    /// The contact email or phone changed.
    ContactChanged,
    /// A sign-in from a browser not seen signing in to the account before.
    NewDevice,
}

impl Notice {
    fn kind(self) -> &'static str {
        match self {
            Self::PasswordChanged => "password_changed",
            Self::ContactChanged => "contact_changed",
            Self::NewDevice => "new_device",
        }
    }

    fn subject(self) -> &'static str {
        match self {
            Self::PasswordChanged => "Your password was changed",
            Self::ContactChanged => "Your contact details were changed",
            Self::NewDevice => "New sign-in to your account",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::PasswordChanged => "The password of your account was changed",
            Self::ContactChanged => "The email address or mobile phone on your account was changed",
            Self::NewDevice => "Someone signed in to your account from a new device or browser",
        }
    }
}

/// Queues `notice` to every distinct contact in `contacts` (email and
/// phone pairs). Failures are logged: the change itself already happened.
pub(crate) async fn notify_contacts(
    state: &AppState,
    user_id: i64,
    contacts: &[(Option<String>, Option<String>)],
    notice: Notice,
) {
    use crate::auth::totp::ISSUER;
    let phone_no = &state.config.member_services_phone;
    let when = Utc::now().format("%B %-d, %Y at %H:%M UTC");
    let what = notice.what();
    let subject = format!("{ISSUER}: {}", notice.subject());
    let email_body = format!(
        "{what} on {when}.\n\nIf this was you, there is nothing to do. If it wasn't, change your \
         password at once and call Member Services at {phone_no}.\n\n{ISSUER}"
    );
    let sms_body = format!("{ISSUER}: {what} on {when}. Not you? Call {phone_no}.");
    let mut seen_email = HashSet::new();
    let mut seen_phone = HashSet::new();
    let mut messages = Vec::new();
    for (email, phone) in contacts {
        let email = email
            .as_deref()
            .filter(|e| seen_email.insert(e.to_lowercase()));
        let phone = phone
            .as_deref()
            .filter(|p| seen_phone.insert(p.to_string()));
        messages.extend(crate::messaging::to_contacts(
            user_id,
            email,
            phone,
            notice.kind(),
            &subject,
            &email_body,
            &sms_body,
        ));
    }
    if let Err(e) = state.outbox.queue(&state.db, &messages).await {
        tracing::warn!(error = %e, kind = notice.kind(), "could not queue a security notice");
    }
}

/// Tells the contacts on file that the password changed.
pub(crate) async fn notify_password_changed(state: &AppState, user_id: i64) {
    match security::contact(&state.db, user_id).await {
        Ok(contact) => notify_contacts(state, user_id, &[contact], Notice::PasswordChanged).await,
        Err(e) => tracing::warn!(error = %e, "could not read the contact on file"),
    }
}

/// Refuses a contact change that would move or remove the phone or email
/// two-step codes go to: a new destination is proved by a code sent to it
/// (switch two-step off and set it up again), not by the password alone.
async fn two_step_destination_kept(
    state: &AppState,
    user_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
) -> ApiResult<()> {
    let Some(row) = security::totp(&state.db, user_id)
        .await?
        .filter(|r| r.enabled_at.is_some())
    else {
        return Ok(());
    };
    let destination = row.destination.as_deref();
    let (field, kept, what) = match TwoStepMethod::parse(&row.method) {
        Some(TwoStepMethod::Sms) => ("phone", phone == destination, "phone"),
        Some(TwoStepMethod::Email) => (
            "email",
            email.map(str::to_lowercase) == destination.map(str::to_lowercase),
            "email address",
        ),
        _ => return Ok(()),
    };
    if kept {
        return Ok(());
    }
    Err(ApiError::field(
        field,
        &format!("{field}.two_step"),
        format!(
            "Your two-step verification codes go to this {what}. To use another one, switch              two-step verification off and set it up again with the new {what}."
        ),
    ))
}

/// Sets the contact email and US phone (empty removes one).
#[utoipa::path(put, path = "/api/v1/account/contact", tag = "account", request_body = ContactRequest,
    responses((status = 200, body = AccountSettings), (status = 400, body = ProblemDetails, description = "errors.email / errors.phone (phone.two_step, email.two_step: two-step codes go there) / errors.password (password.required, password.incorrect: needed when the email or phone changes)"),
        (status = 401, body = ProblemDetails), (status = 423, body = ProblemDetails, description = "Too many wrong passwords: locked")))]
pub async fn change_contact(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<ContactRequest>,
) -> ApiResult<Json<AccountSettings>> {
    let (email, phone) = validate_contact(&body).map_err(ApiError::validation)?;
    let phone = phone.map(|p| p.e164());
    let old = security::contact(&state.db, user.user_id).await?;
    two_step_destination_kept(&state, user.user_id, email.as_deref(), phone.as_deref()).await?;
    if old != (email.clone(), phone.clone()) {
        // Where recovery codes go: only with the password, not just an open session.
        check_password(&state, &user, "password", &body.password).await?;
    }
    security::set_contact(&state.db, user.user_id, email.as_deref(), phone.as_deref()).await?;
    if old != (email.clone(), phone.clone()) {
        // Told at the old addresses too, so a takeover cannot hide itself.
        notify_contacts(
            &state,
            user.user_id,
            &[old, (email.clone(), phone.clone())],
            Notice::ContactChanged,
        )
        .await;
    }
    client
        .audit(&state.db, Some(user.user_id), Event::ContactChanged)
        .await;
    Ok(Json(settings_of(&state, user.user_id).await?))
}

/// Failures within this many seconds of each other count as "many".
const FAILURE_BURST_SECS: i64 = 3600;
/// This many failures in a burst mark them unusual.
const FAILURE_BURST: usize = 3;

/// The last 90 days of the member's security events (sign-ins, failures,
/// changes), newest first, each with its client, address, whether two-step
/// was used, and why it looks unusual (a browser not seen signing in before,
/// many failures in a row, a lockout).
#[utoipa::path(get, path = "/api/v1/account/history", tag = "account",
    responses((status = 200, body = [SecurityEvent]), (status = 401, body = ProblemDetails)))]
pub async fn history(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<Vec<SecurityEvent>>> {
    let since = db::now() - HISTORY_DAYS * 86_400;
    let rows = security::events_since(&state.db, user.user_id, since, 500).await?;
    let mut seen_clients: HashSet<String> = HashSet::new();
    let failure_times: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind == Event::SignInFailed.as_str())
        .map(|r| r.at)
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(kind) = SecurityEventKind::parse(&r.kind) else {
            continue;
        };
        let client = client_label(r.user_agent.as_deref());
        let unusual = match kind {
            SecurityEventKind::SignIn | SecurityEventKind::Registered => {
                let new_client = !seen_clients.is_empty() && !seen_clients.contains(&client);
                seen_clients.insert(client.clone());
                new_client.then(|| "New browser or device".to_string())
            }
            SecurityEventKind::SignInFailed => {
                let near = failure_times
                    .iter()
                    .filter(|t| (**t - r.at).abs() <= FAILURE_BURST_SECS)
                    .count();
                (near >= FAILURE_BURST).then(|| "Many failed attempts".to_string())
            }
            SecurityEventKind::Locked => Some("Locked after failed attempts".to_string()),
            SecurityEventKind::RecoveryFailed => Some("Identity check failed".to_string()),
            _ => None,
        };
        out.push(SecurityEvent {
            at: rfc3339(r.at),
            kind,
            client,
            address: r.client_addr,
            two_step: r.two_step,
            unusual,
        });
    }
    out.reverse();
    Ok(Json(out))
}

/// The member's active sessions, most recently used first.
#[utoipa::path(get, path = "/api/v1/account/sessions", tag = "account",
    responses((status = 200, body = [SessionInfo]), (status = 401, body = ProblemDetails)))]
pub async fn list_sessions(
    State(state): State<AppState>,
    user: AccountUser,
) -> ApiResult<Json<Vec<SessionInfo>>> {
    let idle = i64::try_from(state.config.session_idle_secs).unwrap_or(1800);
    let rows = security::sessions_of(&state.db, user.user_id, db::now(), idle).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| SessionInfo {
                id: public_id(&r.token_hash),
                client: client_label(r.user_agent.as_deref()),
                created_at: rfc3339(r.created_at),
                last_seen_at: rfc3339(r.last_seen_at),
                current: r.token_hash == user.token_hash,
            })
            .collect(),
    ))
}

/// Ends one of the member's sessions (its next request gets 401).
#[utoipa::path(delete, path = "/api/v1/account/sessions/{id}", tag = "account",
    params(("id" = String, Path, description = "Session id from the list")),
    responses((status = 204, description = "Ended"), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn revoke_session(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let idle = i64::try_from(state.config.session_idle_secs).unwrap_or(1800);
    let rows = security::sessions_of(&state.db, user.user_id, db::now(), idle).await?;
    let target = rows
        .into_iter()
        .find(|r| public_id(&r.token_hash) == id)
        .ok_or_else(ApiError::not_found)?;
    security::delete_session(&state.db, user.user_id, &target.token_hash).await?;
    client
        .audit(&state.db, Some(user.user_id), Event::SessionRevoked)
        .await;
    if target.token_hash == user.token_hash {
        return Ok((
            StatusCode::NO_CONTENT,
            [(SET_COOKIE, clear_cookie(state.config.cookie_secure))],
        )
            .into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Signs out everywhere: every other session, or all including this one.
#[utoipa::path(post, path = "/api/v1/account/sessions/revoke-all", tag = "account", request_body = SignOutEverywhereRequest,
    responses((status = 204, description = "Ended (the cookie is cleared when this session ended too)"), (status = 401, body = ProblemDetails)))]
pub async fn revoke_all(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AccountUser,
    ApiJson(body): ApiJson<SignOutEverywhereRequest>,
) -> ApiResult<Response> {
    let keep = (!body.include_current).then_some(user.token_hash.as_str());
    security::delete_sessions(&state.db, user.user_id, keep).await?;
    client
        .audit(&state.db, Some(user.user_id), Event::SignedOutEverywhere)
        .await;
    if body.include_current {
        return Ok((
            StatusCode::NO_CONTENT,
            [(SET_COOKIE, clear_cookie(state.config.cookie_secure))],
        )
            .into_response());
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// How long a session last seen at `last_seen_at` (and ending at the latest
/// at `expires_at`) has left, with the idle timeout and the warning's lead.
pub(crate) fn status_for(state: &AppState, last_seen_at: i64, expires_at: i64) -> SessionStatus {
    let idle = state.config.session_idle_secs;
    let idle_end = last_seen_at.saturating_add(i64::try_from(idle).unwrap_or(i64::MAX / 2));
    let end = idle_end.min(expires_at);
    SessionStatus {
        remaining_secs: u64::try_from(end - db::now()).unwrap_or(0),
        idle_timeout_secs: idle,
        warn_before_secs: idle_warning_lead(idle),
    }
}

/// How long the session has left. Asking does **not** count as activity.
#[utoipa::path(get, path = "/api/v1/session", tag = "account",
    responses((status = 200, body = SessionStatus), (status = 401, body = ProblemDetails)))]
pub async fn session_status(
    State(state): State<AppState>,
    PeekUser(user): PeekUser,
) -> Json<SessionStatus> {
    Json(status_for(&state, user.last_seen_at, user.expires_at))
}

/// "Stay signed in": records activity now and answers the new remaining time.
#[utoipa::path(post, path = "/api/v1/session/keep-alive", tag = "account",
    responses((status = 200, body = SessionStatus), (status = 401, body = ProblemDetails)))]
pub async fn keep_alive(
    State(state): State<AppState>,
    user: Caller,
) -> ApiResult<Json<SessionStatus>> {
    let now = db::now();
    sessions::touch(&state.db, &user.token_hash, now).await?;
    Ok(Json(status_for(&state, now, user.expires_at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_labels() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
        assert_eq!(client_label(Some(chrome)), "Chrome 126 on Windows 10");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert!(
            client_label(Some(iphone)).starts_with("Safari 17 on iPhone"),
            "{}",
            client_label(Some(iphone))
        );
        assert_eq!(client_label(None), "Unknown browser");
        assert_eq!(client_label(Some("")), "Unknown browser");
        assert!(!client_label(Some("curl/8.0")).contains("UNKNOWN"));
        assert_eq!(client_label(Some("???")), "Unknown browser");
    }
}
