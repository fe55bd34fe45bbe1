//! HTTP handlers (HTTP only: parsing, status codes). Rules come from
//! `portal-domain`; storage from `db`.

pub mod account;
pub mod auth;
pub mod billing;
pub mod card_share;
pub mod claims;
pub mod client;
pub mod coverage;
pub mod data_export;
pub mod dev;
pub mod directory;
pub mod estimate;
pub mod family;
pub mod fhir;
pub mod fhir_directory;
pub mod help;
pub mod home;
pub mod legacy;
pub mod messages;
pub mod meta;
pub mod oauth;
pub mod plans;
pub mod provider;
pub mod provider_bills;
pub mod recovery;
pub mod two_step;
pub mod two_step_code;
pub mod virtual_care;
