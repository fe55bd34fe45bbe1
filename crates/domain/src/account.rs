//! Account security: two-step verification, self-service recovery, account
//! settings, sign-in history and sessions. The JSON bodies of those endpoints
//! and the rules both the browser and the server apply to them (identity
//! check, contact email and US phone, one-time codes, recovery codes, the
//! idle-warning lead time).

use crate::member_id::MemberId;
use crate::problem::{push_error, FieldError, FieldErrors};
use crate::registration::validate_date_of_birth;
use crate::two_step_code::TwoStepMethod;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Digits in a one-time code.
pub const TOTP_DIGITS: usize = 6;
/// Seconds a one-time code is valid for (RFC 6238 time step).
pub const TOTP_STEP_SECS: u64 = 30;
/// How many recovery codes a member gets at once.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Characters of a recovery code (without its dashes).
pub const RECOVERY_CODE_LEN: usize = 16;
/// The alphabet of recovery codes: no 0/O, 1/I/L, so they can be read aloud and typed.
pub const RECOVERY_CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// How far back the sign-in history goes, in days.
pub const HISTORY_DAYS: i64 = 90;
/// The idle warning comes this long before the timeout (or half the timeout when that is shorter).
pub const IDLE_WARNING_SECS: u64 = 300;

/// Seconds before the idle timeout at which the app warns: five minutes, or
/// half the timeout when the timeout is shorter than ten minutes.
pub fn idle_warning_lead(idle_timeout_secs: u64) -> u64 {
    IDLE_WARNING_SECS.min(idle_timeout_secs / 2)
}

/// Answer of `POST /api/v1/auth/login` (202) when the password was right and
/// the account has two-step verification on: send a code to
/// `POST /api/v1/auth/login/two-step` next.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepChallenge {
    /// Always true.
    pub two_step_required: bool,
    /// Seconds left to send the code.
    pub expires_in_secs: u64,
    /// Where the code comes from: the app, or a text or email just sent.
    #[serde(default = "app_method")]
    pub method: TwoStepMethod,
    /// For a sent code, where it went (masked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to: Option<String>,
}

fn app_method() -> TwoStepMethod {
    TwoStepMethod::App
}

/// `POST /api/v1/auth/login/two-step`: a code from the authenticator app, or
/// one of the recovery codes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TwoStepLoginRequest {
    /// Six-digit code (spaces ignored).
    pub code: String,
    /// A recovery code instead (dashes and case ignored).
    pub recovery_code: String,
}

/// `GET /api/v1/account/two-step`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    /// Whether sign-in asks for a code.
    pub enabled: bool,
    /// Unused recovery codes left.
    pub recovery_codes_left: u32,
    /// How codes come when it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<TwoStepMethod>,
    /// For codes by text or email, where they go (masked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_to: Option<String>,
}

/// `POST /api/v1/account/two-step/setup`: a new secret to enrol, not yet in force.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepSetup {
    /// The secret in base32, for typing into the authenticator app.
    pub secret: String,
    /// The `otpauth://` URI the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG image in a `data:` URI (for an `<img>`).
    pub qr_svg_data_uri: String,
}

/// `POST /api/v1/account/two-step/enable`: the first code, proving the app is set up.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnableTwoStepRequest {
    /// Six-digit code.
    pub code: String,
}

/// Recovery codes, shown once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    /// Ten single-use codes (`ABCD-EFGH-JKMN-PQRS`).
    pub codes: Vec<String>,
}

/// `POST /api/v1/account/two-step/disable`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisableTwoStepRequest {
    /// Current password.
    pub password: String,
    /// A current six-digit code: from the app, or (codes by text or email)
    /// the one `POST /api/v1/account/two-step/send-code` sent.
    pub code: String,
}

/// `POST /api/v1/account/two-step/recovery-codes`: new codes (the old ones stop working).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegenerateCodesRequest {
    /// Current password.
    pub password: String,
}

/// The identity check of the recovery endpoints (no session): the details on
/// the member's ID card. It only decides whether a message is sent to the
/// contact on file; it never proves who is asking on its own.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentityCheck {
    /// Member ID as typed (`12345678901`: without the asterisk, with the suffix).
    pub member_id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
}

/// What a recovery is for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryPurpose {
    /// Send the username to the contact on file.
    #[default]
    Username,
    /// Send a code that lets the member choose a new password.
    Password,
    /// Send a code that ends a sign-in lockout early.
    Unlock,
}

impl RecoveryPurpose {
    /// Stable name (as in JSON and the database).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Username => "username",
            Self::Password => "password",
            Self::Unlock => "unlock",
        }
    }

    /// Parses [`Self::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Username, Self::Password, Self::Unlock]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// `POST /api/v1/recovery/start`: the first step of every recovery.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecoveryStartRequest {
    /// What the member wants to do.
    pub purpose: RecoveryPurpose,
    /// Who the member says they are.
    #[serde(flatten)]
    pub identity: IdentityCheck,
}

/// `POST /api/v1/recovery/start` answer (202), the same whether or not the
/// details matched an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryStarted {
    /// What happens next, in plain words (neutral).
    pub message: String,
    /// For `password` and `unlock`: send this back with the code (absent for `username`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Minutes a sent code works for.
    pub code_minutes: u32,
    /// Member Services' phone number, for members with no contact on file.
    pub member_services_phone: String,
    /// When Member Services answers.
    pub member_services_hours: String,
}

/// `POST /api/v1/recovery/password`: the second step, with the code sent to
/// the contact on file and the new password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForgotPasswordRequest {
    /// The ticket from `recovery/start`.
    pub ticket: String,
    /// The code sent to the email or phone on file.
    pub code: String,
    /// Where two-step verification is on: a code from the authenticator app…
    pub two_step_code: String,
    /// …or one of the recovery codes.
    pub recovery_code: String,
    /// The new password.
    pub new_password: String,
    /// The new password again.
    pub confirm_password: String,
}

/// `POST /api/v1/recovery/unlock`: the second step, with the code sent to
/// the contact on file.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnlockRequest {
    /// The ticket from `recovery/start`.
    pub ticket: String,
    /// The code sent to the email or phone on file.
    pub code: String,
}

/// A recovery step done (`recovery/password`, `recovery/unlock`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryDone {
    /// What happened, in plain words.
    pub message: String,
}

/// Digits in a code sent by email or text message.
pub const SENT_CODE_DIGITS: usize = 6;

/// A code sent by email or text, as typed: six digits, spaces and dashes ignored.
pub fn normalize_sent_code(input: &str) -> Result<String, FieldError> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if compact.is_empty() {
        Err(FieldError::new(
            "code.required",
            "Enter the 6-digit code we sent to your email or phone.",
        ))
    } else if compact.len() != SENT_CODE_DIGITS || !compact.chars().all(|c| c.is_ascii_digit()) {
        Err(FieldError::new(
            "code.format",
            "The code is 6 digits, like 123456.",
        ))
    } else {
        Ok(compact)
    }
}

/// An identity check that passed the format rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidIdentity {
    /// Member ID.
    pub member_id: MemberId,
    /// First name, as typed (trimmed).
    pub first_name: String,
    /// Last name, as typed (trimmed).
    pub last_name: String,
    /// Date of birth.
    pub date_of_birth: NaiveDate,
}

/// Longest name accepted in an identity check.
pub const MAX_NAME_CHARS: usize = 60;

/// Names compare trimmed, case-insensitively, with inner runs of spaces as one.
pub fn names_match(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    fold(a) == fold(b)
}

fn name_error(field: &str, value: &str) -> Option<FieldError> {
    let v = value.trim();
    let what = if field == "first_name" {
        "first"
    } else {
        "last"
    };
    if v.is_empty() {
        Some(FieldError::new(
            format!("{field}.required"),
            format!("Enter your {what} name as it is on your ID card."),
        ))
    } else if v.chars().count() > MAX_NAME_CHARS {
        Some(FieldError::new(
            format!("{field}.too_long"),
            format!("Use at most {MAX_NAME_CHARS} characters."),
        ))
    } else {
        None
    }
}

/// Checks the format of the identity fields; every problem, by field.
pub fn validate_identity(
    check: &IdentityCheck,
    today: NaiveDate,
) -> Result<ValidIdentity, FieldErrors> {
    let mut errors = FieldErrors::new();
    let member_id = MemberId::parse_typed(&check.member_id).map_err(|es| {
        for e in es {
            push_error(
                &mut errors,
                "member_id",
                FieldError::new(e.code(), e.message()),
            );
        }
    });
    for (field, value) in [
        ("first_name", &check.first_name),
        ("last_name", &check.last_name),
    ] {
        if let Some(e) = name_error(field, value) {
            push_error(&mut errors, field, e);
        }
    }
    let dob = validate_date_of_birth(&check.date_of_birth, today)
        .map_err(|e| push_error(&mut errors, "date_of_birth", e));
    match (member_id, dob) {
        (Ok(member_id), Ok(date_of_birth)) if errors.is_empty() => Ok(ValidIdentity {
            member_id,
            first_name: check.first_name.trim().to_string(),
            last_name: check.last_name.trim().to_string(),
            date_of_birth,
        }),
        _ => Err(errors),
    }
}

/// A one-time code as typed: six digits, spaces ignored.
pub fn normalize_totp_code(input: &str) -> Result<String, FieldError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        Err(FieldError::new(
            "code.required",
            "Enter the 6-digit code from your authenticator app.",
        ))
    } else if compact.len() != TOTP_DIGITS || !compact.chars().all(|c| c.is_ascii_digit()) {
        Err(FieldError::new(
            "code.format",
            "The code is 6 digits, like 123456.",
        ))
    } else {
        Ok(compact)
    }
}

/// A recovery code as typed: dashes, spaces and case ignored; 16 characters
/// of [`RECOVERY_CODE_ALPHABET`].
pub fn normalize_recovery_code(input: &str) -> Result<String, FieldError> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.is_empty() {
        Err(FieldError::new(
            "recovery_code.required",
            "Enter one of your recovery codes.",
        ))
    } else if compact.len() != RECOVERY_CODE_LEN
        || !compact.bytes().all(|b| RECOVERY_CODE_ALPHABET.contains(&b))
    {
        Err(FieldError::new(
            "recovery_code.format",
            "A recovery code has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS.",
        ))
    } else {
        Ok(compact)
    }
}

/// Writes a compact recovery code in groups of four: `ABCD-EFGH-JKMN-PQRS`.
pub fn format_recovery_code(compact: &str) -> String {
    compact
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// `GET /api/v1/account`: the settings page's data.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    /// The (case-folded) username.
    pub username: String,
    /// Contact email, if given.
    pub email: Option<String>,
    /// Contact phone, `(555) 555-0142`, if given.
    pub phone: Option<String>,
    /// Two-step verification.
    pub two_step: TwoStepStatus,
    /// Seconds of inactivity after which a session ends.
    pub idle_timeout_secs: u64,
}

/// `PUT /api/v1/account/username`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangeUsernameRequest {
    /// The new username.
    pub username: String,
    /// The current password (confirms the change; it must not contain the new username).
    pub password: String,
}

/// `PUT /api/v1/account/password`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangePasswordRequest {
    /// The password in use now.
    pub current_password: String,
    /// The new password.
    pub new_password: String,
    /// The new password again.
    pub confirm_password: String,
}

/// `PUT /api/v1/account/contact` (empty strings remove a value).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactRequest {
    /// Email address.
    pub email: String,
    /// US phone number, any common format.
    pub phone: String,
    /// The current password: required when the email or phone changes
    /// (so a session left open cannot redirect recovery messages).
    pub password: String,
}

/// Checks the confirmation of a new password.
pub fn confirm_errors(new_password: &str, confirm: &str) -> Option<FieldError> {
    if confirm.is_empty() {
        Some(FieldError::new(
            "confirm_password.required",
            "Type your new password again.",
        ))
    } else if confirm != new_password {
        Some(FieldError::new(
            "confirm_password.mismatch",
            "The two passwords don't match.",
        ))
    } else {
        None
    }
}

/// Longest email address (RFC 5321 path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Validates a contact email (trimmed; the domain is case-folded). An empty
/// value is `Ok(None)`: no email.
pub fn validate_email(input: &str) -> Result<Option<String>, FieldError> {
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Err(FieldError::new(
            "email.format",
            "Enter an email address like name@example.com.",
        ))
    };
    if v.chars().count() > MAX_EMAIL_CHARS {
        return Err(FieldError::new(
            "email.too_long",
            format!("Use at most {MAX_EMAIL_CHARS} characters."),
        ));
    }
    let Some((local, domain)) = v.split_once('@') else {
        return bad();
    };
    const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if local_ok && domain_ok {
        Ok(Some(format!("{local}@{}", domain.to_ascii_lowercase())))
    } else {
        bad()
    }
}

/// A US (NANP) phone number: ten digits, area code and exchange not starting
/// with 0 or 1, area code not an N11 service code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsPhone(String);

impl UsPhone {
    /// Parses `555-555-0142`, `(555) 555-0142`, `+1 555 555 0142`, `5555550142`, ...
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let v = input.trim();
        let allowed = |c: char| c.is_ascii_digit() || " ()-.+".contains(c);
        if !v.chars().all(allowed) || v.chars().skip(1).any(|c| c == '+') {
            return Err(FieldError::new(
                "phone.format",
                "Use digits only, like (555) 555-0142.",
            ));
        }
        let mut digits: String = v.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 11 && digits.starts_with('1') {
            digits.remove(0);
        } else if v.starts_with('+') {
            return Err(FieldError::new(
                "phone.us_only",
                "Enter a US phone number (+1).",
            ));
        }
        if digits.len() != 10 {
            return Err(FieldError::new(
                "phone.length",
                "A US phone number has 10 digits, with the area code.",
            ));
        }
        let b = digits.as_bytes();
        let n11 = b[1] == b'1' && b[2] == b'1';
        if matches!(b[0], b'0' | b'1') || matches!(b[3], b'0' | b'1') || n11 {
            return Err(FieldError::new(
                "phone.invalid",
                "This is not a valid US phone number. Check the area code and number.",
            ));
        }
        Ok(Self(digits))
    }

    /// The ten digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// E.164 form, as stored: `+15555550142`.
    pub fn e164(&self) -> String {
        format!("+1{}", self.0)
    }

    /// Display form: `(555) 555-0142`.
    pub fn display(&self) -> String {
        format!("({}) {}-{}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

/// Validates a contact phone. Empty is `Ok(None)`: no phone.
pub fn validate_phone(input: &str) -> Result<Option<UsPhone>, FieldError> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        UsPhone::parse(input).map(Some)
    }
}

/// Validates the contact form: every problem by field, or the values to store.
pub fn validate_contact(
    req: &ContactRequest,
) -> Result<(Option<String>, Option<UsPhone>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = validate_email(&req.email).map_err(|e| push_error(&mut errors, "email", e));
    let phone = validate_phone(&req.phone).map_err(|e| push_error(&mut errors, "phone", e));
    match (email, phone) {
        (Ok(e), Ok(p)) => Ok((e, p)),
        _ => Err(errors),
    }
}

/// What a sign-in history entry records.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecurityEventKind {
    /// Signed in.
    SignIn,
    /// A failed sign-in (wrong password or code).
    SignInFailed,
    /// Locked after repeated failures.
    Locked,
    /// Signed out.
    SignOut,
    /// Account created.
    Registered,
    /// Lockout ended early by the member.
    Unlocked,
    /// Password changed (settings or recovery).
    PasswordChanged,
    /// Username changed.
    UsernameChanged,
    /// Contact details changed.
    ContactChanged,
    /// Two-step verification switched on.
    TwoStepOn,
    /// Two-step verification switched off.
    TwoStepOff,
    /// New recovery codes made.
    RecoveryCodesRegenerated,
    /// A recovery code used to sign in.
    RecoveryCodeUsed,
    /// The username was sent to the contact on file (identity check matched).
    UsernameRecovered,
    /// A recovery code was sent to the contact on file (identity check matched).
    RecoveryRequested,
    /// A recovery identity check that failed.
    RecoveryFailed,
    /// A session ended by the member from another one.
    SessionRevoked,
    /// Other sessions (or all) ended by the member.
    SignedOutEverywhere,
    /// A member services account opened a member's message thread (the
    /// thread's reference is recorded with it).
    SupportThreadViewed,
    /// A provider account looked up a patient's eligibility (the detail
    /// records the lookup's reference and the member row, or "no match").
    ProviderEligibilityChecked,
    /// A provider account searched the claims it billed (the detail
    /// records how many claims were shown).
    ProviderClaimsViewed,
    /// A provider account opened or downloaded its remittances.
    ProviderRemittancesViewed,
    /// The member let an app read their plan data (the detail names the
    /// app's client id and the scopes).
    AppConnected,
    /// An app was disconnected (by the member, or by the portal after a
    /// reused code or refresh token).
    AppDisconnected,
    /// A connected app read data through the Patient Access API (the
    /// detail names the app, the resource type and how many were sent).
    AppDataRead,
}

impl SecurityEventKind {
    /// Every kind.
    pub const ALL: [Self; 25] = [
        Self::SignIn,
        Self::SignInFailed,
        Self::Locked,
        Self::SignOut,
        Self::Registered,
        Self::Unlocked,
        Self::PasswordChanged,
        Self::UsernameChanged,
        Self::ContactChanged,
        Self::TwoStepOn,
        Self::TwoStepOff,
        Self::RecoveryCodesRegenerated,
        Self::RecoveryCodeUsed,
        Self::UsernameRecovered,
        Self::RecoveryRequested,
        Self::RecoveryFailed,
        Self::SessionRevoked,
        Self::SignedOutEverywhere,
        Self::SupportThreadViewed,
        Self::ProviderEligibilityChecked,
        Self::ProviderClaimsViewed,
        Self::ProviderRemittancesViewed,
        Self::AppConnected,
        Self::AppDisconnected,
        Self::AppDataRead,
    ];

    /// Stable name, as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::Locked => "locked",
            Self::SignOut => "sign_out",
            Self::Registered => "registered",
            Self::Unlocked => "unlocked",
            Self::PasswordChanged => "password_changed",
            Self::UsernameChanged => "username_changed",
            Self::ContactChanged => "contact_changed",
            Self::TwoStepOn => "two_step_on",
            Self::TwoStepOff => "two_step_off",
            Self::RecoveryCodesRegenerated => "recovery_codes_regenerated",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::UsernameRecovered => "username_recovered",
            Self::RecoveryRequested => "recovery_requested",
            Self::RecoveryFailed => "recovery_failed",
            Self::SessionRevoked => "session_revoked",
            Self::SignedOutEverywhere => "signed_out_everywhere",
            Self::SupportThreadViewed => "support_thread_viewed",
            Self::ProviderEligibilityChecked => "provider_eligibility_checked",
            Self::ProviderClaimsViewed => "provider_claims_viewed",
            Self::ProviderRemittancesViewed => "provider_remittances_viewed",
            Self::AppConnected => "app_connected",
            Self::AppDisconnected => "app_disconnected",
            Self::AppDataRead => "app_data_read",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Plain label for the history list.
    pub fn label(self) -> &'static str {
        match self {
            Self::SignIn => "Signed in",
            Self::SignInFailed => "Failed sign-in",
            Self::Locked => "Account locked",
            Self::SignOut => "Signed out",
            Self::Registered => "Account created",
            Self::Unlocked => "Account unlocked",
            Self::PasswordChanged => "Password changed",
            Self::UsernameChanged => "Username changed",
            Self::ContactChanged => "Contact details changed",
            Self::TwoStepOn => "Two-step verification turned on",
            Self::TwoStepOff => "Two-step verification turned off",
            Self::RecoveryCodesRegenerated => "New recovery codes made",
            Self::RecoveryCodeUsed => "Recovery code used",
            Self::UsernameRecovered => "Username sent to you",
            Self::RecoveryRequested => "Recovery code sent",
            Self::RecoveryFailed => "Failed identity check or code",
            Self::SessionRevoked => "Session signed out",
            Self::SignedOutEverywhere => "Signed out everywhere",
            Self::SupportThreadViewed => "Member's message opened by staff",
            Self::ProviderEligibilityChecked => "Patient eligibility checked",
            Self::ProviderClaimsViewed => "Claim status viewed",
            Self::ProviderRemittancesViewed => "Remittances viewed",
            Self::AppConnected => "App connected to your plan data",
            Self::AppDisconnected => "App disconnected",
            Self::AppDataRead => "Connected app read your data",
        }
    }
}

/// One entry of `GET /api/v1/account/history`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityEvent {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What happened.
    pub kind: SecurityEventKind,
    /// Browser and operating system, e.g. "Chrome 126 on Windows 10".
    pub client: String,
    /// Client address, when known.
    pub address: Option<String>,
    /// Whether a second step (code or recovery code) was used.
    pub two_step: bool,
    /// Why this entry looks unusual, if it does.
    pub unusual: Option<String>,
}

/// One entry of `GET /api/v1/account/sessions`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Opaque id, for revoking.
    pub id: String,
    /// Browser and operating system.
    pub client: String,
    /// First use (RFC 3339, UTC).
    pub created_at: String,
    /// Last use (RFC 3339, UTC).
    pub last_seen_at: String,
    /// This is the session making the request.
    pub current: bool,
}

/// `POST /api/v1/account/sessions/revoke-all`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignOutEverywhereRequest {
    /// Also end this session.
    pub include_current: bool,
}

/// `GET /api/v1/session` and `POST /api/v1/session/keep-alive`: how long the
/// session has left.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStatus {
    /// Seconds until the session ends for inactivity (or its absolute end, if sooner).
    pub remaining_secs: u64,
    /// The idle timeout in force.
    pub idle_timeout_secs: u64,
    /// Show the idle warning this many seconds before the end.
    pub warn_before_secs: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
    }

    #[test]
    fn warning_lead() {
        assert_eq!(idle_warning_lead(1800), 300);
        assert_eq!(idle_warning_lead(600), 300);
        assert_eq!(idle_warning_lead(60), 30);
        assert_eq!(idle_warning_lead(0), 0);
    }

    #[test]
    fn identity_table() {
        let ok = IdentityCheck {
            member_id: "10020030001".into(),
            first_name: " Alex ".into(),
            last_name: "Morgan".into(),
            date_of_birth: "1984-03-14".into(),
        };
        let v = validate_identity(&ok, today()).expect("valid");
        assert_eq!(v.first_name, "Alex");

        let star = IdentityCheck {
            member_id: "100200300*01".into(),
            ..ok.clone()
        };
        let e = validate_identity(&star, today()).expect_err("asterisk");
        assert_eq!(e["member_id"][0].code, "member_id.asterisk");

        let empty = IdentityCheck::default();
        let e = validate_identity(&empty, today()).expect_err("empty");
        for f in ["member_id", "first_name", "last_name", "date_of_birth"] {
            assert!(e.contains_key(f), "{f}");
        }
    }

    #[test]
    fn sent_codes_and_purposes() {
        assert_eq!(normalize_sent_code(" 123-456 ").as_deref(), Ok("123456"));
        for bad in ["12345", "1234567", "12a456"] {
            assert_eq!(
                normalize_sent_code(bad).map_err(|e| e.code),
                Err("code.format".into())
            );
        }
        assert_eq!(
            normalize_sent_code("").map_err(|e| e.code),
            Err("code.required".into())
        );
        for p in [
            RecoveryPurpose::Username,
            RecoveryPurpose::Password,
            RecoveryPurpose::Unlock,
        ] {
            assert_eq!(RecoveryPurpose::parse(p.as_str()), Some(p));
        }
        let body: RecoveryStartRequest = serde_json::from_str(
            r#"{"purpose":"unlock","member_id":"1","first_name":"A","last_name":"B","date_of_birth":"x"}"#,
        )
        .expect("json");
        assert_eq!(body.purpose, RecoveryPurpose::Unlock);
        assert_eq!(body.identity.first_name, "A");
    }

    #[test]
    fn names_compare_loosely() {
        assert!(names_match("  alex ", "Alex"));
        assert!(names_match("Mary  Ann", "mary ann"));
        assert!(!names_match("Alexa", "Alex"));
    }

    #[test]
    fn totp_codes() {
        assert_eq!(normalize_totp_code("123 456").as_deref(), Ok("123456"));
        for bad in ["12345", "1234567", "12345a", "１２３４５６"] {
            assert_eq!(
                normalize_totp_code(bad).map_err(|e| e.code),
                Err("code.format".into())
            );
        }
        assert_eq!(
            normalize_totp_code(" ").map_err(|e| e.code),
            Err("code.required".into())
        );
    }

    #[test]
    fn recovery_codes() {
        let c = normalize_recovery_code("abcd-efgh-jkmn-pqrs").expect("ok");
        assert_eq!(c, "ABCDEFGHJKMNPQRS");
        assert_eq!(format_recovery_code(&c), "ABCD-EFGH-JKMN-PQRS");
        assert!(normalize_recovery_code("ABCD-EFGH-JKMN-PQR0").is_err());
        assert!(normalize_recovery_code("ABCD").is_err());
    }

    #[test]
    fn emails() {
        let ok = [
            ("alex@example.com", "alex@example.com"),
            (" Alex.M+plan@Example.COM ", "Alex.M+plan@example.com"),
            ("a@b.co", "a@b.co"),
        ];
        for (input, want) in ok {
            assert_eq!(
                validate_email(input).expect(input).as_deref(),
                Some(want),
                "{input}"
            );
        }
        assert_eq!(validate_email("  "), Ok(None));
        for bad in [
            "alex",
            "alex@",
            "@example.com",
            "alex@example",
            "alex@@example.com",
            "alex..m@example.com",
            ".alex@example.com",
            "alex@-example.com",
            "alex@example.c",
            "alex@exa mple.com",
            "alex@example.123",
            "al ex@example.com",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(
            validate_email(&long).map_err(|e| e.code),
            Err("email.too_long".into())
        );
    }

    #[test]
    fn phones() {
        for input in [
            "(555) 555-0142",
            "555-555-0142",
            "555.555.0142",
            "5555550142",
            "+1 555 555 0142",
            "1-555-555-0142",
        ] {
            let p = UsPhone::parse(input).expect(input);
            assert_eq!(p.display(), "(555) 555-0142");
            assert_eq!(p.e164(), "+15555550142");
        }
        let cases = [
            ("555-0142", "phone.length"),
            ("555 555 01423", "phone.length"),
            ("055-555-0142", "phone.invalid"),
            ("555-155-0142", "phone.invalid"),
            ("911-555-0142", "phone.invalid"),
            ("+44 20 7946 0958", "phone.us_only"),
            ("555-555-01a2", "phone.format"),
        ];
        for (input, code) in cases {
            assert_eq!(
                UsPhone::parse(input).map_err(|e| e.code),
                Err(code.to_string()),
                "{input}"
            );
        }
        assert_eq!(validate_phone(""), Ok(None));
    }

    #[test]
    fn contact_reports_both_fields() {
        let e = validate_contact(&ContactRequest {
            email: "x".into(),
            phone: "1".into(),
            password: String::new(),
        })
        .expect_err("bad");
        assert!(e.contains_key("email") && e.contains_key("phone"));
    }

    #[test]
    fn event_kinds_round_trip() {
        for k in SecurityEventKind::ALL {
            assert_eq!(SecurityEventKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).expect("ser");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
    }

    #[test]
    fn forgot_password_body_carries_ticket_and_code() {
        let r: ForgotPasswordRequest = serde_json::from_str(
            r#"{"ticket":"t","code":"123456","member_id":"10020030001","new_password":"x"}"#,
        )
        .expect("de");
        assert_eq!((r.ticket.as_str(), r.code.as_str()), ("t", "123456"));
        assert_eq!(r.new_password, "x");
    }
}
