//! The security audit trail (no health data, no secrets): what happened to
//! which account, when, from which address and client, and whether a second
//! sign-in step was used. Members see their own in the sign-in history.

use super::Db;

/// Kinds of security event (the stable names are stored).
pub use portal_domain::account::SecurityEventKind as Event;

/// Records an event. Failures to record are logged, never shown to the member.
pub async fn record(
    db: &Db,
    user_id: Option<i64>,
    event: Event,
    now: i64,
    client_addr: Option<&str>,
    user_agent: Option<&str>,
) {
    record_with(db, user_id, event, now, client_addr, user_agent, false).await;
}

/// Records an event, saying whether a second sign-in step was used.
pub async fn record_with(
    db: &Db,
    user_id: Option<i64>,
    event: Event,
    now: i64,
    client_addr: Option<&str>,
    user_agent: Option<&str>,
    two_step: bool,
) {
    let r = sqlx::query(
        "INSERT INTO audit_events (user_id, kind, at, client_addr, user_agent, two_step) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(event.as_str())
    .bind(now)
    .bind(client_addr)
    .bind(user_agent)
    .bind(two_step)
    .execute(db)
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, kind = event.as_str(), "could not record audit event");
    }
}

/// User agents of the account's recent sign-ins (and registration), newest first.
pub async fn sign_in_agents(
    db: &Db,
    user_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<Option<String>>> {
    sqlx::query_scalar(
        "SELECT user_agent FROM audit_events WHERE user_id = ? AND kind IN ('sign_in', 'registered') \
         ORDER BY id DESC LIMIT ?",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records an event with what it was about (`detail`, such as the
/// reference of a message thread a staff member opened).
pub async fn record_detail(
    db: &Db,
    user_id: Option<i64>,
    event: Event,
    detail: &str,
    now: i64,
    client_addr: Option<&str>,
    user_agent: Option<&str>,
) {
    let r = sqlx::query(
        "INSERT INTO audit_events (user_id, kind, at, client_addr, user_agent, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(user_id)
    .bind(event.as_str())
    .bind(now)
    .bind(client_addr)
    .bind(user_agent)
    .bind(detail)
    .execute(db)
    .await;
    if let Err(e) = r {
        tracing::warn!(error = %e, kind = event.as_str(), "could not record audit event");
    }
}

/// The audit trail's entries of `kind` with their detail, newest first
/// (for tests and reviews of staff access).
pub async fn with_detail(
    db: &Db,
    kind: Event,
    limit: i64,
) -> sqlx::Result<Vec<(Option<i64>, String)>> {
    sqlx::query_as(
        "SELECT user_id, COALESCE(detail, '') FROM audit_events WHERE kind = ? ORDER BY id DESC LIMIT ?",
    )
    .bind(kind.as_str())
    .bind(limit)
    .fetch_all(db)
    .await
}
