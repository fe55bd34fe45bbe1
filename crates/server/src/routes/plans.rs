//! Plans: the catalogue, side-by-side comparison, what-if yearly cost, plan
//! changes (open enrollment or a qualifying life event), and this year's
//! accumulators computed from the household's claims.

use crate::auth::AuthUser;
use crate::db::{self, members, plans as store};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Datelike, Duration, NaiveDate};
use portal_domain::api::Relationship;
use portal_domain::claims::ClaimSummary;
use portal_domain::cost::Accumulators;
use portal_domain::dates::parse_iso;
use portal_domain::plans::api::{
    plan_change_refusal, AccumulatorsView, ChangePlanRequest, EnrollmentStatus, HouseholdPerson,
    LifeEvent, PersonProgress, PlanCatalog, PlanChange, WhatIfRequest, LIFE_EVENT_DAYS,
    NOT_SUBSCRIBER,
};
use portal_domain::plans::compare::{compare as compare_plans, Comparison};
use portal_domain::plans::{CoverageTier, Plan};
use portal_domain::whatif::{self, HouseholdUse, PersonUse, UsageLevel, WhatIfResult};
use portal_domain::{Money, ProblemDetails};
use std::collections::HashMap;

pub use portal_domain::problem::types::ENROLLMENT_CLOSED;

/// Most plans one what-if may price.
const MAX_WHATIF_PLANS: usize = 6;

/// Parses a query string, refusing parameters other than `allowed` and
/// repeated ones (400 naming the parameter); never ignores input.
pub fn query_params(raw: Option<&str>, allowed: &[&str]) -> ApiResult<HashMap<String, String>> {
    let mut out = HashMap::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()).into_owned() {
        if !allowed.contains(&k.as_str()) {
            return Err(ApiError::field(
                &k,
                "param.unknown",
                "This parameter is not known.",
            ));
        }
        if out.insert(k.clone(), v).is_some() {
            return Err(ApiError::field(
                &k,
                "param.repeated",
                "Give this parameter once.",
            ));
        }
    }
    Ok(out)
}

/// The caller's household as the plan tools see it.
pub struct Household {
    /// Members the caller may see (subscriber first).
    pub people: Vec<HouseholdPerson>,
    /// Coverage tier, from everyone on the plan.
    pub tier: CoverageTier,
    /// Number of people covered.
    pub covered: u32,
    /// The current plan's code.
    pub plan_id: String,
}

use portal_domain::family::age_on;

/// Loads the caller's household, its tier and current plan.
pub async fn household(state: &AppState, family: &Family) -> ApiResult<Household> {
    let user = &family.user;
    let today = state.clock.today();
    let rows = &family.view.rows;
    let visible = &family.view.visible;
    let relationships: Vec<Relationship> = rows.iter().map(|m| m.relationship).collect();
    let people = rows
        .iter()
        .filter(|m| visible.contains(&m.id))
        .map(|m| HouseholdPerson {
            id: m.id,
            first_name: m.first_name.clone(),
            adult: age_on(m.date_of_birth, today) >= 18,
        })
        .collect();
    let plan_id = store::current_plan_id(&state.db, user.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(Household {
        people,
        tier: CoverageTier::of_household(&relationships),
        covered: u32::try_from(rows.len()).unwrap_or(1).max(1),
        plan_id,
    })
}

/// The catalogue, or 404 when the plan details are not loaded.
async fn catalog(state: &AppState) -> ApiResult<Vec<Plan>> {
    let plans = store::catalog(&state.db).await?;
    if plans.is_empty() {
        return Err(ApiError::not_found());
    }
    Ok(plans)
}

/// The current plan first, then the others in catalogue order.
fn ordered(mut plans: Vec<Plan>, current: &str) -> Vec<Plan> {
    plans.sort_by_key(|p| p.id != current);
    plans
}

/// The household's current plan and the plans on offer, with their designs.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans",
    responses((status = 200, body = PlanCatalog), (status = 401, body = ProblemDetails)))]
pub async fn list(State(state): State<AppState>, family: Family) -> ApiResult<Json<PlanCatalog>> {
    let h = household(&state, &family).await?;
    let plans = ordered(catalog(&state).await?, &h.plan_id);
    Ok(Json(PlanCatalog {
        tier: h.tier,
        current_plan_id: h.plan_id,
        plans,
        household: h.people,
    }))
}

/// Looks plans up by code: unknown or repeated codes are a 400 on `field`.
fn pick<'a>(plans: &'a [Plan], ids: &[String], field: &str) -> ApiResult<Vec<&'a Plan>> {
    let mut out: Vec<&Plan> = Vec::new();
    for id in ids {
        let Some(p) = plans.iter().find(|p| &p.id == id) else {
            return Err(ApiError::field(
                field,
                "plan.unknown",
                format!("There is no plan with the code {id:?}."),
            ));
        };
        if out.iter().any(|o| o.id == p.id) {
            return Err(ApiError::field(
                field,
                "plan.repeated",
                "Choose each plan once.",
            ));
        }
        out.push(p);
    }
    Ok(out)
}

/// Side-by-side comparison of two to four plans (`ids=A,B,C`), premiums for
/// the household's tier, best value per row marked.
#[utoipa::path(get, path = "/api/v1/plans/compare", tag = "plans",
    params(("ids" = String, Query, description = "Two to four plan codes, comma separated")),
    responses((status = 200, body = Comparison), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn compare(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Comparison>> {
    let q = query_params(raw.as_deref(), &["ids"])?;
    let ids: Vec<String> = q
        .get("ids")
        .map(|s| {
            s.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !(2..=4).contains(&ids.len()) {
        return Err(ApiError::field(
            "ids",
            "ids.count",
            "Choose two to four plans to compare.",
        ));
    }
    let h = household(&state, &family).await?;
    let plans = catalog(&state).await?;
    let chosen = pick(&plans, &ids, "ids")?;
    Ok(Json(compare_plans(&chosen, h.tier)))
}

/// The household's processed claims of one calendar year.
async fn claims_of_year(
    state: &AppState,
    user: &AuthUser,
    visible: &[i64],
    year: i32,
) -> ApiResult<Vec<ClaimSummary>> {
    let index = state.claims.household(&state.db, user.household_id).await?;
    Ok(index
        .entries
        .iter()
        .map(|(c, _)| c)
        .filter(|c| c.service_start.year() == year && visible.contains(&c.patient_id))
        .cloned()
        .collect())
}

/// Yearly premiums + expected out-of-pocket for each plan, for a preset
/// (`low`, `medium`, `high`, `last_year`) or a custom list of services.
#[utoipa::path(post, path = "/api/v1/plans/what-if", tag = "plans", request_body = WhatIfRequest,
    responses((status = 200, body = WhatIfResult), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn what_if(
    State(state): State<AppState>,
    family: Family,
    ApiJson(body): ApiJson<WhatIfRequest>,
) -> ApiResult<Json<WhatIfResult>> {
    let user = &family.user;
    if body.plan_ids.is_empty() || body.plan_ids.len() > MAX_WHATIF_PLANS {
        return Err(ApiError::field(
            "plan_ids",
            "plan_ids.count",
            format!("Choose one to {MAX_WHATIF_PLANS} plans."),
        ));
    }
    let h = household(&state, &family).await?;
    let plans = catalog(&state).await?;
    let chosen = pick(&plans, &body.plan_ids, "plan_ids")?;
    let ids: Vec<i64> = h.people.iter().map(|p| p.id).collect();
    let usage = match (body.preset.as_deref(), body.usage) {
        (Some("last_year"), None) => {
            let year = state.clock.today().year() - 1;
            let claims = claims_of_year(&state, user, &ids, year).await?;
            HouseholdUse::from_claims(&ids, &claims)
        }
        (Some(p), None) => {
            let level = UsageLevel::parse(p).ok_or_else(|| {
                ApiError::field(
                    "preset",
                    "preset.unknown",
                    "Choose low, medium, high or last_year.",
                )
            })?;
            let people: Vec<(i64, bool)> = h.people.iter().map(|p| (p.id, p.adult)).collect();
            HouseholdUse::preset(level, &people)
        }
        (None, Some(mut usage)) => {
            usage.validate(&ids).map_err(ApiError::validation)?;
            for id in &ids {
                if !usage.people.iter().any(|p| p.member == *id) {
                    usage.people.push(PersonUse {
                        member: *id,
                        items: Vec::new(),
                    });
                }
            }
            usage
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "preset",
                "preset.conflict",
                "Give either a preset or a custom list of services, not both.",
            ))
        }
        (None, None) => {
            return Err(ApiError::field(
                "usage",
                "usage.required",
                "Choose a preset or list the services you expect to use.",
            ))
        }
    };
    Ok(Json(whatif::run(&chosen, h.tier, &usage)))
}

/// Last year's actual care of the household as a list of services (one per
/// processed claim, at its real allowed amount), for the what-if.
#[utoipa::path(get, path = "/api/v1/plans/last-year-use", tag = "plans",
    responses((status = 200, body = HouseholdUse), (status = 401, body = ProblemDetails)))]
pub async fn last_year_use(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<HouseholdUse>> {
    let user = &family.user;
    let visible = family.view.visible.clone();
    let year = state.clock.today().year() - 1;
    let claims = claims_of_year(&state, user, &visible, year).await?;
    Ok(Json(HouseholdUse::from_claims(&visible, &claims)))
}

/// Why the caller may not change the household's plan (the rule is
/// `portal_domain::plans::api::plan_change_refusal`), or `None`.
async fn change_refusal(state: &AppState, user: &AuthUser) -> ApiResult<Option<&'static str>> {
    let relationship = members::by_id(&state.db, user.member_id)
        .await?
        .map(|m| m.relationship);
    // A member row without a known relationship is refused like a dependent.
    Ok(plan_change_refusal(
        relationship.unwrap_or(Relationship::Child),
    ))
}

/// 403 `/problems/not-subscriber` unless the caller may change (or cancel
/// a change of) the household's plan.
async fn require_subscriber(state: &AppState, user: &AuthUser) -> ApiResult<()> {
    match change_refusal(state, user).await? {
        Some(why) => Err(ApiError::problem(
            NOT_SUBSCRIBER,
            "Only the subscriber can change the plan",
            StatusCode::FORBIDDEN,
            why,
        )),
        None => Ok(()),
    }
}

fn enrollment_status(
    state: &AppState,
    current: String,
    pending: Option<PlanChange>,
    refusal: Option<&str>,
) -> EnrollmentStatus {
    let today = state.clock.today();
    let (start, end) = state.config.enrollment_window(today);
    EnrollmentStatus {
        open: start <= today && today <= end,
        window_start: start,
        window_end: end,
        effective: NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(end),
        current_plan_id: current,
        pending,
        can_change: refusal.is_none(),
        cannot_change_reason: refusal.map(str::to_string),
    }
}

/// Whether the household may change plans now, and any change already made.
#[utoipa::path(get, path = "/api/v1/plans/change", tag = "plans",
    responses((status = 200, body = EnrollmentStatus), (status = 401, body = ProblemDetails)))]
pub async fn enrollment(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<EnrollmentStatus>> {
    let current = store::current_plan_id(&state.db, user.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let pending = store::pending_change(&state.db, user.household_id).await?;
    let refusal = change_refusal(&state, &user).await?;
    Ok(Json(enrollment_status(&state, current, pending, refusal)))
}

/// Changes the household's plan: inside open enrollment (effective January 1
/// of the next year), or within 60 days of a qualifying life event
/// (effective the first of next month, and not before the plan's year).
#[utoipa::path(post, path = "/api/v1/plans/change", tag = "plans", request_body = ChangePlanRequest,
    responses((status = 201, body = PlanChange), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails),
              (status = 403, body = ProblemDetails, description = "/problems/not-subscriber: only the subscriber may change the household's plan"),
              (status = 409, body = ProblemDetails, description = "Outside open enrollment without a qualifying life event")))]
pub async fn change(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<ChangePlanRequest>,
) -> ApiResult<Response> {
    require_subscriber(&state, &user).await?;
    let plans = catalog(&state).await?;
    let current = store::current_plan_id(&state.db, user.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let plan = plans.iter().find(|p| p.id == body.plan_id).ok_or_else(|| {
        ApiError::field(
            "plan_id",
            "plan.unknown",
            "Choose one of the plans on offer.",
        )
    })?;
    if plan.id == current {
        return Err(ApiError::field(
            "plan_id",
            "plan.current",
            "This is already your plan.",
        ));
    }
    if !body.confirm {
        return Err(ApiError::field(
            "confirm",
            "confirm.required",
            "Confirm that you want to change your plan.",
        ));
    }
    let today = state.clock.today();
    let status = enrollment_status(&state, current.clone(), None, None);
    let plan_start = NaiveDate::from_ymd_opt(plan.year, 1, 1).unwrap_or(today);
    let (reason, effective, event_date) = match (&body.life_event, status.open) {
        (None, true) => ("open_enrollment".to_string(), status.effective.max(plan_start), None),
        (None, false) => {
            return Err(ApiError::Problem(Box::new(
                ProblemDetails::new(ENROLLMENT_CLOSED, "Open enrollment is closed", 409).with_detail(format!(
                    "You can change plans during open enrollment ({} to {}), or within {LIFE_EVENT_DAYS} days of a qualifying life event such as marriage, a birth or losing other coverage.",
                    status.window_start, status.window_end
                )),
            )))
        }
        (Some(code), _) => {
            let event = LifeEvent::parse(code).ok_or_else(|| {
                ApiError::field("life_event", "life_event.unknown", "Choose a qualifying life event.")
            })?;
            let date = body
                .event_date
                .as_deref()
                .and_then(parse_iso)
                .ok_or_else(|| {
                    ApiError::field("event_date", "event_date.invalid", "Enter the date of the event as YYYY-MM-DD.")
                })?;
            if date > today || today - date > Duration::days(LIFE_EVENT_DAYS) {
                return Err(ApiError::field(
                    "event_date",
                    "event_date.range",
                    format!("The event must be in the last {LIFE_EVENT_DAYS} days."),
                ));
            }
            let next_month = NaiveDate::from_ymd_opt(
                if today.month() == 12 { today.year() + 1 } else { today.year() },
                today.month() % 12 + 1,
                1,
            )
            .unwrap_or(today);
            (event.as_str().to_string(), next_month.max(plan_start), Some(date))
        }
    };
    let id = store::record_change(
        &state.db,
        &store::NewChange {
            household_id: user.household_id,
            user_id: user.user_id,
            from_plan_id: &current,
            to_plan_id: &plan.id,
            effective,
            reason: &reason,
            event_date,
        },
        db::now(),
    )
    .await?;
    let change = PlanChange {
        from_plan_id: current,
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        effective,
        reason,
        confirmation: portal_domain::plans::api::confirmation_number(effective.year(), id),
    };
    Ok((StatusCode::CREATED, Json(change)).into_response())
}

pub use portal_domain::problem::types::CHANGE_IN_EFFECT;

/// Cancels the household's pending plan change, before it takes effect: the
/// current plan stays. 404 when there is none; 409 once it is in effect.
#[utoipa::path(delete, path = "/api/v1/plans/change", tag = "plans",
    responses((status = 204, description = "Cancelled: the current plan stays"), (status = 401, body = ProblemDetails),
              (status = 403, body = ProblemDetails, description = "/problems/not-subscriber: only the subscriber may cancel"),
              (status = 404, body = ProblemDetails, description = "No pending change"),
              (status = 409, body = ProblemDetails, description = "The change has already taken effect")))]
pub async fn cancel_change(State(state): State<AppState>, user: AuthUser) -> ApiResult<StatusCode> {
    require_subscriber(&state, &user).await?;
    let pending = store::pending_change(&state.db, user.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    if pending.effective <= state.clock.today() {
        return Err(ApiError::Problem(Box::new(
            ProblemDetails::new(CHANGE_IN_EFFECT, "This plan change has taken effect", 409).with_detail(format!(
                "Your change to {} took effect on {}. To change plans again, wait for open enrollment or a qualifying life event.",
                pending.plan_name, pending.effective
            )),
        )));
    }
    store::cancel_pending(&state.db, user.household_id, db::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Rebuilds this year's accumulators from the household's claims: each
/// claim's deductible and out-of-pocket parts, per person and network
/// (`Accumulators::record_claim`).
pub fn accumulators_from_claims(
    plan: &Plan,
    covered: u32,
    claims: &[ClaimSummary],
) -> Accumulators {
    let mut acc = Accumulators::new(covered);
    for c in claims {
        acc.record_claim(
            &plan.design,
            c.patient_id,
            c.provider.network,
            c.category,
            &c.amounts,
        );
    }
    acc
}

/// The current plan and this year's accumulators of the caller's household.
pub async fn current_accumulators(
    state: &AppState,
    family: &Family,
) -> ApiResult<(Household, Plan, Accumulators)> {
    let user = &family.user;
    let h = household(state, family).await?;
    let plan = catalog(state)
        .await?
        .into_iter()
        .find(|p| p.id == h.plan_id)
        .ok_or_else(ApiError::not_found)?;
    // Everyone in the household counts toward the family totals.
    let all: Vec<i64> = members::household(&state.db, user.household_id)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    let year = state.clock.today().year();
    let claims = claims_of_year(state, user, &all, year).await?;
    let acc = accumulators_from_claims(&plan, h.covered, &claims);
    Ok((h, plan, acc))
}

/// This plan year's deductible and out-of-pocket progress per person and
/// network (individual and family), from the household's claims.
#[utoipa::path(get, path = "/api/v1/accumulators", tag = "plans",
    responses((status = 200, body = AccumulatorsView), (status = 401, body = ProblemDetails)))]
pub async fn accumulators(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<AccumulatorsView>> {
    let (h, plan, acc) = current_accumulators(&state, &family).await?;
    let hidden = family.view.hidden.len();
    let people = h
        .people
        .iter()
        .map(|p| PersonProgress::of(&plan.design, &acc, p.id, &p.first_name, hidden))
        .collect();
    // Totals over the people the caller may see (family limits above count everyone).
    let seen = |(id, _): &(i64, bool)| h.people.iter().any(|p| p.id == *id);
    let deductible_total: Money = acc
        .people
        .iter()
        .filter(|(k, _)| seen(k))
        .map(|(_, m)| m.deductible + m.rx_deductible)
        .sum();
    let oop_total: Money = acc
        .people
        .iter()
        .filter(|(k, _)| seen(k))
        .map(|(_, m)| m.oop)
        .sum();
    Ok(Json(AccumulatorsView {
        plan_id: plan.id,
        year: state.clock.today().year(),
        people,
        deductible_total,
        oop_total,
    }))
}
