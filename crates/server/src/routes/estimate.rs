//! The procedure cost estimator: search the 70 shoppable services, list the
//! providers offering one with their prices, and estimate what a household
//! member would pay given this year's accumulators.

use super::plans::{current_accumulators, query_params};
use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::estimate_data::{self, ServiceEntry};
use crate::extract::ApiJson;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use portal_domain::claims::Network;
use portal_domain::cost::Benefit;
use portal_domain::estimate::{
    estimate_bundle as price_bundle, Priced, Purpose, DISCLAIMERS, MAX_QUANTITY,
};
use portal_domain::plans::api::{
    BundlePart, EstimateRequest, EstimateResponse, ProviderOption, ServiceSearch, ShoppableService,
    VariantEstimate,
};
use portal_domain::Money;
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

fn search_text(raw: Option<&str>) -> ApiResult<String> {
    let q = query_params(raw, &["q"])?;
    let text = q.get("q").cloned().unwrap_or_default();
    if text.chars().count() > MAX_Q {
        return Err(ApiError::field(
            "q",
            "q.too_long",
            format!("Use at most {MAX_Q} characters."),
        ));
    }
    Ok(text)
}

/// Services matching the words of `q` (plain names, synonyms members use,
/// CMS's wording, or the code), best first; all 70 without `q`.
#[utoipa::path(get, path = "/api/v1/estimate/services", tag = "estimate",
    params(("q" = Option<String>, Query, description = "Words (plain names, synonyms, word stems), or the code")),
    responses((status = 200, body = Vec<ShoppableService>), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn services(
    _user: AuthUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Vec<ShoppableService>>> {
    let text = search_text(raw.as_deref())?;
    Ok(Json(
        estimate_data::search(&text).into_iter().cloned().collect(),
    ))
}

/// The search box's answer: the first 12 matches, best first, how many
/// matched, and when nothing does, a corrected search ("did you mean") and
/// services to suggest.
#[utoipa::path(get, path = "/api/v1/estimate/search", tag = "estimate",
    params(("q" = Option<String>, Query, description = "Words (plain names, synonyms, word stems), or the code")),
    responses((status = 200, body = ServiceSearch), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn search(_user: AuthUser, RawQuery(raw): RawQuery) -> ApiResult<Json<ServiceSearch>> {
    let text = search_text(raw.as_deref())?;
    Ok(Json(estimate_data::search_outcome(&text)))
}

/// The providers offering a service, in network first and cheapest first,
/// with their charge and the plan's allowed amount for the whole bundle
/// (absent when unknown).
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

/// The service priced for a purpose: for a screening or diagnostic version
/// billed under another code (mammograms), that code's service.
fn for_purpose(entry: &'static ServiceEntry, purpose: Option<Purpose>) -> &'static ServiceEntry {
    purpose
        .and_then(|p| entry.service.purposes.iter().find(|o| o.purpose == p))
        .and_then(|o| estimate_data::service(&o.code))
        .unwrap_or(entry)
}

/// What the member would pay for `quantity` of a service from a provider:
/// the whole bundle (facility, professional, anesthesia, newborn where they
/// apply) priced by the cost-sharing engine, split into deductible, copay
/// and coinsurance, with what the plan pays, the realistic total (out of
/// network: plus what the provider may bill above the allowed amount), the
/// change in deductible and out-of-pocket progress, the screening and
/// diagnostic versions where both exist, what is not included, and the
/// notes. Without a known rate: "covered, estimate not available".
#[utoipa::path(post, path = "/api/v1/estimate", tag = "estimate", request_body = EstimateRequest,
    responses((status = 200, body = EstimateResponse), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn estimate(
    State(state): State<AppState>,
    family: Family,
    ApiJson(body): ApiJson<EstimateRequest>,
) -> ApiResult<Json<EstimateResponse>> {
    let asked = service_or_400(&body.service, "service")?;
    let provider_id = body.provider.trim();
    if estimate_data::provider_option(asked, provider_id).is_none() {
        return Err(ApiError::field(
            "provider",
            "provider.unknown",
            "Choose one of the providers listed for this service.",
        ));
    }
    if !(1..=MAX_QUANTITY).contains(&body.quantity) {
        return Err(ApiError::field(
            "quantity",
            "quantity.range",
            format!("Enter a number from 1 to {MAX_QUANTITY}."),
        ));
    }
    let has_purposes = !asked.service.purposes.is_empty();
    if body.purpose.is_some() && !has_purposes {
        return Err(ApiError::field(
            "purpose",
            "purpose.not_applicable",
            "This service has no separate screening version.",
        ));
    }
    // The purpose: as asked, else the asked code's own (a screening code is
    // a screening; otherwise diagnostic, so an estimate never assumes $0).
    let purpose = has_purposes.then(|| {
        body.purpose
            .unwrap_or(if asked.service.benefit == Benefit::Preventive {
                Purpose::Screening
            } else {
                Purpose::Diagnostic
            })
    });
    let (household, plan, acc) = current_accumulators(&state, &family).await?;
    if !household.people.iter().any(|p| p.id == body.member) {
        return Err(ApiError::field(
            "member",
            "member.invalid",
            "Choose a member of your household.",
        ));
    }
    let quantity = u32::try_from(body.quantity).unwrap_or(1);
    let price_at = |entry: &'static ServiceEntry, purpose: Option<Purpose>| {
        let b = estimate_data::bundle(entry, provider_id, purpose)?;
        let provider = estimate_data::provider_option(entry, provider_id)?;
        let priced = price_bundle(
            &plan.design,
            &acc,
            body.member,
            provider.network,
            &b.rates,
            quantity,
        );
        Some((b, provider, priced))
    };
    let entry = for_purpose(asked, purpose);
    let (bundle, provider, priced) = price_at(entry, purpose).ok_or_else(|| {
        ApiError::field(
            "provider",
            "provider.unknown",
            "Choose one of the providers listed for this service.",
        )
    })?;
    let variants = asked
        .service
        .purposes
        .iter()
        .map(|o| {
            let e = estimate_data::service(&o.code).unwrap_or(asked);
            let total = price_at(e, Some(o.purpose))
                .filter(|(_, _, p)| p.available)
                .map(|(_, _, p)| p.realistic_total());
            VariantEstimate {
                purpose: o.purpose,
                code: o.code.clone(),
                name: e.service.name.clone(),
                applies_when: o.applies_when.clone(),
                total,
            }
        })
        .collect();
    let service = entry.service.clone();
    let preventive = purpose == Some(Purpose::Screening) || service.benefit == Benefit::Preventive;
    let notes = notes(&service, &provider, &priced, preventive, &bundle.parts);
    Ok(Json(EstimateResponse {
        total: priced.realistic_total(),
        service,
        provider,
        member: body.member,
        quantity,
        priced,
        preventive,
        purpose,
        variants,
        parts: scale(bundle.parts, quantity),
        not_included: bundle.not_included,
        notes,
    }))
}

/// The parts' prices for all units.
fn scale(parts: Vec<BundlePart>, quantity: u32) -> Vec<BundlePart> {
    let times = |m: Option<Money>| m.map(|m| Money::from_cents(m.cents() * i64::from(quantity)));
    parts
        .into_iter()
        .map(|p| BundlePart {
            billed: times(p.billed),
            allowed: times(p.allowed),
            ..p
        })
        .collect()
}

/// The notes of an estimate: each true for this service, provider and plan.
fn notes(
    service: &ShoppableService,
    provider: &ProviderOption,
    priced: &Priced,
    preventive: bool,
    parts: &[BundlePart],
) -> Vec<String> {
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
    if preventive && !out_of_network {
        notes.push(DISCLAIMERS[1].to_string());
    }
    if preventive && out_of_network {
        notes.push("Preventive care is $0 only in network: from an out-of-network provider your plan's out-of-network cost share applies.".into());
    }
    if out_of_network {
        notes.push(DISCLAIMERS[2].to_string());
    }
    if provider.facility && !out_of_network && parts.len() > 1 {
        notes.push("If a clinician who treats you at this in-network facility (for example an anesthesiologist, radiologist or assistant surgeon) is out of network, the No Surprises Act protects you: you pay no more than your in-network cost share for their care, and they may not bill you the difference.".into());
    }
    if parts.iter().any(|p| p.newborn) {
        notes.push("Your baby's care is billed under your baby, with their own deductible (limited by the family deductible), and is included in this estimate. A birth is a qualifying life event: add your baby to your plan within 60 days.".into());
    }
    notes
}
