//! Adding a card or a bank account: checked in the browser by the same
//! rules the processor applies (`portal_domain::billing::cards`), then sent
//! only to the processor's tokenization endpoint; the portal saves the
//! token it gives back.

use crate::api;
use crate::browser::focus_id;
use crate::components::{AlertRegion, SubmitButton, TextField};
use crate::state::form::{rename_fields, FormErrors};
use crate::state::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::billing::api::{PaymentMethod, TokenizeRequest};
use portal_domain::billing::cards::{BankInput, CardInput, MethodKind};
use portal_domain::FieldErrors;

const CARD_FIELDS: [(&str, &str); 6] = [
    ("name", "card-name"),
    ("number", "card-number"),
    ("exp_month", "card-exp-month"),
    ("exp_year", "card-exp-year"),
    ("cvc", "card-cvc"),
    ("postal_code", "card-zip"),
];
const BANK_FIELDS: [(&str, &str); 4] = [
    ("name", "bank-name"),
    ("routing", "bank-routing"),
    ("account", "bank-account"),
    ("account_type", "bank-type"),
];

fn order(kind: MethodKind) -> Vec<&'static str> {
    match kind {
        MethodKind::Card => CARD_FIELDS.iter().map(|(_, id)| *id).collect(),
        MethodKind::Bank => BANK_FIELDS.iter().map(|(_, id)| *id).collect(),
    }
}

/// The form for a new card or bank account.
#[component]
pub fn NewMethodForm(
    /// Card or bank account.
    kind: MethodKind,
    /// The processor's tokenization endpoint.
    tokenize_url: String,
    /// The words on the submit button.
    submit_label: &'static str,
    /// Called with the saved method.
    on_saved: Callback<PaymentMethod>,
) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let cvc = RwSignal::new(String::new());
    let zip = RwSignal::new(String::new());
    let routing = RwSignal::new(String::new());
    let account = RwSignal::new(String::new());
    let account_type = RwSignal::new("checking".to_string());
    let details = move || match kind {
        MethodKind::Card => TokenizeRequest::Card(CardInput {
            name: name.get(),
            number: number.get(),
            exp_month: month.get().trim().parse().unwrap_or(0),
            exp_year: year.get().trim().parse().unwrap_or(0),
            cvc: cvc.get().trim().to_string(),
            postal_code: zip.get().trim().to_string(),
        }),
        MethodKind::Bank => TokenizeRequest::Bank(BankInput {
            name: name.get(),
            routing: routing.get(),
            account: account.get(),
            account_type: account_type.get(),
        }),
    };
    let map: &'static [(&'static str, &'static str)] = match kind {
        MethodKind::Card => &CARD_FIELDS,
        MethodKind::Bank => &BANK_FIELDS,
    };
    let client = Signal::derive(move || -> FieldErrors {
        rename_fields(details().errors(crate::browser::today()), map)
    });
    let form = FormErrors::new(client);
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let url = StoredValue::new(tokenize_url);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let fields = order(kind);
        form.send(
            pending,
            alert,
            &fields,
            move || {
                let body = untrack(details);
                let url = url.get_value();
                async move { api::billing::add_method(&url, &body).await }
            },
            move |result| match result {
                Ok(method) => {
                    form.reset();
                    on_saved.run(method);
                }
                Err(error) => {
                    if session.handle_error(&error) {
                        return;
                    }
                    let mut errors = rename_fields(error.field_errors(), map);
                    if let Some(token) = errors.remove("token") {
                        alert.set(token.first().map(|e| e.message.clone()));
                    } else {
                        alert.set(Some(error.message()));
                    }
                    if let Some(field) = form.set_server(errors, &order(kind)) {
                        focus_id(field);
                    }
                }
            },
        );
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      value: RwSignal<String>,
                      autocomplete: &'static str,
                      inputmode: Option<&'static str>,
                      hint: Option<&'static str>| {
        view! {
            <TextField
                id=id
                label=label
                value=value
                errors=form.errors_for(id)
                hint=hint.map(str::to_string)
                autocomplete=autocomplete
                inputmode=inputmode.unwrap_or("text")
                on:input=move |_| form.edited(id)
                on:focusout=move |_| form.left(id)
            />
        }
    };
    let inputs = match kind {
        MethodKind::Card => view! {
            {field("card-name", "Name on the card", name, "cc-name", None, None)}
            {field("card-number", "Card number", number, "cc-number", Some("numeric"), Some("Visa, Mastercard, American Express or Discover."))}
            <div class="field-pair">
                {field("card-exp-month", "Expiry month (MM)", month, "cc-exp-month", Some("numeric"), None)}
                {field("card-exp-year", "Expiry year (YYYY)", year, "cc-exp-year", Some("numeric"), None)}
            </div>
            <div class="field-pair">
                {field("card-cvc", "Security code", cvc, "cc-csc", Some("numeric"), Some("3 digits on the back; 4 on the front for American Express."))}
                {field("card-zip", "Billing ZIP code", zip, "postal-code", Some("numeric"), None)}
            </div>
        }
        .into_any(),
        MethodKind::Bank => view! {
            {field("bank-name", "Account holder's name", name, "name", None, None)}
            {field("bank-routing", "Routing number", routing, "off", Some("numeric"), Some("The 9 digits at the bottom left of a check."))}
            {field("bank-account", "Account number", account, "off", Some("numeric"), None)}
            <fieldset class="choices choices--row">
                <legend>"Account type"</legend>
                {["checking", "savings"].into_iter().map(|t| {
                    let id = format!("bank-type-{t}");
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                name="bank-type"
                                id=id.clone()
                                prop:checked=move || account_type.with(|a| a == t)
                                on:change=move |_| account_type.set(t.to_string())
                            />
                            <label for=id>{if t == "checking" { "Checking" } else { "Savings" }}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <form class="form method-form" novalidate=true on:submit=on_submit>
            <AlertRegion message=alert />
            <p class="field__hint">
                "Your card or account number goes straight to our payment processor. We keep only the last four digits."
            </p>
            {inputs}
            <SubmitButton label=submit_label busy_label="Saving…" pending=pending />
        </form>
    }
}
