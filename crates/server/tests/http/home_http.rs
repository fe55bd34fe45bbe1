//! The member's home over HTTP: the aggregate dashboard (figures equal the
//! claims list), family privacy by consent, alerts and their read state,
//! notification preferences, sharing, and the ID card PDF.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::{json, Value};

async fn all_claims(s: &TestServer, c: &reqwest::Client, query: &str) -> (Vec<Value>, Value) {
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let (status, body) = s
            .get(
                c,
                &format!("/api/v1/claims?{query}&page_size=100&page={page}"),
            )
            .await;
        assert_eq!(status, 200, "{query}: {body}");
        items.extend(body["items"].as_array().unwrap().clone());
        if items.len() >= body["total"].as_u64().unwrap() as usize {
            return (items, body["totals"].clone());
        }
        page += 1;
    }
}

async fn put(s: &TestServer, c: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    let r = c.put(s.url(path)).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn names(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m[field].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn dashboard_figures_equal_the_claims_list() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, all) = s.get(&c, "/api/v1/dashboard").await;
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["plan"]["name"], "Evergreen Silver PPO 2026");
    assert_eq!(
        names(&all["covered"], "first_name"),
        ["Alex", "Jordan", "Casey", "Riley"]
    );
    assert_eq!(all["hidden"], json!([]));
    assert_eq!(all["recent"].as_array().unwrap().len(), 5);
    assert_eq!(all["spending"]["months"].as_array().unwrap().len(), 12);
    for scope in ["all", "1", "2", "3", "4"] {
        let (_, d) = s
            .get(&c, &format!("/api/v1/dashboard?member={scope}"))
            .await;
        let member = if scope == "all" {
            String::new()
        } else {
            format!("member={scope}")
        };
        let (items, totals) = all_claims(&s, &c, &format!("range=this_year&{member}")).await;
        assert_eq!(
            d["totals"]["claims"].as_u64().unwrap() as usize,
            items.len(),
            "{scope}"
        );
        for field in ["deductible", "member_owes", "not_covered"] {
            assert_eq!(d["totals"][field], totals[field], "{scope} {field}");
        }
        // individual progress: deductible met in + out of network = the claims' deductible
        if scope != "all" {
            let p = &d["progress"][0];
            let met = p["in_network"]["deductible_met"].as_i64().unwrap()
                + p["out_of_network"]["deductible_met"].as_i64().unwrap();
            assert_eq!(met, totals["deductible"].as_i64().unwrap(), "{scope}");
            assert_eq!(d["progress"].as_array().unwrap().len(), 1);
        }
        // spending by month = by category, per person
        for p in d["spending"]["people"].as_array().unwrap() {
            let m: i64 = p["by_month"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_i64().unwrap())
                .sum();
            let k: i64 = p["by_category"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["amount"].as_i64().unwrap())
                .sum();
            assert_eq!(m, k);
        }
        // the recent claims are the claims list's newest
        let (_, newest) = s
            .get(
                &c,
                &format!("/api/v1/claims?sort=date&dir=desc&page_size=5&{member}"),
            )
            .await;
        let recent: Vec<i64> = d["recent"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(recent.len(), 5);
        for r in &d["attention"].as_array().unwrap()[..] {
            assert!(["denied", "under_appeal"].contains(&r["status"].as_str().unwrap()));
        }
        assert_eq!(newest["items"].as_array().unwrap().len(), 5);
    }
    // the plans page's accumulators agree
    let (_, acc) = s.get(&c, "/api/v1/accumulators").await;
    let (_, one) = s.get(&c, "/api/v1/dashboard?member=4").await;
    let riley = acc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["member"] == 4)
        .unwrap();
    assert_eq!(riley["in_network"], one["progress"][0]["in_network"]);
    // scopes outside what the caller may see are refused
    for bad in ["5", "x", "0", "999"] {
        let (status, p) = s.get(&c, &format!("/api/v1/dashboard?member={bad}")).await;
        assert_eq!(
            (status, field_codes(&p, "member")),
            (400, vec!["member.invalid".to_string()]),
            "{bad}"
        );
    }
    let (status, _) = s.get(&c, "/api/v1/dashboard?who=1").await;
    assert_eq!(status, 400);
    assert_eq!(s.get(&s.client(), "/api/v1/dashboard").await.0, 401);
}

#[tokio::test]
async fn adult_dependents_and_spouses_need_consent() {
    let s = TestServer::start().await;
    let dana = s.signed_in("family1").await;
    let (_, d) = s.get(&dana, "/api/v1/dashboard").await;
    assert_eq!(names(&d["covered"], "first_name"), ["Dana", "Milo"]);
    let reasons: Vec<&str> = d["hidden"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["spouse", "adult_dependent"]);
    assert!(
        !d.to_string().contains("Reese") && !d.to_string().contains("Kim"),
        "no names of hidden people"
    );
    let (_, cov) = s.get(&dana, "/api/v1/coverage").await;
    assert_eq!(names(&cov["household"], "first_name"), ["Dana", "Milo"]);
    let reese_id = 0; // found through Reese's own account
    let reese = s.signed_in("family2").await;
    let (_, me) = s.get(&reese, "/api/v1/me").await;
    let reese_id = reese_id + me["member"]["id"].as_i64().unwrap();
    let (_, own) = s.get(&reese, "/api/v1/dashboard").await;
    assert_eq!(names(&own["covered"], "first_name"), ["Reese"]);
    // hidden everywhere: claims, claim detail, card, PDF, scope, estimator, accumulators
    let (reese_claims, _) = all_claims(&s, &reese, "").await;
    assert!(!reese_claims.is_empty());
    let (dana_claims, _) = all_claims(&s, &dana, "").await;
    assert!(dana_claims
        .iter()
        .all(|c| c["patient_name"] != "Reese Chen"));
    let one = reese_claims[0]["id"].as_i64().unwrap();
    assert_eq!(s.get(&dana, &format!("/api/v1/claims/{one}")).await.0, 404);
    assert_eq!(
        s.get(&dana, &format!("/api/v1/members/{reese_id}/card"))
            .await
            .0,
        404
    );
    assert_eq!(
        dana.get(s.url(&format!("/api/v1/members/{reese_id}/card.pdf")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        s.get(&dana, &format!("/api/v1/dashboard?member={reese_id}"))
            .await
            .0,
        400
    );
    assert_eq!(
        s.get(&dana, &format!("/api/v1/claims?member={reese_id}"))
            .await
            .0,
        400
    );
    let (_, acc) = s.get(&dana, "/api/v1/accumulators").await;
    assert_eq!(names(&acc["people"], "first_name"), ["Dana", "Milo"]);

    // Reese shares with Dana: visible; withdraws: hidden again
    let (_, sharing) = s.get(&reese, "/api/v1/family/sharing").await;
    let dana_id = d["viewer"].as_i64().unwrap();
    assert!(sharing["people"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["member"] == dana_id && p["shared"] == false));
    let (status, after) = put(
        &s,
        &reese,
        "/api/v1/family/sharing",
        json!({"member": dana_id, "share": true}),
    )
    .await;
    assert_eq!(status, 200, "{after}");
    let (_, d) = s.get(&dana, "/api/v1/dashboard").await;
    assert_eq!(
        names(&d["covered"], "first_name"),
        ["Dana", "Reese", "Milo"]
    );
    assert_eq!(s.get(&dana, &format!("/api/v1/claims/{one}")).await.0, 200);
    assert_eq!(
        s.get(&dana, &format!("/api/v1/members/{reese_id}/card"))
            .await
            .0,
        200
    );
    // sharing is one way: Dana's claims stay hidden from Reese
    let (still, _) = all_claims(&s, &reese, "").await;
    assert!(still.iter().all(|c| c["patient_name"] == "Reese Chen"));
    put(
        &s,
        &reese,
        "/api/v1/family/sharing",
        json!({"member": dana_id, "share": false}),
    )
    .await;
    let (_, d) = s.get(&dana, "/api/v1/dashboard").await;
    assert_eq!(names(&d["covered"], "first_name"), ["Dana", "Milo"]);
    // nobody outside the household, and not a minor's consent
    let (status, p) = put(
        &s,
        &reese,
        "/api/v1/family/sharing",
        json!({"member": 1, "share": true}),
    )
    .await;
    assert_eq!(
        (status, field_codes(&p, "member")),
        (400, vec!["member.invalid".to_string()])
    );
    // Rivera: Jamie (23) has not consented, Taylor (spouse) has
    let sam = s.signed_in("member2").await;
    let (_, d) = s.get(&sam, "/api/v1/dashboard").await;
    assert_eq!(names(&d["covered"], "first_name"), ["Sam", "Taylor"]);
    assert_eq!(d["hidden"][0]["reason"], "adult_dependent");
}

async fn alerts(s: &TestServer, c: &reqwest::Client) -> Vec<Value> {
    let (status, list) = s.get(c, "/api/v1/alerts").await;
    assert_eq!(status, 200, "{list}");
    list["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn alerts_for_the_demo_data_and_their_read_state() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let items = alerts(&s, &c).await;
    let kinds: Vec<&str> = items.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    for kind in [
        "premium_due",
        "claim_denied",
        "claim_needs_info",
        "preventive_care",
        "open_enrollment",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let premium = items
        .iter()
        .find(|a| a["kind"] == "premium_due" && a["severity"] == "urgent")
        .expect("overdue premium");
    assert!(premium["title"].as_str().unwrap().contains("overdue"));
    let denied = items.iter().find(|a| a["kind"] == "claim_denied").unwrap();
    let claim_id: i64 = denied["link"]
        .as_str()
        .unwrap()
        .trim_start_matches("/claims/")
        .parse()
        .unwrap();
    let (_, claim) = s.get(&c, &format!("/api/v1/claims/{claim_id}")).await;
    assert!(denied["message"]
        .as_str()
        .unwrap()
        .contains(claim["denial_reason"].as_str().unwrap()));
    let info = items
        .iter()
        .find(|a| a["kind"] == "claim_needs_info")
        .unwrap();
    assert!(info["link"].as_str().unwrap().starts_with("/claims/"));
    // read state: per user, counted, reversible
    let (_, count) = s.get(&c, "/api/v1/alerts/count").await;
    let unread = count["unread"].as_u64().unwrap();
    assert_eq!(unread as usize, items.len());
    let key = items[0]["key"].clone();
    let (status, after) = s
        .post(&c, "/api/v1/alerts/read", json!({"keys": [key]}))
        .await;
    assert_eq!(
        (status, after["unread"].as_u64().unwrap()),
        (200, unread - 1)
    );
    let again = alerts(&s, &c).await;
    assert_eq!(
        again.iter().find(|a| a["key"] == key).unwrap()["read"],
        true
    );
    // another session of the same user sees it read; the dashboard agrees
    let c2 = s.signed_in("member1").await;
    assert_eq!(
        s.get(&c2, "/api/v1/alerts/count").await.1["unread"]
            .as_u64()
            .unwrap(),
        unread - 1
    );
    assert_eq!(
        s.get(&c2, "/api/v1/dashboard").await.1["unread_alerts"]
            .as_u64()
            .unwrap(),
        unread - 1
    );
    let (_, back) = s
        .post(
            &c,
            "/api/v1/alerts/read",
            json!({"keys": [key], "read": false}),
        )
        .await;
    assert_eq!(back["unread"].as_u64().unwrap(), unread);
    for (body, code) in [
        (json!({"keys": []}), "keys.count"),
        (json!({"keys": ["premium:1999-01-01"]}), "keys.unknown"),
    ] {
        let (status, p) = s.post(&c, "/api/v1/alerts/read", body).await;
        assert_eq!(
            (status, field_codes(&p, "keys")),
            (400, vec![code.to_string()])
        );
    }
    // the Chens: Dana met the deductible and is near the out-of-pocket maximum
    let dana = s.signed_in("family1").await;
    let danas = alerts(&s, &dana).await;
    for kind in ["deductible_met", "oop_max_near"] {
        let a = danas
            .iter()
            .find(|a| a["kind"] == kind)
            .unwrap_or_else(|| panic!("{kind}"));
        assert!(a["link"].as_str().unwrap().starts_with("/?member="));
    }
    // a household member who is not the subscriber gets no premium alerts
    let jamie = s.signed_in("member3").await;
    assert!(alerts(&s, &jamie)
        .await
        .iter()
        .all(|a| a["kind"] != "premium_due"));
    // Sam (47, male): colonoscopy due, no mammogram; Taylor (45, female): mammogram
    let sam = s.signed_in("member2").await;
    let sam_id = s.get(&sam, "/api/v1/me").await.1["member"]["id"]
        .as_i64()
        .unwrap();
    let sams = alerts(&s, &sam).await;
    let of = |who: i64, service: &str| {
        sams.iter().any(|a| {
            a["key"]
                .as_str()
                .unwrap()
                .starts_with(&format!("preventive:{who}:{service}:"))
        })
    };
    assert!(of(sam_id, "colonoscopy"));
    assert!(!of(sam_id, "mammogram"));
    assert!(sams
        .iter()
        .any(|a| a["member"] != sam_id && a["key"].as_str().unwrap().contains(":mammogram:")));
}

#[tokio::test]
async fn notification_preferences_are_validated_and_stored() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, defaults) = s.get(&c, "/api/v1/notifications").await;
    assert_eq!(status, 200);
    assert_eq!(
        defaults["alerts"].as_array().unwrap().len(),
        12,
        "seven alert kinds, payment receipts and failures, message replies, a ready data download and virtual visit reminders"
    );
    assert!(defaults["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["portal"] == true && a["email"] == false));
    let body = |email: &str, phone: &str, by_email: bool, by_text: bool| {
        json!({"email": email, "phone": phone, "password": "Demo.Pass1", "alerts": [
            {"kind": "claim_denied", "email": by_email, "text": by_text, "portal": true},
            {"kind": "premium_due", "email": false, "text": false, "portal": false},
        ]})
    };
    let cases = [
        (body("", "", true, false), "email", "email.required"),
        (body("", "", false, true), "phone", "phone.required"),
        (body("alex@", "", false, false), "email", "email.format"),
        (body("", "555-0142", false, false), "phone", "phone.length"),
        (
            body("", "+44 20 7946 0958", false, false),
            "phone",
            "phone.us_only",
        ),
    ];
    for (b, field, code) in cases {
        let (status, p) = put(&s, &c, "/api/v1/notifications", b).await;
        assert_eq!(
            (status, field_codes(&p, field)),
            (400, vec![code.to_string()]),
            "{p}"
        );
    }
    let (status, saved) = put(
        &s,
        &c,
        "/api/v1/notifications",
        body("alex@example.com", "555.555.0142", true, true),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["phone"], "(555) 555-0142");
    let (_, again) = s.get(&c, "/api/v1/notifications").await;
    assert_eq!(again, saved);
    // one contact per account: the account settings show what was saved here
    let (_, account) = s.get(&c, "/api/v1/account").await;
    assert_eq!(
        (account["email"].clone(), account["phone"].clone()),
        (json!("alex@example.com"), json!("(555) 555-0142"))
    );
    let denied = again["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "claim_denied")
        .unwrap()
        .clone();
    assert_eq!(
        (denied["email"].clone(), denied["text"].clone()),
        (json!(true), json!(true))
    );
    // premium alerts turned off in the portal are not listed
    assert!(alerts(&s, &c)
        .await
        .iter()
        .all(|a| a["kind"] != "premium_due"));
    // another user's preferences are their own
    let sam = s.signed_in("member2").await;
    assert_eq!(
        s.get(&sam, "/api/v1/notifications").await.1["alerts"],
        defaults["alerts"]
    );
}

#[tokio::test]
async fn id_card_pdf_for_visible_members() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for id in 1..=4 {
        let r = c
            .get(s.url(&format!("/api/v1/members/{id}/card.pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let disposition = r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            disposition.starts_with("attachment; filename=\"id-card-0"),
            "{disposition}"
        );
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains(&format!("100200300*0{id}")),
            "member ID as printed"
        );
        assert!(text.contains("610014") && text.contains("GRP-204518"));
    }
    let other = c
        .get(s.url("/api/v1/members/5/card.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
}

/// One figure for what the household pays (issue 17): the dashboard's bill,
/// the premium alert and `/plans` agree on the amount and the tier.
#[tokio::test]
async fn premium_bill_is_the_plan_premium_for_the_household_tier() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, catalog) = s.get(&c, "/api/v1/plans").await;
    assert_eq!(status, 200, "{catalog}");
    let tier = catalog["tier"].as_str().unwrap();
    assert_eq!(tier, "family");
    let current = catalog["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == catalog["current_plan_id"])
        .unwrap();
    let monthly = current["premiums"][tier].as_i64().unwrap();
    assert_eq!(monthly, 56_000);

    let (_, d) = s.get(&c, "/api/v1/dashboard").await;
    assert_eq!(d["premium"]["amount"].as_i64().unwrap(), monthly, "{d}");
    assert_eq!(d["premium"]["tier"], tier);

    let items = alerts(&s, &c).await;
    for a in items.iter().filter(|a| a["kind"] == "premium_due") {
        let message = a["message"].as_str().unwrap();
        assert!(message.contains("$560.00 for family coverage"), "{message}");
    }
}
