//! The router: `/api` and the built web app, with the middleware stack.

use crate::routes::{
    account, auth, claims, coverage, estimate, home, meta, plans, recovery, two_step,
};
use crate::security::{self, OriginPolicy, SecurityHeaders};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post, put};
use axum::{middleware, Router};
use portal_domain::entries::{entry_for, Entry};
use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Arc;
use tower::{service_fn, ServiceExt};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
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
        .route("/recovery/username", post(recovery::forgot_username))
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
        .route("/plans/change", get(plans::enrollment).post(plans::change))
        .route("/accumulators", get(plans::accumulators))
        .route("/estimate/services", get(estimate::services))
        .route("/estimate/providers", get(estimate::providers))
        .route("/estimate", post(estimate::estimate));
    let api = Router::new()
        .nest("/v1", v1)
        .route("/health", get(meta::health))
        .route("/openapi.json", get(meta::openapi))
        .fallback(|| async { crate::error::ApiError::not_found() })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
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
    // Files of the built app; any other path gets the page of the entry
    // that routes it (`/login` the sign-in entry, `/claims/7` the member one).
    let pages: Arc<HashMap<Entry, ServeFile>> = Arc::new(
        Entry::ALL
            .iter()
            .map(|e| {
                let page = ServeFile::new(security::entry_page(&static_dir, *e))
                    .precompressed_br()
                    .precompressed_gzip();
                (*e, page)
            })
            .collect(),
    );
    let entry_page = service_fn(move |req: Request| {
        let pages = Arc::clone(&pages);
        async move {
            let entry = entry_for(req.uri().path());
            match pages.get(&entry) {
                Some(page) => page
                    .clone()
                    .oneshot(req)
                    .await
                    .map(IntoResponse::into_response),
                None => Ok::<_, Infallible>(StatusCode::NOT_FOUND.into_response()),
            }
        }
    });
    let app_files = ServeDir::new(&static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(entry_page);
    Router::new()
        .nest("/api", api)
        .fallback_service(app_files)
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
