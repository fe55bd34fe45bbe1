//! Premium billing, continued (issue 15): the printable statement (PDF)
//! with the figures `GET /api/v1/billing` sends, only for the caller's
//! household; claims held in a premium grace period saying so on their EOB,
//! only where that is true; and the emails a payment sends (receipt,
//! autopay declined, returned) with only the transaction ID and amount.

#![allow(clippy::unwrap_used)]

use crate::common::{outbox, TestServer};
use portal_domain::money::Money;
use serde_json::{json, Value};

async fn db(server: &TestServer) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", server.dir().join("test.db").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

async fn billing(server: &TestServer, c: &reqwest::Client) -> Value {
    let (s, b) = server.get(c, "/api/v1/billing").await;
    assert_eq!(s, 200, "{b}");
    b
}

fn past_due(b: &Value) -> Value {
    b["statements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "grace_period")
        .cloned()
        .unwrap()
}

fn money(v: &Value) -> String {
    Money::from_cents(v.as_i64().unwrap()).to_string()
}

fn pdf_path(id: &Value) -> String {
    format!("/api/v1/billing/statements/{id}/statement.pdf")
}

/// GETs a statement's PDF: status, content type and body.
async fn get_pdf(server: &TestServer, c: &reqwest::Client, id: &Value) -> (u16, String, Vec<u8>) {
    let r = c.get(server.url(&pdf_path(id))).send().await.unwrap();
    let status = r.status().as_u16();
    let media = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, media, r.bytes().await.unwrap().to_vec())
}

/// The strings a PDF's (uncompressed) content shows, in order: each
/// `(...) Tj` operand, unescaped.
fn shown_strings(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '(' {
            continue;
        }
        let mut s = String::new();
        let mut depth = 1;
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        s.push(n);
                    }
                }
                '(' => {
                    depth += 1;
                    s.push(c);
                }
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    s.push(c);
                }
                _ => s.push(c),
            }
        }
        let rest: String = chars.clone().take(4).collect();
        if rest.trim_start().starts_with("Tj") {
            out.push(s);
        }
    }
    out
}

/// The value drawn right after `label`.
fn value_after<'a>(strings: &'a [String], label: &str) -> Option<&'a str> {
    let i = strings.iter().position(|s| s == label)?;
    strings.get(i + 1).map(String::as_str)
}

#[tokio::test]
async fn a_statement_pdf_has_the_figures_the_billing_api_sends() {
    let server = TestServer::start().await;
    let c = server.signed_in("payer1").await;
    // Pay part of the past-due statement so paid and processing differ from zero.
    let (_, token) = server
        .post(
            &c,
            "/sandbox-gateway/v1/tokens",
            json!({"card": {"name": "Riley Okafor", "number": "4242 4242 4242 4242", "exp_month": 12,
                "exp_year": 2030, "cvc": "123", "postal_code": "62704"}}),
        )
        .await;
    let (_, method) = server
        .post(
            &c,
            "/api/v1/billing/methods",
            json!({"token": token["token"]}),
        )
        .await;
    let s = past_due(&billing(&server, &c).await);
    let (st, r) = server
        .post(
            &c,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "pdf-partial-00000001", "statement_ids": [s["id"]],
                "amount": 12_345, "method_id": method["id"]}),
        )
        .await;
    assert_eq!(st, 201, "{r}");

    let b = billing(&server, &c).await;
    let statements = b["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 3);
    for s in statements {
        let (status, media, bytes) = get_pdf(&server, &c, &s["id"]).await;
        assert_eq!(status, 200);
        assert_eq!(media, "application/pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        let shown = shown_strings(&bytes);
        let number = s["number"].as_str().unwrap();
        assert!(
            shown.contains(&format!("Premium statement {number}")),
            "{shown:?}"
        );
        assert_eq!(value_after(&shown, "Statement number"), Some(number));
        for (label, field) in [
            ("Premium", "amount"),
            ("Paid", "paid"),
            ("Processing", "pending"),
            ("Balance", "balance"),
        ] {
            assert_eq!(
                value_after(&shown, label),
                Some(money(&s[field]).as_str()),
                "{number} {label}: {shown:?}"
            );
        }
        let status_words = match s["status"].as_str().unwrap() {
            "due" => "Due",
            "partly_paid" => "Partly paid",
            "grace_period" => "Past due: in grace period",
            "paid" => "Paid",
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(value_after(&shown, "Status"), Some(status_words));
        let due =
            chrono::NaiveDate::parse_from_str(s["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        assert_eq!(
            value_after(&shown, "Due date"),
            Some(portal_domain::dates::long_date(due).as_str())
        );
        // Who it is for, and how to pay by mail (the memo from the summary).
        assert_eq!(value_after(&shown, "Subscriber"), Some("Riley Okafor"));
        assert_eq!(value_after(&shown, "Member ID"), Some("611700800*01"));
        let all = shown.join(" ");
        assert!(all.contains(b["mail"]["memo"].as_str().unwrap()), "{all}");
        assert!(all.contains(b["mail"]["payable_to"].as_str().unwrap()));
        for line in b["mail"]["address"].as_array().unwrap() {
            assert!(shown.contains(&line.as_str().unwrap().to_string()));
        }
        assert!(all.contains("Billing and payments"));
        assert!(all.contains("Autopay"));
        // The grace period in the billing page's words.
        let joined = all.split_whitespace().collect::<Vec<_>>().join(" ");
        if s["status"] == "grace_period" {
            let ends =
                chrono::NaiveDate::parse_from_str(s["grace_ends"].as_str().unwrap(), "%Y-%m-%d")
                    .unwrap();
            let sentence = portal_domain::billing::wording::grace_notice(
                &serde_json::from_value(s.clone()).unwrap(),
                b["grace"].as_str().unwrap(),
                false,
                portal_domain::dates::long_date,
            )
            .unwrap();
            assert!(joined.contains(&sentence), "{sentence}\n{joined}");
            assert!(joined.contains(&portal_domain::dates::long_date(ends)));
        } else {
            assert!(
                joined.contains("a grace period of 31 days follows"),
                "{joined}"
            );
        }
    }
    // The partly paid one shows the payment as processing.
    let s = statements.iter().find(|x| x["id"] == s["id"]).unwrap();
    assert_eq!(s["pending"], 12_345);
}

#[tokio::test]
async fn a_statement_pdf_is_only_for_the_household() {
    let server = TestServer::start().await;
    let riley = server.signed_in("payer1").await;
    let mine = billing(&server, &riley).await["statements"][0]["id"].clone();
    let jesse = server.signed_in("payer2").await;
    let (status, media, bytes) = get_pdf(&server, &jesse, &mine).await;
    assert_eq!(status, 404);
    assert!(media.starts_with("application/problem+json"), "{media}");
    let missing = get_pdf(&server, &jesse, &json!(999_999)).await;
    assert_eq!(missing.0, 404);
    let problem = |b: &[u8]| {
        let mut v: Value = serde_json::from_slice(b).unwrap();
        v.as_object_mut().unwrap().remove("instance");
        v
    };
    assert_eq!(problem(&missing.2), problem(&bytes), "answered alike");
    // Signed out: 401.
    let (status, _, _) = get_pdf(&server, &server.client(), &mine).await;
    assert_eq!(status, 401);
    // Another adult of a household sees its statements and may download them.
    let jamie = server.signed_in("member3").await;
    let b = billing(&server, &jamie).await;
    assert_eq!(b["can_pay"], false);
    let (status, _, bytes) = get_pdf(&server, &jamie, &b["statements"][0]["id"]).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF-"));
    // The file name carries only the statement number.
    let r = riley
        .get(server.url(&pdf_path(&mine)))
        .send()
        .await
        .unwrap();
    let disposition = r.headers()["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        format!(
            "attachment; filename=\"statement-PS-{:06}.pdf\"",
            mine.as_i64().unwrap()
        )
    );
}

/// The caller's claims not yet processed: (id, service start).
async fn unprocessed_claims(server: &TestServer, c: &reqwest::Client) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for status in ["received", "in_process"] {
        let (st, page) = server
            .get(
                c,
                &format!("/api/v1/claims?status={status}&range=all&page_size=100"),
            )
            .await;
        assert_eq!(st, 200, "{page}");
        for item in page["items"].as_array().unwrap() {
            out.push((
                item["id"].as_i64().unwrap(),
                item["service_start"].as_str().unwrap().to_string(),
            ));
        }
    }
    out
}

#[tokio::test]
async fn claims_for_care_in_the_grace_period_say_they_are_held_only_where_true() {
    let server = TestServer::start().await;
    let alex = server.signed_in("member1").await;
    let b = billing(&server, &alex).await;
    let s = past_due(&b);
    let due = s["due"].as_str().unwrap().to_string();
    let ends =
        chrono::NaiveDate::parse_from_str(s["grace_ends"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let claims = unprocessed_claims(&server, &alex).await;
    let (held, not_held): (Vec<_>, Vec<_>) = claims.iter().partition(|(_, on)| *on > due);
    assert!(!held.is_empty(), "the demo has a claim in the grace period");
    for (id, _) in &held {
        let (st, claim) = server.get(&alex, &format!("/api/v1/claims/{id}")).await;
        assert_eq!(st, 200);
        let pending = &claim["explanation"]["pending"];
        let text = pending["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            text.contains("on hold (pended) because the premium is past due"),
            "{text}"
        );
        assert!(text.contains("The claim is not denied."));
        assert!(text.contains("When the premium is paid, it will be processed as usual."));
        assert!(
            text.contains(&portal_domain::dates::long_date(ends)),
            "{text}"
        );
        assert!(text.contains(s["number"].as_str().unwrap()));
    }
    for (id, _) in &not_held {
        let (_, claim) = server.get(&alex, &format!("/api/v1/claims/{id}")).await;
        assert!(
            !claim["explanation"].to_string().contains("on hold"),
            "care before the due date is not held: {claim}"
        );
    }
    // A processed claim never says it.
    let (_, page) = server
        .get(&alex, "/api/v1/claims?status=paid&page_size=1")
        .await;
    let paid = page["items"][0]["id"].clone();
    let (_, claim) = server.get(&alex, &format!("/api/v1/claims/{paid}")).await;
    assert!(!claim["explanation"].to_string().contains("on hold"));

    // With the subsidised three-month grace period the first month's claims
    // are paid as usual: the same claims are no longer called held.
    let pool = db(&server).await;
    sqlx::query("UPDATE households SET premium_subsidy = 1 WHERE id = 1")
        .execute(&pool)
        .await
        .unwrap();
    for (id, _) in &held {
        let (_, claim) = server.get(&alex, &format!("/api/v1/claims/{id}")).await;
        assert!(
            !claim["explanation"].to_string().contains("on hold"),
            "{claim}"
        );
    }
    sqlx::query("UPDATE households SET premium_subsidy = 0 WHERE id = 1")
        .execute(&pool)
        .await
        .unwrap();

    // Once the premium is paid (processing), nothing is held.
    let (_, token) = server
        .post(
            &alex,
            "/sandbox-gateway/v1/tokens",
            json!({"card": {"name": "Alex Morgan", "number": "4242 4242 4242 4242", "exp_month": 12,
                "exp_year": 2030, "cvc": "123", "postal_code": "62704"}}),
        )
        .await;
    let (_, method) = server
        .post(
            &alex,
            "/api/v1/billing/methods",
            json!({"token": token["token"]}),
        )
        .await;
    let (st, r) = server
        .post(
            &alex,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "held-claims-paid-0001", "statement_ids": [s["id"]],
                "amount": s["balance"], "method_id": method["id"]}),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    let (_, claim) = server
        .get(&alex, &format!("/api/v1/claims/{}", held[0].0))
        .await;
    assert!(!claim["explanation"].to_string().contains("on hold"));
}

/// Saves a card or bank account for `c`: the method id.
async fn saved(server: &TestServer, c: &reqwest::Client, body: Value) -> Value {
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
    method["id"].clone()
}

fn card(number: &str) -> Value {
    json!({"card": {"name": "Alex Morgan", "number": number, "exp_month": 12, "exp_year": 2030,
        "cvc": "123", "postal_code": "62704"}})
}

/// The messages of `kind` in the demo outbox.
async fn sent_of(server: &TestServer, kind: &str) -> Vec<Value> {
    outbox(server)
        .await
        .into_iter()
        .filter(|m| m["kind"] == kind)
        .collect()
}

/// An email about a payment says only its transaction ID and amount.
fn only_id_and_amount(m: &Value, txn: &str, amount: &str) {
    assert_eq!(m["channel"], "email");
    assert_eq!(m["to"], "alex.morgan@example.com");
    let body = m["body"].as_str().unwrap();
    assert!(body.contains(txn) && body.contains(amount), "{body}");
    for private in ["Alex", "Morgan", "100200300", "Visa", "4242", "PS-"] {
        assert!(!body.contains(private), "{private} in {body}");
        assert!(!m["subject"].as_str().unwrap().contains(private));
    }
}

#[tokio::test]
async fn payments_send_a_receipt_email_and_an_alert() {
    let server = TestServer::start().await;
    let alex = server.signed_in("member1").await;
    let method = saved(&server, &alex, card("4242 4242 4242 4242")).await;
    let s = past_due(&billing(&server, &alex).await);
    let (st, r) = server
        .post(
            &alex,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "receipt-email-000001", "statement_ids": [s["id"]],
                "amount": s["balance"], "method_id": method}),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    let txn = r["transaction_id"].as_str().unwrap();
    let receipts = sent_of(&server, "payment_received").await;
    assert_eq!(receipts.len(), 1, "{receipts:?}");
    only_id_and_amount(&receipts[0], txn, &money(&r["amount"]));
    // The same key again is the same payment: no second email.
    let (st, _) = server
        .post(
            &alex,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "receipt-email-000001", "statement_ids": [s["id"]],
                "amount": s["balance"], "method_id": method}),
        )
        .await;
    assert_eq!(st, 201);
    assert_eq!(sent_of(&server, "payment_received").await.len(), 1);
    // Posting sends nothing more; the alert is there.
    server
        .post(&alex, "/api/dev/payments/advance", json!({"days": 3}))
        .await;
    assert_eq!(sent_of(&server, "payment_received").await.len(), 1);
    let (_, alerts) = server.get(&alex, "/api/v1/alerts").await;
    assert!(alerts.to_string().contains(txn), "{alerts}");
    // A declined payment the member made on the page sends no email.
    let declined = saved(&server, &alex, card("4000 0000 0000 9995")).await;
    let next = billing(&server, &alex).await["statements"][0].clone();
    let (st, _) = server
        .post(
            &alex,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "receipt-email-000002", "statement_ids": [next["id"]],
                "amount": next["balance"], "method_id": declined}),
        )
        .await;
    assert_eq!(st, 402);
    assert!(sent_of(&server, "payment_failed").await.is_empty());
}

#[tokio::test]
async fn a_declined_autopay_and_a_returned_payment_send_an_email_and_an_alert() {
    let server = TestServer::start().await;
    let alex = server.signed_in("member1").await;
    let declined = saved(&server, &alex, card("4000 0000 0000 9995")).await;
    let (st, a) = server
        .put(
            &alex,
            "/api/v1/billing/autopay",
            json!({"method_id": declined, "consent": true}),
        )
        .await;
    assert_eq!(st, 200, "{a}");
    // Autopay pays statements due from the day it was turned on: date that
    // day back, so today's run pays the past-due statement (and is declined).
    let s = past_due(&billing(&server, &alex).await);
    let pool = db(&server).await;
    sqlx::query("UPDATE autopay SET since = ? WHERE household_id = 1")
        .bind(s["due"].as_str().unwrap())
        .execute(&pool)
        .await
        .unwrap();
    server
        .post(&alex, "/api/dev/payments/advance", json!({"days": 0}))
        .await;
    let failed = sent_of(&server, "payment_failed").await;
    assert_eq!(failed.len(), 1, "{failed:?}");
    let (_, alerts) = server.get(&alex, "/api/v1/alerts").await;
    assert!(
        alerts.to_string().contains("Automatic payment failed"),
        "{alerts}"
    );
    let b = billing(&server, &alex).await;
    let txn = b["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["autopay"] == true)
        .unwrap()["transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
    only_id_and_amount(&failed[0], &txn, &money(&s["balance"]));
    // The worker runs again: the same payment, no second email.
    server
        .post(&alex, "/api/dev/payments/advance", json!({"days": 0}))
        .await;
    assert_eq!(sent_of(&server, "payment_failed").await.len(), 1);
    let r = alex
        .delete(server.url("/api/v1/billing/autopay"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    // A bank payment that posts and is then returned.
    let bank = saved(
        &server,
        &alex,
        json!({"bank": {"name": "Alex Morgan", "routing": "011000015", "account": "000111111116", "account_type": "checking"}}),
    )
    .await;
    let (st, r) = server
        .post(
            &alex,
            "/api/v1/billing/payments",
            json!({"idempotency_key": "returned-email-000001", "statement_ids": [s["id"]],
                "amount": s["balance"], "method_id": bank}),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    let txn = r["transaction_id"].as_str().unwrap().to_string();
    for days in [5, 4] {
        server
            .post(&alex, "/api/dev/payments/advance", json!({"days": days}))
            .await;
    }
    let (_, r) = server
        .get(&alex, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(r["status"], "returned", "{r}");
    let returned = sent_of(&server, "payment_returned").await;
    assert_eq!(returned.len(), 1, "{returned:?}");
    only_id_and_amount(&returned[0], &txn, &money(&r["amount"]));
    let (_, alerts) = server.get(&alex, "/api/v1/alerts").await;
    assert!(alerts.to_string().contains("Payment returned"), "{alerts}");
}

#[tokio::test]
async fn the_demo_always_has_a_held_claim_to_show() {
    // Whatever the day, the Morgans' statement due 10 days ago is in its
    // grace period and one of their claims for care since is held.
    let base =
        chrono::NaiveDate::parse_from_str(portal_server::config::Config::TEST_TODAY, "%Y-%m-%d")
            .unwrap();
    for offset in [1, 17, 45] {
        let day = base + chrono::Duration::days(offset);
        let server = TestServer::start_with(|c| c.today = Some(day)).await;
        let alex = server.signed_in("member1").await;
        let s = past_due(&billing(&server, &alex).await);
        let due = s["due"].as_str().unwrap().to_string();
        let mut held = 0;
        for (id, on) in unprocessed_claims(&server, &alex).await {
            if on <= due {
                continue;
            }
            let (_, claim) = server.get(&alex, &format!("/api/v1/claims/{id}")).await;
            assert!(
                claim["explanation"]
                    .to_string()
                    .contains("on hold (pended)"),
                "{day}: {claim}"
            );
            held += 1;
        }
        assert!(held > 0, "{day}: no held claim");
    }
}
