//! The help centre: who to call, the glossary, and the sign-in rules in
//! force (for the username and password answers). All public.

use super::{get_json, ApiError};
use crate::browser::encode_query_value;
use portal_domain::api::SignInLimits;
use portal_domain::help::contacts::ContactDirectory;
use portal_domain::help::glossary::{GlossaryEntry, GlossaryList};
use portal_domain::PolicyPreset;
use serde::Deserialize;
use std::future::Future;

/// The parts of `PolicyInfo` the help answers need: the preset (the rules
/// are rebuilt from it with `CredentialPolicy::from_preset`) and the limits.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct HelpPolicy {
    /// The active preset.
    pub preset: PolicyPreset,
    /// Lockout and session limits.
    #[serde(default)]
    pub limits: SignInLimits,
}

/// `GET /api/v1/policy`, for the help answers.
pub fn policy() -> impl Future<Output = Result<HelpPolicy, ApiError>> {
    get_json("/policy")
}

/// `GET /api/v1/help/contacts`.
pub fn contacts() -> impl Future<Output = Result<ContactDirectory, ApiError>> {
    get_json("/help/contacts")
}

/// `GET /api/v1/glossary`, or with words `?q=`.
pub fn glossary(q: &str) -> impl Future<Output = Result<GlossaryList, ApiError>> {
    let q = q.trim();
    if q.is_empty() {
        get_json("/glossary")
    } else {
        get_json(&format!("/glossary?q={}", encode_query_value(q)))
    }
}

/// `GET /api/v1/glossary/{slug}`.
pub fn term(slug: &str) -> impl Future<Output = Result<GlossaryEntry, ApiError>> {
    get_json(&format!("/glossary/{slug}"))
}
