//! # portal-web
//!
//! The browser app of the member portal: Leptos 0.8, client-side rendered,
//! built with trunk. Rules (credential policy, registration validation,
//! member IDs, money) come from `portal-domain`, the same crate the server
//! uses, so the browser and the server never disagree.
//!
//! * [`app`]: each entry's page table; [`router`]: client-side navigation.
//! * [`api`]: typed HTTP client, one file per resource.
//! * [`state`]: typed contexts (the session).
//! * [`pages`]: one module per route.
//! * [`components`]: reusable UI.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod pages;
pub mod router;
pub mod state;

pub use app::{AccountApp, App, HomeApp, MemberApp, PlansApp, SignInApp};
