//! The contact section of the help centre: every audience's lines from the
//! server's directory, each with its hours and whether it is open now, in
//! the visitor's own time zone (the browser's clock and zone; the hours
//! rule is `portal_domain::help::hours`). Refreshed every minute.

use crate::browser::{local_day_time, now_utc, time_zone};
use leptos::prelude::*;
use portal_domain::help::contacts::{Audience, ContactDirectory, ContactLine};
use portal_domain::help::hours::LineStatus;
use std::time::Duration;

/// A `tel:` address for a US number as printed (`1-800-555-0142`, `711`).
fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 11 && digits.starts_with('1') {
        format!("tel:+{digits}")
    } else {
        format!("tel:{digits}")
    }
}

/// Every audience's lines; those not in `shown` are hidden (the search).
#[component]
pub fn ContactSection(
    /// The directory.
    directory: ContactDirectory,
    /// The ids of the audiences to show.
    #[prop(into)]
    shown: Signal<Vec<String>>,
) -> impl IntoView {
    let now = RwSignal::new(now_utc());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_utc()), Duration::from_secs(60))
    {
        on_cleanup(move || handle.clear());
    }
    let zone = time_zone();
    view! {
        <p class="help-note">
            {format!(
                "Opening times are shown in your time zone{}. Each line's hours are set in Eastern time. TTY 711 is the relay service for callers who are deaf, hard of hearing or speech disabled.",
                if zone.is_empty() { String::new() } else { format!(" ({zone})") },
            )}
        </p>
        <div class="contact-grid">
            {directory
                .audiences
                .into_iter()
                .map(|a| {
                    let id = a.id.clone();
                    let hidden = move || !shown.with(|s| s.contains(&id));
                    view! {
                        <div class="contact-audience" hidden=hidden>
                            <AudienceView audience=a now=now />
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// One audience's lines on a page of its own (outside the help centre),
/// open or closed now, refreshed every minute.
#[component]
pub fn AudienceCard(
    /// The audience.
    audience: Audience,
) -> impl IntoView {
    let now = RwSignal::new(now_utc());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_utc()), Duration::from_secs(60))
    {
        on_cleanup(move || handle.clear());
    }
    view! { <AudienceView audience=audience now=now /> }
}

/// One audience.
#[component]
fn AudienceView(
    /// The audience.
    audience: Audience,
    /// The current instant.
    now: RwSignal<chrono::DateTime<chrono::Utc>>,
) -> impl IntoView {
    let heading = format!("contact-{}", audience.id);
    let labelled = heading.clone();
    view! {
        <section class="panel contact" aria-labelledby=labelled>
            <h3 id=heading>{audience.title}</h3>
            <p>{audience.intro}</p>
            <ul class="contact__lines">
                {audience.lines.into_iter().map(|l| view! { <LineView line=l now=now /> }).collect_view()}
            </ul>
        </section>
    }
}

/// One line: name, number, TTY, email, hours, open or closed.
#[component]
fn LineView(
    /// The line.
    line: ContactLine,
    /// The current instant.
    now: RwSignal<chrono::DateTime<chrono::Utc>>,
) -> impl IntoView {
    let hours = line.hours.clone();
    let status = move || {
        let (open, text) = match hours.status(now.get()) {
            LineStatus::Open { closes } => {
                (true, format!("Open now, until {}", local_day_time(closes)))
            }
            LineStatus::Closed { opens: Some(at) } => {
                (false, format!("Closed now. Opens {}", local_day_time(at)))
            }
            LineStatus::Closed { opens: None } => (false, "Closed".to_string()),
        };
        view! {
            <p class="line-status" class:line-status--open=open class:line-status--closed=!open>
                <span class="line-status__dot" aria-hidden="true"></span>
                {text}
            </p>
        }
    };
    let native = line.native_label.clone().map(|n| {
        view! {
            " ("
            <span lang=line.lang.clone().unwrap_or_default()>{n}</span>
            ")"
        }
    });
    let phone = line.phone.clone().map(|p| {
        view! {
            <p class="contact__phone">
                "Phone: " <a href=tel(&p)>{p.clone()}</a>
            </p>
        }
    });
    let tty = line.tty.clone().map(|t| {
        view! {
            <p>
                "TTY: " <a href=tel(&t)>{t.clone()}</a>
            </p>
        }
    });
    let email = line.email.clone().map(|e| {
        view! {
            <p>
                "Email: " <a href=format!("mailto:{e}")>{e.clone()}</a>
            </p>
        }
    });
    let label = line.label.clone();
    view! {
        <li class="contact-line">
            <p class="contact-line__name">{label} {native}</p>
            {phone}
            {tty}
            {email}
            <p class="help-note">{line.hours.describe().join("; ")}</p>
            {status}
            {line.note.clone().map(|n| view! { <p class="help-note">{n}</p> })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::tel;

    #[test]
    fn tel_addresses() {
        assert_eq!(tel("1-800-555-0142"), "tel:+18005550142");
        assert_eq!(tel("711"), "tel:711");
    }
}
