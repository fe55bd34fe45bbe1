//! One claim in the list: a table row (wider screens) or a card (phones),
//! each linking to the claim's explanation of benefits with the list's
//! query, so "Back to claims" returns to the same view.

use super::money;
use crate::browser::long_date;
use crate::components::StatusBadge;
use leptos::prelude::*;
use portal_domain::claims::ClaimSummary;
use portal_domain::routes::{claim_href, with_query};

/// Link to a claim's detail page, carrying the list's query.
fn detail_href(c: &ClaimSummary, back: &str) -> String {
    with_query(
        &claim_href(c.id),
        &if back.is_empty() {
            String::new()
        } else {
            format!("back={back}")
        },
    )
}

/// One table row.
pub(super) fn claim_row(c: &ClaimSummary, back: &str) -> impl IntoView {
    let a = c.amounts;
    view! {
        <tr>
            <td>
                <span class="claims-table__date">{long_date(c.service_start)}</span>
                <a class="claims-table__number" href=detail_href(c, back)>
                    {c.claim_number.clone()}
                </a>
            </td>
            <td>{c.patient_name.clone()}</td>
            <td>{c.provider.name.clone()}</td>
            <td>{c.category.label()}</td>
            <td>
                <StatusBadge status=c.status />
            </td>
            <td class="num">{money(a.billed)}</td>
            <td class="num">{money(a.plan_paid)}</td>
            <td class="num">{money(a.member_owes)}</td>
        </tr>
    }
}

/// One card (phones).
pub(super) fn claim_card(c: &ClaimSummary, back: &str) -> impl IntoView {
    let a = c.amounts;
    view! {
        <li>
            <article class="claim-card">
                <h3 class="claim-card__title">
                    <a href=detail_href(c, back)>{c.claim_number.clone()}</a>
                </h3>
                <p class="claim-card__meta">
                    {long_date(c.service_start)} " · " {c.patient_name.clone()}
                </p>
                <p class="claim-card__provider">
                    {c.provider.name.clone()} " · " {c.category.label()}
                </p>
                <StatusBadge status=c.status />
                <dl class="claim-card__amounts">
                    <div>
                        <dt>"Billed"</dt>
                        <dd class="num">{money(a.billed)}</dd>
                    </div>
                    <div>
                        <dt>"Plan paid"</dt>
                        <dd class="num">{money(a.plan_paid)}</dd>
                    </div>
                    <div>
                        <dt>"You owe"</dt>
                        <dd class="num">{money(a.member_owes)}</dd>
                    </div>
                </dl>
            </article>
        </li>
    }
}
