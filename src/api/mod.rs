//! Typed client for the portal's HTTP API (`/api/v1`, see `docs/api.md`).
//!
//! Every request goes through one private [`send`] helper: same-origin
//! credentials (the session cookie), JSON in and out, and every non-success
//! answer decoded from RFC 9457 problem details into one [`ApiError`]
//! vocabulary. One file per backend resource returns `Result<T, ApiError>`.

pub mod apps;
pub mod auth;
pub mod billing;
pub mod claims;
pub mod coverage;
pub mod data_export;
pub mod directory;
pub mod estimate;
pub mod help;
pub mod home;
pub mod messages;
pub mod plans;
pub mod provider;
pub mod provider_bills;
pub mod security;
pub mod virtual_care;

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use portal_domain::{FieldErrors, ProblemDetails};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;
use web_sys::RequestCredentials;

/// Base path of the versioned API.
const BASE: &str = "/api/v1";

/// Response header carrying the server's pinned calendar date (`YYYY-MM-DD`),
/// sent only when the server runs with `--today` (tests).
pub const SERVER_DATE_HEADER: &str = "portal-today";

/// Everything that can go wrong with an API call, as the UI needs to tell it apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down, aborted).
    Network,
    /// 401: not signed in, session expired, or (on sign-in) wrong credentials.
    Unauthorized {
        /// The server's problem details (its `detail` is safe to show).
        problem: ProblemDetails,
    },
    /// 403: not allowed.
    Forbidden,
    /// 404: nothing there, or not the caller's to see.
    NotFound,
    /// 400: the body failed validation; errors by field name.
    Validation {
        /// Field name -> what is wrong with it.
        fields: FieldErrors,
        /// Form-level explanation, if any.
        detail: Option<String>,
    },
    /// 409: conflicts with existing data (username taken, already registered).
    Conflict {
        /// The server's problem details (`errors`, `suggestions`).
        problem: ProblemDetails,
    },
    /// 423: the account is locked after too many failed sign-ins.
    Locked {
        /// When the lockout ends (RFC 3339, UTC), if known.
        until: Option<String>,
        /// The server's explanation.
        detail: Option<String>,
    },
    /// Any other client error (422 not eligible / code expired, 429, ...).
    Other {
        /// The server's problem details.
        problem: ProblemDetails,
    },
    /// 5xx, or an answer the app could not read.
    Server,
}

impl ApiError {
    /// A plain message that is always safe to show (no raw server text
    /// beyond the `detail` that problem details promise is member-safe).
    pub fn message(&self) -> String {
        let detail = |p: &ProblemDetails, fallback: &str| {
            p.detail.clone().unwrap_or_else(|| fallback.to_string())
        };
        match self {
            Self::Network => {
                "We couldn't reach the member portal. Check your connection and try again.".into()
            }
            Self::Unauthorized { problem } => detail(problem, "Please sign in to continue."),
            Self::Forbidden => "That request isn't allowed.".into(),
            Self::NotFound => "We couldn't find what you were looking for.".into(),
            Self::Validation { detail, .. } => detail
                .clone()
                .unwrap_or_else(|| "Check the highlighted fields and try again.".into()),
            Self::Conflict { problem } | Self::Other { problem } => detail(
                problem,
                "We couldn't complete that request. Please try again.",
            ),
            Self::Locked { detail, .. } => detail.clone().unwrap_or_else(|| {
                "Your account is locked after too many attempts to sign in.".into()
            }),
            Self::Server => {
                "Something went wrong on our side. Please try again in a few minutes.".into()
            }
        }
    }

    /// Field errors carried by the error (validation, conflict or other
    /// problems with an `errors` map); empty when there are none.
    pub fn field_errors(&self) -> FieldErrors {
        match self {
            Self::Validation { fields, .. } => fields.clone(),
            Self::Conflict { problem } | Self::Other { problem } => problem.errors.clone(),
            _ => FieldErrors::new(),
        }
    }

    /// Builds the error for a non-success status from its (possibly empty
    /// or unreadable) problem details.
    fn from_problem(status: u16, problem: Option<ProblemDetails>) -> Self {
        let problem = problem.unwrap_or_else(|| ProblemDetails {
            status,
            ..ProblemDetails::default()
        });
        match status {
            400 => Self::Validation {
                fields: problem.errors,
                detail: problem.detail,
            },
            401 => Self::Unauthorized { problem },
            403 => Self::Forbidden,
            404 => Self::NotFound,
            409 => Self::Conflict { problem },
            423 => Self::Locked {
                until: problem.locked_until,
                detail: problem.detail,
            },
            402 | 405..=408 | 410..=422 | 424..=499 => Self::Other { problem },
            _ => Self::Server,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// Cancels an in-flight `GET` when the reactive owner that started it is
/// cleaned up (the page was left), so stale answers never land and the
/// browser stops downloading them. Created synchronously by the caller,
/// while its owner is current.
struct AbortOnCleanup(Option<web_sys::AbortSignal>);

impl AbortOnCleanup {
    fn new() -> Self {
        let controller = SendWrapper::new(web_sys::AbortController::new().ok());
        let signal = controller.as_ref().map(|c| c.signal());
        on_cleanup(move || {
            if let Some(c) = controller.take() {
                c.abort();
            }
        });
        Self(signal)
    }
}

/// Sends one request with same-origin credentials and checks its status;
/// any non-2xx answer becomes an [`ApiError`] decoded from problem details.
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = request
        .map_err(|_| ApiError::Server)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    crate::browser::learn_server_date(response.headers().get(SERVER_DATE_HEADER).as_deref());
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let problem = response
        .text()
        .await
        .ok()
        .and_then(|text| serde_json::from_str::<ProblemDetails>(&text).ok());
    Err(ApiError::from_problem(status, problem))
}

/// Same-origin credentials and a JSON `Accept` on every request.
fn builder(request: RequestBuilder) -> RequestBuilder {
    request
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json")
}

/// Reads a successful response's JSON body.
async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str(&text).map_err(|_| ApiError::Server)
}

/// `GET {BASE}{path}` and decode the JSON answer. Not an `async fn` on
/// purpose: the abort hook is registered now, with the caller's owner.
fn get_json<T: DeserializeOwned>(path: &str) -> impl Future<Output = Result<T, ApiError>> {
    let abort = AbortOnCleanup::new();
    let request = builder(Request::get(&format!("{BASE}{path}")))
        .abort_signal(abort.0.as_ref())
        .build();
    async move { decode(send(request).await?).await }
}

/// `POST {BASE}{path}` with a JSON body and decode the JSON answer.
/// Never aborted: a sign-in or registration must finish once sent.
async fn post_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = builder(Request::post(&format!("{BASE}{path}"))).json(body);
    decode(send(request).await?).await
}

/// `PATCH {BASE}{path}` with a JSON body and decode the JSON answer.
async fn patch_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = builder(Request::patch(&format!("{BASE}{path}"))).json(body);
    decode(send(request).await?).await
}

/// `PUT {BASE}{path}` with a JSON body and decode the JSON answer.
async fn put_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let request = builder(Request::put(&format!("{BASE}{path}"))).json(body);
    decode(send(request).await?).await
}

/// `DELETE {BASE}{path}`, expecting no content back.
async fn delete(path: &str) -> Result<(), ApiError> {
    send(builder(Request::delete(&format!("{BASE}{path}"))).build())
        .await
        .map(|_| ())
}

/// `DELETE {BASE}{path}` and decode the JSON answer.
async fn delete_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(builder(Request::delete(&format!("{BASE}{path}"))).build()).await?).await
}

/// `POST {BASE}{path}` without a body, expecting no content back.
async fn post_empty(path: &str) -> Result<(), ApiError> {
    send(builder(Request::post(&format!("{BASE}{path}"))).build())
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_statuses() {
        assert_eq!(ApiError::from_problem(403, None), ApiError::Forbidden);
        assert_eq!(ApiError::from_problem(503, None), ApiError::Server);
        let locked = ProblemDetails {
            locked_until: Some("2026-01-01T14:05:00Z".into()),
            ..ProblemDetails::default()
        };
        assert!(matches!(
            ApiError::from_problem(423, Some(locked)),
            ApiError::Locked { until: Some(_), .. }
        ));
        assert!(matches!(
            ApiError::from_problem(422, None),
            ApiError::Other { .. }
        ));
    }
}
