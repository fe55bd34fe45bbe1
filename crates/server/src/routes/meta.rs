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

/// `?role=` of `GET /api/v1/policy`.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PolicyQuery {
    /// `member` (the default) or `provider`: whose rules.
    pub role: Option<String>,
}

/// The credential policy of a kind of account (members' by default; with
/// `?role=provider`, providers'), so the browser applies the same rules.
#[utoipa::path(get, path = "/api/v1/policy", tag = "auth", params(PolicyQuery),
    responses((status = 200, body = PolicyInfo),
        (status = 400, body = portal_domain::ProblemDetails, description = "errors.role: not member or provider")))]
pub async fn policy(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<PolicyQuery>,
) -> Result<Json<PolicyInfo>, ApiError> {
    use portal_domain::messages::Role;
    let role = match q.role.as_deref().map(str::trim) {
        None | Some("") => Role::Member,
        Some(r) => match Role::parse(r) {
            Some(role @ (Role::Member | Role::Provider)) => role,
            _ => {
                return Err(ApiError::field(
                    "role",
                    "role.unknown",
                    "Ask for the rules of a member or a provider account.",
                ))
            }
        },
    };
    let c = &state.config;
    let minutes = |secs: u64| u32::try_from(secs.div_ceil(60)).unwrap_or(u32::MAX);
    Ok(Json(PolicyInfo {
        limits: SignInLimits {
            lockout_attempts: c.lockout_threshold,
            lockout_minutes: minutes(c.lockout_secs),
            idle_minutes: minutes(c.session_idle_secs),
            session_hours: u32::try_from(c.session_max_secs / 3600).unwrap_or(u32::MAX),
        },
        ..PolicyInfo::describe(&state.policy_for(role))
    }))
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "This document (OpenAPI 3.1)")))]
pub async fn openapi() -> Json<Value> {
    Json(crate::openapi::document())
}
