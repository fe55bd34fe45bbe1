//! `/`: the signed-in home page with the plan and the member ID card.

use crate::api::{self, ApiError};
use crate::components::{ErrorPanel, IdCardView};
use crate::state::remote::remote;
use crate::state::session::{use_session, Session};
use leptos::prelude::*;
use portal_domain::api::Coverage;

/// Shows a failed load, and ends the session on the screen when the server
/// says it is gone (the shell then sends the member to sign in).
pub(crate) fn load_error(
    session: Session,
    title: &'static str,
    error: &ApiError,
    retry: Callback<()>,
) -> AnyView {
    session.handle_error(error);
    view! { <ErrorPanel title=title message=error.message() on_retry=retry /> }.into_any()
}

/// Greeting, plan summary, the member's ID card and their household.
#[component]
pub fn DashboardPage() -> impl IntoView {
    super::page("Home");
    let session = use_session();
    let (coverage, retry) = remote(api::coverage::coverage);
    let name = move || {
        session
            .me()
            .map(|me| format!("{} {}", me.member.first_name, me.member.last_name))
            .unwrap_or_default()
    };
    view! {
        <h1>"Welcome, " {name}</h1>
        {move || match coverage.get() {
            None => loading("Loading your coverage…"),
            Some(Ok(coverage)) => overview(coverage).into_any(),
            Some(Err(error)) => {
                load_error(session, "We couldn't load your coverage", &error, retry)
            }
        }}
    }
}

/// A polite "loading" status line.
pub(crate) fn loading(text: &'static str) -> AnyView {
    view! {
        <p class="loading" role="status">
            {text}
        </p>
    }
    .into_any()
}

/// The loaded part of the dashboard.
fn overview(coverage: Coverage) -> impl IntoView {
    let plan = coverage.card.plan.clone();
    let next_plan = coverage.next_plan.clone().map(|c| {
        view! {
            <p class="panel panel--info next-plan">
                <strong>"Plan change: "</strong>
                {format!(
                    "your plan changes to {} on {}.",
                    c.plan_name,
                    crate::browser::long_date(c.effective),
                )} " " <a href="/plans">"See plans"</a>
            </p>
        }
    });
    let own_id = coverage.card.member.id;
    let others: Vec<_> = coverage
        .household
        .into_iter()
        .filter(|m| m.id != own_id)
        .collect();
    view! {
        <p class="lead">
            "Your plan: " <strong>{plan.name}</strong> " (" {plan.plan_type} ", "
            {plan.network} " network)."
        </p>
        {next_plan}
        <div class="dashboard">
            <IdCardView card=coverage.card title="Your member ID card" />
            <section class="panel" aria-labelledby="household-heading">
                <h2 id="household-heading" class="panel__title">
                    "Your household"
                </h2>
                {if others.is_empty() {
                    view! { <p>"No one else on your plan is shown here."</p> }.into_any()
                } else {
                    view! {
                        <ul class="household">
                            {others
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <li class="household__member">
                                            <span class="household__name">
                                                {format!("{} {}", m.first_name, m.last_name)}
                                            </span>
                                            <span class="household__meta">
                                                {m.relationship.label()} " · Member ID "
                                                <span class="mono">{m.member_id.printed()}</span>
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p>
                            <a href="/cards">"See everyone's ID cards"</a>
                        </p>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}
