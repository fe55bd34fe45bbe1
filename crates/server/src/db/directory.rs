//! The provider directory's tables (migration 0027): read whole into
//! [`crate::directory::DirectoryIndex`] at start-up; the household's home ZIP.

use crate::db::Db;
use sqlx::Row;

/// One row of `directory_providers`.
pub struct ProviderRow {
    pub id: i64,
    pub npi: String,
    pub kind: String,
    pub name: String,
    pub taxonomy: String,
    pub gender: Option<String>,
    pub board_certified: Option<bool>,
    pub accepting_new: bool,
    pub virtual_visits: bool,
    pub languages: String,
    pub practice_id: Option<i64>,
    pub estimator_id: Option<String>,
    pub verified_on: String,
}

/// One row of `directory_locations`.
pub struct LocationRow {
    pub id: i64,
    pub provider_id: i64,
    pub name: String,
    pub line: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub lat_e6: i64,
    pub lon_e6: i64,
    pub phone: String,
    pub hours: String,
    pub wheelchair: bool,
    pub asl: bool,
}

/// Everything in the directory: listings, locations (in id order),
/// (provider, network, tier) and (provider, hospital).
pub struct DirectoryRows {
    pub providers: Vec<ProviderRow>,
    pub locations: Vec<LocationRow>,
    pub networks: Vec<(i64, String, i64)>,
    pub affiliations: Vec<(i64, i64)>,
}

/// Reads the whole directory.
pub async fn load(db: &Db) -> sqlx::Result<DirectoryRows> {
    let providers = sqlx::query(
        "SELECT id, npi, kind, name, taxonomy, gender, board_certified, accepting_new, \
         virtual_visits, languages, practice_id, estimator_id, verified_on \
         FROM directory_providers ORDER BY id",
    )
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| {
        Ok(ProviderRow {
            id: r.try_get(0)?,
            npi: r.try_get(1)?,
            kind: r.try_get(2)?,
            name: r.try_get(3)?,
            taxonomy: r.try_get(4)?,
            gender: r.try_get(5)?,
            board_certified: r.try_get(6)?,
            accepting_new: r.try_get(7)?,
            virtual_visits: r.try_get(8)?,
            languages: r.try_get(9)?,
            practice_id: r.try_get(10)?,
            estimator_id: r.try_get(11)?,
            verified_on: r.try_get(12)?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    let locations = sqlx::query(
        "SELECT provider_id, name, line, city, state, zip, lat_e6, lon_e6, phone, hours, \
         wheelchair, asl, id FROM directory_locations ORDER BY id",
    )
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| {
        Ok(LocationRow {
            provider_id: r.try_get(0)?,
            name: r.try_get(1)?,
            line: r.try_get(2)?,
            city: r.try_get(3)?,
            state: r.try_get(4)?,
            zip: r.try_get(5)?,
            lat_e6: r.try_get(6)?,
            lon_e6: r.try_get(7)?,
            phone: r.try_get(8)?,
            hours: r.try_get(9)?,
            wheelchair: r.try_get(10)?,
            asl: r.try_get(11)?,
            id: r.try_get(12)?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    let networks = sqlx::query_as::<_, (i64, String, i64)>(
        "SELECT provider_id, network, tier FROM directory_networks ORDER BY provider_id, network",
    )
    .fetch_all(db)
    .await?;
    let affiliations = sqlx::query_as::<_, (i64, i64)>(
        "SELECT provider_id, hospital_id FROM directory_affiliations ORDER BY provider_id, hospital_id",
    )
    .fetch_all(db)
    .await?;
    Ok(DirectoryRows {
        providers,
        locations,
        networks,
        affiliations,
    })
}

/// The household's home ZIP code, where "near me" starts.
pub async fn home_zip(db: &Db, household_id: i64) -> sqlx::Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT home_zip FROM households WHERE id = ?")
            .bind(household_id)
            .fetch_optional(db)
            .await?
            .flatten(),
    )
}

/// The open report (its thread still open) of `user_id` on a listing:
/// (thread id, reference).
pub async fn open_report_of(
    db: &Db,
    listing_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "SELECT t.id, t.reference FROM directory_reports r JOIN message_threads t ON t.id = r.thread_id \
         WHERE r.listing_id = ? AND r.user_id = ? AND t.status = 'open' ORDER BY r.id LIMIT 1",
    )
    .bind(listing_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// When the oldest open report on a listing was made (Unix seconds).
pub async fn under_review_since(db: &Db, listing_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT MIN(r.created_at) FROM directory_reports r JOIN message_threads t ON t.id = r.thread_id \
         WHERE r.listing_id = ? AND t.status = 'open'",
    )
    .bind(listing_id)
    .fetch_one(db)
    .await
}

/// A new report: the member services thread and the report, in one
/// transaction. Returns the thread's id and reference.
#[allow(clippy::too_many_arguments)]
pub async fn report(
    db: &Db,
    listing_id: i64,
    user_id: i64,
    problem: &str,
    details: &str,
    subject: &str,
    body: &str,
    year: i32,
    now: i64,
) -> sqlx::Result<(i64, String)> {
    let mut tx = super::begin_write(db).await?;
    let (thread, reference) = super::messages::create_in(
        &mut tx,
        &super::messages::Starter::Member(user_id),
        "directory",
        subject,
        None,
        body,
        None,
        year,
        now,
    )
    .await?;
    sqlx::query(
        "INSERT INTO directory_reports (listing_id, user_id, thread_id, problem, details, created_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(listing_id)
    .bind(user_id)
    .bind(thread)
    .bind(problem)
    .bind(details)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((thread, reference))
}

/// Keeps a record of what a listing said; returns its reference.
pub async fn record(
    db: &Db,
    user_id: i64,
    listing_id: i64,
    plan_id: &str,
    snapshot: &str,
    year: i32,
    now: i64,
) -> sqlx::Result<String> {
    let mut tx = super::begin_write(db).await?;
    let id = sqlx::query(
        "INSERT INTO directory_records (user_id, listing_id, plan_id, snapshot, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(listing_id)
    .bind(plan_id)
    .bind(snapshot)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let reference = format!("DIR-{year}-{id:06}");
    sqlx::query("UPDATE directory_records SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(reference)
}

/// One of the member's records: (snapshot JSON, created at).
pub async fn record_of(
    db: &Db,
    user_id: i64,
    reference: &str,
) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query_as(
        "SELECT snapshot, created_at FROM directory_records WHERE user_id = ? AND reference = ?",
    )
    .bind(user_id)
    .bind(reference)
    .fetch_optional(db)
    .await
}
