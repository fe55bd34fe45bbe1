//! A bound on concurrent password hashing. Each argon2id hash takes 19 MiB
//! and a core for tens of milliseconds; without a bound, a flood of sign-in
//! attempts (no account needed) grows memory without limit. At most
//! `permits` hashes run at once (about the core count); a request waits at
//! most `wait` for a turn, then is answered 503 with `Retry-After`.

use crate::error::ApiError;
use axum::http::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub use portal_domain::problem::types::BUSY;

/// The gate every password hash and verification goes through.
#[derive(Debug)]
pub struct HashGate {
    slots: Arc<Semaphore>,
    wait: Duration,
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl HashGate {
    /// At most `permits` (at least 1) hashes at once; a request waits at most `wait`.
    pub fn new(permits: usize, wait: Duration) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(permits.max(1))),
            wait,
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// The most hashes that ever ran at once (for tests and benchmarks).
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::Relaxed)
    }

    /// Runs `work` (CPU-heavy) on the blocking pool once a slot is free;
    /// 503 when none frees up in time.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = tokio::time::timeout(self.wait, Arc::clone(&self.slots).acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|_| busy())?;
        let now = self.running.fetch_add(1, Ordering::Relaxed) + 1;
        self.peak.fetch_max(now, Ordering::Relaxed);
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await;
        self.running.fetch_sub(1, Ordering::Relaxed);
        result.map_err(|e| ApiError::Internal(e.into()))
    }
}

/// 503: every hashing slot is taken (the answer carries `Retry-After`).
pub fn busy() -> ApiError {
    ApiError::problem(
        BUSY,
        "Busy, try again",
        StatusCode::SERVICE_UNAVAILABLE,
        "We're handling a lot of sign-ins right now. Please try again in a few seconds.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bounded_and_refuses_when_full() {
        let gate = Arc::new(HashGate::new(1, Duration::from_millis(20)));
        let slow = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move {
                gate.run(|| std::thread::sleep(Duration::from_millis(200)))
                    .await
                    .is_ok()
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let refused = gate.run(|| ()).await;
        assert!(matches!(refused, Err(ApiError::Problem(p)) if p.status == 503));
        assert!(slow.await.unwrap_or(false));
        assert_eq!(gate.peak(), 1);
        assert!(gate.run(|| 7).await.is_ok_and(|v| v == 7));
    }
}
