//! Recoveries in progress: a ticket held by the browser and a code sent to
//! the contact on file, both stored as hashes; single use, a few attempts,
//! a short life.

use super::outbox::{self, NewMessage};
use super::Db;

/// A started recovery, as stored.
#[derive(Clone, Debug)]
pub struct NewRequest<'a> {
    /// SHA-256 of the ticket.
    pub ticket_hash: &'a str,
    /// The account.
    pub user_id: i64,
    /// `password` or `unlock`.
    pub purpose: &'a str,
    /// SHA-256 of ticket and code.
    pub code_hash: &'a str,
    /// Ends at.
    pub expires_at: i64,
}

/// Stores a request (ending the account's earlier ones for the same purpose)
/// and queues its messages, in one transaction.
pub async fn create(
    db: &Db,
    request: Option<&NewRequest<'_>>,
    messages: &[NewMessage],
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    if let Some(r) = request {
        sqlx::query(
            "DELETE FROM recovery_requests WHERE user_id = ? AND purpose = ? AND used_at IS NULL",
        )
        .bind(r.user_id)
        .bind(r.purpose)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO recovery_requests (ticket_hash, user_id, purpose, code_hash, created_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(r.ticket_hash)
        .bind(r.user_id)
        .bind(r.purpose)
        .bind(r.code_hash)
        .bind(now)
        .bind(r.expires_at)
        .execute(&mut *tx)
        .await?;
    }
    outbox::enqueue(&mut tx, messages, now).await?;
    tx.commit().await
}

/// One reserved attempt at a request's code.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Attempt {
    /// The account.
    pub user_id: i64,
    /// `password` or `unlock`.
    pub purpose: String,
    /// SHA-256 of ticket and code.
    pub code_hash: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Reserves one attempt (atomically, before the code is compared, so
/// concurrent guesses cannot exceed `max`); `None` when the ticket is
/// unknown, used, expired or out of attempts.
pub async fn reserve_attempt(
    db: &Db,
    ticket_hash: &str,
    now: i64,
    max: i64,
) -> sqlx::Result<Option<Attempt>> {
    sqlx::query_as(
        "UPDATE recovery_requests SET attempts = attempts + 1 \
         WHERE ticket_hash = ? AND used_at IS NULL AND expires_at > ? AND attempts < ? \
         RETURNING user_id, purpose, code_hash, attempts",
    )
    .bind(ticket_hash)
    .bind(now)
    .bind(max)
    .fetch_optional(db)
    .await
}

/// Gives back an attempt whose code was right (the request failed later, on
/// the new password or the second factor).
pub async fn release_attempt(db: &Db, ticket_hash: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE recovery_requests SET attempts = MAX(attempts - 1, 0) WHERE ticket_hash = ? AND used_at IS NULL",
    )
    .bind(ticket_hash)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the request used; true for exactly one caller.
pub async fn consume(db: &Db, ticket_hash: &str, now: i64) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE recovery_requests SET used_at = ? WHERE ticket_hash = ? AND used_at IS NULL",
    )
    .bind(now)
    .bind(ticket_hash)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Deletes requests that ended more than a day ago.
pub async fn purge(db: &Db, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM recovery_requests WHERE expires_at <= ?")
        .bind(now - 86_400)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// The role of the account an open recovery is for (`member` or
/// `provider`), by the ticket's hash: which password rules the form is
/// checked against before the code is. Uses no attempt.
pub async fn role_of(db: &Db, ticket_hash: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT u.role FROM recovery_requests r JOIN users u ON u.id = r.user_id \
         WHERE r.ticket_hash = ? AND r.used_at IS NULL",
    )
    .bind(ticket_hash)
    .fetch_optional(db)
    .await
}
