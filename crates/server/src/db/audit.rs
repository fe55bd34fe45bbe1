//! The security audit trail (no health data, no secrets).

use super::Db;

/// Kinds of security event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A successful sign-in.
    SignIn,
    /// A failed sign-in.
    SignInFailed,
    /// An account locked after repeated failures.
    Locked,
    /// An account created.
    Registered,
    /// A sign-out.
    SignOut,
}

impl Event {
    /// Stable name stored in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::Locked => "locked",
            Self::Registered => "registered",
            Self::SignOut => "sign_out",
        }
    }
}

/// Records an event. Failures to record are logged, never shown to the member.
pub async fn record(
    db: &Db,
    user_id: Option<i64>,
    event: Event,
    now: i64,
    client_addr: Option<&str>,
    user_agent: Option<&str>,
) {
    let r = sqlx::query(
        "INSERT INTO audit_events (user_id, kind, at, client_addr, user_agent) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(event.as_str())
    .bind(now)
    .bind(client_addr)
    .bind(user_agent)
    .execute(db)
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, kind = event.as_str(), "could not record audit event");
    }
}
