//! The public recovery pages, linked from the sign-in page: `/forgot-username`,
//! `/forgot-password`, `/unlock`. Each checks identity (member ID, name, date
//! of birth, and a code where two-step verification is on) before anything
//! is sent, then shows the server's answer.

pub mod forgot_password;
pub mod forgot_username;
pub mod unlock;

pub use forgot_password::ForgotPasswordPage;
pub use forgot_username::ForgotUsernamePage;
pub use unlock::UnlockPage;

use crate::api::ApiError;
use crate::browser::focus_id;
use crate::components::IdentityValues;
use crate::state::form::FormErrors;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Problem type the server uses when the details match and a code is needed.
const TWO_STEP_REQUIRED: &str = "/problems/two-step-required";

/// What every recovery form holds: the identity fields and their errors,
/// the alert line, the server's answer and whether a request is out.
#[derive(Clone, Copy)]
pub(crate) struct RecoveryForm {
    /// The identity fields.
    pub identity: IdentityValues,
    /// Errors of every field of the form, in `order`.
    pub form: FormErrors,
    /// The form-level message.
    pub alert: RwSignal<Option<String>>,
    /// The server's answer once it has answered (the form is then hidden).
    pub done: RwSignal<Option<String>>,
    /// Whether a request is out.
    pub pending: RwSignal<bool>,
    order: &'static [&'static str],
}

impl RecoveryForm {
    /// A form over `identity` whose browser-side errors are `client`;
    /// `order` lists its field ids top to bottom (the first with an error
    /// gets focus).
    pub fn new(
        identity: IdentityValues,
        client: Signal<portal_domain::FieldErrors>,
        order: &'static [&'static str],
    ) -> Self {
        Self {
            identity,
            form: FormErrors::new(client),
            alert: RwSignal::new(None),
            done: RwSignal::new(None),
            pending: RwSignal::new(false),
            order,
        }
    }

    /// Handles a submit: nothing is sent while a field is invalid (focus
    /// goes to the first); otherwise sends what `request` builds, and shows
    /// the answer's text or the errors beside their fields.
    pub fn submit<Fut>(self, ev: SubmitEvent, request: impl FnOnce() -> Fut)
    where
        Fut: Future<Output = Result<String, ApiError>> + 'static,
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
                    Ok(answer) => self.done.set(Some(answer)),
                    Err(e) => show_error(e, self.form, self.identity, self.order, self.alert),
                }
            }
        });
    }

    /// Whether the form is still to be filled in (no answer yet).
    pub fn open(self) -> bool {
        self.done.with(Option::is_none)
    }
}

/// The server's answer, announced politely, with a link to sign in.
#[component]
pub(crate) fn RecoveryAnswer(
    /// The answer (nothing is shown before it comes).
    done: RwSignal<Option<String>>,
    /// Shows the answer as "Your username is …" with the username emphasised.
    #[prop(optional)]
    username: bool,
) -> impl IntoView {
    view! {
        <div role="status" class="notice">
            {move || {
                done.get()
                    .map(|answer| {
                        let message = if username {
                            view! {
                                "Your username is " <strong class="username">{answer}</strong> "."
                            }
                                .into_any()
                        } else {
                            answer.into_any()
                        };
                        view! {
                            <p class="notice__message">{message}</p>
                            <p>
                                <a href="/login">"Sign in now"</a>
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Shows a failed recovery request: field errors beside their fields (the
/// code field appears when the server asks for it), and the form-level
/// message in the alert region.
fn show_error(
    error: ApiError,
    form: FormErrors,
    identity: IdentityValues,
    order: &'static [&'static str],
    alert: RwSignal<Option<String>>,
) {
    let needs_code =
        matches!(&error, ApiError::Other { problem } if problem.type_uri == TWO_STEP_REQUIRED);
    if needs_code {
        identity.need_code.set(true);
    }
    let fields = error.field_errors();
    let message = if needs_code {
        "Two-step verification is on for this account. Enter the 6-digit code from your authenticator app, then continue.".to_string()
    } else if !fields.is_empty() {
        "Some details need fixing. Check the messages beside the fields.".to_string()
    } else {
        error.message()
    };
    let first = form.set_server(fields, order);
    alert.set(Some(message));
    if let Some(field) = first {
        request_animation_frame(move || focus_id(field));
    }
}

/// Links to the other recovery pages and back to sign-in (never to the
/// page the member is on).
#[component]
pub fn RecoveryLinks(
    /// The page showing the links (`/forgot-password`), left out of them.
    current: &'static str,
) -> impl IntoView {
    const LINKS: [(&str, &str); 4] = [
        ("/login", "Back to sign in"),
        ("/forgot-username", "Forgot username"),
        ("/forgot-password", "Forgot password"),
        ("/unlock", "Unlock account"),
    ];
    view! {
        <nav class="auth-card__alt" aria-label="Other sign-in help">
            <ul class="link-list">
                {LINKS
                    .iter()
                    .filter(|(href, _)| *href != current)
                    .map(|(href, text)| view! { <li><a href=*href>{*text}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}
