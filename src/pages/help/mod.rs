//! The help centre (`/help`), the glossary (`/help/glossary` and one page
//! per term) and the member-rights pages (surprise billing, nondiscrimination
//! and language assistance, claims and appeals). All public, in the
//! `section_help` split module; the contact lines and glossary come from
//! the server, the username and password answers from the rules in force.

mod browser_check;
mod centre;
mod contacts;
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
