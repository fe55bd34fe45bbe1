//! The spending picture: what the household owed by month (last 12 months)
//! and by service category, as SVG bar charts drawn here (no chart library),
//! each with a table alternative, and a toggle per household member.

use crate::pages::claims::money;
use leptos::prelude::*;
use portal_domain::claims::ServiceCategory;
use portal_domain::home::Spending;
use portal_domain::Money;

/// `2026-03` as `Mar 2026`.
fn month_label(ym: &str) -> String {
    let (y, m) = ym.split_once('-').unwrap_or((ym, "1"));
    let idx = m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {y}", portal_domain::dates::month_short(idx))
}

/// The spending charts with their member toggles and table alternatives.
#[component]
pub fn SpendingPicture(
    /// The spending of the people in scope.
    spending: Spending,
) -> impl IntoView {
    let people: Vec<(i64, String)> = spending
        .people
        .iter()
        .map(|p| (p.member, p.first_name.clone()))
        .collect();
    let shown = RwSignal::new(people.iter().map(|(id, _)| *id).collect::<Vec<i64>>());
    let spending = StoredValue::new(spending);
    let by_month = Memo::new(move |_| {
        let ids = shown.get();
        spending.with_value(|s| {
            (0..s.months.len())
                .map(|i| {
                    s.people
                        .iter()
                        .filter(|p| ids.contains(&p.member))
                        .filter_map(|p| p.by_month.get(i).copied())
                        .sum::<Money>()
                })
                .collect::<Vec<Money>>()
        })
    });
    let by_category = Memo::new(move |_| {
        let ids = shown.get();
        spending.with_value(|s| {
            let mut out: Vec<(ServiceCategory, Money)> = Vec::new();
            for p in s.people.iter().filter(|p| ids.contains(&p.member)) {
                for c in &p.by_category {
                    match out.iter_mut().find(|(k, _)| *k == c.category) {
                        Some((_, m)) => *m += c.amount,
                        None => out.push((c.category, c.amount)),
                    }
                }
            }
            out.sort_by_key(|x| std::cmp::Reverse(x.1));
            out
        })
    });
    let months: Vec<String> = spending.with_value(|s| s.months.clone());
    let months = StoredValue::new(months);
    let toggles = (people.len() > 1).then(|| {
        view! {
            <fieldset class="fieldset chart-toggles">
                <legend>"Include"</legend>
                {people
                    .iter()
                    .map(|(id, name)| {
                        let id = *id;
                        let input_id = format!("spend-{id}");
                        let label_for = input_id.clone();
                        view! {
                            <label class="choice" for=label_for>
                                <input
                                    type="checkbox"
                                    id=input_id
                                    prop:checked=move || shown.with(|s| s.contains(&id))
                                    on:change=move |_| {
                                        shown.update(|s| {
                                            if let Some(i) = s.iter().position(|x| *x == id) {
                                                s.remove(i);
                                            } else {
                                                s.push(id);
                                            }
                                        })
                                    }
                                />
                                {name.clone()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    });
    view! {
        <section class="panel" aria-labelledby="spending-heading">
            <h2 id="spending-heading" class="panel__title">"Your spending"</h2>
            <p class="field__hint">"What you owed for care (deductible, copays, coinsurance and anything not covered), by when the care was."</p>
            {toggles}
            <div class="home-grid">
                <figure class="chart">
                    <figcaption id="chart-month-caption">"By month, last 12 months"</figcaption>
                    {move || month_chart(&months.get_value(), &by_month.get())}
                    <details class="chart__table">
                        <summary>"Show as a table"</summary>
                        <table class="claims-table">
                            <caption class="visually-hidden">"Spending by month"</caption>
                            <thead><tr><th scope="col">"Month"</th><th scope="col" class="num">"You owed"</th></tr></thead>
                            <tbody>
                                {move || {
                                    let values = by_month.get();
                                    months
                                        .get_value()
                                        .iter()
                                        .zip(values)
                                        .map(|(m, v)| view! {
                                            <tr><th scope="row">{month_label(m)}</th><td class="num">{money(v)}</td></tr>
                                        })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </details>
                </figure>
                <figure class="chart">
                    <figcaption>"By kind of care, last 12 months"</figcaption>
                    {move || category_chart(&by_category.get())}
                    <details class="chart__table">
                        <summary>"Show as a table"</summary>
                        <table class="claims-table">
                            <caption class="visually-hidden">"Spending by kind of care"</caption>
                            <thead><tr><th scope="col">"Kind of care"</th><th scope="col" class="num">"You owed"</th></tr></thead>
                            <tbody>
                                {move || by_category
                                    .get()
                                    .into_iter()
                                    .map(|(c, v)| view! {
                                        <tr><th scope="row">{c.label()}</th><td class="num">{money(v)}</td></tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </details>
                </figure>
            </div>
        </section>
    }
}

fn scale(v: Money, max: Money, size: i64) -> i64 {
    if max.cents() <= 0 {
        0
    } else {
        v.cents().max(0) * size / max.cents()
    }
}

/// Vertical bars, one per month, with a text summary for screen readers.
fn month_chart(months: &[String], values: &[Money]) -> impl IntoView {
    let max = values.iter().copied().max().unwrap_or(Money::ZERO);
    let total: Money = values.iter().copied().sum();
    let (w, h, gap) = (360i64, 160i64, 6i64);
    let bw = (w - gap * 12) / 12;
    let summary = format!(
        "Bar chart of what you owed by month: {} in all over 12 months, at most {} in one month.",
        money(total),
        money(max)
    );
    view! {
        <svg class="chart__svg" viewBox=format!("0 0 {w} {}", h + 20) role="img" aria-label=summary>
            <line x1="0" y1=h x2=w y2=h class="chart__axis" />
            {values
                .iter()
                .zip(months)
                .enumerate()
                .map(|(i, (v, m))| {
                    let bh = scale(*v, max, h - 10);
                    let x = i as i64 * (bw + gap) + gap / 2;
                    let label = month_label(m);
                    let short = label.chars().next().map(String::from).unwrap_or_default();
                    view! {
                        <rect x=x y=h - bh width=bw height=bh class="chart__bar">
                            <title>{format!("{label}: {}", money(*v))}</title>
                        </rect>
                        <text x=x + bw / 2 y=h + 14 class="chart__tick" text-anchor="middle">{short}</text>
                    }
                })
                .collect_view()}
        </svg>
    }
}

/// Horizontal bars, one per category, labelled with their amounts.
fn category_chart(values: &[(ServiceCategory, Money)]) -> impl IntoView {
    let max = values.iter().map(|(_, m)| *m).max().unwrap_or(Money::ZERO);
    let row = 22i64;
    let h = (values.len() as i64 * row).max(row);
    let summary = if values.is_empty() {
        "No spending in the last 12 months.".to_string()
    } else {
        format!(
            "Bar chart of what you owed by kind of care; the most was {} for {}.",
            money(values[0].1),
            values[0].0.label()
        )
    };
    view! {
        <svg class="chart__svg" viewBox=format!("0 0 360 {h}") role="img" aria-label=summary>
            {values
                .iter()
                .enumerate()
                .map(|(i, (c, v))| {
                    let y = i as i64 * row;
                    let bw = scale(*v, max, 150);
                    view! {
                        <text x="0" y=y + 15 class="chart__label">{c.label()}</text>
                        <rect x="120" y=y + 4 width=bw height=row - 8 class="chart__bar" />
                        <text x=125 + bw y=y + 15 class="chart__label">{money(*v)}</text>
                    }
                })
                .collect_view()}
        </svg>
    }
}
