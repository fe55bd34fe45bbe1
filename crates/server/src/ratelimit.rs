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

/// Growing delays on failed sign-ins per client address (issue 11): the
/// first `free` failures cost nothing; after that each failure makes the
/// address wait `base`, doubling per further failure up to `max`, before its
/// next sign-in is checked. A request that comes early is answered 429 with
/// `Retry-After` at once (no worker sleeps). An address that fails nothing
/// for `quiet` starts again from zero. In memory, like [`RateLimiter`].
#[derive(Debug)]
pub struct FailureDelays {
    free: u32,
    base: Duration,
    max: Duration,
    quiet: Duration,
    inner: Mutex<HashMap<IpAddr, (u32, Instant)>>,
}

impl FailureDelays {
    /// `free` failures without delay (0: never delayed), then `base`
    /// doubling up to `max`; forgotten after `quiet` without a failure.
    pub fn new(free: u32, base: Duration, max: Duration, quiet: Duration) -> Arc<Self> {
        Arc::new(Self {
            free,
            base,
            max,
            quiet,
            inner: Mutex::new(HashMap::new()),
        })
    }

    /// The delay after `failures` failures.
    pub fn delay_after(&self, failures: u32) -> Duration {
        if self.free == 0 || failures < self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free).min(30);
        self.base.saturating_mul(1u32 << doublings).min(self.max)
    }

    /// `Some(seconds)` while `addr` must still wait before its next sign-in.
    pub fn wait(&self, addr: Option<IpAddr>) -> Option<u64> {
        let addr = addr?;
        let Ok(mut map) = self.inner.lock() else {
            return None;
        };
        let now = Instant::now();
        let (failures, last) = *map.get(&addr)?;
        if now.duration_since(last) >= self.quiet {
            map.remove(&addr);
            return None;
        }
        let until = last + self.delay_after(failures);
        (until > now).then(|| until.duration_since(now).as_secs().max(1))
    }

    /// Counts a failed sign-in from `addr`.
    pub fn failed(&self, addr: Option<IpAddr>) {
        let (Some(addr), true) = (addr, self.free > 0) else {
            return;
        };
        let Ok(mut map) = self.inner.lock() else {
            return;
        };
        let now = Instant::now();
        if map.len() >= MAX_TRACKED {
            map.retain(|_, (_, last)| now.duration_since(*last) < self.quiet);
        }
        let entry = map.entry(addr).or_insert((0, now));
        if now.duration_since(entry.1) >= self.quiet {
            entry.0 = 0;
        }
        entry.0 = entry.0.saturating_add(1);
        entry.1 = now;
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

    #[test]
    fn failure_delays_grow_and_are_capped() {
        let d = FailureDelays::new(
            3,
            Duration::from_secs(1),
            Duration::from_secs(60),
            Duration::from_secs(900),
        );
        let cases: &[(u32, u64)] = &[
            (0, 0),
            (2, 0),
            (3, 1),
            (4, 2),
            (5, 4),
            (8, 32),
            (9, 60),
            (40, 60),
        ];
        for &(n, secs) in cases {
            assert_eq!(d.delay_after(n), Duration::from_secs(secs), "{n} failures");
        }
        let off = FailureDelays::new(
            0,
            Duration::from_secs(1),
            Duration::from_secs(60),
            Duration::from_secs(900),
        );
        assert_eq!(off.delay_after(1000), Duration::ZERO);
        let a: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..3 {
            assert_eq!(d.wait(Some(a)), None);
            d.failed(Some(a));
        }
        assert_eq!(d.wait(Some(a)), Some(1), "the third failure costs a second");
        assert_eq!(
            d.wait(Some([10, 0, 0, 2].into())),
            None,
            "other addresses are not slowed"
        );
    }
}
