//! Two-step verification by a code sent by text message or email, besides
//! the authenticator app: the methods, the set-up request both the
//! browser and the server check, and how a destination is shown on screen
//! (masked, so a screenshot or a shoulder does not give the number away).

use crate::account::{validate_email, UsPhone};
use crate::code_enum::code_enum;
use crate::problem::FieldError;
use serde::{Deserialize, Serialize};

/// Seconds a member has to enter a code sent at sign-in.
pub const SIGN_IN_CODE_SECS: u64 = 600;
/// Seconds a code sent to set up (or switch off) two-step verification works.
pub const SETUP_CODE_SECS: u64 = 600;
/// Seconds between two codes sent for one sign-in ("Send a new code").
pub const RESEND_GAP_SECS: u64 = 30;
/// Codes sent for one sign-in, the first included.
pub const MAX_SENDS_PER_SIGN_IN: u32 = 3;
/// Wrong codes accepted against one set-up code before a new one is needed.
pub const MAX_SETUP_CODE_ATTEMPTS: u32 = 5;

code_enum! {
    /// Where the second sign-in step's code comes from.
    TwoStepMethod {
        /// An authenticator app (TOTP, RFC 6238).
        App = "app" / "Authenticator app",
        /// A text message to the mobile phone on file.
        Sms = "sms" / "Text message",
        /// An email to the address on file.
        Email = "email" / "Email",
    }
}

impl TwoStepMethod {
    /// Whether the code is sent to the member (text or email), rather than
    /// shown by an app.
    pub fn is_sent(self) -> bool {
        !matches!(self, TwoStepMethod::App)
    }
}

/// `POST /api/v1/account/two-step/code-setup`: start two-step verification
/// by text or email. A 6-digit code goes to `destination`; entering it at
/// `POST /api/v1/account/two-step/enable` switches two-step on and makes the
/// destination the contact on file.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSetupRequest {
    /// `sms` or `email` (`app` has its own set-up).
    pub method: TwoStepMethod,
    /// The US mobile number or the email address the codes go to.
    #[serde(default)]
    pub destination: String,
    /// The current password: needed when the destination is not already
    /// the account's contact on file (it is where recovery codes go).
    #[serde(default)]
    pub password: String,
}

/// Where a code was sent, as shown to the member.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// How it was sent.
    pub method: TwoStepMethod,
    /// The destination, masked: `(•••) •••-0142` or `m•••@example.com`.
    pub sent_to: String,
    /// Seconds the code works for.
    pub expires_in_secs: u64,
}

/// A destination that passed the rules, in its stored form (E.164 phone,
/// email with its domain case-folded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// Text or email.
    pub method: TwoStepMethod,
    /// The stored form.
    pub value: String,
}

/// Checks a set-up request's destination for its method.
pub fn validate_destination(method: TwoStepMethod, input: &str) -> Result<Destination, FieldError> {
    let value = match method {
        TwoStepMethod::App => {
            return Err(FieldError::new(
                "method.invalid",
                "Choose text message or email (the authenticator app has its own set-up).",
            ))
        }
        TwoStepMethod::Sms if input.trim().is_empty() => {
            return Err(FieldError::new(
                "destination.required",
                "Enter the mobile phone number the codes should go to.",
            ))
        }
        TwoStepMethod::Email if input.trim().is_empty() => {
            return Err(FieldError::new(
                "destination.required",
                "Enter the email address the codes should go to.",
            ))
        }
        TwoStepMethod::Sms => UsPhone::parse(input)
            .map(|p| p.e164())
            .map_err(|e| FieldError::new(e.code.replace("phone.", "destination."), e.message))?,
        TwoStepMethod::Email => validate_email(input)
            .map_err(|e| FieldError::new(e.code.replace("email.", "destination."), e.message))?
            .unwrap_or_default(),
    };
    Ok(Destination { method, value })
}

/// The mask character.
const DOT: char = '•';

/// A stored destination as shown on screen: the last four digits of a
/// phone, the first character of an email's local part and its domain.
pub fn mask_destination(method: TwoStepMethod, stored: &str) -> String {
    match method {
        TwoStepMethod::Sms => {
            let digits: String = stored.chars().filter(char::is_ascii_digit).collect();
            let last4 = digits.get(digits.len().saturating_sub(4)..).unwrap_or("");
            format!("({DOT}{DOT}{DOT}) {DOT}{DOT}{DOT}-{last4}")
        }
        TwoStepMethod::Email => match stored.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}{DOT}{DOT}{DOT}@{domain}")
            }
            None => format!("{DOT}{DOT}{DOT}"),
        },
        TwoStepMethod::App => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_checked_for_their_method() {
        let table: &[(TwoStepMethod, &str, Result<&str, &str>)] = &[
            (TwoStepMethod::Sms, "(555) 555-0142", Ok("+15555550142")),
            (TwoStepMethod::Sms, "+1 555 555 0142", Ok("+15555550142")),
            (TwoStepMethod::Sms, "", Err("destination.required")),
            (TwoStepMethod::Sms, "555-0142", Err("destination.length")),
            (
                TwoStepMethod::Sms,
                "+44 20 7946 0958",
                Err("destination.us_only"),
            ),
            (
                TwoStepMethod::Email,
                "Ana@Example.COM",
                Ok("Ana@example.com"),
            ),
            (TwoStepMethod::Email, "  ", Err("destination.required")),
            (TwoStepMethod::Email, "ana@", Err("destination.format")),
            (TwoStepMethod::App, "x", Err("method.invalid")),
        ];
        for (method, input, want) in table {
            let got = validate_destination(*method, input);
            match want {
                Ok(v) => assert_eq!(got.map(|d| d.value).as_deref(), Ok(*v), "{input}"),
                Err(code) => assert_eq!(
                    got.map(|d| d.value).map_err(|e| e.code),
                    Err(code.to_string()),
                    "{input}"
                ),
            }
        }
    }

    #[test]
    fn masks_show_only_what_identifies_the_destination_to_its_owner() {
        assert_eq!(
            mask_destination(TwoStepMethod::Sms, "+15555550142"),
            "(•••) •••-0142"
        );
        assert_eq!(
            mask_destination(TwoStepMethod::Email, "maria.lopez@example.com"),
            "m•••@example.com"
        );
        assert_eq!(mask_destination(TwoStepMethod::Email, "broken"), "•••");
        assert_eq!(mask_destination(TwoStepMethod::App, "x"), "");
    }

    #[test]
    fn methods_have_stable_codes() {
        for m in TwoStepMethod::ALL {
            assert_eq!(TwoStepMethod::parse(m.as_str()), Some(*m));
        }
        assert!(TwoStepMethod::Sms.is_sent() && TwoStepMethod::Email.is_sent());
        assert!(!TwoStepMethod::App.is_sent());
    }
}
