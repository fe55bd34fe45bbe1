//! Connected apps: the consent screen of an app's request, the member's
//! answer, and the list of connected apps (`/api/v1/oauth/...`,
//! `/api/v1/account/connected-apps`).

use super::{delete, get_json, post_json, ApiError};
use portal_domain::data_access::{ConnectedApp, ConsentDecision, ConsentOutcome, ConsentRequest};
use std::future::Future;

/// `GET /api/v1/oauth/requests/{id}`: what the app asks for.
pub fn consent_request(id: &str) -> impl Future<Output = Result<ConsentRequest, ApiError>> {
    get_json(&format!(
        "/oauth/requests/{}",
        crate::browser::encode_query_value(id)
    ))
}

/// `POST /api/v1/oauth/requests/{id}/decision`: agree or decline.
pub async fn decide(id: &str, decision: &ConsentDecision) -> Result<ConsentOutcome, ApiError> {
    post_json(
        &format!(
            "/oauth/requests/{}/decision",
            crate::browser::encode_query_value(id)
        ),
        decision,
    )
    .await
}

/// `GET /api/v1/account/connected-apps`.
pub fn connected_apps() -> impl Future<Output = Result<Vec<ConnectedApp>, ApiError>> {
    get_json("/account/connected-apps")
}

/// `DELETE /api/v1/account/connected-apps/{id}`: its tokens stop at once.
pub async fn disconnect(id: i64) -> Result<(), ApiError> {
    delete(&format!("/account/connected-apps/{id}")).await
}
