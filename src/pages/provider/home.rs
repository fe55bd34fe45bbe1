//! `/provider`: the provider home. Signed out, what providers can do here,
//! a way to sign in, "Need to register?" and "Forgot username or password?".
//! A provider who is signed in goes on to eligibility and benefits.

use super::provider_sign_in_href;
use crate::components::PublicLayout;
use crate::state::last_seen;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_domain::messages::Role;
use portal_domain::routes::Page;

/// The provider home page.
#[component]
pub fn ProviderHomePage() -> impl IntoView {
    crate::pages::page("Provider home");
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    // Whether someone is signed in is asked only when this tab has shown a
    // signed-in page before (a visitor never triggers the expected 401).
    if last_seen::name().is_some() {
        session.ensure_loaded();
    }
    Effect::new(move |_| {
        if session.me().is_some_and(|me| me.role == Role::Provider) {
            navigate(
                Page::ProviderEligibility.href(),
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });
    let notice = match query.with_untracked(|q| q.get("ended")).as_deref() {
        Some("signed-out") => Some("You have signed out."),
        Some("expired") => Some("Your session ended. Please sign in again."),
        _ => None,
    };
    view! {
        <PublicLayout wide=true provider=true>
            <div class="provider-home">
                <h1>"Provider home"</h1>
                <div role="status" class="notice">
                    {notice.map(|n| view! { <p class="notice__message">{n}</p> })}
                </div>
                <p class="lead">
                    "For healthcare providers' offices: check a patient's eligibility and benefits, "
                    "follow the status of the claims you billed, and see the payments we sent you."
                </p>
                <div class="provider-home__grid">
                    <section class="panel" aria-labelledby="provider-sign-in">
                        <h2 class="panel__title" id="provider-sign-in">"Sign in"</h2>
                        <p>"Sign in with your provider account's username and password."</p>
                        <p>
                            <a class="button button--primary" href=provider_sign_in_href()>
                                "Sign in as a provider"
                            </a>
                        </p>
                        <ul class="link-list">
                            <li>
                                <a href=Page::ProviderRecover.href()>"Forgot username or password?"</a>
                            </li>
                        </ul>
                    </section>
                    <section class="panel" aria-labelledby="provider-register">
                        <h2 class="panel__title" id="provider-register">"Need to register?"</h2>
                        <p>
                            "A healthcare provider's office registers online with its provider ID, "
                            "its SSN or Federal Tax ID number and a date of birth. "
                            "Facilities, employers and brokers are set up by technical support."
                        </p>
                        <p>
                            <a class="button button--secondary" href=Page::ProviderRegister.href()>
                                "Register for a provider account"
                            </a>
                        </p>
                    </section>
                </div>
                <p class="help-note">
                    "A member of the plan? " <a href=Page::Login.href()>"Sign in to the member portal"</a>
                    "."
                </p>
            </div>
        </PublicLayout>
    }
}
