//! The sentences about the grace period, written once: the billing page's
//! past-due notice and the printable statement use the same words.

use super::api::Statement;
use super::statements::StatementStatus;
use chrono::NaiveDate;

/// The statement a past-due notice is about: the oldest one in its grace
/// period or overdue (`None`: nothing is past due).
pub fn past_due(statements: &[Statement]) -> Option<&Statement> {
    statements
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                StatementStatus::GracePeriod | StatementStatus::Overdue
            )
        })
        .min_by_key(|s| s.due)
}

/// Which claims the grace period may hold, in words.
fn held_claims(first_month_paid: bool) -> &'static str {
    if first_month_paid {
        "claims for care in the first month are paid as usual; claims for care after it"
    } else {
        "claims for care during the grace period"
    }
}

/// What the grace period means for statement `s` when it is past due
/// (`None` otherwise). `grace`: its length in words ("31 days");
/// `first_month_paid`: the subsidised three-month grace period, whose first
/// month's claims are paid; `date`: how dates are written.
pub fn grace_notice(
    s: &Statement,
    grace: &str,
    first_month_paid: bool,
    date: impl Fn(NaiveDate) -> String,
) -> Option<String> {
    let ends = s.grace_ends?;
    match s.status {
        StatementStatus::GracePeriod => Some(format!(
            "Statement {} was due on {}. You are in the grace period ({grace} after the due date) until {}: your coverage continues, but {} may be held (pended, not denied) until the premium is paid. Once it is paid, held claims are processed as usual. If it is not paid by {}, your coverage may end.",
            s.number,
            date(s.due),
            date(ends),
            held_claims(first_month_paid),
            date(ends)
        )),
        StatementStatus::Overdue => Some(format!(
            "Statement {} was due on {} and the grace period ended on {}. Your coverage may end: pay now, or call Member Services at the number on your ID card.",
            s.number,
            date(s.due),
            date(ends)
        )),
        _ => None,
    }
}

/// The grace period's terms for a statement that is not past due (the
/// printable statement): what happens if it is not paid by its due date.
pub fn grace_terms(grace: &str, first_month_paid: bool) -> String {
    format!(
        "If the premium is not paid by the due date, a grace period of {grace} follows: your coverage continues, but {} may be held (pended, not denied) until the premium is paid. Once it is paid, held claims are processed as usual. If it is not paid by the end of the grace period, your coverage may end.",
        held_claims(first_month_paid)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn statement(id: i64, due: NaiveDate, status: StatementStatus) -> Statement {
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
            .then(|| due + chrono::Duration::days(31)),
        }
    }

    #[test]
    fn the_notice_is_about_the_oldest_past_due_statement() {
        let list = [
            statement(3, day(2026, 12, 13), StatementStatus::Due),
            statement(2, day(2026, 11, 13), StatementStatus::GracePeriod),
            statement(1, day(2026, 10, 13), StatementStatus::Paid),
        ];
        let s = past_due(&list).expect("one past due");
        assert_eq!(s.id, 2);
        let text = grace_notice(s, "31 days", false, |d| d.to_string()).expect("a notice");
        assert!(text.starts_with("Statement PS-000002 was due on 2026-11-13. You are in the grace period (31 days after the due date) until 2026-12-14"), "{text}");
        assert!(text
            .contains("claims for care during the grace period may be held (pended, not denied)"));
        let sub = grace_notice(s, "3 months", true, |d| d.to_string()).expect("a notice");
        assert!(sub.contains("first month are paid as usual"), "{sub}");
        assert_eq!(
            grace_notice(&list[0], "31 days", false, |d| d.to_string()),
            None
        );
        let over = statement(4, day(2026, 9, 13), StatementStatus::Overdue);
        let text = grace_notice(&over, "31 days", false, |d| d.to_string()).expect("a notice");
        assert!(
            text.contains("the grace period ended on 2026-10-14"),
            "{text}"
        );
        assert!(grace_terms("31 days", false).contains("a grace period of 31 days follows"));
        assert_eq!(past_due(&list[..1]), None);
    }
}
