//! `/provider/claims`: the status of the claims this provider billed, with
//! filters (patient name or member ID, claim number, status, service dates,
//! NPI), a table on wide screens and cards on phones, and paging. The
//! search goes in the request's body: a patient's name never goes in an
//! address. Nothing is sent while `validate_claim_query` finds a problem.

use super::narrow_window;
use crate::api::{self, ApiError};
use crate::browser::long_date;
use crate::components::{AlertRegion, StatusBadge, SubmitButton, TextField};
use crate::pages::claims::money;
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::claims::ClaimStatus;
use portal_domain::provider::{
    validate_claim_query, ProviderClaim, ProviderClaimQuery, ProviderClaimsPage,
};

/// The filter fields, in form order (also the inputs' ids).
const ORDER: [&str; 6] = ["patient", "claim_number", "status", "from", "to", "npi"];

/// What the results area shows.
#[derive(Clone, Debug, PartialEq)]
enum Results {
    /// The first search is on its way.
    Loading,
    /// A page of results.
    Page(ProviderClaimsPage),
    /// The search failed.
    Failed(String),
}

/// The claim status page.
#[component]
pub fn ProviderClaimsPage() -> impl IntoView {
    crate::pages::page("Claim status");
    let session = use_session();
    let patient = RwSignal::new(String::new());
    let claim_number = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let npi = RwSignal::new(String::new());
    let npis = Memo::new(move |_| {
        session
            .me()
            .and_then(|me| me.provider)
            .map(|p| p.npis)
            .unwrap_or_default()
    });
    let query = Memo::new(move |_| ProviderClaimQuery {
        patient: patient.get(),
        claim_number: claim_number.get(),
        status: ClaimStatus::parse(&status.get()),
        from: from.get(),
        to: to.get(),
        npi: npi.get(),
        page: 0,
    });
    let client =
        Memo::new(move |_| query.with(|q| validate_claim_query(q).err().unwrap_or_default()));
    let form = FormErrors::new(Signal::derive(move || client.get()));
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let results = RwSignal::new(Results::Loading);
    // The query of the results on screen (paging reuses it).
    let shown_query = RwSignal::new(ProviderClaimQuery::default());

    let search = move |q: ProviderClaimQuery| {
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                shown_query.set(q.clone());
                async move { api::provider::claims(&q).await }
            },
            move |answer: Result<ProviderClaimsPage, ApiError>| match answer {
                Ok(page) => results.set(Results::Page(page)),
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    let fields = error.field_errors();
                    form.set_server(fields, &ORDER);
                    results.set(Results::Failed(error.message()));
                }
            },
        );
    };
    // Every claim, newest first, when the page opens.
    search(ProviderClaimQuery::default());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        search(query.get_untracked());
    };
    let go_page = move |delta: i32| {
        let mut q = shown_query.get_untracked();
        q.page = q.page.saturating_add_signed(delta);
        search(q);
    };

    let phone = narrow_window();
    let status_options = move || {
        std::iter::once(view! { <option value="">"Any status"</option> }.into_any())
            .chain(ClaimStatus::ALL.iter().map(|s| {
                let value = s.as_str();
                view! {
                    <option value=value prop:selected=move || status.with(|c| c == value)>
                        {s.label()}
                    </option>
                }
                .into_any()
            }))
            .collect_view()
    };
    let npi_options = move || {
        std::iter::once(view! { <option value="">"All your NPIs"</option> }.into_any())
            .chain(npis.get().into_iter().map(|n| {
                let value = n.npi.clone();
                let current = value.clone();
                view! {
                    <option value=value prop:selected=move || npi.with(|c| *c == current)>
                        {format!("{} ({})", n.name, n.npi)}
                    </option>
                }
                .into_any()
            }))
            .collect_view()
    };
    let select_errors = move |field: &'static str| {
        let errors = form.errors_for(field);
        view! {
            <div class="field__errors" id=format!("{field}-errors")>
                {move || {
                    let list = errors.get();
                    (!list.is_empty())
                        .then(|| view! { <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })
                }}
            </div>
        }
    };

    let results_view = move || match results.get() {
        Results::Loading => crate::pages::loading("Loading claims…"),
        Results::Failed(message) => view! {
            <div class="panel panel--error" role="alert">
                <h3 class="panel__title">"We couldn't load the claims"</h3>
                <p>{message}</p>
            </div>
        }
        .into_any(),
        Results::Page(p) if p.claims.is_empty() => view! {
            <p class="empty">"No claims match this search."</p>
        }
        .into_any(),
        Results::Page(p) => {
            let of = p.total.div_ceil(p.page_size.max(1)).max(1);
            let page = p.page + 1;
            let last = page >= of;
            let first = p.page == 0;
            let list = if phone.get() {
                view! {
                    <ul class="claim-cards" aria-label="Claims">
                        {p.claims.iter().map(claim_card).collect_view()}
                    </ul>
                }
                .into_any()
            } else {
                view! {
                    <table class="claims-table provider-claims-table">
                        <caption class="visually-hidden">"Claims you billed"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Claim"</th>
                                <th scope="col">"Patient"</th>
                                <th scope="col">"Service"</th>
                                <th scope="col">"Billed as"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col" class="num">"Billed"</th>
                                <th scope="col" class="num">"Allowed"</th>
                                <th scope="col" class="num">"Paid"</th>
                                <th scope="col" class="num">"Patient owes"</th>
                            </tr>
                        </thead>
                        <tbody>{p.claims.iter().map(claim_row).collect_view()}</tbody>
                    </table>
                }
                .into_any()
            };
            view! {
                {list}
                <nav class="pager" aria-label="Pages">
                    <button type="button" class="button button--quiet" disabled=first on:click=move |_| go_page(-1)>
                        "Previous"
                    </button>
                    <p class="pager__status">{format!("Page {page} of {of}")}</p>
                    <button type="button" class="button button--quiet" disabled=last on:click=move |_| go_page(1)>
                        "Next"
                    </button>
                </nav>
            }
            .into_any()
        }
    };
    let summary = move || match results.get() {
        Results::Page(p) => format!(
            "{} {}",
            p.total,
            if p.total == 1 { "claim" } else { "claims" }
        ),
        _ => String::new(),
    };

    view! {
        <h1>"Claim status"</h1>
        <p class="lead">"The claims you billed to the plan, newest service first."</p>
        <AlertRegion message=alert />
        <form class="form provider-filters" novalidate=true on:submit=on_submit aria-label="Search claims">
            <TextField
                id="patient"
                label="Patient name or member ID"
                value=patient
                errors=form.errors_for("patient")
                autocomplete="off"
                on:input=move |_| form.edited("patient")
            />
            <TextField
                id="claim_number"
                label="Claim number"
                value=claim_number
                errors=form.errors_for("claim_number")
                autocomplete="off"
                on:input=move |_| form.edited("claim_number")
            />
            <div class="field">
                <label class="field__label" for="status">"Status"</label>
                <select
                    class="field__input"
                    id="status"
                    name="status"
                    aria-describedby="status-errors"
                    on:change=move |ev| {
                        status.set(event_target_value(&ev));
                        form.edited("status");
                    }
                >
                    {status_options}
                </select>
                {select_errors("status")}
            </div>
            <TextField
                id="from"
                label="Service from"
                value=from
                errors=form.errors_for("from")
                input_type="date"
                on:input=move |_| form.edited("from")
            />
            <TextField
                id="to"
                label="Service to"
                value=to
                errors=form.errors_for("to")
                input_type="date"
                on:input=move |_| form.edited("to")
            />
            <div class="field">
                <label class="field__label" for="npi">"NPI"</label>
                <select
                    class="field__input"
                    id="npi"
                    name="npi"
                    aria-describedby="npi-errors"
                    on:change=move |ev| {
                        npi.set(event_target_value(&ev));
                        form.edited("npi");
                    }
                >
                    {npi_options}
                </select>
                {select_errors("npi")}
            </div>
            <div class="provider-filters__actions">
                <SubmitButton label="Search" busy_label="Searching…" pending=pending />
            </div>
        </form>
        <section class="claims-results" aria-labelledby="results-heading">
            <div class="claims-results__bar">
                <h2 id="results-heading" class="claims-results__heading">"Claims"</h2>
                <p class="claims-summary" role="status" aria-live="polite">{summary}</p>
            </div>
            <div class="claims-results__body" aria-busy=move || pending.get().to_string()>
                {results_view}
            </div>
        </section>
    }
}

/// Service dates as one text: one day, or first to last.
fn service_dates(c: &ProviderClaim) -> String {
    if c.service_start == c.service_end {
        long_date(c.service_start)
    } else {
        format!(
            "{} to {}",
            long_date(c.service_start),
            long_date(c.service_end)
        )
    }
}

/// Denial reason and payment number, where there are any.
fn claim_notes(c: &ProviderClaim) -> impl IntoView {
    let denial = c
        .denial_reason
        .clone()
        .map(|r| view! { <p class="claim-note">"Denied: " {r}</p> });
    let payment = c.payment_number.clone().map(|n| {
        view! {
            <p class="claim-note">
                "Payment " <span class="mono">{n}</span>
            </p>
        }
    });
    view! { {denial} {payment} }
}

/// One table row (wide screens).
fn claim_row(c: &ProviderClaim) -> impl IntoView {
    view! {
        <tr>
            <td>
                <span class="mono">{c.claim_number.clone()}</span>
                {claim_notes(c)}
            </td>
            <td>
                {c.patient_name.clone()}
                <span class="claims-table__date mono">{c.member_id.clone()}</span>
            </td>
            <td>{service_dates(c)}</td>
            <td>
                {c.billed_as.clone()}
                <span class="claims-table__date mono">{format!("NPI {}", c.npi)}</span>
            </td>
            <td>
                <StatusBadge status=c.status />
                <span class="claims-table__date">{long_date(c.status_date)}</span>
            </td>
            <td class="num">{money(c.billed)}</td>
            <td class="num">{money(c.allowed)}</td>
            <td class="num">{money(c.paid)}</td>
            <td class="num">{money(c.patient_responsibility)}</td>
        </tr>
    }
}

/// One card (phones).
fn claim_card(c: &ProviderClaim) -> impl IntoView {
    view! {
        <li>
            <article class="claim-card">
                <h3 class="claim-card__title mono">{c.claim_number.clone()}</h3>
                <p class="claim-card__meta">
                    {service_dates(c)} " · " {c.patient_name.clone()} " · "
                    <span class="mono">{c.member_id.clone()}</span>
                </p>
                <p class="claim-card__provider">
                    {c.billed_as.clone()} " · NPI " <span class="mono">{c.npi.clone()}</span>
                </p>
                <StatusBadge status=c.status />
                <dl class="claim-card__amounts">
                    <div>
                        <dt>"Billed"</dt>
                        <dd class="num">{money(c.billed)}</dd>
                    </div>
                    <div>
                        <dt>"Allowed"</dt>
                        <dd class="num">{money(c.allowed)}</dd>
                    </div>
                    <div>
                        <dt>"Paid"</dt>
                        <dd class="num">{money(c.paid)}</dd>
                    </div>
                    <div>
                        <dt>"Patient owes"</dt>
                        <dd class="num">{money(c.patient_responsibility)}</dd>
                    </div>
                </dl>
                {claim_notes(c)}
            </article>
        </li>
    }
}
