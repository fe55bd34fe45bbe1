//! `/account/data`: "Download all my data". What the archive holds and
//! whose data, the request button, and each request of the last 30 days
//! with its progress (checked every few seconds while one is prepared), its
//! download link and when it is deleted.

use super::StatusLine;
use crate::api::{self, ApiError};
use crate::browser::local_date_time_of;
use crate::components::AlertRegion;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use portal_domain::data_export::{
    size_label, DataExport, ExportStatus, ARCHIVE_CONTENTS, EXPORTS_PER_DAY, EXPORT_KEEP_DAYS,
};
use portal_domain::routes::Page;
use std::time::Duration;

/// How often the list is read again while an archive is being prepared.
const POLL: Duration = Duration::from_secs(2);

/// The page.
#[component]
pub fn AccountDataPage() -> impl IntoView {
    crate::pages::page("Download your data");
    let session = use_session();
    let (list, reload) = remote(api::data_export::exports);
    let alert = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    // While one is being prepared, read the list again every few seconds.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let busy = list
            .with(|l| matches!(l, Some(Ok(items)) if items.iter().any(DataExport::in_progress)));
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if busy {
            let handle = set_timeout_with_handle(move || reload.run(()), POLL).ok();
            let _ = timer.try_set_value(handle);
        }
    });
    on_cleanup(move || {
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    });

    let ask = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        alert.set(None);
        done.set(None);
        spawn_local(async move {
            let result: Result<DataExport, ApiError> = api::data_export::request().await;
            pending.set(false);
            match result {
                Ok(_) => {
                    done.set(Some(
                        "We're preparing your download. It usually takes a minute or two; we'll also put an alert on your dashboard when it's ready.".into(),
                    ));
                    reload.run(());
                }
                Err(e) => {
                    if !session.handle_error(&e) {
                        alert.set(Some(e.message()));
                    }
                    reload.run(());
                }
            }
        });
    };

    view! {
        <h1>"Download your data"</h1>
        <super::AccountNav />
        <p class="lead">
            "Get a copy of your health plan information to keep, to give your tax preparer, or to move to another app or plan. "
            "It includes you and the family members whose information you can see in the portal ("
            <A href=Page::Sharing.href()>"family sharing"</A> ")."
        </p>
        <section class="panel data-export__panel" aria-labelledby="data-contents-heading">
            <h2 class="panel__title" id="data-contents-heading">"What you'll get"</h2>
            <p>"One ZIP file with:"</p>
            <ul>{ARCHIVE_CONTENTS.iter().map(|c| view! { <li>{*c}</li> }).collect_view()}</ul>
            <p>
                "We prepare it in the background. You can ask " {EXPORTS_PER_DAY.to_string()}
                " times a day; each download is kept for " {EXPORT_KEEP_DAYS.to_string()} " days, then deleted."
            </p>
            <p class="data-export__warning">
                "The file holds health information. Keep it somewhere safe. Once you share it with a person or an app, "
                "your plan's privacy protections (HIPAA) may no longer apply to their copy."
            </p>
            <AlertRegion message=alert />
            <StatusLine message=done />
            <button
                type="button"
                class="button button--primary"
                disabled=move || pending.get()
                on:click=ask
            >
                {move || if pending.get() { "Asking…" } else { "Prepare my download" }}
            </button>
        </section>
        <section class="panel data-export__panel" aria-labelledby="data-requests-heading">
            <h2 class="panel__title" id="data-requests-heading">"Your downloads"</h2>
            {move || match list.get() {
                None => loading("Loading your downloads…"),
                Some(Err(e)) => load_error(session, "We couldn't load your downloads", &e, reload),
                Some(Ok(items)) if items.is_empty() => view! {
                    <p class="empty">"You haven't asked for a download in the last 30 days."</p>
                }
                    .into_any(),
                Some(Ok(items)) => view! {
                    <ul class="data-exports">{items.into_iter().map(export_row).collect_view()}</ul>
                }
                    .into_any(),
            }}
        </section>
    }
}

/// One request: when, whose data, and where it is.
fn export_row(e: DataExport) -> impl IntoView {
    let requested = format!("Asked for {}", local_date_time_of(e.requested_at));
    let who = if e.members.is_empty() {
        String::new()
    } else {
        format!("Holds the information of {}.", e.members.join(", "))
    };
    let percent = e.percent();
    let state = match e.status {
        ExportStatus::Queued | ExportStatus::Building => {
            let text = if e.total == 0 {
                "Getting started…".to_string()
            } else {
                format!(
                    "Prepared {} of {} files ({percent}%).",
                    e.done.min(e.total),
                    e.total
                )
            };
            let label = format!("Preparing your download: {percent}%");
            view! {
                <p class="data-export__status">{e.status.label()}</p>
                <progress class="data-export__progress" max="100" value=percent.to_string() aria-label=label></progress>
                <p>{text}</p>
            }
            .into_any()
        }
        ExportStatus::Ready => {
            let size = e.size_bytes.map(size_label).unwrap_or_default();
            let until = e
                .expires_at
                .map(|t| format!("Available until {}.", local_date_time_of(t)))
                .unwrap_or_default();
            let link = format!("Download your data (ZIP, {size})");
            view! {
                <p class="data-export__status">{e.status.label()}</p>
                <p>
                    <a class="button button--secondary" href=api::data_export::archive_href(e.id) download="">
                        {link}
                    </a>
                </p>
                <p>{until}</p>
            }
            .into_any()
        }
        ExportStatus::Failed => view! {
            <p class="data-export__status">{e.status.label()}</p>
            <p>"Something went wrong while we prepared it. Please ask for a new download."</p>
        }
        .into_any(),
        ExportStatus::Expired => view! {
            <p class="data-export__status">{e.status.label()}</p>
            <p>"Its download period has ended and it was deleted."</p>
        }
        .into_any(),
    };
    view! {
        <li class="data-export">
            <h3 class="data-export__title">{requested}</h3>
            <p>{who}</p>
            {state}
        </li>
    }
}
