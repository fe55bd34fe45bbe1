//! `/forgot-password`: the identity check sends a code to the contact on
//! file; with the code (and, where two-step verification is on, the
//! authenticator code or a recovery code) the member chooses a new password
//! under the active policy (live checklist). Every signed-in device is
//! signed out.

use super::{IdentityStep, RecoveryAnswer, RecoveryForm, RecoveryLinks, SentCodeField, StartAgain};
use crate::api;
use crate::components::{
    AlertRegion, IdentityValues, PasswordField, PublicLayout, RuleChecklist, SubmitButton,
    TextField,
};
use crate::state::remote::remote;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{
    confirm_errors, normalize_recovery_code, normalize_sent_code, normalize_totp_code,
    ForgotPasswordRequest, RecoveryPurpose, RecoveryStarted,
};
use portal_domain::problem::push_error;
use portal_domain::registration::password_errors;
use portal_domain::{CredentialPolicy, FieldErrors, Rule};

const ORDER: [&str; 5] = [
    "code",
    "two_step_code",
    "recovery_code",
    "new_password",
    "confirm_password",
];

/// The forgot-password page.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    crate::pages::page("Forgot password");
    let (policy_info, _) = remote(api::auth::policy);
    let policy = Memo::new(move |_| {
        policy_info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => CredentialPolicy::default(),
        })
    });
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
            <div class="auth-card auth-card--wide">
                <h1>"Forgot your password?"</h1>
                <p class="lead">
                    "Confirm who you are with the details on your member ID card. We'll send a code to the email address or mobile phone on file; with it, you choose a new password."
                </p>
                <RecoveryAnswer message=sent />
                <RecoveryAnswer message=done sign_in_link=true />
                <Show when=move || started.with(Option::is_none)>
                    <IdentityStep
                        purpose=RecoveryPurpose::Password
                        button="Send me a code"
                        identity=identity
                        on_started=on_started
                    />
                </Show>
                <Show when=move || started.with(Option::is_some) && done.with(Option::is_none)>
                    <PasswordResetStep started=started policy=policy on_done=on_done />
                </Show>
                <RecoveryLinks current=portal_domain::routes::Page::ForgotPassword />
            </div>
        </PublicLayout>
    }
}

/// The second step of a password reset (members' and providers'): the code
/// sent to the contact on file (and, where two-step verification by app is
/// on, its code or a recovery code), then the new password under `policy`
/// with its live checklist. "Send a new code" clears `started`.
#[component]
pub(crate) fn PasswordResetStep(
    /// The neutral answer of the first step, with the ticket.
    started: RwSignal<Option<RecoveryStarted>>,
    /// The credential policy the new password must meet.
    policy: Memo<CredentialPolicy>,
    /// Called with the server's final message once the password is set.
    on_done: Callback<String>,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let two_step_code = RwSignal::new(String::new());
    let recovery_code = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let client = Signal::derive(move || {
        let mut errors = FieldErrors::new();
        if let Err(e) = code.with(|c| normalize_sent_code(c)) {
            push_error(&mut errors, "code", e);
        }
        // The second factor is optional here: the server says when it is needed.
        if let Err(e) = two_step_code.with(|c| {
            if c.trim().is_empty() {
                Ok(String::new())
            } else {
                normalize_totp_code(c)
            }
        }) {
            push_error(&mut errors, "two_step_code", e);
        }
        if let Err(e) = recovery_code.with(|c| {
            if c.trim().is_empty() {
                Ok(String::new())
            } else {
                normalize_recovery_code(c)
            }
        }) {
            push_error(&mut errors, "recovery_code", e);
        }
        new_password.with(|pw| {
            // The username is not known here: the server checks that rule.
            for e in password_errors(&policy.get(), pw, "") {
                push_error(&mut errors, "new_password", e);
            }
            if let Some(e) = confirm_password.with(|c| confirm_errors(pw, c)) {
                push_error(&mut errors, "confirm_password", e);
            }
        });
        errors
    });
    let f = RecoveryForm::new(client, &ORDER);
    let form = f.form;
    let checks = Signal::derive(move || {
        new_password.with(|pw| {
            policy.with(|p| {
                p.password_checklist(pw, "")
                    .into_iter()
                    .filter(|c| c.rule != Rule::PasswordNotUsername)
                    .collect::<Vec<_>>()
            })
        })
    });
    let on_submit = move |ev: SubmitEvent| {
        f.submit(
            ev,
            move || {
                let body = ForgotPasswordRequest {
                    ticket: started
                        .with_untracked(|s| s.as_ref().and_then(|s| s.ticket.clone()))
                        .unwrap_or_default(),
                    code: code.get_untracked(),
                    two_step_code: two_step_code.get_untracked(),
                    recovery_code: recovery_code.get_untracked(),
                    new_password: new_password.get_untracked(),
                    confirm_password: confirm_password.get_untracked(),
                };
                async move { api::security::forgot_password(&body).await }
            },
            move |answer| on_done.run(answer.message),
        )
    };

    view! {
        <AlertRegion message=f.alert />
        <form class="form" novalidate=true on:submit=on_submit>
            <fieldset class="fieldset">
                <legend>"Your code"</legend>
                <SentCodeField
                    value=code
                    form=form
                    minutes=started.with_untracked(|s| s.as_ref().map_or(15, |s| s.code_minutes))
                />
                <Show when=move || f.two_step.get()>
                    <TextField
                        id="two_step_code"
                        label="Code from your authenticator app"
                        value=two_step_code
                        errors=form.errors_for("two_step_code")
                        hint="Two-step verification is on for this account: the 6-digit code, or a recovery code below."
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        maxlength=7
                        on:input=move |_| form.edited("two_step_code")
                        on:focusout=move |_| form.left("two_step_code")
                    />
                    <TextField
                        id="recovery_code"
                        label="Or one of your recovery codes"
                        value=recovery_code
                        errors=form.errors_for("recovery_code")
                        hint="16 letters and digits, like ABCD-EFGH-JKMN-PQRS."
                        autocomplete="off"
                        maxlength=24
                        on:input=move |_| form.edited("recovery_code")
                        on:focusout=move |_| form.left("recovery_code")
                    />
                </Show>
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Your new password"</legend>
                <PasswordField
                    id="new_password"
                    label="New password"
                    value=new_password
                    errors=form.errors_for("new_password")
                    autocomplete="new-password"
                    shown=shown
                    controls="new_password confirm_password"
                    described_by="new-password-rules"
                    on:input=move |_| form.edited("new_password")
                    on:focusout=move |_| form.left("new_password")
                />
                <RuleChecklist id="new-password-rules" title="Your password needs" checks=checks />
                <PasswordField
                    id="confirm_password"
                    label="Confirm new password"
                    value=confirm_password
                    errors=form.errors_for("confirm_password")
                    autocomplete="new-password"
                    shown=shown
                    toggle=false
                    on:input=move |_| form.edited("confirm_password")
                    on:focusout=move |_| form.left("confirm_password")
                />
            </fieldset>
            <SubmitButton label="Set new password" busy_label="Saving…" pending=f.pending class="button button--primary button--block" />
        </form>
        <StartAgain started=started />
    }
}
