//! The help centre's endpoints over HTTP (issue 12): the contact directory,
//! the glossary and its search, one entry, and the sign-in limits in the
//! policy; every bad input answered with problem details, never a 500.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::Value;

#[tokio::test]
async fn contacts_are_public_and_configured() {
    let s = TestServer::start().await;
    let (st, dir) = s.get(&s.client(), "/api/v1/help/contacts").await;
    assert_eq!(st, 200);
    let audiences = dir["audiences"].as_array().unwrap();
    let ids: Vec<&str> = audiences
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["members", "providers", "brokers", "technical-support"]
    );
    let members = &audiences[0]["lines"];
    assert_eq!(members[0]["tty"], "711");
    assert_eq!(members[0]["hours"]["periods"][0]["opens"], "08:00");
    assert_eq!(members[0]["hours"]["periods"][0]["closes"], "18:00");
    assert_eq!(members[1]["lang"], "es");

    // Another directory from --help-contacts.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.json");
    std::fs::write(
        &file,
        r#"{"audiences":[{"id":"members","title":"Members","intro":"Call us.",
            "lines":[{"label":"Member Services","phone":"1-800-555-0199",
            "hours":{"periods":[{"first_day":1,"last_day":7,"opens":"00:00","closes":"24:00"}]}}]}]}"#,
    )
    .unwrap();
    let path = file.clone();
    let s = TestServer::start_with(move |c| c.help_contacts = Some(path)).await;
    let (_, dir2) = s.get(&s.client(), "/api/v1/help/contacts").await;
    assert_eq!(dir2["audiences"][0]["lines"][0]["phone"], "1-800-555-0199");
}

#[tokio::test]
async fn a_bad_contact_directory_stops_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contacts.json");
    std::fs::write(
        &file,
        r#"{"audiences":[{"id":"members","title":"M","intro":"","lines":[{"label":"x","phone":"1",
            "hours":{"periods":[{"first_day":1,"last_day":5,"opens":"18:00","closes":"08:00"}]}}]}]}"#,
    )
    .unwrap();
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let mut config = portal_server::config::Config::for_tests(&url);
    config.help_contacts = Some(file);
    let err = portal_server::build_state(config).await.err().unwrap();
    assert!(format!("{err:#}").contains("opens"), "{err:#}");
}

#[tokio::test]
async fn glossary_lists_searches_and_shows_one_term() {
    let s = TestServer::start().await;
    let c = s.client();
    let (st, all) = s.get(&c, "/api/v1/glossary").await;
    assert_eq!(st, 200);
    let terms = all["terms"].as_array().unwrap();
    assert_eq!(terms.len(), 225);
    assert!(all["source"].as_str().unwrap().contains("HealthCare.gov"));
    let names: Vec<String> = terms
        .iter()
        .map(|t| t["term"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "A to Z");

    let (st, found) = s.get(&c, "/api/v1/glossary?q=deductible").await;
    assert_eq!(st, 200);
    assert_eq!(found["terms"][0]["slug"], "deductible");
    let (_, none) = s.get(&c, "/api/v1/glossary?q=zzzzqx").await;
    assert_eq!(none["terms"].as_array().unwrap().len(), 0);
    let (_, blank) = s.get(&c, "/api/v1/glossary?q=%20").await;
    assert_eq!(blank["terms"].as_array().unwrap().len(), 225);

    let (st, entry) = s.get(&c, "/api/v1/glossary/deductible").await;
    assert_eq!(st, 200);
    assert_eq!(entry["term"], "Deductible");
    assert!(entry["definition"].as_str().unwrap().contains("before"));
    let (_, oop) = s
        .get(&c, "/api/v1/glossary/out-of-pocket-maximum-limit")
        .await;
    let related: Vec<&str> = oop["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert!(related.contains(&"deductible"), "{related:?}");
}

fn is_problem(v: &Value) -> bool {
    v["status"].is_number() && v["title"].is_string()
}

#[tokio::test]
async fn glossary_bad_input_is_a_problem_not_a_500() {
    let s = TestServer::start().await;
    let c = s.client();
    let long = "a".repeat(81);
    let cases = [
        (
            format!("/api/v1/glossary?q={long}"),
            400,
            Some(("q", "q.too_long")),
        ),
        (
            "/api/v1/glossary?q=a&q=b".to_string(),
            400,
            Some(("q", "param.repeated")),
        ),
        (
            "/api/v1/glossary?letter=a".to_string(),
            400,
            Some(("letter", "param.unknown")),
        ),
        (
            "/api/v1/glossary/Deductible".to_string(),
            400,
            Some(("slug", "slug.invalid")),
        ),
        (
            "/api/v1/glossary/a%2Fb".to_string(),
            400,
            Some(("slug", "slug.invalid")),
        ),
        (
            "/api/v1/glossary/%F0%9F%92%B0".to_string(),
            400,
            Some(("slug", "slug.invalid")),
        ),
        (
            format!("/api/v1/glossary/{}", "a".repeat(81)),
            400,
            Some(("slug", "slug.invalid")),
        ),
        ("/api/v1/glossary/no-such-term".to_string(), 404, None),
        ("/api/v1/glossary/deductible/more".to_string(), 404, None),
    ];
    for (path, status, field) in cases {
        let (st, body) = s.get(&c, &path).await;
        assert_eq!(st, status, "{path}: {body}");
        assert!(is_problem(&body), "{path}: {body}");
        if let Some((f, code)) = field {
            assert!(
                field_codes(&body, f).contains(&code.to_string()),
                "{path}: {body}"
            );
        }
    }
    // The search text never reaches a 500, whatever it holds.
    for q in ["%00", "%27%22%3C", "%E2%80%AE", "%25"] {
        let (st, _) = s.get(&c, &format!("/api/v1/glossary?q={q}")).await;
        assert_eq!(st, 200, "{q}");
    }
}

#[tokio::test]
async fn policy_says_the_sign_in_limits_in_force() {
    let s = TestServer::start_with(|c| {
        c.lockout_threshold = 3;
        c.lockout_secs = 20 * 60;
        c.session_idle_secs = 10 * 60;
    })
    .await;
    let (st, policy) = s.get(&s.client(), "/api/v1/policy").await;
    assert_eq!(st, 200);
    assert_eq!(policy["limits"]["lockout_attempts"], 3);
    assert_eq!(policy["limits"]["lockout_minutes"], 20);
    assert_eq!(policy["limits"]["idle_minutes"], 10);
    assert_eq!(policy["limits"]["session_hours"], 12);
}
