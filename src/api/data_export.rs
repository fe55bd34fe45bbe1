//! "Download all my data": the member's archive requests
//! (`/api/v1/account/data-exports`).

use super::{builder, decode, get_json, send, ApiError, BASE};
use gloo_net::http::Request;
use portal_domain::data_export::DataExport;
use std::future::Future;

/// `GET /api/v1/account/data-exports`: the requests of the last 30 days, newest first.
pub fn exports() -> impl Future<Output = Result<Vec<DataExport>, ApiError>> {
    get_json("/account/data-exports")
}

/// `POST /api/v1/account/data-exports`: asks for a new archive.
pub async fn request() -> Result<DataExport, ApiError> {
    decode(send(builder(Request::post(&format!("{BASE}/account/data-exports"))).build()).await?)
        .await
}

/// Where the browser downloads a ready archive (the session cookie goes with it).
pub fn archive_href(id: i64) -> String {
    format!("{BASE}/account/data-exports/{id}/archive.zip")
}
