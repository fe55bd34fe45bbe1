//! `/forgot-username`: the identity check; the username is sent to the
//! email or phone on file, never shown here.

use super::{IdentityStep, RecoveryAnswer, RecoveryLinks};
use crate::components::{IdentityValues, PublicLayout};
use leptos::prelude::*;
use portal_domain::account::RecoveryPurpose;

/// The forgot-username page.
#[component]
pub fn ForgotUsernamePage() -> impl IntoView {
    crate::pages::page("Forgot username");
    let identity = IdentityValues::new();
    let sent = RwSignal::new(None::<String>);
    let on_started = Callback::new(move |started: portal_domain::account::RecoveryStarted| {
        sent.set(Some(started.message));
    });

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Forgot your username?"</h1>
                <p class="lead">
                    "Tell us who you are, with the details on your member ID card. We'll send your username to the email address or mobile phone on file."
                </p>
                <RecoveryAnswer message=sent sign_in_link=true />
                <Show when=move || sent.with(Option::is_none)>
                    <IdentityStep
                        purpose=RecoveryPurpose::Username
                        button="Send my username"
                        identity=identity
                        on_started=on_started
                    />
                </Show>
                <RecoveryLinks current=portal_domain::routes::Page::ForgotUsername />
            </div>
        </PublicLayout>
    }
}
