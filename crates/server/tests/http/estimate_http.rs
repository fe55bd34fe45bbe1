//! The estimator in members' words: search with "did you mean", screening
//! and diagnostic versions, bundles, and the out-of-network total.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::{json, Value};

fn cents(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

#[tokio::test]
async fn search_finds_plain_words_and_suggests_when_nothing_matches() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, r) = s.get(&c, "/api/v1/estimate/search?q=knee%20MRI").await;
    assert_eq!(status, 200);
    assert_eq!(r["services"][0]["code"], "73721");
    assert_eq!(r["services"][0]["cms_name"], "MRI scan of leg joint");
    let (_, r) = s
        .get(&c, "/api/v1/estimate/search?q=having%20a%20baby")
        .await;
    assert_eq!(r["services"][0]["code"], "59400");
    let (_, r) = s.get(&c, "/api/v1/estimate/search?q=colonscopy").await;
    assert_eq!(r["services"].as_array().unwrap().len(), 0);
    assert_eq!(r["did_you_mean"], "colonoscopy");
    assert_eq!(r["suggestions"][0]["code"], "45378");
    let (_, r) = s.get(&c, "/api/v1/estimate/search").await;
    assert_eq!(
        (r["total"].clone(), r["services"].as_array().unwrap().len()),
        (json!(70), 12)
    );
    let (status, p) = s.get(&c, "/api/v1/estimate/search?q=a&x=1").await;
    assert_eq!(
        (status, field_codes(&p, "x")),
        (400, vec!["param.unknown".to_string()])
    );
}

#[tokio::test]
async fn screening_is_preventive_and_both_versions_are_priced() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, h) = s.get(&c, "/api/v1/plans").await;
    let alex = h["household"][0]["id"].as_i64().unwrap();
    let ask = |service: &str, purpose: Option<&str>| json!({"service": service, "provider": "lakeside-surgery", "member": alex, "quantity": 1, "purpose": purpose});
    // A colonoscopy: diagnostic unless asked, never assumed $0.
    let (status, d) = s.post(&c, "/api/v1/estimate", ask("45378", None)).await;
    assert_eq!(status, 200, "{d}");
    assert_eq!(d["purpose"], "diagnostic");
    assert!(cents(&d["total"]) > 0);
    let (_, sc) = s
        .post(&c, "/api/v1/estimate", ask("45378", Some("screening")))
        .await;
    assert_eq!(sc["purpose"], "screening");
    assert_eq!(sc["preventive"], true);
    assert_eq!(
        cents(&sc["total"]),
        0,
        "screening in network is $0, every part"
    );
    assert!(
        sc["parts"].as_array().unwrap().len() >= 3,
        "facility, doctor, anesthesia"
    );
    let variants = d["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 2);
    assert_eq!(variants[0]["purpose"], "screening");
    assert_eq!(variants[0]["total"], 0);
    assert_eq!(variants[1]["total"], d["total"]);
    assert!(variants[0]["applies_when"]
        .as_str()
        .unwrap()
        .contains("no symptoms"));
    // A mammogram asked as a screening is priced as the screening code.
    let (_, m) = s
        .post(
            &c,
            "/api/v1/estimate",
            json!({"service": "77066", "provider": "clearpath-imaging", "member": alex, "quantity": 1, "purpose": "screening"}),
        )
        .await;
    assert_eq!(
        (m["service"]["code"].clone(), m["total"].clone()),
        (json!("77067"), json!(0))
    );
    // No screening version: refused, by field.
    let (status, p) = s
        .post(
            &c,
            "/api/v1/estimate",
            json!({"service": "73721", "provider": "clearpath-imaging", "member": alex, "quantity": 1, "purpose": "screening"}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "purpose")),
        (400, vec!["purpose.not_applicable".to_string()])
    );
}

#[tokio::test]
async fn a_birth_is_priced_as_a_bundle_and_out_of_network_totals_include_the_balance_bill() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, h) = s.get(&c, "/api/v1/plans").await;
    let sam = h["household"][1]["id"].as_i64().unwrap();
    let (status, e) = s
        .post(
            &c,
            "/api/v1/estimate",
            json!({"service": "59400", "provider": "evergreen-regional", "member": sam, "quantity": 1}),
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let parts = e["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 5);
    let allowed: i64 = parts.iter().map(|p| cents(&p["allowed"])).sum();
    assert_eq!(allowed, cents(&e["priced"]["amounts"]["allowed"]));
    assert!(parts.iter().any(|p| p["newborn"] == true));
    assert!(
        cents(&e["priced"]["newborn"]["member_owes"]) > 0,
        "the baby's own deductible"
    );
    assert!(!e["not_included"].as_array().unwrap().is_empty());
    assert!(e["notes"].to_string().contains("No Surprises Act"));
    assert!(e["notes"].to_string().contains("add your baby"));
    // Out of network: the total adds what the provider may bill above the allowed amount.
    let (_, o) = s
        .post(
            &c,
            "/api/v1/estimate",
            json!({"service": "73721", "provider": "st-anne", "member": sam, "quantity": 1}),
        )
        .await;
    assert_eq!(
        cents(&o["total"]),
        cents(&o["priced"]["amounts"]["member_owes"]) + cents(&o["priced"]["balance_bill"])
    );
    assert_eq!(cents(&o["priced"]["balance_bill"]), 237_500 - 80_750);
}
