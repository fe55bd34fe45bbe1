//! Premium billing and payments: card and bank checks, statement status and
//! the grace period, how a payment is spread over statements, payment plan
//! schedules, autopay's rule, and the API bodies.
//!
//! * [`cards`]: Luhn, brands, expiry, security code, ABA routing checksum.
//! * [`statements`]: status, grace period, allocation, instalments.
//! * [`business_days`]: the Federal Reserve's bank holidays and business days.
//! * [`holds`]: which claims a premium grace period holds.
//! * [`notices`]: the emails a payment sends (receipt, autopay declined, returned).
//! * [`wording`]: the grace period's sentences (billing page, printable statement).
//! * [`api`]: the JSON bodies of `/api/v1/billing/*` and of tokenization.
//! * [`provider_bills`]: what members owe providers: bills, payment plans, disputes.

pub mod api;
pub mod business_days;
pub mod cards;
pub mod holds;
pub mod notices;
pub mod provider_bills;
pub mod statements;
pub mod wording;

use crate::money::Money;
use crate::problem::FieldError;
use chrono::NaiveDate;

/// The most a payment may exceed what the chosen statements owe (the rest
/// becomes a credit): a mistyped extra digit should not take $5,000.
pub const MAX_OVERPAYMENT: Money = Money::from_dollars(1_000);

/// The amount rule of a payment, run by the browser as the member types and
/// by the server on every request: an amount (`None`: not a dollar amount)
/// more than $0.00 and, when what the chosen statements owe is known, at
/// most that plus [`MAX_OVERPAYMENT`].
pub fn amount_error(amount: Option<Money>, owed: Option<Money>) -> Option<FieldError> {
    match amount {
        None => Some(FieldError::new("amount.format", "Enter a dollar amount, like 180.00.")),
        Some(a) if a <= Money::ZERO => Some(FieldError::new("amount.positive", "Enter an amount more than $0.00.")),
        Some(a) => owed.filter(|o| a > *o + MAX_OVERPAYMENT).map(|o| {
            FieldError::new(
                "amount.too_much",
                format!(
                    "Pay at most {} (what you chose owes {o}, plus up to {MAX_OVERPAYMENT} as a credit).",
                    o + MAX_OVERPAYMENT
                ),
            )
        }),
    }
}

/// Whether autopay, turned on on `since`, pays a statement due on `due`
/// when it runs on `today`: statements due from the day it was turned on,
/// on or after their due date. Statements already past due when autopay
/// was turned on are left for the member to pay now.
pub fn autopay_pays(due: NaiveDate, since: NaiveDate, today: NaiveDate) -> bool {
    due >= since && due <= today
}

/// What the household owes: the open statements' balances less the credit
/// on the account, never below zero.
pub fn total_owed(balances: impl IntoIterator<Item = Money>, credit: Money) -> Money {
    (balances.into_iter().sum::<Money>() - credit).clamp_non_negative()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autopay_pays_from_its_start_on_the_due_date() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).expect("valid date");
        assert!(autopay_pays(d(13), d(1), d(13)));
        assert!(autopay_pays(d(13), d(13), d(20)));
        assert!(!autopay_pays(d(13), d(1), d(12)));
        assert!(!autopay_pays(d(1), d(2), d(20)));
    }

    #[test]
    fn amount_rule() {
        let m = Money::from_cents;
        let code = |a, o| amount_error(a, o).map(|e| e.code);
        assert_eq!(code(None, None).as_deref(), Some("amount.format"));
        assert_eq!(code(Some(m(0)), None).as_deref(), Some("amount.positive"));
        assert_eq!(
            code(Some(m(-1)), Some(m(5))).as_deref(),
            Some("amount.positive")
        );
        assert_eq!(code(Some(m(118_000)), Some(m(18_000))), None);
        assert_eq!(
            code(Some(m(118_001)), Some(m(18_000))).as_deref(),
            Some("amount.too_much")
        );
        assert_eq!(code(Some(m(999_999)), None), None);
    }

    #[test]
    fn total_owed_nets_the_credit() {
        let m = Money::from_cents;
        assert_eq!(total_owed([m(500), m(700)], m(200)), m(1000));
        assert_eq!(total_owed([m(500)], m(900)), m(0));
    }
}
