//! The help centre's data: the contact directory (configured with
//! `--help-contacts`, or the fictional demo directory in
//! `data/help_contacts.json`) and the glossary (`data/glossary.json`, the
//! HealthCare.gov glossary, see `data/README.md`), both read and checked
//! once at start-up.

use anyhow::Context;
use portal_domain::help::contacts::ContactDirectory;
use portal_domain::help::glossary::{self, GlossaryEntry};
use serde::Deserialize;
use std::path::Path;

/// The demo contact directory (fictional numbers).
const DEMO_CONTACTS: &str = include_str!("../data/help_contacts.json");
/// The glossary as copied by `scripts/import-glossary.mjs`.
const GLOSSARY: &str = include_str!("../data/glossary.json");

/// The glossary file's shape.
#[derive(Deserialize)]
struct GlossaryFile {
    source: String,
    terms: Vec<GlossaryRow>,
}

#[derive(Deserialize)]
struct GlossaryRow {
    term: String,
    definition: String,
}

/// What the help endpoints serve.
#[derive(Debug)]
pub struct HelpData {
    /// Who to call.
    pub contacts: ContactDirectory,
    /// Where the glossary comes from.
    pub glossary_source: String,
    /// The glossary, A to Z.
    pub glossary: Vec<GlossaryEntry>,
}

impl HelpData {
    /// Reads the directory from `contacts_file` (or the demo one) and the
    /// glossary; an unreadable or inconsistent directory stops start-up
    /// with the reason.
    pub fn load(contacts_file: Option<&Path>) -> anyhow::Result<Self> {
        let text = match contacts_file {
            Some(path) => std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?,
            None => DEMO_CONTACTS.to_string(),
        };
        let contacts = parse_contacts(&text)?;
        let file: GlossaryFile =
            serde_json::from_str(GLOSSARY).context("reading data/glossary.json")?;
        Ok(Self {
            contacts,
            glossary_source: file.source,
            glossary: glossary::build(file.terms.into_iter().map(|r| (r.term, r.definition))),
        })
    }

    /// The entry with this slug.
    pub fn term(&self, slug: &str) -> Option<&GlossaryEntry> {
        self.glossary.iter().find(|e| e.slug == slug)
    }
}

/// Parses and checks a contact directory.
pub fn parse_contacts(text: &str) -> anyhow::Result<ContactDirectory> {
    let directory: ContactDirectory =
        serde_json::from_str(text).context("the help contacts are not valid JSON")?;
    directory
        .check()
        .map_err(|e| anyhow::anyhow!("help contacts: {e}"))?;
    Ok(directory)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn demo_data_loads() {
        let data = HelpData::load(None).unwrap();
        assert_eq!(data.glossary.len(), 225, "226 rows, one repeated");
        let ids: Vec<&str> = data
            .contacts
            .audiences
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["members", "providers", "brokers", "technical-support"]
        );
        let members = data.contacts.audience("members").unwrap();
        let langs: Vec<&str> = members
            .lines
            .iter()
            .filter_map(|l| l.lang.as_deref())
            .collect();
        assert_eq!(langs, ["es", "zh", "ko"]);
        assert!(members
            .lines
            .iter()
            .all(|l| l.tty.as_deref() == Some("711")));
        for slug in [
            "deductible",
            "coinsurance",
            "copayment",
            "out-of-pocket-maximum-limit",
            "allowed-amount",
            "balance-billing",
            "premium",
            "prior-authorization",
            "network",
            "formulary",
            "preventive-services",
            "health-savings-account-hsa",
        ] {
            assert!(data.term(slug).is_some(), "{slug}");
        }
        let oop = data.term("out-of-pocket-maximum-limit").unwrap();
        assert!(oop.related.iter().any(|r| r.slug == "deductible"));
    }

    #[test]
    fn bad_directories_are_refused() {
        assert!(parse_contacts("{").is_err());
        assert!(
            parse_contacts(r#"{"audiences":[{"id":"x","title":"X","intro":"","lines":[]}]}"#)
                .is_err()
        );
        let bad_time = DEMO_CONTACTS.replacen("\"18:00\"", "\"25:00\"", 1);
        assert!(parse_contacts(&bad_time).is_err());
        assert!(parse_contacts(DEMO_CONTACTS).is_ok());
    }
}
