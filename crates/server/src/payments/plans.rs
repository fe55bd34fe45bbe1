//! Payment plans for provider bills: set up once per idempotency key, the
//! first instalment charged at once, the rest by the payments worker on
//! their dates. Every instalment is a payment with its own fixed key
//! (`plan-<plan>-<n>`), so a second run, a retry or a restart finds the
//! same payment and never charges twice.

use super::{pay, PayCommand, Purpose};
use crate::db::billing as store;
use crate::db::provider_bills::{self as bills_db, PlanRow};
use crate::db::{self};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::http::StatusCode;
use portal_domain::billing::provider_bills::{plan_balance_error, PLAN_CONSENT};
use portal_domain::billing::statements::instalments;
use portal_domain::money::Money;
use portal_domain::problem::types;
use sha2::{Digest, Sha256};

/// A payment plan to set up.
pub struct PlanCommand {
    /// Household.
    pub household_id: i64,
    /// Who asks (the subscriber).
    pub user_id: i64,
    /// The client's idempotency key.
    pub key: String,
    /// Bills, in the order to pay them (already checked as visible and payable).
    pub bill_ids: Vec<i64>,
    /// Months.
    pub months: u32,
    /// Saved method.
    pub method_id: i64,
    /// Client address, for the payment trail.
    pub client_addr: Option<String>,
}

fn fingerprint(cmd: &PlanCommand) -> String {
    let ids: Vec<String> = cmd.bill_ids.iter().map(i64::to_string).collect();
    let text = format!("plan|{}|{}|{}", ids.join(","), cmd.months, cmd.method_id);
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn conflict(detail: &str) -> ApiError {
    ApiError::problem(
        types::PAYMENT_CONFLICT,
        "Payment plan not set up",
        StatusCode::CONFLICT,
        detail,
    )
}

/// The payment key of a plan's instalment.
pub fn instalment_key(plan_id: i64, n: i64) -> String {
    format!("plan-{plan_id:06}-{n:02}")
}

/// What is still owed on a plan's bills (pending payments taken off).
async fn left_on(state: &AppState, plan: &PlanRow) -> sqlx::Result<Money> {
    let ids = bills_db::plan_bills(&state.db, plan.id).await?;
    Ok(bills_db::bills(&state.db, plan.household_id)
        .await?
        .iter()
        .filter(|b| ids.contains(&b.id))
        .map(|b| b.figures.balance())
        .sum())
}

/// Charges one instalment (at most what the plan's bills still owe) once.
async fn charge(
    state: &AppState,
    plan: &PlanRow,
    n: i64,
    amount: Money,
    client: Option<String>,
) -> ApiResult<()> {
    let left = left_on(state, plan).await?;
    let amount = amount.min(left);
    if amount <= Money::ZERO {
        bills_db::set_instalment(&state.db, plan.id, n, "cancelled", None).await?;
        return Ok(());
    }
    let key = instalment_key(plan.id, n);
    let result = pay(
        state,
        PayCommand {
            purpose: Purpose::Provider,
            household_id: plan.household_id,
            user_id: if n == 1 { Some(plan.created_by) } else { None },
            key: key.clone(),
            statement_ids: bills_db::plan_bills(&state.db, plan.id).await?,
            amount,
            method_id: plan.method_id,
            autopay: n > 1,
            client_addr: client,
        },
    )
    .await;
    let payment = store::payment_by_key(&state.db, plan.household_id, &key).await?;
    match result {
        Ok(row) => {
            bills_db::set_instalment(&state.db, plan.id, n, "charged", Some(row.id)).await?;
            Ok(())
        }
        Err(e @ ApiError::Problem(_)) if payment.as_ref().is_some_and(|p| p.status == "failed") => {
            bills_db::set_instalment(&state.db, plan.id, n, "failed", payment.map(|p| p.id))
                .await?;
            Err(e)
        }
        // Not answered (the processor did not answer, or it is still being
        // processed): the instalment stays scheduled and the same key is
        // tried again.
        Err(e) => Err(e),
    }
}

/// Sets up a plan once per key and charges its first instalment; a
/// declined first instalment ends the plan (nothing charged).
pub async fn create(state: &AppState, cmd: PlanCommand) -> ApiResult<PlanRow> {
    let print = fingerprint(&cmd);
    let mut tx = db::begin_write(&state.db).await?;
    let plan = if let Some(found) =
        bills_db::plan_by_key(&mut *tx, cmd.household_id, &cmd.key).await?
    {
        drop(tx);
        if found.fingerprint != print {
            return Err(ApiError::field(
                "idempotency_key",
                "idempotency_key.reused",
                "This key was used for a different payment plan. Start again.",
            ));
        }
        found
    } else {
        let taken = bills_db::bills_in_active_plans(&mut *tx, cmd.household_id).await?;
        if cmd
            .bill_ids
            .iter()
            .any(|b| taken.iter().any(|(t, _)| t == b))
        {
            return Err(conflict(
                "A bill you chose is already in a payment plan. Reload to see where it stands.",
            ));
        }
        store::method(&mut *tx, cmd.household_id, cmd.method_id)
            .await?
            .ok_or_else(|| {
                ApiError::field(
                    "method_id",
                    "method_id.unknown",
                    "Choose one of your saved payment methods.",
                )
            })?;
        let in_flight = store::in_flight(&mut *tx, cmd.household_id, "provider").await?;
        let all = bills_db::bills(&mut *tx, cmd.household_id).await?;
        let mut total = Money::ZERO;
        for id in &cmd.bill_ids {
            let bill = all.iter().find(|b| b.id == *id).ok_or_else(|| {
                ApiError::field(
                    "bill_ids",
                    "bill_ids.unknown",
                    "Choose bills from your list.",
                )
            })?;
            let left = (bill.figures.balance() - in_flight.get(id).copied().unwrap_or_default())
                .clamp_non_negative();
            if left == Money::ZERO {
                return Err(conflict(
                    "A bill you chose is already paid or a payment for it is processing. Reload to see where it stands.",
                ));
            }
            total += left;
        }
        if let Some(e) = plan_balance_error(total, cmd.months) {
            let field = if e.code.starts_with("months") {
                "months"
            } else {
                "bill_ids"
            };
            return Err(ApiError::field(field, &e.code, e.message));
        }
        let schedule = instalments(total, cmd.months, state.clock.today())
            .ok_or_else(|| ApiError::field("months", "months.range", "Choose 2 to 12 months."))?;
        let id = bills_db::create_plan(
            &mut tx,
            cmd.household_id,
            cmd.user_id,
            &cmd.key,
            &print,
            cmd.method_id,
            total,
            &cmd.bill_ids,
            &schedule,
            PLAN_CONSENT,
            db::now(),
        )
        .await?;
        store::event(
            &mut *tx,
            cmd.household_id,
            None,
            Some(cmd.user_id),
            "plan_created",
            Some(&portal_domain::billing::provider_bills::plan_number(id)),
            cmd.client_addr.as_deref(),
        )
        .await;
        tx.commit().await?;
        bills_db::plan(&state.db, cmd.household_id, id)
            .await?
            .ok_or_else(ApiError::not_found)?
    };
    let first = bills_db::instalments(&state.db, plan.id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(ApiError::not_found)?;
    match first.status.as_str() {
        "scheduled" if plan.status == "active" => {
            let charged = charge(
                state,
                &plan,
                1,
                Money::from_cents(first.amount_cents),
                cmd.client_addr,
            )
            .await;
            if let Err(e) = charged {
                if bills_db::instalments(&state.db, plan.id)
                    .await?
                    .first()
                    .is_some_and(|i| i.status == "failed")
                {
                    let mut tx = db::begin_write(&state.db).await?;
                    bills_db::end_plan(&mut tx, plan.id, "cancelled", db::now()).await?;
                    tx.commit().await?;
                }
                return Err(e);
            }
        }
        "failed" => {
            // The same key again after the first instalment was declined: the same answer.
            let key = instalment_key(plan.id, 1);
            if let Some(row) = store::payment_by_key(&state.db, plan.household_id, &key).await? {
                super::answer(&row)?;
            }
        }
        _ => {}
    }
    bills_db::plan(&state.db, plan.household_id, plan.id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// Cancels an active plan: instalments not yet charged are not charged;
/// what is owed stays due. False when it was not active.
pub async fn cancel(state: &AppState, plan: &PlanRow, user_id: i64) -> ApiResult<bool> {
    let mut tx = db::begin_write(&state.db).await?;
    let done = bills_db::end_plan(&mut tx, plan.id, "cancelled", db::now()).await?;
    if done {
        store::event(
            &mut *tx,
            plan.household_id,
            None,
            Some(user_id),
            "plan_cancelled",
            Some(&portal_domain::billing::provider_bills::plan_number(
                plan.id,
            )),
            None,
        )
        .await;
    }
    tx.commit().await?;
    Ok(done)
}

/// Charges the instalments due today of every active plan not paused by
/// an open dispute, and ends plans with nothing left to charge.
pub async fn run(state: &AppState) -> anyhow::Result<usize> {
    let today = state.clock.today();
    let mut n = 0;
    for plan in bills_db::active_plans(&state.db).await? {
        let ids = bills_db::plan_bills(&state.db, plan.id).await?;
        let disputed = bills_db::disputes(&state.db, plan.household_id)
            .await?
            .iter()
            .any(|d| d.thread_status == "open" && ids.contains(&d.bill_id));
        if disputed {
            continue;
        }
        let rows = bills_db::instalments(&state.db, plan.id).await?;
        for i in rows
            .iter()
            .filter(|i| i.status == "scheduled" && i.due_on <= today)
        {
            match charge(state, &plan, i.n, Money::from_cents(i.amount_cents), None).await {
                Ok(()) => n += 1,
                Err(ApiError::Problem(p)) => {
                    tracing::info!(plan = plan.id, problem = %p.title, "instalment not charged");
                }
                Err(ApiError::Internal(e)) => tracing::warn!(error = %e, "instalment failed"),
            }
        }
        let rows = bills_db::instalments(&state.db, plan.id).await?;
        let nothing_scheduled = rows.iter().all(|i| i.status != "scheduled");
        if nothing_scheduled || left_on(state, &plan).await? == Money::ZERO {
            let mut tx = db::begin_write(&state.db).await?;
            bills_db::end_plan(&mut tx, plan.id, "completed", db::now()).await?;
            tx.commit().await?;
        }
    }
    Ok(n)
}
