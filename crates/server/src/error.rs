//! One error type for handlers, rendered as RFC 9457 problem details.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_domain::problem::{types, PROBLEM_JSON};
use portal_domain::{FieldError, FieldErrors, ProblemDetails};

/// A handler error: a problem to show, or an internal failure to log.
#[derive(Debug)]
pub enum ApiError {
    /// A problem the client can act on (4xx).
    Problem(Box<ProblemDetails>),
    /// Something failed on our side: logged, shown as a generic 500.
    Internal(anyhow::Error),
}

/// Handler result.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// A problem with type, title, status and detail.
    pub fn problem(
        type_uri: &str,
        title: &str,
        status: StatusCode,
        detail: impl Into<String>,
    ) -> Self {
        Self::Problem(Box::new(
            ProblemDetails::new(type_uri, title, status.as_u16()).with_detail(detail),
        ))
    }

    /// 400 with field errors.
    pub fn validation(errors: FieldErrors) -> Self {
        Self::Problem(Box::new(ProblemDetails::validation(errors)))
    }

    /// 400 with one field error.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::new();
        errors.insert(field.to_string(), vec![FieldError::new(code, message)]);
        Self::validation(errors)
    }

    /// 401: no session or it has expired.
    pub fn unauthenticated() -> Self {
        Self::problem(
            types::UNAUTHENTICATED,
            "Please sign in",
            StatusCode::UNAUTHORIZED,
            "Your session has ended or you are not signed in.",
        )
    }

    /// 404: nothing there, or not the caller's to see (the same answer).
    pub fn not_found() -> Self {
        Self::problem(
            types::NOT_FOUND,
            "Not found",
            StatusCode::NOT_FOUND,
            "We couldn't find that.",
        )
    }

    /// 403 for a refused cross-site request.
    pub fn forbidden(detail: &str) -> Self {
        Self::problem(
            types::FORBIDDEN,
            "Not allowed",
            StatusCode::FORBIDDEN,
            detail,
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(e.into())
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        Self::Internal(e)
    }
}

/// Renders a problem as an `application/problem+json` response.
pub fn problem_response(p: &ProblemDetails) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(p).unwrap_or_else(|_| b"{}".to_vec());
    let mut res = (status, body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if let Some(secs) = retry_after_secs(p) {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    res
}

/// `Retry-After` for a 503 (a few seconds) or a 429 (until its `locked_until`).
fn retry_after_secs(p: &ProblemDetails) -> Option<i64> {
    match p.status {
        503 => Some(2),
        429 => {
            let until = p
                .locked_until
                .as_deref()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.timestamp() - chrono::Utc::now().timestamp());
            Some(until.unwrap_or(60).max(1))
        }
        _ => None,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::Problem(p) => problem_response(&p),
            Self::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                problem_response(
                    &ProblemDetails::new(types::INTERNAL, "Something went wrong", 500).with_detail(
                        "Something went wrong on our side. Please try again in a moment.",
                    ),
                )
            }
        }
    }
}
