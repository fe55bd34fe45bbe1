//! "Set up a payment plan": the chosen bills' balance in 2 to 12 monthly
//! instalments. The schedule (dates and amounts, from the same
//! [`instalments`] the server uses, with the total that adds up to the cent)
//! is shown before the member agrees to [`PLAN_CONSENT`] and confirms; the
//! first instalment is charged at once.

use super::methods::MethodChoice;
use super::pay::{no_method_error, Chosen, BILLS_ID};
use super::Board;
use crate::api::{self, ApiError};
use crate::browser::long_date;
use crate::components::{AlertRegion, SelectField, SubmitButton};
use crate::pages::claims::money;
use crate::state::form::{rename_fields, FormErrors};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::billing::api::PaymentMethod;
use portal_domain::billing::provider_bills::{
    plan_balance_error, plan_errors, InstalmentStatus, PaymentPlan, PlanRequest, PLAN_CONSENT,
};
use portal_domain::billing::statements::{instalments, INSTALMENT_MONTHS};
use portal_domain::problem::push_error;
use portal_domain::{FieldErrors, Money};

const MONTHS_ID: &str = "pb-plan-months";
const METHOD_ID: &str = "pb-plan-method";
const CONSENT_ID: &str = "pb-plan-consent";
const ORDER: [&str; 4] = [BILLS_ID, MONTHS_ID, METHOD_ID, CONSENT_ID];
/// The server's field names, and this page's ids for them.
const FIELDS: [(&str, &str); 4] = [
    ("bill_ids", BILLS_ID),
    ("months", MONTHS_ID),
    ("method_id", METHOD_ID),
    ("consent", CONSENT_ID),
];
/// Months chosen to start with.
const DEFAULT_MONTHS: u32 = 3;

/// This page's id for a field error's code (`months.too_many` is beside
/// the months, `bill_ids.plan_minimum` beside the bills).
fn field_of(code: &str) -> &'static str {
    if code.starts_with("months") {
        MONTHS_ID
    } else if code.starts_with("consent") {
        CONSENT_ID
    } else {
        BILLS_ID
    }
}

/// The plan form.
#[component]
pub fn PlanForm(
    /// The chosen bills.
    chosen: Chosen,
    /// The saved methods.
    methods: Vec<PaymentMethod>,
    /// The plan's today: the first instalment is charged on it.
    today: NaiveDate,
    /// Where the errors beside the bills are read from (set to this form's).
    bill_errors: RwSignal<Signal<Vec<String>>>,
    /// The page's shared state.
    board: Board,
    /// Called once the plan is set up.
    on_done: Callback<()>,
) -> impl IntoView {
    let months = RwSignal::new(DEFAULT_MONTHS);
    let method = RwSignal::new(methods.first().map(|m| m.id));
    let consent = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let attempt = StoredValue::new(None::<(String, (Vec<i64>, u32, i64))>);
    let ids = move || {
        chosen
            .ordered()
            .into_iter()
            .map(|(id, _)| id)
            .collect::<Vec<_>>()
    };
    let balance_error = move || plan_balance_error(chosen.owed(), months.get());
    let form = FormErrors::new(Signal::derive(move || {
        let draft = PlanRequest {
            idempotency_key: "0".repeat(16),
            bill_ids: ids(),
            months: months.get(),
            method_id: method.get().unwrap_or_default(),
            consent: consent.get(),
        };
        let mut e: FieldErrors = FieldErrors::new();
        for (field, list) in plan_errors(&draft) {
            let to = match field.as_str() {
                "months" => MONTHS_ID,
                "consent" => CONSENT_ID,
                "bill_ids" => BILLS_ID,
                _ => continue,
            };
            e.entry(to.to_string()).or_default().extend(list);
        }
        if !e.contains_key(BILLS_ID) {
            if let Some(err) = balance_error() {
                push_error(&mut e, field_of(&err.code), err);
            }
        }
        if method.get().is_none() {
            push_error(&mut e, METHOD_ID, no_method_error());
        }
        e
    }));
    bill_errors.set(form.errors_for(BILLS_ID));
    let schedule = move || {
        if chosen.ids.with(Vec::is_empty) || balance_error().is_some() {
            return None;
        }
        instalments(chosen.owed(), months.get(), today)
    };
    let month_options = Signal::derive(|| {
        INSTALMENT_MONTHS
            .map(|m| (m.to_string(), format!("{m} months")))
            .collect::<Vec<_>>()
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                let ids = untrack(ids);
                let body = (
                    ids.clone(),
                    months.get_untracked(),
                    method.get_untracked().unwrap_or_default(),
                );
                let key = match attempt.get_value() {
                    Some((key, b)) if b == body => key,
                    _ => {
                        let key = api::billing::new_payment_key();
                        attempt.set_value(Some((key.clone(), body.clone())));
                        key
                    }
                };
                let request = PlanRequest {
                    idempotency_key: key,
                    bill_ids: body.0,
                    months: body.1,
                    method_id: body.2,
                    consent: consent.get_untracked(),
                };
                async move { api::provider_bills::create_plan(&request).await }
            },
            move |result| match result {
                Ok(plan) => {
                    form.reset();
                    on_done.run(());
                    board.announce(set_up_text(&plan));
                }
                Err(ApiError::Server | ApiError::Network) => alert.set(Some(
                    "We could not get an answer from the payment service. Select Set up the plan again to try \
                     once more: it is the same plan, and you will not be charged twice."
                        .into(),
                )),
                Err(e) => {
                    let Some(message) = board.problem(&e) else {
                        return;
                    };
                    alert.set(Some(message));
                    if matches!(e, ApiError::Conflict { .. }) {
                        board.refresh(None);
                    }
                    let first = form.set_server(rename_fields(e.field_errors(), &FIELDS), &ORDER);
                    super::focus_soon(first.unwrap_or(METHOD_ID).to_string());
                }
            },
        );
    };

    let months_errors = form.errors_for(MONTHS_ID);
    let consent_errors = form.errors_for(CONSENT_ID);
    view! {
        <div class="pb-form">
            <h3 id="pb-plan-form-heading" tabindex="-1">"Set up a payment plan"</h3>
            <p>
                "A plan spreads what the chosen bills owe over equal monthly instalments. The first is charged "
                "when you confirm, the others on the same day of each following month. You can cancel the plan "
                "at any time: what is still owed then stays due."
            </p>
            <AlertRegion message=alert />
            <form class="form pay-form" novalidate=true on:submit=on_submit>
                <div class:field--invalid=move || months_errors.with(|e| !e.is_empty())>
                    <SelectField
                        id=MONTHS_ID
                        label="Number of monthly instalments"
                        options=month_options
                        value=Signal::derive(move || months.get().to_string())
                        on_pick=Callback::new(move |v: String| {
                            months.set(v.parse().unwrap_or(DEFAULT_MONTHS));
                            form.edited(MONTHS_ID);
                        })
                    />
                    <div class="field__errors" id="pb-plan-months-errors" role="alert">
                        {move || {
                            let list = months_errors.get();
                            (!list.is_empty()).then(|| view! {
                                <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                            })
                        }}
                    </div>
                </div>
                <MethodChoice
                    id=METHOD_ID
                    legend="Charge each instalment to"
                    methods=methods
                    chosen=method
                    errors=form.errors_for(METHOD_ID)
                    on_pick=Callback::new(move |()| form.edited(METHOD_ID))
                />
                {move || schedule().map(|rows| schedule_table(rows, today))}
                <div class="field" class:field--invalid=move || consent_errors.with(|e| !e.is_empty())>
                    <div class="choice choice--consent">
                        <input
                            type="checkbox"
                            id=CONSENT_ID
                            aria-describedby="pb-plan-consent-errors"
                            aria-invalid=move || consent_errors.with(|e| !e.is_empty()).to_string()
                            prop:checked=move || consent.get()
                            on:change=move |ev| {
                                consent.set(event_target_checked(&ev));
                                form.edited(CONSENT_ID);
                            }
                        />
                        <label for=CONSENT_ID>{PLAN_CONSENT}</label>
                    </div>
                    <div class="field__errors" id="pb-plan-consent-errors">
                        {move || {
                            let list = consent_errors.get();
                            (!list.is_empty()).then(|| view! {
                                <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                            })
                        }}
                    </div>
                </div>
                <SubmitButton label="Set up the plan" busy_label="Setting up the plan…" pending=pending />
            </form>
        </div>
    }
}

/// The schedule a plan would have: each instalment's date and amount, and
/// their total (the balance, to the cent).
fn schedule_table(rows: Vec<(NaiveDate, Money)>, today: NaiveDate) -> impl IntoView {
    let total: Money = rows.iter().map(|(_, a)| *a).sum();
    view! {
        <table class="pb-schedule" data-testid="pb-schedule">
            <caption>"Your schedule"</caption>
            <thead>
                <tr>
                    <th scope="col">"Instalment"</th>
                    <th scope="col">"Charged on"</th>
                    <th scope="col" class="num">"Amount"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(i, (on, amount))| view! {
                    <tr>
                        <td>{(i + 1).to_string()}</td>
                        <td>{if on == today { format!("{} (today)", long_date(on)) } else { long_date(on) }}</td>
                        <td class="num" data-testid="pb-schedule-amount">{money(amount)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="2">"Total"</th>
                    <td class="num" data-testid="pb-schedule-total">{money(total)}</td>
                </tr>
            </tfoot>
        </table>
    }
}

/// What the page says once a plan is set up.
fn set_up_text(plan: &PaymentPlan) -> String {
    let first = plan.instalments.first();
    let charged = first
        .filter(|i| i.status == InstalmentStatus::Charged)
        .map(|i| {
            format!(
                " The first instalment, {}, was charged to {}.",
                money(i.amount),
                plan.method
            )
        })
        .unwrap_or_default();
    format!(
        "Payment plan {} is set up: {} in {} monthly instalments.{charged} The schedule is under Payment plans.",
        plan.number,
        money(plan.total),
        plan.months
    )
}
