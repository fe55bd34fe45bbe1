//! `/claims`: filter bar, summary of the matched set, sortable results
//! (a table on wider screens, cards on phones), paging, CSV export and
//! saved filters.
//!
//! Data flow: URL query → [`ClaimFilter`](portal_domain::claims::ClaimFilter)
//! (memo, in [`control::ListControl`]) → one `GET /claims` per change. A
//! newer filter aborts the request of the older one (the api helper aborts
//! on its owner's cleanup, and the owner here is the fetch effect's run),
//! and a generation counter drops any answer that is not the latest. The
//! previous results stay on screen while the next load (`aria-busy` on the
//! results).

mod control;
mod filters;
mod results;

use super::query_string;
use super::saved::SavedFilters;
use crate::api::{self, ApiError};
use crate::components::Term;
use crate::state::session::use_session;
use control::ListControl;
use filters::ClaimsFilters;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api::ClaimsPage;
use results::ClaimsResults;

/// The claims list.
#[component]
pub fn ClaimsListPage() -> impl IntoView {
    crate::pages::page("Claims");
    let session = use_session();
    let control = ListControl::new();
    let parsed = control.parsed;

    // ---- Loading the results ----
    let data = RwSignal::new(None::<Result<ClaimsPage, ApiError>>);
    let busy = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        reload.track();
        let Some(q) = parsed.with(|p| p.as_ref().ok().map(query_string)) else {
            busy.set(false);
            return;
        };
        let run = generation.get_value().wrapping_add(1);
        generation.set_value(run);
        busy.set(true);
        let pending = api::claims::list(&q);
        spawn_local(async move {
            let result = pending.await;
            if generation.try_get_value() != Some(run) {
                return; // stale (aborted or overtaken)
            }
            if let Err(e) = &result {
                session.handle_error(e);
            }
            busy.set(false);
            data.set(Some(result));
        });
    });
    let retry = Callback::new(move |()| reload.update(|n| *n += 1));

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
        <ClaimsResults control data=data.read_only() busy=busy.read_only() retry />
    }
}
