//! The router: `/api` and the built web app, with the middleware stack.

use crate::routes::{
    account, auth, claims, coverage, dev, estimate, home, meta, plans, recovery, two_step,
};
use crate::security::{self, OriginPolicy, SecurityHeaders};
use crate::state::AppState;
use crate::web_app::AppPages;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post, put};
use axum::{middleware, Router};
use portal_domain::routes::Page;
use std::convert::Infallible;
use std::sync::Arc;
use tower::{service_fn, ServiceExt};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

/// Largest request body the API reads.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let static_dir = state.config.static_dir.clone();
    let origins = Arc::new(OriginPolicy {
        allowed: state.config.allowed_origins.clone(),
    });
    let v1 = Router::new()
        .route("/policy", get(meta::policy))
        .route("/auth/register", post(auth::register))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/login/two-step", post(two_step::login_two_step))
        .route("/me", get(auth::me))
        // Account security (issue 6).
        .route("/session", get(account::session_status))
        .route("/session/keep-alive", post(account::keep_alive))
        .route("/account", get(account::settings))
        .route("/account/username", put(account::change_username))
        .route("/account/password", put(account::change_password))
        .route("/account/contact", put(account::change_contact))
        .route("/account/history", get(account::history))
        .route("/account/sessions", get(account::list_sessions))
        .route("/account/sessions/revoke-all", post(account::revoke_all))
        .route("/account/sessions/{id}", delete(account::revoke_session))
        .route("/account/two-step", get(two_step::status))
        .route("/account/two-step/setup", post(two_step::setup))
        .route("/account/two-step/enable", post(two_step::enable))
        .route("/account/two-step/disable", post(two_step::disable))
        .route(
            "/account/two-step/recovery-codes",
            post(two_step::regenerate),
        )
        .route("/recovery/start", post(recovery::start))
        .route("/recovery/password", post(recovery::forgot_password))
        .route("/recovery/unlock", post(recovery::unlock))
        .route("/coverage", get(coverage::coverage))
        .route("/members/{id}/card", get(coverage::member_card))
        .route("/members/{id}/card.pdf", get(home::card_pdf))
        .route("/dashboard", get(home::dashboard))
        .route("/alerts", get(home::list))
        .route("/alerts/count", get(home::count))
        .route("/alerts/read", post(home::mark_read))
        .route("/notifications", get(home::prefs).put(home::save_prefs))
        .route("/family/sharing", get(home::sharing).put(home::set_sharing))
        .route("/claims", get(claims::list))
        .route("/claims/export.csv", get(claims::export_csv))
        .route("/claims/{id}", get(claims::detail))
        .route(
            "/saved-filters",
            get(claims::saved_filters).post(claims::create_saved_filter),
        )
        .route(
            "/saved-filters/{id}",
            patch(claims::rename_saved_filter).delete(claims::delete_saved_filter),
        )
        .route("/plans", get(plans::list))
        .route("/plans/compare", get(plans::compare))
        .route("/plans/what-if", post(plans::what_if))
        .route("/plans/last-year-use", get(plans::last_year_use))
        .route(
            "/plans/change",
            get(plans::enrollment)
                .post(plans::change)
                .delete(plans::cancel_change),
        )
        .route("/accumulators", get(plans::accumulators))
        .route("/estimate/services", get(estimate::services))
        .route("/estimate/search", get(estimate::search))
        .route("/estimate/providers", get(estimate::providers))
        .route("/estimate", post(estimate::estimate));
    let demo = state.config.demo;
    let outbox_state = state.clone();
    let limiter = std::sync::Arc::clone(&state.auth_limiter);
    let mut api = Router::new()
        .nest("/v1", v1)
        .route("/health", get(meta::health))
        .route("/openapi.json", get(meta::openapi));
    if demo {
        // What the demo "sent": only with --demo.
        api = api.route("/dev/outbox", get(dev::outbox_json));
    }
    let api = api
        .fallback(|| async { crate::error::ApiError::not_found() })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            limiter,
            crate::ratelimit::limit,
        ))
        .layer(middleware::from_fn_with_state(
            origins,
            security::same_origin,
        ))
        .layer(middleware::from_fn(security::problemize))
        .layer(middleware::from_fn_with_state(
            state.clock,
            crate::clock::date_header,
        ))
        .with_state(state);
    // The app's page for every page address (with that page's preloads),
    // the built files, and the page with 404 for anything else.
    let pages = Arc::new(AppPages::load(&static_dir));
    let files = ServeDir::new(&static_dir)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip();
    let app_files = service_fn(move |req: Request| {
        let pages = Arc::clone(&pages);
        let files = files.clone();
        async move {
            if Page::parse(req.uri().path()).is_some() {
                return Ok::<_, Infallible>(pages.respond(req.uri().path()));
            }
            let path = req.uri().path().to_string();
            let res = match files.oneshot(req).await {
                Ok(res) => res.into_response(),
                Err(never) => match never {},
            };
            if res.status() == StatusCode::NOT_FOUND {
                return Ok(pages.respond(&path));
            }
            Ok(res)
        }
    });
    let mut app = Router::new().nest("/api", api);
    if demo {
        app = app.route_service(
            "/dev/outbox",
            get(dev::outbox_page).with_state(outbox_state),
        );
    }
    app.fallback_service(app_files)
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::new(&static_dir),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The path only: query strings can carry search text, which may be health data.
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
}
