//! What members owe their providers, over HTTP (issue 15): bills from
//! claims and the ledger, paying them once, payment plans whose instalments
//! add up and are charged once each, disputes that put a bill on hold and
//! write to member services, and who may see and pay what.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::{json, Value};

const CARD_OK: &str = "4242 4242 4242 4242";
const CARD_DECLINED: &str = "4000 0000 0000 0002";

async fn db(server: &TestServer) -> sqlx::SqlitePool {
    let url = format!("sqlite://{}", server.dir().join("test.db").display());
    sqlx::SqlitePool::connect(&url).await.unwrap()
}

async fn saved(server: &TestServer, c: &reqwest::Client, number: &str) -> i64 {
    let body = json!({"card": {"name": "Morgan Lindqvist", "number": number, "exp_month": 12,
        "exp_year": 2030, "cvc": "123", "postal_code": "62704"}});
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

async fn bills(server: &TestServer, c: &reqwest::Client) -> Value {
    let (s, b) = server.get(c, "/api/v1/billing/providers").await;
    assert_eq!(s, 200, "{b}");
    b
}

fn payable(b: &Value) -> Vec<Value> {
    b["bills"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| ["due", "partly_paid", "past_due"].contains(&x["status"].as_str().unwrap()))
        .cloned()
        .collect()
}

fn bill(b: &Value, id: i64) -> Value {
    b["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .cloned()
        .unwrap()
}

fn cents(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

/// Every ledger transaction adds up to zero and no bill is paid beyond its amount.
async fn ledger_balanced(pool: &sqlx::SqlitePool) {
    let unbalanced: Vec<(String, i64)> = sqlx::query_as(
        "SELECT txn, SUM(amount_cents) FROM ledger GROUP BY txn HAVING SUM(amount_cents) != 0",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(unbalanced.is_empty(), "{unbalanced:?}");
    let negative: Vec<(String, i64)> = sqlx::query_as(
        "SELECT account, SUM(amount_cents) FROM ledger WHERE account LIKE 'provider_bill:%' GROUP BY account HAVING SUM(amount_cents) < 0",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(negative.is_empty(), "overpaid bills: {negative:?}");
}

async fn charges(pool: &sqlx::SqlitePool) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges WHERE status != 'declined'")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn bills_are_the_claims_member_share_from_the_ledger() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay1").await;
    let b = bills(&server, &c).await;
    assert_eq!(b["can_pay"], true);
    let all = b["bills"].as_array().unwrap();
    assert!(all.len() >= 3, "{b}");
    let mut owed = 0;
    for x in all {
        // The amount is the EOB's "you may owe": one figure in both places.
        let (s, claim) = server
            .get(&c, &format!("/api/v1/claims/{}", x["claim_id"]))
            .await;
        assert_eq!(s, 200);
        assert_eq!(x["amount"], claim["amounts"]["member_owes"], "{x}");
        assert_eq!(x["claim_number"], claim["claim_number"]);
        // The copay counts as paid at the office.
        let copay = cents(&claim["amounts"]["copay"]).min(cents(&x["amount"]));
        assert_eq!(cents(&x["paid"]), copay, "{x}");
        assert_eq!(
            cents(&x["balance"]),
            cents(&x["amount"]) - cents(&x["paid"]) - cents(&x["pending"])
        );
        assert!(x["number"].as_str().unwrap().starts_with("PB-"));
        owed += cents(&x["balance"]);
    }
    assert_eq!(cents(&b["total_due"]), owed);
    ledger_balanced(&db(&server).await).await;
}

#[tokio::test]
async fn a_bill_is_paid_once_whatever_the_clicks() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay1").await;
    let method = saved(&server, &c, CARD_OK).await;
    let b = bills(&server, &c).await;
    let first = payable(&b)[0].clone();
    let balance = cents(&first["balance"]);
    // Never more than the bill owes.
    let (s, p) = server
        .post(
            &c,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "too-much-00000000001", "bill_ids": [first["id"]],
                "amount": balance + 1, "method_id": method}),
        )
        .await;
    assert_eq!(s, 400, "{p}");
    assert_eq!(field_codes(&p, "amount"), ["amount.too_much"]);
    let body = json!({"idempotency_key": "bill-click-000000001", "bill_ids": [first["id"]],
        "amount": balance, "method_id": method});
    let tries = (0..8).map(|_| server.post(&c, "/api/v1/billing/providers/payments", body.clone()));
    let answers = futures::future::join_all(tries).await;
    let ids: std::collections::HashSet<String> = answers
        .iter()
        .map(|(st, r)| {
            assert_eq!(*st, 201, "{r}");
            r["transaction_id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    let (_, r) = &answers[0];
    assert_eq!(r["applied"][0]["statement"], first["number"]);
    assert_eq!(cents(&r["applied"][0]["amount"]), balance);
    let pool = db(&server).await;
    assert_eq!(charges(&pool).await, 1);
    let b = bills(&server, &c).await;
    assert_eq!(bill(&b, cents(&first["id"]))["status"], "processing");
    // A second payment for it is refused.
    let (s, p) = server
        .post(
            &c,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "bill-second-00000001", "bill_ids": [first["id"]],
                "amount": 100, "method_id": method}),
        )
        .await;
    assert_eq!(s, 409, "{p}");
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 5}))
        .await;
    let b = bills(&server, &c).await;
    assert_eq!(bill(&b, cents(&first["id"]))["status"], "paid");
    // The receipt is the same kind as a premium's, and an alert says so.
    let txn = r["transaction_id"].as_str().unwrap();
    let (s, receipt) = server
        .get(&c, &format!("/api/v1/billing/payments/{txn}"))
        .await;
    assert_eq!(s, 200);
    assert_eq!(receipt["status"], "posted");
    ledger_balanced(&pool).await;
}

/// Payable bills adding up to at least $50 (a plan's minimum), oldest first.
fn plan_bills(b: &Value) -> (Vec<i64>, i64) {
    let mut ids = Vec::new();
    let mut total = 0;
    for x in payable(b) {
        ids.push(cents(&x["id"]));
        total += cents(&x["balance"]);
        if total >= 5_000 {
            break;
        }
    }
    assert!(total >= 5_000, "{b}");
    (ids, total)
}

#[tokio::test]
async fn a_payment_plan_adds_up_to_the_cent_and_charges_each_instalment_once() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay2").await;
    let method = saved(&server, &c, CARD_OK).await;
    let b = bills(&server, &c).await;
    let (ids, total) = plan_bills(&b);
    for (months, consent, field, code) in [
        (1, true, "months", "months.range"),
        (13, true, "months", "months.range"),
        (3, false, "consent", "consent.required"),
    ] {
        let (s, p) = server
            .post(
                &c,
                "/api/v1/billing/providers/plans",
                json!({"idempotency_key": "plan-bad-0000000001", "bill_ids": ids, "months": months,
                    "method_id": method, "consent": consent}),
            )
            .await;
        assert_eq!(s, 400, "{p}");
        assert_eq!(field_codes(&p, field), [code]);
    }
    let body = json!({"idempotency_key": "plan-key-0000000001", "bill_ids": ids, "months": 3,
        "method_id": method, "consent": true});
    let tries = (0..4).map(|_| server.post(&c, "/api/v1/billing/providers/plans", body.clone()));
    let answers = futures::future::join_all(tries).await;
    let plan_ids: std::collections::HashSet<i64> = answers
        .iter()
        .map(|(s, p)| {
            assert_eq!(*s, 201, "{p}");
            cents(&p["id"])
        })
        .collect();
    assert_eq!(plan_ids.len(), 1);
    let plan = answers[0].1.clone();
    assert_eq!(cents(&plan["total"]), total);
    let parts: Vec<i64> = plan["instalments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| cents(&i["amount"]))
        .collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(parts.iter().sum::<i64>(), total);
    assert!(parts.iter().max().unwrap() - parts.iter().min().unwrap() <= 1);
    assert_eq!(plan["instalments"][0]["status"], "charged");
    assert_eq!(plan["instalments"][1]["status"], "scheduled");
    let pool = db(&server).await;
    assert_eq!(charges(&pool).await, 1);
    // Its bills are paid by the plan, not one by one.
    let b = bills(&server, &c).await;
    let open: Vec<Value> = ids.iter().map(|id| bill(&b, *id)).collect();
    assert!(
        open.iter()
            .all(|x| ["in_plan", "processing"].contains(&x["status"].as_str().unwrap())),
        "{open:?}"
    );
    let in_plan = open.iter().find(|x| x["status"] == "in_plan").unwrap();
    let (s, _) = server
        .post(
            &c,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "plan-bill-00000000001", "bill_ids": [in_plan["id"]],
                "amount": 100, "method_id": method}),
        )
        .await;
    assert_eq!(s, 409);
    // The second instalment falls due: the worker charges it once, however often it runs.
    sqlx::query("UPDATE payment_plan_instalments SET due_on = ? WHERE plan_id = ? AND n = 2")
        .bind(plan["instalments"][0]["on"].as_str().unwrap())
        .bind(cents(&plan["id"]))
        .execute(&pool)
        .await
        .unwrap();
    for _ in 0..3 {
        server
            .post(&c, "/api/dev/payments/advance", json!({"days": 0}))
            .await;
    }
    assert_eq!(charges(&pool).await, 2);
    let b = bills(&server, &c).await;
    let shown = &b["plans"][0];
    assert_eq!(shown["instalments"][1]["status"], "charged");
    assert_eq!(shown["status"], "active");
    // Cancelling stops the third; what it would have paid stays due.
    let r = c
        .delete(server.url(&format!("/api/v1/billing/providers/plans/{}", plan["id"])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cancelled: Value = r.json().await.unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["instalments"][2]["status"], "cancelled");
    let b = bills(&server, &c).await;
    let left: i64 = ids.iter().map(|id| cents(&bill(&b, *id)["balance"])).sum();
    assert_eq!(left, parts[2]);
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 40}))
        .await;
    assert_eq!(charges(&pool).await, 2);
    ledger_balanced(&pool).await;
}

#[tokio::test]
async fn a_declined_first_instalment_sets_up_no_plan() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay2").await;
    let method = saved(&server, &c, CARD_DECLINED).await;
    let b = bills(&server, &c).await;
    let (ids, _) = plan_bills(&b);
    let body = json!({"idempotency_key": "plan-declined-000001", "bill_ids": ids, "months": 2,
        "method_id": method, "consent": true});
    for _ in 0..2 {
        let (s, p) = server
            .post(&c, "/api/v1/billing/providers/plans", body.clone())
            .await;
        assert_eq!(s, 402, "{p}");
        assert!(!field_codes(&p, "method_id").is_empty());
    }
    let b = bills(&server, &c).await;
    assert!(b["plans"].as_array().unwrap().is_empty(), "{b}");
    assert!(ids.iter().all(|id| ["due", "partly_paid", "past_due"]
        .contains(&bill(&b, *id)["status"].as_str().unwrap())));
    // A plan too small to spread.
    let small = payable(&b)
        .into_iter()
        .find(|x| cents(&x["balance"]) < 5_000);
    if let Some(small) = small {
        let ok = saved(&server, &c, CARD_OK).await;
        let (s, p) = server
            .post(
                &c,
                "/api/v1/billing/providers/plans",
                json!({"idempotency_key": "plan-small-00000001", "bill_ids": [small["id"]],
                    "months": 2, "method_id": ok, "consent": true}),
            )
            .await;
        assert_eq!(s, 400, "{p}");
        assert_eq!(field_codes(&p, "bill_ids"), ["bill_ids.plan_minimum"]);
    }
}

#[tokio::test]
async fn a_dispute_puts_the_bill_on_hold_and_writes_to_member_services() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay3").await;
    let method = saved(&server, &c, CARD_OK).await;
    let b = bills(&server, &c).await;
    let target = payable(&b)[0].clone();
    let id = cents(&target["id"]);
    let path = format!("/api/v1/billing/providers/{id}/dispute");
    let (s, p) = server
        .post(
            &c,
            &path,
            json!({"reason": "already_paid", "details": "short"}),
        )
        .await;
    assert_eq!(s, 400, "{p}");
    assert_eq!(field_codes(&p, "details"), ["details.length"]);
    let (s, d) = server
        .post(
            &c,
            &path,
            json!({"reason": "already_paid", "details": "I paid this at the front desk on the day of the visit."}),
        )
        .await;
    assert_eq!(s, 201, "{d}");
    assert!(d["reference"].as_str().unwrap().starts_with("BD-"));
    assert_eq!(d["status"], "open");
    let b2 = bills(&server, &c).await;
    let shown = bill(&b2, id);
    assert_eq!(shown["status"], "disputed");
    assert_eq!(shown["dispute"]["reference"], d["reference"]);
    assert_eq!(
        cents(&b2["total_due"]),
        cents(&b["total_due"]) - cents(&target["balance"])
    );
    // Member services has it in the billing inbox, with the claim.
    let (s, thread) = server
        .get(&c, &format!("/api/v1/messages/{}", d["thread_id"]))
        .await;
    assert_eq!(s, 200, "{thread}");
    assert!(thread.to_string().contains("\"billing\""), "{thread}");
    assert!(thread
        .to_string()
        .contains(target["number"].as_str().unwrap()));
    // Not twice, and not paid while on hold.
    let (s, _) = server
        .post(
            &c,
            &path,
            json!({"reason": "other", "details": "Disputing it again, please."}),
        )
        .await;
    assert_eq!(s, 409);
    let (s, _) = server
        .post(
            &c,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "disputed-0000000001", "bill_ids": [id], "amount": 100, "method_id": method}),
        )
        .await;
    assert_eq!(s, 409);
    // Once member services closes the thread, the dispute is answered and the bill open again.
    let pool = db(&server).await;
    sqlx::query("UPDATE message_threads SET status = 'closed' WHERE id = ?")
        .bind(cents(&d["thread_id"]))
        .execute(&pool)
        .await
        .unwrap();
    let b3 = bills(&server, &c).await;
    assert_eq!(bill(&b3, id)["dispute"]["status"], "resolved");
    assert_ne!(bill(&b3, id)["status"], "disputed");
}

#[tokio::test]
async fn a_plan_is_paused_while_one_of_its_bills_is_disputed() {
    let server = TestServer::start().await;
    let c = server.signed_in("billpay3").await;
    let method = saved(&server, &c, CARD_OK).await;
    let b = bills(&server, &c).await;
    let (ids, _) = plan_bills(&b);
    let (s, plan) = server
        .post(
            &c,
            "/api/v1/billing/providers/plans",
            json!({"idempotency_key": "plan-paused-0000001", "bill_ids": ids, "months": 4,
                "method_id": method, "consent": true}),
        )
        .await;
    assert_eq!(s, 201, "{plan}");
    let now = bills(&server, &c).await;
    let in_plan = ids
        .iter()
        .copied()
        .find(|id| bill(&now, *id)["status"] == "in_plan")
        .unwrap();
    let (s, d) = server
        .post(
            &c,
            &format!("/api/v1/billing/providers/{in_plan}/dispute"),
            json!({"reason": "wrong_amount", "details": "The amount is not what my EOB says."}),
        )
        .await;
    assert_eq!(s, 201, "{d}");
    let pool = db(&server).await;
    sqlx::query("UPDATE payment_plan_instalments SET due_on = ? WHERE plan_id = ? AND n = 2")
        .bind(plan["instalments"][0]["on"].as_str().unwrap())
        .bind(cents(&plan["id"]))
        .execute(&pool)
        .await
        .unwrap();
    server
        .post(&c, "/api/dev/payments/advance", json!({"days": 0}))
        .await;
    assert_eq!(charges(&pool).await, 1, "a paused plan charges nothing");
    let b = bills(&server, &c).await;
    assert_eq!(b["plans"][0]["status"], "paused");
    assert_eq!(b["plans"][0]["instalments"][1]["status"], "scheduled");
}

#[tokio::test]
async fn only_what_the_family_rules_allow_and_only_the_subscriber_pays() {
    let server = TestServer::start().await;
    // Reese (an adult in the Chen household, not the subscriber) sees bills read-only.
    let reese = server.signed_in("family2").await;
    let b = bills(&server, &reese).await;
    assert_eq!(b["can_pay"], false);
    let (s, p) = server
        .post(
            &reese,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "not-payer-000000001", "bill_ids": [1], "amount": 100, "method_id": 1}),
        )
        .await;
    assert_eq!(s, 403, "{p}");
    // Another household's bill is not there.
    let one = server.signed_in("billpay1").await;
    let mine = bills(&server, &one).await;
    let other = bills(&server, &server.signed_in("billpay2").await).await;
    let theirs = cents(&payable(&other)[0]["id"]);
    assert!(mine["bills"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| cents(&x["id"]) != theirs));
    let (s, _) = server
        .post(
            &one,
            &format!("/api/v1/billing/providers/{theirs}/dispute"),
            json!({"reason": "not_mine", "details": "This is not a bill of mine at all."}),
        )
        .await;
    assert_eq!(s, 404);
    let method = saved(&server, &one, CARD_OK).await;
    let (s, p) = server
        .post(
            &one,
            "/api/v1/billing/providers/payments",
            json!({"idempotency_key": "other-house-00000001", "bill_ids": [theirs], "amount": 100, "method_id": method}),
        )
        .await;
    assert_eq!(s, 400, "{p}");
    assert_eq!(field_codes(&p, "bill_ids"), ["bill_ids.unknown"]);
    let r = one
        .delete(server.url("/api/v1/billing/providers/plans/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Signed out: 401.
    let (s, _) = server
        .get(&server.client(), "/api/v1/billing/providers")
        .await;
    assert_eq!(s, 401);
}
