//! The filter bar of `/claims`: date range (a preset or custom dates),
//! family member, category, status, network, provider and free text. Every
//! change goes through [`ListControl`], so it lands in the address.

use super::control::ListControl;
use crate::api;
use crate::browser::today;
use crate::components::{SelectField, TextField};
use crate::state::remote::remote;
use leptos::prelude::*;
use portal_domain::claims::{
    check_date_order, ClaimFilter, ClaimStatus, DatePreset, Network, ServiceCategory,
};
use portal_domain::dates::{parse_iso, to_iso};

/// Options of a select: (value, label).
pub(super) type Options = Vec<(String, String)>;

/// The filter form.
#[component]
pub(super) fn ClaimsFilters(
    /// The list's filter and how to change it.
    control: ListControl,
) -> impl IntoView {
    let filter = control.filter;
    let (custom, date_error) = (control.custom, control.date_error);

    let (coverage, _) = remote(api::coverage::coverage);
    let members = Signal::derive(move || {
        let mut options: Options = vec![(String::new(), "Everyone".into())];
        if let Some(Ok(c)) = coverage.get() {
            options.extend(c.household.into_iter().map(|m| {
                (
                    m.id.to_string(),
                    format!("{} {}", m.first_name, m.last_name),
                )
            }));
        }
        options
    });

    let range_value = Signal::derive(move || {
        filter.with(|f| match f.range {
            Some(r) => r.as_str().to_string(),
            None if f.from.is_some() || f.to.is_some() || custom.get() => "custom".into(),
            // No date filter is the whole history the portal keeps: the
            // same as "All 36 months" (one option, not two that read alike).
            None => DatePreset::All36Months.as_str().to_string(),
        })
    });
    let pick_range = Callback::new(move |v: String| {
        date_error.set(Vec::new());
        if v == "custom" {
            custom.set(true);
            // Start from the dates the preset meant, if one was chosen.
            if let Some(p) = filter.with_untracked(|f| f.range) {
                let (from, to) = p.range(today());
                control.update(
                    &|f| {
                        f.range = None;
                        f.from = Some(from);
                        f.to = Some(to);
                    },
                    false,
                );
            }
            return;
        }
        custom.set(false);
        let preset = DatePreset::parse(&v);
        control.update(
            &|f| {
                f.range = preset;
                f.from = None;
                f.to = None;
            },
            false,
        );
    });

    let from_text = RwSignal::new(String::new());
    let to_text = RwSignal::new(String::new());
    let provider_text = RwSignal::new(String::new());
    let search_text = RwSignal::new(String::new());
    // The URL wins when it changes from elsewhere (back/forward, clear,
    // saved filter); what is being typed is kept while it means the same.
    Effect::new(move |_| {
        filter.with(|f| {
            let sync = |field: RwSignal<String>, url: String| {
                if field.get_untracked().trim() != url {
                    field.set(url);
                }
            };
            sync(from_text, f.from.map(to_iso).unwrap_or_default());
            sync(to_text, f.to.map(to_iso).unwrap_or_default());
            sync(provider_text, f.provider.clone().unwrap_or_default());
            sync(search_text, f.text.clone().unwrap_or_default());
        })
    });
    let set_dates = move |_| {
        let day = |s: String| parse_iso(s.trim());
        let (from, to) = (day(from_text.get_untracked()), day(to_text.get_untracked()));
        if let Err(e) = check_date_order(from, to) {
            date_error.set(vec![e.message]);
            return;
        }
        date_error.set(Vec::new());
        control.update(
            &|f| {
                f.range = None;
                f.from = from;
                f.to = to;
            },
            false,
        );
    };
    let text_value = |s: String| Some(s).filter(|s| !s.trim().is_empty());

    let select_value = move |get: fn(&ClaimFilter) -> Option<&'static str>| {
        Signal::derive(move || filter.with(|f| get(f).unwrap_or_default().to_string()))
    };

    view! {
        <form
            class="claims-filters"
            role="search"
            aria-label="Filter claims"
            on:submit=|ev| ev.prevent_default()
        >
            <SelectField
                id="claims-range"
                label="Date range"
                options=Signal::stored(
                    DatePreset::ALL
                        .iter()
                        .map(|p| (p.as_str().to_string(), p.label().to_string()))
                        .chain(std::iter::once(("custom".to_string(), "Custom dates".to_string())))
                        .collect(),
                )
                value=range_value
                on_pick=pick_range
            />
            <Show when=move || range_value.with(|v| v == "custom")>
                <TextField
                    id="claims-from"
                    label="From"
                    value=from_text
                    errors=Signal::stored(Vec::new())
                    input_type="date"
                    on:change=set_dates
                />
                <TextField
                    id="claims-to"
                    label="To"
                    value=to_text
                    errors=date_error
                    input_type="date"
                    on:change=set_dates
                />
            </Show>
            <SelectField
                id="claims-member"
                label="Family member"
                options=members
                value=Signal::derive(move || {
                    filter.with(|f| f.member.map(|m| m.to_string()).unwrap_or_default())
                })
                on_pick=Callback::new(move |v: String| {
                    control.update(&|f| f.member = v.parse().ok(), false)
                })
            />
            <SelectField
                id="claims-category"
                label="Service category"
                options=Signal::stored(all_and(
                    ServiceCategory::ALL.iter().map(|c| (c.as_str(), c.label())),
                ))
                value=select_value(|f| f.category.map(|c| c.as_str()))
                on_pick=Callback::new(move |v: String| {
                    control.update(&|f| f.category = ServiceCategory::parse(&v), false)
                })
            />
            <SelectField
                id="claims-status"
                label="Status"
                options=Signal::stored(all_and(
                    ClaimStatus::ALL.iter().map(|s| (s.as_str(), s.label())),
                ))
                value=select_value(|f| f.status.map(|s| s.as_str()))
                on_pick=Callback::new(move |v: String| {
                    control.update(&|f| f.status = ClaimStatus::parse(&v), false)
                })
            />
            <SelectField
                id="claims-network"
                label="Network"
                options=Signal::stored(all_and(
                    Network::ALL.iter().map(|n| (n.as_str(), n.label())),
                ))
                value=select_value(|f| f.network.map(|n| n.as_str()))
                on_pick=Callback::new(move |v: String| {
                    control.update(&|f| f.network = Network::parse(&v), false)
                })
            />
            <TextField
                id="claims-provider"
                label="Provider"
                value=provider_text
                errors=Signal::stored(Vec::new())
                hint="Name or 10-digit NPI"
                maxlength=100
                on:input=move |_| {
                    control.type_in(
                        "provider",
                        &|f| f.provider = text_value(provider_text.get_untracked()),
                    )
                }
            />
            <TextField
                id="claims-search"
                label="Search claims"
                value=search_text
                errors=Signal::stored(Vec::new())
                input_type="search"
                hint="Claim number, provider, procedure or drug"
                maxlength=100
                on:input=move |_| {
                    control.type_in("q", &|f| f.text = text_value(search_text.get_untracked()))
                }
            />
            <div class="claims-filters__actions">
                <button type="button" class="button button--quiet" on:click=move |_| control.clear()>
                    "Clear filters"
                </button>
            </div>
        </form>
    }
}

/// `(value, label)` options led by "All" (value empty).
fn all_and(items: impl Iterator<Item = (&'static str, &'static str)>) -> Options {
    std::iter::once((String::new(), "All".to_string()))
        .chain(items.map(|(v, l)| (v.to_string(), l.to_string())))
        .collect()
}
