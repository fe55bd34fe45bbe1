//! The demo outbox (served only with `--demo`): what the portal "sent", so a
//! member trying the demo (and the end-to-end tests) can read codes and
//! notices without a real mailbox or phone. `GET /api/dev/outbox` (JSON) and
//! `GET /dev/outbox` (a plain page).

use crate::db::outbox;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Messages listed, newest first.
const LIMIT: i64 = 100;

/// One message of the demo outbox.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct DevMessage {
    /// Row id (grows with every message).
    pub id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// Email address or E.164 phone number.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// What it is about: `recovery_code`, `username`, `password_changed`, `contact_changed`, `new_device`, `alert`, `payment_received`, `payment_failed`, `payment_returned`.
    pub kind: String,
    /// When it was queued (RFC 3339).
    pub queued_at: String,
    /// `queued`, `sent` or `failed`.
    pub status: String,
}

fn rfc3339(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .to_rfc3339()
}

async fn messages(state: &AppState) -> ApiResult<Vec<DevMessage>> {
    Ok(outbox::recent(&state.db, LIMIT)
        .await?
        .into_iter()
        .map(|m| DevMessage {
            id: m.id,
            status: if m.sent_at.is_some() {
                "sent"
            } else if m.failed_at.is_some() {
                "failed"
            } else {
                "queued"
            }
            .into(),
            channel: m.channel,
            to: m.recipient,
            subject: m.subject,
            body: m.body,
            kind: m.kind,
            queued_at: rfc3339(m.created_at),
        })
        .collect())
}

/// The demo outbox as JSON, newest first (only with `--demo`; 404 otherwise).
#[utoipa::path(get, path = "/api/dev/outbox", tag = "meta",
    responses((status = 200, body = [DevMessage], description = "The newest 100 messages, newest first (only with --demo)"),
        (status = 404, body = portal_domain::ProblemDetails, description = "Not served without --demo")))]
pub async fn outbox_json(State(state): State<AppState>) -> ApiResult<Json<Vec<DevMessage>>> {
    Ok(Json(messages(&state).await?))
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The demo outbox as a plain page (only with `--demo`).
pub async fn outbox_page(State(state): State<AppState>) -> ApiResult<Response> {
    let list = messages(&state).await?;
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <link rel=\"icon\" href=\"data:,\"><title>Demo outbox</title></head><body><main><h1>Demo outbox</h1>\
         <p>What the portal sent, newest first. This page exists only in the demo \
         (<code>--demo</code>): no real email or text message is sent.</p>",
    );
    if list.is_empty() {
        html.push_str("<p>Nothing sent yet.</p>");
    }
    for m in &list {
        html.push_str(&format!(
            "<article><h2>{} to {}</h2><p>{} · {} · {}</p><pre>{}</pre></article>",
            escape(&m.subject),
            escape(&m.to),
            escape(&m.channel),
            escape(&m.queued_at),
            escape(&m.status),
            escape(&m.body),
        ));
    }
    html.push_str("</main></body></html>");
    Ok(([(CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response())
}
