//! Premium payments: the pay flow (intent written before the gateway is
//! called, so a payment happens once whatever fails), reconciliation at
//! start-up, and the worker that posts payments, takes returns into
//! account, applies credits and runs autopay.
//!
//! Ledger transactions (debit positive; each adds up to zero):
//! * statement issued: `premium:<s>` +A, `income:premium` -A;
//! * payment accepted (pending): `clearing` +T, `premium:<s>` -a for each
//!   statement paid, `credit:<hh>` -c for the overpayment;
//! * payment posted: `cash` +T, `clearing` -T;
//! * payment returned: the accepted entries reversed (and, when it had
//!   posted, the posting reversed);
//! * credit applied: `credit:<hh>` +x, `premium:<s>` -x.

pub mod emails;
pub mod gateway;
pub mod plans;
pub mod sandbox;

use crate::db::billing::{self as store, Entry, PaymentRow, CASH, CLEARING, INCOME};
use crate::db::{self, Db};
use crate::error::{ApiError, ApiResult};
use axum::http::StatusCode;
use chrono::NaiveDate;
use gateway::{ChargeState, Decline, GatewayError, PaymentGateway};
use portal_domain::billing::notices::PaymentNotice;
use portal_domain::billing::provider_bills::provider_amount_error;
use portal_domain::billing::statements::allocate;
use portal_domain::billing::{amount_error, autopay_pays};
use portal_domain::money::Money;
use portal_domain::problem::types;
use portal_domain::ProblemDetails;
use sandbox::SandboxGateway;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// How long a request holds an intent while it calls the gateway.
const LEASE_SECS: i64 = 30;

/// The payment processor and, in the demo and tests, its sandbox.
pub struct Payments {
    /// The processor every charge goes to.
    pub gateway: Arc<dyn PaymentGateway>,
    /// The sandbox (for its tokenization endpoint and calendar), when it is the processor.
    pub sandbox: Option<Arc<SandboxGateway>>,
    /// Test-only: stop between the gateway's approval and the commit.
    pub pause_after_charge: bool,
}

impl Payments {
    /// The configured processor.
    pub fn from_config(
        db: &Db,
        clock: crate::clock::Clock,
        config: &crate::config::Config,
    ) -> Self {
        let sandbox = Arc::new(SandboxGateway::new(db.clone(), clock));
        Self {
            gateway: Arc::clone(&sandbox) as Arc<dyn PaymentGateway>,
            sandbox: Some(sandbox),
            pause_after_charge: config.fail_point.as_deref() == Some("pause-after-charge"),
        }
    }
}

/// What a payment pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Premium statements (an overpayment becomes a credit).
    Premium,
    /// Provider bills (never more than they owe).
    Provider,
}

impl Purpose {
    /// As stored in `payments.purpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Premium => "premium",
            Purpose::Provider => "provider",
        }
    }

    /// As stored (anything else is a premium payment).
    pub fn parse(s: &str) -> Self {
        if s == "provider" {
            Purpose::Provider
        } else {
            Purpose::Premium
        }
    }

    /// The ledger account of what the payment pays (a statement or a bill).
    pub fn account(self, id: i64) -> String {
        match self {
            Purpose::Premium => store::statement_account(id),
            Purpose::Provider => crate::db::provider_bills::bill_account(id),
        }
    }
}

/// A payment to make.
pub struct PayCommand {
    /// Premium statements or provider bills.
    pub purpose: Purpose,
    /// Household.
    pub household_id: i64,
    /// Who asks (none for autopay).
    pub user_id: Option<i64>,
    /// The client's idempotency key.
    pub key: String,
    /// Statements (or provider bills), in the order to pay them.
    pub statement_ids: Vec<i64>,
    /// Amount.
    pub amount: Money,
    /// Saved method.
    pub method_id: i64,
    /// Made by autopay.
    pub autopay: bool,
    /// Client address, for the payment trail.
    pub client_addr: Option<String>,
}

/// The processor's key for a household's idempotency key.
fn gateway_key(row: &PaymentRow) -> String {
    format!("hh{}-{}", row.household_id, row.idempotency_key)
}

fn fingerprint(cmd: &PayCommand) -> String {
    let ids: Vec<String> = cmd.statement_ids.iter().map(i64::to_string).collect();
    let mut text = format!("{}|{}|{}", ids.join(","), cmd.amount.cents(), cmd.method_id);
    if cmd.purpose == Purpose::Provider {
        text.insert_str(0, "provider|");
    }
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn new_transaction_id() -> String {
    format!(
        "PMT-{}",
        crate::auth::session::new_token()[..10].to_uppercase()
    )
}

/// The problem for a declined payment (402), with the message beside the method.
pub fn declined(d: Decline) -> ApiError {
    let mut errors = portal_domain::FieldErrors::new();
    portal_domain::problem::push_error(
        &mut errors,
        "method_id",
        portal_domain::FieldError::new(format!("payment.{}", d.code()), d.message()),
    );
    let mut p = ProblemDetails::new(types::PAYMENT_DECLINED, "Payment declined", 402)
        .with_detail(d.message());
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

fn unreachable_problem() -> ApiError {
    ApiError::problem(
        types::PAYMENT_UNAVAILABLE,
        "Payment service not answering",
        StatusCode::SERVICE_UNAVAILABLE,
        "We could not get an answer from the payment service. Try again: the same payment is sent again, and you will not be charged twice.",
    )
}

fn conflict(detail: &str) -> ApiError {
    ApiError::problem(
        types::PAYMENT_CONFLICT,
        "Payment not made",
        StatusCode::CONFLICT,
        detail,
    )
}

/// What the outcome of a finished payment is for its caller.
fn answer(row: &PaymentRow) -> ApiResult<PaymentRow> {
    match row.status.as_str() {
        "failed" => Err(match row.failure_code.as_deref().and_then(Decline::parse) {
            Some(d) => declined(d),
            None => ApiError::field(
                "method_id",
                "payment.method_unusable",
                "This payment method can't be used. Add it again or choose another.",
            ),
        }),
        _ => Ok(row.clone()),
    }
}

/// Makes a payment once per key: writes the intent (with the allocation)
/// before calling the gateway, then records the gateway's answer. The same
/// key again gets the same answer; a second payment for statements an
/// unfinished one already covers is refused.
pub async fn pay(state: &crate::state::AppState, cmd: PayCommand) -> ApiResult<PaymentRow> {
    let print = fingerprint(&cmd);
    let now = db::now();
    let mut waited = 0;
    let row = loop {
        let mut tx = db::begin_write(&state.db).await?;
        if let Some(row) = store::payment_by_key(&mut *tx, cmd.household_id, &cmd.key).await? {
            if row.fingerprint != print {
                return Err(ApiError::field(
                    "idempotency_key",
                    "idempotency_key.reused",
                    "This payment key was used for a different payment. Start the payment again.",
                ));
            }
            if row.status != "intent" {
                return answer(&row);
            }
            if row.lease_until.is_some_and(|l| l > db::now()) {
                // Another request (a double click, a second tab) is on it: wait for its answer.
                drop(tx);
                waited += 1;
                if waited > 40 {
                    return Err(conflict("This payment is still being processed. Check your payment history before trying again."));
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
                continue;
            }
            sqlx::query("UPDATE payments SET lease_until = ?, updated_at = ? WHERE id = ?")
                .bind(db::now() + LEASE_SECS)
                .bind(db::now())
                .bind(row.id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            break row;
        }
        let method = store::method(&mut *tx, cmd.household_id, cmd.method_id)
            .await?
            .ok_or_else(|| {
                ApiError::field(
                    "method_id",
                    "method_id.unknown",
                    "Choose one of your saved payment methods.",
                )
            })?;
        let balances: Vec<(i64, Money)> = match cmd.purpose {
            Purpose::Premium => store::statements(&mut *tx, cmd.household_id)
                .await?
                .into_iter()
                .map(|s| (s.id, s.figures.balance()))
                .collect(),
            Purpose::Provider => crate::db::provider_bills::bills(&mut *tx, cmd.household_id)
                .await?
                .into_iter()
                .map(|b| (b.id, b.figures.balance()))
                .collect(),
        };
        let taken = store::in_flight(&mut *tx, cmd.household_id, cmd.purpose.as_str()).await?;
        let (field, unknown) = match cmd.purpose {
            Purpose::Premium => ("statement_ids", "Choose statements from your list."),
            Purpose::Provider => ("bill_ids", "Choose bills from your list."),
        };
        let mut open = Vec::new();
        for id in &cmd.statement_ids {
            let balance = balances
                .iter()
                .find(|(b, _)| b == id)
                .map(|(_, m)| *m)
                .ok_or_else(|| ApiError::field(field, &format!("{field}.unknown"), unknown))?;
            let left = (balance - taken.get(id).copied().unwrap_or_default()).clamp_non_negative();
            if left == Money::ZERO {
                return Err(conflict(match cmd.purpose {
                    Purpose::Premium => "A statement you chose is already paid or a payment for it is processing. Reload to see where it stands.",
                    Purpose::Provider => "A bill you chose is already paid or a payment for it is processing. Reload to see where it stands.",
                }));
            }
            open.push((*id, left));
        }
        let owed: Money = open.iter().map(|(_, b)| *b).sum();
        let amount_problem = match cmd.purpose {
            Purpose::Premium => amount_error(Some(cmd.amount), Some(owed)),
            Purpose::Provider => provider_amount_error(Some(cmd.amount), Some(owed)),
        };
        if let Some(e) = amount_problem {
            return Err(ApiError::field("amount", &e.code, e.message));
        }
        let allocation = allocate(cmd.amount, &open);
        let parts: Vec<(i64, i64)> = allocation
            .applied
            .iter()
            .map(|(id, m)| (*id, m.cents()))
            .collect();
        let label = crate::routes::billing::method_view(&method).label;
        let today = state.clock.today();
        let id = sqlx::query(
            "INSERT INTO payments (household_id, user_id, idempotency_key, fingerprint, transaction_id, method_id, method_label, \
             amount_cents, allocation_json, credit_cents, status, made_on, autopay, lease_until, created_at, updated_at, purpose) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'intent', ?, ?, ?, ?, ?, ?)",
        )
        .bind(cmd.household_id)
        .bind(cmd.user_id)
        .bind(&cmd.key)
        .bind(&print)
        .bind(new_transaction_id())
        .bind(method.id)
        .bind(&label)
        .bind(cmd.amount.cents())
        .bind(serde_json::to_string(&parts).map_err(anyhow::Error::from)?)
        .bind(allocation.credit.cents())
        .bind(today)
        .bind(cmd.autopay)
        .bind(now + LEASE_SECS)
        .bind(now)
        .bind(now)
        .bind(cmd.purpose.as_str())
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        store::event(
            &mut *tx,
            cmd.household_id,
            Some(id),
            cmd.user_id,
            "intent",
            None,
            cmd.client_addr.as_deref(),
        )
        .await;
        tx.commit().await?;
        break store::payment(&state.db, id)
            .await?
            .ok_or_else(ApiError::not_found)?;
    };
    charge(state, row, cmd.client_addr.as_deref()).await
}

/// Calls the gateway for an intent and records its answer.
async fn charge(
    state: &crate::state::AppState,
    row: PaymentRow,
    client: Option<&str>,
) -> ApiResult<PaymentRow> {
    let payments = &state.payments;
    let token: Option<String> =
        sqlx::query_scalar("SELECT token FROM payment_methods WHERE id = ?")
            .bind(row.method_id)
            .fetch_optional(&state.db)
            .await?;
    let result = match token {
        Some(t) => {
            payments
                .gateway
                .charge(&gateway_key(&row), &t, Money::from_cents(row.amount_cents))
                .await
        }
        None => Err(GatewayError::InvalidToken),
    };
    if payments.pause_after_charge && result.is_ok() {
        tracing::warn!("fail point: paused after the gateway's approval, before the commit");
        std::future::pending::<()>().await;
    }
    match result {
        Ok(c) => {
            approved(&state.db, &row, &c.reference, c.posts_on, client).await?;
        }
        Err(GatewayError::Declined(d)) => failed(&state.db, &row, d.code(), client).await?,
        Err(GatewayError::InvalidToken) => failed(&state.db, &row, "invalid_token", client).await?,
        Err(GatewayError::Network(e)) => {
            tracing::warn!(error = %e, payment = row.id, "payment gateway did not answer");
            sqlx::query("UPDATE payments SET lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'intent'")
                .bind(db::now())
                .bind(row.id)
                .execute(&state.db)
                .await?;
            store::event(
                &state.db,
                row.household_id,
                Some(row.id),
                row.user_id,
                "gateway_unreachable",
                None,
                client,
            )
            .await;
            return Err(unreachable_problem());
        }
    }
    let row = store::payment(&state.db, row.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    answer(&row)
}

fn parts_of(row: &PaymentRow) -> anyhow::Result<Vec<(i64, i64)>> {
    Ok(serde_json::from_str(&row.allocation_json)?)
}

fn accepted_entries(row: &PaymentRow) -> anyhow::Result<Vec<Entry>> {
    let mut entries = vec![Entry {
        account: CLEARING.into(),
        cents: row.amount_cents,
    }];
    let purpose = Purpose::parse(&row.purpose);
    for (id, cents) in parts_of(row)? {
        entries.push(Entry {
            account: purpose.account(id),
            cents: -cents,
        });
    }
    entries.push(Entry {
        account: store::credit_account(row.household_id),
        cents: -row.credit_cents,
    });
    Ok(entries)
}

/// Records an approval once (an intent becomes pending, with its ledger entries).
async fn approved(
    db: &Db,
    row: &PaymentRow,
    reference: &str,
    posts_on: NaiveDate,
    client: Option<&str>,
) -> anyhow::Result<()> {
    let mut tx = db::begin_write(db).await?;
    let done = sqlx::query(
        "UPDATE payments SET status = 'pending', gateway_ref = ?, posts_on = ?, lease_until = NULL, updated_at = ? \
         WHERE id = ? AND status = 'intent'",
    )
    .bind(reference)
    .bind(posts_on)
    .bind(db::now())
    .bind(row.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if done == 1 {
        store::post(
            &mut tx,
            row.household_id,
            Some(row.id),
            "payment accepted",
            &accepted_entries(row)?,
            db::now(),
        )
        .await?;
        store::event(
            &mut *tx,
            row.household_id,
            Some(row.id),
            row.user_id,
            "approved",
            Some(reference),
            client,
        )
        .await;
        emails::queue(&mut tx, row, PaymentNotice::Received).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Records a decline once (nothing was taken; no ledger entries).
async fn failed(db: &Db, row: &PaymentRow, code: &str, client: Option<&str>) -> anyhow::Result<()> {
    let mut tx = db::begin_write(db).await?;
    let done = sqlx::query(
        "UPDATE payments SET status = 'failed', failure_code = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'intent'",
    )
    .bind(code)
    .bind(db::now())
    .bind(row.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if done == 1 {
        store::event(
            &mut *tx,
            row.household_id,
            Some(row.id),
            row.user_id,
            "declined",
            Some(code),
            client,
        )
        .await;
        if row.autopay {
            emails::queue(&mut tx, row, PaymentNotice::AutopayFailed).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Finishes intents a crash or a lost answer left: asks the gateway what
/// happened to each key. At start-up (`all`), every intent; later, only
/// those nobody holds and older than ten minutes. An intent the gateway
/// never saw failed without a charge.
pub async fn reconcile(state: &crate::state::AppState, all: bool) -> anyhow::Result<usize> {
    let mut n = 0;
    for row in store::payments_in(&state.db, "intent").await? {
        let stale =
            row.lease_until.is_none_or(|l| l < db::now()) && row.created_at < db::now() - 600;
        if !all && !stale {
            continue;
        }
        match state.payments.gateway.lookup(&gateway_key(&row)).await {
            Ok(Some(ChargeState::Declined(d))) => failed(&state.db, &row, d.code(), None).await?,
            Ok(Some(
                ChargeState::Pending(c)
                | ChargeState::Posted(c, _)
                | ChargeState::Returned(c, _, _),
            )) => {
                approved(&state.db, &row, &c.reference, c.posts_on, None).await?;
            }
            Ok(None) => failed(&state.db, &row, "not_submitted", None).await?,
            Err(e) => {
                tracing::warn!(error = ?e, payment = row.id, "could not reconcile a payment");
                continue;
            }
        }
        store::event(
            &state.db,
            row.household_id,
            Some(row.id),
            None,
            "reconciled",
            None,
            None,
        )
        .await;
        n += 1;
    }
    Ok(n)
}

/// Posts what the gateway has posted and reverses what the bank returned.
pub async fn settle(state: &crate::state::AppState) -> anyhow::Result<usize> {
    let mut n = 0;
    for status in ["pending", "posted"] {
        for row in store::payments_in(&state.db, status).await? {
            let Ok(Some(found)) = state.payments.gateway.lookup(&gateway_key(&row)).await else {
                continue;
            };
            let mut tx = db::begin_write(&state.db).await?;
            let mut changed = false;
            match found {
                ChargeState::Posted(_, on) if status == "pending" => {
                    changed = sqlx::query("UPDATE payments SET status = 'posted', posts_on = ?, updated_at = ? WHERE id = ? AND status = 'pending'")
                        .bind(on)
                        .bind(db::now())
                        .bind(row.id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                        == 1;
                    if changed {
                        let entries = [
                            Entry {
                                account: CASH.into(),
                                cents: row.amount_cents,
                            },
                            Entry {
                                account: CLEARING.into(),
                                cents: -row.amount_cents,
                            },
                        ];
                        store::post(
                            &mut tx,
                            row.household_id,
                            Some(row.id),
                            "payment posted",
                            &entries,
                            db::now(),
                        )
                        .await?;
                        store::event(
                            &mut *tx,
                            row.household_id,
                            Some(row.id),
                            None,
                            "posted",
                            None,
                            None,
                        )
                        .await;
                    }
                }
                ChargeState::Returned(_, d, _) => {
                    changed = sqlx::query("UPDATE payments SET status = 'returned', failure_code = ?, updated_at = ? WHERE id = ? AND status = ?")
                        .bind(d.code())
                        .bind(db::now())
                        .bind(row.id)
                        .bind(status)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                        == 1;
                    if changed {
                        let mut entries: Vec<Entry> = accepted_entries(&row)?
                            .into_iter()
                            .map(|e| Entry {
                                account: e.account,
                                cents: -e.cents,
                            })
                            .collect();
                        if status == "posted" {
                            entries.push(Entry {
                                account: CASH.into(),
                                cents: -row.amount_cents,
                            });
                            entries.push(Entry {
                                account: CLEARING.into(),
                                cents: row.amount_cents,
                            });
                        }
                        store::post(
                            &mut tx,
                            row.household_id,
                            Some(row.id),
                            "payment returned",
                            &entries,
                            db::now(),
                        )
                        .await?;
                        store::event(
                            &mut *tx,
                            row.household_id,
                            Some(row.id),
                            None,
                            "returned",
                            Some(d.code()),
                            None,
                        )
                        .await;
                        emails::queue(&mut tx, &row, PaymentNotice::Returned).await?;
                    }
                }
                _ => {}
            }
            tx.commit().await?;
            n += usize::from(changed);
        }
    }
    Ok(n)
}

/// Moves posted credit to open statements, oldest due first.
pub async fn apply_credits(db: &Db, household_id: i64) -> anyhow::Result<()> {
    let mut tx = db::begin_write(db).await?;
    let credit = store::credit(&mut *tx, household_id).await?;
    if credit > Money::ZERO {
        let open: Vec<(i64, Money)> = store::statements(&mut *tx, household_id)
            .await?
            .into_iter()
            .map(|s| (s.id, s.figures.balance()))
            .collect();
        let a = allocate(credit, &open);
        let mut entries = Vec::new();
        for (id, part) in &a.applied {
            entries.push(Entry {
                account: store::credit_account(household_id),
                cents: part.cents(),
            });
            entries.push(Entry {
                account: store::statement_account(*id),
                cents: -part.cents(),
            });
        }
        if !entries.is_empty() {
            store::post(
                &mut tx,
                household_id,
                None,
                "credit applied",
                &entries,
                db::now(),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Pays, once each, the statements autopay is due to pay today (key
/// `autopay-statement-<id>`: a second run, or a run after a restart,
/// finds the same payment).
pub async fn run_autopay(state: &crate::state::AppState) -> anyhow::Result<usize> {
    let today = state.clock.today();
    let mut n = 0;
    for hh in store::autopay_households(&state.db).await? {
        let Some((method_id, since)) = store::autopay(&state.db, hh).await? else {
            continue;
        };
        let skipped = store::skipped(&state.db, hh).await?;
        for s in store::statements(&state.db, hh).await? {
            if s.figures.balance() == Money::ZERO
                || skipped.contains(&s.id)
                || !autopay_pays(s.due, since, today)
            {
                continue;
            }
            let cmd = PayCommand {
                purpose: Purpose::Premium,
                household_id: hh,
                user_id: None,
                key: format!("autopay-statement-{:06}", s.id),
                statement_ids: vec![s.id],
                amount: s.figures.balance(),
                method_id,
                autopay: true,
                client_addr: None,
            };
            match pay(state, cmd).await {
                Ok(_) => n += 1,
                Err(ApiError::Problem(p)) => {
                    tracing::info!(household = hh, problem = %p.title, "autopay payment not made")
                }
                Err(ApiError::Internal(e)) => tracing::warn!(error = %e, "autopay failed"),
            }
        }
    }
    Ok(n)
}

/// One run of the payments worker: stale intents, posting and returns,
/// autopay, credits.
pub async fn work(state: &crate::state::AppState) -> anyhow::Result<()> {
    reconcile(state, false).await?;
    settle(state).await?;
    run_autopay(state).await?;
    plans::run(state).await?;
    for hh in sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT household_id FROM ledger WHERE account LIKE 'credit:%'",
    )
    .fetch_all(&state.db)
    .await?
    {
        apply_credits(&state.db, hh).await?;
    }
    Ok(())
}

/// Writes a statement's charge to the ledger (the demo seed, and billing runs).
pub async fn issue_statement(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    household_id: i64,
    statement_id: i64,
    amount: Money,
) -> anyhow::Result<()> {
    let entries = [
        Entry {
            account: store::statement_account(statement_id),
            cents: amount.cents(),
        },
        Entry {
            account: INCOME.into(),
            cents: -amount.cents(),
        },
    ];
    store::post(
        tx,
        household_id,
        None,
        "premium statement",
        &entries,
        db::now(),
    )
    .await
}
