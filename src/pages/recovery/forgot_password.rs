//! `/forgot-password`: the identity check, then a new password under the
//! active policy (live checklist); every signed-in device is signed out.

use super::{RecoveryAnswer, RecoveryForm, RecoveryLinks};
use crate::api;
use crate::browser::today;
use crate::components::{
    AlertRegion, IdentityFields, IdentityValues, PasswordField, PublicLayout, RuleChecklist,
};
use crate::state::remote::remote;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{confirm_errors, validate_identity, ForgotPasswordRequest};
use portal_domain::problem::push_error;
use portal_domain::registration::password_errors;
use portal_domain::{CredentialPolicy, Rule};

const ORDER: [&str; 7] = [
    "member_id",
    "first_name",
    "last_name",
    "date_of_birth",
    "code",
    "new_password",
    "confirm_password",
];

/// The forgot-password page.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    crate::pages::page("Forgot password");
    let today = today();
    let (policy_info, _) = remote(api::auth::policy);
    let policy = Memo::new(move |_| {
        policy_info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => CredentialPolicy::default(),
        })
    });
    let identity = IdentityValues::new();
    let new_password = RwSignal::new(String::new());
    let confirm_password = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let client = Signal::derive(move || {
        let mut errors = validate_identity(&identity.check(), today)
            .err()
            .unwrap_or_default();
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
    let f = RecoveryForm::new(identity, client, &ORDER);
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
        f.submit(ev, move || {
            let body = ForgotPasswordRequest {
                identity: identity.check_untracked(),
                new_password: new_password.get_untracked(),
                confirm_password: confirm_password.get_untracked(),
            };
            async move {
                api::security::forgot_password(&body)
                    .await
                    .map(|r| r.message)
            }
        })
    };

    view! {
        <PublicLayout>
            <div class="auth-card auth-card--wide">
                <h1>"Forgot your password?"</h1>
                <p class="lead">
                    "Confirm who you are with the details on your member ID card, then choose a new password."
                </p>
                <AlertRegion message=f.alert />
                <RecoveryAnswer done=f.done />
                <Show when=move || f.open()>
                    <form class="form" novalidate=true on:submit=on_submit>
                        <fieldset class="fieldset">
                            <legend>"Who you are"</legend>
                            <IdentityFields values=identity form=form today=today.to_string() />
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
                        <button type="submit" class="button button--primary button--block" disabled=move || f.pending.get()>
                            {move || if f.pending.get() { "Saving…" } else { "Set new password" }}
                        </button>
                    </form>
                </Show>
                <RecoveryLinks current="/forgot-password" />
            </div>
        </PublicLayout>
    }
}
