//! `/billing/providers`: what the household owes its providers.

use leptos::prelude::*;

/// The provider bills page.
#[component]
pub fn ProviderBillsPage() -> impl IntoView {
    crate::pages::page("Bills from your providers");
    view! { <h1>"Bills from your providers"</h1> }
}
