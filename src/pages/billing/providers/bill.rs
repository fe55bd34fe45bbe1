//! One provider bill as a card: who, where, when, the claim it comes from
//! (linking to its explanation of benefits), the amounts, the status in
//! words, and its dispute (or the button to open one).

use super::dispute::DisputeForm;
use super::{focus_soon, Board};
use crate::browser::{focus_id, long_date};
use crate::pages::claims::money;
use leptos::prelude::*;
use portal_domain::billing::provider_bills::{Dispute, ProviderBill, ProviderBillStatus};
use portal_domain::routes::{claim_href, message_href};
use portal_domain::Money;

/// Whether a bill in `status` may be disputed: it still owes something and
/// no dispute is open on it.
fn disputable(status: ProviderBillStatus) -> bool {
    !matches!(
        status,
        ProviderBillStatus::Paid | ProviderBillStatus::Processing | ProviderBillStatus::Disputed
    )
}

/// A `tel:` address for a phone number as printed (`(555) 010-2000`).
fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// One bill.
#[component]
pub fn BillCard(
    /// The bill.
    bill: ProviderBill,
    /// Whether the viewer may dispute it (the subscriber).
    can_dispute: bool,
    /// The page's shared state.
    board: Board,
) -> impl IntoView {
    let id = bill.id;
    let heading_id = format!("pb-bill-{id}");
    let button_id = format!("pb-dispute-open-{id}");
    let status_class = format!("badge badge--pb-{}", bill.status.as_str());
    let show_dispute_button = can_dispute && disputable(bill.status) && bill.dispute.is_none();
    let number = bill.number.clone();
    let dispute = bill.dispute.clone();
    let phone = bill.provider_phone.clone();
    let button_focus = button_id.clone();
    view! {
        <li class="pb-bill" data-testid="pb-bill">
            <div class="pb-bill__head">
                <h3 class="pb-bill__title" id=heading_id>
                    {bill.provider.clone()}
                    <span class="pb-bill__number">{format!("Bill {}", bill.number)}</span>
                </h3>
                <span class=status_class>{bill.status.label()}</span>
            </div>
            <dl class="pb-bill__facts">
                <div><dt>"Patient"</dt><dd>{bill.patient.clone()}</dd></div>
                <div><dt>"Service date"</dt><dd>{long_date(bill.service_date)}</dd></div>
                <div>
                    <dt>"Claim"</dt>
                    <dd>
                        <a href=claim_href(bill.claim_id)>
                            {bill.claim_number.clone()}
                            <span class="visually-hidden">": explanation of benefits"</span>
                        </a>
                    </dd>
                </div>
                <div><dt>"Due"</dt><dd>{long_date(bill.due)}</dd></div>
                <div><dt>"Your share"</dt><dd>{money(bill.amount)}</dd></div>
                <div><dt>"Paid"</dt><dd>{money(bill.paid)}</dd></div>
                {(bill.pending > Money::ZERO).then(|| view! {
                    <div><dt>"Processing"</dt><dd>{money(bill.pending)}</dd></div>
                })}
                <div><dt>"Balance"</dt><dd data-testid="pb-balance">{money(bill.balance)}</dd></div>
            </dl>
            <p class="pb-bill__phone">
                "Provider's billing phone: "
                <a class="phone" href=tel(&phone)>{phone.clone()}</a>
            </p>
            {dispute.map(|d| dispute_line(&d))}
            {move || {
                board.disputed.get().filter(|(b, _)| *b == id).map(|(_, d)| dispute_done(&d))
            }}
            {show_dispute_button.then(|| {
                let number = number.clone();
                let focus_back = button_focus.clone();
                move || {
                    if board.disputing.get() == Some(id) {
                        let focus_back = focus_back.clone();
                        view! {
                            <DisputeForm
                                bill_id=id
                                number=number.clone()
                                board=board
                                on_close=Callback::new(move |()| {
                                    board.disputing.set(None);
                                    focus_id(&focus_back);
                                })
                            />
                        }
                        .into_any()
                    } else {
                        let number = number.clone();
                        view! {
                            <button
                                type="button"
                                class="button button--secondary no-print"
                                id=button_id.clone()
                                on:click=move |_| {
                                    board.disputing.set(Some(id));
                                    focus_soon(format!("pb-dispute-heading-{id}"));
                                }
                            >
                                "Dispute this bill"
                                <span class="visually-hidden">{format!(" {number}")}</span>
                            </button>
                        }
                        .into_any()
                    }
                }
            })}
        </li>
    }
}

/// The dispute on a bill, as the bill shows it.
fn dispute_line(d: &Dispute) -> impl IntoView {
    view! {
        <p class="pb-bill__dispute" data-testid="pb-dispute">
            {format!(
                "Dispute {}: {} (opened {}). ",
                d.reference,
                d.status.label(),
                long_date(d.opened_on)
            )}
            <a href=message_href(d.thread_id)>"Read the messages about it"</a>
        </p>
    }
}

/// What the member sees right after opening a dispute.
fn dispute_done(d: &Dispute) -> impl IntoView {
    view! {
        <div class="panel panel--info pb-bill__done" role="status">
            <h4 class="pb-bill__done-title" id="pb-dispute-done" tabindex="-1">
                {format!("Dispute {} is open", d.reference)}
            </h4>
            <p>
                "We sent it to Member Services as a secure message. The bill is on hold until they answer: "
                "nothing is charged for it and it does not become past due. Quote the reference if you call."
            </p>
            <p><a href=message_href(d.thread_id)>"Go to the message thread"</a></p>
        </div>
    }
}
