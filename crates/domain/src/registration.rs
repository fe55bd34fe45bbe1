//! The registration form and its validation, field by field. The browser runs
//! [`validate`] on every keystroke (nothing is sent while it returns errors);
//! the server runs it again on the body it receives.

use crate::credentials::{normalize_username, CredentialPolicy};
use crate::member_id::MemberId;
use crate::problem::{push_error, FieldError, FieldErrors};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the member proves who they are.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationMethod {
    /// Member ID + date of birth + last four of SSN.
    #[default]
    Identity,
    /// A single-use activation code mailed to the member.
    ActivationCode,
}

/// The registration request body (`POST /api/v1/auth/register`). Fields not
/// used by the chosen method may be empty.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterRequest {
    /// Which identity proof follows.
    pub method: RegistrationMethod,
    /// Typed member ID (`12345678901`), identity method.
    pub member_id: String,
    /// `YYYY-MM-DD`, identity method.
    pub date_of_birth: String,
    /// Four digits, identity method.
    pub ssn_last4: String,
    /// `XXXX-XXXX-XXXX`, activation-code method.
    pub activation_code: String,
    /// The username asked for.
    pub username: String,
    /// The new password.
    pub password: String,
    /// The password again.
    pub confirm_password: String,
    /// The member accepts the terms of service ([`TERMS_VERSION`]) and the
    /// privacy notice ([`PRIVACY_VERSION`]); recorded with the date.
    pub accept_terms: bool,
}

/// The version of the terms of service a new account accepts.
pub const TERMS_VERSION: &str = "2026-01-01";
/// The version of the privacy notice a new account accepts.
pub const PRIVACY_VERSION: &str = "2026-01-01";

/// A single-use activation code: 12 letters and digits, shown in groups of four.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActivationCode(String);

impl ActivationCode {
    /// Letters and digits in a code.
    pub const LEN: usize = 12;

    /// Parses a typed code: dashes and spaces ignored, letters case-insensitive.
    pub fn parse(input: &str) -> Option<Self> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        (compact.chars().count() == Self::LEN && compact.chars().all(|c| c.is_ascii_alphanumeric()))
            .then_some(Self(compact))
    }

    /// The canonical compact form, as stored (`ABCD2345WXYZ`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActivationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }
}

/// The identity proof of a valid request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityProof {
    /// Member ID, date of birth and last four of SSN.
    Member {
        /// The member ID.
        member_id: MemberId,
        /// Date of birth.
        date_of_birth: NaiveDate,
        /// Last four digits of the SSN.
        ssn_last4: String,
    },
    /// An activation code.
    Code(ActivationCode),
}

/// A registration that passed every rule the browser can check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRegistration {
    /// Who the member says they are.
    pub identity: IdentityProof,
    /// The case-folded username.
    pub username: String,
    /// The password, as typed.
    pub password: String,
}

/// Earliest date of birth accepted.
pub fn earliest_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Validates a date of birth typed as `YYYY-MM-DD` against `today`.
pub fn validate_date_of_birth(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FieldError::new(
            "date_of_birth.required",
            "Enter your date of birth.",
        ));
    }
    let date = crate::dates::parse_iso(input).ok_or_else(|| {
        FieldError::new(
            "date_of_birth.format",
            "Enter a real date as YYYY-MM-DD, for example 1984-03-14.",
        )
    })?;
    if date > today {
        return Err(FieldError::new(
            "date_of_birth.future",
            "Your date of birth can't be in the future.",
        ));
    }
    if date < earliest_birth_date() {
        return Err(FieldError::new(
            "date_of_birth.too_early",
            "Enter a date of birth after 1900.",
        ));
    }
    Ok(date)
}

/// Validates the last four digits of an SSN.
pub fn validate_ssn_last4(input: &str) -> Result<String, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FieldError::new(
            "ssn_last4.required",
            "Enter the last 4 digits of your Social Security number.",
        ));
    }
    if input.len() != 4 || !input.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            "ssn_last4.format",
            "Enter exactly 4 digits.",
        ));
    }
    Ok(input.to_string())
}

/// Validates the username field alone (all rules it breaks).
pub fn username_errors(policy: &CredentialPolicy, username: &str) -> Vec<FieldError> {
    policy
        .validate_username(username)
        .into_iter()
        .map(|r| FieldError::new(r.code(), policy.message(r)))
        .collect()
}

/// Validates the password field alone (all client-checkable rules it breaks).
pub fn password_errors(
    policy: &CredentialPolicy,
    password: &str,
    username: &str,
) -> Vec<FieldError> {
    policy
        .validate_password(password, username)
        .into_iter()
        .map(|r| FieldError::new(r.code(), policy.message(r)))
        .collect()
}

/// The credentials of a new account, as typed.
#[derive(Clone, Copy, Debug)]
pub struct NewCredentialInput<'a> {
    /// The username asked for.
    pub username: &'a str,
    /// The new password.
    pub password: &'a str,
    /// The password again.
    pub confirm_password: &'a str,
    /// The terms of service and privacy notice accepted.
    pub accept_terms: bool,
}

/// Every rule the credentials of a new account break (member registration,
/// provider registration, the legacy first sign-in), under the fields
/// `username`, `password`, `confirm_password` and `accept_terms`.
pub fn new_credential_errors(
    policy: &CredentialPolicy,
    input: NewCredentialInput<'_>,
    errors: &mut FieldErrors,
) {
    for e in username_errors(policy, input.username) {
        push_error(errors, "username", e);
    }
    for e in password_errors(policy, input.password, input.username) {
        push_error(errors, "password", e);
    }
    if input.confirm_password.is_empty() {
        push_error(
            errors,
            "confirm_password",
            FieldError::new("confirm_password.required", "Type your password again."),
        );
    } else if input.confirm_password != input.password {
        push_error(
            errors,
            "confirm_password",
            FieldError::new(
                "confirm_password.mismatch",
                "The two passwords don't match.",
            ),
        );
    }
    if !input.accept_terms {
        push_error(
            errors,
            "accept_terms",
            FieldError::new(
                "terms.required",
                "Accept the terms of service and the privacy notice to create an account.",
            ),
        );
    }
}

/// Validates the whole form: every broken rule of every field, or the valid
/// registration.
pub fn validate(
    policy: &CredentialPolicy,
    req: &RegisterRequest,
    today: NaiveDate,
) -> Result<ValidRegistration, FieldErrors> {
    let mut errors = FieldErrors::new();
    let identity = match req.method {
        RegistrationMethod::Identity => {
            let member_id = MemberId::parse_typed(&req.member_id).map_err(|es| {
                for e in es {
                    push_error(
                        &mut errors,
                        "member_id",
                        FieldError::new(e.code(), e.message()),
                    );
                }
            });
            let dob = validate_date_of_birth(&req.date_of_birth, today)
                .map_err(|e| push_error(&mut errors, "date_of_birth", e));
            let ssn = validate_ssn_last4(&req.ssn_last4)
                .map_err(|e| push_error(&mut errors, "ssn_last4", e));
            match (member_id, dob, ssn) {
                (Ok(member_id), Ok(date_of_birth), Ok(ssn_last4)) => Some(IdentityProof::Member {
                    member_id,
                    date_of_birth,
                    ssn_last4,
                }),
                _ => None,
            }
        }
        RegistrationMethod::ActivationCode => {
            if req.activation_code.trim().is_empty() {
                push_error(
                    &mut errors,
                    "activation_code",
                    FieldError::new(
                        "activation_code.required",
                        "Enter the activation code from your letter.",
                    ),
                );
                None
            } else if let Some(code) = ActivationCode::parse(&req.activation_code) {
                Some(IdentityProof::Code(code))
            } else {
                push_error(
                    &mut errors,
                    "activation_code",
                    FieldError::new(
                        "activation_code.format",
                        "An activation code has 12 letters and digits, like ABCD-2345-WXYZ.",
                    ),
                );
                None
            }
        }
    };
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
    match identity {
        Some(identity) if errors.is_empty() => Ok(ValidRegistration {
            identity,
            username: normalize_username(&req.username),
            password: req.password.clone(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    fn good() -> RegisterRequest {
        RegisterRequest {
            method: RegistrationMethod::Identity,
            member_id: "10020030002".into(),
            date_of_birth: "1986-07-22".into(),
            ssn_last4: "3390".into(),
            username: "Jordan86".into(),
            password: "Sunny.Day7".into(),
            confirm_password: "Sunny.Day7".into(),
            accept_terms: true,
            ..Default::default()
        }
    }

    #[test]
    fn the_terms_must_be_accepted() {
        let cases = [(true, vec![]), (false, vec!["terms.required".to_string()])];
        for (accept, want) in cases {
            let r = RegisterRequest {
                accept_terms: accept,
                ..good()
            };
            assert_eq!(
                codes(
                    &validate(&CredentialPolicy::default(), &r, today()),
                    "accept_terms"
                ),
                want
            );
        }
    }

    fn codes(r: &Result<ValidRegistration, FieldErrors>, field: &str) -> Vec<String> {
        match r {
            Ok(_) => vec![],
            Err(e) => e
                .get(field)
                .map(|v| v.iter().map(|f| f.code.clone()).collect())
                .unwrap_or_default(),
        }
    }

    #[test]
    fn valid_request_normalizes_username() {
        let v = validate(&CredentialPolicy::default(), &good(), today()).expect("valid");
        assert_eq!(v.username, "jordan86");
        assert!(matches!(v.identity, IdentityProof::Member { .. }));
    }

    #[test]
    fn field_table() {
        let p = CredentialPolicy::default();
        type Edit = fn(&mut RegisterRequest);
        let cases: &[(&str, Edit, &str, &[&str])] = &[
            (
                "asterisk",
                |r| r.member_id = "100200300*02".into(),
                "member_id",
                &["member_id.asterisk"],
            ),
            (
                "no suffix",
                |r| r.member_id = "100200300".into(),
                "member_id",
                &["member_id.suffix_missing"],
            ),
            (
                "dob empty",
                |r| r.date_of_birth = "".into(),
                "date_of_birth",
                &["date_of_birth.required"],
            ),
            (
                "dob bad",
                |r| r.date_of_birth = "1986-02-30".into(),
                "date_of_birth",
                &["date_of_birth.format"],
            ),
            (
                "dob future",
                |r| r.date_of_birth = "2027-01-01".into(),
                "date_of_birth",
                &["date_of_birth.future"],
            ),
            (
                "dob old",
                |r| r.date_of_birth = "1899-12-31".into(),
                "date_of_birth",
                &["date_of_birth.too_early"],
            ),
            (
                "ssn short",
                |r| r.ssn_last4 = "123".into(),
                "ssn_last4",
                &["ssn_last4.format"],
            ),
            (
                "ssn alpha",
                |r| r.ssn_last4 = "12a4".into(),
                "ssn_last4",
                &["ssn_last4.format"],
            ),
            (
                "user short",
                |r| r.username = "abcd".into(),
                "username",
                &["username.length"],
            ),
            (
                "pw short",
                |r| {
                    r.password = "Ab.1".into();
                    r.confirm_password = "Ab.1".into();
                },
                "password",
                &["password.length"],
            ),
            (
                "mismatch",
                |r| r.confirm_password = "Sunny.Day8".into(),
                "confirm_password",
                &["confirm_password.mismatch"],
            ),
            (
                "confirm empty",
                |r| r.confirm_password = "".into(),
                "confirm_password",
                &["confirm_password.required"],
            ),
            (
                "code empty",
                |r| r.method = RegistrationMethod::ActivationCode,
                "activation_code",
                &["activation_code.required"],
            ),
            (
                "code bad",
                |r| {
                    r.method = RegistrationMethod::ActivationCode;
                    r.activation_code = "ABC".into();
                },
                "activation_code",
                &["activation_code.format"],
            ),
        ];
        for (name, edit, field, want) in cases {
            let mut r = good();
            edit(&mut r);
            let got = validate(&p, &r, today());
            assert_eq!(
                codes(&got, field),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{name}"
            );
        }
    }

    #[test]
    fn reports_every_field_at_once() {
        let r = RegisterRequest::default();
        let e = validate(&CredentialPolicy::default(), &r, today()).expect_err("invalid");
        for f in [
            "member_id",
            "date_of_birth",
            "ssn_last4",
            "username",
            "password",
            "confirm_password",
        ] {
            assert!(e.contains_key(f), "{f}");
        }
    }

    #[test]
    fn activation_code_forms() {
        let c = ActivationCode::parse("abcd-2345 wxyz").expect("valid");
        assert_eq!(c.as_str(), "ABCD2345WXYZ");
        assert_eq!(c.to_string(), "ABCD-2345-WXYZ");
        assert!(ActivationCode::parse("ABCD-2345-WXY").is_none());
        assert!(ActivationCode::parse("ABCD-2345-WXY!").is_none());
    }

    proptest! {
        #[test]
        fn validate_never_panics(a in "\\PC*", b in "\\PC*", c in "\\PC*", d in "\\PC*") {
            let r = RegisterRequest { member_id: a.clone(), date_of_birth: b, ssn_last4: c, activation_code: a, username: d.clone(), password: d.clone(), confirm_password: d, ..Default::default() };
            let _ = validate(&CredentialPolicy::default(), &r, today());
        }
    }
}
