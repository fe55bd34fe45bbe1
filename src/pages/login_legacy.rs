//! The legacy first sign-in, shown by `/login` after the old site's ID
//! number and PIN: the member chooses a username and password of their own
//! (the members' policy, with the live checklists); the PIN then works no
//! more.

use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{AlertRegion, NewCredentialFields, NewCredentials, SubmitButton};
use crate::state::form::FormErrors;
use crate::state::remote::remote;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api::Me;
use portal_domain::legacy::{validate_legacy_complete, LegacyChallenge, LegacyCompleteRequest};
use portal_domain::problem::types;
use portal_domain::CredentialPolicy;

const ORDER: [&str; 4] = ["username", "password", "confirm_password", "accept_terms"];

/// The new-credentials form. Calls `on_done` once the account exists and
/// the member is signed in, `on_restart` when the member must sign in
/// with the ID number and PIN again (the 15 minutes ran out).
#[component]
pub fn LegacyForm(
    /// The server's answer to the ID number and PIN.
    challenge: LegacyChallenge,
    /// Called with the signed-in member.
    on_done: Callback<Me>,
    /// Called with a message when the sign-in has to start over.
    on_restart: Callback<String>,
) -> impl IntoView {
    let (policy_info, _) = remote(api::auth::policy);
    let policy = Memo::new(move |_| {
        policy_info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => CredentialPolicy::default(),
        })
    });
    let creds = NewCredentials::new();
    let request = Memo::new(move |_| LegacyCompleteRequest {
        username: creds.username.get(),
        password: creds.password.get(),
        confirm_password: creds.confirm_password.get(),
        accept_terms: creds.accept_terms.get(),
    });
    let form = FormErrors::new(Signal::derive(move || {
        request
            .with(|r| validate_legacy_complete(&policy.get(), r))
            .err()
            .unwrap_or_default()
    }));
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let minutes = challenge.expires_in_secs.div_ceil(60);
    let on_result = move |result: Result<Me, ApiError>| match result {
        Ok(me) => on_done.run(me),
        Err(ApiError::Unauthorized { problem }) => on_restart.run(
            problem
                .detail
                .unwrap_or_else(|| "Sign in with your ID number and PIN again.".into()),
        ),
        Err(error) => {
            let message = match &error {
                ApiError::Conflict { problem } if problem.type_uri == types::USERNAME_TAKEN => {
                    creds.suggestions.set(problem.suggestions.clone());
                    "That username is taken. Choose another, or pick one of the suggestions."
                        .to_string()
                }
                other if !other.field_errors().is_empty() => {
                    "Some details need fixing. Check the messages beside the fields.".to_string()
                }
                other => other.message(),
            };
            let first = form.set_server(error.field_errors(), &ORDER);
            alert.set(Some(message));
            if let Some(field) = first {
                focus_id(field);
            }
        }
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(field) = form.submit(&ORDER) {
            focus_id(field);
            return;
        }
        alert.set(None);
        creds.suggestions.set(Vec::new());
        let body = request.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let result = api::security::legacy_complete(&body).await;
            if pending.try_set(false).is_none() {
                on_result(result);
            }
        });
    };
    view! {
        <section class="legacy" aria-labelledby="legacy-heading">
            <h2 id="legacy-heading" tabindex="-1">
                {format!("Welcome, {}: choose your username and password", challenge.first_name)}
            </h2>
            <p>
                {format!(
                    "You signed in with the ID number and PIN from our old website. They work only this once: \
                     choose a username and password for this portal within {minutes} minutes. From then on, \
                     sign in with them."
                )}
            </p>
            <AlertRegion message=alert />
            <form class="form" novalidate=true on:submit=on_submit>
                <NewCredentialFields values=creds policy=policy form=form />
                <SubmitButton
                    label="Create my username and password"
                    busy_label="Saving…"
                    pending=pending
                    class="button button--primary button--block"
                />
            </form>
        </section>
    }
}
