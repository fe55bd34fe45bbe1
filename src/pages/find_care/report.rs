//! "Report wrong information" on a listing (No Surprises Act): what is
//! wrong and what the member knows, checked with the rule the server
//! applies; the answer is a reference number and the business day by which
//! member services answers in Messages.

use crate::api;
use crate::browser::long_date;
use crate::components::{AlertRegion, SubmitButton, TextAreaField};
use crate::state::form::FormErrors;
use leptos::prelude::*;
use leptos_router::components::A;
use portal_domain::care::directory::{
    report_errors, ReportProblem, ReportReceipt, ReportRequest, REPORT_MAX_CHARS,
};
use portal_domain::routes::message_href;

/// The form's fields, in the order errors are focused.
const ORDER: &[&str] = &["details"];

/// The button, the form it opens, and the receipt.
#[component]
pub fn ReportWrongInfo(
    /// The listing's id.
    id: i64,
    /// Called after a report is sent (the listing shows it is under review).
    on_sent: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let problem = RwSignal::new(ReportProblem::Phone);
    let details = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let receipt = RwSignal::new(None::<ReportReceipt>);
    let request = move || ReportRequest {
        problem: problem.get(),
        details: details.get(),
    };
    let form = FormErrors::new(Signal::derive(move || report_errors(&request())));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = request();
        form.send(
            pending,
            alert,
            ORDER,
            move || async move { api::directory::report(id, &body).await },
            move |r| match r {
                Ok(rec) => {
                    form.reset();
                    details.set(String::new());
                    open.set(false);
                    receipt.set(Some(rec));
                    on_sent.run(());
                }
                Err(api::ApiError::Validation { fields, .. }) => {
                    if let Some(f) = form.set_server(fields, ORDER) {
                        crate::browser::focus_id(f);
                    }
                }
                Err(e) => alert.set(Some(e.message())),
            },
        );
    };
    view! {
        <div class="report">
            {move || receipt.get().map(|r| view! {
                <div class="panel report__receipt" role="status">
                    <p>
                        <strong>{format!("Thank you. Your reference number is {}.", r.reference)}</strong>
                    </p>
                    <p>
                        {format!("Member Services will check the listing with the provider and answer you in Messages by {}. Until then the listing shows it is under review. ", long_date(r.answer_by))}
                        <A href=message_href(r.thread_id)>"See your report in Messages"</A>
                    </p>
                </div>
            })}
            <button
                type="button"
                class="button button--secondary"
                aria-expanded=move || open.get().to_string()
                aria-controls="report-form"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Report wrong information"
            </button>
            <Show when=move || open.get()>
                <form id="report-form" class="panel report__form" on:submit=submit novalidate>
                    <AlertRegion message=alert />
                    <fieldset class="report__problems">
                        <legend>"What is wrong?"</legend>
                        {ReportProblem::ALL
                            .iter()
                            .map(|p| {
                                let p = *p;
                                let rid = format!("report-{}", p.as_str());
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="report-problem"
                                            id=rid.clone()
                                            prop:checked=move || problem.get() == p
                                            on:change=move |_| problem.set(p)
                                        />
                                        <label for=rid>{p.label()}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <TextAreaField
                        id="details"
                        label="What you know"
                        value=details
                        errors=form.errors_for("details")
                        hint="For example, the right phone number or address. Please do not include health information."
                        rows=4
                        maxlength=REPORT_MAX_CHARS as u32
                        on:input=move |_| form.edited("details")
                        on:focusout=move |_| form.left("details")
                    />
                    <SubmitButton label="Send report" busy_label="Sending…" pending=pending />
                </form>
            </Show>
        </div>
    }
}
