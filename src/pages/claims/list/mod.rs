//! `/claims`: filter bar, summary of the matched set, sortable results
//! (a table on wider screens, cards on phones), paging, CSV export and
//! saved filters.
//!
//! Data flow: URL query → [`ClaimFilter`](portal_domain::claims::ClaimFilter)
//! (memo, in [`control::ListControl`]) → one `GET /claims` per change
//! ([`latest`]: a newer filter aborts the older request and only the
//! latest answer counts). The previous results stay on screen while the
//! next load (`aria-busy` on the results).

mod control;
mod filters;
mod results;

use super::query_string;
use super::saved::SavedFilters;
use crate::api;
use crate::components::Term;
use crate::state::remote::{latest, Latest};
use control::ListControl;
use filters::ClaimsFilters;
use leptos::prelude::*;
use results::ClaimsResults;

/// The claims list.
#[component]
pub fn ClaimsListPage() -> impl IntoView {
    crate::pages::page("Claims");
    let control = ListControl::new();
    let parsed = control.parsed;

    let Latest { data, busy, retry } = latest(
        move || parsed.with(|p| p.as_ref().ok().map(query_string)),
        |q: &String| api::claims::list(q),
    );

    view! {
        <h1>"Claims"</h1>
        <p class="help-note term-line">
            "What these mean: " <Term slug="allowed-amount">"allowed amount"</Term> ", "
            <Term slug="deductible">"deductible"</Term> ", "
            <Term slug="copayment">"copayment"</Term> ", "
            <Term slug="coinsurance">"coinsurance"</Term> ", "
            <Term slug="network">"network"</Term>
        </p>
        <ClaimsFilters control />
        <SavedFilters
            current=control.filter.into()
            apply=Callback::new(move |q: String| control.apply_saved(&q))
        />
        <ClaimsResults control data busy retry />
    }
}
