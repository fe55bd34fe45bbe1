//! Premium statements: their status on a day, the grace period, business
//! days, and how a payment is spread over statements.
//!
//! Rules, written once:
//! * A statement's **balance** is its amount less what payments (pending or
//!   posted) have applied to it; the ledger is the source of every figure.
//! * **Status** on a day: `paid` when nothing is owed and nothing is still
//!   processing; `processing` when a pending payment covers what is left;
//!   before or on the due date, `partly_paid` when some of it is paid, else
//!   `due`; after the due date, `grace_period` until the grace period ends,
//!   then `overdue`.
//! * **Grace period**: a configured number of days after the due date
//!   (31 by default), or, for a household receiving an advance premium tax
//!   credit, three months (45 CFR 156.270). During it coverage continues;
//!   claims for care in it may be held (pended), not denied, until the
//!   premium is paid.
//! * **Allocation**: a payment pays the chosen statements in the order given
//!   (oldest due first), each up to its balance; anything left over becomes
//!   a credit on the household's account.
//! * **Business days** skip Saturdays, Sundays and the Federal Reserve's
//!   bank holidays (see [`super::business_days`]), so a payment's posting
//!   date is the day the money settles.

use crate::code_enum::code_enum;
use crate::money::Money;
use chrono::{Duration, Months, NaiveDate};

pub use super::business_days::add_business_days;

code_enum! {
    /// Where a premium statement stands.
    StatementStatus {
        /// Not yet due, nothing paid.
        Due = "due" / "Due",
        /// Not yet due, partly paid.
        PartlyPaid = "partly_paid" / "Partly paid",
        /// A pending payment covers what is left.
        Processing = "processing" / "Payment processing",
        /// Paid in full.
        Paid = "paid" / "Paid",
        /// Past its due date, within the grace period.
        GracePeriod = "grace_period" / "Past due: in grace period",
        /// Past its due date and the grace period.
        Overdue = "overdue" / "Overdue",
    }
}

/// How long the grace period after a missed due date lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraceRule {
    /// A number of days after the due date.
    Days(u32),
    /// Three months, for households receiving an advance premium tax credit.
    SubsidyThreeMonths,
}

impl GraceRule {
    /// The last day of the grace period of a statement due on `due`.
    pub fn ends(self, due: NaiveDate) -> NaiveDate {
        match self {
            GraceRule::Days(d) => due + Duration::days(i64::from(d)),
            GraceRule::SubsidyThreeMonths => due
                .checked_add_months(Months::new(3))
                .map_or(due, |d| d - Duration::days(1)),
        }
    }

    /// Until when claims for care in the grace period are paid as usual
    /// (the rest are held until the premium is paid): the first month for a
    /// subsidised household, none for the others (`None`: all may be held).
    pub fn claims_paid_until(self, due: NaiveDate) -> Option<NaiveDate> {
        match self {
            GraceRule::Days(_) => None,
            GraceRule::SubsidyThreeMonths => due
                .checked_add_months(Months::new(1))
                .map(|d| d - Duration::days(1)),
        }
    }
}

/// A statement's figures, from the ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    /// What the statement asked for.
    pub amount: Money,
    /// Applied by payments that have posted.
    pub posted: Money,
    /// Applied by payments still pending.
    pub pending: Money,
}

impl Figures {
    /// What is still owed once pending payments post.
    pub fn balance(self) -> Money {
        (self.amount - self.posted - self.pending).clamp_non_negative()
    }

    /// The status on `today` for a statement due on `due`.
    pub fn status(self, due: NaiveDate, grace: GraceRule, today: NaiveDate) -> StatementStatus {
        let paid = self.posted + self.pending;
        if self.balance() == Money::ZERO {
            return if self.pending > Money::ZERO {
                StatementStatus::Processing
            } else {
                StatementStatus::Paid
            };
        }
        if today <= due {
            if paid > Money::ZERO {
                StatementStatus::PartlyPaid
            } else {
                StatementStatus::Due
            }
        } else if today <= grace.ends(due) {
            StatementStatus::GracePeriod
        } else {
            StatementStatus::Overdue
        }
    }
}

/// A payment spread over statements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allocation {
    /// (statement id, amount applied), in the order paid.
    pub applied: Vec<(i64, Money)>,
    /// Left over: a credit on the account.
    pub credit: Money,
}

/// Spreads `amount` over `open` (statement id, balance) in the order given,
/// each up to its balance; the rest is a credit. The applied amounts and
/// the credit always add up to `amount` exactly.
pub fn allocate(amount: Money, open: &[(i64, Money)]) -> Allocation {
    let mut left = amount.clamp_non_negative();
    let mut applied = Vec::new();
    for &(id, balance) in open {
        if left == Money::ZERO {
            break;
        }
        let part = left.min(balance.clamp_non_negative());
        if part > Money::ZERO {
            applied.push((id, part));
            left -= part;
        }
    }
    Allocation {
        applied,
        credit: left,
    }
}

/// Fewest and most monthly instalments of a payment plan.
pub const INSTALMENT_MONTHS: std::ops::RangeInclusive<u32> = 2..=12;

/// A payment plan's schedule: `months` monthly instalments of `balance`,
/// the first on `first`, the others on the same day of later months (the
/// month's last day when it is shorter). Instalments are equal to the cent
/// except that the first `balance mod months` cents are spread one each over
/// the first instalments, so they add up to `balance` exactly. `None` when
/// `months` is outside [`INSTALMENT_MONTHS`] or the balance is not positive.
pub fn instalments(
    balance: Money,
    months: u32,
    first: NaiveDate,
) -> Option<Vec<(NaiveDate, Money)>> {
    if !INSTALMENT_MONTHS.contains(&months) || balance <= Money::ZERO {
        return None;
    }
    let n = i64::from(months);
    let (base, extra) = (balance.cents() / n, balance.cents() % n);
    (0..months)
        .map(|i| {
            let day = first.checked_add_months(Months::new(i))?;
            let cents = base + i64::from(i64::from(i) < extra);
            Some((day, Money::from_cents(cents)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn status_table() {
        let due = day(2026, 11, 13);
        let g = GraceRule::Days(31);
        let f = |posted, pending| Figures {
            amount: m(56_000),
            posted: m(posted),
            pending: m(pending),
        };
        for (fig, today, want) in [
            (f(0, 0), day(2026, 11, 1), StatementStatus::Due),
            (f(0, 0), due, StatementStatus::Due),
            (f(10_000, 0), due, StatementStatus::PartlyPaid),
            (f(0, 10_000), day(2026, 11, 1), StatementStatus::PartlyPaid),
            (f(0, 56_000), day(2026, 11, 23), StatementStatus::Processing),
            (f(56_000, 0), day(2026, 11, 23), StatementStatus::Paid),
            (
                f(40_000, 16_000),
                day(2027, 3, 1),
                StatementStatus::Processing,
            ),
            (f(0, 0), day(2026, 11, 14), StatementStatus::GracePeriod),
            (f(100, 0), day(2026, 12, 14), StatementStatus::GracePeriod),
            (f(0, 0), day(2026, 12, 15), StatementStatus::Overdue),
        ] {
            assert_eq!(fig.status(due, g, today), want, "{fig:?} {today}");
        }
    }

    #[test]
    fn grace_period_dates() {
        assert_eq!(
            GraceRule::Days(31).ends(day(2026, 11, 13)),
            day(2026, 12, 14)
        );
        assert_eq!(
            GraceRule::SubsidyThreeMonths.ends(day(2026, 11, 1)),
            day(2027, 1, 31)
        );
        assert_eq!(
            GraceRule::SubsidyThreeMonths.ends(day(2026, 11, 30)),
            day(2027, 2, 27)
        );
        assert_eq!(
            GraceRule::SubsidyThreeMonths.claims_paid_until(day(2026, 11, 1)),
            Some(day(2026, 11, 30))
        );
        assert_eq!(
            GraceRule::Days(31).claims_paid_until(day(2026, 11, 1)),
            None
        );
    }

    #[test]
    fn allocation_table() {
        let open = [(1, m(56_000)), (2, m(56_000))];
        assert_eq!(
            allocate(m(56_000), &open),
            Allocation {
                applied: vec![(1, m(56_000))],
                credit: m(0)
            }
        );
        assert_eq!(
            allocate(m(70_000), &open),
            Allocation {
                applied: vec![(1, m(56_000)), (2, m(14_000))],
                credit: m(0)
            }
        );
        assert_eq!(
            allocate(m(120_000), &open),
            Allocation {
                applied: vec![(1, m(56_000)), (2, m(56_000))],
                credit: m(8_000)
            }
        );
        assert_eq!(
            allocate(m(1), &[(7, m(0)), (8, m(5))]).applied,
            vec![(8, m(1))]
        );
    }

    #[test]
    fn instalment_table() {
        let s = instalments(m(100_001), 3, day(2027, 1, 31)).expect("a schedule");
        assert_eq!(
            s,
            vec![
                (day(2027, 1, 31), m(33_334)),
                (day(2027, 2, 28), m(33_334)),
                (day(2027, 3, 31), m(33_333)),
            ]
        );
        assert_eq!(instalments(m(100), 1, day(2027, 1, 1)), None);
        assert_eq!(instalments(m(100), 13, day(2027, 1, 1)), None);
        assert_eq!(instalments(m(0), 2, day(2027, 1, 1)), None);
    }

    proptest! {
        #[test]
        fn allocation_adds_up(amount in 0i64..1_000_000, balances in proptest::collection::vec(0i64..200_000, 0..6)) {
            let open: Vec<(i64, Money)> = balances.iter().enumerate().map(|(i, b)| (i as i64, m(*b))).collect();
            let a = allocate(m(amount), &open);
            let total: Money = a.applied.iter().map(|(_, p)| *p).sum::<Money>() + a.credit;
            prop_assert_eq!(total, m(amount));
            for (id, part) in &a.applied {
                prop_assert!(*part <= open[*id as usize].1);
            }
            // Credit only when every statement is paid in full.
            if a.credit > Money::ZERO {
                let owed: i64 = balances.iter().sum();
                prop_assert_eq!(amount - owed, a.credit.cents());
            }
        }

        #[test]
        fn instalments_add_up_and_differ_by_at_most_a_cent(balance in 1i64..10_000_000, months in 2u32..=12) {
            let s = instalments(m(balance), months, day(2027, 1, 31)).expect("a schedule");
            prop_assert_eq!(s.len(), months as usize);
            prop_assert_eq!(s.iter().map(|(_, a)| *a).sum::<Money>(), m(balance));
            let hi = s.iter().map(|(_, a)| a.cents()).max().expect("instalments");
            let lo = s.iter().map(|(_, a)| a.cents()).min().expect("instalments");
            prop_assert!(hi - lo <= 1);
        }
    }
}
