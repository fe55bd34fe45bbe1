//! An inline definition on a money or coverage word (`deductible`,
//! `coinsurance`...): the word is a button that opens its definition from
//! the glossary just below it, with a link to the full entry.
//!
//! A disclosure, not a hover tooltip: it opens and closes on click, Enter
//! or Space (keyboard and screen readers reach it as a button with
//! `aria-expanded`), stays open until dismissed (Escape, the close button, or
//! the word again; focus goes back to the word), and never covers other
//! content (it takes its own room in the flow), so WCAG 1.4.13's dismissible,
//! hoverable and persistent conditions all hold. The definition is fetched
//! from `GET /api/v1/glossary/{slug}` the first time it is opened, so the
//! glossary is written once, on the server, and adds nothing to the wasm.

use crate::api::{self, ApiError};
use crate::browser::focus_id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::help::glossary::{first_sentence, GlossaryEntry};
use portal_domain::routes::glossary_term_href;
use std::sync::atomic::{AtomicU32, Ordering};

/// Numbers the disclosures of a page, for their ids.
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// A word with its definition a click away.
#[component]
pub fn Term(
    /// The glossary entry's slug (`deductible`, `out-of-pocket-maximum-limit`).
    #[prop(into)]
    slug: String,
    /// The word as written in the sentence.
    children: Children,
) -> impl IntoView {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let button_id = format!("term-{n}");
    let panel_id = format!("term-{n}-definition");
    let open = RwSignal::new(false);
    let entry: RwSignal<Option<Result<GlossaryEntry, ApiError>>> = RwSignal::new(None);
    let owner = Owner::current();
    let slug = StoredValue::new(slug);
    let fetch = move || {
        if entry.get_untracked().is_some_and(|e| e.is_ok()) {
            return;
        }
        entry.set(None);
        // Registered with the component's owner: leaving the page aborts it.
        let s = slug.get_value();
        let pending = match &owner {
            Some(o) => o.with(|| api::help::term(&s)),
            None => api::help::term(&s),
        };
        spawn_local(async move {
            let result = pending.await;
            let _ = entry.try_set(Some(result));
        });
    };
    let focus_back = {
        let id = button_id.clone();
        move || focus_id(&id)
    };
    let close = {
        let back = focus_back.clone();
        move || {
            open.set(false);
            back();
        }
    };
    let on_keys = {
        let close = close.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" && open.get_untracked() {
                ev.stop_propagation();
                close();
            }
        }
    };
    let toggle = move |_| {
        let now_open = !open.get_untracked();
        open.set(now_open);
        if now_open {
            fetch();
        }
    };
    let body = move || match entry.get() {
        None => view! { <span class="term__text">"Loading the definition…"</span> }.into_any(),
        Some(Ok(e)) => {
            let href = glossary_term_href(&e.slug);
            let text = first_sentence(&e.definition).to_string();
            view! {
                <span class="term__text">{text}</span>
                <a class="term__more" href=href>
                    {format!("More about \u{201c}{}\u{201d} in the glossary", e.term)}
                </a>
            }
            .into_any()
        }
        Some(Err(_)) => view! {
            <span class="term__text">"We couldn't load the definition. "</span>
            <a class="term__more" href=glossary_term_href(&slug.get_value())>
                "Open it in the glossary"
            </a>
        }
        .into_any(),
    };
    let close_click = close.clone();
    view! {
        <span class="term" on:keydown=on_keys>
            <button
                type="button"
                id=button_id
                class="term__word"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id.clone()
                on:click=toggle
            >
                {children()}
                <span class="term__icon" aria-hidden="true">"?"</span>
            </button>
            <span
                id=panel_id.clone()
                class="term__panel"
                role="note"
                aria-label="Definition"
                hidden=move || !open.get()
            >
                {body}
                <button type="button" class="term__close" on:click=move |_| close_click()>
                    "Close"
                    <span class="visually-hidden">" definition"</span>
                </button>
            </span>
        </span>
    }
}
