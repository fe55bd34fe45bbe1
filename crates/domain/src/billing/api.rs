//! The JSON bodies of the billing API (`/api/v1/billing/*`) and of the
//! processor's tokenization endpoint.

use super::cards::{CardBrand, MethodKind};
use super::statements::StatementStatus;
use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One monthly premium statement, with figures from the ledger.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Opaque id.
    pub id: i64,
    /// Statement number (printed on it; write it on a check).
    pub number: String,
    /// First day of coverage it pays for.
    #[serde(with = "crate::dates::iso")]
    pub period_start: NaiveDate,
    /// Last day of coverage it pays for.
    #[serde(with = "crate::dates::iso")]
    pub period_end: NaiveDate,
    /// Due date.
    #[serde(with = "crate::dates::iso")]
    pub due: NaiveDate,
    /// The monthly premium (the figure `/plans` shows for the household's tier).
    pub amount: Money,
    /// Applied by posted payments.
    pub paid: Money,
    /// Applied by payments still processing.
    pub pending: Money,
    /// Still owed once pending payments post.
    pub balance: Money,
    /// Status today.
    pub status: StatementStatus,
    /// Last day of the grace period (when past due).
    #[serde(default, with = "crate::dates::iso_opt")]
    pub grace_ends: Option<NaiveDate>,
}

/// A saved payment method (what the portal keeps: never the full number).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    /// Opaque id.
    pub id: i64,
    /// Card or bank account.
    pub kind: MethodKind,
    /// Card brand (cards only).
    #[serde(default)]
    pub brand: Option<CardBrand>,
    /// Last four digits of the card or account number.
    pub last4: String,
    /// Expiry month (cards only).
    #[serde(default)]
    pub exp_month: Option<u32>,
    /// Expiry year (cards only).
    #[serde(default)]
    pub exp_year: Option<i32>,
    /// "Visa ending 4242", "Checking account ending 6789".
    pub label: String,
}

/// Where a payment stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Accepted, not yet posted (1-3 business days).
    Pending,
    /// Posted: the money arrived.
    Posted,
    /// Declined or failed: nothing was taken.
    Failed,
    /// The bank returned it after it posted: the statements are open again.
    Returned,
}

impl PaymentStatus {
    /// Plain words.
    pub fn label(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "Processing",
            PaymentStatus::Posted => "Posted",
            PaymentStatus::Failed => "Failed",
            PaymentStatus::Returned => "Returned by the bank",
        }
    }
}

/// One statement a payment paid, and how much.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedPart {
    /// The statement's number (`PS-…`), or the provider bill's (`PB-…`).
    pub statement: String,
    /// Amount applied to it.
    pub amount: Money,
}

/// A payment and its receipt.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Transaction ID (quote it to Member Services).
    pub transaction_id: String,
    /// Amount taken.
    pub amount: Money,
    /// How it was paid: "Visa ending 4242", "Check".
    pub method: String,
    /// Status.
    pub status: PaymentStatus,
    /// Why it failed or was returned, in plain words.
    #[serde(default)]
    pub failure: Option<String>,
    /// The day it was made.
    #[serde(with = "crate::dates::iso")]
    pub made_on: NaiveDate,
    /// The day it is expected to post (pending) or posted.
    #[serde(default, with = "crate::dates::iso_opt")]
    pub posts_on: Option<NaiveDate>,
    /// What it paid.
    pub applied: Vec<AppliedPart>,
    /// What became a credit on the account.
    pub credit: Money,
    /// Made by autopay.
    pub autopay: bool,
}

/// Autopay as it stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Autopay {
    /// The method it charges.
    pub method: PaymentMethod,
    /// The day it was turned on.
    #[serde(with = "crate::dates::iso")]
    pub since: NaiveDate,
    /// The next payment it will make: (due date, amount), unless skipped.
    #[serde(default)]
    pub next: Option<ScheduledPayment>,
}

/// A payment autopay will make.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledPayment {
    /// The statement's id.
    pub statement_id: i64,
    /// The day it will be charged (the due date).
    #[serde(with = "crate::dates::iso")]
    pub on: NaiveDate,
    /// The amount.
    pub amount: Money,
    /// Skipped by the member: it will not be charged.
    pub skipped: bool,
}

/// Where to mail a check or money order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPayment {
    /// Payable to.
    pub payable_to: String,
    /// Mailing address lines.
    pub address: Vec<String>,
    /// What to write on the check's memo line.
    pub memo: String,
}

/// `GET /api/v1/billing`: the household's premium billing.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingSummary {
    /// The caller is the subscriber: only they pay premiums.
    pub can_pay: bool,
    /// The subscriber's first name (for "only Alex can pay").
    pub subscriber: String,
    /// Statements, newest first.
    pub statements: Vec<Statement>,
    /// Owed now: open statements that are due or past due, less any credit.
    pub due_now: Money,
    /// Credit on the account (overpayments), applied to the next payment.
    pub credit: Money,
    /// Grace period length in words ("31 days", "3 months").
    pub grace: String,
    /// Claims for care in the grace period's first month are paid as usual
    /// (the three-month grace period of a household with an advance
    /// premium tax credit); otherwise any may be held.
    #[serde(default)]
    pub grace_first_month_paid: bool,
    /// Saved payment methods (subscriber only).
    pub methods: Vec<PaymentMethod>,
    /// Autopay, when on.
    #[serde(default)]
    pub autopay: Option<Autopay>,
    /// Payments, newest first.
    pub payments: Vec<Receipt>,
    /// Paying by mail.
    pub mail: MailPayment,
    /// The processor's tokenization endpoint the browser sends card and
    /// bank details to (never the portal's API).
    pub tokenize_url: String,
}

/// `POST /api/v1/billing/methods`: save the method a token stands for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddMethodRequest {
    /// The processor's token.
    pub token: String,
}

/// `POST /api/v1/billing/payments`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayRequest {
    /// A key the browser makes once per payment (16-64 letters, digits or
    /// dashes): the same key again is the same payment, never a second one.
    pub idempotency_key: String,
    /// Statements to pay, in the order to pay them.
    pub statement_ids: Vec<i64>,
    /// Amount (partial or more: the rest becomes a credit).
    pub amount: Money,
    /// The saved method to charge.
    pub method_id: i64,
}

/// `PUT /api/v1/billing/autopay`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutopayRequest {
    /// The saved method to charge on each due date.
    pub method_id: i64,
    /// The member agreed to [`AUTOPAY_CONSENT`].
    pub consent: bool,
}

/// `POST /api/v1/billing/autopay/skip`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipRequest {
    /// The statement whose automatic payment to skip (or un-skip).
    pub statement_id: i64,
    /// Skip it (true) or pay it after all (false).
    pub skip: bool,
}

/// What the browser sends the processor's tokenization endpoint: a card
/// or a bank account (never the portal's API).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenizeRequest {
    /// A card.
    Card(super::cards::CardInput),
    /// A bank account.
    Bank(super::cards::BankInput),
}

impl TokenizeRequest {
    /// Its field errors on `today` (the card or bank rules).
    pub fn errors(&self, today: NaiveDate) -> crate::FieldErrors {
        match self {
            TokenizeRequest::Card(c) => super::cards::card_errors(c, today),
            TokenizeRequest::Bank(b) => super::cards::bank_errors(b),
        }
    }
}

/// The field checks of a payment request that need no database, by field
/// (`idempotency_key`, `statement_ids`, `amount`): the browser runs them
/// before sending, the server on every request.
pub fn pay_errors(body: &PayRequest) -> crate::FieldErrors {
    use crate::problem::{push_error, FieldError};
    let mut e = crate::FieldErrors::new();
    if !idempotency_key_ok(&body.idempotency_key) {
        push_error(
            &mut e,
            "idempotency_key",
            FieldError::new(
                "idempotency_key.format",
                "Send a key of 16 to 64 letters, digits or dashes.",
            ),
        );
    }
    if body.statement_ids.is_empty() || body.statement_ids.len() > MAX_STATEMENTS {
        push_error(
            &mut e,
            "statement_ids",
            FieldError::new(
                "statement_ids.required",
                "Choose at least one statement to pay.",
            ),
        );
    } else {
        let mut ids = body.statement_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != body.statement_ids.len() {
            push_error(
                &mut e,
                "statement_ids",
                FieldError::new("statement_ids.repeated", "Choose each statement once."),
            );
        }
    }
    if let Some(error) = super::amount_error(Some(body.amount), None) {
        push_error(&mut e, "amount", error);
    }
    e
}

/// Most statements one payment may pay.
pub const MAX_STATEMENTS: usize = 24;

/// The processor's answer to a tokenization: a token and what may be shown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The token the portal stores instead of the number.
    pub token: String,
    /// Card or bank account.
    pub kind: MethodKind,
    /// Card brand.
    #[serde(default)]
    pub brand: Option<CardBrand>,
    /// Last four digits.
    pub last4: String,
}

/// The text a member agrees to when turning autopay on.
pub const AUTOPAY_CONSENT: &str = "I authorize the plan to charge the payment method I chose for \
     the full premium balance of each statement on its due date, until I cancel autopay. I can \
     cancel or skip a payment here up to the day before its due date.";

/// The label of a method: "Visa ending 4242", "Checking account ending 6789".
pub fn method_label(
    kind: MethodKind,
    brand: Option<CardBrand>,
    bank_type: Option<&str>,
    last4: &str,
) -> String {
    match kind {
        MethodKind::Card => format!("{} ending {last4}", brand.map_or("Card", CardBrand::label)),
        MethodKind::Bank => {
            let t = if bank_type == Some("savings") {
                "Savings"
            } else {
                "Checking"
            };
            format!("{t} account ending {last4}")
        }
    }
}

/// Whether an idempotency key has the allowed shape (16-64 ASCII letters,
/// digits or dashes).
pub fn idempotency_key_ok(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}
