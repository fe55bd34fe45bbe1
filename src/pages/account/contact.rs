//! Contact details: email and US phone, validated by `portal-domain` as
//! the member types (the server applies the same rules).

use super::StatusLine;
use crate::api;
use crate::browser::focus_id;
use crate::components::{AlertRegion, SubmitButton, TextField};
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{validate_contact, ContactRequest};

const ORDER: [&str; 3] = ["email", "phone", "password"];

/// The contact section.
#[component]
pub fn ContactSection(
    /// The stored email.
    email: Option<String>,
    /// The stored phone, display form.
    phone: Option<String>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(email.unwrap_or_default());
    let phone = RwSignal::new(phone.unwrap_or_default());
    // The server asks for it when the email or phone changes.
    let password = RwSignal::new(String::new());
    let request = move || ContactRequest {
        email: email.get(),
        phone: phone.get(),
        password: password.get(),
    };
    let client = Signal::derive(move || validate_contact(&request()).err().unwrap_or_default());
    let form = FormErrors::new(client);
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                done.set(None);
                let body = untrack(request);
                async move { api::security::change_contact(&body).await }
            },
            move |result| match result {
                Ok(saved) => {
                    email.set(saved.email.unwrap_or_default());
                    phone.set(saved.phone.unwrap_or_default());
                    password.set(String::new());
                    form.reset();
                    done.set(Some("Your contact details are saved.".into()));
                    changed.run(());
                }
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
        <section class="panel account-section" aria-labelledby="contact-heading">
            <h2 class="panel__title" id="contact-heading">"Contact details"</h2>
            <p>"We use these only to reach you about your account."</p>
            <AlertRegion message=alert />
            <StatusLine message=done />
            <form class="form" novalidate=true on:submit=on_submit>
                <TextField
                    id="email"
                    label="Email"
                    value=email
                    errors=form.errors_for("email")
                    input_type="email"
                    autocomplete="email"
                    on:input=move |_| form.edited("email")
                    on:focusout=move |_| form.left("email")
                />
                <TextField
                    id="phone"
                    label="Phone"
                    value=phone
                    errors=form.errors_for("phone")
                    hint="A US number with the area code, like (555) 555-0142."
                    input_type="tel"
                    autocomplete="tel-national"
                    on:input=move |_| form.edited("phone")
                    on:focusout=move |_| form.left("phone")
                />
                <TextField
                    id="contact-password"
                    label="Current password"
                    value=password
                    errors=form.errors_for("password")
                    hint="Needed to change your email or phone, where account messages go."
                    input_type="password"
                    autocomplete="current-password"
                    on:input=move |_| form.edited("password")
                />
                <SubmitButton label="Save contact details" busy_label="Saving…" pending=pending />
            </form>
        </section>
    }
}
