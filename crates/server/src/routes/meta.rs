//! Health, the credential policy, and the OpenAPI document.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use portal_domain::api::{PolicyInfo, SignInLimits};
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
    let c = &state.config;
    let minutes = |secs: u64| u32::try_from(secs.div_ceil(60)).unwrap_or(u32::MAX);
    Json(PolicyInfo {
        limits: SignInLimits {
            lockout_attempts: c.lockout_threshold,
            lockout_minutes: minutes(c.lockout_secs),
            idle_minutes: minutes(c.session_idle_secs),
            session_hours: u32::try_from(c.session_max_secs / 3600).unwrap_or(u32::MAX),
        },
        ..PolicyInfo::describe(&state.policy)
    })
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This document (OpenAPI 3.1)")))]
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}
