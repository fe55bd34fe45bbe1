//! "Dispute this bill": why (a radio group of [`DisputeReason`]) and what
//! is wrong, in the member's words (within [`DISPUTE_DETAILS`]). Sent, it
//! opens a secure message thread with Member Services and puts the bill on
//! hold; the bill's card then shows the reference and a link to the thread.

use super::Board;
use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{AlertRegion, SubmitButton, TextAreaField};
use crate::state::form::{rename_fields, FormErrors};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::billing::provider_bills::{
    dispute_errors, DisputeReason, DisputeRequest, DISPUTE_DETAILS,
};
use portal_domain::problem::push_error;
use portal_domain::FieldError;

/// The dispute form of one bill.
#[component]
pub fn DisputeForm(
    /// The bill's id.
    bill_id: i64,
    /// The bill's number (`PB-000123`).
    number: String,
    /// The page's shared state.
    board: Board,
    /// Called when the member closes the form without sending it.
    on_close: Callback<()>,
) -> impl IntoView {
    // Ids are per bill (one form is open at a time, but the ids stay unique).
    let reason_id: &'static str = "pb-dispute-reason";
    let details_id: &'static str = "pb-dispute-details";
    let order = [reason_id, details_id];
    let heading_id = format!("pb-dispute-heading-{bill_id}");
    let reason = RwSignal::new(None::<DisputeReason>);
    let details = RwSignal::new(String::new());
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let form = FormErrors::new(Signal::derive(move || {
        let mut e = dispute_errors(&DisputeRequest {
            reason: reason.get().unwrap_or(DisputeReason::Other),
            details: details.get(),
        });
        e = rename_fields(e, &[("details", details_id)]);
        if reason.get().is_none() {
            push_error(
                &mut e,
                reason_id,
                FieldError::new("reason.required", "Choose why you are disputing this bill."),
            );
        }
        e
    }));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &order,
            move || {
                let request = DisputeRequest {
                    reason: reason.get_untracked().unwrap_or(DisputeReason::Other),
                    details: details.get_untracked().trim().to_string(),
                };
                async move { api::provider_bills::dispute(bill_id, &request).await }
            },
            move |result| match result {
                Ok(d) => {
                    form.reset();
                    board.disputed.set(Some((bill_id, d)));
                    board.disputing.set(None);
                    board.refresh(Some("pb-dispute-done"));
                }
                Err(e) => {
                    let Some(message) = board.problem(&e) else {
                        return;
                    };
                    alert.set(Some(message));
                    if matches!(e, ApiError::Conflict { .. }) {
                        board.refresh(None);
                    }
                    let fields = rename_fields(
                        e.field_errors(),
                        &[("details", details_id), ("reason", reason_id)],
                    );
                    if let Some(field) = form.set_server(fields, &order) {
                        focus_id(field);
                    }
                }
            },
        );
    };
    let reason_errors = form.errors_for(reason_id);
    let count = move || details.with(|d| d.trim().chars().count());
    view! {
        <div class="pb-form pb-dispute">
            <h4 id=heading_id tabindex="-1">{format!("Dispute bill {number}")}</h4>
            <p>
                "We send your dispute to Member Services as a secure message, and you can follow it in Messages. "
                "The bill is on hold while it is reviewed: nothing is charged for it and it does not become past due."
            </p>
            <AlertRegion message=alert />
            <form class="form" novalidate=true on:submit=on_submit>
                <fieldset
                    class="choices"
                    id=reason_id
                    tabindex="-1"
                    aria-describedby="pb-dispute-reason-errors"
                >
                    <legend>"Why are you disputing this bill?"</legend>
                    {DisputeReason::ALL.iter().copied().map(|r| {
                        let input_id = format!("pb-dispute-reason-{}", r.as_str());
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="pb-dispute-reason"
                                    id=input_id.clone()
                                    prop:checked=move || reason.get() == Some(r)
                                    on:change=move |_| {
                                        reason.set(Some(r));
                                        form.edited(reason_id);
                                    }
                                />
                                <label for=input_id>{r.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field__errors" id="pb-dispute-reason-errors">
                    {move || {
                        let list = reason_errors.get();
                        (!list.is_empty()).then(|| view! {
                            <ul>{list.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                        })
                    }}
                </div>
                <div on:input=move |_| form.edited(details_id) on:focusout=move |_| form.left(details_id)>
                    <TextAreaField
                        id=details_id
                        label="What is wrong with this bill?"
                        hint=format!(
                            "In {} to {} characters: for example what you paid, when and how, or what your explanation of benefits says.",
                            DISPUTE_DETAILS.start(),
                            DISPUTE_DETAILS.end()
                        )
                        value=details
                        errors=form.errors_for(details_id)
                        rows=5
                        maxlength=u32::try_from(*DISPUTE_DETAILS.end()).unwrap_or(u32::MAX)
                    />
                    <p class="field__hint pb-dispute__count">
                        {move || format!("{} of {} characters", count(), DISPUTE_DETAILS.end())}
                    </p>
                </div>
                <div class="button-row">
                    <SubmitButton label="Send the dispute" busy_label="Sending…" pending=pending />
                    <button type="button" class="button button--secondary" on:click=move |_| on_close.run(())>
                        "Don't dispute"
                    </button>
                </div>
            </form>
        </div>
    }
}
