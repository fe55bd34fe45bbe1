//! The access log (issue 11): one line per request with the method, the
//! route template, the status and the latency; never the query string or the
//! values in the path.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn one_line_per_request_with_the_route_template_and_no_query() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_env_filter("access=info")
        .init();
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    assert_eq!(s.get(&c, "/api/v1/claims?q=knee%20surgery").await.0, 200);
    let (_, page) = s.get(&c, "/api/v1/claims?range=all&page_size=1").await;
    let id = page["items"][0]["id"].as_i64().unwrap();
    assert_eq!(s.get(&c, &format!("/api/v1/claims/{id}")).await.0, 200);
    assert_eq!(s.get(&c, "/api/v1/no-such/4821").await.0, 404);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("access")).collect();
    let find = |route: &str, status: &str| {
        lines.iter().any(|l| {
            l.contains(&format!("route={route}"))
                && l.contains(&format!("status={status}"))
                && l.contains("ms=")
        })
    };
    assert!(find("/api/v1/auth/login", "200"), "{log}");
    assert!(find("/api/v1/claims", "200"), "{log}");
    assert!(find("/api/v1/claims/{id}", "200"), "{log}");
    assert!(find("(no such API route)", "404"), "{log}");
    for secret in ["knee", "surgery", "q=", "4821", &format!("/claims/{id}")] {
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}
