//! # portal-web
//!
//! The browser app of the member portal: Leptos 0.8, client-side rendered,
//! built with trunk. Rules (credential policy, registration validation,
//! member IDs, money) come from `portal-domain`, the same crate the server
//! uses, so the browser and the server never disagree.
//!
//! * [`api`]: typed HTTP client, one file per resource.
//! * [`state`]: typed contexts (the session).
//! * [`pages`]: one module per route.
//! * [`components`]: reusable UI.

pub mod api;
pub mod browser;
pub mod components;
pub mod pages;
pub mod state;

use components::Shell;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use pages::{
    AccountPage, CardsPage, ClaimDetailPage, ClaimsListPage, DashboardPage, ForgotPasswordPage,
    ForgotUsernamePage, LoginPage, NotFoundPage, RegisterPage, UnlockPage,
};

/// The whole app: the session context and the router.
///
/// * `/login`, `/register`, `/forgot-username`, `/forgot-password`, `/unlock`: public.
/// * `/`, `/cards`, `/claims`, `/claims/:id`, `/account`: inside the signed-in [`Shell`], which sends signed-out
///   visitors to `/login?next=<path>`.
/// * anything else: [`NotFoundPage`].
#[component]
pub fn App() -> impl IntoView {
    state::session::provide_session();
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/register") view=RegisterPage />
                <Route path=path!("/forgot-username") view=ForgotUsernamePage />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/unlock") view=UnlockPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("cards") view=CardsPage />
                    <Route path=path!("claims") view=ClaimsListPage />
                    <Route path=path!("claims/:id") view=ClaimDetailPage />
                    <Route path=path!("account") view=AccountPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
