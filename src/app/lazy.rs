//! Every page as a [`LazyRoute`], split by route in the release build.
//!
//! With the cargo feature `split`, each page's view is a
//! `wasm_split` split point named [`Page::split`]: `wasm-split-cli` moves its
//! code into `split_<name>.wasm` (and code it shares with other pages into
//! `chunk_<n>.wasm`), fetched the first time the page is shown. The split
//! point is *fallible*: a failed fetch is an error here, not the panic that
//! Leptos 0.8's `#[lazy]` turns it into (which would stop the whole app).
//! [`show`] retries with backoff, then shows a message with a reload button
//! in place of the page; the rest of the app keeps working, and the next
//! visit to the page tries again (failures are not cached).
//!
//! Without the feature (`trunk serve`, tests), the same routes are plain
//! async views in one wasm.

use leptos::prelude::*;
use leptos_router::LazyRoute;
use portal_domain::routes::Page;

/// How long to wait before each new attempt at fetching a page's code (ms).
#[cfg(feature = "split")]
const RETRY_DELAYS_MS: [i32; 3] = [400, 1_200, 3_000];

/// Declares a route type for a page:
/// `lazy_page!(Type, Page::X, module, split_name, || view)`, where `module`
/// names the Rust module holding the split point and `split_name` must equal
/// `Page::X.split()` (checked by a test below).
macro_rules! lazy_page {
    ($route:ident, $page:expr, $module:ident, $split:ident, $view:expr) => {
        #[doc = concat!("The route of [`", stringify!($page), "`].")]
        #[derive(Clone, Copy, Debug)]
        pub struct $route;

        #[cfg(feature = "split")]
        mod $module {
            use super::*;

            /// The page's view, in its own split module.
            #[::leptos::wasm_split::wasm_split(
                                                        $split,
                                                        wasm_split_path = ::leptos::wasm_split,
                                                        fallible,
                                                        preload(load)
                                                    )]
            pub fn view() -> Result<AnyView, ::leptos::wasm_split::SplitLoaderError> {
                Ok(($view)().into_any())
            }
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                #[cfg(feature = "split")]
                {
                    show($page, || $module::view()).await
                }
                #[cfg(not(feature = "split"))]
                {
                    ($view)().into_any()
                }
            }

            async fn preload() {
                #[cfg(feature = "split")]
                {
                    // A failure here is retried when the page is shown.
                    let _ = $module::load().await;
                }
            }
        }
    };
}

lazy_page!(
    LoginRoute,
    Page::Login,
    page_login,
    section_sign_in,
    || view! {
        <crate::pages::LoginPage />
    }
);
lazy_page!(
    RegisterRoute,
    Page::Register,
    page_register,
    section_register,
    || view! {
        <crate::pages::RegisterPage />
    }
);
lazy_page!(
    ForgotUsernameRoute,
    Page::ForgotUsername,
    page_forgot_username,
    section_recovery,
    || view! { <crate::pages::ForgotUsernamePage /> }
);
lazy_page!(
    ForgotPasswordRoute,
    Page::ForgotPassword,
    page_forgot_password,
    section_recovery,
    || view! { <crate::pages::ForgotPasswordPage /> }
);
lazy_page!(
    UnlockRoute,
    Page::Unlock,
    page_unlock,
    section_recovery,
    || view! {
        <crate::pages::UnlockPage />
    }
);
lazy_page!(
    DashboardRoute,
    Page::Dashboard,
    page_dashboard,
    section_home,
    || view! {
        <crate::pages::DashboardPage />
    }
);
lazy_page!(
    AlertsRoute,
    Page::Alerts,
    page_alerts,
    section_home,
    || view! {
        <crate::pages::AlertsPage />
    }
);
lazy_page!(
    IdCardsRoute,
    Page::IdCards,
    page_id_cards,
    section_home,
    || view! {
        <crate::pages::IdCardsPage />
    }
);
lazy_page!(
    ClaimsRoute,
    Page::Claims,
    page_claims,
    section_claims,
    || view! {
        <crate::pages::ClaimsListPage />
    }
);
lazy_page!(
    ClaimDetailRoute,
    Page::ClaimDetail,
    page_claim_detail,
    section_claims,
    || view! { <crate::pages::ClaimDetailRoutePage /> }
);
lazy_page!(
    PlansRoute,
    Page::Plans,
    page_plans,
    section_plans,
    || view! {
        <crate::pages::PlansPage />
    }
);
lazy_page!(
    EstimateRoute,
    Page::Estimate,
    page_estimate,
    section_estimate,
    || view! {
        <crate::pages::EstimatePage />
    }
);
lazy_page!(
    AccountRoute,
    Page::Account,
    page_account,
    section_account,
    || view! {
        <crate::pages::AccountPage />
    }
);
lazy_page!(
    NotificationsRoute,
    Page::Notifications,
    page_notifications,
    section_account,
    || view! { <crate::pages::NotificationsPage /> }
);
lazy_page!(
    SharingRoute,
    Page::Sharing,
    page_sharing,
    section_account,
    || view! {
        <crate::pages::SharingPage />
    }
);

lazy_page!(
    AccountDataRoute,
    Page::AccountData,
    page_account_data,
    section_account,
    || view! { <crate::pages::AccountDataPage /> }
);

lazy_page!(
    FindCareRoute,
    Page::FindCare,
    page_find_care,
    section_find_care,
    || view! { <crate::pages::FindCarePage /> }
);

lazy_page!(
    ProviderListingRoute,
    Page::ProviderListing,
    page_provider_listing,
    section_find_care,
    || view! { <crate::pages::ProviderListingRoutePage /> }
);

lazy_page!(
    VirtualCareRoute,
    Page::VirtualCare,
    page_virtual_care,
    section_virtual_care,
    || view! { <crate::pages::VirtualCarePage /> }
);

lazy_page!(
    VirtualVisitRoute,
    Page::VirtualVisit,
    page_virtual_visit,
    section_virtual_care,
    || view! { <crate::pages::VirtualVisitRoutePage /> }
);

lazy_page!(
    ConnectAppRoute,
    Page::ConnectApp,
    page_connect_app,
    section_account,
    || view! { <crate::pages::ConnectAppPage /> }
);

lazy_page!(
    HelpRoute,
    Page::Help,
    page_help,
    section_help,
    || view! { <crate::pages::HelpPage /> }
);
lazy_page!(
    GlossaryRoute,
    Page::Glossary,
    page_glossary,
    section_help,
    || view! { <crate::pages::GlossaryPage /> }
);
lazy_page!(
    GlossaryTermRoute,
    Page::GlossaryTerm,
    page_glossary_term,
    section_help,
    || view! { <crate::pages::GlossaryTermRoutePage /> }
);
lazy_page!(
    BillingRoute,
    Page::Billing,
    page_billing,
    section_billing,
    || view! { <crate::pages::BillingPage /> }
);
lazy_page!(
    PayPremiumRoute,
    Page::PayPremium,
    page_pay_premium,
    section_billing,
    || view! { <crate::pages::PayPremiumPage /> }
);
lazy_page!(
    PaymentReceiptRoute,
    Page::PaymentReceipt,
    page_payment_receipt,
    section_billing,
    || view! { <crate::pages::PaymentReceiptPage /> }
);
lazy_page!(
    ProviderBillsRoute,
    Page::ProviderBills,
    page_provider_bills,
    section_billing,
    || view! { <crate::pages::ProviderBillsPage /> }
);
lazy_page!(
    SurpriseBillingRoute,
    Page::SurpriseBilling,
    page_surprise_billing,
    section_help,
    || view! { <crate::pages::SurpriseBillingPage /> }
);
lazy_page!(
    NondiscriminationRoute,
    Page::Nondiscrimination,
    page_nondiscrimination,
    section_help,
    || view! { <crate::pages::NondiscriminationPage /> }
);
lazy_page!(
    AppealsRightsRoute,
    Page::AppealsRights,
    page_appeals_rights,
    section_help,
    || view! { <crate::pages::AppealsRightsPage /> }
);

lazy_page!(
    MessagesRoute,
    Page::Messages,
    page_messages,
    section_messages,
    || view! { <crate::pages::MessagesPage /> }
);
lazy_page!(
    MessageThreadRoute,
    Page::MessageThread,
    page_message_thread,
    section_messages,
    || view! { <crate::pages::MessageThreadPage /> }
);
lazy_page!(
    SupportRoute,
    Page::Support,
    page_support,
    section_support,
    || view! { <crate::pages::SupportPage /> }
);
lazy_page!(
    SupportThreadRoute,
    Page::SupportThread,
    page_support_thread,
    section_support,
    || view! { <crate::pages::SupportThreadPage /> }
);

lazy_page!(
    ProviderHomeRoute,
    Page::ProviderHome,
    page_provider_home,
    section_provider_public,
    || view! { <crate::pages::ProviderHomePage /> }
);
lazy_page!(
    ProviderRegisterRoute,
    Page::ProviderRegister,
    page_provider_register,
    section_provider_public,
    || view! { <crate::pages::ProviderRegisterPage /> }
);
lazy_page!(
    ProviderRecoverRoute,
    Page::ProviderRecover,
    page_provider_recover,
    section_provider_public,
    || view! { <crate::pages::ProviderRecoverPage /> }
);
lazy_page!(
    ProviderEligibilityRoute,
    Page::ProviderEligibility,
    page_provider_eligibility,
    section_provider,
    || view! { <crate::pages::ProviderEligibilityPage /> }
);
lazy_page!(
    ProviderClaimsRoute,
    Page::ProviderClaims,
    page_provider_claims,
    section_provider,
    || view! { <crate::pages::ProviderClaimsPage /> }
);
lazy_page!(
    ProviderRemittancesRoute,
    Page::ProviderRemittances,
    page_provider_remittances,
    section_provider,
    || view! { <crate::pages::ProviderRemittancesPage /> }
);
lazy_page!(
    ProviderAccountRoute,
    Page::ProviderAccount,
    page_provider_account,
    section_provider,
    || view! { <crate::pages::ProviderAccountPage /> }
);

/// Fetches the code of `page` ahead of a visit (hover, focus), if it has
/// not been fetched yet. A failure is left for the visit to retry.
pub async fn preload(page: Page) {
    match page {
        Page::Login => LoginRoute::preload().await,
        Page::Register => RegisterRoute::preload().await,
        Page::ForgotUsername => ForgotUsernameRoute::preload().await,
        Page::ForgotPassword => ForgotPasswordRoute::preload().await,
        Page::Unlock => UnlockRoute::preload().await,
        Page::Dashboard => DashboardRoute::preload().await,
        Page::Alerts => AlertsRoute::preload().await,
        Page::IdCards => IdCardsRoute::preload().await,
        Page::Claims => ClaimsRoute::preload().await,
        Page::ClaimDetail => ClaimDetailRoute::preload().await,
        Page::Plans => PlansRoute::preload().await,
        Page::Estimate => EstimateRoute::preload().await,
        Page::Account => AccountRoute::preload().await,
        Page::Notifications => NotificationsRoute::preload().await,
        Page::Sharing => SharingRoute::preload().await,
        Page::AccountData => AccountDataRoute::preload().await,
        Page::FindCare => FindCareRoute::preload().await,
        Page::ProviderListing => ProviderListingRoute::preload().await,
        Page::VirtualCare => VirtualCareRoute::preload().await,
        Page::VirtualVisit => VirtualVisitRoute::preload().await,
        Page::ConnectApp => ConnectAppRoute::preload().await,
        Page::Help => HelpRoute::preload().await,
        Page::Glossary => GlossaryRoute::preload().await,
        Page::GlossaryTerm => GlossaryTermRoute::preload().await,
        Page::SurpriseBilling => SurpriseBillingRoute::preload().await,
        Page::Nondiscrimination => NondiscriminationRoute::preload().await,
        Page::AppealsRights => AppealsRightsRoute::preload().await,
        Page::Billing => BillingRoute::preload().await,
        Page::PayPremium => PayPremiumRoute::preload().await,
        Page::PaymentReceipt => PaymentReceiptRoute::preload().await,
        Page::ProviderBills => ProviderBillsRoute::preload().await,
        Page::Messages => MessagesRoute::preload().await,
        Page::MessageThread => MessageThreadRoute::preload().await,
        Page::Support => SupportRoute::preload().await,
        Page::SupportThread => SupportThreadRoute::preload().await,
        Page::ProviderHome => ProviderHomeRoute::preload().await,
        Page::ProviderRegister => ProviderRegisterRoute::preload().await,
        Page::ProviderRecover => ProviderRecoverRoute::preload().await,
        Page::ProviderEligibility => ProviderEligibilityRoute::preload().await,
        Page::ProviderClaims => ProviderClaimsRoute::preload().await,
        Page::ProviderRemittances => ProviderRemittancesRoute::preload().await,
        Page::ProviderAccount => ProviderAccountRoute::preload().await,
    }
}

/// Shows a page whose code is in a split module: tries to fetch it, then
/// again after each of [`RETRY_DELAYS_MS`], then gives up with
/// [`ChunkFailed`].
#[cfg(feature = "split")]
async fn show<F, Fut>(page: Page, view: F) -> AnyView
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<AnyView, ::leptos::wasm_split::SplitLoaderError>>,
{
    if let Ok(v) = view().await {
        return v;
    }
    for delay in RETRY_DELAYS_MS {
        crate::browser::sleep_ms(delay).await;
        if let Ok(v) = view().await {
            return v;
        }
    }
    view! { <ChunkFailed page=page /> }.into_any()
}

/// In place of a page whose code could not be fetched: what happened and
/// a button that reloads the page. Public pages get the public frame (the
/// signed-in ones are already inside the shell).
#[cfg(feature = "split")]
#[component]
pub fn ChunkFailed(
    /// The page that did not load.
    page: Page,
) -> impl IntoView {
    crate::browser::set_title("This page didn't load");
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let body = move || {
        view! {
            <h1>"This page didn't load"</h1>
            <div class="panel panel--error" role="alert">
                <h2 class="panel__title">"We couldn't download this part of the portal"</h2>
                <p>
                    "Your connection may have dropped, or the portal was just updated. "
                    "Reload the page to try again; the rest of the portal still works."
                </p>
                <button type="button" class="button" on:click=reload>
                    "Reload the page"
                </button>
            </div>
        }
    };
    if page.signed_in() {
        body().into_any()
    } else {
        view! { <crate::components::PublicLayout>{body()}</crate::components::PublicLayout> }
            .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The split names in the macro calls above equal the route table's.
    #[test]
    fn split_names_match_the_route_table() {
        let compact: String = include_str!("lazy.rs")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for page in Page::ALL {
            let module = format!("page_{}", snake(&format!("{page:?}")));
            let call = format!("Page::{page:?}, {module}, {},", page.split());
            assert!(compact.contains(&call), "lazy_page! must read `{call}`");
        }
    }

    /// `ClaimDetail` gives `claim_detail`.
    fn snake(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }
}
