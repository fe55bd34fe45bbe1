//! What members owe their providers: a bill per processed claim with a
//! member share, paid through the portal at once or by a payment plan, or
//! disputed.
//!
//! Rules, written once:
//! * A **provider bill** is the member's share of one processed claim (the
//!   EOB's "you may owe", the same figure), sent by a provider who bills
//!   through the plan's patient-billing service. It is due
//!   [`BILL_DUE_DAYS`] days after the claim was processed. What was paid at
//!   the provider's office, when the provider reports it, counts as paid.
//! * **Status** on a day: `disputed` while a dispute is open (nothing is
//!   charged for it, nothing is past due); `paid` when nothing is owed and
//!   nothing is processing; `processing` when pending payments cover what
//!   is left; `in_plan` while an active payment plan pays it; after the due
//!   date, `past_due`; else `partly_paid` when some is paid, or `due`.
//! * A **payment** through the portal pays the chosen bills in the order
//!   given, each up to its balance, and may not be more than they owe (a
//!   provider bill has no credit to keep an overpayment on).
//! * A **payment plan** splits the chosen bills' balance into 2-12 equal
//!   monthly instalments ([`super::statements::instalments`]: the first
//!   ones carry the odd cents, so they add up exactly); the first is
//!   charged when the plan is confirmed, the rest on the same day of each
//!   following month. A disputed bill cannot go into a plan; a plan whose
//!   bill is disputed later is paused until the dispute is answered.

use super::statements::{Figures, INSTALMENT_MONTHS};
use crate::code_enum::code_enum;
use crate::money::Money;
use crate::problem::{push_error, FieldError};
use crate::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Days after a claim is processed that the member's share is due.
pub const BILL_DUE_DAYS: i64 = 30;

/// Most bills one payment or plan may cover.
pub const MAX_BILLS: usize = 24;

/// Shortest and longest dispute explanation, in characters.
pub const DISPUTE_DETAILS: std::ops::RangeInclusive<usize> = 10..=2000;

/// The number printed on a provider bill.
pub fn bill_number(id: i64) -> String {
    format!("PB-{id:06}")
}

/// The number of a payment plan.
pub fn plan_number(id: i64) -> String {
    format!("PP-{id:06}")
}

/// The reference of a dispute (quoted to Member Services).
pub fn dispute_reference(year: i32, id: i64) -> String {
    format!("BD-{year}-{id:05}")
}

code_enum! {
    /// Where a provider bill stands.
    ProviderBillStatus {
        /// Not yet due, nothing paid.
        Due = "due" / "Due",
        /// Not yet due, partly paid.
        PartlyPaid = "partly_paid" / "Partly paid",
        /// A pending payment covers what is left.
        Processing = "processing" / "Payment processing",
        /// Paid in full.
        Paid = "paid" / "Paid",
        /// An active payment plan pays it.
        InPlan = "in_plan" / "In a payment plan",
        /// A dispute is open: on hold.
        Disputed = "disputed" / "Disputed: on hold",
        /// Past its due date.
        PastDue = "past_due" / "Past due",
    }
}

/// A bill's status on `today` (the rule in the module doc).
pub fn bill_status(
    figures: Figures,
    due: NaiveDate,
    today: NaiveDate,
    in_plan: bool,
    disputed: bool,
) -> ProviderBillStatus {
    let left = figures.balance();
    if disputed && left > Money::ZERO {
        ProviderBillStatus::Disputed
    } else if left == Money::ZERO && figures.pending == Money::ZERO {
        ProviderBillStatus::Paid
    } else if left == Money::ZERO {
        ProviderBillStatus::Processing
    } else if in_plan {
        ProviderBillStatus::InPlan
    } else if today > due {
        ProviderBillStatus::PastDue
    } else if figures.posted > Money::ZERO || figures.pending > Money::ZERO {
        ProviderBillStatus::PartlyPaid
    } else {
        ProviderBillStatus::Due
    }
}

/// Whether a bill in this status may be chosen for a payment or a plan.
pub fn payable(status: ProviderBillStatus) -> bool {
    matches!(
        status,
        ProviderBillStatus::Due | ProviderBillStatus::PartlyPaid | ProviderBillStatus::PastDue
    )
}

code_enum! {
    /// Why a member disputes a provider bill.
    DisputeReason {
        /// Not my bill or not my visit.
        NotMine = "not_mine" / "This isn't my bill or I didn't get this care",
        /// I already paid the provider.
        AlreadyPaid = "already_paid" / "I already paid the provider",
        /// The amount doesn't match my explanation of benefits.
        WrongAmount = "wrong_amount" / "The amount doesn't match my explanation of benefits",
        /// Billed out of network for care I was told was in network, or a surprise bill.
        SurpriseBill = "surprise_bill" / "I was billed as out of network when I shouldn't have been",
        /// Something else.
        Other = "other" / "Something else",
    }
}

code_enum! {
    /// Where a dispute stands.
    DisputeStatus {
        /// Waiting for Member Services.
        Open = "open" / "Under review",
        /// Answered.
        Resolved = "resolved" / "Answered",
    }
}

code_enum! {
    /// Where a payment plan stands.
    PlanStatus {
        /// Instalments are being charged.
        Active = "active" / "Active",
        /// A bill in it is disputed: no instalment is charged until the dispute is answered.
        Paused = "paused" / "Paused while a dispute is reviewed",
        /// Every instalment is paid.
        Completed = "completed" / "Paid off",
        /// Every instalment was tried but one did not go through: the rest is due.
        Ended = "ended" / "Ended with a balance left",
        /// Cancelled by the member.
        Cancelled = "cancelled" / "Cancelled",
    }
}

code_enum! {
    /// Where one instalment stands.
    InstalmentStatus {
        /// To be charged on its date.
        Scheduled = "scheduled" / "Scheduled",
        /// Charged (pending or posted).
        Charged = "charged" / "Charged",
        /// The charge was declined or returned: not retried (what it would
        /// have paid stays due; pay it from the bills list).
        Failed = "failed" / "Didn't go through",
        /// Not charged: the plan ended before it.
        Cancelled = "cancelled" / "Not charged",
    }
}

/// A dispute as shown on its bill.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// Reference (quote it to Member Services).
    pub reference: String,
    /// Why.
    pub reason: DisputeReason,
    /// Where it stands.
    pub status: DisputeStatus,
    /// Opened on.
    #[serde(with = "crate::dates::iso")]
    pub opened_on: NaiveDate,
    /// The secure message thread Member Services answers in.
    pub thread_id: i64,
}

/// One bill from a provider: the member's share of one processed claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderBill {
    /// Opaque id.
    pub id: i64,
    /// Bill number (`PB-000123`).
    pub number: String,
    /// The claim's opaque id (for its EOB).
    pub claim_id: i64,
    /// Claim number.
    pub claim_number: String,
    /// Who had the care (first name).
    pub patient: String,
    /// Provider.
    pub provider: String,
    /// Provider's billing phone.
    pub provider_phone: String,
    /// First day of service.
    #[serde(with = "crate::dates::iso")]
    pub service_date: NaiveDate,
    /// Due date.
    #[serde(with = "crate::dates::iso")]
    pub due: NaiveDate,
    /// The member's share (the EOB's "you may owe").
    pub amount: Money,
    /// Paid (posted, and what the provider reports was paid at the office).
    pub paid: Money,
    /// Applied by payments still processing.
    pub pending: Money,
    /// Still owed once pending payments post.
    pub balance: Money,
    /// Status today.
    pub status: ProviderBillStatus,
    /// The payment plan paying it, when one does.
    #[serde(default)]
    pub plan_id: Option<i64>,
    /// The latest dispute, when there is one.
    #[serde(default)]
    pub dispute: Option<Dispute>,
}

/// One instalment of a payment plan.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    /// 1-based.
    pub n: u32,
    /// The day it is charged.
    #[serde(with = "crate::dates::iso")]
    pub on: NaiveDate,
    /// Amount.
    pub amount: Money,
    /// Where it stands.
    pub status: InstalmentStatus,
    /// The payment's transaction ID, once charged.
    #[serde(default)]
    pub transaction_id: Option<String>,
}

/// A payment plan.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPlan {
    /// Opaque id.
    pub id: i64,
    /// Plan number (`PP-000012`).
    pub number: String,
    /// The balance it pays.
    pub total: Money,
    /// Months.
    pub months: u32,
    /// The method it charges ("Visa ending 4242").
    pub method: String,
    /// Bills it pays (their numbers).
    pub bills: Vec<String>,
    /// Where it stands.
    pub status: PlanStatus,
    /// Every instalment.
    pub instalments: Vec<Instalment>,
}

/// `GET /api/v1/billing/providers`: the bills the caller may see.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderBills {
    /// The caller may pay (the subscriber, who holds the household's payment methods).
    pub can_pay: bool,
    /// The subscriber's first name (for "only Alex can pay here").
    pub subscriber: String,
    /// Bills, open ones first (oldest due first), then paid ones (newest first).
    pub bills: Vec<ProviderBill>,
    /// What the open bills still owe (disputed ones left out).
    pub total_due: Money,
    /// Payment plans, newest first.
    pub plans: Vec<PaymentPlan>,
    /// The plan's today: a new payment plan's first instalment is charged
    /// today (the browser previews the schedule from it with
    /// [`super::statements::instalments`]).
    #[serde(with = "crate::dates::iso")]
    pub today: NaiveDate,
}

/// `POST /api/v1/billing/providers/payments`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderPayRequest {
    /// A key the browser makes once per payment (16-64 letters, digits or dashes).
    pub idempotency_key: String,
    /// Bills to pay, in the order to pay them.
    pub bill_ids: Vec<i64>,
    /// Amount (all or part of what they owe; never more).
    pub amount: Money,
    /// The saved method to charge.
    pub method_id: i64,
}

/// `POST /api/v1/billing/providers/plans`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// A key the browser makes once per plan.
    pub idempotency_key: String,
    /// Bills the plan pays.
    pub bill_ids: Vec<i64>,
    /// Months (2-12).
    pub months: u32,
    /// The saved method to charge each month.
    pub method_id: i64,
    /// The member agreed to [`PLAN_CONSENT`].
    pub consent: bool,
}

/// `POST /api/v1/billing/providers/{id}/dispute`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeRequest {
    /// Why.
    pub reason: DisputeReason,
    /// What is wrong, in the member's words.
    pub details: String,
}

/// The text a member agrees to when setting up a payment plan.
pub const PLAN_CONSENT: &str = "I authorize the plan to charge the payment method I chose for \
     each instalment shown, on its date, until the plan is paid off or I cancel it. Cancelling \
     stops future instalments; what is still owed stays due.";

fn key_and_bills(e: &mut FieldErrors, key: &str, bill_ids: &[i64]) {
    if !super::api::idempotency_key_ok(key) {
        push_error(
            e,
            "idempotency_key",
            FieldError::new(
                "idempotency_key.format",
                "Send a key of 16 to 64 letters, digits or dashes.",
            ),
        );
    }
    if bill_ids.is_empty() || bill_ids.len() > MAX_BILLS {
        push_error(
            e,
            "bill_ids",
            FieldError::new("bill_ids.required", "Choose at least one bill."),
        );
    } else {
        let mut ids = bill_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != bill_ids.len() {
            push_error(
                e,
                "bill_ids",
                FieldError::new("bill_ids.repeated", "Choose each bill once."),
            );
        }
    }
}

/// The amount rule of a provider payment: more than $0.00 and, when what
/// the chosen bills owe is known, at most that.
pub fn provider_amount_error(amount: Option<Money>, owed: Option<Money>) -> Option<FieldError> {
    match amount {
        Some(a) if a > Money::ZERO => owed.filter(|o| a > *o).map(|o| {
            FieldError::new(
                "amount.too_much",
                format!("Pay at most {o}: that is what the bills you chose owe."),
            )
        }),
        other => super::amount_error(other, None),
    }
}

/// The checks of a provider payment that need no database, by field
/// (`idempotency_key`, `bill_ids`, `amount`).
pub fn provider_pay_errors(body: &ProviderPayRequest) -> FieldErrors {
    let mut e = FieldErrors::new();
    key_and_bills(&mut e, &body.idempotency_key, &body.bill_ids);
    if let Some(error) = provider_amount_error(Some(body.amount), None) {
        push_error(&mut e, "amount", error);
    }
    e
}

/// The checks of a payment plan request that need no database, by field
/// (`idempotency_key`, `bill_ids`, `months`, `consent`).
pub fn plan_errors(body: &PlanRequest) -> FieldErrors {
    let mut e = FieldErrors::new();
    key_and_bills(&mut e, &body.idempotency_key, &body.bill_ids);
    if !INSTALMENT_MONTHS.contains(&body.months) {
        push_error(
            &mut e,
            "months",
            FieldError::new(
                "months.range",
                format!(
                    "Choose {} to {} months.",
                    INSTALMENT_MONTHS.start(),
                    INSTALMENT_MONTHS.end()
                ),
            ),
        );
    }
    if !body.consent {
        push_error(
            &mut e,
            "consent",
            FieldError::new(
                "consent.required",
                "Agree to the instalments being charged to set up the plan.",
            ),
        );
    }
    e
}

/// The smallest balance a plan may spread (smaller balances are paid at once).
pub const PLAN_MINIMUM: Money = Money::from_dollars(50);

/// Why a balance cannot go into a plan of `months`, if it cannot.
pub fn plan_balance_error(balance: Money, months: u32) -> Option<FieldError> {
    if balance < PLAN_MINIMUM {
        return Some(FieldError::new(
            "bill_ids.plan_minimum",
            format!("A payment plan needs a balance of at least {PLAN_MINIMUM}. Pay smaller balances at once."),
        ));
    }
    // Each instalment at least $10.00, so a plan is never 12 payments of pennies.
    let smallest = Money::from_cents(balance.cents() / i64::from(months.max(1)));
    (smallest < Money::from_dollars(10)).then(|| {
        FieldError::new(
            "months.too_many",
            "Choose fewer months: each instalment must be at least $10.00.",
        )
    })
}

/// The checks of a dispute, by field (`details`).
pub fn dispute_errors(body: &DisputeRequest) -> FieldErrors {
    let mut e = FieldErrors::new();
    let n = body.details.trim().chars().count();
    if !DISPUTE_DETAILS.contains(&n) {
        push_error(
            &mut e,
            "details",
            FieldError::new(
                "details.length",
                format!(
                    "Tell us what is wrong in {} to {} characters.",
                    DISPUTE_DETAILS.start(),
                    DISPUTE_DETAILS.end()
                ),
            ),
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::statements::instalments;
    use super::*;
    use proptest::prelude::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
    }

    fn fig(amount: i64, posted: i64, pending: i64) -> Figures {
        Figures {
            amount: Money::from_cents(amount),
            posted: Money::from_cents(posted),
            pending: Money::from_cents(pending),
        }
    }

    #[test]
    fn status_table() {
        use ProviderBillStatus as S;
        let due = day(11, 30);
        for (f, today, plan, disputed, want) in [
            (fig(9_000, 0, 0), day(11, 1), false, false, S::Due),
            (fig(9_000, 0, 0), due, false, false, S::Due),
            (fig(9_000, 0, 0), day(12, 1), false, false, S::PastDue),
            (
                fig(9_000, 2_000, 0),
                day(11, 1),
                false,
                false,
                S::PartlyPaid,
            ),
            (fig(9_000, 2_000, 0), day(12, 1), false, false, S::PastDue),
            (
                fig(9_000, 0, 9_000),
                day(12, 1),
                false,
                false,
                S::Processing,
            ),
            (fig(9_000, 9_000, 0), day(12, 1), false, false, S::Paid),
            (fig(9_000, 3_000, 0), day(12, 1), true, false, S::InPlan),
            (fig(9_000, 0, 0), day(12, 1), false, true, S::Disputed),
            (fig(9_000, 0, 0), day(12, 1), true, true, S::Disputed),
            (fig(9_000, 9_000, 0), day(12, 1), false, true, S::Paid),
        ] {
            assert_eq!(
                bill_status(f, due, today, plan, disputed),
                want,
                "{f:?} {today} {plan} {disputed}"
            );
        }
        assert!(payable(S::PastDue) && !payable(S::InPlan) && !payable(S::Disputed));
    }

    #[test]
    fn amount_rule() {
        let m = Money::from_cents;
        let code = |a, o| provider_amount_error(a, o).map(|e| e.code);
        assert_eq!(code(None, None).as_deref(), Some("amount.format"));
        assert_eq!(code(Some(m(0)), None).as_deref(), Some("amount.positive"));
        assert_eq!(code(Some(m(5_000)), Some(m(5_000))), None);
        assert_eq!(
            code(Some(m(5_001)), Some(m(5_000))).as_deref(),
            Some("amount.too_much")
        );
    }

    #[test]
    fn request_checks() {
        let mut p = PlanRequest {
            idempotency_key: "k".repeat(20),
            bill_ids: vec![1, 2],
            months: 6,
            method_id: 1,
            consent: true,
        };
        assert!(plan_errors(&p).is_empty());
        p.months = 13;
        p.consent = false;
        p.bill_ids = vec![1, 1];
        let e = plan_errors(&p);
        assert_eq!(e.len(), 3, "{e:?}");
        let pay = ProviderPayRequest {
            idempotency_key: "short".into(),
            bill_ids: vec![],
            amount: Money::ZERO,
            method_id: 1,
        };
        assert_eq!(provider_pay_errors(&pay).len(), 3);
        let d = DisputeRequest {
            reason: DisputeReason::Other,
            details: "   too short ".into(),
        };
        assert!(!dispute_errors(&d).is_empty());
        let d = DisputeRequest {
            reason: DisputeReason::AlreadyPaid,
            details: "I paid at the front desk on the day.".into(),
        };
        assert!(dispute_errors(&d).is_empty());
    }

    #[test]
    fn plan_balance_rule() {
        let m = Money::from_cents;
        assert_eq!(
            plan_balance_error(m(4_999), 2).map(|e| e.code).as_deref(),
            Some("bill_ids.plan_minimum")
        );
        assert_eq!(plan_balance_error(m(5_000), 2), None);
        assert_eq!(plan_balance_error(m(12_000), 12), None);
        assert_eq!(
            plan_balance_error(m(11_999), 12).map(|e| e.code).as_deref(),
            Some("months.too_many")
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(bill_number(42), "PB-000042");
        assert_eq!(plan_number(7), "PP-000007");
        assert_eq!(dispute_reference(2026, 3), "BD-2026-00003");
    }

    proptest! {
        /// A plan's instalments add up exactly to the balance, differ by at
        /// most a cent, and fall one month apart.
        #[test]
        fn plan_instalments_add_up(cents in 5_000i64..5_000_000, months in 2u32..=12, d in 1u32..=28) {
            let first = day(1, d);
            let plan = instalments(Money::from_cents(cents), months, first).expect("a plan");
            prop_assert_eq!(plan.len(), months as usize);
            prop_assert_eq!(plan.iter().map(|(_, a)| *a).sum::<Money>(), Money::from_cents(cents));
            let hi = plan.iter().map(|(_, a)| a.cents()).max().unwrap_or(0);
            let lo = plan.iter().map(|(_, a)| a.cents()).min().unwrap_or(0);
            prop_assert!(hi - lo <= 1);
            prop_assert_eq!(plan[0].0, first);
            prop_assert_eq!(plan[1].0, first.checked_add_months(chrono::Months::new(1)).expect("date"));
        }
    }
}
