//! Demo bills from providers: the member's share of each processed claim
//! of the last [`BILL_WINDOW_DAYS`] days, from providers who bill through
//! the plan's patient-billing service. A copay is shown as paid at the
//! office (providers collect it at the visit); the rest is due
//! [`BILL_DUE_DAYS`] days after the claim was processed.

use chrono::{Duration, NaiveDate};
use portal_domain::billing::provider_bills::BILL_DUE_DAYS;
use portal_domain::money::Money;
use sqlx::{Sqlite, Transaction};

/// How far back processed claims have a bill in the demo.
pub const BILL_WINDOW_DAYS: i64 = 150;

/// A provider's billing office phone (fictional 555-01xx numbers, kept
/// apart from the plan's own 1-800 lines).
fn billing_phone(npi: &str) -> String {
    let tail: u32 = npi
        .bytes()
        .rev()
        .take(2)
        .enumerate()
        .map(|(i, b)| u32::from(b.wrapping_sub(b'0')) * if i == 0 { 1 } else { 10 })
        .sum();
    format!("1-888-555-01{:02}", tail % 100)
}

/// Seeds the bills (inside the demo seed's transaction).
pub async fn seed(
    tx: &mut Transaction<'_, Sqlite>,
    today: NaiveDate,
    now: i64,
) -> anyhow::Result<()> {
    let since = today - Duration::days(BILL_WINDOW_DAYS);
    let claims: Vec<(i64, i64, NaiveDate, String, i64, i64)> = sqlx::query_as(
        "SELECT id, household_id, status_date, provider_npi, member_owes_cents, copay_cents FROM claims \
         WHERE status IN ('paid', 'partially_paid', 'adjusted') AND member_owes_cents > 0 AND status_date >= ? \
         ORDER BY status_date, id",
    )
    .bind(since)
    .fetch_all(&mut **tx)
    .await?;
    for (claim_id, household, processed, npi, owes, copay) in claims {
        crate::db::provider_bills::issue(
            tx,
            household,
            claim_id,
            processed,
            processed + Duration::days(BILL_DUE_DAYS),
            &billing_phone(&npi),
            Money::from_cents(owes),
            Money::from_cents(copay),
            now,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn billing_phone_is_fictional() {
        assert_eq!(super::billing_phone("1245783018"), "1-888-555-0118");
    }
}
