//! The emails a premium payment sends when something happens to it: the
//! receipt when it is accepted, and a notice when autopay's payment is
//! declined or the bank returns a payment. Each carries only the
//! transaction ID and the amount (no names, member IDs, methods or health
//! information); the details are in the portal.

use crate::money::Money;

/// What happened to a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentNotice {
    /// Accepted (the receipt).
    Received,
    /// Autopay's payment was declined: nothing was charged.
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

/// Subject and body of the email about payment `transaction_id` of `amount`.
pub fn payment_email(
    notice: PaymentNotice,
    transaction_id: &str,
    amount: Money,
) -> (String, String) {
    let (subject, first) = match notice {
        PaymentNotice::Received => (
            "Evergreen Health: we received your premium payment",
            format!(
                "We received your premium payment of {amount}. Transaction ID: {transaction_id}. \
                 Sign in and open Billing and payments to see the receipt."
            ),
        ),
        PaymentNotice::AutopayFailed => (
            "Evergreen Health: your automatic payment did not go through",
            format!(
                "Autopay could not make your premium payment of {amount} (transaction ID: \
                 {transaction_id}). Nothing was charged. Sign in and open Billing and payments to \
                 pay the premium yourself and keep your coverage."
            ),
        ),
        PaymentNotice::Returned => (
            "Evergreen Health: your bank returned a premium payment",
            format!(
                "Your bank returned your premium payment of {amount} (transaction ID: \
                 {transaction_id}). Sign in and open Billing and payments to pay the premium again \
                 and keep your coverage."
            ),
        ),
    };
    let body = format!(
        "{first}\n\nFor your privacy we never put other details in an email. Quote the transaction \
         ID if you call Member Services.\n\nEvergreen Health"
    );
    (subject.to_string(), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_emails_carry_the_transaction_id_and_amount_only() {
        let amount = Money::from_cents(56_012);
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
            let (subject, body) = payment_email(notice, "PMT-ABCDEF1234", amount);
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
        }
    }
}
