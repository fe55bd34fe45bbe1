//! Secure messages: the member's threads, technical support for visitors,
//! and the support inbox for staff.

use super::{get_json, post_json, put_json, ApiError};
use portal_domain::messages::{
    AssignRequest, ClaimChoice, Inbox, NewThreadRequest, ReplyRequest, TechSupportRequest, Thread,
    ThreadCreated, ThreadList, ThreadSummary,
};
use std::future::Future;

/// `GET /api/v1/messages`.
pub fn threads() -> impl Future<Output = Result<ThreadList, ApiError>> {
    get_json("/messages")
}

/// `GET /api/v1/messages/claims`: the claims a message may refer to.
pub fn claim_choices() -> impl Future<Output = Result<Vec<ClaimChoice>, ApiError>> {
    get_json("/messages/claims")
}

/// `POST /api/v1/messages`.
pub async fn create(body: &NewThreadRequest) -> Result<ThreadCreated, ApiError> {
    post_json("/messages", body).await
}

/// `GET /api/v1/messages/{id}`.
pub fn thread(id: i64) -> impl Future<Output = Result<Thread, ApiError>> {
    get_json(&format!("/messages/{id}"))
}

/// `POST /api/v1/messages/{id}/replies`.
pub async fn reply(id: i64, body: &ReplyRequest) -> Result<Thread, ApiError> {
    post_json(&format!("/messages/{id}/replies"), body).await
}

/// `POST /api/v1/support/technical` (signed out).
pub async fn technical(body: &TechSupportRequest) -> Result<ThreadCreated, ApiError> {
    post_json("/support/technical", body).await
}

/// `GET /api/v1/support/threads?status=&topic=`.
pub fn inbox(status: &str, topic: &str) -> impl Future<Output = Result<Inbox, ApiError>> {
    get_json(&format!("/support/threads?status={status}&topic={topic}"))
}

/// `GET /api/v1/support/threads/{id}`.
pub fn staff_thread(id: i64) -> impl Future<Output = Result<Thread, ApiError>> {
    get_json(&format!("/support/threads/{id}"))
}

/// `POST /api/v1/support/threads/{id}/replies`.
pub async fn staff_reply(id: i64, body: &ReplyRequest) -> Result<Thread, ApiError> {
    post_json(&format!("/support/threads/{id}/replies"), body).await
}

/// `POST /api/v1/support/threads/{id}/close`.
pub async fn close(id: i64) -> Result<ThreadSummary, ApiError> {
    post_json(
        &format!("/support/threads/{id}/close"),
        &serde_json::json!({}),
    )
    .await
}

/// `PUT /api/v1/support/threads/{id}/assignee`.
pub async fn assign(id: i64, assignee: &str) -> Result<ThreadSummary, ApiError> {
    let body = AssignRequest {
        assignee: assignee.to_string(),
    };
    put_json(&format!("/support/threads/{id}/assignee"), &body).await
}
