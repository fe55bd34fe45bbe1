//! "Choose as primary care provider" on a primary care listing: for the
//! member and each child under 18 they may see, whether this provider can
//! be their PCP (the rules of [`portal_domain::care::pcp`]), and the choice,
//! which takes effect on the first of next month.

use crate::api;
use crate::browser::long_date;
use crate::components::AlertRegion;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use portal_domain::care::pcp::{PcpChange, PcpChoice};
use portal_domain::routes::Page;

/// The panel.
#[component]
pub fn ChoosePcp(
    /// The listing.
    listing_id: i64,
    /// Its name.
    name: String,
    /// Whom the member may choose it for.
    choices: Vec<PcpChoice>,
) -> impl IntoView {
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<PcpChange>);
    let pending = RwSignal::new(None::<i64>);
    let choose = move |member: i64| {
        if pending.get_untracked().is_some() {
            return;
        }
        pending.set(Some(member));
        alert.set(None);
        spawn_local(async move {
            let r = api::directory::choose_pcp(member, listing_id).await;
            if pending.try_set(None).is_some() {
                return;
            }
            match r {
                Ok(c) => done.set(Some(c)),
                Err(e) => {
                    let fields = e.field_errors();
                    let msg = fields
                        .get("listing_id")
                        .and_then(|v| v.first())
                        .map(|f| f.message.clone())
                        .unwrap_or_else(|| e.message());
                    alert.set(Some(msg));
                }
            }
        });
    };
    let choices = StoredValue::new(choices);
    let rows = move || {
        choices.with_value(|cs| {
            cs.iter()
        .map(|c| {
            let member = c.member_id;
            let who = c.first_name.clone();
            let state = if c.current {
                Some(format!("{who}'s primary care provider now."))
            } else {
                c.chosen_from
                    .map(|d| format!("{who}'s primary care provider from {}.", long_date(d)))
            };
            let refusal = c.refusal.map(|r| format!("Not for {who}: {}", r.label()));
            let can = c.refusal.is_none() && !c.current && c.chosen_from.is_none();
            let label = format!("Choose for {who}");
            view! {
                <li class="pcp-choice">
                    {state.map(|s| view! { <p>{s}</p> })}
                    {refusal.map(|r| view! { <p class="listing__note">{r}</p> })}
                    {can.then(|| view! {
                        <button
                            type="button"
                            class="button button--secondary"
                            disabled=move || pending.get().is_some()
                            on:click=move |_| choose(member)
                        >
                            {move || if pending.get() == Some(member) { "Choosing…".to_string() } else { label.clone() }}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view()
        })
    };
    view! {
        <section class="panel pcp" aria-labelledby="pcp-heading">
            <h2 id="pcp-heading" class="panel__title">"Primary care provider"</h2>
            <p>
                {format!("Choose {name} as the primary care provider for yourself or a child on your plan. The change takes effect on the first day of next month, and your ID card shows it from then.")}
            </p>
            <AlertRegion message=alert />
            {move || done.get().map(|c| view! {
                <p class="pcp__done" role="status">
                    {format!("Done: {} is {}'s primary care provider from {}. ", c.name, c.first_name, long_date(c.effective))}
                    <A href=Page::IdCards.href()>"See the ID cards"</A>
                </p>
            })}
            <Show when=move || done.get().is_none()>
                <ul class="pcp__choices">{rows}</ul>
            </Show>
        </section>
    }
}
