//! Claims held (pended) in a premium grace period.
//!
//! Rule: a claim not yet processed (received or in process) is on hold when
//! its care was given during the grace period of a statement that is in its
//! grace period today (so not paid: nothing processing covers it), after
//! the days whose claims are paid as usual ([`GraceRule::claims_paid_until`]:
//! the first month of a subsidised household's three-month grace period).
//! A held claim is not denied: it is processed when the premium is paid. A
//! claim already processed, care before the due date, or a statement paid,
//! processing or past its grace period (coverage may end: the claim is not
//! promised anything) is never called held.

use super::api::Statement;
use super::statements::{GraceRule, StatementStatus};
use crate::claims::ClaimStatus;
use chrono::NaiveDate;

/// Why a claim is on hold: the statement past due and its grace period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PremiumHold {
    /// The statement's number (`PS-000123`).
    pub statement: String,
    /// Its due date.
    pub due: NaiveDate,
    /// The last day of its grace period: pay by then.
    pub grace_ends: NaiveDate,
    /// The last day whose care is paid as usual (the first month of a
    /// subsidised grace period), when there is one.
    pub paid_until: Option<NaiveDate>,
}

/// The hold on a claim in `status` for care on `service`, given the
/// household's statements as they stand today and its grace rule (`None`:
/// not held). When several statements' grace periods cover the day, the
/// oldest is the one that holds it.
pub fn premium_hold(
    status: ClaimStatus,
    service: NaiveDate,
    statements: &[Statement],
    grace: GraceRule,
) -> Option<PremiumHold> {
    if !matches!(status, ClaimStatus::Received | ClaimStatus::InProcess) {
        return None;
    }
    statements
        .iter()
        .filter(|s| s.status == StatementStatus::GracePeriod)
        .filter_map(|s| {
            let ends = s.grace_ends.unwrap_or_else(|| grace.ends(s.due));
            let paid_until = grace.claims_paid_until(s.due);
            let held_from = paid_until.unwrap_or(s.due);
            (service > held_from && service <= ends).then(|| PremiumHold {
                statement: s.number.clone(),
                due: s.due,
                grace_ends: ends,
                paid_until,
            })
        })
        .min_by_key(|h| h.due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn statement(id: i64, due: NaiveDate, status: StatementStatus, grace: GraceRule) -> Statement {
        Statement {
            id,
            number: format!("PS-{id:06}"),
            period_start: due,
            period_end: due,
            due,
            amount: Money::from_cents(56_000),
            paid: Money::ZERO,
            pending: Money::ZERO,
            balance: Money::from_cents(56_000),
            status,
            grace_ends: matches!(
                status,
                StatementStatus::GracePeriod | StatementStatus::Overdue
            )
            .then(|| grace.ends(due)),
        }
    }

    #[test]
    fn held_only_in_the_grace_period_unpaid_and_not_yet_processed() {
        use ClaimStatus::*;
        use StatementStatus as S;
        let days = GraceRule::Days(31);
        let sub = GraceRule::SubsidyThreeMonths;
        let due = day(2026, 11, 13);
        let held = |status, service, st: S, rule| {
            premium_hold(status, service, &[statement(7, due, st, rule)], rule)
                .map(|h| (h.statement, h.grace_ends))
        };
        let want = Some(("PS-000007".to_string(), day(2026, 12, 14)));
        let sub_want = Some(("PS-000007".to_string(), day(2027, 2, 12)));
        for (i, (status, service, st, rule, expect)) in [
            // 31-day grace period: any care in it is held.
            (
                Received,
                day(2026, 11, 14),
                S::GracePeriod,
                days,
                want.clone(),
            ),
            (
                InProcess,
                day(2026, 12, 14),
                S::GracePeriod,
                days,
                want.clone(),
            ),
            // Care on or before the due date, or after the grace period: not held.
            (Received, due, S::GracePeriod, days, None),
            (Received, day(2026, 12, 15), S::GracePeriod, days, None),
            // Processed claims are never called held.
            (Paid, day(2026, 11, 20), S::GracePeriod, days, None),
            (Denied, day(2026, 11, 20), S::GracePeriod, days, None),
            // Paid, processing, not yet due, or past the grace period: not held.
            (Received, day(2026, 11, 20), S::Paid, days, None),
            (Received, day(2026, 11, 20), S::Processing, days, None),
            (Received, day(2026, 11, 20), S::Due, days, None),
            (Received, day(2026, 11, 20), S::Overdue, days, None),
            // Subsidised: the first month's claims are paid, later ones held.
            (Received, day(2026, 11, 20), S::GracePeriod, sub, None),
            (Received, day(2026, 12, 12), S::GracePeriod, sub, None),
            (
                Received,
                day(2026, 12, 13),
                S::GracePeriod,
                sub,
                sub_want.clone(),
            ),
            (
                InProcess,
                day(2027, 2, 12),
                S::GracePeriod,
                sub,
                sub_want.clone(),
            ),
            (InProcess, day(2027, 2, 13), S::GracePeriod, sub, None),
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(held(status, service, st, rule), expect, "case {i}");
        }
        // The oldest statement whose grace period covers the day holds it.
        let two = [
            statement(9, day(2027, 1, 13), S::GracePeriod, sub),
            statement(8, day(2026, 12, 13), S::GracePeriod, sub),
        ];
        let h = premium_hold(Received, day(2027, 1, 20), &two, sub).expect("held");
        assert_eq!(h.statement, "PS-000008");
        assert_eq!(h.paid_until, Some(day(2027, 1, 12)));
    }
}
