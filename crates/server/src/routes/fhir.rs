//! The Patient Access API (CMS Interoperability rule): FHIR R4 at
//! `/fhir/r4` for apps the member connected. Every data request carries a
//! bearer token bound to one grant (one app, one member's record, some
//! scopes); the family rule is applied again on every request; another
//! member's or household's data is answered like nothing exists. Errors
//! are FHIR `OperationOutcome`s.

use crate::auth::AuthUser;
use crate::db::{self, apps, audit, claims as claims_db, members};
use crate::fhir::{self, eob_id, patient_id};
use crate::routes::family::household_view;
use crate::smart;
use crate::state::AppState;
use axum::extract::{FromRequestParts, RawQuery, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{Months, NaiveDate};
use portal_domain::claims::{Claim, ClaimType};
use portal_domain::data_access::{may_read, parse_scopes, FhirResource, Scope};
use serde_json::{json, Value};

/// FHIR's JSON media type.
pub const FHIR_JSON: &str = "application/fhir+json";
/// Largest `_count`.
pub const MAX_COUNT: usize = 100;
/// Default page size.
pub const DEFAULT_COUNT: usize = 20;
/// Years of claims the API serves (CMS: from 2016; the plan keeps 5 years).
pub const YEARS_SERVED: u32 = 5;

/// A FHIR answer: the resource or bundle, as `application/fhir+json`.
pub(crate) fn fhir_json(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(CONTENT_TYPE, FHIR_JSON), (CACHE_CONTROL, "no-store")],
        body.to_string(),
    )
        .into_response()
}

/// A FHIR error.
#[derive(Debug)]
pub struct FhirError {
    status: StatusCode,
    code: &'static str,
    message: String,
    challenge: Option<&'static str>,
}

impl FhirError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            challenge: None,
        }
    }

    fn unauthorized(message: &str) -> Self {
        Self {
            challenge: Some("Bearer error=\"invalid_token\""),
            ..Self::new(StatusCode::UNAUTHORIZED, "login", message)
        }
    }

    pub(crate) fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "No such resource.")
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid", message)
    }
}

impl IntoResponse for FhirError {
    fn into_response(self) -> Response {
        let mut r = fhir_json(self.status, fhir::outcome(self.code, &self.message));
        if let Some(c) = self.challenge {
            r.headers_mut()
                .insert(WWW_AUTHENTICATE, axum::http::HeaderValue::from_static(c));
        }
        r
    }
}

impl From<sqlx::Error> for FhirError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "FHIR request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "exception",
            "Something went wrong on our side.",
        )
    }
}

impl From<anyhow::Error> for FhirError {
    fn from(e: anyhow::Error) -> Self {
        tracing::error!(error = %e, "FHIR request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "exception",
            "Something went wrong on our side.",
        )
    }
}

pub(crate) type FhirResult = Result<Response, FhirError>;

/// A connected app's request: its valid token's grant and the patient.
pub struct AppAccess {
    /// The grant.
    pub grant: apps::GrantRow,
    /// Its scopes.
    pub scopes: Vec<Scope>,
    /// The patient it reads.
    pub patient: members::MemberRow,
}

impl FromRequestParts<AppState> for AppAccess {
    type Rejection = FhirError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, FhirError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                FhirError::unauthorized("Send an access token (Authorization: Bearer).")
            })?;
        let claims = smart::verify(state, token)
            .await?
            .ok_or_else(|| FhirError::unauthorized("The access token is invalid or expired."))?;
        let grant_id: i64 = claims.sub.parse().unwrap_or(-1);
        let grant = apps::active_grant(&state.db, grant_id)
            .await?
            .ok_or_else(|| FhirError::unauthorized("The member disconnected this app."))?;
        // The family rule again: a parent's access to a child's record ends
        // when the rule says it does.
        let owner = AuthUser {
            user_id: grant.user_id,
            username: String::new(),
            member_id: grant.user_member_id,
            household_id: grant.household_id,
            token_hash: String::new(),
            last_seen_at: 0,
            expires_at: 0,
        };
        let view = household_view(state, &owner)
            .await
            .map_err(|_| FhirError::unauthorized("This access has ended."))?;
        if !view.visible.contains(&grant.patient_member_id) {
            return Err(FhirError::unauthorized("This access has ended."));
        }
        let patient = view
            .rows
            .iter()
            .find(|r| r.id == grant.patient_member_id)
            .cloned()
            .ok_or_else(|| FhirError::unauthorized("This access has ended."))?;
        let scopes = parse_scopes(&grant.scope).unwrap_or_default();
        Ok(Self {
            grant,
            scopes,
            patient,
        })
    }
}

impl AppAccess {
    fn require(&self, r: FhirResource) -> Result<(), FhirError> {
        if may_read(&self.scopes, r) {
            Ok(())
        } else {
            Err(FhirError {
                challenge: Some("Bearer error=\"insufficient_scope\""),
                ..FhirError::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    format!("The member did not allow this app to read {}.", r.as_str()),
                )
            })
        }
    }

    /// Records the read (audit trail, last used).
    async fn record(&self, state: &AppState, r: FhirResource, count: usize) {
        let now = db::now();
        let _ = apps::touch_grant(&state.db, self.grant.id, now).await;
        audit::record_detail(
            &state.db,
            Some(self.grant.user_id),
            audit::Event::AppDataRead,
            &format!(
                "grant={} client={} resource={} count={count}",
                self.grant.id,
                self.grant.client_id,
                r.as_str()
            ),
            now,
            None,
            None,
        )
        .await;
    }

    async fn card(&self, state: &AppState) -> Result<portal_domain::api::IdCard, FhirError> {
        members::id_card(&state.db, &self.patient, state.clock.today())
            .await?
            .ok_or_else(FhirError::not_found)
    }
}

/// `GET /fhir/r4/.well-known/smart-configuration` (public).
pub async fn smart_configuration(State(state): State<AppState>) -> Response {
    let origin = smart::origin(&state);
    let mut scopes: Vec<String> = FhirResource::ALL
        .iter()
        .map(|r| Scope::Read(*r).code())
        .collect();
    scopes.extend(["launch/patient".to_string(), "offline_access".to_string()]);
    (
        [(CACHE_CONTROL, "no-store")],
        axum::Json(json!({
            "issuer": origin,
            "authorization_endpoint": format!("{origin}/oauth/authorize"),
            "token_endpoint": format!("{origin}/oauth/token"),
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "scopes_supported": scopes,
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "capabilities": [
                "launch-standalone", "client-public", "client-confidential-symmetric",
                "context-standalone-patient", "permission-offline", "permission-patient",
                "permission-v1", "permission-v2"
            ],
        })),
    )
        .into_response()
}

fn search_param(name: &str, kind: &str, doc: &str) -> Value {
    json!({ "name": name, "type": kind, "documentation": doc })
}

/// `GET /fhir/r4/metadata`: the CapabilityStatement (public).
pub async fn metadata(State(state): State<AppState>) -> Response {
    let origin = smart::origin(&state);
    let read_search = json!([{ "code": "read" }, { "code": "search-type" }]);
    let resource = |kind: &str, profile: &str, params: Vec<Value>| {
        json!({
            "type": kind,
            "supportedProfile": [format!("{}{profile}", fhir::C4BB)],
            "interaction": read_search,
            "searchParam": params,
        })
    };
    let id = search_param("_id", "token", "The resource id.");
    let patient = search_param("patient", "reference", "The member (Patient/<id>).");
    let body = json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-01",
        "publisher": fhir::PAYER_NAME,
        "kind": "instance",
        "implementation": { "description": "Evergreen Health Patient Access API", "url": smart::fhir_base(&state) },
        "fhirVersion": fhir::FHIR_VERSION,
        "format": ["json"],
        "implementationGuide": ["http://hl7.org/fhir/us/carin-bb/ImplementationGuide/hl7.fhir.us.carin-bb|2.0.0"],
        "rest": [{
            "mode": "server",
            "security": {
                "extension": [{
                    "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                    "extension": [
                        { "url": "authorize", "valueUri": format!("{origin}/oauth/authorize") },
                        { "url": "token", "valueUri": format!("{origin}/oauth/token") }
                    ]
                }],
                "service": [fhir::concept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", None, None)],
                "description": "SMART App Launch (standalone) with PKCE; see .well-known/smart-configuration."
            },
            "resource": [
                resource("Patient", "C4BB-Patient", vec![id.clone()]),
                resource("Coverage", "C4BB-Coverage", vec![id.clone(), patient.clone()]),
                resource("ExplanationOfBenefit", "C4BB-ExplanationOfBenefit", vec![
                    id, patient,
                    search_param("_lastUpdated", "date", "When the claim last changed (prefixes eq, ge, gt, le, lt)."),
                    search_param("type", "token", "Claim type: professional, institutional, pharmacy, oral, vision."),
                    search_param("service-date", "date", "A day within the service period (prefixes eq, ge, gt, le, lt)."),
                    search_param("_count", "number", "Page size (at most 100)."),
                    search_param("_include", "special", "ExplanationOfBenefit:patient, :coverage, :insurer, :provider, :care-team or *."),
                ]),
            ],
        }],
    });
    fhir_json(StatusCode::OK, body)
}

fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// Whether a `patient` parameter names this patient (`Patient/m1` or `m1`).
fn names_patient(value: &str, patient: i64) -> bool {
    let id = value.strip_prefix("Patient/").unwrap_or(value);
    id == patient_id(patient)
}

fn searchset(
    base: &str,
    self_link: String,
    total: usize,
    entries: Vec<Value>,
    next: Option<String>,
) -> Value {
    let mut links = vec![json!({ "relation": "self", "url": self_link })];
    if let Some(n) = next {
        links.push(json!({ "relation": "next", "url": n }));
    }
    let _ = base;
    json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "timestamp": fhir::instant(chrono::Utc::now()),
        "total": total,
        "link": links,
        "entry": entries,
    })
}

/// `GET /fhir/r4/Patient` (`_id`).
pub async fn patient_search(
    State(state): State<AppState>,
    access: AppAccess,
    RawQuery(raw): RawQuery,
) -> FhirResult {
    access.require(FhirResource::Patient)?;
    let base = smart::fhir_base(&state);
    let mut matches = true;
    for (k, v) in pairs(raw.as_deref()) {
        match k.as_str() {
            "_id" => matches &= v == patient_id(access.patient.id),
            "_count" | "_format" => {}
            _ => {}
        }
    }
    let entries = if matches {
        vec![fhir::entry(
            &base,
            fhir::patient(&access.patient, chrono::Utc::now()),
            Some("match"),
        )]
    } else {
        vec![]
    };
    access
        .record(&state, FhirResource::Patient, entries.len())
        .await;
    let n = entries.len();
    Ok(fhir_json(
        StatusCode::OK,
        searchset(&base, format!("{base}/Patient"), n, entries, None),
    ))
}

/// `GET /fhir/r4/Patient/{id}`.
pub async fn patient_read(
    State(state): State<AppState>,
    access: AppAccess,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> FhirResult {
    access.require(FhirResource::Patient)?;
    if id != patient_id(access.patient.id) {
        return Err(FhirError::not_found());
    }
    access.record(&state, FhirResource::Patient, 1).await;
    Ok(fhir_json(
        StatusCode::OK,
        fhir::patient(&access.patient, chrono::Utc::now()),
    ))
}

/// `GET /fhir/r4/Coverage` (`patient`, `_id`).
pub async fn coverage_search(
    State(state): State<AppState>,
    access: AppAccess,
    RawQuery(raw): RawQuery,
) -> FhirResult {
    access.require(FhirResource::Coverage)?;
    let base = smart::fhir_base(&state);
    let mut matches = true;
    for (k, v) in pairs(raw.as_deref()) {
        match k.as_str() {
            "_id" => matches &= v == fhir::coverage_id(access.patient.id),
            "patient" | "beneficiary" => matches &= names_patient(&v, access.patient.id),
            _ => {}
        }
    }
    let entries = if matches {
        let card = access.card(&state).await?;
        vec![fhir::entry(
            &base,
            fhir::coverage(&access.patient, &card, chrono::Utc::now()),
            Some("match"),
        )]
    } else {
        vec![]
    };
    access
        .record(&state, FhirResource::Coverage, entries.len())
        .await;
    let n = entries.len();
    Ok(fhir_json(
        StatusCode::OK,
        searchset(&base, format!("{base}/Coverage"), n, entries, None),
    ))
}

/// `GET /fhir/r4/Coverage/{id}`.
pub async fn coverage_read(
    State(state): State<AppState>,
    access: AppAccess,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> FhirResult {
    access.require(FhirResource::Coverage)?;
    if id != fhir::coverage_id(access.patient.id) {
        return Err(FhirError::not_found());
    }
    let card = access.card(&state).await?;
    access.record(&state, FhirResource::Coverage, 1).await;
    Ok(fhir_json(
        StatusCode::OK,
        fhir::coverage(&access.patient, &card, chrono::Utc::now()),
    ))
}

/// A date search value: prefix and day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prefix {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}

fn date_param(name: &str, v: &str) -> Result<(Prefix, NaiveDate), FhirError> {
    let (prefix, rest) = match v.get(..2) {
        Some("eq") => (Prefix::Eq, &v[2..]),
        Some("ge") => (Prefix::Ge, &v[2..]),
        Some("gt") => (Prefix::Gt, &v[2..]),
        Some("le") => (Prefix::Le, &v[2..]),
        Some("lt") => (Prefix::Lt, &v[2..]),
        _ => (Prefix::Eq, v),
    };
    // A dateTime is compared by its day.
    let day = rest.get(..10).unwrap_or(rest);
    portal_domain::dates::parse_iso(day)
        .map(|d| (prefix, d))
        .ok_or_else(|| FhirError::invalid(format!("{name} must be a date like ge2025-01-01.")))
}

/// Whether the period `start..=end` satisfies `prefix day`.
fn period_matches(start: NaiveDate, end: NaiveDate, (prefix, day): (Prefix, NaiveDate)) -> bool {
    match prefix {
        Prefix::Eq => start <= day && day <= end,
        Prefix::Ge => end >= day,
        Prefix::Gt => end > day,
        Prefix::Le => start <= day,
        Prefix::Lt => start < day,
    }
}

fn type_code(t: ClaimType) -> &'static str {
    match t {
        ClaimType::Professional => "professional",
        ClaimType::Vision => "vision",
        ClaimType::InstitutionalInpatient | ClaimType::InstitutionalOutpatient => "institutional",
        ClaimType::Pharmacy => "pharmacy",
        ClaimType::Dental => "oral",
    }
}

/// An EOB search, parsed.
#[derive(Default)]
struct EobSearch {
    ids: Vec<String>,
    patient_ok: bool,
    last_updated: Vec<(Prefix, NaiveDate)>,
    types: Option<Vec<String>>,
    service: Vec<(Prefix, NaiveDate)>,
    count: usize,
    offset: usize,
    include: Vec<String>,
    kept: Vec<(String, String)>,
}

fn parse_eob_search(raw: Option<&str>, patient: i64) -> Result<EobSearch, FhirError> {
    let mut s = EobSearch {
        patient_ok: true,
        count: DEFAULT_COUNT,
        ..EobSearch::default()
    };
    for (k, v) in pairs(raw) {
        match k.as_str() {
            "_id" => s.ids.extend(v.split(',').map(str::to_string)),
            "patient" => s.patient_ok &= names_patient(&v, patient),
            "_lastUpdated" => s.last_updated.push(date_param("_lastUpdated", &v)?),
            "service-date" => s.service.push(date_param("service-date", &v)?),
            "type" => {
                let codes: Vec<String> = v
                    .split(',')
                    .map(|c| c.rsplit('|').next().unwrap_or(c).to_string())
                    .collect();
                s.types = Some(codes);
            }
            "_count" => {
                s.count = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_COUNT).contains(n))
                    .ok_or_else(|| {
                        FhirError::invalid(format!("_count must be 1 to {MAX_COUNT}."))
                    })?;
                continue;
            }
            "_offset" => {
                s.offset = v
                    .parse()
                    .map_err(|_| FhirError::invalid("_offset must be a whole number."))?;
                continue;
            }
            "_include" => {
                let ok = matches!(
                    v.as_str(),
                    "ExplanationOfBenefit:patient"
                        | "ExplanationOfBenefit:coverage"
                        | "ExplanationOfBenefit:insurer"
                        | "ExplanationOfBenefit:provider"
                        | "ExplanationOfBenefit:care-team"
                        | "*"
                );
                if !ok {
                    return Err(FhirError::invalid(
                        "_include supports ExplanationOfBenefit:patient, :coverage, :insurer, :provider, :care-team and *.",
                    ));
                }
                s.include.push(v.clone());
            }
            _ => continue,
        }
        s.kept.push((k, v));
    }
    Ok(s)
}

/// The patient's claims the API serves (the last [`YEARS_SERVED`] years).
async fn served_claims(state: &AppState, access: &AppAccess) -> Result<Vec<Claim>, FhirError> {
    let since = state
        .clock
        .today()
        .checked_sub_months(Months::new(12 * YEARS_SERVED))
        .unwrap_or(NaiveDate::MIN);
    Ok(
        claims_db::patient_claims(&state.db, access.grant.household_id, access.patient.id)
            .await?
            .into_iter()
            .filter(|c| c.summary.service_end >= since)
            .collect(),
    )
}

fn encode(pairs: &[(String, String)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        q.append_pair(k, v);
    }
    q.finish()
}

/// `GET /fhir/r4/ExplanationOfBenefit`: the patient's claims, newest
/// service first, with paging (`_count`, and `next` links) and `_include`.
pub async fn eob_search(
    State(state): State<AppState>,
    access: AppAccess,
    RawQuery(raw): RawQuery,
) -> FhirResult {
    access.require(FhirResource::ExplanationOfBenefit)?;
    let q = parse_eob_search(raw.as_deref(), access.patient.id)?;
    let base = smart::fhir_base(&state);
    let now = chrono::Utc::now();
    let matched: Vec<Claim> = if q.patient_ok {
        served_claims(&state, &access)
            .await?
            .into_iter()
            .filter(|c| {
                let s = &c.summary;
                (q.ids.is_empty() || q.ids.contains(&eob_id(s.id)))
                    && q.last_updated
                        .iter()
                        .all(|p| period_matches(s.status_date, s.status_date, *p))
                    && q.service
                        .iter()
                        .all(|p| period_matches(s.service_start, s.service_end, *p))
                    && q.types
                        .as_ref()
                        .is_none_or(|t| t.iter().any(|c| c == type_code(s.claim_type)))
            })
            .collect()
    } else {
        Vec::new()
    };
    let total = matched.len();
    let page: Vec<&Claim> = matched.iter().skip(q.offset).take(q.count).collect();
    let mut entries: Vec<Value> = page
        .iter()
        .map(|c| {
            fhir::entry(
                &base,
                fhir::explanation_of_benefit(c, &access.patient, now),
                Some("match"),
            )
        })
        .collect();
    if !page.is_empty() && !q.include.is_empty() {
        let wants = |what: &str| q.include.iter().any(|i| i == "*" || i.ends_with(what));
        let include = |r: Value| fhir::entry(&base, r, Some("include"));
        if wants(":patient") {
            entries.push(include(fhir::patient(&access.patient, now)));
        }
        if wants(":coverage") {
            let card = access.card(&state).await?;
            entries.push(include(fhir::coverage(&access.patient, &card, now)));
        }
        if wants(":insurer") {
            entries.push(include(fhir::payer(now)));
        }
        if wants(":provider") {
            let mut seen: Vec<&str> = Vec::new();
            for c in &page {
                let p = &c.summary.provider;
                if !seen.contains(&p.npi.as_str()) {
                    seen.push(&p.npi);
                    entries.push(include(fhir::provider_org(p, now)));
                }
            }
        }
        if wants(":care-team") {
            let mut seen: Vec<&str> = Vec::new();
            for t in page.iter().flat_map(|c| &c.care_team) {
                if !seen.contains(&t.npi.as_str()) {
                    seen.push(&t.npi);
                    entries.push(include(fhir::practitioner(t, now)));
                }
            }
        }
    }
    let mut paging = q.kept.clone();
    paging.push(("_count".into(), q.count.to_string()));
    let mut this = paging.clone();
    this.push(("_offset".into(), q.offset.to_string()));
    let next = (q.offset + q.count < total).then(|| {
        let mut n = paging.clone();
        n.push(("_offset".into(), (q.offset + q.count).to_string()));
        format!("{base}/ExplanationOfBenefit?{}", encode(&n))
    });
    access
        .record(&state, FhirResource::ExplanationOfBenefit, page.len())
        .await;
    Ok(fhir_json(
        StatusCode::OK,
        searchset(
            &base,
            format!("{base}/ExplanationOfBenefit?{}", encode(&this)),
            total,
            entries,
            next,
        ),
    ))
}

/// `GET /fhir/r4/ExplanationOfBenefit/{id}`.
pub async fn eob_read(
    State(state): State<AppState>,
    access: AppAccess,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> FhirResult {
    access.require(FhirResource::ExplanationOfBenefit)?;
    let claim = served_claims(&state, &access)
        .await?
        .into_iter()
        .find(|c| eob_id(c.summary.id) == id)
        .ok_or_else(FhirError::not_found)?;
    access
        .record(&state, FhirResource::ExplanationOfBenefit, 1)
        .await;
    Ok(fhir_json(
        StatusCode::OK,
        fhir::explanation_of_benefit(&claim, &access.patient, chrono::Utc::now()),
    ))
}

/// Any other address under `/fhir/r4`.
pub async fn unknown() -> FhirError {
    FhirError::new(
        StatusCode::NOT_FOUND,
        "not-supported",
        "This server offers Patient, Coverage and ExplanationOfBenefit (see metadata).",
    )
}

/// `/oauth/*` and `/fhir/r4/*`, with CORS for browser-based apps (any
/// origin; no credentials: apps send bearer tokens, never the portal's
/// cookies).
pub fn router(state: AppState) -> axum::Router {
    use axum::routing::{get, post};
    use tower_http::cors::{Any, CorsLayer};
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([AUTHORIZATION, CONTENT_TYPE, axum::http::header::ACCEPT]);
    let fhir = axum::Router::new()
        .route("/.well-known/smart-configuration", get(smart_configuration))
        .route("/metadata", get(metadata))
        .route("/Patient", get(patient_search))
        .route("/Patient/{id}", get(patient_read))
        .route("/Coverage", get(coverage_search))
        .route("/Coverage/{id}", get(coverage_read))
        .route("/ExplanationOfBenefit", get(eob_search))
        .route("/ExplanationOfBenefit/{id}", get(eob_read))
        .fallback(unknown);
    axum::Router::new()
        .route("/oauth/authorize", get(super::oauth::authorize))
        .route(
            "/oauth/token",
            post(super::oauth::token).layer(cors.clone()),
        )
        .nest(smart::FHIR_PATH, fhir.layer(cors))
        .layer(axum::extract::DefaultBodyLimit::max(16 * 1024))
        .with_state(state)
}
