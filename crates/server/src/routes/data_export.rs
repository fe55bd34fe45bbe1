//! "Download all my data" over HTTP: ask for an archive, follow its
//! progress, download it while it is kept. The worker is
//! [`crate::data_export`].

use crate::db::{self, exports};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiPath;
use crate::routes::auth::utc_time;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_domain::data_export::{DataExport, EXPORTS_PER_DAY};
use portal_domain::problem::types;
use portal_domain::ProblemDetails;

/// The caller's archive requests of the last 30 days, newest first.
#[utoipa::path(get, path = "/api/v1/account/data-exports", tag = "account",
    responses((status = 200, body = Vec<DataExport>), (status = 401, body = ProblemDetails)))]
pub async fn list(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<Vec<DataExport>>> {
    let now = db::now();
    let rows = exports::list(&state.db, family.user.user_id, now).await?;
    Ok(Json(rows.iter().map(|r| r.to_api(now)).collect()))
}

/// One of the caller's archive requests (its progress).
#[utoipa::path(get, path = "/api/v1/account/data-exports/{id}", tag = "account",
    params(("id" = i64, Path)),
    responses((status = 200, body = DataExport), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn get(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<DataExport>> {
    let row = exports::get(&state.db, family.user.user_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(row.to_api(db::now())))
}

/// Asks for a new archive of everything the caller may see: 202 with the
/// queued request. 409 while one is being prepared; 429 after
/// [`EXPORTS_PER_DAY`] in 24 hours.
#[utoipa::path(post, path = "/api/v1/account/data-exports", tag = "account",
    responses((status = 202, body = DataExport), (status = 401, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 429, body = ProblemDetails)))]
pub async fn request(State(state): State<AppState>, family: Family) -> ApiResult<Response> {
    let names: Vec<String> = family
        .view
        .visible_rows()
        .iter()
        .map(|r| format!("{} {}", r.first_name, r.last_name))
        .collect();
    let outcome = exports::request(
        &state.db,
        family.user.user_id,
        family.user.household_id,
        &names,
        db::now(),
    )
    .await?;
    match outcome {
        Ok(row) => {
            state.exports.notify_one();
            Ok((StatusCode::ACCEPTED, Json(row.to_api(db::now()))).into_response())
        }
        Err(exports::Refused::InProgress(_)) => Err(ApiError::problem(
            types::EXPORT_IN_PROGRESS,
            "Already being prepared",
            StatusCode::CONFLICT,
            "Your data is already being prepared. We will let you know when it is ready.",
        )),
        Err(exports::Refused::TooMany { until }) => {
            let (rfc3339, clock) = utc_time(until);
            let mut p = ProblemDetails::new(types::RATE_LIMITED, "Too many requests", 429)
                .with_detail(format!(
                    "You can ask for your data {EXPORTS_PER_DAY} times a day. You can ask again after {clock}; \
                     the downloads you already have are listed below."
                ));
            p.locked_until = Some(rfc3339);
            Err(ApiError::Problem(Box::new(p)))
        }
    }
}

/// The archive (`application/zip`) while it is kept: 409 if not ready
/// yet, 410 once its download period has ended, 404 for anyone else's.
#[utoipa::path(get, path = "/api/v1/account/data-exports/{id}/archive.zip", tag = "account",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/zip", description = "The archive"),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails), (status = 410, body = ProblemDetails)))]
pub async fn archive(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let user_id = family.user.user_id;
    let now = db::now();
    let row = exports::get(&state.db, user_id, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let Some(bytes) = exports::archive(&state.db, user_id, id, now).await? else {
        let gone =
            matches!(row.status.as_str(), "expired") || row.expires_at.is_some_and(|t| t <= now);
        return Err(if gone {
            ApiError::problem(
                types::EXPORT_UNAVAILABLE,
                "Download period ended",
                StatusCode::GONE,
                "This download has been deleted. Ask for a new one.",
            )
        } else if row.status == "failed" {
            ApiError::problem(
                types::EXPORT_UNAVAILABLE,
                "Could not be prepared",
                StatusCode::CONFLICT,
                "We could not prepare this download. Ask for a new one.",
            )
        } else {
            ApiError::problem(
                types::EXPORT_UNAVAILABLE,
                "Not ready yet",
                StatusCode::CONFLICT,
                "This download is not ready yet. We will let you know when it is.",
            )
        });
    };
    let day = chrono::DateTime::from_timestamp(row.ready_at.unwrap_or(now), 0)
        .map(|t| t.date_naive().to_string())
        .unwrap_or_default();
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/zip".to_string()),
            // No personal information in the file name.
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"my-health-plan-data-{day}.zip\""),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
