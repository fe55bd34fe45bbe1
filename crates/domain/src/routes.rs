//! The web app's pages and their addresses: the one route table.
//!
//! The browser's router builds its routes from [`Page::segments`], every
//! link and redirect is written with [`Page::href`] (or a helper below for
//! pages with a parameter), and the server answers a page's address with the
//! app (status 200, with preloads for the page's code from
//! [`Page::split`]) and any other address with the app's not-found page and
//! status 404, all from this table.

/// A page of the web app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/login`, with its two-step verification step.
    Login,
    /// `/register`.
    Register,
    /// `/forgot-username`.
    ForgotUsername,
    /// `/forgot-password`.
    ForgotPassword,
    /// `/unlock`.
    Unlock,
    /// `/`: the member's dashboard.
    Dashboard,
    /// `/alerts`.
    Alerts,
    /// `/id-card` (also answered at its older address `/cards`).
    IdCards,
    /// `/claims`: the claims list with its filters.
    Claims,
    /// `/claims/:id`: one claim and its explanation of benefits.
    ClaimDetail,
    /// `/plans`: comparison, what-if and plan change.
    Plans,
    /// `/estimate`: the cost estimator.
    Estimate,
    /// `/account`: settings and security.
    Account,
    /// `/account/notifications`.
    Notifications,
    /// `/account/sharing`: family sharing.
    Sharing,
    /// `/account/data`: "Download all my data", the archive of the member's
    /// and the visible household members' claims, EOBs and ID cards.
    AccountData,
    /// `/find-care`: the provider directory, searched by words, place,
    /// network and filters (kept in the address).
    FindCare,
    /// `/find-care/providers/:id`: one listing: locations, networks per
    /// plan, languages, and what the member can do next.
    ProviderListing,
    /// `/care/virtual`: virtual visits: what the plan covers, booking, the
    /// member's upcoming and past visits.
    VirtualCare,
    /// `/care/virtual/:reference`: one booked visit: join, calendar file,
    /// cancel or move.
    VirtualVisit,
    /// `/authorize?request=<id>`: the consent screen where a member lets an
    /// app read their plan data (SMART App Launch; the server's
    /// `/oauth/authorize` sends the browser here).
    ConnectApp,
    /// `/help`: the help centre (public, linked from every page's footer).
    Help,
    /// `/help/glossary`: the glossary, A to Z, with a search.
    Glossary,
    /// `/help/glossary/:term`: one glossary entry.
    GlossaryTerm,
    /// `/help/surprise-billing`: No Surprises Act protections.
    SurpriseBilling,
    /// `/help/language-assistance`: notice of nondiscrimination and
    /// language assistance (ACA section 1557), with taglines.
    Nondiscrimination,
    /// `/help/appeals`: claims and appeals rights.
    AppealsRights,
    /// `/billing`: premium statements, autopay, payment methods, history.
    Billing,
    /// `/billing/pay`: pay premium statements.
    PayPremium,
    /// `/billing/receipts/:transaction`: one payment's receipt.
    PaymentReceipt,
    /// `/billing/providers`: what the household owes its providers: pay,
    /// payment plans, disputes.
    ProviderBills,
    /// `/messages`: the member's messages to member services, and "Write to us".
    Messages,
    /// `/messages/:id`: one message thread, with the reply form.
    MessageThread,
    /// `/support`: the member services inbox (support staff only).
    Support,
    /// `/support/:id`: one thread in the inbox (support staff only).
    SupportThread,
    /// `/provider`: the provider home (public): what providers can do here,
    /// sign-in, registration and recovery. A signed-in provider goes on to
    /// [`Page::ProviderEligibility`].
    ProviderHome,
    /// `/provider/register`: a healthcare provider's office registers.
    ProviderRegister,
    /// `/provider/recover`: a provider's forgotten username or password, or
    /// a locked account.
    ProviderRecover,
    /// `/provider/eligibility`: a patient's eligibility and benefits
    /// (provider accounts only).
    ProviderEligibility,
    /// `/provider/claims`: the status of the claims the provider billed
    /// (provider accounts only).
    ProviderClaims,
    /// `/provider/remittances`: payments to the provider (provider accounts only).
    ProviderRemittances,
    /// `/provider/account`: a provider account's username, password and
    /// security (provider accounts only).
    ProviderAccount,
}

/// The name of the claim id parameter in [`Page::ClaimDetail`]'s address.
pub const CLAIM_ID: &str = "id";

/// The name of the transaction id parameter in [`Page::PaymentReceipt`]'s address.
pub const TRANSACTION: &str = "transaction";
/// The name of the thread id parameter in [`Page::MessageThread`]'s and
/// [`Page::SupportThread`]'s addresses.
pub const THREAD_ID: &str = "id";

/// The name of the term parameter in [`Page::GlossaryTerm`]'s address.
pub const TERM: &str = "term";

/// The name of the listing id parameter in [`Page::ProviderListing`]'s address.
pub const LISTING_ID: &str = "id";

/// The name of the booking reference parameter in [`Page::VirtualVisit`]'s address.
pub const VISIT_REF: &str = "reference";

/// Older addresses still answered, and the page each shows.
pub const ALIASES: [(&str, Page); 1] = [("/cards", Page::IdCards)];

impl Page {
    /// Every page.
    pub const ALL: [Page; 42] = [
        Page::Login,
        Page::Register,
        Page::ForgotUsername,
        Page::ForgotPassword,
        Page::Unlock,
        Page::Dashboard,
        Page::Alerts,
        Page::IdCards,
        Page::Claims,
        Page::ClaimDetail,
        Page::Plans,
        Page::Estimate,
        Page::Account,
        Page::Notifications,
        Page::Sharing,
        Page::AccountData,
        Page::FindCare,
        Page::ProviderListing,
        Page::VirtualCare,
        Page::VirtualVisit,
        Page::ConnectApp,
        Page::Help,
        Page::Glossary,
        Page::GlossaryTerm,
        Page::SurpriseBilling,
        Page::Nondiscrimination,
        Page::AppealsRights,
        Page::Billing,
        Page::PayPremium,
        Page::PaymentReceipt,
        Page::ProviderBills,
        Page::Messages,
        Page::MessageThread,
        Page::Support,
        Page::SupportThread,
        Page::ProviderHome,
        Page::ProviderRegister,
        Page::ProviderRecover,
        Page::ProviderEligibility,
        Page::ProviderClaims,
        Page::ProviderRemittances,
        Page::ProviderAccount,
    ];

    /// The address pattern, with `:name` for a parameter (`/claims/:id`).
    pub const fn pattern(self) -> &'static str {
        match self {
            Page::Login => "/login",
            Page::Register => "/register",
            Page::ForgotUsername => "/forgot-username",
            Page::ForgotPassword => "/forgot-password",
            Page::Unlock => "/unlock",
            Page::Dashboard => "/",
            Page::Alerts => "/alerts",
            Page::IdCards => "/id-card",
            Page::Claims => "/claims",
            Page::ClaimDetail => "/claims/:id",
            Page::Plans => "/plans",
            Page::Estimate => "/estimate",
            Page::Account => "/account",
            Page::Notifications => "/account/notifications",
            Page::Sharing => "/account/sharing",
            Page::AccountData => "/account/data",
            Page::FindCare => "/find-care",
            Page::ProviderListing => "/find-care/providers/:id",
            Page::VirtualCare => "/care/virtual",
            Page::VirtualVisit => "/care/virtual/:reference",
            Page::ConnectApp => "/authorize",
            Page::Help => "/help",
            Page::Glossary => "/help/glossary",
            Page::GlossaryTerm => "/help/glossary/:term",
            Page::SurpriseBilling => "/help/surprise-billing",
            Page::Nondiscrimination => "/help/language-assistance",
            Page::AppealsRights => "/help/appeals",
            Page::Billing => "/billing",
            Page::PayPremium => "/billing/pay",
            Page::PaymentReceipt => "/billing/receipts/:transaction",
            Page::ProviderBills => "/billing/providers",
            Page::Messages => "/messages",
            Page::MessageThread => "/messages/:id",
            Page::Support => "/support",
            Page::SupportThread => "/support/:id",
            Page::ProviderHome => "/provider",
            Page::ProviderRegister => "/provider/register",
            Page::ProviderRecover => "/provider/recover",
            Page::ProviderEligibility => "/provider/eligibility",
            Page::ProviderClaims => "/provider/claims",
            Page::ProviderRemittances => "/provider/remittances",
            Page::ProviderAccount => "/provider/account",
        }
    }

    /// The address of a page without parameters (`/claims`). For
    /// [`Page::ClaimDetail`] use [`claim_href`].
    pub const fn href(self) -> &'static str {
        self.pattern()
    }

    /// The address's segments, for the router: a segment starting with `:`
    /// is a parameter. The dashboard has none.
    pub fn segments(self) -> Vec<&'static str> {
        self.pattern()
            .split('/')
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Whether the page needs a signed-in member (it is shown inside the
    /// signed-in shell, which sends visitors without a session to sign in).
    pub const fn signed_in(self) -> bool {
        !matches!(
            self,
            Page::Login
                | Page::Register
                | Page::ForgotUsername
                | Page::ForgotPassword
                | Page::Unlock
                | Page::Help
                | Page::Glossary
                | Page::GlossaryTerm
                | Page::SurpriseBilling
                | Page::Nondiscrimination
                | Page::AppealsRights
                | Page::ProviderHome
                | Page::ProviderRegister
                | Page::ProviderRecover
        )
    }

    /// Whether a public page is shown inside the signed-in shell when the
    /// visitor is signed in (the help pages: a member keeps the menu, and
    /// moving between them and the member's pages never swaps the frame).
    pub const fn shown_in_shell_when_signed_in(self) -> bool {
        matches!(
            self,
            Page::Help
                | Page::Glossary
                | Page::GlossaryTerm
                | Page::SurpriseBilling
                | Page::Nondiscrimination
                | Page::AppealsRights
        )
    }

    /// Whether the page is for member services staff (the support inbox):
    /// staff see these and the help pages, members never see them.
    pub const fn staff_only(self) -> bool {
        matches!(self, Page::Support | Page::SupportThread)
    }

    /// Whether the page is for provider accounts (the signed-in provider
    /// home): providers see these and the help pages, members and staff
    /// never see them.
    pub const fn provider_only(self) -> bool {
        matches!(
            self,
            Page::ProviderEligibility
                | Page::ProviderClaims
                | Page::ProviderRemittances
                | Page::ProviderAccount
        )
    }

    /// Whether the page belongs to the provider side of the portal: the
    /// public provider pages (home, registration, recovery) and the
    /// provider-only ones.
    pub const fn for_providers(self) -> bool {
        self.provider_only()
            || matches!(
                self,
                Page::ProviderHome | Page::ProviderRegister | Page::ProviderRecover
            )
    }

    /// The name of the split module holding the page's code in the release
    /// build (`split_<name>.wasm`, with the chunks it shares with other
    /// modules). Pages of one section share a module: the loader fetches a
    /// module and each chunk it needs as a file of its own, and one module
    /// per page measured 65 files for the sign-in page against 41-47 with
    /// one per section. Registration has its own, so signing in does not
    /// download it.
    pub const fn split(self) -> &'static str {
        match self {
            Page::Login => "section_sign_in",
            Page::Register => "section_register",
            Page::ForgotUsername | Page::ForgotPassword | Page::Unlock => "section_recovery",
            Page::Dashboard | Page::Alerts | Page::IdCards => "section_home",
            Page::Claims | Page::ClaimDetail => "section_claims",
            Page::Plans => "section_plans",
            Page::Estimate => "section_estimate",
            Page::FindCare | Page::ProviderListing => "section_find_care",
            Page::VirtualCare | Page::VirtualVisit => "section_virtual_care",
            Page::Account
            | Page::Notifications
            | Page::Sharing
            | Page::AccountData
            | Page::ConnectApp => "section_account",
            Page::Help
            | Page::Glossary
            | Page::GlossaryTerm
            | Page::SurpriseBilling
            | Page::Nondiscrimination
            | Page::AppealsRights => "section_help",
            Page::Billing | Page::PayPremium | Page::PaymentReceipt | Page::ProviderBills => {
                "section_billing"
            }
            Page::Messages | Page::MessageThread => "section_messages",
            Page::Support | Page::SupportThread => "section_support",
            Page::ProviderHome | Page::ProviderRegister | Page::ProviderRecover => {
                "section_provider_public"
            }
            Page::ProviderEligibility
            | Page::ProviderClaims
            | Page::ProviderRemittances
            | Page::ProviderAccount => "section_provider",
        }
    }

    /// The page at `path` (a URL path without query or fragment; a trailing
    /// slash is ignored), or `None` for an address the app does not have.
    pub fn parse(path: &str) -> Option<Page> {
        let path = match path.trim_end_matches('/') {
            "" => "/",
            p => p,
        };
        if let Some((_, page)) = ALIASES.iter().find(|(alias, _)| *alias == path) {
            return Some(*page);
        }
        // Compared segment by segment without allocating: the browser
        // calls this on every navigation and link hover, the server on
        // every page request.
        let parts = || path.split('/').filter(|s| !s.is_empty());
        Page::ALL.into_iter().find(|page| {
            let patterns = || page.pattern().split('/').filter(|s| !s.is_empty());
            patterns().count() == parts().count()
                && patterns()
                    .zip(parts())
                    .all(|(pattern, part)| pattern.starts_with(':') || pattern == part)
        })
    }
}

/// The address of one claim's page.
pub fn claim_href(id: i64) -> String {
    format!("/claims/{id}")
}

/// The address of one listing of the provider directory.
pub fn listing_href(id: i64) -> String {
    format!("/find-care/providers/{id}")
}

/// The address of one booked virtual visit.
pub fn visit_href(reference: &str) -> String {
    format!("/care/virtual/{reference}")
}

/// The address of one payment's receipt.
pub fn receipt_href(transaction_id: &str) -> String {
    format!("/billing/receipts/{transaction_id}")
}

/// The address of one of the member's message threads.
pub fn message_href(id: i64) -> String {
    format!("/messages/{id}")
}

/// The address of one thread in the support inbox.
pub fn support_thread_href(id: i64) -> String {
    format!("/support/{id}")
}

/// The address of one glossary entry (`/help/glossary/deductible`).
pub fn glossary_term_href(slug: &str) -> String {
    format!("/help/glossary/{slug}")
}

/// An address with a query string that is already encoded (`a=1&b=2`);
/// without a query, just the address.
pub fn with_query(href: &str, query: &str) -> String {
    if query.is_empty() {
        href.to_string()
    } else {
        format!("{href}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_to_pages() {
        let cases = [
            ("/", Some(Page::Dashboard)),
            ("", Some(Page::Dashboard)),
            ("/login", Some(Page::Login)),
            ("/login/", Some(Page::Login)),
            ("/register", Some(Page::Register)),
            ("/forgot-username", Some(Page::ForgotUsername)),
            ("/forgot-password", Some(Page::ForgotPassword)),
            ("/unlock", Some(Page::Unlock)),
            ("/alerts", Some(Page::Alerts)),
            ("/alerts/3", None),
            ("/id-card", Some(Page::IdCards)),
            ("/cards", Some(Page::IdCards)),
            ("/claims", Some(Page::Claims)),
            ("/claims/", Some(Page::Claims)),
            ("/claims/42", Some(Page::ClaimDetail)),
            ("/claims/abc", Some(Page::ClaimDetail)),
            ("/claims/4/x", None),
            ("/claimsx", None),
            ("/plans", Some(Page::Plans)),
            ("/estimate", Some(Page::Estimate)),
            ("/account", Some(Page::Account)),
            ("/account/notifications", Some(Page::Notifications)),
            ("/account/sharing/", Some(Page::Sharing)),
            ("/authorize", Some(Page::ConnectApp)),
            ("/account/data", Some(Page::AccountData)),
            ("/find-care", Some(Page::FindCare)),
            ("/find-care/providers/12", Some(Page::ProviderListing)),
            ("/care/virtual", Some(Page::VirtualCare)),
            ("/care/virtual/VV-1234ABCD", Some(Page::VirtualVisit)),
            ("/care", None),
            ("/account/x", None),
            ("/accounts", None),
            ("/loginx", None),
            ("/nowhere", None),
            ("/pkg/abc/portal_web.js", None),
            ("/help", Some(Page::Help)),
            ("/help/", Some(Page::Help)),
            ("/help/glossary", Some(Page::Glossary)),
            ("/help/glossary/deductible", Some(Page::GlossaryTerm)),
            ("/help/glossary/a/b", None),
            ("/help/surprise-billing", Some(Page::SurpriseBilling)),
            ("/help/language-assistance", Some(Page::Nondiscrimination)),
            ("/help/appeals", Some(Page::AppealsRights)),
            ("/help/nowhere", None),
            ("/billing", Some(Page::Billing)),
            ("/billing/pay", Some(Page::PayPremium)),
            (
                "/billing/receipts/PMT-0123456789",
                Some(Page::PaymentReceipt),
            ),
            ("/billing/receipts", None),
            ("/billing/providers", Some(Page::ProviderBills)),
            ("/messages", Some(Page::Messages)),
            ("/messages/12", Some(Page::MessageThread)),
            ("/messages/12/x", None),
            ("/support", Some(Page::Support)),
            ("/support/3", Some(Page::SupportThread)),
            ("/provider", Some(Page::ProviderHome)),
            ("/provider/", Some(Page::ProviderHome)),
            ("/provider/register", Some(Page::ProviderRegister)),
            ("/provider/recover", Some(Page::ProviderRecover)),
            ("/provider/eligibility", Some(Page::ProviderEligibility)),
            ("/provider/claims", Some(Page::ProviderClaims)),
            ("/provider/claims/3", None),
            ("/provider/remittances", Some(Page::ProviderRemittances)),
            ("/provider/account", Some(Page::ProviderAccount)),
            ("/provider/nowhere", None),
            ("/providers", None),
        ];
        for (path, page) in cases {
            assert_eq!(Page::parse(path), page, "{path}");
        }
    }

    #[test]
    fn every_page_parses_back_from_its_address() {
        for page in Page::ALL {
            let href = page.pattern().replace(":id", "7");
            assert_eq!(Page::parse(&href), Some(page), "{href}");
        }
        assert_eq!(Page::parse(&claim_href(12)), Some(Page::ClaimDetail));
        assert_eq!(
            Page::parse(&glossary_term_href("deductible")),
            Some(Page::GlossaryTerm)
        );
    }

    #[test]
    fn split_names_are_identifiers() {
        let mut names: Vec<&str> = Page::ALL.iter().map(|p| p.split()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 16);
        for name in names {
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()));
        }
    }

    #[test]
    fn public_and_signed_in_pages() {
        assert!(!Page::Login.signed_in());
        assert!(!Page::Unlock.signed_in());
        assert!(Page::Dashboard.signed_in());
        assert!(Page::Sharing.signed_in());
        assert!(!Page::Help.signed_in());
        assert!(!Page::GlossaryTerm.signed_in());
        assert!(Page::Help.shown_in_shell_when_signed_in());
        assert!(!Page::Login.shown_in_shell_when_signed_in());
        assert!(!Page::Claims.shown_in_shell_when_signed_in());
        assert_eq!(Page::ClaimDetail.segments(), vec!["claims", ":id"]);
        assert!(Page::Messages.signed_in() && Page::Support.signed_in());
        assert!(Page::SupportThread.staff_only() && !Page::MessageThread.staff_only());
        assert_eq!(Page::parse(&message_href(4)), Some(Page::MessageThread));
        assert_eq!(
            Page::parse(&support_thread_href(4)),
            Some(Page::SupportThread)
        );
        assert!(Page::Dashboard.segments().is_empty());
        assert_eq!(with_query("/claims", ""), "/claims");
        assert_eq!(with_query("/claims", "a=1"), "/claims?a=1");
    }

    #[test]
    fn provider_pages() {
        for page in [
            Page::ProviderHome,
            Page::ProviderRegister,
            Page::ProviderRecover,
        ] {
            assert!(!page.signed_in(), "{page:?}");
            assert!(!page.provider_only(), "{page:?}");
            assert!(page.for_providers(), "{page:?}");
            assert!(!page.shown_in_shell_when_signed_in(), "{page:?}");
            assert_eq!(page.split(), "section_provider_public");
        }
        for page in [
            Page::ProviderEligibility,
            Page::ProviderClaims,
            Page::ProviderRemittances,
            Page::ProviderAccount,
        ] {
            assert!(page.signed_in(), "{page:?}");
            assert!(page.provider_only(), "{page:?}");
            assert!(page.for_providers(), "{page:?}");
            assert!(!page.staff_only(), "{page:?}");
            assert_eq!(page.split(), "section_provider");
        }
        // No member or staff page is a provider page, and the other way round.
        for page in Page::ALL {
            if page.staff_only() || page == Page::Dashboard || page == Page::Claims {
                assert!(!page.for_providers(), "{page:?}");
            }
        }
        assert!(!Page::Help.for_providers());
    }
}
