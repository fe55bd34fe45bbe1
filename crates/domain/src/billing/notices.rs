//! The emails a payment (of premiums or of provider bills) sends when
//! something happens to it: the receipt when it is accepted, and a notice
//! when an automatic payment (autopay, a payment plan's instalment) is
//! declined or the bank returns a payment. Each carries only the
//! transaction ID and the amount (no names, member IDs, methods or health
//! information); the details are in the portal.

use crate::money::Money;

/// What happened to a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentNotice {
    /// Accepted (the receipt).
    Received,
    /// An automatic payment (autopay, a payment plan's instalment) was
    /// declined: nothing was charged.
    AutopayFailed,
    /// The bank returned it: the statements are open again.
    Returned,
}

impl PaymentNotice {
    /// The outbox kind of its email.
    pub fn kind(self) -> &'static str {
        match self {
            PaymentNotice::Received => "payment_received",
            PaymentNotice::AutopayFailed => "payment_failed",
            PaymentNotice::Returned => "payment_returned",
        }
    }
}

/// What a payment paid: premium statements, or bills from providers (a
/// payment plan's scheduled instalments are marked automatic too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaidFor {
    /// Premium statements.
    Premium,
    /// Provider bills.
    ProviderBill,
}

/// Subject and body of the email about payment `transaction_id` of
/// `amount`, for `what` it paid.
pub fn payment_email(
    notice: PaymentNotice,
    what: PaidFor,
    transaction_id: &str,
    amount: Money,
) -> (String, String) {
    let (noun, subject_noun, keep) = match what {
        PaidFor::Premium => (
            "premium payment",
            "premium payment",
            " and keep your coverage",
        ),
        PaidFor::ProviderBill => ("payment to a provider", "provider bill payment", ""),
    };
    let (subject, first) = match notice {
        PaymentNotice::Received => (
            format!("Evergreen Health: we received your {subject_noun}"),
            format!(
                "We received your {noun} of {amount}. Transaction ID: {transaction_id}. \
                 Sign in and open Billing and payments to see the receipt."
            ),
        ),
        PaymentNotice::AutopayFailed => (
            format!("Evergreen Health: your scheduled {subject_noun} did not go through"),
            format!(
                "Your scheduled {noun} of {amount} (transaction ID: {transaction_id}) could not \
                 be made. Nothing was charged. Sign in and open Billing and payments to pay it \
                 yourself{keep}."
            ),
        ),
        PaymentNotice::Returned => (
            format!("Evergreen Health: your bank returned a {subject_noun}"),
            format!(
                "Your bank returned your {noun} of {amount} (transaction ID: \
                 {transaction_id}). Sign in and open Billing and payments to pay it again{keep}."
            ),
        ),
    };
    let body = format!(
        "{first}\n\nFor your privacy we never put other details in an email. Quote the transaction \
         ID if you call Member Services.\n\nEvergreen Health"
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_emails_carry_the_transaction_id_and_amount_only() {
        let amount = Money::from_cents(56_012);
        for what in [PaidFor::Premium, PaidFor::ProviderBill] {
            for (notice, kind, words) in [
                (PaymentNotice::Received, "payment_received", "We received"),
                (
                    PaymentNotice::AutopayFailed,
                    "payment_failed",
                    "Nothing was charged",
                ),
                (
                    PaymentNotice::Returned,
                    "payment_returned",
                    "Your bank returned",
                ),
            ] {
                let (subject, body) = payment_email(notice, what, "PMT-ABCDEF1234", amount);
                assert_eq!(notice.kind(), kind);
                assert!(subject.starts_with("Evergreen Health: "), "{subject}");
                assert!(
                    body.contains("$560.12") && body.contains("PMT-ABCDEF1234"),
                    "{body}"
                );
                assert!(body.contains(words), "{body}");
                // Only one amount in it, and nothing that looks like a member ID.
                assert_eq!(body.matches('$').count(), 1, "{body}");
                assert!(!body.contains('*'), "{body}");
                // A provider bill is never called a premium, nor tied to coverage.
                if what == PaidFor::ProviderBill {
                    assert!(
                        !body.contains("premium") && !subject.contains("premium"),
                        "{body}"
                    );
                    assert!(!body.contains("coverage"), "{body}");
                } else {
                    assert!(body.contains("premium payment"), "{body}");
                }
            }
        }
    }
}
