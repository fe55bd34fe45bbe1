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
    not_found: Option<Bytes>,
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
        let pages = Page::ALL
            .into_iter()
            .map(|page| {
                let links = manifest
                    .and_then(|m| m.preload.get(page.split()).map(|f| preloads(&m.base, f)))
                    .unwrap_or_default();
                (page, Bytes::from(html.replacen(PLACEHOLDER, &links, 1)))
            })
            .collect();
        Self {
            pages,
            not_found: Some(Bytes::from(html.replacen(PLACEHOLDER, "", 1))),
        }
    }

    /// The answer for a request of `path` that no file and no API route took.
    pub fn respond(&self, path: &str) -> Response {
        let (status, body) = match Page::parse(path) {
            Some(page) => (StatusCode::OK, self.pages.get(&page)),
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
