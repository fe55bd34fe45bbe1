//! `/billing`: premium statements and where each stands, what is owed now,
//! the grace period in plain words, autopay, saved payment methods,
//! payment history and paying by mail. Paying is on `/billing/pay`, each
//! receipt on `/billing/receipts/:transaction`.
//!
//! Only the subscriber pays; other adults in the household see the
//! statements read-only.

mod autopay;
mod method_form;
mod methods;
pub mod pay;
pub mod providers;
pub mod receipt;

use crate::api;
use crate::browser::long_date;
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use portal_domain::billing::api::{BillingSummary, Receipt, Statement};
use portal_domain::billing::wording;
use portal_domain::routes::{receipt_href, Page};

pub use pay::PayPremiumPage;
pub use providers::ProviderBillsPage;
pub use receipt::PaymentReceiptPage;

/// The billing page.
#[component]
pub fn BillingPage() -> impl IntoView {
    super::page("Billing and payments");
    let session = use_session();
    let (summary, reload) = remote(api::billing::summary);
    view! {
        <h1>"Billing and payments"</h1>
        {move || match summary.get() {
            None => loading("Loading your statements…"),
            Some(Err(e)) => load_error(session, "We couldn't load your statements", &e, reload),
            Some(Ok(b)) => billing_view(b, reload).into_any(),
        }}
    }
}

/// What the grace period means, for the statement past due (if any): the
/// words of `portal_domain::billing::wording`, as the printable statement
/// has them.
fn grace_notice(b: &BillingSummary) -> Option<impl IntoView> {
    let s = wording::past_due(&b.statements)?;
    let text = wording::grace_notice(s, &b.grace, b.grace_first_month_paid, long_date)?;
    Some(view! {
        <div class="panel panel--error" data-testid="grace-notice">
            <h2 class="panel__title">"Your premium is past due"</h2>
            <p>{text}</p>
        </div>
    })
}

fn billing_view(b: BillingSummary, reload: Callback<()>) -> impl IntoView {
    let owed = b.due_now;
    let pay_link = (b.can_pay && owed > portal_domain::Money::ZERO).then(|| {
        view! { <a class="button button--primary" href=Page::PayPremium.href()>"Pay now"</a> }
    });
    let read_only = (!b.can_pay).then(|| {
        view! {
            <p class="notice__message" data-testid="read-only">
                {format!(
                    "Only {}, who holds the plan, can pay premiums and change how they are paid. You can see where the statements stand.",
                    b.subscriber
                )}
            </p>
        }
    });
    let credit = (b.credit > portal_domain::Money::ZERO).then(|| {
        view! { <p>{format!("Credit on your account: {}. It is applied to your next statement.", money(b.credit))}</p> }
    });
    let grace = grace_notice(&b);
    let statements = b.statements.clone();
    let can_pay = b.can_pay;
    view! {
        {read_only}
        {grace}
        <section class="panel billing-summary" aria-labelledby="owed-heading">
            <h2 id="owed-heading" class="panel__title">"Total owed"</h2>
            <p class="billing-summary__amount" data-testid="total-owed">{money(owed)}</p>
            {credit}
            {pay_link}
        </section>
        <section class="panel" aria-labelledby="provider-bills-heading">
            <h2 id="provider-bills-heading" class="panel__title">"Bills from providers"</h2>
            <p>
                "Your share of claims from providers who bill through the plan is not part of your premium. "
                <a href=Page::ProviderBills.href()>"Bills from your providers"</a>
                ": see them, pay them, spread them over monthly payments, or dispute one."
            </p>
        </section>
        <section class="panel" aria-labelledby="statements-heading">
            <h2 id="statements-heading" class="panel__title">"Premium statements"</h2>
            <ul class="statement-list">
                {statements.into_iter().map(statement_item).collect_view()}
            </ul>
        </section>
        {can_pay.then(|| view! {
            <autopay::AutopaySection autopay=b.autopay.clone() methods=b.methods.clone() changed=reload />
            <methods::MethodsSection
                methods=b.methods.clone()
                autopay_method=b.autopay.as_ref().map(|a| a.method.id)
                tokenize_url=b.tokenize_url.clone()
                changed=reload
            />
            <HistorySection payments=b.payments.clone() />
        })}
        <section class="panel" aria-labelledby="mail-heading">
            <h2 id="mail-heading" class="panel__title">"Pay by check or money order"</h2>
            <p>"Make it payable to " <strong>{b.mail.payable_to.clone()}</strong> " and mail it to:"</p>
            <address class="mail-address">
                {b.mail.payable_to.clone()}
                {b.mail.address.iter().map(|l| view! { <br />{l.clone()} }).collect_view()}
            </address>
            <p>{format!("On the memo line, write {}. Allow 7 to 10 days for mail; pay online if the due date is close.", b.mail.memo)}</p>
        </section>
    }
}

/// One statement: number, coverage period, due date, figures, status, and
/// a link to download it as a printable PDF.
fn statement_item(s: Statement) -> impl IntoView {
    let status_class = format!("badge badge--stmt-{}", s.status.as_str());
    let status = s.status.label();
    let pdf_href = api::billing::statement_pdf_href(s.id);
    let pdf_name = format!("statement-{}.pdf", s.number);
    view! {
        <li class="statement" data-testid="statement">
            <div class="statement__head">
                <h3 class="statement__title">{format!("Statement {}", s.number)}</h3>
                <span class=status_class>{status}</span>
            </div>
            <dl class="statement__facts">
                <div><dt>"Coverage"</dt><dd>{format!("{} to {}", long_date(s.period_start), long_date(s.period_end))}</dd></div>
                <div><dt>"Due"</dt><dd>{long_date(s.due)}</dd></div>
                <div><dt>"Premium"</dt><dd>{money(s.amount)}</dd></div>
                <div><dt>"Paid"</dt><dd>{money(s.paid)}</dd></div>
                {(s.pending > portal_domain::Money::ZERO).then(|| view! {
                    <div><dt>"Processing"</dt><dd>{money(s.pending)}</dd></div>
                })}
                <div><dt>"Balance"</dt><dd data-testid="statement-balance">{money(s.balance)}</dd></div>
            </dl>
            <p class="statement__download">
                <a href=pdf_href download=pdf_name rel="external">{format!("Download statement {} (PDF)", s.number)}</a>
            </p>
        </li>
    }
}

/// Payments made, newest first, each linked to its receipt.
#[component]
fn HistorySection(
    /// The payments.
    payments: Vec<Receipt>,
) -> impl IntoView {
    let empty = payments.is_empty();
    view! {
        <section class="panel" aria-labelledby="history-heading">
            <h2 id="history-heading" class="panel__title">"Payment history"</h2>
            {empty.then(|| view! { <p>"No payments yet."</p> })}
            <ul class="payment-list">
                {payments
                    .into_iter()
                    .map(|p| {
                        let href = receipt_href(&p.transaction_id);
                        view! {
                            <li class="payment">
                                <a href=href>{format!("{} on {}", money(p.amount), long_date(p.made_on))}</a>
                                <span>{format!(" · {} · {}{}", p.method, p.status.label(), if p.autopay { " · autopay" } else { "" })}</span>
                                <span class="payment__id">{format!("Transaction ID {}", p.transaction_id)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
