//! Claims over HTTP: filters, paging, sorting, totals, EOB detail, the CSV
//! export, saved filters, and the household boundary.

#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::TestServer;
use serde_json::{json, Value};

async fn all_claims(s: &TestServer, c: &reqwest::Client, query: &str) -> (Vec<Value>, Value) {
    let mut items = Vec::new();
    let mut page = 1;
    loop {
        let sep = if query.is_empty() { "" } else { "&" };
        let (status, body) = s
            .get(
                c,
                &format!("/api/v1/claims?{query}{sep}page_size=100&page={page}"),
            )
            .await;
        assert_eq!(status, 200, "{query}: {body}");
        let got = body["items"].as_array().unwrap().clone();
        let total = body["total"].as_u64().unwrap() as usize;
        items.extend(got);
        if items.len() >= total {
            return (items, body["totals"].clone());
        }
        page += 1;
    }
}

/// A named predicate over a claim's JSON.
type Check = (&'static str, Box<dyn Fn(&Value) -> bool>);

fn sum(items: &[Value], field: &str) -> i64 {
    items
        .iter()
        .map(|c| c["amounts"][field].as_i64().unwrap())
        .sum()
}

#[tokio::test]
async fn history_covers_36_months_every_status_and_adds_up() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (items, totals) = all_claims(&s, &c, "").await;
    assert!(items.len() >= 150, "{}", items.len());
    for status in [
        "received",
        "in_process",
        "paid",
        "partially_paid",
        "denied",
        "adjusted",
        "under_appeal",
    ] {
        assert!(items.iter().any(|c| c["status"] == status), "{status}");
    }
    for field in ["billed", "plan_paid", "member_owes", "deductible"] {
        assert_eq!(
            sum(&items, field),
            totals[field].as_i64().unwrap(),
            "{field}"
        );
    }
    // newest first by default
    let dates: Vec<&str> = items
        .iter()
        .map(|c| c["service_start"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[tokio::test]
async fn each_filter_narrows_and_combined_filters_intersect() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (all, _) = all_claims(&s, &c, "").await;
    let checks: Vec<Check> = vec![
        (
            "category=prescription",
            Box::new(|c: &Value| c["category"] == "prescription"),
        ),
        (
            "status=denied",
            Box::new(|c: &Value| c["status"] == "denied"),
        ),
        (
            "network=out",
            Box::new(|c: &Value| c["provider"]["network"] == "out"),
        ),
        (
            "type=pharmacy",
            Box::new(|c: &Value| c["claim_type"] == "pharmacy"),
        ),
        ("member=3", Box::new(|c: &Value| c["patient_id"] == 3)),
        (
            "provider=cedar",
            Box::new(|c: &Value| c["provider"]["name"].as_str().unwrap().contains("Cedar")),
        ),
        (
            "from=2025-01-01&to=2025-06-30",
            Box::new(|c: &Value| {
                let d = c["service_start"].as_str().unwrap();
                ("2025-01-01"..="2025-06-30").contains(&d)
            }),
        ),
        (
            "min_owed=100",
            Box::new(|c: &Value| c["amounts"]["member_owes"].as_i64().unwrap() >= 10_000),
        ),
    ];
    for (query, pred) in &checks {
        let (got, _) = all_claims(&s, &c, query).await;
        let want: Vec<&Value> = all.iter().filter(|c| pred(c)).collect();
        assert!(
            !got.is_empty() && got.len() < all.len(),
            "{query} narrows: {}",
            got.len()
        );
        assert_eq!(got.len(), want.len(), "{query}");
        assert!(got.iter().all(pred), "{query}");
    }
    let (both, _) = all_claims(&s, &c, "category=prescription&member=1").await;
    let want = all
        .iter()
        .filter(|c| c["category"] == "prescription" && c["patient_id"] == 1)
        .count();
    assert_eq!(both.len(), want);
    assert!(want > 0);
}

#[tokio::test]
async fn text_search_finds_claim_number_provider_and_drug() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (all, _) = all_claims(&s, &c, "").await;
    let number = all[5]["claim_number"].as_str().unwrap();
    let (got, _) = all_claims(&s, &c, &format!("q={}", number.to_lowercase())).await;
    assert_eq!(got.len(), 1);
    let (drug, _) = all_claims(&s, &c, "q=atorvastatin").await;
    assert!(!drug.is_empty() && drug.iter().all(|c| c["category"] == "prescription"));
    let (none, totals) = all_claims(&s, &c, "q=no-such-thing-anywhere").await;
    assert!(none.is_empty());
    assert_eq!(totals["billed"], 0);
}

#[tokio::test]
async fn sorting_both_directions() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for (key, field) in [("owed", "member_owes"), ("date", "")] {
        for dir in ["asc", "desc"] {
            let (items, _) = all_claims(&s, &c, &format!("sort={key}&dir={dir}")).await;
            let vals: Vec<String> = items
                .iter()
                .map(|c| {
                    if field.is_empty() {
                        c["service_start"].as_str().unwrap().to_string()
                    } else {
                        format!("{:012}", c["amounts"][field].as_i64().unwrap())
                    }
                })
                .collect();
            let mut sorted = vals.clone();
            sorted.sort();
            if dir == "desc" {
                sorted.reverse();
            }
            assert_eq!(vals, sorted, "{key} {dir}");
        }
    }
    let (by_provider, _) = all_claims(&s, &c, "sort=provider&dir=asc").await;
    let names: Vec<String> = by_provider
        .iter()
        .map(|c| c["provider"]["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
}

#[tokio::test]
async fn invalid_filters_are_400_naming_the_parameter() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for (query, param) in [
        ("status=lost", "status"),
        ("from=2026-13-01", "from"),
        ("from=2026-05-01&to=2026-01-01", "to"),
        ("page_size=1000", "page_size"),
        ("sort=price", "sort"),
        ("colour=red", "colour"),
        ("min_owed=abc", "min_owed"),
        ("member=5", "member"),
    ] {
        let (status, p) = s.get(&c, &format!("/api/v1/claims?{query}")).await;
        assert_eq!(status, 400, "{query}");
        assert!(p["errors"].get(param).is_some(), "{query}: {p}");
        let (status, _) = s
            .get(&c, &format!("/api/v1/claims/export.csv?{query}"))
            .await;
        assert_eq!(status, 400, "export {query}");
    }
}

#[tokio::test]
async fn claim_detail_is_the_eob_and_lines_add_up() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (items, _) = all_claims(&s, &c, "status=adjusted").await;
    let id = items[0]["id"].as_i64().unwrap();
    let (status, claim) = s.get(&c, &format!("/api/v1/claims/{id}")).await;
    assert_eq!(status, 200);
    let lines = claim["lines"].as_array().unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l["amounts"]["billed"].as_i64().unwrap() < 0),
        "a reversal line"
    );
    for field in [
        "billed",
        "allowed",
        "plan_paid",
        "deductible",
        "copay",
        "coinsurance",
        "not_covered",
        "member_owes",
    ] {
        let total: i64 = lines
            .iter()
            .map(|l| l["amounts"][field].as_i64().unwrap())
            .sum();
        assert_eq!(total, claim["amounts"][field].as_i64().unwrap(), "{field}");
    }
    let a = &claim["amounts"];
    let parts = ["deductible", "copay", "coinsurance", "not_covered"]
        .iter()
        .map(|f| a[f].as_i64().unwrap())
        .sum::<i64>();
    assert_eq!(parts, a["member_owes"].as_i64().unwrap());
    let (denied, _) = all_claims(&s, &c, "status=denied").await;
    let (_, d) = s
        .get(&c, &format!("/api/v1/claims/{}", denied[0]["id"]))
        .await;
    assert!(d["denial_reason"].as_str().unwrap().len() > 10);
}

#[tokio::test]
async fn another_households_claim_is_404() {
    let s = TestServer::start().await;
    let alex = s.signed_in("member1").await;
    let sam = s.signed_in("member2").await;
    let (sams, _) = all_claims(&s, &sam, "").await;
    let theirs = sams[0]["id"].as_i64().unwrap();
    let (status, p) = s.get(&alex, &format!("/api/v1/claims/{theirs}")).await;
    assert_eq!(status, 404);
    assert_eq!(p["type"], "/problems/not-found");
    let (alexs, _) = all_claims(&s, &alex, "").await;
    assert!(alexs
        .iter()
        .all(|c| (1..=4).contains(&c["patient_id"].as_i64().unwrap())));
    assert!(!alexs.iter().any(|c| c["id"] == theirs));
    assert_eq!(s.get(&s.client(), "/api/v1/claims").await.0, 401);
}

#[tokio::test]
async fn csv_export_has_every_matched_claim() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (items, totals) = all_claims(&s, &c, "category=prescription").await;
    let r = c
        .get(s.url("/api/v1/claims/export.csv?category=prescription&page_size=5"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = r.text().await.unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "Claim number");
    assert_eq!(&headers[18], "You owe");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), items.len(), "every match, not one page");
    let numbers: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let expected: Vec<&str> = items
        .iter()
        .map(|c| c["claim_number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, expected);
    let owed_cents: i64 = rows
        .iter()
        .map(|r| (r.get(18).unwrap().parse::<f64>().unwrap() * 100.0).round() as i64)
        .sum();
    assert_eq!(owed_cents, totals["member_owes"].as_i64().unwrap());
}

#[tokio::test]
async fn saved_filters_lifecycle() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, list) = s.get(&c, "/api/v1/saved-filters").await;
    assert_eq!(status, 200);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Only prescriptions", "Emergency visits"]);
    let (status, saved) = s
        .post(&c, "/api/v1/saved-filters", json!({"name": "  Riley's visits ", "query": "member=4&category=office_visit&page=3&sort=owed"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(saved["name"], "Riley's visits");
    assert_eq!(
        saved["query"], "member=4&category=office_visit",
        "criteria only, canonical"
    );
    let id = saved["id"].as_i64().unwrap();
    let (status, p) = s
        .post(
            &c,
            "/api/v1/saved-filters",
            json!({"name": "riley's VISITS", "query": ""}),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(common::field_codes(&p, "name"), ["name.taken"]);
    let (status, p) = s
        .post(
            &c,
            "/api/v1/saved-filters",
            json!({"name": "", "query": "status=nope"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(common::field_codes(&p, "name"), ["name.required"]);
    let (status, _) = s
        .post(
            &c,
            "/api/v1/saved-filters",
            json!({"name": "Bad", "query": "status=nope"}),
        )
        .await;
    assert_eq!(status, 400);
    // rename, delete; built-ins are fixed; another member can't touch mine
    let r = c
        .patch(s.url(&format!("/api/v1/saved-filters/{id}")))
        .json(&json!({"name": "Riley"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let other = s.signed_in("member2").await;
    let r = other
        .delete(s.url(&format!("/api/v1/saved-filters/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = c
        .delete(s.url("/api/v1/saved-filters/-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = c
        .delete(s.url(&format!("/api/v1/saved-filters/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let (_, list) = s.get(&c, "/api/v1/saved-filters").await;
    assert_eq!(list.as_array().unwrap().len(), 2);
}
