//! `/unlock`: the identity check ends a sign-in lockout early.

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

/// The unlock-account page.
#[component]
pub fn UnlockPage() -> impl IntoView {
    crate::pages::page("Unlock your account");
    let today = today();
    let identity = IdentityValues::new();
    let client = Signal::derive(move || {
        validate_identity(&identity.check(), today)
            .err()
            .unwrap_or_default()
    });
    let form = FormErrors::new(client);
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
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
            let result = api::security::unlock(&body).await;
            if pending.try_set(false).is_none() {
                match result {
                    Ok(r) => done.set(Some(r.message)),
                    Err(e) => show_error(e, form, identity, &IDENTITY_ORDER, alert),
                }
            }
        });
    };

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Unlock your account"</h1>
                <p class="lead">
                    "After too many attempts to sign in, your account is locked for a while. "
                    "Confirm who you are to unlock it now."
                </p>
                <AlertRegion message=alert />
                <div role="status" class="notice">
                    {move || {
                        done.get()
                            .map(|m| {
                                view! {
                                    <p class="notice__message">{m}</p>
                                    <p>
                                        <a href="/login">"Sign in now"</a>
                                    </p>
                                }
                            })
                    }}
                </div>
                <Show when=move || done.with(Option::is_none)>
                    <form class="form" novalidate=true on:submit=on_submit>
                        <IdentityFields values=identity form=form today=today.to_string() />
                        <button type="submit" class="button button--primary button--block" disabled=move || pending.get()>
                            {move || if pending.get() { "Checking…" } else { "Unlock my account" }}
                        </button>
                    </form>
                </Show>
                <RecoveryLinks />
            </div>
        </PublicLayout>
    }
}
