//! Alerts sent by email or text, and consents to text messages.

use super::Db;
use std::collections::HashSet;

/// The (alert key, channel) pairs already sent to `user_id`.
pub async fn sent(db: &Db, user_id: i64) -> sqlx::Result<HashSet<(String, String)>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT alert_key, channel FROM alert_deliveries WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Claims one delivery; `false` when it was claimed already (by a
/// concurrent run), so each alert goes out once per channel.
pub async fn claim(
    db: &Db,
    user_id: i64,
    key: &str,
    channel: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT OR IGNORE INTO alert_deliveries (user_id, alert_key, channel, sent_at) VALUES (?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(key)
    .bind(channel)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Accounts that asked for any alert by email or text, with what a
/// session would say about them: (user id, username, member row, household).
pub async fn subscribers(db: &Db) -> sqlx::Result<Vec<(i64, String, i64, i64)>> {
    sqlx::query_as(
        "SELECT u.id, u.username, u.member_id, m.household_id FROM notification_prefs p \
         JOIN users u ON u.id = p.user_id JOIN members m ON m.id = u.member_id \
         WHERE p.alerts_json LIKE '%\"email\":true%' OR p.alerts_json LIKE '%\"text\":true%'",
    )
    .fetch_all(db)
    .await
}

/// Whether `user_id` has agreed to texts at `phone` under `version`.
pub async fn has_sms_consent(
    db: &Db,
    user_id: i64,
    phone: &str,
    version: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sms_consents WHERE user_id = ? AND phone = ? AND consent_version = ?",
    )
    .bind(user_id)
    .bind(phone)
    .bind(version)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Records consent to texts at `phone` with the words agreed to.
pub async fn record_sms_consent(
    db: &Db,
    user_id: i64,
    phone: &str,
    version: &str,
    text: &str,
    now: i64,
    client_addr: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sms_consents (user_id, phone, consent_version, consent_text, recorded_at, client_addr) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(phone)
    .bind(version)
    .bind(text)
    .bind(now)
    .bind(client_addr)
    .execute(db)
    .await?;
    Ok(())
}
