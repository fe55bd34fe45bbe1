//! The help centre (`/help`), the glossary (`/help/glossary` and one page
//! per term) and the member-rights pages (surprise billing, nondiscrimination
//! and language assistance, claims and appeals). All public, in the
//! `section_help` split module; the contact lines and glossary come from
//! the server, the username and password answers from the rules in force.

mod browser_check;
mod centre;
pub(crate) mod contacts;
mod email_us;
mod glossary;
mod rights;
mod taglines;

pub use centre::HelpPage;
pub use glossary::{GlossaryPage, GlossaryTermRoutePage};
pub use rights::{AppealsRightsPage, NondiscriminationPage, SurpriseBillingPage};

use crate::browser::focus_id;
use crate::components::shell::UnreadAlerts;
use crate::components::PublicLayout;
use leptos::prelude::*;
use portal_domain::help::contacts::{ContactDirectory, ContactLine};
use portal_domain::help::glossary::TermSummary;
use portal_domain::routes::glossary_term_href;

/// The frame of a help page: the public frame for visitors, nothing extra
/// inside the signed-in shell (which already gives the page its header,
/// `<main>` and footer).
#[component]
fn HelpFrame(
    /// The page.
    children: Children,
) -> impl IntoView {
    if use_context::<UnreadAlerts>().is_some() {
        children().into_any()
    } else {
        view! { <PublicLayout wide=true>{children()}</PublicLayout> }.into_any()
    }
}

/// A search field with the live line that says what it found.
#[component]
fn SearchBox(
    /// The input's id (the result line's is `<id>-result`).
    id: &'static str,
    /// The field's label.
    label: &'static str,
    /// The search text.
    q: RwSignal<String>,
    /// What the search found, in words (empty before a search).
    #[prop(into)]
    result: Signal<String>,
) -> impl IntoView {
    let result_id = format!("{id}-result");
    let described = result_id.clone();
    view! {
        <form class="help-search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for=id>{label}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                aria-describedby=described
                prop:value=move || q.get()
                on:input=move |ev| q.set(event_target_value(&ev))
            />
        </form>
        <p id=result_id class="help-search__result" aria-live="polite">
            {move || result.get()}
        </p>
    }
}

/// A link to a place on the same page: focuses the target (which scrolls
/// it into view) instead of changing the address, which the router would
/// treat as a navigation.
#[component]
fn Jump(
    /// The target's id (it carries `tabindex="-1"`).
    #[prop(into)]
    to: String,
    /// The link text.
    children: Children,
) -> impl IntoView {
    view! {
        <a
            href=format!("#{to}")
            on:click=move |ev| {
                ev.prevent_default();
                focus_id(&to);
            }
        >
            {children()}
        </a>
    }
}

/// A list of terms with their first sentence.
fn term_list(terms: Vec<TermSummary>) -> impl IntoView {
    view! {
        <ul class="term-list">
            {terms
                .into_iter()
                .map(|t| {
                    view! {
                        <li>
                            <a href=glossary_term_href(&t.slug)>{t.term}</a>
                            <span class="term-list__summary">{t.summary}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The Member Services line of a directory (the first members' line).
fn member_services(directory: &ContactDirectory) -> Option<&ContactLine> {
    directory.audience("members").and_then(|a| a.lines.first())
}

/// "call 1-800-555-0142 (TTY 711)", from the directory, or the words on
/// the ID card while it is not known.
fn call_member_services(directory: Option<&ContactDirectory>) -> String {
    match directory.and_then(member_services) {
        Some(line) => {
            let phone = line.phone.clone().unwrap_or_default();
            match &line.tty {
                Some(tty) => format!("call Member Services at {phone} (TTY {tty})"),
                None => format!("call Member Services at {phone}"),
            }
        }
        None => "call Member Services at the number on your ID card".into(),
    }
}
