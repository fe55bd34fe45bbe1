//! `/forgot-username`: the identity check answers the account's username.

use super::{show_error, RecoveryLinks};
use crate::api;
use crate::browser::{focus_id, today};
use crate::components::identity_fields::IDENTITY_ORDER;
use crate::components::{AlertRegion, IdentityFields, IdentityValues, PublicLayout};
use crate::state::form::FormErrors;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::validate_identity;

/// The forgot-username page.
#[component]
pub fn ForgotUsernamePage() -> impl IntoView {
    crate::pages::page("Forgot username");
    let today = today();
    let identity = IdentityValues::new();
    let client = Signal::derive(move || {
        validate_identity(&identity.check(), today)
            .err()
            .unwrap_or_default()
    });
    let form = FormErrors::new(client);
    let alert = RwSignal::new(None::<String>);
    let found = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(field) = form.submit(&IDENTITY_ORDER) {
            focus_id(field);
            return;
        }
        alert.set(None);
        let body = identity.check_untracked();
        pending.set(true);
        spawn_local(async move {
            let result = api::security::forgot_username(&body).await;
            if pending.try_set(false).is_none() {
                match result {
                    Ok(r) => found.set(Some(r.username)),
                    Err(e) => show_error(e, form, identity, &IDENTITY_ORDER, alert),
                }
            }
        });
    };

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Forgot your username?"</h1>
                <p class="lead">"Tell us who you are, with the details on your member ID card."</p>
                <AlertRegion message=alert />
                <div role="status" class="notice">
                    {move || {
                        found
                            .get()
                            .map(|u| {
                                view! {
                                    <p class="notice__message">
                                        "Your username is " <strong class="username">{u}</strong> "."
                                    </p>
                                    <p>
                                        <a href="/login">"Sign in now"</a>
                                    </p>
                                }
                            })
                    }}
                </div>
                <Show when=move || found.with(Option::is_none)>
                    <form class="form" novalidate=true on:submit=on_submit>
                        <IdentityFields values=identity form=form today=today.to_string() />
                        <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                            {move || if pending.get() { "Checking…" } else { "Show my username" }}
                        </button>
                    </form>
                </Show>
                <RecoveryLinks />
            </div>
        </PublicLayout>
    }
}
