//! Provider registration and recovery forms: who may register online (a
//! healthcare provider; employers, facilities and brokers call technical
//! support), the identity a provider proves (provider ID, Federal Tax ID
//! number or SSN, date of birth of the person registering), and the
//! credentials under the provider preset.

use super::identity::{ProviderId, TaxId};
use crate::account::RecoveryPurpose;
use crate::code_enum::code_enum;
use crate::credentials::{normalize_username, CredentialPolicy, PolicyPreset};
use crate::problem::{push_error, FieldError, FieldErrors};
use crate::registration::{new_credential_errors, validate_date_of_birth, NewCredentialInput};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The credential preset of provider accounts, whatever the members' preset.
pub const PROVIDER_PRESET: PolicyPreset = PolicyPreset::Provider;

/// The credential policy of provider accounts.
pub fn provider_policy() -> CredentialPolicy {
    CredentialPolicy::from_preset(PROVIDER_PRESET)
}

code_enum! {
    /// Who is registering from the provider home ("Need to register?").
    Registrant {
        /// A healthcare provider (a practice's office staff): registers online.
        Provider = "provider" / "Healthcare Provider",
        /// A hospital or other facility: registered by technical support.
        Facility = "facility" / "Facility",
        /// An employer or benefit administrator: registered by technical support.
        Employer = "employer" / "Employer or benefit administrator",
        /// A broker: registered by technical support.
        Broker = "broker" / "Broker",
    }
}

impl Registrant {
    /// Whether this kind of account is set up online (only providers).
    pub fn registers_online(self) -> bool {
        self == Self::Provider
    }
}

// Written by hand: `code_enum!` writes the enum's derives.
#[allow(clippy::derivable_impls)]
impl Default for Registrant {
    fn default() -> Self {
        Self::Provider
    }
}

/// The message for the field `registrant` when someone other than a
/// provider asks to register or recover online.
pub fn call_technical_support(who: Registrant) -> FieldError {
    FieldError::new(
        "registrant.call_support",
        format!(
            "{} accounts are set up and recovered by technical support, not online: call the technical support line below.",
            match who {
                Registrant::Provider => "Provider",
                Registrant::Facility => "Facility",
                Registrant::Employer => "Employer and benefit administrator",
                Registrant::Broker => "Broker",
            }
        ),
    )
}

/// `POST /api/v1/provider/register`. The browser runs
/// [`validate_provider_registration`] on every keystroke; the server again.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderRegisterRequest {
    /// Who is registering.
    pub registrant: Registrant,
    /// Provider ID as typed (`98765432101`).
    pub provider_id: String,
    /// Federal Tax ID number (`12-3456789`) or SSN (`123-45-6789`).
    pub tax_id: String,
    /// Date of birth of the person registering, `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// The username asked for.
    pub username: String,
    /// The new password.
    pub password: String,
    /// The password again.
    pub confirm_password: String,
    /// Accepts the terms of service and the privacy notice.
    pub accept_terms: bool,
}

/// A provider's proof of identity, valid in form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProviderIdentity {
    /// Provider ID.
    pub provider_id: ProviderId,
    /// EIN or SSN.
    pub tax_id: TaxId,
    /// Date of birth of the registering individual.
    pub date_of_birth: NaiveDate,
}

/// A provider registration that passed every rule the browser can check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProviderRegistration {
    /// Who they are.
    pub identity: ProviderIdentity,
    /// Case-folded username.
    pub username: String,
    /// The password as typed.
    pub password: String,
}

/// Checks the three identity fields, adding each field's errors.
fn identity_errors(
    provider_id: &str,
    tax_id: &str,
    date_of_birth: &str,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<ProviderIdentity> {
    let id = ProviderId::parse_typed(provider_id).map_err(|es| {
        for e in es {
            push_error(errors, "provider_id", e);
        }
    });
    let tax = TaxId::parse(tax_id).map_err(|e| push_error(errors, "tax_id", e));
    let dob = validate_date_of_birth(date_of_birth, today)
        .map_err(|e| push_error(errors, "date_of_birth", e));
    match (id, tax, dob) {
        (Ok(provider_id), Ok(tax_id), Ok(date_of_birth)) => Some(ProviderIdentity {
            provider_id,
            tax_id,
            date_of_birth,
        }),
        _ => None,
    }
}

/// Validates the whole provider registration form: every rule each field
/// breaks, under the provider credential policy, or the valid registration.
/// Someone other than a provider gets only the `registrant` error.
pub fn validate_provider_registration(
    req: &ProviderRegisterRequest,
    today: NaiveDate,
) -> Result<ValidProviderRegistration, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !req.registrant.registers_online() {
        push_error(
            &mut errors,
            "registrant",
            call_technical_support(req.registrant),
        );
        return Err(errors);
    }
    let identity = identity_errors(
        &req.provider_id,
        &req.tax_id,
        &req.date_of_birth,
        today,
        &mut errors,
    );
    let policy = provider_policy();
    new_credential_errors(
        &policy,
        NewCredentialInput {
            username: &req.username,
            password: &req.password,
            confirm_password: &req.confirm_password,
            accept_terms: req.accept_terms,
        },
        &mut errors,
    );
    match identity {
        Some(identity) if errors.is_empty() => Ok(ValidProviderRegistration {
            identity,
            username: normalize_username(&req.username),
            password: req.password.clone(),
        }),
        _ => Err(errors),
    }
}

/// `POST /api/v1/provider/recovery/start`: forgot username, password, or
/// unlock, for a provider account. The second step is the members' (the
/// ticket and the code sent to the contact on file).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderRecoveryRequest {
    /// What is wanted.
    pub purpose: RecoveryPurpose,
    /// Who is asking.
    pub registrant: Registrant,
    /// Provider ID as typed.
    pub provider_id: String,
    /// EIN or SSN as typed.
    pub tax_id: String,
    /// Date of birth of the account's owner.
    pub date_of_birth: String,
}

/// Validates the provider recovery form.
pub fn validate_provider_recovery(
    req: &ProviderRecoveryRequest,
    today: NaiveDate,
) -> Result<ProviderIdentity, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !req.registrant.registers_online() {
        push_error(
            &mut errors,
            "registrant",
            call_technical_support(req.registrant),
        );
        return Err(errors);
    }
    match identity_errors(
        &req.provider_id,
        &req.tax_id,
        &req.date_of_birth,
        today,
        &mut errors,
    ) {
        Some(identity) if errors.is_empty() => Ok(identity),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    fn good() -> ProviderRegisterRequest {
        ProviderRegisterRequest {
            registrant: Registrant::Provider,
            provider_id: "98765432101".into(),
            tax_id: "41-2345678".into(),
            date_of_birth: "1975-06-30".into(),
            username: "drlee".into(),
            password: "harbor2026".into(),
            confirm_password: "harbor2026".into(),
            accept_terms: true,
        }
    }

    fn codes(req: &ProviderRegisterRequest) -> Vec<(String, String)> {
        match validate_provider_registration(req, today()) {
            Ok(_) => Vec::new(),
            Err(es) => es
                .into_iter()
                .flat_map(|(f, v)| v.into_iter().map(move |e| (f.clone(), e.code)))
                .collect(),
        }
    }

    #[test]
    fn valid_registration() {
        let v = validate_provider_registration(
            &ProviderRegisterRequest {
                username: "DrLee".into(),
                ..good()
            },
            today(),
        )
        .expect("valid");
        assert_eq!(v.username, "drlee");
        assert_eq!(v.identity.tax_id, TaxId::Ein("412345678".into()));
    }

    #[test]
    fn each_rule_fails_alone() {
        let cases: Vec<(ProviderRegisterRequest, (&str, &str))> = vec![
            (
                ProviderRegisterRequest {
                    provider_id: "987654321*01".into(),
                    ..good()
                },
                ("provider_id", "provider_id.asterisk"),
            ),
            (
                ProviderRegisterRequest {
                    provider_id: "987654321".into(),
                    ..good()
                },
                ("provider_id", "provider_id.suffix_missing"),
            ),
            (
                ProviderRegisterRequest {
                    tax_id: "412345678".into(),
                    ..good()
                },
                ("tax_id", "tax_id.dashes"),
            ),
            (
                ProviderRegisterRequest {
                    date_of_birth: "2030-01-01".into(),
                    ..good()
                },
                ("date_of_birth", "date_of_birth.future"),
            ),
            (
                ProviderRegisterRequest {
                    username: "drl".into(),
                    ..good()
                },
                ("username", "username.length"),
            ),
            (
                ProviderRegisterRequest {
                    username: "drleeharbor1".into(),
                    ..good()
                },
                ("username", "username.length"),
            ),
            (
                ProviderRegisterRequest {
                    password: "harborview".into(),
                    confirm_password: "harborview".into(),
                    ..good()
                },
                ("password", "password.digit"),
            ),
            (
                ProviderRegisterRequest {
                    password: "h4rb".into(),
                    confirm_password: "h4rb".into(),
                    ..good()
                },
                ("password", "password.length"),
            ),
            (
                ProviderRegisterRequest {
                    password: "drlee2026".into(),
                    confirm_password: "drlee2026".into(),
                    ..good()
                },
                ("password", "password.not_username"),
            ),
            (
                ProviderRegisterRequest {
                    confirm_password: "harbor2027".into(),
                    ..good()
                },
                ("confirm_password", "confirm_password.mismatch"),
            ),
            (
                ProviderRegisterRequest {
                    accept_terms: false,
                    ..good()
                },
                ("accept_terms", "terms.required"),
            ),
        ];
        for (req, (field, code)) in cases {
            assert_eq!(
                codes(&req),
                vec![(field.to_string(), code.to_string())],
                "{req:?}"
            );
        }
    }

    #[test]
    fn the_provider_preset_is_not_the_members() {
        // All lowercase with one digit: a provider password, not a member's
        // (the member preset needs three kinds of character).
        let member = CredentialPolicy::from_preset(PolicyPreset::Member);
        assert!(!member.validate_password("harbor2026", "drlee").is_empty());
        assert!(provider_policy()
            .validate_password("harbor2026", "drlee")
            .is_empty());
    }

    #[test]
    fn others_are_sent_to_technical_support() {
        for who in [
            Registrant::Facility,
            Registrant::Employer,
            Registrant::Broker,
        ] {
            let req = ProviderRegisterRequest {
                registrant: who,
                ..good()
            };
            assert_eq!(
                codes(&req),
                vec![("registrant".into(), "registrant.call_support".into())]
            );
            let rec = ProviderRecoveryRequest {
                registrant: who,
                ..Default::default()
            };
            assert!(validate_provider_recovery(&rec, today()).is_err());
        }
    }

    #[test]
    fn recovery_needs_all_three() {
        let rec = ProviderRecoveryRequest {
            purpose: RecoveryPurpose::Password,
            registrant: Registrant::Provider,
            provider_id: "98765432101".into(),
            tax_id: "123-45-6789".into(),
            date_of_birth: "1975-06-30".into(),
        };
        assert!(validate_provider_recovery(&rec, today()).is_ok());
        let errs = validate_provider_recovery(
            &ProviderRecoveryRequest {
                tax_id: String::new(),
                date_of_birth: String::new(),
                ..rec
            },
            today(),
        )
        .expect_err("missing");
        assert!(errs.contains_key("tax_id") && errs.contains_key("date_of_birth"));
    }
}
