//! Legacy first sign-in: a member who signed in to the plan's old site with
//! the ID number and a PIN types them once as username and password; the
//! portal then asks for a username and password of the member's own.
//!
//! The two cannot be mistaken for real credentials: the ID number has 11
//! digits, longer than any username may be, and a PIN is 4 to 8 digits.

use crate::credentials::{normalize_username, CredentialPolicy};
use crate::member_id::MemberId;
use crate::problem::FieldErrors;
use crate::registration::{new_credential_errors, NewCredentialInput};
use serde::{Deserialize, Serialize};

/// Fewest digits in a legacy PIN.
pub const PIN_MIN: usize = 4;
/// Most digits in a legacy PIN.
pub const PIN_MAX: usize = 8;
/// Minutes the member has to choose the new credentials after the PIN.
pub const TICKET_MINUTES: u32 = 15;

/// The member ID, when a sign-in's username and password are an ID number
/// and a PIN (11 digits without the asterisk, and 4 to 8 digits).
pub fn legacy_sign_in(username: &str, password: &str) -> Option<MemberId> {
    let user = username.trim();
    let pin_ok = (PIN_MIN..=PIN_MAX).contains(&password.len())
        && password.chars().all(|c| c.is_ascii_digit());
    if !pin_ok || !user.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    MemberId::parse_typed(user).ok()
}

/// `202` answer to a sign-in with a right ID number and PIN: choose the new
/// username and password next (`POST /api/v1/auth/legacy`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyChallenge {
    /// Always true.
    pub legacy_first_sign_in: bool,
    /// The member's first name, for the greeting.
    pub first_name: String,
    /// Seconds left to choose the new credentials.
    pub expires_in_secs: u64,
}

/// `POST /api/v1/auth/legacy`: the new credentials.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegacyCompleteRequest {
    /// The username asked for.
    pub username: String,
    /// The new password.
    pub password: String,
    /// The password again.
    pub confirm_password: String,
    /// Accepts the terms of service and the privacy notice.
    pub accept_terms: bool,
}

/// Checks the new credentials (every rule each field breaks); the valid
/// case-folded username.
pub fn validate_legacy_complete(
    policy: &CredentialPolicy,
    req: &LegacyCompleteRequest,
) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    new_credential_errors(
        policy,
        NewCredentialInput {
            username: &req.username,
            password: &req.password,
            confirm_password: &req.confirm_password,
            accept_terms: req.accept_terms,
        },
        &mut errors,
    );
    if errors.is_empty() {
        Ok(normalize_username(&req.username))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_counts_as_an_id_number_and_pin() {
        let cases: &[(&str, &str, bool)] = &[
            ("10020030001", "4829", true),
            (" 10020030001 ", "48291637", true),
            ("10020030001", "482", false),
            ("10020030001", "482916371", false),
            ("10020030001", "48a9", false),
            ("100200300*01", "4829", false),
            ("100200300", "4829", false),
            ("member1", "4829", false),
            ("10020030001", "Demo.Pass1", false),
        ];
        for (user, pin, want) in cases {
            assert_eq!(legacy_sign_in(user, pin).is_some(), *want, "{user} {pin}");
        }
    }

    #[test]
    fn new_credentials_follow_the_policy() {
        let policy = CredentialPolicy::default();
        let good = LegacyCompleteRequest {
            username: "PatA62".into(),
            password: "Garden.Path9".into(),
            confirm_password: "Garden.Path9".into(),
            accept_terms: true,
        };
        assert_eq!(
            validate_legacy_complete(&policy, &good).as_deref(),
            Ok("pata62")
        );
        let bad = validate_legacy_complete(
            &policy,
            &LegacyCompleteRequest {
                username: "pa".into(),
                confirm_password: "other".into(),
                accept_terms: false,
                ..good
            },
        )
        .expect_err("bad");
        for field in ["username", "confirm_password", "accept_terms"] {
            assert!(bad.contains_key(field), "{field}");
        }
    }
}
