//! Request-rate limits on the endpoints anyone can call without a session
//! and that cost a password hash or a message: `POST /api/v1/auth/*`
//! (sign-in, registration, the second step) and `POST /api/v1/recovery/*`.
//! Per client address and overall, in fixed one-minute windows, in memory
//! (a flood must not cost a database write per request). Over a limit: 429
//! with `Retry-After`.

use crate::error::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_domain::problem::types;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The window of both limits.
pub const WINDOW: Duration = Duration::from_secs(60);
/// Addresses remembered at most (older windows are dropped first).
const MAX_TRACKED: usize = 100_000;

/// The limiter's state.
#[derive(Debug)]
pub struct RateLimiter {
    per_address: u32,
    total: u32,
    inner: Mutex<Windows>,
}

#[derive(Debug)]
struct Windows {
    started: Instant,
    total: u32,
    by_address: HashMap<IpAddr, u32>,
}

impl RateLimiter {
    /// `per_address` and `total` requests per [`WINDOW`] (0: no limit).
    pub fn new(per_address: u32, total: u32) -> Arc<Self> {
        Arc::new(Self {
            per_address,
            total,
            inner: Mutex::new(Windows {
                started: Instant::now(),
                total: 0,
                by_address: HashMap::new(),
            }),
        })
    }

    /// Counts one request; `Err(seconds to wait)` when over a limit.
    pub fn check(&self, addr: Option<IpAddr>) -> Result<(), u64> {
        let Ok(mut w) = self.inner.lock() else {
            return Ok(());
        };
        let now = Instant::now();
        if now.duration_since(w.started) >= WINDOW || w.by_address.len() >= MAX_TRACKED {
            w.started = now;
            w.total = 0;
            w.by_address.clear();
        }
        let wait = WINDOW
            .saturating_sub(now.duration_since(w.started))
            .as_secs()
            .max(1);
        // Per address first: one address over its limit uses up nobody else's share.
        if let Some(addr) = addr {
            let n = w.by_address.entry(addr).or_insert(0);
            *n = n.saturating_add(1);
            if self.per_address > 0 && *n > self.per_address {
                return Err(wait);
            }
        }
        w.total = w.total.saturating_add(1);
        if self.total > 0 && w.total > self.total {
            return Err(wait);
        }
        Ok(())
    }
}

fn limited_path(path: &str) -> bool {
    let path = path.strip_prefix("/api").unwrap_or(path);
    path.starts_with("/v1/auth/") || path.starts_with("/v1/recovery/")
}

/// Middleware: applies the limits to `POST /api/v1/auth/*` and `/recovery/*`.
pub async fn limit(State(limiter): State<Arc<RateLimiter>>, req: Request, next: Next) -> Response {
    if req.method() == Method::POST && limited_path(req.uri().path()) {
        let addr = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip());
        if let Err(wait) = limiter.check(addr) {
            let mut res = ApiError::problem(
                types::RATE_LIMITED,
                "Too many requests",
                StatusCode::TOO_MANY_REQUESTS,
                format!("Too many requests. Please wait {wait} seconds and try again."),
            )
            .into_response();
            if let Ok(v) = wait.to_string().parse() {
                res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
            return res;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_address_then_total() {
        let l = RateLimiter::new(2, 3);
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        assert!(l.check(Some(a)).is_ok());
        assert!(l.check(Some(a)).is_ok());
        assert!(l.check(Some(a)).is_err(), "third from one address");
        assert!(l.check(Some(b)).is_ok(), "not counted overall");
        assert!(l.check(Some(b)).is_err(), "fourth overall");
        assert!(limited_path("/v1/auth/login") && limited_path("/api/v1/recovery/start"));
        assert!(!limited_path("/v1/claims"));
    }
}
