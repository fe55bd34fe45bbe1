//! Page frames: the signed-in app shell (header with the member's name,
//! navigation and "Sign out") and the simpler frame of the public pages.
//! Both start with a skip link and give the page its `<main>` landmark.

use crate::browser::{encode_query_value, focus_id};
use crate::components::IdleWarning;
use crate::state::last_seen;
use crate::state::session::{use_session, SessionState, SignOutReason};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_domain::messages::Role;
use portal_domain::routes::{with_query, Page};

/// The id of every page's `<main>` (skip link target, focused on navigation).
pub const MAIN_ID: &str = "main";

/// The narrow screens' "Menu" button and the list it shows and hides.
const MENU_BUTTON_ID: &str = "site-menu-button";
const MENU_LIST_ID: &str = "site-menu";

/// "Skip to main content": the first focusable element of every page.
#[component]
fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=|ev| {
                ev.prevent_default();
                focus_id(MAIN_ID);
            }
        >
            "Skip to main content"
        </a>
    }
}

/// The portal's name, linking home.
#[component]
fn Brand() -> impl IntoView {
    view! {
        <a class="brand" href=Page::Dashboard.href()>
            <span class="brand__mark" aria-hidden="true"></span>
            <span class="brand__name">"Evergreen Health"</span>
            <span class="brand__sub">"Member portal"</span>
        </a>
    }
}

/// Frame of the public pages (sign-in, registration, help, not found).
#[component]
pub fn PublicLayout(
    /// The page content, inside `<main>`.
    children: Children,
    /// A page as wide as the signed-in ones (the help pages), instead of
    /// the narrow column of the forms.
    #[prop(optional)]
    wide: bool,
    /// A page of the provider side: the brand reads "Provider portal" and
    /// links to the provider home.
    #[prop(optional)]
    provider: bool,
) -> impl IntoView {
    view! {
        <SkipLink />
        <header class="site-header">
            <div class="site-header__inner">
                {if provider { view! { <ProviderBrand /> }.into_any() } else { view! { <Brand /> }.into_any() }}
            </div>
        </header>
        <main id=MAIN_ID class="page" class:page--narrow=!wide tabindex="-1">
            {children()}
        </main>
        <Footer />
    }
}

/// The footer of every page, signed in or not: help in the same place on
/// every page (WCAG 3.2.6), the member's rights, and what to do in an
/// emergency.
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav class="site-footer__nav" aria-label="Help and your rights">
                <ul>
                    <li>
                        <a href=Page::Help.href()>"Help centre"</a>
                    </li>
                    <li>
                        <a href=Page::Glossary.href()>"Glossary"</a>
                    </li>
                    <li>
                        <a href=Page::SurpriseBilling.href()>"Surprise billing protections"</a>
                    </li>
                    <li>
                        <a href=Page::AppealsRights.href()>"Claims and appeals rights"</a>
                    </li>
                    <li>
                        <a href=Page::Nondiscrimination.href()>
                            "Nondiscrimination and language help"
                        </a>
                    </li>
                </ul>
            </nav>
            <p>
                "Questions? The help centre lists who to call and when. "
                "For emergencies, call 911."
            </p>
        </footer>
    }
}

/// The number of unread alerts shown in the header (`None` until loaded),
/// shared with the alerts page so marking one read updates the header.
#[derive(Clone, Copy)]
pub struct UnreadAlerts(pub RwSignal<Option<u32>>);

/// The signed-in shell around the protected pages (its children).
///
/// Guards them: while the session loads it shows a status line; when nobody
/// is signed in it sends the visitor to `/login?next=<this page>` (plain
/// `/login` after a deliberate sign-out), replacing the history entry so
/// "Back" does not bounce.
#[component]
pub fn Shell(
    /// The page, shown once the session is known to be signed in.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    session.ensure_loaded();
    let location = use_location();
    let navigate = use_navigate();
    let to_inbox = navigate.clone();
    let to_provider_home = navigate.clone();

    Effect::new(move |_| {
        if let SessionState::SignedOut(reason) = session.state() {
            last_seen::clear();
            // `ended` tells the sign-in page why the member is there, so it
            // can say so; `next` where to come back to.
            let login = Page::Login.href();
            let target = if reason == SignOutReason::SignedOut {
                with_query(login, "ended=signed-out")
            } else {
                let ended = if reason == SignOutReason::Expired {
                    "ended=expired"
                } else {
                    ""
                };
                let here = format!(
                    "{}{}",
                    location.pathname.get_untracked(),
                    location.search.with_untracked(|s| if s.is_empty() {
                        String::new()
                    } else {
                        format!("?{s}")
                    })
                );
                let next = if here == Page::Dashboard.href() {
                    String::new()
                } else {
                    format!("next={}", encode_query_value(&here))
                };
                let query = [next.as_str(), ended]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join("&");
                with_query(login, &query)
            };
            navigate(
                &target,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    // Staff see the inbox and the help pages only: a member page sends them
    // to the inbox (its API would answer 403 anyway).
    let staff = Memo::new(move |_| session.me().is_some_and(|me| me.role == Role::Support));
    // Providers never see a member page: they go to the provider home
    // (eligibility and benefits).
    let provider = Memo::new(move |_| session.me().is_some_and(|me| me.role == Role::Provider));
    Effect::new(move |_| {
        if !provider.get() {
            return;
        }
        let here = location.pathname.get();
        if Page::parse(&here).is_some_and(|page| !page.shown_in_shell_when_signed_in()) {
            to_provider_home(
                Page::ProviderEligibility.href(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    Effect::new(move |_| {
        if !staff.get() {
            return;
        }
        let here = location.pathname.get();
        if let Some(page) = Page::parse(&here) {
            if !page.staff_only() && !page.shown_in_shell_when_signed_in() {
                to_inbox(
                    Page::Support.href(),
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                );
            }
        }
    });

    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move {
            // Errors are ignored: the session ends locally either way.
            let _ = session.sign_out().await;
        });
    };

    // Only a change between loading / signed in / signed out re-renders the
    // page. A provider account is on its way to the provider home: no member
    // page is drawn for it (its API would answer 403).
    let signed_in = Memo::new(move |_| {
        if provider.get() {
            None
        } else {
            session.is_signed_in()
        }
    });

    // The unread alert count, loaded once signed in; until then the count
    // this tab showed last (so the badge does not blink on a section change).
    let unread = RwSignal::new(last_seen::unread());
    Effect::new(move |_| {
        if let Some(n) = unread.get() {
            last_seen::set_unread(n);
        }
    });
    provide_context(UnreadAlerts(unread));
    Effect::new(move |loaded: Option<bool>| {
        if loaded == Some(true) || signed_in.get() != Some(true) {
            return loaded.unwrap_or(false);
        }
        if staff.get_untracked() || provider.get_untracked() {
            // Staff and providers have no alerts.
            return true;
        }
        let pending = crate::api::home::alert_count();
        spawn_local(async move {
            if let Ok(c) = pending.await {
                let _ = unread.try_set(Some(c.unread));
            }
        });
        true
    });
    let alerts_badge = move || {
        unread.get().filter(|n| *n > 0).map(|n| {
            view! {
                <span class="nav-count">
                    {n}
                    <span class="visually-hidden">" unread"</span>
                </span>
            }
        })
    };
    // The member's name; while `/me` loads, the name this tab showed last.
    let remembered = last_seen::name();
    let member_name = move || match session.state() {
        SessionState::SignedIn(me) => {
            let name = match &me.member {
                Some(m) => format!("{} {}", m.first_name, m.last_name),
                None => format!("{} (Member Services)", me.username),
            };
            last_seen::set_name(&name);
            name
        }
        SessionState::Loading => remembered.clone().unwrap_or_default(),
        SessionState::SignedOut(_) => String::new(),
    };

    // The main navigation is a disclosure on narrow screens ("Menu"): shut
    // after every navigation and on Escape (focus back on the button).
    let menu_open = RwSignal::new(false);
    Effect::new(move |_| {
        location.pathname.track();
        location.search.track();
        menu_open.set(false);
    });
    let menu_keys = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu_open.get_untracked() {
            menu_open.set(false);
            focus_id(MENU_BUTTON_ID);
        }
    };

    view! {
        <SkipLink />
        <header class="site-header">
            <div class="site-header__inner">
                <Brand />
                <nav
                    class="site-nav"
                    class:site-nav--open=move || menu_open.get()
                    aria-label="Main"
                    on:keydown=menu_keys
                >
                    <button
                        type="button"
                        id=MENU_BUTTON_ID
                        class="site-nav__toggle"
                        aria-expanded=move || menu_open.get().to_string()
                        aria-controls=MENU_LIST_ID
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        <span class="site-nav__toggle-icon" aria-hidden="true"></span>
                        "Menu"
                        // Seen on the closed menu; the Alerts link inside says it to screen readers.
                        {move || {
                            (!menu_open.get())
                                .then(|| unread.get().filter(|n| *n > 0))
                                .flatten()
                                .map(|n| view! { <span class="nav-count" aria-hidden="true">{n}</span> })
                        }}
                    </button>
                    <Show
                        when=move || staff.get()
                        fallback=move || {
                            view! {
                    <ul id=MENU_LIST_ID class="site-nav__list">
                        <li>
                            <A href=Page::Dashboard.href() exact=true>
                                "Home"
                            </A>
                        </li>
                        <li>
                            <A href=Page::IdCards.href()>"ID cards"</A>
                        </li>
                        <li>
                            <A href=Page::Claims.href()>"Claims"</A>
                        </li>
                        <li>
                            <A href=Page::Plans.href()>"Plans"</A>
                        </li>
                        <li>
                            <A href=Page::FindCare.href()>"Find care"</A>
                        </li>
                        <li>
                            <A href=Page::Estimate.href()>"Cost estimator"</A>
                        </li>
                        <li>
                            <A href=Page::Billing.href()>"Billing"</A>
                        </li>
                        <li>
                            <A href=Page::Messages.href()>"Messages"</A>
                        </li>
                        <li>
                            <A href=Page::Alerts.href()>"Alerts" {alerts_badge}</A>
                        </li>
                        <li>
                            <A href=Page::Account.href()>"Account"</A>
                        </li>
                    </ul>
                            }
                        }
                    >
                        <ul id=MENU_LIST_ID class="site-nav__list">
                            <li>
                                <A href=Page::Support.href()>"Inbox"</A>
                            </li>
                        </ul>
                    </Show>
                </nav>
                <div class="account">
                    <p class="account__name">
                        <span class="visually-hidden">"Signed in as "</span>
                        {member_name}
                    </p>
                    <button
                        type="button"
                        class="button button--secondary"
                        disabled=move || signing_out.get()
                        on:click=sign_out
                    >
                        {move || if signing_out.get() { "Signing out…" } else { "Sign out" }}
                    </button>
                </div>
            </div>
        </header>
        <main id=MAIN_ID class="page page--app" tabindex="-1">
            {move || match signed_in.get() {
                Some(true) => view! { {children()} <IdleWarning /> }.into_any(),
                _ => {
                    view! {
                        <p class="loading" role="status">
                            "Loading…"
                        </p>
                    }
                        .into_any()
                }
            }}
        </main>
        <Footer />
    }
}

/// The portal's name on the provider side, linking to the provider home.
#[component]
fn ProviderBrand() -> impl IntoView {
    view! {
        <a class="brand" href=Page::ProviderHome.href()>
            <span class="brand__mark" aria-hidden="true"></span>
            <span class="brand__name">"Evergreen Health"</span>
            <span class="brand__sub">"Provider portal"</span>
        </a>
    }
}

/// The signed-in shell of provider accounts: a header with the
/// organisation's name and "Sign out", the provider's options in a list on
/// the left (at the top on phones), the page, and the footer every page
/// has (help in the same place).
///
/// Guards its pages as [`Shell`] does: nobody signed in goes to sign in and
/// back; a member goes to the dashboard and staff to the inbox (the
/// provider endpoints would answer them 403).
#[component]
pub fn ProviderShell(
    /// The page, shown once a provider is known to be signed in.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    session.ensure_loaded();
    let location = use_location();
    let navigate = use_navigate();

    Effect::new(move |_| {
        let replace = NavigateOptions {
            replace: true,
            ..NavigateOptions::default()
        };
        match session.state() {
            SessionState::SignedOut(reason) => {
                last_seen::clear();
                let target = if reason == SignOutReason::SignedOut {
                    with_query(Page::ProviderHome.href(), "ended=signed-out")
                } else {
                    let here = format!(
                        "{}{}",
                        location.pathname.get_untracked(),
                        location.search.with_untracked(|s| if s.is_empty() {
                            String::new()
                        } else {
                            format!("?{s}")
                        })
                    );
                    let ended = if reason == SignOutReason::Expired {
                        "&ended=expired"
                    } else {
                        ""
                    };
                    with_query(
                        Page::Login.href(),
                        &format!("next={}{ended}", encode_query_value(&here)),
                    )
                };
                navigate(&target, replace);
            }
            SessionState::SignedIn(me) if me.role != Role::Provider => {
                let home = if me.role == Role::Support {
                    Page::Support.href()
                } else {
                    Page::Dashboard.href()
                };
                navigate(home, replace);
            }
            _ => {}
        }
    });

    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        spawn_local(async move {
            // Errors are ignored: the session ends locally either way.
            let _ = session.sign_out().await;
        });
    };
    let provider_signed_in = Memo::new(move |_| {
        session
            .me()
            .map(|me| me.role == Role::Provider)
            .or(session.is_signed_in().filter(|s| !s))
    });
    // The organisation's name; while `/me` loads, the name this tab showed last.
    let remembered = last_seen::name();
    let organisation = move || match session.state() {
        SessionState::SignedIn(me) => {
            let name = me
                .provider
                .as_ref()
                .map(|p| p.organization.clone())
                .unwrap_or_else(|| me.username.clone());
            last_seen::set_name(&name);
            name
        }
        SessionState::Loading => remembered.clone().unwrap_or_default(),
        SessionState::SignedOut(_) => String::new(),
    };

    view! {
        <SkipLink />
        <header class="site-header">
            <div class="site-header__inner site-header__inner--wide">
                <ProviderBrand />
                <div class="account">
                    <p class="account__name">
                        <span class="visually-hidden">"Signed in for "</span>
                        {organisation}
                    </p>
                    <button
                        type="button"
                        class="button button--secondary"
                        disabled=move || signing_out.get()
                        on:click=sign_out
                    >
                        {move || if signing_out.get() { "Signing out…" } else { "Sign out" }}
                    </button>
                </div>
            </div>
        </header>
        <div class="provider-layout">
            <nav class="provider-nav" aria-label="Provider options">
                <ul class="provider-nav__list">
                    <li>
                        <A href=Page::ProviderEligibility.href()>"Eligibility and benefits"</A>
                    </li>
                    <li>
                        <A href=Page::ProviderClaims.href()>"Claim status"</A>
                    </li>
                    <li>
                        <A href=Page::ProviderRemittances.href()>"Remittances"</A>
                    </li>
                    <li>
                        <A href=Page::ProviderAccount.href()>"Username, password and security"</A>
                    </li>
                </ul>
            </nav>
            <main id=MAIN_ID class="page page--app provider-main" tabindex="-1">
                {move || match provider_signed_in.get() {
                    Some(true) => view! { {children()} <IdleWarning /> }.into_any(),
                    _ => {
                        view! {
                            <p class="loading" role="status">
                                "Loading…"
                            </p>
                        }
                            .into_any()
                    }
                }}
            </main>
        </div>
        <Footer />
    }
}
