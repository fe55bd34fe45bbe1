//! "Download all my data" archives: requests, the worker's progress, the
//! finished archive (a BLOB) and its expiry.

use super::Db;
use portal_domain::data_export::{DataExport, ExportStatus, EXPORTS_PER_DAY, EXPORT_KEEP_DAYS};
use sqlx::FromRow;

/// One row, without the archive bytes.
#[derive(Clone, Debug, FromRow)]
pub struct ExportRow {
    /// Row id.
    pub id: i64,
    /// The account that asked.
    pub user_id: i64,
    /// Its household.
    pub household_id: i64,
    /// `queued`, `building`, `ready`, `failed` or `expired`.
    pub status: String,
    /// Files written so far.
    pub done: i64,
    /// Files it will hold.
    pub total: i64,
    /// Asked for at (Unix seconds).
    pub requested_at: i64,
    /// Ready at.
    pub ready_at: Option<i64>,
    /// Downloadable until.
    pub expires_at: Option<i64>,
    /// Archive size.
    pub size_bytes: Option<i64>,
    /// JSON array of first names.
    pub members: String,
}

impl ExportRow {
    /// The API shape at `now`: a ready archive past its period is expired
    /// even before the worker's next sweep deletes it.
    pub fn to_api(&self, now: i64) -> DataExport {
        let mut status = ExportStatus::parse(&self.status).unwrap_or(ExportStatus::Failed);
        if status == ExportStatus::Ready && self.expires_at.is_some_and(|t| t <= now) {
            status = ExportStatus::Expired;
        }
        DataExport {
            id: self.id,
            status,
            done: u32::try_from(self.done).unwrap_or(0),
            total: u32::try_from(self.total).unwrap_or(0),
            requested_at: self.requested_at,
            ready_at: self.ready_at,
            expires_at: self.expires_at,
            size_bytes: self.size_bytes.and_then(|s| u64::try_from(s).ok()),
            members: serde_json::from_str(&self.members).unwrap_or_default(),
        }
    }
}

const COLUMNS: &str = "id, user_id, household_id, status, done, total, requested_at, ready_at, \
                       expires_at, size_bytes, members";

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// One is still being built (its id).
    InProgress(i64),
    /// [`EXPORTS_PER_DAY`] in the last 24 hours; another may be asked for at
    /// this time (Unix seconds).
    TooMany {
        /// When the oldest of them leaves the window.
        until: i64,
    },
}

/// Queues a request for `user_id`, unless one is in progress or the daily
/// limit is reached: checked and written in one write transaction, so
/// concurrent requests queue at most one.
pub async fn request(
    db: &Db,
    user_id: i64,
    household_id: i64,
    members: &[String],
    now: i64,
) -> sqlx::Result<Result<ExportRow, Refused>> {
    let mut tx = super::begin_write(db).await?;
    let busy: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM data_exports WHERE user_id = ? AND status IN ('queued', 'building') LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((id,)) = busy {
        return Ok(Err(Refused::InProgress(id)));
    }
    let recent: Vec<(i64,)> = sqlx::query_as(
        "SELECT requested_at FROM data_exports WHERE user_id = ? AND requested_at > ? \
         ORDER BY requested_at",
    )
    .bind(user_id)
    .bind(now - 86_400)
    .fetch_all(&mut *tx)
    .await?;
    if recent.len() >= EXPORTS_PER_DAY as usize {
        let oldest = recent.first().map_or(now, |r| r.0);
        return Ok(Err(Refused::TooMany {
            until: oldest + 86_400,
        }));
    }
    let names = serde_json::to_string(members).unwrap_or_else(|_| "[]".into());
    let row: ExportRow = sqlx::query_as(&format!(
        "INSERT INTO data_exports (user_id, household_id, status, requested_at, members) \
         VALUES (?, ?, 'queued', ?, ?) RETURNING {COLUMNS}"
    ))
    .bind(user_id)
    .bind(household_id)
    .bind(now)
    .bind(names)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(row))
}

/// The account's requests, newest first (the last 30 days).
pub async fn list(db: &Db, user_id: i64, now: i64) -> sqlx::Result<Vec<ExportRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE user_id = ? AND requested_at > ? \
         ORDER BY requested_at DESC, id DESC"
    ))
    .bind(user_id)
    .bind(now - 30 * 86_400)
    .fetch_all(db)
    .await
}

/// One of the account's requests.
pub async fn get(db: &Db, user_id: i64, id: i64) -> sqlx::Result<Option<ExportRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE user_id = ? AND id = ?"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The archive of a ready, unexpired request of the account.
pub async fn archive(db: &Db, user_id: i64, id: i64, now: i64) -> sqlx::Result<Option<Vec<u8>>> {
    let row: Option<(Vec<u8>,)> = sqlx::query_as(
        "SELECT archive FROM data_exports WHERE user_id = ? AND id = ? AND status = 'ready' \
         AND expires_at > ? AND archive IS NOT NULL",
    )
    .bind(user_id)
    .bind(id)
    .bind(now)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Ready archives of the account not yet expired (for the alert).
pub async fn ready(db: &Db, user_id: i64, now: i64) -> sqlx::Result<Vec<ExportRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM data_exports WHERE user_id = ? AND status = 'ready' AND expires_at > ? \
         ORDER BY ready_at DESC"
    ))
    .bind(user_id)
    .bind(now)
    .fetch_all(db)
    .await
}

/// Takes the oldest queued request for building (at most one worker gets it).
pub async fn claim_next(db: &Db, now: i64) -> sqlx::Result<Option<ExportRow>> {
    sqlx::query_as(&format!(
        "UPDATE data_exports SET status = 'building', started_at = ? \
         WHERE id = (SELECT id FROM data_exports WHERE status = 'queued' ORDER BY requested_at, id LIMIT 1) \
         AND status = 'queued' RETURNING {COLUMNS}"
    ))
    .bind(now)
    .fetch_optional(db)
    .await
}

/// Records progress.
pub async fn progress(db: &Db, id: i64, done: u32, total: u32) -> sqlx::Result<()> {
    sqlx::query("UPDATE data_exports SET done = ?, total = ? WHERE id = ? AND status = 'building'")
        .bind(i64::from(done))
        .bind(i64::from(total))
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Stores the finished archive; it expires [`EXPORT_KEEP_DAYS`] days later.
pub async fn finish(
    db: &Db,
    id: i64,
    archive: &[u8],
    files: u32,
    members: &[String],
    now: i64,
) -> sqlx::Result<()> {
    let names = serde_json::to_string(members).unwrap_or_else(|_| "[]".into());
    sqlx::query(
        "UPDATE data_exports SET status = 'ready', archive = ?, size_bytes = ?, done = ?, total = ?, \
         members = ?, ready_at = ?, expires_at = ? WHERE id = ? AND status = 'building'",
    )
    .bind(archive)
    .bind(i64::try_from(archive.len()).unwrap_or(i64::MAX))
    .bind(i64::from(files))
    .bind(i64::from(files))
    .bind(names)
    .bind(now)
    .bind(now + EXPORT_KEEP_DAYS * 86_400)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a build failed (the member may ask again).
pub async fn fail(db: &Db, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE data_exports SET status = 'failed', error = ? WHERE id = ?")
        .bind(error)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Builds a restart interrupted go back to the queue (run at start-up).
pub async fn requeue_interrupted(db: &Db) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE data_exports SET status = 'queued', done = 0, total = 0, started_at = NULL \
         WHERE status = 'building'",
    )
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}

/// Deletes the archives past their download period.
pub async fn expire(db: &Db, now: i64) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE data_exports SET status = 'expired', archive = NULL \
         WHERE status = 'ready' AND expires_at <= ?",
    )
    .bind(now)
    .execute(db)
    .await?;
    Ok(r.rows_affected())
}
