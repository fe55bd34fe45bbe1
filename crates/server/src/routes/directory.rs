//! The provider directory over HTTP, for signed-in members (`/find-care`):
//! search by words, place, network and filters; one listing in full with its
//! standing in every plan's network. The directory itself is
//! [`crate::directory`].

use crate::db::{directory as store, plans as plan_store};
use crate::directory::{zips, Search};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use chrono::{Duration, NaiveDate};
use portal_domain::billing::business_days::add_business_days;
use portal_domain::care::directory::ProviderKind;
use portal_domain::care::directory::{
    report_errors, DirectoryQuery, DirectoryResults, ListingRecord, MyProvider, MyProviders, Near,
    PlanNetwork, PlanStanding, ProviderDetail, ReportReceipt, ReportRequest, PAGE_SIZE,
};
use portal_domain::care::pcp::{
    self, ChoosePcpRequest, PcpCandidate, PcpChange, PcpChoice, PcpRefusal,
};
use portal_domain::family::age_on;
use portal_domain::plans::Plan;
use portal_domain::problem::push_error;
use portal_domain::problem::types;
use portal_domain::{FieldError, FieldErrors, ProblemDetails};
use std::collections::BTreeMap;

/// Parses a raw query string; bad values are 400 naming the parameter.
pub fn parse_query(raw: Option<&str>) -> ApiResult<DirectoryQuery> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    DirectoryQuery::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(
        |errors| {
            let mut p = ProblemDetails::validation(errors);
            p.title = "Invalid search".into();
            p.detail =
                Some("One or more search options are not valid; see errors by parameter.".into());
            ApiError::Problem(Box::new(p))
        },
    )
}

fn field_error(param: &str, code: &str, message: String) -> ApiError {
    let mut errors = FieldErrors::new();
    push_error(&mut errors, param, FieldError::new(code, message));
    let mut p = ProblemDetails::validation(errors);
    p.title = "Invalid search".into();
    ApiError::Problem(Box::new(p))
}

fn plan_network(plan: &Plan, current: &str) -> PlanNetwork {
    PlanNetwork {
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        network: plan.network.clone(),
        current: plan.id == current,
    }
}

/// The catalogue with the household's plan first, and its id.
pub(crate) async fn plans(state: &AppState, family: &Family) -> ApiResult<(Vec<Plan>, String)> {
    let current = plan_store::current_plan_id(&state.db, family.user.household_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let mut plans = plan_store::catalog(&state.db).await?;
    plans.sort_by_key(|p| p.id != current);
    Ok((plans, current))
}

/// Searches the directory. Without `zip`, distances are from the
/// household's home ZIP code; without `plan`, the household's plan's
/// network is searched.
#[utoipa::path(get, path = "/api/v1/directory/providers", tag = "directory",
    params(
        ("q" = Option<String>, Query, description = "A name, a specialty or words such as \"knee doctor\""),
        ("zip" = Option<String>, Query, description = "A Washington ZIP code (default: the household's)"),
        ("within" = Option<u32>, Query, description = "Miles, 1 to 100 (default 10)"),
        ("plan" = Option<String>, Query, description = "A plan's ID (default: the household's plan)"),
        ("network" = Option<String>, Query, description = "in (default) or any"),
        ("accepting" = Option<bool>, Query), ("virtual" = Option<bool>, Query),
        ("language" = Option<String>, Query, description = "ISO 639-1 code"),
        ("gender" = Option<String>, Query, description = "female, male or nonbinary"),
        ("access" = Option<String>, Query, description = "wheelchair or asl"),
        ("page" = Option<u32>, Query),
    ),
    responses((status = 200, body = DirectoryResults), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails)))]
pub async fn search(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<DirectoryResults>> {
    let query = parse_query(raw.as_deref())?;
    let (plans, current) = plans(&state, &family).await?;
    let plan_id = query.plan.clone().unwrap_or_else(|| current.clone());
    let plan = plans.iter().find(|p| p.id == plan_id).ok_or_else(|| {
        field_error(
            "plan",
            "plan.unknown",
            "No plan with this ID. Choose your plan or one of the plans you can compare.".into(),
        )
    })?;
    let near = match &query.zip {
        Some(zip) => Some((
            zips::lookup(zip).ok_or_else(|| {
                field_error(
                    "zip",
                    "zip.outside_area",
                    format!(
                        "ZIP code {zip} is not in the plan's service area (Washington State). Enter a Washington ZIP code."
                    ),
                )
            })?,
            false,
        )),
        None => store::home_zip(&state.db, family.user.household_id)
            .await?
            .and_then(|z| zips::lookup(&z))
            .map(|z| (z, true)),
    };
    let search = Search {
        query: &query,
        from: near.map(|(z, _)| z.at),
        network: &plan.network,
    };
    let m = state.directory.search(&search);
    let providers = m
        .page
        .iter()
        .map(|(l, place, d)| state.directory.card(l, *place, *d, &plan.network))
        .collect();
    Ok(Json(DirectoryResults {
        total: u32::try_from(m.total).unwrap_or(u32::MAX),
        page: query.page,
        page_size: PAGE_SIZE,
        near: near.map(|(z, home)| Near {
            zip: z.zip.clone(),
            city: z.city.clone(),
            state: z.state.clone(),
            home,
        }),
        within: query.within,
        plan: plan_network(plan, &current),
        specialties: m.specialties.iter().map(|t| t.name.to_string()).collect(),
        providers,
    }))
}

/// One listing in full: every location (with its distance from the
/// household's home ZIP code), and its standing in the network of the
/// household's plan and of every other plan in the catalogue.
#[utoipa::path(get, path = "/api/v1/directory/providers/{id}", tag = "directory",
    params(("id" = i64, Path)),
    responses((status = 200, body = ProviderDetail), (status = 401, body = ProblemDetails),
        (status = 404, body = ProblemDetails)))]
pub async fn provider(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProviderDetail>> {
    let listing = state.directory.get(id).ok_or_else(ApiError::not_found)?;
    let (mut detail, _) = detail_for(&state, &family, listing).await?;
    if pcp::PRIMARY_CARE.contains(&listing.taxonomy.code)
        && listing.kind == ProviderKind::Practitioner
    {
        let network = detail
            .networks
            .iter()
            .find(|n| n.plan.current)
            .map(|n| n.plan.network.clone())
            .unwrap_or_default();
        detail.pcp_choices = pcp_choices(&state, &family, listing, &network).await?;
    }
    detail.under_review_since = store::under_review_since(&state.db, id)
        .await?
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.date_naive());
    Ok(Json(detail))
}

/// The visible members the caller acts for in care choices (a PCP, a
/// virtual visit): themselves and children under 18, with their ages.
pub(crate) fn choosers(
    state: &AppState,
    family: &Family,
) -> Vec<(crate::db::members::MemberRow, i32)> {
    let today = state.clock.today();
    family
        .view
        .visible_rows()
        .into_iter()
        .filter_map(|r| {
            let age = age_on(r.date_of_birth, today);
            (r.id == family.user.member_id || age < pcp::CHOOSES_OWN_FROM).then(|| (r.clone(), age))
        })
        .collect()
}

/// Whether `listing` can be the PCP of each member the caller chooses for.
async fn pcp_choices(
    state: &AppState,
    family: &Family,
    listing: &crate::directory::Listing,
    network: &str,
) -> ApiResult<Vec<PcpChoice>> {
    let today = state.clock.today();
    let current = crate::db::home::pcps(&state.db, family.user.household_id, today).await?;
    let pending = crate::db::home::pending_pcps(&state.db, family.user.household_id, today).await?;
    Ok(choosers(state, family)
        .into_iter()
        .map(|(m, age)| {
            let theirs = current
                .get(&m.id)
                .is_some_and(|p| pcp::same_person(&p.name, &listing.name));
            let candidate = PcpCandidate {
                taxonomy: listing.taxonomy.code,
                practitioner: listing.kind == ProviderKind::Practitioner,
                in_network: listing.status_in(network).is_in(),
                accepting_new: listing.accepting_new,
                already_theirs: theirs,
                age,
            };
            PcpChoice {
                member_id: m.id,
                first_name: m.first_name.clone(),
                refusal: pcp::check(&candidate).err(),
                current: theirs,
                chosen_from: pending
                    .iter()
                    .find(|c| c.member_id == m.id && c.listing_id == listing.id)
                    .map(|c| c.effective),
            }
        })
        .collect())
}

/// Chooses a directory listing as a member's primary care provider, from
/// the first of next month: for the caller, or a child under 18 the caller
/// may see. 400 (`listing_id`) when the listing cannot be their PCP.
#[utoipa::path(post, path = "/api/v1/members/{id}/pcp", tag = "directory",
    params(("id" = i64, Path, description = "The member")), request_body = ChoosePcpRequest,
    responses((status = 201, body = PcpChange), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 403, body = ProblemDetails),
        (status = 404, body = ProblemDetails)))]
pub async fn choose_pcp(
    State(state): State<AppState>,
    family: Family,
    ApiPath(member_id): ApiPath<i64>,
    ApiJson(body): ApiJson<ChoosePcpRequest>,
) -> ApiResult<Response> {
    if !family.view.visible.contains(&member_id) {
        return Err(ApiError::not_found());
    }
    let Some((member, _)) = choosers(&state, &family)
        .into_iter()
        .find(|(m, _)| m.id == member_id)
    else {
        return Err(ApiError::forbidden(
            "Adults choose their own primary care provider.",
        ));
    };
    let listing = state.directory.get(body.listing_id).ok_or_else(|| {
        ApiError::field(
            "listing_id",
            "listing_id.unknown",
            "This provider is not in the directory.",
        )
    })?;
    let (plans, current) = plans(&state, &family).await?;
    let network = plans
        .iter()
        .find(|p| p.id == current)
        .map(|p| p.network.clone())
        .unwrap_or_default();
    let choice = pcp_choices(&state, &family, listing, &network)
        .await?
        .into_iter()
        .find(|c| c.member_id == member_id);
    let refusal = match &choice {
        Some(c) => c.refusal,
        None => Some(PcpRefusal::NotPrimaryCare),
    };
    if let Some(r) = refusal {
        return Err(ApiError::field(
            "listing_id",
            &format!("pcp.{}", r.as_str()),
            r.label(),
        ));
    }
    let today = state.clock.today();
    let change = PcpChange {
        member_id,
        first_name: member.first_name.clone(),
        name: listing.name.clone(),
        phone: listing
            .places
            .first()
            .map(|p| p.shown.phone.clone())
            .unwrap_or_default(),
        listing_id: listing.id,
        effective: pcp::effective(today),
    };
    crate::db::home::choose_pcp(
        &state.db,
        &change,
        family.user.user_id,
        today,
        crate::db::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(change)).into_response())
}

/// The listing as the caller sees it (networks of every plan, distances
/// from home), as [`provider`] answers.
async fn detail_for(
    state: &AppState,
    family: &Family,
    listing: &crate::directory::Listing,
) -> ApiResult<(ProviderDetail, String)> {
    let (plans, current) = plans(state, family).await?;
    let home = store::home_zip(&state.db, family.user.household_id)
        .await?
        .and_then(|z| zips::lookup(&z))
        .map(|z| z.at);
    let mut detail = state.directory.detail(listing, home);
    detail.networks = plans
        .iter()
        .map(|p| PlanStanding {
            plan: plan_network(p, &current),
            year: p.year,
            status: listing.status_in(&p.network),
        })
        .collect();
    Ok((detail, current))
}

/// Keeps a record of what a listing says now, for the caller to download
/// (No Surprises Act: a member who relied on a directory saying "in
/// network" pays no more than in network). 201 with its reference.
#[utoipa::path(post, path = "/api/v1/directory/providers/{id}/records", tag = "directory",
    params(("id" = i64, Path)),
    responses((status = 201, body = ListingRecord), (status = 401, body = ProblemDetails),
        (status = 404, body = ProblemDetails), (status = 429, body = ProblemDetails)))]
pub async fn keep_record(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let listing = state.directory.get(id).ok_or_else(ApiError::not_found)?;
    crate::routes::messages::limit(
        &state,
        &format!("dir-record:{}", family.user.user_id),
        RECORDS_PER_HOUR,
        "You have saved many records in the last hour.",
    )
    .await?;
    let (detail, current) = detail_for(&state, &family, listing).await?;
    let snapshot = serde_json::to_string(&detail).map_err(|e| anyhow::anyhow!(e))?;
    let now = crate::db::now();
    let reference = store::record(
        &state.db,
        family.user.user_id,
        id,
        &current,
        &snapshot,
        state.clock.today().year(),
        now,
    )
    .await?;
    let made_at = chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    Ok((
        StatusCode::CREATED,
        Json(ListingRecord {
            pdf_href: format!("/api/v1/directory/records/{reference}.pdf"),
            reference,
            made_at,
        }),
    )
        .into_response())
}

/// One of the caller's records as a PDF (anyone else's is 404).
#[utoipa::path(get, path = "/api/v1/directory/records/{file}", tag = "directory",
    params(("file" = String, Path, description = "<reference>.pdf")),
    responses((status = 200, content_type = "application/pdf", description = "The record"),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn record_pdf(
    State(state): State<AppState>,
    family: Family,
    ApiPath(file): ApiPath<String>,
) -> ApiResult<Response> {
    let reference = file.strip_suffix(".pdf").ok_or_else(ApiError::not_found)?;
    let (snapshot, at) = store::record_of(&state.db, family.user.user_id, reference)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let listing: ProviderDetail =
        serde_json::from_str(&snapshot).map_err(|e| anyhow::anyhow!(e))?;
    let made_at = chrono::DateTime::from_timestamp(at, 0)
        .map(|t| t.format("%B %-d, %Y at %H:%M UTC").to_string())
        .unwrap_or_default();
    let pdf = crate::directory::record_pdf::render(&crate::directory::record_pdf::RecordPrint {
        reference,
        made_at: &made_at,
        listing: &listing,
        phone: &state.config.member_services_phone,
    });
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"directory-record-{reference}.pdf\""),
            ),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}

/// Records a member may keep in an hour.
const RECORDS_PER_HOUR: i64 = 30;

/// Reports of wrong information a member may send in an hour.
const REPORTS_PER_HOUR: i64 = 10;

/// Reports wrong information on a listing (No Surprises Act): member
/// services gets it as a message thread (topic "Provider directory") to
/// answer within one business day, the member gets its reference number,
/// and the listing shows it is under review until the thread is closed.
#[utoipa::path(post, path = "/api/v1/directory/providers/{id}/reports", tag = "directory",
    params(("id" = i64, Path)), request_body = ReportRequest,
    responses((status = 201, body = ReportReceipt), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails, description = "The member's report on this listing is still open"),
        (status = 429, body = ProblemDetails)))]
pub async fn report(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReportRequest>,
) -> ApiResult<Response> {
    let listing = state.directory.get(id).ok_or_else(ApiError::not_found)?;
    let errors = report_errors(&body);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let user = &family.user;
    if let Some((_, reference)) = store::open_report_of(&state.db, id, user.user_id).await? {
        return Err(ApiError::problem(
            types::REPORT_OPEN,
            "Already reported",
            StatusCode::CONFLICT,
            format!(
                "You reported this listing already (reference {reference}). We will answer in Messages; you can add to it there."
            ),
        ));
    }
    crate::routes::messages::limit(
        &state,
        &format!("dir-report:{}", user.user_id),
        REPORTS_PER_HOUR,
        "You have sent many reports in the last hour.",
    )
    .await?;
    let today = state.clock.today();
    let answer_by = add_business_days(today, 1);
    let place = listing
        .places
        .first()
        .map(|p| {
            format!(
                "{}, {}, {} {}; phone {}",
                p.shown.line, p.shown.city, p.shown.state, p.shown.zip, p.shown.phone
            )
        })
        .unwrap_or_default();
    let details = body.details.trim();
    let text = format!(
        "Report of wrong directory information.\n\nListing: {} (NPI {}, listing {}).\nWhat is wrong: {}.\n{}\n\nThe directory says now: {}. Accepting new patients: {}.\n\nPlease answer by {} (one business day).",
        listing.name,
        listing.npi,
        listing.id,
        body.problem.label(),
        if details.is_empty() {
            "No details given.".to_string()
        } else {
            format!("Details: {details}")
        },
        place,
        if listing.accepting_new { "yes" } else { "no" },
        answer_by,
    );
    let subject = format!("Directory: {}", listing.name);
    let subject: String = subject.chars().take(120).collect();
    let (thread_id, reference) = store::report(
        &state.db,
        id,
        user.user_id,
        body.problem.as_str(),
        details,
        &subject,
        &text,
        today.year(),
        crate::db::now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ReportReceipt {
            reference,
            thread_id,
            answer_by,
        }),
    )
        .into_response())
}

/// How far back the household's claims name its providers.
const PROVIDERS_SINCE_DAYS: i64 = 730;

/// "Are your doctors covered?": the providers of the visible members'
/// claims of the last two years and their primary care providers, each with
/// its standing in every plan's network (the household's plan first).
#[utoipa::path(get, path = "/api/v1/plans/my-providers", tag = "plans",
    responses((status = 200, body = MyProviders), (status = 401, body = ProblemDetails)))]
pub async fn my_providers(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<MyProviders>> {
    let (plans, current) = plans(&state, &family).await?;
    let since = state.clock.today() - Duration::days(PROVIDERS_SINCE_DAYS);
    let visible = &family.view.visible;
    let first_name = |id: i64| {
        family
            .view
            .rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.first_name.clone())
    };
    struct Seen {
        name: String,
        specialty: String,
        people: Vec<String>,
        last_seen: Option<NaiveDate>,
        primary_care: bool,
    }
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let add_person = |people: &mut Vec<String>, who: Option<String>| {
        if let Some(w) = who {
            if !people.contains(&w) {
                people.push(w);
            }
        }
    };
    // Primary care providers, matched to the directory by the person's name.
    let pcps =
        crate::db::home::pcps(&state.db, family.user.household_id, state.clock.today()).await?;
    let mut pcp_ids: Vec<i64> = pcps
        .keys()
        .copied()
        .filter(|id| visible.contains(id))
        .collect();
    pcp_ids.sort_unstable();
    for member in pcp_ids {
        let Some(pcp) = pcps.get(&member) else {
            continue;
        };
        let person = pcp.name.split(", ").next().unwrap_or(&pcp.name);
        let listing = state.directory.name_starting(&format!("{person},"));
        let key = listing.map_or_else(|| format!("pcp:{}", pcp.name), |l| l.npi.clone());
        let entry = seen.entry(key).or_insert_with(|| Seen {
            name: pcp.name.clone(),
            specialty: listing.map_or_else(
                || "Primary care".to_string(),
                |l| l.taxonomy.name.to_string(),
            ),
            people: Vec::new(),
            last_seen: None,
            primary_care: true,
        });
        add_person(&mut entry.people, first_name(member));
    }
    // The providers on the claims.
    let household = state
        .claims
        .household(&state.db, family.user.household_id)
        .await?;
    for (c, _) in &household.entries {
        if !visible.contains(&c.patient_id) || c.service_start < since {
            continue;
        }
        let entry = seen.entry(c.provider.npi.clone()).or_insert_with(|| Seen {
            name: c.provider.name.clone(),
            specialty: c.provider.specialty.clone(),
            people: Vec::new(),
            last_seen: None,
            primary_care: false,
        });
        entry.last_seen = entry.last_seen.max(Some(c.service_start));
        add_person(&mut entry.people, first_name(c.patient_id));
    }
    let mut providers: Vec<MyProvider> = seen
        .into_iter()
        .map(|(key, s)| {
            let listing = state.directory.by_npi(&key);
            MyProvider {
                name: s.name,
                specialty: listing.map_or(s.specialty, |l| l.taxonomy.name.to_string()),
                listing_id: listing.map(|l| l.id),
                people: s.people,
                last_seen: s.last_seen,
                primary_care: s.primary_care,
                statuses: listing
                    .map(|l| plans.iter().map(|p| l.status_in(&p.network)).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    providers.sort_by(|a, b| {
        b.primary_care
            .cmp(&a.primary_care)
            .then_with(|| b.last_seen.cmp(&a.last_seen))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(Json(MyProviders {
        plans: plans.iter().map(|p| plan_network(p, &current)).collect(),
        providers,
    }))
}
