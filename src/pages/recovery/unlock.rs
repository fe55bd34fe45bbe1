//! `/unlock`: the identity check ends a sign-in lockout early.

use super::{RecoveryAnswer, RecoveryForm, RecoveryLinks};
use crate::api;
use crate::browser::today;
use crate::components::identity_fields::IDENTITY_ORDER;
use crate::components::{AlertRegion, IdentityFields, IdentityValues, PublicLayout};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
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
    let f = RecoveryForm::new(identity, client, &IDENTITY_ORDER);
    let on_submit = move |ev: SubmitEvent| {
        f.submit(ev, move || {
            let body = identity.check_untracked();
            async move { api::security::unlock(&body).await.map(|r| r.message) }
        })
    };

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Unlock your account"</h1>
                <p class="lead">
                    "After too many attempts to sign in, your account is locked for a while. "
                    "Confirm who you are to unlock it now."
                </p>
                <AlertRegion message=f.alert />
                <RecoveryAnswer done=f.done />
                <Show when=move || f.open()>
                    <form class="form" novalidate=true on:submit=on_submit>
                        <IdentityFields values=identity form=f.form today=today.to_string() />
                        <button type="submit" class="button button--primary button--block" disabled=move || f.pending.get()>
                            {move || if f.pending.get() { "Checking…" } else { "Unlock my account" }}
                        </button>
                    </form>
                </Show>
                <RecoveryLinks current="/unlock" />
            </div>
        </PublicLayout>
    }
}
