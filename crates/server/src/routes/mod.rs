//! HTTP handlers (HTTP only: parsing, status codes). Rules come from
//! `portal-domain`; storage from `db`.

pub mod auth;
pub mod claims;
pub mod client;
pub mod coverage;
pub mod estimate;
pub mod home;
pub mod meta;
pub mod plans;
