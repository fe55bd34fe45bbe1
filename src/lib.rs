//! # portal-web
//!
//! The browser app of the member portal: Leptos 0.8, client-side rendered,
//! one single-page app on `leptos_router`, split by route in the release
//! build. Rules (credential policy, registration validation, member IDs,
//! money, the route table) come from `portal-domain`, the same crate the
//! server uses, so the browser and the server never disagree.
//!
//! * [`app`]: the route table and the split pages.
//! * [`api`]: typed HTTP client, one file per resource.
//! * [`state`]: typed contexts (the session).
//! * [`pages`]: one module per route.
//! * [`components`]: reusable UI.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod pages;
pub mod state;

pub use app::App;
