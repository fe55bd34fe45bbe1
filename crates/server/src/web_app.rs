//! The built web app's page: one single-page app answers every page's
//! address ([`portal_domain::routes::Page`]).
//!
//! The release build (`scripts/build-web.sh`) splits the app by route and
//! writes `pkg/<build>/manifest.json`: for each split module, what a deep
//! link should preload (its pack: the module and the chunks it needs, in one
//! file). For a page's address the server sends `index.html` with
//! `<link rel="preload">` for that page's module in place of the
//! `<meta name="app-preloads">` placeholder, so they download beside the main
//! module instead of after it. Any other address gets the same page without
//! them and status 404 (the app shows its not-found page). The pages are
//! written once, at start-up.
//!
//! A signed-in page asked for with a session cookie and no query also
//! preloads the API reads the app makes first on that page
//! ([`first_reads`]: who is signed in, the alert count, the page's data), so
//! they travel beside the wasm instead of after it has started (two round
//! trips fewer before the page can draw its content). The browser hands the
//! preloaded answer to the app's own `fetch` of the same address.

use axum::body::Bytes;
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal_domain::routes::Page;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The placeholder `index.html` carries where the page's preloads go.
const PLACEHOLDER: &str = "<meta name=\"app-preloads\">";

/// What the build wrote about its split modules.
#[derive(Debug, Deserialize)]
pub struct Manifest {
    /// The public URL of the build's directory (`/pkg/<build>`).
    pub base: String,
    /// For each split module, the files a deep link preloads.
    #[serde(alias = "splits")]
    pub preload: HashMap<String, Vec<String>>,
}

/// The app's page for each page of the app, and for any other address.
#[derive(Clone, Debug, Default)]
pub struct AppPages {
    /// Written once; a response shares the bytes instead of copying them.
    pages: HashMap<Page, Bytes>,
    /// The pages with [`first_reads`] preloads, for requests that carry a
    /// session cookie (only pages that have such reads).
    with_reads: HashMap<Page, Bytes>,
    not_found: Option<Bytes>,
}

/// The API reads the app makes as soon as `page` shows for a signed-in
/// member, exactly as it writes their addresses (the browser's `fetch`
/// adds `&` after a query it was given), when the page's address has no
/// query. Only reads the page always makes: a preload the app does not use
/// is wasted bandwidth and a console warning. `e2e/tests/single_app.spec.ts`
/// checks that each is fetched once, by the preload.
pub fn first_reads(page: Page) -> Vec<&'static str> {
    if !page.signed_in() {
        return Vec::new();
    }
    let mut reads = vec!["/api/v1/me"];
    if page.provider_only() {
        return reads;
    }
    reads.push("/api/v1/alerts/count");
    reads.extend_from_slice(match page {
        Page::Dashboard => &["/api/v1/dashboard?member=all&"][..],
        Page::Alerts => &["/api/v1/alerts"],
        Page::Claims => &[
            "/api/v1/coverage",
            "/api/v1/saved-filters",
            "/api/v1/claims",
        ],
        Page::Plans => &[
            "/api/v1/plans",
            "/api/v1/plans/my-providers",
            "/api/v1/plans/change",
        ],
        Page::Estimate => &["/api/v1/accumulators", "/api/v1/estimate/search?q=&"],
        Page::Account => &[
            "/api/v1/account",
            "/api/v1/policy",
            "/api/v1/account/sessions",
            "/api/v1/account/connected-apps",
            "/api/v1/account/history",
        ],
        Page::Billing => &["/api/v1/billing"],
        Page::FindCare => &["/api/v1/plans", "/api/v1/directory/providers"],
        Page::IdCards => &["/api/v1/coverage"],
        _ => &[],
    });
    reads
}

/// Preload links for API reads (same-origin `fetch`, credentials included,
/// as the app's own requests are).
fn read_preloads(reads: &[&str]) -> String {
    reads
        .iter()
        .map(|r| format!("<link rel=\"preload\" as=\"fetch\" crossorigin href=\"{r}\">"))
        .collect()
}

/// Whether a request carries the session cookie (signed in, or a session
/// that has just ended: the app finds out from the preloaded `/me`).
pub fn has_session_cookie(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .any(|(name, value)| {
            !value.is_empty()
                && (name == crate::auth::session::COOKIE_NAME
                    || name == crate::auth::session::SECURE_COOKIE_NAME)
        })
}

impl AppPages {
    /// Reads `index.html` and the manifest of the build it starts from
    /// `static_dir`. A missing manifest (an unsplit build) gives the page
    /// without preloads; a missing `index.html` gives no page at all (404).
    pub fn load(static_dir: &Path) -> Self {
        let Ok(html) = std::fs::read_to_string(static_dir.join("index.html")) else {
            tracing::warn!("no index.html in the static directory: the web app is not served");
            return Self::default();
        };
        let manifest = manifest_of(&html, static_dir);
        if manifest.is_none() {
            tracing::info!("web app: no split manifest (an unsplit build); pages have no preloads");
        }
        Self::from_parts(&html, manifest.as_ref())
    }

    /// Writes every page from the HTML and (if any) the manifest.
    pub fn from_parts(html: &str, manifest: Option<&Manifest>) -> Self {
        let mut pages = HashMap::new();
        let mut with_reads = HashMap::new();
        for page in Page::ALL {
            let links = manifest
                .and_then(|m| m.preload.get(page.split()).map(|f| preloads(&m.base, f)))
                .unwrap_or_default();
            pages.insert(page, Bytes::from(html.replacen(PLACEHOLDER, &links, 1)));
            let reads = first_reads(page);
            if !reads.is_empty() {
                // The reads first: they are small and the page waits on them.
                let links = format!("{}{links}", read_preloads(&reads));
                with_reads.insert(page, Bytes::from(html.replacen(PLACEHOLDER, &links, 1)));
            }
        }
        Self {
            pages,
            with_reads,
            not_found: Some(Bytes::from(html.replacen(PLACEHOLDER, "", 1))),
        }
    }

    /// The answer for a request of `path` that no file and no API route took.
    pub fn respond(&self, path: &str) -> Response {
        self.respond_to(path, false)
    }

    /// The answer for a page request: with its API reads preloaded when
    /// `reads` (a session cookie came with it and the address has no query).
    pub fn respond_to(&self, path: &str, reads: bool) -> Response {
        let (status, body) = match Page::parse(path) {
            Some(page) => (
                StatusCode::OK,
                reads
                    .then(|| self.with_reads.get(&page))
                    .flatten()
                    .or_else(|| self.pages.get(&page)),
            ),
            None => (StatusCode::NOT_FOUND, self.not_found.as_ref()),
        };
        let Some(body) = body else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let mut res = (status, body.clone()).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        res
    }

    /// The page sent for `page` (tests).
    pub fn page(&self, page: Page) -> Option<&str> {
        self.pages
            .get(&page)
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

/// The manifest of the build `html` starts: the directory of its main
/// module (`<link ... data-app="js" href="/pkg/<build>/portal_web.js">`).
fn manifest_of(html: &str, static_dir: &Path) -> Option<Manifest> {
    let start = html.find("/pkg/")?;
    let rest = html.get(start + 1..)?;
    let build = rest.split('/').nth(1)?;
    if build.is_empty() || !build.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let path = static_dir.join("pkg").join(build).join("manifest.json");
    let text = std::fs::read_to_string(&path).ok()?;
    match serde_json::from_str::<Manifest>(&text) {
        Ok(m) => Some(m),
        Err(e) => {
            tracing::warn!(error = %e, "web app: unreadable split manifest; pages have no preloads");
            None
        }
    }
}

/// Preload links for the files of one split module.
fn preloads(base: &str, files: &[String]) -> String {
    files
        .iter()
        .filter(|f| f.ends_with(".wasm") || f.ends_with(".bin"))
        .map(|f| {
            let kind = if f.ends_with(".wasm") {
                " type=\"application/wasm\""
            } else {
                ""
            };
            format!(
                "<link rel=\"preload\" as=\"fetch\"{kind} crossorigin href=\"{}/{}\">",
                base.trim_end_matches('/'),
                f
            )
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            base: "/pkg/abc123".into(),
            preload: HashMap::from([
                (
                    "section_claims".to_string(),
                    vec!["chunk_1.wasm".into(), "split_section_claims.wasm".into()],
                ),
                (
                    "section_sign_in".to_string(),
                    vec!["pack_section_sign_in.bin".into()],
                ),
            ]),
        }
    }

    #[test]
    fn each_page_gets_its_modules_preloaded() {
        let html = "<head><meta name=\"app-preloads\"></head>";
        let pages = AppPages::from_parts(html, Some(&manifest()));
        let claims = pages.page(Page::ClaimDetail).unwrap_or_default();
        assert!(claims.contains("href=\"/pkg/abc123/chunk_1.wasm\""));
        assert!(claims.contains("href=\"/pkg/abc123/split_section_claims.wasm\""));
        assert!(!claims.contains("app-preloads"));
        let login = pages.page(Page::Login).unwrap_or_default();
        assert!(login.contains(
            "<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/pkg/abc123/pack_section_sign_in.bin\">"
        ));
        assert!(!login.contains("claims"));
        // A page whose module the build did not write: no preloads.
        assert_eq!(pages.page(Page::Plans), Some("<head></head>"));
    }

    #[tokio::test]
    async fn signed_in_pages_preload_their_first_reads() {
        let html = "<head><meta name=\"app-preloads\"></head>";
        let pages = AppPages::from_parts(html, Some(&manifest()));
        let body = |res: Response| async move {
            let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        let with = body(pages.respond_to("/claims", true)).await;
        for read in [
            "/api/v1/me",
            "/api/v1/alerts/count",
            "/api/v1/claims",
            "/api/v1/coverage",
        ] {
            assert!(
                with.contains(&format!("crossorigin href=\"{read}\">")),
                "{read} in {with}"
            );
        }
        let without = body(pages.respond_to("/claims", false)).await;
        assert!(!without.contains("/api/"));
        // Public pages never preload reads, cookie or not.
        let login = body(pages.respond_to("/login", true)).await;
        assert!(!login.contains("/api/"));
        // Provider pages read who is signed in only (no member alerts).
        assert_eq!(first_reads(Page::ProviderEligibility), vec!["/api/v1/me"]);
        assert!(first_reads(Page::Dashboard).contains(&"/api/v1/dashboard?member=all&"));
    }

    #[test]
    fn session_cookie_is_recognised() {
        let mut headers = axum::http::HeaderMap::new();
        assert!(!has_session_cookie(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; portal_session=abc"),
        );
        assert!(has_session_cookie(&headers));
        headers.insert(header::COOKIE, HeaderValue::from_static("portal_session="));
        assert!(!has_session_cookie(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-portal_session=x"),
        );
        assert!(has_session_cookie(&headers));
    }

    #[test]
    fn status_follows_the_route_table() {
        let pages = AppPages::from_parts("<p>app</p>", None);
        assert_eq!(pages.respond("/claims/12").status(), StatusCode::OK);
        assert_eq!(pages.respond("/cards").status(), StatusCode::OK);
        assert_eq!(pages.respond("/nowhere").status(), StatusCode::NOT_FOUND);
        assert_eq!(pages.respond("/claims/1/2").status(), StatusCode::NOT_FOUND);
        let empty = AppPages::default();
        assert_eq!(empty.respond("/").status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn finds_the_build_directory() {
        let dir = std::env::temp_dir().join(format!("portal-web-app-{}", std::process::id()));
        let pkg = dir.join("pkg").join("abc123");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(
            pkg.join("manifest.json"),
            r#"{"base":"/pkg/abc123","main":[],"splits":{"section_home":["split_section_home.wasm"]}}"#,
        )
        .unwrap();
        let html = r#"<link rel="modulepreload" href="/pkg/abc123/portal_web.js" data-app="js"><meta name="app-preloads">"#;
        std::fs::write(dir.join("index.html"), html).unwrap();
        let pages = AppPages::load(&dir);
        assert!(pages
            .page(Page::Dashboard)
            .unwrap_or_default()
            .contains("split_section_home.wasm"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
