//! The signed-in member's coverage, ID card and household.

use crate::db::members;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use portal_domain::api::{Coverage, IdCard};
use portal_domain::ProblemDetails;

/// The caller's ID card and the household members they may see.
#[utoipa::path(get, path = "/api/v1/coverage", tag = "coverage",
    responses((status = 200, body = Coverage), (status = 401, body = ProblemDetails)))]
pub async fn coverage(State(state): State<AppState>, family: Family) -> ApiResult<Json<Coverage>> {
    let user = &family.user;
    let member = members::by_id(&state.db, user.member_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let card = members::id_card(&state.db, &member, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let household = family
        .view
        .visible_rows()
        .into_iter()
        .filter_map(members::MemberRow::summary)
        .collect();
    let next_plan = crate::db::plans::pending_change(&state.db, user.household_id).await?;
    Ok(Json(Coverage {
        card,
        household,
        next_plan,
    }))
}

/// One household member's ID card. A member outside the caller's household,
/// or one the caller may not see, is answered exactly like one that does not
/// exist (404).
#[utoipa::path(get, path = "/api/v1/members/{id}/card", tag = "coverage",
    params(("id" = i64, Path, description = "Opaque member id from the household list")),
    responses((status = 200, body = IdCard), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn member_card(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<IdCard>> {
    let user = &family.user;
    let visible = family.view.visible.clone();
    let member = members::by_id(&state.db, id)
        .await?
        .filter(|m| m.household_id == user.household_id && visible.contains(&m.id))
        .ok_or_else(ApiError::not_found)?;
    let card = members::id_card(&state.db, &member, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(card))
}
