//! Apps a member connects to their plan data (CMS Patient Access API, SMART
//! App Launch): the scopes an app may ask for and their plain words, the
//! consent screen's body and the member's list of connected apps.
//!
//! The server parses an app's `scope` with [`parse_scopes`] when the app
//! asks (and again when it exchanges its code); the consent screen shows
//! [`Scope::describe`]'s words, so what the member agrees to and what the
//! token allows are one list.

use crate::code_enum::code_enum;
use serde::{Deserialize, Serialize};

code_enum! {
    /// A FHIR resource type an app may read through the Patient Access API.
    FhirResource {
        /// The member: name, birth date, member ID.
        Patient = "Patient" / "Your name, date of birth and member ID",
        /// The member's coverage.
        Coverage = "Coverage" / "Your coverage: plan, group, member ID and dates of coverage",
        /// Claims as explanations of benefits.
        ExplanationOfBenefit = "ExplanationOfBenefit" / "Your claims: providers, services, dates, and the amounts billed, allowed, paid by the plan and owed by you",
    }
}

/// One SMART scope the portal grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// `patient/<Resource>.rs` (or the SMART v1 `.read`): read and search.
    Read(FhirResource),
    /// `launch/patient`: the app is told whose record it reads.
    LaunchPatient,
    /// `offline_access`: a refresh token, so the app keeps access until the
    /// member disconnects it.
    OfflineAccess,
}

impl Scope {
    /// The scope as granted, in SMART v2 syntax.
    pub fn code(&self) -> String {
        match self {
            Scope::Read(r) => format!("patient/{}.rs", r.as_str()),
            Scope::LaunchPatient => "launch/patient".into(),
            Scope::OfflineAccess => "offline_access".into(),
        }
    }

    /// What the app may read, in plain words (`None` for a scope that
    /// reads nothing by itself: `launch/patient`, and `offline_access`,
    /// which the consent screen and the connected apps list say in their
    /// own sentence about staying connected).
    pub fn describe(&self) -> Option<&'static str> {
        match self {
            Scope::Read(r) => Some(r.label()),
            Scope::LaunchPatient | Scope::OfflineAccess => None,
        }
    }
}

/// Why a `scope` value cannot be granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// Nothing the portal can grant was asked for.
    NoReadableData,
}

impl ScopeError {
    /// Message for the app (OAuth `error_description`).
    pub fn message(&self) -> &'static str {
        match self {
            ScopeError::NoReadableData => {
                "Ask for at least one of patient/Patient.rs, patient/Coverage.rs or patient/ExplanationOfBenefit.rs."
            }
        }
    }
}

/// Parses an OAuth `scope` value into what the portal grants, sorted and
/// without repeats. Read scopes may be written `patient/X.rs`, `.r`, `.read`
/// (SMART v1) or with `*` for every resource; write access, `user/` and
/// `system/` scopes and unknown scopes are not granted (SMART lets a server
/// grant less than asked; the token answer says what was granted). At least
/// one read scope must remain.
pub fn parse_scopes(value: &str) -> Result<Vec<Scope>, ScopeError> {
    let mut out = Vec::new();
    for word in value.split_ascii_whitespace() {
        match word {
            "launch/patient" => out.push(Scope::LaunchPatient),
            "offline_access" => out.push(Scope::OfflineAccess),
            _ => {
                let Some(rest) = word.strip_prefix("patient/") else {
                    continue;
                };
                let Some((resource, access)) = rest.split_once('.') else {
                    continue;
                };
                if !matches!(access, "rs" | "r" | "s" | "read") {
                    continue;
                }
                if resource == "*" {
                    out.extend(FhirResource::ALL.iter().map(|r| Scope::Read(*r)));
                } else if let Some(r) = FhirResource::parse(resource) {
                    out.push(Scope::Read(r));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    if !out.iter().any(|s| matches!(s, Scope::Read(_))) {
        return Err(ScopeError::NoReadableData);
    }
    Ok(out)
}

/// The granted scopes as an OAuth `scope` value.
pub fn scope_value(scopes: &[Scope]) -> String {
    scopes.iter().map(Scope::code).collect::<Vec<_>>().join(" ")
}

/// Whether `scopes` let the app read `resource`.
pub fn may_read(scopes: &[Scope], resource: FhirResource) -> bool {
    scopes.contains(&Scope::Read(resource))
}

/// The plain words of what `scopes` allow, in order (the consent screen and
/// the connected apps list).
pub fn describe_scopes(scopes: &[Scope]) -> Vec<String> {
    scopes
        .iter()
        .filter_map(Scope::describe)
        .map(str::to_string)
        .collect()
}

/// Who an app is, as registered with the plan.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// The app's name.
    pub name: String,
    /// The company or person who makes it.
    pub developer: String,
    /// The app's website.
    pub website: String,
    /// The app's privacy policy.
    pub privacy_policy: String,
}

/// A household member whose record the app may be given.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientChoice {
    /// Opaque member id.
    pub id: i64,
    /// Full name.
    pub name: String,
}

/// The consent screen: `GET /api/v1/oauth/requests/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRequest {
    /// The pending request's id (from the `/authorize?request=` address).
    pub id: String,
    /// The app.
    pub app: AppInfo,
    /// Where the app will be sent back to (its registered address).
    pub redirect_host: String,
    /// What it may read, in plain words.
    pub reads: Vec<String>,
    /// Whether it asks to keep access (`offline_access`).
    pub stays_connected: bool,
    /// Whose record it may read: the member, and household members whose
    /// information the member may see (a parent for a young child).
    pub patients: Vec<PatientChoice>,
    /// The request stops working at (Unix seconds).
    pub expires_at: i64,
}

/// The member's answer: `POST /api/v1/oauth/requests/{id}/decision`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentDecision {
    /// Agree (true) or decline (false).
    pub approve: bool,
    /// Whose record (one of [`ConsentRequest::patients`]); the member's own
    /// when absent.
    #[serde(default)]
    pub patient_id: Option<i64>,
}

/// Where the browser goes next: the app's redirect address with the code
/// (agreed) or `error=access_denied` (declined).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentOutcome {
    /// Absolute URL to send the browser to.
    pub redirect_to: String,
}

/// An app the member connected: `GET /api/v1/account/connected-apps`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectedApp {
    /// Opaque id (to disconnect it: `DELETE /api/v1/account/connected-apps/{id}`).
    pub id: i64,
    /// The app.
    pub app: AppInfo,
    /// Whose record it reads.
    pub patient_name: String,
    /// What it may read, in plain words.
    pub reads: Vec<String>,
    /// Whether it keeps access without the member signing in again.
    pub stays_connected: bool,
    /// Connected at (Unix seconds).
    pub connected_at: i64,
    /// Last read data at (Unix seconds).
    #[serde(default)]
    pub last_used_at: Option<i64>,
}

/// The plan's privacy education for members connecting apps (CMS asks
/// payers to give it before a member shares data with a third-party app).
/// Shown on the consent screen and the connected apps list.
pub const PRIVACY_NOTICE: [&str; 5] = [
    "Apps you connect are not run by Evergreen Health. Once an app has your information, HIPAA usually no longer protects it: the app's own privacy policy and terms decide what it does with it.",
    "Read the app's privacy policy before you agree. Look for whether it sells or shares your data, whether it uses it for advertising, and how you can ask it to delete your data.",
    "Your claims can reveal sensitive care, such as mental health, substance use, reproductive or sexual health services.",
    "You can disconnect an app at any time on your account page; it then stops getting new information at once. Ask the app to delete what it already has.",
    "If you think an app misused your information, you can file a complaint with the Federal Trade Commission (reportfraud.ftc.gov) or the Office for Civil Rights (hhs.gov/ocr).",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_to_what_is_granted() {
        use FhirResource::*;
        let cases: [(&str, Result<Vec<Scope>, ScopeError>); 7] = [
            (
                "launch/patient patient/ExplanationOfBenefit.rs offline_access",
                Ok(vec![
                    Scope::Read(ExplanationOfBenefit),
                    Scope::LaunchPatient,
                    Scope::OfflineAccess,
                ]),
            ),
            (
                "patient/Coverage.read patient/Coverage.rs",
                Ok(vec![Scope::Read(Coverage)]),
            ),
            (
                "patient/*.read",
                Ok(vec![
                    Scope::Read(Patient),
                    Scope::Read(Coverage),
                    Scope::Read(ExplanationOfBenefit),
                ]),
            ),
            (
                "patient/Patient.cruds user/Patient.rs",
                Err(ScopeError::NoReadableData),
            ),
            (
                "patient/Observation.rs patient/Patient.r",
                Ok(vec![Scope::Read(Patient)]),
            ),
            ("offline_access", Err(ScopeError::NoReadableData)),
            ("", Err(ScopeError::NoReadableData)),
        ];
        for (value, want) in cases {
            assert_eq!(parse_scopes(value), want, "{value}");
        }
    }

    #[test]
    fn granted_scopes_round_trip_and_read_in_words() {
        let s = parse_scopes("patient/*.rs offline_access launch/patient").expect("valid scopes");
        assert_eq!(parse_scopes(&scope_value(&s)).expect("round trip"), s);
        assert_eq!(
            scope_value(&s),
            "patient/Patient.rs patient/Coverage.rs patient/ExplanationOfBenefit.rs launch/patient offline_access"
        );
        assert!(may_read(&s, FhirResource::Coverage));
        // Three lines of words: one per resource.
        assert_eq!(describe_scopes(&s).len(), 3);
        let only = parse_scopes("patient/Coverage.rs").expect("valid scope");
        assert!(!may_read(&only, FhirResource::ExplanationOfBenefit));
    }
}
