//! JSON bodies of the HTTP API (`/api/v1`), shared by the server that writes
//! them and the browser that reads them.

use crate::credentials::{CredentialPolicy, PolicyPreset, Rule};
use crate::member_id::MemberId;
use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::registration::{RegisterRequest, RegistrationMethod};

/// `POST /api/v1/auth/login`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginRequest {
    /// Username, any case.
    pub username: String,
    /// Password, as typed.
    pub password: String,
}

/// One rule as the policy endpoint describes it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    /// The rule (serialized as its stable code).
    pub rule: Rule,
    /// Plain message.
    pub message: String,
    /// Checked only by the server.
    pub server_checked: bool,
}

/// `GET /api/v1/policy`: the active credential preset and its rules.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyInfo {
    /// The active preset; the browser builds the same [`CredentialPolicy`] from it.
    pub preset: PolicyPreset,
    /// Username rules.
    pub username_rules: Vec<RuleInfo>,
    /// Password rules.
    pub password_rules: Vec<RuleInfo>,
    /// The server's sign-in limits (lockout, idle timeout), for the help
    /// centre's answers.
    #[serde(default)]
    pub limits: SignInLimits,
}

/// How the server limits sign-ins and sessions (its configuration).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLimits {
    /// Consecutive failed sign-ins that lock an account.
    pub lockout_attempts: u32,
    /// How long a lockout lasts, in minutes.
    pub lockout_minutes: u32,
    /// Minutes without activity after which a session ends.
    pub idle_minutes: u32,
    /// The longest a session lasts, in hours.
    pub session_hours: u32,
}

impl Default for SignInLimits {
    /// The server's defaults.
    fn default() -> Self {
        Self {
            lockout_attempts: 5,
            lockout_minutes: 15,
            idle_minutes: 30,
            session_hours: 12,
        }
    }
}

impl PolicyInfo {
    /// Describes a policy.
    pub fn describe(policy: &CredentialPolicy) -> Self {
        let info = |rule: Rule| RuleInfo {
            rule,
            message: policy.message(rule),
            server_checked: rule.is_server_checked(),
        };
        Self {
            preset: policy.preset,
            username_rules: policy.username_rules().into_iter().map(info).collect(),
            password_rules: policy.password_rules().into_iter().map(info).collect(),
            limits: SignInLimits::default(),
        }
    }
}

/// A person's relationship to the subscriber.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// The policy holder.
    Subscriber,
    /// Spouse or domestic partner.
    Spouse,
    /// Child or other dependent.
    Child,
}

impl Relationship {
    /// Stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Subscriber => "subscriber",
            Self::Spouse => "spouse",
            Self::Child => "child",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Subscriber, Self::Spouse, Self::Child]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    /// Plain label ("Subscriber", "Spouse", "Dependent").
    pub fn label(self) -> &'static str {
        match self {
            Self::Subscriber => "Subscriber",
            Self::Spouse => "Spouse",
            Self::Child => "Dependent",
        }
    }
}

/// A stored relationship that is none of [`Relationship`]'s names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRelationship(pub String);

impl std::fmt::Display for UnknownRelationship {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown relationship {:?}", self.0)
    }
}

impl std::error::Error for UnknownRelationship {}

/// Reads a stored name ([`Relationship::as_str`]), so a database row can
/// hold the type itself.
impl TryFrom<String> for Relationship {
    type Error = UnknownRelationship;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s).ok_or(UnknownRelationship(s))
    }
}

/// A household member as the signed-in member may see them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    /// Opaque id used in API paths (never the member ID or anything personal).
    pub id: i64,
    /// Member ID (printed form on the wire: `123456789*01`).
    pub member_id: MemberId,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Relationship to the subscriber.
    pub relationship: Relationship,
}

fn member_role() -> crate::messages::Role {
    crate::messages::Role::Member
}

/// `GET /api/v1/me`: who is signed in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// The (case-folded) username.
    pub username: String,
    /// What kind of account: a member's, or member services staff's.
    #[serde(default = "member_role")]
    pub role: crate::messages::Role,
    /// The member this account belongs to (none for a staff account).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<MemberSummary>,
    /// The practice a provider account acts for (provider accounts only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Box<crate::provider::ProviderSummary>>,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_secs: u64,
    /// The session's clock as of this answer: given by `GET /api/v1/me`
    /// only, so the idle warning needs no request of its own when a page
    /// loads (absent from the sign-in and registration answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<crate::account::SessionStatus>,
}

/// The plan a member is covered by.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    /// Plan code.
    pub id: String,
    /// Marketing name ("Evergreen Silver PPO 2026").
    pub name: String,
    /// Plan year.
    pub year: i32,
    /// HMO, PPO, EPO or HDHP.
    pub plan_type: String,
    /// Network name.
    pub network: String,
}

/// A copay printed on the ID card.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardCopay {
    /// "Primary care", "Specialist", ...
    pub label: String,
    /// Amount.
    pub amount: Money,
}

/// The digital ID card of one member.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdCard {
    /// Whose card.
    pub member: MemberSummary,
    /// The plan.
    pub plan: PlanSummary,
    /// Employer group number.
    pub group_number: String,
    /// Pharmacy benefit routing: BIN.
    pub rx_bin: String,
    /// Pharmacy benefit routing: PCN.
    pub rx_pcn: String,
    /// Pharmacy benefit routing: group.
    pub rx_group: String,
    /// Copays for common visits.
    pub copays: Vec<CardCopay>,
    /// Member services phone.
    pub member_services_phone: String,
    /// Provider services phone.
    pub provider_services_phone: String,
    /// Coverage start.
    #[serde(with = "crate::dates::iso")]
    pub coverage_start: NaiveDate,
    /// Coverage end.
    #[serde(with = "crate::dates::iso")]
    pub coverage_end: NaiveDate,
    /// The plan's deductibles and out-of-pocket maximums, in and out of
    /// network (the No Surprises Act asks cards to show them).
    pub limits: CardLimits,
    /// The plan's website for help (shown with the phone numbers).
    pub website: String,
    /// The member's primary care provider today, where one is chosen.
    #[serde(default)]
    pub pcp: Option<crate::home::Pcp>,
    /// A new primary care provider chosen, not in effect yet (the card
    /// shows them from that day).
    #[serde(default)]
    pub pcp_change: Option<crate::care::pcp::PcpChange>,
}

/// Days a shared card link may last.
pub const CARD_SHARE_DAYS: std::ops::RangeInclusive<u32> = 1..=30;

/// `POST /api/v1/members/{id}/card/shares`: share a card for some days.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardShareRequest {
    /// How many days the link works ([`CARD_SHARE_DAYS`]).
    pub days: u32,
}

/// A link that shows one member's ID card without signing in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardShare {
    /// Opaque id (to turn it off).
    pub id: i64,
    /// The link's path (`/shared-card/<token>`): only in the answer that
    /// made it; the portal keeps only a hash of the token.
    #[serde(default)]
    pub path: Option<String>,
    /// Made at (Unix seconds).
    pub created_at: i64,
    /// Stops working at (Unix seconds).
    pub expires_at: i64,
    /// Turned off or expired.
    pub active: bool,
    /// Times it was opened.
    pub views: u32,
    /// Last opened at (Unix seconds).
    #[serde(default)]
    pub last_viewed_at: Option<i64>,
}

/// The deductibles and out-of-pocket maximums an ID card shows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLimits {
    /// In network.
    pub in_network: crate::cost::Limits,
    /// Out of network (`None`: the plan covers no out-of-network care but emergencies).
    #[serde(default)]
    pub out_of_network: Option<crate::cost::Limits>,
}

/// The plan's website, printed on ID cards and documents (the demo plan is
/// fictional: `.example` is a reserved name).
pub const PLAN_WEBSITE: &str = "www.evergreenhealth.example";

/// `GET /api/v1/coverage`: the signed-in member's plan, card and household.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The signed-in member's ID card.
    pub card: IdCard,
    /// Everyone in the household the member may see.
    pub household: Vec<MemberSummary>,
    /// A plan change made and not yet in effect (or newly in effect).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_plan: Option<crate::plans::api::PlanChange>,
}

/// `GET /api/v1/claims`: one page of the matched claims, with the count and
/// totals of **all** matched claims.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimsPage {
    /// This page.
    pub items: Vec<crate::claims::ClaimSummary>,
    /// How many claims matched.
    pub total: u32,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub page_size: u32,
    /// Totals over every matched claim.
    pub totals: crate::claims::Amounts,
}

/// A saved claim filter.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFilter {
    /// Id (negative for the built-in filters).
    pub id: i64,
    /// Name.
    pub name: String,
    /// The filter as a query string (`category=prescription`).
    pub query: String,
    /// Built in: every member has it; it cannot be renamed or deleted.
    pub builtin: bool,
}

/// The filters every member has from the start: (id, name, query).
pub const BUILTIN_FILTERS: &[(i64, &str, &str)] = &[
    (-1, "Only prescriptions", "category=prescription"),
    (-2, "Emergency visits", "category=emergency"),
];

/// Longest saved-filter name.
pub const MAX_FILTER_NAME: usize = 40;

/// `POST /api/v1/saved-filters`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SaveFilterRequest {
    /// Name, 1 to 40 characters.
    pub name: String,
    /// The filter's query string.
    pub query: String,
}

/// `PATCH /api/v1/saved-filters/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenameFilterRequest {
    /// New name, 1 to 40 characters.
    pub name: String,
}

/// Checks a saved-filter name: trimmed, 1 to 40 characters, no control
/// characters (a tab, a newline or an escape would garble lists and logs).
pub fn validate_filter_name(name: &str) -> Result<String, crate::FieldError> {
    let n = name.trim();
    if n.chars().any(char::is_control) {
        Err(crate::FieldError::new(
            "name.control_chars",
            "Use letters, digits, spaces and punctuation only.",
        ))
    } else if n.is_empty() {
        Err(crate::FieldError::new(
            "name.required",
            "Give the filter a name.",
        ))
    } else if n.chars().count() > MAX_FILTER_NAME {
        Err(crate::FieldError::new(
            "name.too_long",
            format!("Use at most {MAX_FILTER_NAME} characters."),
        ))
    } else {
        Ok(n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_relationships_read_back() {
        for r in [
            Relationship::Subscriber,
            Relationship::Spouse,
            Relationship::Child,
        ] {
            assert_eq!(Relationship::try_from(r.as_str().to_string()), Ok(r));
        }
        let bad = Relationship::try_from("Child".to_string());
        assert_eq!(bad, Err(UnknownRelationship("Child".into())));
        assert_eq!(
            bad.expect_err("refused").to_string(),
            "unknown relationship \"Child\""
        );
    }

    #[test]
    fn filter_name_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("Mine", Ok("Mine")),
            ("  Spaced  ", Ok("Spaced")),
            ("", Err("name.required")),
            ("   ", Err("name.required")),
            (&"x".repeat(40), Ok(&"x".repeat(40))),
            (&"x".repeat(41), Err("name.too_long")),
            ("tab\there", Err("name.control_chars")),
            ("new\nline", Err("name.control_chars")),
            ("esc\u{1b}[31m", Err("name.control_chars")),
            ("nul\u{0}", Err("name.control_chars")),
            ("del\u{7f}", Err("name.control_chars")),
            ("Café – ER visits", Ok("Café – ER visits")),
        ];
        for (input, want) in cases {
            let got = validate_filter_name(input);
            match want {
                Ok(name) => assert_eq!(got.ok().as_deref(), Some(*name), "{input:?}"),
                Err(code) => assert_eq!(
                    got.err().map(|e| e.code).as_deref(),
                    Some(*code),
                    "{input:?}"
                ),
            }
        }
    }
}
