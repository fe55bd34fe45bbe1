//! Consecutive-failure counting with lockout, atomic under concurrency.
//!
//! An attempt is *reserved* before the password is checked: one atomic upsert
//! both increments the count and reads it back, so N concurrent attempts get
//! N distinct counts and at most `threshold` of them are ever checked.

use super::Db;

/// The outcome of reserving an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// Go ahead; this is attempt number `n` since the last success.
    Proceed {
        /// Attempt number (1-based).
        n: i64,
    },
    /// Locked until this time (Unix seconds).
    Locked {
        /// End of the lock.
        until: i64,
    },
    /// As many attempts as the threshold are being checked right now: this
    /// one is not checked (and not counted); try again in a moment. Attempts
    /// in flight are not failures: a burst of right passwords ends in
    /// successes and these answers, never in a lockout.
    Busy,
}

/// Reserves one attempt for `key`.
pub async fn reserve(
    db: &Db,
    key: &str,
    now: i64,
    threshold: i64,
    lock_secs: i64,
) -> sqlx::Result<Reservation> {
    // A lock that has run out starts a fresh count.
    let (failures, locked_until): (i64, Option<i64>) = sqlx::query_as(
        "INSERT INTO login_throttle (key, failures, locked_until, updated_at) VALUES (?1, 1, NULL, ?2) \
         ON CONFLICT (key) DO UPDATE SET updated_at = ?2, \
           failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1 \
                           WHEN locked_until IS NOT NULL THEN failures ELSE failures + 1 END, \
           locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN NULL \
                               ELSE locked_until END \
         RETURNING failures, locked_until",
    )
    .bind(key)
    .bind(now)
    .fetch_one(db)
    .await?;
    if let Some(until) = locked_until {
        return Ok(Reservation::Locked { until });
    }
    if failures > threshold {
        // Only checked failures lock (the attempt that reaches the threshold
        // does); this one found the threshold taken by attempts still in flight.
        release(db, key).await?;
        let _ = lock_secs;
        return Ok(Reservation::Busy);
    }
    Ok(Reservation::Proceed { n: failures })
}

/// Locks `key` until `until` unless it is locked already; returns the lock's end.
pub async fn lock(db: &Db, key: &str, until: i64) -> sqlx::Result<i64> {
    let end: Option<i64> = sqlx::query_scalar(
        "UPDATE login_throttle SET locked_until = COALESCE(locked_until, ?) WHERE key = ? RETURNING locked_until",
    )
    .bind(until)
    .bind(key)
    .fetch_optional(db)
    .await?
    .flatten();
    Ok(end.unwrap_or(until))
}

/// Clears the count after a success.
pub async fn reset(db: &Db, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = ?")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}

/// Gives back one reserved attempt (the password step of a two-step sign-in
/// neither counts as a failure nor resets the count: only the second step does).
pub async fn release(db: &Db, key: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE key = ? AND locked_until IS NULL",
    )
    .bind(key)
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes rows not locked now and untouched for `idle_secs` (counts of
/// usernames nobody tries any more, made-up ones included).
pub async fn purge(db: &Db, now: i64, idle_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "DELETE FROM login_throttle WHERE (locked_until IS NULL OR locked_until <= ?1) AND updated_at < ?2",
    )
    .bind(now)
    .bind(now - idle_secs)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

/// At start-up nothing is in flight, so a count at or past the threshold
/// without a lock can only be reservations a stopped server left behind: it
/// is locked (as before attempts in flight were told apart), never left to
/// answer [`Reservation::Busy`] for ever. Keys are matched by `prefix`.
pub async fn settle_after_restart(
    db: &Db,
    prefix: &str,
    threshold: i64,
    now: i64,
    lock_secs: i64,
) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE login_throttle SET locked_until = ?1 \
         WHERE key LIKE ?2 AND locked_until IS NULL AND failures >= ?3",
    )
    .bind(now + lock_secs)
    .bind(format!("{prefix}%"))
    .bind(threshold)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}
