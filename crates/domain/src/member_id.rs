//! The member ID, as printed on the ID card (`123456789*01`) and as typed
//! (`12345678901`: without the asterisk, with the two digits after it).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Digits before the asterisk.
pub const BASE_DIGITS: usize = 9;
/// Digits after the asterisk (the member's suffix within the household).
pub const SUFFIX_DIGITS: usize = 2;

/// Why a typed member ID was refused. Each has a stable code and a plain message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberIdError {
    /// Nothing typed.
    #[serde(rename = "member_id.required")]
    Required,
    /// Typed with the asterisk.
    #[serde(rename = "member_id.asterisk")]
    Asterisk,
    /// Only the nine digits before the asterisk were typed.
    #[serde(rename = "member_id.suffix_missing")]
    SuffixMissing,
    /// Something other than digits.
    #[serde(rename = "member_id.digits_only")]
    DigitsOnly,
    /// Any other wrong number of digits.
    #[serde(rename = "member_id.length")]
    Length,
}

impl MemberIdError {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "member_id.required",
            Self::Asterisk => "member_id.asterisk",
            Self::SuffixMissing => "member_id.suffix_missing",
            Self::DigitsOnly => "member_id.digits_only",
            Self::Length => "member_id.length",
        }
    }

    /// The plain message shown beside the field.
    pub fn message(self) -> &'static str {
        match self {
            Self::Required => "Enter your member ID as shown on your ID card.",
            Self::Asterisk => "Leave out the asterisk (*) but keep the two digits after it: for 123456789*01, type 12345678901.",
            Self::SuffixMissing => "Add the two digits that follow the asterisk (*) on your ID card: for 123456789*01, type 12345678901.",
            Self::DigitsOnly => "Your member ID has digits only.",
            Self::Length => "Your member ID has 11 digits: the 9 before the asterisk and the 2 after it.",
        }
    }
}

/// A member ID: nine base digits shared by the household and a two-digit
/// suffix for the person.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MemberId {
    base: String,
    suffix: String,
}

impl MemberId {
    /// Parses the member ID as a member types it (`12345678901`). Spaces are
    /// ignored. Returns every problem found.
    pub fn parse_typed(input: &str) -> Result<Self, Vec<MemberIdError>> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(vec![MemberIdError::Required]);
        }
        let mut errors = Vec::new();
        let without_star: String = compact.chars().filter(|&c| c != '*').collect();
        if compact.contains('*') {
            errors.push(MemberIdError::Asterisk);
        }
        if !without_star.chars().all(|c| c.is_ascii_digit()) {
            errors.push(MemberIdError::DigitsOnly);
        }
        let digits = without_star.chars().filter(char::is_ascii_digit).count();
        if digits == BASE_DIGITS {
            errors.push(MemberIdError::SuffixMissing);
        } else if digits != BASE_DIGITS + SUFFIX_DIGITS
            && !errors.contains(&MemberIdError::DigitsOnly)
        {
            errors.push(MemberIdError::Length);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            base: without_star[..BASE_DIGITS].to_string(),
            suffix: without_star[BASE_DIGITS..].to_string(),
        })
    }

    /// Builds one from its parts (from storage). Both must be all digits of the right length.
    pub fn from_parts(base: &str, suffix: &str) -> Option<Self> {
        let ok = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
        (ok(base, BASE_DIGITS) && ok(suffix, SUFFIX_DIGITS)).then(|| Self {
            base: base.into(),
            suffix: suffix.into(),
        })
    }

    /// The nine digits shared by the household.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The person's two-digit suffix.
    pub fn suffix(&self) -> &str {
        &self.suffix
    }

    /// As typed and stored: `12345678901`.
    pub fn typed(&self) -> String {
        format!("{}{}", self.base, self.suffix)
    }

    /// As printed on the card: `123456789*01`.
    pub fn printed(&self) -> String {
        format!("{}*{}", self.base, self.suffix)
    }
}

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed())
    }
}

impl TryFrom<String> for MemberId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let typed = s.replacen('*', "", 1);
        Self::parse_typed(&typed).map_err(|e| format!("invalid member ID: {:?}", e))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for MemberId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("Member ID as printed on the ID card"))
            .examples(["123456789*01"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for MemberId {}

impl From<MemberId> for String {
    fn from(m: MemberId) -> String {
        m.printed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use MemberIdError::*;

    #[test]
    fn typed_table() {
        let cases: &[(&str, Result<&str, &[MemberIdError]>)] = &[
            ("12345678901", Ok("123456789*01")),
            (" 123 456 789 01 ", Ok("123456789*01")),
            ("123456789*01", Err(&[Asterisk])),
            ("123456789*", Err(&[Asterisk, SuffixMissing])),
            ("123456789", Err(&[SuffixMissing])),
            ("1234567890", Err(&[Length])),
            ("123456789012", Err(&[Length])),
            ("12345678A01", Err(&[DigitsOnly])),
            ("", Err(&[Required])),
            ("   ", Err(&[Required])),
        ];
        for (input, want) in cases {
            let got = MemberId::parse_typed(input).map(|m| m.printed());
            match want {
                Ok(p) => assert_eq!(got, Ok(p.to_string()), "{input:?}"),
                Err(e) => assert_eq!(got, Err(e.to_vec()), "{input:?}"),
            }
        }
    }

    #[test]
    fn asterisk_message_says_what_to_type() {
        assert!(Asterisk.message().contains("12345678901"));
        assert!(Asterisk.message().contains("asterisk"));
        assert!(SuffixMissing.message().contains("two digits"));
    }

    #[test]
    fn serde_uses_printed_form() {
        let m = MemberId::parse_typed("12345678901").expect("valid");
        let json = serde_json::to_string(&m).expect("ser");
        assert_eq!(json, "\"123456789*01\"");
        let back: MemberId = serde_json::from_str(&json).expect("de");
        assert_eq!(back, m);
    }

    proptest! {
        #[test]
        fn roundtrip(base in "[0-9]{9}", suffix in "[0-9]{2}") {
            let m = MemberId::from_parts(&base, &suffix).expect("valid parts");
            prop_assert_eq!(MemberId::parse_typed(&m.typed()), Ok(m.clone()));
            prop_assert_eq!(m.printed(), format!("{base}*{suffix}"));
        }

        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = MemberId::parse_typed(&s);
        }
    }
}
