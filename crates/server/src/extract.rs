//! Extractors whose rejections are problem details, never plain text.

use crate::error::ApiError;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use portal_domain::problem::types;
use serde::de::DeserializeOwned;

/// JSON body; a malformed, oversized or mistyped body is a 4xx problem.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> ApiError {
    let status = r.status();
    let (title, detail) = match &r {
        JsonRejection::MissingJsonContentType(_) => (
            "Unsupported media type",
            "Send the request body as application/json.".to_string(),
        ),
        JsonRejection::JsonSyntaxError(_) => (
            "Malformed JSON",
            "The request body is not valid JSON.".to_string(),
        ),
        JsonRejection::JsonDataError(e) => ("Invalid request body", e.body_text()),
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => (
            "Request body too large",
            "The request body is larger than this endpoint accepts.".to_string(),
        ),
        _ => (
            "Invalid request body",
            "The request body could not be read.".to_string(),
        ),
    };
    let status = if status.is_client_error() {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    ApiError::problem(types::VALIDATION, title, status, detail)
}

/// Path parameters; a value of the wrong type is a 400 problem.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Self(v)),
            Err(e) => Err(path_rejection(e)),
        }
    }
}

fn path_rejection(e: PathRejection) -> ApiError {
    ApiError::problem(
        types::VALIDATION,
        "Invalid path parameter",
        StatusCode::BAD_REQUEST,
        e.body_text(),
    )
}
