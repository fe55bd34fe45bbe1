//! Claims: the filtered list, one claim's EOB, the CSV export, saved filters.

use crate::auth::AuthUser;
use crate::db::{self, claims as store, home as home_db};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::family::{Family, HouseholdView};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_domain::api::{
    validate_filter_name, ClaimsPage, RenameFilterRequest, SaveFilterRequest, SavedFilter,
    BUILTIN_FILTERS,
};
use portal_domain::billing::holds::premium_hold;
use portal_domain::claims::eob;
use portal_domain::claims::{Claim, ClaimFilter, ClaimStatus, ClaimSummary};
use portal_domain::problem::{push_error, types};
use portal_domain::{FieldError, FieldErrors, ProblemDetails};

/// Most saved filters per member.
pub const MAX_SAVED_FILTERS: usize = 50;
/// Claims per CSV chunk when streaming an export.
const CSV_CHUNK: usize = 500;

/// Parses a raw query string into a filter; bad values are 400 naming the parameter.
pub fn parse_filter(raw: Option<&str>) -> ApiResult<ClaimFilter> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    ClaimFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(|errors| {
        let mut p = ProblemDetails::validation(errors);
        p.title = "Invalid filter".into();
        p.detail = Some("One or more filter values are not valid; see errors by parameter.".into());
        ApiError::Problem(Box::new(p))
    })
}

/// Encodes a filter's criteria as a canonical query string.
pub fn encode_filter(filter: &ClaimFilter) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in filter.criteria().to_query() {
        s.append_pair(k, &v);
    }
    s.finish()
}

/// The filter of a request, with the patients it may cover: a member the
/// caller may not see is refused like one outside the household.
fn matched_filter(view: &HouseholdView, raw: Option<&str>) -> ApiResult<(ClaimFilter, Vec<i64>)> {
    let filter = parse_filter(raw)?;
    let visible = view.visible.clone();
    if let Some(m) = filter.member {
        if !visible.contains(&m) {
            let mut errors = FieldErrors::new();
            push_error(
                &mut errors,
                "member",
                FieldError::new("member.invalid", "Choose a member of your household."),
            );
            return Err(ApiError::validation(errors));
        }
    }
    Ok((filter, visible))
}

/// The household's claims matching the filter: one page, with the count and
/// totals of everything matched.
#[utoipa::path(get, path = "/api/v1/claims", tag = "claims",
    params(
        ("range" = Option<String>, Query, description = "last30, this_year, last12 or all"),
        ("from" = Option<String>, Query, description = "First service date, YYYY-MM-DD"),
        ("to" = Option<String>, Query, description = "Last service date, YYYY-MM-DD"),
        ("member" = Option<i64>, Query, description = "Patient (opaque member id)"),
        ("provider" = Option<String>, Query, description = "Provider name part or 10-digit NPI"),
        ("type" = Option<String>, Query), ("category" = Option<String>, Query), ("status" = Option<String>, Query),
        ("network" = Option<String>, Query, description = "in or out"),
        ("q" = Option<String>, Query, description = "Claim number, provider, procedure or drug"),
        ("min_owed" = Option<String>, Query), ("max_owed" = Option<String>, Query),
        ("sort" = Option<String>, Query, description = "date, owed, provider or status"),
        ("dir" = Option<String>, Query, description = "asc or desc"),
        ("page" = Option<u32>, Query), ("page_size" = Option<u32>, Query),
    ),
    responses((status = 200, body = ClaimsPage), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn list(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<ClaimsPage>> {
    let user = &family.user;
    let (filter, visible) = matched_filter(&family.view, raw.as_deref())?;
    let household = state.claims.household(&state.db, user.household_id).await?;
    let size = filter.page_size as usize;
    let start = (filter.page as usize - 1).saturating_mul(size);
    let m = household.query(
        &filter,
        &visible,
        state.clock.today(),
        Some(start.saturating_add(size)),
    );
    let items: Vec<ClaimSummary> = m
        .items
        .iter()
        .skip(start)
        .take(size)
        .map(|c| (*c).clone())
        .collect();
    Ok(Json(ClaimsPage {
        items,
        total: u32::try_from(m.items.len()).unwrap_or(u32::MAX),
        page: filter.page,
        page_size: filter.page_size,
        totals: m.totals,
    }))
}

/// One claim with its lines: the Explanation of Benefits. Another
/// household's claim is 404, like one that does not exist.
#[utoipa::path(get, path = "/api/v1/claims/{id}", tag = "claims",
    params(("id" = i64, Path)),
    responses((status = 200, body = Claim), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn detail(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Claim>> {
    Ok(Json(explained(&state, &family, id).await?))
}

/// A claim the caller may see, with its explanation for the server's today
/// (the EOB page and its PDF).
async fn explained(state: &AppState, family: &Family, id: i64) -> ApiResult<Claim> {
    let user = &family.user;
    let visible = family.view.visible.clone();
    let mut claim = store::claim(&state.db, user.household_id, id)
        .await?
        .filter(|c| visible.contains(&c.summary.patient_id))
        .ok_or_else(ApiError::not_found)?;
    // Only a claim not yet processed can be held for an unpaid premium.
    let may_hold = matches!(
        claim.summary.status,
        ClaimStatus::Received | ClaimStatus::InProcess
    );
    Explainer::load(state, user.household_id, may_hold)
        .await?
        .explain(&mut claim);
    Ok(claim)
}

/// What explaining a household's claims needs, read once: the claims
/// waiting for information from the member, the premium statements and the
/// grace-period rule (a claim can be held while a premium is unpaid).
pub struct Explainer {
    requests: std::collections::HashMap<i64, String>,
    /// The premium statements and grace rule, when a claim explained may be
    /// held (read only then).
    premiums: Option<(
        Vec<portal_domain::billing::api::Statement>,
        portal_domain::billing::statements::GraceRule,
    )>,
    today: chrono::NaiveDate,
}

impl Explainer {
    /// Reads what the household's explanations need; the premium facts only
    /// when `may_hold` (some claim to explain is not processed yet).
    pub async fn load(state: &AppState, household_id: i64, may_hold: bool) -> ApiResult<Self> {
        let premiums = if may_hold {
            Some((
                super::billing::statements(state, household_id).await?,
                super::billing::grace_rule(state, household_id).await?,
            ))
        } else {
            None
        };
        Ok(Self {
            requests: home_db::info_requests(&state.db, household_id).await?,
            premiums,
            today: state.clock.today(),
        })
    }

    /// Sets the claim's explanation (what the EOB says) for today.
    pub fn explain(&self, claim: &mut Claim) {
        // Held in a premium grace period? Only a claim not yet processed can be.
        let hold = self.premiums.as_ref().and_then(|(statements, rule)| {
            premium_hold(
                claim.summary.status,
                claim.summary.service_start,
                statements,
                *rule,
            )
        });
        // The claims store has no place of service yet, so care at an
        // in-network facility is not known here (emergency and air ambulance are).
        let explanation = eob::explain(
            claim,
            self.requests.get(&claim.summary.id).map(String::as_str),
            false,
            hold.as_ref(),
            self.today,
        );
        claim.explanation = Some(explanation);
    }
}

/// One claim's explanation of benefits as an accessible (tagged) PDF.
#[utoipa::path(get, path = "/api/v1/claims/{id}/eob.pdf", tag = "claims",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pdf", description = "The EOB"),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn eob_pdf(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<axum::response::Response> {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse;
    let claim = explained(&state, &family, id).await?;
    let patient = family
        .view
        .rows
        .iter()
        .find(|r| r.id == claim.summary.patient_id)
        .ok_or_else(ApiError::not_found)?;
    let card = crate::db::members::id_card(&state.db, patient, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let pdf = crate::eob_pdf::render(&claim, &card, state.clock.today());
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (
                CONTENT_DISPOSITION,
                // The claim number names the file: no personal information.
                format!(
                    "attachment; filename=\"eob-{}.pdf\"",
                    claim.summary.claim_number
                ),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// The CSV header row.
pub const CSV_HEADER: &[&str] = &[
    "Claim number",
    "Service start",
    "Service end",
    "Patient",
    "Provider",
    "Provider NPI",
    "Network",
    "Claim type",
    "Category",
    "Status",
    "Status date",
    "Billed",
    "Allowed",
    "Plan paid",
    "Deductible",
    "Copay",
    "Coinsurance",
    "Not covered",
    "You owe",
];

fn csv_record(c: &ClaimSummary) -> [String; 19] {
    let a = &c.amounts;
    [
        c.claim_number.clone(),
        c.service_start.to_string(),
        c.service_end.to_string(),
        c.patient_name.clone(),
        c.provider.name.clone(),
        c.provider.npi.clone(),
        c.provider.network.label().into(),
        c.claim_type.label().into(),
        c.category.label().into(),
        c.status.label().into(),
        c.status_date.to_string(),
        a.billed.to_decimal_string(),
        a.allowed.to_decimal_string(),
        a.plan_paid.to_decimal_string(),
        a.deductible.to_decimal_string(),
        a.copay.to_decimal_string(),
        a.coinsurance.to_decimal_string(),
        a.not_covered.to_decimal_string(),
        a.member_owes.to_decimal_string(),
    ]
}

/// Claims as CSV (RFC 4180) with the header row when `header`.
pub fn csv_chunk(rows: &[ClaimSummary], header: bool) -> Result<Vec<u8>, std::io::Error> {
    let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 200));
    if header {
        w.write_record(CSV_HEADER)?;
    }
    for c in rows {
        w.write_record(csv_record(c))?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// Every matched claim (not just a page) as CSV (RFC 4180), streamed.
#[utoipa::path(get, path = "/api/v1/claims/export.csv", tag = "claims",
    responses((status = 200, content_type = "text/csv", description = "All matched claims"), (status = 400, body = ProblemDetails)))]
pub async fn export_csv(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let user = &family.user;
    let (filter, visible) = matched_filter(&family.view, raw.as_deref())?;
    let household = state.claims.household(&state.db, user.household_id).await?;
    let today = state.clock.today();
    let rows: Vec<ClaimSummary> = household
        .query(&filter, &visible, today, None)
        .items
        .into_iter()
        .cloned()
        .collect();
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = if rows.is_empty() {
        vec![csv_chunk(&[], true)]
    } else {
        rows.chunks(CSV_CHUNK)
            .enumerate()
            .map(|(i, c)| csv_chunk(c, i == 0))
            .collect()
    };
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"claims-{today}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// Every matched claim as an accessible PDF statement, with the totals the
/// page and the CSV show.
#[utoipa::path(get, path = "/api/v1/claims/statement.pdf", tag = "claims",
    responses((status = 200, content_type = "application/pdf", description = "All matched claims"),
        (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn statement_pdf(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let user = &family.user;
    let (filter, visible) = matched_filter(&family.view, raw.as_deref())?;
    let household = state.claims.household(&state.db, user.household_id).await?;
    let today = state.clock.today();
    let m = household.query(&filter, &visible, today, None);
    let rows: Vec<ClaimSummary> = m.items.iter().map(|c| (*c).clone()).collect();
    let name = |id: i64| {
        family
            .view
            .rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| (format!("{} {}", r.first_name, r.last_name), r))
    };
    let (caller, row) = name(user.member_id).ok_or_else(ApiError::not_found)?;
    let card = crate::db::members::id_card(&state.db, row, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let patient = filter.member.and_then(name).map(|(n, _)| n);
    let header = crate::claims_statement_pdf::StatementHeader {
        plan: &card.plan.name,
        requested_by: format!("{caller} (member ID {})", card.member.member_id.printed()),
        criteria: filter.describe(today, patient.as_deref()),
        today,
    };
    let pdf = crate::claims_statement_pdf::render(&header, &rows, &m.totals);
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"claims-statement-{today}.pdf\""),
            ),
        ],
        pdf,
    )
        .into_response())
}

fn builtins() -> Vec<SavedFilter> {
    BUILTIN_FILTERS
        .iter()
        .map(|(id, name, query)| SavedFilter {
            id: *id,
            name: (*name).into(),
            query: (*query).into(),
            builtin: true,
        })
        .collect()
}

/// The caller's saved filters, built-ins first.
#[utoipa::path(get, path = "/api/v1/saved-filters", tag = "claims",
    responses((status = 200, body = Vec<SavedFilter>), (status = 401, body = ProblemDetails)))]
pub async fn saved_filters(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<SavedFilter>>> {
    let mut out = builtins();
    out.extend(
        store::saved_filters(&state.db, user.user_id)
            .await?
            .into_iter()
            .map(|r| SavedFilter {
                id: r.id,
                name: r.name,
                query: r.query,
                builtin: false,
            }),
    );
    Ok(Json(out))
}

fn name_taken() -> ApiError {
    let mut errors = FieldErrors::new();
    push_error(
        &mut errors,
        "name",
        FieldError::new("name.taken", "You already have a filter with this name."),
    );
    let mut p = ProblemDetails::new(types::VALIDATION, "Name taken", 409)
        .with_detail("You already have a filter with this name.");
    p.errors = errors;
    ApiError::Problem(Box::new(p))
}

fn checked_name(name: &str) -> ApiResult<String> {
    validate_filter_name(name).map_err(|e| {
        let mut errors = FieldErrors::new();
        push_error(&mut errors, "name", e);
        ApiError::validation(errors)
    })
}

/// Saves the given filter under a name.
#[utoipa::path(post, path = "/api/v1/saved-filters", tag = "claims", request_body = SaveFilterRequest,
    responses((status = 201, body = SavedFilter), (status = 400, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
pub async fn create_saved_filter(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<SaveFilterRequest>,
) -> ApiResult<Response> {
    let name = checked_name(&body.name)?;
    let filter = parse_filter(Some(body.query.trim_start_matches('?')))
        .map_err(|_| ApiError::field("query", "query.invalid", "This filter is not valid."))?;
    if builtins()
        .iter()
        .any(|b| b.name.eq_ignore_ascii_case(&name))
    {
        return Err(name_taken());
    }
    let query = encode_filter(&filter);
    let max = i64::try_from(MAX_SAVED_FILTERS).unwrap_or(50);
    let id = store::create_saved_filter(&state.db, user.user_id, &name, &query, db::now(), max)
        .await?
        .map_err(|store::Full| {
            ApiError::field(
                "name",
                "name.limit",
                format!("You can keep up to {MAX_SAVED_FILTERS} filters. Delete one first."),
            )
        })?
        .ok_or_else(name_taken)?;
    Ok((
        StatusCode::CREATED,
        Json(SavedFilter {
            id,
            name,
            query,
            builtin: false,
        }),
    )
        .into_response())
}

fn builtin_refused() -> ApiError {
    ApiError::forbidden("Built-in filters can't be renamed or deleted.")
}

/// Renames a saved filter.
#[utoipa::path(patch, path = "/api/v1/saved-filters/{id}", tag = "claims", request_body = RenameFilterRequest,
    params(("id" = i64, Path)),
    responses((status = 200, body = SavedFilter), (status = 400, body = ProblemDetails), (status = 404, body = ProblemDetails), (status = 409, body = ProblemDetails)))]
pub async fn rename_saved_filter(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RenameFilterRequest>,
) -> ApiResult<Json<SavedFilter>> {
    if id < 0 {
        return Err(builtin_refused());
    }
    let name = checked_name(&body.name)?;
    if builtins()
        .iter()
        .any(|b| b.name.eq_ignore_ascii_case(&name))
    {
        return Err(name_taken());
    }
    match store::rename_saved_filter(&state.db, user.user_id, id, &name).await? {
        store::Rename::Done => {}
        store::Rename::Missing => return Err(ApiError::not_found()),
        store::Rename::Taken => return Err(name_taken()),
    }
    let row = store::saved_filters(&state.db, user.user_id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(SavedFilter {
        id,
        name: row.name,
        query: row.query,
        builtin: false,
    }))
}

/// Deletes a saved filter.
#[utoipa::path(delete, path = "/api/v1/saved-filters/{id}", tag = "claims",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ProblemDetails)))]
pub async fn delete_saved_filter(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    if id < 0 {
        return Err(builtin_refused());
    }
    if store::delete_saved_filter(&state.db, user.user_id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found())
    }
}
