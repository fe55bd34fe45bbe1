//! Money: integer cents in one type, never floats.
//!
//! Rounding rule (written down once, used everywhere): a share of an amount
//! (a percentage in basis points) is computed in integer cents and rounded
//! half away from zero to the nearest cent; see [`Money::percent_bps`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of US dollars, held as a whole number of cents.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// Zero dollars.
    pub const ZERO: Money = Money(0);

    /// From a number of cents.
    pub const fn from_cents(cents: i64) -> Self {
        Self(cents)
    }

    /// From whole dollars.
    pub const fn from_dollars(dollars: i64) -> Self {
        Self(dollars * 100)
    }

    /// The number of cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// `bps` basis points (1/100 of a percent) of this amount, rounded half
    /// away from zero to the cent. 2000 bps of $75.00 is $15.00.
    pub fn percent_bps(self, bps: u32) -> Self {
        let num = i128::from(self.0) * i128::from(bps);
        let q = num / 10_000;
        let r = num % 10_000;
        let rounded = if r.abs() * 2 >= 10_000 {
            q + num.signum()
        } else {
            q
        };
        Self(i64::try_from(rounded).unwrap_or(if num < 0 { i64::MIN } else { i64::MAX }))
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Self) -> Self {
        Ord::min(self, other)
    }

    /// Never below zero.
    pub fn clamp_non_negative(self) -> Self {
        Ord::max(self, Self::ZERO)
    }

    /// Parses a non-negative dollar amount typed as `25`, `19.9`, `19.99`,
    /// `$1,234.50`. More than two decimals, signs or other characters: `None`.
    pub fn parse_decimal(input: &str) -> Option<Self> {
        let s: String = input
            .trim()
            .trim_start_matches('$')
            .chars()
            .filter(|&c| c != ',')
            .collect();
        let (whole, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
        let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || whole.len() > 12 || !digits(whole) || frac.len() > 2 || !digits(frac)
        {
            return None;
        }
        let cents = format!("{frac:0<2}").parse::<i64>().ok()?;
        Some(Self(whole.parse::<i64>().ok()? * 100 + cents))
    }

    /// Whether this is $0.00.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// As on an ID card: whole dollars without cents (`$1,500`), else as
    /// [`Display`](fmt::Display) (`$1,500.50`).
    pub fn short(self) -> String {
        let full = self.to_string();
        if self.0 % 100 == 0 {
            full.trim_end_matches(".00").to_string()
        } else {
            full
        }
    }

    /// A plain decimal with two places and no symbol or grouping (`-1234.50`),
    /// for CSV and other machine-read files.
    pub fn to_decimal_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// A share in basis points as a percentage without the sign: "20", "12.50".
pub fn bps_words(bps: u32) -> String {
    if bps.is_multiple_of(100) {
        format!("{}", bps / 100)
    } else {
        format!("{}.{:02}", bps / 100, bps % 100)
    }
}

impl fmt::Display for Money {
    /// `$1,234.56`, `-$12.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let dollars = (abs / 100).to_string();
        let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3);
        for (i, ch) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}${grouped}.{:02}", abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_drops_only_zero_cents() {
        assert_eq!(Money::from_dollars(1500).short(), "$1,500");
        assert_eq!(Money::from_cents(150_050).short(), "$1,500.50");
        assert_eq!(Money::ZERO.short(), "$0");
    }
    use proptest::prelude::*;

    #[test]
    fn display_table() {
        let cases = [
            (0, "$0.00"),
            (5, "$0.05"),
            (1500, "$15.00"),
            (123456, "$1,234.56"),
            (100000000, "$1,000,000.00"),
            (-1200, "-$12.00"),
        ];
        for (cents, want) in cases {
            assert_eq!(Money::from_cents(cents).to_string(), want);
        }
    }

    #[test]
    fn parse_decimal_table() {
        let cases = [
            ("25", Some(2500)),
            ("19.9", Some(1990)),
            ("19.99", Some(1999)),
            ("$1,234.50", Some(123450)),
            ("0", Some(0)),
            ("-5", None),
            ("1.234", None),
            ("", None),
            ("abc", None),
            (".5", None),
            ("1e3", None),
        ];
        for (s, want) in cases {
            assert_eq!(Money::parse_decimal(s).map(Money::cents), want, "{s}");
        }
    }

    #[test]
    fn decimal_table() {
        assert_eq!(Money::from_cents(-123450).to_decimal_string(), "-1234.50");
        assert_eq!(Money::from_cents(7).to_decimal_string(), "0.07");
    }

    #[test]
    fn percent_rounding_table() {
        let cases = [
            (7500, 2000, 1500),  // 20% of $75.00
            (12345, 2000, 2469), // 2469.0
            (1, 5000, 1),        // 0.5 cent rounds away from zero
            (1, 4999, 0),
            (-1, 5000, -1),
            (333, 3333, 111), // 110.99 -> 111
            (0, 2000, 0),
        ];
        for (cents, bps, want) in cases {
            assert_eq!(
                Money::from_cents(cents).percent_bps(bps).cents(),
                want,
                "{cents} x {bps}"
            );
        }
    }

    proptest! {
        #[test]
        fn percent_is_within_half_cent(c in -10_000_000i64..10_000_000, bps in 0u32..=10_000) {
            let exact = c as f64 * bps as f64 / 10_000.0;
            let got = Money::from_cents(c).percent_bps(bps).cents() as f64;
            prop_assert!((got - exact).abs() <= 0.5 + 1e-9);
        }

        #[test]
        fn share_never_exceeds_whole(c in 0i64..10_000_000, bps in 0u32..=10_000) {
            prop_assert!(Money::from_cents(c).percent_bps(bps) <= Money::from_cents(c));
        }
    }
}
