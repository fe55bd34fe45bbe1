//! The provider directory (`/api/v1/directory/providers`).

use super::{get_json, ApiError};
use portal_domain::care::directory::{DirectoryResults, ProviderDetail};
use std::future::Future;

/// `GET /api/v1/directory/providers?{query}`: one page of a search (the
/// query as [`portal_domain::care::directory::DirectoryQuery::to_query`]
/// writes it, values percent-encoded).
pub fn search(query: &str) -> impl Future<Output = Result<DirectoryResults, ApiError>> {
    get_json(&format!("/directory/providers?{query}"))
}

/// `GET /api/v1/directory/providers/{id}`: one listing in full.
pub fn listing(id: i64) -> impl Future<Output = Result<ProviderDetail, ApiError>> {
    get_json(&format!("/directory/providers/{id}"))
}

/// `GET /api/v1/plans/my-providers`: the household's providers, each
/// checked against every plan's network.
pub fn my_providers(
) -> impl Future<Output = Result<portal_domain::care::directory::MyProviders, ApiError>> {
    get_json("/plans/my-providers")
}

/// `POST /api/v1/directory/providers/{id}/reports`: reports wrong
/// information on a listing.
pub async fn report(
    id: i64,
    request: &portal_domain::care::directory::ReportRequest,
) -> Result<portal_domain::care::directory::ReportReceipt, ApiError> {
    super::post_json(&format!("/directory/providers/{id}/reports"), request).await
}

/// `POST /api/v1/members/{member}/pcp`: chooses a listing as a member's
/// primary care provider (from the first of next month).
pub async fn choose_pcp(
    member: i64,
    listing_id: i64,
) -> Result<portal_domain::care::pcp::PcpChange, ApiError> {
    super::post_json(
        &format!("/members/{member}/pcp"),
        &portal_domain::care::pcp::ChoosePcpRequest { listing_id },
    )
    .await
}

/// `POST /api/v1/directory/providers/{id}/records`: keeps a record of what
/// the listing says now (to download as a PDF).
pub async fn keep_record(
    id: i64,
) -> Result<portal_domain::care::directory::ListingRecord, ApiError> {
    super::post_json(&format!("/directory/providers/{id}/records"), &()).await
}
