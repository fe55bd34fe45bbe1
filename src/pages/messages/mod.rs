//! `/messages` and `/messages/:id`: the member's secure messages to member
//! services ("Write to us"), each thread with its reference number, its
//! replies and a reply form. Staff answers arrive here (and as an alert).

use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::file_field::{picked_errors, upload_of};
use crate::components::{
    AlertRegion, AttachmentField, Picked, SelectField, SubmitButton, TextAreaField, TextField,
};
use crate::pages::{load_error, loading};
use crate::state::form::FormErrors;
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_domain::messages::{
    new_thread_errors, reply_errors, Author, ClaimChoice, Message, NewThreadRequest, ReplyRequest,
    Thread, ThreadStatus, ThreadSummary, Topic, BODY_MAX, SUBJECT_MAX,
};
use portal_domain::routes::{claim_href, message_href, THREAD_ID};

/// "2026-11-23T10:00:00Z" as "2026-11-23 10:00 UTC".
pub(crate) fn when(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

/// The member's threads and the "Write to us" form.
#[component]
pub fn MessagesPage() -> impl IntoView {
    crate::pages::page("Messages");
    let session = use_session();
    let (threads, retry) = remote(api::messages::threads);
    view! {
        <h1>"Messages"</h1>
        <p class="lead">
            "Write to Member Services securely. We answer within two business days; "
            "you get an alert (and an email that says only that a reply is waiting) when we do."
        </p>
        <WriteForm />
        <section class="panel" aria-labelledby="threads-heading">
            <h2 class="panel__title" id="threads-heading">"Your messages"</h2>
            {move || match threads.get() {
                None => loading("Loading your messages…"),
                Some(Ok(list)) if list.items.is_empty() => {
                    view! { <p class="empty">"You have not written to us yet."</p> }.into_any()
                }
                Some(Ok(list)) => view! { <ThreadTable items=list.items staff=false /> }.into_any(),
                Some(Err(e)) => load_error(session, "We couldn't load your messages", &e, retry),
            }}
        </section>
    }
}

/// A list of threads, each a link to its page.
#[component]
pub(crate) fn ThreadTable(
    /// The threads.
    items: Vec<ThreadSummary>,
    /// Staff's list (links to the inbox's thread pages, with age and sender).
    staff: bool,
) -> impl IntoView {
    view! {
        <ul class="thread-list">
            {items
                .into_iter()
                .map(|t| {
                    let href = if staff {
                        portal_domain::routes::support_thread_href(t.id)
                    } else {
                        message_href(t.id)
                    };
                    let status = if t.unread {
                        "New reply".to_string()
                    } else {
                        t.status.label().to_string()
                    };
                    let detail = if staff {
                        format!(
                            "{} · from {} · {} day{} old{}",
                            t.topic.label(),
                            t.from.clone().unwrap_or_default(),
                            t.age_days,
                            if t.age_days == 1 { "" } else { "s" },
                            t.assignee
                                .as_ref()
                                .map(|a| format!(" · with {a}"))
                                .unwrap_or_default()
                        )
                    } else {
                        format!("{} · last message {}", t.topic.label(), when(&t.updated_at))
                    };
                    view! {
                        <li class="thread-list__item" class:thread-list__item--unread=t.unread>
                            <A href=href>
                                <span class="thread-list__subject">{t.subject}</span>
                            </A>
                            <span class="thread-list__meta">
                                <span class="thread-list__ref">{t.reference}</span>
                                " · "
                                <span>{status}</span>
                            </span>
                            <span class="thread-list__meta">{detail}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

const ORDER: [&str; 5] = ["topic", "subject", "body", "claim_id", "attachment"];

/// "Write to us": topic, subject, message and an optional claim of the member's own.
#[component]
fn WriteForm() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let topic = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let claim = RwSignal::new(String::new());
    let picked = RwSignal::new(None::<Picked>);
    let (choices, _) = remote(api::messages::claim_choices);
    let request = move || NewThreadRequest {
        topic: topic.get(),
        subject: subject.get(),
        body: body.get(),
        claim_id: claim.get().parse().ok(),
        attachment: picked.with(upload_of),
    };
    let form = FormErrors::new(Signal::derive(move || {
        let mut errors = new_thread_errors(&request());
        for (field, list) in picked.with(picked_errors) {
            errors.entry(field).or_default().extend(list);
        }
        errors
    }));
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let topics = Signal::derive(|| {
        std::iter::once((String::new(), "Choose a topic".to_string()))
            .chain(
                Topic::ALL
                    .iter()
                    .map(|t| (t.as_str().to_string(), t.label().to_string())),
            )
            .collect::<Vec<_>>()
    });
    let claim_options = Signal::derive(move || {
        let list: Vec<ClaimChoice> = choices.get().and_then(Result::ok).unwrap_or_default();
        std::iter::once((String::new(), "No claim".to_string()))
            .chain(list.into_iter().map(|c| (c.id.to_string(), c.label)))
            .collect::<Vec<_>>()
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let mut req = request();
                req.subject = req.subject.trim().to_string();
                async move { api::messages::create(&req).await }
            },
            move |result| match result {
                Ok(created) => navigate(&message_href(created.id), Default::default()),
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    alert.set(Some(error.message()));
                    if let Some(field) = form.set_server(error.field_errors(), &ORDER) {
                        focus_id(field);
                    }
                }
            },
        );
    };
    view! {
        <section class="panel" aria-labelledby="write-heading">
            <h2 class="panel__title" id="write-heading">"Write to us"</h2>
            <AlertRegion message=alert />
            <form class="form" novalidate=true on:submit=on_submit>
                <div on:focusout=move |_| form.left("topic")>
                    <SelectField
                        id="topic"
                        label="Topic"
                        options=topics
                        value=topic
                        on_pick=Callback::new(move |v| {
                            topic.set(v);
                            form.edited("topic");
                        })
                    />
                    <FieldErrorsList id="topic-errors" errors=form.errors_for("topic") />
                </div>
                <TextField
                    id="subject"
                    label="Subject"
                    value=subject
                    errors=form.errors_for("subject")
                    maxlength=SUBJECT_MAX as u32
                    on:input=move |_| form.edited("subject")
                    on:focusout=move |_| form.left("subject")
                />
                <div on:input=move |_| form.edited("body") on:focusout=move |_| form.left("body")>
                    <TextAreaField
                        id="body"
                        label="Message"
                        value=body
                        errors=form.errors_for("body")
                        hint=format!(
                            "Up to {BODY_MAX} characters. For a claim, choose it below rather than typing its details.",
                        )
                    />
                </div>
                <SelectField
                    id="claim_id"
                    label="About a claim (optional)"
                    options=claim_options
                    value=claim
                    on_pick=Callback::new(move |v| claim.set(v))
                />
                <FieldErrorsList id="claim_id-errors" errors=form.errors_for("claim_id") />
                <div on:change=move |_| form.edited("attachment")>
                    <AttachmentField picked=picked errors=form.errors_for("attachment") />
                </div>
                <SubmitButton label="Send message" busy_label="Sending…" pending=pending />
            </form>
        </section>
    }
}

/// Errors of a field drawn by a component without its own error list.
#[component]
pub(crate) fn FieldErrorsList(
    /// The list's id.
    id: &'static str,
    /// The messages.
    #[prop(into)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    view! {
        <div class="field__errors" id=id>
            {move || {
                let errors = errors.get();
                (!errors.is_empty())
                    .then(|| {
                        view! {
                            <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                        }
                    })
            }}
        </div>
    }
}

/// One of the member's threads.
#[component]
pub fn MessageThreadPage() -> impl IntoView {
    crate::pages::page("Message");
    let session = use_session();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get(THREAD_ID).and_then(|v| v.parse::<i64>().ok()));
    let Some(id) = id else {
        return view! { <NotFound /> }.into_any();
    };
    let thread = RwSignal::new(None::<Result<Thread, ApiError>>);
    let (loaded, retry) = remote(move || api::messages::thread(id));
    Effect::new(move |_| {
        if let Some(r) = loaded.get() {
            thread.set(Some(r));
        }
    });
    view! {
        {move || match thread.get() {
            None => loading("Loading the message…"),
            Some(Ok(t)) => {
                let closed = t.summary.status == ThreadStatus::Closed;
                view! {
                    <ThreadView thread=t staff=false />
                    <ReplyForm
                        hint=if closed {
                            "This conversation was closed. Writing again opens it.".to_string()
                        } else {
                            String::new()
                        }
                        thread=id
                        staff=false
                        sent=Callback::new(move |t: Thread| thread.set(Some(Ok(t))))
                    />
                }
                    .into_any()
            }
            Some(Err(ApiError::NotFound)) => view! { <NotFound /> }.into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load this message", &e, retry),
        }}
    }
    .into_any()
}

/// A thread that is not there (or not the member's: the same answer).
#[component]
fn NotFound() -> impl IntoView {
    view! {
        <h1>"Message not found"</h1>
        <p>"We couldn't find that message. It may have a different address."</p>
        <p>
            <A href=portal_domain::routes::Page::Messages.href()>"See your messages"</A>
        </p>
    }
}

/// A thread's heading, claim reference and messages.
#[component]
pub(crate) fn ThreadView(
    /// The thread.
    thread: Thread,
    /// Drawn for staff (no link to the claim, the member's name).
    staff: bool,
) -> impl IntoView {
    let s = thread.summary;
    let claim = thread.claim.map(|c| {
        let text = format!("Claim {} (service on {})", c.number, c.date);
        match c.id {
            Some(id) if !staff => view! {
                <p>"About: " <A href=claim_href(id)>{text}</A></p>
            }
            .into_any(),
            _ => view! { <p>"About: " {text}</p> }.into_any(),
        }
    });
    view! {
        <h1>{s.subject.clone()}</h1>
        <dl class="thread-facts">
            <div>
                <dt>"Reference"</dt>
                <dd class="thread-list__ref">{s.reference.clone()}</dd>
            </div>
            <div>
                <dt>"Topic"</dt>
                <dd>{s.topic.label()}</dd>
            </div>
            <div>
                <dt>"Status"</dt>
                <dd>{s.status.label()}</dd>
            </div>
        </dl>
        {claim}
        <ol class="messages" aria-label="Messages, oldest first">
            {thread.messages.into_iter().map(|m| view! { <MessageItem message=m thread=s.id staff=staff /> }).collect_view()}
        </ol>
    }
}

#[component]
fn MessageItem(message: Message, thread: i64, staff: bool) -> impl IntoView {
    let file = message.attachment.map(|a| {
        let href = if staff {
            format!("/api/v1/support/threads/{thread}/attachments/{}", a.id)
        } else {
            format!("/api/v1/messages/{thread}/attachments/{}", a.id)
        };
        view! {
            <p class="message__file">
                "Attached: " <a href=href download=a.filename.clone()>{a.filename.clone()}</a>
                {format!(" ({}, {} KB)", a.kind.label(), (a.size + 1023) / 1024)}
            </p>
        }
    });
    view! {
        <li class="message" class:message--staff=message.author == Author::Staff>
            <p class="message__meta">
                <strong>{message.author_name}</strong>
                " · "
                {when(&message.sent_at)}
            </p>
            <p class="message__body">{message.body}</p>
            {file}
        </li>
    }
}

/// The reply box of a thread.
#[component]
pub(crate) fn ReplyForm(
    /// Shown above the box (empty: nothing).
    #[prop(into)]
    hint: String,
    /// The thread answered.
    thread: i64,
    /// Staff's reply (through the inbox's endpoint).
    staff: bool,
    /// Gets the thread as it is after the reply.
    sent: Callback<Thread>,
) -> impl IntoView {
    let session = use_session();
    let body = RwSignal::new(String::new());
    let request = move || ReplyRequest {
        body: body.get(),
        attachment: None,
    };
    let form = FormErrors::new(Signal::derive(move || reply_errors(&request())));
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &["reply"],
            move || {
                let req = request();
                async move {
                    if staff {
                        api::messages::staff_reply(thread, &req).await
                    } else {
                        api::messages::reply(thread, &req).await
                    }
                }
            },
            move |result: Result<Thread, ApiError>| match result {
                Ok(t) => {
                    body.set(String::new());
                    form.reset();
                    status.set("Your reply was sent.".into());
                    sent.run(t);
                }
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    alert.set(Some(error.message()));
                    let fields = crate::state::form::rename_fields(
                        error.field_errors(),
                        &[("body", "reply")],
                    );
                    if let Some(field) = form.set_server(fields, &["reply"]) {
                        focus_id(field);
                    }
                }
            },
        );
    };
    let errors = Signal::derive(move || {
        let mut e = form.errors_for("body").get();
        e.extend(form.errors_for("reply").get());
        e
    });
    view! {
        <section class="panel" aria-labelledby="reply-heading">
            <h2 class="panel__title" id="reply-heading">"Reply"</h2>
            {(!hint.is_empty()).then(|| view! { <p>{hint}</p> })}
            <AlertRegion message=alert />
            <form class="form" novalidate=true on:submit=on_submit>
                <div on:input=move |_| form.edited("reply") on:focusout=move |_| form.left("body")>
                    <TextAreaField id="reply" label="Your reply" value=body errors=errors rows=4 />
                </div>
                <SubmitButton label="Send reply" busy_label="Sending…" pending=pending />
            </form>
            <p class="form-status" role="status">{move || status.get()}</p>
        </section>
    }
}
