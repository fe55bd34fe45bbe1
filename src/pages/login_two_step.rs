//! The second sign-in step, shown by `/login` after a right password on an
//! account with two-step verification: a code from the authenticator app or
//! the one just sent by text or email (with "Send a new code"), or one of
//! the recovery codes.

use crate::api::{self, ApiError};
use crate::browser::{focus_id, local_time};
use crate::components::{AlertRegion, SubmitButton, TextField};
use crate::state::form::FormErrors;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::{
    normalize_recovery_code, normalize_sent_code, normalize_totp_code, TwoStepChallenge,
    TwoStepLoginRequest,
};
use portal_domain::api::Me;
use portal_domain::problem::push_error;
use portal_domain::two_step_code::TwoStepMethod;
use portal_domain::FieldErrors;

const ORDER: [&str; 2] = ["code", "recovery_code"];

/// The code form. Calls `on_done` once signed in, `on_restart` when the
/// member must start over with the password (time ran out, or locked).
#[component]
pub fn TwoStepForm(
    /// The server's answer to the password: where the code comes from.
    challenge: TwoStepChallenge,
    /// Called with the signed-in member.
    on_done: Callback<Me>,
    /// Called with a message when the sign-in has to start over.
    on_restart: Callback<String>,
) -> impl IntoView {
    let method = challenge.method;
    let sent = method.is_sent();
    let sent_to = RwSignal::new(challenge.sent_to.unwrap_or_default());
    let resent = RwSignal::new(None::<String>);
    let use_recovery = RwSignal::new(false);
    let code = RwSignal::new(String::new());
    let recovery_code = RwSignal::new(String::new());
    let client = Signal::derive(move || {
        let mut errors = FieldErrors::new();
        if use_recovery.get() {
            if let Err(e) = recovery_code.with(|c| normalize_recovery_code(c)) {
                push_error(&mut errors, "recovery_code", e);
            }
        } else if let Err(e) = code.with(|c| {
            if sent {
                normalize_sent_code(c)
            } else {
                normalize_totp_code(c)
            }
        }) {
            push_error(&mut errors, "code", e);
        }
        errors
    });
    let form = FormErrors::new(client);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let body = if use_recovery.get_untracked() {
                    TwoStepLoginRequest {
                        code: String::new(),
                        recovery_code: recovery_code.get_untracked(),
                    }
                } else {
                    TwoStepLoginRequest {
                        code: code.get_untracked(),
                        recovery_code: String::new(),
                    }
                };
                async move { api::security::login_two_step(&body).await }
            },
            move |result| match result {
                Ok(me) => on_done.run(me),
                Err(ApiError::Locked { until, .. }) => {
                    let when = until
                        .as_deref()
                        .and_then(local_time)
                        .map(|t| format!("Try again after {t}."))
                        .unwrap_or_else(|| "Try again in 15 minutes.".to_string());
                    on_restart.run(format!(
                        "Your account is locked after too many unsuccessful attempts to sign in. {when}"
                    ));
                }
                Err(ApiError::Unauthorized { problem }) if problem.errors.is_empty() => {
                    on_restart.run(problem.detail.unwrap_or_else(|| {
                        "Please sign in again with your username and password.".into()
                    }));
                }
                Err(error) => {
                    let fields = match &error {
                        ApiError::Unauthorized { problem } => problem.errors.clone(),
                        other => other.field_errors(),
                    };
                    alert.set(Some(error.message()));
                    if let Some(field) = form.set_server(fields, &ORDER) {
                        focus_id(field);
                    }
                }
            },
        );
    };

    let switch = move |_| {
        use_recovery.update(|r| *r = !*r);
        form.reset();
        alert.set(None);
        let target = if use_recovery.get_untracked() {
            "recovery_code"
        } else {
            "code"
        };
        request_animation_frame(move || focus_id(target));
    };

    let resend = move |_| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        resent.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::security::login_two_step_resend().await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(s) => {
                    sent_to.set(s.sent_to.clone());
                    resent.set(Some(format!(
                        "We sent a new code to {}. The earlier one no longer works.",
                        s.sent_to
                    )));
                    code.set(String::new());
                    form.reset();
                    focus_id("code");
                }
                Err(ApiError::Unauthorized { problem }) => {
                    on_restart.run(problem.detail.unwrap_or_else(|| {
                        "Please sign in again with your username and password.".into()
                    }));
                }
                Err(error) => alert.set(Some(error.message())),
            }
        });
    };
    let (code_label, how) = match method {
        TwoStepMethod::Email => ("Code we emailed you", "emailed"),
        TwoStepMethod::Sms => ("Code we texted you", "texted"),
        TwoStepMethod::App => ("Code from your authenticator app", ""),
    };
    let minutes = challenge.expires_in_secs.div_ceil(60);

    view! {
        <h2 class="auth-card__step">"Two-step verification"</h2>
        {sent.then(|| view! {
            <p>
                "We " {how} " a 6-digit code to " <strong class="sent-to">{move || sent_to.get()}</strong>
                ". Enter it within " {minutes} " minutes. It can take a minute to arrive."
            </p>
        })}
        <div role="status" class="notice">
            {move || resent.get().map(|m| view! { <p class="notice__message">{m}</p> })}
        </div>
        <AlertRegion message=alert />
        <form class="form" novalidate=true on:submit=on_submit>
            {move || {
                if use_recovery.get() {
                    view! {
                        <TextField
                            id="recovery_code"
                            label="Recovery code"
                            value=recovery_code
                            errors=form.errors_for("recovery_code")
                            hint="One of the codes you saved when you turned on two-step verification, like ABCD-EFGH-JKMN-PQRS. Each works once."
                            autocomplete="off"
                            on:input=move |_| form.edited("recovery_code")
                        />
                    }
                        .into_any()
                } else {
                    view! {
                        <TextField
                            id="code"
                            label=code_label
                            value=code
                            errors=form.errors_for("code")
                            hint=(!sent).then(|| "Open your authenticator app and enter the 6-digit code it shows for Evergreen Health.".to_string())
                            inputmode="numeric"
                            autocomplete="one-time-code"
                            maxlength=7
                            on:input=move |_| form.edited("code")
                        />
                    }
                        .into_any()
                }
            }}
            <SubmitButton label="Verify" busy_label="Checking…" pending=pending class="button button--primary button--block" />
        </form>
        <p class="auth-card__alt button-row">
            {sent.then(|| view! {
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || pending.get() || use_recovery.get()
                    on:click=resend
                >
                    "Send a new code"
                </button>
            })}
            <button type="button" class="button button--quiet" on:click=switch>
                {move || {
                    match (use_recovery.get(), sent) {
                        (true, true) => "Use the code we sent instead",
                        (true, false) => "Use a code from the authenticator app instead",
                        (false, _) => "Use a recovery code instead",
                    }
                }}
            </button>
        </p>
    }
}
