//! # portal-domain
//!
//! Pure types and rules of the member portal. Everything here builds for
//! `wasm32-unknown-unknown` (the browser validates with it for instant
//! feedback) **and** natively (the server validates with it because it trusts
//! no client). No UI, no IO, no clock: callers pass "today" in where a rule
//! needs it.
//!
//! * [`credentials`]: the credential policy (username and password rules,
//!   with presets), each rule with a stable code and a plain message.
//! * [`claims`]: claims, their amount rules, and the shared filter rules.
//! * [`cost`]: the cost-sharing engine (deductible, copay, coinsurance, out-of-pocket maximum).
//! * [`plans`]: plans as shopped for (type, metal tier, premiums), comparison, API bodies.
//! * [`whatif`]: a household's expected yearly cost under each plan.
//! * [`estimate`]: the procedure cost estimator (bundles, screening or diagnostic).
//! * [`search`]: word search in members' own words (stems, did you mean).
//! * [`dates`]: ISO dates without chrono's format machinery.
//! * [`legacy`]: the first sign-in with the old site's ID number and PIN.
//! * [`member_id`]: the member ID as printed on the card and as typed.
//! * [`money`]: integer cents, never floats, with the rounding rule.
//! * [`registration`]: validation of the registration form, field by field.
//! * [`problem`]: RFC 9457 problem details and field errors, shared by the
//!   server (which writes them) and the browser (which reads them).
//! * [`api`]: the JSON bodies of the HTTP API.
//! * [`account`]: account security (two-step verification, recovery,
//!   settings, sign-in history, sessions): bodies and rules (contact email
//!   and US phone validation are used by notification preferences).
//! * [`family`]: who in a household may see whose information (consent).
//! * [`alerts`]: alerts computed from a member's data, preventive care rules.
//! * [`home`]: the dashboard body, spending picture, sharing, notification preferences.
//! * [`help`]: the help centre: contact lines and their hours, answers
//!   written from the credential policy, supported browsers, the glossary.
//! * [`billing`]: premium statements, payments, cards and bank checks, autopay.
//! * [`messages`]: secure messages to member services and technical support
//!   (topics, length and attachment rules, reference numbers), staff roles.
//! * [`provider`]: healthcare providers: provider ID, tax ID, NPI, registration,
//!   eligibility, claim status and remittances.
//! * [`data_access`]: apps a member connects (SMART scopes, consent, connected apps).
//! * [`data_export`]: "download all my data" archives.
//! * [`routes`]: the web app's pages and their addresses (the one route table).

mod code_enum;

pub mod account;
pub mod alerts;
pub mod api;
pub mod billing;
pub mod care;
pub mod claims;
pub mod cost;
pub mod credentials;
pub mod data_access;
pub mod data_export;
pub mod dates;
pub mod delivery;
pub mod estimate;
pub mod family;
pub mod forms;
pub mod help;
pub mod home;
pub mod legacy;
pub mod member_id;
pub mod messages;
pub mod money;
pub mod plans;
pub mod problem;
pub mod provider;
pub mod registration;
pub mod routes;
pub mod search;
pub mod two_step_code;
pub mod whatif;

pub use credentials::{CredentialPolicy, PolicyPreset, Rule, RuleCheck};
pub use member_id::MemberId;
pub use money::Money;
pub use problem::{FieldError, FieldErrors, ProblemDetails};
