//! Every HTTP-level test of portal-server in one test binary: one link
//! instead of one per file (CI disk space and build time). Each module
//! starts its own servers on loopback ports with their own databases.

#![allow(clippy::unwrap_used)]

mod abuse_http;
mod access_log_http;
mod alert_delivery_http;
mod api_http;
mod auth_http;
mod billing_http;
mod billing_statements_http;
mod card_share_http;
mod claims_http;
mod clock_http;
mod common;
mod concurrency_http;
mod data_export_http;
mod directory_http;
mod eob_http;
mod estimate_http;
mod fhir_directory_http;
mod hardening_http;
mod help_http;
mod home_http;
mod legacy_http;
mod lockout_dos_http;
mod messages_http;
mod oauth_http;
mod openapi_http;
mod outbox_http;
mod payment_crash_http;
mod plan_cancel_http;
mod plans_http;
mod policy_http;
mod provider_bills_http;
mod provider_http;
mod register_http;
mod security_http;
mod slow_client_http;
mod two_step_code_http;
mod virtual_care_http;
