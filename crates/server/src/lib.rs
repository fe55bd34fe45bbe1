//! # portal-server
//!
//! The member portal's server: axum + sqlx (SQLite), serving the JSON API
//! under `/api` (see `docs/api.md`) and the built web app with a fallback to
//! `index.html` for client routes.

pub mod access_log;
pub mod app;
pub mod auth;
pub mod card_image;
pub mod card_pdf;
pub mod claims_index;
pub mod claims_statement_pdf;
pub mod clock;
pub mod config;
pub mod data_export;
pub mod db;
pub mod demo;
pub mod directory;
pub mod eob_pdf;
pub mod error;
pub mod estimate_data;
pub mod extract;
pub mod fhir;
pub mod help_data;
pub mod messaging;
pub mod openapi;
pub mod payments;
pub mod ratelimit;
pub mod routes;
pub mod security;
pub mod smart;
pub mod state;
pub mod statement_pdf;
pub mod tagged_pdf;
pub mod virtual_care;
pub mod web_app;

use config::Config;
use portal_domain::CredentialPolicy;
use state::AppState;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Runs a one-off task (`portal-server register-app ...`) against the
/// configured database.
pub async fn run_command(config: &Config, command: config::Command) -> anyhow::Result<()> {
    match command {
        config::Command::RegisterApp {
            client_id,
            name,
            developer,
            website,
            privacy_policy,
            redirect_uris,
            confidential,
        } => {
            for uri in &redirect_uris {
                let ok = uri.starts_with("https://")
                    || uri.starts_with("http://127.0.0.1:")
                    || uri.starts_with("http://[::1]:")
                    || uri.starts_with("http://localhost:");
                anyhow::ensure!(
                    ok && !uri.contains('#'),
                    "redirect URI {uri}: use https, or http on a loopback address (RFC 8252), without a fragment"
                );
            }
            let db = db::connect(&config.database_url).await?;
            let secret = confidential.then(auth::session::new_token);
            let hash = secret.as_deref().map(auth::session::hash_secret);
            db::apps::register_client(
                &db,
                &db::apps::NewClient {
                    client_id: &client_id,
                    name: &name,
                    developer: &developer,
                    website: &website,
                    privacy_policy: &privacy_policy,
                    redirect_uris: &redirect_uris,
                    secret_hash: hash.as_deref(),
                },
                db::now(),
            )
            .await?;
            println!("Registered app {client_id} ({name}).");
            if let Some(s) = secret {
                println!("Client secret (shown once; store it in the app's server): {s}");
            }
            Ok(())
        }
    }
}

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
        let clinicians = demo::care_team::seed(&db).await?;
        if clinicians > 0 {
            tracing::info!(claims = clinicians, "added clinicians to the demo claims");
        }
        db::plans::seed_catalog(&db, &demo::catalog::catalog()).await?;
        demo::register_sample_app(&db).await?;
        let listings = if config.demo_directory {
            demo::directory::seed(&db, clock.today()).await?
        } else {
            0
        };
        if listings > 0 {
            tracing::info!(listings, "wrote the demo provider directory");
        }
        if config.demo_directory {
            let bookings = demo::virtual_care::seed(&db).await?;
            if bookings > 0 {
                tracing::info!(bookings, "added the demo virtual visits");
            }
        }
    }
    let lock_secs = i64::try_from(config.lockout_secs).unwrap_or(900);
    db::throttle::settle_after_restart(
        &db,
        "login:",
        i64::from(config.lockout_threshold),
        db::now(),
        lock_secs,
    )
    .await?;
    db::throttle::settle_after_restart(&db, "register", 5, db::now(), lock_secs).await?;
    let dummy_hash = auth::password::hash_blocking(auth::session::new_token()).await?;
    let permits = match config.hash_concurrency {
        0 => std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
        n => n,
    };
    let hashing = auth::gate::HashGate::new(permits, Duration::from_millis(config.hash_wait_ms));
    let auth_limiter =
        ratelimit::RateLimiter::new(config.auth_rate_per_address, config.auth_rate_total);
    let signin_delays = ratelimit::FailureDelays::new(
        config.signin_delay_after,
        Duration::from_secs(1),
        Duration::from_secs(config.signin_delay_max_secs.max(1)),
        Duration::from_secs(config.lockout_secs.max(60)),
    );
    let outbox = messaging::Outbox::from_config(&config)?;
    let help_contacts = config.help_contacts.clone();
    tracing::info!("message delivery: {}", outbox.describe());
    let payments = payments::Payments::from_config(&db, clock, &config);
    let directory = directory::DirectoryIndex::load(&db).await?;
    tracing::info!(listings = directory.len(), "provider directory loaded");
    tracing::info!("payment processor: {}", payments.gateway.describe());
    Ok(AppState {
        db,
        policy: Arc::new(CredentialPolicy::from_preset(config.policy)),
        config: Arc::new(config),
        dummy_hash: Arc::new(dummy_hash),
        claims: Arc::new(claims_index::ClaimsIndex::default()),
        help: Arc::new(help_data::HelpData::load(help_contacts.as_deref())?),
        touches: Arc::default(),
        hashing: Arc::new(hashing),
        auth_limiter,
        signin_delays,
        outbox: Arc::new(outbox),
        clock,
        payments: Arc::new(payments),
        exports: Arc::default(),
        directory: Arc::new(directory),
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
            if let Err(e) = db::throttle::purge(&purge_state.db, db::now(), 86_400).await {
                tracing::warn!(error = %e, "throttle purge failed");
            }
            if let Err(e) = db::rate::purge(&purge_state.db, db::now()).await {
                tracing::warn!(error = %e, "rate window purge failed");
            }
            if let Err(e) = db::devices::purge(&purge_state.db, db::now()).await {
                tracing::warn!(error = %e, "trusted device purge failed");
            }
            if let Err(e) = db::recovery::purge(&purge_state.db, db::now()).await {
                tracing::warn!(error = %e, "recovery purge failed");
            }
        }
    });
    if state.config.alert_scan_secs > 0 {
        let alert_state = state.clone();
        tokio::spawn(async move {
            let every = Duration::from_secs(alert_state.config.alert_scan_secs);
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                match routes::home::deliver_all_alerts(&alert_state).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(messages = n, "queued alert messages"),
                    Err(e) => tracing::warn!(error = ?e, "alert scan failed"),
                }
            }
        });
    }
    // Payments a crash left between the gateway and the database: ask the
    // gateway what happened to each, before serving anyone.
    match payments::reconcile(&state, true).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(payments = n, "reconciled unfinished payments"),
        Err(e) => tracing::warn!(error = ?e, "payment reconciliation failed"),
    }
    if state.config.payments_worker_secs > 0 {
        let pay_state = state.clone();
        tokio::spawn(async move {
            let mut tick =
                tokio::time::interval(Duration::from_secs(pay_state.config.payments_worker_secs));
            loop {
                tick.tick().await;
                if let Err(e) = payments::work(&pay_state).await {
                    tracing::warn!(error = ?e, "payments worker run failed");
                }
            }
        });
    }
    // The outbox worker: sends what is queued, including what a previous run left.
    tokio::spawn(Arc::clone(&state.outbox).run(state.db.clone()));
    let mut state = state;
    if let Ok(local) = listener.local_addr() {
        if state.config.public_origin.is_none() && local.port() != state.config.addr.port() {
            // Bound elsewhere than --addr (port 0 in tests): that is the origin.
            let mut config = (*state.config).clone();
            config.addr = local;
            state.config = Arc::new(config);
        }
    }
    // Archives members asked for ("Download all my data"), including what a
    // restart interrupted.
    tokio::spawn(data_export::run(state.clone(), Arc::clone(&state.exports)));
    let header_timeout = Duration::from_secs(state.config.header_read_timeout_secs.max(1));
    let app = app::router(state);
    serve_connections(listener, app, header_timeout, shutdown).await
}

/// The accept loop: HTTP/1.1 connections served by hyper with a deadline
/// for a request's headers (a client that sends them slowly, byte by byte,
/// is cut off after `header_timeout` instead of holding a connection open),
/// TCP_NODELAY, the peer address for `ConnectInfo`, and a graceful shutdown
/// that lets requests in flight finish.
async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_timeout: Duration,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    use axum::extract::ConnectInfo;
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    use tower::ServiceExt;

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(());
    let (done_tx, done_rx) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without TCP_NODELAY, a response written in two parts waits on the
        // client's delayed ACK (~40 ms).
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
        let service =
            app.clone()
                .map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
                    req.extensions_mut()
                        .insert(ConnectInfo::<SocketAddr>(remote));
                    req.map(axum::body::Body::new)
                });
        let service = TowerToHyperService::new(service);
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = builder
                .serve_connection(TokioIo::new(tcp), service)
                .with_upgrades();
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "connection ended with an error");
                    }
                }
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(done);
        });
    }
    // Tell open connections to finish their requests, then wait for them.
    drop(listener);
    let _ = stop_tx.send(());
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}
