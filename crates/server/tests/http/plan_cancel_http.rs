//! A plan change gets a confirmation number and can be cancelled before it
//! starts.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use serde_json::json;

#[tokio::test]
async fn a_pending_change_has_a_confirmation_number_and_can_be_cancelled() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, change) = s
        .post(
            &c,
            "/api/v1/plans/change",
            json!({"plan_id": "EVG-PLT-HMO-2027", "confirm": true}),
        )
        .await;
    assert_eq!(status, 201, "{change}");
    let number = change["confirmation"].as_str().unwrap().to_string();
    assert!(number.starts_with("PC-2027-"), "{number}");
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert_eq!(e["pending"]["confirmation"], number);

    let r = c
        .delete(s.url("/api/v1/plans/change"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let (_, e) = s.get(&c, "/api/v1/plans/change").await;
    assert!(e["pending"].is_null(), "{e}");
    assert_eq!(
        e["current_plan_id"], "EVG-SLV-PPO-2026",
        "the current plan stays"
    );
    // nothing left to cancel
    let r = c
        .delete(s.url("/api/v1/plans/change"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}
