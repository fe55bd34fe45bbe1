//! `/provider/register`: who is registering first; a healthcare provider's
//! office then proves who it is (provider ID, SSN or Federal Tax ID number,
//! date of birth) and chooses a username and password under the provider
//! policy (live checklists). Anyone else gets technical support's line.
//! Nothing is sent while `validate_provider_registration` finds a problem.

use super::{
    provider_policy_memo, CallTechnicalSupport, ProviderIdentityFields, ProviderIdentityValues,
    RegistrantChoice, IDENTITY_FIELDS,
};
use crate::api::{self, ApiError};
use crate::browser::{focus_id, today};
use crate::components::{
    AlertRegion, PasswordField, PublicLayout, RuleChecklist, SubmitButton, TextField,
};
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use portal_domain::api::Me;
use portal_domain::problem::types;
use portal_domain::provider::{
    validate_provider_registration, ProviderRegisterRequest, Registrant,
};
use portal_domain::routes::Page;
use portal_domain::FieldError;

/// The fields, in form order (also the inputs' ids).
const ORDER: [&str; 8] = [
    IDENTITY_FIELDS[0],
    IDENTITY_FIELDS[1],
    IDENTITY_FIELDS[2],
    "username",
    "password",
    "confirm_password",
    "accept_terms",
    "registrant",
];

/// The provider registration page.
#[component]
pub fn ProviderRegisterPage() -> impl IntoView {
    crate::pages::page("Register for a provider account");
    let session = use_session();
    let navigate = use_navigate();
    let go_home =
        Callback::new(move |()| navigate(Page::ProviderEligibility.href(), Default::default()));
    let today = today();
    let policy = provider_policy_memo();

    let registrant = RwSignal::new(Registrant::Provider);
    let identity = ProviderIdentityValues::new();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let accept_terms = RwSignal::new(false);
    let shown = RwSignal::new(false);
    let suggestions = RwSignal::new(Vec::<String>::new());
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let request = Memo::new(move |_| ProviderRegisterRequest {
        registrant: registrant.get(),
        provider_id: identity.provider_id.get(),
        tax_id: identity.tax_id.get(),
        date_of_birth: identity.date_of_birth.get(),
        username: username.get(),
        password: password.get(),
        confirm_password: confirm_password.get(),
        accept_terms: accept_terms.get(),
    });
    let client_errors = Memo::new(move |_| {
        request
            .with(|r| validate_provider_registration(r, today))
            .err()
            .unwrap_or_default()
    });
    let form = FormErrors::new(Signal::derive(move || client_errors.get()));
    let errors_for = move |field: &'static str| form.errors_for(field);
    let left = move |field: &'static str| form.left(field);
    let edited = move |field: &'static str| form.edited(field);

    // The lists are titled "Your username needs": drop the rules' own prefix.
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

    let on_result = move |result: Result<Me, ApiError>| match result {
        Ok(me) => {
            session.signed_in(me);
            go_home.run(());
        }
        Err(error) => {
            let mut fields = error.field_errors();
            let message = match &error {
                ApiError::Conflict { problem } if problem.type_uri == types::USERNAME_TAKEN => {
                    suggestions.set(problem.suggestions.clone());
                    "That username is taken. Choose another, or pick one of the suggestions."
                        .to_string()
                }
                ApiError::Other { problem } if problem.type_uri == types::NOT_ELIGIBLE => {
                    if fields.is_empty() {
                        fields.insert(
                            "provider_id".to_string(),
                            vec![FieldError::new(problem.type_uri.clone(), error.message())],
                        );
                    }
                    error.message()
                }
                _ if !fields.is_empty() => {
                    "Some details need fixing. Check the messages beside the fields.".to_string()
                }
                other => other.message(),
            };
            let first = form.set_server(fields, &ORDER);
            alert.set(Some(message));
            if let Some(field) = first {
                focus_id(field);
            }
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                suggestions.set(Vec::new());
                let body = request.get_untracked();
                async move { api::provider::register(&body).await }
            },
            on_result,
        );
    };

    let use_suggestion = move |name: String| {
        username.set(name);
        edited("username");
        suggestions.set(Vec::new());
        focus_id("username");
    };

    let provider_form = move || {
        view! {
            <AlertRegion message=alert />
            <form class="form" novalidate=true on:submit=on_submit>
                <fieldset class="fieldset">
                    <legend>"Your practice"</legend>
                    <ProviderIdentityFields values=identity form=form today=today.to_string() />
                </fieldset>
                <fieldset class="fieldset">
                    <legend>"Your username and password"</legend>
                    <TextField
                        id="username"
                        label="Username"
                        value=username
                        errors=errors_for("username")
                        autocomplete="username"
                        described_by="username-rules"
                        on:input=move |_| edited("username")
                        on:focusout=move |_| left("username")
                    />
                    <Show when=move || suggestions.with(|s| !s.is_empty())>
                        <div class="suggestions">
                            <p id="suggestions-title">"Available usernames:"</p>
                            <ul aria-labelledby="suggestions-title">
                                <For each=move || suggestions.get() key=|s| s.clone() let:name>
                                    <li>
                                        <button
                                            type="button"
                                            class="button button--secondary"
                                            on:click={
                                                let pick = name.clone();
                                                move |_| use_suggestion(pick.clone())
                                            }
                                        >
                                            {name.clone()}
                                        </button>
                                    </li>
                                </For>
                            </ul>
                        </div>
                    </Show>
                    <RuleChecklist id="username-rules" title="Your username needs" checks=username_checks />
                    <PasswordField
                        id="password"
                        label="Password"
                        value=password
                        errors=errors_for("password")
                        autocomplete="new-password"
                        shown=shown
                        controls="password confirm_password"
                        described_by="password-rules"
                        on:input=move |_| edited("password")
                        on:focusout=move |_| left("password")
                    />
                    <RuleChecklist id="password-rules" title="Your password needs" checks=password_checks />
                    <PasswordField
                        id="confirm_password"
                        label="Confirm password"
                        value=confirm_password
                        errors=errors_for("confirm_password")
                        autocomplete="new-password"
                        shown=shown
                        toggle=false
                        on:input=move |_| edited("confirm_password")
                        on:focusout=move |_| left("confirm_password")
                    />
                </fieldset>
                <div class="field" class:field--invalid=move || !errors_for("accept_terms").get().is_empty()>
                    <div class="choice">
                        <input
                            type="checkbox"
                            id="accept_terms"
                            name="accept_terms"
                            aria-describedby="accept_terms-errors"
                            prop:checked=move || accept_terms.get()
                            on:change=move |ev| {
                                accept_terms.set(event_target_checked(&ev));
                                edited("accept_terms");
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
                            let errors = errors_for("accept_terms").get();
                            (!errors.is_empty())
                                .then(|| view! { <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })
                        }}
                    </div>
                </div>
                <SubmitButton label="Create provider account" busy_label="Creating account…" pending=pending class="button button--primary button--block" />
            </form>
        }
    };

    view! {
        <PublicLayout provider=true>
            <div class="auth-card auth-card--wide">
                <h1>"Register for a provider account"</h1>
                <p class="lead">
                    "For a healthcare provider's office. You need your provider ID, your SSN or Federal Tax ID number, and your date of birth."
                </p>
                <RegistrantChoice value=registrant />
                {move || {
                    let who = registrant.get();
                    if who.registers_online() {
                        provider_form().into_any()
                    } else {
                        view! { <CallTechnicalSupport who=who /> }.into_any()
                    }
                }}
                <p class="auth-card__alt">
                    "Already registered? " <a href=super::provider_sign_in_href()>"Sign in"</a>
                    " · " <a href=Page::ProviderHome.href()>"Provider home"</a>
                </p>
            </div>
        </PublicLayout>
    }
}
