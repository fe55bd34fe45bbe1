//! Connected apps over HTTP, with the test acting as a third-party app:
//! SMART discovery, authorization code with PKCE, consent by the member,
//! token exchange, FHIR reads with paging, refresh rotation, replay
//! revocation, disconnect, and every access rule (scopes, one member per
//! token, redirect URI exact, codes single-use and short-lived).

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const CLIENT: &str = "sample-health-app";
const REDIRECT: &str = "http://127.0.0.1:8765/callback";
const VERIFIER: &str = "k3Gd8dS0aQm1rVxY5tLw9ZcN2pHf7JbE4uXo6iRy0sTq-_.~abc";

fn challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The app's HTTP client: no cookies, no redirects followed.
fn app() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn query_of(url: &str) -> Vec<(String, String)> {
    let q = url.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

fn param(url: &str, name: &str) -> Option<String> {
    query_of(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn authorize_url(s: &TestServer, scope: &str, redirect: &str, challenge: Option<&str>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("response_type", "code")
        .append_pair("client_id", CLIENT)
        .append_pair("redirect_uri", redirect)
        .append_pair("scope", scope)
        .append_pair("state", "xyz-state")
        .append_pair("aud", &s.url("/fhir/r4"));
    if let Some(c) = challenge {
        q.append_pair("code_challenge", c)
            .append_pair("code_challenge_method", "S256");
    }
    s.url(&format!("/oauth/authorize?{}", q.finish()))
}

/// Starts the flow; returns the consent request id.
async fn start(s: &TestServer, scope: &str) -> String {
    let r = app()
        .get(authorize_url(
            s,
            scope,
            REDIRECT,
            Some(&challenge(VERIFIER)),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/authorize?request="), "{location}");
    param(&location, "request").unwrap()
}

/// The member agrees (for `patient`, or themself); returns the redirect.
async fn consent(
    s: &TestServer,
    member: &reqwest::Client,
    request: &str,
    patient: Option<i64>,
) -> String {
    let (status, body) = s
        .post(
            member,
            &format!("/api/v1/oauth/requests/{request}/decision"),
            json!({ "approve": true, "patient_id": patient }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["redirect_to"].as_str().unwrap().to_string()
}

async fn exchange(s: &TestServer, code: &str, verifier: &str, redirect: &str) -> (u16, Value) {
    let r = app()
        .post(s.url("/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("client_id", CLIENT),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    assert_eq!(r.headers()["cache-control"], "no-store");
    (status, r.json().await.unwrap())
}

async fn refresh(s: &TestServer, token: &str) -> (u16, Value) {
    let r = app()
        .post(s.url("/oauth/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", token),
            ("client_id", CLIENT),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn fhir(s: &TestServer, token: &str, path: &str) -> (u16, Value) {
    let url = if path.starts_with("http") {
        path.to_string()
    } else {
        s.url(&format!("/fhir/r4/{path}"))
    };
    let r = app().get(url).bearer_auth(token).send().await.unwrap();
    let status = r.status().as_u16();
    assert_eq!(
        r.headers()["content-type"],
        "application/fhir+json",
        "{path}"
    );
    (status, r.json().await.unwrap())
}

/// A whole connection as member1 for themself; returns the token answer.
async fn connect(s: &TestServer, member: &reqwest::Client, scope: &str) -> Value {
    let request = start(s, scope).await;
    let back = consent(s, member, &request, None).await;
    let code = param(&back, "code").unwrap();
    let (status, tokens) = exchange(s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, 200, "{tokens}");
    tokens
}

/// The amount under adjudication category `code` (never by position).
fn amount(adjudications: &Value, code: &str) -> i64 {
    let found: Vec<&Value> = adjudications
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["category"]["coding"][0]["code"] == code)
        .collect();
    assert_eq!(found.len(), 1, "one {code}");
    (found[0]["amount"]["value"].as_f64().unwrap() * 100.0).round() as i64
}

const FULL: &str = "launch/patient openid fhirUser patient/*.rs offline_access";

#[tokio::test]
async fn an_app_connects_reads_claims_and_is_disconnected() {
    let s = TestServer::start().await;
    // Discovery, without signing in.
    let (status, config) = common_get(&s, "/fhir/r4/.well-known/smart-configuration").await;
    assert_eq!(status, 200);
    assert_eq!(config["token_endpoint"], s.url("/oauth/token"));
    assert_eq!(config["code_challenge_methods_supported"], json!(["S256"]));
    let (status, meta) = fhir(&s, "", "metadata").await;
    assert_eq!(status, 200);
    assert_eq!(meta["resourceType"], "CapabilityStatement");
    assert_eq!(meta["fhirVersion"], "4.0.1");

    let member = s.signed_in("member1").await;
    let request = start(&s, FULL).await;
    // The consent screen says who and what.
    let (status, screen) = s
        .get(&member, &format!("/api/v1/oauth/requests/{request}"))
        .await;
    assert_eq!(status, 200, "{screen}");
    assert_eq!(screen["app"]["name"], "Sample Health Record (demo app)");
    assert_eq!(screen["redirect_host"], "http://127.0.0.1:8765");
    assert_eq!(screen["stays_connected"], true);
    // Three kinds of data; staying connected is its own field.
    assert_eq!(screen["reads"].as_array().unwrap().len(), 3);
    // member1, and the 11-year-old; not the spouse or the 19-year-old.
    let names: Vec<&str> = screen["patients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let back = consent(&s, &member, &request, None).await;
    assert!(back.starts_with(REDIRECT));
    assert_eq!(param(&back, "state").as_deref(), Some("xyz-state"));
    let code = param(&back, "code").unwrap();
    // The request is answered: it cannot be answered again.
    let (status, _) = s
        .post(
            &member,
            &format!("/api/v1/oauth/requests/{request}/decision"),
            json!({ "approve": true }),
        )
        .await;
    assert_eq!(status, 404);

    let (status, tokens) = exchange(&s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 300);
    assert_eq!(
        tokens["scope"],
        "patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs launch/patient offline_access"
    );
    let access = tokens["access_token"].as_str().unwrap().to_string();
    let patient = tokens["patient"].as_str().unwrap().to_string();

    // Patient and Coverage.
    let (status, p) = fhir(&s, &access, &format!("Patient/{patient}")).await;
    assert_eq!(status, 200);
    assert_eq!(p["name"][0]["family"], "Morgan");
    let (status, cov) = fhir(&s, &access, &format!("Coverage?patient=Patient/{patient}")).await;
    assert_eq!(status, 200);
    assert_eq!(cov["total"], 1);
    assert_eq!(
        cov["entry"][0]["resource"]["relationship"]["coding"][0]["code"],
        "self"
    );

    // Every EOB, page by page, equals the member's claims on the portal.
    let member_row: i64 = patient.trim_start_matches('m').parse().unwrap();
    let (_, claims) = s
        .get(
            &member,
            &format!("/api/v1/claims?range=all&member={member_row}&page_size=100"),
        )
        .await;
    let want_total = claims["total"].as_u64().unwrap();
    assert!(want_total > 25, "enough claims to page: {want_total}");
    let mut next = Some(format!("ExplanationOfBenefit?patient={patient}&_count=25"));
    let (mut seen, mut owed, mut billed, mut pages) = (Vec::new(), 0i64, 0i64, 0);
    while let Some(url) = next.take() {
        let (status, bundle) = fhir(&s, &access, &url).await;
        assert_eq!(status, 200, "{bundle}");
        assert_eq!(bundle["type"], "searchset");
        assert_eq!(bundle["total"].as_u64().unwrap(), want_total);
        for e in bundle["entry"].as_array().unwrap() {
            let eob = &e["resource"];
            assert_eq!(eob["patient"]["reference"], format!("Patient/{patient}"));
            seen.push(eob["id"].as_str().unwrap().to_string());
            owed += amount(&eob["total"], "memberliability");
            billed += amount(&eob["total"], "submitted");
        }
        next = bundle["link"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["relation"] == "next")
            .map(|l| l["url"].as_str().unwrap().to_string());
        pages += 1;
    }
    assert_eq!(seen.len() as u64, want_total);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len() as u64, want_total, "no EOB twice across pages");
    assert!(pages >= 2);
    assert_eq!(owed, claims["totals"]["member_owes"].as_i64().unwrap());
    assert_eq!(billed, claims["totals"]["billed"].as_i64().unwrap());

    // Search parameters: type, service-date, _lastUpdated, _id, _include.
    let (_, rx) = fhir(&s, &access, "ExplanationOfBenefit?type=pharmacy&_count=100").await;
    for e in rx["entry"].as_array().unwrap() {
        assert_eq!(e["resource"]["type"]["coding"][0]["code"], "pharmacy");
    }
    let (_, recent) = fhir(
        &s,
        &access,
        "ExplanationOfBenefit?service-date=ge2026-01-01&_count=100",
    )
    .await;
    for e in recent["entry"].as_array().unwrap() {
        assert!(e["resource"]["billablePeriod"]["end"].as_str().unwrap() >= "2026-01-01");
    }
    let (_, updated) = fhir(
        &s,
        &access,
        "ExplanationOfBenefit?_lastUpdated=lt2025-06-01&_count=100",
    )
    .await;
    for e in updated["entry"].as_array().unwrap() {
        assert!(e["resource"]["meta"]["lastUpdated"].as_str().unwrap() < "2025-06-01");
    }
    let one = &seen[0];
    let (_, by_id) = fhir(&s, &access, &format!("ExplanationOfBenefit?_id={one}&_include=ExplanationOfBenefit:patient&_include=ExplanationOfBenefit:provider")).await;
    let modes: Vec<&str> = by_id["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["search"]["mode"].as_str().unwrap())
        .collect();
    assert_eq!(modes, ["match", "include", "include"]);
    // The clinician on the claim: careTeam and its Practitioner.
    let (_, with_team) = fhir(
        &s,
        &access,
        &format!("ExplanationOfBenefit?_id={one}&_include=ExplanationOfBenefit:care-team"),
    )
    .await;
    let entries = with_team["entry"].as_array().unwrap();
    let reference = entries[0]["resource"]["careTeam"][0]["provider"]["reference"]
        .as_str()
        .unwrap()
        .to_string();
    let practitioner = &entries[1]["resource"];
    assert_eq!(practitioner["resourceType"], "Practitioner");
    assert_eq!(
        format!("Practitioner/{}", practitioner["id"].as_str().unwrap()),
        reference
    );
    assert!(portal_domain::provider::identity::npi_valid(
        practitioner["identifier"][0]["value"].as_str().unwrap()
    ));
    let (status, read) = fhir(&s, &access, &format!("ExplanationOfBenefit/{one}")).await;
    assert_eq!(status, 200);
    assert_eq!(read["id"], one.as_str());
    let (status, bad) = fhir(&s, &access, "ExplanationOfBenefit?service-date=yesterday").await;
    assert_eq!(status, 400);
    assert_eq!(bad["resourceType"], "OperationOutcome");
    let (status, _) = fhir(&s, &access, "ExplanationOfBenefit?_count=0").await;
    assert_eq!(status, 400);

    // The member sees it on the account page, with when it last read.
    let (status, list) = s.get(&member, "/api/v1/account/connected-apps").await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["last_used_at"].is_i64());
    assert_eq!(list[0]["patient_name"], "Alex Morgan");

    // Refresh rotation: the new refresh token works; the old one is refused
    // and, being a replay, revokes the connection.
    let first_refresh = tokens["refresh_token"].as_str().unwrap().to_string();
    let (status, renewed) = refresh(&s, &first_refresh).await;
    assert_eq!(status, 200, "{renewed}");
    let second_refresh = renewed["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(first_refresh, second_refresh);
    let (status, _) = fhir(&s, renewed["access_token"].as_str().unwrap(), "Patient").await;
    assert_eq!(status, 200);

    // Disconnect: every token stops at once.
    let id = list[0]["id"].as_i64().unwrap();
    let r = member
        .delete(s.url(&format!("/api/v1/account/connected-apps/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let (status, _) = fhir(&s, &access, "Patient").await;
    assert_eq!(status, 401);
    let (status, _) = fhir(
        &s,
        renewed["access_token"].as_str().unwrap(),
        "ExplanationOfBenefit",
    )
    .await;
    assert_eq!(status, 401);
    let (status, err) = refresh(&s, &second_refresh).await;
    assert_eq!(status, 400);
    assert_eq!(err["error"], "invalid_grant");
    let (_, list) = s.get(&member, "/api/v1/account/connected-apps").await;
    assert_eq!(list, json!([]));
}

async fn common_get(s: &TestServer, path: &str) -> (u16, Value) {
    let r = app().get(s.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn pkce_redirect_uri_and_codes_are_enforced() {
    let s = TestServer::start().await;
    let member = s.signed_in("member1").await;
    // Unknown redirect address: an error page, never a redirect.
    let r = app()
        .get(authorize_url(
            &s,
            FULL,
            "http://127.0.0.1:8765/other",
            Some(&challenge(VERIFIER)),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    // No PKCE: back to the app with invalid_request.
    let r = app()
        .get(authorize_url(&s, FULL, REDIRECT, None))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap();
    assert_eq!(param(location, "error").as_deref(), Some("invalid_request"));
    assert_eq!(param(location, "state").as_deref(), Some("xyz-state"));
    // Nothing readable asked for.
    let r = app()
        .get(authorize_url(
            &s,
            "openid offline_access",
            REDIRECT,
            Some(&challenge(VERIFIER)),
        ))
        .send()
        .await
        .unwrap();
    let location = r.headers()["location"].to_str().unwrap();
    assert_eq!(param(location, "error").as_deref(), Some("invalid_scope"));

    // A wrong verifier or redirect URI is refused.
    let request = start(&s, FULL).await;
    let code = param(&consent(&s, &member, &request, None).await, "code").unwrap();
    let (status, err) = exchange(&s, &code, &format!("{VERIFIER}x"), REDIRECT).await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let request = start(&s, FULL).await;
    let code = param(&consent(&s, &member, &request, None).await, "code").unwrap();
    let (status, err) = exchange(&s, &code, VERIFIER, "http://127.0.0.1:8765/callback/").await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    // A code works once. Eight apps racing with it: at most one token, every
    // other answer invalid_grant, and the replays revoke the connection
    // (RFC 6749 section 4.1.2), so a token issued in the race stops working.
    // Whether the first exchange finishes before a replay revokes the grant
    // is up to timing: both outcomes are safe.
    let request = start(&s, FULL).await;
    let code = param(&consent(&s, &member, &request, None).await, "code").unwrap();
    let tries = (0..8).map(|_| exchange(&s, &code, VERIFIER, REDIRECT));
    let answers = futures::future::join_all(tries).await;
    let ok: Vec<&Value> = answers
        .iter()
        .filter(|(st, _)| *st == 200)
        .map(|(_, b)| b)
        .collect();
    assert!(ok.len() <= 1, "{answers:?}");
    for (status, body) in answers.iter().filter(|(st, _)| *st != 200) {
        assert_eq!(
            (*status, body["error"].as_str()),
            (400, Some("invalid_grant"))
        );
    }
    for token in &ok {
        let (status, _) = fhir(&s, token["access_token"].as_str().unwrap(), "Patient").await;
        assert_eq!(status, 401);
    }
    // Used once, alone: the code then works exactly once.
    let request = start(&s, FULL).await;
    let code = param(&consent(&s, &member, &request, None).await, "code").unwrap();
    let (status, first) = exchange(&s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, 200, "{first}");
    let (status, again) = exchange(&s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    let (status, _) = fhir(&s, first["access_token"].as_str().unwrap(), "Patient").await;
    assert_eq!(status, 401, "the replay revoked the token");

    // Declining sends access_denied back.
    let request = start(&s, FULL).await;
    let (status, body) = s
        .post(
            &member,
            &format!("/api/v1/oauth/requests/{request}/decision"),
            json!({ "approve": false }),
        )
        .await;
    assert_eq!(status, 200);
    let back = body["redirect_to"].as_str().unwrap();
    assert_eq!(param(back, "error").as_deref(), Some("access_denied"));
    assert!(param(back, "code").is_none());

    // Bad token requests.
    let r = app()
        .post(s.url("/oauth/token"))
        .form(&[("grant_type", "password"), ("client_id", CLIENT)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "unsupported_grant_type"
    );
    let r = app()
        .post(s.url("/oauth/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "nobody"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    // Signed out, the consent screen is 401.
    let (status, _) = s
        .get(&s.client(), &format!("/api/v1/oauth/requests/{request}"))
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn scopes_and_the_one_member_rule_hold() {
    let s = TestServer::start().await;
    let member = s.signed_in("member1").await;
    let tokens = connect(&s, &member, "patient/Patient.rs").await;
    let access = tokens["access_token"].as_str().unwrap();
    assert!(
        tokens.get("refresh_token").is_none(),
        "no offline_access, no refresh token"
    );
    let r = app()
        .get(s.url("/fhir/r4/ExplanationOfBenefit"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("insufficient_scope"));

    // A token for member1 never shows anyone else.
    let tokens = connect(&s, &member, "patient/*.rs").await;
    let access = tokens["access_token"].as_str().unwrap();
    let mine = tokens["patient"].as_str().unwrap();
    // Another member of the household (the spouse) and another household (member2).
    let member2 = s.signed_in("member2").await;
    let (_, me2) = s.get(&member2, "/api/v1/me").await;
    let other = format!("m{}", me2["member"]["id"].as_i64().unwrap_or(0));
    for path in [
        format!("Patient/{other}"),
        format!("Coverage/cov{}", &other[1..]),
    ] {
        let (status, body) = fhir(&s, access, &path).await;
        assert_eq!(status, 404, "{path} {body}");
    }
    let (status, bundle) = fhir(
        &s,
        access,
        &format!("ExplanationOfBenefit?patient=Patient/{other}"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(bundle["total"], 0);
    let (_, theirs) = s.get(&member2, "/api/v1/claims?range=all").await;
    let their_claim = theirs["items"][0]["id"].as_i64().unwrap();
    let (status, _) = fhir(&s, access, &format!("ExplanationOfBenefit/c{their_claim}")).await;
    assert_eq!(status, 404);
    let (_, all) = fhir(&s, access, "ExplanationOfBenefit?_count=100").await;
    for e in all["entry"].as_array().unwrap() {
        assert_eq!(
            e["resource"]["patient"]["reference"],
            format!("Patient/{mine}")
        );
    }
    // No token, a forged one: 401 with the bearer challenge.
    for token in ["", "not.a.jwt"] {
        let r = app()
            .get(s.url("/fhir/r4/Patient"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
        assert!(r.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
    }

    // A parent connects an app for their 11-year-old: it reads the child's
    // record only. Someone else cannot be chosen.
    let request = start(&s, "patient/*.rs").await;
    let (_, screen) = s
        .get(&member, &format!("/api/v1/oauth/requests/{request}"))
        .await;
    let child = screen["patients"][1]["id"].as_i64().unwrap();
    let back = consent(&s, &member, &request, Some(child)).await;
    let code = param(&back, "code").unwrap();
    let (_, tokens) = exchange(&s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(tokens["patient"], format!("m{child}"));
    let (_, bundle) = fhir(
        &s,
        tokens["access_token"].as_str().unwrap(),
        "ExplanationOfBenefit?_count=100",
    )
    .await;
    for e in bundle["entry"].as_array().unwrap() {
        assert_eq!(
            e["resource"]["patient"]["reference"],
            format!("Patient/m{child}")
        );
    }
    let request = start(&s, "patient/*.rs").await;
    let (status, body) = s
        .post(
            &member,
            &format!("/api/v1/oauth/requests/{request}/decision"),
            json!({ "approve": true, "patient_id": other[1..].parse::<i64>().unwrap() }),
        )
        .await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn codes_and_access_tokens_are_short_lived() {
    let s = TestServer::start_with(|c| {
        c.oauth_code_ttl_secs = 1;
        c.oauth_access_ttl_secs = 1;
    })
    .await;
    let member = s.signed_in("member1").await;
    let request = start(&s, FULL).await;
    let code = param(&consent(&s, &member, &request, None).await, "code").unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, err) = exchange(&s, &code, VERIFIER, REDIRECT).await;
    assert_eq!(
        (status, err["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let tokens = connect(&s, &member, FULL).await;
    let (status, _) = fhir(&s, tokens["access_token"].as_str().unwrap(), "Patient").await;
    assert_eq!(status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    let (status, _) = fhir(&s, tokens["access_token"].as_str().unwrap(), "Patient").await;
    assert_eq!(status, 401);
    // The refresh token still renews it.
    let (status, renewed) = refresh(&s, tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    let (status, _) = fhir(&s, renewed["access_token"].as_str().unwrap(), "Patient").await;
    assert_eq!(status, 200);
}
