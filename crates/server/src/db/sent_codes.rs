//! Codes sent by text or email for two-step verification: the set-up (and
//! switching-off) code kept on the account's `totp_secrets` row, and the
//! sign-in code kept on its pending sign-in. Only SHA-256 hashes are stored;
//! each check is one atomic statement, so a code is used at most once even
//! when two requests race.

use super::Db;

/// The outcome of checking a set-up code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, unexpired and now used up.
    Accepted,
    /// Wrong (the try is counted; at the limit the code is dropped).
    Wrong,
    /// No code waiting (never sent, expired, used, or too many tries).
    NoCode,
}

/// Starts (or restarts) two-step set-up with codes sent to `destination`,
/// storing the first code; refuses (false) when two-step is already on.
pub async fn start_enrolment(
    db: &Db,
    user_id: i64,
    method: &str,
    destination: &str,
    code_hash: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO totp_secrets (user_id, secret, created_at, enabled_at, last_step, method, destination, \
         code_hash, code_expires_at, code_attempts) VALUES (?1, '', ?2, NULL, -1, ?3, ?4, ?5, ?6, 0) \
         ON CONFLICT (user_id) DO UPDATE SET secret = '', created_at = ?2, last_step = -1, method = ?3, \
         destination = ?4, code_hash = ?5, code_expires_at = ?6, code_attempts = 0 \
         WHERE totp_secrets.enabled_at IS NULL",
    )
    .bind(user_id)
    .bind(now)
    .bind(method)
    .bind(destination)
    .bind(code_hash)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Stores a new code for an account whose two-step codes are sent (to switch
/// it off); false when two-step is not on with a sent method.
pub async fn store_account_code(
    db: &Db,
    user_id: i64,
    code_hash: &str,
    expires_at: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE totp_secrets SET code_hash = ?, code_expires_at = ?, code_attempts = 0 \
         WHERE user_id = ? AND enabled_at IS NOT NULL AND method <> 'app'",
    )
    .bind(code_hash)
    .bind(expires_at)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Checks (and on success uses up) the account's waiting code.
pub async fn check_account_code(
    db: &Db,
    user_id: i64,
    code_hash: &str,
    now: i64,
    max_attempts: u32,
) -> sqlx::Result<CodeCheck> {
    let used = sqlx::query(
        "UPDATE totp_secrets SET code_hash = NULL, code_expires_at = NULL, code_attempts = 0 \
         WHERE user_id = ? AND code_hash = ? AND code_expires_at > ?",
    )
    .bind(user_id)
    .bind(code_hash)
    .bind(now)
    .execute(db)
    .await?;
    if used.rows_affected() == 1 {
        return Ok(CodeCheck::Accepted);
    }
    let counted = sqlx::query(
        "UPDATE totp_secrets SET code_attempts = code_attempts + 1, \
         code_hash = CASE WHEN code_attempts + 1 >= ?1 THEN NULL ELSE code_hash END \
         WHERE user_id = ?2 AND code_hash IS NOT NULL AND code_expires_at > ?3",
    )
    .bind(i64::from(max_attempts))
    .bind(user_id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(if counted.rows_affected() == 1 {
        CodeCheck::Wrong
    } else {
        CodeCheck::NoCode
    })
}

/// Switches on two-step verification set up with sent codes: the recovery
/// codes are stored and the destination becomes the contact on file, in one
/// transaction. False when it was on already or no such set-up was started.
pub async fn enable(
    db: &Db,
    user_id: i64,
    recovery_code_hashes: &[String],
    now: i64,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_write(db).await?;
    let row: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT method, destination FROM totp_secrets WHERE user_id = ? AND enabled_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((method, Some(destination))) = row else {
        return Ok(false);
    };
    let column = match method.as_str() {
        "sms" => "phone",
        "email" => "email",
        _ => return Ok(false),
    };
    sqlx::query("UPDATE totp_secrets SET enabled_at = ? WHERE user_id = ?")
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!("UPDATE users SET {column} = ? WHERE id = ?"))
        .bind(&destination)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    for h in recovery_code_hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
            .bind(user_id)
            .bind(h)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A pending sign-in's sent code.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingCode {
    /// Hash of the code last sent, if any.
    pub code_hash: Option<String>,
    /// When it was sent.
    pub code_sent_at: Option<i64>,
    /// Codes sent for this sign-in so far.
    pub sends: i64,
}

/// The sent code of an unexpired pending sign-in.
pub async fn pending_code(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<PendingCode>> {
    sqlx::query_as(
        "SELECT code_hash, code_sent_at, sends FROM pending_sign_ins WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Stores a newly sent code on a pending sign-in, unless `max_sends` were
/// sent already or the last one went less than `gap_secs` ago (false then;
/// one statement, so two clicks cannot both send).
pub async fn store_pending_code(
    db: &Db,
    token_hash: &str,
    code_hash: &str,
    now: i64,
    max_sends: u32,
    gap_secs: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE pending_sign_ins SET code_hash = ?1, code_sent_at = ?2, sends = sends + 1 \
         WHERE token_hash = ?3 AND expires_at > ?2 AND sends < ?4 \
         AND (code_sent_at IS NULL OR code_sent_at + ?5 <= ?2)",
    )
    .bind(code_hash)
    .bind(now)
    .bind(token_hash)
    .bind(i64::from(max_sends))
    .bind(gap_secs)
    .execute(db)
    .await?;
    Ok(r.rows_affected() == 1)
}
