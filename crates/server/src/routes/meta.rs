//! Health, the credential policy, and the OpenAPI document.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use portal_domain::api::PolicyInfo;
use serde_json::{json, Value};

/// Liveness and readiness: answers once the database answers.
#[utoipa::path(get, path = "/api/health", tag = "meta",
    responses((status = 200, description = "The server and its database are up")))]
pub async fn health(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    sqlx::query("SELECT 1").execute(&state.db).await?;
    Ok(Json(json!({ "status": "ok" })))
}

/// The active credential policy, so the browser applies the same rules.
#[utoipa::path(get, path = "/api/v1/policy", tag = "auth",
    responses((status = 200, body = PolicyInfo)))]
pub async fn policy(State(state): State<AppState>) -> Json<PolicyInfo> {
    Json(PolicyInfo::describe(&state.policy))
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This document (OpenAPI 3.1)")))]
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}
