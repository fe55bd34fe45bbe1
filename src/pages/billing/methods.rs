//! Saved payment methods: each with what the portal keeps (brand, last
//! four, expiry), removal, and adding a card or a bank account.

use super::method_form::NewMethodForm;
use crate::api;
use crate::components::AlertRegion;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::billing::api::PaymentMethod;
use portal_domain::billing::cards::MethodKind;

/// The payment methods section.
#[component]
pub fn MethodsSection(
    /// Saved methods.
    methods: Vec<PaymentMethod>,
    /// The method autopay charges (it cannot be removed).
    autopay_method: Option<i64>,
    /// The processor's tokenization endpoint.
    tokenize_url: String,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let adding = RwSignal::new(None::<MethodKind>);
    let alert = RwSignal::new(None::<String>);
    let url = StoredValue::new(tokenize_url);
    let remove = move |id: i64| {
        spawn_local(async move {
            match api::billing::remove_method(id).await {
                Ok(()) => changed.run(()),
                Err(e) => {
                    if !session.handle_error(&e) {
                        alert.set(Some(e.message()));
                    }
                }
            }
        });
    };
    let empty = methods.is_empty();
    view! {
        <section class="panel" aria-labelledby="methods-heading">
            <h2 id="methods-heading" class="panel__title">"Payment methods"</h2>
            <AlertRegion message=alert />
            {empty.then(|| view! { <p>"No saved payment methods."</p> })}
            <ul class="method-list">
                {methods
                    .into_iter()
                    .map(|m| {
                        let expiry = m
                            .exp_month
                            .zip(m.exp_year)
                            .map(|(mo, y)| format!(" · expires {mo:02}/{y}"))
                            .unwrap_or_default();
                        let used = autopay_method == Some(m.id);
                        let label = m.label.clone();
                        let id = m.id;
                        view! {
                            <li class="method">
                                <span>{format!("{}{expiry}{}", m.label, if used { " · used by autopay" } else { "" })}</span>
                                {(!used).then(|| view! {
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        aria-label=format!("Remove {label}")
                                        on:click=move |_| remove(id)
                                    >
                                        "Remove"
                                    </button>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <div class="button-row">
                <button
                    type="button"
                    class="button button--secondary"
                    aria-expanded=move || (adding.get() == Some(MethodKind::Card)).to_string()
                    on:click=move |_| adding.update(|a| *a = (*a != Some(MethodKind::Card)).then_some(MethodKind::Card))
                >
                    "Add a card"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-expanded=move || (adding.get() == Some(MethodKind::Bank)).to_string()
                    on:click=move |_| adding.update(|a| *a = (*a != Some(MethodKind::Bank)).then_some(MethodKind::Bank))
                >
                    "Add a bank account"
                </button>
            </div>
            {move || adding.get().map(|kind| view! {
                <NewMethodForm
                    kind=kind
                    tokenize_url=url.get_value()
                    submit_label=if kind == MethodKind::Card { "Save card" } else { "Save bank account" }
                    on_saved=Callback::new(move |_| {
                        adding.set(None);
                        changed.run(());
                    })
                />
            })}
        </section>
    }
}
