//! OpenAPI conformance (issue 11): the document at `/api/openapi.json` is
//! checked against what the running server answers.
//!
//! * Every route the router serves is in the document, and every operation
//!   in the document is served (`portal_server::app::api_routes` is the list
//!   the router is built from).
//! * Every documented operation is called on a test server: once as it is
//!   meant to be used (a 2xx answer), and in the ways the middleware refuses
//!   (no session, another site's Origin, a body that is not JSON, a body of
//!   the wrong type, a path parameter of the wrong type). Each answer's
//!   status must be documented for that operation, its media type must be
//!   the documented one (errors: `application/problem+json`), and a JSON
//!   body must validate against the documented schema (JSON Schema 2020-12,
//!   as OpenAPI 3.1 uses, with the `jsonschema` crate).

#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::TestServer;
use portal_server::auth::totp;
use reqwest::header::{CONTENT_TYPE, ORIGIN};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Calls the server and checks each answer against the document.
struct Conformance {
    s: TestServer,
    doc: Value,
    /// Every answer's status, by (method, path template).
    answered: BTreeMap<(String, String), BTreeSet<u16>>,
    failures: Vec<String>,
}

/// What a request carries.
enum Body {
    None,
    Json(Value),
    /// Text sent as `text/plain` (the API wants JSON: 415).
    Text,
}

impl Conformance {
    async fn start() -> Self {
        let s = TestServer::start_with(|c| {
            c.two_step_resend_gap_secs = 0;
            c.demo_directory = true;
        })
        .await;
        let (status, doc) = s.get(&s.client(), "/api/openapi.json").await;
        assert_eq!(status, 200);
        Self {
            s,
            doc,
            answered: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    /// Calls `method path` (an instance of `template`) and checks the answer.
    async fn call(
        &mut self,
        c: &reqwest::Client,
        method: &str,
        template: &str,
        path: &str,
        body: Body,
        origin: Option<&str>,
    ) -> (u16, Value) {
        let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let mut req = c.request(m, self.s.url(path));
        if let Some(o) = origin {
            req = req.header(ORIGIN, o);
        }
        req = match body {
            Body::None => req,
            Body::Json(v) => req.json(&v),
            Body::Text => req.header(CONTENT_TYPE, "text/plain").body("hello"),
        };
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let media = r
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().to_string());
        let bytes = r.bytes().await.unwrap();
        let json: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        self.answered
            .entry((method.to_string(), template.to_string()))
            .or_default()
            .insert(status);
        self.check(method, template, status, media.as_deref(), &bytes, &json);
        (status, json)
    }

    fn check(
        &mut self,
        method: &str,
        template: &str,
        status: u16,
        media: Option<&str>,
        bytes: &[u8],
        json: &Value,
    ) {
        let at = format!("{} {template} -> {status}", method.to_uppercase());
        let Some(op) = self.doc["paths"][template].get(method) else {
            self.failures
                .push(format!("{at}: operation not documented"));
            return;
        };
        let Some(response) = op["responses"].get(status.to_string()) else {
            self.failures
                .push(format!("{at}: status not documented ({json})"));
            return;
        };
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            if !bytes.is_empty() {
                self.failures
                    .push(format!("{at}: a body is sent but none is documented"));
            }
            return;
        };
        let Some(media) = media else {
            self.failures.push(format!("{at}: no Content-Type"));
            return;
        };
        let Some(media_doc) = content.get(media) else {
            let documented: Vec<_> = content.keys().collect();
            self.failures
                .push(format!("{at}: sent {media}, documented {documented:?}"));
            return;
        };
        if status >= 400 && media != "application/problem+json" {
            self.failures
                .push(format!("{at}: an error that is not problem+json"));
        }
        if !media.ends_with("json") {
            return;
        }
        let Some(schema) = media_doc.get("schema") else {
            return;
        };
        let mut root = schema.clone();
        root.as_object_mut()
            .unwrap()
            .insert("components".into(), self.doc["components"].clone());
        let validator = match jsonschema::draft202012::new(&root) {
            Ok(v) => v,
            Err(e) => {
                self.failures
                    .push(format!("{at}: schema does not compile: {e}"));
                return;
            }
        };
        let errors: Vec<String> = validator
            .iter_errors(json)
            .take(3)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if !errors.is_empty() {
            self.failures.push(format!("{at}: {}", errors.join("; ")));
        }
    }

    /// Calls `method path` (its template found in the document: the path
    /// without its query, with `{...}` standing for one segment) and checks
    /// the answer.
    async fn req(
        &mut self,
        c: &reqwest::Client,
        method: &str,
        path: &str,
        body: Body,
    ) -> (u16, Value) {
        let template = self.template_of(method, path);
        self.call(c, method, &template, path, body, None).await
    }

    /// The documented template of a concrete path.
    fn template_of(&self, method: &str, path: &str) -> String {
        let bare = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = bare.split('/').collect();
        let paths = self.doc["paths"].as_object().unwrap();
        if paths
            .get(bare)
            .is_some_and(|item| item.get(method).is_some())
        {
            return bare.to_string();
        }
        paths
            .iter()
            .filter(|(_, item)| item.get(method).is_some())
            .map(|(t, _)| t)
            .find(|t| {
                let ts: Vec<&str> = t.split('/').collect();
                ts.len() == segments.len()
                    && ts
                        .iter()
                        .zip(&segments)
                        .all(|(a, b)| a == b || (a.starts_with('{') && !b.is_empty()))
            })
            .cloned()
            .unwrap_or_else(|| bare.to_string())
    }

    /// Every operation in the document: (method, path template).
    fn operations(&self) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                out.insert((method.clone(), path.clone()));
            }
        }
        out
    }
}

#[test]
fn every_route_is_documented_and_every_documented_operation_is_served() {
    let doc = portal_server::openapi::document();
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert((method.clone(), path.clone()));
        }
    }
    let served: BTreeSet<(String, String)> = portal_server::app::api_routes(true)
        .into_iter()
        .map(|(m, p)| (m.as_str().to_lowercase(), p))
        .collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "served but not documented: {undocumented:?}; documented but not served: {unserved:?}"
    );
}

#[test]
fn enums_are_documented_in_the_casing_the_api_sends() {
    let doc = portal_server::openapi::document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas {
        let Some(values) = schema["enum"].as_array() else {
            continue;
        };
        for v in values {
            let v = v.as_str().unwrap();
            assert!(
                !v.chars().next().unwrap().is_uppercase(),
                "{name}: {v} (the API sends snake_case codes)"
            );
        }
    }
    assert_eq!(schemas["ClaimStatus"]["enum"][1], "in_process");
    assert_eq!(schemas["CoverageTier"]["enum"][0], "member_only");
}

fn ids_of(v: &Value, key: &str) -> Vec<Value> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x[key].clone())
        .collect()
}

fn code_at(secret: &str, offset: i64) -> String {
    let t = u64::try_from(chrono::Utc::now().timestamp() + offset).unwrap();
    totp::generate(secret, t).unwrap()
}

/// The 6-digit code in the newest message to `to` (of any kind).
async fn code_sent_to(s: &TestServer, to: &str) -> String {
    let m = common::last_to(s, to).await.unwrap();
    let kind = m["kind"].as_str().unwrap().to_string();
    common::code_in(&m, &kind)
}

/// The 6-digit code in the newest message of `kind` to `to`.
async fn code_of(s: &TestServer, to: &str, kind: &str) -> String {
    common::code_in(&common::last_to(s, to).await.unwrap(), kind)
}

#[tokio::test]
async fn every_operation_answers_as_documented() {
    let mut t = Conformance::start().await;
    let anon = t.s.client();
    let alex = t.s.signed_in("member1").await;
    // The checker itself: a body that breaks the schema is caught.
    t.check(
        "get",
        "/api/v1/me",
        200,
        Some("application/json"),
        b"{}",
        &json!({"username": 5}),
    );
    t.check(
        "get",
        "/api/v1/me",
        418,
        Some("application/json"),
        b"{}",
        &json!({}),
    );
    t.check(
        "get",
        "/api/v1/me",
        401,
        Some("application/json"),
        b"{}",
        &json!({}),
    );
    assert_eq!(t.failures.len(), 3, "{:?}", t.failures);
    t.failures.clear();

    // ---- Each operation used as meant (2xx), its answer checked. ----
    use Body::{Json as J, None as N};
    for path in [
        "/api/health",
        "/api/openapi.json",
        "/api/v1/policy",
        "/api/dev/outbox",
        "/api/v1/help/contacts",
        "/api/v1/glossary",
        "/api/v1/glossary?q=deductible",
        "/api/v1/glossary/deductible",
        // Refused: documented problems.
        "/api/v1/glossary?nope=1",
        "/api/v1/glossary/Not_A_Slug",
        "/api/v1/glossary/no-such-term",
    ] {
        t.req(&anon, "get", path, N).await;
    }
    for path in [
        "/api/v1/me",
        "/api/v1/session",
        "/api/v1/account",
        "/api/v1/account/history",
        "/api/v1/account/two-step",
        "/api/v1/dashboard",
        "/api/v1/alerts/count",
        "/api/v1/notifications",
        "/api/v1/family/sharing",
        "/api/v1/claims/export.csv",
        "/api/v1/saved-filters",
        "/api/v1/plans/last-year-use",
        "/api/v1/plans/change",
        "/api/v1/accumulators",
        "/api/v1/estimate/services",
    ] {
        t.req(&alex, "get", path, N).await;
    }
    t.req(&alex, "get", "/api/v1/claims?range=all&page_size=5", N)
        .await;
    t.req(&alex, "get", "/api/v1/estimate/search?q=knee%20mri", N)
        .await;
    t.req(&alex, "get", "/api/v1/estimate/providers?service=73721", N)
        .await;
    let (_, coverage) = t.req(&alex, "get", "/api/v1/coverage", N).await;
    let member = coverage["household"][0]["id"].clone();
    let member = if member.is_null() {
        coverage["card"]["member"]["id"].clone()
    } else {
        member
    };
    let member = member
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| member.to_string());
    t.req(&alex, "get", &format!("/api/v1/members/{member}/card"), N)
        .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/members/{member}/card.pdf"),
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/members/{member}/card.png"),
        N,
    )
    .await;
    let (_, page) = t.req(&alex, "get", "/api/v1/claims?page_size=1", N).await;
    let claim = page["items"][0]["id"].clone();
    t.req(&alex, "get", &format!("/api/v1/claims/{claim}"), N)
        .await;
    t.req(&alex, "get", &format!("/api/v1/claims/{claim}/eob.pdf"), N)
        .await;
    t.req(&alex, "get", "/api/v1/claims/999999/eob.pdf", N)
        .await;
    t.req(
        &alex,
        "get",
        "/api/v1/claims/statement.pdf?type=pharmacy",
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        "/api/v1/claims/statement.pdf?member=999999",
        N,
    )
    .await;
    let (_, cov) = t.req(&alex, "get", "/api/v1/coverage", N).await;
    let me = cov["card"]["member"]["id"].clone();
    t.req(
        &alex,
        "post",
        &format!("/api/v1/members/{me}/card/shares"),
        J(json!({"days": 0})),
    )
    .await;
    let (_, share) = t
        .req(
            &alex,
            "post",
            &format!("/api/v1/members/{me}/card/shares"),
            J(json!({"days": 3})),
        )
        .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/members/{me}/card/shares"),
        N,
    )
    .await;
    t.req(&alex, "get", "/api/v1/members/999999/card/shares", N)
        .await;
    t.req(
        &alex,
        "delete",
        &format!("/api/v1/card-shares/{}", share["id"]),
        N,
    )
    .await;
    t.req(&alex, "delete", "/api/v1/card-shares/999999", N)
        .await;
    // Connected apps: a request started as the sample app would, its
    // consent screen, an invalid and a valid answer, the list, disconnect.
    let app = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let authorize = {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("response_type", "code")
            .append_pair("client_id", "sample-health-app")
            .append_pair("redirect_uri", "http://127.0.0.1:8765/callback")
            .append_pair("scope", "patient/*.rs")
            .append_pair("aud", &t.s.url("/fhir/r4"))
            .append_pair(
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            )
            .append_pair("code_challenge_method", "S256");
        t.s.url(&format!("/oauth/authorize?{}", q.finish()))
    };
    let started = app.get(authorize).send().await.unwrap();
    let location = started.headers()["location"].to_str().unwrap().to_string();
    let request = location.split("request=").nth(1).unwrap().to_string();
    t.req(
        &alex,
        "get",
        &format!("/api/v1/oauth/requests/{request}"),
        N,
    )
    .await;
    t.req(&alex, "get", "/api/v1/oauth/requests/unknown", N)
        .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/oauth/requests/{request}/decision"),
        J(json!({"approve": true, "patient_id": 999999})),
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/oauth/requests/{request}/decision"),
        J(json!({"approve": true})),
    )
    .await;
    let (_, apps) = t
        .req(&alex, "get", "/api/v1/account/connected-apps", N)
        .await;
    t.req(
        &alex,
        "delete",
        &format!("/api/v1/account/connected-apps/{}", apps[0]["id"]),
        N,
    )
    .await;
    t.req(&alex, "delete", "/api/v1/account/connected-apps/999999", N)
        .await;
    // Download all my data: queued (202), then in progress (409) or, if the
    // worker was quick, a second one (202); the archive ready or not yet.
    let (_, export) = t
        .req(&alex, "post", "/api/v1/account/data-exports", N)
        .await;
    let export = export["id"].clone();
    t.req(&alex, "post", "/api/v1/account/data-exports", N)
        .await;
    t.req(&alex, "get", "/api/v1/account/data-exports", N).await;
    // The provider directory: a search, a bad option (400), one listing.
    let (_, found) = t
        .req(
            &alex,
            "get",
            "/api/v1/directory/providers?q=pediatrician&zip=98103&within=25&language=es",
            N,
        )
        .await;
    t.req(&alex, "get", "/api/v1/directory/providers?zip=10001", N)
        .await;
    t.req(&alex, "get", "/api/v1/plans/my-providers", N).await;
    let listing = found["providers"][0]["id"].clone();
    t.req(
        &alex,
        "get",
        &format!("/api/v1/directory/providers/{listing}"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/directory/providers/{listing}/reports"),
        Body::Json(json!({"problem": "phone", "details": "Rings a fax machine."})),
    )
    .await;
    let (_, record) = t
        .req(
            &alex,
            "post",
            &format!("/api/v1/directory/providers/{listing}/records"),
            N,
        )
        .await;
    let record_href = record["pdf_href"].as_str().unwrap_or_default().to_string();
    t.req(&alex, "get", &record_href, N).await;
    let (_, doc) = t
        .req(
            &alex,
            "get",
            "/api/v1/directory/providers?q=Maya%20Ellison&within=25",
            N,
        )
        .await;
    let clinician = doc["providers"]
        .as_array()
        .and_then(|l| l.iter().find(|p| p["kind"] == "practitioner"))
        .map(|p| p["id"].clone())
        .unwrap_or(Value::Null);
    t.req(
        &alex,
        "post",
        &format!("/api/v1/members/{me}/pcp"),
        Body::Json(json!({"listing_id": clinician})),
    )
    .await;
    // Virtual visits: the page, providers (and a bad option), open times,
    // an on-demand booking (joinable at once), its calendar file, a move
    // attempt to a time not offered (400), a move and a cancel.
    t.req(&alex, "get", "/api/v1/care/virtual", N).await;
    let (_, vproviders) = t
        .req(
            &alex,
            "get",
            "/api/v1/care/virtual/providers?benefit=urgent_care",
            N,
        )
        .await;
    t.req(&alex, "get", "/api/v1/care/virtual/providers?benefit=x", N)
        .await;
    let vprovider = vproviders["providers"][0]["id"].clone();
    let (_, vslots) = t
        .req(
            &alex,
            "get",
            &format!("/api/v1/care/virtual/providers/{vprovider}/slots"),
            N,
        )
        .await;
    let (first, second) = (
        vslots["slots"][0]["starts_at"].clone(),
        vslots["slots"][1]["starts_at"].clone(),
    );
    let (_, vvisit) = t
        .req(
            &alex,
            "post",
            "/api/v1/care/virtual/visits",
            Body::Json(json!({"provider_id": vprovider, "member_id": me, "starts_at": first})),
        )
        .await;
    t.req(
        &alex,
        "post",
        "/api/v1/care/virtual/visits",
        Body::Json(json!({"provider_id": vprovider, "member_id": me, "starts_at": first})),
    )
    .await;
    let vref = vvisit["reference"]
        .as_str()
        .unwrap_or("VV-NONE")
        .to_string();
    t.req(
        &alex,
        "get",
        &format!("/api/v1/care/virtual/visits/{vref}"),
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/care/virtual/visits/{vref}/calendar.ics"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/care/virtual/visits/{vref}/join"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/care/virtual/visits/{vref}/move"),
        Body::Json(json!({"starts_at": 1})),
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/care/virtual/visits/{vref}/move"),
        Body::Json(json!({"starts_at": second})),
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/care/virtual/visits/{vref}/cancel"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/care/virtual/visits/{vref}/join"),
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/account/data-exports/{export}"),
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        &format!("/api/v1/account/data-exports/{export}/archive.zip"),
        N,
    )
    .await;
    // Once the worker has built it: 200.
    for _ in 0..600 {
        let e: Value = alex
            .get(t.s.url(&format!("/api/v1/account/data-exports/{export}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if e["status"] == "ready" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    t.req(
        &alex,
        "get",
        &format!("/api/v1/account/data-exports/{export}/archive.zip"),
        N,
    )
    .await;
    t.req(
        &alex,
        "get",
        "/api/v1/account/data-exports/999999/archive.zip",
        N,
    )
    .await;
    let (_, alerts) = t.req(&alex, "get", "/api/v1/alerts", N).await;
    let key = alerts["items"][0]["key"].clone();
    t.req(
        &alex,
        "post",
        "/api/v1/alerts/read",
        J(json!({"keys": [key]})),
    )
    .await;
    let (_, prefs) = t.req(&alex, "get", "/api/v1/notifications", N).await;
    t.req(&alex, "put", "/api/v1/notifications", J(prefs)).await;
    let (_, plans) = t.req(&alex, "get", "/api/v1/plans", N).await;
    let codes = ids_of(&plans["plans"], "id");
    let (a, b) = (codes[1].as_str().unwrap(), codes[2].as_str().unwrap());
    t.req(
        &alex,
        "get",
        &format!("/api/v1/plans/compare?ids={a},{b}"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        "/api/v1/plans/what-if",
        J(json!({"plan_ids": [a, b], "preset": "medium"})),
    )
    .await;
    t.req(
        &alex,
        "post",
        "/api/v1/plans/change",
        J(json!({"plan_id": a, "confirm": true})),
    )
    .await;
    t.req(&alex, "delete", "/api/v1/plans/change", N).await;
    t.req(&alex, "post", "/api/v1/estimate", J(json!({"service": "73721", "provider": "clearpath-imaging", "member": coverage["card"]["member"]["id"], "quantity": 1})))
        .await;
    let (_, saved) = t
        .req(
            &alex,
            "post",
            "/api/v1/saved-filters",
            J(json!({"name": "Conformance", "query": "type=pharmacy"})),
        )
        .await;
    let saved = saved["id"].clone();
    t.req(
        &alex,
        "patch",
        &format!("/api/v1/saved-filters/{saved}"),
        J(json!({"name": "Renamed"})),
    )
    .await;
    t.req(
        &alex,
        "delete",
        &format!("/api/v1/saved-filters/{saved}"),
        N,
    )
    .await;
    // Legacy first sign-in (issue 12).
    let legacy = t.s.client();
    t.req(
        &legacy,
        "post",
        "/api/v1/auth/legacy",
        J(json!({"username": "patalv"})),
    )
    .await;
    t.req(
        &legacy,
        "post",
        "/api/v1/auth/login",
        J(json!({"username": portal_server::demo::LEGACY_PINS[0].0, "password": portal_server::demo::LEGACY_PINS[0].1})),
    )
    .await;
    t.req(
        &legacy,
        "post",
        "/api/v1/auth/legacy",
        J(json!({"username": "pa"})),
    )
    .await;
    t.req(
        &legacy,
        "post",
        "/api/v1/auth/legacy",
        J(json!({"username": "patalv", "password": "Garden.Path9", "confirm_password": "Garden.Path9", "accept_terms": true})),
    )
    .await;
    // Healthcare providers (issue 13).
    let office = t.s.client();
    t.req(
        &office,
        "post",
        "/api/v1/provider/register",
        J(
            json!({"registrant": "provider", "provider_id": "70030040001", "tax_id": "41-5550123",
            "date_of_birth": "1979-02-11", "username": "harborvw", "password": "heart2026beat",
            "confirm_password": "heart2026beat", "accept_terms": true}),
        ),
    )
    .await;
    t.req(
        &office,
        "post",
        "/api/v1/provider/register",
        J(
            json!({"registrant": "provider", "provider_id": "70030040001", "tax_id": "41-5550123",
            "date_of_birth": "1979-02-12", "username": "harborv2", "password": "heart2026beat",
            "confirm_password": "heart2026beat", "accept_terms": true}),
        ),
    )
    .await;
    t.req(
        &t.s.client(),
        "post",
        "/api/v1/provider/recovery/start",
        J(
            json!({"purpose": "password", "registrant": "provider", "provider_id": "70010020001",
            "tax_id": "41-1234567", "date_of_birth": "1971-05-14"}),
        ),
    )
    .await;
    let cedar = t.s.signed_in("provider1").await;
    t.req(
        &cedar,
        "post",
        "/api/v1/provider/eligibility",
        J(json!({"member_id": "10020030001", "date_of_birth": "1984-03-14"})),
    )
    .await;
    t.req(
        &cedar,
        "post",
        "/api/v1/provider/eligibility",
        J(json!({"member_id": "10020030001", "date_of_birth": "1984-03-15"})),
    )
    .await;
    t.req(
        &cedar,
        "post",
        "/api/v1/provider/claims/search",
        J(json!({"status": "paid"})),
    )
    .await;
    t.req(
        &cedar,
        "post",
        "/api/v1/provider/claims/search",
        J(json!({"npi": "1234567890"})),
    )
    .await;
    t.req(&cedar, "get", "/api/v1/provider/remittances", N)
        .await;
    t.req(&cedar, "get", "/api/v1/provider/remittances.csv", N)
        .await;
    t.req(&cedar, "get", "/api/v1/policy?role=provider", N)
        .await;
    t.req(&cedar, "get", "/api/v1/policy?role=nobody", N).await;
    // Premium billing (issue 15), as payer1.
    let riley = t.s.signed_in("payer1").await;
    let (_, billing) = t.req(&riley, "get", "/api/v1/billing", N).await;
    let statement = billing["statements"][0]["id"].clone();
    t.req(
        &riley,
        "get",
        &format!("/api/v1/billing/statements/{statement}/statement.pdf"),
        N,
    )
    .await;
    // Another household's statement: 404.
    let jesse = t.s.signed_in("payer2").await;
    t.req(
        &jesse,
        "get",
        &format!("/api/v1/billing/statements/{statement}/statement.pdf"),
        N,
    )
    .await;
    let card = |number: &str| json!({"card": {"name": "Riley Okafor", "number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123", "postal_code": "62704"}});
    let mut methods = Vec::new();
    for number in [
        "4242424242424242",
        "4000000000009995",
        "4000000000000119",
        "5555555555554444",
    ] {
        let (_, token) =
            t.s.post(&riley, "/sandbox-gateway/v1/tokens", card(number))
                .await;
        let (_, m) = t
            .req(
                &riley,
                "post",
                "/api/v1/billing/methods",
                J(json!({"token": token["token"]})),
            )
            .await;
        methods.push(m["id"].clone());
    }
    t.req(
        &riley,
        "post",
        "/api/v1/billing/methods",
        J(json!({"token": "sbx_tok_unknown"})),
    )
    .await;
    let past_due = billing["statements"][1].clone();
    let next = billing["statements"][0].clone();
    let pay = |key: &str, s: &Value, method: &Value| {
        J(
            json!({"idempotency_key": key, "statement_ids": [s["id"]], "amount": s["balance"], "method_id": method}),
        )
    };
    t.req(
        &riley,
        "post",
        "/api/v1/billing/payments",
        pay("conformance-decline-1", &past_due, &methods[1]),
    )
    .await;
    t.req(
        &riley,
        "post",
        "/api/v1/billing/payments",
        pay("conformance-lost-0001", &past_due, &methods[2]),
    )
    .await;
    t.req(
        &riley,
        "post",
        "/api/v1/billing/payments",
        pay("conformance-other-001", &past_due, &methods[0]),
    )
    .await;
    let (_, receipt) = t
        .req(
            &riley,
            "post",
            "/api/v1/billing/payments",
            pay("conformance-lost-0001", &past_due, &methods[2]),
        )
        .await;
    t.req(
        &riley,
        "post",
        "/api/v1/billing/payments",
        J(json!({"idempotency_key": "x", "statement_ids": [], "amount": 0, "method_id": 0})),
    )
    .await;
    let txn = receipt["transaction_id"]
        .as_str()
        .unwrap_or("PMT-NONE")
        .to_string();
    t.req(&riley, "get", &format!("/api/v1/billing/payments/{txn}"), N)
        .await;
    t.req(&riley, "get", "/api/v1/billing/payments/PMT-NONE", N)
        .await;
    t.req(
        &riley,
        "put",
        "/api/v1/billing/autopay",
        J(json!({"method_id": methods[0], "consent": true})),
    )
    .await;
    t.req(
        &riley,
        "put",
        "/api/v1/billing/autopay",
        J(json!({"method_id": methods[0], "consent": false})),
    )
    .await;
    t.req(
        &riley,
        "post",
        "/api/v1/billing/autopay/skip",
        J(json!({"statement_id": next["id"], "skip": true})),
    )
    .await;
    t.req(
        &riley,
        "post",
        "/api/v1/billing/autopay/skip",
        J(json!({"statement_id": past_due["id"], "skip": true})),
    )
    .await;
    t.req(
        &riley,
        "delete",
        &format!("/api/v1/billing/methods/{}", methods[0]),
        N,
    )
    .await;
    t.req(&riley, "delete", "/api/v1/billing/autopay", N).await;
    t.req(
        &riley,
        "delete",
        &format!("/api/v1/billing/methods/{}", methods[3]),
        N,
    )
    .await;
    t.req(&riley, "delete", "/api/v1/billing/methods/999999", N)
        .await;
    t.req(
        &alex,
        "post",
        "/api/v1/billing/payments",
        pay("conformance-member1-1", &past_due, &methods[0]),
    )
    .await;
    let jamie = t.s.signed_in("member3").await;
    t.req(
        &jamie,
        "post",
        "/api/v1/billing/payments",
        pay("conformance-member3-1", &past_due, &methods[0]),
    )
    .await;
    t.req(
        &anon,
        "post",
        "/api/dev/payments/advance",
        J(json!({"days": 1})),
    )
    .await;
    t.req(
        &anon,
        "post",
        "/api/dev/payments/advance",
        J(json!({"days": -1})),
    )
    .await;
    // What members owe providers (issue 15), as billpay1.
    let morgan = t.s.signed_in("billpay1").await;
    let (_, bills) = t.req(&morgan, "get", "/api/v1/billing/providers", N).await;
    let mut open: Vec<Value> = bills["bills"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|b| {
            b["status"] == "due" || b["status"] == "past_due" || b["status"] == "partly_paid"
        })
        .collect();
    let mut card_ids = Vec::new();
    for number in ["4242424242424242", "4000000000000002"] {
        let (_, token) =
            t.s.post(&morgan, "/sandbox-gateway/v1/tokens", card(number))
                .await;
        let (_, m) = t
            .req(
                &morgan,
                "post",
                "/api/v1/billing/methods",
                J(json!({"token": token["token"]})),
            )
            .await;
        card_ids.push(m["id"].clone());
    }
    let first = open.remove(0);
    for (key, method) in [
        ("conf-bill-decline-001", &card_ids[1]),
        ("conf-bill-pay-000001", &card_ids[0]),
    ] {
        t.req(
            &morgan,
            "post",
            "/api/v1/billing/providers/payments",
            J(json!({"idempotency_key": key, "bill_ids": [first["id"]], "amount": first["balance"], "method_id": method})),
        )
        .await;
    }
    t.req(
        &morgan,
        "post",
        "/api/v1/billing/providers/payments",
        J(json!({"idempotency_key": "conf-bill-pay-000002", "bill_ids": [first["id"]], "amount": 100, "method_id": card_ids[0]})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        "/api/v1/billing/providers/payments",
        J(json!({"idempotency_key": "x", "bill_ids": [], "amount": 0, "method_id": 0})),
    )
    .await;
    let ids: Vec<Value> = open.iter().map(|b| b["id"].clone()).collect();
    let (_, plan) = t
        .req(
            &morgan,
            "post",
            "/api/v1/billing/providers/plans",
            J(json!({"idempotency_key": "conf-plan-00000000001", "bill_ids": ids, "months": 2, "method_id": card_ids[0], "consent": true})),
        )
        .await;
    t.req(
        &morgan,
        "post",
        "/api/v1/billing/providers/plans",
        J(json!({"idempotency_key": "conf-plan-00000000002", "bill_ids": ids, "months": 20, "method_id": card_ids[0], "consent": false})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        "/api/v1/billing/providers/plans",
        J(json!({"idempotency_key": "conf-plan-00000000003", "bill_ids": ids, "months": 2, "method_id": card_ids[0], "consent": true})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        &format!("/api/v1/billing/providers/{}/dispute", ids[ids.len() - 1]),
        J(json!({"reason": "wrong_amount", "details": "Not what my explanation of benefits says."})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        &format!("/api/v1/billing/providers/{}/dispute", ids[ids.len() - 1]),
        J(json!({"reason": "other", "details": "short"})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        &format!("/api/v1/billing/providers/{}/dispute", ids[ids.len() - 1]),
        J(json!({"reason": "other", "details": "A second dispute of the same bill."})),
    )
    .await;
    t.req(
        &morgan,
        "post",
        "/api/v1/billing/providers/999999/dispute",
        J(json!({"reason": "other", "details": "Nothing is there at all."})),
    )
    .await;
    t.req(
        &morgan,
        "delete",
        &format!("/api/v1/billing/providers/plans/{}", plan["id"]),
        N,
    )
    .await;
    t.req(
        &morgan,
        "delete",
        "/api/v1/billing/providers/plans/999999",
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        "/api/v1/billing/providers/plans",
        J(json!({"idempotency_key": "conf-plan-00000000004", "bill_ids": [1], "months": 2, "method_id": 1, "consent": true})),
    )
    .await;
    t.req(&alex, "post", "/api/v1/session/keep-alive", N).await;
    // Family sharing: Reese (family2) shares with Dana.
    let reese = t.s.signed_in("family2").await;
    let (_, sharing) = t.req(&reese, "get", "/api/v1/family/sharing", N).await;
    let dana = sharing["people"][0]["member"].clone();
    t.req(
        &reese,
        "put",
        "/api/v1/family/sharing",
        J(json!({"member": dana, "share": true})),
    )
    .await;
    // Account changes on a Lee account.
    let lee = t.s.signed_in("secure02").await;
    t.req(
        &lee,
        "put",
        "/api/v1/account/contact",
        J(json!({"email": "lee2@example.com", "phone": "", "password": "Demo.Pass1"})),
    )
    .await;
    t.req(
        &lee,
        "put",
        "/api/v1/account/username",
        J(json!({"username": "leetwo", "password": "Demo.Pass1"})),
    )
    .await;
    t.req(&lee, "put", "/api/v1/account/password", J(json!({"current_password": "Demo.Pass1", "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"}))).await;
    let other = t.s.signed_in("secure03").await;
    let (_, sessions) = t.req(&other, "get", "/api/v1/account/sessions", N).await;
    let sid = sessions[0]["id"].clone();
    let sid = sid
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| sid.to_string());
    let second = t.s.signed_in("secure03").await;
    t.req(
        &second,
        "delete",
        &format!("/api/v1/account/sessions/{sid}"),
        N,
    )
    .await;
    t.req(
        &second,
        "post",
        "/api/v1/account/sessions/revoke-all",
        J(json!({"include_current": false})),
    )
    .await;
    // Two-step: set up, switch on, new recovery codes, sign in with a code, switch off.
    let ts = t.s.signed_in("secure04").await;
    let (_, setup) = t
        .req(&ts, "post", "/api/v1/account/two-step/setup", J(json!({})))
        .await;
    let secret = setup["secret"].as_str().unwrap().to_string();
    let (_, codes) = t
        .req(
            &ts,
            "post",
            "/api/v1/account/two-step/enable",
            J(json!({"code": code_at(&secret, 0)})),
        )
        .await;
    let (_, codes2) = t
        .req(
            &ts,
            "post",
            "/api/v1/account/two-step/recovery-codes",
            J(json!({"password": "Demo.Pass1"})),
        )
        .await;
    let fresh = t.s.client();
    let (st, _) = t
        .req(
            &fresh,
            "post",
            "/api/v1/auth/login",
            J(json!({"username": "secure04", "password": "Demo.Pass1"})),
        )
        .await;
    assert_eq!(st, 202);
    let recovery_code = codes2["codes"][0].clone();
    assert_ne!(codes, codes2);
    t.req(
        &fresh,
        "post",
        "/api/v1/auth/login/two-step",
        J(json!({"code": "", "recovery_code": recovery_code})),
    )
    .await;
    t.req(
        &ts,
        "post",
        "/api/v1/account/two-step/disable",
        J(json!({"password": "Demo.Pass1", "code": code_at(&secret, 30)})),
    )
    .await;
    // Two-step by email: set up, switch on, sign in (and a new code), switch off.
    let te = t.s.signed_in("secure06").await;
    t.req(
        &te,
        "post",
        "/api/v1/account/two-step/code-setup",
        J(json!({"method": "email", "destination": "secure06@example.com"})),
    )
    .await;
    let code = code_of(&t.s, "secure06@example.com", "two_step_code").await;
    t.req(
        &te,
        "post",
        "/api/v1/account/two-step/enable",
        J(json!({"code": code})),
    )
    .await;
    let other = t.s.client();
    let (st, _) = t
        .req(
            &other,
            "post",
            "/api/v1/auth/login",
            J(json!({"username": "secure06", "password": "Demo.Pass1"})),
        )
        .await;
    assert_eq!(st, 202);
    t.req(&other, "post", "/api/v1/auth/login/two-step/resend", N)
        .await;
    let code = code_of(&t.s, "secure06@example.com", "two_step_code").await;
    t.req(
        &other,
        "post",
        "/api/v1/auth/login/two-step",
        J(json!({"code": code})),
    )
    .await;
    t.req(&te, "post", "/api/v1/account/two-step/send-code", N)
        .await;
    let code = code_of(&t.s, "secure06@example.com", "two_step_code").await;
    t.req(
        &te,
        "post",
        "/api/v1/account/two-step/disable",
        J(json!({"password": "Demo.Pass1", "code": code})),
    )
    .await;
    // Registration and sign-out.
    let newcomer = t.s.client();
    t.req(
        &newcomer,
        "post",
        "/api/v1/auth/register",
        J(common::jordan("jordan1")),
    )
    .await;
    t.req(&newcomer, "post", "/api/v1/auth/logout", N).await;
    // Recovery: a code to the contact on file, then a new password, then unlock.
    let who = json!({"member_id": "40050060005", "first_name": "Devon", "last_name": "Lee", "date_of_birth": "1992-05-19"});
    let mut start = who.clone();
    start["purpose"] = json!("password");
    let (_, started) = t
        .req(&anon, "post", "/api/v1/recovery/start", J(start))
        .await;
    let code = code_sent_to(&t.s, "secure05@example.com").await;
    t.req(&anon, "post", "/api/v1/recovery/password", J(json!({"ticket": started["ticket"], "code": code, "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"}))).await;
    let mut start = who;
    start["purpose"] = json!("unlock");
    let (_, started) = t
        .req(&anon, "post", "/api/v1/recovery/start", J(start))
        .await;
    let code = code_sent_to(&t.s, "secure05@example.com").await;
    t.req(
        &anon,
        "post",
        "/api/v1/recovery/unlock",
        J(json!({"ticket": started["ticket"], "code": code})),
    )
    .await;

    // Secure messages (issue 12): a member's thread with a file, staff's inbox.
    let png = {
        use base64::Engine;
        let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        v.extend_from_slice(&[0u8; 16]);
        base64::engine::general_purpose::STANDARD.encode(v)
    };
    t.req(&alex, "get", "/api/v1/messages", N).await;
    t.req(&alex, "get", "/api/v1/messages/claims", N).await;
    let (_, created) = t
        .req(
            &alex,
            "post",
            "/api/v1/messages",
            J(
                json!({"topic": "claims", "subject": "A claim", "body": "Why?",
                     "attachment": {"filename": "a.png", "content_base64": png}}),
            ),
        )
        .await;
    let thread = created["id"].as_i64().unwrap();
    let (_, view) = t
        .req(&alex, "get", &format!("/api/v1/messages/{thread}"), N)
        .await;
    let file = view["messages"][0]["attachment"]["id"].as_i64().unwrap();
    t.req(
        &alex,
        "get",
        &format!("/api/v1/messages/{thread}/attachments/{file}"),
        N,
    )
    .await;
    t.req(
        &alex,
        "post",
        &format!("/api/v1/messages/{thread}/replies"),
        J(json!({"body": "More."})),
    )
    .await;
    t.req(
        &anon,
        "post",
        "/api/v1/support/technical",
        J(json!({"email": "pat@example.com", "subject": "Blank", "body": "Nothing shows."})),
    )
    .await;
    let desk = t.s.client();
    t.s.login(&desk, "support1", portal_server::demo::SUPPORT_PASSWORD)
        .await;
    let secret = portal_server::demo::SUPPORT_ACCOUNTS[0].1;
    t.req(
        &desk,
        "post",
        "/api/v1/auth/login/two-step",
        J(json!({"code": code_at(secret, 0), "recovery_code": ""})),
    )
    .await;
    t.req(&desk, "get", "/api/v1/support/threads?topic=claims", N)
        .await;
    t.req(
        &desk,
        "get",
        &format!("/api/v1/support/threads/{thread}"),
        N,
    )
    .await;
    t.req(
        &desk,
        "get",
        &format!("/api/v1/support/threads/{thread}/attachments/{file}"),
        N,
    )
    .await;
    t.req(
        &desk,
        "post",
        &format!("/api/v1/support/threads/{thread}/replies"),
        J(json!({"body": "Here is why."})),
    )
    .await;
    t.req(
        &desk,
        "put",
        &format!("/api/v1/support/threads/{thread}/assignee"),
        J(json!({"assignee": "support2"})),
    )
    .await;
    t.req(
        &desk,
        "post",
        &format!("/api/v1/support/threads/{thread}/close"),
        N,
    )
    .await;

    // ---- The ways the middleware refuses, for every operation. ----
    let fresh_user = t.s.signed_in("member2").await;
    for (method, template) in t.operations() {
        let op = t.doc["paths"][&template][&method].clone();
        let has_body = op.get("requestBody").is_some();
        let path = template.replace("{id}", "999999");
        let public = op.get("security").is_none();
        if !public {
            let (st, _) = t
                .call(
                    &anon,
                    &method,
                    &template,
                    &path,
                    if has_body { J(json!({})) } else { N },
                    None,
                )
                .await;
            if st != 401 {
                t.failures.push(format!(
                    "{method} {template}: {st} without a session, not 401"
                ));
            }
        }
        if method == "get" {
            continue;
        }
        let (st, _) = t
            .call(
                &fresh_user,
                &method,
                &template,
                &path,
                if has_body { J(json!({})) } else { N },
                Some("http://evil.example"),
            )
            .await;
        if st != 403 {
            t.failures.push(format!(
                "{method} {template}: {st} for another site's Origin, not 403"
            ));
        }
        if has_body {
            t.call(&fresh_user, &method, &template, &path, Body::Text, None)
                .await;
            t.call(
                &fresh_user,
                &method,
                &template,
                &path,
                J(json!([1, 2])),
                None,
            )
            .await;
            t.call(&fresh_user, &method, &template, &path, J(json!({})), None)
                .await;
        }
        if template.contains("{id}") {
            let bad = template.replace("{id}", "not-a-number");
            t.call(
                &fresh_user,
                &method,
                &template,
                &bad,
                if has_body { J(json!({})) } else { N },
                None,
            )
            .await;
        }
    }

    // Every operation answered at least once as meant.
    let never_ok: Vec<_> = t
        .operations()
        .into_iter()
        .filter(|k| {
            !t.answered
                .get(k)
                .is_some_and(|s| s.iter().any(|c| (200..300).contains(c)))
        })
        .map(|k| format!("{} {}: {:?}", k.0, k.1, t.answered.get(&k)))
        .collect();
    assert!(
        never_ok.is_empty() && t.failures.is_empty(),
        "never answered 2xx: {never_ok:#?}\n{} nonconformities:\n{}",
        t.failures.len(),
        t.failures.join("\n")
    );
}
