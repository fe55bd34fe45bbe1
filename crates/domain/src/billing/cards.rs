//! Payment card and bank account checks, run by the browser before it sends
//! anything to the processor's tokenization endpoint and by that endpoint
//! (the sandbox stands for the processor). The portal server never sees a
//! full card or account number: it gets a token, a brand, the last four
//! digits and the expiry.
//!
//! * Card numbers: 12 to 19 digits (spaces and dashes allowed while typing),
//!   a known brand by its prefix (Visa, Mastercard, American Express,
//!   Discover) with that brand's length, and a valid Luhn check digit.
//! * Expiry: a month and a year, not before the current month (a card is
//!   valid through the last day of its expiry month).
//! * Security code: 3 digits, 4 for American Express.
//! * Bank accounts (ACH): a 9-digit ABA routing number whose checksum
//!   `3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9)` is a multiple of 10, and an
//!   account number of 4 to 17 digits.

use crate::code_enum::code_enum;
use crate::problem::{push_error, FieldError, FieldErrors};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

code_enum! {
    /// A card brand the plan accepts.
    CardBrand {
        /// Visa.
        Visa = "visa" / "Visa",
        /// Mastercard.
        Mastercard = "mastercard" / "Mastercard",
        /// American Express.
        Amex = "amex" / "American Express",
        /// Discover.
        Discover = "discover" / "Discover",
    }
}

code_enum! {
    /// What a saved payment method is.
    MethodKind {
        /// A debit or credit card.
        Card = "card" / "Card",
        /// A checking or savings account (ACH).
        Bank = "bank" / "Bank account",
    }
}

/// The digits of a typed number, or `None` when it has anything but digits,
/// spaces and dashes.
pub fn digits_of(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        match c {
            '0'..='9' => out.push(c),
            ' ' | '-' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Whether a string of digits passes the Luhn check (its last digit is the
/// check digit). Empty or non-digit input fails.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
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
        .sum();
    sum.is_multiple_of(10)
}

impl CardBrand {
    /// The brand of a card number by its prefix (IIN ranges), if accepted.
    pub fn of(digits: &str) -> Option<CardBrand> {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        if digits.starts_with('4') {
            return Some(CardBrand::Visa);
        }
        if matches!(prefix(2), Some(34 | 37)) {
            return Some(CardBrand::Amex);
        }
        if matches!(prefix(2), Some(51..=55)) || matches!(prefix(4), Some(2221..=2720)) {
            return Some(CardBrand::Mastercard);
        }
        if digits.starts_with("6011")
            || digits.starts_with("65")
            || matches!(prefix(3), Some(644..=649))
        {
            return Some(CardBrand::Discover);
        }
        None
    }

    /// Whether a number of `len` digits is a valid length for the brand.
    pub fn length_ok(self, len: usize) -> bool {
        match self {
            CardBrand::Visa => matches!(len, 13 | 16 | 19),
            CardBrand::Mastercard => len == 16,
            CardBrand::Amex => len == 15,
            CardBrand::Discover => (16..=19).contains(&len),
        }
    }

    /// Digits in the security code.
    pub fn cvc_len(self) -> usize {
        if self == CardBrand::Amex {
            4
        } else {
            3
        }
    }
}

/// A card as typed into the processor's card fields (sent only to the
/// tokenization endpoint, never to the portal's API).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardInput {
    /// Name on the card.
    pub name: String,
    /// Card number (spaces and dashes allowed).
    pub number: String,
    /// Expiry month, 1-12.
    pub exp_month: u32,
    /// Expiry year, four digits.
    pub exp_year: i32,
    /// Security code (CVC).
    pub cvc: String,
    /// Billing ZIP code (5 digits).
    pub postal_code: String,
}

/// A bank account as typed (sent only to the tokenization endpoint).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankInput {
    /// Account holder's name.
    pub name: String,
    /// 9-digit ABA routing number.
    pub routing: String,
    /// Account number (4-17 digits).
    pub account: String,
    /// `checking` or `savings`.
    pub account_type: String,
}

/// Whether a 9-digit ABA routing number passes its checksum.
pub fn aba_valid(routing: &str) -> bool {
    let d: Vec<u32> = routing.chars().filter_map(|c| c.to_digit(10)).collect();
    if routing.len() != 9 || d.len() != 9 {
        return false;
    }
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    sum.is_multiple_of(10)
}

/// Whether a card expiring at the end of `month`/`year` is still valid on `today`.
pub fn expiry_ok(month: u32, year: i32, today: NaiveDate) -> bool {
    (1..=12).contains(&month) && (year, month) >= (today.year(), today.month())
}

fn err(errors: &mut FieldErrors, field: &str, code: &str, message: &str) {
    push_error(errors, field, FieldError::new(code, message));
}

/// The card's field errors on `today`, by field (`name`, `number`,
/// `exp_month`, `exp_year`, `cvc`, `postal_code`).
pub fn card_errors(card: &CardInput, today: NaiveDate) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if card.name.trim().is_empty() {
        err(
            &mut errors,
            "name",
            "name.required",
            "Enter the name on the card.",
        );
    } else if card.name.chars().count() > 80 {
        err(
            &mut errors,
            "name",
            "name.too_long",
            "Use at most 80 characters.",
        );
    }
    let brand = match digits_of(&card.number) {
        None => {
            err(
                &mut errors,
                "number",
                "number.digits",
                "Use only the digits on the card.",
            );
            None
        }
        Some(d) if d.is_empty() => {
            err(
                &mut errors,
                "number",
                "number.required",
                "Enter the card number.",
            );
            None
        }
        Some(d) => match CardBrand::of(&d) {
            None => {
                err(
                    &mut errors,
                    "number",
                    "number.brand",
                    "We accept Visa, Mastercard, American Express and Discover.",
                );
                None
            }
            Some(b) if !b.length_ok(d.len()) => {
                err(
                    &mut errors,
                    "number",
                    "number.length",
                    &format!(
                        "A {} card number has a different number of digits: check it.",
                        b.label()
                    ),
                );
                Some(b)
            }
            Some(b) if !luhn_valid(&d) => {
                err(
                    &mut errors,
                    "number",
                    "number.check_digit",
                    "That card number is not valid: check each digit.",
                );
                Some(b)
            }
            Some(b) => Some(b),
        },
    };
    if !(1..=12).contains(&card.exp_month) {
        err(
            &mut errors,
            "exp_month",
            "exp_month.range",
            "Choose the expiry month.",
        );
    } else if !(2000..=2100).contains(&card.exp_year) {
        err(
            &mut errors,
            "exp_year",
            "exp_year.range",
            "Enter the expiry year, like 2029.",
        );
    } else if !expiry_ok(card.exp_month, card.exp_year, today) {
        err(
            &mut errors,
            "exp_year",
            "exp_year.past",
            "This card has expired.",
        );
    }
    let cvc_len = brand.map_or(3, CardBrand::cvc_len);
    if card.cvc.len() != cvc_len || !card.cvc.bytes().all(|b| b.is_ascii_digit()) {
        err(
            &mut errors,
            "cvc",
            "cvc.format",
            &format!("Enter the {cvc_len}-digit security code."),
        );
    }
    if card.postal_code.len() != 5 || !card.postal_code.bytes().all(|b| b.is_ascii_digit()) {
        err(
            &mut errors,
            "postal_code",
            "postal_code.format",
            "Enter the 5-digit billing ZIP code.",
        );
    }
    errors
}

/// The bank account's field errors, by field (`name`, `routing`, `account`,
/// `account_type`).
pub fn bank_errors(bank: &BankInput) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if bank.name.trim().is_empty() {
        err(
            &mut errors,
            "name",
            "name.required",
            "Enter the account holder's name.",
        );
    } else if bank.name.chars().count() > 80 {
        err(
            &mut errors,
            "name",
            "name.too_long",
            "Use at most 80 characters.",
        );
    }
    match digits_of(&bank.routing) {
        Some(d) if d.len() == 9 && aba_valid(&d) => {}
        Some(d) if d.len() == 9 => err(
            &mut errors,
            "routing",
            "routing.checksum",
            "That routing number is not valid: check each digit.",
        ),
        _ => err(
            &mut errors,
            "routing",
            "routing.format",
            "Enter the 9-digit routing number.",
        ),
    }
    match digits_of(&bank.account) {
        Some(d) if (4..=17).contains(&d.len()) => {}
        _ => err(
            &mut errors,
            "account",
            "account.format",
            "Enter the account number: 4 to 17 digits.",
        ),
    }
    if !matches!(bank.account_type.as_str(), "checking" | "savings") {
        err(
            &mut errors,
            "account_type",
            "account_type.required",
            "Choose checking or savings.",
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn luhn_table() {
        for (n, ok) in [
            ("4242424242424242", true),
            ("4242424242424241", false),
            ("5555555555554444", true),
            ("378282246310005", true),
            ("6011111111111117", true),
            ("4000000000009995", true),
            ("79927398713", true),
            ("79927398710", false),
            ("", false),
            ("42a2", false),
        ] {
            assert_eq!(luhn_valid(n), ok, "{n}");
        }
    }

    #[test]
    fn brands_by_prefix_and_length() {
        for (n, brand) in [
            ("4242424242424242", Some(CardBrand::Visa)),
            ("5105105105105100", Some(CardBrand::Mastercard)),
            ("2223003122003222", Some(CardBrand::Mastercard)),
            ("371449635398431", Some(CardBrand::Amex)),
            ("6011000990139424", Some(CardBrand::Discover)),
            ("6445644564456445", Some(CardBrand::Discover)),
            ("3530111333300000", None),
            ("9999999999999995", None),
        ] {
            assert_eq!(CardBrand::of(n), brand, "{n}");
        }
        assert!(CardBrand::Amex.length_ok(15));
        assert!(!CardBrand::Amex.length_ok(16));
    }

    #[test]
    fn aba_table() {
        for (r, ok) in [
            ("011000015", true),
            ("021000021", true),
            ("111000025", true),
            ("011000016", false),
            ("01100001", false),
            ("0110000155", false),
            ("01100001a", false),
        ] {
            assert_eq!(aba_valid(r), ok, "{r}");
        }
    }

    #[test]
    fn expiry_is_valid_through_its_month() {
        let today = day(2026, 11, 23);
        assert!(expiry_ok(11, 2026, today));
        assert!(expiry_ok(1, 2027, today));
        assert!(!expiry_ok(10, 2026, today));
        assert!(!expiry_ok(13, 2027, today));
    }

    #[test]
    fn card_errors_by_field() {
        let today = day(2026, 11, 23);
        let good = CardInput {
            name: "Pat Payer".into(),
            number: "4242 4242 4242 4242".into(),
            exp_month: 12,
            exp_year: 2029,
            cvc: "123".into(),
            postal_code: "62704".into(),
        };
        assert!(card_errors(&good, today).is_empty());
        let cases: Vec<(CardInput, &str, &str)> = vec![
            (
                CardInput {
                    number: "4242 4242 4242 4241".into(),
                    ..good.clone()
                },
                "number",
                "number.check_digit",
            ),
            (
                CardInput {
                    number: "3530111333300000".into(),
                    ..good.clone()
                },
                "number",
                "number.brand",
            ),
            (
                CardInput {
                    number: "4242-x".into(),
                    ..good.clone()
                },
                "number",
                "number.digits",
            ),
            (
                CardInput {
                    number: "378282246310005".into(),
                    ..good.clone()
                },
                "cvc",
                "cvc.format",
            ),
            (
                CardInput {
                    exp_month: 10,
                    exp_year: 2026,
                    ..good.clone()
                },
                "exp_year",
                "exp_year.past",
            ),
            (
                CardInput {
                    exp_month: 0,
                    ..good.clone()
                },
                "exp_month",
                "exp_month.range",
            ),
            (
                CardInput {
                    name: " ".into(),
                    ..good.clone()
                },
                "name",
                "name.required",
            ),
            (
                CardInput {
                    postal_code: "627".into(),
                    ..good.clone()
                },
                "postal_code",
                "postal_code.format",
            ),
        ];
        for (card, field, code) in cases {
            let e = card_errors(&card, today);
            assert_eq!(
                e.get(field).map(|v| v[0].code.as_str()),
                Some(code),
                "{card:?}"
            );
        }
    }

    #[test]
    fn bank_errors_by_field() {
        let good = BankInput {
            name: "Pat Payer".into(),
            routing: "011000015".into(),
            account: "000123456789".into(),
            account_type: "checking".into(),
        };
        assert!(bank_errors(&good).is_empty());
        let e = bank_errors(&BankInput {
            routing: "011000016".into(),
            ..good.clone()
        });
        assert_eq!(e["routing"][0].code, "routing.checksum");
        let e = bank_errors(&BankInput {
            account: "12".into(),
            account_type: "cash".into(),
            ..good
        });
        assert_eq!(e["account"][0].code, "account.format");
        assert_eq!(e["account_type"][0].code, "account_type.required");
    }
}
