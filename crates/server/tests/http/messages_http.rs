//! Secure messages and the support role (issue 12), over HTTP: bad input
//! by field on every endpoint, a member's thread is theirs alone (404 for
//! anyone else), staff answer and the member gets an alert and an email
//! with the reference only, staff see no claims (403) and only a claim's
//! number and date, staff views are audited, rate limits, and nothing is
//! lost on a restart.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, outbox, TestServer};
use base64::Engine;
use portal_server::auth::totp;
use portal_server::demo::{SUPPORT_ACCOUNTS, SUPPORT_PASSWORD};
use serde_json::{json, Value};

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A small valid PNG signature and some bytes.
fn png() -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    v.extend_from_slice(&[0u8; 64]);
    v
}

/// Signs a support account in with its authenticator code (`offset`
/// seconds from now, so two sign-ins in one 30 s step use different steps).
pub(crate) async fn staff(s: &TestServer, username: &str, offset: i64) -> reqwest::Client {
    let secret = SUPPORT_ACCOUNTS
        .iter()
        .find(|(u, _)| *u == username)
        .unwrap()
        .1;
    let c = s.client();
    let (st, body) = s.login(&c, username, SUPPORT_PASSWORD).await;
    assert_eq!(st, 202, "staff sign-in asks for the second step: {body}");
    let t = u64::try_from(chrono::Utc::now().timestamp() + offset).unwrap();
    let code = totp::generate(secret, t).unwrap();
    let (st, me) = s
        .post(
            &c,
            "/api/v1/auth/login/two-step",
            json!({"code": code, "recovery_code": ""}),
        )
        .await;
    assert_eq!(st, 200, "{me}");
    assert_eq!(me["role"], "support");
    assert!(me.get("member").is_none(), "no household: {me}");
    c
}

/// One of `member`'s claims that they may see.
async fn a_claim(s: &TestServer, c: &reqwest::Client) -> (i64, String) {
    let (st, list) = s.get(c, "/api/v1/messages/claims").await;
    assert_eq!(st, 200, "{list}");
    let first = &list[0];
    (
        first["id"].as_i64().unwrap(),
        first["label"].as_str().unwrap().to_string(),
    )
}

async fn write(s: &TestServer, c: &reqwest::Client, body: Value) -> (u16, Value) {
    s.post(c, "/api/v1/messages", body).await
}

#[tokio::test]
async fn a_member_writes_staff_answer_and_the_member_is_told() {
    let s = TestServer::start().await;
    let member = s.signed_in("member1").await;
    let (claim_id, label) = a_claim(&s, &member).await;
    let claim_number = label.split(' ').next().unwrap().to_string();
    let (st, created) = write(
        &s,
        &member,
        json!({"topic": "claims", "subject": "Question about a claim", "body": "Why do I owe this?",
               "claim_id": claim_id,
               "attachment": {"filename": "bill.png", "content_base64": b64(&png())}}),
    )
    .await;
    assert_eq!(st, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    let reference = created["reference"].as_str().unwrap().to_string();
    assert!(
        reference.starts_with("MSG-2026-") && reference.len() == 15,
        "{reference}"
    );
    let (st, list) = s.get(&member, "/api/v1/messages").await;
    assert_eq!(st, 200);
    assert_eq!(list["items"][0]["reference"], reference.as_str());

    // Staff: the inbox, oldest first, filtered by topic.
    let desk = staff(&s, "support1", 0).await;
    let (st, inbox) = s.get(&desk, "/api/v1/support/threads?topic=claims").await;
    assert_eq!(st, 200, "{inbox}");
    assert_eq!(inbox["items"][0]["reference"], reference.as_str());
    assert_eq!(inbox["items"][0]["from"], "Alex M.");
    assert_eq!(inbox["staff"], json!(["support1", "support2"]));
    let (_, billing) = s.get(&desk, "/api/v1/support/threads?topic=billing").await;
    assert_eq!(billing["items"], json!([]));

    // The thread shows the claim's number and date, not the claim.
    let (st, thread) = s.get(&desk, &format!("/api/v1/support/threads/{id}")).await;
    assert_eq!(st, 200, "{thread}");
    assert_eq!(thread["claim"]["number"], claim_number.as_str());
    assert!(thread["claim"].get("id").is_none(), "{thread}");
    assert!(thread["claim"].get("amounts").is_none());
    let attachment = thread["messages"][0]["attachment"]["id"].as_i64().unwrap();
    let file = desk
        .get(s.url(&format!(
            "/api/v1/support/threads/{id}/attachments/{attachment}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.bytes().await.unwrap().to_vec(), png());

    // Staff reply: an alert and an email with the reference only.
    let (st, answered) = s
        .post(
            &desk,
            &format!("/api/v1/support/threads/{id}/replies"),
            json!({"body": "You owe the coinsurance: 20% of the allowed amount."}),
        )
        .await;
    assert_eq!(st, 201, "{answered}");
    assert_eq!(answered["summary"]["assignee"], "support1");
    let (_, alerts) = s.get(&member, "/api/v1/alerts").await;
    let alert = alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "message_reply")
        .cloned()
        .unwrap();
    assert_eq!(alert["link"], format!("/messages/{id}"));
    assert!(alert["message"].as_str().unwrap().contains(&reference));
    let mail = outbox(&s)
        .await
        .into_iter()
        .find(|m| m["kind"] == "message_reply")
        .unwrap();
    assert_eq!(mail["to"], "alex.morgan@example.com");
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains(&format!("new reply to your message {reference}")));
    assert!(!body.contains("coinsurance") && !body.contains(&claim_number));

    // The member reads it: the reply is there, the alert goes.
    let (st, mine) = s.get(&member, &format!("/api/v1/messages/{id}")).await;
    assert_eq!(st, 200);
    assert_eq!(mine["messages"][1]["author_name"], "Member Services");
    assert_eq!(mine["claim"]["id"], claim_id);
    let (_, alerts) = s.get(&member, "/api/v1/alerts").await;
    assert!(!alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["kind"] == "message_reply"));
    let (st, _) = s
        .post(
            &member,
            &format!("/api/v1/messages/{id}/replies"),
            json!({"body": "Thank you."}),
        )
        .await;
    assert_eq!(st, 201);

    // Reassign and close.
    let (st, moved) = s
        .put(
            &desk,
            &format!("/api/v1/support/threads/{id}/assignee"),
            json!({"assignee": "support2"}),
        )
        .await;
    assert_eq!(st, 200, "{moved}");
    assert_eq!(moved["assignee"], "support2");
    let (st, closed) = s
        .post(
            &desk,
            &format!("/api/v1/support/threads/{id}/close"),
            json!({}),
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(closed["status"], "closed");
    let (_, open) = s.get(&desk, "/api/v1/support/threads").await;
    assert_eq!(open["items"], json!([]));
    let (_, done) = s.get(&desk, "/api/v1/support/threads?status=closed").await;
    assert_eq!(done["items"][0]["id"], id);
}

#[tokio::test]
async fn another_members_thread_is_not_found() {
    let s = TestServer::start().await;
    let alex = s.signed_in("member1").await;
    let (_, created) = write(
        &s,
        &alex,
        json!({"topic": "billing", "subject": "Premium", "body": "When is it due?"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let sam = s.signed_in("member2").await;
    let (st, p) = s.get(&sam, &format!("/api/v1/messages/{id}")).await;
    assert_eq!(st, 404, "{p}");
    let (st, _) = s
        .post(
            &sam,
            &format!("/api/v1/messages/{id}/replies"),
            json!({"body": "hi"}),
        )
        .await;
    assert_eq!(st, 404);
    let (st, _) = s.get(&sam, "/api/v1/messages/999999").await;
    assert_eq!(
        st, 404,
        "the same answer as for a thread that does not exist"
    );
    let (_, list) = s.get(&sam, "/api/v1/messages").await;
    assert_eq!(list["items"], json!([]));
    // Nor a claim of another household.
    let (alex_claim, _) = a_claim(&s, &alex).await;
    let (st, p) = write(
        &s,
        &sam,
        json!({"topic": "claims", "subject": "x", "body": "y", "claim_id": alex_claim}),
    )
    .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "claim_id"), ["claim_id.unknown"]);
    // Members cannot open the inbox.
    let (st, _) = s.get(&alex, "/api/v1/support/threads").await;
    assert_eq!(st, 403);
    let (st, _) = s.get(&alex, &format!("/api/v1/support/threads/{id}")).await;
    assert_eq!(st, 403);
}

#[tokio::test]
async fn staff_see_no_member_data_and_their_views_are_audited() {
    let s = TestServer::start().await;
    let desk = staff(&s, "support1", 0).await;
    for path in [
        "/api/v1/claims",
        "/api/v1/claims/1",
        "/api/v1/claims/export.csv",
        "/api/v1/dashboard",
        "/api/v1/coverage",
        "/api/v1/plans",
        "/api/v1/accumulators",
        "/api/v1/estimate/services",
        "/api/v1/family/sharing",
        "/api/v1/alerts",
        "/api/v1/members/1/card",
        "/api/v1/account",
        "/api/v1/messages",
        "/api/v1/messages/claims",
    ] {
        let r = desk.get(s.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 403, "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    let (st, me) = s.get(&desk, "/api/v1/me").await;
    assert_eq!(st, 200);
    assert_eq!(me["role"], "support");
    let (st, _) = s.post(&desk, "/api/v1/session/keep-alive", json!({})).await;
    assert_eq!(st, 200);

    // A staff view of a member's thread is in the audit trail, with its reference.
    let member = s.signed_in("member3").await;
    let (_, created) = write(
        &s,
        &member,
        json!({"topic": "coverage", "subject": "Dental", "body": "Is dental covered?"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let (st, _) = s.get(&desk, &format!("/api/v1/support/threads/{id}")).await;
    assert_eq!(st, 200);
    let db = portal_server::db::connect(&format!("sqlite://{}", s.dir().join("test.db").display()))
        .await
        .unwrap();
    let seen = portal_server::db::audit::with_detail(
        &db,
        portal_server::db::audit::Event::SupportThreadViewed,
        10,
    )
    .await
    .unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, created["reference"].as_str().unwrap());
}

#[tokio::test]
async fn staff_sign_in_needs_the_second_step() {
    let s = TestServer::start().await;
    let c = s.client();
    let (st, p) = s.login(&c, "support1", SUPPORT_PASSWORD).await;
    assert_eq!(st, 202, "{p}");
    assert_eq!(p["two_step_required"], true);
    let (st, _) = s.get(&c, "/api/v1/me").await;
    assert_eq!(st, 401, "the password alone signs nobody in");
    let (st, _) = s.login(&s.client(), "support1", "Demo.Pass1").await;
    assert_eq!(st, 401);
}

#[tokio::test]
async fn bad_input_is_named_by_field() {
    let s = TestServer::start().await;
    let member = s.signed_in("member1").await;
    let cases = [
        (
            json!({"topic": "gossip", "subject": "", "body": ""}),
            vec![
                ("topic", "topic.invalid"),
                ("subject", "subject.required"),
                ("body", "body.required"),
            ],
        ),
        (
            json!({"topic": "claims", "subject": "x".repeat(121), "body": "y".repeat(4001)}),
            vec![("subject", "subject.too_long"), ("body", "body.too_long")],
        ),
        (
            json!({"topic": "claims", "subject": "s", "body": "b",
                   "attachment": {"filename": "run.exe", "content_base64": b64(b"MZ")}}),
            vec![("attachment", "attachment.type")],
        ),
        (
            json!({"topic": "claims", "subject": "s", "body": "b",
                   "attachment": {"filename": "fake.pdf", "content_base64": b64(b"<html>not a pdf")}}),
            vec![("attachment", "attachment.type")],
        ),
        (
            json!({"topic": "claims", "subject": "s", "body": "b",
                   "attachment": {"filename": "a.pdf", "content_base64": "%%%"}}),
            vec![("attachment", "attachment.encoding")],
        ),
    ];
    for (body, expected) in cases {
        let (st, p) = write(&s, &member, body.clone()).await;
        assert_eq!(st, 400, "{body} {p}");
        for (field, code) in expected {
            assert_eq!(field_codes(&p, field), [code], "{p}");
        }
    }
    // Too large: 2 MB and one byte of a real PDF.
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(2 * 1024 * 1024 + 1, b' ');
    let (st, p) = write(
        &s,
        &member,
        json!({"topic": "claims", "subject": "s", "body": "b",
               "attachment": {"filename": "big.pdf", "content_base64": b64(&big)}}),
    )
    .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "attachment"), ["attachment.too_large"]);
    // Wrong shapes: 422 problems, never 500.
    let (st, _) = write(&s, &member, json!({"topic": 3})).await;
    assert_eq!(st, 422);
    let (st, _) = s.get(&member, "/api/v1/messages/abc").await;
    assert_eq!(st, 400);
    let (_, created) = write(
        &s,
        &member,
        json!({"topic": "other", "subject": "s", "body": "b"}),
    )
    .await;
    let id = created["id"].as_i64().unwrap();
    let (st, p) = s
        .post(
            &member,
            &format!("/api/v1/messages/{id}/replies"),
            json!({"body": "  "}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "body"), ["body.required"]);

    let anon = s.client();
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/support/technical",
            json!({"email": "not-an-email", "subject": "", "body": "b"}),
        )
        .await;
    assert_eq!(st, 400);
    assert!(!field_codes(&p, "email").is_empty(), "{p}");
    assert_eq!(field_codes(&p, "subject"), ["subject.required"]);

    let desk = staff(&s, "support1", 0).await;
    let (st, p) = s.get(&desk, "/api/v1/support/threads?topic=gossip").await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "topic"), ["topic.invalid"]);
    let (st, p) = s.get(&desk, "/api/v1/support/threads?status=lost").await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "status"), ["status.invalid"]);
    let (st, p) = s
        .put(
            &desk,
            &format!("/api/v1/support/threads/{id}/assignee"),
            json!({"assignee": "member1"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "assignee"), ["assignee.unknown"]);
    let (st, p) = s
        .post(
            &desk,
            &format!("/api/v1/support/threads/{id}/replies"),
            json!({"body": ""}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "body"), ["body.required"]);
    let (st, _) = s.get(&desk, "/api/v1/support/threads/424242").await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn technical_support_is_rate_limited_per_email_and_per_address() {
    let s = TestServer::start().await;
    let anon = s.client();
    let send = |email: &str| json!({"email": email, "subject": "Blank page", "body": "The portal shows nothing."});
    for _ in 0..3 {
        let (st, created) = s
            .post(&anon, "/api/v1/support/technical", send("pat@example.com"))
            .await;
        assert_eq!(st, 201, "{created}");
        assert!(created["reference"].as_str().unwrap().starts_with("MSG-"));
    }
    let r = anon
        .post(s.url("/api/v1/support/technical"))
        .json(&send("PAT@example.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429, "per address, whatever its case");
    assert!(r.headers().contains_key("retry-after"));
    // Per client address: 10 an hour in all (3 were sent, 1 refused).
    let mut statuses = Vec::new();
    for i in 0..8 {
        let (st, _) = s
            .post(
                &anon,
                "/api/v1/support/technical",
                send(&format!("p{i}@example.com")),
            )
            .await;
        statuses.push(st);
    }
    assert_eq!(statuses.iter().filter(|&&st| st == 201).count(), 6);
    assert_eq!(statuses.last(), Some(&429));

    // A member: 10 new threads an hour.
    let member = s.signed_in("member2").await;
    for _ in 0..10 {
        let (st, _) = write(
            &s,
            &member,
            json!({"topic": "other", "subject": "s", "body": "b"}),
        )
        .await;
        assert_eq!(st, 201);
    }
    let (st, _) = write(
        &s,
        &member,
        json!({"topic": "other", "subject": "s", "body": "b"}),
    )
    .await;
    assert_eq!(st, 429);

    // A visitor's thread is answered by email.
    let desk = staff(&s, "support2", 0).await;
    let (_, inbox) = s
        .get(&desk, "/api/v1/support/threads?topic=technical")
        .await;
    let first = &inbox["items"][0];
    assert_eq!(first["from"], "pat@example.com");
    let id = first["id"].as_i64().unwrap();
    let (st, _) = s
        .post(
            &desk,
            &format!("/api/v1/support/threads/{id}/replies"),
            json!({"body": "Please clear the browser cache."}),
        )
        .await;
    assert_eq!(st, 201);
    let mail = outbox(&s)
        .await
        .into_iter()
        .find(|m| m["kind"] == "support_reply")
        .unwrap();
    assert_eq!(mail["to"], "pat@example.com");
}

#[tokio::test]
async fn threads_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("keep.db").display());
    let config = || {
        let mut c = portal_server::config::Config::for_tests(&url);
        c.static_dir = dir.path().join("dist");
        c
    };
    let start = |state| async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(portal_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        (base, tx, handle)
    };
    let http = || {
        reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap()
    };
    let state = portal_server::build_state(config()).await.unwrap();
    let db = state.db.clone();
    let (base, stop, handle) = start(state).await;
    let c = http();
    let r = c
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "member1", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let created: Value = c
        .post(format!("{base}/api/v1/messages"))
        .json(
            &json!({"topic": "pharmacy", "subject": "Refill", "body": "Can I refill early?",
                      "attachment": {"filename": "rx.png", "content_base64": b64(&png())}}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let _ = stop.send(());
    handle.await.unwrap().unwrap();
    db.close().await;

    let state = portal_server::build_state(config()).await.unwrap();
    let (base, _stop, _handle) = start(state).await;
    let c = http();
    let r = c
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"username": "member1", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let thread: Value = c
        .get(format!("{base}/api/v1/messages/{}", created["id"]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(thread["summary"]["reference"], created["reference"]);
    assert_eq!(thread["messages"][0]["body"], "Can I refill early?");
    assert_eq!(thread["messages"][0]["attachment"]["filename"], "rx.png");
}
