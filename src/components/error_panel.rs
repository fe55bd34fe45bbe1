//! One error vocabulary for the UI: a panel for failed loads and an always
//! present alert region for form-level messages.

use leptos::prelude::*;

/// A failed load: what happened in plain words, and a way to retry.
#[component]
pub fn ErrorPanel(
    /// Short heading ("We couldn't load your coverage").
    #[prop(into)]
    title: String,
    /// Plain, member-safe explanation.
    #[prop(into)]
    message: String,
    /// Offer a "Try again" button that calls this.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="panel panel--error" role="alert">
            <h2 class="panel__title">{title}</h2>
            <p>{message}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            "Try again"
                        </button>
                    }
                })}
        </div>
    }
}

/// A `role="alert"` region that is always in the DOM (so screen readers
/// announce what is put into it) and shows `message` when there is one.
#[component]
pub fn AlertRegion(
    /// The message to announce; `None` leaves the region empty.
    #[prop(into)]
    message: Signal<Option<String>>,
    /// Optional `id` (e.g. for `aria-describedby` on the form).
    #[prop(optional, into)]
    id: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <div class="alert" role="alert" id=move || id.get()>
            {move || message.get().map(|m| view! { <p class="alert__message">{m}</p> })}
        </div>
    }
}
