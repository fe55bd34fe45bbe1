//! A real server on a loopback port with a fresh demo database, per test.

#![allow(dead_code, clippy::unwrap_used)]

use portal_server::config::Config;
use serde_json::{json, Value};
use std::path::Path;
use tempfile::TempDir;

/// A running test server.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    _dir: TempDir,
}

impl TestServer {
    /// Starts a server with the demo data and default configuration.
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// Starts a server after adjusting the configuration.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let mut config = Config::for_tests(&url);
        config.static_dir = dir.path().join("dist");
        adjust(&mut config);
        let state = portal_server::build_state(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(portal_server::serve(
            listener,
            state,
            std::future::pending(),
        ));
        Self { base, _dir: dir }
    }

    /// The temporary directory (for a static `dist/`).
    pub fn dir(&self) -> &Path {
        self._dir.path()
    }

    /// Absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client with its own cookie jar (a browser).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    }

    /// POSTs JSON; returns status and body.
    pub async fn post(&self, c: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
        let r = c.post(self.url(path)).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        if status >= 400 {
            let ct = r.headers()["content-type"].to_str().unwrap().to_string();
            assert_eq!(ct, "application/problem+json", "{path} {status}");
        }
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// PUTs JSON; returns status and body.
    pub async fn put(&self, c: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
        let r = c.put(self.url(path)).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// A sign-in's whole response (for its headers).
    pub async fn login_response(
        &self,
        c: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        c.post(self.url("/api/v1/auth/login"))
            .json(&json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap()
    }

    /// GETs; returns status and JSON body.
    pub async fn get(&self, c: &reqwest::Client, path: &str) -> (u16, Value) {
        let r = c.get(self.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Signs a new client in.
    pub async fn signed_in(&self, username: &str) -> reqwest::Client {
        let c = self.client();
        let (s, _) = self.login(&c, username, "Demo.Pass1").await;
        assert_eq!(s, 200);
        c
    }

    /// Attempts a sign-in.
    pub async fn login(&self, c: &reqwest::Client, username: &str, password: &str) -> (u16, Value) {
        self.post(
            c,
            "/api/v1/auth/login",
            json!({"username": username, "password": password}),
        )
        .await
    }
}

/// The `Retry-After` seconds of a response.
pub fn retry_after(r: &reqwest::Response) -> u64 {
    r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Every `Set-Cookie` header of a response.
pub fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// A valid registration body for Jordan Morgan (eligible, unregistered).
pub fn jordan(username: &str) -> Value {
    json!({
        "method": "identity",
        "member_id": "10020030002",
        "date_of_birth": "1986-07-22",
        "ssn_last4": "3390",
        "username": username,
        "password": "Sunny.Day7",
        "confirm_password": "Sunny.Day7",
        "accept_terms": true
    })
}

/// The codes of the errors on one field of a problem.
pub fn field_codes(problem: &Value, field: &str) -> Vec<String> {
    problem["errors"][field]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The demo outbox (`/api/dev/outbox`), newest first.
pub async fn outbox(s: &TestServer) -> Vec<Value> {
    let (st, list) = s.get(&s.client(), "/api/dev/outbox").await;
    assert_eq!(st, 200);
    list.as_array().unwrap().clone()
}

/// The newest message to `to`, if any.
pub async fn last_to(s: &TestServer, to: &str) -> Option<Value> {
    outbox(s).await.into_iter().find(|m| m["to"] == to)
}

/// The 6-digit code in a message of `kind`.
pub fn code_in(message: &Value, kind: &str) -> String {
    assert_eq!(message["kind"], kind, "{message}");
    let body = message["body"].as_str().unwrap();
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap()
        .to_string()
}
