//! `/claims/:id`: one claim's explanation of benefits (EOB): the facts,
//! what it cost in plain words, the surprise-billing protection where it
//! applies, what a claim still being processed waits for, the line items,
//! and for denied claims the reason, the real appeal deadline and what to do.
//! The words come from the server ([`portal_domain::claims::eob`]), written
//! for this claim on the server's today. Printable.

use super::{list_href, money, parse_filter};
use crate::api::{self, ApiError};
use crate::browser::{long_date, print, query_pairs, set_title};
use crate::components::{StatusBadge, Term};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use portal_domain::claims::eob::Notice;
use portal_domain::claims::Claim;
use portal_domain::routes::{Page, CLAIM_ID};
use portal_domain::Money;

/// The detail page for the claim in the address (`/claims/:id`); moving
/// to another claim's address shows that claim.
#[component]
pub fn ClaimDetailRoutePage() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get(CLAIM_ID).and_then(|id| id.parse::<i64>().ok())));
    move || view! { <ClaimDetailPage id=id.get() /> }
}

/// The detail page.
#[component]
pub fn ClaimDetailPage(
    /// The claim's id from the path (`None` when it is not a number).
    id: Option<i64>,
) -> impl IntoView {
    crate::pages::page("Claim");
    // The list's query, carried in `back`; re-checked so the link only ever
    // leads to the claims list with valid filters.
    let back = {
        // The raw (still encoded) query: decoded once here, so a `&` or `=`
        // typed into a search survives.
        let search = use_location().search.get_untracked();
        let raw = query_pairs(&search)
            .into_iter()
            .find(|(k, _)| k == "back")
            .map(|(_, v)| v)
            .unwrap_or_default();
        parse_filter(&raw)
            .map(|f| list_href(&f))
            .unwrap_or_else(|_| Page::Claims.href().into())
    };
    match id {
        Some(id) => view! { <ClaimView id=id back=back /> }.into_any(),
        None => not_found(back),
    }
}

/// Loads and shows one claim.
#[component]
fn ClaimView(
    /// The claim's id.
    id: i64,
    /// Where "Back to claims" goes.
    back: String,
) -> impl IntoView {
    let session = use_session();
    let (claim, retry) = remote(move || api::claims::claim(id));
    move || match claim.get() {
        None => view! {
            <h1>"Claim"</h1>
            {loading("Loading the claim…")}
        }
        .into_any(),
        Some(Ok(c)) => eob(c, back.clone()),
        Some(Err(ApiError::NotFound)) => not_found(back.clone()),
        Some(Err(e)) => view! {
            <h1>"Claim"</h1>
            {load_error(session, "We couldn't load this claim", &e, retry)}
            <p>
                <a href=back.clone()>"Back to claims"</a>
            </p>
        }
        .into_any(),
    }
}

/// "We couldn't find that claim" (also for another household's claims).
fn not_found(back: String) -> AnyView {
    set_title("Claim not found");
    view! {
        <h1>"We couldn't find that claim"</h1>
        <p class="lead">
            "There's no claim at this address among the claims you can see. "
            "Check the link, or find the claim in your list."
        </p>
        <p>
            <a class="button" href=back>
                "Back to claims"
            </a>
        </p>
    }
    .into_any()
}

/// The service dates: one day, or a range.
fn service_dates(c: &Claim) -> String {
    let s = &c.summary;
    if s.service_start == s.service_end {
        long_date(s.service_start)
    } else {
        format!(
            "{} to {}",
            long_date(s.service_start),
            long_date(s.service_end)
        )
    }
}

/// Paragraphs of plain text (one template for all).
fn paragraphs(texts: Vec<String>) -> impl IntoView {
    texts
        .into_iter()
        .map(|t| view! { <p>{t}</p> })
        .collect_view()
}

/// A notice panel (protection, pending, denial): heading, paragraphs,
/// list, and a link to the rights page it is about, if any.
fn notice(
    n: Notice,
    id: &'static str,
    class: &'static str,
    rights: Option<(&'static str, Page)>,
) -> impl IntoView {
    let no_list = n.items.is_empty();
    let link = rights.map(|(text, page)| {
        view! {
            <p class="no-print">
                <a href=page.href()>{text}</a>
            </p>
        }
    });
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{n.title}</h2>
            {paragraphs(n.paragraphs)}
            <ul hidden=no_list>{n.items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            {link}
        </section>
    }
}

/// The whole explanation of benefits.
fn eob(mut claim: Claim, back: String) -> AnyView {
    let explanation = claim.explanation.take().unwrap_or_default();
    let s = &claim.summary;
    let a = s.amounts;
    set_title(&format!("Claim {}", s.claim_number));
    let provider = &s.provider;

    // The header facts: (term, value, secondary line).
    let mut facts: Vec<(&str, String, String)> = vec![
        (
            "Patient",
            s.patient_name.clone(),
            format!("Member ID {}", claim.patient_member_id.printed()),
        ),
        (
            "Provider",
            provider.name.clone(),
            format!("NPI {} · {}", provider.npi, provider.network.label()),
        ),
        ("Service dates", service_dates(&claim), String::new()),
        ("Claim type", s.claim_type.label().into(), String::new()),
        ("Category", s.category.label().into(), String::new()),
    ];
    // The clinicians the claim names (after the billing provider).
    for (i, t) in claim.care_team.iter().enumerate() {
        facts.insert(
            2 + i,
            (
                "Clinician",
                t.display_name(),
                format!("{} · NPI {}", t.role.label(), t.npi),
            ),
        );
    }

    // What it cost, in plain words (written by the server).
    let mut story = explanation.story;
    let processed = explanation.pending.is_none();

    // What you owe, part by part (only what applies).
    // Each with its glossary entry, if it has one (an inline definition).
    let parts: Vec<(&str, Option<&str>, &str, Money)> = [
        (
            "Deductible",
            Some("deductible"),
            "what you pay for covered care before your plan starts to pay",
            a.deductible,
        ),
        (
            "Copay",
            Some("copayment"),
            "a set amount for this kind of care",
            a.copay,
        ),
        (
            "Coinsurance",
            Some("coinsurance"),
            "your share of the allowed amount after your deductible",
            a.coinsurance,
        ),
        (
            "Not covered",
            None,
            "charges your plan doesn't cover",
            a.not_covered,
        ),
    ]
    .into_iter()
    .filter(|(_, _, _, m)| *m != Money::ZERO)
    .collect();
    if processed {
        story.push(format!(
            "You owe {}{}",
            money(a.member_owes),
            if parts.is_empty() {
                "."
            } else {
                ", made up of:"
            }
        ));
    }

    let owe_table = (processed && !parts.is_empty()).then(|| {
        view! {
            <table class="owe-table">
                <caption class="visually-hidden">"How what you owe adds up"</caption>
                <tbody>
                    {parts
                        .into_iter()
                        .map(|(label, slug, why, m)| {
                            let label = match slug {
                                Some(slug) => view! { <Term slug=slug>{label}</Term> }.into_any(),
                                None => label.into_any(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">
                                        {label} <span class="owe-table__why">{why}</span>
                                    </th>
                                    <td class="num">{money(m)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"You owe"</th>
                        <td class="num">{money(a.member_owes)}</td>
                    </tr>
                </tfoot>
            </table>
        }
    });

    let mut line_notes = Vec::new();
    if claim.lines.iter().any(|l| l.amounts.billed < Money::ZERO) {
        line_notes.push(
            "Lines marked “Reversal” undo an earlier charge: their amounts are negative and cancel the original line."
                .to_string(),
        );
    }
    let lines = claim
        .lines
        .iter()
        .map(|l| {
            let la = l.amounts;
            let reversal = la.billed < Money::ZERO || la.member_owes < Money::ZERO;
            // Not processed yet: the figures are not known, not $0.00.
            let figure = move |m: Money| {
                if processed {
                    money(m)
                } else {
                    "Pending".to_string()
                }
            };
            view! {
                <tr class:line--reversal=reversal>
                    <td class="mono">{l.code.clone()}</td>
                    <td>
                        {l.description.clone()}
                        {reversal.then(|| view! { " " <span class="tag">"Reversal"</span> })}
                    </td>
                    <td class="num">{l.quantity}</td>
                    <td class="num">{money(la.billed)}</td>
                    <td class="num">{figure(la.allowed)}</td>
                    <td class="num">{figure(la.plan_paid)}</td>
                    <td class="num">{figure(la.member_owes)}</td>
                </tr>
            }
        })
        .collect_view();

    let denial = explanation.denial.map(|n| {
        notice(
            n,
            "denial-heading",
            "panel panel--notice",
            Some(("Your claims and appeals rights", Page::AppealsRights)),
        )
    });
    let pending = explanation
        .pending
        .map(|n| notice(n, "pending-heading", "panel panel--notice", None));
    let protection = explanation.protection.map(|n| {
        notice(
            n,
            "protection-heading",
            "panel panel--info",
            Some(("Your surprise billing protections", Page::SurpriseBilling)),
        )
    });

    view! {
        <div class="eob">
            <p class="eob__back no-print">
                <a href=back>
                    <span aria-hidden="true">"← "</span>
                    "Back to claims"
                </a>
            </p>
            <div class="eob__title">
                <h1>"Claim " {s.claim_number.clone()}</h1>
                <div class="eob__actions no-print">
                    <a
                        class="button button--quiet"
                        href=crate::api::claims::eob_pdf_url(s.id)
                        download=format!("eob-{}.pdf", s.claim_number)
                    >
                        "Download PDF"
                        <span class="visually-hidden">
                            {format!(" of the explanation of benefits for claim {}", s.claim_number)}
                        </span>
                    </a>
                    <button type="button" class="button button--quiet" on:click=|_| print()>
                        "Print"
                    </button>
                </div>
            </div>
            <p class="lead">"Explanation of benefits. This is not a bill."</p>
            <dl class="facts">
                {facts
                    .into_iter()
                    .map(|(term, value, sub)| {
                        view! {
                            <div>
                                <dt>{term}</dt>
                                <dd>
                                    {value} <span class="facts__sub facts__sub--block">{sub}</span>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
                <div>
                    <dt>"Status"</dt>
                    <dd>
                        <StatusBadge status=s.status />
                        <span class="facts__sub">{format!(" as of {}", long_date(s.status_date))}</span>
                    </dd>
                </div>
            </dl>
            {denial}
            {pending}
            {protection}
            <section class="panel eob__cost" aria-labelledby="cost-heading">
                <h2 id="cost-heading">"What this claim cost"</h2>
                {paragraphs(story)}
                {owe_table}
            </section>
            <section class="eob__lines" aria-labelledby="lines-heading">
                <h2 id="lines-heading">"Line items"</h2>
                {paragraphs(line_notes)}
                <div class="table-scroll" role="region" aria-label="Line items table" tabindex="0">
                    <table class="lines-table">
                        <caption class="visually-hidden">"Line items of this claim"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Code"</th>
                                <th scope="col">"Description"</th>
                                <th scope="col" class="num">"Quantity"</th>
                                <th scope="col" class="num">"Billed"</th>
                                <th scope="col" class="num">"Allowed"</th>
                                <th scope="col" class="num">"Plan paid"</th>
                                <th scope="col" class="num">"You owe"</th>
                            </tr>
                        </thead>
                        <tbody>{lines}</tbody>
                    </table>
                </div>
            </section>
        </div>
    }
    .into_any()
}
