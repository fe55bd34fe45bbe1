//! `/support` and `/support/:id`: the member services inbox, for support
//! accounts only. Open threads oldest first, filtered by topic; a thread
//! shows a claim's number and date only (never the claim), and each
//! opening is recorded in the audit trail by the server.

use crate::api::{self, ApiError};
use crate::components::{SelectField, SubmitButton};
use crate::pages::messages::{ReplyForm, ThreadTable, ThreadView};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use portal_domain::messages::{Inbox, Thread, ThreadStatus, Topic};
use portal_domain::routes::{with_query, Page, THREAD_ID};

/// The inbox.
#[component]
pub fn SupportPage() -> impl IntoView {
    crate::pages::page("Support inbox");
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let topic = Memo::new(move |_| query.with(|q| q.get("topic").unwrap_or_default()));
    let status =
        Memo::new(move |_| query.with(|q| q.get("status").unwrap_or_else(|| "open".to_string())));
    let inbox = RwSignal::new(None::<Result<Inbox, ApiError>>);
    Effect::new(move |_| {
        let pending = api::messages::inbox(&status.get(), &topic.get());
        inbox.set(None);
        spawn_local(async move {
            let _ = inbox.try_set(Some(pending.await));
        });
    });
    let go = move |status: String, topic: String| {
        let q: Vec<String> = [("status", status), ("topic", topic)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        navigate(
            &with_query(Page::Support.href(), &q.join("&")),
            NavigateOptions::default(),
        );
    };
    let go2 = go.clone();
    let topics = Signal::derive(|| {
        std::iter::once((String::new(), "Every topic".to_string()))
            .chain(
                Topic::ALL
                    .iter()
                    .map(|t| (t.as_str().to_string(), t.label().to_string())),
            )
            .collect::<Vec<_>>()
    });
    let statuses = Signal::derive(|| {
        ThreadStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), s.label().to_string()))
            .collect::<Vec<_>>()
    });
    view! {
        <h1>"Support inbox"</h1>
        <p class="lead">
            "Messages from members and visitors, oldest first. A thread shows a claim's number and date only; "
            "every thread you open is recorded."
        </p>
        <div class="inbox-filters">
            <SelectField
                id="inbox-status"
                label="Status"
                options=statuses
                value=Signal::derive(move || status.get())
                on_pick=Callback::new(move |v| go(v, topic.get_untracked()))
            />
            <SelectField
                id="inbox-topic"
                label="Topic"
                options=topics
                value=Signal::derive(move || topic.get())
                on_pick=Callback::new(move |v| go2(status.get_untracked(), v))
            />
        </div>
        <section class="panel" aria-labelledby="inbox-heading">
            <h2 class="panel__title" id="inbox-heading">"Threads"</h2>
            {move || match inbox.get() {
                None => loading("Loading the inbox…"),
                Some(Ok(i)) if i.items.is_empty() => {
                    view! { <p class="empty">"No threads here."</p> }.into_any()
                }
                Some(Ok(i)) => view! { <ThreadTable items=i.items staff=true /> }.into_any(),
                Some(Err(e)) => {
                    load_error(session, "We couldn't load the inbox", &e, Callback::new(|_| ()))
                }
            }}
        </section>
    }
}

/// One thread in the inbox: read, reply, close, give to someone else.
#[component]
pub fn SupportThreadPage() -> impl IntoView {
    crate::pages::page("Support thread");
    let session = use_session();
    let params = use_params_map();
    let id = params
        .with_untracked(|p| p.get(THREAD_ID).and_then(|v| v.parse::<i64>().ok()))
        .unwrap_or_default();
    let thread = RwSignal::new(None::<Result<Thread, ApiError>>);
    let (loaded, retry) = remote(move || api::messages::staff_thread(id));
    Effect::new(move |_| {
        if let Some(r) = loaded.get() {
            thread.set(Some(r));
        }
    });
    let (inbox, _) = remote(|| api::messages::inbox("open", ""));
    let staff = Signal::derive(move || {
        inbox
            .get()
            .and_then(Result::ok)
            .map(|i| i.staff)
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.clone(), u))
            .collect::<Vec<_>>()
    });
    let status = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let close = move |_| {
        busy.set(true);
        spawn_local(async move {
            match api::messages::close(id).await {
                Ok(_) => {
                    status.set("The thread is closed.".into());
                    retry.run(());
                }
                Err(e) => status.set(e.message()),
            }
            busy.set(false);
        });
    };
    let reassign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let to = assignee.get_untracked();
        if to.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::messages::assign(id, &to).await {
                Ok(s) => {
                    status.set(format!(
                        "The thread is now with {}.",
                        s.assignee.unwrap_or_default()
                    ));
                    retry.run(());
                }
                Err(e) => status.set(e.message()),
            }
            busy.set(false);
        });
    };
    view! {
        <p>
            <leptos_router::components::A href=Page::Support.href()>"Back to the inbox"</leptos_router::components::A>
        </p>
        {move || match thread.get() {
            None => loading("Loading the thread…"),
            Some(Ok(t)) => {
                let visitor = t.summary.from.as_deref().is_some_and(|f| f.contains('@'));
                let assigned = t.summary.assignee.clone().unwrap_or_else(|| "nobody yet".into());
                let open = t.summary.status == ThreadStatus::Open;
                view! {
                    <ThreadView thread=t staff=true />
                    <p>"From: " {t_from(&thread)} " · With: " {assigned}</p>
                    <ReplyForm
                        hint=if visitor {
                            "This visitor has no account: your reply is emailed to them. Keep health details out of it."
                                .to_string()
                        } else {
                            "The member is told by an alert and an email with the reference number only.".to_string()
                        }
                        thread=id
                        staff=true
                        sent=Callback::new(move |t: Thread| thread.set(Some(Ok(t))))
                    />
                    <section class="panel" aria-labelledby="manage-heading">
                        <h2 class="panel__title" id="manage-heading">"Manage"</h2>
                        <form class="form form--inline" on:submit=reassign>
                            <SelectField
                                id="assignee"
                                label="Give to"
                                options=staff
                                value=assignee
                                on_pick=Callback::new(move |v| assignee.set(v))
                            />
                            <SubmitButton label="Reassign" busy_label="Saving…" pending=busy />
                        </form>
                        {open.then(|| view! {
                            <button type="button" class="button button--secondary" disabled=move || busy.get() on:click=close>
                                "Close thread"
                            </button>
                        })}
                        <p class="form-status" role="status">{move || status.get()}</p>
                    </section>
                }
                    .into_any()
            }
            Some(Err(e)) => load_error(session, "We couldn't load this thread", &e, retry),
        }}
    }
}

fn t_from(thread: &RwSignal<Option<Result<Thread, ApiError>>>) -> String {
    thread
        .with_untracked(|t| {
            t.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|t| t.summary.from.clone())
        })
        .unwrap_or_default()
}
