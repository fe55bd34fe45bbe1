//! Legacy first sign-in (issue 12), over HTTP: the old site's ID number and
//! PIN sign in once, then the member chooses a username and password under
//! the active policy; the PIN works no more, wrong PINs count toward the
//! lockout, and a member with an account cannot use a PIN.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use portal_server::demo::LEGACY_PINS;
use serde_json::json;

#[tokio::test]
async fn a_legacy_member_signs_in_once_with_the_pin_then_chooses_credentials() {
    let s = TestServer::start().await;
    let (id, pin) = LEGACY_PINS[0];
    let c = s.client();
    // Without the PIN step, nothing to complete.
    let (st, _) = s
        .post(
            &c,
            "/api/v1/auth/legacy",
            json!({"username": "patalv", "password": "Garden.Path9",
            "confirm_password": "Garden.Path9", "accept_terms": true}),
        )
        .await;
    assert_eq!(st, 401);
    let (st, challenge) = s.login(&c, id, pin).await;
    assert_eq!(st, 202, "{challenge}");
    assert_eq!(challenge["legacy_first_sign_in"], true);
    assert_eq!(challenge["first_name"], "Pat");
    // Not signed in yet.
    assert_eq!(s.get(&c, "/api/v1/me").await.0, 401);
    // The new credentials follow the members' policy, every rule reported.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/auth/legacy",
            json!({"username": "pa", "password": "short",
            "confirm_password": "other", "accept_terms": false}),
        )
        .await;
    assert_eq!(st, 400, "{p}");
    assert!(field_codes(&p, "username").contains(&"username.length".to_string()));
    assert!(field_codes(&p, "password").contains(&"password.length".to_string()));
    assert_eq!(field_codes(&p, "accept_terms"), ["terms.required"]);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/auth/legacy",
            json!({"username": "member1", "password": "Garden.Path9",
            "confirm_password": "Garden.Path9", "accept_terms": true}),
        )
        .await;
    assert_eq!(st, 409, "{p}");
    assert!(!p["suggestions"].as_array().unwrap().is_empty());
    let (st, me) = s
        .post(
            &c,
            "/api/v1/auth/legacy",
            json!({"username": "PatAlv", "password": "Garden.Path9",
            "confirm_password": "Garden.Path9", "accept_terms": true}),
        )
        .await;
    assert_eq!(st, 201, "{me}");
    assert_eq!(me["username"], "patalv");
    assert_eq!(me["member"]["first_name"], "Pat");
    assert_eq!(s.get(&c, "/api/v1/me").await.0, 200);
    // The PIN works no more (answered like a wrong password); the new password does.
    let (st, p) = s.login(&s.client(), id, pin).await;
    assert_eq!(st, 401, "{p}");
    assert_eq!(s.login(&s.client(), "patalv", "Garden.Path9").await.0, 200);
}

#[tokio::test]
async fn wrong_pins_lock_like_wrong_passwords() {
    let s = TestServer::start().await;
    let (id, pin) = LEGACY_PINS[1];
    let c = s.client();
    for _ in 0..4 {
        let (st, p) = s.login(&c, id, "000000").await;
        assert_eq!(st, 401, "{p}");
        assert_eq!(p["type"], "/problems/invalid-credentials");
    }
    assert_eq!(s.login(&c, id, "000000").await.0, 423);
    // Locked: even the right PIN waits.
    assert_eq!(s.login(&s.client(), id, pin).await.0, 423);
}

#[tokio::test]
async fn members_with_accounts_and_unknown_ids_get_the_usual_answer() {
    let s = TestServer::start().await;
    // Alex Morgan has an account and no PIN: a wrong password, not a hint.
    let (st, p) = s.login(&s.client(), "10020030001", "482916").await;
    assert_eq!(st, 401, "{p}");
    let (st, p) = s.login(&s.client(), "99999999901", "482916").await;
    assert_eq!(st, 401, "{p}");
    assert_eq!(p["type"], "/problems/invalid-credentials");
}
