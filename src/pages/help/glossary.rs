//! `/help/glossary` (A to Z, with a search) and `/help/glossary/:term` (one
//! entry, with the terms it mentions), from the server's copy of the
//! HealthCare.gov glossary.

use super::{term_list, HelpFrame, Jump, SearchBox};
use crate::api::{self, ApiError};
use crate::browser::set_title;
use crate::components::ErrorPanel;
use crate::pages::loading;
use crate::state::remote::remote;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_domain::help::glossary::{letter, GlossaryEntry, GlossaryList, TermSummary};
use portal_domain::routes::{glossary_term_href, Page, TERM};

/// The id of a letter's section (`letter-d`).
fn letter_id(c: char) -> String {
    format!("letter-{}", c.to_ascii_lowercase())
}

/// Terms grouped by first letter, in order.
fn by_letter(terms: Vec<TermSummary>) -> Vec<(char, Vec<TermSummary>)> {
    let mut out: Vec<(char, Vec<TermSummary>)> = Vec::new();
    for t in terms {
        let c = letter(&t.term);
        match out.last_mut() {
            Some((l, list)) if *l == c => list.push(t),
            _ => out.push((c, vec![t])),
        }
    }
    out
}

/// The glossary, A to Z, with a search.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    crate::pages::page("Glossary");
    let (all, retry) = remote(|| api::help::glossary(""));
    let q = RwSignal::new(String::new());
    let found: RwSignal<Option<GlossaryList>> = RwSignal::new(None);
    Effect::new(move |_| {
        let text = q.get().trim().to_string();
        if text.is_empty() {
            found.set(None);
            return;
        }
        let pending = api::help::glossary(&text);
        spawn_local(async move {
            if let Ok(list) = pending.await {
                let _ = found.try_set(Some(list));
            }
        });
    });
    let result_text = move || {
        found.with(|f| {
            f.as_ref().map(|l| match l.terms.len() {
                0 => "No terms match. Try fewer or shorter words.".to_string(),
                1 => "1 term matches.".to_string(),
                n => format!("{n} terms match."),
            })
        })
    };
    let body = move || {
        if let Some(list) = found.get() {
            return term_list(list.terms).into_any();
        }
        match all.get() {
            None => loading("Loading the glossary…"),
            Some(Ok(list)) => {
                let groups = by_letter(list.terms);
                let letters: Vec<char> = groups.iter().map(|(c, _)| *c).collect();
                view! {
                    <nav class="az" aria-label="Glossary letters">
                        <ul>
                            {letters
                                .into_iter()
                                .map(|c| {
                                    view! { <li><Jump to=letter_id(c)>{c.to_string()}</Jump></li> }
                                })
                                .collect_view()}
                        </ul>
                    </nav>
                    {groups
                        .into_iter()
                        .map(|(c, terms)| {
                            view! {
                                <section class="az__letter" id=letter_id(c) tabindex="-1" aria-label=format!("Terms starting with {c}")>
                                    <h2>{c.to_string()}</h2>
                                    {term_list(terms)}
                                </section>
                            }
                        })
                        .collect_view()}
                    <p class="help-note">{list.source}</p>
                }
                .into_any()
            }
            Some(Err(_)) => view! {
                <ErrorPanel
                    title="We couldn't load the glossary"
                    message="Check your connection and try again."
                    on_retry=retry
                />
            }
            .into_any(),
        }
    };
    view! {
        <HelpFrame>
            <p class="breadcrumb">
                <a href=Page::Help.href()>"Help centre"</a>
            </p>
            <h1>"Glossary"</h1>
            <p class="lead">"What the words on your bills, claims and plan documents mean."</p>
            <SearchBox
                id="glossary-q"
                label="Search the glossary"
                q=q
                result=Signal::derive(move || result_text().unwrap_or_default())
            />
            {body}
        </HelpFrame>
    }
}

/// The entry in the address (`/help/glossary/:term`).
#[component]
pub fn GlossaryTermRoutePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get(TERM).unwrap_or_default()));
    move || view! { <GlossaryTermPage slug=slug.get() /> }
}

/// One glossary entry.
#[component]
fn GlossaryTermPage(
    /// The term's slug.
    slug: String,
) -> impl IntoView {
    crate::pages::page("Glossary");
    let valid = portal_domain::help::glossary::valid_slug(&slug);
    let slug = StoredValue::new(if valid { slug } else { "-".into() });
    let (entry, retry) = remote(move || api::help::term(&slug.get_value()));
    let body = move || match entry.get() {
        None => view! {
            <h1>"Glossary"</h1>
            {loading("Loading the definition…")}
        }
        .into_any(),
        Some(Ok(e)) => entry_view(e),
        Some(Err(ApiError::NotFound | ApiError::Validation { .. })) => {
            set_title("Term not found");
            view! {
                <h1>"We don't have that term"</h1>
                <p>"The glossary has no entry at this address. Search for the word in the glossary instead."</p>
                <p>
                    <a class="button" href=Page::Glossary.href()>"Go to the glossary"</a>
                </p>
            }
            .into_any()
        }
        Some(Err(_)) => view! {
            <h1>"Glossary"</h1>
            <ErrorPanel
                title="We couldn't load this definition"
                message="Check your connection and try again."
                on_retry=retry
            />
        }
        .into_any(),
    };
    view! {
        <HelpFrame>
            <p class="breadcrumb">
                <a href=Page::Help.href()>"Help centre"</a>
                <span aria-hidden="true">" › "</span>
                <a href=Page::Glossary.href()>"Glossary"</a>
            </p>
            {body}
        </HelpFrame>
    }
}

/// The entry itself.
fn entry_view(e: GlossaryEntry) -> AnyView {
    set_title(&format!("{} · Glossary", e.term));
    let related = (!e.related.is_empty()).then(|| {
        view! {
            <section aria-labelledby="related-heading">
                <h2 id="related-heading">"Related terms"</h2>
                <ul class="related-terms">
                    {e.related
                        .into_iter()
                        .map(|r| view! { <li><a href=glossary_term_href(&r.slug)>{r.term}</a></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <article class="glossary-entry">
            <h1>{e.term}</h1>
            <p class="glossary-entry__definition">{e.definition}</p>
            {related}
            <p class="help-note">"Definition from the HealthCare.gov glossary (U.S. Centers for Medicare & Medicaid Services). Your plan documents say exactly how your plan works."</p>
        </article>
    }
    .into_any()
}
