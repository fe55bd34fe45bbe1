//! Message delivery: the outbox survives a restart, retries failures with a
//! growing delay and gives up after the last attempt; the SMTP sender and
//! the SMS provider sender deliver what recovery queues (against a fake SMTP
//! server and a fake SMS API on the loopback).

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use portal_server::config::{Config, SmtpTls};
use portal_server::db::outbox::{self, Channel, NewMessage};
use portal_server::messaging::{Outbox, Outgoing, SendFuture, Sender, MAX_ATTEMPTS};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

fn message(to: &str) -> NewMessage {
    NewMessage {
        channel: Channel::Email,
        recipient: to.into(),
        subject: "Subject".into(),
        body: "Body 123456".into(),
        kind: "test".into(),
        user_id: None,
    }
}

fn config(dir: &tempfile::TempDir) -> Config {
    let url = format!("sqlite://{}", dir.path().join("o.db").display());
    Config::for_tests(&url)
}

#[tokio::test]
async fn queued_messages_survive_a_restart_and_are_sent_once() {
    let dir = tempfile::tempdir().unwrap();
    let before = portal_server::build_state(config(&dir)).await.unwrap();
    outbox::enqueue_now(
        &before.db,
        &[message("a@example.com"), message("b@example.com")],
        100,
    )
    .await
    .unwrap();
    before.db.close().await;
    drop(before);
    // A new process on the same database: its worker sends what was left.
    let after = portal_server::build_state(config(&dir)).await.unwrap();
    assert_eq!(outbox::pending_count(&after.db).await.unwrap(), 2);
    assert_eq!(after.outbox.run_once(&after.db, 200).await.unwrap(), 2);
    assert_eq!(
        after.outbox.run_once(&after.db, 300).await.unwrap(),
        0,
        "once"
    );
    assert_eq!(outbox::pending_count(&after.db).await.unwrap(), 0);
    let sent = outbox::recent(&after.db, 10).await.unwrap();
    assert!(sent
        .iter()
        .all(|m| m.sent_at == Some(200) && m.attempts == 1));
}

/// Fails the first `fail` sends, then delivers.
struct Flaky {
    fail: usize,
    calls: AtomicUsize,
}

impl Sender for Flaky {
    fn send<'a>(&'a self, _m: &'a Outgoing<'a>) -> SendFuture<'a> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        let fail = n < self.fail;
        Box::pin(async move {
            if fail {
                anyhow::bail!("451 try later")
            }
            Ok(())
        })
    }
    fn describe(&self) -> String {
        "flaky".into()
    }
}

fn flaky(fail: usize) -> Box<dyn Sender> {
    Box::new(Flaky {
        fail,
        calls: AtomicUsize::new(0),
    })
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_a_growing_delay_then_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let state = portal_server::build_state(config(&dir)).await.unwrap();
    let db = &state.db;
    // Two failures, then delivered: at 1000, not before 1010, then not before 1030.
    let ob = Outbox::new(flaky(2), flaky(0));
    outbox::enqueue_now(db, &[message("a@example.com")], 1000)
        .await
        .unwrap();
    assert_eq!(ob.run_once(db, 1000).await.unwrap(), 0);
    assert_eq!(ob.run_once(db, 1009).await.unwrap(), 0, "waits 10 s");
    assert_eq!(ob.run_once(db, 1010).await.unwrap(), 0, "second failure");
    assert_eq!(ob.run_once(db, 1029).await.unwrap(), 0, "waits 20 s");
    assert_eq!(ob.run_once(db, 1030).await.unwrap(), 1);
    let m = &outbox::recent(db, 1).await.unwrap()[0];
    assert_eq!((m.attempts, m.sent_at), (3, Some(1030)));

    // Always failing: given up after the last attempt, and the body is cleared.
    let ob = Outbox::new(flaky(usize::MAX), flaky(0));
    outbox::enqueue_now(db, &[message("b@example.com")], 2000)
        .await
        .unwrap();
    let mut t = 2000;
    for _ in 0..MAX_ATTEMPTS {
        ob.run_once(db, t).await.unwrap();
        t += 4000;
    }
    let m = &outbox::recent(db, 1).await.unwrap()[0];
    assert_eq!(m.attempts, MAX_ATTEMPTS);
    assert!(m.failed_at.is_some());
    assert_eq!(m.body, "");
    assert_eq!(outbox::pending_count(db).await.unwrap(), 0);
}

/// A fake SMTP server: records each message's DATA (with its envelope).
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = Arc::clone(&got);
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let (r, mut w) = conn.into_split();
                let mut lines = BufReader::new(r).lines();
                w.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let (mut data, mut buf) = (false, String::new());
                while let Ok(Some(line)) = lines.next_line().await {
                    if data {
                        if line == "." {
                            data = false;
                            store.lock().unwrap().push(std::mem::take(&mut buf));
                            w.write_all(b"250 2.0.0 queued\r\n").await.unwrap();
                        } else {
                            buf.push_str(&line);
                            buf.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") {
                        b"250-fake\r\n250 8BITMIME\r\n"
                    } else if upper.starts_with("DATA") {
                        data = true;
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        buf.push_str(&line);
                        buf.push('\n');
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

/// A fake SMS API: records each request's form body and authorization.
async fn fake_sms() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    use axum::http::HeaderMap;
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = Arc::clone(&got);
    let app = axum::Router::new().route(
        "/2010-04-01/Accounts/AC1/Messages.json",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let store = Arc::clone(&store);
            async move {
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                store.lock().unwrap().push((body, auth));
                (axum::http::StatusCode::CREATED, "{\"sid\":\"SM1\"}")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/2010-04-01/Accounts/AC1/Messages.json",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, got)
}

async fn wait_for<T>(got: &Arc<Mutex<Vec<T>>>, n: usize) {
    for _ in 0..100 {
        if got.lock().unwrap().len() >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing delivered");
}

#[tokio::test]
async fn email_goes_over_smtp_and_texts_to_the_provider_api() {
    let (smtp_port, mail) = fake_smtp().await;
    let (sms_url, texts) = fake_sms().await;
    let s = TestServer::start_with(|c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = Some(smtp_port);
        c.smtp_tls = SmtpTls::None;
        c.sms_api_url = Some(sms_url.clone());
        c.sms_api_user = Some("AC1".into());
        c.sms_api_token = Some("secret-token".into());
        c.sms_from = "+15555550100".into();
    })
    .await;
    let c = s.client();
    let (st, _) = s
        .post(
            &c,
            "/api/v1/recovery/start",
            json!({"purpose": "username", "member_id": "10020030001", "first_name": "Alex", "last_name": "Morgan", "date_of_birth": "1984-03-14"}),
        )
        .await;
    assert_eq!(st, 202);
    let (st, _) = s
        .post(
            &c,
            "/api/v1/recovery/start",
            json!({"purpose": "unlock", "member_id": "20030040003", "first_name": "Jamie", "last_name": "Rivera", "date_of_birth": "2003-04-17"}),
        )
        .await;
    assert_eq!(st, 202);
    wait_for(&mail, 1).await;
    wait_for(&texts, 1).await;
    let email = mail.lock().unwrap()[0].clone();
    assert!(
        email.contains("RCPT TO:<alex.morgan@example.com>"),
        "{email}"
    );
    assert!(email.contains("member1"), "{email}");
    assert!(
        email.contains("From: ") && email.contains("<no-reply@evergreen-health.example>"),
        "{email}"
    );
    let (form, auth) = texts.lock().unwrap()[0].clone();
    let fields: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect();
    let field = |k: &str| fields.iter().find(|(n, _)| n == k).unwrap().1.clone();
    assert_eq!(field("To"), "+15555550143");
    assert_eq!(field("From"), "+15555550100");
    assert!(field("Body").contains("code to unlock"), "{form}");
    assert!(auth.starts_with("Basic "), "{auth}");
    // Delivered by a real sender: marked sent, and the body is not kept.
    let (_, list) = s.get(&c, "/api/dev/outbox").await;
    let list: Vec<Value> = list.as_array().unwrap().clone();
    for _ in 0..50 {
        if list.iter().all(|m| m["status"] == "sent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, list) = s.get(&c, "/api/dev/outbox").await;
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["status"] == "sent" && m["body"] == ""));
}
