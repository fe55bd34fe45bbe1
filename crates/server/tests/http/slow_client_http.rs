//! Slow clients (issue 11): a connection whose request headers do not arrive
//! within `--header-read-timeout-secs` is closed, so a few clients sending a
//! byte now and then cannot hold the server's connections open.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn partial_headers_are_cut_off_after_the_timeout() {
    let s = TestServer::start_with(|c| c.header_read_timeout_secs = 1).await;
    let addr = s.base.trim_start_matches("http://").to_string();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    tcp.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    // Before: the server waited for the rest for ever.
    let read = tokio::time::timeout(Duration::from_secs(8), tcp.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the connection was still open after 8 s");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // A normal request on a new connection is still answered.
    let (st, _) = s.get(&s.client(), "/api/health").await;
    assert_eq!(st, 200);
}
