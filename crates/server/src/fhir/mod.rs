//! FHIR R4 resources of a member's plan data in the CARIN Blue Button
//! (C4BB 2.0.0) shapes: `Patient`, `Coverage`, the payer and provider
//! `Organization`s, the clinicians' `Practitioner`s (the EOB's `careTeam`)
//! and one `ExplanationOfBenefit` per claim. Written once
//! for the Patient Access API (`routes::fhir`) and the "download all my
//! data" archive. Server only: FHIR shapes never reach the wasm bundle.
//!
//! Amounts are written from [`portal_domain::claims::Amounts`], each under
//! its adjudication category code (never by position): billed `submitted`,
//! allowed `eligible`, plan paid `benefit` (and C4BB `paidtoprovider`),
//! `deductible`, `copay`, C4BB `coinsurance`, `noncovered` and
//! `memberliability`. Money is a JSON decimal in US dollars: the cents
//! divided by 100, which prints exactly (serde_json writes the shortest
//! decimal that reads back to the same number).
//!
//! Not written, because the claims store does not hold them: diagnoses,
//! places of service, the date a claim was received and days supply of a
//! prescription.

pub mod plan_net;
mod resources;

pub use resources::{coverage, explanation_of_benefit, patient, payer, practitioner, provider_org};

use crate::db::members::MemberRow;
use chrono::{DateTime, Utc};
use portal_domain::api::IdCard;
use portal_domain::claims::Claim;
use portal_domain::Money;
use serde_json::{json, Value};

/// FHIR version this server speaks.
pub const FHIR_VERSION: &str = "4.0.1";
/// C4BB profiles' canonical base.
pub const C4BB: &str = "http://hl7.org/fhir/us/carin-bb/StructureDefinition/";
/// C4BB code systems' base.
pub const C4BB_CS: &str = "http://hl7.org/fhir/us/carin-bb/CodeSystem/";
/// HL7 terminology code systems' base.
pub const HL7_CS: &str = "http://terminology.hl7.org/CodeSystem/";
/// The payer organisation's resource id.
pub const PAYER_ID: &str = "payer";
/// The payer's name.
pub const PAYER_NAME: &str = "Evergreen Health";
/// The system of the plan's member identifiers.
pub const MEMBER_ID_SYSTEM: &str = "https://www.evergreenhealth.example/fhir/member-id";
/// The system of the plan's claim identifiers.
pub const CLAIM_ID_SYSTEM: &str = "https://www.evergreenhealth.example/fhir/claim-number";
/// NPI system.
pub const NPI_SYSTEM: &str = "http://hl7.org/fhir/sid/us-npi";

/// One person's data for a Bundle.
pub struct Person<'a> {
    /// The member.
    pub member: &'a MemberRow,
    /// Their ID card (plan, group, coverage dates).
    pub card: &'a IdCard,
    /// Their claims, explained.
    pub claims: &'a [Claim],
}

/// A coding inside a CodeableConcept.
pub(crate) fn concept(
    system: &str,
    code: &str,
    display: Option<&str>,
    text: Option<&str>,
) -> Value {
    let mut coding = json!({ "system": system, "code": code });
    if let Some(d) = display {
        coding["display"] = json!(d);
    }
    let mut c = json!({ "coding": [coding] });
    if let Some(t) = text {
        c["text"] = json!(t);
    }
    c
}

/// A FHIR Money in US dollars.
pub(crate) fn money(m: Money) -> Value {
    // Exact for any amount below 2^53 cents (see the module notes).
    json!({ "value": m.cents() as f64 / 100.0, "currency": "USD" })
}

/// The resource id of a member's Patient.
pub fn patient_id(member_row_id: i64) -> String {
    format!("m{member_row_id}")
}

/// The resource id of a member's Coverage.
pub fn coverage_id(member_row_id: i64) -> String {
    format!("cov{member_row_id}")
}

/// The resource id of a provider's Organization (by NPI).
pub fn provider_org_id(npi: &str) -> String {
    format!("npi{npi}")
}

/// The resource id of a clinician's Practitioner (by NPI).
pub fn practitioner_id(npi: &str) -> String {
    format!("p{npi}")
}

/// The resource id of a claim's ExplanationOfBenefit.
pub fn eob_id(claim_id: i64) -> String {
    format!("c{claim_id}")
}

/// The member row id a Patient or Coverage id names.
pub fn member_of(resource_id: &str, prefix: &str) -> Option<i64> {
    resource_id.strip_prefix(prefix)?.parse().ok()
}

/// A Bundle entry.
pub(crate) fn entry(base: &str, resource: Value, search_mode: Option<&str>) -> Value {
    let full = format!(
        "{base}/{}/{}",
        resource["resourceType"].as_str().unwrap_or_default(),
        resource["id"].as_str().unwrap_or_default()
    );
    let mut e = json!({ "fullUrl": full, "resource": resource });
    if let Some(mode) = search_mode {
        e["search"] = json!({ "mode": mode });
    }
    e
}

/// Every resource of `people`, each once: the payer, each provider
/// organisation, each clinician, then per person their Patient, Coverage
/// and EOBs.
pub fn resources(people: &[Person<'_>], now: DateTime<Utc>) -> Vec<Value> {
    let mut out = vec![payer(now)];
    let mut npis: Vec<&str> = Vec::new();
    for p in people {
        for c in p.claims {
            let npi = c.summary.provider.npi.as_str();
            if !npis.contains(&npi) {
                npis.push(npi);
                out.push(provider_org(&c.summary.provider, now));
            }
        }
    }
    let mut clinicians: Vec<&str> = Vec::new();
    for p in people {
        for t in p.claims.iter().flat_map(|c| &c.care_team) {
            if !clinicians.contains(&t.npi.as_str()) {
                clinicians.push(&t.npi);
                out.push(practitioner(t, now));
            }
        }
    }
    for p in people {
        out.push(patient(p.member, now));
        out.push(coverage(p.member, p.card, now));
        for c in p.claims {
            out.push(explanation_of_benefit(c, p.member, now));
        }
    }
    out
}

/// A `collection` Bundle of everything about `people` (the archive's
/// `fhir/bundle.json`).
pub fn collection_bundle(
    base_url: &str,
    people: &[Person<'_>],
    generated_at: DateTime<Utc>,
) -> Value {
    let entries: Vec<Value> = resources(people, generated_at)
        .into_iter()
        .map(|r| entry(base_url, r, None))
        .collect();
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": instant(generated_at),
        "entry": entries,
    })
}

/// A FHIR instant (seconds, UTC).
pub fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// An OperationOutcome with one issue (FHIR's error body).
pub fn outcome(code: &str, diagnostics: &str) -> Value {
    json!({
        "resourceType": "OperationOutcome",
        "issue": [{ "severity": "error", "code": code, "diagnostics": diagnostics }],
    })
}

#[cfg(test)]
pub(crate) mod tests;
