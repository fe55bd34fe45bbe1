//! Virtual visits (issue 14): coverage priced with the member's real
//! accumulators, providers offering them, open times, booking, cancelling
//! and moving, the calendar file, and joining the vendor's video room.
//!
//! Adults book for themselves; a parent for the children under 18 they may
//! see (the same people who may choose a PCP for them). Bookings are seen
//! by the people the family rule lets see the patient.

use crate::db::virtual_care::{self as store, NewVisit, VisitRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::directory::choosers;
use crate::routes::family::Family;
use crate::routes::plans::current_accumulators;
use crate::state::AppState;
use crate::virtual_care::{self as care, ics, schedule};
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono_tz::Tz;
use portal_domain::care::virtual_visit::{
    self as rules, book_errors, BookVisit, JoinLink, JoinState, MoveVisit, PastVisit,
    PlaceOfService, Slots, VirtualCare, VirtualProvider, VirtualProviders, Visit, VisitStatus,
};
use portal_domain::claims::model::Network;
use portal_domain::cost::Benefit;
use portal_domain::dates::parse_iso;
use portal_domain::problem::types;
use portal_domain::{Money, ProblemDetails};
use rand::Rng;

/// Providers per page of [`providers`].
pub const PROVIDERS_PAGE: usize = 10;

fn now() -> i64 {
    crate::db::now()
}

fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::America::Los_Angeles)
}

fn new_reference() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    let code: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("VV-{code}")
}

/// The caller's plan network's name.
/// (The household's plan comes first in the catalogue; no accumulators are
/// needed to know its network.)
async fn network(state: &AppState, family: &Family) -> ApiResult<String> {
    let (plans, _) = crate::routes::directory::plans(state, family).await?;
    Ok(plans
        .into_iter()
        .next()
        .map(|p| p.network)
        .unwrap_or_default())
}

/// A listing as a virtual visit provider, with its next open time.
async fn as_provider(
    state: &AppState,
    l: &crate::directory::Listing,
    network: &str,
    with_next: bool,
) -> ApiResult<Option<(VirtualProvider, Tz)>> {
    let Some((tz_name, _)) = store::service(&state.db, l.id).await? else {
        return Ok(None);
    };
    let tz = zone(&tz_name);
    let mode = rules::mode_for(l.taxonomy.code);
    let next_open = if with_next {
        let t = now();
        let booked = store::booked_starts(&state.db, l.id, t).await?;
        schedule::open_slots(mode, tz, t, &booked)
            .first()
            .map(|s| s.starts_at)
    } else {
        None
    };
    Ok(Some((
        VirtualProvider {
            id: l.id,
            name: l.name.clone(),
            specialty: l.taxonomy.name.to_string(),
            mode,
            benefit: rules::benefit_for(l.taxonomy.code),
            network: l.status_in(network),
            time_zone: tz_name,
            next_open,
        },
        tz,
    )))
}

/// The virtual visits page: what the plan covers, priced for the caller
/// now; their household's upcoming visits, booked visits waiting for a
/// claim, and past virtual visits from the claims (place of service 02 or 10).
#[utoipa::path(get, path = "/api/v1/care/virtual", tag = "virtual-care",
    responses((status = 200, body = VirtualCare), (status = 401, body = ProblemDetails)))]
pub async fn overview(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<VirtualCare>> {
    let (_, plan, acc) = current_accumulators(&state, &family).await?;
    let coverage = care::coverage(&plan, &acc, family.user.member_id);
    let t = now();
    let mut upcoming = Vec::new();
    let mut awaiting_claim = Vec::new();
    let bookings = store::of_household(&state.db, family.user.household_id).await?;
    for row in &bookings {
        if !family.view.visible.contains(&row.member_id) {
            continue;
        }
        let visit = visit_of(&state, &family, row).await?;
        if row.status == "booked" && t < row.ends_at {
            upcoming.push(visit);
        } else if row.status == "booked" && row.claim_id.is_none() {
            awaiting_claim.push(visit);
        }
    }
    awaiting_claim.reverse();
    let mut past = Vec::new();
    for c in store::telehealth_claims(&state.db, family.user.household_id).await? {
        if !family.view.visible.contains(&c.patient_member_id) {
            continue;
        }
        let (Some(date), Some(pos)) = (
            parse_iso(&c.service_start),
            PlaceOfService::parse(&c.place_of_service),
        ) else {
            continue;
        };
        past.push(PastVisit {
            date,
            provider: c.provider_name,
            patient: first_name(&family, c.patient_member_id),
            place_of_service: pos,
            claim_id: c.id,
            claim_number: c.claim_number,
            member_owes: Money::from_cents(c.member_owes_cents),
            booking: bookings
                .iter()
                .find(|b| b.claim_id == Some(c.id))
                .map(|b| b.reference.clone()),
        });
    }
    let people = choosers(&state, &family)
        .into_iter()
        .map(|(m, _)| (m.id, m.first_name))
        .collect();
    Ok(Json(VirtualCare {
        coverage,
        upcoming,
        awaiting_claim,
        past,
        people,
    }))
}

fn first_name(family: &Family, member_id: i64) -> String {
    family
        .view
        .rows
        .iter()
        .find(|r| r.id == member_id)
        .map(|r| r.first_name.clone())
        .unwrap_or_default()
}

async fn visit_of(state: &AppState, family: &Family, row: &VisitRow) -> ApiResult<Visit> {
    let listing = state.directory.get(row.provider_id);
    let tz_name = store::service(&state.db, row.provider_id)
        .await?
        .map_or_else(|| care::DEMO_TIME_ZONE.to_string(), |(tz, _)| tz);
    Ok(Visit {
        reference: row.reference.clone(),
        provider_id: row.provider_id,
        provider_name: listing.map(|l| l.name.clone()).unwrap_or_default(),
        specialty: listing
            .map(|l| l.taxonomy.name.to_string())
            .unwrap_or_default(),
        mode: listing.map_or(rules::VisitMode::Scheduled, |l| {
            rules::mode_for(l.taxonomy.code)
        }),
        member_id: row.member_id,
        patient: first_name(family, row.member_id),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        time_zone: tz_name,
        status: VisitStatus::parse(&row.status).unwrap_or(VisitStatus::Cancelled),
        reason: row.reason.clone(),
        benefit: Benefit::parse(&row.benefit).unwrap_or(Benefit::PrimaryCare),
        you_pay: Money::from_cents(row.you_pay_cents),
        you_pay_words: row.you_pay_words.clone(),
        join_opens_at: rules::join_opens_at(row.starts_at),
        claim_id: row.claim_id,
    })
}

/// Providers offering virtual visits in the caller's plan's network, by
/// kind of visit (`benefit`: `primary_care`, `mental_health`,
/// `urgent_care`, `specialist`) and optional words (`q`, a name or
/// specialty), by name; `page` from 1, ten a page.
#[utoipa::path(get, path = "/api/v1/care/virtual/providers", tag = "virtual-care",
    params(("benefit" = Option<String>, Query, description = "primary_care, mental_health, urgent_care or specialist"),
        ("q" = Option<String>, Query, description = "Words of the name or specialty"),
        ("page" = Option<u32>, Query, description = "Page, from 1")),
    responses((status = 200, body = VirtualProviders), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails)))]
pub async fn providers(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<VirtualProviders>> {
    let mut benefit = None;
    let mut words = String::new();
    let mut page = 1usize;
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "benefit" => {
                benefit = Some(rules_benefit(&v).ok_or_else(|| {
                    ApiError::field(
                        "benefit",
                        "benefit.unknown",
                        "Choose primary care, mental health, urgent care or a specialist.",
                    )
                })?);
            }
            "q" => words = v.trim().to_lowercase(),
            "page" => {
                page = v
                    .parse::<usize>()
                    .ok()
                    .filter(|p| (1..=1000).contains(p))
                    .ok_or_else(|| {
                        ApiError::field("page", "page.invalid", "The page is a number from 1.")
                    })?;
            }
            other => {
                return Err(ApiError::field(
                    other,
                    "param.unknown",
                    format!("There is no search option called \"{other}\"."),
                ));
            }
        }
    }
    let network = network(&state, &family).await?;
    let terms: Vec<&str> = words.split_whitespace().collect();
    let mut matches: Vec<&crate::directory::Listing> = state
        .directory
        .all()
        .iter()
        .filter(|l| l.virtual_visits && l.status_in(&network).is_in())
        .filter(|l| benefit.is_none_or(|b| rules::benefit_for(l.taxonomy.code) == b))
        .filter(|l| {
            let hay = format!("{} {}", l.name_lower, l.taxonomy.name.to_lowercase());
            terms.iter().all(|t| hay.contains(t))
        })
        .collect();
    // On-demand care first (it can start now), then by name.
    matches.sort_by(|a, b| {
        let on_demand = |l: &crate::directory::Listing| {
            rules::mode_for(l.taxonomy.code) != rules::VisitMode::OnDemand
        };
        on_demand(a)
            .cmp(&on_demand(b))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    let total = u32::try_from(matches.len()).unwrap_or(u32::MAX);
    let mut out = Vec::new();
    for l in matches
        .into_iter()
        .skip((page - 1) * PROVIDERS_PAGE)
        .take(PROVIDERS_PAGE)
    {
        if let Some((p, _)) = as_provider(&state, l, &network, true).await? {
            out.push(p);
        }
    }
    Ok(Json(VirtualProviders {
        total,
        providers: out,
    }))
}

/// A kind of virtual visit by its benefit's code.
fn rules_benefit(code: &str) -> Option<Benefit> {
    Benefit::parse(code).filter(|b| portal_domain::cost::Telehealth::BENEFITS.contains(b))
}

/// A provider's open virtual visit times in the booking window (the
/// caller's plan decides its network standing).
#[utoipa::path(get, path = "/api/v1/care/virtual/providers/{id}/slots", tag = "virtual-care",
    params(("id" = i64, Path, description = "The directory listing")),
    responses((status = 200, body = Slots), (status = 401, body = ProblemDetails),
        (status = 404, body = ProblemDetails)))]
pub async fn slots(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Slots>> {
    let listing = state
        .directory
        .get(id)
        .filter(|l| l.virtual_visits)
        .ok_or_else(ApiError::not_found)?;
    let network = network(&state, &family).await?;
    let (provider, tz) = as_provider(&state, listing, &network, false)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let t = now();
    let booked = store::booked_starts(&state.db, id, t).await?;
    let slots = schedule::open_slots(provider.mode, tz, t, &booked);
    Ok(Json(Slots {
        provider: VirtualProvider {
            next_open: slots.first().map(|s| s.starts_at),
            ..provider
        },
        slots,
    }))
}

fn slot_taken() -> ApiError {
    ApiError::problem(
        types::SLOT_TAKEN,
        "That time was just booked",
        StatusCode::CONFLICT,
        "Someone else booked that time a moment ago. Choose another time.",
    )
}

/// Checks that `starts_at` is one of the listing's open times now: 400
/// (`starts_at`) when it is not a time the provider offers, 409 when it is
/// booked.
async fn check_time(
    state: &AppState,
    provider: &VirtualProvider,
    tz: Tz,
    starts_at: i64,
) -> ApiResult<i64> {
    let t = now();
    if !schedule::starts(provider.mode, tz, t).contains(&starts_at) {
        return Err(ApiError::field(
            "starts_at",
            "starts_at.not_offered",
            "This provider does not offer that time any more. Choose one of the open times.",
        ));
    }
    if store::booked_starts(&state.db, provider.id, starts_at)
        .await?
        .contains(&starts_at)
    {
        return Err(slot_taken());
    }
    Ok(starts_at + schedule::length_secs(provider.mode))
}

/// Books a virtual visit at one of the provider's open times, for the
/// caller or a child under 18 they may see, priced now with the patient's
/// accumulators. 201 with the visit; 409 when another booking took the
/// time first (asking again for a time one already holds answers 200 with
/// that visit).
#[utoipa::path(post, path = "/api/v1/care/virtual/visits", tag = "virtual-care",
    request_body = BookVisit,
    responses((status = 201, body = Visit), (status = 200, body = Visit),
        (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
        (status = 403, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails)))]
pub async fn book(
    State(state): State<AppState>,
    family: Family,
    ApiJson(body): ApiJson<BookVisit>,
) -> ApiResult<Response> {
    let errors = book_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !family.view.visible.contains(&body.member_id) {
        return Err(ApiError::not_found());
    }
    if !choosers(&state, &family)
        .iter()
        .any(|(m, _)| m.id == body.member_id)
    {
        return Err(ApiError::forbidden(
            "Adults in the household book their own virtual visits.",
        ));
    }
    let listing = state
        .directory
        .get(body.provider_id)
        .filter(|l| l.virtual_visits)
        .ok_or_else(|| {
            ApiError::field(
                "provider_id",
                "provider_id.unknown",
                "This provider does not offer virtual visits.",
            )
        })?;
    let (_, plan, acc) = current_accumulators(&state, &family).await?;
    let Some((provider, tz)) = as_provider(&state, listing, &plan.network, false).await? else {
        return Err(ApiError::field(
            "provider_id",
            "provider_id.unknown",
            "This provider does not offer virtual visits.",
        ));
    };
    if let Some(held) =
        store::held(&state.db, body.member_id, body.provider_id, body.starts_at).await?
    {
        let visit = visit_of(&state, &family, &held).await?;
        return Ok((StatusCode::OK, Json(visit)).into_response());
    }
    let ends_at = check_time(&state, &provider, tz, body.starts_at).await?;
    let t = now();
    let upcoming = store::of_household(&state.db, family.user.household_id)
        .await?
        .into_iter()
        .filter(|v| v.member_id == body.member_id && v.status == "booked" && v.ends_at > t)
        .collect::<Vec<_>>();
    if upcoming.len() >= rules::MAX_UPCOMING {
        return Err(ApiError::field(
            "starts_at",
            "visits.too_many",
            format!(
                "There are already {} upcoming virtual visits booked for this person. Cancel one to book another.",
                rules::MAX_UPCOMING
            ),
        ));
    }
    if upcoming
        .iter()
        .any(|v| v.starts_at < ends_at && body.starts_at < v.ends_at)
    {
        return Err(ApiError::field(
            "starts_at",
            "starts_at.overlaps",
            "This person already has a virtual visit at that time.",
        ));
    }
    let net = if provider.network.is_in() {
        Network::InNetwork
    } else {
        Network::OutOfNetwork
    };
    let (amounts, bps) = care::price(&plan, &acc, body.member_id, provider.benefit, net);
    let words = rules::you_pay_words(&amounts, bps);
    let benefit = provider.benefit.as_str();
    let reference = new_reference();
    let row = store::insert(
        &state.db,
        &NewVisit {
            reference: &reference,
            household_id: family.user.household_id,
            member_id: body.member_id,
            booked_by: family.user.user_id,
            provider_id: provider.id,
            starts_at: body.starts_at,
            ends_at,
            reason: body.reason.trim(),
            benefit,
            you_pay_cents: amounts.member_owes.cents(),
            you_pay_words: &words,
        },
        t,
    )
    .await?;
    let row = match row {
        Ok(row) => row,
        // A second press racing the first: answer with the visit it booked.
        Err(_) => {
            match store::held(&state.db, body.member_id, body.provider_id, body.starts_at).await? {
                Some(held) => {
                    let visit = visit_of(&state, &family, &held).await?;
                    return Ok((StatusCode::OK, Json(visit)).into_response());
                }
                None => return Err(slot_taken()),
            }
        }
    };
    let visit = visit_of(&state, &family, &row).await?;
    Ok((StatusCode::CREATED, Json(visit)).into_response())
}

/// The booking `reference` if the caller may see its patient, else 404.
async fn owned(state: &AppState, family: &Family, reference: &str) -> ApiResult<VisitRow> {
    store::by_reference(&state.db, reference)
        .await?
        .filter(|v| {
            v.household_id == family.user.household_id && family.view.visible.contains(&v.member_id)
        })
        .ok_or_else(ApiError::not_found)
}

/// The booking if the caller may change it (they booked for that person).
async fn changeable(state: &AppState, family: &Family, reference: &str) -> ApiResult<VisitRow> {
    let row = owned(state, family, reference).await?;
    let status = VisitStatus::parse(&row.status).unwrap_or(VisitStatus::Cancelled);
    if !rules::changeable(now(), status, row.starts_at) {
        return Err(visit_final(status));
    }
    if !choosers(state, family)
        .iter()
        .any(|(m, _)| m.id == row.member_id)
    {
        return Err(ApiError::forbidden(
            "Only the patient, or a parent for a child, can change this visit.",
        ));
    }
    Ok(row)
}

fn visit_final(status: VisitStatus) -> ApiError {
    let detail = match status {
        VisitStatus::Cancelled => "This visit was cancelled.",
        VisitStatus::Booked => "This visit has started, so it can no longer be changed.",
    };
    ApiError::problem(
        types::VISIT_FINAL,
        "The visit can no longer be changed",
        StatusCode::CONFLICT,
        detail,
    )
}

/// One booked visit.
#[utoipa::path(get, path = "/api/v1/care/virtual/visits/{reference}", tag = "virtual-care",
    params(("reference" = String, Path, description = "The booking's reference")),
    responses((status = 200, body = Visit), (status = 401, body = ProblemDetails),
        (status = 404, body = ProblemDetails)))]
pub async fn visit(
    State(state): State<AppState>,
    family: Family,
    ApiPath(reference): ApiPath<String>,
) -> ApiResult<Json<Visit>> {
    let row = owned(&state, &family, &reference).await?;
    Ok(Json(visit_of(&state, &family, &row).await?))
}

/// Cancels a visit that has not started. 409 when it has, or was cancelled.
#[utoipa::path(post, path = "/api/v1/care/virtual/visits/{reference}/cancel", tag = "virtual-care",
    params(("reference" = String, Path, description = "The booking's reference")),
    responses((status = 200, body = Visit), (status = 401, body = ProblemDetails),
        (status = 403, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails)))]
pub async fn cancel(
    State(state): State<AppState>,
    family: Family,
    ApiPath(reference): ApiPath<String>,
) -> ApiResult<Json<Visit>> {
    let row = changeable(&state, &family, &reference).await?;
    if !store::cancel(&state.db, row.id, now()).await? {
        return Err(visit_final(VisitStatus::Booked));
    }
    let row = owned(&state, &family, &reference).await?;
    Ok(Json(visit_of(&state, &family, &row).await?))
}

/// Moves a visit that has not started to another open time of the same
/// provider. 409 when the time was taken first or the visit can no longer
/// change.
#[utoipa::path(post, path = "/api/v1/care/virtual/visits/{reference}/move", tag = "virtual-care",
    params(("reference" = String, Path, description = "The booking's reference")),
    request_body = MoveVisit,
    responses((status = 200, body = Visit), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
pub async fn move_visit(
    State(state): State<AppState>,
    family: Family,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<MoveVisit>,
) -> ApiResult<Json<Visit>> {
    let row = changeable(&state, &family, &reference).await?;
    let network = network(&state, &family).await?;
    let listing = state
        .directory
        .get(row.provider_id)
        .ok_or_else(ApiError::not_found)?;
    let (provider, tz) = as_provider(&state, listing, &network, false)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if body.starts_at != row.starts_at {
        let ends_at = check_time(&state, &provider, tz, body.starts_at).await?;
        match store::move_to(&state.db, row.id, body.starts_at, ends_at, now()).await? {
            Ok(true) => {}
            Ok(false) => return Err(visit_final(VisitStatus::Booked)),
            Err(_) => return Err(slot_taken()),
        }
    }
    let row = owned(&state, &family, &reference).await?;
    Ok(Json(visit_of(&state, &family, &row).await?))
}

/// The visit as a calendar file (`.ics`): one event in UTC with a reminder
/// and the visit page's address; cancelled visits as cancelled.
#[utoipa::path(get, path = "/api/v1/care/virtual/visits/{reference}/calendar.ics", tag = "virtual-care",
    params(("reference" = String, Path, description = "The booking's reference")),
    responses((status = 200, content_type = "text/calendar", body = String),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn calendar(
    State(state): State<AppState>,
    family: Family,
    ApiPath(reference): ApiPath<String>,
) -> ApiResult<Response> {
    let row = owned(&state, &family, &reference).await?;
    let visit = visit_of(&state, &family, &row).await?;
    let origin = crate::smart::origin(&state);
    let host = origin
        .split("://")
        .nth(1)
        .unwrap_or("localhost")
        .split(':')
        .next()
        .unwrap_or("localhost")
        .to_string();
    let page_url = format!(
        "{origin}{}",
        portal_domain::routes::visit_href(&visit.reference)
    );
    let body = ics::calendar(&ics::CalendarVisit {
        reference: &visit.reference,
        provider: &visit.provider_name,
        starts_at: visit.starts_at,
        ends_at: visit.ends_at,
        page_url: &page_url,
        now: now(),
        cancelled: visit.status == VisitStatus::Cancelled,
        host: &host,
    });
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"virtual-visit-{}.ics\"",
                    visit.reference
                ),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

/// The address of the telehealth vendor's video room for a visit, from 10
/// minutes before its start until its scheduled end. 409 otherwise.
#[utoipa::path(post, path = "/api/v1/care/virtual/visits/{reference}/join", tag = "virtual-care",
    params(("reference" = String, Path, description = "The booking's reference")),
    responses((status = 200, body = JoinLink), (status = 401, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
pub async fn join(
    State(state): State<AppState>,
    family: Family,
    ApiPath(reference): ApiPath<String>,
) -> ApiResult<Json<JoinLink>> {
    let row = owned(&state, &family, &reference).await?;
    let status = VisitStatus::parse(&row.status).unwrap_or(VisitStatus::Cancelled);
    let state_now = rules::join_state(now(), row.starts_at, row.ends_at);
    let detail = match (status, state_now) {
        (VisitStatus::Booked, JoinState::Open) => None,
        (VisitStatus::Cancelled, _) => Some("This visit was cancelled.".to_string()),
        (_, JoinState::NotYet) => Some(format!(
            "You can join from {} minutes before the start.",
            rules::JOIN_OPENS_MINUTES
        )),
        (_, _) => Some("This visit's time is over.".to_string()),
    };
    if let Some(detail) = detail {
        return Err(ApiError::problem(
            types::JOIN_CLOSED,
            "The visit cannot be joined now",
            StatusCode::CONFLICT,
            detail,
        ));
    }
    let (_, url) = store::service(&state.db, row.provider_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(JoinLink { url }))
}

/// The demo's stand-in for the telehealth vendor's video room.
pub async fn demo_room() -> Html<&'static str> {
    Html(DEMO_ROOM)
}

const DEMO_ROOM: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo video room - Evergreen Health</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/telehealth/demo-room.css">
</head>
<body>
<main>
<h1>Demo video room</h1>
<p>This page stands in for the telehealth vendor's video room. In the real portal, "Join" opens the room of the vendor your provider uses, at the address configured for that provider.</p>
<p>No video call takes place in this demo, and nothing you do here is recorded.</p>
<p><a href="/care/virtual">Back to virtual visits</a></p>
</main>
</body>
</html>
"#;

/// The demo room's stylesheet (a file of its own: the content security
/// policy allows no inline style).
pub async fn demo_room_css() -> Response {
    (
        [(CONTENT_TYPE, "text/css; charset=utf-8")],
        "body{font-family:system-ui,sans-serif;margin:0;background:#10222b;color:#fff}\
         main{max-width:40rem;margin:0 auto;padding:2rem 1rem;line-height:1.5}\
         a{color:#9fd9ff}h1{font-size:1.75rem}",
    )
        .into_response()
}

/// The reminder alerts of the caller's household's upcoming visits (the
/// ones starting within a day), for the alerts list.
pub async fn reminders(
    state: &AppState,
    family: &Family,
    today: chrono::NaiveDate,
) -> ApiResult<Vec<portal_domain::alerts::Alert>> {
    let t = now();
    let mut out = Vec::new();
    for row in store::of_household(&state.db, family.user.household_id).await? {
        let status = VisitStatus::parse(&row.status).unwrap_or(VisitStatus::Cancelled);
        if !family.view.visible.contains(&row.member_id)
            || !rules::reminder_due(t, status, row.starts_at)
        {
            continue;
        }
        let tz = store::service(&state.db, row.provider_id)
            .await?
            .map_or(chrono_tz::America::Los_Angeles, |(tz, _)| zone(&tz));
        let provider = state
            .directory
            .get(row.provider_id)
            .map(|l| l.name.clone())
            .unwrap_or_default();
        out.push(portal_domain::alerts::virtual_visit_reminder(
            &row.reference,
            &provider,
            &schedule::when_words(row.starts_at, tz),
            today,
        ));
    }
    Ok(out)
}
