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
use leptos::prelude::*;

/// Problem type the server uses when the details match and a code is needed.
const TWO_STEP_REQUIRED: &str = "/problems/two-step-required";

/// Shows a failed recovery request: field errors beside their fields (the
/// code field appears when the server asks for it), and the form-level
/// message in the alert region.
pub(crate) fn show_error(
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

/// Links to the other recovery pages and back to sign-in.
#[component]
pub fn RecoveryLinks() -> impl IntoView {
    view! {
        <nav class="auth-card__alt" aria-label="Other sign-in help">
            <ul class="link-list">
                <li>
                    <a href="/login">"Back to sign in"</a>
                </li>
                <li>
                    <a href="/forgot-username">"Forgot username"</a>
                </li>
                <li>
                    <a href="/forgot-password">"Forgot password"</a>
                </li>
                <li>
                    <a href="/unlock">"Unlock account"</a>
                </li>
            </ul>
        </nav>
    }
}
