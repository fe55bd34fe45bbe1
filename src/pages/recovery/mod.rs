//! The public recovery pages, linked from the sign-in page: `/forgot-username`,
//! `/forgot-password`, `/unlock`. Each starts with the identity check
//! (member ID, name, date of birth), which only decides whether the server
//! sends a message to the email or phone on file; the server's answer is
//! the same whether or not the details matched. The username arrives in that
//! message; a password reset or an unlock goes on with the code it carries.

pub mod forgot_password;
pub mod forgot_username;
pub mod unlock;

pub use forgot_password::ForgotPasswordPage;
pub(crate) use forgot_password::PasswordResetStep;
pub use forgot_username::ForgotUsernamePage;
pub use unlock::UnlockPage;
pub(crate) use unlock::UnlockStep;

use crate::api::{self, ApiError};
use crate::browser::{focus_id, today};
use crate::components::identity_fields::IDENTITY_ORDER;
use crate::components::{AlertRegion, IdentityFields, IdentityValues, SubmitButton, TextField};
use crate::state::form::FormErrors;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::{
    validate_identity, RecoveryPurpose, RecoveryStartRequest, RecoveryStarted,
};
use portal_domain::routes::Page;
use std::future::Future;

use portal_domain::problem::types::TWO_STEP_REQUIRED;

/// What every recovery form holds: its field errors, the alert line,
/// whether a request is out, and whether the server asked for the second
/// factor.
#[derive(Clone, Copy)]
pub(crate) struct RecoveryForm {
    /// Errors of every field of the form, in `order`.
    pub form: FormErrors,
    /// The form-level message.
    pub alert: RwSignal<Option<String>>,
    /// Whether a request is out.
    pub pending: RwSignal<bool>,
    /// The server asked for the authenticator code or a recovery code.
    pub two_step: RwSignal<bool>,
    order: &'static [&'static str],
}

impl RecoveryForm {
    /// A form whose browser-side errors are `client`; `order` lists its
    /// field ids top to bottom (the first with an error gets focus).
    pub fn new(client: Signal<portal_domain::FieldErrors>, order: &'static [&'static str]) -> Self {
        Self {
            form: FormErrors::new(client),
            alert: RwSignal::new(None),
            pending: RwSignal::new(false),
            two_step: RwSignal::new(false),
            order,
        }
    }

    /// Handles a submit: nothing is sent while a field is invalid (focus
    /// goes to the first); otherwise sends what `request` builds, and hands
    /// the answer to `on_ok` or shows the errors beside their fields.
    pub fn submit<T, Fut>(
        self,
        ev: SubmitEvent,
        request: impl FnOnce() -> Fut,
        on_ok: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        ev.prevent_default();
        if self.pending.get_untracked() {
            return;
        }
        if let Some(field) = self.form.submit(self.order) {
            focus_id(field);
            return;
        }
        self.alert.set(None);
        let sent = request();
        self.pending.set(true);
        spawn_local(async move {
            let result = sent.await;
            if self.pending.try_set(false).is_none() {
                match result {
                    Ok(answer) => on_ok(answer),
                    Err(e) => self.show_error(e),
                }
            }
        });
    }

    /// Shows a failed request: field errors beside their fields (the
    /// second-factor fields appear when the server asks for them), and the
    /// form-level message in the alert region.
    fn show_error(self, error: ApiError) {
        let needs_two_step =
            matches!(&error, ApiError::Other { problem } if problem.type_uri == TWO_STEP_REQUIRED);
        if needs_two_step {
            self.two_step.set(true);
        }
        let fields = error.field_errors();
        let message = if needs_two_step {
            "The code is right. Two-step verification is on for this account: enter the 6-digit code from your authenticator app, or one of your recovery codes, then continue.".to_string()
        } else if !fields.is_empty() {
            "Some details need fixing. Check the messages beside the fields.".to_string()
        } else {
            error.message()
        };
        let first = self.form.set_server(fields, self.order);
        self.alert.set(Some(message));
        if let Some(field) = first {
            request_animation_frame(move || focus_id(field));
        }
    }
}

/// A message announced politely (the neutral "we've sent" answer, or the
/// final one), optionally with a link to sign in.
#[component]
pub(crate) fn RecoveryAnswer(
    /// The message (nothing is shown before it comes).
    message: RwSignal<Option<String>>,
    /// Adds "Sign in now" under the message.
    #[prop(optional)]
    sign_in_link: bool,
    /// Where "Sign in now" leads (the sign-in page when not given).
    #[prop(default = Page::Login.href().to_string(), into)]
    sign_in_href: String,
) -> impl IntoView {
    view! {
        <div role="status" class="notice">
            {move || {
                message
                    .get()
                    .map(|text| {
                        view! {
                            <p class="notice__message">{text}</p>
                            {sign_in_link
                                .then(|| view! { <p><a href=sign_in_href.clone()>"Sign in now"</a></p> })}
                        }
                    })
            }}
        </div>
    }
}

/// The first step of every recovery: the identity fields and their submit.
/// The server's neutral answer goes to `on_started`.
#[component]
pub(crate) fn IdentityStep(
    /// What the recovery is for.
    purpose: RecoveryPurpose,
    /// The submit button's label.
    button: &'static str,
    /// The identity values (kept when the member starts again).
    identity: IdentityValues,
    /// Called with the server's answer.
    on_started: Callback<RecoveryStarted>,
) -> impl IntoView {
    let today = today();
    let client = Signal::derive(move || {
        validate_identity(&identity.check(), today)
            .err()
            .unwrap_or_default()
    });
    let f = RecoveryForm::new(client, &IDENTITY_ORDER);
    let on_submit = move |ev: SubmitEvent| {
        f.submit(
            ev,
            move || {
                let body = RecoveryStartRequest {
                    purpose,
                    identity: identity.check_untracked(),
                };
                async move { api::security::recovery_start(&body).await }
            },
            move |started| on_started.run(started),
        )
    };
    view! {
        <AlertRegion message=f.alert />
        <form class="form" novalidate=true on:submit=on_submit>
            <IdentityFields values=identity form=f.form today=today.to_string() />
            <SubmitButton label=button busy_label="Checking…" pending=f.pending class="button button--primary button--block" />
        </form>
    }
}

/// The field for the code sent to the contact on file.
#[component]
pub(crate) fn SentCodeField(
    /// The value.
    value: RwSignal<String>,
    /// The form's error state.
    form: FormErrors,
    /// Minutes the code works for (from the server's answer).
    minutes: u32,
) -> impl IntoView {
    view! {
        <TextField
            id="code"
            label="Code we sent you"
            value=value
            errors=form.errors_for("code")
            hint=format!("6 digits, from the email or text message we just sent. It works for {minutes} minutes.")
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength=7
            on:input=move |_| form.edited("code")
            on:focusout=move |_| form.left("code")
        />
    }
}

/// "Send a new code": back to the identity step (the details stay filled in).
#[component]
pub(crate) fn StartAgain(
    /// Cleared to go back.
    started: RwSignal<Option<RecoveryStarted>>,
) -> impl IntoView {
    view! {
        <p>
            <button type="button" class="button button--quiet" on:click=move |_| started.set(None)>
                "Didn't get a code? Send a new one"
            </button>
        </p>
    }
}

/// Links to the other recovery pages and back to sign-in (never to the
/// page the member is on).
#[component]
pub fn RecoveryLinks(
    /// The page showing the links, left out of them.
    current: Page,
) -> impl IntoView {
    const LINKS: [(Page, &str); 4] = [
        (Page::Login, "Back to sign in"),
        (Page::ForgotUsername, "Forgot username"),
        (Page::ForgotPassword, "Forgot password"),
        (Page::Unlock, "Unlock account"),
    ];
    view! {
        <nav class="auth-card__alt" aria-label="Other sign-in help">
            <ul class="link-list">
                {LINKS
                    .iter()
                    .filter(|(page, _)| *page != current)
                    .map(|(page, text)| view! { <li><a href=page.href()>{*text}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}
