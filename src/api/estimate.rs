//! The cost estimator: shoppable services, providers with prices, estimates.

use super::{get_json, post_json, ApiError};
use crate::browser::encode_query_value;
use portal_domain::plans::api::{EstimateRequest, EstimateResponse, ProviderOption, ServiceSearch};
use std::future::Future;

/// `GET /api/v1/estimate/search?q=`: the services matching the words, best
/// first, with "did you mean" and suggestions when none does (the synonyms
/// stay on the server).
pub fn search(q: &str) -> impl Future<Output = Result<ServiceSearch, ApiError>> {
    get_json(&format!("/estimate/search?q={}", encode_query_value(q)))
}

/// `GET /api/v1/estimate/providers?service=`: providers offering a service.
/// Aborted when the calling owner is cleaned up (another service chosen).
pub fn providers(code: &str) -> impl Future<Output = Result<Vec<ProviderOption>, ApiError>> {
    get_json(&format!(
        "/estimate/providers?service={}",
        encode_query_value(code)
    ))
}

/// `POST /api/v1/estimate`.
///
/// Errors: [`ApiError::Validation`] by field (`service`, `provider`, `member`, `quantity`).
pub async fn estimate(request: &EstimateRequest) -> Result<EstimateResponse, ApiError> {
    post_json("/estimate", request).await
}
