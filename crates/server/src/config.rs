//! Server configuration, from flags or environment (`portal-server --help`).

use clap::Parser;
use portal_domain::PolicyPreset;
use std::net::SocketAddr;
use std::path::PathBuf;

/// One-off tasks of the plan's operators.
#[derive(Clone, Debug, clap::Subcommand)]
pub enum Command {
    /// Register an app members may connect to their data (SMART on FHIR),
    /// or update the one with this client id. Prints the client secret of
    /// a confidential app once.
    RegisterApp {
        /// The OAuth client_id the app will send.
        #[arg(long)]
        client_id: String,
        /// The app's name, as members will see it.
        #[arg(long)]
        name: String,
        /// The company or person who makes it.
        #[arg(long)]
        developer: String,
        /// The app's website.
        #[arg(long)]
        website: String,
        /// The app's privacy policy address.
        #[arg(long)]
        privacy_policy: String,
        /// A redirect URI (exact; repeat for more).
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// Give the app a client secret (a server-side app that can keep one).
        #[arg(long)]
        confidential: bool,
    },
}

/// How the portal server runs.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "portal-server",
    version,
    about = "Health-plan member portal: API and web app server"
)]
pub struct Config {
    /// A one-off task instead of serving (e.g. `register-app`).
    #[command(subcommand)]
    pub command: Option<Command>,

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

    /// With `--demo`: write the demo provider directory (about 3,000
    /// listings) when the directory is empty.
    #[arg(long, env = "PORTAL_DEMO_DIRECTORY", default_value_t = true, num_args = 0..=1,
          default_missing_value = "true", value_parser = clap::builder::BoolishValueParser::new())]
    pub demo_directory: bool,

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

    /// Credential policy preset: member (the default), strong, provider or
    /// nist (NIST SP 800-63B: 15+ characters, 8+ with two-step, no
    /// composition rules). Also `--password-preset`.
    #[arg(long, alias = "password-preset", env = "PORTAL_POLICY", default_value = "member", value_parser = parse_preset)]
    pub policy: PolicyPreset,

    /// The origin members reach the portal at (`https://members.example.org`):
    /// state-changing requests must come from it (or `--allowed-origins`).
    /// Default: the listen address (`http://` + `--addr`, and
    /// `http://localhost:PORT` too when it is a loopback address).
    #[arg(long, env = "PORTAL_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,

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

    /// Member Services' phone number, shown where self-service cannot help.
    #[arg(
        long,
        env = "PORTAL_MEMBER_SERVICES_PHONE",
        default_value = "1-800-555-0142"
    )]
    pub member_services_phone: String,

    /// When Member Services answers.
    #[arg(
        long,
        env = "PORTAL_MEMBER_SERVICES_HOURS",
        default_value = "Monday to Friday, 8 a.m. to 6 p.m. Eastern time"
    )]
    pub member_services_hours: String,

    /// The help centre's contact directory (JSON, the shape of
    /// `crates/server/data/help_contacts.json`: audiences, their lines and
    /// each line's hours in Eastern time). Without it, the fictional demo
    /// directory is served.
    #[arg(long, env = "PORTAL_HELP_CONTACTS")]
    pub help_contacts: Option<PathBuf>,

    /// Where messages go when no SMTP server or SMS provider is configured
    /// (one JSON object a line; not used with `--demo`, whose messages are
    /// read at `/dev/outbox`).
    #[arg(long, env = "PORTAL_OUTBOX_FILE", default_value = "data/outbox.jsonl")]
    pub outbox_file: PathBuf,

    /// Password hashes (argon2id, 19 MiB each) at once; 0: the number of cores.
    #[arg(long, env = "PORTAL_HASH_CONCURRENCY", default_value_t = 0)]
    pub hash_concurrency: usize,

    /// Milliseconds a request waits for a hashing slot before it is answered
    /// 503 with Retry-After.
    #[arg(long, env = "PORTAL_HASH_WAIT_MS", default_value_t = 5000)]
    pub hash_wait_ms: u64,

    /// `POST /api/v1/auth/*` and `/recovery/*` requests per client address
    /// per minute (0: no limit); over it, 429 with Retry-After.
    #[arg(long, env = "PORTAL_AUTH_RATE_PER_ADDRESS", default_value_t = 120)]
    pub auth_rate_per_address: u32,

    /// The same requests from all addresses together, per minute (0: no limit).
    #[arg(long, env = "PORTAL_AUTH_RATE_TOTAL", default_value_t = 1200)]
    pub auth_rate_total: u32,

    /// Failed sign-ins from one client address before each further one makes
    /// it wait (1 s, doubling up to `--signin-delay-max-secs`; 429 with
    /// Retry-After when it comes early). 0: no per-address delays. A browser
    /// holding a trusted-device cookie for the account is not delayed.
    #[arg(long, env = "PORTAL_SIGNIN_DELAY_AFTER", default_value_t = 10)]
    pub signin_delay_after: u32,

    /// The longest per-address sign-in delay, in seconds.
    #[arg(long, env = "PORTAL_SIGNIN_DELAY_MAX_SECS", default_value_t = 300)]
    pub signin_delay_max_secs: u64,

    /// Seconds before "Send a new code" sends another two-step code for the
    /// same sign-in (codes by text or email).
    #[arg(long, env = "PORTAL_TWO_STEP_RESEND_GAP_SECS", default_value_t = portal_domain::two_step_code::RESEND_GAP_SECS)]
    pub two_step_resend_gap_secs: u64,

    /// Seconds between scans that send alerts by email and text as members'
    /// notification preferences ask (0: only when preferences are saved).
    #[arg(long, env = "PORTAL_ALERT_SCAN_SECS", default_value_t = 900)]
    pub alert_scan_secs: u64,

    /// Seconds a client has to send a request's headers before the
    /// connection is closed (slow clients cannot hold connections open).
    #[arg(long, env = "PORTAL_HEADER_READ_TIMEOUT_SECS", default_value_t = 10)]
    pub header_read_timeout_secs: u64,

    /// SMTP server for email (without it, email goes to the local sink).
    #[arg(long, env = "PORTAL_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port (default by TLS mode: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, env = "PORTAL_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// SMTP transport security: `starttls` (required), `tls` (implicit, SMTPS) or
    /// `none` (plain text: only for a relay on this machine).
    #[arg(long, env = "PORTAL_SMTP_TLS", default_value = "starttls", value_parser = parse_smtp_tls)]
    pub smtp_tls: SmtpTls,

    /// SMTP user name (with `--smtp-password`).
    #[arg(long, env = "PORTAL_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// SMTP password (prefer the environment variable over the flag).
    #[arg(long, env = "PORTAL_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// The From address of email.
    #[arg(
        long,
        env = "PORTAL_MAIL_FROM",
        default_value = "Evergreen Health <no-reply@evergreen-health.example>"
    )]
    pub mail_from: String,

    /// The SMS provider's message endpoint (a Twilio-style API: an HTTPS POST
    /// of the form fields `To`, `From` and `Body` with HTTP basic
    /// authentication). Without it, text messages go to the local sink.
    #[arg(long, env = "PORTAL_SMS_API_URL")]
    pub sms_api_url: Option<String>,

    /// The SMS provider's account id (basic-auth user).
    #[arg(long, env = "PORTAL_SMS_API_USER")]
    pub sms_api_user: Option<String>,

    /// The SMS provider's token (basic-auth password; prefer the environment variable).
    #[arg(long, env = "PORTAL_SMS_API_TOKEN", hide_env_values = true)]
    pub sms_api_token: Option<String>,

    /// The number (E.164) or sender id text messages come from.
    #[arg(long, env = "PORTAL_SMS_FROM", default_value = "")]
    pub sms_from: String,

    /// The payment processor. Only `sandbox` is built in: a local stand-in
    /// with test card and bank numbers (README, "Payments"); no real
    /// processor is called unless one is implemented behind the
    /// `PaymentGateway` trait and chosen here.
    #[arg(long, env = "PORTAL_PAYMENT_GATEWAY", default_value = "sandbox", value_parser = ["sandbox"])]
    pub payment_gateway: String,

    /// Days of grace after a premium's due date before coverage may end
    /// (households with an advance premium tax credit get three months).
    #[arg(long, env = "PORTAL_PREMIUM_GRACE_DAYS", default_value_t = 31)]
    pub premium_grace_days: u32,

    /// Where members mail premium checks: payee, then address lines, separated by `|`.
    #[arg(
        long,
        env = "PORTAL_PREMIUM_MAIL_ADDRESS",
        default_value = "Evergreen Health Plan|Premium Payments|PO Box 4521|Springfield, IL 62704-4521"
    )]
    pub premium_mail_address: String,

    /// Seconds between runs of the payments worker (posting, returns,
    /// autopay); 0 turns it off (tests run it through the demo endpoint).
    #[arg(long, env = "PORTAL_PAYMENTS_WORKER_SECS", default_value_t = 60)]
    pub payments_worker_secs: u64,

    /// Seconds a connected app's access token works (SMART: short-lived;
    /// the app renews it with its refresh token).
    #[arg(long, env = "PORTAL_OAUTH_ACCESS_TTL_SECS", default_value_t = 300)]
    pub oauth_access_ttl_secs: u64,

    /// Seconds an authorization code can be exchanged (single use).
    #[arg(long, env = "PORTAL_OAUTH_CODE_TTL_SECS", default_value_t = 60)]
    pub oauth_code_ttl_secs: u64,

    /// Test-only fault injection: `pause-after-charge` makes a payment
    /// request stop (forever) between the gateway's approval and the
    /// database commit, so a test can kill the process there.
    #[arg(long, env = "PORTAL_FAIL_POINT", hide = true)]
    pub fail_point: Option<String>,
}

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which is required.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
    /// No encryption (a relay on this machine only).
    None,
}

fn parse_smtp_tls(s: &str) -> Result<SmtpTls, String> {
    match s {
        "starttls" => Ok(SmtpTls::StartTls),
        "tls" => Ok(SmtpTls::Tls),
        "none" => Ok(SmtpTls::None),
        _ => Err(format!("unknown SMTP TLS mode {s:?} (starttls, tls, none)")),
    }
}

fn parse_preset(s: &str) -> Result<PolicyPreset, String> {
    PolicyPreset::parse(s)
        .ok_or_else(|| format!("unknown policy preset {s:?} (member, strong, provider, nist)"))
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
            // The provider directory takes a second or two to write in a
            // debug build; its tests turn it back on.
            "--demo-directory",
            "false",
            "--static-dir",
            "/nonexistent",
            // Slow shared test machines: wait for a hashing slot rather than answer 503.
            "--hash-wait-ms",
            "30000",
            // Many tests fail sign-ins from 127.0.0.1 on purpose; the delay
            // tests turn the per-address delays back on.
            "--signin-delay-after",
            "0",
        ])
    }
}
