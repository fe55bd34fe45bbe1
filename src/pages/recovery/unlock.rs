//! `/unlock`: the identity check sends a code to the contact on file; the
//! code ends a sign-in lockout early.

use super::{IdentityStep, RecoveryAnswer, RecoveryForm, RecoveryLinks, SentCodeField, StartAgain};
use crate::api;
use crate::components::{AlertRegion, IdentityValues, PublicLayout, SubmitButton};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{
    normalize_sent_code, RecoveryPurpose, RecoveryStarted, UnlockRequest,
};
use portal_domain::problem::push_error;
use portal_domain::FieldErrors;

/// The unlock-account page.
#[component]
pub fn UnlockPage() -> impl IntoView {
    crate::pages::page("Unlock your account");
    let identity = IdentityValues::new();
    let started = RwSignal::new(None::<RecoveryStarted>);
    let sent = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let on_started = Callback::new(move |s: RecoveryStarted| {
        sent.set(Some(s.message.clone()));
        started.set(Some(s));
    });
    let on_done = Callback::new(move |message: String| {
        sent.set(None);
        done.set(Some(message));
    });

    view! {
        <PublicLayout>
            <div class="auth-card">
                <h1>"Unlock your account"</h1>
                <p class="lead">
                    "After too many attempts to sign in, your account is locked for a while. "
                    "Confirm who you are and we'll send a code to the email address or mobile phone on file to unlock it now."
                </p>
                <RecoveryAnswer message=sent />
                <RecoveryAnswer message=done sign_in_link=true />
                <Show when=move || started.with(Option::is_none)>
                    <IdentityStep
                        purpose=RecoveryPurpose::Unlock
                        button="Send me a code"
                        identity=identity
                        on_started=on_started
                    />
                </Show>
                <Show when=move || started.with(Option::is_some) && done.with(Option::is_none)>
                    <UnlockStep started=started on_done=on_done />
                </Show>
                <RecoveryLinks current=portal_domain::routes::Page::Unlock />
            </div>
        </PublicLayout>
    }
}

/// The second step of an unlock (members' and providers'): the code sent
/// to the contact on file. "Send a new code" clears `started`.
#[component]
pub(crate) fn UnlockStep(
    /// The neutral answer of the first step, with the ticket.
    started: RwSignal<Option<RecoveryStarted>>,
    /// Called with the server's final message once the account is unlocked.
    on_done: Callback<String>,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let client = Signal::derive(move || {
        let mut errors = FieldErrors::new();
        if let Err(e) = code.with(|c| normalize_sent_code(c)) {
            push_error(&mut errors, "code", e);
        }
        errors
    });
    let f = RecoveryForm::new(client, &["code"]);
    let on_submit = move |ev: SubmitEvent| {
        f.submit(
            ev,
            move || {
                let body = UnlockRequest {
                    ticket: started
                        .with_untracked(|s| s.as_ref().and_then(|s| s.ticket.clone()))
                        .unwrap_or_default(),
                    code: code.get_untracked(),
                };
                async move { api::security::unlock(&body).await }
            },
            move |answer| on_done.run(answer.message),
        )
    };
    view! {
        <AlertRegion message=f.alert />
        <form class="form" novalidate=true on:submit=on_submit>
            <SentCodeField
                value=code
                form=f.form
                minutes=started.with_untracked(|s| s.as_ref().map_or(15, |s| s.code_minutes))
            />
            <SubmitButton label="Unlock my account" busy_label="Checking…" pending=f.pending class="button button--primary button--block" />
        </form>
        <StartAgain started=started />
    }
}
