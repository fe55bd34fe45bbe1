//! `/provider/account`: the provider account's username and password
//! (under the provider policy, with live checklists), and, from the
//! members' account page, two-step verification, active sessions and
//! sign-in history.

use super::provider_policy_memo;
use crate::api;
use crate::pages::account::{history, password, sessions, two_step, username};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;

/// The provider account page.
#[component]
pub fn ProviderAccountPage() -> impl IntoView {
    crate::pages::page("Username, password and security");
    let session = use_session();
    let policy = provider_policy_memo();
    let (settings, reload) = remote(api::security::account);
    let version = RwSignal::new(0u32);
    let changed = Callback::new(move |()| version.update(|v| *v += 1));
    let current = Signal::derive(move || session.me().map(|m| m.username).unwrap_or_default());
    // The password rules as the server applies them to this account.
    let two_step_on =
        Memo::new(move |_| settings.with(|s| matches!(s, Some(Ok(s)) if s.two_step.enabled)));
    let password_policy = Memo::new(move |_| policy.get().with_two_step(two_step_on.get()));
    view! {
        <h1>"Username, password and security"</h1>
        <div class="account-sections">
            <username::UsernameSection current=current policy=policy changed=changed />
            <password::PasswordSection username=current policy=password_policy changed=changed />
            {move || match settings.get() {
                None => crate::pages::loading("Loading two-step verification…"),
                Some(Err(e)) => crate::pages::load_error(
                    session,
                    "We couldn't load two-step verification",
                    &e,
                    reload,
                ),
                Some(Ok(s)) => view! {
                    <two_step::TwoStepSection
                        status=s.two_step.clone()
                        email=s.email.clone()
                        phone=s.phone.clone()
                        changed=changed
                    />
                }
                    .into_any(),
            }}
            <sessions::SessionsSection version=version changed=changed />
            <history::HistorySection version=version />
        </div>
    }
}
