//! "Are your doctors covered?" on `/plans`: the household's providers (from
//! the claims of the last two years and the primary care providers), each
//! checked against the network of the household's plan and of each plan
//! it could choose, from the provider directory.

use crate::api;
use crate::browser::long_date;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::care::directory::{MyProvider, MyProviders, NetworkStatus};
use portal_domain::routes::{listing_href, Page};

/// The panel.
#[component]
pub fn DoctorsPanel() -> impl IntoView {
    let session = use_session();
    let (data, retry) = remote(api::directory::my_providers);
    view! {
        <section class="panel plans-section" aria-labelledby="doctors-heading">
            <h2 id="doctors-heading" class="panel__title">"Are your doctors covered?"</h2>
            <p>
                "The providers your household has seen in the last two years, and your primary care providers, checked against each plan's network in the "
                <A href=Page::FindCare.href()>"provider directory"</A>
                ". Networks can change: check with the provider before you choose a plan."
            </p>
            {move || match data.get() {
                None => loading("Checking your providers…"),
                Some(Err(e)) => load_error(session, "We couldn't check your providers", &e, retry),
                Some(Ok(d)) => table(d).into_any(),
            }}
        </section>
    }
}

fn status_cell(status: Option<NetworkStatus>) -> impl IntoView {
    match status {
        Some(s) if s.is_in() => view! { <td class="doctors__in">"In network"</td> }.into_any(),
        Some(_) => view! { <td class="doctors__out">"Out of network"</td> }.into_any(),
        None => view! { <td class="doctors__unknown">"Not in the directory"</td> }.into_any(),
    }
}

fn row(p: MyProvider, plans: usize) -> impl IntoView {
    let who = if p.people.is_empty() {
        String::new()
    } else {
        format!("Seen by {}", p.people.join(", "))
    };
    let last = p.last_seen.map(|d| format!("Last visit {}", long_date(d)));
    let detail = [
        Some(p.specialty.clone()),
        Some(who).filter(|w| !w.is_empty()),
        last,
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let cells: Vec<Option<NetworkStatus>> = if p.statuses.is_empty() {
        vec![None; plans]
    } else {
        p.statuses.iter().copied().map(Some).collect()
    };
    let name = match p.listing_id {
        Some(id) => view! { <A href=listing_href(id)>{p.name.clone()}</A> }.into_any(),
        None => view! { <span>{p.name.clone()}</span> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">
                {name}
                {p.primary_care.then(|| view! { <span class="doctors__pcp">" (primary care)"</span> })}
                <span class="doctors__detail">{detail}</span>
            </th>
            {cells.into_iter().map(status_cell).collect_view()}
        </tr>
    }
}

fn table(d: MyProviders) -> impl IntoView {
    if d.providers.is_empty() {
        return view! {
            <p>"No providers yet: your claims of the last two years name none. Search the directory to check a doctor."</p>
        }
        .into_any();
    }
    let plans = d.plans.len();
    let heads = d
        .plans
        .iter()
        .map(|p| {
            let label = if p.current {
                format!("{} (your plan)", p.plan_name)
            } else {
                p.plan_name.clone()
            };
            view! { <th scope="col">{label}</th> }
        })
        .collect_view();
    let rows = d
        .providers
        .into_iter()
        .map(|p| row(p, plans))
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="doctors-heading">
            <table class="doctors__table">
                <caption class="visually-hidden">"Your providers and each plan's network"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Provider"</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
