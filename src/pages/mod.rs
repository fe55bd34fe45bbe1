//! One module per route.

pub mod account;
pub mod billing;
pub mod claims;
pub mod estimate;
pub mod find_care;
pub mod help;
pub mod home;
pub mod login;
pub mod login_legacy;
pub mod login_two_step;
pub mod messages;
pub mod not_found;
pub mod plans;
pub mod provider;
pub mod recovery;
pub mod register;
pub mod support;
pub mod virtual_care;

pub use account::connect_app::ConnectAppPage;
pub use account::data::AccountDataPage;
pub use account::{AccountPage, NotificationsPage, SharingPage};
pub use billing::{BillingPage, PayPremiumPage, PaymentReceiptPage, ProviderBillsPage};
pub use claims::{ClaimDetailPage, ClaimDetailRoutePage, ClaimsListPage};
pub use estimate::EstimatePage;
pub use find_care::{FindCarePage, ProviderListingRoutePage};
pub use help::{
    AppealsRightsPage, GlossaryPage, GlossaryTermRoutePage, HelpPage, NondiscriminationPage,
    SurpriseBillingPage,
};
pub use home::{AlertsPage, DashboardPage, IdCardsPage};
pub use login::LoginPage;
pub use messages::{MessageThreadPage, MessagesPage};
pub use not_found::NotFoundPage;
pub use plans::PlansPage;
pub use provider::{
    ProviderAccountPage, ProviderClaimsPage, ProviderEligibilityPage, ProviderHomePage,
    ProviderRecoverPage, ProviderRegisterPage, ProviderRemittancesPage,
};
pub use recovery::{ForgotPasswordPage, ForgotUsernamePage, UnlockPage};
pub use register::RegisterPage;
pub use support::{SupportPage, SupportThreadPage};
pub use virtual_care::{VirtualCarePage, VirtualVisitRoutePage};

use crate::api::ApiError;
use crate::browser::{focus_id, set_title};
use crate::components::shell::MAIN_ID;
use crate::components::ErrorPanel;
use crate::state::session::Session;
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

/// Shows a failed load, and ends the session on the screen when the server
/// says it is gone (the shell then sends the member to sign in).
pub(crate) fn load_error(
    session: Session,
    title: &'static str,
    error: &ApiError,
    retry: Callback<()>,
) -> AnyView {
    session.handle_error(error);
    view! { <ErrorPanel title=title message=error.message() on_retry=retry /> }.into_any()
}

/// A polite "loading" status line.
pub(crate) fn loading(text: &'static str) -> AnyView {
    view! {
        <p class="loading" role="status">
            {text}
        </p>
    }
    .into_any()
}
