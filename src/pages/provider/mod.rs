//! The provider side of the portal (issue 13).
//!
//! Public: the provider home (`/provider`: what providers can do here,
//! sign-in, registration and recovery), registration and recovery. A
//! healthcare provider's office registers online with its provider ID, its
//! Federal Tax ID number or SSN and a date of birth; facilities, employers
//! and brokers are set up by technical support, whose line (with its hours
//! and whether it is open now) the pages show instead of a form.
//!
//! Signed in, inside the [`crate::components::ProviderShell`]: eligibility
//! and benefits of a patient, the status of the claims the provider billed,
//! remittances, and the account's username, password and security.
//!
//! Every rule the browser checks comes from `portal_domain::provider` (the
//! code the server runs); nothing is sent while one is broken.

pub mod account;
pub mod claims;
pub mod eligibility;
pub mod home;
pub mod recover;
pub mod register;
pub mod remittances;

pub use account::ProviderAccountPage;
pub use claims::ProviderClaimsPage;
pub use eligibility::ProviderEligibilityPage;
pub use home::ProviderHomePage;
pub use recover::ProviderRecoverPage;
pub use register::ProviderRegisterPage;
pub use remittances::ProviderRemittancesPage;

use crate::api;
use crate::components::TextField;
use crate::pages::help::contacts::AudienceCard;
use crate::state::form::FormErrors;
use crate::state::remote::remote;
use leptos::prelude::*;
use portal_domain::provider::{call_technical_support, provider_policy, Registrant};
use portal_domain::routes::{with_query, Page};
use portal_domain::CredentialPolicy;

/// The help centre's audience id of website technical support.
const TECHNICAL_SUPPORT: &str = "technical-support";

/// The sign-in page, coming back to the provider home afterwards.
pub(crate) fn provider_sign_in_href() -> String {
    with_query(
        Page::Login.href(),
        &format!(
            "next={}",
            crate::browser::encode_query_value(Page::ProviderEligibility.href())
        ),
    )
}

/// The credential policy of provider accounts, as the server says
/// (`GET /api/v1/policy?role=provider`); the provider preset built into
/// `portal_domain` until it has answered.
pub(crate) fn provider_policy_memo() -> Memo<CredentialPolicy> {
    let (info, _) = remote(api::provider::policy);
    Memo::new(move |_| {
        info.with(|info| match info {
            Some(Ok(preset)) => CredentialPolicy::from_preset(*preset),
            _ => provider_policy(),
        })
    })
}

/// "Who are you?": one radio per kind of registrant.
#[component]
pub(crate) fn RegistrantChoice(
    /// The choice.
    value: RwSignal<Registrant>,
) -> impl IntoView {
    view! {
        <fieldset class="fieldset">
            <legend>"Who are you?"</legend>
            {Registrant::ALL
                .iter()
                .map(|&who| {
                    let id = format!("registrant-{}", who.as_str());
                    view! {
                        <div class="choice">
                            <input
                                type="radio"
                                id=id.clone()
                                name="registrant"
                                value=who.as_str()
                                prop:checked=move || value.get() == who
                                on:change=move |_| value.set(who)
                            />
                            <label for=id>{who.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// For a facility, employer or broker: their accounts are set up by
/// technical support, whose line is shown with its hours and whether it is
/// open now (from the help centre's directory).
#[component]
pub(crate) fn CallTechnicalSupport(
    /// Who is asking.
    who: Registrant,
) -> impl IntoView {
    let (directory, reload) = remote(api::help::contacts);
    let message = call_technical_support(who).message;
    view! {
        <section class="panel provider-support" aria-labelledby="support-heading">
            <h2 class="panel__title" id="support-heading">"Call technical support"</h2>
            <p>{message}</p>
            {move || match directory.get() {
                None => crate::pages::loading("Loading the technical support line…"),
                Some(Ok(d)) => match d.audiences.into_iter().find(|a| a.id == TECHNICAL_SUPPORT) {
                    Some(audience) => view! { <AudienceCard audience=audience /> }.into_any(),
                    None => view! {
                        <p>
                            "The help centre lists the technical support line: "
                            <a href=Page::Help.href()>"see who to call"</a> "."
                        </p>
                    }
                        .into_any(),
                },
                Some(Err(e)) => view! {
                    <crate::components::ErrorPanel
                        title="We couldn't load the technical support line"
                        message=e.message()
                        on_retry=reload
                    />
                }
                    .into_any(),
            }}
        </section>
    }
}

/// The values of a provider's identity fields.
#[derive(Clone, Copy)]
pub struct ProviderIdentityValues {
    /// Provider ID as typed.
    pub provider_id: RwSignal<String>,
    /// EIN or SSN as typed.
    pub tax_id: RwSignal<String>,
    /// `YYYY-MM-DD`.
    pub date_of_birth: RwSignal<String>,
}

impl ProviderIdentityValues {
    /// Empty fields.
    pub fn new() -> Self {
        Self {
            provider_id: RwSignal::new(String::new()),
            tax_id: RwSignal::new(String::new()),
            date_of_birth: RwSignal::new(String::new()),
        }
    }
}

impl Default for ProviderIdentityValues {
    fn default() -> Self {
        Self::new()
    }
}

/// The identity fields' names, in form order.
pub(crate) const IDENTITY_FIELDS: [&str; 3] = ["provider_id", "tax_id", "date_of_birth"];

/// Provider ID, SSN or Federal Tax ID number, date of birth: each with its
/// errors beside it, shown as soon as it is typed in.
#[component]
pub(crate) fn ProviderIdentityFields(
    /// The values.
    values: ProviderIdentityValues,
    /// The form's error state.
    form: FormErrors,
    /// Today (`YYYY-MM-DD`), the latest date of birth.
    #[prop(into)]
    today: String,
) -> impl IntoView {
    view! {
        <TextField
            id="provider_id"
            label="Provider ID"
            value=values.provider_id
            errors=form.errors_for("provider_id")
            hint="As on the plan's welcome letter, without the asterisk: 987654321*01 → 98765432101"
            inputmode="numeric"
            autocomplete="off"
            on:input=move |_| form.edited("provider_id")
            on:focusout=move |_| form.left("provider_id")
        />
        <TextField
            id="tax_id"
            label="SSN or Federal Tax ID number"
            value=values.tax_id
            errors=form.errors_for("tax_id")
            hint="With the dashes: a Federal Tax ID number as 12-3456789, an SSN as 123-45-6789."
            autocomplete="off"
            on:input=move |_| form.edited("tax_id")
            on:focusout=move |_| form.left("tax_id")
        />
        <TextField
            id="date_of_birth"
            label="Date of birth"
            value=values.date_of_birth
            errors=form.errors_for("date_of_birth")
            hint="Of the person the account is for."
            input_type="date"
            autocomplete="bday"
            max=today
            on:input=move |_| form.edited("date_of_birth")
            on:focusout=move |_| form.left("date_of_birth")
        />
    }
}

/// Below this width (CSS pixels) tables of claims become cards.
const TABLE_MIN_WIDTH: i32 = 960;

/// Whether the window is too narrow for a claims table (read from the
/// layout viewport, as CSS media queries do), kept up to date on resize.
pub(crate) fn narrow_window() -> RwSignal<bool> {
    let narrow = || {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .is_some_and(|e| e.client_width() > 0 && e.client_width() < TABLE_MIN_WIDTH)
    };
    let phone = RwSignal::new(narrow());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        let now = narrow();
        if phone.get_untracked() != now {
            phone.set(now);
        }
    });
    on_cleanup(move || resize.remove());
    phone
}
