//! The idle-timeout warning of the signed-in shell.
//!
//! The server is the clock: `GET /api/v1/session` says how long the session
//! has left (asking does not count as activity), so requests made by any page
//! are taken into account. The first look uses the clock that came with
//! `GET /api/v1/me` when the page loaded. The app asks again when the warning is due
//! (`warn_before_secs` before the end: 5 minutes by default); if the time has
//! not been extended meanwhile it shows an `alertdialog` (announced by screen
//! readers, focus on "Stay signed in"). At the end it asks once more; the
//! server's 401 ends the session in the app, and the shell returns to
//! `/login?next=<this page>`.

use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::SessionStatus;
use std::time::Duration;

/// The id of the "Stay signed in" button (focused when the warning shows).
const STAY_ID: &str = "stay-signed-in";

/// "about 5 minutes", "45 seconds".
fn time_left(secs: u64) -> String {
    if secs >= 90 {
        let minutes = secs.div_ceil(60);
        format!("about {minutes} minutes")
    } else {
        let s = secs.max(1);
        format!("{s} second{}", if s == 1 { "" } else { "s" })
    }
}

/// Watches the session's idle time and warns before it ends.
#[component]
pub fn IdleWarning() -> impl IntoView {
    let session = use_session();
    // Seconds left when the warning appeared; `None` while it is hidden.
    let warning = RwSignal::new(None::<u64>);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let check = StoredValue::new(None::<Callback<()>>);
    let staying = RwSignal::new(false);

    let arm = move |secs: u64| {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                if let Some(cb) = check.try_get_value().flatten() {
                    cb.run(());
                }
            },
            Duration::from_secs(secs.max(1)),
        )
        .ok();
        let _ = timer.try_set_value(handle);
    };
    let apply = move |result: Result<SessionStatus, ApiError>| match result {
        Ok(status) if status.remaining_secs > status.warn_before_secs => {
            let _ = warning.try_set(None);
            arm(status.remaining_secs - status.warn_before_secs);
        }
        Ok(status) => {
            if warning.try_get_untracked().flatten().is_none() {
                let _ = warning.try_set(Some(status.remaining_secs));
                request_animation_frame(|| focus_id(STAY_ID));
            }
            // At the end, ask again: the server's 401 signs the app out.
            arm(status.remaining_secs + 1);
        }
        Err(error) => {
            if !session.handle_error(&error) {
                // Offline for a moment: try again soon.
                arm(15);
            }
        }
    };
    check.set_value(Some(Callback::new(move |()| {
        spawn_local(async move { apply(api::security::session_status().await) });
    })));
    on_cleanup(move || {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
    });
    // First look: the clock `GET /api/v1/me` gave when the page loaded
    // (no request of its own), or ask the server.
    match session.me().and_then(|me| me.session) {
        Some(status) => apply(Ok(status)),
        None => {
            if let Some(cb) = check.get_value() {
                cb.run(());
            }
        }
    }

    let stay = move |_| {
        staying.set(true);
        spawn_local(async move {
            let result = api::security::keep_alive().await;
            let _ = staying.try_set(false);
            apply(result);
        });
    };

    view! {
        {move || {
            warning
                .get()
                .map(|secs| {
                    view! {
                        <div
                            class="idle-warning"
                            role="alertdialog"
                            aria-labelledby="idle-warning-title"
                            aria-describedby="idle-warning-text"
                        >
                            <h2 class="idle-warning__title" id="idle-warning-title">
                                "Are you still there?"
                            </h2>
                            <p id="idle-warning-text">
                                "For your security, you will be signed out in " {time_left(secs)}
                                " because there has been no activity."
                            </p>
                            <button
                                type="button"
                                id=STAY_ID
                                class="button button--primary"
                                disabled=move || staying.get()
                                on:click=stay
                            >
                                "Stay signed in"
                            </button>
                        </div>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording() {
        assert_eq!(time_left(300), "about 5 minutes");
        assert_eq!(time_left(45), "45 seconds");
        assert_eq!(time_left(0), "1 second");
    }
}
