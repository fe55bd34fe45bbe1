//! `/billing/pay`: choose statements (oldest due first; the oldest open
//! one is chosen to start with), the amount (their balance, or another:
//! partial, or more, which becomes a credit), the method (saved, or a new
//! card or bank account), review, then pay. A payment is sent with a key
//! made once for it: a retry of the same payment (after no answer) sends
//! the same key, so it is never charged twice.

use super::method_form::NewMethodForm;
use crate::api::{self, ApiError};
use crate::browser::{focus_id, long_date};
use crate::components::AlertRegion;
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_domain::billing::amount_error;
use portal_domain::billing::api::{
    pay_errors, BillingSummary, PayRequest, PaymentMethod, Statement,
};
use portal_domain::billing::cards::MethodKind;
use portal_domain::billing::statements::allocate;
use portal_domain::routes::{receipt_href, Page};
use portal_domain::Money;

/// The pay page.
#[component]
pub fn PayPremiumPage() -> impl IntoView {
    crate::pages::page("Pay your premium");
    let session = use_session();
    let (summary, reload) = remote(api::billing::summary);
    view! {
        <h1>"Pay your premium"</h1>
        <p><a href=Page::Billing.href()>"Back to billing and payments"</a></p>
        {move || match summary.get() {
            None => loading("Loading your statements…"),
            Some(Err(e)) => load_error(session, "We couldn't load your statements", &e, reload),
            Some(Ok(b)) if !b.can_pay => view! {
                <p class="notice__message">{format!("Only {}, who holds the plan, can pay premiums.", b.subscriber)}</p>
            }.into_any(),
            Some(Ok(b)) => view! { <PayForm summary=b /> }.into_any(),
        }}
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Choose,
    Review,
}

/// What "pay with" is set to.
#[derive(Clone, PartialEq, Eq)]
enum PayWith {
    Saved(i64),
    New(MethodKind),
}

#[component]
fn PayForm(summary: BillingSummary) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // Open statements, oldest due first.
    let mut open: Vec<Statement> = summary
        .statements
        .iter()
        .filter(|s| s.balance > Money::ZERO)
        .cloned()
        .collect();
    open.sort_by_key(|s| s.due);
    let open = StoredValue::new(open);
    let chosen =
        RwSignal::new(open.with_value(|o| o.first().map(|s| vec![s.id]).unwrap_or_default()));
    let methods = RwSignal::new(summary.methods.clone());
    let with = RwSignal::new(
        summary
            .methods
            .first()
            .map_or(PayWith::New(MethodKind::Card), |m| PayWith::Saved(m.id)),
    );
    let full = RwSignal::new(true);
    let other = RwSignal::new(String::new());
    let step = RwSignal::new(Step::Choose);
    let alert = RwSignal::new(None::<String>);
    let statements_error = RwSignal::new(None::<String>);
    let amount_msg = RwSignal::new(None::<String>);
    let method_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    // The key of the payment being made, with the body it was made for.
    let attempt = StoredValue::new(None::<(String, (Vec<i64>, i64, i64))>);
    let url = StoredValue::new(summary.tokenize_url.clone());

    let ordered = move || -> Vec<(i64, Money)> {
        let ids = chosen.get();
        open.with_value(|o| {
            o.iter()
                .filter(|s| ids.contains(&s.id))
                .map(|s| (s.id, s.balance))
                .collect()
        })
    };
    let owed = move || ordered().iter().map(|(_, b)| *b).sum::<Money>();
    let amount = move || {
        if full.get() {
            Some(owed())
        } else {
            Money::parse_decimal(&other.get())
        }
    };
    let method_label = move || match with.get() {
        PayWith::Saved(id) => {
            methods.with(|m| m.iter().find(|x| x.id == id).map(|x| x.label.clone()))
        }
        PayWith::New(_) => None,
    };

    let review = move |_| {
        alert.set(None);
        let mut first = None;
        // The statements rule as the server applies it (the key and amount
        // are checked below and at confirmation).
        let draft = PayRequest {
            idempotency_key: String::new(),
            statement_ids: chosen.get(),
            amount: Money::from_cents(1),
            method_id: 0,
        };
        let statement_msg = pay_errors(&draft)
            .remove("statement_ids")
            .and_then(|v| v.into_iter().next())
            .map(|e| e.message);
        if statement_msg.is_some() {
            first.get_or_insert("pay-statements");
        }
        statements_error.set(statement_msg);
        match amount_error(amount(), Some(owed())) {
            Some(e) if !full.get() => {
                amount_msg.set(Some(e.message));
                first.get_or_insert("pay-other-amount");
            }
            _ => amount_msg.set(None),
        }
        if method_label().is_none() {
            method_error.set(Some(
                "Choose a saved method, or save the new card or account first.".into(),
            ));
            first.get_or_insert("pay-methods");
        } else {
            method_error.set(None);
        }
        match first {
            Some(id) => focus_id(id),
            None => {
                step.set(Step::Review);
                focus_id("review-heading");
            }
        }
    };

    let navigate_receipt = StoredValue::new(navigate);
    let confirm = move |_| {
        if pending.get_untracked() {
            return;
        }
        let (Some(amount), PayWith::Saved(method_id)) = (untrack(amount), with.get_untracked())
        else {
            return;
        };
        let ids: Vec<i64> = untrack(ordered).into_iter().map(|(id, _)| id).collect();
        let body = (ids.clone(), amount.cents(), method_id);
        let key = match attempt.get_value() {
            Some((key, b)) if b == body => key,
            _ => {
                let key = api::billing::new_payment_key();
                attempt.set_value(Some((key.clone(), body)));
                key
            }
        };
        let request = PayRequest {
            idempotency_key: key,
            statement_ids: ids,
            amount,
            method_id,
        };
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::billing::pay(&request).await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(receipt) => {
                    navigate_receipt.with_value(|n| n(&receipt_href(&receipt.transaction_id), Default::default()));
                }
                Err(ApiError::Server | ApiError::Network) => alert.set(Some(
                    "We could not get an answer from the payment service. Select Pay again to try once more: it is the same payment, and you will not be charged twice.".into(),
                )),
                Err(e) => {
                    if session.handle_error(&e) {
                        return;
                    }
                    let fields = e.field_errors();
                    if let Some(m) = fields.get("method_id").and_then(|v| v.first()) {
                        method_error.set(Some(m.message.clone()));
                    }
                    if let Some(m) = fields.get("amount").and_then(|v| v.first()) {
                        amount_msg.set(Some(m.message.clone()));
                    }
                    alert.set(Some(e.message()));
                    step.set(Step::Choose);
                    focus_id("pay-methods");
                }
            }
        });
    };

    view! {
        <AlertRegion message=alert />
        {move || match step.get() {
            Step::Choose => view! {
                <div class="form pay-form">
                    <fieldset class="choices" id="pay-statements" tabindex="-1" aria-describedby="pay-statements-error">
                        <legend>"Statements to pay"</legend>
                        {open.with_value(|o| o.clone()).into_iter().map(|s| {
                            let id = s.id;
                            let input_id = format!("pay-statement-{id}");
                            view! {
                                <div class="choice">
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != id);
                                                if on { c.push(id); }
                                            });
                                        }
                                    />
                                    <label for=input_id>
                                        {format!("Statement {}, due {}", s.number, long_date(s.due))}
                                        <span class="choice__meta">{format!(" {} owed · {}", money(s.balance), s.status.label())}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <p class="field__errors" id="pay-statements-error">{move || statements_error.get()}</p>
                    <fieldset class="choices">
                        <legend>"Amount"</legend>
                        <div class="choice">
                            <input type="radio" name="pay-amount" id="pay-full" prop:checked=move || full.get() on:change=move |_| full.set(true) />
                            <label for="pay-full">{move || format!("What the chosen statements owe: {}", money(owed()))}</label>
                        </div>
                        <div class="choice">
                            <input type="radio" name="pay-amount" id="pay-other" prop:checked=move || !full.get() on:change=move |_| full.set(false) />
                            <label for="pay-other">"Another amount"</label>
                        </div>
                        {move || (!full.get()).then(|| view! {
                            <div class="field" class:field--invalid=move || amount_msg.get().is_some()>
                                <label class="field__label" for="pay-other-amount">"Amount in dollars"</label>
                                <p class="field__hint" id="pay-other-amount-hint">"Less pays part of the statements; more becomes a credit for your next statement."</p>
                                <input
                                    class="field__input"
                                    id="pay-other-amount"
                                    inputmode="decimal"
                                    aria-describedby="pay-other-amount-hint pay-other-amount-error"
                                    aria-invalid=move || amount_msg.get().is_some().to_string()
                                    prop:value=move || other.get()
                                    on:input=move |ev| {
                                        other.set(event_target_value(&ev));
                                        amount_msg.set(None);
                                    }
                                />
                                <p class="field__errors" id="pay-other-amount-error">{move || amount_msg.get()}</p>
                            </div>
                        })}
                    </fieldset>
                    <fieldset class="choices" id="pay-methods" tabindex="-1" aria-describedby="pay-methods-error">
                        <legend>"Pay with"</legend>
                        {move || methods.get().into_iter().map(|m: PaymentMethod| {
                            let input_id = format!("pay-method-{}", m.id);
                            let id = m.id;
                            view! {
                                <div class="choice">
                                    <input
                                        type="radio"
                                        name="pay-method"
                                        id=input_id.clone()
                                        prop:checked=move || with.get() == PayWith::Saved(id)
                                        on:change=move |_| { with.set(PayWith::Saved(id)); method_error.set(None); }
                                    />
                                    <label for=input_id>{m.label}</label>
                                </div>
                            }
                        }).collect_view()}
                        <div class="choice">
                            <input type="radio" name="pay-method" id="pay-new-card" prop:checked=move || with.get() == PayWith::New(MethodKind::Card) on:change=move |_| with.set(PayWith::New(MethodKind::Card)) />
                            <label for="pay-new-card">"A new debit or credit card"</label>
                        </div>
                        <div class="choice">
                            <input type="radio" name="pay-method" id="pay-new-bank" prop:checked=move || with.get() == PayWith::New(MethodKind::Bank) on:change=move |_| with.set(PayWith::New(MethodKind::Bank)) />
                            <label for="pay-new-bank">"A new bank account (ACH)"</label>
                        </div>
                    </fieldset>
                    <p class="field__errors" id="pay-methods-error" role="alert">{move || method_error.get()}</p>
                    {move || match with.get() {
                        PayWith::New(kind) => Some(view! {
                            <NewMethodForm
                                kind=kind
                                tokenize_url=url.get_value()
                                submit_label=if kind == MethodKind::Card { "Save this card" } else { "Save this account" }
                                on_saved=Callback::new(move |m: PaymentMethod| {
                                    let id = m.id;
                                    methods.update(|all| all.push(m));
                                    with.set(PayWith::Saved(id));
                                    method_error.set(None);
                                    focus_id(&format!("pay-method-{id}"));
                                })
                            />
                        }),
                        PayWith::Saved(_) => None,
                    }}
                    <button type="button" class="button button--primary" on:click=review>"Review payment"</button>
                </div>
            }.into_any(),
            Step::Review => {
                let amount = amount().unwrap_or_default();
                let split = allocate(amount, &ordered());
                let numbers = open.with_value(|o| {
                    split.applied.iter().map(|(id, part)| {
                        let s = o.iter().find(|s| s.id == *id);
                        (s.map(|s| s.number.clone()).unwrap_or_default(), s.map(|s| s.due), *part)
                    }).collect::<Vec<_>>()
                });
                let label = method_label().unwrap_or_default();
                let pay_label = format!("Pay {}", money(amount));
                view! {
                    <section class="review" aria-labelledby="review-heading">
                        <h2 id="review-heading" tabindex="-1">"Review your payment"</h2>
                        <dl class="review__facts">
                            <div><dt>"Amount"</dt><dd data-testid="review-amount">{money(amount)}</dd></div>
                            <div><dt>"From"</dt><dd>{label}</dd></div>
                            {numbers.into_iter().map(|(n, due, part)| view! {
                                <div><dt>{format!("Statement {n}")}</dt><dd>{format!("{} (due {})", money(part), due.map(long_date).unwrap_or_default())}</dd></div>
                            }).collect_view()}
                            {(split.credit > Money::ZERO).then(|| view! {
                                <div><dt>"Credit"</dt><dd>{format!("{} stays on your account for your next statement", money(split.credit))}</dd></div>
                            })}
                        </dl>
                        <p>"Card payments post the next business day, bank payments in about 3 business days (business days are Monday to Friday, except bank holidays). The statements show as processing until then."</p>
                        <div class="button-row">
                            <button type="button" class="button button--primary" disabled=move || pending.get() on:click=confirm>
                                {move || if pending.get() { "Paying…".to_string() } else { pay_label.clone() }}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| step.set(Step::Choose)>
                                "Change"
                            </button>
                        </div>
                    </section>
                }.into_any()
            }
        }}
    }
}
