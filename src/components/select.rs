//! A labelled `<select>`.

use leptos::prelude::*;

/// A `<select>` with a real `<label for>`; `value` is the chosen option's
/// value and `on_pick` receives the member's new choice.
#[component]
pub fn SelectField(
    /// The select's `id` (and `name`).
    id: &'static str,
    /// Visible label.
    #[prop(into)]
    label: String,
    /// `(value, text)` of each option, in order.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The chosen value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the value picked.
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for=id>
                {label}
            </label>
            <select
                class="field__input"
                id=id
                name=id
                on:change=move |ev| on_pick.run(event_target_value(&ev))
            >
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let current = v.clone();
                            view! {
                                <option
                                    value=v
                                    prop:selected=move || value.with(|c| *c == current)
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
