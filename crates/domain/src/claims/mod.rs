//! Claims as payers report them (modelled on the CARIN Blue Button
//! ExplanationOfBenefit), their amount invariants, and the filter rules the
//! browser and the server share.

pub mod eob;
pub mod filter;
pub mod model;

pub use filter::{
    check_date_order, compare_claims, sort_claims, sort_prefix, ClaimFilter, DatePreset, SortDir,
    SortKey,
};
pub use model::{
    search_text, AmountRule, Amounts, CareRole, Claim, ClaimLine, ClaimStatus, ClaimSummary,
    ClaimType, Clinician, Network, Provider, ServiceCategory,
};
