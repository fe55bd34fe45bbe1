//! The words of an explanation of benefits come with the claim, true for
//! that claim on the server's today.

#![allow(clippy::unwrap_used)]

mod common;

use common::TestServer;
use serde_json::Value;

async fn first(s: &TestServer, c: &reqwest::Client, query: &str) -> Value {
    let (status, page) = s
        .get(c, &format!("/api/v1/claims?{query}&page_size=1"))
        .await;
    assert_eq!(status, 200);
    let id = page["items"][0]["id"].as_i64().unwrap();
    let (status, claim) = s.get(c, &format!("/api/v1/claims/{id}")).await;
    assert_eq!(status, 200);
    claim
}

#[tokio::test]
async fn denied_received_and_paid_claims_say_what_is_true() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    // Denied: the deadline is 180 days from the notice (the status date).
    let denied = first(&s, &c, "status=denied").await;
    let appeal = &denied["explanation"]["appeal"];
    let notice =
        chrono::NaiveDate::parse_from_str(denied["status_date"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    let deadline =
        chrono::NaiveDate::parse_from_str(appeal["deadline"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    assert_eq!((deadline - notice).num_days(), 180);
    let today: chrono::NaiveDate = portal_server::config::Config::TEST_TODAY.parse().unwrap();
    assert_eq!(appeal["passed"], today > deadline);
    let words = denied["explanation"]["denial"].to_string();
    assert_eq!(words.contains("has passed"), today > deadline, "{words}");
    // Received: nothing "agreed to", and what is pending.
    let received = first(&s, &c, "status=received").await;
    let all = received["explanation"].to_string();
    assert!(!all.contains("agreed"), "{all}");
    assert!(received["explanation"]["pending"]["title"].is_string());
    // Paid in network: the network discount story.
    let paid = first(&s, &c, "status=paid&network=in").await;
    assert!(paid["explanation"]["story"][0]
        .as_str()
        .unwrap()
        .contains("billed"));
    assert!(paid["explanation"]["protection"].is_null());
}
