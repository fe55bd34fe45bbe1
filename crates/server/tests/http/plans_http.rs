//! Plans, what-if, enrollment, accumulators and the estimator over HTTP.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn catalogue_lists_the_current_plan_first_and_five_next_year() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, body) = s.get(&c, "/api/v1/plans").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["tier"], "family");
    assert_eq!(body["current_plan_id"], "EVG-SLV-PPO-2026");
    let plans = ids(&body["plans"]);
    assert_eq!(plans.len(), 6);
    assert_eq!(plans[0], "EVG-SLV-PPO-2026");
    assert_eq!(body["household"].as_array().unwrap().len(), 4);
    assert_eq!(body["plans"][1]["premiums"]["family"], 32_000);
    // signed out: 401
    let (status, _) = s.get(&s.client(), "/api/v1/plans").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn comparison_marks_best_values_and_refuses_bad_ids() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, body) = s
        .get(
            &c,
            "/api/v1/plans/compare?ids=EVG-BRZ-HSA-2027,EVG-GLD-PPO-2027,EVG-PLT-HMO-2027",
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let row = |label: &str| {
        body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .unwrap()
            .clone()
    };
    let premium = row("Monthly premium (Family)");
    assert_eq!(premium["cells"][0]["text"], "$320.00");
    assert_eq!(premium["cells"][0]["best"], true);
    let ded = row("Deductible, individual");
    assert_eq!(ded["cells"][2]["text"], "$0.00");
    assert_eq!(ded["cells"][2]["best"], true);
    for (query, code) in [
        ("ids=EVG-BRZ-HSA-2027", "ids.count"),
        ("ids=EVG-BRZ-HSA-2027,NOPE", "plan.unknown"),
        ("ids=EVG-BRZ-HSA-2027,EVG-BRZ-HSA-2027", "plan.repeated"),
        ("ids=A,B,C,D,E", "ids.count"),
    ] {
        let (status, p) = s.get(&c, &format!("/api/v1/plans/compare?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(field_codes(&p, "ids"), vec![code], "{query}");
    }
    let (status, p) = s.get(&c, "/api/v1/plans/compare?ids=A,B&x=1").await;
    assert_eq!(
        (status, field_codes(&p, "x")),
        (400, vec!["param.unknown".to_string()])
    );
}

#[tokio::test]
async fn what_if_presets_custom_use_and_last_year() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let all = json!([
        "EVG-BRZ-HSA-2027",
        "EVG-SLV-PPO-2027",
        "EVG-GLD-PPO-2027",
        "EVG-PLT-HMO-2027",
        "EVG-SLV-EPO-2027"
    ]);
    let (status, body) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": all, "preset": "high"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let totals: Vec<(i64, bool)> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["total"].as_i64().unwrap(),
                r["cheapest"].as_bool().unwrap(),
            )
        })
        .collect();
    // the figures of demo::catalog's unit test
    assert_eq!(
        totals,
        vec![
            (1_784_000, false),
            (1_836_000, false),
            (1_831_000, false),
            (1_720_000, true),
            (1_840_000, false)
        ]
    );
    // custom use for one person (the others are added with no use)
    let (_, household) = s.get(&c, "/api/v1/plans").await;
    let alex = household["household"][0]["id"].as_i64().unwrap();
    let custom = json!({"people": [{"member": alex, "items": [
        {"benefit": "specialist", "count": 4}, {"benefit": "imaging", "count": 1},
        {"benefit": "generic_drug", "count": 12}, {"benefit": "maternity", "count": 1}]}]});
    let (status, body) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": ["EVG-GLD-PPO-2027"], "usage": custom}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["services"], 18);
    let r = &body["results"][0];
    assert_eq!(
        r["total"].as_i64().unwrap(),
        r["premiums"].as_i64().unwrap() + r["expected_oop"].as_i64().unwrap()
    );
    // bad input: 400 naming the field
    let bad = json!({"people": [{"member": alex, "items": [{"benefit": "lab", "count": -2}]}]});
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": ["EVG-GLD-PPO-2027"], "usage": bad}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        field_codes(&p, "people[0].items[0].count"),
        vec!["count.range"]
    );
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": ["NOPE"], "preset": "low"}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "plan_ids")),
        (400, vec!["plan.unknown".to_string()])
    );
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": ["EVG-GLD-PPO-2027"], "preset": "huge"}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "preset")),
        (400, vec!["preset.unknown".to_string()])
    );
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": ["EVG-GLD-PPO-2027"]}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "usage")),
        (400, vec!["usage.required".to_string()])
    );
    let (status, _) = s
        .post(&c, "/api/v1/plans/what-if", json!({"plan_ids": ["EVG-GLD-PPO-2027"], "usage": {"people": [{"member": alex, "items": [{"benefit": "teleport", "count": 1}]}]}}))
        .await;
    assert_eq!(
        status, 422,
        "a value of the wrong type: the extractor's problem"
    );
    // last year's claims
    let (status, body) = s
        .post(
            &c,
            "/api/v1/plans/what-if",
            json!({"plan_ids": all, "preset": "last_year"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["services"].as_u64().unwrap() > 20,
        "{}",
        body["services"]
    );
    let (status, used) = s.get(&c, "/api/v1/plans/last-year-use").await;
    assert_eq!(status, 200);
    let n: usize = used["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["items"].as_array().unwrap().len())
        .sum();
    assert_eq!(n as u64, body["services"].as_u64().unwrap());
}

#[tokio::test]
async fn plan_change_inside_the_window_is_stored_and_shown() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, e) = s.get(&c, "/api/v1/plans/change").await;
    assert_eq!(status, 200);
    assert_eq!(e["open"], true, "the demo has open enrollment on");
    assert!(e["pending"].is_null());
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": false}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "confirm")),
        (400, vec!["confirm.required".to_string()])
    );
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-SLV-PPO-2026", "confirm": true}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "plan_id")),
        (400, vec!["plan.current".to_string()])
    );
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "bogus", "confirm": true}),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "plan_id")),
        (400, vec!["plan.unknown".to_string()])
    );
    let (status, change) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": true}),
        )
        .await;
    assert_eq!(status, 201, "{change}");
    assert_eq!(change["effective"], e["effective"]);
    assert_eq!(change["reason"], "open_enrollment");
    let (_, cov) = s.get(&c, "/api/v1/coverage").await;
    assert_eq!(cov["next_plan"]["plan_id"], "EVG-GLD-PPO-2027");
    // a second change replaces the first
    let (status, _) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-PLT-HMO-2027", "confirm": true}),
        )
        .await;
    assert_eq!(status, 201);
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert_eq!(e["pending"]["plan_id"], "EVG-PLT-HMO-2027");
    // another household does not see it
    let other = s.signed_in("member2").await;
    let (_, cov) = s.get(&other, "/api/v1/coverage").await;
    assert!(cov["next_plan"].is_null());
}

#[tokio::test]
async fn plan_change_outside_the_window_needs_a_life_event() {
    let s = TestServer::start_with(|cfg| {
        cfg.enrollment_start = chrono::NaiveDate::from_ymd_opt(2020, 11, 1);
        cfg.enrollment_end = chrono::NaiveDate::from_ymd_opt(2020, 12, 15);
    })
    .await;
    let c = s.signed_in("member1").await;
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert_eq!(e["open"], false);
    let (status, p) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": true}),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(p["type"], "/problems/enrollment-closed");
    assert!(p["detail"].as_str().unwrap().contains("2020-11-01"));
    let today: chrono::NaiveDate = portal_server::config::Config::TEST_TODAY.parse().unwrap();
    let recent = (today - chrono::Duration::days(10)).to_string();
    let old = (today - chrono::Duration::days(90)).to_string();
    for (event, date, field, code) in [
        (
            "lottery",
            recent.as_str(),
            "life_event",
            "life_event.unknown",
        ),
        ("marriage", "yesterday", "event_date", "event_date.invalid"),
        ("marriage", old.as_str(), "event_date", "event_date.range"),
    ] {
        let (status, p) = s
            .post(&c, "/api/v1/plans/change", json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": true, "life_event": event, "event_date": date}))
            .await;
        assert_eq!(
            (status, field_codes(&p, field)),
            (400, vec![code.to_string()]),
            "{event} {date}"
        );
    }
    let (status, change) = s
        .post(&c, "/api/v1/plans/change", json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": true, "life_event": "birth", "event_date": recent}))
        .await;
    assert_eq!(status, 201, "{change}");
    assert_eq!(change["reason"], "birth");
}

#[tokio::test]
async fn accumulators_agree_with_the_claims_page() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, acc) = s.get(&c, "/api/v1/accumulators").await;
    assert_eq!(status, 200, "{acc}");
    let (_, page) = s
        .get(&c, "/api/v1/claims?range=this_year&page_size=1")
        .await;
    let t = &page["totals"];
    assert_eq!(acc["deductible_total"], t["deductible"]);
    assert_eq!(
        acc["oop_total"].as_i64().unwrap(),
        t["member_owes"].as_i64().unwrap() - t["not_covered"].as_i64().unwrap()
    );
    let people = acc["people"].as_array().unwrap();
    assert_eq!(people.len(), 4);
    let sum: i64 = people
        .iter()
        .map(|p| {
            p["in_network"]["deductible_met"].as_i64().unwrap()
                + p["out_of_network"]["deductible_met"].as_i64().unwrap()
        })
        .sum();
    assert_eq!(sum, acc["deductible_total"].as_i64().unwrap());
    assert_eq!(people[0]["in_network"]["deductible"], 150_000);
    for p in people {
        assert!(p["in_network"]["oop_met"].as_i64().unwrap() <= 500_000);
    }
}

#[tokio::test]
async fn estimator_searches_prices_and_validates() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, found) = s.get(&c, "/api/v1/estimate/services?q=knee%20mri").await;
    assert_eq!(status, 200);
    assert_eq!(found[0]["code"], "73721");
    assert_eq!(found[0]["prior_auth"], true);
    let (_, all) = s.get(&c, "/api/v1/estimate/services").await;
    assert_eq!(all.as_array().unwrap().len(), 70);
    let (status, p) = s
        .get(
            &c,
            &format!("/api/v1/estimate/services?q={}", "a".repeat(101)),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "q")),
        (400, vec!["q.too_long".to_string()])
    );
    let (status, providers) = s.get(&c, "/api/v1/estimate/providers?service=73721").await;
    assert_eq!(status, 200);
    assert_eq!(
        providers[0]["id"], "clearpath-imaging",
        "in network, cheapest first"
    );
    assert_eq!(
        providers.as_array().unwrap().last().unwrap()["network"],
        "out"
    );
    let (status, p) = s.get(&c, "/api/v1/estimate/providers?service=99999").await;
    assert_eq!(
        (status, field_codes(&p, "service")),
        (400, vec!["service.unknown".to_string()])
    );

    let (_, h) = s.get(&c, "/api/v1/plans").await;
    let riley = h["household"][3]["id"].as_i64().unwrap();
    let ask = |service: &str, provider: &str, member: i64, quantity: i64| json!({"service": service, "provider": provider, "member": member, "quantity": quantity});
    let (status, e) = s
        .post(
            &c,
            "/api/v1/estimate",
            ask("73721", "clearpath-imaging", riley, 1),
        )
        .await;
    assert_eq!(status, 200, "{e}");
    let a = &e["priced"]["amounts"];
    let part = |k: &str| a[k].as_i64().unwrap();
    assert_eq!(part("allowed"), 66_500);
    assert_eq!(
        part("deductible") + part("copay") + part("coinsurance") + part("not_covered"),
        part("member_owes")
    );
    assert_eq!(part("member_owes") + part("plan_paid"), part("allowed"));
    assert_eq!(
        e["priced"]["after"]["deductible_met"].as_i64().unwrap(),
        e["priced"]["before"]["deductible_met"].as_i64().unwrap() + part("deductible")
    );
    assert!(e["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("Prior authorization")));
    // out of network: the balance-billing warning
    let (_, e) = s
        .post(&c, "/api/v1/estimate", ask("73721", "st-anne", riley, 1))
        .await;
    assert_eq!(e["provider"]["network"], "out");
    assert_eq!(e["priced"]["balance_bill"], 237_500 - 80_750);
    assert!(e["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n.as_str().unwrap().contains("balance billing")));
    // thin data: covered, estimate not available
    let (_, e) = s
        .post(
            &c,
            "/api/v1/estimate",
            ask("216", "evergreen-regional", riley, 1),
        )
        .await;
    assert_eq!(
        (
            e["priced"]["available"].clone(),
            e["priced"]["covered"].clone()
        ),
        (json!(false), json!(true))
    );
    assert!(e["notes"].to_string().contains("estimate not available"));
    // validation
    for (body, field, code) in [
        (
            ask("00000", "clearpath-imaging", riley, 1),
            "service",
            "service.unknown",
        ),
        (
            ask("73721", "meridian-lab", riley, 1),
            "provider",
            "provider.unknown",
        ),
        (
            ask("73721", "clearpath-imaging", riley, -1),
            "quantity",
            "quantity.range",
        ),
        (
            ask("73721", "clearpath-imaging", riley, 100),
            "quantity",
            "quantity.range",
        ),
    ] {
        let (status, p) = s.post(&c, "/api/v1/estimate", body).await;
        assert_eq!(
            (status, field_codes(&p, field)),
            (400, vec![code.to_string()]),
            "{p}"
        );
    }
    // another household's member is refused like an unknown one
    let other = s.signed_in("member2").await;
    let (status, p) = s
        .post(
            &other,
            "/api/v1/estimate",
            ask("73721", "clearpath-imaging", riley, 1),
        )
        .await;
    assert_eq!(
        (status, field_codes(&p, "member")),
        (400, vec!["member.invalid".to_string()])
    );
    let (status, _) = s
        .post(
            &c,
            "/api/v1/estimate",
            json!({"service": "73721", "quantity": "two"}),
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn only_the_subscriber_changes_the_households_plan() {
    let s = TestServer::start().await;
    let body = json!({"plan_id": "EVG-GLD-PPO-2027", "confirm": true});
    // A spouse, a dependent of 23 and one of 21: read-only, with the reason.
    for username in ["secure02", "member3", "family2"] {
        let c = s.signed_in(username).await;
        let (st, e) = s.get(&c, "/api/v1/plans/change").await;
        assert_eq!(st, 200);
        assert_eq!(e["can_change"], false, "{username}");
        assert!(e["cannot_change_reason"]
            .as_str()
            .unwrap()
            .contains("Only the subscriber"));
        let (st, p) = s.post(&c, "/api/v1/plans/change", body.clone()).await;
        assert_eq!(st, 403, "{username}: {p}");
        assert_eq!(p["type"], "/problems/not-subscriber");
    }
    let c = s.signed_in("secure01").await;
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert_eq!(e["can_change"], true);
    assert!(e.get("cannot_change_reason").is_none());
    assert_eq!(s.post(&c, "/api/v1/plans/change", body).await.0, 201);
    // Nor may the spouse cancel the subscriber's pending change.
    let spouse = s.signed_in("secure02").await;
    let r = spouse
        .delete(s.url("/api/v1/plans/change"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert!(e["pending"].is_object(), "the change is still pending: {e}");
}
