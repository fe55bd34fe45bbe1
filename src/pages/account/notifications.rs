//! `/account/notifications`: which alerts the member gets, by which channel
//! (email, text message, in the portal), and where to send them. Email and
//! US phone are checked with `portal-domain` as the member types (the same
//! rules the server applies); sending is outside the portal today, so the
//! page shows what would be sent.

use crate::api::{self, ApiError};
use crate::components::{SubmitButton, TextField};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::account::{validate_email, validate_phone};
use portal_domain::alerts::AlertKind;
use portal_domain::home::{validate_prefs, AlertChannels, AlertPref, NotificationPrefs};

/// The notification preferences page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    crate::pages::page("Notification settings");
    let session = use_session();
    let (prefs, retry) = remote(api::home::prefs);
    view! {
        <h1>"Notification settings"</h1>
        <super::AccountNav />
        <p class="lead">
            "Choose which alerts you get and how. They go to your account's email and phone: "
            "changing them here changes them on every account page."
        </p>
        {move || match prefs.get() {
            None => loading("Loading your settings…"),
            Some(Ok(p)) => view! { <PrefsForm prefs=p /> }.into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load your settings", &e, retry),
        }}
    }
}

/// Which channel a checkbox stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Channel {
    Email,
    Text,
    Portal,
}

impl Channel {
    fn label(self) -> &'static str {
        match self {
            Self::Email => "Email",
            Self::Text => "Text message",
            Self::Portal => "In the portal",
        }
    }
    fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Text => "text",
            Self::Portal => "portal",
        }
    }
    fn get(self, c: &AlertChannels) -> bool {
        match self {
            Self::Email => c.email,
            Self::Text => c.text,
            Self::Portal => c.portal,
        }
    }
    fn set(self, c: &mut AlertChannels, on: bool) {
        match self {
            Self::Email => c.email = on,
            Self::Text => c.text = on,
            Self::Portal => c.portal = on,
        }
    }
}

const CHANNELS: [Channel; 3] = [Channel::Email, Channel::Text, Channel::Portal];

fn messages(r: Result<(), portal_domain::FieldError>) -> Vec<String> {
    r.err().map(|e| vec![e.message]).unwrap_or_default()
}

/// Hides most of an address for the preview (`a•••@example.com`).
fn masked_email(e: &str) -> String {
    match e.split_once('@') {
        Some((user, domain)) => {
            format!("{}•••@{domain}", user.chars().next().unwrap_or('•'))
        }
        None => e.to_string(),
    }
}

/// The form, with live validation and the preview of what would be sent.
#[component]
fn PrefsForm(
    /// The stored preferences.
    prefs: NotificationPrefs,
) -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(prefs.email.clone());
    let phone = RwSignal::new(prefs.phone.clone());
    let alerts = RwSignal::new(prefs.alerts.clone());
    // The server asks for it when the email or phone changes.
    let password = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(String::new());
    let server_errors = RwSignal::new(portal_domain::FieldErrors::new());
    let current = move || NotificationPrefs {
        email: email.get(),
        phone: phone.get(),
        alerts: alerts.get(),
        password: password.get(),
    };
    let field_errors = Memo::new(move |_| {
        let mut out = validate_prefs(&current()).err().unwrap_or_default();
        for (k, v) in server_errors.get() {
            out.entry(k).or_insert(v);
        }
        out
    });
    let errors_of = move |field: &'static str| {
        Signal::derive(move || {
            let live = match field {
                "email" => messages(validate_email(&email.get()).map(|_| ())),
                "phone" => messages(validate_phone(&phone.get()).map(|_| ())),
                _ => Vec::new(),
            };
            if !live.is_empty() {
                return live;
            }
            if !touched.get() {
                return Vec::new();
            }
            field_errors.with(|f| {
                f.get(field)
                    .map(|es| es.iter().map(|e| e.message.clone()).collect())
                    .unwrap_or_default()
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        saved.set(String::new());
        server_errors.set(Default::default());
        let body = current();
        if validate_prefs(&body).is_err() {
            saved.set("Please correct the highlighted fields.".into());
            return;
        }
        saving.set(true);
        spawn_local(async move {
            match api::home::save_prefs(&body).await {
                Ok(p) => {
                    email.set(p.email);
                    phone.set(p.phone);
                    alerts.set(p.alerts);
                    password.set(String::new());
                    saved.set("Your notification settings are saved.".into());
                }
                Err(ApiError::Validation { fields, .. }) => server_errors.set(fields),
                Err(e) => {
                    session.handle_error(&e);
                    saved.set(e.message());
                }
            }
            saving.set(false);
        });
    };
    let preview = move || {
        let list = alerts.get();
        CHANNELS
            .iter()
            .filter(|c| **c != Channel::Portal)
            .map(|c| {
                let kinds: Vec<&str> = list
                    .iter()
                    .filter(|a| c.get(&a.channels))
                    .map(|a| a.kind.label())
                    .collect();
                let to = match c {
                    Channel::Email => masked_email(&email.get()),
                    _ => phone.get(),
                };
                let text = if kinds.is_empty() {
                    format!("{}: nothing.", c.label())
                } else if to.is_empty() {
                    format!(
                        "{}: {} (add where to send them).",
                        c.label(),
                        kinds.join(", ")
                    )
                } else {
                    format!("{} to {to}: {}.", c.label(), kinds.join(", "))
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    view! {
        <form class="form prefs-form" novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend>"Where to send alerts"</legend>
                <TextField
                    id="notify-email"
                    label="Email address"
                    value=email
                    errors=errors_of("email")
                    input_type="email"
                    autocomplete="email"
                    hint="Leave empty for no email."
                    maxlength=254
                />
                <TextField
                    id="notify-phone"
                    label="Mobile phone (US) for text messages"
                    value=phone
                    errors=errors_of("phone")
                    input_type="tel"
                    autocomplete="tel-national"
                    hint="For example (555) 555-0142. Leave empty for no text messages."
                    maxlength=20
                />
                // The consent recorded (with its version) when text messages are chosen.
                <p class="field__hint" id="sms-consent">{portal_domain::delivery::SMS_CONSENT_TEXT}</p>
                <TextField
                    id="notify-password"
                    label="Current password"
                    value=password
                    errors=errors_of("password")
                    input_type="password"
                    autocomplete="current-password"
                    hint="Needed only to change the email address or phone."
                />
            </fieldset>
            <fieldset class="fieldset">
                <legend>"Which alerts, and how"</legend>
                <div class="table-scroll">
                    <table class="claims-table prefs-table">
                        <thead>
                            <tr>
                                <th scope="col">"Alert"</th>
                                {CHANNELS.iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {AlertKind::ALL
                                .iter()
                                // Replies to messages are always emailed (with the
                                // reference only) and always shown: no choice here.
                                .filter(|k| **k != AlertKind::MessageReply)
                                .map(|kind| {
                                    let kind = *kind;
                                    view! {
                                        <tr>
                                            <th scope="row">{kind.label()}</th>
                                            {CHANNELS
                                                .iter()
                                                .map(|c| {
                                                    let c = *c;
                                                    let id = format!("pref-{}-{}", kind.as_str(), c.code());
                                                    let on = move || alerts.with(|list| {
                                                        list.iter().find(|a| a.kind == kind).is_some_and(|a| c.get(&a.channels))
                                                    });
                                                    view! {
                                                        <td>
                                                            <input
                                                                type="checkbox"
                                                                id=id
                                                                aria-label=format!("{} by {}", kind.label(), c.label().to_lowercase())
                                                                prop:checked=on
                                                                on:change=move |ev| {
                                                                    let checked = event_target_checked(&ev);
                                                                    alerts.update(|list| {
                                                                        match list.iter_mut().find(|a| a.kind == kind) {
                                                                            Some(a) => c.set(&mut a.channels, checked),
                                                                            None => {
                                                                                let mut channels = AlertChannels::default();
                                                                                c.set(&mut channels, checked);
                                                                                list.push(AlertPref { kind, channels });
                                                                            }
                                                                        }
                                                                    });
                                                                }
                                                            />
                                                        </td>
                                                    }
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="field__hint">
                    "Alerts turned off “in the portal” do not appear on your alerts page."
                </p>
            </fieldset>
            <section class="panel panel--info" aria-labelledby="preview-heading">
                <h2 id="preview-heading" class="panel__title">"What will be sent"</h2>
                <p>"Once you save, each of these alerts is sent once, when it comes up:"</p>
                <ul>{preview}</ul>
            </section>
            <div class="button-row">
                <SubmitButton label="Save settings" busy_label="Saving…" pending=saving />
            </div>
            <p class="form-status" role="status">{move || saved.get()}</p>
        </form>
    }
}
