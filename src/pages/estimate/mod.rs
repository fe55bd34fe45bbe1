//! `/estimate`: the procedure cost estimator. Search the 70 CMS shoppable
//! services, choose who it is for and a provider, and see what you would
//! pay (split into deductible, copay and coinsurance), what the plan pays,
//! how it moves your deductible and out-of-pocket progress, and what to
//! know first (prior authorization, balance billing out of network).
//! The estimate is asked for as soon as a provider is chosen.

use crate::api::{self, ApiError};
use crate::browser::encode_query_value;
use crate::components::{SelectField, TextField};
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::router::{use_navigate, use_query_map, NavigateOptions};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::claims::Network;
use portal_domain::estimate::{Progress, MAX_QUANTITY};
use portal_domain::plans::api::{
    AccumulatorsView, EstimateRequest, EstimateResponse, ProviderOption, ShoppableService,
};
use portal_domain::Money;

/// Most matches listed at once.
const SHOWN: usize = 12;

/// The estimator page.
#[component]
pub fn EstimatePage() -> impl IntoView {
    crate::pages::page("Cost estimator");
    let session = use_session();
    let (services, retry) = remote(api::estimate::services);
    let (acc, _) = remote(api::plans::accumulators);
    view! {
        <h1>"Cost estimator"</h1>
        <p class="lead">
            "See what a common test, scan or procedure would cost you, based on what you have already paid toward your deductible this year."
        </p>
        {move || match (services.get(), acc.get()) {
            (Some(Ok(s)), Some(Ok(a))) => view! { <Estimator services=s acc=a /> }.into_any(),
            (Some(Err(e)), _) | (_, Some(Err(e))) => {
                load_error(session, "We couldn't load the estimator", &e, retry)
            }
            _ => loading("Loading the estimator…"),
        }}
    }
}

fn matches(services: &[ShoppableService], q: &str) -> Vec<ShoppableService> {
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    services
        .iter()
        .filter(|s| {
            let text = format!("{} {}", s.name.to_lowercase(), s.code.to_lowercase());
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .cloned()
        .collect()
}

#[component]
fn Estimator(services: Vec<ShoppableService>, acc: AccumulatorsView) -> impl IntoView {
    let session = use_session();
    let services = StoredValue::new(services);
    let acc = StoredValue::new(acc);
    let query = RwSignal::new(String::new());
    let service = RwSignal::new(None::<ShoppableService>);
    // The member comes from the URL (`?member=<id>`, as the dashboard's
    // family switcher links) when it is one of the people shown.
    let from_url = use_query_map().with_untracked(|q| q.get("member"));
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

    let found = Memo::new(move |_| services.with_value(|s| matches(s, &query.get())));
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
            let _ = providers.try_set(Some(r));
        });
    });
    // The estimate, whenever service, provider, member or quantity change.
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
    view! {
        <div class="estimator">
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
                    {move || {
                        let n = found.with(Vec::len);
                        match n {
                            0 => "No service matches. Try fewer or other words.".to_string(),
                            1 => "1 service matches.".to_string(),
                            n if n > SHOWN => format!("{n} services match; the first {SHOWN} are shown."),
                            n => format!("{n} services match."),
                        }
                    }}
                </p>
                <fieldset class="choices">
                    <legend>"Services"</legend>
                    {move || {
                        found
                            .get()
                            .into_iter()
                            .take(SHOWN)
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
                                            on:change=move |_| service.set(Some(s.clone()))
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
                            &format!("/estimate?member={}", encode_query_value(&v)),
                            NavigateOptions {
                                replace: true,
                                scroll: false,
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
            {(before.family_deductible > before.deductible)
                .then(|| progress_line("Family deductible", before.family_deductible_met, after.family_deductible_met, before.family_deductible))}
        </ul>
    }
}

fn result(r: EstimateResponse) -> impl IntoView {
    let p = r.priced;
    let a = p.amounts;
    let oon = r.provider.network == Network::OutOfNetwork;
    let headline = if !p.available {
        "Covered, estimate not available".to_string()
    } else {
        format!("You would pay about {}", money(a.member_owes))
    };
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
    view! {
        <p class="estimate-result__headline" role="status">
            <strong>{headline}</strong>
        </p>
        <p>{about}</p>
        {r.service.prior_auth.then(|| view! {
            <div class="panel panel--notice" role="note">
                <h3>"Prior authorization needed"</h3>
                <p>"Your provider must get the plan's approval before this service, or it may not be covered."</p>
            </div>
        })}
        {(oon && p.available).then(|| view! {
            <div class="panel panel--notice" role="note">
                <h3>"Out-of-network warning"</h3>
                <p>
                    {format!(
                        "This provider is not in your plan's network. Besides your share, they may bill you up to {} more: the difference between their charge ({}) and what your plan allows ({}). This is called balance billing, and it does not count toward your deductible or out-of-pocket maximum.",
                        money(p.balance_bill), money(a.billed), money(a.allowed),
                    )}
                </p>
            </div>
        })}
        {p.available.then(|| view! {
            <table class="owe-table">
                <caption class="visually-hidden">"How the cost is split"</caption>
                <tbody>
                    <tr><th scope="row">"Plan's allowed amount"</th><td>{money(a.allowed)}</td></tr>
                    <tr><th scope="row">"Toward your deductible"</th><td>{money(a.deductible)}</td></tr>
                    <tr><th scope="row">"Copay"</th><td>{money(a.copay)}</td></tr>
                    <tr><th scope="row">"Coinsurance"</th><td>{money(a.coinsurance)}</td></tr>
                    <tr><th scope="row">"Not covered"</th><td>{money(a.not_covered)}</td></tr>
                    <tr><th scope="row">"The plan pays"</th><td>{money(a.plan_paid)}</td></tr>
                </tbody>
                <tfoot>
                    <tr><th scope="row">"You pay"</th><td>{money(a.member_owes)}</td></tr>
                </tfoot>
            </table>
        })}
        {progress(p.before, p.after)}
        <h3>"Good to know"</h3>
        <ul class="estimate-notes">
            {r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
        </ul>
    }
}
