//! # portal-server
//!
//! The member portal's server: axum + sqlx (SQLite), serving the JSON API
//! under `/api` (see `docs/api.md`) and the built web app with a fallback to
//! `index.html` for client routes.

pub mod app;
pub mod auth;
pub mod card_pdf;
pub mod claims_index;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod estimate_data;
pub mod extract;
pub mod openapi;
pub mod routes;
pub mod security;
pub mod state;

use axum::serve::ListenerExt;
use config::Config;
use portal_domain::CredentialPolicy;
use state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Opens the database, seeds the demo when asked, and builds the state.
pub async fn build_state(config: Config) -> anyhow::Result<AppState> {
    let db = db::connect(&config.database_url).await?;
    let clock = clock::Clock::from_option(config.today);
    if clock.is_pinned() {
        tracing::info!(today = %clock.today(), "the date is pinned (--today)");
    }
    if config.demo && demo::seed_if_empty(&db, config.demo_perf_claims, clock.today()).await? {
        tracing::info!("seeded the demo households");
    }
    if config.demo {
        db::plans::seed_catalog(&db, &demo::catalog::catalog()).await?;
    }
    let dummy_hash = auth::password::hash_blocking(auth::session::new_token()).await?;
    Ok(AppState {
        db,
        policy: Arc::new(CredentialPolicy::from_preset(config.policy)),
        config: Arc::new(config),
        dummy_hash: Arc::new(dummy_hash),
        claims: Arc::new(claims_index::ClaimsIndex::default()),
        touches: Arc::default(),
        clock,
    })
}

/// Serves the app on `listener` until `shutdown` completes; purges ended
/// sessions in the background.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let purge_state = state.clone();
    tokio::spawn(async move {
        let idle = i64::try_from(purge_state.config.session_idle_secs).unwrap_or(1800);
        let mut tick = tokio::time::interval(Duration::from_secs(300));
        loop {
            tick.tick().await;
            purge_state.touches.prune(db::now(), idle);
            if let Err(e) = db::sessions::purge_expired(&purge_state.db, db::now(), idle).await {
                tracing::warn!(error = %e, "session purge failed");
            }
        }
    });
    let app = app::router(state).into_make_service_with_connect_info::<SocketAddr>();
    // Without TCP_NODELAY, a response written in two parts waits on the
    // client's delayed ACK (~40 ms).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
