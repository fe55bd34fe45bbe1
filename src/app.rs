//! The router: each entry's page table (see [`portal_domain::entries`]).
//!
//! * [`SignInApp`]: `/login`, `/register`; public.
//! * [`MemberApp`]: `/claims`, `/claims/:id` inside the signed-in [`Shell`]
//!   (which sends signed-out visitors to `/login?next=<path>`); anything
//!   else is the [`NotFoundPage`].
//! * [`PlansApp`]: `/plans`, `/estimate`, inside the signed-in [`Shell`].
//! * [`HomeApp`]: `/` (dashboard), `/alerts`, `/id-card` (and `/cards`).
//! * [`AccountApp`]: `/account/notifications`, `/account/sharing`.
//! * [`App`]: every page in one bundle, for `trunk serve` (`make dev`),
//!   where one HTML file answers every path.

use crate::components::Shell;
use crate::pages::{
    AlertsPage, ClaimDetailPage, ClaimsListPage, DashboardPage, EstimatePage, IdCardsPage,
    LoginPage, NotFoundPage, NotificationsPage, PlansPage, RegisterPage, SharingPage,
};
use crate::router::{provide_router, Location};
use crate::state::session::provide_session;
use leptos::prelude::*;
use portal_domain::entries::{entry_for, Entry};

/// A page of the sign-in entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SignInPage {
    Login,
    Register,
    NotFound,
}

impl SignInPage {
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/login" => Self::Login,
            "/register" => Self::Register,
            _ => Self::NotFound,
        }
    }
}

/// A page of the member entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MemberPage {
    Claims,
    /// `/claims/:id` (`None`: the id is not a number).
    ClaimDetail(Option<i64>),
    NotFound,
}

impl MemberPage {
    fn for_path(path: &str) -> Self {
        let path = path.trim_end_matches('/');
        match path {
            "/claims" => Self::Claims,
            _ => match path.strip_prefix("/claims/") {
                Some(id) if !id.contains('/') => Self::ClaimDetail(id.parse().ok()),
                _ => Self::NotFound,
            },
        }
    }
}

/// The sign-in entry's pages for the current path.
fn sign_in_pages(location: Location) -> impl IntoView {
    let page = Memo::new(move |_| location.pathname.with(|p| SignInPage::for_path(p)));
    move || match page.get() {
        SignInPage::Login => view! { <LoginPage /> }.into_any(),
        SignInPage::Register => view! { <RegisterPage /> }.into_any(),
        SignInPage::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The member entry's pages for the current path: the signed-in ones inside
/// one [`Shell`] that stays mounted while the member moves between them.
fn member_pages(location: Location) -> impl IntoView {
    let page = Memo::new(move |_| location.pathname.with(|p| MemberPage::for_path(p)));
    let not_found = Memo::new(move |_| page.get() == MemberPage::NotFound);
    move || {
        if not_found.get() {
            return view! { <NotFoundPage /> }.into_any();
        }
        view! {
            <Shell>
                {move || match page.get() {
                    MemberPage::Claims => view! { <ClaimsListPage /> }.into_any(),
                    MemberPage::ClaimDetail(id) => view! { <ClaimDetailPage id=id /> }.into_any(),
                    MemberPage::NotFound => ().into_any(),
                }}
            </Shell>
        }
        .into_any()
    }
}

/// A page of the plans entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PlansPageKind {
    Plans,
    Estimate,
    NotFound,
}

impl PlansPageKind {
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/plans" => Self::Plans,
            "/estimate" => Self::Estimate,
            _ => Self::NotFound,
        }
    }
}

/// The plans entry's pages for the current path, inside the [`Shell`].
fn plans_pages(location: Location) -> impl IntoView {
    let page = Memo::new(move |_| location.pathname.with(|p| PlansPageKind::for_path(p)));
    let not_found = Memo::new(move |_| page.get() == PlansPageKind::NotFound);
    move || {
        if not_found.get() {
            return view! { <NotFoundPage /> }.into_any();
        }
        view! {
            <Shell>
                {move || match page.get() {
                    PlansPageKind::Plans => view! { <PlansPage /> }.into_any(),
                    PlansPageKind::Estimate => view! { <EstimatePage /> }.into_any(),
                    PlansPageKind::NotFound => ().into_any(),
                }}
            </Shell>
        }
        .into_any()
    }
}

/// A page of the home entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HomePageKind {
    Dashboard,
    Alerts,
    IdCards,
    NotFound,
}

impl HomePageKind {
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "" => Self::Dashboard,
            "/alerts" => Self::Alerts,
            "/id-card" | "/cards" => Self::IdCards,
            _ => Self::NotFound,
        }
    }
}

/// The home entry's pages for the current path, inside the [`Shell`].
fn home_pages(location: Location) -> impl IntoView {
    let page = Memo::new(move |_| location.pathname.with(|p| HomePageKind::for_path(p)));
    let not_found = Memo::new(move |_| page.get() == HomePageKind::NotFound);
    move || {
        if not_found.get() {
            return view! { <NotFoundPage /> }.into_any();
        }
        view! {
            <Shell>
                {move || match page.get() {
                    HomePageKind::Dashboard => view! { <DashboardPage /> }.into_any(),
                    HomePageKind::Alerts => view! { <AlertsPage /> }.into_any(),
                    HomePageKind::IdCards => view! { <IdCardsPage /> }.into_any(),
                    HomePageKind::NotFound => ().into_any(),
                }}
            </Shell>
        }
        .into_any()
    }
}

/// A page of the account entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AccountPageKind {
    Notifications,
    Sharing,
    NotFound,
}

impl AccountPageKind {
    fn for_path(path: &str) -> Self {
        match path.trim_end_matches('/') {
            "/account/notifications" => Self::Notifications,
            "/account/sharing" => Self::Sharing,
            _ => Self::NotFound,
        }
    }
}

/// The account entry's pages for the current path, inside the [`Shell`].
fn account_pages(location: Location) -> impl IntoView {
    let page = Memo::new(move |_| location.pathname.with(|p| AccountPageKind::for_path(p)));
    let not_found = Memo::new(move |_| page.get() == AccountPageKind::NotFound);
    move || {
        if not_found.get() {
            return view! { <NotFoundPage /> }.into_any();
        }
        view! {
            <Shell>
                {move || match page.get() {
                    AccountPageKind::Notifications => view! { <NotificationsPage /> }.into_any(),
                    AccountPageKind::Sharing => view! { <SharingPage /> }.into_any(),
                    AccountPageKind::NotFound => ().into_any(),
                }}
            </Shell>
        }
        .into_any()
    }
}

/// The home entry: session context and its pages.
#[component]
pub fn HomeApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|path| entry_for(path) == Entry::Home);
    home_pages(location)
}

/// The account entry: session context and its pages.
#[component]
pub fn AccountApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|path| entry_for(path) == Entry::Account);
    account_pages(location)
}

/// The sign-in entry: session context and its pages.
#[component]
pub fn SignInApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|path| entry_for(path) == Entry::SignIn);
    sign_in_pages(location)
}

/// The member entry: session context and its pages.
#[component]
pub fn MemberApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|path| entry_for(path) == Entry::Member);
    member_pages(location)
}

/// The plans entry: session context and its pages.
#[component]
pub fn PlansApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|path| entry_for(path) == Entry::Plans);
    plans_pages(location)
}

/// Every page in one bundle (development with `trunk serve`).
#[component]
pub fn App() -> impl IntoView {
    provide_session();
    let location = provide_router(|_| true);
    let entry = Memo::new(move |_| location.pathname.with(|p| entry_for(p)));
    move || match entry.get() {
        Entry::SignIn => sign_in_pages(location).into_any(),
        Entry::Plans => plans_pages(location).into_any(),
        Entry::Home => home_pages(location).into_any(),
        Entry::Account => account_pages(location).into_any(),
        Entry::Member => member_pages(location).into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_paths() {
        let cases = [
            ("/", MemberPage::NotFound),
            ("/claims/", MemberPage::Claims),
            ("/claims/42", MemberPage::ClaimDetail(Some(42))),
            ("/claims/abc", MemberPage::ClaimDetail(None)),
            ("/claims/4/x", MemberPage::NotFound),
            ("/nowhere", MemberPage::NotFound),
        ];
        for (path, page) in cases {
            assert_eq!(MemberPage::for_path(path), page, "{path}");
        }
    }

    #[test]
    fn home_and_account_paths() {
        let cases = [
            ("/", HomePageKind::Dashboard),
            ("/alerts/", HomePageKind::Alerts),
            ("/id-card", HomePageKind::IdCards),
            ("/cards", HomePageKind::IdCards),
            ("/alerts/3", HomePageKind::NotFound),
        ];
        for (path, page) in cases {
            assert_eq!(HomePageKind::for_path(path), page, "{path}");
        }
        assert_eq!(
            AccountPageKind::for_path("/account/notifications"),
            AccountPageKind::Notifications
        );
        assert_eq!(
            AccountPageKind::for_path("/account/sharing/"),
            AccountPageKind::Sharing
        );
        assert_eq!(
            AccountPageKind::for_path("/account"),
            AccountPageKind::NotFound
        );
    }

    #[test]
    fn sign_in_paths() {
        assert_eq!(SignInPage::for_path("/login"), SignInPage::Login);
        assert_eq!(SignInPage::for_path("/register/"), SignInPage::Register);
        assert_eq!(SignInPage::for_path("/unlock"), SignInPage::NotFound);
    }
}
