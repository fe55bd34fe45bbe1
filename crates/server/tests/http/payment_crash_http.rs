//! The crash between the gateway's approval and the database commit
//! (issue 15): the server process is killed with SIGKILL right there
//! (`--fail-point pause-after-charge` holds the request at that point), then
//! started again on the same database. Start-up reconciliation asks the
//! gateway about the unfinished intent, and the member ends with exactly
//! one charge, a pending payment, the statement covered and a balanced
//! ledger; a retry with the same key gets the same receipt.

#![allow(clippy::unwrap_used)]

use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn(db_url: &str, port: u16, fail_point: bool, dir: &std::path::Path) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal-server"));
    cmd.args([
        "--addr",
        &format!("127.0.0.1:{port}"),
        "--database-url",
        db_url,
        "--demo",
        "--demo-perf-claims",
        "0",
        "--today",
        portal_server::config::Config::TEST_TODAY,
        "--static-dir",
        "/nonexistent",
        "--signin-delay-after",
        "0",
        "--payments-worker-secs",
        "0",
        "--outbox-file",
    ])
    .arg(dir.join("outbox.jsonl"))
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    if fail_point {
        cmd.args(["--fail-point", "pause-after-charge"]);
    }
    cmd.spawn().unwrap()
}

async fn wait_ready(base: &str) {
    let c = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(r) = c.get(format!("{base}/api/health")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not start");
}

async fn signed_in(base: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "payer1", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    c
}

#[tokio::test]
async fn a_kill_between_charge_and_commit_ends_with_one_charge_and_a_consistent_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("crash.db").display());
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = spawn(&db_url, port, true, dir.path());
    wait_ready(&base).await;
    let c = signed_in(&base).await;
    let token: Value = c
        .post(format!("{base}/sandbox-gateway/v1/tokens"))
        .json(
            &json!({"card": {"name": "Riley Okafor", "number": "4242424242424242", "exp_month": 12,
            "exp_year": 2030, "cvc": "123", "postal_code": "62704"}}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let method: Value = c
        .post(format!("{base}/api/v1/billing/methods"))
        .json(&json!({"token": token["token"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let billing: Value = c
        .get(format!("{base}/api/v1/billing"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let statement = billing["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "grace_period")
        .cloned()
        .unwrap();
    let amount = statement["balance"].as_i64().unwrap();
    let body = json!({"idempotency_key": "crash-key-0000000001", "statement_ids": [statement["id"]],
        "amount": amount, "method_id": method["id"]});
    // The request stops after the gateway approved; the client gives up.
    let pay = c
        .post(format!("{base}/api/v1/billing/payments"))
        .timeout(Duration::from_secs(3))
        .json(&body)
        .send()
        .await;
    assert!(pay.is_err(), "the fail point should have held the request");
    let pool = sqlx::SqlitePool::connect(&db_url).await.unwrap();
    let charged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(charged, 1, "the gateway charged before the kill");
    let status: String = sqlx::query_scalar(
        "SELECT status FROM payments WHERE idempotency_key = 'crash-key-0000000001'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(status, "intent", "nothing was committed after the charge");
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();

    // Restarted without the fail point: reconciliation finishes the payment.
    let mut server = spawn(&db_url, port, false, dir.path());
    wait_ready(&base).await;
    let c = signed_in(&base).await;
    let status: String = sqlx::query_scalar(
        "SELECT status FROM payments WHERE idempotency_key = 'crash-key-0000000001'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(status, "pending");
    let r = c
        .post(format!("{base}/api/v1/billing/payments"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let receipt: Value = r.json().await.unwrap();
    assert_eq!(receipt["status"], "pending");
    let charged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(charged, 1, "exactly one charge");
    let billing: Value = c
        .get(format!("{base}/api/v1/billing"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let after = billing["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == statement["id"])
        .cloned()
        .unwrap();
    assert_eq!(after["balance"], 0);
    assert_eq!(after["status"], "processing");
    let unbalanced: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT txn FROM ledger GROUP BY txn HAVING SUM(amount_cents) != 0)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(unbalanced, 0);
    let clearing: i64 = sqlx::query_scalar("SELECT SUM(amount_cents) FROM ledger WHERE account = 'clearing:payments' AND household_id = 11")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(clearing, amount, "the pending payment is in clearing once");
    server.kill().unwrap();
    server.wait().unwrap();
}
