//! The password presets over HTTP (issue 11): the member preset by default,
//! the NIST SP 800-63B one with `--policy nist`, and `GET /api/v1/policy`
//! saying which is in force so the browser's checklist follows it.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, jordan, TestServer};
use portal_domain::PolicyPreset;
use portal_server::auth::totp;
use serde_json::{json, Value};

fn rules(policy: &Value) -> Vec<String> {
    policy["password_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_member_preset_is_the_default() {
    let s = TestServer::start().await;
    let (st, policy) = s.get(&s.client(), "/api/v1/policy").await;
    assert_eq!(st, 200);
    assert_eq!(policy["preset"], "member");
    assert!(rules(&policy).contains(&"password.char_classes".to_string()));
}

#[tokio::test]
async fn the_nist_preset_wants_length_not_composition() {
    let s = TestServer::start_with(|c| c.policy = PolicyPreset::Nist).await;
    let (_, policy) = s.get(&s.client(), "/api/v1/policy").await;
    assert_eq!(policy["preset"], "nist");
    let r = rules(&policy);
    for absent in [
        "password.char_classes",
        "password.allowed_chars",
        "password.no_spaces",
    ] {
        assert!(!r.contains(&absent.to_string()), "{absent}: {r:?}");
    }
    for present in [
        "password.length",
        "password.not_common",
        "password.printable",
    ] {
        assert!(r.contains(&present.to_string()), "{present}: {r:?}");
    }
    let length = &policy["password_rules"][0]["message"];
    assert!(
        length.as_str().unwrap().starts_with("15 to 128"),
        "{length}"
    );

    // The member preset's example is too short here; a long passphrase with spaces is fine.
    let c = s.client();
    let (st, p) = s.post(&c, "/api/v1/auth/register", jordan("jordan1")).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "password"), ["password.length"]);
    let mut body = jordan("jordan1");
    body["password"] = json!("lantern moss over quiet river");
    body["confirm_password"] = body["password"].clone();
    let (st, me) = s.post(&c, "/api/v1/auth/register", body).await;
    assert_eq!(st, 201, "{me}");
}

#[tokio::test]
async fn under_nist_two_step_allows_eight_characters() {
    let s = TestServer::start_with(|c| c.policy = PolicyPreset::Nist).await;
    let change = json!({"current_password": "Demo.Pass1", "new_password": "Qz9 vk!w", "confirm_password": "Qz9 vk!w"});
    // Without two-step: 15 at least.
    let plain = s.signed_in("secure02").await;
    let (st, p) = s
        .put(&plain, "/api/v1/account/password", change.clone())
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "new_password"), ["password.length"]);
    // With two-step on: 8 is enough.
    let c = s.signed_in("secure01").await;
    let (_, setup) = s
        .post(&c, "/api/v1/account/two-step/setup", json!({}))
        .await;
    let secret = setup["secret"].as_str().unwrap();
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap();
    let code = totp::generate(secret, now).unwrap();
    let (st, _) = s
        .post(&c, "/api/v1/account/two-step/enable", json!({"code": code}))
        .await;
    assert_eq!(st, 200);
    assert_eq!(s.put(&c, "/api/v1/account/password", change).await.0, 204);
}

#[tokio::test]
async fn under_nist_a_reset_by_recovery_follows_the_accounts_two_step() {
    let s = TestServer::start_with(|c| c.policy = PolicyPreset::Nist).await;
    let c = s.signed_in("secure06").await;
    let (_, setup) = s
        .post(&c, "/api/v1/account/two-step/setup", json!({}))
        .await;
    let secret = setup["secret"].as_str().unwrap().to_string();
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap();
    let code = totp::generate(&secret, now).unwrap();
    let (st, _) = s
        .post(&c, "/api/v1/account/two-step/enable", json!({"code": code}))
        .await;
    assert_eq!(st, 200);
    let anon = s.client();
    let (st, started) = s
        .post(
            &anon,
            "/api/v1/recovery/start",
            json!({"purpose": "password", "member_id": "40050060006", "first_name": "Emerson", "last_name": "Lee", "date_of_birth": "1993-06-20"}),
        )
        .await;
    assert_eq!(st, 202, "{started}");
    let (_, outbox) = s.get(&anon, "/api/dev/outbox").await;
    let body = outbox
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == "secure06@example.com" && m["kind"] == "recovery_code")
        .unwrap()["body"]
        .as_str()
        .unwrap()
        .to_string();
    let sent = body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_string();
    let later = totp::generate(&secret, now + 30).unwrap();
    let (st, done) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            json!({"ticket": started["ticket"], "code": sent, "new_password": "Qz9 vk!w", "confirm_password": "Qz9 vk!w", "two_step_code": later}),
        )
        .await;
    assert_eq!(st, 200, "eight characters with two-step on: {done}");
}
