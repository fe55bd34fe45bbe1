//! Message delivery: the [`Outbox`] queues messages in the database (table
//! `outbox`, see `db::outbox`), and a worker sends them through a
//! [`Sender`] per channel, retrying with a growing delay, so a restart never
//! loses a message. Senders: SMTP for email and a provider's HTTP API for
//! text messages when configured; otherwise a local sink (a JSON-lines file,
//! or with `--demo` the database itself, readable at `/dev/outbox`), named
//! in the start-up log.
//!
//! Messages carry no health information: codes, usernames and notices that
//! something changed, never names, member IDs or claims.

pub mod senders;

use crate::config::Config;
use crate::db::outbox::{self, Channel, NewMessage, OutboxRow};
use crate::db::{self, Db};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// Seconds a worker holds a message while sending it.
const LEASE_SECS: i64 = 120;
/// How often the worker looks for due messages when not woken.
const POLL: Duration = Duration::from_secs(5);

/// A message handed to a sender.
#[derive(Clone, Debug)]
pub struct Outgoing<'a> {
    /// Email address or E.164 phone number.
    pub to: &'a str,
    /// Subject (email).
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
    /// Kind, for logs.
    pub kind: &'a str,
}

/// Boxed future of a send.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// Delivers messages of one channel.
pub trait Sender: Send + Sync {
    /// Sends one message; an error is retried later.
    fn send<'a>(&'a self, message: &'a Outgoing<'a>) -> SendFuture<'a>;
    /// What it is, for the start-up log (no secrets).
    fn describe(&self) -> String;
    /// Whether message bodies stay in the database after sending (the demo
    /// sink, whose "delivery" is the row itself).
    fn keeps_bodies(&self) -> bool {
        false
    }
}

/// The queue and its senders.
pub struct Outbox {
    email: Box<dyn Sender>,
    sms: Box<dyn Sender>,
    wake: Notify,
}

impl Outbox {
    /// An outbox with the given senders.
    pub fn new(email: Box<dyn Sender>, sms: Box<dyn Sender>) -> Self {
        Self {
            email,
            sms,
            wake: Notify::new(),
        }
    }

    /// The senders the configuration asks for.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        Ok(Self::new(
            senders::email_sender(config)?,
            senders::sms_sender(config)?,
        ))
    }

    /// One line per channel, for the start-up log.
    pub fn describe(&self) -> String {
        format!(
            "email: {}; text messages: {}",
            self.email.describe(),
            self.sms.describe()
        )
    }

    fn sender(&self, channel: Channel) -> &dyn Sender {
        match channel {
            Channel::Email => self.email.as_ref(),
            Channel::Sms => self.sms.as_ref(),
        }
    }

    /// Tells the worker that messages were queued.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Sends every message due at `now` once (each at most once per call);
    /// returns how many were delivered.
    pub async fn run_once(&self, db: &Db, now: i64) -> anyhow::Result<usize> {
        let mut delivered = 0;
        let batch = outbox::claim_due(db, now, LEASE_SECS, 100).await?;
        for row in batch {
            if self.deliver(db, &row, now).await? {
                delivered += 1;
            }
        }
        Ok(delivered)
    }

    async fn deliver(&self, db: &Db, row: &OutboxRow, now: i64) -> anyhow::Result<bool> {
        let Some(channel) = Channel::parse(&row.channel) else {
            outbox::mark_attempt_failed(db, row.id, now, None, "unknown channel").await?;
            return Ok(false);
        };
        let sender = self.sender(channel);
        let message = Outgoing {
            to: &row.recipient,
            subject: &row.subject,
            body: &row.body,
            kind: &row.kind,
        };
        match sender.send(&message).await {
            Ok(()) => {
                outbox::mark_sent(db, row.id, now, sender.keeps_bodies()).await?;
                tracing::info!(id = row.id, channel = channel.as_str(), kind = %row.kind, "message sent");
                Ok(true)
            }
            Err(e) => {
                let attempts = row.attempts + 1;
                let retry_at = (attempts < MAX_ATTEMPTS).then(|| now + backoff_secs(attempts));
                tracing::warn!(id = row.id, channel = channel.as_str(), attempts, error = %e, "message not sent");
                outbox::mark_attempt_failed(db, row.id, now, retry_at, &e.to_string()).await?;
                Ok(false)
            }
        }
    }

    /// Runs the worker until the process ends.
    pub async fn run(self: Arc<Self>, db: Db) {
        loop {
            // Until nothing is due (a full batch may leave more behind).
            loop {
                match self.run_once(&db, db::now()).await {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox worker failed; retrying");
                        break;
                    }
                }
            }
            let _ = tokio::time::timeout(POLL, self.wake.notified()).await;
        }
    }

    /// Queues messages (in a transaction of their own) and wakes the worker.
    pub async fn queue(&self, db: &Db, messages: &[NewMessage]) -> sqlx::Result<()> {
        outbox::enqueue_now(db, messages, db::now()).await?;
        self.wake();
        Ok(())
    }
}

/// Seconds to wait before attempt `attempts + 1`: 10 s doubling, at most an hour.
pub fn backoff_secs(attempts: i64) -> i64 {
    let shift = u32::try_from(attempts.clamp(1, 16) - 1).unwrap_or(0);
    (10_i64 << shift).min(3600)
}

/// The messages that tell an account's contacts something: one per contact
/// on file (email and text), with the same kind.
pub fn to_contacts(
    user_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
    kind: &str,
    subject: &str,
    email_body: &str,
    sms_body: &str,
) -> Vec<NewMessage> {
    let mut out = Vec::new();
    if let Some(to) = email.filter(|e| !e.is_empty()) {
        out.push(NewMessage {
            channel: Channel::Email,
            recipient: to.to_string(),
            subject: subject.to_string(),
            body: email_body.to_string(),
            kind: kind.to_string(),
            user_id: Some(user_id),
        });
    }
    if let Some(to) = phone.filter(|p| !p.is_empty()) {
        out.push(NewMessage {
            channel: Channel::Sms,
            recipient: to.to_string(),
            subject: subject.to_string(),
            body: sms_body.to_string(),
            kind: kind.to_string(),
            user_id: Some(user_id),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_secs(1), 10);
        assert_eq!(backoff_secs(2), 20);
        assert_eq!(backoff_secs(4), 80);
        assert_eq!(backoff_secs(20), 3600);
    }

    #[test]
    fn one_message_per_contact() {
        let m = to_contacts(1, Some("a@example.com"), None, "k", "s", "e", "t");
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].channel, Channel::Email);
        let m = to_contacts(
            1,
            Some("a@example.com"),
            Some("+15555550142"),
            "k",
            "s",
            "e",
            "t",
        );
        assert_eq!(m[1].body, "t");
        assert!(to_contacts(1, None, Some(""), "k", "s", "e", "t").is_empty());
    }
}
