//! The provider directory (issue 14) over HTTP: every search option, each
//! bad input (400 naming the parameter), distances, networks per plan, one
//! listing in full, and 20 concurrent searches.

use crate::common;
use crate::common::TestServer;
use serde_json::Value;

async fn server() -> TestServer {
    TestServer::start_with(|c| c.demo_directory = true).await
}

async fn search(s: &TestServer, c: &reqwest::Client, query: &str) -> Value {
    let (status, body) = s
        .get(c, &format!("/api/v1/directory/providers?{query}"))
        .await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

fn providers(v: &Value) -> Vec<Value> {
    v["providers"].as_array().cloned().unwrap_or_default()
}

/// Every listing of every page of a search.
async fn all_pages(s: &TestServer, c: &reqwest::Client, query: &str) -> Vec<Value> {
    let first = search(s, c, query).await;
    let total = first["total"].as_u64().unwrap_or(0);
    let mut out = providers(&first);
    let mut page = 2;
    while (out.len() as u64) < total {
        let next = search(s, c, &format!("{query}&page={page}")).await;
        let more = providers(&next);
        assert!(!more.is_empty(), "page {page} of {query} is empty");
        out.extend(more);
        page += 1;
    }
    assert_eq!(out.len() as u64, total);
    out
}

#[tokio::test]
async fn needs_a_member_session() {
    let s = server().await;
    let (status, body) = s
        .get(&s.client(), "/api/v1/directory/providers?q=pediatrician")
        .await;
    assert_eq!(status, 401, "{body}");
    let (status, _) = s.get(&s.client(), "/api/v1/directory/providers/1").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn each_bad_option_is_400_naming_it() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let cases: &[(&str, &str, &str)] = &[
        ("zip=9810", "zip", "zip.invalid"),
        ("zip=10001", "zip", "zip.outside_area"),
        ("within=0", "within", "within.invalid"),
        ("within=500", "within", "within.invalid"),
        ("plan=NO-SUCH-PLAN", "plan", "plan.unknown"),
        ("plan=%3Cscript%3E", "plan", "plan.invalid"),
        ("network=out", "network", "network.invalid"),
        ("accepting=yes", "accepting", "accepting.invalid"),
        ("virtual=maybe", "virtual", "virtual.invalid"),
        ("language=klingon", "language", "language.invalid"),
        ("gender=x", "gender", "gender.invalid"),
        ("access=ramp", "access", "access.invalid"),
        ("page=0", "page", "page.invalid"),
        ("sort=name", "sort", "param.unknown"),
        ("q=a&q=b", "q", "param.repeated"),
    ];
    for (query, param, code) in cases {
        let r = c
            .get(s.url(&format!("/api/v1/directory/providers?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{query}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{query}"
        );
        let body: Value = r.json().await.unwrap();
        assert_eq!(
            common::field_codes(&body, param),
            vec![code.to_string()],
            "{query}: {body}"
        );
    }
    let (status, _) = s.get(&c, "/api/v1/directory/providers/999999").await;
    assert_eq!(status, 404);
    let (status, _) = s.get(&c, "/api/v1/directory/providers/abc").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn words_place_language_and_distance() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    // Spanish-speaking pediatric care within 10 miles of 98103, in network.
    let found = all_pages(&s, &c, "q=pediatrician&zip=98103&within=10&language=es").await;
    assert!(found.len() >= 2, "{}", found.len());
    let mut last = 0;
    for p in &found {
        assert_eq!(p["taxonomy"], "208000000X", "{p}");
        assert!(p["languages"].as_array().unwrap().iter().any(|l| l == "es"));
        assert_eq!(p["network"]["status"], "in_network", "{p}");
        let d = p["location"]["distance_tenths"].as_u64().unwrap();
        assert!(d <= 100, "{p}");
        assert!(d >= last, "sorted by distance");
        last = d;
        // The listing's page measures from the member's home ZIP (also
        // 98103): its nearest location is the distance the search gave.
        let (_, detail) = s
            .get(&c, &format!("/api/v1/directory/providers/{}", p["id"]))
            .await;
        assert_eq!(detail["npi"], p["npi"]);
        let nearest = detail["locations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l["distance_tenths"].as_u64())
            .min();
        assert_eq!(nearest, Some(d), "{detail}");
    }
    let plain = search(&s, &c, "q=pediatrician&zip=98103&within=10").await;
    assert!(plain["total"].as_u64().unwrap() > found.len() as u64);
    assert_eq!(plain["specialties"][0], "Pediatrics");
    assert_eq!(plain["near"]["zip"], "98103");
    assert_eq!(plain["near"]["city"], "Seattle");
    assert_eq!(plain["near"]["home"], false);
    // A wider radius finds at least as many; a smaller one no more.
    let wide = search(&s, &c, "q=pediatrician&zip=98103&within=50").await;
    let narrow = search(&s, &c, "q=pediatrician&zip=98103&within=1").await;
    assert!(wide["total"].as_u64() >= plain["total"].as_u64());
    assert!(narrow["total"].as_u64() <= plain["total"].as_u64());
    // Without a ZIP, distances start at the household's home ZIP.
    let home = search(&s, &c, "q=pediatrician").await;
    assert_eq!(home["near"]["zip"], "98103");
    assert_eq!(home["near"]["home"], true);
    assert_eq!(home["total"], plain["total"]);
}

#[tokio::test]
async fn each_filter_narrows_to_what_it_says() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let base = "q=primary%20care&zip=98101&within=25";
    let total = |v: &Value| v["total"].as_u64().unwrap();
    let everyone = search(&s, &c, base).await;
    for (extra, check) in [
        ("accepting=true", "accepting_new"),
        ("virtual=true", "virtual_visits"),
    ] {
        let v = search(&s, &c, &format!("{base}&{extra}")).await;
        assert!(total(&v) > 0 && total(&v) < total(&everyone), "{extra}");
        assert!(providers(&v).iter().all(|p| p[check] == true), "{extra}");
    }
    let ko = search(&s, &c, &format!("{base}&language=ko")).await;
    assert!(total(&ko) > 0);
    assert!(providers(&ko).iter().all(|p| p["languages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "ko")));
    let asl = search(&s, &c, "q=primary%20care&zip=98101&within=100&access=asl").await;
    assert!(total(&asl) > 0);
    assert!(providers(&asl).iter().all(|p| p["location"]["access"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "asl")));
    // Gender: every listing found is that gender (the detail says so).
    let women = search(&s, &c, &format!("{base}&gender=female")).await;
    assert!(total(&women) > 0);
    for p in providers(&women).iter().take(5) {
        let (_, d) = s
            .get(&c, &format!("/api/v1/directory/providers/{}", p["id"]))
            .await;
        assert_eq!(d["gender"], "female", "{d}");
    }
    // A name: every word must be in it, and what it names comes first.
    let named = search(&s, &c, "q=Cedar%20Family&within=100").await;
    assert_eq!(providers(&named)[0]["name"], "Cedar Family Medicine");
    let named = search(&s, &c, "q=cedar%20family%20medicine&within=100").await;
    assert_eq!(providers(&named)[0]["name"], "Cedar Family Medicine");
    assert!(total(&named) > 1, "and the other family doctors");
    // Nothing at all: an empty page, not an error.
    let none = search(&s, &c, "q=zzzzqqq").await;
    assert_eq!(total(&none), 0);
    assert!(providers(&none).is_empty());
}

#[tokio::test]
async fn networks_per_plan() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    // In network only (the default) leaves out the out-of-network listings
    // the claims show as out of network; "any" shows them with their status.
    let derm = all_pages(&s, &c, "q=Summit%20Dermatology&within=100").await;
    assert!(!derm.is_empty(), "other dermatologists, in network");
    assert!(derm.iter().all(|p| p["network"]["status"] == "in_network"));
    assert!(!derm.iter().any(|p| p["name"] == "Summit Dermatology"));
    let any = all_pages(&s, &c, "q=Summit%20Dermatology&within=100&network=any").await;
    let summit = any
        .iter()
        .find(|p| p["name"] == "Summit Dermatology")
        .expect("listed with network=any");
    let derm = search(&s, &c, "q=Summit%20Dermatology&within=100&network=any").await;
    assert_eq!(summit["network"]["status"], "out_of_network");
    assert_eq!(derm["plan"]["plan_id"], "EVG-SLV-PPO-2026");
    assert_eq!(derm["plan"]["network"], "Evergreen Choice");
    assert_eq!(derm["plan"]["current"], true);
    // The narrower network of the 2027 HMO has fewer listings.
    let ppo = search(&s, &c, "within=100").await;
    let hmo = search(&s, &c, "within=100&plan=EVG-PLT-HMO-2027").await;
    assert_eq!(hmo["plan"]["network"], "Evergreen Select");
    assert_eq!(hmo["plan"]["current"], false);
    assert!(hmo["total"].as_u64() < ppo["total"].as_u64());
    assert!(hmo["total"].as_u64().unwrap() > 100);
    // A listing's page gives its standing in every plan's network, the
    // household's first.
    let (_, detail) = s
        .get(&c, &format!("/api/v1/directory/providers/{}", summit["id"]))
        .await;
    let nets = detail["networks"].as_array().unwrap();
    assert_eq!(nets[0]["plan"]["plan_id"], "EVG-SLV-PPO-2026");
    assert!(nets
        .iter()
        .all(|n| n["status"]["status"] == "out_of_network"));
    assert_eq!(nets.len(), 6);
    let cedar = all_pages(&s, &c, "q=Cedar%20Family%20Medicine&within=100").await;
    let cedar = cedar
        .iter()
        .find(|p| p["name"] == "Cedar Family Medicine")
        .expect("Cedar Family Medicine");
    assert_eq!(cedar["npi"], "1245783018", "the claims' NPI");
    let (_, detail) = s
        .get(&c, &format!("/api/v1/directory/providers/{}", cedar["id"]))
        .await;
    assert_eq!(detail["estimator_id"], "cedar-family");
    assert!(detail["networks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["status"]["status"] == "in_network"));
    assert!(detail["verified_on"].as_str().unwrap() >= "2026-09-01");
}

#[tokio::test]
async fn twenty_concurrent_searches_agree() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let want = search(&s, &c, "q=therapist&zip=98122&within=25&virtual=true").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let c = c.clone();
        let url = s.url("/api/v1/directory/providers?q=therapist&zip=98122&within=25&virtual=true");
        tasks.push(tokio::spawn(async move {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), 200);
            r.json::<Value>().await.unwrap()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), want);
    }
}

#[tokio::test]
async fn the_households_providers_against_each_plan() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let (status, v) = s.get(&c, "/api/v1/plans/my-providers").await;
    assert_eq!(status, 200, "{v}");
    let plans = v["plans"].as_array().unwrap();
    assert_eq!(plans[0]["plan_id"], "EVG-SLV-PPO-2026");
    assert_eq!(plans[0]["current"], true);
    assert_eq!(plans.len(), 6);
    let providers = v["providers"].as_array().unwrap();
    // Primary care providers first, found in the directory by name.
    assert_eq!(providers[0]["primary_care"], true);
    assert!(providers[0]["listing_id"].is_i64(), "{}", providers[0]);
    let find = |name: &str| {
        providers
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {v}"))
    };
    // Each status is the directory's for that plan's network.
    let summit = find("Summit Dermatology");
    assert!(summit["statuses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|st| st["status"] == "out_of_network"));
    let ortho = find("Lakeside Orthopedics");
    let st = ortho["statuses"].as_array().unwrap();
    assert_eq!(st.len(), 6);
    assert_eq!(st[0]["status"], "in_network");
    assert_eq!(st[0]["tier"], 2);
    let cedar = find("Cedar Family Medicine");
    let (_, detail) = s
        .get(
            &c,
            &format!("/api/v1/directory/providers/{}", cedar["listing_id"]),
        )
        .await;
    for (i, standing) in detail["networks"].as_array().unwrap().iter().enumerate() {
        assert_eq!(standing["plan"]["plan_id"], plans[i]["plan_id"]);
        assert_eq!(standing["status"], cedar["statuses"][i]);
    }
    // Only the members the family rule lets the caller see (the coverage
    // answer's household) are named.
    let all: Vec<String> = providers
        .iter()
        .flat_map(|p| p["people"].as_array().unwrap().clone())
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    assert!(!all.is_empty());
    let (_, me) = s.get(&c, "/api/v1/coverage").await;
    let names: Vec<String> = me["household"]
        .as_array()
        .map(|h| {
            h.iter()
                .map(|m| m["first_name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    for n in &all {
        assert!(
            names.contains(n),
            "{n} is not someone member1 may see: {names:?}"
        );
    }
}

#[tokio::test]
async fn a_wrong_listing_is_reported_answered_and_under_review_until_then() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let found = search(&s, &c, "q=Northside%20Pediatrics&within=100").await;
    let id = providers(&found)[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/directory/providers/{id}/reports");
    // Bad input: beside the field, nothing written.
    let (st, bad) = s
        .post(
            &c,
            &path,
            serde_json::json!({"problem": "other", "details": "  "}),
        )
        .await;
    assert_eq!(st, 400, "{bad}");
    assert_eq!(
        common::field_codes(&bad, "details"),
        vec!["details.required"]
    );
    let (st, _) = s
        .post(&c, &path, serde_json::json!({"problem": "haunted"}))
        .await;
    assert_eq!(st, 422, "not one of the problems: the body does not parse");
    let (st, _) = s
        .post(
            &c,
            "/api/v1/directory/providers/999999/reports",
            serde_json::json!({"problem": "phone"}),
        )
        .await;
    assert_eq!(st, 404);
    let (_, before) = s
        .get(&c, &format!("/api/v1/directory/providers/{id}"))
        .await;
    assert!(before["under_review_since"].is_null());

    // The report: a reference, an answer by the next business day
    // (2026-12-01, the tests' today, is a Tuesday).
    let (st, receipt) = s
        .post(
            &c,
            &path,
            serde_json::json!({"problem": "phone", "details": "The number rings a fax machine."}),
        )
        .await;
    assert_eq!(st, 201, "{receipt}");
    let reference = receipt["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("MSG-2026-"), "{reference}");
    let today: chrono::NaiveDate = portal_server::config::Config::TEST_TODAY.parse().unwrap();
    let next = portal_domain::billing::business_days::add_business_days(today, 1);
    assert!(next > today && next <= today + chrono::Duration::days(4));
    assert_eq!(receipt["answer_by"], next.to_string());
    let (_, after) = s
        .get(&c, &format!("/api/v1/directory/providers/{id}"))
        .await;
    assert_eq!(
        after["under_review_since"].as_str().map(|d| d.len()),
        Some(10)
    );
    // Once only while open.
    let (st, again) = s
        .post(&c, &path, serde_json::json!({"problem": "address"}))
        .await;
    assert_eq!(st, 409, "{again}");
    assert_eq!(again["type"], "/problems/report-open");
    assert!(again["detail"].as_str().unwrap().contains(&reference));
    // It is in the member's messages, and in the support inbox under its topic.
    let (_, mine) = s.get(&c, "/api/v1/messages").await;
    let thread = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["reference"] == reference.as_str())
        .unwrap_or_else(|| panic!("{mine}"))
        .clone();
    assert_eq!(thread["topic"], "directory");
    let desk = crate::messages_http::staff(&s, "support1", 0).await;
    let (st, inbox) = s
        .get(&desk, "/api/v1/support/threads?topic=directory")
        .await;
    assert_eq!(st, 200, "{inbox}");
    let listed = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["reference"] == reference.as_str());
    assert!(listed, "{inbox}");
    let (_, full) = s
        .get(&desk, &format!("/api/v1/support/threads/{}", thread["id"]))
        .await;
    let text = full.to_string();
    assert!(text.contains("The number rings a fax machine."), "{text}");
    assert!(text.contains("Northside Pediatrics"), "{text}");
    // Member services closes it: no longer under review, and a new report
    // may be made.
    let (st, _) = s
        .post(
            &desk,
            &format!("/api/v1/support/threads/{}/close", thread["id"]),
            serde_json::json!({}),
        )
        .await;
    assert!(st == 200 || st == 204, "{st}");
    let (_, closed) = s
        .get(&c, &format!("/api/v1/directory/providers/{id}"))
        .await;
    assert!(closed["under_review_since"].is_null(), "{closed}");
}

/// The first listing of a search that is a clinician (not a practice).
async fn first_clinician(s: &TestServer, c: &reqwest::Client, query: &str) -> Value {
    all_pages(s, c, query)
        .await
        .into_iter()
        .find(|p| p["kind"] == "practitioner")
        .unwrap_or_else(|| panic!("a clinician for {query}"))
}

#[tokio::test]
async fn choosing_a_primary_care_provider() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let (_, me) = s.get(&c, "/api/v1/coverage").await;
    let id_of = |name: &str| {
        me["household"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["first_name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (alex, jordan, riley) = (id_of("Alex"), id_of("Jordan"), id_of("Riley"));
    let doc = first_clinician(&s, &c, "q=family%20medicine&accepting=true&within=25").await;
    let (_, detail) = s
        .get(&c, &format!("/api/v1/directory/providers/{}", doc["id"]))
        .await;
    // Whom the caller may choose for: themselves and the children under 18
    // (Riley, 11), not another adult (Jordan; Casey is 19).
    let choices = detail["pcp_choices"].as_array().unwrap();
    let who: Vec<i64> = choices
        .iter()
        .map(|c| c["member_id"].as_i64().unwrap())
        .collect();
    assert!(who.contains(&alex) && who.contains(&riley), "{choices:?}");
    assert!(!who.contains(&jordan));
    assert!(
        choices.iter().all(|c| c["refusal"].is_null()),
        "{choices:?}"
    );

    // The choice takes effect on the first of next month.
    let path = format!("/api/v1/members/{alex}/pcp");
    let (st, change) = s
        .post(&c, &path, serde_json::json!({"listing_id": doc["id"]}))
        .await;
    assert_eq!(st, 201, "{change}");
    let today: chrono::NaiveDate = portal_server::config::Config::TEST_TODAY.parse().unwrap();
    let first = portal_domain::care::pcp::effective(today);
    assert_eq!(change["effective"], first.to_string());
    assert_eq!(change["name"], doc["name"]);
    // Dashboard and ID card: today's PCP, and the new one from that day.
    let (_, dash) = s.get(&c, "/api/v1/dashboard").await;
    let mine = dash["covered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == alex)
        .unwrap()
        .clone();
    assert!(
        mine["pcp"]["name"]
            .as_str()
            .unwrap()
            .starts_with("Dr. Maya Ellison"),
        "{mine}"
    );
    assert_eq!(mine["pcp_change"]["name"], doc["name"]);
    assert_eq!(mine["pcp_change"]["effective"], first.to_string());
    let (_, cov) = s.get(&c, "/api/v1/coverage").await;
    assert_eq!(cov["card"]["pcp_change"]["name"], doc["name"], "{cov}");
    let pdf = c
        .get(s.url(&format!("/api/v1/members/{alex}/card.pdf")))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(
        String::from_utf8_lossy(&pdf).contains("Dr. Maya Ellison"),
        "today's PCP on the card"
    );
    // The listing now says it is chosen, from that day.
    let (_, detail) = s
        .get(&c, &format!("/api/v1/directory/providers/{}", doc["id"]))
        .await;
    let mine = detail["pcp_choices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["member_id"] == alex)
        .unwrap()
        .clone();
    assert_eq!(mine["chosen_from"], first.to_string());
    // A second choice replaces the first (one change to come).
    let other = all_pages(&s, &c, "q=internal%20medicine&accepting=true&within=25")
        .await
        .into_iter()
        .find(|p| p["kind"] == "practitioner" && p["id"] != doc["id"])
        .unwrap();
    let (st, _) = s
        .post(&c, &path, serde_json::json!({"listing_id": other["id"]}))
        .await;
    assert_eq!(st, 201);
    let (_, dash) = s.get(&c, "/api/v1/dashboard").await;
    let mine = dash["covered"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == alex)
        .unwrap()
        .clone();
    assert_eq!(mine["pcp_change"]["name"], other["name"]);

    // Refusals, each naming the listing and why.
    let refused = |body: &Value| common::field_codes(body, "listing_id");
    let cardio = first_clinician(&s, &c, "q=cardiologist&within=50").await;
    let (st, body) = s
        .post(&c, &path, serde_json::json!({"listing_id": cardio["id"]}))
        .await;
    assert_eq!(st, 400);
    assert_eq!(refused(&body), vec!["pcp.not_primary_care"]);
    let peds = first_clinician(&s, &c, "q=pediatrician&accepting=true&within=25").await;
    let (st, body) = s
        .post(&c, &path, serde_json::json!({"listing_id": peds["id"]}))
        .await;
    assert_eq!(st, 400);
    assert_eq!(refused(&body), vec!["pcp.too_old"]);
    // ...which is fine for Riley.
    let (st, body) = s
        .post(
            &c,
            &format!("/api/v1/members/{riley}/pcp"),
            serde_json::json!({"listing_id": peds["id"]}),
        )
        .await;
    assert_eq!(st, 201, "{body}");
    let outside = all_pages(&s, &c, "q=family%20medicine&within=100&network=any")
        .await
        .into_iter()
        .find(|p| p["kind"] == "practitioner" && p["network"]["status"] == "out_of_network")
        .unwrap();
    let (st, body) = s
        .post(&c, &path, serde_json::json!({"listing_id": outside["id"]}))
        .await;
    assert_eq!(st, 400);
    assert_eq!(refused(&body), vec!["pcp.out_of_network"]);
    let (st, body) = s
        .post(&c, &path, serde_json::json!({"listing_id": 999_999}))
        .await;
    assert_eq!(st, 400);
    assert_eq!(refused(&body), vec!["listing_id.unknown"]);
    // Another adult chooses their own; someone outside the household is not found.
    let (st, _) = s
        .post(
            &c,
            &format!("/api/v1/members/{jordan}/pcp"),
            serde_json::json!({"listing_id": doc["id"]}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, _) = s
        .post(
            &c,
            "/api/v1/members/999999/pcp",
            serde_json::json!({"listing_id": doc["id"]}),
        )
        .await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn a_record_of_what_the_listing_said() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let found = search(&s, &c, "q=Lakeside%20Orthopedics&within=100").await;
    let id = providers(&found)[0]["id"].as_i64().unwrap();
    let (st, rec) = s
        .post(
            &c,
            &format!("/api/v1/directory/providers/{id}/records"),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(st, 201, "{rec}");
    let reference = rec["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("DIR-2026-"), "{reference}");
    let href = rec["pdf_href"].as_str().unwrap().to_string();
    let r = c.get(s.url(&href)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let bytes = r.bytes().await.unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Lakeside Orthopedics",
        reference.as_str(),
        "Evergreen Silver PPO 2026",
        "In network (Evergreen Choice)",
        "No Surprises Act",
    ] {
        assert!(flat.contains(want), "{want} in {flat}");
    }
    // Nobody else's.
    let other = s.signed_in("member2").await;
    let r = other.get(s.url(&href)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let r = c
        .get(s.url("/api/v1/directory/records/DIR-2026-999999.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
