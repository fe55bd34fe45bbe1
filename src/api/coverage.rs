//! Coverage: the signed-in member's plan, ID card and household.

use super::{delete, get_json, post_json, ApiError};
use portal_domain::api::{CardShare, CardShareRequest, Coverage, IdCard};
use std::future::Future;

/// `GET /api/v1/coverage`: own ID card and the household the member may see.
/// Aborted if the calling component goes away first.
pub fn coverage() -> impl Future<Output = Result<Coverage, ApiError>> {
    get_json("/coverage")
}

/// `GET /api/v1/members/{id}/card`: the ID card of one household member
/// (`id` is the opaque [`portal_domain::api::MemberSummary::id`]).
///
/// Errors: [`ApiError::NotFound`] for anyone outside the caller's household.
/// Aborted if the calling component goes away first.
pub fn member_card(id: i64) -> impl Future<Output = Result<IdCard, ApiError>> {
    get_json(&format!("/members/{id}/card"))
}

/// The address of a household member's ID card as a PDF
/// (`GET /api/v1/members/{id}/card.pdf`), for a download link.
pub fn card_pdf_href(id: i64) -> String {
    format!("{}/members/{id}/card.pdf", super::BASE)
}

/// The address of a visible member's ID card as a PNG image, front above
/// back (`GET /api/v1/members/{id}/card.png`), for a download link.
pub fn card_png_href(id: i64) -> String {
    format!("{}/members/{id}/card.png", super::BASE)
}

/// `GET /api/v1/members/{id}/card/shares`: the links to a member's card.
pub fn card_shares(id: i64) -> impl Future<Output = Result<Vec<CardShare>, ApiError>> {
    get_json(&format!("/members/{id}/card/shares"))
}

/// `POST /api/v1/members/{id}/card/shares`: a new link for `days` days
/// (its `path` is in this answer only).
pub async fn share_card(id: i64, days: u32) -> Result<CardShare, ApiError> {
    post_json(
        &format!("/members/{id}/card/shares"),
        &CardShareRequest { days },
    )
    .await
}

/// `DELETE /api/v1/card-shares/{id}`: the link stops working at once.
pub async fn revoke_share(id: i64) -> Result<(), ApiError> {
    delete(&format!("/card-shares/{id}")).await
}
