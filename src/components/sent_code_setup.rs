//! Setting up two-step verification with codes by text message or email:
//! how, where (the contact on file is offered), then the code that was
//! sent. Used right after registration and in the account settings; the
//! rules are `portal_domain::two_step_code`'s, the same the server applies.

use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{AlertRegion, PasswordField, SubmitButton, TextField};
use crate::state::form::{rename_fields, FormErrors};
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{normalize_sent_code, EnableTwoStepRequest};
use portal_domain::problem::push_error;
use portal_domain::two_step_code::{
    validate_destination, CodeSent, CodeSetupRequest, TwoStepMethod,
};
use portal_domain::{FieldError, FieldErrors};

/// Server field names and this form's input ids.
const FIELDS: [(&str, &str); 3] = [
    ("destination", "tsc_destination"),
    ("password", "tsc_password"),
    ("method", "tsc_destination"),
];

/// The set-up form.
#[component]
pub fn SentCodeSetup(
    /// The email on file, if any (offered for codes by email; empty: none).
    #[prop(optional)]
    email: Option<String>,
    /// The mobile phone on file, `(555) 555-0142`, if any (empty: none).
    #[prop(optional)]
    phone: Option<String>,
    /// The password the member has just typed (at registration): sent with
    /// the set-up instead of asking again. Without it, a destination that
    /// is not on file asks for the current password.
    #[prop(optional)]
    password: Option<String>,
    /// Called with the recovery codes once two-step verification is on.
    on_enabled: Callback<Vec<String>>,
    /// Called when the member leaves without setting it up.
    on_cancel: Callback<()>,
    /// The words of the leave button.
    #[prop(default = "Cancel")]
    cancel_label: &'static str,
) -> impl IntoView {
    let session = use_session();
    let email = email.filter(|e| !e.is_empty());
    let phone = phone.filter(|p| !p.is_empty());
    let first = if phone.is_none() && email.is_some() {
        TwoStepMethod::Email
    } else {
        TwoStepMethod::Sms
    };
    let on_file = move |m: TwoStepMethod| match m {
        TwoStepMethod::Email => email.clone().unwrap_or_default(),
        _ => phone.clone().unwrap_or_default(),
    };
    let method = RwSignal::new(first);
    let destination = RwSignal::new(on_file(first));
    let typed_password = RwSignal::new(String::new());
    let given_password = password.clone();
    // A destination not on file needs the password (unless just given).
    let needs_password = {
        let on_file = on_file.clone();
        Memo::new(move |_| {
            if given_password.is_some() {
                return false;
            }
            let m = method.get();
            let known = validate_destination(m, &on_file(m)).ok().map(|d| d.value);
            let typed = destination.with(|d| validate_destination(m, d).ok().map(|d| d.value));
            match (known, typed) {
                (Some(k), Some(t)) => !k.eq_ignore_ascii_case(&t),
                _ => true,
            }
        })
    };
    let form = FormErrors::new(Signal::derive(move || {
        let mut errors = FieldErrors::new();
        if let Err(e) = destination.with(|d| validate_destination(method.get(), d)) {
            push_error(&mut errors, "tsc_destination", e);
        }
        if needs_password.get() && typed_password.with(String::is_empty) {
            push_error(
                &mut errors,
                "tsc_password",
                FieldError::new("password.required", "Enter your current password."),
            );
        }
        errors
    }));
    let code = RwSignal::new(String::new());
    let code_form = FormErrors::new(Signal::derive(move || {
        let mut errors = FieldErrors::new();
        if let Err(e) = code.with(|c| normalize_sent_code(c)) {
            push_error(&mut errors, "tsc_code", e);
        }
        errors
    }));
    let sent = RwSignal::new(None::<CodeSent>);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let fail = move |error: ApiError, form: FormErrors, order: &[&'static str]| {
        if session.handle_error(&error) {
            return;
        }
        let fields = rename_fields(error.field_errors(), &FIELDS);
        let fields = rename_fields(fields, &[("code", "tsc_code")]);
        alert.set(Some(if fields.is_empty() {
            error.message()
        } else {
            "Some details need fixing. Check the messages beside the fields.".into()
        }));
        if let Some(field) = form.set_server(fields, order) {
            focus_id(field);
        }
    };

    let send = move || {
        const ORDER: [&str; 2] = ["tsc_destination", "tsc_password"];
        let password = password.clone();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let body = CodeSetupRequest {
                    method: method.get_untracked(),
                    destination: destination.get_untracked(),
                    password: password.unwrap_or_else(|| typed_password.get_untracked()),
                };
                async move { api::security::two_step_code_setup(&body).await }
            },
            move |result| match result {
                Ok(s) => {
                    code.set(String::new());
                    code_form.reset();
                    sent.set(Some(s));
                    request_animation_frame(|| focus_id("tsc_code"));
                }
                Err(error) => fail(error, form, &ORDER),
            },
        );
    };
    let send_again = send.clone();
    let on_send = move |ev: SubmitEvent| {
        ev.prevent_default();
        send();
    };

    let on_enable = move |ev: SubmitEvent| {
        ev.prevent_default();
        code_form.send(
            pending,
            alert,
            &["tsc_code"],
            move || {
                let body = EnableTwoStepRequest {
                    code: code.get_untracked(),
                };
                async move { api::security::two_step_enable(&body).await }
            },
            move |result| match result {
                Ok(codes) => on_enabled.run(codes.codes),
                Err(error) => fail(error, code_form, &["tsc_code"]),
            },
        );
    };

    let radio = move |value: TwoStepMethod, id: &'static str| {
        let on_file = on_file.clone();
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="tsc_method"
                    prop:checked=move || method.get() == value
                    on:change=move |_| {
                        method.set(value);
                        destination.set(on_file(value));
                        form.reset();
                    }
                />
                <label for=id>{value.label()}</label>
            </div>
        }
    };

    let choose = move || {
        view! {
            <form class="form" novalidate=true on:submit=on_send.clone()>
                <fieldset class="fieldset">
                    <legend>"How should we send your sign-in codes?"</legend>
                    {radio(TwoStepMethod::Sms, "tsc_method_sms")}
                    {radio(TwoStepMethod::Email, "tsc_method_email")}
                </fieldset>
                {move || {
                    let (label, kind, auto, hint) = if method.get() == TwoStepMethod::Email {
                        ("Email address", "email", "email", "We'll email a 6-digit code each time you sign in.")
                    } else {
                        (
                            "Mobile phone number",
                            "tel",
                            "tel",
                            "A US mobile number, like (555) 555-0142. We'll text a 6-digit code each time you sign in; message and data rates may apply.",
                        )
                    };
                    view! {
                        <TextField
                            id="tsc_destination"
                            label=label
                            value=destination
                            errors=form.errors_for("tsc_destination")
                            input_type=kind
                            autocomplete=auto
                            hint=hint
                            on:input=move |_| form.edited("tsc_destination")
                            on:focusout=move |_| form.left("tsc_destination")
                        />
                    }
                }}
                <Show when=move || needs_password.get()>
                    <PasswordField
                        id="tsc_password"
                        label="Current password"
                        value=typed_password
                        errors=form.errors_for("tsc_password")
                        autocomplete="current-password"
                        hint="This phone or email becomes the contact on your account, where account recovery codes go."
                        on:input=move |_| form.edited("tsc_password")
                    />
                </Show>
                <div class="button-row">
                    <SubmitButton label="Send me a code" busy_label="Sending…" pending=pending />
                    <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>
                        {cancel_label}
                    </button>
                </div>
            </form>
        }
    };

    let confirm = move |s: CodeSent| {
        let minutes = s.expires_in_secs.div_ceil(60);
        let how = if s.method == TwoStepMethod::Email {
            "emailed"
        } else {
            "texted"
        };
        let send_again = send_again.clone();
        view! {
            <p>
                "We " {how} " a 6-digit code to " <strong class="sent-to">{s.sent_to.clone()}</strong>
                ". It works for " {minutes} " minutes and can take a minute to arrive."
            </p>
            <form class="form" novalidate=true on:submit=on_enable>
                <TextField
                    id="tsc_code"
                    label="Code we sent you"
                    value=code
                    errors=code_form.errors_for("tsc_code")
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength=7
                    on:input=move |_| code_form.edited("tsc_code")
                />
                <div class="button-row">
                    <SubmitButton label="Turn on two-step verification" pending=pending />
                    <button
                        type="button"
                        class="button button--secondary"
                        disabled=move || pending.get()
                        on:click=move |_| send_again()
                    >
                        "Send a new code"
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| {
                            sent.set(None);
                            alert.set(None);
                            request_animation_frame(|| focus_id("tsc_destination"));
                        }
                    >
                        "Use another phone or email"
                    </button>
                </div>
            </form>
        }
    };

    view! {
        <div class="sent-code-setup">
            <AlertRegion message=alert />
            {move || match sent.get() {
                Some(s) => confirm(s).into_any(),
                None => choose().into_any(),
            }}
        </div>
    }
}
