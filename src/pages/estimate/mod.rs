//! `/estimate`: the procedure cost estimator. Search the 70 CMS shoppable
//! services in your own words (the server matches plain names, synonyms and
//! word stems, and suggests a spelling when nothing matches), say whether it
//! is a screening or diagnostic where that matters, choose who it is for and
//! a provider, and see what you could pay in all for the whole bundle
//! (facility, doctor, anesthesia, newborn), split into deductible, copay and
//! coinsurance, what the plan pays, what is included and what is not, how it
//! moves your deductible and out-of-pocket progress, and what to know first.
//! `?service=CODE&purpose=screening&member=ID` (the preventive-care alerts'
//! link) opens with that service chosen and the first in-network provider.

use crate::api::{self, ApiError};
use crate::browser::encode_query_value;
use crate::components::{SelectField, Term, TextField};
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_domain::claims::Network;
use portal_domain::estimate::{Progress, Purpose, MAX_QUANTITY};
use portal_domain::plans::api::{
    AccumulatorsView, EstimateRequest, EstimateResponse, ProviderOption, ServiceSearch,
    ShoppableService,
};
use portal_domain::routes::{with_query, Page};
use portal_domain::Money;

/// The estimator page.
#[component]
pub fn EstimatePage() -> impl IntoView {
    crate::pages::page("Cost estimator");
    let session = use_session();
    let (acc, retry) = remote(api::plans::accumulators);
    view! {
        <h1>"Cost estimator"</h1>
        <p class="lead">
            "See what a common test, scan or procedure would cost you, based on what you have already paid toward your "
            <Term slug="deductible">"deductible"</Term>
            " this year."
        </p>
        {move || match acc.get() {
            Some(Ok(a)) => view! { <Estimator acc=a /> }.into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load the estimator", &e, retry),
            None => loading("Loading the estimator…"),
        }}
    }
}

/// The purpose a service is priced for when none is chosen: a screening
/// code is a screening; otherwise diagnostic (never assume $0).
fn default_purpose(s: &ShoppableService) -> Option<Purpose> {
    (!s.purposes.is_empty()).then(|| {
        if s.benefit == portal_domain::cost::Benefit::Preventive {
            Purpose::Screening
        } else {
            Purpose::Diagnostic
        }
    })
}

#[component]
fn Estimator(
    /// This year's accumulators (for the people listed).
    acc: AccumulatorsView,
) -> impl IntoView {
    let session = use_session();
    let acc = StoredValue::new(acc);
    let params = use_query_map().get_untracked();
    let linked_service = params.get("service");
    // "Price a service here" on a directory listing: that provider is
    // chosen for each service it offers.
    let linked_provider = StoredValue::new(params.get("provider"));
    let linked_purpose = params.get("purpose").and_then(|p| Purpose::parse(&p));
    let query = RwSignal::new(
        params
            .get("q")
            .or_else(|| linked_service.clone())
            .unwrap_or_default(),
    );
    let service = RwSignal::new(None::<ShoppableService>);
    let purpose = RwSignal::new(None::<Purpose>);
    // The member comes from the URL (`?member=<id>`, as the dashboard's
    // family switcher links) when it is one of the people shown.
    let from_url = params.get("member");
    let member = RwSignal::new(acc.with_value(|a| {
        from_url
            .filter(|m| a.people.iter().any(|p| p.member.to_string() == *m))
            .or_else(|| a.people.first().map(|p| p.member.to_string()))
            .unwrap_or_default()
    }));
    let navigate = use_navigate();
    let quantity = RwSignal::new("1".to_string());
    let providers = RwSignal::new(None::<Result<Vec<ProviderOption>, ApiError>>);
    let provider = RwSignal::new(None::<String>);
    let answer = RwSignal::new(None::<Result<EstimateResponse, ApiError>>);
    let busy = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    let found = RwSignal::new(None::<Result<ServiceSearch, ApiError>>);
    let search_generation = StoredValue::new(0u32);
    // A linked service is chosen once, with the first in-network provider.
    let pending_link = StoredValue::new(linked_service);
    let auto_provider = StoredValue::new(false);

    // The search, whenever the words change (answers to older words are dropped).
    Effect::new(move |_| {
        let q = query.get();
        let run = search_generation.get_value().wrapping_add(1);
        search_generation.set_value(run);
        let pending = api::estimate::search(q.trim());
        spawn_local(async move {
            let r = pending.await;
            if search_generation.try_get_value() != Some(run) {
                return;
            }
            if let Err(e) = &r {
                session.handle_error(e);
            }
            if let (Ok(list), Some(code)) = (&r, pending_link.get_value()) {
                if let Some(s) = list.services.iter().find(|s| s.code == code) {
                    pending_link.set_value(None);
                    auto_provider.set_value(true);
                    purpose.set(
                        linked_purpose
                            .filter(|_| !s.purposes.is_empty())
                            .or(default_purpose(s)),
                    );
                    service.set(Some(s.clone()));
                }
            }
            let _ = found.try_set(Some(r));
        });
    });
    let quantity_n = Memo::new(move |_| {
        quantity.with(|q| {
            q.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_QUANTITY).contains(n))
        })
    });
    let quantity_errors = Signal::derive(move || {
        if quantity_n.get().is_none() {
            vec![format!("Enter a whole number from 1 to {MAX_QUANTITY}.")]
        } else {
            Vec::new()
        }
    });

    // Providers of the chosen service.
    Effect::new(move |_| {
        let Some(code) = service.with(|s| s.as_ref().map(|s| s.code.clone())) else {
            return;
        };
        provider.set(None);
        answer.set(None);
        providers.set(None);
        let pending = api::estimate::providers(&code);
        spawn_local(async move {
            let r = pending.await;
            if let Err(e) = &r {
                session.handle_error(e);
            }
            if let Ok(list) = &r {
                let linked = linked_provider
                    .get_value()
                    .filter(|id| list.iter().any(|p| p.id == *id));
                if linked.is_some() {
                    auto_provider.set_value(false);
                    let _ = provider.try_set(linked);
                } else if auto_provider.get_value() {
                    auto_provider.set_value(false);
                    let first = list.iter().find(|p| p.network == Network::InNetwork);
                    let _ = provider.try_set(first.map(|p| p.id.clone()));
                }
            }
            let _ = providers.try_set(Some(r));
        });
    });
    // The estimate, whenever service, purpose, provider, member or quantity change.
    Effect::new(move |_| {
        let (Some(s), Some(p), Some(q)) = (service.get(), provider.get(), quantity_n.get()) else {
            return;
        };
        let Ok(m) = member.get().parse::<i64>() else {
            return;
        };
        let run = generation.get_value().wrapping_add(1);
        generation.set_value(run);
        busy.set(true);
        let request = EstimateRequest {
            service: s.code,
            provider: p,
            member: m,
            quantity: q,
            purpose: purpose.get(),
        };
        spawn_local(async move {
            let r = api::estimate::estimate(&request).await;
            if generation.try_get_value() != Some(run) {
                return;
            }
            if let Err(e) = &r {
                session.handle_error(e);
            }
            let _ = busy.try_set(false);
            let _ = answer.try_set(Some(r));
        });
    });

    let member_options = Signal::derive(move || {
        acc.with_value(|a| {
            a.people
                .iter()
                .map(|p| (p.member.to_string(), p.first_name.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The form is drawn hidden until the first search answers, then shown
    // whole: the service list arriving no longer pushes the panels below
    // it down the screen (a layout shift Lighthouse counted as 0.15).
    let searched = Memo::new(move |_| found.with(Option::is_some));
    view! {
        {move || (!searched.get()).then(|| loading("Loading the estimator…"))}
        <div class="estimator" hidden=move || !searched.get()>
            <section class="panel" aria-labelledby="service-heading">
                <h2 id="service-heading" class="panel__title">"1. Find the service"</h2>
                <TextField
                    id="service-search"
                    label="Search services"
                    hint="By name (for example “MRI” or “colonoscopy”) or by code (for example 73721)."
                    value=query
                    errors=Signal::derive(Vec::new)
                />
                <p role="status" class="field__hint">
                    {move || match found.get() {
                        None => "Searching…".to_string(),
                        Some(Err(e)) => e.message(),
                        Some(Ok(r)) => match (r.total, r.did_you_mean, r.suggestions.is_empty()) {
                            (0, Some(w), _) => format!("No service matches. Did you mean “{w}”?"),
                            (0, None, false) => "No service matches all of your words. These match some of them:".to_string(),
                            (0, None, true) => "No service matches. Try fewer or other words, for example “MRI” or “blood test”.".to_string(),
                            (1, ..) => "1 service matches.".to_string(),
                            (n, ..) if n as usize > r.services.len() => format!("{n} services match; the first {} are shown.", r.services.len()),
                            (n, ..) => format!("{n} services match."),
                        },
                    }}
                </p>
                {move || {
                    found
                        .get()
                        .and_then(Result::ok)
                        .and_then(|r| r.did_you_mean)
                        .map(|w| {
                            let label = format!("Search for “{w}”");
                            view! {
                                <button type="button" class="button button--quiet" on:click=move |_| query.set(w.clone())>
                                    {label}
                                </button>
                            }
                        })
                }}
                <fieldset class="choices">
                    <legend>"Services"</legend>
                    {move || {
                        let list = found
                            .get()
                            .and_then(Result::ok)
                            .map(|r| if r.services.is_empty() { r.suggestions } else { r.services })
                            .unwrap_or_default();
                        list.into_iter()
                            .map(|s| {
                                let id = format!("service-{}", s.code.replace(' ', "-"));
                                let code_checked = s.code.clone();
                                let name = s.name.clone();
                                let code = s.code.clone();
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="service"
                                            id=id.clone()
                                            prop:checked=move || service.with(|c| c.as_ref().is_some_and(|c| c.code == code_checked))
                                            on:change=move |_| {
                                                purpose.set(default_purpose(&s));
                                                service.set(Some(s.clone()));
                                            }
                                        />
                                        <label for=id>
                                            {name} " " <span class="mono choice__meta">{code}</span>
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </fieldset>
                {move || service.get().filter(|s| !s.purposes.is_empty()).map(|s| purpose_choices(s, purpose))}
            </section>
            <section class="panel" aria-labelledby="who-heading">
                <h2 id="who-heading" class="panel__title">"2. Who and where"</h2>
                <SelectField
                    id="estimate-member"
                    label="Who is it for?"
                    options=member_options
                    value=member
                    on_pick=Callback::new(move |v: String| {
                        navigate(
                            &with_query(
                                Page::Estimate.href(),
                                &format!("member={}", encode_query_value(&v)),
                            ),
                            NavigateOptions {
                                replace: true,
                                scroll: false,
                                ..NavigateOptions::default()
                            },
                        );
                        member.set(v);
                    })
                />
                <TextField
                    id="estimate-quantity"
                    label="How many"
                    value=quantity
                    errors=quantity_errors
                    input_type="number"
                    inputmode="numeric"
                />
                {move || match (service.get(), providers.get()) {
                    (None, _) => view! { <p>"Choose a service first."</p> }.into_any(),
                    (Some(_), None) => loading("Loading providers…"),
                    (Some(_), Some(Err(e))) => view! { <p role="alert">{e.message()}</p> }.into_any(),
                    (Some(_), Some(Ok(list))) => provider_choices(list, provider).into_any(),
                }}
            </section>
            <section class="panel estimate-result" aria-labelledby="estimate-heading" aria-busy=move || if busy.get() { "true" } else { "false" }>
                <h2 id="estimate-heading" class="panel__title">"3. Your estimate"</h2>
                {move || match answer.get() {
                    None => view! { <p>"Choose a service and a provider to see your estimate."</p> }.into_any(),
                    Some(Err(e)) => view! { <p role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(r)) => result(r).into_any(),
                }}
            </section>
        </div>
    }
}

fn provider_choices(
    list: Vec<ProviderOption>,
    provider: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>"Choose a provider"</legend>
            {list
                .into_iter()
                .map(|p| {
                    let id = format!("provider-{}", p.id);
                    let pid = p.id.clone();
                    let pid_checked = p.id.clone();
                    let network = if p.network == Network::InNetwork { "In network" } else { "Out of network" };
                    let price = match p.allowed {
                        Some(a) if p.network == Network::InNetwork => format!("negotiated rate {}", money(a)),
                        Some(a) => format!("plan allows {}", money(a)),
                        None => "price not available".to_string(),
                    };
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="provider"
                                id=id.clone()
                                prop:checked=move || provider.with(|c| c.as_deref() == Some(pid_checked.as_str()))
                                on:change=move |_| provider.set(Some(pid.clone()))
                            />
                            <label for=id>
                                {p.name.clone()}
                                <span class="choice__meta">{format!(" · {network} · {price}")}</span>
                            </label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

fn progress_line(label: &str, met: Money, after: Money, limit: Money) -> impl IntoView {
    let text = if limit == Money::ZERO {
        format!("{label}: none on this plan.")
    } else if met == after {
        format!(
            "{label}: {} of {} met; this would not change it.",
            money(met),
            money(limit)
        )
    } else {
        format!(
            "{label}: {} of {} met now, {} after this.",
            money(met),
            money(limit),
            money(after)
        )
    };
    view! { <li>{text}</li> }
}

fn progress(before: Progress, after: Progress) -> impl IntoView {
    view! {
        <h3>"Your progress this year"</h3>
        <ul class="estimate-progress">
            {progress_line("Deductible", before.deductible_met, after.deductible_met, before.deductible)}
            {progress_line("Out-of-pocket maximum", before.oop_met, after.oop_met, before.oop_max)}
            // Withheld when it would reveal a hidden household member's spending.
            {(before.family_deductible > before.deductible && !before.family_withheld)
                .then(|| progress_line("Family deductible", before.family_deductible_met, after.family_deductible_met, before.family_deductible))}
        </ul>
    }
}

/// Screening or diagnostic, with when each applies.
fn purpose_choices(s: ShoppableService, purpose: RwSignal<Option<Purpose>>) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>"Screening or diagnostic?"</legend>
            {s.purposes
                .into_iter()
                .map(|o| {
                    let id = format!("purpose-{}", o.purpose.as_str());
                    let hint = format!("{id}-hint");
                    let p = o.purpose;
                    view! {
                        <div class="choice choice--described">
                            <input
                                type="radio"
                                name="purpose"
                                id=id.clone()
                                aria-describedby=hint.clone()
                                prop:checked=move || purpose.get() == Some(p)
                                on:change=move |_| purpose.set(Some(p))
                            />
                            <label for=id>{p.label()}</label>
                            <p class="field__hint" id=hint>{o.applies_when}</p>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The estimate: the realistic total first, then how it splits, what the
/// bundle includes and leaves out, progress, and the notes.
fn result(r: EstimateResponse) -> impl IntoView {
    let p = r.priced;
    let a = p.amounts;
    let oon = r.provider.network == Network::OutOfNetwork;
    let headline = if !p.available {
        "Covered, estimate not available".to_string()
    } else if oon && p.balance_bill > Money::ZERO {
        format!("You could pay about {} in all", money(r.total))
    } else {
        format!("You would pay about {}", money(r.total))
    };
    let split = (oon && p.available && p.balance_bill > Money::ZERO).then(|| {
        format!(
            "That is {} as your share under your plan, plus up to {} that this out-of-network provider may bill you above what your plan allows (balance billing).",
            money(a.member_owes),
            money(p.balance_bill),
        )
    });
    let about = format!(
        "{}{} at {} ({}).",
        if r.quantity > 1 {
            format!("{} × ", r.quantity)
        } else {
            String::new()
        },
        r.service.name,
        r.provider.name,
        if oon { "out of network" } else { "in network" },
    );
    let variants = (!r.variants.is_empty()).then(|| {
        view! {
            <h3>"Screening or diagnostic: what applies"</h3>
            <ul class="estimate-notes">
                {r.variants
                    .into_iter()
                    .map(|v| {
                        let total = v.total.map(money).unwrap_or_else(|| "estimate not available".into());
                        let chosen = Some(v.purpose) == r.purpose;
                        view! {
                            <li>
                                <strong>{format!("{}: about {total}", v.purpose.label())}</strong>
                                {chosen.then_some(" (this estimate)")}
                                " " {v.applies_when}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let parts = (p.available && !r.parts.is_empty()).then(|| {
        view! {
            <table class="owe-table">
                <caption>"What this estimate includes"</caption>
                <thead>
                    <tr><th scope="col">"Part"</th><th scope="col">"Plan's allowed amount"</th></tr>
                </thead>
                <tbody>
                    {r.parts
                        .into_iter()
                        .map(|x| {
                            let by = format!(
                                "billed by {}{}{}",
                                x.billed_by,
                                x.code.map(|c| format!(" ({c})")).unwrap_or_default(),
                                if x.newborn { ", under your baby" } else { "" },
                            );
                            view! {
                                <tr>
                                    <th scope="row">{x.label} <span class="owe-table__why">{by}</span></th>
                                    <td>{x.allowed.map(money).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let not_included = (!r.not_included.is_empty()).then(|| {
        view! {
            <h3>"Not included"</h3>
            <ul class="estimate-notes">
                {r.not_included.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <p class="estimate-result__headline" role="status">
            <strong>{headline}</strong>
        </p>
        {split.map(|t| view! { <p>{t}</p> })}
        <p>{about}</p>
        {r.service.prior_auth.then(|| view! {
            <div class="panel panel--notice" role="note">
                <h3>"Prior authorization needed"</h3>
                <p>
                    "Your provider must get the plan's approval before this service, or it may not be covered. "
                    <Term slug="prior-authorization">"What prior authorization means"</Term>
                </p>
            </div>
        })}
        {(oon && p.available).then(|| view! {
            <div class="panel panel--notice" role="note">
                <h3>"Out-of-network warning"</h3>
                <p>
                    {format!(
                        "This provider is not in your plan's network. Besides your share, they may bill you up to {} more: the difference between their charge ({}) and what your plan allows ({}). This is called balance billing, and it does not count toward your deductible or out-of-pocket maximum. The total above includes it.",
                        money(p.balance_bill), money(a.billed), money(a.allowed),
                    )}
                </p>
                <p>
                    <Term slug="balance-billing">"What balance billing means"</Term>
                </p>
            </div>
        })}
        {variants}
        {p.available.then(|| view! {
            <table class="owe-table">
                <caption class="visually-hidden">"How the cost is split"</caption>
                <tbody>
                    <tr><th scope="row"><Term slug="allowed-amount">"Plan's allowed amount"</Term></th><td>{money(a.allowed)}</td></tr>
                    <tr><th scope="row">"Toward your deductible"</th><td>{money(a.deductible)}</td></tr>
                    <tr><th scope="row">"Copay"</th><td>{money(a.copay)}</td></tr>
                    <tr><th scope="row">"Coinsurance"</th><td>{money(a.coinsurance)}</td></tr>
                    <tr><th scope="row">"Not covered"</th><td>{money(a.not_covered)}</td></tr>
                    <tr><th scope="row">"The plan pays"</th><td>{money(a.plan_paid)}</td></tr>
                </tbody>
                <tfoot>
                    {(p.balance_bill > Money::ZERO).then(|| view! {
                        <tr><th scope="row">"Your share"</th><td>{money(a.member_owes)}</td></tr>
                        <tr><th scope="row">"Possible balance bill"</th><td>{money(p.balance_bill)}</td></tr>
                    })}
                    <tr><th scope="row">"You pay"</th><td>{money(r.total)}</td></tr>
                </tfoot>
            </table>
        })}
        {(p.newborn.member_owes > Money::ZERO).then(|| view! {
            <p>{format!("Of this, {} is for your baby's care, billed under your baby.", money(p.newborn.member_owes))}</p>
        })}
        {parts}
        {not_included}
        {progress(p.before, p.after)}
        <h3>"Good to know"</h3>
        <ul class="estimate-notes">
            {r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
    }
}
