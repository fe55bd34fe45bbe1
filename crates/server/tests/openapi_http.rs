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

mod common;

use common::TestServer;
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
        let s = TestServer::start().await;
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

/// The 6-digit code in the newest message to `to`.
async fn code_sent_to(s: &TestServer, to: &str) -> String {
    let (_, list) = s.get(&s.client(), "/api/dev/outbox").await;
    let m = list
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["to"] == to)
        .unwrap()
        .clone();
    let body = m["body"].as_str().unwrap();
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_string()
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
    ] {
        t.call(&anon, "get", path, path, N, None).await;
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
        t.call(&alex, "get", path, path, N, None).await;
    }
    t.call(
        &alex,
        "get",
        "/api/v1/claims",
        "/api/v1/claims?range=all&page_size=5",
        N,
        None,
    )
    .await;
    t.call(
        &alex,
        "get",
        "/api/v1/estimate/search",
        "/api/v1/estimate/search?q=knee%20mri",
        N,
        None,
    )
    .await;
    t.call(
        &alex,
        "get",
        "/api/v1/estimate/providers",
        "/api/v1/estimate/providers?service=73721",
        N,
        None,
    )
    .await;
    let (_, coverage) = t
        .call(
            &alex,
            "get",
            "/api/v1/coverage",
            "/api/v1/coverage",
            N,
            None,
        )
        .await;
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
    t.call(
        &alex,
        "get",
        "/api/v1/members/{id}/card",
        &format!("/api/v1/members/{member}/card"),
        N,
        None,
    )
    .await;
    t.call(
        &alex,
        "get",
        "/api/v1/members/{id}/card.pdf",
        &format!("/api/v1/members/{member}/card.pdf"),
        N,
        None,
    )
    .await;
    let (_, page) = t
        .call(
            &alex,
            "get",
            "/api/v1/claims",
            "/api/v1/claims?page_size=1",
            N,
            None,
        )
        .await;
    let claim = page["items"][0]["id"].clone();
    t.call(
        &alex,
        "get",
        "/api/v1/claims/{id}",
        &format!("/api/v1/claims/{claim}"),
        N,
        None,
    )
    .await;
    let (_, alerts) = t
        .call(&alex, "get", "/api/v1/alerts", "/api/v1/alerts", N, None)
        .await;
    let key = alerts["items"][0]["key"].clone();
    t.call(
        &alex,
        "post",
        "/api/v1/alerts/read",
        "/api/v1/alerts/read",
        J(json!({"keys": [key]})),
        None,
    )
    .await;
    let (_, prefs) = t
        .call(
            &alex,
            "get",
            "/api/v1/notifications",
            "/api/v1/notifications",
            N,
            None,
        )
        .await;
    t.call(
        &alex,
        "put",
        "/api/v1/notifications",
        "/api/v1/notifications",
        J(prefs),
        None,
    )
    .await;
    let (_, plans) = t
        .call(&alex, "get", "/api/v1/plans", "/api/v1/plans", N, None)
        .await;
    let codes = ids_of(&plans["plans"], "id");
    let (a, b) = (codes[1].as_str().unwrap(), codes[2].as_str().unwrap());
    t.call(
        &alex,
        "get",
        "/api/v1/plans/compare",
        &format!("/api/v1/plans/compare?ids={a},{b}"),
        N,
        None,
    )
    .await;
    t.call(
        &alex,
        "post",
        "/api/v1/plans/what-if",
        "/api/v1/plans/what-if",
        J(json!({"plan_ids": [a, b], "preset": "medium"})),
        None,
    )
    .await;
    t.call(
        &alex,
        "post",
        "/api/v1/plans/change",
        "/api/v1/plans/change",
        J(json!({"plan_id": a, "confirm": true})),
        None,
    )
    .await;
    t.call(
        &alex,
        "delete",
        "/api/v1/plans/change",
        "/api/v1/plans/change",
        N,
        None,
    )
    .await;
    t.call(&alex, "post", "/api/v1/estimate", "/api/v1/estimate",
        J(json!({"service": "73721", "provider": "clearpath-imaging", "member": coverage["card"]["member"]["id"], "quantity": 1})), None)
        .await;
    let (_, saved) = t
        .call(
            &alex,
            "post",
            "/api/v1/saved-filters",
            "/api/v1/saved-filters",
            J(json!({"name": "Conformance", "query": "type=pharmacy"})),
            None,
        )
        .await;
    let saved = saved["id"].clone();
    t.call(
        &alex,
        "patch",
        "/api/v1/saved-filters/{id}",
        &format!("/api/v1/saved-filters/{saved}"),
        J(json!({"name": "Renamed"})),
        None,
    )
    .await;
    t.call(
        &alex,
        "delete",
        "/api/v1/saved-filters/{id}",
        &format!("/api/v1/saved-filters/{saved}"),
        N,
        None,
    )
    .await;
    t.call(
        &alex,
        "post",
        "/api/v1/session/keep-alive",
        "/api/v1/session/keep-alive",
        N,
        None,
    )
    .await;
    // Family sharing: Reese (family2) shares with Dana.
    let reese = t.s.signed_in("family2").await;
    let (_, sharing) = t
        .call(
            &reese,
            "get",
            "/api/v1/family/sharing",
            "/api/v1/family/sharing",
            N,
            None,
        )
        .await;
    let dana = sharing["people"][0]["member"].clone();
    t.call(
        &reese,
        "put",
        "/api/v1/family/sharing",
        "/api/v1/family/sharing",
        J(json!({"member": dana, "share": true})),
        None,
    )
    .await;
    // Account changes on a Lee account.
    let lee = t.s.signed_in("secure02").await;
    t.call(
        &lee,
        "put",
        "/api/v1/account/contact",
        "/api/v1/account/contact",
        J(json!({"email": "lee2@example.com", "phone": "", "password": "Demo.Pass1"})),
        None,
    )
    .await;
    t.call(
        &lee,
        "put",
        "/api/v1/account/username",
        "/api/v1/account/username",
        J(json!({"username": "leetwo", "password": "Demo.Pass1"})),
        None,
    )
    .await;
    t.call(&lee, "put", "/api/v1/account/password", "/api/v1/account/password",
        J(json!({"current_password": "Demo.Pass1", "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"})), None).await;
    let other = t.s.signed_in("secure03").await;
    let (_, sessions) = t
        .call(
            &other,
            "get",
            "/api/v1/account/sessions",
            "/api/v1/account/sessions",
            N,
            None,
        )
        .await;
    let sid = sessions[0]["id"].clone();
    let sid = sid
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| sid.to_string());
    let second = t.s.signed_in("secure03").await;
    t.call(
        &second,
        "delete",
        "/api/v1/account/sessions/{id}",
        &format!("/api/v1/account/sessions/{sid}"),
        N,
        None,
    )
    .await;
    t.call(
        &second,
        "post",
        "/api/v1/account/sessions/revoke-all",
        "/api/v1/account/sessions/revoke-all",
        J(json!({"include_current": false})),
        None,
    )
    .await;
    // Two-step: set up, switch on, new recovery codes, sign in with a code, switch off.
    let ts = t.s.signed_in("secure04").await;
    let (_, setup) = t
        .call(
            &ts,
            "post",
            "/api/v1/account/two-step/setup",
            "/api/v1/account/two-step/setup",
            J(json!({})),
            None,
        )
        .await;
    let secret = setup["secret"].as_str().unwrap().to_string();
    let (_, codes) = t
        .call(
            &ts,
            "post",
            "/api/v1/account/two-step/enable",
            "/api/v1/account/two-step/enable",
            J(json!({"code": code_at(&secret, 0)})),
            None,
        )
        .await;
    let (_, codes2) = t
        .call(
            &ts,
            "post",
            "/api/v1/account/two-step/recovery-codes",
            "/api/v1/account/two-step/recovery-codes",
            J(json!({"password": "Demo.Pass1"})),
            None,
        )
        .await;
    let fresh = t.s.client();
    let (st, _) = t
        .call(
            &fresh,
            "post",
            "/api/v1/auth/login",
            "/api/v1/auth/login",
            J(json!({"username": "secure04", "password": "Demo.Pass1"})),
            None,
        )
        .await;
    assert_eq!(st, 202);
    let recovery_code = codes2["codes"][0].clone();
    assert_ne!(codes, codes2);
    t.call(
        &fresh,
        "post",
        "/api/v1/auth/login/two-step",
        "/api/v1/auth/login/two-step",
        J(json!({"code": "", "recovery_code": recovery_code})),
        None,
    )
    .await;
    t.call(
        &ts,
        "post",
        "/api/v1/account/two-step/disable",
        "/api/v1/account/two-step/disable",
        J(json!({"password": "Demo.Pass1", "code": code_at(&secret, 30)})),
        None,
    )
    .await;
    // Registration and sign-out.
    let newcomer = t.s.client();
    t.call(
        &newcomer,
        "post",
        "/api/v1/auth/register",
        "/api/v1/auth/register",
        J(common::jordan("jordan1")),
        None,
    )
    .await;
    t.call(
        &newcomer,
        "post",
        "/api/v1/auth/logout",
        "/api/v1/auth/logout",
        N,
        None,
    )
    .await;
    // Recovery: a code to the contact on file, then a new password, then unlock.
    let who = json!({"member_id": "40050060005", "first_name": "Devon", "last_name": "Lee", "date_of_birth": "1992-05-19"});
    let mut start = who.clone();
    start["purpose"] = json!("password");
    let (_, started) = t
        .call(
            &anon,
            "post",
            "/api/v1/recovery/start",
            "/api/v1/recovery/start",
            J(start),
            None,
        )
        .await;
    let code = code_sent_to(&t.s, "secure05@example.com").await;
    t.call(&anon, "post", "/api/v1/recovery/password", "/api/v1/recovery/password",
        J(json!({"ticket": started["ticket"], "code": code, "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"})), None).await;
    let mut start = who;
    start["purpose"] = json!("unlock");
    let (_, started) = t
        .call(
            &anon,
            "post",
            "/api/v1/recovery/start",
            "/api/v1/recovery/start",
            J(start),
            None,
        )
        .await;
    let code = code_sent_to(&t.s, "secure05@example.com").await;
    t.call(
        &anon,
        "post",
        "/api/v1/recovery/unlock",
        "/api/v1/recovery/unlock",
        J(json!({"ticket": started["ticket"], "code": code})),
        None,
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
