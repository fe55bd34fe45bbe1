//! The email a payment (premiums or provider bills) sends when it is
//! accepted (the receipt), when an automatic one (autopay, a payment plan's
//! instalment) is declined, and when the bank returns it: queued in
//! the outbox in the same transaction as the change, so it goes out once
//! (the change happens once) and never for a change that was rolled back.
//! Sent to the email address on file of the account that paid, or for
//! autopay of the subscriber's account; nothing when there is none (the
//! alert in the portal still says it). The words are
//! `portal_domain::billing::notices`: the transaction ID and amount only.

use crate::db::billing::PaymentRow;
use crate::db::outbox::{self, Channel, NewMessage};
use portal_domain::billing::notices::{payment_email, PaidFor, PaymentNotice};
use portal_domain::money::Money;
use sqlx::SqliteConnection;

/// The account to tell about a payment and its email address, if any.
async fn recipient(
    conn: &mut SqliteConnection,
    row: &PaymentRow,
) -> sqlx::Result<Option<(i64, String)>> {
    let found: Option<(i64, Option<String>)> = match row.user_id {
        Some(user) => {
            sqlx::query_as("SELECT id, email FROM users WHERE id = ?")
                .bind(user)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => {
            sqlx::query_as(
                "SELECT u.id, u.email FROM users u JOIN members m ON m.id = u.member_id \
                 WHERE m.household_id = ? AND m.relationship = 'subscriber' ORDER BY u.id LIMIT 1",
            )
            .bind(row.household_id)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    Ok(found.and_then(|(id, email)| {
        email
            .filter(|e| !e.trim().is_empty())
            .map(|email| (id, email))
    }))
}

/// Queues the email about `row` for `notice` in the open transaction.
pub async fn queue(
    conn: &mut SqliteConnection,
    row: &PaymentRow,
    notice: PaymentNotice,
) -> sqlx::Result<()> {
    let Some((user_id, to)) = recipient(conn, row).await? else {
        return Ok(());
    };
    let what = match super::Purpose::parse(&row.purpose) {
        super::Purpose::Premium => PaidFor::Premium,
        super::Purpose::Provider => PaidFor::ProviderBill,
    };
    let (subject, body) = payment_email(
        notice,
        what,
        &row.transaction_id,
        Money::from_cents(row.amount_cents),
    );
    let message = NewMessage {
        channel: Channel::Email,
        recipient: to,
        subject,
        body,
        kind: notice.kind().into(),
        user_id: Some(user_id),
    };
    outbox::enqueue(conn, &[message], crate::db::now()).await
}
