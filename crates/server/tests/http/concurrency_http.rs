//! Concurrent writers: read-then-write transactions start as write
//! transactions (`BEGIN IMMEDIATE`), so two servers on one database file
//! and several members saving at once never get "database is locked".

#![allow(clippy::unwrap_used)]

use portal_server::config::Config;
use serde_json::json;

/// Two servers on one database file (as two processes would be).
async fn two_servers() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let mut bases = Vec::new();
    for _ in 0..2 {
        let mut config = Config::for_tests(&url);
        config.static_dir = dir.path().join("dist");
        let state = portal_server::build_state(config).await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        bases.push(format!("http://{}", listener.local_addr().unwrap()));
        tokio::spawn(portal_server::serve(
            listener,
            state,
            std::future::pending(),
        ));
    }
    (dir, bases)
}

async fn signed_in(base: &str, username: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": username, "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{username}");
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_notification_saves_on_two_servers_never_fail() {
    let (_dir, bases) = two_servers().await;
    let users = ["member1", "member2", "secure01", "secure02", "secure03"];
    let mut tasks = Vec::new();
    for (i, username) in users.iter().enumerate() {
        for (j, base) in bases.iter().enumerate() {
            let c = signed_in(base, username).await;
            let url = format!("{base}/api/v1/notifications");
            tasks.push(tokio::spawn(async move {
                let mut statuses = Vec::new();
                for k in 0..12 {
                    let phone = format!("555 555 {:04}", 1000 + i * 100 + j * 20 + k);
                    let body = json!({"email": format!("{i}.{j}@example.com"), "phone": phone, "password": "Demo.Pass1", "alerts": [
                        {"kind": "claim_denied", "email": k % 2 == 0, "text": true, "portal": true},
                    ]});
                    let r = c.put(&url).json(&body).send().await.unwrap();
                    statuses.push(r.status().as_u16());
                }
                statuses
            }));
        }
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    assert_eq!(all.len(), 120);
    let failures: Vec<u16> = all.iter().copied().filter(|s| *s != 200).collect();
    assert!(
        failures.is_empty(),
        "{} of 120 failed: {failures:?}",
        failures.len()
    );
}
