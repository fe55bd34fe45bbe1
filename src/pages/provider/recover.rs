//! `/provider/recover`: a provider account's forgotten username or
//! password, or a locked account. Who is asking first (facilities,
//! employers and brokers call technical support), what is needed, then the
//! provider's identity; the server's answer is neutral whether or not the
//! details matched. A password reset or an unlock goes on with the code
//! sent to the contact on file, in the members' second step (with the
//! provider policy for the new password).

use super::{
    provider_policy_memo, provider_sign_in_href, CallTechnicalSupport, ProviderIdentityFields,
    ProviderIdentityValues, RegistrantChoice, IDENTITY_FIELDS,
};
use crate::api;
use crate::browser::today;
use crate::components::{AlertRegion, PublicLayout, SubmitButton};
use crate::pages::recovery::{PasswordResetStep, RecoveryAnswer, RecoveryForm, UnlockStep};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_domain::account::{RecoveryPurpose, RecoveryStarted};
use portal_domain::provider::{validate_provider_recovery, ProviderRecoveryRequest, Registrant};
use portal_domain::routes::Page;

/// The choices of "What do you need?", with their labels.
const PURPOSES: [(RecoveryPurpose, &str, &str); 3] = [
    (RecoveryPurpose::Username, "purpose-username", "My username"),
    (
        RecoveryPurpose::Password,
        "purpose-password",
        "A new password",
    ),
    (
        RecoveryPurpose::Unlock,
        "purpose-unlock",
        "To unlock my account",
    ),
];

/// The provider recovery page.
#[component]
pub fn ProviderRecoverPage() -> impl IntoView {
    crate::pages::page("Forgot username or password");
    let today = today();
    let policy = provider_policy_memo();
    let registrant = RwSignal::new(Registrant::Provider);
    let purpose = RwSignal::new(RecoveryPurpose::Username);
    let identity = ProviderIdentityValues::new();
    let started = RwSignal::new(None::<RecoveryStarted>);
    let sent = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    // The purpose the code was sent for (the choice may be changed later).
    let sent_for = RwSignal::new(RecoveryPurpose::Username);

    let request = Memo::new(move |_| ProviderRecoveryRequest {
        purpose: purpose.get(),
        registrant: registrant.get(),
        provider_id: identity.provider_id.get(),
        tax_id: identity.tax_id.get(),
        date_of_birth: identity.date_of_birth.get(),
    });
    let client = Signal::derive(move || {
        request
            .with(|r| validate_provider_recovery(r, today))
            .err()
            .unwrap_or_default()
    });
    let f = RecoveryForm::new(client, &IDENTITY_FIELDS);
    let on_submit = move |ev: SubmitEvent| {
        f.submit(
            ev,
            move || {
                let body = request.get_untracked();
                async move { api::provider::recovery_start(&body).await }
            },
            move |answer: RecoveryStarted| {
                sent_for.set(purpose.get_untracked());
                if answer.ticket.is_some() {
                    // A code is on its way: its step comes next.
                    sent.set(Some(answer.message.clone()));
                    started.set(Some(answer));
                } else {
                    // The username is on its way: nothing more to do here.
                    done.set(Some(answer.message));
                }
            },
        )
    };
    let on_done = Callback::new(move |message: String| {
        sent.set(None);
        done.set(Some(message));
    });
    let first_step = move || started.with(Option::is_none) && done.with(Option::is_none);

    let purpose_radio = move |(value, id, label): (RecoveryPurpose, &'static str, &'static str)| {
        view! {
            <div class="choice">
                <input
                    type="radio"
                    id=id
                    name="purpose"
                    prop:checked=move || purpose.get() == value
                    on:change=move |_| purpose.set(value)
                />
                <label for=id>{label}</label>
            </div>
        }
    };

    view! {
        <PublicLayout provider=true>
            <div class="auth-card auth-card--wide">
                <h1>"Forgot your username or password?"</h1>
                <p class="lead">
                    "Confirm who you are with your provider ID, your SSN or Federal Tax ID number and your date of birth. "
                    "We'll send your username, or a code, to the email address on the plan's provider file."
                </p>
                <RecoveryAnswer message=sent />
                <RecoveryAnswer message=done sign_in_link=true sign_in_href=provider_sign_in_href() />
                <Show when=first_step>
                    <RegistrantChoice value=registrant />
                    {move || {
                        let who = registrant.get();
                        if who.registers_online() {
                            view! {
                                <AlertRegion message=f.alert />
                                <form class="form" novalidate=true on:submit=on_submit>
                                    <fieldset class="fieldset">
                                        <legend>"What do you need?"</legend>
                                        {PURPOSES.into_iter().map(purpose_radio).collect_view()}
                                    </fieldset>
                                    <fieldset class="fieldset">
                                        <legend>"Your practice"</legend>
                                        <ProviderIdentityFields values=identity form=f.form today=today.to_string() />
                                    </fieldset>
                                    <SubmitButton label="Continue" busy_label="Checking…" pending=f.pending class="button button--primary button--block" />
                                </form>
                            }
                                .into_any()
                        } else {
                            view! { <CallTechnicalSupport who=who /> }.into_any()
                        }
                    }}
                </Show>
                <Show when=move || started.with(Option::is_some) && done.with(Option::is_none)>
                    {move || match sent_for.get() {
                        RecoveryPurpose::Unlock => view! { <UnlockStep started=started on_done=on_done /> }.into_any(),
                        _ => view! { <PasswordResetStep started=started policy=policy on_done=on_done /> }.into_any(),
                    }}
                </Show>
                <nav class="auth-card__alt" aria-label="Other sign-in help">
                    <ul class="link-list">
                        <li>
                            <a href=Page::ProviderHome.href()>"Back to the provider home"</a>
                        </li>
                        <li>
                            <a href=Page::ProviderRegister.href()>"Need to register?"</a>
                        </li>
                    </ul>
                </nav>
            </div>
        </PublicLayout>
    }
}
