//! `/claims`: filter bar, summary of the matched set, sortable results
//! (a table on wider screens, cards on phones), paging, CSV export and
//! saved filters.
//!
//! Data flow: URL query → [`ClaimFilter`] (memo) → one `GET /claims` per
//! change. A newer filter aborts the request of the older one (the api
//! helper aborts on its owner's cleanup, and the owner here is the fetch
//! effect's run), and a generation counter drops any answer that is not the
//! latest. The previous results stay on screen while the next load
//! (`aria-busy` on the results).

use super::items::{claim_card, claim_row};
use super::saved::SavedFilters;
use super::{count, list_href, money, parse_filter, query_string};
use crate::api::{self, ApiError};
use crate::browser::{encode_query_value, today};
use crate::components::{ErrorPanel, SelectField, Term, TextField};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_domain::api::ClaimsPage;
use portal_domain::claims::{
    check_date_order, ClaimFilter, ClaimStatus, DatePreset, Network, ServiceCategory, SortDir,
    SortKey,
};
use portal_domain::dates::{parse_iso, to_iso};
use portal_domain::routes::{with_query, Page};

/// Options of a select: (value, label).
type Options = Vec<(String, String)>;

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

/// The claims list.
#[component]
pub fn ClaimsListPage() -> impl IntoView {
    crate::pages::page("Claims");
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();

    // The raw query, decoded here, so a `&` or `=` typed into a search survives.
    let parsed = Memo::new(move |_| location.search.with(|s| parse_filter(s)));
    let filter = Memo::new(move |_| parsed.with(|p| p.clone().unwrap_or_default()));

    // Writes a filter to the URL: selects and buttons push a history entry;
    // typing pushes one entry for its first keystroke, then replaces it.
    let typing = StoredValue::new(None::<&'static str>);
    let last_href = StoredValue::new(String::new());
    let apply = Callback::new(move |(f, replace): (ClaimFilter, bool)| {
        if !replace {
            typing.set_value(None);
        }
        let href = list_href(&f);
        last_href.set_value(href.clone());
        navigate(
            &href,
            NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    // Any change of criteria goes back to page 1.
    let update = move |change: &dyn Fn(&mut ClaimFilter), replace: bool| {
        let mut f = filter.get_untracked();
        change(&mut f);
        f.page = 1;
        apply.run((f, replace));
    };
    let type_in = move |field: &'static str, change: &dyn Fn(&mut ClaimFilter)| {
        let replace = typing.get_value() == Some(field);
        update(change, replace);
        typing.set_value(Some(field));
    };
    // Back/forward (or any address the page did not write) ends a typing run.
    Effect::new(move |_| {
        let here = location.search.with(|s| with_query(Page::Claims.href(), s));
        if last_href.with_value(|h| *h != here) {
            typing.set_value(None);
        }
    });

    // ---- Loading the results ----
    let data = RwSignal::new(None::<Result<ClaimsPage, ApiError>>);
    let busy = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(q) = parsed.with(|p| p.as_ref().ok().map(query_string)) else {
            busy.set(false);
            return;
        };
        let run = generation.get_value().wrapping_add(1);
        generation.set_value(run);
        busy.set(true);
        let pending = api::claims::list(&q);
        spawn_local(async move {
            let result = pending.await;
            if generation.try_get_value() != Some(run) {
                return; // stale (aborted or overtaken)
            }
            if let Err(e) = &result {
                session.handle_error(e);
            }
            busy.set(false);
            data.set(Some(result));
        });
    });
    let retry = Callback::new(move |()| reload.update(|n| *n += 1));

    // ---- Filter controls ----
    let (coverage, _) = remote(api::coverage::coverage);
    let members = Signal::derive(move || {
        let mut options: Options = vec![(String::new(), "Everyone".into())];
        if let Some(Ok(c)) = coverage.get() {
            options.extend(c.household.into_iter().map(|m| {
                (
                    m.id.to_string(),
                    format!("{} {}", m.first_name, m.last_name),
                )
            }));
        }
        options
    });

    let custom = RwSignal::new(false);
    let date_error = RwSignal::new(Vec::<String>::new());
    let range_value = Signal::derive(move || {
        filter.with(|f| match f.range {
            Some(r) => r.as_str().to_string(),
            None if f.from.is_some() || f.to.is_some() || custom.get() => "custom".into(),
            // No date filter is the whole history the portal keeps: the
            // same as "All 36 months" (one option, not two that read alike).
            None => DatePreset::All36Months.as_str().to_string(),
        })
    });
    let pick_range = Callback::new(move |v: String| {
        date_error.set(Vec::new());
        if v == "custom" {
            custom.set(true);
            // Start from the dates the preset meant, if one was chosen.
            if let Some(p) = filter.with_untracked(|f| f.range) {
                let (from, to) = p.range(today());
                update(
                    &|f| {
                        f.range = None;
                        f.from = Some(from);
                        f.to = Some(to);
                    },
                    false,
                );
            }
            return;
        }
        custom.set(false);
        let preset = DatePreset::parse(&v);
        update(
            &|f| {
                f.range = preset;
                f.from = None;
                f.to = None;
            },
            false,
        );
    });

    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let provider_text = RwSignal::new(String::new());
    let search_text = RwSignal::new(String::new());
    // The URL wins when it changes from elsewhere (back/forward, clear,
    // saved filter); what is being typed is kept while it means the same.
    Effect::new(move |_| {
        filter.with(|f| {
            let sync = |field: RwSignal<String>, url: String| {
                if field.get_untracked().trim() != url {
                    field.set(url);
                }
            };
            sync(from_text, f.from.map(to_iso).unwrap_or_default());
            sync(to_text, f.to.map(to_iso).unwrap_or_default());
            sync(provider_text, f.provider.clone().unwrap_or_default());
            sync(search_text, f.text.clone().unwrap_or_default());
        })
    });
    let set_dates = move |_| {
        let day = |s: String| parse_iso(s.trim());
        let (from, to) = (day(from_text.get_untracked()), day(to_text.get_untracked()));
        if let Err(e) = check_date_order(from, to) {
            date_error.set(vec![e.message]);
            return;
        }
        date_error.set(Vec::new());
        update(
            &|f| {
                f.range = None;
                f.from = from;
                f.to = to;
            },
            false,
        );
    };
    let text_value = |s: String| Some(s).filter(|s| !s.trim().is_empty());

    let clear = Callback::new(move |()| {
        custom.set(false);
        date_error.set(Vec::new());
        let f = filter.get_untracked();
        apply.run((
            ClaimFilter {
                sort: f.sort,
                dir: f.dir,
                ..ClaimFilter::default()
            },
            false,
        ));
    });

    let select_value = move |get: fn(&ClaimFilter) -> Option<&'static str>| {
        Signal::derive(move || filter.with(|f| get(f).unwrap_or_default().to_string()))
    };

    let filters = view! {
        <form
            class="claims-filters"
            role="search"
            aria-label="Filter claims"
            on:submit=|ev| ev.prevent_default()
        >
            <SelectField
                id="claims-range"
                label="Date range"
                options=Signal::stored(
                    DatePreset::ALL
                        .iter()
                        .map(|p| (p.as_str().to_string(), p.label().to_string()))
                        .chain(std::iter::once(("custom".to_string(), "Custom dates".to_string())))
                        .collect(),
                )
                value=range_value
                on_pick=pick_range
            />
            <Show when=move || range_value.with(|v| v == "custom")>
                <TextField
                    id="claims-from"
                    label="From"
                    value=from_text
                    errors=Signal::stored(Vec::new())
                    input_type="date"
                    on:change=set_dates
                />
                <TextField
                    id="claims-to"
                    label="To"
                    value=to_text
                    errors=date_error
                    input_type="date"
                    on:change=set_dates
                />
            </Show>
            <SelectField
                id="claims-member"
                label="Family member"
                options=members
                value=Signal::derive(move || {
                    filter.with(|f| f.member.map(|m| m.to_string()).unwrap_or_default())
                })
                on_pick=Callback::new(move |v: String| update(&|f| f.member = v.parse().ok(), false))
            />
            <SelectField
                id="claims-category"
                label="Service category"
                options=Signal::stored(all_and(
                    ServiceCategory::ALL.iter().map(|c| (c.as_str(), c.label())),
                ))
                value=select_value(|f| f.category.map(|c| c.as_str()))
                on_pick=Callback::new(move |v: String| {
                    update(&|f| f.category = ServiceCategory::parse(&v), false)
                })
            />
            <SelectField
                id="claims-status"
                label="Status"
                options=Signal::stored(all_and(
                    ClaimStatus::ALL.iter().map(|s| (s.as_str(), s.label())),
                ))
                value=select_value(|f| f.status.map(|s| s.as_str()))
                on_pick=Callback::new(move |v: String| {
                    update(&|f| f.status = ClaimStatus::parse(&v), false)
                })
            />
            <SelectField
                id="claims-network"
                label="Network"
                options=Signal::stored(all_and(
                    Network::ALL.iter().map(|n| (n.as_str(), n.label())),
                ))
                value=select_value(|f| f.network.map(|n| n.as_str()))
                on_pick=Callback::new(move |v: String| {
                    update(&|f| f.network = Network::parse(&v), false)
                })
            />
            <TextField
                id="claims-provider"
                label="Provider"
                value=provider_text
                errors=Signal::stored(Vec::new())
                hint="Name or 10-digit NPI"
                maxlength=100
                on:input=move |_| {
                    type_in(
                        "provider",
                        &|f| f.provider = text_value(provider_text.get_untracked()),
                    )
                }
            />
            <TextField
                id="claims-search"
                label="Search claims"
                value=search_text
                errors=Signal::stored(Vec::new())
                input_type="search"
                hint="Claim number, provider, procedure or drug"
                maxlength=100
                on:input=move |_| {
                    type_in("q", &|f| f.text = text_value(search_text.get_untracked()))
                }
            />
            <div class="claims-filters__actions">
                <button type="button" class="button button--quiet" on:click=move |_| clear.run(())>
                    "Clear filters"
                </button>
            </div>
        </form>
    };

    // ---- Results ----
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
    let has_rows =
        Memo::new(move |_| data.with(|d| matches!(d, Some(Ok(p)) if !p.items.is_empty())));
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
    let pages = Memo::new(move |_| {
        data.with(|d| match d {
            Some(Ok(p)) => (p.page, p.total.div_ceil(p.page_size.max(1)).max(1)),
            _ => (1, 1),
        })
    });
    let go_page = move |delta: i32| {
        let mut f = filter.get_untracked();
        f.page = f.page.saturating_add_signed(delta).max(1);
        apply.run((f, false));
    };
    let export_href = move || {
        let f = ClaimFilter {
            page: 1,
            ..filter.get()
        };
        api::claims::export_url(&query_string(&f))
    };
    let statement_href = move || {
        let f = ClaimFilter {
            page: 1,
            ..filter.get()
        };
        api::claims::statement_url(&query_string(&f))
    };

    let rows = move || {
        let back = encode_query_value(&filter.with_untracked(query_string));
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
        let back = encode_query_value(&filter.with_untracked(query_string));
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
                        update(
                            &|f| {
                                f.sort = key;
                                f.dir = dir;
                            },
                            false,
                        );
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

    let results = move || {
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
                        on:click=move |_| go_page(-1)
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
                        on:click=move |_| go_page(1)
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
                        <button type="button" class="button" on:click=move |_| clear.run(())>
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
    };

    view! {
        <h1>"Claims"</h1>
        <p class="help-note term-line">
            "What these mean: " <Term slug="allowed-amount">"allowed amount"</Term> ", "
            <Term slug="deductible">"deductible"</Term> ", "
            <Term slug="copayment">"copayment"</Term> ", "
            <Term slug="coinsurance">"coinsurance"</Term> ", "
            <Term slug="network">"network"</Term>
        </p>
        {filters}
        <SavedFilters current=filter.into() apply=Callback::new(move |q: String| {
            custom.set(false);
            date_error.set(Vec::new());
            match super::parse_filter(&q) {
                Ok(f) => apply.run((f, false)),
                Err(_) => apply.run((ClaimFilter::default(), false)),
            }
        }) />
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
                            update(
                                &|f| {
                                    f.sort = key;
                                    f.dir = dir;
                                },
                                false,
                            );
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
                parsed
                    .with(|p| p.is_err())
                    .then(|| {
                        view! {
                            <div class="panel panel--error" role="alert">
                                <p>"Some filters in this address can't be used."</p>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| clear.run(())
                                >
                                    "Clear filters"
                                </button>
                            </div>
                        }
                    })
            }}
            <div class="claims-results__body" aria-busy=move || busy.get().to_string()>
                {results}
            </div>
        </section>
    }
}

/// Below this width (CSS pixels, 60em) the claims are cards: the table's
/// eight columns need about 915 px, and narrower windows cut off "Plan
/// paid" and "You owe" (issue 17).
const TABLE_MIN_WIDTH: i32 = 960;

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

/// `(value, label)` options led by "All" (value empty).
fn all_and(items: impl Iterator<Item = (&'static str, &'static str)>) -> Options {
    std::iter::once((String::new(), "All".to_string()))
        .chain(items.map(|(v, l)| (v.to_string(), l.to_string())))
        .collect()
}
