//! Connected apps: registered OAuth clients, pending authorization
//! requests, members' grants, codes and refresh tokens (hashes only).

use super::Db;
use sqlx::FromRow;

/// A registered app.
#[derive(Clone, Debug, FromRow)]
pub struct ClientRow {
    /// Row id.
    pub id: i64,
    /// The OAuth `client_id`.
    pub client_id: String,
    /// Name shown to members.
    pub name: String,
    /// Who makes it.
    pub developer: String,
    /// Website.
    pub website: String,
    /// Privacy policy address.
    pub privacy_policy: String,
    /// Registered redirect URIs, one per line.
    pub redirect_uris: String,
    /// Hash of the client secret (confidential clients only).
    pub secret_hash: Option<String>,
}

impl ClientRow {
    /// Whether `uri` is exactly one of the registered redirect URIs.
    pub fn allows_redirect(&self, uri: &str) -> bool {
        self.redirect_uris.lines().any(|r| r == uri)
    }
}

/// An app to register.
pub struct NewClient<'a> {
    /// The OAuth `client_id`.
    pub client_id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Developer.
    pub developer: &'a str,
    /// Website.
    pub website: &'a str,
    /// Privacy policy address.
    pub privacy_policy: &'a str,
    /// Redirect URIs.
    pub redirect_uris: &'a [String],
    /// Hash of a client secret, for a confidential client.
    pub secret_hash: Option<&'a str>,
}

/// Registers an app (or updates the one with this `client_id`).
pub async fn register_client(db: &Db, c: &NewClient<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO oauth_clients (client_id, name, developer, website, privacy_policy, redirect_uris, secret_hash, created_at) \
         VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, \
         developer = excluded.developer, website = excluded.website, privacy_policy = excluded.privacy_policy, \
         redirect_uris = excluded.redirect_uris, secret_hash = excluded.secret_hash RETURNING id",
    )
    .bind(c.client_id)
    .bind(c.name)
    .bind(c.developer)
    .bind(c.website)
    .bind(c.privacy_policy)
    .bind(c.redirect_uris.join("\n"))
    .bind(c.secret_hash)
    .bind(now)
    .fetch_one(db)
    .await
}

const CLIENT_COLUMNS: &str =
    "id, client_id, name, developer, website, privacy_policy, redirect_uris, secret_hash";

/// The app with this `client_id`.
pub async fn client(db: &Db, client_id: &str) -> sqlx::Result<Option<ClientRow>> {
    sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE client_id = ?"
    ))
    .bind(client_id)
    .fetch_optional(db)
    .await
}

/// The app with this row id.
pub async fn client_by_id(db: &Db, id: i64) -> sqlx::Result<Option<ClientRow>> {
    sqlx::query_as(&format!(
        "SELECT {CLIENT_COLUMNS} FROM oauth_clients WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A pending authorization request.
#[derive(Clone, Debug, FromRow)]
pub struct RequestRow {
    /// The app's row id.
    pub client_row: i64,
    /// Redirect URI (registered, exact).
    pub redirect_uri: String,
    /// Scopes to grant.
    pub scope: String,
    /// The app's `state`.
    pub state: Option<String>,
    /// PKCE S256 challenge.
    pub code_challenge: String,
    /// Stops working at.
    pub expires_at: i64,
}

/// A request to store.
pub struct NewRequest<'a> {
    /// Hash of the request id.
    pub id_hash: &'a str,
    /// The app's row id.
    pub client_row: i64,
    /// Redirect URI.
    pub redirect_uri: &'a str,
    /// Scopes to grant.
    pub scope: &'a str,
    /// The app's `state`.
    pub state: Option<&'a str>,
    /// PKCE challenge.
    pub code_challenge: &'a str,
}

/// Stores a pending request for `ttl` seconds.
pub async fn create_request(db: &Db, r: &NewRequest<'_>, now: i64, ttl: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO oauth_requests (id_hash, client_id, redirect_uri, scope, state, code_challenge, created_at, expires_at) \
         VALUES (?,?,?,?,?,?,?,?)",
    )
    .bind(r.id_hash)
    .bind(r.client_row)
    .bind(r.redirect_uri)
    .bind(r.scope)
    .bind(r.state)
    .bind(r.code_challenge)
    .bind(now)
    .bind(now + ttl)
    .execute(db)
    .await?;
    Ok(())
}

const REQUEST_COLUMNS: &str =
    "client_id AS client_row, redirect_uri, scope, state, code_challenge, expires_at";

/// A request still waiting for an answer and not expired.
pub async fn open_request(db: &Db, id_hash: &str, now: i64) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as(&format!(
        "SELECT {REQUEST_COLUMNS} FROM oauth_requests WHERE id_hash = ? AND decided_at IS NULL AND expires_at > ?"
    ))
    .bind(id_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Marks a request answered; `None` if it was answered already or expired
/// (two tabs answering at once: only one wins).
pub async fn decide_request(db: &Db, id_hash: &str, now: i64) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as(&format!(
        "UPDATE oauth_requests SET decided_at = ? WHERE id_hash = ? AND decided_at IS NULL AND expires_at > ? \
         RETURNING {REQUEST_COLUMNS}"
    ))
    .bind(now)
    .bind(id_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// What a member agreed to, with the app.
#[derive(Clone, Debug, FromRow)]
pub struct GrantRow {
    /// Row id.
    pub id: i64,
    /// The app's row id.
    pub client_row: i64,
    /// The app's `client_id`.
    pub client_id: String,
    /// App name.
    pub name: String,
    /// Developer.
    pub developer: String,
    /// Website.
    pub website: String,
    /// Privacy policy.
    pub privacy_policy: String,
    /// The member's account.
    pub user_id: i64,
    /// The account's own member row (whose family rule applies).
    pub user_member_id: i64,
    /// The patient's household.
    pub household_id: i64,
    /// Whose record.
    pub patient_member_id: i64,
    /// Granted scopes.
    pub scope: String,
    /// Connected at.
    pub created_at: i64,
    /// Last read at.
    pub last_used_at: Option<i64>,
}

const GRANT_SELECT: &str = "SELECT g.id, g.client_id AS client_row, c.client_id, c.name, c.developer, c.website, \
     c.privacy_policy, g.user_id, u.member_id AS user_member_id, g.household_id, g.patient_member_id, g.scope, \
     g.created_at, g.last_used_at FROM app_grants g JOIN oauth_clients c ON c.id = g.client_id JOIN users u ON u.id = g.user_id";

/// A grant with its first code, written together.
pub struct NewGrant<'a> {
    /// The app's row id.
    pub client_row: i64,
    /// The member's account.
    pub user_id: i64,
    /// The patient's household.
    pub household_id: i64,
    /// Whose record.
    pub patient_member_id: i64,
    /// Scopes.
    pub scope: &'a str,
    /// Hash of the authorization code.
    pub code_hash: &'a str,
    /// The redirect URI the code is bound to.
    pub redirect_uri: &'a str,
    /// PKCE challenge the code is bound to.
    pub code_challenge: &'a str,
}

/// Stores a grant and its authorization code (valid `code_ttl` seconds).
pub async fn create_grant(db: &Db, g: &NewGrant<'_>, now: i64, code_ttl: i64) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO app_grants (client_id, user_id, household_id, patient_member_id, scope, created_at) \
         VALUES (?,?,?,?,?,?) RETURNING id",
    )
    .bind(g.client_row)
    .bind(g.user_id)
    .bind(g.household_id)
    .bind(g.patient_member_id)
    .bind(g.scope)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO oauth_codes (code_hash, grant_id, redirect_uri, code_challenge, expires_at) VALUES (?,?,?,?,?)",
    )
    .bind(g.code_hash)
    .bind(id)
    .bind(g.redirect_uri)
    .bind(g.code_challenge)
    .bind(now + code_ttl)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The answer to redeeming a code or refresh token.
#[derive(Debug)]
pub enum Redeemed<T> {
    /// Valid and now used.
    Fresh(T),
    /// Used before: a replay (the grant should be revoked).
    Reused(i64),
    /// Unknown, expired, or its grant is revoked.
    Invalid,
}

/// A redeemed authorization code.
#[derive(Clone, Debug, FromRow)]
pub struct CodeRow {
    /// Its grant.
    pub grant_id: i64,
    /// Bound redirect URI.
    pub redirect_uri: String,
    /// Bound PKCE challenge.
    pub code_challenge: String,
}

/// Uses a code once.
pub async fn redeem_code(db: &Db, code_hash: &str, now: i64) -> sqlx::Result<Redeemed<CodeRow>> {
    let row: Option<CodeRow> = sqlx::query_as(
        "UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? \
         AND grant_id IN (SELECT id FROM app_grants WHERE revoked_at IS NULL) \
         RETURNING grant_id, redirect_uri, code_challenge",
    )
    .bind(now)
    .bind(code_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    if let Some(r) = row {
        return Ok(Redeemed::Fresh(r));
    }
    let used: Option<i64> = sqlx::query_scalar(
        "SELECT grant_id FROM oauth_codes WHERE code_hash = ? AND used_at IS NOT NULL",
    )
    .bind(code_hash)
    .fetch_optional(db)
    .await?;
    Ok(used.map_or(Redeemed::Invalid, Redeemed::Reused))
}

/// Stores a refresh token for `ttl` seconds.
pub async fn add_refresh(
    db: &Db,
    grant_id: i64,
    token_hash: &str,
    now: i64,
    ttl: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, created_at, expires_at) VALUES (?,?,?,?)",
    )
    .bind(token_hash)
    .bind(grant_id)
    .bind(now)
    .bind(now + ttl)
    .execute(db)
    .await?;
    Ok(())
}

/// Uses a refresh token once (its successor is stored by the caller).
pub async fn redeem_refresh(db: &Db, token_hash: &str, now: i64) -> sqlx::Result<Redeemed<i64>> {
    let row: Option<i64> = sqlx::query_scalar(
        "UPDATE oauth_refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? \
         AND grant_id IN (SELECT id FROM app_grants WHERE revoked_at IS NULL) RETURNING grant_id",
    )
    .bind(now)
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await?;
    if let Some(g) = row {
        return Ok(Redeemed::Fresh(g));
    }
    let used: Option<i64> = sqlx::query_scalar(
        "SELECT grant_id FROM oauth_refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await?;
    Ok(used.map_or(Redeemed::Invalid, Redeemed::Reused))
}

/// An active (not revoked) grant.
pub async fn active_grant(db: &Db, id: i64) -> sqlx::Result<Option<GrantRow>> {
    sqlx::query_as(&format!(
        "{GRANT_SELECT} WHERE g.id = ? AND g.revoked_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The account's active grants, newest first.
pub async fn user_grants(db: &Db, user_id: i64) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query_as(&format!(
        "{GRANT_SELECT} WHERE g.user_id = ? AND g.revoked_at IS NULL ORDER BY g.created_at DESC, g.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// Records that the app read data now (at most once a minute is written).
pub async fn touch_grant(db: &Db, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE app_grants SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
    )
    .bind(now)
    .bind(id)
    .bind(now - 60)
    .execute(db)
    .await?;
    Ok(())
}

/// Revokes a grant (of `user_id` when given): its tokens stop at once.
/// Whether an active grant was revoked.
pub async fn revoke_grant(db: &Db, id: i64, user_id: Option<i64>, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE app_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND (? IS NULL OR user_id = ?)",
    )
    .bind(now)
    .bind(id)
    .bind(user_id)
    .bind(user_id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// The secret for `purpose`, made and stored the first time.
pub async fn signing_key(db: &Db, purpose: &str, fresh: &str, now: i64) -> sqlx::Result<String> {
    sqlx::query("INSERT INTO signing_keys (purpose, secret, created_at) VALUES (?,?,?) ON CONFLICT (purpose) DO NOTHING")
        .bind(purpose)
        .bind(fresh)
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query_scalar("SELECT secret FROM signing_keys WHERE purpose = ?")
        .bind(purpose)
        .fetch_one(db)
        .await
}
