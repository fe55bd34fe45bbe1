//! `/authorize?request=<id>`: the consent screen where a member lets an
//! app read their plan data (the server's `/oauth/authorize` sends the
//! browser here). It says who the app is, what it may read and whose
//! record, and the plan's privacy notice, before "Allow".

use crate::api::{self, ApiError};
use crate::components::AlertRegion;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use portal_domain::data_access::{ConsentDecision, ConsentRequest, PRIVACY_NOTICE};
use portal_domain::routes::Page;

/// The consent page.
#[component]
pub fn ConnectAppPage() -> impl IntoView {
    crate::pages::page("Connect an app");
    let session = use_session();
    let id = use_query_map()
        .get_untracked()
        .get("request")
        .unwrap_or_default();
    let loaded = RwSignal::new(None::<Result<ConsentRequest, ApiError>>);
    {
        let id = id.clone();
        spawn_local(async move {
            let r = if id.is_empty() {
                Err(ApiError::NotFound)
            } else {
                api::apps::consent_request(&id).await
            };
            let _ = loaded.try_set(Some(r));
        });
    }
    view! {
        <h1>"Connect an app to your plan information"</h1>
        {move || match loaded.get() {
            None => view! { <p class="loading" role="status">"Loading the app's request…"</p> }.into_any(),
            Some(Err(ApiError::NotFound)) => view! {
                <div class="panel">
                    <h2 class="panel__title">"This request has ended"</h2>
                    <p>
                        "The app's request was answered already or is more than 10 minutes old. Nothing was shared. "
                        "Go back to the app and start again."
                    </p>
                    <p><a href=Page::Account.href()>"See your connected apps"</a></p>
                </div>
            }
                .into_any(),
            Some(Err(e)) => {
                session.handle_error(&e);
                view! { <p class="form-error" role="alert">{e.message()}</p> }.into_any()
            }
            Some(Ok(r)) => view! { <Consent request=r /> }.into_any(),
        }}
    }
}

/// The request and the member's answer.
#[component]
fn Consent(
    /// The app's request, as loaded.
    request: ConsentRequest,
) -> impl IntoView {
    let session = use_session();
    let patient = RwSignal::new(request.patients.first().map(|p| p.id));
    let pending = RwSignal::new(false);
    let alert = RwSignal::new(None::<String>);
    let id = request.id.clone();
    let answer = move |approve: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        alert.set(None);
        let id = id.clone();
        let decision = ConsentDecision {
            approve,
            patient_id: patient.get_untracked(),
        };
        spawn_local(async move {
            match api::apps::decide(&id, &decision).await {
                Ok(outcome) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().assign(&outcome.redirect_to);
                    }
                }
                Err(e) => {
                    pending.set(false);
                    if !session.handle_error(&e) {
                        alert.set(Some(e.message()));
                    }
                }
            }
        });
    };
    let app = request.app.clone();
    let several = request.patients.len() > 1;
    view! {
        <section class="panel consent" aria-labelledby="consent-app">
            <h2 class="panel__title" id="consent-app">{app.name.clone()}</h2>
            <p>"Made by " <strong>{app.developer.clone()}</strong> ". "
                <a href=app.website.clone() rel="noopener noreferrer">"The app's website"</a> ", "
                <a href=app.privacy_policy.clone() rel="noopener noreferrer">"its privacy policy"</a> "."
            </p>
            <p>"If you allow it, you will be sent back to " <strong>{request.redirect_host.clone()}</strong> "."</p>
            <h3>"It asks to read"</h3>
            <ul class="consent__reads">
                {request.reads.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
            </ul>
            <p>{if request.stays_connected {
                "It asks to stay connected: it can keep reading, including new claims, until you disconnect it on your account page."
            } else {
                "It can read for a short time only; it will have to ask you again."
            }}</p>
            {several.then(|| view! {
                <fieldset class="consent__patients">
                    <legend>"Whose information"</legend>
                    {request.patients.iter().map(|p| {
                        let pid = p.id;
                        let input_id = format!("patient-{pid}");
                        view! {
                            <div class="radio">
                                <input
                                    type="radio"
                                    name="patient"
                                    id=input_id.clone()
                                    checked=move || patient.get() == Some(pid)
                                    on:change=move |_| patient.set(Some(pid))
                                />
                                <label for=input_id>{p.name.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            <h3>"Before you decide"</h3>
            <ul class="consent__notice">
                {PRIVACY_NOTICE.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ul>
            <AlertRegion message=alert />
            <div class="consent__actions">
                <button
                    type="button"
                    class="button button--primary"
                    disabled=move || pending.get()
                    on:click={
                        let answer = answer.clone();
                        move |_| answer(true)
                    }
                >
                    {format!("Allow {}", app.name)}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || pending.get()
                    on:click=move |_| answer(false)
                >
                    "Don't allow"
                </button>
            </div>
        </section>
    }
}
