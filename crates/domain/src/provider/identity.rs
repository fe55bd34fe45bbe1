//! How a healthcare provider is identified: the provider ID (typed like a
//! member ID), the Federal Tax ID number (EIN) or Social Security number,
//! and the NPI with its check digit.

use crate::member_id::{MemberId, MemberIdError};
use crate::problem::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The provider ID on the plan's welcome letter (`987654321*01`), typed
/// without the asterisk and with the two digits after it (`98765432101`),
/// exactly like a member ID.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProviderId(MemberId);

impl ProviderId {
    /// Parses the provider ID as typed; every problem found, each with a
    /// `provider_id.*` code and the member ID's asterisk and suffix advice.
    pub fn parse_typed(input: &str) -> Result<Self, Vec<FieldError>> {
        MemberId::parse_typed(input)
            .map(Self)
            .map_err(|es| es.into_iter().map(provider_id_error).collect())
    }

    /// Builds one from its stored parts.
    pub fn from_parts(base: &str, suffix: &str) -> Option<Self> {
        MemberId::from_parts(base, suffix).map(Self)
    }

    /// The nine digits before the asterisk.
    pub fn base(&self) -> &str {
        self.0.base()
    }

    /// The two digits after it.
    pub fn suffix(&self) -> &str {
        self.0.suffix()
    }

    /// As typed: eleven digits.
    pub fn typed(&self) -> String {
        self.0.typed()
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The message for a provider ID typed wrong: the member ID's rule, in a
/// provider's words (the asterisk and suffix advice is the same).
fn provider_id_error(e: MemberIdError) -> FieldError {
    let (code, message) = match e {
        MemberIdError::Required => (
            "provider_id.required",
            "Enter your provider ID as shown on the plan's welcome letter.",
        ),
        MemberIdError::Asterisk => (
            "provider_id.asterisk",
            "Leave out the asterisk (*) but keep the two digits after it: for 987654321*01, type 98765432101.",
        ),
        MemberIdError::SuffixMissing => (
            "provider_id.suffix_missing",
            "Add the two digits that follow the asterisk (*) in your provider ID: for 987654321*01, type 98765432101.",
        ),
        MemberIdError::DigitsOnly => ("provider_id.digits_only", "Your provider ID has digits only."),
        MemberIdError::Length => (
            "provider_id.length",
            "Your provider ID has 11 digits: the 9 before the asterisk and the 2 after it.",
        ),
    };
    FieldError::new(code, message)
}

/// A Federal Tax ID number (EIN, `12-3456789`) or a Social Security number
/// (`123-45-6789`): which one is told by where the dash falls.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "digits", rename_all = "snake_case")]
pub enum TaxId {
    /// Employer Identification Number: nine digits, shown `12-3456789`.
    Ein(String),
    /// Social Security number: nine digits, shown `123-45-6789`.
    Ssn(String),
}

/// EIN prefixes the IRS has never assigned (its list of valid campus
/// prefixes leaves these out).
const UNASSIGNED_EIN_PREFIXES: [&str; 17] = [
    "00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96",
    "97",
];

impl TaxId {
    /// Parses a typed EIN or SSN. The dashes are required: nine bare digits
    /// could be either. Spaces around it are ignored.
    pub fn parse(input: &str) -> Result<Self, FieldError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldError::new(
                "tax_id.required",
                "Enter your Federal Tax ID number (12-3456789) or Social Security number (123-45-6789).",
            ));
        }
        let shape: String = s
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        match shape.as_str() {
            "99-9999999" => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                if UNASSIGNED_EIN_PREFIXES.contains(&&digits[..2]) {
                    Err(FieldError::new(
                        "tax_id.ein_prefix",
                        format!(
                            "{} is not a Federal Tax ID number the IRS issues: check the first two digits.",
                            s
                        ),
                    ))
                } else {
                    Ok(Self::Ein(digits))
                }
            }
            "999-99-9999" => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                let (area, group, serial) = (&digits[..3], &digits[3..5], &digits[5..]);
                if area == "000" || area == "666" || area.starts_with('9') {
                    Err(FieldError::new(
                        "tax_id.ssn_area",
                        "A Social Security number never starts with 000, 666 or 9: check the first three digits.",
                    ))
                } else if group == "00" || serial == "0000" {
                    Err(FieldError::new(
                        "tax_id.ssn_group",
                        "A Social Security number never has 00 in the middle or 0000 at the end: check it.",
                    ))
                } else {
                    Ok(Self::Ssn(digits))
                }
            }
            "999999999" => Err(FieldError::new(
                "tax_id.dashes",
                "Type the dash so we know which number this is: 12-3456789 for a Federal Tax ID number, 123-45-6789 for a Social Security number.",
            )),
            _ => Err(FieldError::new(
                "tax_id.format",
                "Enter a Federal Tax ID number as 12-3456789 or a Social Security number as 123-45-6789.",
            )),
        }
    }

    /// The nine digits.
    pub fn digits(&self) -> &str {
        match self {
            Self::Ein(d) | Self::Ssn(d) => d,
        }
    }

    /// `ein` or `ssn`, as stored.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Ein(_) => "ein",
            Self::Ssn(_) => "ssn",
        }
    }
}

impl fmt::Display for TaxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ein(d) => write!(f, "{}-{}", &d[..2], &d[2..]),
            Self::Ssn(d) => write!(f, "{}-{}-{}", &d[..3], &d[3..5], &d[5..]),
        }
    }
}

/// Luhn sum of `digits` (the rightmost digit is not doubled).
fn luhn_sum(digits: impl DoubleEndedIterator<Item = u32>) -> u32 {
    digits
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum()
}

/// The check digit of an NPI whose first nine digits are `base9`: the Luhn
/// check digit computed with the `80840` prefix, as CMS specifies.
pub fn npi_check_digit(base9: &str) -> Option<u32> {
    if base9.len() != 9 || !base9.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = "80840"
        .chars()
        .chain(base9.chars())
        .chain(std::iter::once('0'))
        .filter_map(|c| c.to_digit(10));
    let sum = luhn_sum(digits.collect::<Vec<_>>().into_iter());
    Some((10 - sum % 10) % 10)
}

/// Whether `npi` is ten digits with a right check digit.
pub fn npi_valid(npi: &str) -> bool {
    npi.len() == 10
        && npi.chars().all(|c| c.is_ascii_digit())
        && npi_check_digit(&npi[..9])
            .zip(npi[9..].chars().next().and_then(|c| c.to_digit(10)))
            .is_some_and(|(want, got)| want == got)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_id_messages() {
        let cases: &[(&str, &[&str])] = &[
            ("", &["provider_id.required"]),
            ("987654321*01", &["provider_id.asterisk"]),
            ("987654321", &["provider_id.suffix_missing"]),
            ("98765432A01", &["provider_id.digits_only"]),
            ("9876543210", &["provider_id.length"]),
            (
                "987654321*",
                &["provider_id.asterisk", "provider_id.suffix_missing"],
            ),
        ];
        for (input, codes) in cases {
            let got: Vec<String> = ProviderId::parse_typed(input)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.code)
                .collect();
            assert_eq!(&got, codes, "{input}");
        }
        let ok = ProviderId::parse_typed(" 98765432101 ").expect("valid");
        assert_eq!((ok.base(), ok.suffix()), ("987654321", "01"));
        assert_eq!(ok.to_string(), "987654321*01");
    }

    #[test]
    fn tax_ids() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("12-3456789", Ok("ein")),
            (" 41-1234567 ", Ok("ein")),
            ("07-1234567", Err("tax_id.ein_prefix")),
            ("123-45-6789", Ok("ssn")),
            ("000-12-3456", Err("tax_id.ssn_area")),
            ("666-12-3456", Err("tax_id.ssn_area")),
            ("912-12-3456", Err("tax_id.ssn_area")),
            ("123-00-3456", Err("tax_id.ssn_group")),
            ("123-45-0000", Err("tax_id.ssn_group")),
            ("123456789", Err("tax_id.dashes")),
            ("12-345678", Err("tax_id.format")),
            ("1234-56789", Err("tax_id.format")),
            ("ab-cdefghi", Err("tax_id.format")),
            ("", Err("tax_id.required")),
        ];
        for (input, want) in cases {
            let got = TaxId::parse(input).map(|t| t.kind()).map_err(|e| e.code);
            assert_eq!(got, want.map_err(str::to_string), "{input}");
        }
        let ein = TaxId::parse("12-3456789").expect("ein");
        assert_eq!(
            (ein.digits(), ein.to_string().as_str()),
            ("123456789", "12-3456789")
        );
        let ssn = TaxId::parse("123-45-6789").expect("ssn");
        assert_eq!(ssn.to_string(), "123-45-6789");
    }

    #[test]
    fn npi_check_digits() {
        // CMS's worked example: 123456789 has check digit 3.
        assert_eq!(npi_check_digit("123456789"), Some(3));
        assert!(npi_valid("1234567893"));
        assert!(!npi_valid("1234567890"));
        assert!(!npi_valid("123456789"));
        assert!(!npi_valid("12345678a3"));
        assert_eq!(npi_check_digit("12345678"), None);
    }

    proptest::proptest! {
        #[test]
        fn every_base_has_one_valid_npi(base in 100_000_000u32..999_999_999) {
            let b = base.to_string();
            let d = npi_check_digit(&b).expect("nine digits");
            let right = format!("{}{}", b, d);
            let wrong = format!("{}{}", b, (d + 1) % 10);
            proptest::prop_assert!(npi_valid(&right));
            proptest::prop_assert!(!npi_valid(&wrong));
        }
    }
}
