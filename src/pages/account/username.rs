//! Change username: the registration rules, case-insensitive uniqueness
//! with suggestions, and the current password to confirm.

use super::StatusLine;
use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{AlertRegion, PasswordField, RuleChecklist, SubmitButton, TextField};
use crate::state::form::{rename_fields, FormErrors};
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::ChangeUsernameRequest;
use portal_domain::forms::change_username_errors;
use portal_domain::problem::types;
use portal_domain::CredentialPolicy;

const ORDER: [&str; 2] = ["new_username", "username_password"];
/// The request's field names and this form's input ids.
const FIELDS: [(&str, &str); 2] = [
    ("username", "new_username"),
    ("password", "username_password"),
];

/// The username section.
#[component]
pub fn UsernameSection(
    /// The username in use now.
    #[prop(into)]
    current: Signal<String>,
    /// The active credential policy.
    policy: Memo<CredentialPolicy>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let new_username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // The server's checks (portal_domain::forms), on this form's input ids.
    let client = Signal::derive(move || {
        let request = ChangeUsernameRequest {
            username: new_username.get(),
            password: password.get(),
        };
        let errors = policy.with(|p| change_username_errors(p, &current.get(), &request));
        rename_fields(errors, &FIELDS)
    });
    let form = FormErrors::new(client);
    let checks = Signal::derive(move || {
        let mut checks = new_username.with(|u| policy.with(|p| p.username_checklist(u.trim())));
        for check in &mut checks {
            if let Some(rest) = check.message.strip_prefix("Username: ") {
                check.message = rest.to_string();
            }
        }
        checks
    });
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let suggestions = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
            done.set(None);
            suggestions.set(Vec::new());
            let body = ChangeUsernameRequest {
                username: new_username.get_untracked().trim().to_string(),
                password: password.get_untracked(),
            };
                async move { api::security::change_username(&body).await }
            },
            move |result| match result {
        Ok(me) => {
            done.set(Some(format!("Your username is now {}.", me.username)));
            new_username.set(String::new());
            password.set(String::new());
            form.reset();
            session.signed_in(me);
            changed.run(());
        }
        Err(error) => {
            if session.handle_error(&error) {
                return;
            }
            let message = match &error {
                ApiError::Conflict { problem }
                    if problem.type_uri == types::USERNAME_TAKEN =>
                {
                    suggestions.set(problem.suggestions.clone());
                    "That username is taken. Choose another, or pick one of the suggestions.".to_string()
                }
                other => other.message(),
            };
            let fields = rename_fields(error.field_errors(), &FIELDS);
            alert.set(Some(message));
            if let Some(field) = form.set_server(fields, &ORDER) {
                focus_id(field);
            }
        }
            },
        );
    };

    let use_suggestion = move |name: String| {
        new_username.set(name);
        form.edited("new_username");
        suggestions.set(Vec::new());
        focus_id("new_username");
    };

    view! {
        <section class="panel account-section" aria-labelledby="username-heading">
            <h2 class="panel__title" id="username-heading">"Username"</h2>
            <p>"You sign in as " <strong>{move || current.get()}</strong> "."</p>
            <AlertRegion message=alert />
            <StatusLine message=done />
            <form class="form" novalidate=true on:submit=on_submit>
                <TextField
                    id="new_username"
                    label="New username"
                    value=new_username
                    errors=form.errors_for("new_username")
                    autocomplete="username"
                    described_by="new-username-rules"
                    on:input=move |_| form.edited("new_username")
                    on:focusout=move |_| form.left("new_username")
                />
                <RuleChecklist id="new-username-rules" title="Your username needs" checks=checks />
                <Show when=move || suggestions.with(|s| !s.is_empty())>
                    <div class="suggestions">
                        <p id="username-suggestions">"Free usernames you could use:"</p>
                        <ul aria-labelledby="username-suggestions">
                            <For each=move || suggestions.get() key=|s| s.clone() let:name>
                                <li>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        on:click={
                                            let name = name.clone();
                                            move |_| use_suggestion(name.clone())
                                        }
                                    >
                                        {format!("Use {name}")}
                                    </button>
                                </li>
                            </For>
                        </ul>
                    </div>
                </Show>
                <PasswordField
                    id="username_password"
                    label="Current password"
                    value=password
                    errors=form.errors_for("username_password")
                    autocomplete="current-password"
                    hint="To confirm it is you."
                    on:input=move |_| form.edited("username_password")
                />
                <SubmitButton label="Change username" busy_label="Saving…" pending=pending />
            </form>
        </section>
    }
}
