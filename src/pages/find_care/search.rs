//! `/find-care`: search the provider directory by name, specialty or plain
//! words, near a ZIP code (the household's home ZIP when none is given),
//! in a plan's network, with filters; results sorted by distance, paged.
//!
//! Data flow as on the claims page: URL query → [`DirectoryQuery`] (memo)
//! → one `GET /directory/providers` per change; answers to an older query
//! are dropped. Selects and checkboxes apply at once; the two text fields
//! apply when the search is submitted (the ZIP is checked first, with the
//! rule the server applies).

use super::{away, languages, listing_link, parse_query, query_string, search_href, tel};
use crate::api::{self, ApiError};
use crate::components::{ErrorPanel, SelectField, TextField};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_domain::care::directory::{
    parse_zip, Access, DirectoryQuery, DirectoryResults, Gender, Language, NetworkScope,
    ProviderCard, MAX_QUERY_CHARS, MAX_WITHIN, WITHIN_CHOICES,
};
use portal_domain::routes::Page;

/// Options of a select: (value, label).
type Options = Vec<(String, String)>;

fn any_and(items: impl Iterator<Item = (&'static str, &'static str)>, any: &str) -> Options {
    std::iter::once((String::new(), any.to_string()))
        .chain(items.map(|(v, l)| (v.to_string(), l.to_string())))
        .collect()
}

/// The search page.
#[component]
pub fn FindCarePage() -> impl IntoView {
    crate::pages::page("Find care");
    let session = use_session();
    let navigate = use_navigate();
    let location = use_location();

    let parsed = Memo::new(move |_| location.search.with(|s| parse_query(s)));
    let query = Memo::new(move |_| parsed.with(|p| p.clone().unwrap_or_default()));
    let apply = Callback::new(move |q: DirectoryQuery| {
        navigate(
            &search_href(&q),
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    let update = move |change: &dyn Fn(&mut DirectoryQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        apply.run(q.first_page());
    };

    // ---- Loading the results ----
    let data = RwSignal::new(None::<Result<DirectoryResults, ApiError>>);
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
        let pending = api::directory::search(&q);
        spawn_local(async move {
            let result = pending.await;
            if generation.try_get_value() != Some(run) {
                return;
            }
            if let Err(e) = &result {
                session.handle_error(e);
            }
            busy.set(false);
            data.set(Some(result));
        });
    });
    let retry = Callback::new(move |()| reload.update(|n| *n += 1));

    // ---- The form ----
    let words = RwSignal::new(String::new());
    let zip = RwSignal::new(String::new());
    let zip_errors = RwSignal::new(Vec::<String>::new());
    // The fields follow the address when its words or ZIP change (back,
    // forward, a link), not when a filter does: what is being typed stays.
    let typed = Memo::new(move |_| query.with(|q| (q.q.clone(), q.zip.clone())));
    Effect::new(move |_| {
        let (w, z) = typed.get();
        words.set(w.unwrap_or_default());
        zip.set(z.unwrap_or_default());
    });
    // What the server said about the words or the ZIP (e.g. a ZIP outside
    // the service area) is shown beside that field.
    let server_errors = move |field: &'static str| {
        Signal::derive(move || {
            data.with(|d| match d {
                Some(Err(ApiError::Validation { fields, .. })) => fields
                    .get(field)
                    .map(|e| e.iter().map(|e| e.message.clone()).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            })
        })
    };
    let zip_shown_errors = Signal::derive(move || {
        let mine = zip_errors.get();
        if mine.is_empty() {
            server_errors("zip").get()
        } else {
            mine
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let z = zip.get_untracked();
        let zip_value = if z.trim().is_empty() {
            None
        } else {
            match parse_zip(&z) {
                Ok(z) => Some(z),
                Err(e) => {
                    zip_errors.set(vec![e.message]);
                    crate::browser::focus_id("find-zip");
                    return;
                }
            }
        };
        zip_errors.set(Vec::new());
        let w = words.get_untracked();
        update(&|q| {
            q.q = Some(w.trim().to_string()).filter(|s| !s.is_empty());
            q.zip = zip_value.clone();
        });
    };

    let (catalog, _) = remote(api::plans::catalog);
    let plan_options = Signal::derive(move || match catalog.get() {
        Some(Ok(c)) => c
            .plans
            .iter()
            .map(|p| {
                let label = if p.id == c.current_plan_id {
                    format!("{} (your plan)", p.name)
                } else {
                    p.name.clone()
                };
                (p.id.clone(), label)
            })
            .collect(),
        _ => Vec::new(),
    });
    let plan_value = Signal::derive(move || {
        query
            .with(|q| q.plan.clone())
            .unwrap_or_else(|| match catalog.get() {
                Some(Ok(c)) => c.current_plan_id,
                _ => String::new(),
            })
    });
    let within_options: Options = WITHIN_CHOICES
        .iter()
        .map(|m| (m.to_string(), format!("{m} miles")))
        .collect();
    let within_value = Signal::derive(move || query.with(|q| q.within.to_string()));

    let checkbox = move |id: &'static str,
                         label: &'static str,
                         get: fn(&DirectoryQuery) -> bool,
                         set: fn(&mut DirectoryQuery, bool)| {
        view! {
            <div class="choice">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || query.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|q| set(q, on));
                    }
                />
                <label for=id>{label}</label>
            </div>
        }
    };

    let form = view! {
        <form class="find-form" role="search" aria-label="Search the provider directory" on:submit=submit>
            <div class="find-form__main">
                <TextField
                    id="find-words"
                    label="Name, specialty or what you need"
                    value=words
                    errors=server_errors("q")
                    input_type="search"
                    hint="For example: pediatrician, knee doctor, therapist, urgent care, or a name"
                    maxlength=MAX_QUERY_CHARS as u32
                />
                <TextField
                    id="find-zip"
                    label="Near ZIP code"
                    value=zip
                    errors=zip_shown_errors
                    hint="Leave empty to search near your home address"
                    inputmode="numeric"
                    autocomplete="postal-code"
                    maxlength=5
                />
                <div class="find-form__submit">
                    <button type="submit" class="button">"Search"</button>
                </div>
            </div>
            <div class="find-form__filters">
                <SelectField
                    id="find-within"
                    label="Distance"
                    options=Signal::stored(within_options)
                    value=within_value
                    on_pick=Callback::new(move |v: String| {
                        if let Ok(m) = v.parse::<u32>() {
                            update(&|q| q.within = m.clamp(1, MAX_WITHIN));
                        }
                    })
                />
                <SelectField
                    id="find-plan"
                    label="Plan network"
                    options=plan_options
                    value=plan_value
                    on_pick=Callback::new(move |v: String| {
                        let current = match catalog.get_untracked() {
                            Some(Ok(c)) => Some(c.current_plan_id),
                            _ => None,
                        };
                        update(&|q| {
                            q.plan = Some(v.clone()).filter(|p| Some(p) != current.as_ref());
                        })
                    })
                />
                {checkbox(
                    "find-any-network",
                    "Include out-of-network listings",
                    |q| q.network == NetworkScope::Any,
                    |q, on| q.network = if on { NetworkScope::Any } else { NetworkScope::InNetwork },
                )}
            </div>
            <details class="find-form__more" open=query.get_untracked().is_narrowed()>
                <summary>"More filters: language, gender, accessibility, new patients, virtual visits"</summary>
                <div class="find-form__filters">
                <SelectField
                    id="find-language"
                    label="Language spoken"
                    options=Signal::stored(any_and(
                        Language::ALL.iter().map(|l| (l.as_str(), l.label())),
                        "Any language",
                    ))
                    value=Signal::derive(move || {
                        query.with(|q| q.language.map(|l| l.as_str()).unwrap_or_default().to_string())
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| q.language = Language::parse(&v)))
                />
                <SelectField
                    id="find-gender"
                    label="Clinician's gender"
                    options=Signal::stored(any_and(
                        Gender::ALL.iter().map(|g| (g.as_str(), g.label())),
                        "Any",
                    ))
                    value=Signal::derive(move || {
                        query.with(|q| q.gender.map(|g| g.as_str()).unwrap_or_default().to_string())
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| q.gender = Gender::parse(&v)))
                />
                <SelectField
                    id="find-access"
                    label="Accessibility"
                    options=Signal::stored(any_and(
                        Access::ALL.iter().map(|a| (a.as_str(), a.label())),
                        "Any",
                    ))
                    value=Signal::derive(move || {
                        query.with(|q| q.access.map(|a| a.as_str()).unwrap_or_default().to_string())
                    })
                    on_pick=Callback::new(move |v: String| update(&|q| q.access = Access::parse(&v)))
                />
                <fieldset class="find-form__checks">
                    <legend class="visually-hidden">"Only show"</legend>
                    {checkbox("find-accepting", "Accepting new patients", |q| q.accepting, |q, on| q.accepting = on)}
                    {checkbox("find-virtual", "Offers virtual visits", |q| q.virtual_visits, |q, on| q.virtual_visits = on)}
                </fieldset>
                </div>
            </details>
        </form>
    };

    let go_page = move |delta: i32| {
        let mut q = query.get_untracked();
        q.page = q.page.saturating_add_signed(delta).max(1);
        apply.run(q);
    };

    let results = move || {
        data.with(|d| match d {
            None => crate::pages::loading("Searching…"),
            Some(Err(ApiError::Validation { .. })) => view! {
                <p class="find-results__summary" role="status">
                    "Check the search options marked above."
                </p>
            }
            .into_any(),
            Some(Err(e)) => {
                view! { <ErrorPanel title="We could not search the directory" message=e.message() on_retry=retry /> }
                    .into_any()
            }
            Some(Ok(r)) => results_view(r, query.get_untracked(), apply, go_page).into_any(),
        })
    };

    view! {
        <section class="find-care">
            <h1>"Find care"</h1>
            <p class="find-care__intro">
                "Doctors, therapists, hospitals, labs, pharmacies and urgent care in the plan's networks in Washington. "
                "Before a visit, call the office to check they still take your plan: if this directory said a provider was in network and it was wrong, you pay no more than your in-network cost share."
            </p>
            <p>
                <A href=Page::VirtualCare.href()>"Virtual visits: see a provider by video, or urgent care any time"</A>
            </p>
            {form}
            <div class="find-results" aria-busy=move || busy.get().to_string()>
                {results}
            </div>
        </section>
    }
}

/// The summary, the listings, paging, or what to try when nothing matched.
fn results_view(
    r: &DirectoryResults,
    q: DirectoryQuery,
    apply: Callback<DirectoryQuery>,
    go_page: impl Fn(i32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let in_only = q.network == NetworkScope::InNetwork;
    let what = match (&q.q, r.specialties.as_slice()) {
        (Some(words), []) => format!(" matching \u{201c}{words}\u{201d}"),
        (Some(_), specialties) => format!(" for {}", specialties.join(", ")),
        (None, _) => String::new(),
    };
    let where_ = match &r.near {
        Some(n) if n.home => format!(
            " within {} miles of your home ZIP code, {} ({})",
            r.within, n.zip, n.city
        ),
        Some(n) => format!(" within {} miles of {} ({})", r.within, n.zip, n.city),
        None => String::new(),
    };
    let kind = if in_only {
        format!("in the network of {}", r.plan.plan_name)
    } else {
        format!("in and out of the network of {}", r.plan.plan_name)
    };
    let total = r.total;
    let summary = format!(
        "{} {}{what}{where_}, {kind}.",
        total,
        if total == 1 { "listing" } else { "listings" },
    );
    let pages = total.div_ceil(r.page_size.max(1)).max(1);
    let page = r.page;
    let plan_name = r.plan.plan_name.clone();
    let cards = r
        .providers
        .iter()
        .map(|p| card(p, &q, &plan_name))
        .collect_view();
    let empty = (total == 0).then(|| {
        let mut tries: Vec<(String, DirectoryQuery)> = Vec::new();
        if r.near.is_some() && q.within < MAX_WITHIN {
            let wider = WITHIN_CHOICES
                .iter()
                .copied()
                .find(|m| *m > q.within)
                .unwrap_or(MAX_WITHIN);
            let mut w = q.clone().first_page();
            w.within = wider;
            tries.push((format!("Search within {wider} miles"), w));
        }
        if q.is_narrowed() {
            let mut w = q.clone().first_page();
            w.accepting = false;
            w.virtual_visits = false;
            w.language = None;
            w.gender = None;
            w.access = None;
            tries.push(("Remove the filters".into(), w));
        }
        if in_only {
            let mut w = q.clone().first_page();
            w.network = NetworkScope::Any;
            tries.push(("Include out-of-network listings".into(), w));
        }
        view! {
            <div class="find-results__empty">
                <p>"No listings match. Try a wider search:"</p>
                <ul class="find-results__tries">
                    {tries
                        .into_iter()
                        .map(|(label, w)| {
                            view! {
                                <li>
                                    <button type="button" class="button button--secondary" on:click=move |_| apply.run(w.clone())>
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    view! {
        <p class="find-results__summary" role="status">{summary}</p>
        {empty}
        <ol class="find-results__list">{cards}</ol>
        {(pages > 1).then(|| view! {
            <nav class="pager" aria-label="Result pages">
                <button type="button" class="button button--secondary" disabled={page <= 1} on:click=move |_| go_page(-1)>
                    "Previous"
                </button>
                <span class="pager__status">{format!("Page {page} of {pages}")}</span>
                <button type="button" class="button button--secondary" disabled={page >= pages} on:click=move |_| go_page(1)>
                    "Next"
                </button>
            </nav>
        })}
    }
}

/// One listing in the results.
fn card(p: &ProviderCard, back: &DirectoryQuery, plan: &str) -> impl IntoView {
    let href = listing_link(p.id, back);
    let l = &p.location;
    let status = p.network.words(plan);
    let in_network = p.network.is_in();
    let address = format!("{}, {}, {} {}", l.line, l.city, l.state, l.zip);
    let distance = l.distance_tenths;
    let more = (p.locations > 1).then(|| format!(" · {} locations", p.locations));
    let phone = l.phone.clone();
    let phone_href = tel(&l.phone);
    let accepting = p.accepting_new;
    let virtual_visits = p.virtual_visits;
    let speaks = format!("Speaks {}", languages(&p.languages));
    let name = p.name.clone();
    let specialty = p.specialty.clone();
    view! {
        <li class="provider-card">
            <h2 class="provider-card__name">
                <A href=href>{name}</A>
            </h2>
            <p class="provider-card__specialty">{specialty}</p>
            <p
                class="provider-card__network"
                class:provider-card__network--in=in_network
                class:provider-card__network--out=!in_network
            >
                {status}
            </p>
            <p class="provider-card__address">
                {address}
                {distance.map(|d| view! { <span class="provider-card__distance">{format!(" · {}", away(d))}</span> })}
                {more}
            </p>
            <p class="provider-card__phone">
                <a href=phone_href>{phone}</a>
            </p>
            <ul class="provider-card__facts">
                <li>{if accepting { "Accepting new patients" } else { "Not accepting new patients" }}</li>
                {virtual_visits.then(|| view! { <li>"Offers virtual visits"</li> })}
                <li>{speaks}</li>
            </ul>
        </li>
    }
}
