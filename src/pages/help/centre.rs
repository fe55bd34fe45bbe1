//! `/help`: the help centre. Questions grouped as Contact information,
//! Username & password, Security & transactions and Glossary, with one
//! search over the questions, the answers, the contact lines and the
//! glossary terms.

use super::browser_check::BrowserCheck;
use super::contacts::ContactSection;
use super::{term_list, HelpFrame, Jump, SearchBox};
use crate::api;
use crate::components::ErrorPanel;
use crate::pages::loading;
use crate::state::remote::remote;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::help::answers::{
    account_answers, security_answers, text_matches, Answer, Group,
};
use portal_domain::help::contacts::{Audience, ContactDirectory};
use portal_domain::help::glossary::TermSummary;
use portal_domain::routes::Page;
use portal_domain::CredentialPolicy;

/// The most glossary terms a help search lists.
const GLOSSARY_HITS: usize = 8;

/// The words an audience is found by: its texts and what its lines offer.
fn audience_text(a: &Audience) -> String {
    let mut text = format!("{} {} contact call phone number hours", a.title, a.intro);
    for l in &a.lines {
        text.push(' ');
        text.push_str(&l.label);
        if let Some(n) = &l.native_label {
            text.push(' ');
            text.push_str(n);
        }
        if l.tty.is_some() {
            text.push_str(" tty deaf hearing relay");
        }
        if l.email.is_some() {
            text.push_str(" email");
        }
        if l.lang.is_some() {
            text.push_str(" language interpreter");
        }
    }
    text
}

/// The audiences shown for a search: all without one.
fn shown_audiences(directory: &ContactDirectory, q: &str) -> Vec<String> {
    directory
        .audiences
        .iter()
        .filter(|a| q.trim().is_empty() || text_matches(&audience_text(a), q))
        .map(|a| a.id.clone())
        .collect()
}

/// One question: hidden when a search leaves it out, open when it matches.
fn question(a: Answer, q: RwSignal<String>, extra: Option<AnyView>) -> impl IntoView {
    let probe = a.clone();
    let hit = move || q.with(|q| !q.trim().is_empty() && probe.matches(q));
    let probe = a.clone();
    let hidden = move || q.with(|q| !q.trim().is_empty() && !probe.matches(q));
    let no_list = a.items.is_empty();
    let no_links = a.links.is_empty();
    view! {
        <details class="qa" id=a.id hidden=hidden prop:open=hit>
            <summary class="qa__question">{a.question}</summary>
            <div class="qa__answer">
                {a.paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                <ul hidden=no_list>{a.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                {extra}
                <p class="qa__links" hidden=no_links>
                    {a
                        .links
                        .into_iter()
                        .map(|(text, page)| {
                            view! {
                                <a class="button button--secondary" href=page.href()>
                                    {text}
                                </a>
                            }
                        })
                        .collect_view()}
                </p>
            </div>
        </details>
    }
}

/// A group's section, with its heading as the jump target.
fn group_section(group: Group, body: impl IntoView) -> impl IntoView {
    let heading = format!("{}-heading", group.id());
    let labelled = heading.clone();
    view! {
        <section class="help-group" id=group.id() tabindex="-1" aria-labelledby=labelled>
            <h2 id=heading>{group.title()}</h2>
            {body}
        </section>
    }
}

/// The help centre.
#[component]
pub fn HelpPage() -> impl IntoView {
    crate::pages::page("Help centre");
    let q = RwSignal::new(String::new());
    let (policy, retry_policy) = remote(api::help::policy);
    let (directory, retry_directory) = remote(api::help::contacts);
    let account = Memo::new(move |_| {
        policy
            .get()
            .and_then(Result::ok)
            .map(|p| account_answers(&CredentialPolicy::from_preset(p.preset), &p.limits))
    });
    let security = security_answers();

    // Glossary matches, from the server's search; a newer search aborts
    // the one in flight (the request belongs to this effect's run).
    let glossary_hits: RwSignal<Option<Vec<TermSummary>>> = RwSignal::new(None);
    Effect::new(move |_| {
        let text = q.get().trim().to_string();
        if text.chars().count() < 2 {
            glossary_hits.set(None);
            return;
        }
        let pending = api::help::glossary(&text);
        spawn_local(async move {
            if let Ok(list) = pending.await {
                let _ = glossary_hits.try_set(Some(list.terms));
            }
        });
    });

    let security_copy = security.clone();
    let summary = move || {
        let text = q.get();
        let text = text.trim();
        if text.is_empty() {
            return String::new();
        }
        let answers = account.with(|a| {
            a.as_ref()
                .map_or(0, |a| a.iter().filter(|x| x.matches(text)).count())
        }) + security_copy.iter().filter(|x| x.matches(text)).count();
        let contacts = directory.with(|d| match d {
            Some(Ok(d)) => shown_audiences(d, text).len(),
            _ => 0,
        });
        let terms = glossary_hits.with(|g| g.as_ref().map_or(0, Vec::len));
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {} and {} match \u{201c}{text}\u{201d}.",
            plural(answers, "question", "questions"),
            plural(contacts, "contact section", "contact sections"),
            plural(terms, "glossary term", "glossary terms"),
        )
    };

    let contact_body = move || match directory.get() {
        None => loading("Loading the contact lines…"),
        Some(Ok(d)) => {
            let d2 = d.clone();
            let shown = Signal::derive(move || q.with(|q| shown_audiences(&d2, q)));
            view! { <ContactSection directory=d shown=shown /> }.into_any()
        }
        Some(Err(_)) => view! {
            <ErrorPanel
                title="We couldn't load the contact lines"
                message="Your member ID card shows the Member Services number."
                on_retry=retry_directory
            />
        }
        .into_any(),
    };
    let account_body = move || match account.get() {
        Some(answers) => answers
            .into_iter()
            .map(|a| question(a, q, None))
            .collect_view()
            .into_any(),
        None if matches!(policy.get(), Some(Err(_))) => view! {
            <ErrorPanel
                title="We couldn't load the sign-in rules"
                message="Check your connection and try again."
                on_retry=retry_policy
            />
        }
        .into_any(),
        None => loading("Loading the sign-in rules…"),
    };
    let security_body = security
        .into_iter()
        .map(|a| {
            let extra = (a.id == "browsers").then(|| view! { <BrowserCheck /> }.into_any());
            question(a, q, extra)
        })
        .collect_view();
    let glossary_body = move || {
        let hits = glossary_hits.get().map(|terms| {
            let none = terms.is_empty();
            view! {
                <p hidden=!none>"No glossary terms match."</p>
                {term_list(terms.into_iter().take(GLOSSARY_HITS).collect())}
            }
        });
        view! {
            <p>
                "Plain-language definitions of the words on your bills, claims and plan documents, from HealthCare.gov. "
                <a href=Page::Glossary.href()>"Browse the glossary A to Z"</a>
            </p>
            {hits}
        }
    };

    view! {
        <HelpFrame>
            <h1>"Help centre"</h1>
            <p class="lead">
                "Who to call and when, how registration and passwords work, how we keep your information safe, and what the words on your bills mean."
            </p>
            <SearchBox id="help-q" label="Search help" q=q result=Signal::derive(summary) />
            <nav class="help-topics" aria-label="Help topics">
                <ul>
                    {Group::ALL
                        .into_iter()
                        .map(|g| view! { <li><Jump to=g.id()>{g.title()}</Jump></li> })
                        .collect_view()}
                    <li>
                        <Jump to="rights">"Your rights"</Jump>
                    </li>
                </ul>
            </nav>
            {group_section(Group::Contact, contact_body)}
            {group_section(Group::Account, account_body)}
            {group_section(Group::Security, security_body)}
            {group_section(Group::Glossary, glossary_body)}
            <super::email_us::EmailUs />
            <section class="help-group" id="rights" tabindex="-1" aria-labelledby="rights-heading">
                <h2 id="rights-heading">"Your rights"</h2>
                <ul class="rights-list">
                    <li>
                        <a href=Page::SurpriseBilling.href()>"Surprise billing protections"</a>
                        ": emergency care and out-of-network care at in-network hospitals, and what you can be billed."
                    </li>
                    <li>
                        <a href=Page::AppealsRights.href()>"Claims and appeals rights"</a>
                        ": how to appeal a decision, the deadlines, and independent external review."
                    </li>
                    <li>
                        <a href=Page::Nondiscrimination.href()>"Nondiscrimination and language help"</a>
                        ": free interpreters, other formats, and how to file a complaint."
                    </li>
                </ul>
            </section>
        </HelpFrame>
    }
}
