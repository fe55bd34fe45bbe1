//! Shared server state.

use crate::config::Config;
use crate::db::Db;
use portal_domain::CredentialPolicy;
use std::sync::Arc;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Configuration.
    pub config: Arc<Config>,
    /// The active credential policy.
    pub policy: Arc<CredentialPolicy>,
    /// A hash to verify against when the username is unknown, so unknown
    /// usernames and wrong passwords take the same time.
    pub dummy_hash: Arc<String>,
    /// Each household's claims in memory, for fast filtering.
    pub claims: Arc<crate::claims_index::ClaimsIndex>,
    /// The help centre's contact directory and glossary.
    pub help: Arc<crate::help_data::HelpData>,
    /// Sessions whose activity was written recently.
    pub touches: Arc<crate::auth::session::TouchGate>,
    /// The bound on concurrent password hashing.
    pub hashing: Arc<crate::auth::gate::HashGate>,
    /// Request-rate limits of `/auth/*` and `/recovery/*`.
    pub auth_limiter: Arc<crate::ratelimit::RateLimiter>,
    /// Growing delays on failed sign-ins per client address.
    pub signin_delays: Arc<crate::ratelimit::FailureDelays>,
    /// Messages to members (queued in the database, sent by a worker).
    pub outbox: Arc<crate::messaging::Outbox>,
    /// Which day it is for the plan (pinned by `--today` in tests).
    pub clock: crate::clock::Clock,
    /// The payment processor (the sandbox by default).
    pub payments: Arc<crate::payments::Payments>,
    /// Wakes the data export worker when a member asks for an archive.
    pub exports: Arc<tokio::sync::Notify>,
    /// The provider directory, in memory for search.
    pub directory: Arc<crate::directory::DirectoryIndex>,
}

impl AppState {
    /// The credential policy of an account of `role`: providers always have
    /// the provider preset, members the configured one (staff are checked
    /// against the strong preset at sign-in).
    pub fn policy_for(&self, role: portal_domain::messages::Role) -> CredentialPolicy {
        match role {
            portal_domain::messages::Role::Provider => portal_domain::provider::provider_policy(),
            _ => (*self.policy).clone(),
        }
    }
}
