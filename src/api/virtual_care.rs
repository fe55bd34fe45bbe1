//! Virtual visits (`/api/v1/care/virtual`).

use super::{get_json, post_json, ApiError};
use portal_domain::care::virtual_visit::{
    BookVisit, JoinLink, MoveVisit, Slots, VirtualCare, VirtualProviders, Visit,
};
use std::future::Future;

/// `GET /api/v1/care/virtual`: coverage priced now, upcoming and past visits.
pub fn overview() -> impl Future<Output = Result<VirtualCare, ApiError>> {
    get_json("/care/virtual")
}

/// `GET /api/v1/care/virtual/providers?{query}`: providers offering virtual
/// visits in the member's network (`benefit`, `q`, `page`, percent-encoded).
pub fn providers(query: &str) -> impl Future<Output = Result<VirtualProviders, ApiError>> {
    get_json(&format!("/care/virtual/providers?{query}"))
}

/// `GET /api/v1/care/virtual/providers/{id}/slots`: open times.
pub fn slots(provider: i64) -> impl Future<Output = Result<Slots, ApiError>> {
    get_json(&format!("/care/virtual/providers/{provider}/slots"))
}

/// `POST /api/v1/care/virtual/visits`: books a time.
pub async fn book(request: &BookVisit) -> Result<Visit, ApiError> {
    post_json("/care/virtual/visits", request).await
}

/// `GET /api/v1/care/virtual/visits/{reference}`.
pub fn visit(reference: &str) -> impl Future<Output = Result<Visit, ApiError>> {
    get_json(&format!("/care/virtual/visits/{reference}"))
}

/// `POST .../visits/{reference}/cancel`.
pub async fn cancel(reference: &str) -> Result<Visit, ApiError> {
    post_json(&format!("/care/virtual/visits/{reference}/cancel"), &()).await
}

/// `POST .../visits/{reference}/move`: to another open time.
pub async fn move_to(reference: &str, starts_at: i64) -> Result<Visit, ApiError> {
    post_json(
        &format!("/care/virtual/visits/{reference}/move"),
        &MoveVisit { starts_at },
    )
    .await
}

/// `POST .../visits/{reference}/join`: the vendor's room address, when open.
pub async fn join(reference: &str) -> Result<JoinLink, ApiError> {
    post_json(&format!("/care/virtual/visits/{reference}/join"), &()).await
}

/// The calendar file's address (a download link, not fetched here).
pub fn calendar_href(reference: &str) -> String {
    format!(
        "{}/care/virtual/visits/{reference}/calendar.ics",
        super::BASE
    )
}
