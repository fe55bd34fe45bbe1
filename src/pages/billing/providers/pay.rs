//! "Pay your bills": the subscriber chooses bills (payable ones, oldest
//! due first; the oldest is chosen to start with) and either pays them now
//! (all or part of what they owe, never more; review, then confirm, then
//! the receipt) or sets up a payment plan ([`super::plan`]).
//!
//! A payment is sent with a key made once for it: a retry of the same
//! payment (after no answer) sends the same key, so it is never charged
//! twice; a changed payment gets a new key.

use super::methods::MethodChoice;
use super::plan::PlanForm;
use super::{focus_soon, Board};
use crate::api::{self, ApiError};
use crate::browser::{focus_id, long_date};
use crate::components::AlertRegion;
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::form::{rename_fields, FormErrors};
use crate::state::remote::remote;
use crate::state::session::use_session;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_domain::billing::api::PaymentMethod;
use portal_domain::billing::provider_bills::{
    provider_amount_error, provider_pay_errors, ProviderBill, ProviderPayRequest,
};
use portal_domain::billing::statements::allocate;
use portal_domain::problem::push_error;
use portal_domain::routes::receipt_href;
use portal_domain::{FieldError, FieldErrors, Money};

/// The id of the bills group (focused when no bill is chosen).
pub const BILLS_ID: &str = "pb-bills";
const AMOUNT_ID: &str = "pb-pay-amount";
const METHOD_ID: &str = "pb-pay-method";
const ORDER: [&str; 3] = [BILLS_ID, AMOUNT_ID, METHOD_ID];
/// The server's field names, and this page's ids for them.
const FIELDS: [(&str, &str); 3] = [
    ("bill_ids", BILLS_ID),
    ("amount", AMOUNT_ID),
    ("method_id", METHOD_ID),
];

/// What the section is doing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only choosing bills.
    Choose,
    /// The payment form.
    Pay,
    /// The payment plan form.
    Plan,
}

/// The chosen bills, as the forms use them.
#[derive(Clone, Copy)]
pub struct Chosen {
    /// The bills that may be chosen, oldest due first.
    open: StoredValue<Vec<ProviderBill>>,
    /// The ids of the chosen ones.
    pub ids: RwSignal<Vec<i64>>,
}

impl Chosen {
    /// The chosen bills, oldest due first, with their balances (tracked).
    pub fn ordered(self) -> Vec<(i64, Money)> {
        let ids = self.ids.get();
        self.open.with_value(|o| {
            o.iter()
                .filter(|b| ids.contains(&b.id))
                .map(|b| (b.id, b.balance))
                .collect()
        })
    }

    /// What the chosen bills owe (tracked).
    pub fn owed(self) -> Money {
        self.ordered().iter().map(|(_, b)| *b).sum()
    }

    /// The bill of `id`, if it is one that may be chosen.
    pub fn bill(self, id: i64) -> Option<ProviderBill> {
        self.open
            .with_value(|o| o.iter().find(|b| b.id == id).cloned())
    }

    /// The bills rule as the server applies it (`bill_ids`), by this page's id.
    pub fn errors(self) -> FieldErrors {
        let draft = ProviderPayRequest {
            idempotency_key: "0".repeat(16),
            bill_ids: self.ordered().into_iter().map(|(id, _)| id).collect(),
            amount: Money::from_cents(1),
            method_id: 0,
        };
        let mut e = FieldErrors::new();
        if let Some(list) = provider_pay_errors(&draft).remove("bill_ids") {
            e.insert(BILLS_ID.to_string(), list);
        }
        e
    }
}

/// The error for a form sent without a method.
pub fn no_method_error() -> FieldError {
    FieldError::new("method_id.required", "Choose a saved card or bank account.")
}

/// The section: bills to choose, then "Pay" or "Set up a payment plan".
#[component]
pub fn PaySection(
    /// The bills that may be chosen (payable, with a balance), oldest due first.
    bills: Vec<ProviderBill>,
    /// The plan's today (a new plan's first instalment is charged on it).
    today: NaiveDate,
    /// The page's shared state.
    board: Board,
) -> impl IntoView {
    let session = use_session();
    let (summary, reload) = remote(api::billing::summary);
    let first = bills.first().map(|b| vec![b.id]).unwrap_or_default();
    let chosen = Chosen {
        open: StoredValue::new(bills),
        ids: RwSignal::new(first),
    };
    let mode = RwSignal::new(Mode::Choose);
    // The errors beside the bills come from the open form.
    let bill_errors = RwSignal::new(Signal::derive(Vec::new));
    let open_form = move |m: Mode, heading: &'static str| {
        mode.set(m);
        focus_soon(heading.to_string());
    };
    view! {
        <section class="panel no-print" aria-labelledby="pb-pay-heading">
            <h2 id="pb-pay-heading" class="panel__title">"Pay your bills"</h2>
            <fieldset class="choices" id=BILLS_ID tabindex="-1" aria-describedby="pb-bills-errors">
                <legend>"Bills to pay"</legend>
                {chosen.open.with_value(|o| o.clone()).into_iter().map(|b| {
                    let id = b.id;
                    let input_id = format!("pb-choose-{id}");
                    view! {
                        <div class="choice">
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                prop:checked=move || chosen.ids.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.ids.update(|c| {
                                        c.retain(|x| *x != id);
                                        if on {
                                            c.push(id);
                                        }
                                    });
                                }
                            />
                            <label for=input_id>
                                {format!("{} from {}, due {}", b.number, b.provider, long_date(b.due))}
                                <span class="choice__meta">{format!(" {} owed · {}", money(b.balance), b.status.label())}</span>
                            </label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field__errors" id="pb-bills-errors">
                {move || {
                    // The form that set it may be gone (closed): nothing to show then.
                    let list = bill_errors.get().try_get().unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    })
                }}
            </div>
            <p data-testid="pb-chosen-owed">
                {move || {
                    let n = chosen.ids.with(Vec::len);
                    format!(
                        "{n} bill{} chosen, owing {}.",
                        if n == 1 { "" } else { "s" },
                        money(chosen.owed())
                    )
                }}
            </p>
            <div class="button-row">
                <button
                    type="button"
                    class="button button--primary"
                    aria-expanded=move || (mode.get() == Mode::Pay).to_string()
                    aria-controls="pb-form"
                    on:click=move |_| open_form(Mode::Pay, "pb-pay-form-heading")
                >
                    "Pay"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-expanded=move || (mode.get() == Mode::Plan).to_string()
                    aria-controls="pb-form"
                    on:click=move |_| open_form(Mode::Plan, "pb-plan-form-heading")
                >
                    "Set up a payment plan"
                </button>
            </div>
            <div id="pb-form">
                {move || {
                    let m = mode.get();
                    if m == Mode::Choose {
                        return ().into_any();
                    }
                    match summary.get() {
                        None => loading("Loading your payment methods…"),
                        Some(Err(e)) => load_error(session, "We couldn't load your payment methods", &e, reload),
                        Some(Ok(s)) if m == Mode::Pay => view! {
                            <PayForm chosen=chosen methods=s.methods bill_errors=bill_errors board=board />
                        }.into_any(),
                        Some(Ok(s)) => view! {
                            <PlanForm
                                chosen=chosen
                                methods=s.methods
                                today=today
                                bill_errors=bill_errors
                                board=board
                                on_done=Callback::new(move |()| {
                                    bill_errors.set(Signal::derive(Vec::new));
                                    mode.set(Mode::Choose);
                                })
                            />
                        }.into_any(),
                    }
                }}
            </div>
        </section>
    }
}

/// Paying now: amount, method, review, confirm.
#[component]
fn PayForm(
    /// The chosen bills.
    chosen: Chosen,
    /// The saved methods.
    methods: Vec<PaymentMethod>,
    /// Where the errors beside the bills are read from (set to this form's).
    bill_errors: RwSignal<Signal<Vec<String>>>,
    /// The page's shared state.
    board: Board,
) -> impl IntoView {
    let navigate = use_navigate();
    let method = RwSignal::new(methods.first().map(|m| m.id));
    let labels = StoredValue::new(
        methods
            .iter()
            .map(|m| (m.id, m.label.clone()))
            .collect::<Vec<_>>(),
    );
    let full = RwSignal::new(true);
    let other = RwSignal::new(String::new());
    let reviewing = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    // The key of the payment being made, with the body it was made for.
    let attempt = StoredValue::new(None::<(String, (Vec<i64>, i64, i64))>);
    let amount = move || {
        if full.get() {
            Some(chosen.owed())
        } else {
            Money::parse_decimal(&other.get())
        }
    };
    let form = FormErrors::new(Signal::derive(move || {
        let mut e = chosen.errors();
        if !full.get() {
            if let Some(err) = provider_amount_error(amount(), Some(chosen.owed())) {
                push_error(&mut e, AMOUNT_ID, err);
            }
        }
        if method.get().is_none() {
            push_error(&mut e, METHOD_ID, no_method_error());
        }
        e
    }));
    bill_errors.set(form.errors_for(BILLS_ID));
    // A changed choice of bills goes back to the form.
    Effect::new(move |prev: Option<()>| {
        chosen.ids.track();
        if prev.is_some() {
            reviewing.set(false);
        }
    });

    let review = move |_| {
        alert.set(None);
        match form.submit(&ORDER) {
            Some(field) => focus_id(field),
            None => {
                reviewing.set(true);
                focus_soon("pb-pay-review-heading".into());
            }
        }
    };

    let navigate = StoredValue::new(navigate);
    let confirm = move |_| {
        if pending.get_untracked() {
            return;
        }
        let (Some(amount), Some(method_id)) = (untrack(amount), method.get_untracked()) else {
            return;
        };
        let ids: Vec<i64> = untrack(|| chosen.ordered())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let body = (ids.clone(), amount.cents(), method_id);
        let key = match attempt.get_value() {
            Some((key, b)) if b == body => key,
            _ => {
                let key = api::billing::new_payment_key();
                attempt.set_value(Some((key.clone(), body)));
                key
            }
        };
        let request = ProviderPayRequest {
            idempotency_key: key,
            bill_ids: ids,
            amount,
            method_id,
        };
        alert.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api::provider_bills::pay(&request).await;
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(receipt) => navigate.with_value(|n| {
                    n(&receipt_href(&receipt.transaction_id), Default::default())
                }),
                Err(ApiError::Server | ApiError::Network) => alert.set(Some(
                    "We could not get an answer from the payment service. Select Pay again to try once more: \
                     it is the same payment, and you will not be charged twice."
                        .into(),
                )),
                Err(e) => {
                    let Some(message) = board.problem(&e) else {
                        return;
                    };
                    alert.set(Some(message));
                    if matches!(e, ApiError::Conflict { .. }) {
                        // Paid or being paid meanwhile: show the bills as they stand.
                        board.refresh(None);
                    }
                    let first = form.set_server(rename_fields(e.field_errors(), &FIELDS), &ORDER);
                    reviewing.set(false);
                    focus_soon(first.unwrap_or(METHOD_ID).to_string());
                }
            }
        });
    };

    let method_errors = form.errors_for(METHOD_ID);
    let amount_errors = form.errors_for(AMOUNT_ID);
    view! {
        <div class="pb-form">
            <h3 id="pb-pay-form-heading" tabindex="-1">"Pay now"</h3>
            <AlertRegion message=alert />
            {move || if !reviewing.get() {
                view! {
                    <div class="form pay-form">
                        <fieldset class="choices">
                            <legend>"Amount"</legend>
                            <div class="choice">
                                <input type="radio" name="pb-pay-amount-choice" id="pb-pay-full"
                                    prop:checked=move || full.get()
                                    on:change=move |_| { full.set(true); form.edited(AMOUNT_ID); } />
                                <label for="pb-pay-full">{move || format!("What the chosen bills owe: {}", money(chosen.owed()))}</label>
                            </div>
                            <div class="choice">
                                <input type="radio" name="pb-pay-amount-choice" id="pb-pay-other"
                                    prop:checked=move || !full.get()
                                    on:change=move |_| full.set(false) />
                                <label for="pb-pay-other">"Part of it"</label>
                            </div>
                            {move || (!full.get()).then(|| view! {
                                <div class="field" class:field--invalid=move || amount_errors.with(|e| !e.is_empty())>
                                    <label class="field__label" for=AMOUNT_ID>"Amount in dollars"</label>
                                    <p class="field__hint" id="pb-pay-amount-hint">
                                        "At most what the chosen bills owe. The payment pays them in the order listed, oldest due first; what is left stays due."
                                    </p>
                                    <input
                                        class="field__input"
                                        id=AMOUNT_ID
                                        inputmode="decimal"
                                        aria-describedby="pb-pay-amount-hint pb-pay-amount-errors"
                                        aria-invalid=move || amount_errors.with(|e| !e.is_empty()).to_string()
                                        prop:value=move || other.get()
                                        on:input=move |ev| {
                                            other.set(event_target_value(&ev));
                                            form.edited(AMOUNT_ID);
                                        }
                                        on:focusout=move |_| form.left(AMOUNT_ID)
                                    />
                                    <div class="field__errors" id="pb-pay-amount-errors">
                                        {move || {
                                            let list = amount_errors.get();
                                            (!list.is_empty()).then(|| view! {
                                                <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                                            })
                                        }}
                                    </div>
                                </div>
                            })}
                        </fieldset>
                        <MethodChoice
                            id=METHOD_ID
                            legend="Pay with"
                            methods=methods.clone()
                            chosen=method
                            errors=method_errors
                            on_pick=Callback::new(move |()| form.edited(METHOD_ID))
                        />
                        <button type="button" class="button button--primary" on:click=review>"Review payment"</button>
                    </div>
                }.into_any()
            } else {
                let amount = amount().unwrap_or_default();
                let split = allocate(amount, &chosen.ordered());
                let label = method
                    .get()
                    .and_then(|id| labels.with_value(|l| l.iter().find(|(m, _)| *m == id).map(|(_, t)| t.clone())))
                    .unwrap_or_default();
                let parts = split
                    .applied
                    .iter()
                    .filter_map(|(id, part)| chosen.bill(*id).map(|b| (b, *part)))
                    .collect::<Vec<_>>();
                let pay_label = format!("Pay {}", money(amount));
                view! {
                    <section class="review" aria-labelledby="pb-pay-review-heading">
                        <h4 id="pb-pay-review-heading" tabindex="-1">"Review your payment"</h4>
                        <dl class="review__facts">
                            <div><dt>"Amount"</dt><dd data-testid="pb-review-amount">{money(amount)}</dd></div>
                            <div><dt>"From"</dt><dd>{label}</dd></div>
                            {parts.into_iter().map(|(b, part)| view! {
                                <div>
                                    <dt>{format!("Bill {} ({})", b.number, b.provider)}</dt>
                                    <dd>{format!("{} of {} owed", money(part), money(b.balance))}</dd>
                                </div>
                            }).collect_view()}
                        </dl>
                        <p>"Until the payment posts, the bills show it as processing; the receipt says when it is expected to post."</p>
                        <div class="button-row">
                            <button type="button" class="button button--primary" disabled=move || pending.get() on:click=confirm>
                                {move || if pending.get() { "Paying…".to_string() } else { pay_label.clone() }}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| {
                                reviewing.set(false);
                                focus_soon("pb-pay-form-heading".into());
                            }>
                                "Change"
                            </button>
                        </div>
                    </section>
                }.into_any()
            }}
        </div>
    }
}
