//! A form's submit button: disabled while the form's request is on its way,
//! and saying so.

use leptos::prelude::*;

/// The submit button of a form.
#[component]
pub fn SubmitButton(
    /// The words on the button.
    label: &'static str,
    /// The words while the request is on its way (`label` when not given).
    #[prop(optional)]
    busy_label: Option<&'static str>,
    /// Whether the request is on its way: the button is disabled then, so
    /// a double click cannot send twice.
    #[prop(into)]
    pending: Signal<bool>,
    /// The button's classes (`button button--primary` when not given).
    #[prop(default = "button button--primary")]
    class: &'static str,
) -> impl IntoView {
    let busy = busy_label.unwrap_or(label);
    view! {
        <button type="submit" class=class disabled=move || pending.get()>
            {move || if pending.get() { busy } else { label }}
        </button>
    }
}
