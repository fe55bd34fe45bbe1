//! `/id-card` (and `/cards`): the front and back of the ID card of everyone
//! in the household the member may see, with a card-sized print layout and
//! a PDF download made by the server.

use crate::api;
use crate::components::{IdCardView, Term};
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use portal_domain::api::MemberSummary;

/// One card per visible household member.
#[component]
pub fn IdCardsPage() -> impl IntoView {
    crate::pages::page("ID cards");
    let session = use_session();
    let (coverage, retry) = remote(api::coverage::coverage);
    view! {
        <h1>"ID cards"</h1>
        <p class="lead">"Show these cards at the doctor's office or pharmacy, print them, or save them as PDF."</p>
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=|_| crate::browser::print()>
                "Print cards"
            </button>
        </p>
        {move || match coverage.get() {
            None => loading("Loading ID cards…"),
            Some(Ok(coverage)) => {
                let own = coverage.card.member.id;
                let next_plan = coverage.next_plan.clone().map(|c| {
                    view! {
                        <p class="panel panel--info next-plan">
                            {format!(
                                "From {}, your new cards will show {}. These cards stay valid until then.",
                                crate::browser::long_date(c.effective),
                                c.plan_name,
                            )}
                        </p>
                    }
                });
                view! {
                    {next_plan}
                    <div class="cards">
                        <IdCardView card=coverage.card title="Your card" />
                        {coverage
                            .household
                            .into_iter()
                            .filter(|m| m.id != own)
                            .map(|member| view! { <MemberCard member=member /> })
                            .collect_view()}
                    </div>
                    <p class="field__hint">
                        "Family members aged 18 or over appear here only if they share their information with you."
                    </p>
                    <p class="help-note term-line no-print">
                        "What these mean: " <Term slug="copayment">"copayment"</Term> ", "
                        <Term slug="network">"network"</Term> ", "
                        <Term slug="primary-care">"primary care"</Term> ", "
                        <Term slug="specialist">"specialist"</Term>
                    </p>
                }
                    .into_any()
            }
            Some(Err(error)) => load_error(session, "We couldn't load your ID cards", &error, retry),
        }}
    }
}

/// The card of one other household member.
#[component]
fn MemberCard(
    /// Whose card.
    member: MemberSummary,
) -> impl IntoView {
    let session = use_session();
    let id = member.id;
    let title = format!("{} {}'s card", member.first_name, member.last_name);
    let (card, retry) = remote(move || api::coverage::member_card(id));
    move || match card.get() {
        None => loading("Loading the card…"),
        Some(Ok(card)) => view! { <IdCardView card=card title=title.clone() /> }.into_any(),
        Some(Err(error)) => load_error(session, "We couldn't load this card", &error, retry),
    }
}
