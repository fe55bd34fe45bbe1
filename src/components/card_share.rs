//! Sharing one member's ID card with a provider: make a link that works for
//! some days without signing in, see the links made (how often each was
//! opened), and turn one off at once.

use crate::api::{self, ApiError};
use crate::components::AlertRegion;
use crate::state::remote::remote;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api::CardShare;

/// How long a new link works, in days, as offered.
const DAY_CHOICES: [u32; 4] = [1, 7, 14, 30];

fn when(secs: i64) -> String {
    crate::browser::local_date_time_of(secs)
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The "Share with a provider" block under one ID card.
#[component]
pub fn CardShares(
    /// The member whose card it is (opaque id).
    member_id: i64,
    /// Their first name, for labels ("Share Alex's card").
    #[prop(into)]
    first_name: String,
) -> impl IntoView {
    let (list, reload) = remote(move || api::coverage::card_shares(member_id));
    let days = RwSignal::new(7u32);
    let made = RwSignal::new(None::<CardShare>);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let days_id = format!("share-days-{member_id}");
    let link_id = format!("share-link-{member_id}");
    let heading_id = format!("share-heading-{member_id}");
    let fail = move |e: ApiError| alert.set(Some(e.message()));

    let create = move |_| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        let d = days.get_untracked();
        spawn_local(async move {
            let result = api::coverage::share_card(member_id, d).await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(s) => {
                    made.set(Some(s));
                    reload.run(());
                }
                Err(e) => fail(e),
            }
        });
    };
    let revoke = move |id: i64| {
        if pending.get_untracked() {
            return;
        }
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::coverage::revoke_share(id).await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(()) => {
                    if made.get_untracked().is_some_and(|m| m.id == id) {
                        made.set(None);
                    }
                    reload.run(());
                }
                Err(e) => fail(e),
            }
        });
    };
    let share_label = format!("Create a link to {first_name}'s card");
    let link_label = format!("Link to {first_name}'s card");
    let row = move |s: CardShare| {
        let id = s.id;
        let opened = match (s.views, s.last_viewed_at) {
            (0, _) => "Not opened yet.".to_string(),
            (1, Some(at)) => format!("Opened once, {}.", when(at)),
            (n, Some(at)) => format!("Opened {n} times, last {}.", when(at)),
            (n, None) => format!("Opened {n} times."),
        };
        view! {
            <li class="card-share">
                <p>
                    {if s.active {
                        format!("Works until {}. ", when(s.expires_at))
                    } else {
                        "Turned off or expired. ".to_string()
                    }}
                    {opened}
                </p>
                {s.active
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=format!("Turn off the link made {}", when(s.created_at))
                                disabled=move || pending.get()
                                on:click=move |_| revoke(id)
                            >
                                "Turn off"
                            </button>
                        }
                    })}
            </li>
        }
    };
    view! {
        <section class="card-shares no-print" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone()>"Share with a provider"</h3>
            <p>
                "A link shows only this card, without signing in, until it expires or you turn it off. Anyone with the link can see it: send it only to your provider's office."
            </p>
            <AlertRegion message=alert />
            <div class="card-shares__make">
                <label for=days_id.clone()>"Link works for"</label>
                <select
                    id=days_id
                    on:change=move |ev| {
                        if let Ok(d) = event_target_value(&ev).parse() {
                            days.set(d);
                        }
                    }
                >
                    {DAY_CHOICES
                        .into_iter()
                        .map(|d| {
                            view! {
                                <option value=d.to_string() selected=move || days.get() == d>
                                    {if d == 1 { "1 day".to_string() } else { format!("{d} days") }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button
                    type="button"
                    class="button"
                    aria-label=share_label
                    disabled=move || pending.get()
                    on:click=create
                >
                    "Create link"
                </button>
            </div>
            {move || {
                made.get()
                    .and_then(|m| m.path)
                    .map(|path| {
                        let url = format!("{}{path}", origin());
                        view! {
                            <div class="card-shares__new" role="status">
                                <label for=link_id.clone()>{link_label.clone()}</label>
                                <input id=link_id.clone() type="text" readonly value=url />
                                <p class="hint">"Copy it now: it is shown only once."</p>
                            </div>
                        }
                    })
            }}
            {move || match list.get() {
                Some(Ok(items)) if !items.is_empty() => {
                    view! { <ul class="card-shares__list">{items.into_iter().map(row).collect_view()}</ul> }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </section>
    }
}
