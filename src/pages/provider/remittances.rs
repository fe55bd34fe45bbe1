//! `/provider/remittances`: the payments the plan sent this provider,
//! newest first, each with the claims it paid (shown on request), their
//! total, and the whole list as CSV.

use super::narrow_window;
use crate::api;
use crate::browser::long_date;
use crate::pages::claims::money;
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use portal_domain::provider::{Remittance, RemittanceClaim, RemittanceList};

/// The remittances page.
#[component]
pub fn ProviderRemittancesPage() -> impl IntoView {
    crate::pages::page("Remittances");
    let session = use_session();
    let (list, reload) = remote(api::provider::remittances);
    let phone = narrow_window();
    view! {
        <h1>"Remittances"</h1>
        <p class="lead">"The payments we sent you, newest first, with the claims each one paid."</p>
        {move || match list.get() {
            None => crate::pages::loading("Loading remittances…"),
            Some(Err(e)) => crate::pages::load_error(session, "We couldn't load your remittances", &e, reload),
            Some(Ok(l)) => remittance_list(l, phone).into_any(),
        }}
    }
}

/// Payments listed at first, and added by each "Show more payments".
const PAGE: usize = 20;

/// The total, the CSV link and the payments (the newest first, more on request).
fn remittance_list(l: RemittanceList, phone: RwSignal<bool>) -> impl IntoView {
    let count = l.remittances.len();
    let empty = l.remittances.is_empty();
    let shown = RwSignal::new(PAGE);
    let all = StoredValue::new(l.remittances);
    let more = move || {
        let now = shown.get();
        (now < count).then(|| {
            view! {
                <p class="remit-more">
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| shown.update(|n| *n += PAGE)
                    >
                        {format!("Show more payments ({} of {count} shown)", now.min(count))}
                    </button>
                </p>
            }
        })
    };
    view! {
        <div class="remit-summary">
            <p>
                {format!("{count} {} · Total paid ", if count == 1 { "payment" } else { "payments" })}
                <strong>{money(l.total)}</strong>
            </p>
            <a class="button button--quiet" href=api::provider::remittances_csv_url() download="remittances.csv">
                "Download CSV"
            </a>
        </div>
        {empty.then(|| view! { <p class="empty">"No payments yet."</p> })}
        <ul class="remit-list">
            {move || {
                all.with_value(|list| {
                    list.iter().take(shown.get()).cloned().map(|r| remittance(r, phone)).collect_view()
                })
            }}
        </ul>
        {more}
    }
}

/// One payment: its facts, then its claims on request (a disclosure button).
fn remittance(r: Remittance, phone: RwSignal<bool>) -> impl IntoView {
    let heading = format!("remit-{}", r.payment_number);
    let labelled = heading.clone();
    let panel = format!("remit-claims-{}", r.payment_number);
    let controls = panel.clone();
    let claims = StoredValue::new(r.claims);
    let n = claims.with_value(Vec::len);
    let open = RwSignal::new(false);
    view! {
        <li>
            <section class="panel remit" aria-labelledby=labelled>
                <h2 class="panel__title remit__title" id=heading>
                    {format!("{} · {}", long_date(r.paid_on), money(r.total))}
                </h2>
                <dl class="facts facts--row">
                    <div><dt>"Paid on"</dt><dd>{long_date(r.paid_on)}</dd></div>
                    <div><dt>"Payment number"</dt><dd class="mono">{r.payment_number.clone()}</dd></div>
                    <div><dt>"NPI"</dt><dd class="mono">{r.npi.clone()}</dd></div>
                    <div><dt>"Total"</dt><dd>{money(r.total)}</dd></div>
                </dl>
                <button
                    type="button"
                    class="button button--quiet remit__toggle"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=controls
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {format!("Claims in this payment ({n})")}
                </button>
                <div class="remit__claims" id=panel>
                    {move || open.get().then(|| claims.with_value(|claims| if phone.get() {
                        view! {
                            <ul class="claim-cards" aria-label="Claims in this payment">
                                {claims.iter().map(claim_card).collect_view()}
                            </ul>
                        }
                            .into_any()
                    } else {
                        view! {
                            <table class="claims-table">
                                <caption class="visually-hidden">"Claims in this payment"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Claim"</th>
                                        <th scope="col">"Patient"</th>
                                        <th scope="col">"Service"</th>
                                        <th scope="col" class="num">"Billed"</th>
                                        <th scope="col" class="num">"Allowed"</th>
                                        <th scope="col" class="num">"Paid"</th>
                                        <th scope="col" class="num">"Patient owes"</th>
                                    </tr>
                                </thead>
                                <tbody>{claims.iter().map(claim_row).collect_view()}</tbody>
                            </table>
                        }
                            .into_any()
                    }))}
                </div>
            </section>
        </li>
    }
}

/// One claim of a payment as a table row.
fn claim_row(c: &RemittanceClaim) -> impl IntoView {
    view! {
        <tr>
            <td class="mono">{c.claim_number.clone()}</td>
            <td>{c.patient_name.clone()}</td>
            <td>{long_date(c.service_start)}</td>
            <td class="num">{money(c.billed)}</td>
            <td class="num">{money(c.allowed)}</td>
            <td class="num">{money(c.paid)}</td>
            <td class="num">{money(c.patient_responsibility)}</td>
        </tr>
    }
}

/// One claim of a payment as a card (phones).
fn claim_card(c: &RemittanceClaim) -> impl IntoView {
    view! {
        <li>
            <article class="claim-card">
                <h3 class="claim-card__title mono">{c.claim_number.clone()}</h3>
                <p class="claim-card__meta">{long_date(c.service_start)} " · " {c.patient_name.clone()}</p>
                <dl class="claim-card__amounts">
                    <div><dt>"Billed"</dt><dd class="num">{money(c.billed)}</dd></div>
                    <div><dt>"Allowed"</dt><dd class="num">{money(c.allowed)}</dd></div>
                    <div><dt>"Paid"</dt><dd class="num">{money(c.paid)}</dd></div>
                    <div><dt>"Patient owes"</dt><dd class="num">{money(c.patient_responsibility)}</dd></div>
                </dl>
            </article>
        </li>
    }
}
