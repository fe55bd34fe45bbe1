//! Fixed-window rate limits: at most `limit` hits per key in a window that
//! starts with the first hit. One atomic upsert counts and reads back, so
//! concurrent requests get distinct counts.

use super::Db;

/// The outcome of one hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Under the limit.
    Allowed,
    /// Over the limit until this time (Unix seconds).
    Limited {
        /// End of the window.
        until: i64,
    },
}

/// Counts one hit on `key`.
pub async fn hit(db: &Db, key: &str, now: i64, limit: i64, window_secs: i64) -> sqlx::Result<Hit> {
    let (hits, window_end): (i64, i64) = sqlx::query_as(
        "INSERT INTO rate_windows (key, hits, window_end) VALUES (?1, 1, ?2 + ?3) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN window_end <= ?2 THEN 1 ELSE hits + 1 END, \
           window_end = CASE WHEN window_end <= ?2 THEN ?2 + ?3 ELSE window_end END \
         RETURNING hits, window_end",
    )
    .bind(key)
    .bind(now)
    .bind(window_secs)
    .fetch_one(db)
    .await?;
    Ok(if hits > limit {
        Hit::Limited { until: window_end }
    } else {
        Hit::Allowed
    })
}

/// Whether `key` is over `limit` now, without counting a hit.
pub async fn peek(db: &Db, key: &str, now: i64, limit: i64) -> sqlx::Result<Hit> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT hits, window_end FROM rate_windows WHERE key = ? AND window_end > ?",
    )
    .bind(key)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(match row {
        Some((hits, until)) if hits >= limit => Hit::Limited { until },
        _ => Hit::Allowed,
    })
}

/// Deletes windows that have ended.
pub async fn purge(db: &Db, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM rate_windows WHERE window_end <= ?")
        .bind(now)
        .execute(db)
        .await?;
    Ok(r.rows_affected())
}
