//! Trusted devices: the stored half of the device cookie ([`crate::auth::device`]).

use super::Db;

/// Devices kept per account (the oldest beyond this are forgotten).
const MAX_PER_USER: i64 = 20;

/// Remembers a device for `user_id` until `expires_at`.
pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    sqlx::query(
        "DELETE FROM trusted_devices WHERE user_id = ?1 AND token_hash NOT IN \
         (SELECT token_hash FROM trusted_devices WHERE user_id = ?1 ORDER BY created_at DESC LIMIT ?2)",
    )
    .bind(user_id)
    .bind(MAX_PER_USER)
    .execute(db)
    .await?;
    Ok(())
}

/// The account a device token belongs to, if it is trusted and unexpired.
pub async fn user_of(db: &Db, token_hash: &str, now: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT user_id FROM trusted_devices WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Counts a wrong password typed on the device; at `threshold` the device
/// is forgotten. Returns the failures so far.
pub async fn failed(db: &Db, token_hash: &str, threshold: i64) -> sqlx::Result<i64> {
    let n: Option<i64> = sqlx::query_scalar(
        "UPDATE trusted_devices SET failures = failures + 1 WHERE token_hash = ? RETURNING failures",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await?;
    let n = n.unwrap_or(threshold);
    if n >= threshold {
        forget(db, token_hash).await?;
    }
    Ok(n)
}

/// Clears the device's failures after a success.
pub async fn succeeded(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE trusted_devices SET failures = 0 WHERE token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets one device.
pub async fn forget(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM trusted_devices WHERE token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets every device of an account (after a password reset by recovery).
pub async fn forget_all(db: &Db, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM trusted_devices WHERE user_id = ?")
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Deletes expired devices.
pub async fn purge(db: &Db, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= ?")
        .bind(now)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}
