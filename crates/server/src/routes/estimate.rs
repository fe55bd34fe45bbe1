//! The procedure cost estimator: search the 70 shoppable services, list the
//! providers offering one with their prices, and estimate what a household
//! member would pay given this year's accumulators.

use super::plans::{current_accumulators, query_params};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::estimate_data::{self, ServiceEntry};
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use portal_domain::claims::Network;
use portal_domain::cost::Benefit;
use portal_domain::estimate::{estimate as price, Question, Rate, DISCLAIMERS, MAX_QUANTITY};
use portal_domain::plans::api::{
    EstimateRequest, EstimateResponse, ProviderOption, ShoppableService,
};
use portal_domain::ProblemDetails;

/// Longest search text.
const MAX_Q: usize = 100;

fn service_or_400(code: &str, field: &str) -> ApiResult<&'static ServiceEntry> {
    estimate_data::service(code.trim()).ok_or_else(|| {
        ApiError::field(
            field,
            "service.unknown",
            "Choose one of the listed services (by its code).",
        )
    })
}

/// Services whose plain-language name or code contains every word of `q`.
#[utoipa::path(get, path = "/api/v1/estimate/services", tag = "estimate",
    params(("q" = Option<String>, Query, description = "Words of the name, or the code")),
    responses((status = 200, body = Vec<ShoppableService>), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn services(
    _user: AuthUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<ShoppableService>>> {
    let q = query_params(raw.as_deref(), &["q"])?;
    let text = q.get("q").map(String::as_str).unwrap_or("");
    if text.chars().count() > MAX_Q {
        return Err(ApiError::field(
            "q",
            "q.too_long",
            format!("Use at most {MAX_Q} characters."),
        ));
    }
    Ok(Json(
        estimate_data::search(text).into_iter().cloned().collect(),
    ))
}

/// The providers offering a service, in network first and cheapest first,
/// with their charge and the plan's allowed amount (absent when unknown).
#[utoipa::path(get, path = "/api/v1/estimate/providers", tag = "estimate",
    params(("service" = String, Query, description = "Service code")),
    responses((status = 200, body = Vec<ProviderOption>), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn providers(
    _user: AuthUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<ProviderOption>>> {
    let q = query_params(raw.as_deref(), &["service"])?;
    let s = service_or_400(
        q.get("service").map(String::as_str).unwrap_or(""),
        "service",
    )?;
    Ok(Json(estimate_data::providers_for(s)))
}

/// What the member would pay for `quantity` of a service from a provider,
/// split into deductible, copay and coinsurance, with what the plan pays, the
/// change in deductible and out-of-pocket progress, prior authorization and
/// the disclaimers. Without a known rate: "covered, estimate not available".
#[utoipa::path(post, path = "/api/v1/estimate", tag = "estimate", request_body = EstimateRequest,
    responses((status = 200, body = EstimateResponse), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn estimate(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<EstimateRequest>,
) -> ApiResult<Json<EstimateResponse>> {
    let entry = service_or_400(&body.service, "service")?;
    let provider =
        estimate_data::provider_option(entry, body.provider.trim()).ok_or_else(|| {
            ApiError::field(
                "provider",
                "provider.unknown",
                "Choose one of the providers listed for this service.",
            )
        })?;
    if !(1..=MAX_QUANTITY).contains(&body.quantity) {
        return Err(ApiError::field(
            "quantity",
            "quantity.range",
            format!("Enter a number from 1 to {MAX_QUANTITY}."),
        ));
    }
    let (household, plan, acc) = current_accumulators(&state, &user).await?;
    if !household.people.iter().any(|p| p.id == body.member) {
        return Err(ApiError::field(
            "member",
            "member.invalid",
            "Choose a member of your household.",
        ));
    }
    let service = entry.service.clone();
    let rate = provider
        .billed
        .zip(provider.allowed)
        .map(|(billed, allowed)| Rate { billed, allowed });
    let q = Question {
        person: body.member,
        benefit: service.benefit,
        network: provider.network,
        rate,
        quantity: u32::try_from(body.quantity).unwrap_or(1),
    };
    let priced = price(&plan.design, &acc, &q);
    let preventive = service.benefit == Benefit::Preventive;
    let out_of_network = provider.network == Network::OutOfNetwork;
    let mut notes = vec![DISCLAIMERS[0].to_string()];
    if !priced.available {
        notes.push(
            "Covered, estimate not available: we don't have this provider's price for this service. Call Member Services at the number on your ID card for help."
                .into(),
        );
    }
    if !priced.covered && priced.available {
        notes.push("Your plan does not cover this service from this provider: you would pay the whole amount.".into());
    }
    if service.prior_auth {
        notes.push(
            "Prior authorization needed: your provider must get the plan's approval before this service, or it may not be covered."
                .into(),
        );
    }
    if preventive {
        notes.push(DISCLAIMERS[1].to_string());
    }
    if out_of_network {
        notes.push(DISCLAIMERS[2].to_string());
    }
    Ok(Json(EstimateResponse {
        service,
        provider,
        member: body.member,
        quantity: q.quantity,
        priced,
        preventive,
        notes,
    }))
}
