//! Healthcare providers (issue 13): how a provider is identified and
//! registers, and the provider home's eligibility, claim status and
//! remittance bodies. Provider accounts use the provider credential preset
//! ([`registration::PROVIDER_PRESET`]) whatever the members' preset is.

pub mod api;
pub mod identity;
pub mod registration;

pub use api::*;
pub use identity::{npi_check_digit, npi_valid, ProviderId, TaxId};
pub use registration::*;
