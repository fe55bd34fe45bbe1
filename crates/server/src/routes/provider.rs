//! The provider side (issue 13): provider registration, and the provider
//! home's eligibility and benefits, claim status and remittances. Every
//! lookup of a member's data by a provider is rate limited and audited; a
//! provider sees only the claims billed under its own tax ID's NPIs, and of
//! a patient only that patient's coverage and amounts (never the
//! household's, never claims).

use crate::auth::password;
use crate::auth::session::{self, ProviderUser};
use crate::db::{self, accounts, audit::Event, members, providers, rate, rate::Hit, throttle};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::client::ClientInfo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use portal_domain::api::Me;
use portal_domain::claims::Network;
use portal_domain::credentials::Rule;
use portal_domain::dates::to_iso;
use portal_domain::estimate::Progress;
use portal_domain::problem::types;
use portal_domain::provider::{
    remittance_rows, validate_claim_query, validate_eligibility, validate_provider_registration,
    BenefitStanding, CopayLine, Eligibility, EligibilityRequest, ProviderClaimQuery,
    ProviderClaimsPage, ProviderIdentity, ProviderRegisterRequest, ProviderSummary, RemittanceList,
    CLAIMS_PAGE, ELIGIBILITY_MISSES, ELIGIBILITY_PER_MINUTE, REMITTANCE_CSV_HEADER,
};
use portal_domain::registration::{PRIVACY_VERSION, TERMS_VERSION};
use portal_domain::{Money, ProblemDetails};
use rand::Rng;

/// Failed identity checks per provider ID before registration pauses for it.
const REGISTER_THRESHOLD: i64 = 5;

/// Seconds the eligibility miss limit counts over.
const MISS_WINDOW_SECS: i64 = 900;

/// The first phone number of the help centre's audience `id` (the
/// configured contact directory), or Member Services' when it has none.
fn audience_phone(state: &AppState, id: &str) -> String {
    state
        .help
        .contacts
        .audience(id)
        .and_then(|a| a.lines.iter().find_map(|l| l.phone.clone()))
        .unwrap_or_else(|| state.config.member_services_phone.clone())
}

/// The technical support line's number and hours, in a sentence.
pub(crate) fn technical_support_sentence(state: &AppState) -> String {
    match state
        .help
        .contacts
        .audience("technical-support")
        .and_then(|a| a.lines.first())
    {
        Some(l) => format!(
            "Call technical support at {} (TTY {}), {}.",
            l.phone
                .clone()
                .unwrap_or_else(|| technical_support_phone(state)),
            l.tty.clone().unwrap_or_else(|| "711".into()),
            l.hours.describe().join("; ")
        ),
        None => format!(
            "Call technical support at {}.",
            technical_support_phone(state)
        ),
    }
}

/// 400 for someone other than a provider registering or recovering online:
/// the field error, and the technical support line in the detail.
pub(crate) fn call_support_problem(
    state: &AppState,
    errors: portal_domain::FieldErrors,
) -> ApiError {
    let mut p = ProblemDetails::validation(errors);
    p.detail = Some(format!(
        "Employer, facility and broker accounts are set up and recovered by technical support, not online. {}",
        technical_support_sentence(state)
    ));
    ApiError::Problem(Box::new(p))
}

/// The validation error of a form, with the technical support line when
/// the registrant may not use the form online.
pub(crate) fn form_errors(state: &AppState, errors: portal_domain::FieldErrors) -> ApiError {
    if errors.contains_key("registrant") {
        call_support_problem(state, errors)
    } else {
        ApiError::validation(errors)
    }
}

/// The technical support line of the help centre (`technical-support`).
pub(crate) fn technical_support_phone(state: &AppState) -> String {
    audience_phone(state, "technical-support")
}

/// The provider services line of the help centre (`providers`).
fn provider_services_phone(state: &AppState) -> String {
    audience_phone(state, "providers")
}

/// The practice a provider account acts for (for `Me`).
pub(crate) async fn summary(state: &AppState, user_id: i64) -> ApiResult<ProviderSummary> {
    let (org_id, organization, _) = providers::org_of_user(&state.db, user_id)
        .await?
        .ok_or_else(|| ApiError::forbidden("This provider account is no longer active."))?;
    Ok(ProviderSummary {
        organization,
        npis: providers::npis(&state.db, org_id).await?,
        technical_support_phone: technical_support_phone(state),
    })
}

/// Whether a provider file entry matches the identity typed (tax ID of the
/// same kind and digits, and date of birth; the record still active).
pub(crate) fn record_matches(r: &providers::ProviderRecord, id: &ProviderIdentity) -> bool {
    r.active
        && r.tax_id_kind == id.tax_id.kind()
        && r.tax_id == id.tax_id.digits()
        && r.date_of_birth == to_iso(id.date_of_birth)
}

fn not_matched(state: &AppState) -> ApiError {
    ApiError::problem(
        types::NOT_ELIGIBLE,
        "We couldn't verify you",
        StatusCode::UNPROCESSABLE_ENTITY,
        format!(
            "We couldn't match these details to a provider in our records. Check the provider ID on the plan's \
             welcome letter, the tax ID and the date of birth; if they are right, call Provider Services at {}.",
            provider_services_phone(state)
        ),
    )
}

/// Creates a provider account (provider ID, Federal Tax ID number or SSN,
/// date of birth, then credentials under the provider preset) and signs in.
#[utoipa::path(post, path = "/api/v1/provider/register", tag = "provider", request_body = ProviderRegisterRequest,
    responses(
        (status = 201, body = Me, description = "Account created; signed in"),
        (status = 400, body = ProblemDetails, description = "Validation errors by field (registrant.call_support for employers, facilities and brokers)"),
        (status = 409, body = ProblemDetails, description = "Username taken (with suggestions) or provider already registered"),
        (status = 422, body = ProblemDetails, description = "Details match no provider on file"),
        (status = 429, body = ProblemDetails, description = "Too many identity checks for this provider ID, or rate limited"),
        (status = 503, body = ProblemDetails, description = "/problems/busy (Retry-After)")))]
pub async fn register(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<ProviderRegisterRequest>,
) -> ApiResult<Response> {
    let now = db::now();
    let mut valid = validate_provider_registration(&body, state.clock.today())
        .map_err(|e| form_errors(&state, e))?;
    let policy = portal_domain::provider::provider_policy();
    if password::is_common(&valid.password) {
        return Err(ApiError::field(
            "password",
            Rule::PasswordNotCommon.code(),
            format!(
                "{}: this one is on the list of commonly used passwords. Choose another.",
                policy.message(Rule::PasswordNotCommon)
            ),
        ));
    }
    let lock_secs = i64::try_from(state.config.lockout_secs).unwrap_or(900);
    let key = format!("provider-register:{}", valid.identity.provider_id.typed());
    let n = match throttle::reserve(&state.db, &key, now, REGISTER_THRESHOLD, lock_secs).await? {
        throttle::Reservation::Locked { until } => {
            return Err(crate::routes::auth::too_many_attempts(until))
        }
        throttle::Reservation::Busy => return Err(crate::routes::auth::in_flight_problem()),
        throttle::Reservation::Proceed { n } => n,
    };
    let record = match providers::record(&state.db, &valid.identity.provider_id).await? {
        Some(r) if record_matches(&r, &valid.identity) => r,
        _ => {
            client.audit(&state.db, None, Event::RecoveryFailed).await;
            if n >= REGISTER_THRESHOLD {
                let until = throttle::lock(&state.db, &key, now + lock_secs).await?;
                return Err(crate::routes::auth::too_many_attempts(until));
            }
            return Err(not_matched(&state));
        }
    };
    throttle::reset(&state.db, &key).await?;
    if providers::user_for_record(&state.db, record.id)
        .await?
        .is_some()
    {
        return Err(already_registered());
    }
    if accounts::by_username(&state.db, &valid.username)
        .await?
        .is_some()
    {
        return Err(crate::routes::auth::username_taken(&state, &valid.username).await);
    }
    let phc = password::hash_gated(&state.hashing, std::mem::take(&mut valid.password)).await?;
    let user_id =
        match providers::create_account(&state.db, &record, &valid.username, &phc, now).await {
            Ok(id) => id,
            Err(accounts::CreateError::UsernameTaken) => {
                return Err(crate::routes::auth::username_taken(&state, &valid.username).await)
            }
            Err(accounts::CreateError::AlreadyRegistered | accounts::CreateError::CodeUsed) => {
                return Err(already_registered())
            }
            Err(accounts::CreateError::Db(e)) => return Err(e.into()),
        };
    accounts::record_terms(&state.db, user_id, TERMS_VERSION, PRIVACY_VERSION, now).await?;
    client
        .audit(&state.db, Some(user_id), Event::Registered)
        .await;
    let (ip, ua) = (client.addr.as_deref(), client.user_agent.as_deref());
    let cookie = session::start(&state, user_id, ua, ip).await?;
    let me = crate::routes::auth::me_for(&state, user_id).await?;
    Ok((StatusCode::CREATED, [cookie], Json(me)).into_response())
}

fn already_registered() -> ApiError {
    ApiError::problem(
        types::ALREADY_REGISTERED,
        "Already registered",
        StatusCode::CONFLICT,
        "This provider already has an account. Sign in with it, or use \"Forgot username or password\".",
    )
}

/// The caller's organisation and its NPIs, or 403 when it is no longer active.
async fn org(state: &AppState, user: &ProviderUser) -> ApiResult<(i64, bool, Vec<String>)> {
    let (org_id, _, in_network) = providers::org_of_user(&state.db, user.0.user_id)
        .await?
        .ok_or_else(|| ApiError::forbidden("This provider account is no longer active."))?;
    let npis = providers::npis(&state.db, org_id)
        .await?
        .into_iter()
        .map(|n| n.npi)
        .collect();
    Ok((org_id, in_network, npis))
}

fn lookup_reference() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    let tail: String = (0..10)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("ELG-{tail}")
}

/// A patient's coverage on a date of service and this plan year's
/// deductible and out-of-pocket standing. The member ID and date of birth
/// must both match; a miss answers 404 like any other miss. Lookups are
/// limited per account ([`ELIGIBILITY_PER_MINUTE`] a minute, and
/// [`ELIGIBILITY_MISSES`] misses in 15 minutes) and every one is audited.
#[utoipa::path(post, path = "/api/v1/provider/eligibility", tag = "provider", request_body = EligibilityRequest,
    responses((status = 200, body = Eligibility),
        (status = 400, body = ProblemDetails, description = "errors.member_id / date_of_birth / date_of_service"),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails, description = "Not a provider account"),
        (status = 404, body = ProblemDetails, description = "No member with this member ID and date of birth"),
        (status = 429, body = ProblemDetails, description = "Too many lookups, or too many misses (Retry-After)")))]
pub async fn eligibility(
    State(state): State<AppState>,
    client: ClientInfo,
    user: ProviderUser,
    ApiJson(body): ApiJson<EligibilityRequest>,
) -> ApiResult<Json<Eligibility>> {
    let today = state.clock.today();
    let q = validate_eligibility(&body, today).map_err(ApiError::validation)?;
    let uid = user.0.user_id;
    let now = db::now();
    let miss_key = format!("eligibility-miss:{uid}");
    if let Hit::Limited { until } =
        rate::peek(&state.db, &miss_key, now, ELIGIBILITY_MISSES).await?
    {
        return Err(lookups_paused(until));
    }
    if let Hit::Limited { until } = rate::hit(
        &state.db,
        &format!("eligibility:{uid}"),
        now,
        ELIGIBILITY_PER_MINUTE,
        60,
    )
    .await?
    {
        return Err(lookups_paused(until));
    }
    let (_, in_network, _) = org(&state, &user).await?;
    let reference = lookup_reference();
    let Some(m) = providers::patient(&state.db, &q.member_id, q.date_of_birth).await? else {
        client
            .audit_detail(
                &state.db,
                Some(uid),
                Event::ProviderEligibilityChecked,
                &format!("{reference} no match"),
            )
            .await;
        rate::hit(
            &state.db,
            &miss_key,
            now,
            ELIGIBILITY_MISSES,
            MISS_WINDOW_SECS,
        )
        .await?;
        return Err(ApiError::problem(
            types::NOT_FOUND,
            "Member not found",
            StatusCode::NOT_FOUND,
            "No member matches this member ID and date of birth. Check both against the patient's ID card.",
        ));
    };
    client
        .audit_detail(
            &state.db,
            Some(uid),
            Event::ProviderEligibilityChecked,
            &format!(
                "{reference} member {} service {}",
                m.id,
                to_iso(q.date_of_service)
            ),
        )
        .await;
    let card = members::id_card(&state.db, &m, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let dos = q.date_of_service;
    let in_dates = card.coverage_start <= dos && dos <= card.coverage_end;
    let active = m.eligible && in_dates;
    let long = |d: chrono::NaiveDate| d.format("%B %-d, %Y").to_string();
    let status_text = if !m.eligible {
        format!(
            "Not active on {}: this member is no longer enrolled in the plan.",
            long(dos)
        )
    } else if in_dates {
        format!(
            "Active on {}: covered by {} from {} to {}.",
            long(dos),
            card.plan.name,
            long(card.coverage_start),
            long(card.coverage_end)
        )
    } else {
        format!(
            "Not active on {}: this coverage runs from {} to {}.",
            long(dos),
            long(card.coverage_start),
            long(card.coverage_end)
        )
    };
    // This plan year's amounts, computed as the member's own dashboard does
    // (over the household's claims, so family limits apply), but only the
    // patient's individual figures are sent.
    let year = today.year();
    let plan_id = db::plans::current_plan_id(&state.db, m.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let plan = db::plans::catalog(&state.db)
        .await
        .map_err(ApiError::Internal)?
        .into_iter()
        .find(|p| p.id == plan_id)
        .ok_or_else(ApiError::not_found)?;
    let household = members::household(&state.db, m.household_id).await?;
    let index = state.claims.household(&state.db, m.household_id).await?;
    let claims: Vec<_> = index
        .entries
        .iter()
        .map(|(c, _)| c)
        .filter(|c| c.service_start.year() == year)
        .cloned()
        .collect();
    let covered = u32::try_from(household.len()).unwrap_or(1).max(1);
    let acc = crate::routes::plans::accumulators_from_claims(&plan, covered, &claims);
    let standing = |network: bool| {
        let p = Progress::of(&plan.design, &acc, m.id, network);
        BenefitStanding::new(p.deductible, p.deductible_met, p.oop_max, p.oop_met)
    };
    let pcp = db::home::pcps(&state.db, m.household_id, state.clock.today())
        .await?
        .remove(&m.id)
        .map(|p| format!("{}, {}", p.name, p.phone));
    let pcp_note = pcp.is_none().then(|| {
        format!(
            "No primary care provider is on file. This {} plan does not require one or referrals.",
            card.plan.plan_type
        )
    });
    Ok(Json(Eligibility {
        reference,
        member_id: card.member.member_id.printed(),
        patient_name: format!("{} {}", m.first_name, m.last_name),
        date_of_birth: q.date_of_birth,
        date_of_service: dos,
        active,
        status_text,
        coverage_start: card.coverage_start,
        coverage_end: card.coverage_end,
        plan_name: card.plan.name,
        plan_type: card.plan.plan_type,
        network: card.plan.network,
        group_number: card.group_number,
        provider_network: if in_network {
            Network::InNetwork
        } else {
            Network::OutOfNetwork
        },
        pcp,
        pcp_note,
        plan_year: year,
        in_network: standing(true),
        out_of_network: standing(false),
        copays: card
            .copays
            .into_iter()
            .map(|c| CopayLine {
                service: c.label,
                amount: c.amount,
            })
            .collect(),
        provider_services_phone: card.provider_services_phone,
    }))
}

fn lookups_paused(until: i64) -> ApiError {
    let (rfc3339, clock) = crate::routes::auth::utc_time(until);
    let mut p = ProblemDetails::new(types::RATE_LIMITED, "Lookups paused", 429).with_detail(format!(
        "Too many eligibility lookups from this account, or too many that found no member. Try again after {clock}."
    ));
    p.locked_until = Some(rfc3339);
    ApiError::Problem(Box::new(p))
}

/// The claims billed under this provider's NPIs that match the search, 50
/// a page, newest service first. Audited.
#[utoipa::path(post, path = "/api/v1/provider/claims/search", tag = "provider", request_body = ProviderClaimQuery,
    responses((status = 200, body = ProviderClaimsPage),
        (status = 400, body = ProblemDetails, description = "errors.from / to / npi (npi.not_yours) / patient / claim_number"),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn claims(
    State(state): State<AppState>,
    client: ClientInfo,
    user: ProviderUser,
    ApiJson(body): ApiJson<ProviderClaimQuery>,
) -> ApiResult<Json<ProviderClaimsPage>> {
    let q = validate_claim_query(&body).map_err(ApiError::validation)?;
    let (_, _, npis) = org(&state, &user).await?;
    if !q.npi.is_empty() && !npis.contains(&q.npi) {
        return Err(ApiError::field(
            "npi",
            "npi.not_yours",
            "This NPI is not billed under your tax ID.",
        ));
    }
    let (claims, total) = providers::claims(&state.db, &npis, &q).await?;
    client
        .audit_detail(
            &state.db,
            Some(user.0.user_id),
            Event::ProviderClaimsViewed,
            &format!("shown {} of {total}", claims.len()),
        )
        .await;
    Ok(Json(ProviderClaimsPage {
        claims,
        total,
        page: q.page,
        page_size: u32::try_from(CLAIMS_PAGE).unwrap_or(50),
    }))
}

/// Payments to this provider, newest first, each with the claims it paid.
#[utoipa::path(get, path = "/api/v1/provider/remittances", tag = "provider",
    responses((status = 200, body = RemittanceList), (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn remittances(
    State(state): State<AppState>,
    client: ClientInfo,
    user: ProviderUser,
) -> ApiResult<Json<RemittanceList>> {
    let (_, _, npis) = org(&state, &user).await?;
    let remittances = providers::remittances(&state.db, &npis).await?;
    client
        .audit_detail(
            &state.db,
            Some(user.0.user_id),
            Event::ProviderRemittancesViewed,
            "list",
        )
        .await;
    let total = remittances.iter().map(|r| r.total).sum::<Money>();
    Ok(Json(RemittanceList { remittances, total }))
}

/// The remittances as CSV (RFC 4180), one row per claim paid.
#[utoipa::path(get, path = "/api/v1/provider/remittances.csv", tag = "provider",
    responses((status = 200, content_type = "text/csv", description = "One row per claim paid"),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails)))]
pub async fn remittances_csv(
    State(state): State<AppState>,
    client: ClientInfo,
    user: ProviderUser,
) -> ApiResult<Response> {
    let (_, _, npis) = org(&state, &user).await?;
    let remittances = providers::remittances(&state.db, &npis).await?;
    client
        .audit_detail(
            &state.db,
            Some(user.0.user_id),
            Event::ProviderRemittancesViewed,
            "csv",
        )
        .await;
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| ApiError::Internal(e.into());
    w.write_record(REMITTANCE_CSV_HEADER).map_err(io)?;
    for row in remittance_rows(&remittances) {
        w.write_record(row).map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!(e.to_string())))?;
    let today = state.clock.today();
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"remittances-{today}.csv\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
