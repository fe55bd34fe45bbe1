//! RFC 9457 problem details, as the server writes them and the browser reads
//! them, with a field map for validation errors.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The media type of a problem response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// One thing wrong with one field: a stable code and a plain message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Stable code, e.g. `password.length`.
    pub code: String,
    /// Plain message for the member.
    pub message: String,
}

impl FieldError {
    /// A field error from a code and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// Errors by field name (the request body's field names).
pub type FieldErrors = BTreeMap<String, Vec<FieldError>>;

/// The checks every query parser applies to one parameter before its value:
/// it must be one of `params` and given once (`seen` keeps the names met so
/// far). Reports `param.unknown` or `param.repeated` under the name, calling
/// the parameter a `noun` ("filter", "search option"), and returns whether
/// the value should be read.
pub fn query_param_ok<'a>(
    errors: &mut FieldErrors,
    seen: &mut Vec<&'a str>,
    params: &[&str],
    name: &'a str,
    noun: &str,
) -> bool {
    if !params.contains(&name) {
        push_error(
            errors,
            name,
            FieldError::new("param.unknown", format!("Unknown {noun} \"{name}\".")),
        );
        return false;
    }
    if seen.contains(&name) {
        push_error(
            errors,
            name,
            FieldError::new("param.repeated", format!("Give this {noun} once.")),
        );
        return false;
    }
    seen.push(name);
    true
}

/// Adds one error to a field.
pub fn push_error(errors: &mut FieldErrors, field: &str, error: FieldError) {
    errors.entry(field.to_string()).or_default().push(error);
}

/// An RFC 9457 problem details object, with this API's extension members.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemDetails {
    /// A URI reference naming the problem type (`/problems/validation`, ...).
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    /// Short, human-readable summary of the problem type.
    #[serde(default)]
    pub title: String,
    /// The HTTP status code.
    #[serde(default)]
    pub status: u16,
    /// Explanation specific to this occurrence, safe to show to the member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Extension: errors by field, for validation problems.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: FieldErrors,
    /// Extension: free usernames to offer when the one asked for is taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Extension: when a lockout ends (RFC 3339, UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked_until: Option<String>,
}

fn about_blank() -> String {
    "about:blank".into()
}

/// Problem type URIs used by the API.
pub mod types {
    /// The request body or query failed validation; see `errors`.
    pub const VALIDATION: &str = "/problems/validation";
    /// Username or password not recognised.
    pub const INVALID_CREDENTIALS: &str = "/problems/invalid-credentials";
    /// Too many failed sign-ins; see `locked_until`.
    pub const ACCOUNT_LOCKED: &str = "/problems/account-locked";
    /// No session, or it expired.
    pub const UNAUTHENTICATED: &str = "/problems/unauthenticated";
    /// The request is not allowed (cross-site, or not yours).
    pub const FORBIDDEN: &str = "/problems/forbidden";
    /// Nothing there (or not yours to see).
    pub const NOT_FOUND: &str = "/problems/not-found";
    /// The username is taken; see `suggestions`.
    pub const USERNAME_TAKEN: &str = "/problems/username-taken";
    /// The identity details match no eligible member.
    pub const NOT_ELIGIBLE: &str = "/problems/not-eligible";
    /// The member already has an account.
    pub const ALREADY_REGISTERED: &str = "/problems/already-registered";
    /// The activation code has expired.
    pub const CODE_EXPIRED: &str = "/problems/activation-code-expired";
    /// Too many attempts; try later.
    pub const RATE_LIMITED: &str = "/problems/rate-limited";
    /// Something failed on the server.
    pub const INTERNAL: &str = "/problems/internal";
    /// the server is too busy checking passwords; try again shortly.
    pub const BUSY: &str = "/problems/busy";
    /// a plan change outside open enrollment without a life event.
    pub const ENROLLMENT_CLOSED: &str = "/problems/enrollment-closed";
    /// the plan change has already taken effect.
    pub const CHANGE_IN_EFFECT: &str = "/problems/plan-change-in-effect";
    /// the code or recovery code was wrong (or used already).
    pub const INVALID_CODE: &str = "/problems/invalid-code";
    /// two-step verification is already on / not on.
    pub const TWO_STEP_STATE: &str = "/problems/two-step-state";
    /// the code is right and two-step verification is on: send the
    /// authenticator code or a recovery code too.
    pub const TWO_STEP_REQUIRED: &str = "/problems/two-step-required";
    /// The payment processor declined the payment (nothing was taken);
    /// the message is beside `method_id`.
    pub const PAYMENT_DECLINED: &str = "/problems/payment-declined";
    /// The payment processor did not answer; retry with the same key.
    pub const PAYMENT_UNAVAILABLE: &str = "/problems/payment-unavailable";
    /// The statements are already paid or a payment for them is processing.
    pub const PAYMENT_CONFLICT: &str = "/problems/payment-conflict";
    /// A provider bill cannot be disputed now (already disputed, or nothing owed).
    pub const DISPUTE_CONFLICT: &str = "/problems/dispute-conflict";
    /// A card has as many working share links as it may.
    pub const CARD_SHARE_LIMIT: &str = "/problems/card-share-limit";
    /// A data archive is already being prepared (409).
    pub const EXPORT_IN_PROGRESS: &str = "/problems/export-in-progress";
    /// The data archive is not ready, or its download period has ended (409/410).
    pub const EXPORT_UNAVAILABLE: &str = "/problems/export-unavailable";
    /// 409: the member's report on this directory listing is still open.
    pub const REPORT_OPEN: &str = "/problems/report-open";
    /// 409: someone else booked that virtual visit time first.
    pub const SLOT_TAKEN: &str = "/problems/slot-taken";
    /// 409: the virtual visit cannot be joined yet, or any more.
    pub const JOIN_CLOSED: &str = "/problems/join-closed";
    /// 409: the virtual visit was cancelled or has already started.
    pub const VISIT_FINAL: &str = "/problems/visit-final";
}

impl ProblemDetails {
    /// A problem with a type, title and status.
    pub fn new(type_uri: &str, title: &str, status: u16) -> Self {
        Self {
            type_uri: type_uri.into(),
            title: title.into(),
            status,
            ..Self::default()
        }
    }

    /// Sets the detail.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// A 400 validation problem with its field errors.
    pub fn validation(errors: FieldErrors) -> Self {
        Self {
            errors,
            ..Self::new(types::VALIDATION, "Some details need fixing", 400)
        }
        .with_detail("Check the highlighted fields and try again.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_rfc9457() {
        let mut errors = FieldErrors::new();
        push_error(
            &mut errors,
            "username",
            FieldError::new("username.length", "5 to 10"),
        );
        let p = ProblemDetails::validation(errors);
        let v: serde_json::Value = serde_json::to_value(&p).expect("ser");
        assert_eq!(v["type"], "/problems/validation");
        assert_eq!(v["status"], 400);
        assert_eq!(v["errors"]["username"][0]["code"], "username.length");
        assert!(v.get("suggestions").is_none());
        let back: ProblemDetails = serde_json::from_value(v).expect("de");
        assert_eq!(back, p);
    }

    #[test]
    fn reads_minimal_problem() {
        let p: ProblemDetails = serde_json::from_str(r#"{"status":404}"#).expect("de");
        assert_eq!(p.type_uri, "about:blank");
        assert_eq!(p.status, 404);
    }
}
