//! `/care/virtual/:reference`: one booked visit, the booking's
//! confirmation: date, time and time zone, the calendar file, "Join" from
//! ten minutes before the start (the clock on this page ticks, so the
//! button appears by itself), moving it to another time, and cancelling.

use super::slots::SlotPicker;
use super::when;
use crate::api;
use crate::browser::{now_secs, zoned_time};
use crate::components::AlertRegion;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use portal_domain::care::virtual_visit::{
    changeable, join_state, JoinState, Visit, VisitStatus, JOIN_OPENS_MINUTES,
};
use portal_domain::routes::{claim_href, Page, VISIT_REF};
use std::time::Duration;

/// The page for the visit in the address.
#[component]
pub fn VirtualVisitRoutePage() -> impl IntoView {
    crate::pages::page("Virtual visit");
    let params = use_params_map();
    move || {
        let reference = params.with(|p| p.get(VISIT_REF)).unwrap_or_default();
        view! { <VisitView reference=reference /> }
    }
}

/// Loads and shows one visit.
#[component]
fn VisitView(
    /// The booking's reference.
    reference: String,
) -> impl IntoView {
    let session = use_session();
    let reference = StoredValue::new(reference);
    let (loaded, retry) = remote(move || api::virtual_care::visit(&reference.get_value()));
    let current = RwSignal::new(None::<Visit>);
    Effect::new(move |_| {
        if let Some(Ok(v)) = loaded.get() {
            current.set(Some(v));
        }
    });
    move || {
        match (loaded.get(), current.get()) {
        (None, _) => loading("Loading the visit…"),
        (Some(Err(api::ApiError::NotFound)), _) => view! {
            <section class="vv">
                <h1>"Visit not found"</h1>
                <p>"There is no virtual visit with this reference for you or the people you can see."</p>
                <p><A href=Page::VirtualCare.href()>"Back to virtual visits"</A></p>
            </section>
        }
        .into_any(),
        (Some(Err(e)), _) => load_error(session, "We could not load this visit", &e, retry),
        (Some(Ok(_)), Some(v)) => view! { <VisitDetail visit=v current=current /> }.into_any(),
        (Some(Ok(_)), None) => loading("Loading the visit…"),
    }
    }
}

/// The visit.
#[component]
fn VisitDetail(
    /// The visit as last loaded or changed.
    visit: Visit,
    /// Replaced after a move or cancel.
    current: RwSignal<Option<Visit>>,
) -> impl IntoView {
    crate::browser::set_title(&format!("Virtual visit with {}", visit.provider_name));
    let now = RwSignal::new(now_secs());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_secs()), Duration::from_secs(5))
    {
        on_cleanup(move || handle.clear());
    }
    let alert = RwSignal::new(None::<String>);
    let cancelled = visit.status == VisitStatus::Cancelled;
    let (starts, ends) = (visit.starts_at, visit.ends_at);
    let status = visit.status;
    let zone = visit.time_zone.clone();
    let heading = format!("Virtual visit with {}", visit.provider_name);
    // Over once its scheduled end has passed (as the page first shows it).
    let over = !cancelled && now_secs() >= ends;
    let summary = if cancelled {
        format!("Cancelled. It was booked for {}.", when(starts, &zone))
    } else if over {
        format!("This visit was on {}.", when(starts, &zone))
    } else {
        format!("Booked for {}.", when(starts, &zone))
    };
    // Once the claim is in, its amount is what the member owes, not an estimate.
    let (cost_label, cost) = match visit.claim_id {
        Some(_) => ("What you owe (from the claim)", visit.you_pay.to_string()),
        None => (
            "Estimated cost to you",
            format!("{} ({})", visit.you_pay, visit.you_pay_words),
        ),
    };
    let reference = StoredValue::new(visit.reference.clone());
    let joining = RwSignal::new(false);
    let join = move |_| {
        if joining.get_untracked() {
            return;
        }
        joining.set(true);
        alert.set(None);
        spawn_local(async move {
            let r = api::virtual_care::join(&reference.get_value()).await;
            let _ = joining.try_set(false);
            match r {
                Ok(link) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().assign(&link.url);
                    }
                }
                Err(e) => alert.set(Some(e.message())),
            }
        });
    };
    let opens = zoned_time(visit.join_opens_at, &zone, false);
    let join_area = move || {
        if cancelled {
            return view! { <p>"This visit was cancelled, so it cannot be joined."</p> }.into_any();
        }
        match join_state(now.get(), starts, ends) {
            JoinState::NotYet => view! {
                <p class="vv-join__wait">
                    {format!("You can join from {opens}, {JOIN_OPENS_MINUTES} minutes before the start. The button appears here then.")}
                </p>
            }
            .into_any(),
            JoinState::Open => view! {
                <p>"Your visit is open. Joining opens the video room of the provider's telehealth service."</p>
                <button type="button" class="button button--primary vv-join__button"
                    disabled=move || joining.get() on:click=join>
                    {move || if joining.get() { "Joining…" } else { "Join the visit" }}
                </button>
            }
            .into_any(),
            JoinState::Closed => view! { <p>"This visit's time is over."</p> }.into_any(),
        }
    };
    let can_change = move || changeable(now.get(), status, starts);
    let claim = visit.claim_id.map(|id| {
        view! {
            <p>
                <A href=claim_href(id)>"See the claim and its explanation of benefits"</A>
            </p>
        }
    });
    let reason = (!visit.reason.is_empty()).then(|| {
        view! {
            <div class="vv-fact">
                <dt>"What it is for"</dt>
                <dd>{visit.reason.clone()}</dd>
            </div>
        }
    });
    let calendar = api::virtual_care::calendar_href(&visit.reference);
    let provider_id = visit.provider_id;
    view! {
        <section class="vv">
            <h1>{heading}</h1>
            <p class="vv-summary" role="status">{summary}</p>
            <AlertRegion message=alert />
            <dl class="vv-facts">
                <div class="vv-fact">
                    <dt>"Patient"</dt>
                    <dd>{visit.patient.clone()}</dd>
                </div>
                <div class="vv-fact">
                    <dt>"Provider"</dt>
                    <dd>{format!("{} ({})", visit.provider_name, visit.specialty)}</dd>
                </div>
                <div class="vv-fact">
                    <dt>"Reference"</dt>
                    <dd>{visit.reference.clone()}</dd>
                </div>
                <div class="vv-fact">
                    <dt>{cost_label}</dt>
                    <dd>{cost}</dd>
                </div>
                {reason}
            </dl>
            <section class="panel vv-join" aria-labelledby="vv-join-heading">
                <h2 id="vv-join-heading" class="panel__title">"Join"</h2>
                {join_area}
            </section>
            {(!cancelled && !over).then(|| view! {
                <p>
                    <a href=calendar download="">"Add to your calendar (.ics file)"</a>
                </p>
            })}
            {claim}
            <Show when=can_change>
                <ChangeVisit reference=reference provider_id=provider_id current=current alert=alert />
            </Show>
            <p>
                <A href=Page::VirtualCare.href()>"Back to virtual visits"</A>
            </p>
        </section>
    }
}

/// Moving the visit to another open time, or cancelling it.
#[component]
fn ChangeVisit(
    /// The booking's reference.
    reference: StoredValue<String>,
    /// Its provider.
    provider_id: i64,
    /// Replaced with the answer.
    current: RwSignal<Option<Visit>>,
    /// Where a refusal is announced.
    alert: RwSignal<Option<String>>,
) -> impl IntoView {
    let moving = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let start = RwSignal::new(None::<i64>);
    let done = move |r: Result<Visit, api::ApiError>| match r {
        Ok(v) => {
            current.set(Some(v));
            moving.set(false);
            confirming.set(false);
        }
        Err(e) => alert.set(Some(e.message())),
    };
    let cancel = move |_| {
        pending.set(true);
        spawn_local(async move {
            let r = api::virtual_care::cancel(&reference.get_value()).await;
            // `None`: set, so the panel is still there.
            if pending.try_set(false).is_none() {
                done(r);
            }
        });
    };
    let move_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(t) = start.get_untracked() else {
            alert.set(Some("Choose a new time first.".into()));
            return;
        };
        pending.set(true);
        spawn_local(async move {
            let r = api::virtual_care::move_to(&reference.get_value(), t).await;
            // `None`: set, so the panel is still there.
            if pending.try_set(false).is_none() {
                done(r);
            }
        });
    };
    view! {
        <section class="panel vv-change" aria-labelledby="vv-change-heading">
            <h2 id="vv-change-heading" class="panel__title">"Change or cancel"</h2>
            <p>"You can move or cancel the visit until it starts. There is no charge for cancelling."</p>
            <div class="vv-change__actions">
                <button type="button" class="button button--secondary"
                    aria-expanded=move || if moving.get() { "true" } else { "false" }
                    on:click=move |_| moving.update(|m| *m = !*m)>
                    "Move to another time"
                </button>
                <button type="button" class="button button--secondary"
                    on:click=move |_| confirming.set(true)>
                    "Cancel the visit"
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="vv-confirm" role="group" aria-labelledby="vv-confirm-text">
                    <p id="vv-confirm-text">"Cancel this visit? The time goes back to the provider's open times."</p>
                    <button type="button" class="button button--danger" disabled=move || pending.get() on:click=cancel>
                        "Yes, cancel it"
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>
                        "Keep the visit"
                    </button>
                </div>
            </Show>
            <Show when=move || moving.get()>
                <MoveForm provider_id=provider_id start=start pending=pending on_submit=move_it />
            </Show>
        </section>
    }
}

/// The provider's open times and "Move the visit".
#[component]
fn MoveForm<F>(
    /// The provider.
    provider_id: i64,
    /// The chosen new start.
    start: RwSignal<Option<i64>>,
    /// Whether the move is on its way.
    pending: RwSignal<bool>,
    /// Submits the move.
    on_submit: F,
) -> impl IntoView
where
    F: Fn(leptos::ev::SubmitEvent) + Copy + 'static,
{
    let (slots, _) = remote(move || api::virtual_care::slots(provider_id));
    view! {
        <form class="vv-move" on:submit=on_submit novalidate=true>
            {move || match slots.get() {
                None => loading("Loading open times…"),
                Some(Err(e)) => view! { <p role="alert">{e.message()}</p> }.into_any(),
                Some(Ok(s)) => view! { <SlotPicker slots=s chosen=start id="vv-move-day" /> }.into_any(),
            }}
            <button type="submit" class="button button--primary" disabled=move || pending.get()>
                "Move the visit"
            </button>
        </form>
    }
}
