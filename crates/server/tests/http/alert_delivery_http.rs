//! Alerts by email and text as the notification preferences ask (issue 11):
//! sent once per alert and channel, without health details, and consent to
//! text messages recorded with the words agreed to.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use serde_json::{json, Value};

async fn outbox(s: &TestServer) -> Vec<Value> {
    let (st, list) = s.get(&s.client(), "/api/dev/outbox").await;
    assert_eq!(st, 200);
    list.as_array().unwrap().clone()
}

fn alerts_of(list: &[Value]) -> Vec<&Value> {
    list.iter()
        .filter(|m| m["kind"].as_str().unwrap().starts_with("alert"))
        .collect()
}

#[tokio::test]
async fn alerts_go_out_on_the_channels_chosen_once_and_without_details() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, mut prefs) = s.get(&c, "/api/v1/notifications").await;
    // Premium notices by email, claim denials by email and text.
    prefs["phone"] = json!("(555) 555-0100");
    // A new phone: the password is asked for.
    prefs["password"] = json!("Demo.Pass1");
    for a in prefs["alerts"].as_array_mut().unwrap() {
        match a["kind"].as_str().unwrap() {
            "premium_due" => a["email"] = json!(true),
            "claim_denied" => {
                a["email"] = json!(true);
                a["text"] = json!(true);
            }
            _ => {}
        }
    }
    assert_eq!(
        s.put(&c, "/api/v1/notifications", prefs.clone()).await.0,
        200
    );
    let list = outbox(&s).await;
    let sent = alerts_of(&list);
    let (_, alerts) = s.get(&c, "/api/v1/alerts").await;
    let count = |kind: &str| {
        alerts["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["kind"] == kind && a["read"] == false)
            .count()
    };
    let (premiums, denials) = (count("premium_due"), count("claim_denied"));
    assert!(premiums >= 1 && denials >= 1, "{alerts}");
    let emails = sent.iter().filter(|m| m["channel"] == "email").count();
    let texts = sent.iter().filter(|m| m["channel"] == "sms").count();
    assert_eq!((emails, texts), (premiums + denials, denials), "{sent:#?}");
    for m in &sent {
        let body = m["body"].as_str().unwrap();
        for secret in [
            "Alex",
            "Morgan",
            "$",
            "CLM",
            "10020030001",
            "prior authorization",
        ] {
            assert!(!body.contains(secret), "{secret} in {body}");
        }
        assert!(body.contains("Sign in to read it"), "{body}");
    }
    assert!(sent
        .iter()
        .filter(|m| m["channel"] == "email")
        .all(|m| m["to"] == "alex.morgan@example.com"));
    // Saving again sends nothing new.
    assert_eq!(
        s.put(&c, "/api/v1/notifications", prefs.clone()).await.0,
        200
    );
    assert_eq!(alerts_of(&outbox(&s).await).len(), sent.len());

    // The consent to texts was recorded, with its words and version.
    let url = format!("sqlite://{}", s.dir().join("test.db").display());
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT phone, consent_version, consent_text FROM sms_consents")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, portal_domain::delivery::SMS_CONSENT_VERSION);
    assert_eq!(rows[0].2, portal_domain::delivery::SMS_CONSENT_TEXT);
}

#[tokio::test]
async fn nothing_is_sent_by_default() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, prefs) = s.get(&c, "/api/v1/notifications").await;
    assert_eq!(
        s.put(&c, "/api/v1/notifications", prefs.clone()).await.0,
        200
    );
    assert!(alerts_of(&outbox(&s).await).is_empty());
}
