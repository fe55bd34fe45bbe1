//! `/billing/providers`: what the household owes its providers (issue 15).
//!
//! * The bills the member may see (under the family privacy rule), open
//!   ones first, each as a card ([`bill`]): patient, provider, service
//!   date, the claim (linking to its explanation of benefits), the amounts,
//!   the status in words, the due date and the provider's billing phone.
//! * The subscriber chooses bills (payable ones only, oldest due first, the
//!   oldest chosen to start with) and pays them at once, in full or in part
//!   ([`pay`], then the receipt page), or spreads them over 2 to 12 monthly
//!   instalments, with the schedule shown before confirming ([`plan`]).
//! * Any open bill can be disputed ([`dispute`]): the bill is on hold, and
//!   the dispute is a secure message thread with Member Services.
//! * Payment plans with their instalments, and a cancel button with a
//!   confirmation ([`plans`]).
//!
//! Other adults in the household see the bills read-only, with who can
//! pay and the provider's phone.

mod bill;
mod dispute;
mod methods;
mod pay;
mod plan;
mod plans;

use crate::api::{self, ApiError};
use crate::browser::{focus_id, sleep_ms};
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::billing::provider_bills::{
    payable, Dispute, ProviderBill, ProviderBillStatus, ProviderBills,
};
use portal_domain::routes::Page;
use portal_domain::Money;

/// The id of the line that announces what just happened (a plan set up or
/// cancelled); focused after it changes.
const NOTICE_ID: &str = "pb-notice";

/// What the page shares between its parts; cheap to copy.
#[derive(Clone, Copy)]
pub(crate) struct Board {
    /// The bills as last fetched after a change (`None` until then: the
    /// first answer is read from the page's load).
    fresh: RwSignal<Option<ProviderBills>>,
    /// The dispute form open on this bill.
    pub disputing: RwSignal<Option<i64>>,
    /// The dispute just opened, on its bill (shown on the bill's card).
    pub disputed: RwSignal<Option<(i64, Dispute)>>,
    /// What just happened, in words (a plan set up or cancelled).
    pub notice: RwSignal<Option<String>>,
    /// The session (a 401 ends it on the screen).
    session: Session,
}

impl Board {
    fn new() -> Self {
        Self {
            fresh: RwSignal::new(None),
            disputing: RwSignal::new(None),
            disputed: RwSignal::new(None),
            notice: RwSignal::new(None),
            session: use_session(),
        }
    }

    /// Fetches the bills again (after a payment, plan, cancellation or
    /// dispute) and shows them in place, then focuses `focus` if given.
    pub fn refresh(self, focus: Option<&'static str>) {
        let session = self.session;
        spawn_local(async move {
            match api::provider_bills::bills().await {
                Ok(b) => {
                    let _ = self.fresh.try_set(Some(b));
                }
                Err(e) => {
                    session.handle_error(&e);
                }
            }
            if let Some(id) = focus {
                // After the new list is drawn.
                sleep_ms(0).await;
                focus_id(id);
            }
        });
    }

    /// Shows `text` in the notice line and moves focus there.
    pub fn announce(self, text: String) {
        self.notice.set(Some(text));
        self.refresh(Some(NOTICE_ID));
    }
}

/// Focuses the element `id` once the view drawn by the current change is
/// in the page.
pub(crate) fn focus_soon(id: String) {
    spawn_local(async move {
        sleep_ms(0).await;
        focus_id(&id);
    });
}

/// The provider bills page.
#[component]
pub fn ProviderBillsPage() -> impl IntoView {
    crate::pages::page("Bills from your providers");
    let session = use_session();
    let (first, reload) = remote(api::provider_bills::bills);
    let board = Board::new();
    let bills = move || match board.fresh.get() {
        Some(b) => Some(Ok(b)),
        None => first.get(),
    };
    view! {
        <h1>"Bills from your providers"</h1>
        <p class="no-print"><a href=Page::Billing.href()>"Back to billing and payments"</a></p>
        <div class="pb-intro">
            <p>
                "These are bills from providers who bill through the plan. Each amount is your share of one claim: "
                "what its explanation of benefits says you may owe. What you paid at the provider's office counts "
                "once the provider reports it to us."
            </p>
            <p>"If you prefer, pay a provider directly: call the billing phone shown on its bill."</p>
        </div>
        {move || match bills() {
            None => loading("Loading your bills…"),
            Some(Err(e)) => load_error(session, "We couldn't load your bills", &e, reload),
            Some(Ok(b)) => bills_view(b, board).into_any(),
        }}
    }
}

/// The bills the subscriber may choose for a payment or a plan: payable
/// ones with something left, oldest due first.
fn choosable(b: &ProviderBills) -> Vec<ProviderBill> {
    let mut open: Vec<ProviderBill> = b
        .bills
        .iter()
        .filter(|x| payable(x.status) && x.balance > Money::ZERO)
        .cloned()
        .collect();
    open.sort_by_key(|x| x.due);
    open
}

fn bills_view(b: ProviderBills, board: Board) -> impl IntoView {
    let read_only = (!b.can_pay).then(|| {
        view! {
            <p class="notice__message" data-testid="pb-read-only">
                {format!(
                    "Only {}, who holds the plan, can pay these bills here or set up a payment plan. \
                     You can see where each bill stands, and anyone can pay a provider directly at the billing phone on its bill.",
                    b.subscriber
                )}
            </p>
        }
    });
    let on_hold = b
        .bills
        .iter()
        .any(|x| x.status == ProviderBillStatus::Disputed);
    let open = choosable(&b);
    let can_pay = b.can_pay;
    let today = b.today;
    let empty = b.bills.is_empty();
    let plans = b.plans.clone();
    let pay_section = (can_pay && !open.is_empty())
        .then(|| view! { <pay::PaySection bills=open today=today board=board /> });
    view! {
        <div class="pb-page">
        {read_only}
        <section class="panel billing-summary" aria-labelledby="pb-total-heading">
            <h2 id="pb-total-heading" class="panel__title">"Total still due"</h2>
            <p class="billing-summary__amount" data-testid="pb-total">{money(b.total_due)}</p>
            {on_hold.then(|| view! {
                <p>"Bills on hold while a dispute is reviewed are not counted in this total."</p>
            })}
        </section>
        <p class="pb-notice" id=NOTICE_ID tabindex="-1" role="status">
            {move || board.notice.get()}
        </p>
        <section class="panel" aria-labelledby="pb-bills-heading">
            <h2 id="pb-bills-heading" class="panel__title">"Your bills"</h2>
            {empty.then(|| view! { <p>"You have no bills from providers."</p> })}
            <ul class="pb-list">
                {b.bills
                    .into_iter()
                    .map(|bill| view! { <bill::BillCard bill=bill can_dispute=can_pay board=board /> })
                    .collect_view()}
            </ul>
        </section>
        {pay_section}
        {(!plans.is_empty()).then(|| view! { <plans::PlansSection plans=plans can_change=can_pay board=board /> })}
        </div>
    }
}

impl Board {
    /// What went wrong with a request, in words: ends the session on the
    /// screen on a 401 (and gives `None` then).
    pub fn problem(self, error: &ApiError) -> Option<String> {
        if self.session.handle_error(error) {
            return None;
        }
        Some(match error {
            ApiError::Forbidden => {
                "Only the person who holds the plan can pay these bills or change a plan.".into()
            }
            e => e.message(),
        })
    }
}
