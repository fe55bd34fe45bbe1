//! Account security storage: authenticator secrets, recovery codes, pending
//! second sign-in steps, account changes, session lists and the history.

use super::Db;
use sqlx::FromRow;

/// An account's authenticator secret.
#[derive(Clone, Debug, FromRow)]
pub struct TotpRow {
    /// Base32 secret.
    pub secret: String,
    /// When two-step verification was switched on (`None`: enrolling).
    pub enabled_at: Option<i64>,
    /// `app`, `sms` or `email` (see `portal_domain::two_step_code::TwoStepMethod`).
    pub method: String,
    /// Where sent codes go (E.164 phone or email); `None` for the app.
    pub destination: Option<String>,
}

/// The account's two-step verification row (authenticator secret or
/// destination of sent codes), if any.
pub async fn totp(db: &Db, user_id: i64) -> sqlx::Result<Option<TotpRow>> {
    sqlx::query_as(
        "SELECT secret, enabled_at, method, destination FROM totp_secrets WHERE user_id = ?",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Whether sign-in asks this account for a second step.
pub async fn two_step_enabled(db: &Db, user_id: i64) -> sqlx::Result<bool> {
    Ok(totp(db, user_id)
        .await?
        .is_some_and(|t| t.enabled_at.is_some()))
}

/// Starts (or restarts) enrolment with a new secret; refuses (false) when
/// two-step verification is already on.
pub async fn start_enrolment(db: &Db, user_id: i64, secret: &str, now: i64) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO totp_secrets (user_id, secret, created_at, enabled_at, last_step) VALUES (?1, ?2, ?3, NULL, -1) \
         ON CONFLICT (user_id) DO UPDATE SET secret = ?2, created_at = ?3, last_step = -1, \
         method = 'app', destination = NULL, code_hash = NULL, code_expires_at = NULL, code_attempts = 0 \
         WHERE totp_secrets.enabled_at IS NULL",
    )
    .bind(user_id)
    .bind(secret)
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Accepts a code of time step `step` once: true only when no code of this
/// step or a later one was accepted before (atomic, so two concurrent uses
/// of one code cannot both pass).
pub async fn consume_step(db: &Db, user_id: i64, step: i64) -> sqlx::Result<bool> {
    let r =
        sqlx::query("UPDATE totp_secrets SET last_step = ?1 WHERE user_id = ?2 AND last_step < ?1")
            .bind(step)
            .bind(user_id)
            .execute(db)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Switches two-step verification on and stores the recovery code hashes
/// (replacing any old ones), in one transaction.
pub async fn enable(db: &Db, user_id: i64, code_hashes: &[String], now: i64) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(db).await?;
    let r = sqlx::query(
        "UPDATE totp_secrets SET enabled_at = ? WHERE user_id = ? AND enabled_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    if r.rows_affected() != 1 {
        return Ok(false);
    }
    replace_codes_in(&mut tx, user_id, code_hashes, now).await?;
    tx.commit().await?;
    Ok(true)
}

async fn replace_codes_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    user_id: i64,
    code_hashes: &[String],
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    for h in code_hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
            .bind(user_id)
            .bind(h)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the recovery codes (the old ones stop working).
pub async fn replace_codes(
    db: &Db,
    user_id: i64,
    code_hashes: &[String],
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    replace_codes_in(&mut tx, user_id, code_hashes, now).await?;
    tx.commit().await
}

/// Switches two-step verification off: the secret and recovery codes go.
pub async fn disable(db: &Db, user_id: i64) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM totp_secrets WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Uses a recovery code once: true when it was unused and is now used.
pub async fn use_recovery_code(
    db: &Db,
    user_id: i64,
    code_hash: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(code_hash)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Unused recovery codes left.
pub async fn codes_left(db: &Db, user_id: i64) -> sqlx::Result<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// Stores a pending second step.
pub async fn create_pending(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM pending_sign_ins WHERE expires_at <= ?")
        .bind(now)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO pending_sign_ins (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The account of an unexpired pending second step.
pub async fn pending_user(db: &Db, token_hash: &str, now: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT user_id FROM pending_sign_ins WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Drops a pending second step.
pub async fn delete_pending(db: &Db, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM pending_sign_ins WHERE token_hash = ?")
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// The account belonging to a member, if the member has one.
pub async fn user_for_member(
    db: &Db,
    member_id: i64,
) -> sqlx::Result<Option<super::accounts::UserRow>> {
    sqlx::query_as(
        "SELECT id, member_id, username, password_hash, role FROM users WHERE member_id = ?",
    )
    .bind(member_id)
    .fetch_optional(db)
    .await
}

/// Contact details of an account: (email, phone in E.164).
pub async fn contact(db: &Db, user_id: i64) -> sqlx::Result<(Option<String>, Option<String>)> {
    sqlx::query_as("SELECT email, phone FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(db)
        .await
}

/// Stores contact details.
pub async fn set_contact(
    db: &Db,
    user_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET email = ?, phone = ? WHERE id = ?")
        .bind(email)
        .bind(phone)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// What changing a username can run into.
#[derive(Debug)]
pub enum RenameError {
    /// Someone has it (checked by the unique index, so races are covered).
    Taken,
    /// The database failed.
    Db(sqlx::Error),
}

/// Changes the (case-folded) username.
pub async fn set_username(db: &Db, user_id: i64, username: &str) -> Result<(), RenameError> {
    let r = sqlx::query("UPDATE users SET username = ? WHERE id = ?")
        .bind(username)
        .bind(user_id)
        .execute(db)
        .await;
    match r {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(RenameError::Taken),
        Err(e) => Err(RenameError::Db(e)),
    }
}

/// Sets a new password (and records it for the reuse rule), in one
/// transaction; ends every session of the account except `keep` (a token hash).
pub async fn set_password(
    db: &Db,
    user_id: i64,
    password_hash: &str,
    now: i64,
    keep: Option<&str>,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")
        .bind(password_hash)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
    )
    .bind(user_id)
    .bind(password_hash)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?")
        .bind(user_id)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM pending_sign_ins WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// A session as the sessions list shows it.
#[derive(Clone, Debug, FromRow)]
pub struct SessionListRow {
    /// Token hash (never sent; a public id is derived from it).
    pub token_hash: String,
    /// First use.
    pub created_at: i64,
    /// Last recorded use.
    pub last_seen_at: i64,
    /// User agent at sign-in.
    pub user_agent: Option<String>,
}

/// The account's live sessions, most recently used first.
pub async fn sessions_of(
    db: &Db,
    user_id: i64,
    now: i64,
    idle_secs: i64,
) -> sqlx::Result<Vec<SessionListRow>> {
    sqlx::query_as(
        "SELECT token_hash, created_at, last_seen_at, user_agent FROM sessions \
         WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_all(db)
    .await
}

/// Ends one session of the account.
pub async fn delete_session(db: &Db, user_id: i64, token_hash: &str) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash = ?")
        .bind(user_id)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(r.rows_affected() > 0)
}

/// Ends every session of the account except `keep`; returns how many ended.
pub async fn delete_sessions(db: &Db, user_id: i64, keep: Option<&str>) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?")
        .bind(user_id)
        .bind(keep)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}

/// One audit event as the history reads it.
#[derive(Clone, Debug, FromRow)]
pub struct EventRow {
    /// Stable kind name.
    pub kind: String,
    /// Unix seconds.
    pub at: i64,
    /// Client address.
    pub client_addr: Option<String>,
    /// User agent.
    pub user_agent: Option<String>,
    /// Whether a second step was used.
    pub two_step: bool,
}

/// The account's events since `since`, oldest first (at most `limit`, the newest ones).
pub async fn events_since(
    db: &Db,
    user_id: i64,
    since: i64,
    limit: i64,
) -> sqlx::Result<Vec<EventRow>> {
    let mut rows: Vec<EventRow> = sqlx::query_as(
        "SELECT kind, at, client_addr, user_agent, two_step FROM audit_events \
         WHERE user_id = ? AND at >= ? \
         AND kind NOT IN ('provider_eligibility_checked', 'provider_claims_viewed', 'provider_remittances_viewed', 'app_data_read') \
         ORDER BY at DESC, id DESC LIMIT ?",
    )
    .bind(user_id)
    .bind(since)
    .bind(limit)
    .fetch_all(db)
    .await?;
    rows.reverse();
    Ok(rows)
}
