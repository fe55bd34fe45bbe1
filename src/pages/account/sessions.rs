//! Active sessions: each with its client and first and last use; sign one
//! out, or sign out everywhere (all others, or all including this one).

use super::{local_date_time, StatusLine};
use crate::api::{self, ApiError};
use crate::components::{AlertRegion, ErrorPanel};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::SessionInfo;

/// The sessions section.
#[component]
pub fn SessionsSection(
    /// Reloads the list when it changes.
    version: RwSignal<u32>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let (list, reload) = remote(api::security::sessions);
    Effect::new(move |previous: Option<u32>| {
        let v = version.get();
        if previous.is_some_and(|p| p != v) {
            reload.run(());
        }
        v
    });
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let after = move |result: Result<(), ApiError>, message: &'static str| match result {
        Ok(()) => {
            done.set(Some(message.into()));
            changed.run(());
        }
        Err(error) => {
            if !session.handle_error(&error) {
                alert.set(Some(error.message()));
            }
        }
    };
    let revoke = move |id: String| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::security::revoke_session(&id).await;
            if pending.try_set(false).is_none() {
                after(result, "That session is signed out.");
            }
        });
    };
    let everywhere = move |include_current: bool| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::security::sign_out_everywhere(include_current).await;
            if pending.try_set(false).is_some() {
                return;
            }
            if include_current && result.is_ok() {
                // This session is gone too: finish signing out here.
                let _ = session.sign_out().await;
                return;
            }
            after(result, "Every other session is signed out.");
        });
    };

    let row = move |s: SessionInfo| {
        let id = s.id.clone();
        let label = format!("Sign out {}", s.client);
        view! {
            <li class="session">
                <p class="session__client">
                    <strong>{s.client.clone()}</strong>
                    {s.current.then(|| view! { <span class="tag">"This device"</span> })}
                </p>
                <p class="session__times">
                    "First used " {local_date_time(&s.created_at)} ". Last used "
                    {local_date_time(&s.last_seen_at)} "."
                </p>
                {(!s.current)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=label
                                disabled=move || pending.get()
                                on:click=move |_| revoke(id.clone())
                            >
                                "Sign out"
                            </button>
                        }
                    })}
            </li>
        }
    };

    view! {
        <section class="panel account-section" aria-labelledby="sessions-heading">
            <h2 class="panel__title" id="sessions-heading">"Where you're signed in"</h2>
            <AlertRegion message=alert />
            <StatusLine message=done />
            {move || match list.get() {
                None => view! { <p class="loading" role="status">"Loading sessions…"</p> }.into_any(),
                Some(Err(error)) => {
                    session.handle_error(&error);
                    view! {
                        <ErrorPanel title="We couldn't load your sessions" message=error.message() on_retry=reload />
                    }
                        .into_any()
                }
                Some(Ok(items)) => {
                    view! {
                        <ul class="sessions" aria-labelledby="sessions-heading">
                            {items.into_iter().map(row).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            <div class="account-section__actions">
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || pending.get()
                    on:click=move |_| everywhere(false)
                >
                    "Sign out all other sessions"
                </button>
                <button
                    type="button"
                    class="button button--danger"
                    disabled=move || pending.get()
                    on:click=move |_| everywhere(true)
                >
                    "Sign out everywhere, including here"
                </button>
            </div>
        </section>
    }
}
