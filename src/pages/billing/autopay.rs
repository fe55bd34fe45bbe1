//! Autopay: on with a saved method and the member's consent (the text they
//! agree to is shown and stored), the next scheduled payment, skipping it,
//! and turning autopay off.

use crate::api;
use crate::browser::long_date;
use crate::components::{AlertRegion, SelectField};
use crate::pages::claims::money;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::billing::api::{
    Autopay, AutopayRequest, PaymentMethod, SkipRequest, AUTOPAY_CONSENT,
};

/// The autopay section.
#[component]
pub fn AutopaySection(
    /// Autopay as it stands (`None`: off).
    autopay: Option<Autopay>,
    /// Saved methods to choose from.
    methods: Vec<PaymentMethod>,
    /// Called after a change.
    changed: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let alert = RwSignal::new(None::<String>);
    let consent = RwSignal::new(false);
    let consent_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let first = methods
        .first()
        .map(|m| m.id.to_string())
        .unwrap_or_default();
    let chosen = RwSignal::new(first);
    let options: Vec<(String, String)> = methods
        .iter()
        .map(|m| (m.id.to_string(), m.label.clone()))
        .collect();
    let fail = move |e: api::ApiError| {
        if !session.handle_error(&e) {
            let fields = e.field_errors();
            consent_error.set(
                fields
                    .get("consent")
                    .and_then(|v| v.first())
                    .map(|f| f.message.clone()),
            );
            alert.set(Some(e.message()));
        }
    };
    let turn_on = move |_| {
        if pending.get_untracked() {
            return;
        }
        if !consent.get_untracked() {
            consent_error.set(Some(
                "Read the authorization and check the box to agree.".into(),
            ));
            crate::browser::focus_id("autopay-consent");
            return;
        }
        consent_error.set(None);
        let Ok(method_id) = chosen.get_untracked().parse::<i64>() else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            let r = api::billing::set_autopay(&AutopayRequest {
                method_id,
                consent: true,
            })
            .await;
            if pending.try_set(false).is_none() {
                match r {
                    Ok(_) => changed.run(()),
                    Err(e) => fail(e),
                }
            }
        });
    };
    let turn_off = move |_| {
        spawn_local(async move {
            match api::billing::cancel_autopay().await {
                Ok(()) => changed.run(()),
                Err(e) => fail(e),
            }
        });
    };
    let skip = move |statement_id: i64, skip: bool| {
        spawn_local(async move {
            match api::billing::skip(&SkipRequest { statement_id, skip }).await {
                Ok(_) => changed.run(()),
                Err(e) => fail(e),
            }
        });
    };
    let body = match autopay {
        Some(a) => {
            let next = a.next.clone().map(|n| {
                let text = if n.skipped {
                    format!("Skipped: the payment of {} due {} will not be made automatically. Pay it yourself by then.", money(n.amount), long_date(n.on))
                } else {
                    format!("Next payment: {} on {}.", money(n.amount), long_date(n.on))
                };
                let id = n.statement_id;
                let skipped = n.skipped;
                view! {
                    <p data-testid="autopay-next">{text}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| skip(id, !skipped)>
                        {if skipped { "Pay this one automatically after all" } else { "Skip this payment" }}
                    </button>
                }
            });
            view! {
                <p data-testid="autopay-status">
                    {format!("Autopay is on: we charge {} for each statement on its due date (on since {}).", a.method.label, long_date(a.since))}
                </p>
                {next}
                <div class="button-row">
                    <button type="button" class="button button--secondary" on:click=turn_off>"Turn off autopay"</button>
                </div>
            }
            .into_any()
        }
        None if methods.is_empty() => view! {
            <p>"Autopay is off. Add a payment method below to turn it on."</p>
        }
        .into_any(),
        None => view! {
            <p>"Autopay is off. Turn it on to pay each statement on its due date. Statements already past due are not paid automatically: pay them now."</p>
            <SelectField
                id="autopay-method"
                label="Charge this method"
                options=options
                value=chosen
                on_pick=Callback::new(move |v| chosen.set(v))
            />
            <div class="choice choice--described">
                <input
                    type="checkbox"
                    id="autopay-consent"
                    aria-describedby="autopay-consent-error"
                    prop:checked=move || consent.get()
                    on:change=move |ev| consent.set(event_target_checked(&ev))
                />
                <label for="autopay-consent">{AUTOPAY_CONSENT}</label>
            </div>
            <p class="field__errors" id="autopay-consent-error">{move || consent_error.get()}</p>
            <button type="button" class="button button--primary" disabled=move || pending.get() on:click=turn_on>
                "Turn on autopay"
            </button>
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="autopay-heading">
            <h2 id="autopay-heading" class="panel__title">"Autopay"</h2>
            <AlertRegion message=alert />
            {body}
        </section>
    }
}
