//! `/find-care/providers/:id`: one listing of the provider directory: its
//! standing in the network of the household's plan and of each other plan,
//! every location with phone, hours, accessibility and distance from home,
//! languages and credentials, when the plan last verified it, and what the
//! member can do next (price a service in the estimator, call).

use super::{away, languages, parse_query, search_href, tel};
use crate::api;
use crate::browser::{long_date, query_pairs};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_params_map};
use portal_domain::care::directory::{Access, ProviderDetail, ProviderKind};
use portal_domain::routes::{listing_href, with_query, Page, LISTING_ID};

/// The page for the listing in the address.
#[component]
pub fn ProviderListingRoutePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|p| p.get(LISTING_ID).and_then(|id| id.parse::<i64>().ok()))
    });
    // The search it was found by, re-checked so "Back" only ever leads to
    // the directory with valid options.
    let back = {
        let search = use_location().search.get_untracked();
        let raw = query_pairs(&search)
            .into_iter()
            .find(|(k, _)| k == "back")
            .map(|(_, v)| v)
            .unwrap_or_default();
        parse_query(&raw)
            .map(|q| search_href(&q))
            .unwrap_or_else(|_| Page::FindCare.href().into())
    };
    move || match id.get() {
        Some(id) => view! { <ListingView id=id back=back.clone() /> }.into_any(),
        None => not_found(back.clone()),
    }
}

fn not_found(back: String) -> AnyView {
    crate::pages::page("Listing not found");
    view! {
        <section class="listing">
            <h1>"Listing not found"</h1>
            <p>"This provider is not in the directory (any more). Search again for another."</p>
            <p>
                <A href=back>"Back to Find care"</A>
            </p>
        </section>
    }
    .into_any()
}

/// Loads and shows one listing.
#[component]
fn ListingView(
    /// The listing's id.
    id: i64,
    /// Where "Back to results" goes.
    back: String,
) -> impl IntoView {
    crate::pages::page("Provider");
    let session = use_session();
    let (listing, retry) = remote(move || api::directory::listing(id));
    move || match listing.get() {
        None => loading("Loading the listing…"),
        Some(Err(api::ApiError::NotFound)) => not_found(back.clone()),
        Some(Err(e)) => load_error(session, "We could not load this listing", &e, retry),
        Some(Ok(d)) => {
            crate::browser::set_title(&d.name);
            detail_view(d, back.clone()).into_any()
        }
    }
}

fn detail_view(d: ProviderDetail, back: String) -> impl IntoView {
    let id = d.id;
    let under_review = RwSignal::new(d.under_review_since);
    let reported = Callback::new(move |()| {
        if under_review.get_untracked().is_none() {
            under_review.set(Some(crate::browser::today()));
        }
    });
    let review = move || {
        under_review.get().map(|since| {
            view! {
                <p class="listing__review">
                    {format!("Under review: on {} a member reported that this listing may be wrong. We are checking it with the provider; call the office before your visit.", long_date(since))}
                </p>
            }
        })
    };
    let clinician = d.kind == ProviderKind::Practitioner;
    let estimate_href = d
        .estimator_id
        .as_ref()
        .map(|e| with_query(Page::Estimate.href(), &format!("provider={e}")));
    let current = d.networks.iter().find(|n| n.plan.current).cloned();
    let networks = d
        .networks
        .iter()
        .map(|n| {
            let in_network = n.status.is_in();
            let status = if in_network {
                match n.status.tier_words() {
                    Some(t) => format!("In network, {t}"),
                    None => "In network".to_string(),
                }
            } else {
                "Out of network".to_string()
            };
            view! {
                <tr>
                    <th scope="row">
                        {n.plan.plan_name.clone()}
                        {n.plan.current.then(|| view! { <span class="listing__yours">" (your plan)"</span> })}
                    </th>
                    <td>{n.plan.network.clone()}</td>
                    <td class:listing__in=in_network class:listing__out=!in_network>{status}</td>
                </tr>
            }
        })
        .collect_view();
    let locations = d
        .locations
        .iter()
        .map(|l| {
            let access: Vec<&str> = l.access.iter().map(|a| a.label()).collect();
            view! {
                <li class="listing__location">
                    <h3>{l.name.clone()}</h3>
                    <p>
                        {l.line.clone()}
                        <br />
                        {format!("{}, {} {}", l.city, l.state, l.zip)}
                    </p>
                    {l.distance_tenths.map(|t| view! { <p class="listing__distance">{format!("{} from your home ZIP code", away(t))}</p> })}
                    <p>
                        <a href=tel(&l.phone)>{l.phone.clone()}</a>
                    </p>
                    <ul class="listing__hours" aria-label="Hours">
                        {l.hours.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
                    </ul>
                    <p>
                        {if access.is_empty() {
                            "Accessibility: call the office to ask.".to_string()
                        } else {
                            format!("Accessibility: {}", access.join(", "))
                        }}
                    </p>
                    {(!l.access.contains(&Access::Wheelchair)).then(|| view! {
                        <p class="listing__note">"Not listed as wheelchair accessible."</p>
                    })}
                </li>
            }
        })
        .collect_view();
    let hospitals = d.hospitals.clone();
    let practice = d.practice.clone();
    let verified = long_date(d.verified_on);
    view! {
        <section class="listing">
            <p class="listing__back">
                <A href=back>"Back to results"</A>
            </p>
            <h1>{d.name.clone()}</h1>
            <p class="listing__specialty">
                {d.specialty.clone()}
                {(!clinician).then_some(" · Facility or practice")}
            </p>
            <p class="listing__status">
                {match &current {
                    Some(n) if n.status.is_in() => format!("In network for your plan, {}.", n.plan.plan_name),
                    Some(n) => format!("Out of network for your plan, {}.", n.plan.plan_name),
                    None => String::new(),
                }}
            </p>
            {review}
            <div class="listing__actions">
                {match estimate_href {
                    Some(href) => view! {
                        <a href=href class="button">"Price a service here"</a>
                    }
                    .into_any(),
                    None => view! {
                        <p class="listing__note">
                            "The cost estimator does not have this provider's prices yet. Call Member Services for an estimate."
                        </p>
                    }
                    .into_any(),
                }}
            </div>
            {(!d.pcp_choices.is_empty()).then(|| view! {
                <super::choose_pcp::ChoosePcp listing_id=id name=d.name.clone() choices=d.pcp_choices.clone() />
            })}
            <super::report::ReportWrongInfo id=id on_sent=reported />
            <h2>"Networks"</h2>
            <div class="table-scroll">
                <table class="listing__networks">
                    <caption class="visually-hidden">"Network status for each plan"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Plan"</th>
                            <th scope="col">"Network"</th>
                            <th scope="col">"Status"</th>
                        </tr>
                    </thead>
                    <tbody>{networks}</tbody>
                </table>
            </div>
            <super::record::KeepRecord id=id />
            <p class="listing__note">
                "What you pay in network is the same in every tier on these plans. "
                {format!("The plan last confirmed this listing with the provider on {verified}.")}
                " If you were billed as out of network after relying on this listing, you pay no more than your in-network cost share: keep a record of it, and call Member Services."
            </p>
            <h2>{if d.locations.len() == 1 { "Location" } else { "Locations" }}</h2>
            <ul class="listing__locations">{locations}</ul>
            <h2>"About"</h2>
            <dl class="facts">
                <div>
                    <dt>"New patients"</dt>
                    <dd>{if d.accepting_new { "Accepting new patients" } else { "Not accepting new patients" }}</dd>
                </div>
                <div>
                    <dt>"Virtual visits"</dt>
                    <dd>
                        {if d.virtual_visits {
                            view! { "Offered. " <A href=Page::VirtualCare.href()>"Book a virtual visit"</A> }.into_any()
                        } else {
                            "Not offered".into_any()
                        }}
                    </dd>
                </div>
                <div>
                    <dt>"Languages"</dt>
                    <dd>{languages(&d.languages)}</dd>
                </div>
                {d.gender.map(|g| view! {
                    <div>
                        <dt>"Gender"</dt>
                        <dd>{g.label()}</dd>
                    </div>
                })}
                {d.board_certified.map(|b| view! {
                    <div>
                        <dt>"Board certified"</dt>
                        <dd>{if b { format!("Yes, in {}", d.specialty) } else { "No".to_string() }}</dd>
                    </div>
                })}
                <div>
                    <dt>"NPI"</dt>
                    <dd>{d.npi.clone()}</dd>
                </div>
                {practice.map(|p| view! {
                    <div>
                        <dt>"Practice"</dt>
                        <dd><A href=listing_href(p.id)>{p.name}</A></dd>
                    </div>
                })}
                {(!hospitals.is_empty()).then(|| view! {
                    <div>
                        <dt>"Hospital privileges"</dt>
                        <dd>
                            <ul class="listing__hospitals">
                                {hospitals.into_iter().map(|h| view! { <li><A href=listing_href(h.id)>{h.name}</A></li> }).collect_view()}
                            </ul>
                        </dd>
                    </div>
                })}
            </dl>
        </section>
    }
}
