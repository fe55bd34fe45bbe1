//! Session tokens, the session cookie, and the `AuthUser` extractor.

use crate::db::{self, sessions};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use portal_domain::messages::Role;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "portal_session";
/// Its name with `--cookie-secure`: the `__Host-` prefix makes the browser
/// refuse it unless it is Secure, for this host only (no Domain) and Path=/,
/// so a sibling subdomain cannot plant or shadow it.
pub const SECURE_COOKIE_NAME: &str = "__Host-portal_session";

/// The session cookie's name under `--cookie-secure` or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// Activity is written back at most this often (seconds), to spare the database.
const TOUCH_EVERY_SECS: i64 = 15;

/// A new random session token (256 bits, hex).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// SHA-256 of a secret, hex: how tokens and activation codes are stored.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// The `Set-Cookie` value that stores `token`.
pub fn set_cookie(token: &str, max_age_secs: u64, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_secs}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_session=; Max-Age=0"))
}

/// The `Set-Cookie` value that clears the cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let v = if secure {
        "__Host-portal_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure"
    } else {
        "portal_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
    };
    HeaderValue::from_static(v)
}

/// The value of the cookie `name` in the request, if it is set and not empty.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, value)| *n == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

/// The session token from the request's cookies, if any (the cookie of
/// the name `--cookie-secure` gives: never the other one).
pub fn token_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    cookie_value(headers, cookie_name(secure))
}

/// Starts a session for `user_id`; returns the `Set-Cookie` header to send.
pub async fn start(
    state: &AppState,
    user_id: i64,
    user_agent: Option<&str>,
    client_addr: Option<&str>,
) -> Result<(axum::http::HeaderName, HeaderValue), ApiError> {
    let token = new_token();
    let now = db::now();
    let max = i64::try_from(state.config.session_max_secs).unwrap_or(i64::MAX / 2);
    let ua = user_agent.map(|s| s.chars().take(300).collect::<String>());
    sessions::create(
        &state.db,
        &hash_secret(&token),
        user_id,
        now,
        now + max,
        ua.as_deref(),
        client_addr,
    )
    .await?;
    Ok((
        SET_COOKIE,
        set_cookie(
            &token,
            state.config.session_max_secs,
            state.config.cookie_secure,
        ),
    ))
}

/// Which sessions had their activity written recently, so that concurrent
/// requests of one session write it once.
#[derive(Default)]
pub struct TouchGate {
    last: std::sync::Mutex<std::collections::HashMap<String, i64>>,
}

impl TouchGate {
    /// True for the one caller that should write `token_hash`'s activity now.
    pub fn claim(&self, token_hash: &str, now: i64, every: i64) -> bool {
        let Ok(mut last) = self.last.lock() else {
            return true;
        };
        if last.get(token_hash).is_some_and(|&t| now - t < every) {
            return false;
        }
        last.insert(token_hash.to_string(), now);
        true
    }

    /// Forgets entries older than `max_age` seconds.
    pub fn prune(&self, now: i64, max_age: i64) {
        if let Ok(mut last) = self.last.lock() {
            last.retain(|_, t| now - *t < max_age);
        }
    }
}

/// The signed-in member. Extracting it checks the cookie, the idle timeout
/// and the absolute lifetime; an ended session is deleted and answers 401.
/// A staff account's session answers 403: staff see no member's data.
#[derive(Clone, Debug)]
pub struct AuthUser {
    /// Account id.
    pub user_id: i64,
    /// Case-folded username.
    pub username: String,
    /// The account's member row.
    pub member_id: i64,
    /// The member's household: the limit of what the caller may see.
    pub household_id: i64,
    /// Hash of the session token.
    pub token_hash: String,
    /// Last recorded activity (Unix seconds; written at most every few seconds).
    pub last_seen_at: i64,
    /// Absolute end of the session (Unix seconds).
    pub expires_at: i64,
}

/// Any signed-in caller, member or staff: for what every account may do
/// (who am I, the session's clock). Member endpoints take [`AuthUser`],
/// staff endpoints [`StaffUser`].
#[derive(Clone, Debug)]
pub struct Caller {
    /// Account id.
    pub user_id: i64,
    /// Case-folded username.
    pub username: String,
    /// Member or staff.
    pub role: Role,
    /// The member row and household, for a member's account.
    pub member: Option<(i64, i64)>,
    /// Hash of the session token.
    pub token_hash: String,
    /// Last recorded activity (Unix seconds).
    pub last_seen_at: i64,
    /// Absolute end of the session (Unix seconds).
    pub expires_at: i64,
}

impl Caller {
    /// The caller as a member, or 403 for a staff account.
    pub fn member(self) -> Result<AuthUser, ApiError> {
        match (self.role, self.member) {
            (Role::Member, Some((member_id, household_id))) => Ok(AuthUser {
                user_id: self.user_id,
                username: self.username,
                member_id,
                household_id,
                token_hash: self.token_hash,
                last_seen_at: self.last_seen_at,
                expires_at: self.expires_at,
            }),
            (Role::Provider, _) => Err(ApiError::forbidden(
                "This is a provider account: it opens the provider home, not members' pages.",
            )),
            _ => Err(ApiError::forbidden(
                "This is a member services account: it cannot open members' pages.",
            )),
        }
    }
}

/// A signed-in account that manages its own credentials (a member's or a
/// provider's): for the account security endpoints (username, password,
/// two-step verification, sessions, sign-in history). Staff accounts are
/// managed by their administrator and get 403.
#[derive(Clone, Debug)]
pub struct AccountUser {
    /// Account id.
    pub user_id: i64,
    /// Case-folded username.
    pub username: String,
    /// Member or provider: decides the credential policy.
    pub role: Role,
    /// Hash of the session token.
    pub token_hash: String,
    /// Last recorded activity (Unix seconds).
    pub last_seen_at: i64,
    /// Absolute end of the session (Unix seconds).
    pub expires_at: i64,
}

impl FromRequestParts<AppState> for AccountUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let c = authenticate(parts, state, true).await?;
        match c.role {
            Role::Member | Role::Provider => Ok(Self {
                user_id: c.user_id,
                username: c.username,
                role: c.role,
                token_hash: c.token_hash,
                last_seen_at: c.last_seen_at,
                expires_at: c.expires_at,
            }),
            Role::Support => Err(ApiError::forbidden(
                "Member services accounts are managed by their administrator.",
            )),
        }
    }
}

impl From<&AuthUser> for AccountUser {
    fn from(u: &AuthUser) -> Self {
        Self {
            user_id: u.user_id,
            username: u.username.clone(),
            role: Role::Member,
            token_hash: u.token_hash.clone(),
            last_seen_at: u.last_seen_at,
            expires_at: u.expires_at,
        }
    }
}

/// A signed-in provider account. Extracting it answers 403 to any other
/// account's session.
#[derive(Clone, Debug)]
pub struct ProviderUser(pub Caller);

impl FromRequestParts<AppState> for ProviderUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = authenticate(parts, state, true).await?;
        if caller.role == Role::Provider {
            Ok(Self(caller))
        } else {
            Err(ApiError::forbidden(
                "Only healthcare provider accounts can open the provider home.",
            ))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state, true).await
    }
}

/// A signed-in member services (support) account. Extracting it answers
/// 403 to a member's session.
#[derive(Clone, Debug)]
pub struct StaffUser(pub Caller);

impl FromRequestParts<AppState> for StaffUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = authenticate(parts, state, true).await?;
        if caller.role == Role::Support {
            Ok(Self(caller))
        } else {
            Err(ApiError::forbidden(
                "Only member services staff can open the support inbox.",
            ))
        }
    }
}

/// A short public id for a session (for the sessions list and revoking one),
/// derived from its token hash; the hash itself is never sent.
pub fn public_id(token_hash: &str) -> String {
    hash_secret(&format!("session-id:{token_hash}"))[..16].to_string()
}

/// The signed-in caller, checked like [`AuthUser`] but **without** counting
/// the request as activity: for asking how long the session has left.
#[derive(Clone, Debug)]
pub struct PeekUser(pub Caller);

impl FromRequestParts<AppState> for PeekUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state, false).await.map(Self)
    }
}

/// Checks the session cookie; when `touch`, records the activity.
async fn authenticate(parts: &Parts, state: &AppState, touch: bool) -> Result<Caller, ApiError> {
    let token = token_from(&parts.headers, state.config.cookie_secure)
        .ok_or_else(ApiError::unauthenticated)?;
    let token_hash = hash_secret(&token);
    let row = sessions::find(&state.db, &token_hash)
        .await?
        .ok_or_else(ApiError::unauthenticated)?;
    let now = db::now();
    let idle = i64::try_from(state.config.session_idle_secs).unwrap_or(i64::MAX / 2);
    if now >= row.expires_at || now - row.last_seen_at >= idle {
        sessions::delete(&state.db, &token_hash).await?;
        return Err(ApiError::unauthenticated());
    }
    let every = TOUCH_EVERY_SECS.min(idle / 2).max(1);
    if touch && now - row.last_seen_at >= every && state.touches.claim(&token_hash, now, every) {
        // One request per session per interval records the activity, off
        // the request's path: concurrent writers would otherwise queue on
        // SQLite's write lock.
        let (db, hash) = (state.db.clone(), token_hash.clone());
        tokio::spawn(async move {
            if let Err(e) = sessions::touch(&db, &hash, now).await {
                tracing::warn!(error = %e, "could not record session activity");
            }
        });
    }
    let member = match (row.member_id, row.household_id) {
        (Some(m), Some(h)) => Some((m, h)),
        _ => None,
    };
    Ok(Caller {
        user_id: row.user_id,
        username: row.username,
        role: Role::parse(&row.role).unwrap_or(Role::Member),
        member,
        token_hash,
        last_seen_at: row.last_seen_at,
        expires_at: row.expires_at,
    })
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        authenticate(parts, state, true).await?.member()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_long() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
    }

    #[test]
    fn reads_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; portal_session=abc; b=2"),
        );
        assert_eq!(token_from(&h, false).as_deref(), Some("abc"));
        assert_eq!(
            token_from(&h, true),
            None,
            "not the unprefixed name behind HTTPS"
        );
        h.insert(
            COOKIE,
            HeaderValue::from_static("__Host-portal_session=xyz"),
        );
        assert_eq!(token_from(&h, true).as_deref(), Some("xyz"));
        h.insert(COOKIE, HeaderValue::from_static("portal_session="));
        assert_eq!(token_from(&h, false), None);
    }

    #[test]
    fn cookie_attributes() {
        let v = set_cookie("t", 60, true);
        let s = v.to_str().expect("ascii");
        assert!(s.starts_with("__Host-portal_session=t;"), "{s}");
        for part in [
            "HttpOnly",
            "SameSite=Strict",
            "Path=/",
            "Max-Age=60",
            "Secure",
        ] {
            assert!(s.contains(part), "{s}");
        }
    }
}
