//! `/account/sharing`: the member's recorded consent to share their health
//! information (claims, costs, cards) with others in the household. Adults
//! decide for themselves; the server enforces it everywhere.

use crate::api::{self, ApiError};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::home::{SharePerson, ShareRequest, SharingStatus};

/// The family sharing page.
#[component]
pub fn SharingPage() -> impl IntoView {
    crate::pages::page("Family sharing");
    let session = use_session();
    let (status, retry) = remote(api::home::sharing);
    view! {
        <h1>"Family sharing"</h1>
        <super::AccountNav />
        <p class="lead">
            "Your claims, costs and ID card are yours. Family members on your plan see them only if you share them. "
            "Children under 18 are shown to the subscriber; spouses and family members 18 or over choose here."
        </p>
        {move || match status.get() {
            None => loading("Loading your sharing settings…"),
            Some(Ok(s)) => view! { <SharingList status=s /> }.into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load your sharing settings", &e, retry),
        }}
    }
}

/// The people the member can share with, each with a switch.
#[component]
fn SharingList(
    /// As loaded.
    status: SharingStatus,
) -> impl IntoView {
    let session = use_session();
    let people = RwSignal::new(status.people);
    let message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let toggle = move |p: SharePerson| {
        busy.set(true);
        spawn_local(async move {
            let request = ShareRequest {
                member: p.member,
                share: !p.shared,
            };
            match api::home::set_sharing(&request).await {
                Ok(s) => {
                    people.set(s.people);
                    message.set(if request.share {
                        format!(
                            "You now share your health information with {}.",
                            p.first_name
                        )
                    } else {
                        format!(
                            "You no longer share your health information with {}.",
                            p.first_name
                        )
                    });
                }
                Err(e) => {
                    if matches!(e, ApiError::Unauthorized { .. }) {
                        session.handle_error(&e);
                    }
                    message.set(e.message());
                }
            }
            busy.set(false);
        });
    };
    view! {
        {move || {
            let list = people.get();
            if list.is_empty() {
                return view! {
                    <p class="empty">"There is no one on your plan to share with here."</p>
                }
                    .into_any();
            }
            view! {
                <ul class="share-list">
                    {list
                        .into_iter()
                        .map(|p| {
                            let name = p.first_name.clone();
                            let shared = p.shared;
                            let rel = p.relationship.label();
                            view! {
                                <li class="share-list__item">
                                    <span>
                                        <strong>{name.clone()}</strong> " (" {rel} "): "
                                        {if shared { "✓ you share with them" } else { "not shared" }}
                                    </span>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        disabled=move || busy.get()
                                        on:click=move |_| toggle(p.clone())
                                    >
                                        {if shared {
                                            format!("Stop sharing with {name}")
                                        } else {
                                            format!("Share with {name}")
                                        }}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <p class="form-status" role="status">{move || message.get()}</p>
    }
}
