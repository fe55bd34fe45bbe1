//! Coverage, household boundaries, cross-site protection, bad input and the
//! served app, over HTTP.

#![allow(clippy::unwrap_used)]

mod common;

use common::TestServer;
use portal_domain::entries::Entry;
use serde_json::json;

#[tokio::test]
async fn coverage_shows_own_card_and_household() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (status, cov) = s.get(&c, "/api/v1/coverage").await;
    assert_eq!(status, 200);
    assert_eq!(cov["card"]["plan"]["name"], "Evergreen Silver PPO 2026");
    assert_eq!(cov["card"]["member"]["member_id"], "100200300*01");
    assert_eq!(cov["card"]["copays"][0]["amount"], 2500);
    let names: Vec<&str> = cov["household"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["first_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alex", "Jordan", "Casey", "Riley"]);
    assert!(
        cov.to_string().find("ssn").is_none() && cov.to_string().find("4821").is_none(),
        "no SSN leaks"
    );
}

#[tokio::test]
async fn another_households_member_is_not_found() {
    let s = TestServer::start().await;
    let alex = s.signed_in("member1").await;
    let sam = s.signed_in("member2").await;
    let (_, alex_cov) = s.get(&alex, "/api/v1/coverage").await;
    let (_, sam_cov) = s.get(&sam, "/api/v1/coverage").await;
    let jordan_id = alex_cov["household"][1]["id"].as_i64().unwrap();
    let taylor_id = sam_cov["household"][1]["id"].as_i64().unwrap();
    assert_eq!(
        s.get(&alex, &format!("/api/v1/members/{jordan_id}/card"))
            .await
            .0,
        200
    );
    let (status, p) = s
        .get(&alex, &format!("/api/v1/members/{taylor_id}/card"))
        .await;
    assert_eq!(status, 404);
    assert_eq!(p["type"], "/problems/not-found");
    // the same answer as a member that does not exist
    let (_, missing) = s.get(&alex, "/api/v1/members/999999/card").await;
    assert_eq!(p, missing);
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let s = TestServer::start().await;
    let c = s.client();
    let body = json!({"username": "member1", "password": "Demo.Pass1"});
    let evil = c
        .post(s.url("/api/v1/auth/login"))
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), 403);
    let fetch_site = c
        .post(s.url("/api/v1/auth/login"))
        .header("sec-fetch-site", "cross-site")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_site.status(), 403);
    let same = c
        .post(s.url("/api/v1/auth/login"))
        .header("origin", s.base.clone())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), 200);
}

#[tokio::test]
async fn allowed_origin_is_accepted() {
    let s =
        TestServer::start_with(|c| c.allowed_origins = vec!["http://127.0.0.1:8080".into()]).await;
    let r = s
        .client()
        .post(s.url("/api/v1/auth/login"))
        .header("origin", "http://127.0.0.1:8080")
        .json(&json!({"username": "member1", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn bad_input_is_4xx_problem_never_500() {
    let s = TestServer::start().await;
    let c = s.client();
    let signed = s.signed_in("member1").await;
    let big = "x".repeat(100 * 1024);
    let cases: Vec<(reqwest::RequestBuilder, u16)> = vec![
        (
            c.post(s.url("/api/v1/auth/login"))
                .header("content-type", "application/json")
                .body("{not json"),
            400,
        ),
        (
            c.post(s.url("/api/v1/auth/login"))
                .header("content-type", "application/json")
                .body(r#"{"username": 5}"#),
            422,
        ),
        (c.post(s.url("/api/v1/auth/login")).body("username=a"), 415),
        (
            c.post(s.url("/api/v1/auth/register"))
                .header("content-type", "application/json")
                .body(format!(r#"{{"username":"{big}"}}"#)),
            413,
        ),
        (
            c.post(s.url("/api/v1/auth/register"))
                .json(&json!({"method": "telepathy"})),
            422,
        ),
        (signed.get(s.url("/api/v1/members/abc/card")), 400),
        (c.get(s.url("/api/v1/nothing-here")), 404),
        (c.delete(s.url("/api/v1/me")), 405),
        (
            c.post(s.url("/api/v1/auth/login"))
                .json(&json!({"username": "member2", "password": "x".repeat(5000)})),
            401,
        ),
    ];
    for (i, (req, want)) in cases.into_iter().enumerate() {
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), want, "case {i}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "case {i}"
        );
        let p: serde_json::Value = r.json().await.unwrap();
        assert_eq!(p["status"], want, "case {i}");
    }
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = TestServer::start().await;
    for path in ["/api/health", "/api/v1/policy", "/api/nothing", "/"] {
        let r = reqwest::get(s.url(path)).await.unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["referrer-policy"], "no-referrer");
    }
    let r = reqwest::get(s.url("/api/v1/policy")).await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn serves_each_entry_page_for_its_routes_with_hashed_boot_script() {
    // a dist/ as scripts/build-web.sh writes it: the member entry at the root,
    // the others in entries/<name>/, one of them with an inline boot script
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("app");
    for entry in Entry::ALL {
        let dir = dist.join(entry.dir());
        std::fs::create_dir_all(&dir).unwrap();
        let name = if entry.dir().is_empty() {
            "member"
        } else {
            entry.dir()
        };
        let boot = if entry == Entry::Member {
            "<script type=\"module\">boot()</script>"
        } else {
            ""
        };
        std::fs::write(dir.join("index.html"), format!("<html>{boot}{name}</html>")).unwrap();
    }
    std::fs::write(dist.join("main-0123456789abcdef.css"), "body{}").unwrap();
    let dist2 = dist.clone();
    let app = TestServer::start_with(move |c| c.static_dir = dist2).await;
    for (path, entry) in [
        ("/", "member"),
        ("/cards", "member"),
        ("/?member=all", "member"),
        ("/alerts", "member"),
        ("/id-card", "member"),
        ("/account/notifications", "entries/account"),
        ("/nowhere", "member"),
        ("/claims", "entries/claims"),
        ("/claims/12", "entries/claims"),
        ("/login", "entries/signin"),
        ("/login?next=%2Fclaims", "entries/signin"),
        ("/register", "entries/signin"),
        ("/unlock", "entries/recovery"),
        ("/plans", "entries/plans"),
        ("/estimate", "entries/plans"),
        ("/account", "entries/account"),
    ] {
        let r = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            r.url().as_str(),
            app.url(path),
            "{path}: served in place, never redirected"
        );
        assert_eq!(r.headers()["cache-control"], "no-cache");
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("'sha256-"), "{csp}");
        assert!(r.text().await.unwrap().contains(entry), "{path}");
    }
    let css = reqwest::get(app.url("/main-0123456789abcdef.css"))
        .await
        .unwrap();
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // unknown API paths are never the app
    let api = reqwest::get(app.url("/api/v1/unknown")).await.unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
}

#[tokio::test]
async fn openapi_document_lists_every_endpoint() {
    let s = TestServer::start().await;
    let (status, doc) = s.get(&s.client(), "/api/openapi.json").await;
    assert_eq!(status, 200);
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/register",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/policy",
        "/api/v1/coverage",
        "/api/v1/members/{id}/card",
        "/api/health",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
    assert!(doc["components"]["schemas"].get("ProblemDetails").is_some());
}

#[tokio::test]
async fn demo_seed_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("d.db").display());
    let cfg = portal_server::config::Config::for_tests(&url);
    let first = portal_server::build_state(cfg.clone()).await.unwrap();
    assert!(
        !portal_server::demo::seed_if_empty(&first.db, 0, first.clock.today())
            .await
            .unwrap()
    );
    drop(first);
    let again = portal_server::build_state(cfg).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members")
        .fetch_one(&again.db)
        .await
        .unwrap();
    assert_eq!(n, 21, "Morgan 4, Rivera 3, Lee 10, Chen 4");
}
