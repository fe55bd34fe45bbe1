//! The public Provider Directory API (CMS Interoperability rule) at
//! [`DIRECTORY_PATH`]: FHIR R4 in the Da Vinci PDex Plan-Net shape
//! ([`crate::fhir::plan_net`]), no sign-in, read and search of
//! `Practitioner`, `PractitionerRole`, `Organization` (providers, networks,
//! the payer), `Location`, `HealthcareService`, `InsurancePlan` and
//! `Endpoint`, with Plan-Net's search parameters, `_include`, paging
//! (`_count`, `page`) and a `CapabilityStatement` at `metadata`.
//!
//! Every parameter is checked: an unknown one, or a bad value, is 400 with
//! an `OperationOutcome` naming it.

use super::fhir::{fhir_json, FhirError, FhirResult, DEFAULT_COUNT, MAX_COUNT};
use crate::directory::Listing;
use crate::fhir::plan_net as pn;
use crate::smart;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use portal_domain::care::directory::ProviderKind;
use portal_domain::care::distance::{tenths_of_mile, LatLon};
use portal_domain::plans::Plan;
use serde_json::{json, Value};

/// Where the directory API is served.
pub const DIRECTORY_PATH: &str = "/fhir/directory";

const TYPES: [&str; 7] = [
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Location",
    "HealthcareService",
    "InsurancePlan",
    "Endpoint",
];

/// The search parameters of each type (besides `_count` and `page`).
fn params_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "Practitioner" => &["_id", "name", "identifier"],
        "PractitionerRole" => &[
            "_id",
            "specialty",
            "practitioner",
            "organization",
            "location",
            "network",
            "_include",
        ],
        "Organization" => &["_id", "name", "type", "identifier"],
        "Location" => &[
            "_id",
            "near",
            "address-postalcode",
            "address-city",
            "organization",
        ],
        "HealthcareService" => &[
            "_id",
            "specialty",
            "organization",
            "location",
            "network",
            "_include",
        ],
        "InsurancePlan" => &["_id", "name", "network"],
        _ => &["_id"],
    }
}

/// Decoded query pairs, each name checked against the type's parameters.
fn pairs(kind: &str, raw: Option<&str>) -> Result<Vec<(String, String)>, FhirError> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    for (k, _) in &pairs {
        if k != "_count" && k != "page" && !params_of(kind).contains(&k.as_str()) {
            return Err(FhirError::invalid(format!(
                "Unknown search parameter \"{k}\" for {kind}. Supported: {}, _count, page.",
                params_of(kind).join(", ")
            )));
        }
    }
    Ok(pairs)
}

fn one<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `_count` and `page`.
fn paging(pairs: &[(String, String)]) -> Result<(usize, usize), FhirError> {
    let count = match one(pairs, "_count") {
        None => DEFAULT_COUNT,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_COUNT).contains(n))
            .ok_or_else(|| FhirError::invalid(format!("_count must be 1 to {MAX_COUNT}.")))?,
    };
    let page = match one(pairs, "page") {
        None => 1,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| FhirError::invalid("page must be a whole number from 1."))?,
    };
    Ok((count, page))
}

/// The id in a reference parameter (`Organization/org-5` or `org-5`).
fn reference_id(v: &str) -> &str {
    v.rsplit('/').next().unwrap_or(v)
}

/// A listing id from a resource id with a prefix (`prac-12`).
fn listing_of(id: &str, prefix: &str) -> Option<i64> {
    id.strip_prefix(prefix)?.parse().ok()
}

/// A token (`system|code` or `code`) matching a NUCC code.
fn specialty_matches(l: &Listing, token: &str) -> bool {
    let code = token.rsplit('|').next().unwrap_or(token);
    token.split_once('|').is_none_or(|(system, _)| {
        system.is_empty() || system == "http://nucc.org/provider-taxonomy"
    }) && l.taxonomy.code.eq_ignore_ascii_case(code)
}

/// The filters PractitionerRole and HealthcareService share: `specialty`,
/// `network` and `location`.
fn shared_filters(l: &Listing, pairs: &[(String, String)]) -> bool {
    one(pairs, "specialty").is_none_or(|s| specialty_matches(l, s))
        && one(pairs, "network").is_none_or(|n| in_network_param(l, n))
        && one(pairs, "location").is_none_or(|o| {
            l.places
                .iter()
                .any(|p| format!("loc-{}", p.id) == reference_id(o))
        })
}

fn in_network_param(l: &Listing, v: &str) -> bool {
    let id = reference_id(v);
    l.networks.iter().any(|(n, _)| pn::network_id(n) == id)
}

/// `near=lat|lon|distance|unit` (unit `mi` or `km`; default 5 mi).
fn near(v: &str) -> Result<(LatLon, u32), FhirError> {
    let bad = || {
        FhirError::invalid(
            "near must be latitude|longitude|distance|unit, e.g. 47.67|-122.34|5|mi.",
        )
    };
    let parts: Vec<&str> = v.split('|').collect();
    let lat: f64 = parts.first().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let lon: f64 = parts.get(1).and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(bad());
    }
    let dist: f64 = match parts.get(2) {
        Some(d) if !d.is_empty() => d
            .parse()
            .ok()
            .filter(|d: &f64| *d > 0.0 && *d <= 500.0)
            .ok_or_else(bad)?,
        _ => 5.0,
    };
    let miles = match parts.get(3).copied().unwrap_or("mi") {
        "mi" | "[mi_i]" | "" => dist,
        "km" => dist / 1.609_344,
        _ => return Err(bad()),
    };
    Ok((LatLon { lat, lon }, (miles * 10.0).round() as u32))
}

struct Page {
    matches: Vec<Value>,
    includes: Vec<Value>,
    total: usize,
}

fn bundle(
    state: &AppState,
    kind: &str,
    raw: Option<&str>,
    p: Page,
    count: usize,
    page: usize,
) -> Value {
    let base = format!("{}{DIRECTORY_PATH}", smart::origin(state));
    let query = raw.unwrap_or("");
    let without_page: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| format!("{}={}", k, urlencoding(&v)))
        .collect();
    let link = |n: usize| {
        let mut q = without_page.clone();
        q.push(format!("page={n}"));
        format!("{base}/{kind}?{}", q.join("&"))
    };
    let mut links = vec![json!({ "relation": "self", "url": link(page) })];
    if page * count < p.total {
        links.push(json!({ "relation": "next", "url": link(page + 1) }));
    }
    if page > 1 {
        links.push(json!({ "relation": "previous", "url": link(page - 1) }));
    }
    let entry = |r: Value, mode: &str| {
        let full = format!(
            "{base}/{}/{}",
            r["resourceType"].as_str().unwrap_or_default(),
            r["id"].as_str().unwrap_or_default()
        );
        json!({ "fullUrl": full, "resource": r, "search": { "mode": mode } })
    };
    let mut entries: Vec<Value> = p.matches.into_iter().map(|r| entry(r, "match")).collect();
    entries.extend(p.includes.into_iter().map(|r| entry(r, "include")));
    json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": p.total,
        "link": links,
        "entry": entries,
    })
}

fn urlencoding(v: &str) -> String {
    form_urlencoded::byte_serialize(v.as_bytes()).collect()
}

async fn plans(state: &AppState) -> Result<Vec<Plan>, FhirError> {
    Ok(crate::db::plans::catalog(&state.db).await?)
}

/// Every network in the directory or the catalogue, sorted.
fn networks(state: &AppState, plans: &[Plan]) -> Vec<String> {
    let mut names: Vec<String> = plans.iter().map(|p| p.network.clone()).collect();
    for l in state.directory.all() {
        for (n, _) in &l.networks {
            names.push(n.clone());
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Includes asked for by `_include` on a PractitionerRole or HealthcareService.
fn includes(
    state: &AppState,
    kind: &str,
    pairs: &[(String, String)],
    page: &[&Listing],
) -> Result<Vec<Value>, FhirError> {
    let mut out: Vec<Value> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut push = |r: Value, out: &mut Vec<Value>| {
        let key = format!(
            "{}/{}",
            r["resourceType"].as_str().unwrap_or_default(),
            r["id"].as_str().unwrap_or_default()
        );
        if seen.insert(key) {
            out.push(r);
        }
    };
    let now = pn::updated(state.directory.all());
    let now = now.as_str();
    for (k, v) in pairs.iter().filter(|(k, _)| k == "_include") {
        let _ = k;
        let (source, target) = v.split_once(':').unwrap_or((v.as_str(), ""));
        if source != kind && v != "*" {
            return Err(FhirError::invalid(format!(
                "_include must start with {kind}: (\"{v}\")."
            )));
        }
        let all = v == "*";
        let allowed: &[&str] = if kind == "PractitionerRole" {
            &[
                "practitioner",
                "organization",
                "location",
                "network",
                "endpoint",
            ]
        } else {
            &["providedBy", "location", "network"]
        };
        if !all && !allowed.contains(&target) {
            return Err(FhirError::invalid(format!(
                "_include \"{v}\" is not supported; use {}.",
                allowed
                    .iter()
                    .map(|a| format!("{kind}:{a}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        for l in page {
            if (all || target == "practitioner") && kind == "PractitionerRole" {
                push(pn::practitioner(l), &mut out);
            }
            if all || target == "organization" || target == "providedBy" {
                let org = if kind == "PractitionerRole" {
                    l.practice_id.and_then(|id| state.directory.get(id))
                } else {
                    Some(*l)
                };
                if let Some(o) = org {
                    push(pn::organization(o), &mut out);
                }
            }
            if all || target == "location" {
                for p in &l.places {
                    push(pn::location(l, p), &mut out);
                }
            }
            if all || target == "network" {
                for (n, _) in &l.networks {
                    push(pn::network(n, now), &mut out);
                }
            }
            if (all || target == "endpoint") && kind == "PractitionerRole" && l.virtual_visits {
                push(pn::endpoint(&smart::origin(state), now), &mut out);
            }
        }
    }
    Ok(out)
}

fn paged<T>(items: Vec<T>, count: usize, page: usize) -> (usize, Vec<T>) {
    let total = items.len();
    let start = (page - 1).saturating_mul(count);
    (total, items.into_iter().skip(start).take(count).collect())
}

/// `GET /fhir/directory/{type}`: a search.
pub async fn search(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    RawQuery(raw): RawQuery,
) -> FhirResult {
    if !TYPES.contains(&kind.as_str()) {
        return Err(FhirError::not_found());
    }
    let pairs = pairs(&kind, raw.as_deref())?;
    let (count, page) = paging(&pairs)?;
    let now = pn::updated(state.directory.all());
    let now = now.as_str();
    let id = one(&pairs, "_id");
    let dir = state.directory.all();
    let result = match kind.as_str() {
        "Practitioner" | "PractitionerRole" => {
            let name = one(&pairs, "name").map(str::to_lowercase);
            let identifier =
                one(&pairs, "identifier").map(|v| v.rsplit('|').next().unwrap_or(v).to_string());
            let mut hits: Vec<&Listing> = Vec::new();
            for l in dir.iter().filter(|l| l.kind == ProviderKind::Practitioner) {
                let rid = if kind == "Practitioner" {
                    pn::listing_id(l)
                } else {
                    format!("role-{}", l.id)
                };
                if id.is_some_and(|i| i != rid) {
                    continue;
                }
                if name
                    .as_ref()
                    .is_some_and(|n| !l.name_lower.contains(n.as_str()))
                {
                    continue;
                }
                if identifier.as_ref().is_some_and(|n| *n != l.npi) {
                    continue;
                }
                if !shared_filters(l, &pairs) {
                    continue;
                }
                if one(&pairs, "practitioner")
                    .is_some_and(|p| listing_of(reference_id(p), "prac-") != Some(l.id))
                {
                    continue;
                }
                if one(&pairs, "organization")
                    .is_some_and(|o| listing_of(reference_id(o), "org-") != l.practice_id)
                {
                    continue;
                }
                hits.push(l);
            }
            let (total, page_items) = paged(hits, count, page);
            let matches = page_items
                .iter()
                .map(|l| {
                    if kind == "Practitioner" {
                        pn::practitioner(l)
                    } else {
                        pn::practitioner_role(l)
                    }
                })
                .collect();
            let includes = if kind == "PractitionerRole" {
                includes(&state, &kind, &pairs, &page_items)?
            } else {
                Vec::new()
            };
            Page {
                matches,
                includes,
                total,
            }
        }
        "HealthcareService" => {
            let mut hits: Vec<&Listing> = Vec::new();
            for l in dir.iter().filter(|l| l.kind == ProviderKind::Organization) {
                if id.is_some_and(|i| i != format!("svc-{}", l.id)) {
                    continue;
                }
                if !shared_filters(l, &pairs) {
                    continue;
                }
                if one(&pairs, "organization")
                    .is_some_and(|o| listing_of(reference_id(o), "org-") != Some(l.id))
                {
                    continue;
                }
                hits.push(l);
            }
            let (total, page_items) = paged(hits, count, page);
            let matches = page_items
                .iter()
                .map(|l| pn::healthcare_service(l))
                .collect();
            let includes = includes(&state, &kind, &pairs, &page_items)?;
            Page {
                matches,
                includes,
                total,
            }
        }
        "Organization" => {
            let plans = plans(&state).await?;
            let mut all: Vec<Value> = vec![pn::payer(now)];
            all.extend(networks(&state, &plans).iter().map(|n| pn::network(n, now)));
            all.extend(
                dir.iter()
                    .filter(|l| l.kind == ProviderKind::Organization)
                    .map(pn::organization),
            );
            let name = one(&pairs, "name").map(str::to_lowercase);
            let kind_code =
                one(&pairs, "type").map(|t| t.rsplit('|').next().unwrap_or(t).to_string());
            if let Some(t) = &kind_code {
                if !["payer", "ntwk", "prvgrp", "prov"].contains(&t.as_str()) {
                    return Err(FhirError::invalid(
                        "type must be payer, ntwk, prvgrp or prov.",
                    ));
                }
            }
            let identifier =
                one(&pairs, "identifier").map(|v| v.rsplit('|').next().unwrap_or(v).to_string());
            let hits: Vec<Value> = all
                .into_iter()
                .filter(|r| id.is_none_or(|i| r["id"] == i))
                .filter(|r| {
                    name.as_ref().is_none_or(|n| {
                        r["name"]
                            .as_str()
                            .unwrap_or_default()
                            .to_lowercase()
                            .contains(n.as_str())
                    })
                })
                .filter(|r| {
                    kind_code.as_ref().is_none_or(|t| {
                        let code = r["type"][0]["coding"][0]["code"]
                            .as_str()
                            .unwrap_or_default();
                        code == t || (t == "prov" && code == "prvgrp")
                    })
                })
                .filter(|r| {
                    identifier
                        .as_ref()
                        .is_none_or(|n| r["identifier"][0]["value"] == n.as_str())
                })
                .collect();
            let (total, matches) = paged(hits, count, page);
            Page {
                matches,
                includes: Vec::new(),
                total,
            }
        }
        "Location" => {
            let near = one(&pairs, "near").map(near).transpose()?;
            let zip = one(&pairs, "address-postalcode");
            let city = one(&pairs, "address-city").map(str::to_lowercase);
            let org = one(&pairs, "organization").map(|o| listing_of(reference_id(o), "org-"));
            let mut hits: Vec<(u32, Value)> = Vec::new();
            for l in dir.iter().filter(|l| l.kind == ProviderKind::Organization) {
                for p in &l.places {
                    if id.is_some_and(|i| i != format!("loc-{}", p.id)) {
                        continue;
                    }
                    if zip.is_some_and(|z| z != p.shown.zip) {
                        continue;
                    }
                    if city
                        .as_ref()
                        .is_some_and(|c| p.shown.city.to_lowercase() != *c)
                    {
                        continue;
                    }
                    if org.is_some_and(|o| o != Some(l.id)) {
                        continue;
                    }
                    let d = near.map(|(at, _)| tenths_of_mile(at, p.at)).unwrap_or(0);
                    if near.is_some_and(|(_, max)| d > max) {
                        continue;
                    }
                    hits.push((d, pn::location(l, p)));
                }
            }
            hits.sort_by_key(|(d, _)| *d);
            let (total, matches) = paged(hits.into_iter().map(|(_, r)| r).collect(), count, page);
            Page {
                matches,
                includes: Vec::new(),
                total,
            }
        }
        "InsurancePlan" => {
            let plans = plans(&state).await?;
            let name = one(&pairs, "name").map(str::to_lowercase);
            let hits: Vec<Value> = plans
                .iter()
                .filter(|p| {
                    one(&pairs, "network")
                        .is_none_or(|n| pn::network_id(&p.network) == reference_id(n))
                })
                .filter(|p| {
                    name.as_ref()
                        .is_none_or(|n| p.name.to_lowercase().contains(n.as_str()))
                })
                .map(|p| pn::insurance_plan(p, now))
                .filter(|r| id.is_none_or(|i| r["id"] == i))
                .collect();
            let (total, matches) = paged(hits, count, page);
            Page {
                matches,
                includes: Vec::new(),
                total,
            }
        }
        _ => {
            let e = pn::endpoint(&smart::origin(&state), now);
            let hits: Vec<Value> = std::iter::once(e)
                .filter(|r| id.is_none_or(|i| r["id"] == i))
                .collect();
            let (total, matches) = paged(hits, count, page);
            Page {
                matches,
                includes: Vec::new(),
                total,
            }
        }
    };
    Ok(fhir_json(
        StatusCode::OK,
        bundle(&state, &kind, raw.as_deref(), result, count, page),
    ))
}

/// `GET /fhir/directory/{type}/{id}`: one resource.
pub async fn read(
    State(state): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
) -> FhirResult {
    let now = pn::updated(state.directory.all());
    let now = now.as_str();
    let listing = |prefix: &str, want: ProviderKind| {
        listing_of(&id, prefix)
            .and_then(|n| state.directory.get(n))
            .filter(|l| l.kind == want)
    };
    let found: Option<Value> = match kind.as_str() {
        "Practitioner" => listing("prac-", ProviderKind::Practitioner).map(pn::practitioner),
        "PractitionerRole" => {
            listing("role-", ProviderKind::Practitioner).map(pn::practitioner_role)
        }
        "HealthcareService" => {
            listing("svc-", ProviderKind::Organization).map(pn::healthcare_service)
        }
        "Organization" => {
            if id == pn::PAYER_ID {
                Some(pn::payer(now))
            } else if id.starts_with("network-") {
                let plans = plans(&state).await?;
                networks(&state, &plans)
                    .iter()
                    .find(|n| pn::network_id(n) == id)
                    .map(|n| pn::network(n, now))
            } else {
                listing("org-", ProviderKind::Organization).map(pn::organization)
            }
        }
        "Location" => id
            .strip_prefix("loc-")
            .and_then(|n| n.parse::<i64>().ok())
            .and_then(|loc| {
                state.directory.all().iter().find_map(|l| {
                    l.places
                        .iter()
                        .find(|p| p.id == loc)
                        .map(|p| pn::location(l, p))
                })
            }),
        "InsurancePlan" => plans(&state)
            .await?
            .iter()
            .map(|p| pn::insurance_plan(p, now))
            .find(|r| r["id"] == id.as_str()),
        "Endpoint" => (id == pn::ENDPOINT_ID).then(|| pn::endpoint(&smart::origin(&state), now)),
        _ => None,
    };
    found
        .map(|r| fhir_json(StatusCode::OK, r))
        .ok_or_else(FhirError::not_found)
}

fn search_param(name: &str, kind: &str, doc: &str) -> Value {
    json!({ "name": name, "type": kind, "documentation": doc })
}

/// `GET /fhir/directory/metadata`: what this server does.
pub async fn metadata(State(state): State<AppState>) -> Response {
    let base = format!("{}{DIRECTORY_PATH}", smart::origin(&state));
    let resource = |kind: &str, profile: &str, params: Vec<Value>, includes: Vec<&str>| {
        json!({
            "type": kind,
            "supportedProfile": [format!("http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/{profile}")],
            "interaction": [{ "code": "read" }, { "code": "search-type" }],
            "searchInclude": includes,
            "searchParam": params,
        })
    };
    let id = || search_param("_id", "token", "The resource id.");
    let body = json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-01",
        "publisher": "Evergreen Health",
        "kind": "instance",
        "implementation": { "description": "Evergreen Health Provider Directory API (public, no sign-in)", "url": base },
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "implementationGuide": ["http://hl7.org/fhir/us/davinci-pdex-plan-net/ImplementationGuide/hl7.fhir.us.davinci-pdex-plan-net"],
        "rest": [{
            "mode": "server",
            "documentation": "Paging: _count (1-100, default 20) and page (from 1); Bundle links self, next, previous.",
            "resource": [
                resource("Practitioner", "plannet-Practitioner", vec![id(), search_param("name", "string", "Part of the name."), search_param("identifier", "token", "NPI.")], vec![]),
                resource("PractitionerRole", "plannet-PractitionerRole", vec![
                    id(),
                    search_param("specialty", "token", "NUCC taxonomy code."),
                    search_param("practitioner", "reference", "Practitioner/<id>."),
                    search_param("organization", "reference", "Organization/<id> (the practice)."),
                    search_param("location", "reference", "Location/<id>."),
                    search_param("network", "reference", "Organization/<network id>."),
                ], vec!["PractitionerRole:practitioner", "PractitionerRole:organization", "PractitionerRole:location", "PractitionerRole:network", "PractitionerRole:endpoint"]),
                resource("Organization", "plannet-Organization", vec![id(), search_param("name", "string", "Part of the name."), search_param("type", "token", "payer, ntwk (networks), prvgrp or prov."), search_param("identifier", "token", "NPI.")], vec![]),
                resource("Location", "plannet-Location", vec![
                    id(),
                    search_param("near", "special", "latitude|longitude|distance|unit (mi or km; default 5 mi), nearest first."),
                    search_param("address-postalcode", "string", "ZIP code."),
                    search_param("address-city", "string", "City."),
                    search_param("organization", "reference", "Organization/<id>."),
                ], vec![]),
                resource("HealthcareService", "plannet-HealthcareService", vec![
                    id(),
                    search_param("specialty", "token", "NUCC taxonomy code."),
                    search_param("organization", "reference", "Organization/<id>."),
                    search_param("location", "reference", "Location/<id>."),
                    search_param("network", "reference", "Organization/<network id>."),
                ], vec!["HealthcareService:providedBy", "HealthcareService:location", "HealthcareService:network"]),
                resource("InsurancePlan", "plannet-InsurancePlan", vec![id(), search_param("name", "string", "Part of the name."), search_param("network", "reference", "Organization/<network id>.")], vec![]),
                resource("Endpoint", "plannet-Endpoint", vec![id()], vec![]),
            ],
        }],
    });
    fhir_json(StatusCode::OK, body)
}

/// The directory's routes (public; any origin may read).
pub fn router(state: AppState) -> axum::Router {
    use axum::routing::get;
    use tower_http::cors::{Any, CorsLayer};
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([axum::http::Method::GET]);
    let api = axum::Router::new()
        .route("/metadata", get(metadata))
        .route("/{kind}", get(search))
        .route("/{kind}/{id}", get(read))
        .layer(cors);
    axum::Router::new()
        .nest(DIRECTORY_PATH, api)
        .with_state(state)
}
