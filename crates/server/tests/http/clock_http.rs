//! The injectable calendar (`--today`): answers do not depend on the day the
//! tests run, the browser is told the pinned date, and the date-driven pages
//! hold on the days that break calendars (new year, leap day, month ends).

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use chrono::NaiveDate;
use serde_json::Value;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn pinned(day: &str) -> TestServer {
    let d = date(day);
    TestServer::start_with(move |c| c.today = Some(d)).await
}

/// Every claim's service date for one member, through the paged API.
async fn service_dates(s: &TestServer, c: &reqwest::Client) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for page in 1.. {
        let (status, body) = s
            .get(c, &format!("/api/v1/claims?page_size=100&page={page}"))
            .await;
        assert_eq!(status, 200, "{body}");
        let items = body["items"].as_array().unwrap();
        dates.extend(
            items
                .iter()
                .map(|i| date(i["service_start"].as_str().unwrap())),
        );
        if dates.len() >= body["total"].as_u64().unwrap() as usize || items.is_empty() {
            break;
        }
    }
    dates
}

#[tokio::test]
async fn pinned_date_is_sent_to_the_browser_and_the_real_one_is_not() {
    let s = pinned("2026-11-23").await;
    let r = reqwest::get(s.url("/api/v1/policy")).await.unwrap();
    assert_eq!(r.headers()["portal-today"], "2026-11-23");

    let real = TestServer::start_with(|c| c.today = None).await;
    let r = reqwest::get(real.url("/api/v1/policy")).await.unwrap();
    assert!(r.headers().get("portal-today").is_none());
}

#[tokio::test]
async fn the_same_pinned_date_gives_the_same_demo_claims() {
    let a = pinned("2026-11-23").await;
    let b = pinned("2026-11-23").await;
    let (ca, cb) = (a.signed_in("member1").await, b.signed_in("member1").await);
    let (_, ja) = a.get(&ca, "/api/v1/claims?page_size=100").await;
    let (_, jb) = b.get(&cb, "/api/v1/claims?page_size=100").await;
    assert_eq!(ja["items"], jb["items"]);
    assert_eq!(ja["totals"], jb["totals"]);
    let (_, da) = a.get(&ca, "/api/v1/dashboard").await;
    let (_, db) = b.get(&cb, "/api/v1/dashboard").await;
    assert_eq!(da["accumulators"], db["accumulators"]);
}

/// The days calendars get wrong: each still serves every date-driven answer,
/// and the demo claims sit inside the 36 months that end on that day.
#[tokio::test]
async fn date_driven_answers_hold_on_edge_days() {
    for day in ["2026-01-01", "2026-03-31", "2026-12-31", "2028-02-29"] {
        let s = pinned(day).await;
        let c = s.signed_in("member1").await;
        for path in [
            "/api/v1/me",
            "/api/v1/dashboard",
            "/api/v1/alerts",
            "/api/v1/coverage",
            "/api/v1/accumulators",
            "/api/v1/plans/change",
            "/api/v1/plans/last-year-use",
            "/api/v1/claims?range=this_year",
        ] {
            let (status, body): (u16, Value) = s.get(&c, path).await;
            assert!(status < 500, "{day} {path}: {status} {body}");
        }
        let today = date(day);
        let dates = service_dates(&s, &c).await;
        assert!(!dates.is_empty(), "{day}: no claims");
        let earliest = today - chrono::Months::new(36);
        for d in dates {
            assert!(d <= today && d >= earliest, "{day}: claim on {d}");
        }
    }
}
