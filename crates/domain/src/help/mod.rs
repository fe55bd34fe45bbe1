//! The help centre's rules and data types, shared by the server (which
//! serves the contact directory and the glossary) and the browser (which
//! says whether a line is open in the visitor's time zone, writes the
//! username and password answers from the rules in force, and checks the
//! visitor's browser).
//!
//! * [`hours`]: a line's opening hours in Eastern time, open now or not.
//! * [`contacts`]: the configured contact lines, per audience.
//! * [`answers`]: the questions and answers, written from the policy.
//! * [`browsers`]: the supported browsers and a user agent's support.
//! * [`glossary`]: glossary entries, slugs, related terms and search.

pub mod answers;
pub mod browsers;
pub mod contacts;
pub mod glossary;
pub mod hours;
