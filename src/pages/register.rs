//! `/register`: create an account, proving identity with member ID + date
//! of birth + last 4 of SSN, or with an activation code.
//!
//! Every rule the browser can check comes from `portal_domain` (the same
//! code the server runs). Nothing is sent while a rule is broken.
//!
//! Once the account exists (and the member is signed in), the page offers
//! two-step verification by text or email ([`ProtectAccount`]) before the
//! dashboard; "Not now" goes straight there.

use crate::api::{self, ApiError};
use crate::browser::{focus_id, today};
use crate::components::{
    AlertRegion, NewCredentialFields, NewCredentials, PublicLayout, RecoveryCodesList,
    SentCodeSetup, SubmitButton, TextField,
};
use crate::state::form::FormErrors;
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_domain::api::{Me, RegisterRequest, RegistrationMethod};
use portal_domain::problem::types;
use portal_domain::registration::validate;
use portal_domain::routes::Page;
use portal_domain::{CredentialPolicy, FieldError};

/// Field names (also the inputs' ids), in the order they appear.
const IDENTITY_FIELDS: [&str; 3] = ["member_id", "date_of_birth", "ssn_last4"];
const CODE_FIELDS: [&str; 1] = ["activation_code"];
const ACCOUNT_FIELDS: [&str; 4] = ["username", "password", "confirm_password", "accept_terms"];

/// The visible fields of a method, in form order.
fn fields_of(method: RegistrationMethod) -> impl Iterator<Item = &'static str> {
    let identity: &[&str] = match method {
        RegistrationMethod::Identity => &IDENTITY_FIELDS,
        RegistrationMethod::ActivationCode => &CODE_FIELDS,
    };
    identity.iter().chain(ACCOUNT_FIELDS.iter()).copied()
}

/// The visible fields of a method, in form order, as a list.
fn order_of(method: RegistrationMethod) -> Vec<&'static str> {
    fields_of(method).collect()
}

/// The registration page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    super::page("Create your account");
    let session = use_session();
    let navigate = use_navigate();
    let go_home = Callback::new(move |()| navigate(Page::Dashboard.href(), Default::default()));
    let today = today();

    // The server's preset; the member default until it has loaded.
    let (policy_info, _) = remote(api::auth::policy);
    let policy = Memo::new(move |_| {
        policy_info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => CredentialPolicy::default(),
        })
    });

    let method = RwSignal::new(RegistrationMethod::Identity);
    let member_id = RwSignal::new(String::new());
    let date_of_birth = RwSignal::new(String::new());
    let ssn_last4 = RwSignal::new(String::new());
    let activation_code = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let accept_terms = RwSignal::new(false);

    let suggestions = RwSignal::new(Vec::<String>::new());
    let creds = NewCredentials {
        username,
        password,
        confirm_password,
        accept_terms,
        suggestions,
    };
    let alert = RwSignal::new(None::<String>);

    let request = Memo::new(move |_| RegisterRequest {
        method: method.get(),
        member_id: member_id.get(),
        date_of_birth: date_of_birth.get(),
        ssn_last4: ssn_last4.get(),
        activation_code: activation_code.get(),
        username: username.get(),
        password: password.get(),
        confirm_password: confirm_password.get(),
        accept_terms: accept_terms.get(),
    });
    let client_errors = Memo::new(move |_| {
        request
            .with(|r| validate(&policy.get(), r, today))
            .err()
            .unwrap_or_default()
    });

    // Client errors once a field is touched (or after a submit attempt),
    // and whatever the server said about it until it is edited.
    let form = FormErrors::new(Signal::derive(move || client_errors.get()));
    let errors_for = move |field: &'static str| form.errors_for(field);
    let left = move |field: &'static str| form.left(field);
    let edited = move |field: &'static str| form.edited(field);

    let pending = RwSignal::new(false);
    // The password of the account just made, for the two-step set-up.
    let created = RwSignal::new(None::<String>);
    let on_result = move |result: Result<Me, ApiError>| match result {
        Ok(me) => {
            session.signed_in(me);
            created.set(Some(password.get_untracked()));
            request_animation_frame(|| focus_id("protect-heading"));
        }
        Err(error) => {
            let mut fields = error.field_errors();
            // An expired or unknown code answered without a field map:
            // the message still belongs beside the code field.
            if let ApiError::Other { problem } = &error {
                let about_code = problem.type_uri == types::CODE_EXPIRED
                    || (problem.type_uri == types::NOT_ELIGIBLE
                        && method.get_untracked() == RegistrationMethod::ActivationCode);
                if about_code && fields.is_empty() {
                    fields.insert(
                        "activation_code".to_string(),
                        vec![FieldError::new(problem.type_uri.clone(), error.message())],
                    );
                }
            }
            let message = match &error {
                ApiError::Conflict { problem } if problem.type_uri == types::USERNAME_TAKEN => {
                    suggestions.set(problem.suggestions.clone());
                    "That username is taken. Choose another, or pick one of the suggestions."
                        .to_string()
                }
                _ if !fields.is_empty() => {
                    "Some details need fixing. Check the messages beside the fields.".to_string()
                }
                other => other.message(),
            };
            let first = form.set_server(fields, &order_of(method.get_untracked()));
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
        if let Some(field) = form.submit(&order_of(method.get_untracked())) {
            // Every broken rule is now shown; nothing is sent.
            focus_id(field);
            return;
        }
        alert.set(None);
        suggestions.set(Vec::new());
        let body = request.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let result = api::auth::register(&body).await;
            if pending.try_set(false).is_none() {
                on_result(result);
            }
        });
    };

    let method_radio = move |value: RegistrationMethod, id: &'static str, label: &'static str| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="method"
                    prop:checked=move || method.get() == value
                    on:change=move |_| method.set(value)
                />
                <label for=id>{label}</label>
            </div>
        }
    };

    view! {
        <PublicLayout>
            {move || created.get().map(|password| view! { <ProtectAccount password=password go_home=go_home /> })}
            <Show when=move || created.with(Option::is_none)>
            <div class="auth-card auth-card--wide">
                <h1>"Create your account"</h1>
                <p class="lead">
                    "You need your member ID card, or the activation code from the letter we mailed you."
                </p>
                <AlertRegion message=alert />
                <form class="form" novalidate=true on:submit=on_submit>
                    <fieldset class="fieldset">
                        <legend>"How do you want to confirm who you are?"</legend>
                        {method_radio(
                            RegistrationMethod::Identity,
                            "method-identity",
                            "Member ID, date of birth and SSN",
                        )}
                        {method_radio(
                            RegistrationMethod::ActivationCode,
                            "method-code",
                            "Activation code",
                        )}
                    </fieldset>
                    {move || match method.get() {
                        RegistrationMethod::Identity => {
                            view! {
                                <TextField
                                    id="member_id"
                                    label="Member ID"
                                    value=member_id
                                    errors=errors_for("member_id")
                                    hint="As on your ID card, without the asterisk: 123456789*01 → 12345678901"
                                    inputmode="numeric"
                                    autocomplete="off"
                                    on:input=move |_| edited("member_id")
                                    on:focusout=move |_| left("member_id")
                                />
                                <TextField
                                    id="date_of_birth"
                                    label="Date of birth"
                                    value=date_of_birth
                                    errors=errors_for("date_of_birth")
                                    input_type="date"
                                    autocomplete="bday"
                                    max=today.to_string()
                                    on:input=move |_| edited("date_of_birth")
                                    on:focusout=move |_| left("date_of_birth")
                                />
                                <TextField
                                    id="ssn_last4"
                                    label="Last 4 of SSN"
                                    value=ssn_last4
                                    errors=errors_for("ssn_last4")
                                    hint="The last 4 digits of your Social Security number."
                                    inputmode="numeric"
                                    autocomplete="off"
                                    maxlength=4
                                    on:input=move |_| edited("ssn_last4")
                                    on:focusout=move |_| left("ssn_last4")
                                />
                            }
                                .into_any()
                        }
                        RegistrationMethod::ActivationCode => {
                            view! {
                                <TextField
                                    id="activation_code"
                                    label="Activation code"
                                    value=activation_code
                                    errors=errors_for("activation_code")
                                    hint="From the letter we mailed you, for example ABCD-2345-WXYZ."
                                    autocomplete="off"
                                    on:input=move |_| edited("activation_code")
                                    on:focusout=move |_| left("activation_code")
                                />
                            }
                                .into_any()
                        }
                    }}
                    <NewCredentialFields values=creds policy=policy form=form />
                    <SubmitButton label="Create account" busy_label="Creating account…" pending=pending class="button button--primary button--block" />
                </form>
                <p class="auth-card__alt">
                    "Already have an account? " <a href=Page::Login.href()>"Sign in"</a>
                </p>
            </div>
            </Show>
        </PublicLayout>
    }
}

/// Right after registration: two-step verification by text or email,
/// offered before the dashboard, then the recovery codes.
#[component]
fn ProtectAccount(
    /// The password the member just chose (the set-up needs it, as the
    /// phone or email becomes the contact on file).
    password: String,
    /// Goes to the dashboard.
    go_home: Callback<()>,
) -> impl IntoView {
    let codes = RwSignal::new(None::<Vec<String>>);
    view! {
        <div class="auth-card auth-card--wide">
            <h1 id="protect-heading" tabindex="-1">"Your account is ready. Now protect it"</h1>
            {move || match codes.get() {
                Some(list) => view! {
                    <h2 class="auth-card__step">"Two-step verification is on"</h2>
                    <RecoveryCodesList
                        codes=list
                        on_saved=go_home
                        saved_label="I have saved my codes: go to my dashboard"
                    />
                }
                    .into_any(),
                None => view! {
                    <p class="lead">
                        "Turn on two-step verification: each time you sign in, we'll also send a 6-digit "
                        "code to your phone or email, so your password alone is not enough to get into "
                        "your health information."
                    </p>
                    <SentCodeSetup
                        password=password.clone()
                        on_enabled=Callback::new(move |list| {
                            codes.set(Some(list));
                            request_animation_frame(|| focus_id("recovery-codes-heading"));
                        })
                        on_cancel=go_home
                        cancel_label="Not now: go to my dashboard"
                    />
                    <p class="field__hint">
                        "Prefer an authenticator app? Set it up any time in Account settings, under Two-step verification."
                    </p>
                }
                    .into_any(),
            }}
        </div>
    }
}
