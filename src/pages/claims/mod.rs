//! `/claims` (the filtered list) and `/claims/:id` (the explanation of
//! benefits), plus the helpers both share.
//!
//! The list's filters live in the URL query, written and read with
//! [`ClaimFilter::to_query`] / [`ClaimFilter::from_query`] (the same code
//! the server uses), so a view can be bookmarked and survives reload and
//! back/forward. Detail links carry the list's query in `back`.

pub mod detail;
mod items;
pub mod list;
mod saved;

pub use detail::{ClaimDetailPage, ClaimDetailRoutePage};
pub use list::ClaimsListPage;

use crate::browser::{encode_query_value, query_pairs};
use portal_domain::claims::ClaimFilter;
use portal_domain::routes::{with_query, Page};
use portal_domain::{FieldErrors, Money};

/// The filter as a query string (no leading `?`), values percent-encoded.
pub(crate) fn query_string(filter: &ClaimFilter) -> String {
    filter
        .to_query()
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Parses a query string (leading `?` optional) into a filter.
pub(crate) fn parse_filter(query: &str) -> Result<ClaimFilter, FieldErrors> {
    let pairs = query_pairs(query);
    ClaimFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `/claims` with the filter's query, if any.
pub(crate) fn list_href(filter: &ClaimFilter) -> String {
    with_query(Page::Claims.href(), &query_string(filter))
}

/// Money as members read it, with a real minus sign for reversals: `−$12.00`.
pub(crate) fn money(m: Money) -> String {
    let s = m.to_string();
    match s.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None => s,
    }
}

/// A count with thousands separators: `10,000`.
pub(crate) fn count(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_money() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(10_000), "10,000");
        assert_eq!(money(Money::from_cents(-1200)), "\u{2212}$12.00");
        assert_eq!(money(Money::from_cents(123_456)), "$1,234.56");
    }
}
