//! The C4BB resources, one function each.

use super::{
    concept, coverage_id, eob_id, instant, money, patient_id, practitioner_id, provider_org_id,
    C4BB, C4BB_CS, CLAIM_ID_SYSTEM, HL7_CS, MEMBER_ID_SYSTEM, NPI_SYSTEM, PAYER_ID, PAYER_NAME,
};
use crate::db::members::MemberRow;
use chrono::{DateTime, NaiveDate, Utc};
use portal_domain::api::{IdCard, Relationship};
use portal_domain::claims::{Amounts, Claim, ClaimStatus, ClaimType, Clinician, Network, Provider};
use portal_domain::MemberId;
use serde_json::{json, Value};

const ADJUDICATION: &str = "http://terminology.hl7.org/CodeSystem/adjudication";

fn meta(profile: &str, last_updated: String) -> Value {
    json!({ "lastUpdated": last_updated, "profile": [format!("{C4BB}{profile}|2.0.0")] })
}

fn date_instant(d: NaiveDate) -> String {
    format!("{d}T00:00:00Z")
}

/// The payer: `C4BB-Organization`.
pub fn payer(now: DateTime<Utc>) -> Value {
    json!({
        "resourceType": "Organization",
        "id": PAYER_ID,
        "meta": meta("C4BB-Organization", instant(now)),
        "active": true,
        "type": [concept(&format!("{HL7_CS}organization-type"), "pay", Some("Payer"), None)],
        "name": PAYER_NAME,
        "telecom": [{ "system": "url", "value": format!("https://{}", portal_domain::api::PLAN_WEBSITE) }],
    })
}

/// A provider that billed a claim: `C4BB-Organization` with its NPI.
pub fn provider_org(p: &Provider, now: DateTime<Utc>) -> Value {
    json!({
        "resourceType": "Organization",
        "id": provider_org_id(&p.npi),
        "meta": meta("C4BB-Organization", instant(now)),
        "identifier": [{
            "type": concept(&format!("{HL7_CS}v2-0203"), "NPI", Some("National provider identifier"), None),
            "system": NPI_SYSTEM,
            "value": p.npi,
        }],
        "active": true,
        "type": [concept(&format!("{HL7_CS}organization-type"), "prov", Some("Healthcare Provider"), Some(&p.specialty))],
        "name": p.name,
    })
}

/// A clinician on a claim: `C4BB-Practitioner` with their NPI and name.
pub fn practitioner(t: &Clinician, now: DateTime<Utc>) -> Value {
    json!({
        "resourceType": "Practitioner",
        "id": practitioner_id(&t.npi),
        "meta": meta("C4BB-Practitioner", instant(now)),
        "identifier": [{
            "type": concept(&format!("{HL7_CS}v2-0203"), "NPI", Some("National provider identifier"), None),
            "system": NPI_SYSTEM,
            "value": t.npi,
        }],
        "name": [{
            "use": "usual",
            "text": t.display_name(),
            "family": t.family_name,
            "given": [t.given_name],
            "suffix": [t.credential],
        }],
    })
}

/// The EOB's careTeam: each clinician with their C4BB role.
fn care_team(c: &Claim) -> Vec<Value> {
    c.care_team
        .iter()
        .map(|t| {
            json!({
                "sequence": t.sequence,
                "provider": {
                    "reference": format!("Practitioner/{}", practitioner_id(&t.npi)),
                    "display": t.display_name(),
                },
                "role": concept(
                    &format!("{C4BB_CS}C4BBClaimCareTeamRole"),
                    t.role.as_str(),
                    Some(role_display(t.role)),
                    None,
                ),
            })
        })
        .collect()
}

/// The display of a C4BBClaimCareTeamRole code.
fn role_display(role: portal_domain::claims::CareRole) -> &'static str {
    use portal_domain::claims::CareRole;
    match role {
        CareRole::Performing => "Performing provider",
        CareRole::Attending => "Attending",
        CareRole::Prescribing => "Prescribing provider",
        CareRole::Referring => "Referring",
    }
}

fn member_identifier(id: &MemberId) -> Value {
    json!({
        "type": concept(&format!("{HL7_CS}v2-0203"), "MB", Some("Member Number"), None),
        "system": MEMBER_ID_SYSTEM,
        "value": id.to_string(),
    })
}

/// The member: `C4BB-Patient`. The plan does not record sex, so `gender`
/// is `unknown` (a code of the required value set), not a guess.
pub fn patient(m: &MemberRow, now: DateTime<Utc>) -> Value {
    let mut p = json!({
        "resourceType": "Patient",
        "id": patient_id(m.id),
        "meta": meta("C4BB-Patient", instant(now)),
        "active": m.eligible,
        "name": [{ "use": "usual", "family": m.last_name, "given": [m.first_name] }],
        "gender": "unknown",
        "birthDate": portal_domain::dates::to_iso(m.date_of_birth),
    });
    if let Some(id) = MemberId::from_parts(&m.member_id_base, &m.suffix) {
        p["identifier"] = json!([member_identifier(&id)]);
    }
    p
}

/// The member's coverage: `C4BB-Coverage`.
pub fn coverage(m: &MemberRow, card: &IdCard, now: DateTime<Utc>) -> Value {
    let relationship = match m.relationship {
        Relationship::Subscriber => ("self", "Self"),
        Relationship::Spouse => ("spouse", "Spouse"),
        Relationship::Child => ("child", "Child"),
    };
    let today = now.date_naive();
    let status = if card.coverage_end < today {
        "cancelled"
    } else {
        "active"
    };
    json!({
        "resourceType": "Coverage",
        "id": coverage_id(m.id),
        "meta": meta("C4BB-Coverage", instant(now)),
        "identifier": [member_identifier(&card.member.member_id)],
        "status": status,
        "type": concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", Some("health insurance plan policy"), None),
        "subscriberId": m.member_id_base,
        "beneficiary": { "reference": format!("Patient/{}", patient_id(m.id)) },
        "relationship": concept(&format!("{HL7_CS}subscriber-relationship"), relationship.0, Some(relationship.1), None),
        "period": { "start": card.coverage_start.to_string(), "end": card.coverage_end.to_string() },
        "payor": [{ "reference": format!("Organization/{PAYER_ID}"), "display": PAYER_NAME }],
        "class": [
            {
                "type": concept(&format!("{HL7_CS}coverage-class"), "group", Some("Group"), None),
                "value": card.group_number,
            },
            {
                "type": concept(&format!("{HL7_CS}coverage-class"), "plan", Some("Plan"), None),
                "value": card.plan.id,
                "name": card.plan.name,
            },
        ],
    })
}

/// The profile, `type` code and (institutional) subtype of a claim.
fn kind(t: ClaimType) -> (&'static str, &'static str, Option<&'static str>) {
    match t {
        ClaimType::Professional => (
            "C4BB-ExplanationOfBenefit-Professional-NonClinician",
            "professional",
            None,
        ),
        ClaimType::Vision => (
            "C4BB-ExplanationOfBenefit-Professional-NonClinician",
            "vision",
            None,
        ),
        ClaimType::InstitutionalInpatient => (
            "C4BB-ExplanationOfBenefit-Inpatient-Institutional",
            "institutional",
            Some("inpatient"),
        ),
        ClaimType::InstitutionalOutpatient => (
            "C4BB-ExplanationOfBenefit-Outpatient-Institutional",
            "institutional",
            Some("outpatient"),
        ),
        ClaimType::Pharmacy => ("C4BB-ExplanationOfBenefit-Pharmacy", "pharmacy", None),
        ClaimType::Dental => ("C4BB-ExplanationOfBenefit-Oral", "oral", None),
    }
}

/// The product or service coding system of a line's code.
fn code_system(t: ClaimType, code: &str) -> &'static str {
    match t {
        ClaimType::Pharmacy => "http://hl7.org/fhir/sid/ndc",
        ClaimType::Dental => "http://www.ada.org/cdt",
        ClaimType::InstitutionalInpatient | ClaimType::InstitutionalOutpatient
            if code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()) =>
        {
            "https://www.nubc.org/CodeSystem/RevenueCodes"
        }
        _ if code.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
        }
        _ => "http://www.ama-assn.org/go/cpt",
    }
}

fn amount(system: &str, code: &str, display: &str, m: portal_domain::Money) -> Value {
    json!({ "category": concept(system, code, Some(display), None), "amount": money(m) })
}

/// Every amount of `a`, each under its category code.
pub fn adjudications(a: &Amounts) -> Vec<Value> {
    let c4bb = format!("{C4BB_CS}C4BBAdjudication");
    vec![
        amount(ADJUDICATION, "submitted", "Submitted Amount", a.billed),
        amount(ADJUDICATION, "eligible", "Eligible Amount", a.allowed),
        amount(ADJUDICATION, "deductible", "Deductible", a.deductible),
        amount(ADJUDICATION, "copay", "CoPay", a.copay),
        amount(&c4bb, "coinsurance", "Coinsurance", a.coinsurance),
        amount(&c4bb, "noncovered", "Noncovered", a.not_covered),
        amount(ADJUDICATION, "benefit", "Benefit Amount", a.plan_paid),
        amount(&c4bb, "paidtoprovider", "Paid to provider", a.plan_paid),
        amount(&c4bb, "memberliability", "Member liability", a.member_owes),
    ]
}

fn network_status(n: Network, discriminator: &str) -> Value {
    let code = match n {
        Network::InNetwork => ("innetwork", "In Network"),
        Network::OutOfNetwork => ("outofnetwork", "Out Of Network"),
    };
    json!({
        "category": concept(&format!("{C4BB_CS}C4BBAdjudicationDiscriminator"), discriminator, None, None),
        "reason": concept(&format!("{C4BB_CS}C4BBPayerAdjudicationStatus"), code.0, Some(code.1), None),
    })
}

/// One claim: the C4BB ExplanationOfBenefit profile of its type.
pub fn explanation_of_benefit(c: &Claim, m: &MemberRow, _now: DateTime<Utc>) -> Value {
    let s = &c.summary;
    let (profile, type_code, subtype) = kind(s.claim_type);
    let outcome = match s.status {
        ClaimStatus::Received | ClaimStatus::InProcess => "queued",
        ClaimStatus::UnderAppeal => "partial",
        _ => "complete",
    };
    let items: Vec<Value> = c
        .lines
        .iter()
        .map(|l| {
            let mut adj = vec![network_status(s.provider.network, "benefitpaymentstatus")];
            adj.extend(adjudications(&l.amounts));
            json!({
                "sequence": l.line_no,
                "productOrService": {
                    "coding": [{ "system": code_system(s.claim_type, &l.code), "code": l.code }],
                    "text": l.description,
                },
                "servicedPeriod": { "start": s.service_start.to_string(), "end": s.service_end.to_string() },
                "quantity": { "value": l.quantity },
                "adjudication": adj,
            })
        })
        .collect();
    let mut header = vec![network_status(s.provider.network, "billingnetworkstatus")];
    if let Some(reason) = &c.denial_reason {
        header.push(json!({
            "category": concept(&format!("{C4BB_CS}C4BBAdjudicationDiscriminator"), "denialreason", Some("Denial Reason"), None),
            "reason": { "text": reason },
        }));
    }
    let provider = json!({
        "reference": format!("Organization/{}", provider_org_id(&s.provider.npi)),
        "display": s.provider.name,
    });
    let mut eob = json!({
        "resourceType": "ExplanationOfBenefit",
        "id": eob_id(s.id),
        "meta": meta(profile, date_instant(s.status_date)),
        "identifier": [{
            "type": concept(&format!("{C4BB_CS}C4BBIdentifierType"), "uc", Some("Unique Claim ID"), None),
            "system": CLAIM_ID_SYSTEM,
            "value": s.claim_number,
        }],
        "status": "active",
        "type": concept(&format!("{HL7_CS}claim-type"), type_code, None, Some(s.claim_type.label())),
        "use": "claim",
        "patient": { "reference": format!("Patient/{}", patient_id(m.id)) },
        "billablePeriod": { "start": s.service_start.to_string(), "end": s.service_end.to_string() },
        "created": date_instant(s.status_date),
        "insurer": { "reference": format!("Organization/{PAYER_ID}"), "display": PAYER_NAME },
        "provider": provider.clone(),
        "payee": {
            "type": concept(&format!("{HL7_CS}payeetype"), "provider", Some("Provider"), None),
            "party": provider,
        },
        "outcome": outcome,
        "insurance": [{ "focal": true, "coverage": { "reference": format!("Coverage/{}", coverage_id(m.id)) } }],
        "item": items,
        "adjudication": header,
        "total": adjudications(&s.amounts),
    });
    let paid = match s.status {
        ClaimStatus::Paid | ClaimStatus::Adjusted => Some("paid"),
        ClaimStatus::PartiallyPaid => Some("partiallypaid"),
        ClaimStatus::Denied => Some("denied"),
        _ => None,
    };
    if let Some(code) = paid {
        eob["payment"] = json!({
            "type": concept(&format!("{C4BB_CS}C4BBPayerClaimPaymentStatusCode"), code, None, None),
            "amount": money(s.amounts.plan_paid),
        });
    }
    let team = care_team(c);
    if !team.is_empty() {
        eob["careTeam"] = json!(team);
    }
    if let Some(sub) = subtype {
        eob["subType"] = concept(
            &format!("{C4BB_CS}C4BBInstitutionalClaimSubType"),
            sub,
            None,
            None,
        );
    }
    eob
}
