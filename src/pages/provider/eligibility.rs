//! `/provider/eligibility`: a patient's eligibility and benefits on a date
//! of service. The member ID and date of birth must both match (they go in
//! the request's body, never in the address); the answer shows whether
//! coverage is active that day, the plan, whether this provider is in its
//! network, the primary care provider, copays, and the patient's own
//! deductible and out-of-pocket standing in and out of network.

use crate::api::provider::EligibilityAnswer;
use crate::api::{self, ApiError};
use crate::browser::{focus_id, long_date, today};
use crate::components::{AlertRegion, SubmitButton, TextField};
use crate::pages::home::dashboard::bar;
use crate::state::form::FormErrors;
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::claims::Network;
use portal_domain::provider::{
    validate_eligibility, BenefitStanding, Eligibility, EligibilityRequest,
};

/// The fields, in form order (also the inputs' ids).
const ORDER: [&str; 3] = ["member_id", "date_of_birth", "date_of_service"];

/// The eligibility and benefits page.
#[component]
pub fn ProviderEligibilityPage() -> impl IntoView {
    crate::pages::page("Eligibility and benefits");
    let session = use_session();
    let today = today();
    let member_id = RwSignal::new(String::new());
    let date_of_birth = RwSignal::new(String::new());
    let date_of_service = RwSignal::new(today.to_string());
    let request = Memo::new(move |_| EligibilityRequest {
        member_id: member_id.get(),
        date_of_birth: date_of_birth.get(),
        date_of_service: date_of_service.get(),
    });
    let client = Memo::new(move |_| {
        request
            .with(|r| validate_eligibility(r, today))
            .err()
            .unwrap_or_default()
    });
    let form = FormErrors::new(Signal::derive(move || client.get()));
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let not_found = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<Eligibility>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        form.send(
            pending,
            alert,
            &ORDER,
            move || {
                not_found.set(None);
                let body = request.get_untracked();
                async move { api::provider::eligibility(&body).await }
            },
            move |answer: Result<EligibilityAnswer, ApiError>| match answer {
                Ok(EligibilityAnswer::Found(e)) => {
                    result.set(Some(*e));
                    request_animation_frame(|| focus_id("eligibility-heading"));
                }
                Ok(EligibilityAnswer::NotFound(detail)) => {
                    result.set(None);
                    not_found.set(Some(detail));
                }
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    result.set(None);
                    let fields = error.field_errors();
                    alert.set(Some(if fields.is_empty() {
                        error.message()
                    } else {
                        "Some details need fixing. Check the messages beside the fields."
                            .to_string()
                    }));
                    if let Some(field) = form.set_server(fields, &ORDER) {
                        focus_id(field);
                    }
                }
            },
        );
    };

    view! {
        <h1>"Eligibility and benefits"</h1>
        <p class="lead">
            "Check a patient's coverage and benefits on the date of service. "
            "The member ID and the date of birth must both match the plan's records."
        </p>
        <div class="provider-columns">
            <section class="panel provider-form" aria-labelledby="lookup-heading">
                <h2 class="panel__title" id="lookup-heading">"Patient"</h2>
                <AlertRegion message=alert />
                <form class="form" novalidate=true on:submit=on_submit>
                    <TextField
                        id="member_id"
                        label="Member ID"
                        value=member_id
                        errors=form.errors_for("member_id")
                        hint="As on the patient's ID card, without the asterisk: 123456789*01 → 12345678901"
                        inputmode="numeric"
                        autocomplete="off"
                        on:input=move |_| form.edited("member_id")
                        on:focusout=move |_| form.left("member_id")
                    />
                    <TextField
                        id="date_of_birth"
                        label="Patient's date of birth"
                        value=date_of_birth
                        errors=form.errors_for("date_of_birth")
                        input_type="date"
                        autocomplete="off"
                        max=today.to_string()
                        on:input=move |_| form.edited("date_of_birth")
                        on:focusout=move |_| form.left("date_of_birth")
                    />
                    <TextField
                        id="date_of_service"
                        label="Date of service"
                        value=date_of_service
                        errors=form.errors_for("date_of_service")
                        hint="Today unless you change it."
                        input_type="date"
                        autocomplete="off"
                        on:input=move |_| form.edited("date_of_service")
                        on:focusout=move |_| form.left("date_of_service")
                    />
                    <SubmitButton label="Check eligibility" busy_label="Checking…" pending=pending />
                </form>
                <div role="status" class="notice">
                    {move || not_found.get().map(|d| view! { <p class="notice__message provider-not-found">{d}</p> })}
                </div>
            </section>
            <div class="provider-result">
                {move || result.get().map(|e| view! { <EligibilityResult e=e /> })}
            </div>
        </div>
    }
}

/// One answer: the patient, coverage on the date of service, the plan,
/// the network, the PCP, copays and the benefit standing.
#[component]
fn EligibilityResult(
    /// The answer.
    e: Eligibility,
) -> impl IntoView {
    let status_class = if e.active {
        "eligibility-status eligibility-status--active"
    } else {
        "eligibility-status eligibility-status--inactive"
    };
    let network_text = match e.provider_network {
        Network::InNetwork => "You are in this plan's network.",
        Network::OutOfNetwork => "You are out of this plan's network.",
    };
    let pcp = match (&e.pcp, &e.pcp_note) {
        (Some(p), _) => p.clone(),
        (None, Some(note)) => note.clone(),
        (None, None) => "None on file.".to_string(),
    };
    let copays = e.copays.clone();
    let year = e.plan_year;
    view! {
        <section class="panel eligibility" aria-labelledby="eligibility-heading">
            <h2 class="panel__title" id="eligibility-heading" tabindex="-1">
                {e.patient_name.clone()}
            </h2>
            // The server's sentence starts with "Active on" or "Not active on".
            <p class=status_class>
                <strong>{e.status_text.clone()}</strong>
            </p>
            <dl class="facts facts--row">
                <div><dt>"Member ID"</dt><dd class="mono">{e.member_id.clone()}</dd></div>
                <div><dt>"Date of birth"</dt><dd>{long_date(e.date_of_birth)}</dd></div>
                <div><dt>"Plan"</dt><dd>{e.plan_name.clone()}</dd></div>
                <div><dt>"Plan type"</dt><dd>{e.plan_type.clone()}</dd></div>
                <div><dt>"Network"</dt><dd>{e.network.clone()}</dd></div>
                <div><dt>"Group number"</dt><dd class="mono">{e.group_number.clone()}</dd></div>
                <div>
                    <dt>"Coverage"</dt>
                    <dd>{format!("{} to {}", long_date(e.coverage_start), long_date(e.coverage_end))}</dd>
                </div>
                <div><dt>"Your network status"</dt><dd>{network_text}</dd></div>
                <div><dt>"Primary care provider"</dt><dd>{pcp}</dd></div>
            </dl>
            <h3>"Copays in network"</h3>
            {if copays.is_empty() {
                view! { <p>"This plan has no copays."</p> }.into_any()
            } else {
                view! {
                    <dl class="facts facts--row">
                        {copays
                            .into_iter()
                            .map(|c| view! { <div><dt>{c.service}</dt><dd>{c.amount.to_string()}</dd></div> })
                            .collect_view()}
                    </dl>
                }
                    .into_any()
            }}
            <div class="standing-grid">
                {standing("in", format!("In network, {year}"), e.in_network)}
                {standing("out", format!("Out of network, {year}"), e.out_of_network)}
            </div>
            <p class="help-note">
                "Reference number " <span class="mono">{e.reference.clone()}</span>
                ". Questions: Provider Services " {e.provider_services_phone.clone()} "."
            </p>
        </section>
    }
}

/// The patient's deductible and out-of-pocket standing in one network:
/// met, remaining and limit, with a bar each.
fn standing(key: &'static str, title: String, s: BenefitStanding) -> impl IntoView {
    let heading = format!("standing-{key}");
    let (labelled, id, ded_owner) = (heading.clone(), heading.clone(), heading.clone());
    view! {
        <section class="standing" aria-labelledby=labelled>
            <h3 id=id>{title}</h3>
            {bar(format!("{key}-ded"), Some(ded_owner), "Deductible".to_string(), s.deductible_met, s.deductible)}
            <dl class="facts facts--row standing__figures">
                <div><dt>"Deductible met"</dt><dd>{s.deductible_met.to_string()}</dd></div>
                <div><dt>"Deductible remaining"</dt><dd>{s.deductible_remaining.to_string()}</dd></div>
                <div><dt>"Deductible"</dt><dd>{s.deductible.to_string()}</dd></div>
            </dl>
            {bar(format!("{key}-oop"), Some(heading), "Out-of-pocket maximum".to_string(), s.oop_met, s.oop_max)}
            <dl class="facts facts--row standing__figures">
                <div><dt>"Out-of-pocket met"</dt><dd>{s.oop_met.to_string()}</dd></div>
                <div><dt>"Out-of-pocket remaining"</dt><dd>{s.oop_remaining.to_string()}</dd></div>
                <div><dt>"Out-of-pocket maximum"</dt><dd>{s.oop_max.to_string()}</dd></div>
            </dl>
        </section>
    }
}
