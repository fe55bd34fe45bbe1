//! The app: one [`leptos_router`] route table over every page.
//!
//! * The routes come from [`portal_domain::routes::Page`] (their addresses,
//!   which need sign-in, which split module holds their code), the same
//!   table the server answers pages from.
//! * Every page is a [`LazyRoute`]: in the release build (cargo feature
//!   `split`) its code is a split module fetched when the page is first
//!   shown ([`lazy`]), with retries and a message with a reload button when
//!   it cannot be fetched. Without the feature (`trunk serve`), the same
//!   routes are plain async views in one wasm.
//! * The signed-in [`Shell`] sits outside the routes and stays mounted while
//!   the member moves between signed-in pages; it sends visitors without a
//!   session to sign in and back.
//! * A section's code is fetched ahead when its link is hovered, touched or
//!   focused ([`prefetch`]).

mod lazy;
mod prefetch;

use crate::components::{ProviderShell, Shell};
use crate::pages::NotFoundPage;
use crate::state::session::{provide_session, use_session};
use lazy::{
    AccountDataRoute, AccountRoute, AlertsRoute, AppealsRightsRoute, BillingRoute,
    ClaimDetailRoute, ClaimsRoute, ConnectAppRoute, DashboardRoute, EstimateRoute, FindCareRoute,
    ForgotPasswordRoute, ForgotUsernameRoute, GlossaryRoute, GlossaryTermRoute, HelpRoute,
    IdCardsRoute, LoginRoute, MessageThreadRoute, MessagesRoute, NondiscriminationRoute,
    NotificationsRoute, PayPremiumRoute, PaymentReceiptRoute, PlansRoute, ProviderAccountRoute,
    ProviderBillsRoute, ProviderClaimsRoute, ProviderEligibilityRoute, ProviderHomeRoute,
    ProviderListingRoute, ProviderRecoverRoute, ProviderRegisterRoute, ProviderRemittancesRoute,
    RegisterRoute, SharingRoute, SupportRoute, SupportThreadRoute, SurpriseBillingRoute,
    UnlockRoute, VirtualCareRoute, VirtualVisitRoute,
};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, ParamSegment, StaticSegment};
use portal_domain::messages::Role;
use portal_domain::routes::{
    Page, ALIASES, CLAIM_ID, LISTING_ID, TERM, THREAD_ID, TRANSACTION, VISIT_REF,
};

/// The `n`th segment of a page's address (empty when it has fewer).
fn segment(page: Page, n: usize) -> StaticSegment<&'static str> {
    StaticSegment(page.segments().get(n).copied().unwrap_or_default())
}

/// The first segment of an older address (`/cards` gives `cards`).
fn alias(n: usize) -> StaticSegment<&'static str> {
    StaticSegment(
        ALIASES
            .get(n)
            .map(|(path, _)| path.trim_start_matches('/'))
            .unwrap_or_default(),
    )
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Frame>
                <FlatRoutes fallback=|| view! { <NotFoundPage /> }>
                    <Route path={segment(Page::Login, 0)} view={Lazy::<LoginRoute>::new()} />
                    <Route path={segment(Page::Register, 0)} view={Lazy::<RegisterRoute>::new()} />
                    <Route
                        path={segment(Page::ForgotUsername, 0)}
                        view={Lazy::<ForgotUsernameRoute>::new()}
                    />
                    <Route
                        path={segment(Page::ForgotPassword, 0)}
                        view={Lazy::<ForgotPasswordRoute>::new()}
                    />
                    <Route path={segment(Page::Unlock, 0)} view={Lazy::<UnlockRoute>::new()} />
                    <Route path={segment(Page::Dashboard, 0)} view={Lazy::<DashboardRoute>::new()} />
                    <Route path={segment(Page::Alerts, 0)} view={Lazy::<AlertsRoute>::new()} />
                    <Route path={segment(Page::IdCards, 0)} view={Lazy::<IdCardsRoute>::new()} />
                    <Route path={alias(0)} view={Lazy::<IdCardsRoute>::new()} />
                    <Route path={segment(Page::Claims, 0)} view={Lazy::<ClaimsRoute>::new()} />
                    <Route
                        path={(segment(Page::ClaimDetail, 0), ParamSegment(CLAIM_ID))}
                        view={Lazy::<ClaimDetailRoute>::new()}
                    />
                    <Route path={segment(Page::Plans, 0)} view={Lazy::<PlansRoute>::new()} />
                    <Route path={segment(Page::Estimate, 0)} view={Lazy::<EstimateRoute>::new()} />
                    <Route path={segment(Page::Account, 0)} view={Lazy::<AccountRoute>::new()} />
                    <Route
                        path={(segment(Page::Notifications, 0), segment(Page::Notifications, 1))}
                        view={Lazy::<NotificationsRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::Sharing, 0), segment(Page::Sharing, 1))}
                        view={Lazy::<SharingRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::AccountData, 0), segment(Page::AccountData, 1))}
                        view={Lazy::<AccountDataRoute>::new()}
                    />
                    <Route path={segment(Page::FindCare, 0)} view={Lazy::<FindCareRoute>::new()} />
                    <Route
                        path={(
                            segment(Page::ProviderListing, 0),
                            segment(Page::ProviderListing, 1),
                            ParamSegment(LISTING_ID),
                        )}
                        view={Lazy::<ProviderListingRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::VirtualCare, 0), segment(Page::VirtualCare, 1))}
                        view={Lazy::<VirtualCareRoute>::new()}
                    />
                    <Route
                        path={(
                            segment(Page::VirtualVisit, 0),
                            segment(Page::VirtualVisit, 1),
                            ParamSegment(VISIT_REF),
                        )}
                        view={Lazy::<VirtualVisitRoute>::new()}
                    />
                    <Route path={segment(Page::ConnectApp, 0)} view={Lazy::<ConnectAppRoute>::new()} />
                    <Route path={segment(Page::Help, 0)} view={Lazy::<HelpRoute>::new()} />
                    <Route
                        path={(segment(Page::Glossary, 0), segment(Page::Glossary, 1))}
                        view={Lazy::<GlossaryRoute>::new()}
                    />
                    <Route
                        path={(
                            segment(Page::GlossaryTerm, 0),
                            segment(Page::GlossaryTerm, 1),
                            ParamSegment(TERM),
                        )}
                        view={Lazy::<GlossaryTermRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::SurpriseBilling, 0), segment(Page::SurpriseBilling, 1))}
                        view={Lazy::<SurpriseBillingRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::Nondiscrimination, 0), segment(Page::Nondiscrimination, 1))}
                        view={Lazy::<NondiscriminationRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::AppealsRights, 0), segment(Page::AppealsRights, 1))}
                        view={Lazy::<AppealsRightsRoute>::new()}
                    />
                    <Route path={segment(Page::Billing, 0)} view={Lazy::<BillingRoute>::new()} />
                    <Route
                        path={(segment(Page::PayPremium, 0), segment(Page::PayPremium, 1))}
                        view={Lazy::<PayPremiumRoute>::new()}
                    />
                    <Route
                        path={(
                            segment(Page::PaymentReceipt, 0),
                            segment(Page::PaymentReceipt, 1),
                            ParamSegment(TRANSACTION),
                        )}
                        view={Lazy::<PaymentReceiptRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderBills, 0), segment(Page::ProviderBills, 1))}
                        view={Lazy::<ProviderBillsRoute>::new()}
                    />
                    <Route path={segment(Page::Messages, 0)} view={Lazy::<MessagesRoute>::new()} />
                    <Route
                        path={(segment(Page::MessageThread, 0), ParamSegment(THREAD_ID))}
                        view={Lazy::<MessageThreadRoute>::new()}
                    />
                    <Route path={segment(Page::Support, 0)} view={Lazy::<SupportRoute>::new()} />
                    <Route
                        path={(segment(Page::SupportThread, 0), ParamSegment(THREAD_ID))}
                        view={Lazy::<SupportThreadRoute>::new()}
                    />
                    <Route path={segment(Page::ProviderHome, 0)} view={Lazy::<ProviderHomeRoute>::new()} />
                    <Route
                        path={(segment(Page::ProviderRegister, 0), segment(Page::ProviderRegister, 1))}
                        view={Lazy::<ProviderRegisterRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderRecover, 0), segment(Page::ProviderRecover, 1))}
                        view={Lazy::<ProviderRecoverRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderEligibility, 0), segment(Page::ProviderEligibility, 1))}
                        view={Lazy::<ProviderEligibilityRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderClaims, 0), segment(Page::ProviderClaims, 1))}
                        view={Lazy::<ProviderClaimsRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderRemittances, 0), segment(Page::ProviderRemittances, 1))}
                        view={Lazy::<ProviderRemittancesRoute>::new()}
                    />
                    <Route
                        path={(segment(Page::ProviderAccount, 0), segment(Page::ProviderAccount, 1))}
                        view={Lazy::<ProviderAccountRoute>::new()}
                    />
                </FlatRoutes>
            </Frame>
        </Router>
    }
}

/// Puts the signed-in pages inside the [`Shell`] (mounted once for all of
/// them) and shows the public pages, and the not-found page, on their own.
/// The help pages are public but shown inside the shell to a signed-in
/// member: the frame is not swapped between them and the member's pages
/// (a swap in the middle of a link's navigation would drop its address
/// change). Whether someone is signed in is asked on a help page only when
/// this tab has shown a signed-in member before, so a visitor's help page
/// never triggers the expected 401.
#[component]
fn Frame(
    /// The routes.
    children: ChildrenFn,
) -> impl IntoView {
    prefetch::on_link_intent();
    let location = use_location();
    let session = use_session();
    let page = Memo::new(move |_| location.pathname.with(|p| Page::parse(p)));
    Effect::new(move |_| {
        if page.get().is_some_and(Page::shown_in_shell_when_signed_in)
            && crate::state::last_seen::name().is_some()
        {
            session.ensure_loaded();
        }
    });
    let session_role = Memo::new(move |_| session.me().map(|me| me.role));
    let frame = Memo::new(move |_| match page.get() {
        Some(p) if p.provider_only() => FrameKind::Provider,
        Some(p) if p.signed_in() => FrameKind::Member,
        Some(p) if p.shown_in_shell_when_signed_in() => match session_role.get() {
            Some(Role::Provider) => FrameKind::Provider,
            Some(_) => FrameKind::Member,
            None => FrameKind::Public,
        },
        _ => FrameKind::Public,
    });
    move || {
        let children = children.clone();
        match frame.get() {
            FrameKind::Member => view! { <Shell>{children()}</Shell> }.into_any(),
            FrameKind::Provider => view! { <ProviderShell>{children()}</ProviderShell> }.into_any(),
            FrameKind::Public => children().into_any(),
        }
    }
}

/// Which frame a page is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FrameKind {
    /// The page's own (public) frame.
    Public,
    /// The members' (and staff's) signed-in shell.
    Member,
    /// The provider accounts' signed-in shell.
    Provider,
}
