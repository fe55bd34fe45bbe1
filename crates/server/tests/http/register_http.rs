//! Registration over HTTP: eligibility, activation codes, every validation
//! failure, username suggestions.

#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{field_codes, jordan, TestServer};
use serde_json::json;

#[tokio::test]
async fn eligible_member_registers_and_is_signed_in() {
    let s = TestServer::start().await;
    let c = s.client();
    let (status, me) = s
        .post(&c, "/api/v1/auth/register", jordan("Jordan86"))
        .await;
    assert_eq!(status, 201, "{me}");
    assert_eq!(me["username"], "jordan86", "stored case-folded");
    assert_eq!(me["member"]["first_name"], "Jordan");
    assert_eq!(s.get(&c, "/api/v1/me").await.0, 200);
    // and can sign in with any case
    assert_eq!(s.login(&s.client(), "JORDAN86", "Sunny.Day7").await.0, 200);
    // a second registration of the same member is refused
    let (status, p) = s
        .post(&s.client(), "/api/v1/auth/register", jordan("jordan99"))
        .await;
    assert_eq!(status, 409);
    assert_eq!(p["type"], "/problems/already-registered");
}

#[tokio::test]
async fn every_validation_failure_is_reported_by_field() {
    let s = TestServer::start().await;
    let c = s.client();
    let cases: Vec<(&str, serde_json::Value, &str, Vec<&str>)> = vec![
        (
            "asterisk",
            json!({"member_id": "100200300*02"}),
            "member_id",
            vec!["member_id.asterisk"],
        ),
        (
            "no suffix",
            json!({"member_id": "100200300"}),
            "member_id",
            vec!["member_id.suffix_missing"],
        ),
        (
            "bad date",
            json!({"date_of_birth": "1986-13-01"}),
            "date_of_birth",
            vec!["date_of_birth.format"],
        ),
        (
            "future date",
            json!({"date_of_birth": "2999-01-01"}),
            "date_of_birth",
            vec!["date_of_birth.future"],
        ),
        (
            "ssn",
            json!({"ssn_last4": "33"}),
            "ssn_last4",
            vec!["ssn_last4.format"],
        ),
        (
            "username short",
            json!({"username": "abcd"}),
            "username",
            vec!["username.length"],
        ),
        (
            "username long",
            json!({"username": "abcdefghijk"}),
            "username",
            vec!["username.length"],
        ),
        (
            "username space",
            json!({"username": "ab cde"}),
            "username",
            vec!["username.no_spaces"],
        ),
        (
            "username star",
            json!({"username": "abc*de"}),
            "username",
            vec!["username.no_asterisk"],
        ),
        (
            "username chars",
            json!({"username": "abc!de"}),
            "username",
            vec!["username.allowed_chars"],
        ),
        (
            "pw length",
            json!({"password": "Sun.Dy7", "confirm_password": "Sun.Dy7"}),
            "password",
            vec!["password.length"],
        ),
        (
            "pw classes",
            json!({"password": "sunnydays", "confirm_password": "sunnydays"}),
            "password",
            vec!["password.char_classes"],
        ),
        (
            "pw specials",
            json!({"password": "Sunny!Day7", "confirm_password": "Sunny!Day7"}),
            "password",
            vec!["password.allowed_chars"],
        ),
        (
            "pw spaces",
            json!({"password": "Sunny Day7", "confirm_password": "Sunny Day7"}),
            "password",
            vec!["password.no_spaces"],
        ),
        (
            "pw username",
            json!({"username": "sunny", "password": "Sunny.Day7", "confirm_password": "Sunny.Day7"}),
            "password",
            vec!["password.not_username"],
        ),
        (
            "confirm",
            json!({"confirm_password": "Sunny.Day8"}),
            "confirm_password",
            vec!["confirm_password.mismatch"],
        ),
        (
            "common",
            json!({"password": "Password1", "confirm_password": "Password1"}),
            "password",
            vec!["password.not_common"],
        ),
    ];
    for (name, patch, field, want) in cases {
        let mut body = jordan("jordan86");
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, p) = s.post(&c, "/api/v1/auth/register", body).await;
        assert_eq!(status, 400, "{name}: {p}");
        assert_eq!(p["type"], "/problems/validation");
        assert_eq!(field_codes(&p, field), want, "{name}: {p}");
    }
    // nothing was half-written: Jordan can still register
    assert_eq!(
        s.post(&c, "/api/v1/auth/register", jordan("jordan86"))
            .await
            .0,
        201
    );
}

#[tokio::test]
async fn all_broken_rules_come_back_at_once() {
    let s = TestServer::start().await;
    let (status, p) = s
        .post(&s.client(), "/api/v1/auth/register", json!({}))
        .await;
    assert_eq!(status, 400);
    for f in [
        "member_id",
        "date_of_birth",
        "ssn_last4",
        "username",
        "password",
        "confirm_password",
        "accept_terms",
    ] {
        assert!(!field_codes(&p, f).is_empty(), "{f}");
    }
}

#[tokio::test]
async fn registration_records_the_terms_and_privacy_notice_accepted() {
    let s = TestServer::start().await;
    let c = s.client();
    let mut body = common::jordan("jordan1");
    body["accept_terms"] = json!(false);
    let (status, p) = s.post(&c, "/api/v1/auth/register", body.clone()).await;
    assert_eq!(
        (status, field_codes(&p, "accept_terms")),
        (400, vec!["terms.required".to_string()])
    );
    body["accept_terms"] = json!(true);
    assert_eq!(s.post(&c, "/api/v1/auth/register", body).await.0, 201);
    let url = format!("sqlite://{}", s.dir().join("test.db").display());
    let db = sqlx::SqlitePool::connect(&url).await.unwrap();
    let (terms, privacy, at): (Option<String>, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT terms_version, privacy_version, terms_accepted_at FROM users WHERE username = 'jordan1'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        terms.as_deref(),
        Some(portal_domain::registration::TERMS_VERSION)
    );
    assert_eq!(
        privacy.as_deref(),
        Some(portal_domain::registration::PRIVACY_VERSION)
    );
    assert!(at.unwrap() > 1_700_000_000);
}

#[tokio::test]
async fn taken_username_gets_409_with_free_suggestions() {
    let s = TestServer::start().await;
    let c = s.client();
    let taylor = |u: &str| {
        json!({"member_id": "20030040002", "date_of_birth": "1981-09-03", "ssn_last4": "7788",
               "username": u, "password": "Sunny.Day7", "confirm_password": "Sunny.Day7", "accept_terms": true})
    };
    let (status, p) = s.post(&c, "/api/v1/auth/register", taylor("Member1")).await;
    assert_eq!(status, 409);
    assert_eq!(p["type"], "/problems/username-taken");
    assert_eq!(field_codes(&p, "username"), ["username.taken"]);
    let suggestions: Vec<String> = p["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().into())
        .collect();
    assert!((2..=3).contains(&suggestions.len()), "{suggestions:?}");
    for sug in &suggestions {
        assert_ne!(sug, "member1");
    }
    let (status, me) = s
        .post(&c, "/api/v1/auth/register", taylor(&suggestions[0]))
        .await;
    assert_eq!(status, 201);
    assert_eq!(me["username"], suggestions[0].as_str());
}

#[tokio::test]
async fn details_that_match_nobody_are_refused_then_paused() {
    let s = TestServer::start().await;
    let c = s.client();
    let mut body = jordan("jordan86");
    body["ssn_last4"] = json!("0000");
    for _ in 0..4 {
        let (status, p) = s.post(&c, "/api/v1/auth/register", body.clone()).await;
        assert_eq!(status, 422);
        assert_eq!(p["type"], "/problems/not-eligible");
    }
    let (status, p) = s.post(&c, "/api/v1/auth/register", body).await;
    assert_eq!(status, 429);
    assert_eq!(p["type"], "/problems/rate-limited");
    // the right details are paused too, for this member ID
    assert_eq!(
        s.post(&c, "/api/v1/auth/register", jordan("jordan86"))
            .await
            .0,
        429
    );
}

#[tokio::test]
async fn unknown_member_id_is_not_eligible() {
    let s = TestServer::start().await;
    let mut body = jordan("jordan86");
    body["member_id"] = json!("99999999901");
    let (status, p) = s.post(&s.client(), "/api/v1/auth/register", body).await;
    assert_eq!(status, 422);
    assert_eq!(p["type"], "/problems/not-eligible");
}

fn casey(code: &str, username: &str) -> serde_json::Value {
    json!({"method": "activation_code", "activation_code": code, "username": username,
           "password": "Sunny.Day7", "confirm_password": "Sunny.Day7", "accept_terms": true})
}

#[tokio::test]
async fn activation_code_registers_once() {
    let s = TestServer::start().await;
    let (status, me) = s
        .post(
            &s.client(),
            "/api/v1/auth/register",
            casey("demo-2026-code", "casey07"),
        )
        .await;
    assert_eq!(status, 201, "{me}");
    assert_eq!(me["member"]["first_name"], "Casey");
    let (status, p) = s
        .post(
            &s.client(),
            "/api/v1/auth/register",
            casey("DEMO-2026-CODE", "casey08"),
        )
        .await;
    assert!(status == 409 || status == 422, "{status} {p}");
}

#[tokio::test]
async fn expired_activation_code_says_so_beside_the_field() {
    let s = TestServer::start().await;
    let (status, p) = s
        .post(
            &s.client(),
            "/api/v1/auth/register",
            casey("EXPI-RED0-2025", "casey07"),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(p["type"], "/problems/activation-code-expired");
    assert_eq!(
        field_codes(&p, "activation_code"),
        ["activation_code.expired"]
    );
    let msg = p["errors"]["activation_code"][0]["message"]
        .as_str()
        .unwrap();
    assert!(
        msg.contains("expired") && msg.contains("Member Services"),
        "{msg}"
    );
}

#[tokio::test]
async fn unknown_activation_code_is_refused_beside_the_field() {
    let s = TestServer::start().await;
    let (status, p) = s
        .post(
            &s.client(),
            "/api/v1/auth/register",
            casey("AAAA-BBBB-CCCC", "casey07"),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&p, "activation_code"),
        ["activation_code.invalid"]
    );
    // US spelling (issue 17).
    let text = p.to_string();
    assert!(text.contains("recognize"), "{text}");
    assert!(!text.contains("recognise"), "{text}");
}

#[tokio::test]
async fn policy_endpoint_reflects_configured_preset() {
    let s = TestServer::start().await;
    let (status, p) = s.get(&s.client(), "/api/v1/policy").await;
    assert_eq!(status, 200);
    assert_eq!(p["preset"], "member");
    let codes: Vec<&str> = p["password_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"password.char_classes") && codes.contains(&"password.not_common"));

    let strong = TestServer::start_with(|c| c.policy = portal_domain::PolicyPreset::Strong).await;
    let (_, p) = strong.get(&strong.client(), "/api/v1/policy").await;
    assert_eq!(p["preset"], "strong");
    // the server enforces the strong preset too
    let (status, p) = strong
        .post(
            &strong.client(),
            "/api/v1/auth/register",
            jordan("jordan86"),
        )
        .await;
    assert_eq!(status, 400);
    assert!(field_codes(&p, "password").contains(&"password.length".to_string()));
}
