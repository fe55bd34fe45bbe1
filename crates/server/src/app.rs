//! The router: `/api` and the built web app, with the middleware stack.

use crate::routes::{
    account, auth, billing, card_share, claims, coverage, data_export, dev, directory, estimate,
    help, home, legacy, messages, meta, oauth, plans, provider, provider_bills, recovery, two_step,
    two_step_code, virtual_care,
};
use crate::security::{self, OriginPolicy, SecurityHeaders};
use crate::state::AppState;
use crate::web_app::AppPages;
use axum::extract::{DefaultBodyLimit, Request};
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, MethodRouter};
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

/// Largest body of a message with an attachment: the file in base64 (4/3
/// of its size) and the text.
pub const MAX_MESSAGE_BODY_BYTES: usize =
    portal_domain::messages::ATTACHMENT_MAX_BYTES / 3 * 4 + 64 * 1024;

/// Records every API route as it is added, so the list the OpenAPI
/// conformance test compares with the document is the router itself.
struct ApiTable {
    router: Router<AppState>,
    routes: Vec<(Method, String)>,
}

macro_rules! method_fns {
    ($($name:ident => $method:ident),+) => {$(
        fn $name<H, T>(self, path: &str, handler: H) -> Self
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.add(Method::$method, path, axum::routing::$name(handler))
        }
    )+};
}

impl ApiTable {
    fn add(mut self, method: Method, path: &str, route: MethodRouter<AppState>) -> Self {
        self.routes.push((method, format!("/api{path}")));
        self.router = self.router.route(path, route);
        self
    }

    method_fns!(get => GET, post => POST, put => PUT, patch => PATCH, delete => DELETE);

    /// A POST whose body may carry an attachment (up to
    /// [`MAX_MESSAGE_BODY_BYTES`] instead of [`MAX_BODY_BYTES`]).
    fn post_with_file<H, T>(self, path: &str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(
            Method::POST,
            path,
            axum::routing::post(handler).layer(DefaultBodyLimit::max(MAX_MESSAGE_BODY_BYTES)),
        )
    }
}

/// Every route under `/api`: method and path, written as in the OpenAPI
/// document (`/api/v1/claims/{id}`).
pub fn api_routes(demo: bool) -> Vec<(Method, String)> {
    api_table(demo).1
}

fn api_table(demo: bool) -> (Router<AppState>, Vec<(Method, String)>) {
    let t = ApiTable {
        router: Router::new(),
        routes: Vec::new(),
    };
    let mut t = t
        .get("/health", meta::health)
        .get("/openapi.json", meta::openapi)
        .get("/v1/policy", meta::policy)
        .post("/v1/auth/register", auth::register)
        .post("/v1/auth/login", auth::login)
        .post("/v1/auth/logout", auth::logout)
        .post("/v1/auth/legacy", legacy::complete)
        .post("/v1/auth/login/two-step", two_step::login_two_step)
        .post(
            "/v1/auth/login/two-step/resend",
            two_step_code::resend_sign_in_code,
        )
        .get("/v1/me", auth::me)
        // Account security (issue 6).
        .get("/v1/session", account::session_status)
        .post("/v1/session/keep-alive", account::keep_alive)
        .get("/v1/account", account::settings)
        .put("/v1/account/username", account::change_username)
        .put("/v1/account/password", account::change_password)
        .put("/v1/account/contact", account::change_contact)
        .get("/v1/account/history", account::history)
        .get("/v1/account/sessions", account::list_sessions)
        .post("/v1/account/sessions/revoke-all", account::revoke_all)
        .delete("/v1/account/sessions/{id}", account::revoke_session)
        .get("/v1/account/two-step", two_step::status)
        .post("/v1/account/two-step/setup", two_step::setup)
        .post("/v1/account/two-step/code-setup", two_step_code::code_setup)
        .post("/v1/account/two-step/send-code", two_step_code::send_code)
        .post("/v1/account/two-step/enable", two_step::enable)
        .post("/v1/account/two-step/disable", two_step::disable)
        .post("/v1/account/two-step/recovery-codes", two_step::regenerate)
        .post("/v1/recovery/start", recovery::start)
        .post("/v1/recovery/password", recovery::forgot_password)
        .post("/v1/recovery/unlock", recovery::unlock)
        .get("/v1/coverage", coverage::coverage)
        .get("/v1/members/{id}/card", coverage::member_card)
        .get("/v1/members/{id}/card.pdf", home::card_pdf)
        .get("/v1/members/{id}/card.png", home::card_png)
        .get("/v1/oauth/requests/{id}", oauth::consent_request)
        .post("/v1/oauth/requests/{id}/decision", oauth::decide)
        .get("/v1/account/connected-apps", oauth::connected_apps)
        .delete("/v1/account/connected-apps/{id}", oauth::disconnect)
        .get("/v1/directory/providers", directory::search)
        .get("/v1/plans/my-providers", directory::my_providers)
        .get("/v1/directory/providers/{id}", directory::provider)
        .post("/v1/directory/providers/{id}/reports", directory::report)
        .post(
            "/v1/directory/providers/{id}/records",
            directory::keep_record,
        )
        .get("/v1/directory/records/{file}", directory::record_pdf)
        .post("/v1/members/{id}/pcp", directory::choose_pcp)
        .get("/v1/care/virtual", virtual_care::overview)
        .get("/v1/care/virtual/providers", virtual_care::providers)
        .get("/v1/care/virtual/providers/{id}/slots", virtual_care::slots)
        .post("/v1/care/virtual/visits", virtual_care::book)
        .get("/v1/care/virtual/visits/{reference}", virtual_care::visit)
        .post(
            "/v1/care/virtual/visits/{reference}/cancel",
            virtual_care::cancel,
        )
        .post(
            "/v1/care/virtual/visits/{reference}/move",
            virtual_care::move_visit,
        )
        .get(
            "/v1/care/virtual/visits/{reference}/calendar.ics",
            virtual_care::calendar,
        )
        .post(
            "/v1/care/virtual/visits/{reference}/join",
            virtual_care::join,
        )
        .get("/v1/account/data-exports", data_export::list)
        .post("/v1/account/data-exports", data_export::request)
        .get("/v1/account/data-exports/{id}", data_export::get)
        .get(
            "/v1/account/data-exports/{id}/archive.zip",
            data_export::archive,
        )
        .get("/v1/members/{id}/card/shares", card_share::list)
        .post("/v1/members/{id}/card/shares", card_share::create)
        .delete("/v1/card-shares/{id}", card_share::revoke)
        .get("/v1/dashboard", home::dashboard)
        .get("/v1/alerts", home::list)
        .get("/v1/alerts/count", home::count)
        .post("/v1/alerts/read", home::mark_read)
        .get("/v1/notifications", home::prefs)
        .put("/v1/notifications", home::save_prefs)
        .get("/v1/family/sharing", home::sharing)
        .put("/v1/family/sharing", home::set_sharing)
        .get("/v1/claims", claims::list)
        .get("/v1/claims/export.csv", claims::export_csv)
        .get("/v1/claims/{id}", claims::detail)
        .get("/v1/claims/{id}/eob.pdf", claims::eob_pdf)
        .get("/v1/claims/statement.pdf", claims::statement_pdf)
        .get("/v1/saved-filters", claims::saved_filters)
        .post("/v1/saved-filters", claims::create_saved_filter)
        .patch("/v1/saved-filters/{id}", claims::rename_saved_filter)
        .delete("/v1/saved-filters/{id}", claims::delete_saved_filter)
        .get("/v1/plans", plans::list)
        .get("/v1/plans/compare", plans::compare)
        .post("/v1/plans/what-if", plans::what_if)
        .get("/v1/plans/last-year-use", plans::last_year_use)
        .get("/v1/plans/change", plans::enrollment)
        .post("/v1/plans/change", plans::change)
        .delete("/v1/plans/change", plans::cancel_change)
        .get("/v1/accumulators", plans::accumulators)
        .get("/v1/estimate/services", estimate::services)
        .get("/v1/estimate/search", estimate::search)
        .get("/v1/estimate/providers", estimate::providers)
        .post("/v1/estimate", estimate::estimate)
        // The help centre (issue 12): public.
        .get("/v1/help/contacts", help::contacts)
        .get("/v1/glossary", help::list)
        .get("/v1/glossary/{slug}", help::term)
        // Premium billing (issue 15).
        .get("/v1/billing", billing::summary)
        .get(
            "/v1/billing/statements/{id}/statement.pdf",
            billing::statement_pdf,
        )
        .post("/v1/billing/methods", billing::add_method)
        .delete("/v1/billing/methods/{id}", billing::remove_method)
        .post("/v1/billing/payments", billing::pay)
        .get("/v1/billing/payments/{transaction_id}", billing::payment)
        .put("/v1/billing/autopay", billing::set_autopay)
        .delete("/v1/billing/autopay", billing::cancel_autopay)
        .post("/v1/billing/autopay/skip", billing::skip_autopay)
        .get("/v1/billing/providers", provider_bills::list)
        .post("/v1/billing/providers/payments", provider_bills::pay)
        .post("/v1/billing/providers/plans", provider_bills::create_plan)
        .delete(
            "/v1/billing/providers/plans/{id}",
            provider_bills::cancel_plan,
        )
        .post(
            "/v1/billing/providers/{id}/dispute",
            provider_bills::dispute,
        )
        // Secure messages (issue 12): members, signed-out technical support, staff.
        .get("/v1/messages", messages::list)
        .post_with_file("/v1/messages", messages::create)
        .get("/v1/messages/claims", messages::claim_choices)
        .get("/v1/messages/{id}", messages::thread)
        .post_with_file("/v1/messages/{id}/replies", messages::reply)
        .get(
            "/v1/messages/{id}/attachments/{attachment}",
            messages::download,
        )
        .post("/v1/support/technical", messages::technical)
        .get("/v1/support/threads", messages::inbox)
        .get("/v1/support/threads/{id}", messages::staff_thread)
        .post_with_file("/v1/support/threads/{id}/replies", messages::staff_reply)
        .post("/v1/support/threads/{id}/close", messages::close)
        .put("/v1/support/threads/{id}/assignee", messages::assign)
        .get(
            "/v1/support/threads/{id}/attachments/{attachment}",
            messages::staff_download,
        )
        // Healthcare providers (issue 13).
        .post("/v1/provider/register", provider::register)
        .post("/v1/provider/recovery/start", recovery::provider_start)
        .post("/v1/provider/eligibility", provider::eligibility)
        .post("/v1/provider/claims/search", provider::claims)
        .get("/v1/provider/remittances", provider::remittances)
        .get("/v1/provider/remittances.csv", provider::remittances_csv);
    if demo {
        // What the demo "sent": only with --demo.
        t = t
            .get("/dev/outbox", dev::outbox_json)
            .post("/dev/payments/advance", billing::advance);
    }
    (t.router, t.routes)
}

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let static_dir = state.config.static_dir.clone();
    let cookie_secure = state.config.cookie_secure;
    let origins = Arc::new(OriginPolicy::new(
        state.config.public_origin.as_deref(),
        state.config.addr,
        &state.config.allowed_origins,
    ));
    let (api, _) = api_table(state.config.demo);
    let demo = state.config.demo;
    let outbox_state = state.clone();
    let share_state = state.clone();
    let fhir_state = state.clone();
    let sandbox_state = state.clone();
    let sandbox_origins = Arc::clone(&origins);
    let limiter = std::sync::Arc::clone(&state.auth_limiter);
    let api = api
        .route_layer(middleware::from_fn(crate::access_log::remember_route))
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
                let reads = req.uri().query().is_none_or(str::is_empty)
                    && crate::web_app::has_session_cookie(req.headers());
                return Ok::<_, Infallible>(pages.respond_to(req.uri().path(), reads));
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
    if sandbox_state.payments.sandbox.is_some() {
        // The sandbox processor's tokenization endpoint: what a processor's
        // hosted fields would be, on its own address outside the API.
        let sandbox = Router::new()
            .route(
                billing::TOKENIZE_PATH,
                axum::routing::post(billing::tokenize),
            )
            .layer(DefaultBodyLimit::max(4 * 1024))
            .layer(middleware::from_fn_with_state(
                sandbox_origins,
                security::same_origin,
            ))
            .layer(middleware::from_fn(security::problemize))
            .with_state(sandbox_state);
        app = app.merge(sandbox);
    }
    // Connected apps: OAuth and the Patient Access API (FHIR), outside
    // `/api`: called by other sites and apps, so no same-origin rule, and
    // CORS open to any origin (bearer tokens, never cookies).
    app = app.merge(crate::routes::fhir::router(fhir_state.clone()));
    app = app.merge(crate::routes::fhir_directory::router(fhir_state));
    // The demo's stand-in for a telehealth vendor's video room.
    app = app.merge(
        Router::new()
            .route(
                crate::virtual_care::DEMO_ROOM_PATH,
                get(virtual_care::demo_room),
            )
            .route(
                "/telehealth/demo-room.css",
                get(virtual_care::demo_room_css),
            ),
    );
    // Shared ID cards: public pages outside the API (no sign-in).
    app = app.merge(
        Router::new()
            .route("/shared-card/card.css", get(card_share::stylesheet))
            .route("/shared-card/{token}", get(card_share::open))
            .route("/shared-card/{token}/card.pdf", get(card_share::open_pdf))
            .route("/shared-card/{token}/card.png", get(card_share::open_png))
            .with_state(share_state),
    );
    if demo {
        app = app.route_service(
            "/dev/outbox",
            get(dev::outbox_page).with_state(outbox_state),
        );
    }
    app.fallback_service(app_files)
        .layer(middleware::from_fn_with_state(
            SecurityHeaders::new(&static_dir, cookie_secure),
            security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(security::panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The path only: query strings can carry search text, which may be health data.
            tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
        }))
        .layer(middleware::from_fn(crate::access_log::log))
}
