//! The public provider directory as FHIR R4 resources in the shape of the
//! Da Vinci PDex Plan-Net implementation guide (the CMS Interoperability
//! rule's Provider Directory API): `Practitioner`, `PractitionerRole`,
//! `Organization` (providers, the payer and the networks, which Plan-Net
//! profiles as `Organization` with type `ntwk`), `Location`,
//! `HealthcareService`, `InsurancePlan` and `Endpoint`. Built from
//! [`crate::directory::DirectoryIndex`] and the plan catalogue; no member
//! data is ever in it.

use crate::directory::{Listing, Place};
use portal_domain::care::directory::{Access, Language, ProviderKind};
use portal_domain::plans::Plan;
use serde_json::{json, Value};

/// The profiles' canonical base.
const PLAN_NET: &str = "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition";
/// NUCC taxonomy code system.
const NUCC: &str = "http://nucc.org/provider-taxonomy";
/// NPI identifier system.
const NPI: &str = "http://hl7.org/fhir/sid/us-npi";
/// Plan-Net's code systems.
const PLAN_NET_CS: &str = "http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem";

/// The payer's id.
pub const PAYER_ID: &str = "evergreen-health";
/// The Patient Access API's endpoint id.
pub const ENDPOINT_ID: &str = "patient-access";

/// A network's resource id (`network-evergreen-choice`).
pub fn network_id(network: &str) -> String {
    let slug: String = network
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("network-{slug}")
}

/// A listing's resource id: `Practitioner/prac-12`, `Organization/org-5`.
pub fn listing_id(l: &Listing) -> String {
    match l.kind {
        ProviderKind::Practitioner => format!("prac-{}", l.id),
        ProviderKind::Organization => format!("org-{}", l.id),
    }
}

fn meta(profile: &str, updated: &str) -> Value {
    json!({ "lastUpdated": updated, "profile": [format!("{PLAN_NET}/{profile}")] })
}

/// `lastUpdated`: the day the listing was last verified, at midnight UTC.
fn verified(l: &Listing) -> String {
    format!("{}T00:00:00Z", l.verified_on)
}

fn telecom(place: &Place) -> Value {
    json!([{ "system": "phone", "value": place.shown.phone, "use": "work" }])
}

fn specialty(l: &Listing) -> Value {
    json!([{ "coding": [{ "system": NUCC, "code": l.taxonomy.code, "display": l.taxonomy.name }], "text": l.taxonomy.name }])
}

fn languages(list: &[Language]) -> Vec<Value> {
    list.iter()
        .map(|lang| {
            json!({ "language": { "coding": [{ "system": "urn:ietf:bcp:47", "code": lang.as_str(), "display": lang.label() }] } })
        })
        .collect()
}

fn network_refs(l: &Listing) -> Vec<Value> {
    l.networks
        .iter()
        .map(|(n, _)| {
            json!({
                "url": format!("{PLAN_NET}/network-reference"),
                "valueReference": { "reference": format!("Organization/{}", network_id(n)), "display": n },
            })
        })
        .collect()
}

fn new_patients(l: &Listing) -> Vec<Value> {
    l.networks
        .iter()
        .map(|(n, _)| {
            json!({
                "url": format!("{PLAN_NET}/newpatients"),
                "extension": [
                    { "url": "acceptingPatients", "valueCodeableConcept": { "coding": [{
                        "system": format!("{PLAN_NET_CS}/AcceptingPatientsCS"),
                        "code": if l.accepting_new { "newpt" } else { "nopt" },
                    }] } },
                    { "url": "fromNetwork", "valueReference": { "reference": format!("Organization/{}", network_id(n)) } },
                ],
            })
        })
        .collect()
}

/// A clinician.
pub fn practitioner(l: &Listing) -> Value {
    let shown = l.name.trim_start_matches("Dr. ");
    let (person, credential) = shown.split_once(", ").unwrap_or((shown, ""));
    let mut parts: Vec<&str> = person.split_whitespace().collect();
    let family = parts.pop().unwrap_or_default();
    let mut r = json!({
        "resourceType": "Practitioner",
        "id": listing_id(l),
        "meta": meta("plannet-Practitioner", &verified(l)),
        "identifier": [{ "system": NPI, "value": l.npi }],
        "active": true,
        "name": [{ "text": l.name, "family": family, "given": parts, "suffix": [credential] }],
        "communication": languages(&l.languages),
        "qualification": [{
            "code": specialty(l)[0].clone(),
            "issuer": { "display": "Washington State Department of Health" },
        }],
    });
    if let Some(g) = l.gender {
        r["gender"] = json!(match g.as_str() {
            "female" => "female",
            "male" => "male",
            _ => "other",
        });
    }
    r
}

/// A clinician's role: where, in which networks, taking new patients.
pub fn practitioner_role(l: &Listing) -> Value {
    let mut extension = network_refs(l);
    extension.extend(new_patients(l));
    let mut r = json!({
        "resourceType": "PractitionerRole",
        "id": format!("role-{}", l.id),
        "meta": meta("plannet-PractitionerRole", &verified(l)),
        "extension": extension,
        "active": true,
        "practitioner": { "reference": format!("Practitioner/{}", listing_id(l)), "display": l.name },
        "code": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/ProviderRoleCS"), "code": "ph", "display": "Physician" }], "text": "Clinician" }],
        "specialty": specialty(l),
        "location": l.places.iter().map(|p| json!({ "reference": format!("Location/loc-{}", p.id) })).collect::<Vec<_>>(),
        "telecom": l.places.first().map(telecom).unwrap_or_else(|| json!([])),
        "availabilityExceptions": l.places.first().map(|p| p.shown.hours.join("; ")).unwrap_or_default(),
    });
    if let Some(practice) = l.practice_id {
        r["organization"] = json!({ "reference": format!("Organization/org-{practice}") });
    }
    if l.virtual_visits {
        r["endpoint"] = json!([{ "reference": format!("Endpoint/{ENDPOINT_ID}") }]);
    }
    r
}

/// A provider organisation (practice, hospital, lab, pharmacy...).
pub fn organization(l: &Listing) -> Value {
    json!({
        "resourceType": "Organization",
        "id": listing_id(l),
        "meta": meta("plannet-Organization", &verified(l)),
        "identifier": [{ "system": NPI, "value": l.npi }],
        "active": true,
        "type": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/OrgTypeCS"), "code": "prvgrp", "display": "Provider Group" }] }],
        "name": l.name,
        "telecom": l.places.first().map(telecom).unwrap_or_else(|| json!([])),
        "address": l.places.first().map(|p| vec![address(p)]).unwrap_or_default(),
    })
}

/// What a facility or practice offers, where and in which networks.
pub fn healthcare_service(l: &Listing) -> Value {
    let mut extension: Vec<Value> = new_patients(l);
    extension.extend(network_refs(l));
    json!({
        "resourceType": "HealthcareService",
        "id": format!("svc-{}", l.id),
        "meta": meta("plannet-HealthcareService", &verified(l)),
        "extension": extension,
        "active": true,
        "providedBy": { "reference": format!("Organization/{}", listing_id(l)), "display": l.name },
        "category": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/HealthcareServiceCategoryCS"), "code": "prov", "display": "Medical Provider" }] }],
        "specialty": specialty(l),
        "location": l.places.iter().map(|p| json!({ "reference": format!("Location/loc-{}", p.id) })).collect::<Vec<_>>(),
        "name": format!("{} at {}", l.taxonomy.name, l.name),
        "telecom": l.places.first().map(telecom).unwrap_or_else(|| json!([])),
        "communication": l.languages.iter().map(|lang| json!({ "coding": [{ "system": "urn:ietf:bcp:47", "code": lang.as_str() }] })).collect::<Vec<_>>(),
    })
}

fn address(p: &Place) -> Value {
    json!({
        "use": "work",
        "type": "both",
        "text": format!("{}, {}, {} {}", p.shown.line, p.shown.city, p.shown.state, p.shown.zip),
        "line": [p.shown.line],
        "city": p.shown.city,
        "state": p.shown.state,
        "postalCode": p.shown.zip,
        "country": "US",
    })
}

/// One place where care is given.
pub fn location(l: &Listing, p: &Place) -> Value {
    let access: Vec<Value> = p
        .shown
        .access
        .iter()
        .map(|a| {
            let (code, display) = match a {
                Access::Wheelchair => ("handiaccess", "handicap accessible"),
                Access::Asl => ("signlang", "sign language interpretation"),
            };
            json!({
                "url": format!("{PLAN_NET}/accessibility"),
                "valueCodeableConcept": { "coding": [{ "system": format!("{PLAN_NET_CS}/AccessibilityCS"), "code": code, "display": display }] },
            })
        })
        .collect();
    json!({
        "resourceType": "Location",
        "id": format!("loc-{}", p.id),
        "meta": meta("plannet-Location", &verified(l)),
        "extension": access,
        "status": "active",
        "name": p.shown.name,
        "telecom": telecom(p),
        "address": address(p),
        "position": { "latitude": p.at.lat, "longitude": p.at.lon },
        "managingOrganization": { "reference": format!("Organization/org-{}", l.practice_id.unwrap_or(l.id)) },
        "availabilityExceptions": p.shown.hours.join("; "),
    })
}

/// When the directory as a whole last changed: the newest verification
/// (the `lastUpdated` of the payer, networks, plans and endpoint).
pub fn updated(listings: &[Listing]) -> String {
    listings.iter().map(|l| l.verified_on).max().map_or_else(
        || "2026-01-01T00:00:00Z".to_string(),
        |d| format!("{d}T00:00:00Z"),
    )
}

/// The payer.
pub fn payer(updated: &str) -> Value {
    json!({
        "resourceType": "Organization",
        "id": PAYER_ID,
        "meta": meta("plannet-Organization", updated),
        "active": true,
        "type": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/OrgTypeCS"), "code": "payer", "display": "Payer" }] }],
        "name": "Evergreen Health",
        "telecom": [{ "system": "phone", "value": "1-800-555-0142" }],
        "endpoint": [{ "reference": format!("Endpoint/{ENDPOINT_ID}") }],
    })
}

/// A provider network (Plan-Net profiles it on `Organization`).
pub fn network(name: &str, updated: &str) -> Value {
    json!({
        "resourceType": "Organization",
        "id": network_id(name),
        "meta": meta("plannet-Network", updated),
        "active": true,
        "type": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/OrgTypeCS"), "code": "ntwk", "display": "Network" }] }],
        "name": name,
        "partOf": { "reference": format!("Organization/{PAYER_ID}"), "display": "Evergreen Health" },
    })
}

/// A plan and the network it uses.
pub fn insurance_plan(p: &Plan, updated: &str) -> Value {
    json!({
        "resourceType": "InsurancePlan",
        "id": format!("plan-{}", p.id.to_lowercase()),
        "meta": meta("plannet-InsurancePlan", updated),
        "identifier": [{ "value": p.id }],
        "status": "active",
        "type": [{ "coding": [{ "system": format!("{PLAN_NET_CS}/InsuranceProductTypeCS"), "code": "qhp", "display": "Qualified Health Plan" }], "text": p.plan_type.as_str() }],
        "name": p.name,
        "period": { "start": format!("{}-01-01", p.year), "end": format!("{}-12-31", p.year) },
        "ownedBy": { "reference": format!("Organization/{PAYER_ID}") },
        "administeredBy": { "reference": format!("Organization/{PAYER_ID}") },
        "coverageArea": [{ "display": "Washington State" }],
        "network": [{ "reference": format!("Organization/{}", network_id(&p.network)), "display": p.network }],
        "plan": [{ "type": { "text": p.metal.as_str() }, "network": [{ "reference": format!("Organization/{}", network_id(&p.network)) }] }],
    })
}

/// The Patient Access API's endpoint (members' apps connect there).
pub fn endpoint(base: &str, updated: &str) -> Value {
    json!({
        "resourceType": "Endpoint",
        "id": ENDPOINT_ID,
        "meta": meta("plannet-Endpoint", updated),
        "status": "active",
        "connectionType": { "system": "http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "code": "hl7-fhir-rest" },
        "name": "Evergreen Health Patient Access API (FHIR R4, SMART App Launch)",
        "managingOrganization": { "reference": format!("Organization/{PAYER_ID}") },
        "payloadType": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/endpoint-payload-type", "code": "any" }] }],
        "payloadMimeType": ["application/fhir+json"],
        "address": format!("{base}{}", crate::smart::FHIR_PATH),
    })
}
