//! `/billing/receipts/:transaction`: one payment's receipt, printable.

use crate::api;
use crate::browser::long_date;
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_domain::billing::api::{PaymentStatus, Receipt};
use portal_domain::routes::{Page, TRANSACTION};

/// The receipt page.
#[component]
pub fn PaymentReceiptPage() -> impl IntoView {
    crate::pages::page("Payment receipt");
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get(TRANSACTION).unwrap_or_default());
    view! { <ReceiptView id=id /> }
}

#[component]
fn ReceiptView(id: String) -> impl IntoView {
    let session = use_session();
    let id = StoredValue::new(id);
    let (receipt, reload) = remote(move || api::billing::receipt(&id.get_value()));
    view! {
        <h1>"Payment receipt"</h1>
        {move || match receipt.get() {
            None => loading("Loading the receipt…"),
            Some(Err(e)) => load_error(session, "We couldn't load this receipt", &e, reload),
            Some(Ok(r)) => receipt_view(r).into_any(),
        }}
        {move || {
            let providers = receipt
                .with(|r| matches!(r, Some(Ok(r)) if r.applied.iter().any(|a| is_provider_bill(&a.statement))));
            if providers {
                view! { <p class="no-print"><a href=Page::ProviderBills.href()>"Back to bills from your providers"</a></p> }.into_any()
            } else {
                view! { <p class="no-print"><a href=Page::Billing.href()>"Back to billing and payments"</a></p> }.into_any()
            }
        }}
    }
}

/// Whether a receipt line is a provider bill (`PB-000123`) rather than a
/// premium statement: a payment of provider bills gives the same receipt,
/// with the bill's number where a statement's would be.
fn is_provider_bill(number: &str) -> bool {
    number.starts_with("PB-")
}

fn receipt_view(r: Receipt) -> impl IntoView {
    let headline = match r.status {
        PaymentStatus::Pending => format!("We received your payment of {}.", money(r.amount)),
        PaymentStatus::Posted => format!("Your payment of {} has posted.", money(r.amount)),
        PaymentStatus::Failed => format!("Your payment of {} did not go through.", money(r.amount)),
        PaymentStatus::Returned => format!(
            "Your payment of {} was returned by your bank.",
            money(r.amount)
        ),
    };
    let posts = r.posts_on.map(|d| match r.status {
        PaymentStatus::Pending => ("Expected to post", long_date(d)),
        _ => ("Posted", long_date(d)),
    });
    view! {
        <section class="panel receipt" aria-labelledby="receipt-heading">
            <h2 id="receipt-heading" class="panel__title">{headline}</h2>
            {r.failure.clone().map(|f| view! { <p>{f}</p> })}
            <dl class="review__facts">
                <div><dt>"Transaction ID"</dt><dd data-testid="transaction-id">{r.transaction_id.clone()}</dd></div>
                <div><dt>"Amount"</dt><dd>{money(r.amount)}</dd></div>
                <div><dt>"Paid with"</dt><dd>{r.method.clone()}{if r.autopay { " (autopay)" } else { "" }}</dd></div>
                <div><dt>"Made on"</dt><dd>{long_date(r.made_on)}</dd></div>
                <div><dt>"Status"</dt><dd>{r.status.label()}</dd></div>
                {posts.map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })}
                {r.applied.iter().map(|a| view! {
                    <div><dt>{format!("{} {}", if is_provider_bill(&a.statement) { "Provider bill" } else { "Statement" }, a.statement)}</dt><dd>{money(a.amount)}</dd></div>
                }).collect_view()}
                {(r.credit > portal_domain::Money::ZERO).then(|| view! {
                    <div><dt>"Credit for your next statement"</dt><dd>{money(r.credit)}</dd></div>
                })}
            </dl>
            <p>"Keep this transaction ID: Member Services can find the payment with it."</p>
            <button type="button" class="button button--secondary no-print" on:click=|_| crate::browser::print()>
                "Print this receipt"
            </button>
        </section>
    }
}
