//! The router: each entry's page table (see [`portal_domain::entries`]).
//!
//! * [`SignInApp`]: `/login`, `/register`; public.
//! * [`RecoveryApp`]: `/forgot-username`, `/forgot-password`, `/unlock`; public.
//! * [`MemberApp`]: `/` (dashboard), `/alerts`, `/id-card` (and its older
//!   address `/cards`); anything else is the [`NotFoundPage`].
//! * [`ClaimsApp`]: `/claims`, `/claims/:id`.
//! * [`PlansApp`]: `/plans`, `/estimate`.
//! * [`AccountApp`]: `/account` (settings and security),
//!   `/account/notifications`, `/account/sharing`.
//! * [`App`]: every page in one bundle, for `trunk serve` (`make dev`),
//!   where one HTML file answers every path.
//!
//! Signed-in pages sit inside one [`Shell`] that stays mounted while the
//! member moves between the pages of an entry; it sends signed-out visitors
//! to `/login?next=<path>`.

use crate::components::Shell;
use crate::pages::{
    AccountPage, AlertsPage, ClaimDetailPage, ClaimsListPage, DashboardPage, EstimatePage,
    ForgotPasswordPage, ForgotUsernamePage, IdCardsPage, LoginPage, NotFoundPage,
    NotificationsPage, PlansPage, RegisterPage, SharingPage, UnlockPage,
};
use crate::router::{provide_router, Location};
use crate::state::session::provide_session;
use leptos::prelude::*;
use portal_domain::entries::{entry_for, Entry};

/// A path without its trailing slash (`/` stays `/`).
fn normalized(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        p => p,
    }
}

/// The pages of the sign-in entry (public).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SignInPage {
    Login,
    Register,
}

impl SignInPage {
    fn for_path(path: &str) -> Option<Self> {
        Some(match normalized(path) {
            "/login" => Self::Login,
            "/register" => Self::Register,
            _ => return None,
        })
    }

    fn view(self) -> AnyView {
        match self {
            Self::Login => view! { <LoginPage /> }.into_any(),
            Self::Register => view! { <RegisterPage /> }.into_any(),
        }
    }
}

/// The pages of the recovery entry (public).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecoveryPage {
    ForgotUsername,
    ForgotPassword,
    Unlock,
}

impl RecoveryPage {
    fn for_path(path: &str) -> Option<Self> {
        Some(match normalized(path) {
            "/forgot-username" => Self::ForgotUsername,
            "/forgot-password" => Self::ForgotPassword,
            "/unlock" => Self::Unlock,
            _ => return None,
        })
    }

    fn view(self) -> AnyView {
        match self {
            Self::ForgotUsername => view! { <ForgotUsernamePage /> }.into_any(),
            Self::ForgotPassword => view! { <ForgotPasswordPage /> }.into_any(),
            Self::Unlock => view! { <UnlockPage /> }.into_any(),
        }
    }
}

/// The pages of the member entry (signed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MemberPage {
    Dashboard,
    Alerts,
    IdCards,
}

impl MemberPage {
    fn for_path(path: &str) -> Option<Self> {
        Some(match normalized(path) {
            "/" => Self::Dashboard,
            "/alerts" => Self::Alerts,
            "/id-card" | "/cards" => Self::IdCards,
            _ => return None,
        })
    }

    fn view(self) -> AnyView {
        match self {
            Self::Dashboard => view! { <DashboardPage /> }.into_any(),
            Self::Alerts => view! { <AlertsPage /> }.into_any(),
            Self::IdCards => view! { <IdCardsPage /> }.into_any(),
        }
    }
}

/// The pages of the claims entry (signed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClaimsPageKind {
    List,
    /// `/claims/:id` (`None`: the id is not a number).
    Detail(Option<i64>),
}

impl ClaimsPageKind {
    fn for_path(path: &str) -> Option<Self> {
        Some(match normalized(path) {
            "/claims" => Self::List,
            p => match p.strip_prefix("/claims/") {
                Some(id) if !id.contains('/') => Self::Detail(id.parse().ok()),
                _ => return None,
            },
        })
    }

    fn view(self) -> AnyView {
        match self {
            Self::List => view! { <ClaimsListPage /> }.into_any(),
            Self::Detail(id) => view! { <ClaimDetailPage id=id /> }.into_any(),
        }
    }
}

/// The pages of the plans entry (signed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PlansPageKind {
    Plans,
    Estimate,
}

impl PlansPageKind {
    fn for_path(path: &str) -> Option<Self> {
        Some(match normalized(path) {
            "/plans" => Self::Plans,
            "/estimate" => Self::Estimate,
            _ => return None,
        })
    }

    fn view(self) -> AnyView {
        match self {
            Self::Plans => view! { <PlansPage /> }.into_any(),
            Self::Estimate => view! { <EstimatePage /> }.into_any(),
        }
    }
}

/// The pages of the account entry (signed in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AccountPageKind {
    Settings,
    Notifications,
    Sharing,
}

impl AccountPageKind {
    fn for_path(path: &str) -> Option<Self> {
        match normalized(path) {
            "/account" => Some(Self::Settings),
            "/account/notifications" => Some(Self::Notifications),
            "/account/sharing" => Some(Self::Sharing),
            _ => None,
        }
    }

    fn view(self) -> AnyView {
        match self {
            Self::Settings => view! { <AccountPage /> }.into_any(),
            Self::Notifications => view! { <NotificationsPage /> }.into_any(),
            Self::Sharing => view! { <SharingPage /> }.into_any(),
        }
    }
}

/// Public pages for the current path; unknown paths get the not-found page.
fn public_pages<P>(
    location: Location,
    for_path: fn(&str) -> Option<P>,
    show: fn(P) -> AnyView,
) -> AnyView
where
    P: Copy + PartialEq + Send + Sync + 'static,
{
    let page = Memo::new(move |_| location.pathname.with(|p| for_path(p)));
    (move || match page.get() {
        Some(p) => show(p),
        None => view! { <NotFoundPage /> }.into_any(),
    })
    .into_any()
}

/// Signed-in pages for the current path, inside one [`Shell`] that stays
/// mounted while the page changes; unknown paths get the not-found page.
fn shell_pages<P>(
    location: Location,
    for_path: fn(&str) -> Option<P>,
    show: fn(P) -> AnyView,
) -> AnyView
where
    P: Copy + PartialEq + Send + Sync + 'static,
{
    let page = Memo::new(move |_| location.pathname.with(|p| for_path(p)));
    let known = Memo::new(move |_| page.with(Option::is_some));
    (move || {
        if !known.get() {
            return view! { <NotFoundPage /> }.into_any();
        }
        view! { <Shell>{move || page.get().map(show)}</Shell> }.into_any()
    })
    .into_any()
}

/// The pages of one entry for the current path (the development bundle).
fn entry_pages(entry: Entry, location: Location) -> AnyView {
    match entry {
        Entry::SignIn => public_pages(location, SignInPage::for_path, SignInPage::view),
        Entry::Recovery => public_pages(location, RecoveryPage::for_path, RecoveryPage::view),
        Entry::Claims => shell_pages(location, ClaimsPageKind::for_path, ClaimsPageKind::view),
        Entry::Member => shell_pages(location, MemberPage::for_path, MemberPage::view),
        Entry::Plans => shell_pages(location, PlansPageKind::for_path, PlansPageKind::view),
        Entry::Account => shell_pages(location, AccountPageKind::for_path, AccountPageKind::view),
    }
}

/// The sign-in entry.
#[component]
pub fn SignInApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::SignIn);
    // Each entry names only its own pages, so its bundle holds nothing else.
    public_pages(location, SignInPage::for_path, SignInPage::view)
}

/// The recovery entry.
#[component]
pub fn RecoveryApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::Recovery);
    public_pages(location, RecoveryPage::for_path, RecoveryPage::view)
}

/// The claims entry.
#[component]
pub fn ClaimsApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::Claims);
    shell_pages(location, ClaimsPageKind::for_path, ClaimsPageKind::view)
}

/// The member entry.
#[component]
pub fn MemberApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::Member);
    shell_pages(location, MemberPage::for_path, MemberPage::view)
}

/// The plans entry.
#[component]
pub fn PlansApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::Plans);
    shell_pages(location, PlansPageKind::for_path, PlansPageKind::view)
}

/// The account entry.
#[component]
pub fn AccountApp() -> impl IntoView {
    provide_session();
    let location = provide_router(|p| entry_for(p) == Entry::Account);
    shell_pages(location, AccountPageKind::for_path, AccountPageKind::view)
}

/// Every page in one bundle (development with `trunk serve`).
#[component]
pub fn App() -> impl IntoView {
    provide_session();
    let location = provide_router(|_| true);
    let entry = Memo::new(move |_| location.pathname.with(|p| entry_for(p)));
    move || entry_pages(entry.get(), location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_and_claims_paths() {
        assert_eq!(MemberPage::for_path("/"), Some(MemberPage::Dashboard));
        assert_eq!(MemberPage::for_path(""), Some(MemberPage::Dashboard));
        assert_eq!(MemberPage::for_path("/cards"), Some(MemberPage::IdCards));
        assert_eq!(MemberPage::for_path("/id-card/"), Some(MemberPage::IdCards));
        assert_eq!(MemberPage::for_path("/alerts"), Some(MemberPage::Alerts));
        assert_eq!(MemberPage::for_path("/alerts/3"), None);
        assert_eq!(MemberPage::for_path("/nowhere"), None);
        let cases = [
            ("/claims/", Some(ClaimsPageKind::List)),
            ("/claims/42", Some(ClaimsPageKind::Detail(Some(42)))),
            ("/claims/abc", Some(ClaimsPageKind::Detail(None))),
            ("/claims/4/x", None),
            ("/claimsx", None),
        ];
        for (path, page) in cases {
            assert_eq!(ClaimsPageKind::for_path(path), page, "{path}");
        }
    }

    #[test]
    fn other_entries_paths() {
        assert_eq!(SignInPage::for_path("/login"), Some(SignInPage::Login));
        assert_eq!(
            SignInPage::for_path("/register/"),
            Some(SignInPage::Register)
        );
        assert_eq!(SignInPage::for_path("/unlock"), None);
        assert_eq!(
            RecoveryPage::for_path("/unlock"),
            Some(RecoveryPage::Unlock)
        );
        assert_eq!(SignInPage::for_path("/login/x"), None);
        assert_eq!(
            PlansPageKind::for_path("/estimate"),
            Some(PlansPageKind::Estimate)
        );
        assert_eq!(
            AccountPageKind::for_path("/account/"),
            Some(AccountPageKind::Settings)
        );
        assert_eq!(
            AccountPageKind::for_path("/account/sharing/"),
            Some(AccountPageKind::Sharing)
        );
        assert_eq!(
            AccountPageKind::for_path("/account/notifications"),
            Some(AccountPageKind::Notifications)
        );
        assert_eq!(AccountPageKind::for_path("/account/x"), None);
    }

    #[test]
    fn every_entry_page_belongs_to_its_entry() {
        for path in ["/login", "/register"] {
            assert!(SignInPage::for_path(path).is_some(), "{path}");
            assert_eq!(entry_for(path), Entry::SignIn, "{path}");
        }
        for path in ["/forgot-username", "/forgot-password", "/unlock"] {
            assert!(RecoveryPage::for_path(path).is_some(), "{path}");
            assert_eq!(entry_for(path), Entry::Recovery, "{path}");
        }
        for path in ["/", "/alerts", "/id-card", "/cards"] {
            assert!(MemberPage::for_path(path).is_some(), "{path}");
            assert_eq!(entry_for(path), Entry::Member, "{path}");
        }
        for path in ["/claims", "/claims/1"] {
            assert!(ClaimsPageKind::for_path(path).is_some(), "{path}");
            assert_eq!(entry_for(path), Entry::Claims, "{path}");
        }
        for path in ["/plans", "/estimate"] {
            assert_eq!(entry_for(path), Entry::Plans, "{path}");
        }
        for path in ["/account", "/account/notifications", "/account/sharing"] {
            assert!(AccountPageKind::for_path(path).is_some(), "{path}");
            assert_eq!(entry_for(path), Entry::Account, "{path}");
        }
    }
}
