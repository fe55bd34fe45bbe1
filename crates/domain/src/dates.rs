//! ISO 8601 calendar dates (`YYYY-MM-DD`), parsed and written without
//! chrono's general format machinery, which would otherwise be the largest
//! part of chrono in the browser bundle. Every date in the API uses these.

use chrono::{Datelike, NaiveDate};

/// Month names, January first (the one copy: explanations, alerts, dates).
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month abbreviations, `Jan` first (tables and charts).
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The name of month `month0` (0 = January); empty past December.
pub fn month_name(month0: usize) -> &'static str {
    MONTHS.get(month0).copied().unwrap_or("")
}

/// The abbreviation of month `month0` (0 = January); empty past December.
pub fn month_short(month0: usize) -> &'static str {
    MONTHS_SHORT.get(month0).copied().unwrap_or("")
}

/// A date in words, as letters and notices write it: `November 13, 2026`.
pub fn long_date(d: NaiveDate) -> String {
    format!(
        "{} {}, {}",
        month_name(d.month0() as usize),
        d.day(),
        d.year()
    )
}

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day)
/// into a real calendar date; anything else is `None`.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// Writes `YYYY-MM-DD`.
pub fn to_iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Serde for a `NaiveDate` field as `YYYY-MM-DD`.
pub mod iso {
    use chrono::NaiveDate;
    use serde::{de, Deserialize, Deserializer, Serializer};

    /// Serializes.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_iso(*d))
    }

    /// Deserializes.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_iso(&s).ok_or_else(|| de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

/// Serde for an `Option<NaiveDate>` field as `YYYY-MM-DD` or null.
pub mod iso_opt {
    use chrono::NaiveDate;
    use serde::{de, Deserialize, Deserializer, Serializer};

    /// Serializes.
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&super::to_iso(*d)),
            None => s.serialize_none(),
        }
    }

    /// Deserializes.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
            Some(s) => super::parse_iso(&s)
                .map(Some)
                .ok_or_else(|| de::Error::custom("expected a date as YYYY-MM-DD")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names() {
        assert_eq!(month_name(0), "January");
        assert_eq!(month_name(11), "December");
        assert_eq!(month_name(12), "");
        assert_eq!(month_short(2), "Mar");
        assert_eq!(month_short(99), "");
    }
    use proptest::prelude::*;

    #[test]
    fn parse_table() {
        let ok = [
            ("2026-11-23", (2026, 11, 23)),
            ("2024-02-29", (2024, 2, 29)),
            ("0001-01-01", (1, 1, 1)),
        ];
        for (s, (y, m, d)) in ok {
            assert_eq!(parse_iso(s), NaiveDate::from_ymd_opt(y, m, d), "{s}");
        }
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-01T00",
            "",
            "２０２６-01-01",
            "+026-01-01",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_chrono(days in 0i64..800_000) {
            let d = NaiveDate::from_ymd_opt(1, 1, 1).expect("date") + chrono::Duration::days(days);
            let s = to_iso(d);
            prop_assert_eq!(&s, &d.to_string());
            prop_assert_eq!(parse_iso(&s), Some(d));
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = parse_iso(&s);
        }
    }
}
