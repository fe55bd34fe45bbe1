//! The results of `/claims`: the summary of the matched set, sorting, CSV
//! and PDF links, and the claims themselves (a table on wider screens,
//! cards on phones) with the pager, or the empty, loading and error states.

use super::super::items::{claim_card, claim_row};
use super::super::{count, money, query_string};
use super::control::ListControl;
use crate::api::{self, ApiError};
use crate::browser::encode_query_value;
use crate::components::{ErrorPanel, SelectField};
use leptos::prelude::*;
use portal_domain::api::ClaimsPage;
use portal_domain::claims::{ClaimFilter, SortDir, SortKey};

/// The "Sort by" choices (phones, where the table's sort buttons are not shown).
const SORTS: &[(&str, &str)] = &[
    ("date-desc", "Newest first"),
    ("date-asc", "Oldest first"),
    ("owed-desc", "You owe: most first"),
    ("owed-asc", "You owe: least first"),
    ("provider-asc", "Provider: A to Z"),
    ("provider-desc", "Provider: Z to A"),
    ("status-asc", "Status: A to Z"),
    ("status-desc", "Status: Z to A"),
];

/// Below this width (CSS pixels, 60em) the claims are cards: the table's
/// eight columns need about 915 px, and narrower windows cut off "Plan
/// paid" and "You owe" (issue 17).
const TABLE_MIN_WIDTH: i32 = 960;

/// The results section.
#[component]
pub(super) fn ClaimsResults(
    /// The list's filter and how to change it.
    control: ListControl,
    /// The latest answer for the filter (`None` before the first).
    data: ReadSignal<Option<Result<ClaimsPage, ApiError>>>,
    /// Whether a newer answer is on its way (the old one stays on screen).
    busy: ReadSignal<bool>,
    /// Asks again after a failure.
    retry: Callback<()>,
) -> impl IntoView {
    let filter = control.filter;
    // Phones get cards, wider screens the table: only one is rendered, which
    // halves the DOM work per filter change.
    let phone = RwSignal::new(is_phone());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = is_phone();
        if phone.get_untracked() != now {
            phone.set(now);
        }
    });
    on_cleanup(move || resize.remove());

    let summary = move || {
        data.with(|d| match d {
            Some(Ok(p)) => {
                let t = &p.totals;
                format!(
                    "{} {} · Billed {} · Plan paid {} · Your share {}",
                    count(p.total),
                    if p.total == 1 { "claim" } else { "claims" },
                    money(t.billed),
                    money(t.plan_paid),
                    money(t.member_owes),
                )
            }
            _ => String::new(),
        })
    };
    // The CSV and the statement cover every page of the filter.
    let all_pages = move || {
        query_string(&ClaimFilter {
            page: 1,
            ..filter.get()
        })
    };
    let export_href = move || api::claims::export_url(&all_pages());
    let statement_href = move || api::claims::statement_url(&all_pages());

    view! {
        <section class="claims-results" aria-labelledby="results-heading">
            <div class="claims-results__bar">
                <h2 id="results-heading" class="claims-results__heading">
                    "Results"
                </h2>
                <p class="claims-summary" role="status" aria-live="polite">
                    {summary}
                </p>
                <div class="claims-sort" hidden=move || !phone.get()>
                    <SelectField
                        id="claims-sort"
                        label="Sort by"
                        options=Signal::stored(
                            SORTS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(),
                        )
                        value=Signal::derive(move || {
                            filter.with(|f| format!("{}-{}", f.sort.as_str(), f.dir.as_str()))
                        })
                        on_pick=Callback::new(move |v: String| {
                            let (key, dir) = v.split_once('-').unwrap_or(("date", "desc"));
                            let key = SortKey::parse(key).unwrap_or_default();
                            let dir = if dir == "asc" { SortDir::Asc } else { SortDir::Desc };
                            control.sort(key, dir);
                        })
                    />
                </div>
                <a class="button button--quiet" href=export_href download="claims.csv">
                    "Export CSV"
                </a>
                <a
                    class="button button--quiet"
                    href=statement_href
                    download="claims-statement.pdf"
                >
                    "Statement (PDF)"
                </a>
            </div>
            {move || {
                control
                    .parsed
                    .with(|p| p.is_err())
                    .then(|| {
                        view! {
                            <div class="panel panel--error" role="alert">
                                <p>"Some filters in this address can't be used."</p>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| control.clear()
                                >
                                    "Clear filters"
                                </button>
                            </div>
                        }
                    })
            }}
            <div class="claims-results__body" aria-busy=move || busy.get().to_string()>
                <ResultsBody control data retry phone=phone.read_only() />
            </div>
        </section>
    }
}

/// The claims of this page with the pager, or why there are none.
#[component]
fn ResultsBody(
    /// The list's filter and how to change it.
    control: ListControl,
    /// The latest answer for the filter.
    data: ReadSignal<Option<Result<ClaimsPage, ApiError>>>,
    /// Asks again after a failure.
    retry: Callback<()>,
    /// Whether cards are drawn instead of the table.
    phone: ReadSignal<bool>,
) -> impl IntoView {
    let filter = control.filter;
    let has_rows =
        Memo::new(move |_| data.with(|d| matches!(d, Some(Ok(p)) if !p.items.is_empty())));
    let pages = Memo::new(move |_| {
        data.with(|d| match d {
            Some(Ok(p)) => (p.page, p.total.div_ceil(p.page_size.max(1)).max(1)),
            _ => (1, 1),
        })
    });
    // Detail links carry the list's query in `back`.
    let back = move || encode_query_value(&filter.with_untracked(query_string));
    let rows = move || {
        let back = back();
        data.with(|d| match d {
            Some(Ok(p)) => p
                .items
                .iter()
                .map(|c| claim_row(c, &back))
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    };
    let cards = move || {
        let back = back();
        data.with(|d| match d {
            Some(Ok(p)) => p
                .items
                .iter()
                .map(|c| claim_card(c, &back))
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    };
    let sort_header = move |label: &'static str, key: SortKey| {
        let active = move || filter.with(|f| (f.sort == key).then_some(f.dir));
        view! {
            <th
                scope="col"
                aria-sort=move || {
                    active()
                        .map(|d| if d == SortDir::Asc { "ascending" } else { "descending" })
                }
            >
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        let dir = match active() {
                            Some(d) => d.flip(),
                            None if matches!(key, SortKey::Date | SortKey::Owed) => SortDir::Desc,
                            None => SortDir::Asc,
                        };
                        control.sort(key, dir);
                    }
                >
                    {label}
                    <span class="sort__icon" aria-hidden="true">
                        {move || match active() {
                            Some(SortDir::Asc) => "▲",
                            Some(SortDir::Desc) => "▼",
                            None => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    let caption = move || {
        filter.with(|f| {
            let by = match f.sort {
                SortKey::Date => "date",
                SortKey::Owed => "what you owe",
                SortKey::Provider => "provider",
                SortKey::Status => "status",
            };
            let dir = if f.dir == SortDir::Asc {
                "ascending"
            } else {
                "descending"
            };
            format!("Claims, sorted by {by}, {dir}")
        })
    };

    move || {
        if has_rows.get() {
            view! {
                {move || {
                    if phone.get() {
                        view! { <ul class="claim-cards" aria-label="Claims">{cards}</ul> }.into_any()
                    } else {
                        view! {
                            <table class="claims-table">
                                <caption class="visually-hidden">{caption}</caption>
                                <thead>
                                    <tr>
                                        {sort_header("Date", SortKey::Date)}
                                        <th scope="col">"Patient"</th>
                                        {sort_header("Provider", SortKey::Provider)}
                                        <th scope="col">"Category"</th>
                                        {sort_header("Status", SortKey::Status)}
                                        <th scope="col" class="num">"Billed"</th>
                                        <th scope="col" class="num">"Plan paid"</th>
                                        {sort_header("You owe", SortKey::Owed)}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                        .into_any()
                    }
                }}
                <nav class="pager" aria-label="Pages">
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || pages.get().0 <= 1
                        on:click=move |_| control.turn_page(-1)
                    >
                        "Previous"
                    </button>
                    <p class="pager__status">
                        {move || {
                            let (page, of) = pages.get();
                            format!("Page {page} of {of}")
                        }}
                    </p>
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || {
                            let (page, of) = pages.get();
                            page >= of
                        }
                        on:click=move |_| control.turn_page(1)
                    >
                        "Next"
                    </button>
                </nav>
            }
            .into_any()
        } else {
            data.with(|d| match d {
                None => view! { <p class="loading">"Loading claims…"</p> }.into_any(),
                Some(Ok(_)) => view! {
                    <div class="empty">
                        <p>"No claims match these filters."</p>
                        <button type="button" class="button" on:click=move |_| control.clear()>
                            "Clear filters"
                        </button>
                    </div>
                }
                .into_any(),
                Some(Err(e)) => view! {
                    <ErrorPanel
                        title="We couldn't load your claims"
                        message=e.message()
                        on_retry=retry
                    />
                }
                .into_any(),
            })
        }
    }
}

/// Whether the window is too narrow for the claims table (phones, tablets,
/// a laptop at 200% zoom). Reads the layout viewport (`clientWidth` of
/// `<html>`), as CSS media queries do; `innerWidth` grows when a phone
/// zooms out.
fn is_phone() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.client_width() > 0 && e.client_width() < TABLE_MIN_WIDTH)
}
