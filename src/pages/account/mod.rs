//! `/account`: account settings and security, signed in. One section per
//! concern, each its own module: username, password, contact details,
//! two-step verification, sign-in history, active sessions. Its siblings
//! in the account entry: notification preferences and family sharing.

pub mod connect_app;
pub(crate) mod connected_apps;
pub(crate) mod contact;
pub mod data;
pub(crate) mod history;
pub mod notifications;
pub(crate) mod password;
pub(crate) mod sessions;
pub mod sharing;
pub(crate) mod two_step;
pub(crate) mod username;

use crate::api::{self, ApiError};
use crate::components::{later, ErrorPanel};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::routes::Page;
use portal_domain::CredentialPolicy;
use wasm_bindgen::JsValue;

pub use notifications::NotificationsPage;
pub use sharing::SharingPage;

/// Formats an RFC 3339 instant as the member's local date and time, e.g.
/// `Jun 1, 2026, 2:05 PM`; the input as it is when the browser cannot read it.
pub(crate) fn local_date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_string();
    }
    let options = js_sys::Object::new();
    for (k, v) in [
        ("month", "short"),
        ("day", "numeric"),
        ("year", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    date.to_locale_string("en-US", &options)
        .as_string()
        .unwrap_or_else(|| rfc3339.to_string())
}

/// A success line announced politely.
#[component]
pub(crate) fn StatusLine(
    /// The message; nothing is shown while `None`.
    #[prop(into)]
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div role="status" class="notice">
            {move || message.get().map(|m| view! { <p class="notice__message">{m}</p> })}
        </div>
    }
}

/// The account pages' own navigation: security, notifications, sharing.
#[component]
pub(crate) fn AccountNav() -> impl IntoView {
    view! {
        <nav class="subnav" aria-label="Account pages">
            <ul>
                <li>
                    <A href=Page::Account.href() exact=true>"Security and sign-in"</A>
                </li>
                <li>
                    <A href=Page::Notifications.href()>"Notifications"</A>
                </li>
                <li>
                    <A href=Page::Sharing.href()>"Family sharing"</A>
                </li>
                <li>
                    <A href=Page::AccountData.href()>"Download your data"</A>
                </li>
            </ul>
        </nav>
    }
}

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    super::page("Account and security");
    let session = use_session();
    let (settings, reload) = remote(api::security::account);
    let (policy_info, _) = remote(api::auth::policy);
    let policy = Memo::new(move |_| {
        policy_info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => CredentialPolicy::default(),
        })
    });
    // Bumped after every change, so the history and sessions lists reload.
    let version = RwSignal::new(0u32);
    let changed = Callback::new(move |()| version.update(|v| *v += 1));
    let username = Signal::derive(move || session.me().map(|m| m.username).unwrap_or_default());

    let load_error = move |error: ApiError| {
        session.handle_error(&error);
        view! {
            <ErrorPanel
                title="We couldn't load your account settings"
                message=error.message()
                on_retry=reload
            />
        }
    };

    view! {
        <h1>"Account and security"</h1>
        <AccountNav />
        {move || match settings.get() {
            None => view! { <p class="loading" role="status">"Loading your settings…"</p> }.into_any(),
            Some(Err(error)) => load_error(error).into_any(),
            Some(Ok(s)) => {
                let two_step = s.two_step.clone();
                // The password rules as the server applies them to this
                // account (the NIST preset allows 8 characters with two-step on).
                let enabled = two_step.enabled;
                let password_policy = Memo::new(move |_| policy.get().with_two_step(enabled));
                // Each later part keeps its own copy of what it shows.
                let (email, phone) = (s.email.clone(), s.phone.clone());
                let (two_step_email, two_step_phone) = (s.email.clone(), s.phone.clone());
                view! {
                    <div class="account-sections">
                        <username::UsernameSection current=username policy=policy changed=changed />
                        <password::PasswordSection username=username policy=password_policy changed=changed />
                        // Below the first screen, each in a task of its own.
                        {later(move || view! {
                            <contact::ContactSection email=email.clone() phone=phone.clone() changed=changed />
                        })}
                        {later(move || view! {
                            <two_step::TwoStepSection
                                status=two_step.clone()
                                email=two_step_email.clone()
                                phone=two_step_phone.clone()
                                changed=changed
                            />
                        })}
                        {later(move || view! { <sessions::SessionsSection version=version changed=changed /> })}
                        {later(|| view! { <connected_apps::ConnectedAppsSection /> })}
                        {later(move || view! { <history::HistorySection version=version /> })}
                    </div>
                }
                    .into_any()
            }
        }}
    }
}
