//! "Book a virtual visit": whom for, what kind of visit, a provider in the
//! plan's network who offers them, one of its open times, and an optional
//! reason. Booking leads to the visit's page (the confirmation).

use super::slots::SlotPicker;
use crate::api;
use crate::browser::encode_query_value;
use crate::components::{AlertRegion, SelectField, SubmitButton, TextAreaField};
use crate::pages::loading;
use crate::state::remote::remote;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_domain::care::virtual_visit::{
    book_errors, visit_label, BookVisit, VirtualProvider, VisitMode, REASON_MAX_CHARS,
};
use portal_domain::cost::Benefit;
use portal_domain::routes::visit_href;

/// The kinds of visit, in the order offered.
const KINDS: [Benefit; 4] = [
    Benefit::PrimaryCare,
    Benefit::MentalHealth,
    Benefit::UrgentCare,
    Benefit::Specialist,
];

fn kind_words(b: Benefit) -> &'static str {
    match b {
        Benefit::PrimaryCare => "Primary care",
        Benefit::MentalHealth => "Mental health (counseling, therapy, psychiatry)",
        Benefit::UrgentCare => "Urgent care, on demand 24 hours a day",
        _ => "A specialist",
    }
}

/// The booking panel.
#[component]
pub fn BookPanel(
    /// Whom the member may book for: (member ID, first name), themselves first.
    people: Vec<(i64, String)>,
) -> impl IntoView {
    let first = people.first().map(|(id, _)| *id).unwrap_or_default();
    let member = RwSignal::new(first);
    let benefit = RwSignal::new(Benefit::PrimaryCare);
    let chosen = RwSignal::new(None::<VirtualProvider>);
    let people_options: Vec<(String, String)> = people
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let several = people_options.len() > 1;
    let kinds: Vec<(String, String)> = KINDS
        .iter()
        .map(|b| (b.as_str().to_string(), kind_words(*b).to_string()))
        .collect();
    view! {
        <section class="panel vv-book" aria-labelledby="vv-book-heading">
            <h2 id="vv-book-heading" class="panel__title">"Book a virtual visit"</h2>
            <div class="vv-book__choices">
                {several.then(|| view! {
                    <SelectField
                        id="vv-member"
                        label="Who is the visit for?"
                        options=Signal::derive(move || people_options.clone())
                        value=Signal::derive(move || member.get().to_string())
                        on_pick=Callback::new(move |v: String| member.set(v.parse().unwrap_or(first)))
                    />
                })}
                <SelectField
                    id="vv-kind"
                    label="Kind of visit"
                    options=Signal::derive(move || kinds.clone())
                    value=Signal::derive(move || benefit.get().as_str().to_string())
                    on_pick=Callback::new(move |v: String| {
                        let b = KINDS
                            .into_iter()
                            .find(|b| b.as_str() == v)
                            .unwrap_or(Benefit::PrimaryCare);
                        benefit.set(b);
                        chosen.set(None);
                    })
                />
            </div>
            {move || match chosen.get() {
                None => view! { <ProviderList benefit=benefit.get() chosen=chosen /> }.into_any(),
                Some(p) => view! { <BookForm provider=p member=member chosen=chosen /> }.into_any(),
            }}
        </section>
    }
}

/// Providers of one kind of visit, ten at a time.
#[component]
fn ProviderList(
    /// The kind of visit.
    benefit: Benefit,
    /// Set to the provider the member picks.
    chosen: RwSignal<Option<VirtualProvider>>,
) -> impl IntoView {
    let page = RwSignal::new(1u32);
    move || {
        let p = page.get();
        let query = format!("benefit={}&page={p}", encode_query_value(benefit.as_str()));
        let query = StoredValue::new(query);
        let (list, _) = remote(move || api::virtual_care::providers(&query.get_value()));
        move || {
            match list.get() {
            None => loading("Finding providers…"),
            Some(Err(e)) => view! { <p class="vv-empty" role="alert">{e.message()}</p> }.into_any(),
            Some(Ok(r)) if r.providers.is_empty() => view! {
                <p class="vv-empty">"No provider in your plan's network offers this kind of virtual visit. Try another kind, or search the provider directory."</p>
            }
            .into_any(),
            Some(Ok(r)) => {
                let pages = r.total.div_ceil(10).max(1);
                let items = r
                    .providers
                    .into_iter()
                    .map(|v| provider_item(v, chosen))
                    .collect_view();
                view! {
                    <p class="vv-count" role="status">
                        {format!("{} providers in your plan's network offer {}s. Page {p} of {pages}.", r.total, visit_label(benefit).to_lowercase())}
                    </p>
                    <ul class="vv-providers">{items}</ul>
                    <div class="vv-pager">
                        <button type="button" class="button button--secondary" disabled={p <= 1}
                            on:click=move |_| page.update(|x| *x = x.saturating_sub(1).max(1))>
                            "Previous providers"
                        </button>
                        <button type="button" class="button button--secondary" disabled={p >= pages}
                            on:click=move |_| page.update(|x| *x += 1)>
                            "More providers"
                        </button>
                    </div>
                }
                .into_any()
            }
        }
        }
    }
}

fn provider_item(v: VirtualProvider, chosen: RwSignal<Option<VirtualProvider>>) -> impl IntoView {
    let next = match v.next_open {
        Some(t) if v.mode == VisitMode::OnDemand => {
            format!("Next visit: {}", super::when(t, &v.time_zone))
        }
        Some(t) => format!("First open time: {}", super::when(t, &v.time_zone)),
        None => "No open times in the next two weeks".into(),
    };
    let label = format!("Choose a time with {}", v.name);
    let open = v.next_open.is_some();
    let name = v.name.clone();
    let picked = v.clone();
    view! {
        <li class="vv-provider">
            <p class="vv-provider__name">{name}</p>
            <p class="vv-provider__meta">{format!("{} · {}", v.specialty, v.mode.label())}</p>
            <p class="vv-provider__meta">{next}</p>
            {open.then(|| view! {
                <button type="button" class="button button--secondary" aria-label=label
                    on:click=move |_| chosen.set(Some(picked.clone()))>
                    "Choose a time"
                </button>
            })}
        </li>
    }
}

/// The chosen provider's open times and the booking form.
#[component]
fn BookForm(
    /// The provider.
    provider: VirtualProvider,
    /// The patient.
    member: RwSignal<i64>,
    /// Cleared by "Choose another provider".
    chosen: RwSignal<Option<VirtualProvider>>,
) -> impl IntoView {
    let id = provider.id;
    let (slots, retry) = remote(move || api::virtual_care::slots(id));
    let start = RwSignal::new(None::<i64>);
    let reason = RwSignal::new(String::new());
    let reason_errors = RwSignal::new(Vec::<String>::new());
    let alert = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(starts_at) = start.get_untracked() else {
            alert.set(Some("Choose a time first.".into()));
            return;
        };
        let request = BookVisit {
            provider_id: id,
            member_id: member.get_untracked(),
            starts_at,
            reason: reason.get_untracked(),
        };
        let errors = book_errors(&request);
        reason_errors.set(
            errors
                .get("reason")
                .map(|v| v.iter().map(|e| e.message.clone()).collect())
                .unwrap_or_default(),
        );
        if !errors.is_empty() {
            return;
        }
        pending.set(true);
        alert.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let r = api::virtual_care::book(&request).await;
            // `Some`: the form is gone (the signal was disposed).
            if pending.try_set(false).is_some() {
                return;
            }
            match r {
                Ok(v) => navigate(&visit_href(&v.reference), Default::default()),
                Err(e) => {
                    let fields = e.field_errors();
                    let msg = fields
                        .values()
                        .flatten()
                        .next()
                        .map(|f| f.message.clone())
                        .unwrap_or_else(|| e.message());
                    alert.set(Some(msg));
                    retry.run(());
                    start.set(None);
                }
            }
        });
    };
    let name = provider.name.clone();
    view! {
        <div class="vv-form">
            <h3 class="vv-form__title">{format!("Choose a time with {name}")}</h3>
            <p class="vv-provider__meta">{format!("{} · {}", provider.specialty, provider.mode.label())}</p>
            <button type="button" class="button button--quiet" on:click=move |_| chosen.set(None)>
                "Choose another provider"
            </button>
            <AlertRegion message=alert />
            <form on:submit=submit novalidate=true>
                {move || match slots.get() {
                    None => loading("Loading open times…"),
                    Some(Err(e)) => view! { <p class="vv-empty" role="alert">{e.message()}</p> }.into_any(),
                    Some(Ok(s)) => view! { <SlotPicker slots=s chosen=start id="vv-day" /> }.into_any(),
                }}
                <TextAreaField
                    id="vv-reason"
                    label="What is the visit for? (optional)"
                    hint=format!("Only the provider sees this. At most {REASON_MAX_CHARS} characters.")
                    value=reason
                    errors=reason_errors
                    rows=3
                />
                <SubmitButton label="Book the visit" busy_label="Booking…" pending=pending />
            </form>
        </div>
    }
}
