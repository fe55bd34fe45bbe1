//! Who is calling: client address and user agent, for the audit trail.

use crate::db::{self, audit, audit::Event, Db};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::USER_AGENT;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::SocketAddr;

/// The caller's address and user agent, when known. Never fails.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    /// Peer IP address.
    pub addr: Option<String>,
    /// User-Agent header (first 300 characters).
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            addr: parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(a)| a.ip().to_string()),
            user_agent: parts
                .headers
                .get(USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(300).collect()),
        })
    }
}

impl ClientInfo {
    /// Records `event` with what it was about (`detail`): now, from this client.
    pub async fn audit_detail(&self, db: &Db, user_id: Option<i64>, event: Event, detail: &str) {
        audit::record_detail(
            db,
            user_id,
            event,
            detail,
            db::now(),
            self.addr.as_deref(),
            self.user_agent.as_deref(),
        )
        .await;
    }

    /// Records `event` of `user_id` in the audit trail: now, from this
    /// client. The one way handlers write the trail.
    pub async fn audit(&self, db: &Db, user_id: Option<i64>, event: Event) {
        audit::record(
            db,
            user_id,
            event,
            db::now(),
            self.addr.as_deref(),
            self.user_agent.as_deref(),
        )
        .await;
    }
}
