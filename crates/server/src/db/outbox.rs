//! The message outbox: messages to members are rows, written in the same
//! transaction as the change that causes them, and sent by the worker in
//! `crate::messaging`. A row is leased while it is being sent, so two
//! workers (or two servers on one file) never send it twice at once.

use super::Db;
use sqlx::FromRow;

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// Email (SMTP).
    Email,
    /// Text message (SMS provider).
    Sms,
}

impl Channel {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// A message to queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    /// Email or text.
    pub channel: Channel,
    /// Email address or E.164 phone number.
    pub recipient: String,
    /// Subject (email only; kept for the log of texts too).
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// What it is about (`recovery_code`, `username`, `password_changed`, ...).
    pub kind: String,
    /// The account it concerns.
    pub user_id: Option<i64>,
}

/// Queues messages with any executor (a pool or an open transaction).
pub async fn enqueue(
    tx: &mut sqlx::SqliteConnection,
    messages: &[NewMessage],
    now: i64,
) -> sqlx::Result<()> {
    for m in messages {
        sqlx::query(
            "INSERT INTO outbox (channel, recipient, subject, body, kind, user_id, created_at, next_attempt_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(m.channel.as_str())
        .bind(&m.recipient)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(&m.kind)
        .bind(m.user_id)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Queues messages in a transaction of their own.
pub async fn enqueue_now(db: &Db, messages: &[NewMessage], now: i64) -> sqlx::Result<()> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut tx = super::begin_write(db).await?;
    enqueue(&mut tx, messages, now).await?;
    tx.commit().await
}

/// A queued message, as the worker sends it.
#[derive(Clone, Debug, FromRow)]
pub struct OutboxRow {
    /// Row id.
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// Address or phone number.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Kind.
    pub kind: String,
    /// Attempts made before this one.
    pub attempts: i64,
}

/// Leases up to `limit` due messages for `lease_secs`.
pub async fn claim_due(
    db: &Db,
    now: i64,
    lease_secs: i64,
    limit: i64,
) -> sqlx::Result<Vec<OutboxRow>> {
    sqlx::query_as(
        "UPDATE outbox SET claimed_until = ?1 + ?2 WHERE id IN ( \
           SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
             AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1) \
           ORDER BY id LIMIT ?3) \
         RETURNING id, channel, recipient, subject, body, kind, attempts",
    )
    .bind(now)
    .bind(lease_secs)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records a delivery; the body is cleared unless `keep_body` (demo).
pub async fn mark_sent(db: &Db, id: i64, now: i64, keep_body: bool) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET sent_at = ?1, claimed_until = NULL, attempts = attempts + 1, last_error = NULL, \
         body = CASE WHEN ?2 THEN body ELSE '' END WHERE id = ?3",
    )
    .bind(now)
    .bind(keep_body)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up (`None`).
pub async fn mark_attempt_failed(
    db: &Db,
    id: i64,
    now: i64,
    retry_at: Option<i64>,
    error: &str,
) -> sqlx::Result<()> {
    let error: String = error.chars().take(300).collect();
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL, last_error = ?1, \
         next_attempt_at = COALESCE(?2, next_attempt_at), \
         failed_at = CASE WHEN ?2 IS NULL THEN ?3 ELSE NULL END, \
         body = CASE WHEN ?2 IS NULL THEN '' ELSE body END WHERE id = ?4",
    )
    .bind(error)
    .bind(retry_at)
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// A message as the demo outbox lists it.
#[derive(Clone, Debug, FromRow)]
pub struct ListedMessage {
    /// Row id.
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// Address or phone number.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Body (empty once sent, outside the demo).
    pub body: String,
    /// Kind.
    pub kind: String,
    /// Queued at.
    pub created_at: i64,
    /// Delivered at.
    pub sent_at: Option<i64>,
    /// Attempts made.
    pub attempts: i64,
    /// Given up at.
    pub failed_at: Option<i64>,
}

/// The newest messages, newest first.
pub async fn recent(db: &Db, limit: i64) -> sqlx::Result<Vec<ListedMessage>> {
    sqlx::query_as(
        "SELECT id, channel, recipient, subject, body, kind, created_at, sent_at, attempts, failed_at \
         FROM outbox ORDER BY id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Messages still to send (not delivered, not given up).
pub async fn pending_count(db: &Db) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")
        .fetch_one(db)
        .await
}
