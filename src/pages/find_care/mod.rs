//! Find care (issue 14): `/find-care` (the directory search, its options
//! in the address like the claims filters) and `/find-care/providers/:id`
//! (one listing). The query is parsed and written by
//! [`DirectoryQuery::from_query`] / [`DirectoryQuery::to_query`], the same
//! code the server uses. A listing's link carries the search in `back`.

mod choose_pcp;
pub mod listing;
mod record;
mod report;
pub mod search;

pub use listing::ProviderListingRoutePage;
pub use search::FindCarePage;

use crate::browser::{encode_query_value, query_pairs};
use portal_domain::care::directory::{DirectoryQuery, Language};
use portal_domain::care::distance;
use portal_domain::routes::{listing_href, with_query, Page};
use portal_domain::FieldErrors;

/// The query as a query string (no leading `?`), values percent-encoded.
pub(crate) fn query_string(q: &DirectoryQuery) -> String {
    q.to_query()
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Parses a query string (leading `?` optional).
pub(crate) fn parse_query(query: &str) -> Result<DirectoryQuery, FieldErrors> {
    let pairs = query_pairs(query);
    DirectoryQuery::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// `/find-care` with the search's query, if any.
pub(crate) fn search_href(q: &DirectoryQuery) -> String {
    with_query(Page::FindCare.href(), &query_string(q))
}

/// A listing's address, carrying the search it was found by.
pub(crate) fn listing_link(id: i64, back: &DirectoryQuery) -> String {
    let back = query_string(back);
    if back.is_empty() {
        listing_href(id)
    } else {
        format!("{}?back={}", listing_href(id), encode_query_value(&back))
    }
}

/// Languages in words: "English, Spanish and Korean".
pub(crate) fn languages(list: &[Language]) -> String {
    let names: Vec<&str> = list.iter().map(|l| l.label()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A distance in words ("2.3 miles away"), read out the same way it is shown.
pub(crate) fn away(tenths: u32) -> String {
    let label = distance::label(tenths);
    let number = label.trim_end_matches(" mi");
    if tenths == 10 {
        "1.0 mile away".into()
    } else {
        format!("{number} miles away")
    }
}

/// A phone number as a `tel:` address (digits only, US).
pub(crate) fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    format!("tel:+1{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(languages(&[Language::English]), "English");
        assert_eq!(
            languages(&[Language::English, Language::Spanish, Language::Korean]),
            "English, Spanish and Korean"
        );
        assert_eq!(away(23), "2.3 miles away");
        assert_eq!(away(10), "1.0 mile away");
        assert_eq!(away(0), "0.0 miles away");
        assert_eq!(tel("(206) 555-0133"), "tel:+12065550133");
    }
}
