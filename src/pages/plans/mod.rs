//! `/plans`: compare plans side by side, work out a year's cost under each
//! (in the browser, with `portal-domain`'s engine), and change plan during
//! open enrollment or after a qualifying life event.

mod change;
mod compare;
mod doctors;
mod whatif;

use crate::api;
use crate::components::{later, Term};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use portal_domain::plans::api::PlanCatalog;

/// The plans page: three sections over one catalogue load.
#[component]
pub fn PlansPage() -> impl IntoView {
    crate::pages::page("Plans");
    let session = use_session();
    let (catalog, retry) = remote(api::plans::catalog);
    view! {
        <h1>"Plans and costs"</h1>
        <p class="lead">
            "Compare your plan with next year's plans, see what a year could cost under each, and change plans during open enrollment."
        </p>
        <p class="help-note term-line">
            "What these mean: " <Term slug="premium">"premium"</Term> ", "
            <Term slug="deductible">"deductible"</Term> ", "
            <Term slug="out-of-pocket-maximum-limit">"out-of-pocket maximum"</Term> ", "
            <Term slug="copayment">"copayment"</Term> ", "
            <Term slug="coinsurance">"coinsurance"</Term> ", "
            <Term slug="health-savings-account-hsa">"HSA"</Term> ", "
            <Term slug="formulary">"formulary"</Term>
        </p>
        {move || match catalog.get() {
            None => loading("Loading plans…"),
            Some(Ok(c)) => loaded(c).into_any(),
            Some(Err(e)) => load_error(session, "We couldn't load the plans", &e, retry),
        }}
    }
}

fn loaded(catalog: PlanCatalog) -> impl IntoView {
    let premium = current_premium(&catalog);
    let catalog = StoredValue::new(catalog);
    // The comparison first; the panels below it (the what-if prices a
    // year under every plan) each in a task of its own.
    view! {
        {premium}
        <compare::ComparePanel catalog=catalog />
        {later(|| view! { <doctors::DoctorsPanel /> })}
        {later(move || view! { <whatif::WhatIfPanel catalog=catalog /> })}
        {later(move || view! { <change::ChangePanel catalog=catalog /> })}
    }
}

/// What the household pays now: the current plan's premium for its tier,
/// the same figure as the premium bill on the dashboard and in the alerts
/// (both come from the plan catalogue).
fn current_premium(catalog: &PlanCatalog) -> Option<impl IntoView> {
    let plan = catalog
        .plans
        .iter()
        .find(|p| p.id == catalog.current_plan_id)?;
    let text = format!(
        "{} a month for {} coverage on {}.",
        crate::pages::claims::money(plan.premiums.monthly(catalog.tier)),
        catalog.tier.label().to_lowercase(),
        plan.name
    );
    Some(view! {
        <p class="plans-premium" data-testid="current-premium">
            <strong>"Your premium now: "</strong>
            {text}
            " This is your household's share, the bill on your home page; the premiums below are what you would pay under each plan."
        </p>
    })
}

/// The name of a plan in the catalogue (its code when unknown).
fn plan_name(catalog: &PlanCatalog, id: &str) -> String {
    catalog
        .plans
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}
