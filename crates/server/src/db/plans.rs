//! The plan catalogue and plan changes.

use super::Db;
use chrono::{Datelike, NaiveDate};
use portal_domain::plans::api::{confirmation_number, PlanChange};
use portal_domain::plans::Plan;
use sqlx::Row;

/// Adds the catalogue's plans that are missing (ID card rows and details);
/// existing ones are left as they are.
pub async fn seed_catalog(db: &Db, plans: &[Plan]) -> anyhow::Result<()> {
    let mut tx = super::begin_write(db).await?;
    for p in plans {
        let copay = |b: portal_domain::cost::Benefit| {
            p.design
                .share(b, portal_domain::claims::Network::InNetwork)
                .copay
                .cents()
        };
        use portal_domain::cost::Benefit::*;
        sqlx::query(
            "INSERT OR IGNORE INTO plans (id, name, year, plan_type, network, group_number, rx_bin, rx_pcn, rx_group, \
             copay_primary_cents, copay_specialist_cents, copay_urgent_cents, copay_er_cents, \
             member_services_phone, provider_services_phone, coverage_start, coverage_end) \
             VALUES (?, ?, ?, ?, ?, 'GRP-204518', '610014', 'EVRX', ?, ?, ?, ?, ?, '1-800-555-0142', '1-800-555-0199', ?, ?)",
        )
        .bind(&p.id)
        .bind(&p.name)
        .bind(p.year)
        .bind(p.plan_type.label())
        .bind(&p.network)
        .bind(format!("EVG{}", p.year))
        .bind(copay(PrimaryCare))
        .bind(copay(Specialist))
        .bind(copay(UrgentCare))
        .bind(copay(EmergencyRoom))
        .bind(format!("{}-01-01", p.year))
        .bind(format!("{}-12-31", p.year))
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT OR IGNORE INTO plan_details (plan_id, details_json) VALUES (?, ?)")
            .bind(&p.id)
            .bind(serde_json::to_string(p)?)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Every plan with details, ordered by year then code.
pub async fn catalog(db: &Db) -> anyhow::Result<Vec<Plan>> {
    let rows = sqlx::query(
        "SELECT d.details_json FROM plan_details d JOIN plans p ON p.id = d.plan_id \
         WHERE d.offered = 1 ORDER BY p.year, p.id",
    )
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|r| Ok(serde_json::from_str(r.try_get::<&str, _>(0)?)?))
        .collect()
}

/// The household's current plan code.
pub async fn current_plan_id(db: &Db, household_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT plan_id FROM households WHERE id = ?")
        .bind(household_id)
        .fetch_optional(db)
        .await
}

/// The household's latest plan change that has not been replaced.
pub async fn pending_change(db: &Db, household_id: i64) -> sqlx::Result<Option<PlanChange>> {
    let row = sqlx::query(
        "SELECT c.from_plan_id, c.to_plan_id, p.name, c.effective, c.reason, c.id FROM plan_changes c \
         JOIN plans p ON p.id = c.to_plan_id \
         WHERE c.household_id = ? AND c.cancelled_at IS NULL ORDER BY c.id DESC LIMIT 1",
    )
    .bind(household_id)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        let effective = r.try_get::<NaiveDate, _>(3)?;
        Ok(PlanChange {
            from_plan_id: r.try_get(0)?,
            plan_id: r.try_get(1)?,
            plan_name: r.try_get(2)?,
            effective,
            reason: r.try_get(4)?,
            confirmation: confirmation_number(effective.year(), r.try_get(5)?),
        })
    })
    .transpose()
}

/// Cancels the household's pending change (sets `cancelled_at`); whether
/// there was one.
pub async fn cancel_pending(db: &Db, household_id: i64, now: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE plan_changes SET cancelled_at = ? WHERE household_id = ? AND cancelled_at IS NULL",
    )
    .bind(now)
    .bind(household_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A change to store.
pub struct NewChange<'a> {
    /// Household.
    pub household_id: i64,
    /// Who made it.
    pub user_id: i64,
    /// From.
    pub from_plan_id: &'a str,
    /// To.
    pub to_plan_id: &'a str,
    /// First day of coverage.
    pub effective: NaiveDate,
    /// `open_enrollment` or a life event code.
    pub reason: &'a str,
    /// The life event's date.
    pub event_date: Option<NaiveDate>,
}

/// Stores a change, replacing any earlier one still pending; its row id.
pub async fn record_change(db: &Db, c: &NewChange<'_>, now: i64) -> sqlx::Result<i64> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query(
        "UPDATE plan_changes SET cancelled_at = ? WHERE household_id = ? AND cancelled_at IS NULL",
    )
    .bind(now)
    .bind(c.household_id)
    .execute(&mut *tx)
    .await?;
    let done = sqlx::query(
        "INSERT INTO plan_changes (household_id, user_id, from_plan_id, to_plan_id, effective, reason, event_date, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(c.household_id)
    .bind(c.user_id)
    .bind(c.from_plan_id)
    .bind(c.to_plan_id)
    .bind(c.effective)
    .bind(c.reason)
    .bind(c.event_date)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let id = done.last_insert_rowid();
    tx.commit().await?;
    Ok(id)
}
