//! One module per route.

pub mod account;
pub mod cards;
pub mod claims;
pub mod dashboard;
pub mod estimate;
pub mod login;
pub mod login_two_step;
pub mod not_found;
pub mod plans;
pub mod recovery;
pub mod register;

pub use account::AccountPage;
pub use cards::CardsPage;
pub use claims::{ClaimDetailPage, ClaimsListPage};
pub use dashboard::DashboardPage;
pub use estimate::EstimatePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use plans::PlansPage;
pub use recovery::{ForgotPasswordPage, ForgotUsernamePage, UnlockPage};
pub use register::RegisterPage;

use crate::browser::{focus_id, set_title};
use crate::components::shell::MAIN_ID;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether a page has been shown before in this visit (the first one keeps
/// the browser's initial focus).
static SHOWN_BEFORE: AtomicBool = AtomicBool::new(false);

/// Per-page setup: sets the document title and, after a client-side
/// navigation, moves focus to `<main>` so keyboard and screen-reader users
/// start at the new page's content (as a full page load would).
pub fn page(title: &'static str) {
    set_title(title);
    Effect::new(move |_| {
        if SHOWN_BEFORE.swap(true, Ordering::Relaxed) {
            focus_id(MAIN_ID);
        }
    });
}
