//! Premium billing over HTTP (issue 15): statements from the ledger,
//! tokenization that keeps card numbers away from the portal, payments that
//! happen once (double clicks, retries, two tabs, a lost answer), declines,
//! posting and returns on the sandbox's calendar, autopay, credits, and who
//! may see and pay what.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use serde_json::{json, Value};

const CARD_OK: &str = "4242 4242 4242 4242";

async fn db(server: &TestServer) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", server.dir().join("test.db").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

fn card(number: &str) -> Value {
    json!({"card": {"name": "Riley Okafor", "number": number, "exp_month": 12, "exp_year": 2030,
        "cvc": "123", "postal_code": "62704"}})
}

/// Tokenizes a card at the sandbox processor and saves it: the method id.
async fn saved(server: &TestServer, c: &reqwest::Client, body: Value) -> i64 {
    let (s, token) = server.post(c, "/sandbox-gateway/v1/tokens", body).await;
    assert_eq!(s, 201, "{token}");
    let (s, method) = server
        .post(
            c,
            "/api/v1/billing/methods",
            json!({"token": token["token"]}),
        )
        .await;
    assert_eq!(s, 201, "{method}");
    method["id"].as_i64().unwrap()
}

async fn billing(server: &TestServer, c: &reqwest::Client) -> Value {
    let (s, b) = server.get(c, "/api/v1/billing").await;
    assert_eq!(s, 200, "{b}");
    b
}

/// The open statement that is past due (the demo's overdue one).
fn past_due(b: &Value) -> Value {
    b["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "grace_period")
        .cloned()
        .unwrap()
}

fn pay_body(key: &str, statement: &Value, amount: i64, method: i64) -> Value {
    json!({"idempotency_key": key, "statement_ids": [statement["id"]], "amount": amount, "method_id": method})
}

/// Every ledger transaction adds up to zero, and every statement's balance
/// is its charge less what applied to it.
async fn ledger_balanced(pool: &sqlx::SqlitePool) {
    let unbalanced: Vec<(String, i64)> = sqlx::query_as(
        "SELECT txn, SUM(amount_cents) FROM ledger GROUP BY txn HAVING SUM(amount_cents) != 0",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(unbalanced.is_empty(), "{unbalanced:?}");
    let negative: Vec<(String, i64)> = sqlx::query_as(
        "SELECT account, SUM(amount_cents) FROM ledger WHERE account LIKE 'premium:%' GROUP BY account HAVING SUM(amount_cents) < 0",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(negative.is_empty(), "overpaid statements: {negative:?}");
}

#[tokio::test]
async fn statements_come_from_the_ledger_with_status_and_grace_period() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    let b = billing(&server, &c).await;
    assert_eq!(b["can_pay"], true);
    let statements = b["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 3);
    let statuses: Vec<&str> = statements
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["due", "grace_period", "paid"]);
    let amount = statements[0]["amount"].as_i64().unwrap();
    assert!(amount > 0);
    assert_eq!(b["due_now"].as_i64().unwrap(), 2 * amount);
    assert_eq!(b["grace"], "31 days");
    // The grace period ends 31 days after the due date.
    let due = chrono::NaiveDate::parse_from_str(statements[1]["due"].as_str().unwrap(), "%Y-%m-%d")
        .unwrap();
    assert_eq!(
        statements[1]["grace_ends"],
        (due + chrono::Duration::days(31)).to_string()
    );
    // The paid one was paid by a check that posted.
    assert_eq!(b["payments"][0]["method"], "Check");
    assert_eq!(b["payments"][0]["status"], "posted");
    assert!(b["mail"]["memo"].as_str().unwrap().contains("611700800*01"));
    // The dashboard shows the same figure as the statement.
    let (_, dash) = server.get(&c, "/api/v1/dashboard").await;
    assert_eq!(dash["premium"]["amount"].as_i64().unwrap(), amount);
}

#[tokio::test]
async fn card_numbers_are_checked_and_never_reach_the_portal() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    for (body, field, code) in [
        (card("4242 4242 4242 4241"), "number", "number.check_digit"),
        (card("3530 1113 3330 0000"), "number", "number.brand"),
        (
            json!({"card": {"name": "R", "number": CARD_OK, "exp_month": 1, "exp_year": 2020, "cvc": "123", "postal_code": "62704"}}),
            "exp_year",
            "exp_year.past",
        ),
        (
            json!({"card": {"name": "R", "number": CARD_OK, "exp_month": 1, "exp_year": 2030, "cvc": "12", "postal_code": "62704"}}),
            "cvc",
            "cvc.format",
        ),
        (
            json!({"bank": {"name": "R", "routing": "011000016", "account": "12345678", "account_type": "checking"}}),
            "routing",
            "routing.checksum",
        ),
        (
            json!({"bank": {"name": "R", "routing": "011000015", "account": "12", "account_type": "checking"}}),
            "account",
            "account.format",
        ),
    ] {
        let (s, p) = server.post(&c, "/sandbox-gateway/v1/tokens", body).await;
        assert_eq!(s, 400, "{p}");
        assert_eq!(p["errors"][field][0]["code"], code, "{p}");
    }
    let (s, p) = server
        .post(
            &c,
            "/api/v1/billing/methods",
            json!({"token": "sbx_tok_nothing"}),
        )
        .await;
    assert_eq!(s, 400);
    assert_eq!(p["errors"]["token"][0]["code"], "token.unknown");
    saved(&server, &c, card(CARD_OK)).await;
    saved(
        &server,
        &c,
        json!({"bank": {"name": "Riley Okafor", "routing": "011000015", "account": "000123456789", "account_type": "checking"}}),
    )
    .await;
    let b = billing(&server, &c).await;
    let labels: Vec<&str> = b["methods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Visa ending 4242", "Checking account ending 6789"]);
    // The portal's tables hold tokens and last fours only.
    let pool = db(&server).await;
    let stored: Vec<(String, String)> = sqlx::query_as("SELECT token, last4 FROM payment_methods")
        .fetch_all(&pool)
        .await
        .unwrap();
    for (token, last4) in stored {
        assert!(token.starts_with("sbx_tok_"));
        assert_eq!(last4.len(), 4);
    }
    let dump: Vec<(String,)> = sqlx::query_as(
        "SELECT group_concat(token || last4 || coalesce(brand, '')) FROM sandbox_tokens",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!dump[0].0.contains("4242424242424242"));
    assert!(!dump[0].0.contains("000123456789"));
}

#[tokio::test]
async fn paying_the_past_due_premium_once_clears_the_alert() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    let method = saved(&server, &c, card(CARD_OK)).await;
    let (_, alerts) = server.get(&c, "/api/v1/alerts").await;
    assert!(alerts.to_string().contains("Premium overdue"));
    let b = billing(&server, &c).await;
    let s = past_due(&b);
    let amount = s["balance"].as_i64().unwrap();
    let body = pay_body("key-0000000000000001", &s, amount, method);
    let (st, receipt) = server
        .post(&c, "/api/v1/billing/payments", body.clone())
        .await;
    assert_eq!(st, 201, "{receipt}");
    assert_eq!(receipt["status"], "pending");
    assert_eq!(receipt["method"], "Visa ending 4242");
    assert_eq!(receipt["applied"][0]["amount"].as_i64().unwrap(), amount);
    let txn = receipt["transaction_id"].as_str().unwrap().to_string();
    assert!(txn.starts_with("PMT-"));
    // The same key again is the same payment.
    let (st, again) = server.post(&c, "/api/v1/billing/payments", body).await;
    assert_eq!(st, 201);
    assert_eq!(again["transaction_id"], txn.as_str());
    let b = billing(&server, &c).await;
    let paid = b["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == s["id"])
        .unwrap()
        .clone();
    assert_eq!(paid["status"], "processing");
    assert_eq!(paid["balance"], 0);
    let (_, alerts) = server.get(&c, "/api/v1/alerts").await;
    let text = alerts.to_string();
    assert!(!text.contains("Premium overdue"), "{text}");
    assert!(text.contains(&format!("transaction ID {txn}")), "{text}");
    // Receipt by transaction id.
    let (st, r) = server
        .get(&c, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(r["transaction_id"], txn.as_str());
    // The next business day it posts.
    let (st, _) = server
        .post(&c, "/api/dev/payments/advance", json!({"days": 3}))
        .await;
    assert_eq!(st, 200);
    let (_, r) = server
        .get(&c, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(r["status"], "posted");
    let b = billing(&server, &c).await;
    let paid = b["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == s["id"])
        .unwrap()
        .clone();
    assert_eq!(paid["status"], "paid");
    assert_eq!(paid["paid"].as_i64().unwrap(), amount);
    let pool = db(&server).await;
    let charges: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(charges, 1);
    ledger_balanced(&pool).await;
    let events: Vec<String> = sqlx::query_scalar("SELECT event FROM payment_events ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(events, ["method_added", "intent", "approved", "posted"]);
}

#[tokio::test]
async fn declines_say_why_and_leave_the_statement_open() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer2").await;
    let s = past_due(&billing(&server, &c).await);
    for (i, (number, code)) in [
        ("4000 0000 0000 9995", "payment.insufficient_funds"),
        ("4000 0000 0000 0069", "payment.expired_card"),
        ("4000 0000 0000 0002", "payment.do_not_honor"),
    ]
    .into_iter()
    .enumerate()
    {
        let method = saved(&server, &c, card(number)).await;
        let body = pay_body(&format!("decline-key-000000{i}"), &s, 100, method);
        let (st, p) = server
            .post(&c, "/api/v1/billing/payments", body.clone())
            .await;
        assert_eq!(st, 402, "{p}");
        assert_eq!(p["type"], "/problems/payment-declined");
        assert_eq!(p["errors"]["method_id"][0]["code"], code);
        assert!(p["detail"]
            .as_str()
            .unwrap()
            .contains("Nothing was charged"));
        // The same key again: the same answer, no second attempt at the bank.
        let (st, _) = server.post(&c, "/api/v1/billing/payments", body).await;
        assert_eq!(st, 402);
    }
    let b = billing(&server, &c).await;
    assert_eq!(past_due(&b)["balance"], s["balance"]);
    let pool = db(&server).await;
    let tries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(tries, 3);
    ledger_balanced(&pool).await;
}

#[tokio::test]
async fn a_double_click_and_concurrent_retries_charge_once() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    let method = saved(&server, &c, card(CARD_OK)).await;
    let s = past_due(&billing(&server, &c).await);
    let body = pay_body(
        "double-click-000000001",
        &s,
        s["balance"].as_i64().unwrap(),
        method,
    );
    let tries = (0..10).map(|_| server.post(&c, "/api/v1/billing/payments", body.clone()));
    let answers = futures::future::join_all(tries).await;
    let ids: std::collections::HashSet<String> = answers
        .iter()
        .map(|(st, r)| {
            assert_eq!(*st, 201, "{r}");
            r["transaction_id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    let pool = db(&server).await;
    let charges: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(charges, 1);
    let payments: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payments WHERE household_id = 11 AND method_id IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(payments, 1);
    ledger_balanced(&pool).await;
}

#[tokio::test]
async fn two_tabs_racing_for_one_statement_pay_it_once() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    let method = saved(&server, &c, card(CARD_OK)).await;
    let s = past_due(&billing(&server, &c).await);
    let amount = s["balance"].as_i64().unwrap();
    let tabs = (0..6).map(|i| {
        server.post(
            &c,
            "/api/v1/billing/payments",
            pay_body(&format!("tab-key-0000000000{i}"), &s, amount, method),
        )
    });
    let answers = futures::future::join_all(tabs).await;
    let ok = answers.iter().filter(|(st, _)| *st == 201).count();
    assert_eq!(ok, 1, "{answers:?}");
    for (st, p) in answers.iter().filter(|(st, _)| *st != 201) {
        assert_eq!(*st, 409, "{p}");
        assert_eq!(p["type"], "/problems/payment-conflict");
    }
    let pool = db(&server).await;
    let charged: i64 = sqlx::query_scalar(
        "SELECT COALESCE(SUM(amount_cents), 0) FROM sandbox_charges WHERE status = 'approved'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(charged, amount);
    ledger_balanced(&pool).await;
}

#[tokio::test]
async fn a_lost_answer_is_retried_with_the_same_key_and_charged_once() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer3").await;
    let method = saved(&server, &c, card("4000 0000 0000 0119")).await;
    let s = past_due(&billing(&server, &c).await);
    let body = pay_body(
        "lost-answer-000000001",
        &s,
        s["balance"].as_i64().unwrap(),
        method,
    );
    let (st, p) = server
        .post(&c, "/api/v1/billing/payments", body.clone())
        .await;
    assert_eq!(st, 503, "{p}");
    assert_eq!(p["type"], "/problems/payment-unavailable");
    // While unanswered, the statement cannot be paid a second time.
    let other = pay_body("lost-answer-000000002", &s, 100, method);
    let (st, _) = server.post(&c, "/api/v1/billing/payments", other).await;
    assert_eq!(st, 409);
    let (st, r) = server.post(&c, "/api/v1/billing/payments", body).await;
    assert_eq!(st, 201, "{r}");
    let pool = db(&server).await;
    let charges: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(charges, 1);
    ledger_balanced(&pool).await;
}

#[tokio::test]
async fn a_returned_bank_payment_reopens_the_statement_and_alerts() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer2").await;
    let bank = json!({"bank": {"name": "Jesse Okafor", "routing": "011000015", "account": "000111111116", "account_type": "savings"}});
    let method = saved(&server, &c, bank).await;
    let s = past_due(&billing(&server, &c).await);
    let amount = s["balance"].as_i64().unwrap();
    let (st, r) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            pay_body("ach-return-000000001", &s, amount, method),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["method"], "Savings account ending 1116");
    let txn = r["transaction_id"].as_str().unwrap().to_string();
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 5}))
        .await;
    let (_, r) = server
        .get(&c, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(r["status"], "posted");
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 4}))
        .await;
    let (_, r) = server
        .get(&c, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(r["status"], "returned", "{r}");
    let b = billing(&server, &c).await;
    assert_eq!(past_due(&b)["balance"].as_i64().unwrap(), amount);
    let (_, alerts) = server.get(&c, "/api/v1/alerts").await;
    assert!(alerts.to_string().contains("Payment returned"), "{alerts}");
    ledger_balanced(&db(&server).await).await;
}

#[tokio::test]
async fn an_overpayment_becomes_a_credit_applied_to_the_next_statement() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer3").await;
    let method = saved(&server, &c, card(CARD_OK)).await;
    let b = billing(&server, &c).await;
    let s = past_due(&b);
    let amount = s["balance"].as_i64().unwrap();
    let (st, p) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            pay_body("too-much-0000000001", &s, amount + 100_001, method),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(p["errors"]["amount"][0]["code"], "amount.too_much");
    let (st, r) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            pay_body("overpay-00000000001", &s, amount + 2_500, method),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["credit"], 2_500);
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 3}))
        .await;
    let b = billing(&server, &c).await;
    let next = &b["statements"][0];
    assert_eq!(next["status"], "partly_paid", "{next}");
    assert_eq!(next["balance"].as_i64().unwrap(), amount - 2_500);
    assert_eq!(b["credit"], 0);
    ledger_balanced(&db(&server).await).await;
}

#[tokio::test]
async fn only_the_subscriber_pays_and_nobody_sees_another_households_bills() {
    let server = TestServer::start().await;
    // member3 (Jamie Rivera) is not the Riveras' subscriber.
    let jamie = server.signed_in("member3").await;
    let b = billing(&server, &jamie).await;
    assert_eq!(b["can_pay"], false);
    assert_eq!(b["methods"], json!([]));
    assert_eq!(b["payments"], json!([]));
    assert!(!b["statements"].as_array().unwrap().is_empty());
    let s = &b["statements"][0];
    let (st, p) = server
        .post(
            &jamie,
            "/api/v1/billing/payments",
            pay_body("not-mine-0000000001", s, 100, 1),
        )
        .await;
    assert_eq!(st, 403, "{p}");
    let (st, _) = server
        .put(
            &jamie,
            "/api/v1/billing/autopay",
            json!({"method_id": 1, "consent": true}),
        )
        .await;
    assert_eq!(st, 403);

    let payer1 = server.signed_in("payer1").await;
    let method = saved(&server, &payer1, card(CARD_OK)).await;
    let s1 = past_due(&billing(&server, &payer1).await);
    let (_, r) = server
        .post(
            &payer1,
            "/api/v1/billing/payments",
            pay_body("mine-00000000000001", &s1, 100, method),
        )
        .await;
    let txn = r["transaction_id"].as_str().unwrap();
    let payer2 = server.signed_in("payer2").await;
    let (st, _) = server
        .get(&payer2, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(st, 404);
    let other = saved(&server, &payer2, card(CARD_OK)).await;
    let (st, p) = server
        .post(
            &payer2,
            "/api/v1/billing/payments",
            pay_body("theirs-000000000001", &s1, 100, other),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(
        p["errors"]["statement_ids"][0]["code"],
        "statement_ids.unknown"
    );
    let s2 = past_due(&billing(&server, &payer2).await);
    let (st, p) = server
        .post(
            &payer2,
            "/api/v1/billing/payments",
            pay_body("theirs-000000000002", &s2, 100, method),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(p["errors"]["method_id"][0]["code"], "method_id.unknown");
    let r = payer2
        .delete(server.url(&format!("/api/v1/billing/methods/{method}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn bad_input_gets_field_messages() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    let method = saved(&server, &c, card(CARD_OK)).await;
    let s = past_due(&billing(&server, &c).await);
    for (body, field, code) in [
        (
            json!({"idempotency_key": "short", "statement_ids": [s["id"]], "amount": 100, "method_id": method}),
            "idempotency_key",
            "idempotency_key.format",
        ),
        (
            json!({"idempotency_key": "k".repeat(20), "statement_ids": [], "amount": 100, "method_id": method}),
            "statement_ids",
            "statement_ids.required",
        ),
        (
            json!({"idempotency_key": "k".repeat(20), "statement_ids": [s["id"], s["id"]], "amount": 100, "method_id": method}),
            "statement_ids",
            "statement_ids.repeated",
        ),
        (
            json!({"idempotency_key": "k".repeat(20), "statement_ids": [s["id"]], "amount": 0, "method_id": method}),
            "amount",
            "amount.positive",
        ),
        (
            json!({"idempotency_key": "k".repeat(20), "statement_ids": [s["id"]], "amount": -5, "method_id": method}),
            "amount",
            "amount.positive",
        ),
        (
            json!({"idempotency_key": "k".repeat(20), "statement_ids": [999_999], "amount": 100, "method_id": method}),
            "statement_ids",
            "statement_ids.unknown",
        ),
    ] {
        let (st, p) = server.post(&c, "/api/v1/billing/payments", body).await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(p["errors"][field][0]["code"], code, "{p}");
    }
    // A key used for a different payment.
    let (st, _) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            pay_body("reused-key-00000001", &s, 100, method),
        )
        .await;
    assert_eq!(st, 201);
    let (st, p) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            pay_body("reused-key-00000001", &s, 200, method),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(
        p["errors"]["idempotency_key"][0]["code"],
        "idempotency_key.reused"
    );
    // Not JSON, wrong types.
    let r = c
        .post(server.url("/api/v1/billing/payments"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let (st, _) = server
        .post(&c, "/api/v1/billing/payments", json!({"amount": "ten"}))
        .await;
    assert!(st == 400 || st == 422, "{st}");
    // Autopay needs consent and a saved method.
    let (st, p) = server
        .put(
            &c,
            "/api/v1/billing/autopay",
            json!({"method_id": 999, "consent": false}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(p["errors"]["consent"][0]["code"], "consent.required");
    assert_eq!(p["errors"]["method_id"][0]["code"], "method_id.unknown");
    let (st, p) = server
        .post(
            &c,
            "/api/v1/billing/autopay/skip",
            json!({"statement_id": s["id"], "skip": true}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(p["errors"]["statement_id"][0]["code"], "autopay.off");
    let (st, p) = server
        .post(&c, "/api/dev/payments/advance", json!({"days": 99}))
        .await;
    assert_eq!(st, 400, "{p}");
    let (st, _) = server.get(&c, "/api/v1/billing/payments/PMT-NOTHING").await;
    assert_eq!(st, 404);
    let anon = server.client();
    let (st, _) = server.get(&anon, "/api/v1/billing").await;
    assert_eq!(st, 401);
}

#[tokio::test]
async fn autopay_pays_each_due_date_once_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("autopay.db").display());
    let today =
        chrono::NaiveDate::parse_from_str(portal_server::config::Config::TEST_TODAY, "%Y-%m-%d")
            .unwrap();
    let start = |day: chrono::NaiveDate| {
        let url = url.clone();
        async move {
            let mut config = portal_server::config::Config::for_tests(&url);
            config.today = Some(day);
            config.payments_worker_secs = 0;
            let state = portal_server::build_state(config).await.unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base = format!("http://{}", listener.local_addr().unwrap());
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            let handle = tokio::spawn(portal_server::serve(listener, state, async move {
                let _ = rx.await;
            }));
            (base, tx, handle)
        }
    };
    let client = || {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    };
    let sign_in = |base: String| async move {
        let c = client();
        let r = c
            .post(format!("{base}/api/v1/auth/login"))
            .json(&json!({"username": "payer1", "password": "Demo.Pass1"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        c
    };
    let (base, stop, handle) = start(today).await;
    let c = sign_in(base.clone()).await;
    let token: Value = c
        .post(format!("{base}/sandbox-gateway/v1/tokens"))
        .json(&card(CARD_OK))
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
    let r = c
        .put(format!("{base}/api/v1/billing/autopay"))
        .json(&json!({"method_id": method["id"], "consent": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let autopay: Value = r.json().await.unwrap();
    // The past-due statement is left for the member; the next one is scheduled.
    let next_due =
        chrono::NaiveDate::parse_from_str(autopay["next"]["on"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    assert_eq!(next_due, today + chrono::Duration::days(20));
    let r = c
        .post(format!("{base}/api/dev/payments/advance"))
        .json(&json!({"days": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let b: Value = c
        .get(format!("{base}/api/v1/billing"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        b["payments"].as_array().unwrap().len(),
        1,
        "autopay paid nothing yet"
    );
    let _ = stop.send(());
    let _ = handle.await;

    // The due date comes: after a restart, the worker pays it, once.
    let (base, stop, handle) = start(next_due).await;
    let c = sign_in(base.clone()).await;
    for _ in 0..3 {
        let r = c
            .post(format!("{base}/api/dev/payments/advance"))
            .json(&json!({"days": 0}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let b: Value = c
        .get(format!("{base}/api/v1/billing"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let autopaid: Vec<&Value> = b["payments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["autopay"] == true)
        .collect();
    assert_eq!(autopaid.len(), 1, "{b}");
    assert_eq!(b["statements"][0]["status"], "processing");
    let r = c
        .delete(format!("{base}/api/v1/billing/autopay"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let b: Value = c
        .get(format!("{base}/api/v1/billing"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(b["autopay"], Value::Null);
    let _ = stop.send(());
    let _ = handle.await;
}
