//! What would a year cost? The household's expected use (a preset, last
//! year's claims, or a custom list) priced under each of next year's plans
//! by [`portal_domain::whatif::run`], in the browser.

use crate::api::{self, ApiError};
use crate::components::{SelectField, TextField};
use crate::pages::claims::money;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::cost::Benefit;
use portal_domain::plans::api::PlanCatalog;
use portal_domain::plans::Plan;
use portal_domain::whatif::{
    parse_count, run, HouseholdUse, PersonUse, PlanCost, UsageLevel, UseItem, WhatIfResult,
};

/// Where the use comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Preset(UsageLevel),
    LastYear,
    Custom,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Self::Preset(l) => l.as_str(),
            Self::LastYear => "last_year",
            Self::Custom => "custom",
        }
    }
}

/// Milliseconds since the page started (for the in-browser timing).
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The what-if section.
#[component]
pub fn WhatIfPanel(
    /// The catalogue: next year's plans are priced.
    catalog: StoredValue<PlanCatalog>,
) -> impl IntoView {
    let session = use_session();
    let source = RwSignal::new(Source::Preset(UsageLevel::Medium));
    let custom = RwSignal::new(Vec::<(i64, UseItem)>::new());
    let last_year = RwSignal::new(None::<Result<HouseholdUse, ApiError>>);
    let people: Vec<(i64, String, bool)> = catalog.with_value(|c| {
        c.household
            .iter()
            .map(|p| (p.id, p.first_name.clone(), p.adult))
            .collect()
    });
    let people = StoredValue::new(people);

    let pick = move |s: Source| {
        source.set(s);
        if s == Source::LastYear && last_year.with_untracked(Option::is_none) {
            let pending = api::plans::last_year_use();
            spawn_local(async move {
                let r = pending.await;
                if let Err(e) = &r {
                    session.handle_error(e);
                }
                let _ = last_year.try_set(Some(r));
            });
        }
    };

    let usage = Memo::new(move |_| -> Option<HouseholdUse> {
        let everyone = people.with_value(|p| {
            p.iter()
                .map(|(id, _, adult)| (*id, *adult))
                .collect::<Vec<_>>()
        });
        match source.get() {
            Source::Preset(level) => Some(HouseholdUse::preset(level, &everyone)),
            Source::LastYear => {
                last_year.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned())
            }
            Source::Custom => Some(HouseholdUse {
                people: everyone
                    .iter()
                    .map(|(id, _)| PersonUse {
                        member: *id,
                        items: custom
                            .with(|c| c.iter().filter(|(m, _)| m == id).map(|(_, i)| *i).collect()),
                    })
                    .collect(),
            }),
        }
    });
    let result = Memo::new(move |_| -> Option<(WhatIfResult, String)> {
        let usage = usage.get()?;
        catalog.with_value(|c| {
            let plans: Vec<&Plan> = c
                .plans
                .iter()
                .filter(|p| p.id != c.current_plan_id)
                .collect();
            let start = now_ms();
            let r = run(&plans, c.tier, &usage);
            let took = now_ms() - start;
            Some((r, format!("{took:.2}")))
        })
    });

    let sources = [
        Source::Preset(UsageLevel::Low),
        Source::Preset(UsageLevel::Medium),
        Source::Preset(UsageLevel::High),
        Source::LastYear,
        Source::Custom,
    ];
    view! {
        <section class="panel plans-section" aria-labelledby="whatif-heading">
            <h2 id="whatif-heading" class="panel__title">
                "What would next year cost?"
            </h2>
            <p>
                "Pick how much care your household expects to use. We add a year of premiums to what you would pay for that care under each of next year's plans, using in-network prices."
            </p>
            <fieldset class="choices choices--row">
                <legend>"Expected use"</legend>
                {sources
                    .into_iter()
                    .map(|s| {
                        let id = format!("whatif-{}", s.code());
                        let label = match s {
                            Source::Preset(l) => l.label(),
                            Source::LastYear => "Like last year (your claims)",
                            Source::Custom => "My own list",
                        };
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="whatif-source"
                                    id=id.clone()
                                    prop:checked=move || source.get() == s
                                    on:change=move |_| pick(s)
                                />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || match source.get() {
                Source::Custom => view! { <CustomUse people=people items=custom /> }.into_any(),
                Source::LastYear => match last_year.get() {
                    None => view! { <p role="status">"Loading last year's claims…"</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="field__errors" role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(u)) => {
                        let n: usize = u.people.iter().map(|p| p.items.len()).sum();
                        view! {
                            <p>
                                {format!("Last year your household had {n} processed claims; each is priced at its real allowed amount.")}
                            </p>
                        }
                            .into_any()
                    }
                },
                Source::Preset(level) => view! { <p>{preset_text(level)}</p> }.into_any(),
            }}
            {move || result.get().map(|(r, took)| results(r, took))}
        </section>
    }
}

fn preset_text(level: UsageLevel) -> &'static str {
    match level {
        UsageLevel::Low => "Low use: each person has a check-up, one visit and two generic prescriptions.",
        UsageLevel::Medium => "Medium use: check-ups, a few visits, lab tests, an X-ray or scan, and regular generic prescriptions.",
        UsageLevel::High => "High use: many specialist visits, tests, therapy, brand-name prescriptions, and an outpatient surgery or an emergency visit.",
    }
}

/// The list editor of custom use.
#[component]
fn CustomUse(
    /// `(member id, first name, adult)` of each person.
    people: StoredValue<Vec<(i64, String, bool)>>,
    /// The list: `(member id, use)`.
    items: RwSignal<Vec<(i64, UseItem)>>,
) -> impl IntoView {
    let first = people.with_value(|p| {
        p.first()
            .map(|(id, _, _)| id.to_string())
            .unwrap_or_default()
    });
    let person = RwSignal::new(first);
    let benefit = RwSignal::new(Benefit::Specialist.label().to_string());
    let count = RwSignal::new("1".to_string());
    let count_errors = RwSignal::new(Vec::<String>::new());
    let person_options = Signal::derive(move || {
        people.with_value(|p| {
            p.iter()
                .map(|(id, name, _)| (id.to_string(), name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let benefit_options = Signal::derive(|| {
        Benefit::ALL
            .iter()
            .map(|b| (b.label().to_string(), b.label().to_string()))
            .collect::<Vec<_>>()
    });
    let name_of = move |id: i64| {
        people.with_value(|p| {
            p.iter()
                .find(|(m, _, _)| *m == id)
                .map(|(_, n, _)| n.clone())
                .unwrap_or_default()
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = match count.with_untracked(|c| parse_count(c)) {
            Ok(n) => n,
            Err(e) => {
                count_errors.set(vec![e.message]);
                return;
            }
        };
        count_errors.set(Vec::new());
        let Ok(member) = person.get_untracked().parse::<i64>() else {
            return;
        };
        let Some(b) = Benefit::ALL
            .iter()
            .copied()
            .find(|b| b.label() == benefit.get_untracked())
        else {
            return;
        };
        items.update(|list| {
            list.push((
                member,
                UseItem {
                    benefit: b,
                    count: n,
                    allowed_each: None,
                },
            ));
        });
    };
    view! {
        <form class="custom-use" on:submit=add novalidate>
            <fieldset>
                <legend>"Add care to your list"</legend>
                <div class="custom-use__fields">
                    <SelectField
                        id="whatif-person"
                        label="Who"
                        options=person_options
                        value=person
                        on_pick=Callback::new(move |v| person.set(v))
                    />
                    <SelectField
                        id="whatif-benefit"
                        label="Kind of care"
                        options=benefit_options
                        value=benefit
                        on_pick=Callback::new(move |v| benefit.set(v))
                    />
                    <TextField
                        id="whatif-count"
                        label="Times in the year"
                        value=count
                        errors=count_errors
                        input_type="number"
                        inputmode="numeric"
                    />
                </div>
                <button type="submit" class="button">
                    "Add to the list"
                </button>
            </fieldset>
        </form>
        {move || {
            let list = items.get();
            if list.is_empty() {
                view! { <p>"Your list is empty: add the care you expect."</p> }.into_any()
            } else {
                view! {
                    <ul class="custom-use__list" aria-label="Your list">
                        {list
                            .into_iter()
                            .enumerate()
                            .map(|(i, (member, item))| {
                                let text = format!("{}: {} × {}", name_of(member), item.count, item.benefit.label());
                                let remove = format!("Remove {text}");
                                view! {
                                    <li>
                                        <span>{text}</span>
                                        <button
                                            type="button"
                                            class="button button--quiet"
                                            aria-label=remove
                                            on:click=move |_| items.update(|l| {
                                                if i < l.len() {
                                                    l.remove(i);
                                                }
                                            })
                                        >
                                            "Remove"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }
        }}
    }
}

/// The results: one card per plan, the cheapest marked in words.
fn results(r: WhatIfResult, took: String) -> impl IntoView {
    let cheapest = r
        .results
        .iter()
        .find(|c| c.cheapest)
        .map(|c| (c.plan_name.clone(), c.total));
    let summary = match cheapest {
        Some((name, total)) => format!("Lowest estimated total: {name}, {} a year.", money(total)),
        None => String::new(),
    };
    view! {
        <div class="whatif-results">
            <p role="status" class="whatif-results__summary">
                <strong>{summary}</strong>
            </p>
            <p class="field__hint">
                {format!("{} services priced per plan for {} coverage, worked out in your browser in ", r.services, r.tier.label())}
                <span data-testid="whatif-ms">{took}</span>
                " ms."
            </p>
            <ul class="plan-costs">
                {r.results.into_iter().map(plan_card).collect_view()}
            </ul>
        </div>
    }
}

fn plan_card(c: PlanCost) -> impl IntoView {
    let heading = format!("cost-{}", c.plan_id);
    let b = c.breakdown;
    view! {
        <li class="plan-cost" class:plan-cost--cheapest=c.cheapest>
            <h3 id=heading class="plan-cost__name">
                {c.plan_name.clone()}
            </h3>
            {c.cheapest.then(|| view! { <p class="best-badge">"Lowest estimated total"</p> })}
            <dl class="plan-cost__figures">
                <div>
                    <dt>"Premiums for the year"</dt>
                    <dd>{money(c.premiums)}</dd>
                </div>
                <div>
                    <dt>"Expected out-of-pocket"</dt>
                    <dd>{money(c.expected_oop)}</dd>
                </div>
                <div class="plan-cost__total">
                    <dt>"Estimated total"</dt>
                    <dd>{money(c.total)}</dd>
                </div>
            </dl>
            <details>
                <summary>"Breakdown"</summary>
                <dl class="plan-cost__breakdown">
                    <div><dt>"Deductible"</dt><dd>{money(b.deductible)}</dd></div>
                    <div><dt>"Copays"</dt><dd>{money(b.copay)}</dd></div>
                    <div><dt>"Coinsurance"</dt><dd>{money(b.coinsurance)}</dd></div>
                    <div><dt>"Not covered"</dt><dd>{money(b.not_covered)}</dd></div>
                    <div><dt>"The plan would pay"</dt><dd>{money(c.plan_pays)}</dd></div>
                </dl>
            </details>
            <ul class="plan-cost__facts">
                {c.facts.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
            </ul>
        </li>
    }
}
