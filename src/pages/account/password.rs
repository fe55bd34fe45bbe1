//! Change password: the current one, the policy with its live checklist,
//! and the reuse rule (server). Other sessions end.

use super::StatusLine;
use crate::api;
use crate::browser::focus_id;
use crate::components::{AlertRegion, PasswordField, RuleChecklist, SubmitButton};
use crate::state::form::{rename_fields, FormErrors};
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::ChangePasswordRequest;
use portal_domain::forms::change_password_errors;
use portal_domain::CredentialPolicy;

/// Said once the password is changed.
const CHANGED: &str =
    "Your password is changed. Any other device that was signed in has been signed out.";

const ORDER: [&str; 3] = ["current_password", "new_password", "confirm_password"];

/// The password section.
#[component]
pub fn PasswordSection(
    /// The member's username (the password must not contain it).
    #[prop(into)]
    username: Signal<String>,
    /// The active credential policy.
    policy: Memo<CredentialPolicy>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    // The server's checks (portal_domain::forms).
    let client = Signal::derive(move || {
        let request = ChangePasswordRequest {
            current_password: current.get(),
            new_password: new_password.get(),
            confirm_password: confirm.get(),
        };
        policy.with(|p| username.with(|u| change_password_errors(p, u, &request)))
    });
    let form = FormErrors::new(client);
    let checks = Signal::derive(move || {
        new_password.with(|pw| username.with(|u| policy.with(|p| p.password_checklist(pw, u))))
    });
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                done.set(None);
                let body = ChangePasswordRequest {
                    current_password: current.get_untracked(),
                    new_password: new_password.get_untracked(),
                    confirm_password: confirm.get_untracked(),
                };
                async move { api::security::change_password(&body).await }
            },
            move |result| match result {
                Ok(()) => {
                    for s in [current, new_password, confirm] {
                        s.set(String::new());
                    }
                    form.reset();
                    done.set(Some(CHANGED.into()));
                    changed.run(());
                }
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    let fields = rename_fields(error.field_errors(), &[]);
                    let message = if fields.is_empty() {
                        error.message()
                    } else {
                        "Some details need fixing. Check the messages beside the fields."
                            .to_string()
                    };
                    alert.set(Some(message));
                    if let Some(field) = form.set_server(fields, &ORDER) {
                        focus_id(field);
                    }
                }
            },
        );
    };

    view! {
        <section class="panel account-section" aria-labelledby="password-heading">
            <h2 class="panel__title" id="password-heading">"Password"</h2>
            <AlertRegion message=alert />
            <StatusLine message=done />
            <form class="form" novalidate=true on:submit=on_submit>
                <PasswordField
                    id="current_password"
                    label="Current password"
                    value=current
                    errors=form.errors_for("current_password")
                    autocomplete="current-password"
                    on:input=move |_| form.edited("current_password")
                />
                <PasswordField
                    id="new_password"
                    label="New password"
                    value=new_password
                    errors=form.errors_for("new_password")
                    autocomplete="new-password"
                    shown=shown
                    controls="new_password confirm_password"
                    described_by="account-password-rules"
                    on:input=move |_| form.edited("new_password")
                    on:focusout=move |_| form.left("new_password")
                />
                <RuleChecklist id="account-password-rules" title="Your new password needs" checks=checks />
                <PasswordField
                    id="confirm_password"
                    label="Confirm new password"
                    value=confirm
                    errors=form.errors_for("confirm_password")
                    autocomplete="new-password"
                    shown=shown
                    toggle=false
                    on:input=move |_| form.edited("confirm_password")
                    on:focusout=move |_| form.left("confirm_password")
                />
                <SubmitButton label="Change password" busy_label="Saving…" pending=pending />
            </form>
        </section>
    }
}
