//! Word search for the estimator's services, in members' own words.
//!
//! Each entry is a list of phrases (its code, plain-language name,
//! synonyms and the official CMS wording). Text is split into words
//! (hyphens and apostrophes inside a word are dropped: "x-ray" is "xray",
//! "c-section" is "csection"), small words such as "of" or "the" are
//! ignored, and every word is reduced to a simple stem ([`stem`]: "scans" and
//! "scan", "screening" and "screen", "biopsies" and "biopsy" are the same
//! word). An entry matches when every word of the query is found in it (the
//! last word may be a beginning, as typed so far: "colono"); entries are
//! ranked by how well their best phrase fits the query (all words in one
//! phrase, then fewest extra words in it, then plain names and synonyms
//! before official wording, then the order given).
//!
//! When nothing matches, [`SearchIndex::search`] offers a corrected query
//! ("did you mean"): each unknown word replaced by the closest known word
//! (at most one letter wrong in short words, two in long ones), and the
//! entries that match most of the words.

use std::collections::BTreeMap;

/// Where a phrase comes from (plain names rank before official wording).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    /// The billing code.
    Code,
    /// The plain-language name.
    PlainName,
    /// A synonym members use.
    Synonym,
    /// The official (CMS) wording.
    Official,
}

impl PhraseKind {
    fn bonus(self) -> u32 {
        match self {
            Self::Code => 40,
            Self::PlainName => 30,
            Self::Synonym => 20,
            Self::Official => 0,
        }
    }
}

/// Words ignored in queries and phrases.
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "my",
    "me",
    "i",
    "to",
    "with",
    "and",
    "or",
    "in",
    "on",
    "at",
    "by",
    "get",
    "getting",
    "need",
    "cost",
    "costs",
    "how",
    "much",
    "what",
    "is",
    "it",
    "using",
    "including",
    "not",
    "than",
    "after",
    "before",
    "other",
];

/// Reduces a lower-case word to a simple stem, so that plural, "-ing" and
/// "-ed" forms meet the base word. Digits are left as they are.
pub fn stem(word: &str) -> String {
    let w = word;
    if w.len() <= 3 || w.bytes().any(|b| b.is_ascii_digit()) {
        return w.to_string();
    }
    let mut s = if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        format!("{base}y")
    } else if let Some(base) = w.strip_suffix("sses") {
        format!("{base}ss")
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        w.to_string()
    } else if let Some(base) = ["ches", "shes", "xes"]
        .iter()
        .find_map(|suf| w.strip_suffix(suf).map(|b| (b, &suf[..suf.len() - 2])))
        .map(|(b, keep)| format!("{b}{keep}"))
    {
        base
    } else if let Some(base) = w.strip_suffix('s') {
        base.to_string()
    } else {
        w.to_string()
    };
    for suffix in ["ing", "ed"] {
        if s.len() >= 6 {
            if let Some(base) = s.strip_suffix(suffix) {
                s = base.to_string();
                break;
            }
        }
    }
    if s.len() > 3 {
        if let Some(base) = s.strip_suffix('e') {
            s = base.to_string();
        }
    }
    s
}

/// The words of a text, lower-cased, as typed (before stemming), without
/// small words.
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, c) in chars.iter().enumerate() {
        let joins = matches!(c, '-' | '\'' | '’')
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if !joins && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    out
}

struct Phrase {
    kind: PhraseKind,
    stems: Vec<String>,
}

/// A searchable list of entries (the caller keeps what they stand for, by index).
#[derive(Default)]
pub struct SearchIndex {
    entries: Vec<Vec<Phrase>>,
    /// Every known stem, with the word it was first written as.
    vocabulary: BTreeMap<String, String>,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchOutcome {
    /// Indexes of the matching entries, best first.
    pub matches: Vec<usize>,
    /// When nothing matched: the query with unknown words corrected, if that finds something.
    pub did_you_mean: Option<String>,
    /// When nothing matched: entries to suggest (found by the corrected
    /// query, or matching most of the words), best first.
    pub suggestions: Vec<usize>,
}

/// How well one query word fits one phrase word.
fn word_fit(q: &str, t: &str, last: bool) -> u32 {
    if q == t {
        100
    } else if last && q.len() >= 3 && t.starts_with(q) {
        70
    } else {
        0
    }
}

/// Levenshtein distance, stopping early above `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|m| *m > max) {
            return max + 1;
        }
        prev = cur;
    }
    prev[b.len()]
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entry made of these phrases; returns its index.
    pub fn add(&mut self, phrases: &[(PhraseKind, &str)]) -> usize {
        let mut list = Vec::new();
        for (kind, text) in phrases {
            let raw = words(text);
            for w in &raw {
                self.vocabulary
                    .entry(stem(w))
                    .or_insert_with(|| w.to_string());
            }
            let stems: Vec<String> = raw.iter().map(|w| stem(w)).collect();
            if !stems.is_empty() {
                list.push(Phrase { kind: *kind, stems });
            }
        }
        self.entries.push(list);
        self.entries.len() - 1
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many query words an entry has (in any phrase), and the score of
    /// its best-fitting phrase.
    fn score(&self, entry: &[Phrase], query: &[String]) -> (usize, u32) {
        let n = query.len();
        let mut found = 0;
        for (i, q) in query.iter().enumerate() {
            let last = i + 1 == n;
            if entry
                .iter()
                .any(|p| p.stems.iter().any(|t| word_fit(q, t, last) > 0))
            {
                found += 1;
            }
        }
        let mut best = 0u32;
        for p in entry {
            let mut fit = 0u32;
            let mut all = true;
            let mut used = 0usize;
            for (i, q) in query.iter().enumerate() {
                let last = i + 1 == n;
                let f = p
                    .stems
                    .iter()
                    .map(|t| word_fit(q, t, last))
                    .max()
                    .unwrap_or(0);
                if f == 0 {
                    all = false;
                } else {
                    used += 1;
                }
                fit += f;
            }
            if used == 0 {
                continue;
            }
            // Words of the phrase that the query does not use count against it.
            let extra = p.stems.len().saturating_sub(used) as u32;
            let precision = 100 * used as u32 / (used as u32 + extra);
            let s = if all { 10_000 } else { 0 }
                + fit * 10 / n as u32 * 4
                + precision * 2
                + p.kind.bonus();
            best = best.max(s);
        }
        (found, best)
    }

    fn ranked(&self, query: &[String], need_all: bool) -> Vec<usize> {
        let n = query.len();
        let mut scored: Vec<(usize, u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let (found, score) = self.score(e, query);
                let ok = if need_all { found == n } else { found > 0 };
                ok.then_some((found, score, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        scored.into_iter().map(|(_, _, i)| i).collect()
    }

    /// The known word closest to `w` (its stem is unknown), if close enough.
    fn correct(&self, w: &str) -> Option<String> {
        let len = w.chars().count();
        if len < 4 || w.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let max = if len >= 8 { 2 } else { 1 };
        self.vocabulary
            .values()
            .map(|v| (distance(w, v, max), v))
            .filter(|(d, _)| *d <= max)
            .min_by(|a, b| a.0.cmp(&b.0).then(a.1.len().cmp(&b.1.len())))
            .map(|(_, v)| v.clone())
    }

    /// Searches: every entry when the query has no words.
    pub fn search(&self, q: &str) -> SearchOutcome {
        let raw = words(q);
        if raw.is_empty() {
            return SearchOutcome {
                matches: (0..self.entries.len()).collect(),
                ..SearchOutcome::default()
            };
        }
        let stems: Vec<String> = raw.iter().map(|w| stem(w)).collect();
        let matches = self.ranked(&stems, true);
        if !matches.is_empty() {
            return SearchOutcome {
                matches,
                ..SearchOutcome::default()
            };
        }
        // Did you mean: unknown words (neither a known stem nor, for the
        // last word, the start of one) replaced by the closest known word.
        let n = raw.len();
        let mut changed = false;
        let corrected: Vec<String> = raw
            .iter()
            .zip(&stems)
            .enumerate()
            .map(|(i, (w, s))| {
                let known = self.vocabulary.contains_key(s)
                    || (i + 1 == n
                        && s.len() >= 3
                        && self.vocabulary.keys().any(|k| k.starts_with(s.as_str())));
                match (known, self.correct(w)) {
                    (false, Some(c)) => {
                        changed = true;
                        c
                    }
                    _ => w.clone(),
                }
            })
            .collect();
        if changed {
            let c_stems: Vec<String> = corrected.iter().map(|w| stem(w)).collect();
            let found = self.ranked(&c_stems, true);
            if !found.is_empty() {
                return SearchOutcome {
                    matches: Vec::new(),
                    did_you_mean: Some(corrected.join(" ")),
                    suggestions: found,
                };
            }
            return SearchOutcome {
                matches: Vec::new(),
                did_you_mean: None,
                suggestions: self.ranked(&c_stems, false),
            };
        }
        SearchOutcome {
            matches: Vec::new(),
            did_you_mean: None,
            suggestions: self.ranked(&stems, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_their_base_word() {
        for (a, b) in [
            ("scans", "scan"),
            ("screening", "screen"),
            ("biopsies", "biopsy"),
            ("having", "have"),
            ("tests", "test"),
            ("images", "imaging"),
            ("xrays", "xray"),
            ("knees", "knee"),
            ("patches", "patch"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("urinalysis"), "urinalysis");
        assert_eq!(stem("84153"), "84153");
    }

    #[test]
    fn words_drop_small_words_and_join_hyphens() {
        assert_eq!(words("CT scan of the head"), vec!["ct", "scan", "head"]);
        assert_eq!(words("X-Ray, lower back"), vec!["xray", "lower", "back"]);
        assert_eq!(words("84153-84154"), vec!["84153", "84154"]);
        assert_eq!(words("Women’s C-section"), vec!["womens", "csection"]);
    }

    fn index() -> SearchIndex {
        let mut ix = SearchIndex::new();
        ix.add(&[
            (PhraseKind::Code, "45378"),
            (PhraseKind::PlainName, "Colonoscopy"),
            (
                PhraseKind::Official,
                "Diagnostic examination of large bowel using an endoscope",
            ),
        ]);
        ix.add(&[
            (PhraseKind::Code, "45380"),
            (PhraseKind::PlainName, "Colonoscopy with biopsy"),
        ]);
        ix.add(&[
            (PhraseKind::Code, "73721"),
            (PhraseKind::PlainName, "MRI of the knee"),
            (PhraseKind::Synonym, "knee MRI"),
        ]);
        ix
    }

    #[test]
    fn ranks_the_closest_phrase_first() {
        let ix = index();
        assert_eq!(ix.search("colonoscopy").matches, vec![0, 1]);
        assert_eq!(ix.search("colonoscopies with biopsies").matches, vec![1]);
        assert_eq!(
            ix.search("colono").matches,
            vec![0, 1],
            "a word being typed"
        );
        assert_eq!(ix.search("MRI knee").matches, vec![2]);
        assert_eq!(ix.search("4537").matches, vec![0]);
        assert_eq!(ix.search("").matches, vec![0, 1, 2]);
    }

    #[test]
    fn did_you_mean_when_nothing_matches() {
        let ix = index();
        let out = ix.search("colonscopy");
        assert!(out.matches.is_empty());
        assert_eq!(out.did_you_mean.as_deref(), Some("colonoscopy"));
        assert_eq!(out.suggestions, vec![0, 1]);
        // known words that never meet: the entries with most of them
        let out = ix.search("knee biopsy");
        assert_eq!(out.did_you_mean, None);
        assert_eq!(out.suggestions.len(), 2);
        let out = ix.search("zzzz");
        assert_eq!(out, SearchOutcome::default());
    }
}
