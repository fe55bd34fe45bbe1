//! `/care/virtual`: what virtual visits cost the member now, their
//! household's upcoming visits, booking, and past virtual visits with their
//! claims and EOBs.

use super::book::BookPanel;
use super::when;
use crate::api;
use crate::browser::long_date;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::care::virtual_visit::{PastVisit, VirtualCare, VirtualCoverage, Visit};
use portal_domain::routes::{claim_href, visit_href, Page};

/// The page.
#[component]
pub fn VirtualCarePage() -> impl IntoView {
    crate::pages::page("Virtual visits");
    let session = use_session();
    let (care, retry) = remote(api::virtual_care::overview);
    view! {
        <section class="vv">
            <h1>"Virtual visits"</h1>
            <p class="vv__intro">
                "See a doctor, nurse practitioner or counselor by video from wherever you are. For an emergency, call 911 or go to the nearest emergency room."
            </p>
            {move || match care.get() {
                None => loading("Loading your virtual visits…"),
                Some(Err(e)) => load_error(session, "We could not load your virtual visits", &e, retry),
                Some(Ok(c)) => content(c).into_any(),
            }}
        </section>
    }
}

fn content(c: VirtualCare) -> impl IntoView {
    let VirtualCare {
        coverage,
        upcoming,
        awaiting_claim,
        past,
        people,
    } = c;
    view! {
        {coverage_panel(coverage)}
        {upcoming_panel(upcoming)}
        <BookPanel people=people />
        {(!awaiting_claim.is_empty()).then(|| awaiting_panel(awaiting_claim))}
        {past_panel(past)}
    }
}

fn coverage_panel(c: VirtualCoverage) -> impl IntoView {
    let design = match (c.copay, c.before_deductible) {
        (Some(copay), _) => format!(
            "{} charges a {} copay for a virtual visit with a provider in its network.",
            c.plan_name, copay
        ),
        (None, true) => format!(
            "{} covers virtual visits before you meet your deductible: you pay only your share of each visit, from the first dollar.{}",
            c.plan_name,
            if c.hsa_eligible {
                " The federal telehealth safe harbor lets an HSA-eligible plan do this; your HSA eligibility is not affected."
            } else {
                ""
            }
        ),
        (None, false) => format!(
            "{} covers virtual visits as it covers the same visit in person.",
            c.plan_name
        ),
    };
    let rows = c
        .benefits
        .into_iter()
        .map(|b| {
            view! {
                <tr>
                    <th scope="row">{b.label}</th>
                    <td>
                        <strong>{b.you_pay.to_string()}</strong>
                        <span class="vv-words">{b.words}</span>
                    </td>
                    <td>{b.in_person.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel vv-coverage" aria-labelledby="vv-coverage-heading">
            <h2 id="vv-coverage-heading" class="panel__title">"What a virtual visit costs you now"</h2>
            <p>{design}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="vv-coverage-caption">
                <table class="vv-table">
                    <caption id="vv-coverage-caption" class="visually-hidden">"Your cost for a virtual visit, and for the same visit in person"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Visit"</th>
                            <th scope="col">"Virtual, in network"</th>
                            <th scope="col">"Same visit in person"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="vv-note">
                {format!(
                    "Estimates for you, from what you have spent this plan year ({} of your in-network deductible left) and the plan's usual allowed amount for each visit. What you owe is on the claim after the visit. A virtual visit with a provider outside the network costs what the same visit in person would.",
                    c.deductible_left
                )}
            </p>
        </section>
    }
}

fn visit_item(v: Visit) -> impl IntoView {
    let href = visit_href(&v.reference);
    let label = format!("Details for the visit with {}", v.provider_name);
    view! {
        <li class="vv-visit">
            <p class="vv-visit__when">{when(v.starts_at, &v.time_zone)}</p>
            <p>{format!("{} with {} ({})", v.patient, v.provider_name, v.specialty)}</p>
            <p class="vv-provider__meta">{format!("Reference {} · you pay about {}", v.reference, v.you_pay)}</p>
            <A href=href attr:aria-label=label>"Join, add to calendar, move or cancel"</A>
        </li>
    }
}

fn upcoming_panel(list: Vec<Visit>) -> impl IntoView {
    let empty = list.is_empty();
    let items = list.into_iter().map(visit_item).collect_view();
    view! {
        <section class="panel" aria-labelledby="vv-upcoming-heading">
            <h2 id="vv-upcoming-heading" class="panel__title">"Upcoming visits"</h2>
            {if empty {
                view! { <p>"No virtual visits booked."</p> }.into_any()
            } else {
                view! { <ul class="vv-visits">{items}</ul> }.into_any()
            }}
        </section>
    }
}

fn awaiting_panel(list: Vec<Visit>) -> impl IntoView {
    let items = list
        .into_iter()
        .map(|v| {
            view! {
                <li class="vv-visit">
                    <p class="vv-visit__when">{when(v.starts_at, &v.time_zone)}</p>
                    <p>{format!("{} with {}", v.patient, v.provider_name)}</p>
                    <p class="vv-provider__meta">
                        {format!("Reference {}. The claim has not reached us yet; it usually arrives within 30 days.", v.reference)}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="vv-awaiting-heading">
            <h2 id="vv-awaiting-heading" class="panel__title">"Visits waiting for their claim"</h2>
            <ul class="vv-visits">{items}</ul>
        </section>
    }
}

fn past_item(p: PastVisit) -> impl IntoView {
    let claim = claim_href(p.claim_id);
    let label = format!("Claim {} and its explanation of benefits", p.claim_number);
    view! {
        <li class="vv-visit">
            <p class="vv-visit__when">{long_date(p.date)}</p>
            <p>{format!("{} with {}", p.patient, p.provider)}</p>
            <p class="vv-provider__meta">
                {format!("{} · you owe {}", p.place_of_service.label(), p.member_owes)}
                {p.booking.map(|b| format!(" · booked here ({b})"))}
            </p>
            <A href=claim attr:aria-label=label>{format!("Claim {}", p.claim_number)}</A>
        </li>
    }
}

fn past_panel(list: Vec<PastVisit>) -> impl IntoView {
    let empty = list.is_empty();
    let items = list.into_iter().map(past_item).collect_view();
    view! {
        <section class="panel" aria-labelledby="vv-past-heading">
            <h2 id="vv-past-heading" class="panel__title">"Past virtual visits"</h2>
            {if empty {
                view! { <p>"No claims for virtual visits yet."</p> }.into_any()
            } else {
                view! {
                    <p>"From your claims: visits billed as telehealth, newest first. Each claim's page has its explanation of benefits."</p>
                    <ul class="vv-visits vv-visits--past">{items}</ul>
                }
                .into_any()
            }}
            <p>
                <A href=Page::Claims.href()>"All claims"</A>
            </p>
        </section>
    }
}
