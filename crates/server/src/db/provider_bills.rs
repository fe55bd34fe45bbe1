//! Provider bills, payment plans and bill disputes in the database
//! (migration 0021). A bill's figures come from the ledger, like a premium
//! statement's: its balance is the sum of the entries on its account.

use super::billing::{post, Entry};
use chrono::NaiveDate;
use portal_domain::billing::statements::Figures;
use portal_domain::money::Money;
use sqlx::{Sqlite, SqliteExecutor, Transaction};

/// The ledger account of a provider bill (what the household owes on it).
pub fn bill_account(bill_id: i64) -> String {
    format!("provider_bill:{bill_id}")
}

/// What the plan's patient-billing service owes providers for bills it collects.
pub const PROVIDERS_PAYABLE: &str = "payable:providers";

/// A provider bill's row, with its claim's words and its ledger figures.
#[derive(Clone, Debug)]
pub struct BillRow {
    /// Id.
    pub id: i64,
    /// Claim id.
    pub claim_id: i64,
    /// Claim number.
    pub claim_number: String,
    /// Who had the care.
    pub patient_member_id: i64,
    /// Their first name.
    pub patient: String,
    /// Provider.
    pub provider: String,
    /// Provider's billing phone.
    pub phone: String,
    /// First day of service.
    pub service_date: NaiveDate,
    /// Due date.
    pub due: NaiveDate,
    /// Figures from the ledger.
    pub figures: Figures,
}

type RawBill = (
    i64,
    i64,
    String,
    i64,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    i64,
    i64,
    i64,
);

/// A household's bills, oldest due first, with their ledger figures.
pub async fn bills(db: impl SqliteExecutor<'_>, household_id: i64) -> sqlx::Result<Vec<BillRow>> {
    // amount: the charge (positive entries of no payment); pending: what
    // pending payments applied; balance: everything (office payments are
    // negative entries of no payment, so they count as posted).
    let rows: Vec<RawBill> = sqlx::query_as(
        "SELECT b.id, c.id, c.claim_number, c.patient_member_id, m.first_name, c.provider_name, b.provider_phone, \
           c.service_start, b.due_on, \
           COALESCE(SUM(CASE WHEN l.payment_id IS NULL AND l.amount_cents > 0 THEN l.amount_cents END), 0), \
           COALESCE(-SUM(CASE WHEN p.status = 'pending' THEN l.amount_cents END), 0), \
           COALESCE(SUM(l.amount_cents), 0) \
         FROM provider_bills b JOIN claims c ON c.id = b.claim_id JOIN members m ON m.id = c.patient_member_id \
         LEFT JOIN ledger l ON l.household_id = b.household_id AND l.account = 'provider_bill:' || b.id \
         LEFT JOIN payments p ON p.id = l.payment_id \
         WHERE b.household_id = ? GROUP BY b.id ORDER BY b.due_on, b.id",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                claim_id,
                claim_number,
                patient_member_id,
                patient,
                provider,
                phone,
                service,
                due,
                amount,
                pending,
                balance,
            )| BillRow {
                id,
                claim_id,
                claim_number,
                patient_member_id,
                patient,
                provider,
                phone,
                service_date: service,
                due,
                figures: Figures {
                    amount: Money::from_cents(amount),
                    pending: Money::from_cents(pending),
                    posted: Money::from_cents(amount - pending - balance),
                },
            },
        )
        .collect())
}

/// Writes a bill for a claim's member share and its charge in the ledger;
/// `paid_at_office` (what the provider reports was paid at the visit)
/// counts as paid.
#[allow(clippy::too_many_arguments)]
pub async fn issue(
    tx: &mut Transaction<'_, Sqlite>,
    household_id: i64,
    claim_id: i64,
    issued_on: NaiveDate,
    due_on: NaiveDate,
    phone: &str,
    amount: Money,
    paid_at_office: Money,
    now: i64,
) -> anyhow::Result<i64> {
    let id = sqlx::query(
        "INSERT INTO provider_bills (household_id, claim_id, issued_on, due_on, provider_phone, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(household_id)
    .bind(claim_id)
    .bind(issued_on)
    .bind(due_on)
    .bind(phone)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    let charge = [
        Entry {
            account: bill_account(id),
            cents: amount.cents(),
        },
        Entry {
            account: PROVIDERS_PAYABLE.into(),
            cents: -amount.cents(),
        },
    ];
    post(tx, household_id, None, "provider bill", &charge, now).await?;
    let office = paid_at_office.min(amount);
    if office > Money::ZERO {
        let paid = [
            Entry {
                account: PROVIDERS_PAYABLE.into(),
                cents: office.cents(),
            },
            Entry {
                account: bill_account(id),
                cents: -office.cents(),
            },
        ];
        post(
            tx,
            household_id,
            None,
            "paid at the provider's office",
            &paid,
            now,
        )
        .await?;
    }
    Ok(id)
}

/// A payment plan's row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PlanRow {
    /// Id.
    pub id: i64,
    /// Household.
    pub household_id: i64,
    /// Who set it up.
    pub created_by: i64,
    /// The client's key.
    pub idempotency_key: String,
    /// What was asked (bills, months, method).
    pub fingerprint: String,
    /// Method charged.
    pub method_id: i64,
    /// The balance it pays.
    pub total_cents: i64,
    /// Months.
    pub months: i64,
    /// `active`, `completed`, `cancelled`.
    pub status: String,
}

const PLAN_COLUMNS: &str =
    "id, household_id, created_by, idempotency_key, fingerprint, method_id, total_cents, months, status";

/// A household's plans, newest first.
pub async fn plans(db: impl SqliteExecutor<'_>, household_id: i64) -> sqlx::Result<Vec<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM payment_plans WHERE household_id = ? ORDER BY id DESC"
    ))
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// Every active plan (the worker's list).
pub async fn active_plans(db: impl SqliteExecutor<'_>) -> sqlx::Result<Vec<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM payment_plans WHERE status = 'active' ORDER BY id"
    ))
    .fetch_all(db)
    .await
}

/// One plan of a household.
pub async fn plan(
    db: impl SqliteExecutor<'_>,
    household_id: i64,
    id: i64,
) -> sqlx::Result<Option<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM payment_plans WHERE household_id = ? AND id = ?"
    ))
    .bind(household_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The plan a household made with a key.
pub async fn plan_by_key(
    db: impl SqliteExecutor<'_>,
    household_id: i64,
    key: &str,
) -> sqlx::Result<Option<PlanRow>> {
    sqlx::query_as(&format!(
        "SELECT {PLAN_COLUMNS} FROM payment_plans WHERE household_id = ? AND idempotency_key = ?"
    ))
    .bind(household_id)
    .bind(key)
    .fetch_optional(db)
    .await
}

/// A plan's bills, in the order it pays them.
pub async fn plan_bills(db: impl SqliteExecutor<'_>, plan_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT bill_id FROM payment_plan_bills WHERE plan_id = ? ORDER BY position")
        .bind(plan_id)
        .fetch_all(db)
        .await
}

/// The bills active plans of a household pay, with the plan's id.
pub async fn bills_in_active_plans(
    db: impl SqliteExecutor<'_>,
    household_id: i64,
) -> sqlx::Result<Vec<(i64, i64)>> {
    sqlx::query_as(
        "SELECT pb.bill_id, p.id FROM payment_plan_bills pb JOIN payment_plans p ON p.id = pb.plan_id \
         WHERE p.household_id = ? AND p.status = 'active'",
    )
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// An instalment's row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InstalmentRow {
    /// 1-based.
    pub n: i64,
    /// Charged on.
    pub due_on: NaiveDate,
    /// Amount.
    pub amount_cents: i64,
    /// `scheduled`, `charged`, `failed`, `cancelled`.
    pub status: String,
    /// Its payment's transaction ID.
    pub transaction_id: Option<String>,
    /// Its payment's status (a returned payment makes the instalment unpaid again).
    pub payment_status: Option<String>,
}

/// A plan's instalments in order.
pub async fn instalments(
    db: impl SqliteExecutor<'_>,
    plan_id: i64,
) -> sqlx::Result<Vec<InstalmentRow>> {
    sqlx::query_as(
        "SELECT i.n, i.due_on, i.amount_cents, i.status, p.transaction_id, p.status AS payment_status FROM payment_plan_instalments i \
         LEFT JOIN payments p ON p.id = i.payment_id WHERE i.plan_id = ? ORDER BY i.n",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await
}

/// Writes a new plan with its bills and scheduled instalments; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn create_plan(
    tx: &mut Transaction<'_, Sqlite>,
    household_id: i64,
    user_id: i64,
    key: &str,
    fingerprint: &str,
    method_id: i64,
    total: Money,
    bill_ids: &[i64],
    schedule: &[(NaiveDate, Money)],
    consent: &str,
    now: i64,
) -> sqlx::Result<i64> {
    let id = sqlx::query(
        "INSERT INTO payment_plans (household_id, created_by, idempotency_key, fingerprint, method_id, total_cents, months, \
         status, consent_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
    )
    .bind(household_id)
    .bind(user_id)
    .bind(key)
    .bind(fingerprint)
    .bind(method_id)
    .bind(total.cents())
    .bind(i64::try_from(schedule.len()).unwrap_or(0))
    .bind(consent)
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    for (i, bill) in bill_ids.iter().enumerate() {
        sqlx::query("INSERT INTO payment_plan_bills (plan_id, bill_id, position) VALUES (?, ?, ?)")
            .bind(id)
            .bind(bill)
            .bind(i64::try_from(i).unwrap_or(0))
            .execute(&mut **tx)
            .await?;
    }
    for (i, (on, amount)) in schedule.iter().enumerate() {
        sqlx::query(
            "INSERT INTO payment_plan_instalments (plan_id, n, due_on, amount_cents, status) VALUES (?, ?, ?, ?, 'scheduled')",
        )
        .bind(id)
        .bind(i64::try_from(i + 1).unwrap_or(0))
        .bind(on)
        .bind(amount.cents())
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Records what became of an instalment's charge.
pub async fn set_instalment(
    db: impl SqliteExecutor<'_>,
    plan_id: i64,
    n: i64,
    status: &str,
    payment_id: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE payment_plan_instalments SET status = ?, payment_id = COALESCE(?, payment_id) WHERE plan_id = ? AND n = ?")
        .bind(status)
        .bind(payment_id)
        .bind(plan_id)
        .bind(n)
        .execute(db)
        .await?;
    Ok(())
}

/// Ends a plan (`completed` or `cancelled`); instalments not yet charged are cancelled.
pub async fn end_plan(
    tx: &mut Transaction<'_, Sqlite>,
    plan_id: i64,
    status: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE payment_plans SET status = ?, updated_at = ? WHERE id = ? AND status = 'active'",
    )
    .bind(status)
    .bind(now)
    .bind(plan_id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query(
            "UPDATE payment_plan_instalments SET status = 'cancelled' WHERE plan_id = ? AND status = 'scheduled'",
        )
        .bind(plan_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(done)
}

/// A dispute's row, with whether member services has closed its thread.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DisputeRow {
    /// Id.
    pub id: i64,
    /// Reference.
    pub reference: String,
    /// Bill.
    pub bill_id: i64,
    /// Reason code.
    pub reason: String,
    /// Its message thread.
    pub thread_id: i64,
    /// The thread's status (`open`, `closed`).
    pub thread_status: String,
    /// Opened at.
    pub created_at: i64,
}

/// A household's disputes, newest first.
pub async fn disputes(
    db: impl SqliteExecutor<'_>,
    household_id: i64,
) -> sqlx::Result<Vec<DisputeRow>> {
    sqlx::query_as(
        "SELECT d.id, d.reference, d.bill_id, d.reason, d.thread_id, t.status AS thread_status, d.created_at \
         FROM bill_disputes d JOIN message_threads t ON t.id = d.thread_id \
         WHERE d.household_id = ? ORDER BY d.id DESC",
    )
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// Records a dispute of a bill and its thread; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn create_dispute(
    tx: &mut Transaction<'_, Sqlite>,
    household_id: i64,
    bill_id: i64,
    user_id: i64,
    reason: &str,
    details: &str,
    thread_id: i64,
    year: i32,
    now: i64,
) -> sqlx::Result<(i64, String)> {
    let id = sqlx::query(
        "INSERT INTO bill_disputes (bill_id, household_id, user_id, reason, details, thread_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(bill_id)
    .bind(household_id)
    .bind(user_id)
    .bind(reason)
    .bind(details)
    .bind(thread_id)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    let reference = portal_domain::billing::provider_bills::dispute_reference(year, id);
    sqlx::query("UPDATE bill_disputes SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok((id, reference))
}
