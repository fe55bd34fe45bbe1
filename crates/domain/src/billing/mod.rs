//! Premium billing and payments: card and bank checks, statement status and
//! the grace period, how a payment is spread over statements, payment plan
//! schedules, autopay's rule, and the API bodies.
//!
//! * [`cards`]: Luhn, brands, expiry, security code, ABA routing checksum.
//! * [`statements`]: status, grace period, business days, allocation, instalments.
//! * [`api`]: the JSON bodies of `/api/v1/billing/*` and of tokenization.

pub mod api;
pub mod cards;
pub mod statements;

use crate::money::Money;
use chrono::NaiveDate;

/// The most a payment may exceed what the chosen statements owe (the rest
/// becomes a credit): a mistyped extra digit should not take $5,000.
pub const MAX_OVERPAYMENT: Money = Money::from_dollars(1_000);

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
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert!(autopay_pays(d(13), d(1), d(13)));
        assert!(autopay_pays(d(13), d(13), d(20)));
        assert!(!autopay_pays(d(13), d(1), d(12)));
        assert!(!autopay_pays(d(1), d(2), d(20)));
    }

    #[test]
    fn total_owed_nets_the_credit() {
        let m = Money::from_cents;
        assert_eq!(total_owed([m(500), m(700)], m(200)), m(1000));
        assert_eq!(total_owed([m(500)], m(900)), m(0));
    }
}
