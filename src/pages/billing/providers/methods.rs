//! The saved payment method a provider payment or plan charges: a radio
//! group of the household's saved methods (added on `/billing`).

use leptos::prelude::*;
use portal_domain::billing::api::PaymentMethod;
use portal_domain::routes::Page;

/// A radio group of saved methods with its errors beside it; without any
/// saved method, where to add one.
#[component]
pub fn MethodChoice(
    /// The group's id (focused on an error); the radios get `{id}-{method}`,
    /// the errors `{id}-errors`.
    id: &'static str,
    /// The group's legend.
    legend: &'static str,
    /// The saved methods.
    methods: Vec<PaymentMethod>,
    /// The chosen method's id.
    chosen: RwSignal<Option<i64>>,
    /// Errors to show beside the group.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    /// Called when the member picks a method.
    on_pick: Callback<()>,
) -> impl IntoView {
    let errors_id = format!("{id}-errors");
    let name = format!("{id}-radio");
    let empty = methods.is_empty();
    view! {
        <fieldset
            class="choices"
            id=id
            tabindex="-1"
            aria-describedby=errors_id.clone()
            class:field--invalid=move || errors.with(|e| !e.is_empty())
        >
            <legend>{legend}</legend>
            {empty.then(|| view! {
                <p>
                    "You have no saved card or bank account. "
                    <a href=Page::Billing.href()>"Add one under Payment methods on Billing and payments"</a>
                    ", then come back to this page."
                </p>
            })}
            {methods
                .into_iter()
                .map(|m| {
                    let input_id = format!("{id}-{}", m.id);
                    let method = m.id;
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name=name.clone()
                                id=input_id.clone()
                                prop:checked=move || chosen.get() == Some(method)
                                on:change=move |_| {
                                    chosen.set(Some(method));
                                    on_pick.run(());
                                }
                            />
                            <label for=input_id>{m.label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
        <div class="field__errors" id=errors_id role="alert">
            {move || {
                let list = errors.get();
                (!list.is_empty()).then(|| view! {
                    <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                })
            }}
        </div>
    }
}
