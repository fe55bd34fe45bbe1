//! Premium billing over HTTP (issue 15): statements (and each as a
//! printable PDF), payment methods,
//! payments with receipts, autopay; the sandbox processor's tokenization
//! endpoint; and, in the demo, moving the sandbox's calendar on.
//!
//! Only the subscriber pays and changes how premiums are paid; other adults
//! in the household see the statements read-only. Everything is limited to
//! the caller's household: another household's statement, method or
//! receipt is answered like nothing is there.

use crate::db::billing::{self as store, MethodRow, PaymentRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::payments::{self, PayCommand};
use crate::routes::client::ClientInfo;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, Months};
use portal_domain::api::Relationship;
use portal_domain::billing::api::{
    method_label, pay_errors, AddMethodRequest, AppliedPart, Autopay, AutopayRequest,
    BillingSummary, MailPayment, PayRequest, PaymentMethod, PaymentStatus, Receipt,
    ScheduledPayment, SkipRequest, Statement, TokenResponse, TokenizeRequest, AUTOPAY_CONSENT,
};
use portal_domain::billing::cards::{CardBrand, MethodKind};
use portal_domain::billing::provider_bills::bill_number;
use portal_domain::billing::statements::{GraceRule, StatementStatus};
use portal_domain::billing::{total_owed, wording};
use portal_domain::dates::long_date;
use portal_domain::money::Money;
use portal_domain::ProblemDetails;
use serde::{Deserialize, Serialize};

/// Most saved payment methods per household.
const MAX_METHODS: i64 = 10;

/// The address of the sandbox processor's tokenization endpoint.
pub const TOKENIZE_PATH: &str = "/sandbox-gateway/v1/tokens";

/// A statement's number, as printed (and written on a check).
pub fn statement_number(id: i64) -> String {
    format!("PS-{id:06}")
}

/// A saved method as shown.
pub fn method_view(m: &MethodRow) -> PaymentMethod {
    let kind = MethodKind::parse(&m.kind).unwrap_or(MethodKind::Card);
    let brand = m.brand.as_deref().and_then(CardBrand::parse);
    PaymentMethod {
        id: m.id,
        kind,
        brand,
        last4: m.last4.clone(),
        exp_month: m.exp_month,
        exp_year: m.exp_year,
        label: method_label(kind, brand, m.bank_type.as_deref(), &m.last4),
    }
}

fn status_of(row: &PaymentRow) -> PaymentStatus {
    match row.status.as_str() {
        "posted" => PaymentStatus::Posted,
        "failed" => PaymentStatus::Failed,
        "returned" => PaymentStatus::Returned,
        _ => PaymentStatus::Pending,
    }
}

/// A payment as its receipt.
pub fn receipt(row: &PaymentRow) -> Receipt {
    let parts: Vec<(i64, i64)> = serde_json::from_str(&row.allocation_json).unwrap_or_default();
    let status = status_of(row);
    let failure = row.failure_code.as_deref().map(|c| {
        payments::gateway::Decline::parse(c).map_or_else(
            || "The payment did not go through. Nothing was charged.".to_string(),
            |d| d.message().to_string(),
        )
    });
    Receipt {
        transaction_id: row.transaction_id.clone(),
        amount: Money::from_cents(row.amount_cents),
        method: row.method_label.clone(),
        status,
        failure,
        made_on: row.made_on,
        posts_on: if status == PaymentStatus::Failed {
            None
        } else {
            row.posts_on
        },
        applied: parts
            .into_iter()
            .map(|(id, cents)| AppliedPart {
                statement: match payments::Purpose::parse(&row.purpose) {
                    payments::Purpose::Premium => statement_number(id),
                    payments::Purpose::Provider => bill_number(id),
                },
                amount: Money::from_cents(cents),
            })
            .collect(),
        credit: Money::from_cents(row.credit_cents),
        autopay: row.autopay,
    }
}

pub(crate) fn subscriber_row(family: &Family) -> Option<&crate::db::members::MemberRow> {
    family
        .view
        .rows
        .iter()
        .find(|r| r.relationship == Relationship::Subscriber)
}

pub(crate) fn is_subscriber(family: &Family) -> bool {
    subscriber_row(family).is_some_and(|r| r.id == family.user.member_id)
}

/// 403 unless the caller is the subscriber.
fn subscriber_only(family: &Family) -> ApiResult<()> {
    if is_subscriber(family) {
        return Ok(());
    }
    let name =
        subscriber_row(family).map_or("the subscriber".to_string(), |r| r.first_name.clone());
    Err(ApiError::problem(
        portal_domain::problem::types::FORBIDDEN,
        "Only the subscriber pays premiums",
        StatusCode::FORBIDDEN,
        format!("Only {name}, who holds the plan, can pay premiums and change how they are paid."),
    ))
}

/// The household's grace rule.
pub async fn grace_rule(state: &AppState, household_id: i64) -> ApiResult<GraceRule> {
    Ok(if store::subsidised(&state.db, household_id).await? {
        GraceRule::SubsidyThreeMonths
    } else {
        GraceRule::Days(state.config.premium_grace_days)
    })
}

/// The grace period's length in words ("31 days", "3 months").
fn grace_words(rule: GraceRule) -> String {
    match rule {
        GraceRule::Days(d) => format!("{d} days"),
        GraceRule::SubsidyThreeMonths => "3 months".into(),
    }
}

/// The household's statements as shown, newest first.
pub async fn statements(state: &AppState, household_id: i64) -> ApiResult<Vec<Statement>> {
    let today = state.clock.today();
    let grace = grace_rule(state, household_id).await?;
    let mut out: Vec<Statement> = store::statements(&state.db, household_id)
        .await?
        .into_iter()
        .map(|s| {
            let status = s.figures.status(s.due, grace, today);
            Statement {
                id: s.id,
                number: statement_number(s.id),
                period_start: s.due,
                period_end: s
                    .due
                    .checked_add_months(Months::new(1))
                    .map_or(s.due, |d| d - Duration::days(1)),
                due: s.due,
                amount: s.figures.amount,
                paid: s.figures.posted,
                pending: s.figures.pending,
                balance: s.figures.balance(),
                status,
                grace_ends: matches!(
                    status,
                    StatementStatus::GracePeriod | StatementStatus::Overdue
                )
                .then(|| grace.ends(s.due)),
            }
        })
        .collect();
    out.reverse();
    Ok(out)
}

async fn autopay_view(state: &AppState, household_id: i64) -> ApiResult<Option<Autopay>> {
    let Some((method_id, since)) = store::autopay(&state.db, household_id).await? else {
        return Ok(None);
    };
    let Some(method) = store::method(&state.db, household_id, method_id).await? else {
        return Ok(None);
    };
    let skipped = store::skipped(&state.db, household_id).await?;
    let today = state.clock.today();
    let next = store::statements(&state.db, household_id)
        .await?
        .into_iter()
        .find(|s| s.due >= since.max(today) && s.figures.balance() > Money::ZERO)
        .map(|s| ScheduledPayment {
            statement_id: s.id,
            on: s.due,
            amount: s.figures.balance(),
            skipped: skipped.contains(&s.id),
        });
    Ok(Some(Autopay {
        method: method_view(&method),
        since,
        next,
    }))
}

fn mail(state: &AppState, family: &Family) -> MailPayment {
    let mut lines = state
        .config
        .premium_mail_address
        .split('|')
        .map(str::to_string);
    let payable_to = lines.next().unwrap_or_default();
    let member_id = subscriber_row(family).map_or(String::new(), |r| {
        format!("{}*{}", r.member_id_base, r.suffix)
    });
    MailPayment {
        payable_to,
        address: lines.collect(),
        memo: format!("Member ID {member_id} and the statement number"),
    }
}

/// The caller's premium billing.
#[utoipa::path(get, path = "/api/v1/billing", tag = "billing",
    responses((status = 200, body = BillingSummary), (status = 401, body = ProblemDetails)))]
pub async fn summary(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<BillingSummary>> {
    let hh = family.user.household_id;
    let statements = statements(&state, hh).await?;
    let credit = store::credit(&state.db, hh).await?;
    let payer = is_subscriber(&family);
    let methods = if payer {
        store::methods(&state.db, hh)
            .await?
            .iter()
            .map(method_view)
            .collect()
    } else {
        Vec::new()
    };
    let payments = if payer {
        store::payments(&state.db, hh)
            .await?
            .iter()
            .map(receipt)
            .collect()
    } else {
        Vec::new()
    };
    let rule = grace_rule(&state, hh).await?;
    let grace = grace_words(rule);
    Ok(Json(BillingSummary {
        can_pay: payer,
        subscriber: subscriber_row(&family)
            .map(|r| r.first_name.clone())
            .unwrap_or_default(),
        due_now: total_owed(statements.iter().map(|s| s.balance), credit),
        credit,
        grace,
        grace_first_month_paid: rule == GraceRule::SubsidyThreeMonths,
        methods,
        autopay: autopay_view(&state, hh).await?,
        payments,
        mail: mail(&state, &family),
        tokenize_url: TOKENIZE_PATH.into(),
        statements,
    }))
}

/// One of the household's statements as a printable PDF (any adult who
/// sees the statements may download it): the plan, the subscriber and
/// member ID, the figures `GET /api/v1/billing` sends, the status and the
/// grace period in words, and how to pay. Another household's statement is
/// answered like nothing is there.
#[utoipa::path(get, path = "/api/v1/billing/statements/{id}/statement.pdf", tag = "billing",
    params(("id" = i64, Path, description = "The statement's id")),
    responses((status = 200, content_type = "application/pdf", description = "The statement, one printable page"),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn statement_pdf(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let hh = family.user.household_id;
    let statement = statements(&state, hh)
        .await?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(ApiError::not_found)?;
    let rule = grace_rule(&state, hh).await?;
    let grace = grace_words(rule);
    let first_month_paid = rule == GraceRule::SubsidyThreeMonths;
    let grace_text = wording::grace_notice(&statement, &grace, first_month_paid, long_date)
        .unwrap_or_else(|| wording::grace_terms(&grace, first_month_paid));
    let subscriber = subscriber_row(&family).ok_or_else(ApiError::not_found)?;
    let plan_name = crate::db::members::id_card(&state.db, subscriber, state.clock.today())
        .await?
        .map(|card| card.plan.name)
        .unwrap_or_default();
    let pdf = crate::statement_pdf::render(&crate::statement_pdf::StatementPrint {
        statement: &statement,
        plan_name: &plan_name,
        subscriber: &format!("{} {}", subscriber.first_name, subscriber.last_name),
        member_id: &format!("{}*{}", subscriber.member_id_base, subscriber.suffix),
        grace: &grace_text,
        mail: &mail(&state, &family),
        autopay: store::autopay(&state.db, hh).await?.is_some(),
        phone: &state.config.member_services_phone,
        today: state.clock.today(),
    });
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (
                CONTENT_DISPOSITION,
                // The file name carries only the statement number.
                format!(
                    "attachment; filename=\"statement-{}.pdf\"",
                    statement.number
                ),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// Saves the payment method a processor token stands for.
#[utoipa::path(post, path = "/api/v1/billing/methods", tag = "billing", request_body = AddMethodRequest,
    responses((status = 201, body = PaymentMethod), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn add_method(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<AddMethodRequest>,
) -> ApiResult<(StatusCode, Json<PaymentMethod>)> {
    subscriber_only(&family)?;
    let hh = family.user.household_id;
    let unknown = || {
        ApiError::field(
            "token",
            "token.unknown",
            "That card or account could not be saved. Enter it again.",
        )
    };
    if body.token.is_empty() || body.token.len() > 100 {
        return Err(unknown());
    }
    let info = state
        .payments
        .gateway
        .token_info(&body.token)
        .await
        .map_err(|_| unknown())?;
    if info.kind == MethodKind::Card
        && !info.exp_month.zip(info.exp_year).is_some_and(|(m, y)| {
            portal_domain::billing::cards::expiry_ok(m, y, state.clock.today())
        })
    {
        return Err(ApiError::field(
            "token",
            "token.expired",
            "This card has expired.",
        ));
    }
    if store::method_count(&state.db, hh).await? >= MAX_METHODS {
        return Err(ApiError::field(
            "token",
            "token.too_many",
            "You have 10 saved methods: remove one first.",
        ));
    }
    let id = store::add_method(&state.db, hh, family.user.user_id, &body.token, &info).await?;
    store::event(
        &state.db,
        hh,
        None,
        Some(family.user.user_id),
        "method_added",
        Some(&id.to_string()),
        client.addr.as_deref(),
    )
    .await;
    let row = store::method(&state.db, hh, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(method_view(&row))))
}

/// Removes a saved method (not while autopay uses it).
#[utoipa::path(delete, path = "/api/v1/billing/methods/{id}", tag = "billing", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
pub async fn remove_method(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    subscriber_only(&family)?;
    let hh = family.user.household_id;
    store::method(&state.db, hh, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if store::autopay(&state.db, hh)
        .await?
        .is_some_and(|(m, _)| m == id)
    {
        return Err(ApiError::problem(
            portal_domain::problem::types::PAYMENT_CONFLICT,
            "Autopay uses this method",
            StatusCode::CONFLICT,
            "Autopay charges this method. Choose another method for autopay, or turn autopay off, first.",
        ));
    }
    store::remove_method(&state.db, hh, id).await?;
    store::event(
        &state.db,
        hh,
        None,
        Some(family.user.user_id),
        "method_removed",
        Some(&id.to_string()),
        client.addr.as_deref(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

/// Pays statements with a saved method, once per idempotency key.
#[utoipa::path(post, path = "/api/v1/billing/payments", tag = "billing", request_body = PayRequest,
    responses((status = 201, body = Receipt, description = "The payment (the same one again for a key already used)"),
        (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
        (status = 402, body = ProblemDetails, description = "Declined: nothing was charged"),
        (status = 403, body = ProblemDetails), (status = 409, body = ProblemDetails),
        (status = 503, body = ProblemDetails, description = "The processor did not answer: retry with the same key")))]
pub async fn pay(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<PayRequest>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    subscriber_only(&family)?;
    let errors = pay_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let row = payments::pay(
        &state,
        PayCommand {
            purpose: payments::Purpose::Premium,
            household_id: family.user.household_id,
            user_id: Some(family.user.user_id),
            key: body.idempotency_key,
            statement_ids: body.statement_ids,
            amount: body.amount,
            method_id: body.method_id,
            autopay: false,
            client_addr: client.addr,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(receipt(&row))))
}

/// A payment's receipt.
#[utoipa::path(get, path = "/api/v1/billing/payments/{transaction_id}", tag = "billing",
    params(("transaction_id" = String, Path)),
    responses((status = 200, body = Receipt), (status = 401, body = ProblemDetails),
        (status = 403, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn payment(
    State(state): State<AppState>,
    family: Family,
    ApiPath(transaction_id): ApiPath<String>,
) -> ApiResult<Json<Receipt>> {
    subscriber_only(&family)?;
    let row = store::payment_by_transaction(&state.db, family.user.household_id, &transaction_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(receipt(&row)))
}

/// Turns autopay on (or changes its method).
#[utoipa::path(put, path = "/api/v1/billing/autopay", tag = "billing", request_body = AutopayRequest,
    responses((status = 200, body = Autopay), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn set_autopay(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<AutopayRequest>,
) -> ApiResult<Json<Autopay>> {
    subscriber_only(&family)?;
    let hh = family.user.household_id;
    let mut errors = portal_domain::FieldErrors::new();
    if !body.consent {
        portal_domain::problem::push_error(
            &mut errors,
            "consent",
            portal_domain::FieldError::new(
                "consent.required",
                "Read the authorization and check the box to agree.",
            ),
        );
    }
    if store::method(&state.db, hh, body.method_id)
        .await?
        .is_none()
    {
        portal_domain::problem::push_error(
            &mut errors,
            "method_id",
            portal_domain::FieldError::new(
                "method_id.unknown",
                "Choose one of your saved payment methods.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    store::set_autopay(
        &state.db,
        hh,
        body.method_id,
        family.user.user_id,
        state.clock.today(),
        AUTOPAY_CONSENT,
    )
    .await?;
    store::event(
        &state.db,
        hh,
        None,
        Some(family.user.user_id),
        "autopay_on",
        Some(&body.method_id.to_string()),
        client.addr.as_deref(),
    )
    .await;
    autopay_view(&state, hh)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// Turns autopay off.
#[utoipa::path(delete, path = "/api/v1/billing/autopay", tag = "billing",
    responses((status = 204), (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn cancel_autopay(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
) -> ApiResult<StatusCode> {
    subscriber_only(&family)?;
    let hh = family.user.household_id;
    store::cancel_autopay(&state.db, hh).await?;
    store::event(
        &state.db,
        hh,
        None,
        Some(family.user.user_id),
        "autopay_off",
        None,
        client.addr.as_deref(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

/// Skips (or un-skips) autopay's payment of one statement, up to the day before it is due.
#[utoipa::path(post, path = "/api/v1/billing/autopay/skip", tag = "billing", request_body = SkipRequest,
    responses((status = 200, body = Autopay), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn skip_autopay(
    State(state): State<AppState>,
    family: Family,
    client: ClientInfo,
    ApiJson(body): ApiJson<SkipRequest>,
) -> ApiResult<Json<Autopay>> {
    subscriber_only(&family)?;
    let hh = family.user.household_id;
    if store::autopay(&state.db, hh).await?.is_none() {
        return Err(ApiError::field(
            "statement_id",
            "autopay.off",
            "Autopay is off: there is nothing to skip.",
        ));
    }
    let due = store::statement_due(&state.db, hh, body.statement_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if due <= state.clock.today() {
        return Err(ApiError::field(
            "statement_id",
            "statement_id.too_late",
            "A payment can be skipped up to the day before its due date.",
        ));
    }
    store::set_skip(&state.db, body.statement_id, family.user.user_id, body.skip).await?;
    let event = if body.skip {
        "autopay_skip"
    } else {
        "autopay_unskip"
    };
    store::event(
        &state.db,
        hh,
        None,
        Some(family.user.user_id),
        event,
        Some(&body.statement_id.to_string()),
        client.addr.as_deref(),
    )
    .await;
    autopay_view(&state, hh)
        .await?
        .map(Json)
        .ok_or_else(ApiError::not_found)
}

/// The sandbox processor's tokenization endpoint (stands for a
/// processor's hosted fields; not part of the portal's API, never logged).
pub async fn tokenize(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenizeRequest>,
) -> ApiResult<(StatusCode, Json<TokenResponse>)> {
    let sandbox = state
        .payments
        .sandbox
        .as_ref()
        .ok_or_else(ApiError::not_found)?;
    let errors = body.errors(sandbox.today().await?);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let token = match &body {
        TokenizeRequest::Card(c) => sandbox.tokenize_card(c).await?,
        TokenizeRequest::Bank(b) => sandbox.tokenize_bank(b).await?,
    };
    Ok((StatusCode::CREATED, Json(token)))
}

/// `POST /api/dev/payments/advance`: move the sandbox's calendar on.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AdvanceRequest {
    /// Days to move on (0-60).
    pub days: i64,
}

/// The sandbox's calendar after a move.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct AdvanceResponse {
    /// The sandbox's today (YYYY-MM-DD).
    pub sandbox_today: String,
}

/// Moves the sandbox processor's calendar on and runs the payments worker
/// once (posting, returns, autopay). Only with `--demo`.
#[utoipa::path(post, path = "/api/dev/payments/advance", tag = "meta", request_body = AdvanceRequest,
    responses((status = 200, body = AdvanceResponse), (status = 400, body = ProblemDetails),
        (status = 404, body = ProblemDetails, description = "Not served without --demo")))]
pub async fn advance(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<AdvanceRequest>,
) -> ApiResult<Json<AdvanceResponse>> {
    if !(0..=60).contains(&body.days) {
        return Err(ApiError::field(
            "days",
            "days.range",
            "Move 0 to 60 days on.",
        ));
    }
    let sandbox = state
        .payments
        .sandbox
        .as_ref()
        .ok_or_else(ApiError::not_found)?;
    let today = sandbox.advance(body.days).await?;
    payments::work(&state).await?;
    Ok(Json(AdvanceResponse {
        sandbox_today: today.to_string(),
    }))
}
