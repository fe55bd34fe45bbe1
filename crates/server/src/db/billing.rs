//! Premium statements, payments, payment methods and autopay in the
//! database. Every figure comes from the append-only ledger (migration
//! 0020): a statement's balance is the sum of the entries on its account.

use super::Db;
use chrono::NaiveDate;
use portal_domain::billing::statements::Figures;
use portal_domain::money::Money;
use sqlx::{Sqlite, Transaction};
use std::collections::HashMap;

/// The ledger account of a statement (what the household owes on it).
pub fn statement_account(statement_id: i64) -> String {
    format!("premium:{statement_id}")
}

/// The ledger account of a household's credit (overpayments).
pub fn credit_account(household_id: i64) -> String {
    format!("credit:{household_id}")
}

/// Money accepted, not yet posted.
pub const CLEARING: &str = "clearing:payments";
/// Money that arrived.
pub const CASH: &str = "cash:bank";
/// Premium earned.
pub const INCOME: &str = "income:premium";

/// One entry of a ledger transaction.
pub struct Entry {
    /// Account.
    pub account: String,
    /// Signed cents (debit positive, credit negative).
    pub cents: i64,
}

/// Writes one balanced transaction (its entries add up to zero, else an
/// error and nothing is written).
pub async fn post(
    tx: &mut Transaction<'_, Sqlite>,
    household_id: i64,
    payment_id: Option<i64>,
    memo: &str,
    entries: &[Entry],
    now: i64,
) -> anyhow::Result<()> {
    let sum: i64 = entries.iter().map(|e| e.cents).sum();
    anyhow::ensure!(
        sum == 0,
        "unbalanced ledger transaction ({sum} cents): {memo}"
    );
    let txn = format!("t{}", &crate::auth::session::new_token()[..20]);
    for e in entries.iter().filter(|e| e.cents != 0) {
        sqlx::query(
            "INSERT INTO ledger (txn, household_id, account, amount_cents, payment_id, memo, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&txn)
        .bind(household_id)
        .bind(&e.account)
        .bind(e.cents)
        .bind(payment_id)
        .bind(memo)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A premium statement's row.
#[derive(Clone, Debug)]
pub struct StatementRow {
    /// Id.
    pub id: i64,
    /// Due date.
    pub due: NaiveDate,
    /// Its figures from the ledger.
    pub figures: Figures,
}

/// A household's statements, oldest due first, with their ledger figures.
pub async fn statements(
    db: impl sqlx::SqliteExecutor<'_>,
    household_id: i64,
) -> sqlx::Result<Vec<StatementRow>> {
    // amount: the charge entries (no payment); pending: what pending
    // payments applied; balance: everything.
    let rows: Vec<(i64, NaiveDate, i64, i64, i64)> = sqlx::query_as(
        "SELECT b.id, b.due_date, \
           COALESCE(SUM(CASE WHEN l.payment_id IS NULL AND l.amount_cents > 0 THEN l.amount_cents END), 0), \
           COALESCE(-SUM(CASE WHEN p.status = 'pending' THEN l.amount_cents END), 0), \
           COALESCE(SUM(l.amount_cents), 0) \
         FROM premium_bills b \
         LEFT JOIN ledger l ON l.household_id = b.household_id AND l.account = 'premium:' || b.id \
         LEFT JOIN payments p ON p.id = l.payment_id \
         WHERE b.household_id = ? GROUP BY b.id ORDER BY b.due_date, b.id",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, due, amount, pending, balance)| StatementRow {
            id,
            due,
            figures: Figures {
                amount: Money::from_cents(amount),
                pending: Money::from_cents(pending),
                posted: Money::from_cents(amount - pending - balance),
            },
        })
        .collect())
}

/// What in-flight intents (written, gateway not yet answered) will apply,
/// by statement: they count as taken when a second payment is checked.
pub async fn in_flight(
    db: impl sqlx::SqliteExecutor<'_>,
    household_id: i64,
    purpose: &str,
) -> anyhow::Result<HashMap<i64, Money>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT allocation_json FROM payments WHERE household_id = ? AND status = 'intent' AND purpose = ?",
    )
    .bind(household_id)
    .bind(purpose)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<i64, Money> = HashMap::new();
    for (json,) in rows {
        let parts: Vec<(i64, i64)> = serde_json::from_str(&json)?;
        for (id, cents) in parts {
            *out.entry(id).or_default() += Money::from_cents(cents);
        }
    }
    Ok(out)
}

/// The household's credit: overpayments (from posted payments, and
/// credit moved to statements) less what was applied. Negative when a
/// returned payment took back credit already used.
pub async fn credit(db: impl sqlx::SqliteExecutor<'_>, household_id: i64) -> sqlx::Result<Money> {
    let cents: i64 = sqlx::query_scalar(
        "SELECT COALESCE(-SUM(l.amount_cents), 0) FROM ledger l LEFT JOIN payments p ON p.id = l.payment_id \
         WHERE l.household_id = ? AND l.account = ? AND (l.payment_id IS NULL OR p.status IN ('posted', 'returned'))",
    )
    .bind(household_id)
    .bind(credit_account(household_id))
    .fetch_one(db)
    .await?;
    Ok(Money::from_cents(cents))
}

/// A saved payment method's row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MethodRow {
    /// Id.
    pub id: i64,
    /// `card` or `bank`.
    pub kind: String,
    /// The processor's token.
    pub token: String,
    /// Card brand code.
    pub brand: Option<String>,
    /// `checking` or `savings`.
    pub bank_type: Option<String>,
    /// Last four digits.
    pub last4: String,
    /// Card expiry month.
    pub exp_month: Option<u32>,
    /// Card expiry year.
    pub exp_year: Option<i32>,
}

/// The household's saved methods (not removed), oldest first.
pub async fn methods(db: &Db, household_id: i64) -> sqlx::Result<Vec<MethodRow>> {
    sqlx::query_as(
        "SELECT id, kind, token, brand, bank_type, last4, exp_month, exp_year FROM payment_methods \
         WHERE household_id = ? AND removed_at IS NULL ORDER BY id",
    )
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// One saved method of the household (not removed).
pub async fn method(
    db: impl sqlx::SqliteExecutor<'_>,
    household_id: i64,
    id: i64,
) -> sqlx::Result<Option<MethodRow>> {
    sqlx::query_as(
        "SELECT id, kind, token, brand, bank_type, last4, exp_month, exp_year FROM payment_methods \
         WHERE household_id = ? AND id = ? AND removed_at IS NULL",
    )
    .bind(household_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A payment's row.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PaymentRow {
    /// Id.
    pub id: i64,
    /// Household.
    pub household_id: i64,
    /// Who paid (none for autopay and the demo's checks).
    pub user_id: Option<i64>,
    /// The client's idempotency key.
    pub idempotency_key: String,
    /// SHA-256 of what was asked (statements, amount, method).
    pub fingerprint: String,
    /// Public transaction id.
    pub transaction_id: String,
    /// Method charged.
    pub method_id: Option<i64>,
    /// "Visa ending 4242".
    pub method_label: String,
    /// Amount.
    pub amount_cents: i64,
    /// `[[statement id, cents], ...]`.
    pub allocation_json: String,
    /// Overpayment.
    pub credit_cents: i64,
    /// `intent`, `pending`, `posted`, `failed`, `returned`.
    pub status: String,
    /// The processor's reference.
    pub gateway_ref: Option<String>,
    /// Decline or return code.
    pub failure_code: Option<String>,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// Expected or actual posting day.
    pub posts_on: Option<NaiveDate>,
    /// Made by autopay.
    pub autopay: bool,
    /// A request is working on the intent until then.
    pub lease_until: Option<i64>,
    /// Written at.
    pub created_at: i64,
    /// `premium` or `provider` (what `allocation_json`'s ids are).
    pub purpose: String,
}

const PAYMENT_COLUMNS: &str = "id, household_id, user_id, idempotency_key, fingerprint, transaction_id, method_id, \
     method_label, amount_cents, allocation_json, credit_cents, status, gateway_ref, failure_code, made_on, posts_on, \
     autopay, lease_until, created_at, purpose";

/// The payment made with a key.
pub async fn payment_by_key(
    db: impl sqlx::SqliteExecutor<'_>,
    household_id: i64,
    key: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE household_id = ? AND idempotency_key = ?"
    ))
    .bind(household_id)
    .bind(key)
    .fetch_optional(db)
    .await
}

/// A payment by id.
pub async fn payment(
    db: impl sqlx::SqliteExecutor<'_>,
    id: i64,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The household's payment with a transaction id.
pub async fn payment_by_transaction(
    db: &Db,
    household_id: i64,
    transaction_id: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE household_id = ? AND transaction_id = ? AND status != 'intent'"
    ))
    .bind(household_id)
    .bind(transaction_id)
    .fetch_optional(db)
    .await
}

/// The household's payments (not intents), newest first.
pub async fn payments(db: &Db, household_id: i64) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE household_id = ? AND status != 'intent' ORDER BY created_at DESC, id DESC LIMIT 100"
    ))
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// Payments in a status, across households (the worker).
pub async fn payments_in(db: &Db, status: &str) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE status = ? ORDER BY id"
    ))
    .bind(status)
    .fetch_all(db)
    .await
}

/// Records a payment event (the payment audit trail). Failures are logged.
pub async fn event(
    db: impl sqlx::SqliteExecutor<'_>,
    household_id: i64,
    payment_id: Option<i64>,
    user_id: Option<i64>,
    event: &str,
    detail: Option<&str>,
    client_addr: Option<&str>,
) {
    let r = sqlx::query(
        "INSERT INTO payment_events (household_id, payment_id, user_id, event, detail, client_addr, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(household_id)
    .bind(payment_id)
    .bind(user_id)
    .bind(event)
    .bind(detail)
    .bind(client_addr)
    .bind(super::now())
    .execute(db)
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, event, "could not record payment event");
    }
}

/// Autopay of a household: (method id, since).
pub async fn autopay(db: &Db, household_id: i64) -> sqlx::Result<Option<(i64, NaiveDate)>> {
    sqlx::query_as("SELECT method_id, since FROM autopay WHERE household_id = ?")
        .bind(household_id)
        .fetch_optional(db)
        .await
}

/// Statements whose automatic payment is skipped.
pub async fn skipped(db: &Db, household_id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT s.statement_id FROM autopay_skips s JOIN premium_bills b ON b.id = s.statement_id WHERE b.household_id = ?",
    )
    .bind(household_id)
    .fetch_all(db)
    .await
}

/// Households with autopay on.
pub async fn autopay_households(db: &Db) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT household_id FROM autopay ORDER BY household_id")
        .fetch_all(db)
        .await
}

/// Whether the household gets the subsidy's three-month grace period.
pub async fn subsidised(db: &Db, household_id: i64) -> sqlx::Result<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT premium_subsidy FROM households WHERE id = ?")
            .bind(household_id)
            .fetch_optional(db)
            .await?
            .unwrap_or(0)
            != 0,
    )
}

/// How many saved methods the household has (not removed).
pub async fn method_count(db: &Db, household_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM payment_methods WHERE household_id = ? AND removed_at IS NULL",
    )
    .bind(household_id)
    .fetch_one(db)
    .await
}

/// Saves the method a processor token stands for; returns its id.
pub async fn add_method(
    db: &Db,
    household_id: i64,
    user_id: i64,
    token: &str,
    info: &crate::payments::gateway::TokenInfo,
) -> sqlx::Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO payment_methods (household_id, added_by, kind, token, brand, bank_type, last4, exp_month, exp_year, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(household_id)
    .bind(user_id)
    .bind(info.kind.as_str())
    .bind(token)
    .bind(info.brand.map(portal_domain::billing::cards::CardBrand::as_str))
    .bind(&info.bank_type)
    .bind(&info.last4)
    .bind(info.exp_month)
    .bind(info.exp_year)
    .bind(super::now())
    .execute(db)
    .await?
    .last_insert_rowid())
}

/// Removes a saved method (kept for the payments that used it).
pub async fn remove_method(db: &Db, household_id: i64, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE payment_methods SET removed_at = ? WHERE id = ? AND household_id = ?")
        .bind(super::now())
        .bind(id)
        .bind(household_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Turns autopay on with a method (or changes the method), recording the
/// consent text agreed to; `since` stays the first day it was turned on.
pub async fn set_autopay(
    db: &Db,
    household_id: i64,
    method_id: i64,
    user_id: i64,
    since: NaiveDate,
    consent: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO autopay (household_id, method_id, enrolled_by, since, consent_text, created_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (household_id) DO UPDATE SET method_id = excluded.method_id, enrolled_by = excluded.enrolled_by, \
         consent_text = excluded.consent_text",
    )
    .bind(household_id)
    .bind(method_id)
    .bind(user_id)
    .bind(since)
    .bind(consent)
    .bind(super::now())
    .execute(db)
    .await?;
    Ok(())
}

/// Turns autopay off.
pub async fn cancel_autopay(db: &Db, household_id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM autopay WHERE household_id = ?")
        .bind(household_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The due date of one of the household's statements.
pub async fn statement_due(db: &Db, household_id: i64, id: i64) -> sqlx::Result<Option<NaiveDate>> {
    sqlx::query_scalar("SELECT due_date FROM premium_bills WHERE id = ? AND household_id = ?")
        .bind(id)
        .bind(household_id)
        .fetch_optional(db)
        .await
}

/// Skips (or un-skips) autopay's payment of a statement.
pub async fn set_skip(db: &Db, statement_id: i64, user_id: i64, skip: bool) -> sqlx::Result<()> {
    if skip {
        sqlx::query(
            "INSERT OR IGNORE INTO autopay_skips (statement_id, skipped_by, at) VALUES (?, ?, ?)",
        )
        .bind(statement_id)
        .bind(user_id)
        .bind(super::now())
        .execute(db)
        .await?;
    } else {
        sqlx::query("DELETE FROM autopay_skips WHERE statement_id = ?")
            .bind(statement_id)
            .execute(db)
            .await?;
    }
    Ok(())
}
