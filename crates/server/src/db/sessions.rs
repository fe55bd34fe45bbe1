//! Sessions, stored by the SHA-256 hash of their token.

use super::Db;
use sqlx::FromRow;

/// A live session joined with its account and member.
#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    /// Hash of the token.
    pub token_hash: String,
    /// The account.
    pub user_id: i64,
    /// Case-folded username.
    pub username: String,
    /// The member row of the account (none for a staff account).
    pub member_id: Option<i64>,
    /// The member's household (none for a staff account).
    pub household_id: Option<i64>,
    /// The account's role (`member`, `support`).
    pub role: String,
    /// Last request (Unix seconds).
    pub last_seen_at: i64,
    /// Absolute end (Unix seconds).
    pub expires_at: i64,
}

/// Stores a new session.
pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
    user_agent: Option<&str>,
    client_addr: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, client_addr) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(now)
    .bind(expires_at)
    .bind(user_agent)
    .bind(client_addr)
    .execute(db)
    .await?;
    Ok(())
}

/// The session with this token hash.
pub async fn find(db: &Db, token_hash: &str) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "SELECT s.token_hash, s.user_id, u.username, u.member_id, m.household_id, u.role, s.last_seen_at, s.expires_at \
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN members m ON m.id = u.member_id \
         WHERE s.token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

/// Records activity on a session.
pub async fn touch(db: &Db, token_hash: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
        .bind(now)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes one session.
pub async fn delete(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes sessions past their absolute or idle end.
pub async fn purge_expired(db: &Db, now: i64, idle_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?")
        .bind(now)
        .bind(now - idle_secs)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}
