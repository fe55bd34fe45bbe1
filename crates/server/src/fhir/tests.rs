//! FHIR conformance: our C4BB resources against the profiles' required
//! elements and value sets, compared with the official CARIN Blue Button
//! 2.0.0 examples (copied into `tests/data/fhir/`, see its SOURCE.md).
#![allow(clippy::unwrap_used)]

use super::*;
use chrono::NaiveDate;
use portal_domain::claims::{
    Amounts, CareRole, ClaimLine, ClaimStatus, ClaimSummary, ClaimType, Clinician, Network,
    Provider, ServiceCategory,
};
use portal_domain::MemberId;
use std::collections::BTreeSet;

fn example(name: &str) -> Value {
    let path = format!(
        "{}/tests/data/fhir/ExplanationOfBenefit-{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn member() -> MemberRow {
    MemberRow {
        id: 7,
        household_id: 1,
        member_id_base: "100200300".into(),
        suffix: "01".into(),
        first_name: "Alex".into(),
        last_name: "Morgan".into(),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1984, 3, 14).expect("date"),
        ssn_last4: "0000".into(),
        relationship: portal_domain::api::Relationship::Subscriber,
        eligible: true,
    }
}

fn amounts(billed: i64, allowed: i64, ded: i64, copay: i64, coins: i64, nc: i64) -> Amounts {
    let owes = ded + copay + coins + nc;
    Amounts {
        billed: Money::from_cents(billed),
        allowed: Money::from_cents(allowed),
        plan_paid: Money::from_cents(allowed + nc - owes),
        deductible: Money::from_cents(ded),
        copay: Money::from_cents(copay),
        coinsurance: Money::from_cents(coins),
        not_covered: Money::from_cents(nc),
        member_owes: Money::from_cents(owes),
    }
}

fn claim(t: ClaimType, status: ClaimStatus) -> Claim {
    let lines = vec![
        ClaimLine {
            line_no: 1,
            code: "99213".into(),
            description: "Office visit".into(),
            quantity: 1,
            amounts: amounts(25_000, 12_345, 5_000, 2_500, 1_234, 0),
        },
        ClaimLine {
            line_no: 2,
            code: "80053".into(),
            description: "Metabolic panel".into(),
            quantity: 1,
            amounts: amounts(9_999, 3_333, 0, 0, 667, 1_001),
        },
    ];
    let a = Amounts::sum(lines.iter().map(|l| &l.amounts));
    Claim {
        summary: ClaimSummary {
            id: 42,
            claim_number: "CLM-42".into(),
            patient_id: 7,
            patient_name: "Alex Morgan".into(),
            claim_type: t,
            category: ServiceCategory::OfficeVisit,
            service_start: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            service_end: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            provider: Provider {
                name: "Cedar Family Medicine".into(),
                npi: "1245783101".into(),
                specialty: "Family medicine".into(),
                network: Network::InNetwork,
            },
            status,
            status_date: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
            amounts: a,
        },
        patient_member_id: MemberId::from_parts("100200300", "01").unwrap(),
        denial_reason: None,
        lines,
        explanation: None,
        care_team: vec![Clinician {
            sequence: 1,
            role: if t == ClaimType::Pharmacy {
                CareRole::Prescribing
            } else {
                CareRole::Performing
            },
            npi: "1992810006".into(),
            family_name: "Okafor".into(),
            given_name: "Adaeze".into(),
            credential: "MD".into(),
        }],
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Elements the C4BB 2.0.0 EOB profiles require (cardinality 1..) that
/// every profile shares.
const REQUIRED: [&str; 14] = [
    "meta",
    "identifier",
    "status",
    "type",
    "use",
    "patient",
    "billablePeriod",
    "created",
    "insurer",
    "provider",
    "outcome",
    "insurance",
    "total",
    "adjudication",
];

/// Required elements the claims store cannot fill (module notes): the test
/// fails if one of them appears (then remove it here) or if anything else
/// the example has is missing.
const NOT_HELD: [&str; 4] = ["diagnosis", "supportingInfo", "procedure", "language"];

/// (system suffix, code) of every adjudication category in a resource.
fn categories(eob: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut walk = |adj: &Value| {
        for a in adj.as_array().into_iter().flatten() {
            for c in a["category"]["coding"].as_array().into_iter().flatten() {
                out.insert((
                    c["system"].as_str().unwrap().to_string(),
                    c["code"].as_str().unwrap().to_string(),
                ));
            }
        }
    };
    walk(&eob["adjudication"]);
    walk(&eob["total"]);
    for item in eob["item"].as_array().into_iter().flatten() {
        walk(&item["adjudication"]);
    }
    out
}

fn amount(adj: &Value, code: &str) -> i64 {
    let hits: Vec<&Value> = adj
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["category"]["coding"][0]["code"] == code)
        .collect();
    assert_eq!(hits.len(), 1, "exactly one {code}");
    (hits[0]["amount"]["value"].as_f64().unwrap() * 100.0).round() as i64
}

#[test]
fn each_claim_type_matches_its_official_example() {
    let cases = [
        (ClaimType::Professional, "EOBProfessional2"),
        (ClaimType::InstitutionalInpatient, "EOBInpatient2"),
        (ClaimType::Pharmacy, "EOBPharmacy1"),
        (ClaimType::Dental, "EOBOral1"),
    ];
    // Every code system and code the C4BB adjudication value sets allow
    // for categories (adjudication value codes, C4BB adjudication, and the
    // discriminators).
    let allowed: BTreeSet<(String, String)> = [
        (ADJ, "submitted"),
        (ADJ, "eligible"),
        (ADJ, "benefit"),
        (ADJ, "deductible"),
        (ADJ, "copay"),
        (C4BB_ADJ, "coinsurance"),
        (C4BB_ADJ, "noncovered"),
        (C4BB_ADJ, "memberliability"),
        (C4BB_ADJ, "paidtoprovider"),
        (C4BB_ADJ, "paidbypatient"),
        (C4BB_ADJ, "discount"),
        (C4BB_ADJ, "priorpayerpaid"),
        (C4BB_ADJ, "drugcost"),
        (C4BB_DISC, "benefitpaymentstatus"),
        (C4BB_DISC, "billingnetworkstatus"),
        (C4BB_DISC, "renderingnetworkstatus"),
        (C4BB_DISC, "denialreason"),
    ]
    .into_iter()
    .map(|(s, c)| (s.to_string(), c.to_string()))
    .collect();
    for (t, name) in cases {
        let official = example(name);
        let ours = explanation_of_benefit(&claim(t, ClaimStatus::Paid), &member(), now());
        // Same profile, type and subtype codings.
        assert_eq!(
            ours["meta"]["profile"], official["meta"]["profile"],
            "{name}"
        );
        assert_eq!(
            ours["type"]["coding"][0]["system"],
            official["type"]["coding"][0]["system"]
        );
        assert_eq!(
            ours["type"]["coding"][0]["code"],
            official["type"]["coding"][0]["code"]
        );
        assert_eq!(
            ours["subType"]["coding"], official["subType"]["coding"],
            "{name}"
        );
        let coding = |v: &Value| {
            (
                v["coding"][0]["system"].clone(),
                v["coding"][0]["code"].clone(),
            )
        };
        assert_eq!(
            coding(&ours["identifier"][0]["type"]),
            coding(&official["identifier"][0]["type"]),
            "{name}"
        );
        // Every element the example has, we have, except those the store does not hold.
        let theirs: BTreeSet<&str> = official
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mine: BTreeSet<&str> = ours
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let missing: Vec<&&str> = theirs.difference(&mine).filter(|k| **k != "text").collect();
        for k in &missing {
            assert!(NOT_HELD.contains(k), "{name}: {k} missing");
        }
        for k in NOT_HELD {
            assert!(
                !mine.contains(k),
                "{name}: {k} is written now: update NOT_HELD"
            );
        }
        for k in REQUIRED {
            assert!(mine.contains(k), "{name}: required {k}");
        }
        assert!(ours["meta"]["lastUpdated"].is_string());
        assert_eq!(ours["insurance"][0]["focal"], true);
        // Value sets: every category we write is allowed, and a code that
        // the example also uses has the example's system.
        let ours_cats = categories(&ours);
        for cat in &ours_cats {
            assert!(
                allowed.contains(cat),
                "{name}: {cat:?} not in the C4BB value sets"
            );
        }
        for (system, code) in categories(&official) {
            if let Some((s, _)) = ours_cats.iter().find(|(_, c)| *c == code) {
                assert_eq!(*s, system, "{name}: {code}");
            }
        }
        // Both network discriminators, as the example.
        assert_eq!(
            ours["adjudication"][0]["category"]["coding"][0]["code"],
            "billingnetworkstatus"
        );
        assert_eq!(
            ours["adjudication"][0]["reason"]["coding"][0]["code"],
            "innetwork"
        );
    }
}

const ADJ: &str = "http://terminology.hl7.org/CodeSystem/adjudication";
const C4BB_ADJ: &str = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication";
const C4BB_DISC: &str = "http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator";

#[test]
fn amounts_read_back_by_category_to_the_cent() {
    let c = claim(ClaimType::Professional, ClaimStatus::PartiallyPaid);
    let eob = explanation_of_benefit(&c, &member(), now());
    let a = &c.summary.amounts;
    let total = &eob["total"];
    for (code, want) in [
        ("submitted", a.billed),
        ("eligible", a.allowed),
        ("benefit", a.plan_paid),
        ("paidtoprovider", a.plan_paid),
        ("deductible", a.deductible),
        ("copay", a.copay),
        ("coinsurance", a.coinsurance),
        ("noncovered", a.not_covered),
        ("memberliability", a.member_owes),
    ] {
        assert_eq!(amount(total, code), want.cents(), "{code}");
    }
    // Lines add up to the totals, category by category, in any order.
    let mut shuffled = eob["item"][1]["adjudication"].as_array().unwrap().clone();
    shuffled.reverse();
    let shuffled = Value::Array(shuffled);
    for code in ["submitted", "memberliability", "noncovered", "coinsurance"] {
        let sum = amount(&eob["item"][0]["adjudication"], code) + amount(&shuffled, code);
        assert_eq!(sum, amount(total, code), "{code}");
    }
    assert_eq!(eob["payment"]["type"]["coding"][0]["code"], "partiallypaid");
    // An unprocessed claim is queued and has no payment.
    let queued = explanation_of_benefit(
        &claim(ClaimType::Professional, ClaimStatus::InProcess),
        &member(),
        now(),
    );
    assert_eq!(queued["outcome"], "queued");
    assert!(queued.get("payment").is_none());
}

#[test]
fn patient_coverage_and_bundle_have_the_required_elements() {
    let m = member();
    let p = patient(&m, now());
    assert_eq!(p["meta"]["profile"][0], format!("{C4BB}C4BB-Patient|2.0.0"));
    assert_eq!(p["identifier"][0]["type"]["coding"][0]["code"], "MB");
    assert_eq!(p["identifier"][0]["value"], "100200300*01");
    assert!(["male", "female", "other", "unknown"].contains(&p["gender"].as_str().unwrap()));
    assert_eq!(p["birthDate"], "1984-03-14");
    let c = claim(ClaimType::Vision, ClaimStatus::Paid);
    let org = provider_org(&c.summary.provider, now());
    assert_eq!(org["identifier"][0]["system"], NPI_SYSTEM);
    let eob = explanation_of_benefit(&c, &m, now());
    // Vision is written as a professional-and-non-clinician EOB, type vision.
    assert_eq!(eob["type"]["coding"][0]["code"], "vision");
    let people = [Person {
        member: &m,
        card: &card(),
        claims: &[c.clone(), claim(ClaimType::Pharmacy, ClaimStatus::Denied)],
    }];
    let b = collection_bundle("https://members.example.org/fhir/r4", &people, now());
    assert_eq!(b["type"], "collection");
    let types: Vec<&str> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    // The payer, one provider (same NPI twice), one clinician, Patient,
    // Coverage, two EOBs.
    assert_eq!(
        types,
        [
            "Organization",
            "Organization",
            "Practitioner",
            "Patient",
            "Coverage",
            "ExplanationOfBenefit",
            "ExplanationOfBenefit"
        ]
    );
    // Every reference in the bundle resolves inside it.
    let urls: BTreeSet<String> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap().to_string())
        .collect();
    let text = b.to_string();
    for r in text.split("\"reference\":\"").skip(1) {
        let target = r.split('"').next().unwrap();
        assert!(
            urls.contains(&format!("https://members.example.org/fhir/r4/{target}")),
            "{target} unresolved"
        );
    }
    let cov = &b["entry"][4]["resource"];
    assert_eq!(
        cov["meta"]["profile"][0],
        format!("{C4BB}C4BB-Coverage|2.0.0")
    );
    for k in [
        "status",
        "beneficiary",
        "relationship",
        "payor",
        "period",
        "subscriberId",
    ] {
        assert!(cov.get(k).is_some(), "Coverage.{k}");
    }
}

/// A sample ID card (also used by the card image tests).
pub(crate) fn card() -> IdCard {
    IdCard {
        member: member().summary().unwrap(),
        plan: portal_domain::api::PlanSummary {
            id: "EVG-SILVER-PPO-2026".into(),
            name: "Evergreen Silver PPO 2026".into(),
            year: 2026,
            plan_type: "PPO".into(),
            network: "Evergreen Choice".into(),
        },
        group_number: "G-1001".into(),
        rx_bin: "610014".into(),
        rx_pcn: "EVGRX".into(),
        rx_group: "EVG1001".into(),
        copays: vec![],
        member_services_phone: "1-800-555-0100".into(),
        provider_services_phone: "1-800-555-0101".into(),
        coverage_start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        coverage_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        limits: portal_domain::api::CardLimits {
            in_network: limits(),
            out_of_network: Some(limits()),
        },
        website: portal_domain::api::PLAN_WEBSITE.into(),
        pcp: None,
        pcp_change: None,
    }
}

fn limits() -> portal_domain::cost::Limits {
    portal_domain::cost::Limits {
        deductible_individual: Money::from_dollars(1_500),
        deductible_family: Money::from_dollars(3_000),
        oop_individual: Money::from_dollars(6_000),
        oop_family: Money::from_dollars(12_000),
    }
}

#[test]
fn clinicians_are_a_care_team_of_practitioners_like_the_official_example() {
    let official = example("EOBProfessional2");
    let theirs = &official["careTeam"][1];
    let c = claim(ClaimType::Professional, ClaimStatus::Paid);
    let eob = explanation_of_benefit(&c, &member(), now());
    let ours = &eob["careTeam"][0];
    // The same shape: sequence, a Practitioner reference, a C4BB role coding.
    assert_eq!(ours["sequence"], 1);
    assert!(theirs["provider"]["reference"]
        .as_str()
        .unwrap()
        .starts_with("Practitioner/"));
    assert_eq!(ours["provider"]["reference"], "Practitioner/p1992810006");
    assert_eq!(
        ours["role"]["coding"][0]["system"], theirs["role"]["coding"][0]["system"],
        "C4BBClaimCareTeamRole"
    );
    assert_eq!(ours["role"]["coding"][0]["code"], "performing");
    let p = practitioner(&c.care_team[0], now());
    assert_eq!(
        p["meta"]["profile"][0],
        format!("{C4BB}C4BB-Practitioner|2.0.0")
    );
    // C4BB-Practitioner: an NPI identifier and a name are required.
    assert_eq!(p["identifier"][0]["system"], NPI_SYSTEM);
    assert_eq!(p["identifier"][0]["type"]["coding"][0]["code"], "NPI");
    assert_eq!(p["identifier"][0]["value"], "1992810006");
    assert_eq!(p["name"][0]["family"], "Okafor");
    assert_eq!(p["name"][0]["given"][0], "Adaeze");
    // A claim without named clinicians has no careTeam.
    let mut bare = c.clone();
    bare.care_team.clear();
    assert!(explanation_of_benefit(&bare, &member(), now())
        .get("careTeam")
        .is_none());
}
