//! Server configuration, from flags or environment (`portal-server --help`).

use clap::Parser;
use portal_domain::PolicyPreset;
use std::net::SocketAddr;
use std::path::PathBuf;

/// How the portal server runs.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "portal-server",
    version,
    about = "Health-plan member portal: API and web app server"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// SQLite database URL (created and migrated on first start).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/portal.db")]
    pub database_url: String,

    /// Seed the demo households into a new database.
    #[arg(long, env = "PORTAL_DEMO", default_value_t = false, num_args = 0..=1,
          default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub demo: bool,

    /// Claims to seed for the benchmark account `perf10k` (0: no such account).
    #[arg(long, env = "PORTAL_DEMO_PERF_CLAIMS", default_value_t = 10_000)]
    pub demo_perf_claims: usize,

    /// Directory of the built web app (trunk's dist/).
    #[arg(long, env = "PORTAL_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Mark the session cookie Secure (set this behind HTTPS).
    #[arg(long, env = "PORTAL_COOKIE_SECURE", default_value_t = false, num_args = 0..=1,
          default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub cookie_secure: bool,

    /// Credential policy preset: member, strong or provider.
    #[arg(long, env = "PORTAL_POLICY", default_value = "member", value_parser = parse_preset)]
    pub policy: PolicyPreset,

    /// Other origins allowed to make state-changing requests (comma separated),
    /// e.g. `http://127.0.0.1:8080` for `trunk serve`.
    #[arg(long, env = "PORTAL_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Seconds without activity after which a session ends.
    #[arg(long, env = "PORTAL_SESSION_IDLE_SECS", default_value_t = 1800)]
    pub session_idle_secs: u64,

    /// Absolute lifetime of a session, in seconds.
    #[arg(long, env = "PORTAL_SESSION_MAX_SECS", default_value_t = 12 * 3600)]
    pub session_max_secs: u64,

    /// First day of open enrollment (`YYYY-MM-DD`). Without both dates the
    /// window is November 1 to December 15 of the current year, or, with
    /// `--demo`, open from 14 days ago to 21 days ahead.
    #[arg(long, env = "PORTAL_ENROLLMENT_START")]
    pub enrollment_start: Option<chrono::NaiveDate>,

    /// Last day of open enrollment (`YYYY-MM-DD`), inclusive.
    #[arg(long, env = "PORTAL_ENROLLMENT_END")]
    pub enrollment_end: Option<chrono::NaiveDate>,

    /// Pin the plan's calendar to this date (`YYYY-MM-DD`) instead of today's
    /// UTC date: the demo claims, enrollment window, alerts, claim-date
    /// presets and estimates then give the same answers on any day. For
    /// tests; the demo and the benchmarks leave it unset.
    #[arg(long, env = "PORTAL_TODAY")]
    pub today: Option<chrono::NaiveDate>,

    /// Consecutive failed sign-ins that lock an account.
    #[arg(long, env = "PORTAL_LOCKOUT_THRESHOLD", default_value_t = 5)]
    pub lockout_threshold: u32,

    /// How long a lockout lasts, in seconds.
    #[arg(long, env = "PORTAL_LOCKOUT_SECS", default_value_t = 15 * 60)]
    pub lockout_secs: u64,
}

fn parse_preset(s: &str) -> Result<PolicyPreset, String> {
    PolicyPreset::parse(s)
        .ok_or_else(|| format!("unknown policy preset {s:?} (member, strong, provider)"))
}

impl Config {
    /// The date the test suites pin (`--today`): the server tests and the
    /// Playwright suite (`e2e/tests/fixtures/clock.ts`) use the same one.
    pub const TEST_TODAY: &'static str = "2026-11-23";

    /// The open-enrollment window on `today`: (first day, last day).
    pub fn enrollment_window(
        &self,
        today: chrono::NaiveDate,
    ) -> (chrono::NaiveDate, chrono::NaiveDate) {
        use chrono::{Datelike, Duration, NaiveDate};
        match (self.enrollment_start, self.enrollment_end) {
            (Some(start), Some(end)) => (start, end),
            _ if self.demo => (today - Duration::days(14), today + Duration::days(21)),
            _ => (
                NaiveDate::from_ymd_opt(today.year(), 11, 1).unwrap_or(today),
                NaiveDate::from_ymd_opt(today.year(), 12, 15).unwrap_or(today),
            ),
        }
    }

    /// Test configuration: the demo households (without the benchmark one)
    /// in the given database, on the pinned date [`Config::TEST_TODAY`], so
    /// every answer is the same whatever day the tests run.
    pub fn for_tests(database_url: &str) -> Self {
        Self::parse_from([
            "portal-server",
            "--today",
            Self::TEST_TODAY,
            "--database-url",
            database_url,
            "--demo",
            "--demo-perf-claims",
            "0",
            "--static-dir",
            "/nonexistent",
        ])
    }
}
