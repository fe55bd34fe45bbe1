//! `/alerts`: the member's alerts (computed by the server), most severe
//! first, each with its severity in words, a plain message, a link to act,
//! and its read state (stored per user); the header's count follows.

use crate::api::{self, ApiError};
use crate::browser::long_date;
use crate::components::shell::UnreadAlerts;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::alerts::{Alert, AlertList, Severity};

/// The alerts page.
#[component]
pub fn AlertsPage() -> impl IntoView {
    crate::pages::page("Alerts");
    let session = use_session();
    let (list, retry) = remote(api::home::alerts);
    view! {
        <h1>"Alerts"</h1>
        <p class="lead">
            "Reminders and updates about your coverage, claims and care. "
            <a href=portal_domain::routes::Page::Notifications.href()>"Choose how you get them"</a>
        </p>
        {move || match list.get() {
            None => loading("Loading your alerts…"),
            Some(Ok(list)) => view! { <AlertsList list=list /> }.into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load your alerts", &e, retry),
        }}
    }
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Urgent => "⚠",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// The loaded list with its read/unread controls.
#[component]
fn AlertsList(
    /// The alerts as loaded.
    list: AlertList,
) -> impl IntoView {
    let session = use_session();
    let items = RwSignal::new(list.items);
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let unread_ctx = use_context::<UnreadAlerts>();
    let unread = Memo::new(move |_| items.with(|a| a.iter().filter(|x| !x.read).count()));
    let mark = move |keys: Vec<String>, read: bool| {
        spawn_local(async move {
            match api::home::mark_read(&keys, read).await {
                Ok(count) => {
                    items.update(|list| {
                        for a in list.iter_mut().filter(|a| keys.contains(&a.key)) {
                            a.read = read;
                        }
                    });
                    if let Some(ctx) = unread_ctx {
                        ctx.0.set(Some(count.unread));
                    }
                    error.set(None);
                    status.set(if read {
                        format!("Marked as read. {} unread.", count.unread)
                    } else {
                        format!("Marked as unread. {} unread.", count.unread)
                    });
                }
                Err(e) => {
                    if matches!(e, ApiError::Unauthorized { .. }) {
                        session.handle_error(&e);
                    }
                    error.set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <div class="alerts-bar">
            <p class="alerts-bar__count">
                {move || match unread.get() {
                    0 => "No unread alerts.".to_string(),
                    1 => "1 unread alert.".to_string(),
                    n => format!("{n} unread alerts."),
                }}
            </p>
            <button
                type="button"
                class="button button--secondary"
                disabled=move || unread.get() == 0
                on:click=move |_| {
                    let keys: Vec<String> = items
                        .with(|a| a.iter().filter(|x| !x.read).map(|x| x.key.clone()).collect());
                    if !keys.is_empty() {
                        mark(keys, true);
                    }
                }
            >
                "Mark all as read"
            </button>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        {move || error.get().map(|e| view! { <p class="panel panel--error" role="alert">{e}</p> })}
        {move || {
            if items.with(Vec::is_empty) {
                return view! { <p class="empty">"You have no alerts."</p> }.into_any();
            }
            view! {
                <ul class="alert-list">
                    {items
                        .get()
                        .into_iter()
                        .map(|a| alert_item(a, mark))
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

fn alert_item(a: Alert, mark: impl Fn(Vec<String>, bool) + Copy + 'static) -> impl IntoView {
    let key = a.key.clone();
    let read = a.read;
    let heading_id = format!("alert-{}", a.key.replace([':', '/'], "-"));
    view! {
        <li
            class=format!(
                "alert-item alert-item--{}{}",
                a.severity.as_str(),
                if read { "" } else { " alert-item--unread" },
            )
        >
            <div class="alert-item__head">
                <span class="alert-item__icon" aria-hidden="true">{icon(a.severity)}</span>
                <span class="alert-item__severity">{a.severity.label()}</span>
                <span class="alert-item__kind">{a.kind.label()}</span>
                {(!read).then(|| view! { <span class="tag">"Unread"</span> })}
            </div>
            <h2 class="alert-item__title" id=heading_id>{a.title.clone()}</h2>
            <p class="alert-item__message">{a.message.clone()}</p>
            <p class="alert-item__actions">
                <span class="alert-item__date">{long_date(a.date)}</span>
                <a href=a.link.clone()>{a.link_text.clone()}</a>
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| mark(vec![key.clone()], !read)
                >
                    {if read { "Mark as unread" } else { "Mark as read" }}
                    <span class="visually-hidden">{format!(": {}", a.title)}</span>
                </button>
            </p>
        </li>
    }
}
