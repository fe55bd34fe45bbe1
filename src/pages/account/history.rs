//! Sign-in history: the last 90 days of sign-ins, failures and security
//! changes, with the client, address, whether two-step was used, and what
//! looks unusual.

use super::local_date_time;
use crate::api;
use crate::components::ErrorPanel;
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use portal_domain::account::SecurityEvent;

/// The history section.
#[component]
pub fn HistorySection(
    /// Reloads the list when it changes.
    version: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let (list, reload) = remote(api::security::history);
    Effect::new(move |previous: Option<u32>| {
        let v = version.get();
        if previous.is_some_and(|p| p != v) {
            reload.run(());
        }
        v
    });
    let row = |e: SecurityEvent| {
        let unusual = e.unusual.clone();
        let is_unusual = unusual.is_some();
        view! {
            <tr class:history__row--unusual=is_unusual>
                <td>{local_date_time(&e.at)}</td>
                <td>{e.kind.label()}</td>
                <td>{e.client}</td>
                <td>{e.address.unwrap_or_else(|| "Unknown".into())}</td>
                <td>{if e.two_step { "Yes" } else { "No" }}</td>
                <td>
                    {unusual.map(|u| view! { <span class="tag tag--warning">"Unusual: " {u}</span> })}
                </td>
            </tr>
        }
    };
    view! {
        <section class="panel account-section" aria-labelledby="history-heading">
            <h2 class="panel__title" id="history-heading">"Sign-in history"</h2>
            <p>"The last 90 days. If something here wasn't you, change your password and sign out everywhere."</p>
            {move || match list.get() {
                None => view! { <p class="loading" role="status">"Loading history…"</p> }.into_any(),
                Some(Err(error)) => {
                    session.handle_error(&error);
                    view! {
                        <ErrorPanel title="We couldn't load your sign-in history" message=error.message() on_retry=reload />
                    }
                        .into_any()
                }
                Some(Ok(events)) if events.is_empty() => {
                    view! { <p class="empty">"Nothing in the last 90 days."</p> }.into_any()
                }
                Some(Ok(events)) => {
                    view! {
                        // Its own name: the section is already the "Sign-in history" region
                        // (two landmarks with one name fail axe's landmark-unique).
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Sign-in history table">
                            <table class="history">
                                <caption class="visually-hidden">"Sign-in history, newest first"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"When"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col">"Browser and device"</th>
                                        <th scope="col">"Address"</th>
                                        <th scope="col">"Two-step"</th>
                                        <th scope="col">"Note"</th>
                                    </tr>
                                </thead>
                                <tbody>{events.into_iter().map(row).collect_view()}</tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
