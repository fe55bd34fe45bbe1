//! The public Provider Directory API (issue 14): FHIR R4 in the Plan-Net
//! shape, no sign-in. Every resource type read and searched, the Plan-Net
//! search parameters and `_include`, paging, bad parameters (400 naming
//! them), and a sample of every type checked against the Plan-Net
//! profiles' required elements.

use crate::common::TestServer;
use serde_json::Value;

async fn server() -> TestServer {
    TestServer::start_with(|c| c.demo_directory = true).await
}

async fn get(s: &TestServer, path: &str) -> (u16, Value) {
    let r = s
        .client()
        .get(s.url(&format!("/fhir/directory{path}")))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    assert_eq!(
        r.headers()["content-type"],
        "application/fhir+json",
        "{path}"
    );
    (status, r.json().await.unwrap())
}

fn resources(bundle: &Value, mode: &str) -> Vec<Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["search"]["mode"] == mode)
        .map(|e| e["resource"].clone())
        .collect()
}

const PLAN_NET: &str = "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/";

/// The elements each Plan-Net profile requires (cardinality 1..), checked
/// on a resource: meta.lastUpdated and the profile everywhere, then per type.
fn check_plan_net(r: &Value) {
    let kind = r["resourceType"].as_str().unwrap();
    let what = format!("{kind}/{}", r["id"]);
    assert!(r["id"].is_string(), "{what}");
    assert!(
        r["meta"]["lastUpdated"].is_string(),
        "{what}: meta.lastUpdated"
    );
    let profile = r["meta"]["profile"][0].as_str().unwrap();
    assert!(profile.starts_with(PLAN_NET), "{what}: {profile}");
    let has = |path: &[&str]| {
        let mut v = r;
        for p in path {
            v = &v[*p];
        }
        !v.is_null()
    };
    match kind {
        "Practitioner" => {
            assert_eq!(r["active"], true, "{what}");
            assert!(has(&["name", "0", "family"]) || has(&["name"]), "{what}");
            assert_eq!(
                r["identifier"][0]["system"],
                "http://hl7.org/fhir/sid/us-npi"
            );
            assert_eq!(r["identifier"][0]["value"].as_str().unwrap().len(), 10);
        }
        "PractitionerRole" => {
            assert_eq!(r["active"], true, "{what}");
            // pd-1: a practitioner or an organization.
            assert!(has(&["practitioner"]) || has(&["organization"]), "{what}");
            assert_eq!(
                r["specialty"][0]["coding"][0]["system"],
                "http://nucc.org/provider-taxonomy"
            );
            for e in r["extension"].as_array().unwrap() {
                let url = e["url"].as_str().unwrap();
                assert!(
                    url == format!("{PLAN_NET}network-reference")
                        || url == format!("{PLAN_NET}newpatients"),
                    "{url}"
                );
                if url.ends_with("network-reference") {
                    assert!(e["valueReference"]["reference"]
                        .as_str()
                        .unwrap()
                        .starts_with("Organization/network-"));
                }
            }
        }
        "Organization" => {
            assert_eq!(r["active"], true, "{what}");
            assert!(r["name"].is_string(), "{what}");
            assert!(r["type"][0]["coding"][0]["code"].is_string(), "{what}");
            if profile.ends_with("plannet-Network") {
                assert_eq!(r["type"][0]["coding"][0]["code"], "ntwk");
                assert!(
                    r["partOf"]["reference"].is_string(),
                    "{what}: a network is part of its payer"
                );
            }
        }
        "Location" => {
            assert_eq!(r["status"], "active", "{what}");
            assert!(
                r["name"].is_string() && r["address"]["postalCode"].is_string(),
                "{what}"
            );
            assert!(
                r["position"]["latitude"].is_number() && r["position"]["longitude"].is_number()
            );
        }
        "HealthcareService" => {
            assert_eq!(r["active"], true, "{what}");
            assert!(r["category"][0]["coding"][0]["code"].is_string(), "{what}");
            assert!(r["providedBy"]["reference"].is_string(), "{what}");
        }
        "InsurancePlan" => {
            assert_eq!(r["status"], "active");
            assert!(
                r["name"].is_string() && r["type"][0]["coding"][0]["code"].is_string(),
                "{what}"
            );
            assert!(r["network"][0]["reference"]
                .as_str()
                .unwrap()
                .starts_with("Organization/network-"));
        }
        "Endpoint" => {
            assert_eq!(r["status"], "active");
            assert_eq!(r["connectionType"]["code"], "hl7-fhir-rest");
            assert!(r["payloadType"][0]["coding"][0]["code"].is_string());
            assert!(r["address"].as_str().unwrap().ends_with("/fhir/r4"));
        }
        other => panic!("unexpected {other}"),
    }
}

#[tokio::test]
async fn every_type_is_public_and_plan_net_shaped() {
    let s = server().await;
    let (st, cap) = get(&s, "/metadata").await;
    assert_eq!(st, 200);
    assert_eq!(cap["resourceType"], "CapabilityStatement");
    let types: Vec<&str> = cap["rest"][0]["resource"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    for kind in [
        "Practitioner",
        "PractitionerRole",
        "Organization",
        "Location",
        "HealthcareService",
        "InsurancePlan",
        "Endpoint",
    ] {
        assert!(types.contains(&kind), "{kind} in the CapabilityStatement");
        // No sign-in: a search answers, each resource is Plan-Net shaped,
        // and each can be read by its id.
        let (st, bundle) = get(&s, &format!("/{kind}?_count=5")).await;
        assert_eq!(st, 200, "{kind}: {bundle}");
        assert_eq!(bundle["type"], "searchset");
        let found = resources(&bundle, "match");
        assert!(!found.is_empty(), "{kind}");
        for r in &found {
            check_plan_net(r);
            let (st, one) = get(&s, &format!("/{kind}/{}", r["id"].as_str().unwrap())).await;
            assert_eq!(st, 200);
            assert_eq!(one, *r);
        }
    }
    // Networks are Organizations of type ntwk, part of the payer.
    let (_, nets) = get(&s, "/Organization?type=ntwk").await;
    let names: Vec<String> = resources(&nets, "match")
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(nets["total"], 2, "{names:?}");
    let (st, _) = get(&s, "/Practitioner/prac-999999").await;
    assert_eq!(st, 404);
    let (st, _) = get(&s, "/Patient").await;
    assert_eq!(st, 404, "no member data here");
}

#[tokio::test]
async fn plan_net_searches_includes_and_paging() {
    let s = server().await;
    // Pediatricians in the narrower Select network, with their
    // practitioners and locations included.
    let (st, b) = get(
        &s,
        "/PractitionerRole?specialty=http://nucc.org/provider-taxonomy|208000000X&network=Organization/network-evergreen-select&_include=PractitionerRole:practitioner&_include=PractitionerRole:location&_count=10",
    )
    .await;
    assert_eq!(st, 200, "{b}");
    let roles = resources(&b, "match");
    assert!(!roles.is_empty());
    let included = resources(&b, "include");
    for role in &roles {
        check_plan_net(role);
        assert_eq!(role["specialty"][0]["coding"][0]["code"], "208000000X");
        let nets: Vec<&str> = role["extension"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["valueReference"]["reference"].as_str())
            .collect();
        assert!(
            nets.contains(&"Organization/network-evergreen-select"),
            "{nets:?}"
        );
        // Every reference asked for is in the Bundle.
        let prac = role["practitioner"]["reference"].as_str().unwrap();
        assert!(included
            .iter()
            .any(|r| format!("Practitioner/{}", r["id"].as_str().unwrap()) == prac));
        for loc in role["location"].as_array().unwrap() {
            let l = loc["reference"].as_str().unwrap();
            assert!(
                included
                    .iter()
                    .any(|r| format!("Location/{}", r["id"].as_str().unwrap()) == l),
                "{l}"
            );
        }
    }
    for r in &included {
        check_plan_net(r);
    }
    // Paging: total, next link, pages that do not overlap.
    let (_, p1) = get(&s, "/Practitioner?_count=50").await;
    let total = p1["total"].as_u64().unwrap();
    assert!(total > 2_000, "{total}");
    let next = p1["link"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["relation"] == "next")
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(next.ends_with("page=2"), "{next}");
    let (_, p2) = get(&s, "/Practitioner?_count=50&page=2").await;
    let ids = |b: &Value| -> Vec<String> {
        resources(b, "match")
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&p1).len(), 50);
    assert!(ids(&p1).iter().all(|i| !ids(&p2).contains(i)));
    // Name and NPI.
    let (_, b) = get(&s, "/Practitioner?name=maya%20ellison").await;
    let maya = &resources(&b, "match")[0];
    assert_eq!(maya["name"][0]["family"], "Ellison");
    let npi = maya["identifier"][0]["value"].as_str().unwrap();
    let (_, b) = get(
        &s,
        &format!("/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|{npi}"),
    )
    .await;
    assert_eq!(b["total"], 1);
    // Locations near a point, nearest first, within the distance.
    let (_, b) = get(&s, "/Location?near=47.6733|-122.3426|2|mi&_count=100").await;
    let locs = resources(&b, "match");
    assert!(!locs.is_empty());
    let here = portal_domain::care::distance::LatLon {
        lat: 47.6733,
        lon: -122.3426,
    };
    let mut last = 0;
    for l in &locs {
        let at = portal_domain::care::distance::LatLon {
            lat: l["position"]["latitude"].as_f64().unwrap(),
            lon: l["position"]["longitude"].as_f64().unwrap(),
        };
        let d = portal_domain::care::distance::tenths_of_mile(here, at);
        assert!(d <= 20, "{d}");
        assert!(d >= last);
        last = d;
    }
    // Plans and their networks.
    let (_, plans) = get(
        &s,
        "/InsurancePlan?network=Organization/network-evergreen-select",
    )
    .await;
    let names: Vec<String> = resources(&plans, "match")
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n == "Evergreen Platinum HMO 2027"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("PPO")), "{names:?}");
    // Facilities as HealthcareService, with their organization.
    let (_, svc) = get(
        &s,
        "/HealthcareService?specialty=261QU0200X&_include=HealthcareService:providedBy",
    )
    .await;
    assert!(!resources(&svc, "match").is_empty());
    assert!(resources(&svc, "include")
        .iter()
        .all(|r| r["resourceType"] == "Organization"));
}

#[tokio::test]
async fn bad_parameters_are_400_naming_them() {
    let s = server().await;
    for (path, words) in [
        ("/Practitioner?specialty=208000000X", "specialty"),
        ("/Practitioner?_count=0", "_count"),
        ("/Practitioner?_count=500", "_count"),
        ("/Practitioner?page=0", "page"),
        ("/Location?near=north", "near"),
        ("/Location?near=91|0|5|mi", "near"),
        ("/Location?near=47|-122|5|furlongs", "near"),
        ("/Organization?type=hospital", "type"),
        (
            "/PractitionerRole?_include=PractitionerRole:insurance",
            "_include",
        ),
        (
            "/PractitionerRole?_include=Location:organization",
            "_include",
        ),
    ] {
        let (st, body) = get(&s, path).await;
        assert_eq!(st, 400, "{path}: {body}");
        assert_eq!(body["resourceType"], "OperationOutcome");
        let text = body["issue"][0]["diagnostics"].as_str().unwrap();
        assert!(text.contains(words), "{path}: {text}");
    }
}
