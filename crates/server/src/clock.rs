//! The server's calendar: which day it is for the plan.
//!
//! Everything that depends on the *date* (the demo claims generator, the
//! open-enrollment window, alerts and premium due dates, claim-date presets,
//! plan years, the estimator's accumulators) asks [`Clock::today`], so a test
//! suite can pin the date with `--today` (`PORTAL_TODAY`) and get the same
//! answers on any day it runs. Instants used for security (session idle and
//! absolute timeouts, lockouts, rate limits, TOTP codes, audit times) keep the
//! real clock: they measure durations, and a TOTP code must match the
//! member's authenticator app.

use chrono::{NaiveDate, Utc};

/// The date source: the real UTC date, or one fixed date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    pinned: Option<NaiveDate>,
}

impl Clock {
    /// The real UTC date.
    pub fn system() -> Self {
        Self { pinned: None }
    }

    /// Always `date`, whatever the real date is.
    pub fn pinned(date: NaiveDate) -> Self {
        Self { pinned: Some(date) }
    }

    /// A pinned clock for `Some(date)`, else the real one.
    pub fn from_option(date: Option<NaiveDate>) -> Self {
        Self { pinned: date }
    }

    /// Today's date for the plan (UTC).
    pub fn today(&self) -> NaiveDate {
        self.pinned.unwrap_or_else(|| Utc::now().date_naive())
    }

    /// Whether the date is pinned (tests), not the real one.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }
}

/// Response header with the pinned date, read by the browser app so its
/// "today" (claim-date presets, date checks) agrees with the server's.
pub const DATE_HEADER: &str = "portal-today";

/// Middleware: on a pinned clock, tells every API answer's reader the date.
pub async fn date_header(
    axum::extract::State(clock): axum::extract::State<Clock>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut res = next.run(req).await;
    if clock.is_pinned() {
        if let Ok(v) = axum::http::HeaderValue::from_str(&clock.today().to_string()) {
            res.headers_mut().insert(DATE_HEADER, v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_clock_keeps_its_date() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).expect("leap day");
        let c = Clock::pinned(d);
        assert_eq!(c.today(), d);
        assert!(c.is_pinned());
    }

    #[test]
    fn system_clock_follows_the_real_date() {
        let c = Clock::system();
        assert!(!c.is_pinned());
        let before = Utc::now().date_naive();
        let got = c.today();
        let after = Utc::now().date_naive();
        assert!(got == before || got == after);
    }
}
