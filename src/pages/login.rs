//! `/login`: sign in with username and password.

use crate::api::security::LoginOutcome;
use crate::api::{self, ApiError};
use crate::browser::{focus_id, local_time, safe_next};
use crate::components::{AlertRegion, PasswordField, PublicLayout, SubmitButton, TextField};
use crate::pages::login_legacy::LegacyForm;
use crate::pages::login_two_step::TwoStepForm;
use crate::state::form::FormErrors;
use crate::state::session::{use_session, SessionState, SignOutReason};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_domain::account::TwoStepChallenge;
use portal_domain::api::{LoginRequest, Me};
use portal_domain::forms::login_errors;
use portal_domain::legacy::LegacyChallenge;
use portal_domain::messages::Role;
use portal_domain::routes::Page;

/// The fields, in form order.
const ORDER: [&str; 2] = ["username", "password"];

/// The sign-in page. After signing in it goes to `?next=` (only same-site
/// paths, see [`safe_next`]) or `/`.
#[component]
pub fn LoginPage() -> impl IntoView {
    super::page("Sign in");
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    // The sign-in checks, shared with the server (portal_domain::forms).
    let form = FormErrors::new(Signal::derive(move || {
        username.with(|u| {
            password.with(|p| {
                login_errors(&LoginRequest {
                    username: u.clone(),
                    password: p.clone(),
                })
            })
        })
    }));
    let alert = RwSignal::new(None::<String>);

    // Signed in (already, or just now): continue where the member was going.
    // A provider account goes to the provider home, never to a member page
    // (and a member never to a provider page).
    Effect::new(move |_| {
        if let Some(me) = session.me() {
            let provider = me.role == Role::Provider;
            let next = query
                .with_untracked(|q| q.get("next"))
                .and_then(|n| safe_next(&n).map(str::to_string))
                .filter(|n| {
                    let page = Page::parse(n.split(['?', '#']).next().unwrap_or_default());
                    page.is_some_and(|p| {
                        if provider {
                            p.for_providers() || p.shown_in_shell_when_signed_in()
                        } else {
                            !p.provider_only()
                        }
                    })
                })
                .unwrap_or_else(|| {
                    if provider {
                        Page::ProviderEligibility.href().to_string()
                    } else {
                        Page::Dashboard.href().to_string()
                    }
                });
            navigate(
                &next,
                NavigateOptions {
                    replace: true,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    let pending = RwSignal::new(false);
    // The password was right and the account asks for a code next.
    let two_step = RwSignal::new(None::<TwoStepChallenge>);
    // The old site's ID number and PIN were right: new credentials next.
    let legacy = RwSignal::new(None::<LegacyChallenge>);
    let on_result = move |result: Result<LoginOutcome, ApiError>| match result {
        Ok(LoginOutcome::SignedIn(me)) => session.signed_in(me),
        Ok(LoginOutcome::LegacyFirstSignIn(challenge)) => {
            username.set(String::new());
            password.set(String::new());
            legacy.set(Some(challenge));
            request_animation_frame(|| focus_id("legacy-heading"));
        }
        Ok(LoginOutcome::TwoStepRequired(challenge)) => {
            password.set(String::new());
            two_step.set(Some(challenge));
            request_animation_frame(|| focus_id("code"));
        }
        Err(error) => {
            let message = match &error {
                ApiError::Locked { until, .. } => {
                    let when = until
                        .as_deref()
                        .and_then(local_time)
                        .map(|t| format!("Try again after {t}."))
                        .unwrap_or_else(|| "Try again in 15 minutes.".to_string());
                    format!(
                        "Your account is locked after too many unsuccessful attempts to sign in. {when}"
                    )
                }
                ApiError::Unauthorized { problem } => problem
                    .detail
                    .clone()
                    .unwrap_or_else(|| "The username or password is incorrect.".to_string()),
                other => other.message(),
            };
            form.set_server(error.field_errors(), &ORDER);
            alert.set(Some(message));
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(field) = form.submit(&ORDER) {
            focus_id(field);
            return;
        }
        alert.set(None);
        let (user, pass) = (
            username.get_untracked().trim().to_string(),
            password.get_untracked(),
        );
        let body = LoginRequest {
            username: user,
            password: pass,
        };
        pending.set(true);
        spawn_local(async move {
            let result = api::security::login(&body).await;
            // `try_set` fails when the page is gone: then nobody is waiting.
            if pending.try_set(false).is_none() {
                on_result(result);
            }
        });
    };

    // Why the member is here: from this page's own session state, or from
    // `?ended=` when another entry of the app sent them (a page load).
    let ended = query.with_untracked(|q| q.get("ended"));
    let notice = move || {
        let reason = match session.state() {
            SessionState::SignedOut(reason) if reason != SignOutReason::Anonymous => Some(reason),
            _ => match ended.as_deref() {
                Some("signed-out") => Some(SignOutReason::SignedOut),
                Some("expired") => Some(SignOutReason::Expired),
                _ => None,
            },
        };
        match reason {
            Some(SignOutReason::SignedOut) => Some("You have signed out."),
            Some(SignOutReason::Expired) => Some("Your session ended. Please sign in again."),
            _ => None,
        }
    };

    // Sent here from the provider side: a provider's words and links.
    let for_provider = query.with_untracked(|q| {
        q.get("next")
            .and_then(|n| Page::parse(n.split(['?', '#']).next().unwrap_or_default()))
            .is_some_and(Page::for_providers)
    });
    let lead = if for_provider {
        "Sign in to your provider account to check eligibility and benefits, claim status and remittances."
    } else {
        "Sign in to see your coverage and your member ID card."
    };

    view! {
        <PublicLayout provider=for_provider>
            <div class="auth-card">
                <h1>{if for_provider { "Provider sign in" } else { "Sign in" }}</h1>
                <p class="lead">{lead}</p>
                <div role="status" class="notice">
                    {move || notice().map(|n| view! { <p class="notice__message">{n}</p> })}
                </div>
                <AlertRegion message=alert />
                {move || {
                    two_step
                        .get()
                        .map(|challenge| {
                            view! {
                                <TwoStepForm
                                    challenge=challenge
                                    on_done=Callback::new(move |me: Me| session.signed_in(me))
                                    on_restart=Callback::new(move |message: String| {
                                        two_step.set(None);
                                        alert.set(Some(message));
                                        request_animation_frame(|| focus_id("username"));
                                    })
                                />
                            }
                        })
                }}
                {move || {
                    legacy
                        .get()
                        .map(|challenge| {
                            view! {
                                <LegacyForm
                                    challenge=challenge
                                    on_done=Callback::new(move |me: Me| session.signed_in(me))
                                    on_restart=Callback::new(move |message: String| {
                                        legacy.set(None);
                                        alert.set(Some(message));
                                        request_animation_frame(|| focus_id("username"));
                                    })
                                />
                            }
                        })
                }}
                <Show when=move || two_step.with(Option::is_none) && legacy.with(Option::is_none)>
                <form class="form" novalidate=true on:submit=on_submit>
                    <TextField
                        id="username"
                        label="Username"
                        value=username
                        errors=form.errors_for("username")
                        autocomplete="username"
                        on:input=move |_| form.edited("username")
                    />
                    <PasswordField
                        id="password"
                        label="Password"
                        value=password
                        errors=form.errors_for("password")
                        autocomplete="current-password"
                        on:input=move |_| form.edited("password")
                    />
                    <SubmitButton label="Sign in" busy_label="Signing in…" pending=pending class="button button--primary button--block" />
                </form>
                </Show>
                {if for_provider {
                    view! {
                        <nav class="auth-card__alt" aria-label="Sign-in help">
                            <ul class="link-list">
                                <li>
                                    <a href=Page::ProviderRecover.href()>"Forgot username or password?"</a>
                                </li>
                                <li>
                                    <a href=Page::ProviderRegister.href()>"Need to register?"</a>
                                </li>
                                <li>
                                    <a href=Page::ProviderHome.href()>"Provider home"</a>
                                </li>
                            </ul>
                        </nav>
                    }
                        .into_any()
                } else {
                    view! {
                <nav class="auth-card__alt" aria-label="Sign-in help">
                    <ul class="link-list">
                        <li>
                            <a href=Page::ForgotUsername.href()>"Forgot username?"</a>
                        </li>
                        <li>
                            <a href=Page::ForgotPassword.href()>"Forgot password?"</a>
                        </li>
                        <li>
                            <a href=Page::Unlock.href()>"Unlock account"</a>
                        </li>
                    </ul>
                </nav>
                <p class="auth-card__alt">
                    "New to the member portal? " <a href=Page::Register.href()>"Create an account"</a>
                </p>
                    }
                        .into_any()
                }}
            </div>
        </PublicLayout>
    }
}
