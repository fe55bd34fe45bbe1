//! Response hardening and cross-site request protection.
//!
//! * Security headers on every response, with a Content-Security-Policy that
//!   lets the app run (`'wasm-unsafe-eval'`, plus the SHA-256 of each inline
//!   boot script trunk writes into `index.html`, computed at start-up) and
//!   nothing else.
//! * State-changing requests from another origin are refused (the session
//!   cookie is also SameSite=Strict).
//! * API responses are never cached; hashed assets are cached for a year and
//!   `index.html` is revalidated.
//! * Any API error without a problem body (an unknown route, a wrong method)
//!   gets one.

use crate::error::{problem_response, ApiError};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use portal_domain::problem::{types, PROBLEM_JSON};
use portal_domain::ProblemDetails;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// Builds the Content-Security-Policy for the app in `static_dir` (with the
/// hash of any inline script in its `index.html`; the build writes none).
pub fn content_security_policy(static_dir: &Path) -> String {
    let hashes: String = std::fs::read_to_string(static_dir.join("index.html"))
        .ok()
        .into_iter()
        .flat_map(|html| inline_scripts(&html))
        .collect::<std::collections::BTreeSet<_>>()
        .iter()
        .map(|s| format!(" 'sha256-{}'", BASE64.encode(Sha256::digest(s.as_bytes()))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The text of every inline `<script>` (one without `src`) in `html`.
pub fn inline_scripts(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains("src=") {
            out.push(after[body_start..body_start + close].to_string());
        }
        rest = &after[body_start + close..];
    }
    out
}

/// Headers set on every response.
#[derive(Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    /// Behind HTTPS (`--cookie-secure`): send `Strict-Transport-Security`.
    hsts: bool,
}

impl SecurityHeaders {
    /// For the app in `static_dir`; `https` (`--cookie-secure`) adds HSTS.
    pub fn new(static_dir: &Path, https: bool) -> Arc<Self> {
        let csp = content_security_policy(static_dir);
        Arc::new(Self {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            hsts: https,
        })
    }
}

/// Middleware: security headers and cache policy.
pub async fn headers(
    State(sec): State<Arc<SecurityHeaders>>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, sec.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if sec.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    // The API, the apps' OAuth and FHIR answers and shared cards (whose
    // token looks like a content hash) are never stored.
    let cache = if path.starts_with("/api/")
        || path.starts_with("/oauth/")
        || path.starts_with(crate::smart::FHIR_PATH)
        || path.starts_with(crate::routes::card_share::SHARED_PREFIX)
    {
        "no-store"
    } else if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// Whether a path names a content-hashed build output
/// (`/main-0123456789abcdef.css`, or any file of a build's own directory
/// `/pkg/0123456789abcdef/...`).
pub fn is_hashed_asset(path: &str) -> bool {
    if let Some(rest) = path.strip_prefix("/pkg/") {
        let build = rest.split('/').next().unwrap_or("");
        if build.len() >= 12 && build.chars().all(|c| c.is_ascii_hexdigit()) {
            return true;
        }
    }
    let name = path.rsplit('/').next().unwrap_or("");
    name.split(['-', '.', '_'])
        .any(|part| part.len() >= 12 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Origins allowed to make state-changing requests: the portal's public
/// origin (configured, never taken from the request's own Host header,
/// which whoever sends the request chooses) and any extra ones.
#[derive(Clone, Debug, Default)]
pub struct OriginPolicy {
    /// Allowed origins (`scheme://host[:port]`), the public one first.
    pub allowed: Vec<String>,
}

impl OriginPolicy {
    /// The public origin (`--public-origin`, or derived from the address the
    /// server listens on) and the extra allowed origins.
    pub fn new(public: Option<&str>, listen: std::net::SocketAddr, extra: &[String]) -> Self {
        let mut allowed = match public {
            Some(origin) => vec![origin.to_string()],
            None => {
                let mut own = vec![format!("http://{listen}")];
                if listen.ip().is_loopback() {
                    own.push(format!("http://localhost:{}", listen.port()));
                }
                own
            }
        };
        allowed.extend(extra.iter().cloned());
        for o in &mut allowed {
            *o = o.trim().trim_end_matches('/').to_ascii_lowercase();
        }
        Self { allowed }
    }

    /// Whether `origin` (an `Origin` header) is allowed.
    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.trim().to_ascii_lowercase();
        self.allowed.contains(&origin)
    }
}

/// Middleware: refuses state-changing requests from other sites.
pub async fn same_origin(
    State(policy): State<Arc<OriginPolicy>>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return ApiError::forbidden("Requests from other sites are not accepted.").into_response();
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if !policy.allows(origin) {
            return ApiError::forbidden("Requests from other sites are not accepted.")
                .into_response();
        }
    }
    next.run(req).await
}

/// Middleware for `/api`: any error response without a problem body gets one.
pub async fn problemize(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return res;
    }
    let (title, type_uri) = match status {
        StatusCode::NOT_FOUND => ("Not found", types::NOT_FOUND),
        StatusCode::METHOD_NOT_ALLOWED => ("Method not allowed", "about:blank"),
        StatusCode::PAYLOAD_TOO_LARGE => ("Request body too large", types::VALIDATION),
        s if s.is_server_error() => ("Something went wrong", types::INTERNAL),
        _ => ("Bad request", "about:blank"),
    };
    let mut out = problem_response(&ProblemDetails::new(type_uri, title, status.as_u16()));
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}

/// Renders a caught panic as a 500 problem (the panic text is logged, not sent).
pub fn panic_response(_err: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("handler panicked");
    ApiError::Internal(anyhow::anyhow!("panic")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html =
            r#"<head><script src="/a.js"></script><script type="module">boot()</script></head>"#;
        assert_eq!(inline_scripts(html), vec!["boot()".to_string()]);
    }

    #[test]
    fn csp_hashes_inline_boot_script() {
        let dir = std::env::temp_dir().join(format!("csp-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(
            dir.join("index.html"),
            "<script type=module>boot()</script>",
        )
        .expect("write");
        let csp = content_security_policy(&dir);
        // sha256("boot()") in base64
        let want = BASE64.encode(Sha256::digest(b"boot()"));
        assert!(csp.contains(&format!("'sha256-{want}'")), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn hashed_assets() {
        assert!(is_hashed_asset("/portal-web-5f3a1b2c3d4e5f60_bg.wasm"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(
            is_hashed_asset("/portal-web-e7fb865e33f2bd4.js"),
            "trunk drops leading zeros: 15 digits"
        );
        assert!(!is_hashed_asset("/index.html"));
        assert!(is_hashed_asset("/pkg/0123456789abcdef/chunk_3.wasm"));
        assert!(!is_hashed_asset("/pkg/dev/chunk_3.wasm"));
        assert!(!is_hashed_asset("/claims"));
    }
}
