//! Change plan: choose one of next year's plans, review what changes and
//! from when and what the new plan gives up
//! ([`portal_domain::plans::compare::gives_up`]), confirm explicitly, get a
//! confirmation number, and cancel a pending change before it starts.
//! Outside open enrollment the page says so and offers a qualifying life
//! event instead.

use super::plan_name;
use crate::api::{self, ApiError};
use crate::browser::long_date;
use crate::components::{AlertRegion, SelectField, TextField};
use crate::pages::claims::money;
use crate::pages::loading;
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::dates::parse_iso;
use portal_domain::plans::api::{
    ChangePlanRequest, EnrollmentStatus, LifeEvent, PlanCatalog, PlanChange, LIFE_EVENT_DAYS,
};
use portal_domain::plans::compare::gives_up;

/// The change-plan section.
#[component]
pub fn ChangePanel(
    /// The catalogue.
    catalog: StoredValue<PlanCatalog>,
) -> impl IntoView {
    let session = use_session();
    let (status, reload) = remote(api::plans::enrollment);
    // Kept here: a stored change reloads the form below.
    let outcome = RwSignal::new(None::<PlanChange>);
    let cancelled = RwSignal::new(None::<String>);
    view! {
        <section class="panel plans-section" aria-labelledby="change-heading">
            <h2 id="change-heading" class="panel__title">
                "Change your plan"
            </h2>
            <div role="status" class="enrollment__done">
                {move || {
                    outcome
                        .get()
                        .map(|c| {
                            view! {
                                <p class="success">
                                    <strong>"Done. "</strong>
                                    {format!(
                                        "Your plan will change to {} on {}. Your confirmation number is {}.",
                                        c.plan_name,
                                        long_date(c.effective),
                                        c.confirmation,
                                    )}
                                </p>
                            }
                        })
                }}
                {move || cancelled.get().map(|t| view! { <p class="success">{t}</p> })}
            </div>
            {move || match status.get() {
                None => loading("Checking open enrollment…"),
                Some(Err(e)) => {
                    session.handle_error(&e);
                    view! { <p role="alert">{e.message()}</p> }.into_any()
                }
                Some(Ok(s)) if !s.can_change => {
                    view! { <ReadOnlyChoices catalog=catalog status=s /> }.into_any()
                }
                Some(Ok(s)) => {
                    view! { <ChangeForm catalog=catalog status=s reload=reload outcome=outcome cancelled=cancelled /> }
                        .into_any()
                }
            }}
        </section>
    }
}

/// For members who may not change the plan (only the subscriber may): the
/// options, read-only, with the reason.
#[component]
fn ReadOnlyChoices(
    /// The catalogue.
    catalog: StoredValue<PlanCatalog>,
    /// Open enrollment, with the reason the caller cannot change.
    status: EnrollmentStatus,
) -> impl IntoView {
    let reason = status.cannot_change_reason.clone().unwrap_or_default();
    let choices: Vec<(String, String)> = catalog.with_value(|c| {
        c.plans
            .iter()
            .filter(|p| p.id != c.current_plan_id)
            .map(|p| (p.name.clone(), money(p.premiums.monthly(c.tier))))
            .collect()
    });
    view! {
        <div class="panel panel--notice enrollment" role="note">
            <p>{reason}</p>
        </div>
        {status
            .pending
            .map(|p| {
                view! {
                    <p class="enrollment__pending">
                        {format!("The subscriber has chosen {}, starting {}.", p.plan_name, long_date(p.effective))}
                    </p>
                }
            })}
        <h3>"Plans on offer"</h3>
        <ul class="link-list" aria-label="Plans on offer">
            {choices
                .into_iter()
                .map(|(name, premium)| {
                    view! {
                        <li>
                            {name} <span class="choice__meta">{format!(" {premium} a month")}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Where the member is in the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Choose,
    Review,
}

#[component]
fn ChangeForm(
    /// The catalogue.
    catalog: StoredValue<PlanCatalog>,
    /// Open enrollment and any change already made.
    status: EnrollmentStatus,
    /// Reloads `status` (after a change is stored).
    reload: Callback<()>,
    /// Where a stored change is reported.
    outcome: RwSignal<Option<PlanChange>>,
    /// Where a cancelled change is reported.
    cancelled: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let open = status.open;
    let step = RwSignal::new(Step::Choose);
    let target = RwSignal::new(None::<String>);
    let choose_error = RwSignal::new(None::<String>);
    let event = RwSignal::new(String::new());
    let event_date = RwSignal::new(String::new());
    let date_errors = RwSignal::new(Vec::<String>::new());
    let confirmed = RwSignal::new(false);
    let confirm_error = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let current = status.current_plan_id.clone();
    let (tier, current_premium) = catalog.with_value(|c| {
        let p = c
            .plans
            .iter()
            .find(|p| p.id == c.current_plan_id)
            .map(|p| p.premiums.monthly(c.tier));
        (c.tier, p)
    });
    let choices: Vec<(String, String, String)> = catalog.with_value(|c| {
        c.plans
            .iter()
            .filter(|p| p.id != c.current_plan_id)
            .map(|p| {
                (
                    p.id.clone(),
                    p.name.clone(),
                    money(p.premiums.monthly(c.tier)),
                )
            })
            .collect()
    });
    let effective_text = if open {
        long_date(status.effective)
    } else {
        "the first day of next month (or when the plan year starts, if later)".to_string()
    };
    let effective_text = StoredValue::new(effective_text);

    let review = move |_| {
        if target.get_untracked().is_none() {
            choose_error.set(Some("Choose the plan you want.".into()));
            return;
        }
        choose_error.set(None);
        if !open && !event.get_untracked().is_empty() {
            let ok = parse_iso(event_date.get_untracked().trim()).is_some();
            if !ok {
                date_errors.set(vec!["Enter the date of the event.".into()]);
                return;
            }
        }
        date_errors.set(Vec::new());
        problem.set(None);
        confirmed.set(false);
        step.set(Step::Review);
    };
    let submitting = RwSignal::new(false);
    let confirm = move |_| {
        if !confirmed.get_untracked() {
            confirm_error.set(Some("Tick the box to confirm the change.".into()));
            return;
        }
        confirm_error.set(None);
        let Some(plan_id) = target.get_untracked() else {
            return;
        };
        let has_event = !event.get_untracked().is_empty();
        let request = ChangePlanRequest {
            plan_id,
            confirm: true,
            life_event: has_event.then(|| event.get_untracked()),
            event_date: has_event.then(|| event_date.get_untracked().trim().to_string()),
        };
        submitting.set(true);
        spawn_local(async move {
            let r = api::plans::change(&request).await;
            let _ = submitting.try_set(false);
            match r {
                Ok(change) => {
                    cancelled.set(None);
                    outcome.set(Some(change));
                    problem.set(None);
                    step.set(Step::Choose);
                    reload.run(());
                }
                Err(e) => {
                    session.handle_error(&e);
                    let text = match &e {
                        ApiError::Validation { fields, .. } => fields
                            .values()
                            .flatten()
                            .map(|f| f.message.clone())
                            .collect::<Vec<_>>()
                            .join(" "),
                        _ => e.message(),
                    };
                    problem.set(Some(text));
                }
            }
        });
    };

    let window = format!(
        "{} to {}",
        long_date(status.window_start),
        long_date(status.window_end)
    );
    let pending = status.pending.clone();
    let cancelling = RwSignal::new(false);
    let cancel = move |_| {
        cancelling.set(true);
        spawn_local(async move {
            let r = api::plans::cancel_change().await;
            let _ = cancelling.try_set(false);
            match r {
                Ok(()) => {
                    outcome.set(None);
                    cancelled.set(Some(
                        "Your plan change was cancelled. Your current plan stays.".into(),
                    ));
                    reload.run(());
                }
                Err(e) => {
                    session.handle_error(&e);
                    problem.set(Some(e.message()));
                }
            }
        });
    };
    let event_options = Signal::derive(|| {
        std::iter::once((String::new(), "No life event".to_string()))
            .chain(
                LifeEvent::ALL
                    .iter()
                    .map(|e| (e.as_str().to_string(), e.label().to_string())),
            )
            .collect::<Vec<_>>()
    });
    view! {
        {if open {
            view! {
                <p class="panel--info enrollment">
                    <strong>"Open enrollment is open"</strong>
                    {format!(" ({window}). A plan you choose now starts on {}.", long_date(status.effective))}
                </p>
            }
                .into_any()
        } else {
            view! {
                <div class="panel panel--notice enrollment" role="note">
                    <p>
                        <strong>"Open enrollment is closed."</strong>
                        {format!(" It runs {window}. Outside it you can change plans only within {LIFE_EVENT_DAYS} days of a qualifying life event, such as marriage, a birth or adoption, or losing other coverage.")}
                    </p>
                    <SelectField
                        id="life-event"
                        label="Qualifying life event"
                        options=event_options
                        value=event
                        on_pick=Callback::new(move |v| event.set(v))
                    />
                    <TextField
                        id="event-date"
                        label="Date of the event"
                        value=event_date
                        errors=date_errors
                        input_type="date"
                    />
                </div>
            }
                .into_any()
        }}
        {pending
            .map(|p| {
                view! {
                    <div class="enrollment__pending">
                        <p>
                            {format!(
                                "You have chosen {}, starting {} (confirmation number {}). Until then your current plan stays in effect.",
                                p.plan_name,
                                long_date(p.effective),
                                p.confirmation,
                            )}
                        </p>
                        <button
                            type="button"
                            class="button button--secondary"
                            disabled=move || cancelling.get()
                            on:click=cancel
                        >
                            {format!("Cancel the change to {}", p.plan_name)}
                        </button>
                    </div>
                }
            })}
        <AlertRegion message=problem />
        {move || match step.get() {
            Step::Choose => {
                view! {
                    <fieldset class="choices">
                        <legend>"Choose your new plan"</legend>
                        {choices
                            .clone()
                            .into_iter()
                            .map(|(id, name, premium)| {
                                let input_id = format!("change-{id}");
                                let id_checked = id.clone();
                                view! {
                                    <div class="choice">
                                        <input
                                            type="radio"
                                            name="change-plan"
                                            id=input_id.clone()
                                            prop:checked=move || target.with(|t| t.as_deref() == Some(id_checked.as_str()))
                                            on:change=move |_| target.set(Some(id.clone()))
                                        />
                                        <label for=input_id>
                                            {name} <span class="choice__meta">{format!(" {premium} a month")}</span>
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    {move || choose_error.get().map(|e| view! { <p class="field__errors" role="alert">{e}</p> })}
                    <button type="button" class="button" on:click=review>
                        "Review the change"
                    </button>
                }
                    .into_any()
            }
            Step::Review => {
                let to = target.get_untracked().unwrap_or_default();
                let (to_name, from_name, new_premium, lost) = catalog.with_value(|c| {
                    let find = |id: &str| c.plans.iter().find(|p| p.id == id);
                    let premium = find(&to).map(|p| p.premiums.monthly(c.tier));
                    let lost = match (find(&current), find(&to)) {
                        (Some(f), Some(t)) => gives_up(f, t),
                        _ => Vec::new(),
                    };
                    (plan_name(c, &to), plan_name(c, &current), premium, lost)
                });
                let lost_view = if lost.is_empty() {
                    view! { <p>"The new plan covers everything your current plan covers, with no higher deductible or maximum."</p> }.into_any()
                } else {
                    view! {
                        <ul>{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    }
                    .into_any()
                };
                let premium_text = format!(
                    "{} → {} a month ({} coverage)",
                    current_premium.map(money).unwrap_or_default(),
                    new_premium.map(money).unwrap_or_default(),
                    tier.label(),
                );
                let confirm_label = format!("Yes, change my plan to {to_name}");
                view! {
                    <section class="review" aria-labelledby="review-heading">
                        <h3 id="review-heading">"Review your change"</h3>
                        <dl class="review__facts">
                            <div><dt>"Your plan now"</dt><dd>{from_name}</dd></div>
                            <div><dt>"Your new plan"</dt><dd>{to_name}</dd></div>
                            <div><dt>"Starts"</dt><dd>{effective_text.get_value()}</dd></div>
                            <div><dt>"Premium"</dt><dd>{premium_text}</dd></div>
                        </dl>
                        <h4>"What you give up or pay more for"</h4>
                        {lost_view}
                        <p>"Your ID card and benefits change on the start date. Until then your current plan stays in effect. You can cancel the change here before it starts."</p>
                        <div class="choice">
                            <input
                                type="checkbox"
                                id="confirm-change"
                                aria-describedby="confirm-change-error"
                                prop:checked=move || confirmed.get()
                                on:change=move |ev| confirmed.set(event_target_checked(&ev))
                            />
                            <label for="confirm-change">{confirm_label}</label>
                        </div>
                        <p class="field__errors" id="confirm-change-error">
                            {move || confirm_error.get()}
                        </p>
                        <div class="button-row">
                            <button
                                type="button"
                                class="button"
                                disabled=move || submitting.get()
                                on:click=confirm
                            >
                                "Confirm plan change"
                            </button>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| step.set(Step::Choose)
                            >
                                "Back"
                            </button>
                        </div>
                    </section>
                }
                    .into_any()
            }
        }}
    }
}
