//! What members owe their providers, over HTTP (issue 15): the bills the
//! caller may see, paying them, payment plans, disputes.
//!
//! A bill is shown to whoever may see its claim (the family privacy rule,
//! through [`Family`]); only the subscriber, who holds the household's
//! payment methods, pays or sets up a plan; any adult who sees a bill may
//! dispute it. Another household's bill or plan is answered like nothing
//! is there.

use super::billing::{is_subscriber, method_view, receipt, subscriber_row};
use crate::db::billing as store;
use crate::db::messages::Starter;
use crate::db::provider_bills::{self as bills_db, BillRow, DisputeRow, PlanRow};
use crate::db::{self};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::payments::plans::{self, PlanCommand};
use crate::payments::{self, PayCommand, Purpose};
use crate::routes::client::ClientInfo;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use portal_domain::billing::api::Receipt;
use portal_domain::billing::provider_bills::{
    bill_number, bill_status, dispute_errors, payable, plan_errors, plan_number,
    provider_pay_errors, Dispute, DisputeReason, DisputeRequest, DisputeStatus, Instalment,
    InstalmentStatus, PaymentPlan, PlanRequest, PlanStatus, ProviderBill, ProviderBillStatus,
    ProviderBills, ProviderPayRequest,
};
use portal_domain::messages::Topic;
use portal_domain::money::Money;
use portal_domain::problem::types;
use portal_domain::ProblemDetails;

/// 403 unless the caller is the subscriber.
fn payer_only(family: &Family) -> ApiResult<()> {
    if is_subscriber(family) {
        return Ok(());
    }
    let name =
        subscriber_row(family).map_or("the subscriber".to_string(), |r| r.first_name.clone());
    Err(ApiError::problem(
        types::FORBIDDEN,
        "Only the subscriber pays here",
        StatusCode::FORBIDDEN,
        format!("Only {name}, who holds the plan's payment methods, can pay provider bills here. You can also pay the provider directly at the phone number on the bill."),
    ))
}

fn dispute_view(d: &DisputeRow) -> Dispute {
    Dispute {
        reference: d.reference.clone(),
        reason: DisputeReason::parse(&d.reason).unwrap_or(DisputeReason::Other),
        status: if d.thread_status == "open" {
            DisputeStatus::Open
        } else {
            DisputeStatus::Resolved
        },
        opened_on: chrono::DateTime::from_timestamp(d.created_at, 0)
            .map_or(NaiveDate::MIN, |t| t.date_naive()),
        thread_id: d.thread_id,
    }
}

/// Everything the page needs about the caller's bills, from one read.
struct Books {
    /// Bills the caller may see, with their views.
    bills: Vec<(BillRow, ProviderBill)>,
    /// The household's plans.
    plans: Vec<PlanRow>,
}

async fn books(state: &AppState, family: &Family) -> ApiResult<Books> {
    let hh = family.user.household_id;
    let today = state.clock.today();
    let in_plans = bills_db::bills_in_active_plans(&state.db, hh).await?;
    let disputes = bills_db::disputes(&state.db, hh).await?;
    let bills = bills_db::bills(&state.db, hh)
        .await?
        .into_iter()
        .filter(|b| family.view.visible.contains(&b.patient_member_id))
        .map(|b| {
            let plan_id = in_plans.iter().find(|(id, _)| *id == b.id).map(|(_, p)| *p);
            let dispute = disputes
                .iter()
                .find(|d| d.bill_id == b.id)
                .map(dispute_view);
            let open_dispute = dispute
                .as_ref()
                .is_some_and(|d| d.status == DisputeStatus::Open);
            let status = bill_status(b.figures, b.due, today, plan_id.is_some(), open_dispute);
            let view = ProviderBill {
                id: b.id,
                number: bill_number(b.id),
                claim_id: b.claim_id,
                claim_number: b.claim_number.clone(),
                patient: b.patient.clone(),
                provider: b.provider.clone(),
                provider_phone: b.phone.clone(),
                service_date: b.service_date,
                due: b.due,
                amount: b.figures.amount,
                paid: b.figures.posted,
                pending: b.figures.pending,
                balance: b.figures.balance(),
                status,
                plan_id,
                dispute,
            };
            (b, view)
        })
        .collect();
    Ok(Books {
        bills,
        plans: bills_db::plans(&state.db, hh).await?,
    })
}

async fn plan_view(state: &AppState, books: &Books, plan: &PlanRow) -> ApiResult<PaymentPlan> {
    let ids = bills_db::plan_bills(&state.db, plan.id).await?;
    let mine: Vec<&ProviderBill> = books
        .bills
        .iter()
        .map(|(_, v)| v)
        .filter(|v| ids.contains(&v.id))
        .collect();
    let left: Money = mine.iter().map(|b| b.balance).sum();
    let status = match plan.status.as_str() {
        "cancelled" => PlanStatus::Cancelled,
        "completed" if left > Money::ZERO => PlanStatus::Ended,
        "completed" => PlanStatus::Completed,
        _ if mine
            .iter()
            .any(|b| b.status == ProviderBillStatus::Disputed) =>
        {
            PlanStatus::Paused
        }
        _ => PlanStatus::Active,
    };
    let method = store::methods(&state.db, plan.household_id)
        .await?
        .iter()
        .find(|m| m.id == plan.method_id)
        .map_or_else(
            || "A removed payment method".to_string(),
            |m| method_view(m).label,
        );
    let instalments = bills_db::instalments(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|i| Instalment {
            n: u32::try_from(i.n).unwrap_or(0),
            on: i.due_on,
            amount: Money::from_cents(i.amount_cents),
            status: match (i.status.as_str(), i.payment_status.as_deref()) {
                (_, Some("failed" | "returned")) | ("failed", _) => InstalmentStatus::Failed,
                ("charged", _) => InstalmentStatus::Charged,
                ("cancelled", _) => InstalmentStatus::Cancelled,
                _ => InstalmentStatus::Scheduled,
            },
            transaction_id: i.transaction_id,
        })
        .collect();
    Ok(PaymentPlan {
        id: plan.id,
        number: plan_number(plan.id),
        total: Money::from_cents(plan.total_cents),
        months: u32::try_from(plan.months).unwrap_or(0),
        method,
        bills: ids.iter().map(|id| bill_number(*id)).collect(),
        status,
        instalments,
    })
}

/// The bills from providers the caller may see, and the household's payment plans.
#[utoipa::path(get, path = "/api/v1/billing/providers", tag = "billing",
    responses((status = 200, body = ProviderBills), (status = 401, body = ProblemDetails)))]
pub async fn list(State(state): State<AppState>, family: Family) -> ApiResult<Json<ProviderBills>> {
    let books = books(&state, &family).await?;
    let mut plans = Vec::new();
    for plan in &books.plans {
        let ids = bills_db::plan_bills(&state.db, plan.id).await?;
        // A plan is shown to whoever may see every bill in it.
        if !ids
            .iter()
            .all(|id| books.bills.iter().any(|(b, _)| b.id == *id))
        {
            continue;
        }
        let view = plan_view(&state, &books, plan).await?;
        // A plan whose first instalment was declined never started: not listed.
        let never_started = view.status == PlanStatus::Cancelled
            && view
                .instalments
                .first()
                .is_some_and(|i| i.status == InstalmentStatus::Failed);
        if !never_started {
            plans.push(view);
        }
    }
    let total_due = books
        .bills
        .iter()
        .filter(|(_, v)| v.status != ProviderBillStatus::Disputed)
        .map(|(_, v)| v.balance)
        .sum();
    let (mut open, mut done): (Vec<ProviderBill>, Vec<ProviderBill>) = books
        .bills
        .into_iter()
        .map(|(_, v)| v)
        .partition(|v| v.status != ProviderBillStatus::Paid);
    done.reverse();
    open.extend(done);
    Ok(Json(ProviderBills {
        can_pay: is_subscriber(&family),
        subscriber: subscriber_row(&family)
            .map(|r| r.first_name.clone())
            .unwrap_or_default(),
        bills: open,
        total_due,
        plans,
        today: state.clock.today(),
    }))
}

/// The chosen bills, each visible to the caller and payable now.
fn chosen(books: &Books, ids: &[i64]) -> ApiResult<()> {
    for id in ids {
        let Some((_, v)) = books.bills.iter().find(|(b, _)| b.id == *id) else {
            return Err(ApiError::field(
                "bill_ids",
                "bill_ids.unknown",
                "Choose bills from your list.",
            ));
        };
        if !payable(v.status) {
            let why = match v.status {
                ProviderBillStatus::InPlan => "A bill you chose is in a payment plan: the plan pays it.",
                ProviderBillStatus::Disputed => "A bill you chose is disputed: it is on hold until we answer.",
                _ => "A bill you chose is already paid or a payment for it is processing. Reload to see where it stands.",
            };
            return Err(ApiError::problem(
                types::PAYMENT_CONFLICT,
                "Payment not made",
                StatusCode::CONFLICT,
                why,
            ));
        }
    }
    Ok(())
}

/// Pays provider bills with a saved method, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/billing/providers/payments", tag = "billing", request_body = ProviderPayRequest,
    responses((status = 201, body = Receipt, description = "The payment (the same one again for a key already used)"),
        (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
        (status = 402, body = ProblemDetails, description = "Declined: nothing was charged"),
        (status = 403, body = ProblemDetails), (status = 409, body = ProblemDetails),
        (status = 503, body = ProblemDetails, description = "The processor did not answer: retry with the same key")))]
pub async fn pay(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<ProviderPayRequest>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    payer_only(&family)?;
    let errors = provider_pay_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let hh = family.user.household_id;
    // A retry of a payment already made answers with it, whatever its bills show now.
    if store::payment_by_key(&state.db, hh, &body.idempotency_key)
        .await?
        .is_none()
    {
        chosen(&books(&state, &family).await?, &body.bill_ids)?;
    }
    let row = payments::pay(
        &state,
        PayCommand {
            purpose: Purpose::Provider,
            household_id: hh,
            user_id: Some(family.user.user_id),
            key: body.idempotency_key,
            statement_ids: body.bill_ids,
            amount: body.amount,
            method_id: body.method_id,
            autopay: false,
            client_addr: client.addr,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(receipt(&row))))
}

/// Sets up a payment plan for provider bills and charges its first instalment.
#[utoipa::path(post, path = "/api/v1/billing/providers/plans", tag = "billing", request_body = PlanRequest,
    responses((status = 201, body = PaymentPlan, description = "The plan (the same one again for a key already used)"),
        (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
        (status = 402, body = ProblemDetails, description = "The first instalment was declined: no plan, nothing charged"),
        (status = 403, body = ProblemDetails), (status = 409, body = ProblemDetails),
        (status = 503, body = ProblemDetails, description = "The processor did not answer: retry with the same key")))]
pub async fn create_plan(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<PlanRequest>,
) -> ApiResult<(StatusCode, Json<PaymentPlan>)> {
    payer_only(&family)?;
    let errors = plan_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let hh = family.user.household_id;
    if bills_db::plan_by_key(&state.db, hh, &body.idempotency_key)
        .await?
        .is_none()
    {
        if let Err(e) = chosen(&books(&state, &family).await?, &body.bill_ids) {
            // A concurrent request with the same key may have made the plan
            // between the look-up and the check (the bills are then "in a
            // payment plan"): that plan is this request's, replayed below.
            if bills_db::plan_by_key(&state.db, hh, &body.idempotency_key)
                .await?
                .is_none()
            {
                return Err(e);
            }
        }
    }
    let plan = plans::create(
        &state,
        PlanCommand {
            household_id: hh,
            user_id: family.user.user_id,
            key: body.idempotency_key,
            bill_ids: body.bill_ids,
            months: body.months,
            method_id: body.method_id,
            client_addr: client.addr,
        },
    )
    .await?;
    let books = books(&state, &family).await?;
    Ok((
        StatusCode::CREATED,
        Json(plan_view(&state, &books, &plan).await?),
    ))
}

/// Cancels a payment plan: no more instalments; what is owed stays due.
#[utoipa::path(delete, path = "/api/v1/billing/providers/plans/{id}", tag = "billing",
    params(("id" = i64, Path)),
    responses((status = 200, body = PaymentPlan), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails)))]
pub async fn cancel_plan(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PaymentPlan>> {
    payer_only(&family)?;
    let plan = bills_db::plan(&state.db, family.user.household_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    plans::cancel(&state, &plan, family.user.user_id).await?;
    let plan = bills_db::plan(&state.db, family.user.household_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let books = books(&state, &family).await?;
    Ok(Json(plan_view(&state, &books, &plan).await?))
}

/// Disputes a provider bill: puts it on hold and writes to member services.
#[utoipa::path(post, path = "/api/v1/billing/providers/{id}/dispute", tag = "billing",
    params(("id" = i64, Path)), request_body = DisputeRequest,
    responses((status = 201, body = Dispute), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails)))]
pub async fn dispute(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DisputeRequest>,
) -> ApiResult<(StatusCode, Json<Dispute>)> {
    let books = books(&state, &family).await?;
    let (row, view) = books
        .bills
        .iter()
        .find(|(b, _)| b.id == id)
        .ok_or_else(ApiError::not_found)?;
    let errors = dispute_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let conflict = |detail: &str| {
        ApiError::problem(
            types::DISPUTE_CONFLICT,
            "Bill not disputed",
            StatusCode::CONFLICT,
            detail,
        )
    };
    if view.status == ProviderBillStatus::Disputed {
        return Err(conflict(
            "This bill is already disputed: we will answer in your messages.",
        ));
    }
    if view.balance == Money::ZERO {
        return Err(conflict(
            "Nothing is owed on this bill. To ask about a payment, write to us from Messages.",
        ));
    }
    let today = state.clock.today();
    let now = db::now();
    let subject = format!("Dispute of provider bill {}", view.number);
    let text = format!(
        "Bill {} from {} for care on {} (claim {}), {} still owed.\nReason: {}\n\n{}",
        view.number,
        view.provider,
        view.service_date,
        view.claim_number,
        view.balance,
        body.reason.label(),
        body.details.trim()
    );
    let mut tx = db::begin_write(&state.db).await?;
    let (thread_id, _) = crate::db::messages::create_in(
        &mut tx,
        &Starter::Member(family.user.user_id),
        Topic::Billing.as_str(),
        &subject,
        Some(row.claim_id),
        &text,
        None,
        today.year(),
        now,
    )
    .await?;
    let (_, reference) = bills_db::create_dispute(
        &mut tx,
        family.user.household_id,
        id,
        family.user.user_id,
        body.reason.as_str(),
        body.details.trim(),
        thread_id,
        today.year(),
        now,
    )
    .await?;
    // The thread carries the dispute's reference, which the member is told to quote.
    sqlx::query("UPDATE message_threads SET subject = ? WHERE id = ?")
        .bind(format!(
            "Dispute {reference} of provider bill {}",
            view.number
        ))
        .bind(thread_id)
        .execute(&mut *tx)
        .await?;
    store::event(
        &mut *tx,
        family.user.household_id,
        None,
        Some(family.user.user_id),
        "dispute_opened",
        Some(&reference),
        client.addr.as_deref(),
    )
    .await;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(Dispute {
            reference,
            reason: body.reason,
            status: DisputeStatus::Open,
            opened_on: today,
            thread_id,
        }),
    ))
}
