//! The help centre's "Email us": a signed-in member writes from
//! `/messages`; a signed-out visitor reaches technical support here, with
//! an email address for the answer.

use crate::api;
use crate::browser::focus_id;
use crate::components::{AlertRegion, SubmitButton, TextAreaField, TextField};
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::messages::{tech_support_errors, TechSupportRequest, SUBJECT_MAX};
use portal_domain::routes::Page;

const ORDER: [&str; 3] = ["email", "subject", "body"];

/// "Email us", by who is asking.
#[component]
pub fn EmailUs() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="help-group" id="email-us" tabindex="-1" aria-labelledby="email-us-heading">
            <h2 id="email-us-heading">"Email us"</h2>
            {move || if session.is_signed_in() == Some(true) {
                view! {
                    <p>
                        "Write to Member Services securely from your account: "
                        <a href=Page::Messages.href()>"Messages"</a>
                        ". You can point us to one of your claims, and you get an alert when we answer."
                    </p>
                }
                    .into_any()
            } else {
                view! { <TechSupportForm /> }.into_any()
            }}
        </section>
    }
}

/// Technical support for a visitor who is not signed in.
#[component]
fn TechSupportForm() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let request = move || TechSupportRequest {
        email: email.get(),
        subject: subject.get(),
        body: body.get(),
    };
    let form = FormErrors::new(Signal::derive(move || {
        tech_support_errors(&request()).err().unwrap_or_default()
    }));
    let alert = RwSignal::new(None::<String>);
    let sent = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let req = request();
                async move { api::messages::technical(&req).await }
            },
            move |result| match result {
                Ok(created) => {
                    sent.set(format!(
                        "Thank you. Your message's reference is {}. We answer by email within two business days.",
                        created.reference
                    ));
                    subject.set(String::new());
                    body.set(String::new());
                    form.reset();
                }
                Err(error) => {
                    alert.set(Some(error.message()));
                    if let Some(field) = form.set_server(error.field_errors(), &ORDER) {
                        focus_id(field);
                    }
                }
            },
        );
    };
    view! {
        <p>
            "Members: sign in and write to us from Messages. Trouble with the website itself? "
            "Write to technical support here; please leave out health details and your member ID."
        </p>
        <AlertRegion message=alert />
        <form class="form" novalidate=true on:submit=on_submit>
            <TextField
                id="email"
                label="Your email address"
                value=email
                errors=form.errors_for("email")
                input_type="email"
                autocomplete="email"
                on:input=move |_| form.edited("email")
                on:focusout=move |_| form.left("email")
            />
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
                <TextAreaField id="body" label="What happened?" value=body errors=form.errors_for("body") rows=4 />
            </div>
            <SubmitButton label="Send to technical support" busy_label="Sending…" pending=pending />
        </form>
        <p class="form-status" role="status">{move || sent.get()}</p>
    }
}
