//! Coverage, household boundaries, cross-site protection, bad input and the
//! served app, over HTTP.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use portal_domain::routes::Page;
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
    // The No Surprises Act figures: the plan's own deductibles and maximums.
    let (_, plans) = s.get(&c, "/api/v1/plans").await;
    let current = plans["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == cov["card"]["plan"]["id"])
        .unwrap();
    assert_eq!(
        cov["card"]["limits"]["in_network"],
        current["design"]["in_network"]
    );
    assert_eq!(
        cov["card"]["limits"]["out_of_network"],
        current["design"]["out_of_network"]
    );
    assert_eq!(
        cov["card"]["limits"]["in_network"]["deductible_individual"],
        150_000
    );
    assert!(cov["card"]["website"].as_str().unwrap().contains('.'));
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
async fn serves_the_app_for_every_page_with_its_preloads_and_404_elsewhere() {
    // a dist/ as scripts/build-web.sh writes it: one index.html with the
    // preload placeholder, and the build's directory with its manifest
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("app");
    let build = "0123456789abcdef";
    let pkg = dist.join("pkg").join(build);
    std::fs::create_dir_all(&pkg).unwrap();
    let mut splits = serde_json::Map::new();
    for page in Page::ALL {
        splits.insert(
            page.split().to_string(),
            json!(["chunk_1.wasm", format!("split_{}.wasm", page.split())]),
        );
    }
    std::fs::write(
        pkg.join("manifest.json"),
        json!({ "base": format!("/pkg/{build}"), "main": [], "splits": splits }).to_string(),
    )
    .unwrap();
    std::fs::write(pkg.join("chunk_1.wasm"), b"\0asm").unwrap();
    std::fs::write(
        dist.join("index.html"),
        format!(
            "<html><head><script type=\"module\">boot()</script>\
             <link rel=\"modulepreload\" href=\"/pkg/{build}/portal_web.js\" data-app=\"js\">\
             <meta name=\"app-preloads\"></head><body>the app</body></html>"
        ),
    )
    .unwrap();
    std::fs::write(dist.join("main-0123456789abcdef.css"), "body{}").unwrap();
    let dist2 = dist.clone();
    let app = TestServer::start_with(move |c| c.static_dir = dist2).await;
    let pages = [
        ("/", Page::Dashboard),
        ("/cards", Page::IdCards),
        ("/?member=all", Page::Dashboard),
        ("/alerts", Page::Alerts),
        ("/id-card", Page::IdCards),
        ("/account/notifications", Page::Notifications),
        ("/claims", Page::Claims),
        ("/claims/12", Page::ClaimDetail),
        ("/login", Page::Login),
        ("/login?next=%2Fclaims", Page::Login),
        ("/register", Page::Register),
        ("/unlock", Page::Unlock),
        ("/plans", Page::Plans),
        ("/estimate", Page::Estimate),
        ("/account", Page::Account),
    ];
    for (path, page) in pages {
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
        let body = r.text().await.unwrap();
        assert!(body.contains("the app"), "{path}");
        let preload = format!(
            "<link rel=\"preload\" as=\"fetch\" type=\"application/wasm\" crossorigin href=\"/pkg/{build}/split_{}.wasm\">",
            page.split()
        );
        assert!(body.contains(&preload), "{path}: {body}");
        assert!(!body.contains("app-preloads"), "{path}");
    }
    // Unknown addresses: the app (its not-found page), with 404.
    for path in ["/nowhere", "/claims/1/2", "/accounts"] {
        let r = reqwest::get(app.url(path)).await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body = r.text().await.unwrap();
        assert!(
            body.contains("the app") && !body.contains("split_"),
            "{path}"
        );
    }
    let css = reqwest::get(app.url("/main-0123456789abcdef.css"))
        .await
        .unwrap();
    assert_eq!(
        css.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let chunk = reqwest::get(app.url(&format!("/pkg/{build}/chunk_1.wasm")))
        .await
        .unwrap();
    assert_eq!(chunk.status(), 200);
    assert_eq!(chunk.headers()["content-type"], "application/wasm");
    assert_eq!(
        chunk.headers()["cache-control"],
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
    assert_eq!(
        n, 29,
        "Morgan 4, Rivera 3, Lee 10, Chen 4, Okafor payers 3, Alvarez (legacy) 2, Lindqvist bill payers 3"
    );
}
