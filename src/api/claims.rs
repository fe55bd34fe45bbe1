//! Claims: the filtered list with totals, one claim's explanation of
//! benefits, the CSV export address and saved filters.

use super::{delete, get_json, patch_json, post_json, ApiError, BASE};
use portal_domain::api::{ClaimsPage, RenameFilterRequest, SaveFilterRequest, SavedFilter};
use portal_domain::claims::Claim;
use std::future::Future;

/// `GET /api/v1/claims?{query}`: one page of matching claims and the totals
/// of every match. `query` is [`portal_domain::claims::ClaimFilter::to_query`]
/// encoded (no leading `?`). Aborted when the calling owner is cleaned up
/// (the filters changed again, or the page was left).
pub fn list(query: &str) -> impl Future<Output = Result<ClaimsPage, ApiError>> {
    get_json(&format!("/claims?{query}"))
}

/// `GET /api/v1/claims/{id}`: the claim with its lines and the words of its
/// explanation (written by the server for that claim and day).
///
/// Errors: [`ApiError::NotFound`] for anything outside the caller's household.
pub fn claim(id: i64) -> impl Future<Output = Result<Claim, ApiError>> {
    get_json(&format!("/claims/{id}"))
}

/// Address of a claim's explanation of benefits as a PDF (for a download link).
pub fn eob_pdf_url(id: i64) -> String {
    format!("{BASE}/claims/{id}/eob.pdf")
}

/// Address of the PDF statement of every claim matching `query` (for a download link).
pub fn statement_url(query: &str) -> String {
    if query.is_empty() {
        format!("{BASE}/claims/statement.pdf")
    } else {
        format!("{BASE}/claims/statement.pdf?{query}")
    }
}

/// Address of the CSV export of every claim matching `query` (for a download link).
pub fn export_url(query: &str) -> String {
    if query.is_empty() {
        format!("{BASE}/claims/export.csv")
    } else {
        format!("{BASE}/claims/export.csv?{query}")
    }
}

/// `GET /api/v1/saved-filters`: built-ins first, then the member's own.
pub fn saved_filters() -> impl Future<Output = Result<Vec<SavedFilter>, ApiError>> {
    get_json("/saved-filters")
}

/// `POST /api/v1/saved-filters`.
///
/// Errors: [`ApiError::Validation`] / [`ApiError::Conflict`] with `errors.name`.
pub async fn save_filter(request: &SaveFilterRequest) -> Result<SavedFilter, ApiError> {
    post_json("/saved-filters", request).await
}

/// `PATCH /api/v1/saved-filters/{id}`: renames a custom filter.
pub async fn rename_filter(
    id: i64,
    request: &RenameFilterRequest,
) -> Result<SavedFilter, ApiError> {
    patch_json(&format!("/saved-filters/{id}"), request).await
}

/// `DELETE /api/v1/saved-filters/{id}`: deletes a custom filter.
pub async fn delete_filter(id: i64) -> Result<(), ApiError> {
    delete(&format!("/saved-filters/{id}")).await
}
