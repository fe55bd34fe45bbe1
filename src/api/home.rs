//! The member's home: the aggregate dashboard, alerts and their read state,
//! notification preferences and family sharing.

use super::{get_json, post_json, put_json, ApiError};
use portal_domain::alerts::{AlertCount, AlertList, MarkRead};
use portal_domain::home::{Dashboard, NotificationPrefs, Scope, ShareRequest, SharingStatus};
use std::future::Future;

/// `GET /api/v1/dashboard?member=`: everything the home page draws.
///
/// Errors: [`ApiError::Validation`] (`member`) for a member the caller may not see.
pub fn dashboard(scope: Scope) -> impl Future<Output = Result<Dashboard, ApiError>> {
    get_json(&format!("/dashboard?member={}", scope.to_param()))
}

/// `GET /api/v1/alerts`: the caller's alerts with read state.
pub fn alerts() -> impl Future<Output = Result<AlertList, ApiError>> {
    get_json("/alerts")
}

/// `GET /api/v1/alerts/count`: unread alerts (the header's count).
pub fn alert_count() -> impl Future<Output = Result<AlertCount, ApiError>> {
    get_json("/alerts/count")
}

/// `POST /api/v1/alerts/read`: marks alerts read (or unread); answers the new count.
pub async fn mark_read(keys: &[String], read: bool) -> Result<AlertCount, ApiError> {
    let body = MarkRead {
        keys: keys.to_vec(),
        read: Some(read),
    };
    post_json("/alerts/read", &body).await
}

/// `GET /api/v1/notifications`.
pub fn prefs() -> impl Future<Output = Result<NotificationPrefs, ApiError>> {
    get_json("/notifications")
}

/// `PUT /api/v1/notifications`.
///
/// Errors: [`ApiError::Validation`] by field (`email`, `phone`, `alerts`).
pub async fn save_prefs(prefs: &NotificationPrefs) -> Result<NotificationPrefs, ApiError> {
    put_json("/notifications", prefs).await
}

/// `GET /api/v1/family/sharing`.
pub fn sharing() -> impl Future<Output = Result<SharingStatus, ApiError>> {
    get_json("/family/sharing")
}

/// `PUT /api/v1/family/sharing`: records or withdraws consent.
pub async fn set_sharing(request: &ShareRequest) -> Result<SharingStatus, ApiError> {
    put_json("/family/sharing", request).await
}
