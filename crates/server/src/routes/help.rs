//! The help centre's public data: who to call, and the glossary. No
//! session needed: the help centre is open to visitors who cannot sign in.

use super::plans::query_params;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use portal_domain::help::contacts::ContactDirectory;
#[cfg(doc)]
use portal_domain::help::glossary::TermSummary;
use portal_domain::help::glossary::{
    self, GlossaryEntry, GlossaryList, MAX_QUERY_CHARS, MAX_SLUG_CHARS,
};
use portal_domain::ProblemDetails;

/// The plan's contact lines for each audience, with their hours in Eastern
/// time (the browser says whether each is open in the visitor's time zone).
#[utoipa::path(get, path = "/api/v1/help/contacts", tag = "help",
    responses((status = 200, body = ContactDirectory)))]
pub async fn contacts(State(state): State<AppState>) -> Json<ContactDirectory> {
    Json(state.help.contacts.clone())
}

/// Every glossary term A to Z as [`TermSummary`]s, or with `q` the terms
/// whose name or definition has every word of it (names first).
#[utoipa::path(get, path = "/api/v1/glossary", tag = "help",
    params(("q" = Option<String>, Query, description = "Words to look for (at most 80 characters)")),
    responses((status = 200, body = GlossaryList), (status = 400, body = ProblemDetails)))]
pub async fn list(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<GlossaryList>> {
    let params = query_params(raw.as_deref(), &["q"])?;
    let entries = &state.help.glossary;
    let terms = match params.get("q") {
        Some(q) if q.chars().count() > MAX_QUERY_CHARS => {
            return Err(ApiError::field(
                "q",
                "q.too_long",
                format!("Use at most {MAX_QUERY_CHARS} characters."),
            ))
        }
        Some(q) if !q.trim().is_empty() => glossary::search(entries, q)
            .into_iter()
            .map(GlossaryEntry::summary)
            .collect(),
        _ => entries.iter().map(GlossaryEntry::summary).collect(),
    };
    Ok(Json(GlossaryList {
        source: state.help.glossary_source.clone(),
        terms,
    }))
}

/// One glossary entry, with the terms its definition mentions.
#[utoipa::path(get, path = "/api/v1/glossary/{slug}", tag = "help",
    params(("slug" = String, Path, description = "The term's address segment, e.g. `deductible`")),
    responses((status = 200, body = GlossaryEntry), (status = 400, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn term(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<GlossaryEntry>> {
    if !glossary::valid_slug(&slug) {
        return Err(ApiError::field(
            "slug",
            "slug.invalid",
            format!("A term's address has lowercase letters, digits and hyphens (at most {MAX_SLUG_CHARS})."),
        ));
    }
    state
        .help
        .term(&slug)
        .cloned()
        .map(Json)
        .ok_or_else(ApiError::not_found)
}
