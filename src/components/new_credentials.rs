//! The fields of a new username and password: the username (with the
//! server's suggestions after a taken one), each with the live checklist
//! of the policy in force, the confirmation, and the terms. Used where an
//! account is created (registration, the legacy first sign-in).

use crate::browser::focus_id;
use crate::components::{PasswordField, RuleChecklist, TextField};
use crate::state::form::FormErrors;
use leptos::prelude::*;
use portal_domain::CredentialPolicy;

/// The signals the fields edit.
#[derive(Clone, Copy)]
pub struct NewCredentials {
    /// Username asked for.
    pub username: RwSignal<String>,
    /// New password.
    pub password: RwSignal<String>,
    /// The password again.
    pub confirm_password: RwSignal<String>,
    /// The terms and privacy notice accepted.
    pub accept_terms: RwSignal<bool>,
    /// Free usernames the server offered after a taken one.
    pub suggestions: RwSignal<Vec<String>>,
}

impl NewCredentials {
    /// Empty fields.
    pub fn new() -> Self {
        Self {
            username: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            confirm_password: RwSignal::new(String::new()),
            accept_terms: RwSignal::new(false),
            suggestions: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for NewCredentials {
    fn default() -> Self {
        Self::new()
    }
}

/// Username, password, confirmation and terms, with the checklists.
#[component]
pub fn NewCredentialFields(
    /// What the fields edit.
    values: NewCredentials,
    /// The policy the checklists show (the one the server enforces).
    #[prop(into)]
    policy: Signal<CredentialPolicy>,
    /// The form's error state (fields `username`, `password`,
    /// `confirm_password`, `accept_terms`).
    form: FormErrors,
) -> impl IntoView {
    let NewCredentials {
        username,
        password,
        confirm_password,
        accept_terms,
        suggestions,
    } = values;
    let shown = RwSignal::new(false);
    // The list is titled "Your username needs": drop the rules' own "Username: " prefix.
    let username_checks = Signal::derive(move || {
        let mut checks = username.with(|u| policy.with(|p| p.username_checklist(u)));
        for check in &mut checks {
            if let Some(rest) = check.message.strip_prefix("Username: ") {
                check.message = rest.to_string();
            }
        }
        checks
    });
    let password_checks = Signal::derive(move || {
        password.with(|pw| username.with(|u| policy.with(|p| p.password_checklist(pw, u))))
    });
    let use_suggestion = move |name: String| {
        username.set(name);
        form.edited("username");
        suggestions.set(Vec::new());
        focus_id("username");
    };
    let terms_errors = form.errors_for("accept_terms");
    view! {
        <TextField
            id="username"
            label="Username"
            value=username
            errors=form.errors_for("username")
            autocomplete="username"
            described_by="username-rules"
            on:input=move |_| form.edited("username")
            on:focusout=move |_| form.left("username")
        />
        {move || {
            let names = suggestions.get();
            (!names.is_empty())
                .then(|| {
                    view! {
                        <div class="suggestions">
                            <p id="suggestions-title">"Available usernames:"</p>
                            <ul aria-labelledby="suggestions-title">
                                {names
                                    .into_iter()
                                    .map(|name| {
                                        let pick = name.clone();
                                        view! {
                                            <li>
                                                <button
                                                    type="button"
                                                    class="button button--secondary"
                                                    on:click=move |_| use_suggestion(pick.clone())
                                                >
                                                    {name}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
        }}
        <RuleChecklist id="username-rules" title="Your username needs" checks=username_checks />
        <PasswordField
            id="password"
            label="Password"
            value=password
            errors=form.errors_for("password")
            autocomplete="new-password"
            shown=shown
            controls="password confirm_password"
            described_by="password-rules"
            on:input=move |_| form.edited("password")
            on:focusout=move |_| form.left("password")
        />
        <RuleChecklist id="password-rules" title="Your password needs" checks=password_checks />
        <PasswordField
            id="confirm_password"
            label="Confirm password"
            value=confirm_password
            errors=form.errors_for("confirm_password")
            autocomplete="new-password"
            shown=shown
            toggle=false
            on:input=move |_| form.edited("confirm_password")
            on:focusout=move |_| form.left("confirm_password")
        />
        <div class="field" class:field--invalid=move || !terms_errors.get().is_empty()>
            <div class="choice">
                <input
                    type="checkbox"
                    id="accept_terms"
                    name="accept_terms"
                    aria-describedby="accept_terms-errors"
                    prop:checked=move || accept_terms.get()
                    on:change=move |ev| {
                        accept_terms.set(event_target_checked(&ev));
                        form.edited("accept_terms");
                    }
                />
                <label for="accept_terms">
                    {format!(
                        "I accept the terms of service (version {}) and the privacy notice (version {})",
                        portal_domain::registration::TERMS_VERSION,
                        portal_domain::registration::PRIVACY_VERSION,
                    )}
                </label>
            </div>
            <div class="field__errors" id="accept_terms-errors">
                {move || {
                    let errors = terms_errors.get();
                    (!errors.is_empty())
                        .then(|| view! { <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })
                }}
            </div>
        </div>
    }
}
