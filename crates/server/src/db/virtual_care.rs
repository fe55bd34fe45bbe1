//! Virtual visits: each listing's telehealth service, the bookings, and
//! the claims whose place of service is telehealth.

use super::Db;
use std::collections::HashSet;

/// One booking as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VisitRow {
    /// Row id.
    pub id: i64,
    /// "VV-…".
    pub reference: String,
    /// The patient's household.
    pub household_id: i64,
    /// The patient.
    pub member_id: i64,
    /// The directory listing.
    pub provider_id: i64,
    /// Start.
    pub starts_at: i64,
    /// Scheduled end.
    pub ends_at: i64,
    /// `booked` or `cancelled`.
    pub status: String,
    /// What it is for.
    pub reason: String,
    /// The benefit's code.
    pub benefit: String,
    /// Estimated member share when booked.
    pub you_pay_cents: i64,
    /// How that is made up.
    pub you_pay_words: String,
    /// The claim, once received.
    pub claim_id: Option<i64>,
}

const COLUMNS: &str = "id, reference, household_id, member_id, provider_id, starts_at, ends_at, \
     status, reason, benefit, you_pay_cents, you_pay_words, claim_id";

/// A booking to write.
pub struct NewVisit<'a> {
    /// Reference.
    pub reference: &'a str,
    /// Household.
    pub household_id: i64,
    /// Patient.
    pub member_id: i64,
    /// The user booking it.
    pub booked_by: i64,
    /// Listing.
    pub provider_id: i64,
    /// Start and end.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// Reason.
    pub reason: &'a str,
    /// Benefit code.
    pub benefit: &'a str,
    /// Estimated share.
    pub you_pay_cents: i64,
    /// In words.
    pub you_pay_words: &'a str,
}

/// The time was taken by another booking first.
#[derive(Debug, PartialEq, Eq)]
pub struct Taken;

/// A listing's telehealth service: (IANA time zone, the vendor's room address).
pub async fn service(db: &Db, provider_id: i64) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT time_zone, join_url FROM virtual_services WHERE provider_id = ?")
        .bind(provider_id)
        .fetch_optional(db)
        .await
}

/// The starts already booked with a listing from `from` on.
pub async fn booked_starts(db: &Db, provider_id: i64, from: i64) -> sqlx::Result<HashSet<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT starts_at FROM virtual_visits WHERE provider_id = ? AND status = 'booked' AND starts_at >= ?",
    )
    .bind(provider_id)
    .bind(from)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}

/// Writes a booking; [`Taken`] when the time is booked already.
pub async fn insert(db: &Db, v: &NewVisit<'_>, now: i64) -> sqlx::Result<Result<VisitRow, Taken>> {
    let sql = format!(
        "INSERT INTO virtual_visits (reference, household_id, member_id, booked_by, provider_id, \
         starts_at, ends_at, status, reason, benefit, you_pay_cents, you_pay_words, created_at, changed_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    );
    let row = sqlx::query_as::<_, VisitRow>(&sql)
        .bind(v.reference)
        .bind(v.household_id)
        .bind(v.member_id)
        .bind(v.booked_by)
        .bind(v.provider_id)
        .bind(v.starts_at)
        .bind(v.ends_at)
        .bind(v.reason)
        .bind(v.benefit)
        .bind(v.you_pay_cents)
        .bind(v.you_pay_words)
        .bind(now)
        .bind(now)
        .fetch_one(db)
        .await;
    match row {
        Ok(r) => Ok(Ok(r)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            // The reference is random; only the one-per-time index is
            // expected to collide.
            Ok(Err(Taken))
        }
        Err(e) => Err(e),
    }
}

/// The booking with this reference.
pub async fn by_reference(db: &Db, reference: &str) -> sqlx::Result<Option<VisitRow>> {
    sqlx::query_as::<_, VisitRow>(&format!(
        "SELECT {COLUMNS} FROM virtual_visits WHERE reference = ?"
    ))
    .bind(reference)
    .fetch_optional(db)
    .await
}

/// A household's bookings, soonest first.
pub async fn of_household(db: &Db, household_id: i64) -> sqlx::Result<Vec<VisitRow>> {
    sqlx::query_as::<_, VisitRow>(&format!(
        "SELECT {COLUMNS} FROM virtual_visits WHERE household_id = ? ORDER BY starts_at, id"
    ))
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// The booking a member holds at exactly this time with this listing.
pub async fn held(
    db: &Db,
    member_id: i64,
    provider_id: i64,
    starts_at: i64,
) -> sqlx::Result<Option<VisitRow>> {
    sqlx::query_as::<_, VisitRow>(&format!(
        "SELECT {COLUMNS} FROM virtual_visits WHERE member_id = ? AND provider_id = ? \
         AND starts_at = ? AND status = 'booked'"
    ))
    .bind(member_id)
    .bind(provider_id)
    .bind(starts_at)
    .fetch_optional(db)
    .await
}

/// Cancels a booking that has not started; whether it was cancelled.
pub async fn cancel(db: &Db, id: i64, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE virtual_visits SET status = 'cancelled', changed_at = ? \
         WHERE id = ? AND status = 'booked' AND starts_at > ?",
    )
    .bind(now)
    .bind(id)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a booking that has not started to a new time: `Ok(true)` moved,
/// `Ok(false)` no longer changeable, [`Taken`] when the time is booked.
pub async fn move_to(
    db: &Db,
    id: i64,
    starts_at: i64,
    ends_at: i64,
    now: i64,
) -> sqlx::Result<Result<bool, Taken>> {
    let done = sqlx::query(
        "UPDATE virtual_visits SET starts_at = ?, ends_at = ?, changed_at = ? \
         WHERE id = ? AND status = 'booked' AND starts_at > ?",
    )
    .bind(starts_at)
    .bind(ends_at)
    .bind(now)
    .bind(id)
    .bind(now)
    .execute(db)
    .await;
    match done {
        Ok(d) => Ok(Ok(d.rows_affected() == 1)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Err(Taken)),
        Err(e) => Err(e),
    }
}

/// A claim for a virtual visit.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TelehealthClaim {
    /// Claim id.
    pub id: i64,
    /// Claim number.
    pub claim_number: String,
    /// Patient.
    pub patient_member_id: i64,
    /// Date of service (ISO).
    pub service_start: String,
    /// Billing provider.
    pub provider_name: String,
    /// "02" or "10".
    pub place_of_service: String,
    /// What the member owes.
    pub member_owes_cents: i64,
}

/// A household's claims with a telehealth place of service, newest first.
pub async fn telehealth_claims(db: &Db, household_id: i64) -> sqlx::Result<Vec<TelehealthClaim>> {
    sqlx::query_as::<_, TelehealthClaim>(
        "SELECT id, claim_number, patient_member_id, service_start, provider_name, place_of_service, \
         member_owes_cents FROM claims WHERE household_id = ? AND place_of_service IN ('02', '10') \
         ORDER BY service_start DESC, id DESC",
    )
    .bind(household_id)
    .fetch_all(db)
    .await
}
