//! The glossary: HealthCare.gov's terms (a public-domain work of the US
//! government, copied into `crates/server/data/glossary.json` with its
//! source), each with an address of its own and the terms it mentions.
//!
//! The server builds the entries once at start-up with [`build`] and answers
//! `GET /api/v1/glossary` (every term, or a [`search`]) and
//! `GET /api/v1/glossary/{slug}`; the help pages and the inline definitions
//! on money words read those, so the definitions are written once.

use serde::{Deserialize, Serialize};

/// The longest search the glossary answers, in characters.
pub const MAX_QUERY_CHARS: usize = 80;
/// The longest slug, in characters.
pub const MAX_SLUG_CHARS: usize = 80;
/// The most related terms listed for one entry.
pub const MAX_RELATED: usize = 8;

/// A term as listed: its name, address and the first sentence of its definition.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermSummary {
    /// The term's address segment (`out-of-pocket-maximum-limit`).
    pub slug: String,
    /// The term (`Out-of-pocket maximum/limit`).
    pub term: String,
    /// The first sentence of the definition.
    pub summary: String,
}

/// Another term an entry mentions.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedTerm {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub term: String,
}

/// One glossary entry.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// The term's address segment.
    pub slug: String,
    /// The term.
    pub term: String,
    /// The definition.
    pub definition: String,
    /// The terms its definition mentions, in order of first mention.
    pub related: Vec<RelatedTerm>,
}

impl GlossaryEntry {
    /// Its listing.
    pub fn summary(&self) -> TermSummary {
        TermSummary {
            slug: self.slug.clone(),
            term: self.term.clone(),
            summary: first_sentence(&self.definition).to_string(),
        }
    }
}

/// The glossary, or the terms that matched a search.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryList {
    /// Where the definitions come from.
    pub source: String,
    /// The terms, A to Z (for a search: best matches first).
    pub terms: Vec<TermSummary>,
}

/// The address segment of a term: lowercase ASCII letters and digits, words
/// joined by single hyphens (`Health Savings Account (HSA)` gives
/// `health-savings-account-hsa`).
pub fn slug(term: &str) -> String {
    let mut out = String::new();
    for c in term.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether a requested slug is well formed (the server answers 400 otherwise).
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_CHARS
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The first sentence of a text (up to the first `. ` after a word of more
/// than one letter, so `e.g.` and initials do not end it).
pub fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        let word_start = text[..i].rfind(' ').map_or(0, |s| s + 1);
        let word = &text[word_start..i];
        let abbreviation = word.len() <= 1 || word.contains('.') || word == "vs";
        let next_upper = bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        if !abbreviation && next_upper {
            return &text[..=i];
        }
    }
    text
}

/// The first letter of a term, for the A to Z index (`#` for a digit).
pub fn letter(term: &str) -> char {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// Lowercase words of a text (letters and digits).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Where the words of `name` appear in a row in `text`, allowing a plural
/// `s` on the last word.
fn mentions(text: &[String], name: &[String]) -> Option<usize> {
    if name.is_empty() || name.len() > text.len() {
        return None;
    }
    (0..=text.len() - name.len()).find(|&i| {
        name.iter().enumerate().all(|(k, w)| {
            let t = &text[i + k];
            t == w || (k + 1 == name.len() && t.strip_suffix('s') == Some(w.as_str()))
        })
    })
}

/// The name of a term to look for in other definitions: without a trailing
/// abbreviation in brackets and without an alternative after a slash
/// (`Out-of-pocket maximum/limit` is found as "out-of-pocket maximum").
fn findable(term: &str) -> &str {
    let t = term.split(" (").next().unwrap_or(term);
    t.split('/').next().unwrap_or(t).trim()
}

/// Builds the entries from `(term, definition)` rows: trimmed, a term given
/// twice (by its slug) kept once (the first), sorted A to Z, each with the
/// other terms its definition mentions.
pub fn build(rows: impl IntoIterator<Item = (String, String)>) -> Vec<GlossaryEntry> {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    for (term, definition) in rows {
        let term = term.trim().to_string();
        let s = slug(&term);
        if s.is_empty() || entries.iter().any(|e| e.slug == s) {
            continue;
        }
        entries.push(GlossaryEntry {
            slug: s,
            term,
            definition: definition.trim().to_string(),
            related: Vec::new(),
        });
    }
    entries.sort_by_key(|e| e.term.to_lowercase());
    /// A term as looked for in other definitions.
    struct Name {
        related: RelatedTerm,
        words: Vec<String>,
    }
    let names: Vec<Name> = entries
        .iter()
        .map(|e| Name {
            related: RelatedTerm {
                slug: e.slug.clone(),
                term: e.term.clone(),
            },
            words: words(findable(&e.term)),
        })
        .collect();
    for entry in &mut entries {
        let text = words(&entry.definition);
        // (where first mentioned, longer names first at one place, the name)
        let mut found: Vec<(usize, usize, &Name)> = names
            .iter()
            .filter(|n| n.related.slug != entry.slug)
            .filter_map(|n| mentions(&text, &n.words).map(|at| (at, usize::MAX - n.words.len(), n)))
            .collect();
        found.sort_by_key(|(at, len, _)| (*at, *len));
        entry.related = found
            .into_iter()
            .map(|(_, _, n)| n.related.clone())
            .take(MAX_RELATED)
            .collect();
    }
    entries
}

/// The entries matching a search: every word of `query` begins a word of
/// the term or its definition. Ranked: the term itself, then terms that
/// begin with the query, then other terms whose name matches, then terms
/// whose definition does; A to Z within each.
pub fn search<'a>(entries: &'a [GlossaryEntry], query: &str) -> Vec<&'a GlossaryEntry> {
    let q = words(query);
    if q.is_empty() {
        return Vec::new();
    }
    let exact = slug(query);
    let has_all = |text: &str| {
        let w = words(text);
        q.iter()
            .all(|qw| w.iter().any(|t| t.starts_with(qw.as_str())))
    };
    let mut ranked: Vec<(u8, &GlossaryEntry)> = entries
        .iter()
        .filter_map(|e| {
            let rank = if e.slug == exact || slug(findable(&e.term)) == exact {
                0
            } else if e.slug.starts_with(&exact) {
                1
            } else if has_all(&e.term) {
                2
            } else if has_all(&format!("{} {}", e.term, e.definition)) {
                3
            } else {
                return None;
            };
            Some((rank, e))
        })
        .collect();
    // Stable: entries are already A to Z.
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<(String, String)> {
        [
            ("Deductible", "The amount you pay for covered health care services before your insurance plan starts to pay. With a $2,000 deductible, for example, you pay the first $2,000."),
            ("Coinsurance", "The percentage of costs of a covered health care service you pay after you've paid your deductible."),
            ("Deductible ", "A second copy."),
            ("Out-of-pocket maximum/limit", "The most you have to pay for covered services in a plan year. After you spend this amount on deductibles, copayments, and coinsurance, your plan pays 100%."),
            ("Copayment", "A fixed amount you pay for a covered service, e.g. $20 for a visit."),
            ("Health Savings Account (HSA)", "An account to pay for costs such as your deductible."),
        ]
        .into_iter()
        .map(|(t, d)| (t.to_string(), d.to_string()))
        .collect()
    }

    #[test]
    fn slugs() {
        let cases = [
            ("Deductible", "deductible"),
            ("Out-of-pocket maximum/limit", "out-of-pocket-maximum-limit"),
            ("Health Savings Account (HSA)", "health-savings-account-hsa"),
            (
                "UCR (Usual, Customary, and Reasonable)",
                "ucr-usual-customary-and-reasonable",
            ),
            (
                "Children's Health Insurance Program",
                "childrens-health-insurance-program",
            ),
            ("  ", ""),
        ];
        for (term, want) in cases {
            assert_eq!(slug(term), want, "{term}");
        }
        assert!(valid_slug("deductible"));
        assert!(!valid_slug("Deductible"));
        assert!(!valid_slug(""));
        assert!(!valid_slug("a/b"));
        assert!(!valid_slug(&"a".repeat(81)));
    }

    #[test]
    fn builds_deduplicated_sorted_entries_with_related_terms() {
        let entries = build(rows());
        let terms: Vec<&str> = entries.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(
            terms,
            vec![
                "Coinsurance",
                "Copayment",
                "Deductible",
                "Health Savings Account (HSA)",
                "Out-of-pocket maximum/limit"
            ]
        );
        let deductible = &entries[2];
        assert!(deductible.definition.starts_with("The amount"));
        assert!(deductible.related.is_empty());
        let oop = &entries[4];
        let related: Vec<&str> = oop.related.iter().map(|r| r.slug.as_str()).collect();
        // "deductibles, copayments, and coinsurance": plurals count, in order.
        assert_eq!(related, vec!["deductible", "copayment", "coinsurance"]);
    }

    #[test]
    fn first_sentences() {
        let entries = build(rows());
        assert_eq!(
            entries[2].summary().summary,
            "The amount you pay for covered health care services before your insurance plan starts to pay."
        );
        // "e.g." does not end a sentence.
        assert_eq!(
            first_sentence("A fixed amount, e.g. $20. More."),
            "A fixed amount, e.g. $20."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop");
        assert_eq!(letter("deductible"), 'D');
        assert_eq!(letter("1557 notice"), '#');
    }

    #[test]
    fn searches_names_first() {
        let entries = build(rows());
        let found = |q: &str| -> Vec<&str> {
            search(&entries, q)
                .into_iter()
                .map(|e| e.slug.as_str())
                .collect()
        };
        assert_eq!(found("deduct")[0], "deductible");
        assert_eq!(found("Deductible")[0], "deductible");
        assert_eq!(
            found("out-of-pocket maximum")[0],
            "out-of-pocket-maximum-limit"
        );
        assert!(found("deductible").contains(&"coinsurance"));
        assert_eq!(found("hsa"), vec!["health-savings-account-hsa"]);
        assert_eq!(found("out of pocket"), vec!["out-of-pocket-maximum-limit"]);
        assert!(found("zebra").is_empty());
        assert!(found("  ").is_empty());
    }
}
