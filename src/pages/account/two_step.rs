//! Two-step verification: enrol with an authenticator app (QR code from the
//! server as an SVG image, the secret in text, one valid code to switch on)
//! or with codes by text or email ([`SentCodeSetup`]), the recovery codes
//! shown once, new recovery codes, and switching off (password + a code
//! from the app, or one sent for it).

use super::StatusLine;
use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{
    AlertRegion, PasswordField, RecoveryCodesList, SentCodeSetup, SubmitButton, TextField,
};
use crate::state::form::rename_fields;
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::{
    normalize_sent_code, normalize_totp_code, DisableTwoStepRequest, EnableTwoStepRequest,
    RegenerateCodesRequest, TwoStepSetup, TwoStepStatus,
};
use portal_domain::problem::push_error;
use portal_domain::two_step_code::TwoStepMethod;
use portal_domain::{FieldError, FieldErrors};

/// Said once two-step verification is off.
const TURNED_OFF: &str =
    "Done: you turned off two-step verification, and your recovery codes no longer work.";

/// What the section shows besides the status.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Nothing in progress.
    Idle,
    /// Enrolling with this secret.
    Enrolling(TwoStepSetup),
    /// Setting up codes by text or email.
    SentCodes,
    /// Recovery codes to save (shown once).
    Codes(Vec<String>),
}

/// The secret in groups of four, for typing.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn code_errors(field: &'static str, code: &str, sent: bool) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let checked = if sent {
        normalize_sent_code(code)
    } else {
        normalize_totp_code(code)
    };
    if let Err(e) = checked {
        push_error(&mut errors, field, e);
    }
    errors
}

fn password_required(errors: &mut FieldErrors, field: &'static str, value: &str) {
    if value.is_empty() {
        push_error(
            errors,
            field,
            FieldError::new("password.required", "Enter your current password."),
        );
    }
}

/// The two-step verification section.
#[component]
pub fn TwoStepSection(
    /// Status when the page loaded.
    status: TwoStepStatus,
    /// The email on file (offered for codes by email).
    email: Option<String>,
    /// The mobile phone on file (offered for codes by text).
    phone: Option<String>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let stage = RwSignal::new(Stage::Idle);
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let status = RwSignal::new(status);
    // Asks the server for the status again (after a change), back to the overview.
    let refresh = move || {
        let fetch = api::security::two_step_status();
        spawn_local(async move {
            match fetch.await {
                Ok(s) => {
                    let _ = status.try_set(s);
                    let _ = stage.try_set(Stage::Idle);
                }
                Err(error) => {
                    if !session.handle_error(&error) {
                        let _ = alert.try_set(Some(error.message()));
                    }
                }
            }
        });
    };

    // Shows an error: 401 ends the session; field errors go beside fields.
    let fail = move |error: ApiError,
                     form: FormErrors,
                     map: &[(&str, &'static str)],
                     order: &[&'static str]| {
        if session.handle_error(&error) {
            return;
        }
        let fields = rename_fields(error.field_errors(), map);
        alert.set(Some(if fields.is_empty() {
            error.message()
        } else {
            "Some details need fixing. Check the messages beside the fields.".into()
        }));
        if let Some(field) = form.set_server(fields, order) {
            focus_id(field);
        }
    };

    let start = move |_| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::security::two_step_setup().await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(setup) => {
                    stage.set(Stage::Enrolling(setup));
                    request_animation_frame(|| focus_id("enrol_code"));
                }
                Err(error) => {
                    if !session.handle_error(&error) {
                        alert.set(Some(error.message()));
                    }
                }
            }
        });
    };

    // Enrolment form.
    let enrol_code = RwSignal::new(String::new());
    let enrol_form = FormErrors::new(Signal::derive(move || {
        enrol_code.with(|c| code_errors("enrol_code", c, false))
    }));
    let enrol = move |ev: SubmitEvent| {
        ev.prevent_default();
        enrol_form.send(
            pending,
            alert,
            &["enrol_code"],
            move || {
                let body = EnableTwoStepRequest {
                    code: enrol_code.get_untracked(),
                };
                async move { api::security::two_step_enable(&body).await }
            },
            move |result| match result {
                Ok(codes) => {
                    enrol_code.set(String::new());
                    enrol_form.reset();
                    stage.set(Stage::Codes(codes.codes));
                    done.set(Some("Two-step verification is on.".into()));
                    changed.run(());
                    request_animation_frame(|| focus_id("recovery-codes-heading"));
                }
                Err(error) => fail(
                    error,
                    enrol_form,
                    &[("code", "enrol_code")],
                    &["enrol_code"],
                ),
            },
        );
    };

    // New recovery codes.
    let regen_password = RwSignal::new(String::new());
    let regen_form = FormErrors::new(Signal::derive(move || {
        let mut e = FieldErrors::new();
        regen_password.with(|p| password_required(&mut e, "regen_password", p));
        e
    }));
    let regenerate = move |ev: SubmitEvent| {
        ev.prevent_default();
        regen_form.send(
            pending,
            alert,
            &["regen_password"],
            move || {
                let body = RegenerateCodesRequest {
                    password: regen_password.get_untracked(),
                };
                async move { api::security::regenerate_codes(&body).await }
            },
            move |result| match result {
                Ok(codes) => {
                    regen_password.set(String::new());
                    regen_form.reset();
                    stage.set(Stage::Codes(codes.codes));
                    done.set(Some(
                        "New recovery codes are ready. The old ones no longer work.".into(),
                    ));
                    changed.run(());
                    request_animation_frame(|| focus_id("recovery-codes-heading"));
                }
                Err(error) => fail(
                    error,
                    regen_form,
                    &[("password", "regen_password")],
                    &["regen_password"],
                ),
            },
        );
    };

    // Switching off.
    let off_password = RwSignal::new(String::new());
    let off_code = RwSignal::new(String::new());
    let off_form = FormErrors::new(Signal::derive(move || {
        let sent = status.with(|s| s.method.is_some_and(TwoStepMethod::is_sent));
        let mut e = off_code.with(|c| code_errors("off_code", c, sent));
        off_password.with(|p| password_required(&mut e, "off_password", p));
        e
    }));
    let turn_off = move |ev: SubmitEvent| {
        ev.prevent_default();
        const ORDER: [&str; 2] = ["off_password", "off_code"];
        off_form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let body = DisableTwoStepRequest {
                    password: off_password.get_untracked(),
                    code: off_code.get_untracked(),
                };
                async move { api::security::two_step_disable(&body).await }
            },
            move |result| match result {
                Ok(()) => {
                    off_password.set(String::new());
                    off_code.set(String::new());
                    off_form.reset();
                    done.set(Some(TURNED_OFF.into()));
                    changed.run(());
                    refresh();
                }
                Err(error) => fail(
                    error,
                    off_form,
                    &[("password", "off_password"), ("code", "off_code")],
                    &ORDER,
                ),
            },
        );
    };

    let codes_view = move |codes: Vec<String>| {
        view! {
            <RecoveryCodesList
                codes=codes
                on_saved=Callback::new(move |()| {
                    done.set(None);
                    refresh();
                    request_animation_frame(|| focus_id("two-step-heading"));
                })
            />
        }
    };

    // "Send me a code" for switching off, where codes are sent.
    let off_sent = RwSignal::new(None::<String>);
    let send_off_code = move |_| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::security::two_step_send_code().await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(sent) => {
                    off_sent.set(Some(format!(
                        "We sent a code to {}. It works for {} minutes.",
                        sent.sent_to,
                        sent.expires_in_secs.div_ceil(60)
                    )));
                    focus_id("off_code");
                }
                Err(error) => {
                    if !session.handle_error(&error) {
                        alert.set(Some(error.message()));
                    }
                }
            }
        });
    };

    let enrol_view = move |setup: TwoStepSetup| {
        view! {
            <div class="enrol">
                <ol class="enrol__steps">
                    <li>
                        <p>"Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password) and scan this QR code."</p>
                        <img
                            class="enrol__qr"
                            src=setup.qr_svg_data_uri.clone()
                            width="200"
                            height="200"
                            alt="QR code for setting up two-step verification in an authenticator app"
                        />
                    </li>
                    <li>
                        <p>"Can't scan it? Enter this key in the app instead:"</p>
                        <p class="mono enrol__secret" data-testid="two-step-secret" data-secret=setup.secret.clone()>
                            {grouped(&setup.secret)}
                        </p>
                    </li>
                    <li>
                        <form class="form" novalidate=true on:submit=enrol>
                            <TextField
                                id="enrol_code"
                                label="Code from your authenticator app"
                                value=enrol_code
                                errors=enrol_form.errors_for("enrol_code")
                                hint="Enter the 6-digit code the app shows, to check it is set up."
                                inputmode="numeric"
                                autocomplete="one-time-code"
                                maxlength=7
                                on:input=move |_| enrol_form.edited("enrol_code")
                            />
                            <SubmitButton label="Turn on two-step verification" pending=pending />
                            <button type="button" class="button button--quiet" on:click=move |_| stage.set(Stage::Idle)>
                                "Cancel"
                            </button>
                        </form>
                    </li>
                </ol>
            </div>
        }
    };

    let on_view = move || {
        let (method, sent_to) = status.with(|s| (s.method, s.sent_to.clone().unwrap_or_default()));
        let sent = method.is_some_and(TwoStepMethod::is_sent);
        let how = match method {
            Some(TwoStepMethod::Sms) => format!(": we text a code to {sent_to} when you sign in"),
            Some(TwoStepMethod::Email) => {
                format!(": we email a code to {sent_to} when you sign in")
            }
            _ => ", with codes from your authenticator app".to_string(),
        };
        let off_label = if sent {
            "Code we sent you"
        } else {
            "Code from your authenticator app"
        };
        view! {
            <p>
                "Two-step verification is " <strong>"on"</strong> {how} ". You have "
                {move || status.with(|s| s.recovery_codes_left)} " unused recovery codes."
            </p>
            <details class="disclosure">
                <summary>"Make new recovery codes"</summary>
                <form class="form" novalidate=true on:submit=regenerate>
                    <PasswordField
                        id="regen_password"
                        label="Current password"
                        value=regen_password
                        errors=regen_form.errors_for("regen_password")
                        autocomplete="current-password"
                        on:input=move |_| regen_form.edited("regen_password")
                    />
                    <SubmitButton label="Make new recovery codes" pending=pending class="button button--secondary" />
                </form>
            </details>
            <details class="disclosure">
                <summary>"Turn off two-step verification"</summary>
                <form class="form" novalidate=true on:submit=turn_off>
                    <PasswordField
                        id="off_password"
                        label="Current password"
                        value=off_password
                        errors=off_form.errors_for("off_password")
                        autocomplete="current-password"
                        on:input=move |_| off_form.edited("off_password")
                    />
                    {sent.then(|| view! {
                        <div class="button-row">
                            <button type="button" class="button button--secondary" disabled=move || pending.get() on:click=send_off_code>
                                "Send me a code"
                            </button>
                        </div>
                        <StatusLine message=off_sent />
                    })}
                    <TextField
                        id="off_code"
                        label=off_label
                        value=off_code
                        errors=off_form.errors_for("off_code")
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        maxlength=7
                        on:input=move |_| off_form.edited("off_code")
                    />
                    <SubmitButton label="Turn off two-step verification" pending=pending class="button button--danger" />
                </form>
            </details>
        }
    };

    view! {
        <section class="panel account-section" aria-labelledby="two-step-heading">
            <h2 class="panel__title" id="two-step-heading" tabindex="-1">"Two-step verification"</h2>
            <AlertRegion message=alert />
            <StatusLine message=done />
            {move || match stage.get() {
                Stage::Codes(codes) => codes_view(codes).into_any(),
                Stage::Enrolling(setup) => enrol_view(setup).into_any(),
                Stage::SentCodes => view! {
                    <SentCodeSetup
                        email=email.clone().unwrap_or_default()
                        phone=phone.clone().unwrap_or_default()
                        on_enabled=Callback::new(move |codes| {
                            stage.set(Stage::Codes(codes));
                            done.set(Some("Two-step verification is on.".into()));
                            changed.run(());
                            request_animation_frame(|| focus_id("recovery-codes-heading"));
                        })
                        on_cancel=Callback::new(move |()| stage.set(Stage::Idle))
                    />
                }
                    .into_any(),
                Stage::Idle if status.with(|s| s.enabled) => on_view().into_any(),
                Stage::Idle => {
                    view! {
                        <p>
                            "Two-step verification is " <strong>"off"</strong>
                            ". With it on, signing in also asks for a code sent to your phone or email, "
                            "or shown by an authenticator app, so your password alone is not enough."
                        </p>
                        <div class="button-row">
                            <button
                                type="button"
                                class="button button--primary"
                                disabled=move || pending.get()
                                on:click=move |_| {
                                    alert.set(None);
                                    stage.set(Stage::SentCodes);
                                    request_animation_frame(|| focus_id("tsc_destination"));
                                }
                            >
                                "Get codes by text or email"
                            </button>
                            <button type="button" class="button button--secondary" disabled=move || pending.get() on:click=start>
                                "Use an authenticator app"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
