//! `/forgot-username`: the identity check answers the account's username.

use super::{RecoveryAnswer, RecoveryForm, RecoveryLinks};
use crate::api;
use crate::browser::today;
use crate::components::identity_fields::IDENTITY_ORDER;
use crate::components::{AlertRegion, IdentityFields, IdentityValues, PublicLayout};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
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
    let f = RecoveryForm::new(identity, client, &IDENTITY_ORDER);
    let on_submit = move |ev: SubmitEvent| {
        f.submit(ev, move || {
            let body = identity.check_untracked();
            async move {
                api::security::forgot_username(&body)
                    .await
                    .map(|r| r.username)
            }
        })
    };

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Forgot your username?"</h1>
                <p class="lead">"Tell us who you are, with the details on your member ID card."</p>
                <AlertRegion message=f.alert />
                <RecoveryAnswer done=f.done username=true />
                <Show when=move || f.open()>
                    <form class="form" novalidate=true on:submit=on_submit>
                        <IdentityFields values=identity form=f.form today=today.to_string() />
                        <button type="submit" class="button button--primary button--block" disabled=move || f.pending.get()>
                            {move || if f.pending.get() { "Checking…" } else { "Show my username" }}
                        </button>
                    </form>
                </Show>
                <RecoveryLinks current="/forgot-username" />
            </div>
        </PublicLayout>
    }
}
