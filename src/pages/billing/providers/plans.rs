//! The household's payment plans, newest first: what each pays, the method
//! it charges, every instalment and where it stands, and (for an active or
//! paused plan) a Cancel plan button that asks before cancelling.

use super::{focus_soon, Board};
use crate::api;
use crate::browser::long_date;
use crate::components::AlertRegion;
use crate::pages::claims::money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::billing::provider_bills::{InstalmentStatus, PaymentPlan, PlanStatus};
use portal_domain::routes::receipt_href;

/// The plans.
#[component]
pub fn PlansSection(
    /// The plans, newest first.
    plans: Vec<PaymentPlan>,
    /// Whether the viewer may cancel a plan (the subscriber).
    can_change: bool,
    /// The page's shared state.
    board: Board,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="pb-plans-heading">
            <h2 id="pb-plans-heading" class="panel__title">"Payment plans"</h2>
            <ul class="pb-plans">
                {plans
                    .into_iter()
                    .map(|p| view! { <PlanItem plan=p can_change=can_change board=board /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// One plan.
#[component]
fn PlanItem(
    /// The plan.
    plan: PaymentPlan,
    /// Whether the viewer may cancel it.
    can_change: bool,
    /// The page's shared state.
    board: Board,
) -> impl IntoView {
    let id = plan.id;
    let cancellable = can_change && matches!(plan.status, PlanStatus::Active | PlanStatus::Paused);
    let asking = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let number = StoredValue::new(plan.number.clone());
    let button_id = format!("pb-plan-cancel-{id}");
    let ask_id = format!("pb-plan-ask-{id}");
    let status_class = format!("badge badge--plan-{}", plan.status.as_str());
    let heading_id = format!("pb-plan-{id}");
    let cancel = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        alert.set(None);
        spawn_local(async move {
            let result = api::provider_bills::cancel_plan(id).await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(p) => board.announce(format!(
                    "Payment plan {} is cancelled. No more instalments will be charged; what the bills still owe stays due.",
                    p.number
                )),
                Err(e) => {
                    if let Some(message) = board.problem(&e) {
                        alert.set(Some(message));
                    }
                }
            }
        });
    };
    let button_focus = button_id.clone();
    let ask_focus = ask_id.clone();
    view! {
        <li class="pb-plan" data-testid="pb-plan">
            <div class="pb-bill__head">
                <h3 class="pb-bill__title" id=heading_id.clone()>{format!("Payment plan {}", plan.number)}</h3>
                <span class=status_class>{plan.status.label()}</span>
            </div>
            <p>
                {format!(
                    "{} in {} monthly instalments, charged to {}. Pays {}.",
                    money(plan.total),
                    plan.months,
                    plan.method,
                    plan.bills.join(", ")
                )}
            </p>
            <div class="table-scroll">
                <table class="pb-schedule">
                    <caption class="visually-hidden">{format!("Instalments of plan {}", plan.number)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Instalment"</th>
                            <th scope="col">"Date"</th>
                            <th scope="col" class="num">"Amount"</th>
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {plan.instalments.iter().map(|i| {
                            let status = match (&i.transaction_id, i.status) {
                                (Some(t), InstalmentStatus::Charged) => view! {
                                    <a href=receipt_href(t)>{i.status.label()}<span class="visually-hidden">{format!(": receipt {t}")}</span></a>
                                }.into_any(),
                                _ => i.status.label().into_any(),
                            };
                            view! {
                                <tr>
                                    <td>{i.n.to_string()}</td>
                                    <td>{long_date(i.on)}</td>
                                    <td class="num">{money(i.amount)}</td>
                                    <td>{status}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <AlertRegion message=alert />
            {cancellable.then_some(move || {
                if asking.get() {
                    let focus_back = button_focus.clone();
                    view! {
                        <div class="panel panel--notice pb-plan__ask no-print" role="group" aria-labelledby=ask_id.clone()>
                            <p id=ask_id.clone() tabindex="-1">
                                {format!(
                                    "Cancel payment plan {}? No more instalments will be charged. What the bills still owe stays due, and you can pay it or set up a new plan.",
                                    number.get_value()
                                )}
                            </p>
                            <div class="button-row">
                                <button type="button" class="button button--danger" disabled=move || pending.get() on:click=cancel>
                                    {move || if pending.get() { "Cancelling…" } else { "Yes, cancel the plan" }}
                                </button>
                                <button type="button" class="button button--secondary" on:click=move |_| {
                                    asking.set(false);
                                    focus_soon(focus_back.clone());
                                }>
                                    "Keep the plan"
                                </button>
                            </div>
                        </div>
                    }.into_any()
                } else {
                    let ask_focus = ask_focus.clone();
                    view! {
                        <button type="button" class="button button--secondary no-print" id=button_id.clone() on:click=move |_| {
                            asking.set(true);
                            focus_soon(ask_focus.clone());
                        }>
                            "Cancel plan"
                            <span class="visually-hidden">{format!(" {}", number.get_value())}</span>
                        </button>
                    }.into_any()
                }
            })}
        </li>
    }
}
