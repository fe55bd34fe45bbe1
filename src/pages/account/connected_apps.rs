//! Connected apps on `/account`: each app the member let read their plan
//! data, what it reads, whose record, when it last read; disconnect (with a
//! confirmation step), after which its tokens stop at once.

use super::StatusLine;
use crate::api::{self, ApiError};
use crate::browser::local_date_time_of;
use crate::components::{AlertRegion, ErrorPanel};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::data_access::{ConnectedApp, PRIVACY_NOTICE};

/// The connected apps section.
#[component]
pub fn ConnectedAppsSection() -> impl IntoView {
    let session = use_session();
    let (list, reload) = remote(api::apps::connected_apps);
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<i64>);
    let pending = RwSignal::new(false);
    let disconnect = move |app: ConnectedApp| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        alert.set(None);
        spawn_local(async move {
            let result: Result<(), ApiError> = api::apps::disconnect(app.id).await;
            pending.set(false);
            confirming.set(None);
            match result {
                Ok(()) => {
                    done.set(Some(format!(
                        "{} is disconnected: it can no longer read your information. Ask the app to delete what it already has.",
                        app.app.name
                    )));
                    reload.run(());
                }
                Err(e) => {
                    if !session.handle_error(&e) {
                        alert.set(Some(e.message()));
                    }
                }
            }
        });
    };
    let row = move |a: ConnectedApp| {
        let id = a.id;
        let name = a.app.name.clone();
        let ask = format!("Disconnect {name}");
        let confirm = format!("Yes, disconnect {name}");
        let keep = format!("Keep {name} connected");
        let app = a.clone();
        view! {
            <li class="connected-app">
                <h3 class="connected-app__name">{a.app.name.clone()}</h3>
                <p>"By " {a.app.developer.clone()} ". "
                    <a href=a.app.privacy_policy.clone() rel="noopener noreferrer">"Its privacy policy"</a>
                </p>
                <p>"Reads " <strong>{a.patient_name.clone()}</strong> "'s:"</p>
                <ul>{a.reads.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                {a.stays_connected.then(|| view! {
                    <p>"It stays connected and keeps reading new claims until you disconnect it."</p>
                })}
                <p class="connected-app__times">
                    "Connected " {local_date_time_of(a.connected_at)} ". "
                    {match a.last_used_at {
                        Some(t) => format!("Last read your information {}.", local_date_time_of(t)),
                        None => "Has not read anything yet.".to_string(),
                    }}
                </p>
                {move || {
                    if confirming.get() == Some(id) {
                        let app = app.clone();
                        view! {
                            <div class="connected-app__confirm" role="group" aria-label=ask.clone()>
                                <p>"It will stop getting your information at once."</p>
                                <button
                                    type="button"
                                    class="button button--danger"
                                    disabled=move || pending.get()
                                    on:click=move |_| disconnect(app.clone())
                                >
                                    {confirm.clone()}
                                </button>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    on:click=move |_| confirming.set(None)
                                >
                                    {keep.clone()}
                                </button>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| confirming.set(Some(id))
                            >
                                {ask.clone()}
                            </button>
                        }
                            .into_any()
                    }
                }}
            </li>
        }
    };
    view! {
        <section class="panel account-section" aria-labelledby="apps-heading">
            <h2 class="panel__title" id="apps-heading">"Connected apps"</h2>
            <AlertRegion message=alert />
            <StatusLine message=done />
            {move || match list.get() {
                None => view! { <p class="loading" role="status">"Loading connected apps…"</p> }.into_any(),
                Some(Err(error)) => {
                    session.handle_error(&error);
                    view! {
                        <ErrorPanel title="We couldn't load your connected apps" message=error.message() on_retry=reload />
                    }
                        .into_any()
                }
                Some(Ok(items)) if items.is_empty() => view! {
                    <p class="empty">
                        "No apps are connected. An app you choose (for example, one that keeps your health records together) "
                        "can ask to read your claims and coverage; you decide here and can disconnect it any time."
                    </p>
                }
                    .into_any(),
                Some(Ok(items)) => view! {
                    <ul class="connected-apps" aria-labelledby="apps-heading">
                        {items.into_iter().map(row).collect_view()}
                    </ul>
                }
                    .into_any(),
            }}
            <details class="connected-apps__notice">
                <summary>"Before you connect an app"</summary>
                <ul>{PRIVACY_NOTICE.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
            </details>
        </section>
    }
}
