//! The access log: one line per request with the method, the route template
//! (`/api/v1/claims/{id}`, never the path's values or the query string, which
//! can carry search text and so health information), the status and the
//! latency. Logged at `info` under the target `access`.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The route template a request matched, carried from the router to the log.
#[derive(Clone, Debug)]
pub struct RouteTemplate(pub String);

/// Route layer of the API router: remembers which template matched.
pub async fn remember_route(req: Request, next: Next) -> Response {
    let template = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let mut res = next.run(req).await;
    if let Some(t) = template {
        res.extensions_mut().insert(RouteTemplate(t));
    }
    res
}

/// What the log calls a request's route when no API route matched.
pub fn route_of_unmatched(path: &str) -> &'static str {
    if path == "/api" || path.starts_with("/api/") {
        "(no such API route)"
    } else if path == "/dev/outbox" {
        "/dev/outbox"
    } else {
        "(web app)"
    }
}

/// Outermost middleware: writes the access log line.
pub async fn log(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let fallback = route_of_unmatched(req.uri().path());
    let res = next.run(req).await;
    let route = res
        .extensions()
        .get::<RouteTemplate>()
        .map_or(fallback, |t| t.0.as_str());
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "access",
        method = %method,
        route = %route,
        status = res.status().as_u16(),
        ms = format_args!("{ms:.1}"),
        "request"
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmatched_paths_are_named_without_their_values() {
        assert_eq!(
            route_of_unmatched("/api/v1/nope/123"),
            "(no such API route)"
        );
        assert_eq!(route_of_unmatched("/claims/42"), "(web app)");
        assert_eq!(route_of_unmatched("/"), "(web app)");
    }
}
