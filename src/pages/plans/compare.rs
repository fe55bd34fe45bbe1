//! Side-by-side comparison of two to four plans, built in the browser with
//! [`portal_domain::plans::compare::compare`] (the same rules the API's
//! `/plans/compare` uses). On phones the table scrolls sideways with the
//! row labels kept in view.

use leptos::prelude::*;
use portal_domain::plans::api::PlanCatalog;
use portal_domain::plans::compare::{compare, Comparison};
use portal_domain::plans::Plan;

/// Most plans compared at once.
const MAX: usize = 4;

/// The plan picker and the comparison table.
#[component]
pub fn ComparePanel(
    /// The catalogue (current plan first).
    catalog: StoredValue<PlanCatalog>,
) -> impl IntoView {
    // Start with the current plan and the first two of next year's.
    let initial: Vec<String> =
        catalog.with_value(|c| c.plans.iter().take(3).map(|p| p.id.clone()).collect());
    let chosen = RwSignal::new(initial);
    let only_differences = RwSignal::new(false);
    let comparison = Memo::new(move |_| {
        let ids = chosen.get();
        catalog.with_value(|c| {
            let plans: Vec<&Plan> = c.plans.iter().filter(|p| ids.contains(&p.id)).collect();
            (plans.len() >= 2).then(|| compare(&plans, c.tier))
        })
    });
    let current = catalog.with_value(|c| c.current_plan_id.clone());
    let options = catalog.with_value(|c| c.plans.clone());
    view! {
        <section class="panel plans-section" aria-labelledby="compare-heading">
            <h2 id="compare-heading" class="panel__title">
                "Compare plans side by side"
            </h2>
            <fieldset class="choices">
                <legend>"Choose two to four plans"</legend>
                {options
                    .into_iter()
                    .map(|p| {
                        let id = p.id.clone();
                        let id_checked = id.clone();
                        let id_disabled = id.clone();
                        let is_current = p.id == current;
                        let input_id = format!("compare-{}", p.id);
                        view! {
                            <div class="choice">
                                <input
                                    type="checkbox"
                                    id=input_id.clone()
                                    prop:checked=move || chosen.with(|c| c.contains(&id_checked))
                                    disabled=move || {
                                        chosen.with(|c| c.len() >= MAX && !c.contains(&id_disabled))
                                    }
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        chosen
                                            .update(|c| {
                                                if on && !c.contains(&id) {
                                                    c.push(id);
                                                } else if !on {
                                                    c.retain(|x| *x != id);
                                                }
                                            });
                                    }
                                />
                                <label for=input_id>
                                    {p.name.clone()}
                                    {is_current.then(|| view! { <span class="tag">"Your plan now"</span> })}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="choice">
                <input
                    type="checkbox"
                    id="compare-differences"
                    prop:checked=move || only_differences.get()
                    on:change=move |ev| only_differences.set(event_target_checked(&ev))
                />
                <label for="compare-differences">"Show only the rows where the plans differ"</label>
            </div>
            <p role="status" class="compare__status">
                {move || {
                    let n = chosen.with(Vec::len);
                    if n < 2 {
                        "Choose at least two plans to compare.".to_string()
                    } else {
                        format!("Comparing {n} plans. At most {MAX} at a time.")
                    }
                }}
            </p>
            {move || comparison.get().map(|c| table(c, only_differences.get()))}
        </section>
    }
}

/// The comparison table: a row per feature, a column per plan.
fn table(c: Comparison, only_differences: bool) -> impl IntoView {
    let columns = c.plan_names.len() + 1;
    let mut last_section = String::new();
    let mut body = Vec::new();
    for row in c.rows {
        if only_differences && !row.differs {
            continue;
        }
        if row.section != last_section {
            last_section = row.section.clone();
            body.push(
                view! {
                    <tr class="compare__section">
                        <th scope="colgroup" colspan=columns>
                            {row.section.clone()}
                        </th>
                    </tr>
                }
                .into_any(),
            );
        }
        let same = !row.differs;
        body.push(
            view! {
                <tr class:compare__same=same>
                    <th scope="row">
                        {row.label}
                        {same.then(|| view! { <span class="compare__note">"Same in all"</span> })}
                    </th>
                    {row
                        .cells
                        .into_iter()
                        .map(|cell| {
                            view! {
                                <td class:compare__best=cell.best>
                                    {cell.text}
                                    {cell
                                        .best
                                        .then(|| view! { <span class="best-badge">"Best"</span> })}
                                </td>
                            }
                        })
                        .collect_view()}
                </tr>
            }
            .into_any(),
        );
    }
    view! {
        <div class="table-scroll compare-scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
            <table class="compare">
                <caption id="compare-caption">
                    {format!(
                        "Plan comparison, premiums for {} coverage. “Best” marks a plan that costs you no more than the others in that row, before and after the deductible; where it depends on your year, no plan is marked, and “Not covered” is never best.",
                        c.tier.label(),
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Feature"</th>
                        {c
                            .plan_names
                            .into_iter()
                            .map(|n| view! { <th scope="col">{n}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
