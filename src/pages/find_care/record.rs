//! "Keep a record of this listing": what the directory says now, kept by
//! the plan with a reference number and downloaded as a PDF, so a member
//! who relied on it and was billed out of network can show what it said
//! (No Surprises Act).

use crate::api;
use crate::components::AlertRegion;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::care::directory::ListingRecord;

/// The button and, once kept, the download link.
#[component]
pub fn KeepRecord(
    /// The listing.
    id: i64,
) -> impl IntoView {
    let pending = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let kept = RwSignal::new(None::<ListingRecord>);
    let keep = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        alert.set(None);
        spawn_local(async move {
            let r = api::directory::keep_record(id).await;
            if pending.try_set(false).is_none() {
                match r {
                    Ok(rec) => kept.set(Some(rec)),
                    Err(e) => alert.set(Some(e.message())),
                }
            }
        });
    };
    view! {
        <div class="record">
            <AlertRegion message=alert />
            <button
                type="button"
                class="button button--secondary"
                disabled=move || pending.get()
                on:click=keep
            >
                {move || if pending.get() { "Saving…" } else { "Keep a record of this listing" }}
            </button>
            {move || kept.get().map(|r| {
                let file = format!("directory-record-{}.pdf", r.reference);
                view! {
                    <p class="record__done" role="status">
                        {format!("Saved as {}. ", r.reference)}
                        <a href=r.pdf_href download=file rel="external">"Download the record (PDF)"</a>
                    </p>
                }
            })}
        </div>
    }
}
