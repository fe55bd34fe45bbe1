//! Choosing one of a provider's open times: a day, then a time that day
//! (radio buttons, so the choice works by keyboard and is announced).

use super::by_day;
use crate::browser::zoned_time;
use crate::components::SelectField;
use leptos::prelude::*;
use portal_domain::care::virtual_visit::{Slots, VisitMode};

/// On-demand times shown at once (the next half hour).
const ON_DEMAND_SHOWN: usize = 6;

/// The picker.
#[component]
pub fn SlotPicker(
    /// The provider's open times.
    slots: Slots,
    /// The chosen start.
    chosen: RwSignal<Option<i64>>,
    /// Prefix of the inputs' ids (one picker per page region).
    id: &'static str,
) -> impl IntoView {
    let zone = slots.provider.time_zone.clone();
    if slots.slots.is_empty() {
        return view! {
            <p class="vv-empty">
                "No open times in the next two weeks. Choose another provider, or an on-demand urgent care visit."
            </p>
        }
        .into_any();
    }
    let mut days = by_day(&slots.slots, &zone);
    if slots.provider.mode == VisitMode::OnDemand {
        let soon: Vec<_> = slots.slots.iter().take(ON_DEMAND_SHOWN).copied().collect();
        days = by_day(&soon, &zone);
    }
    let days = StoredValue::new(days);
    let day = RwSignal::new(0usize);
    let options = Signal::derive(move || {
        days.with_value(|d| {
            d.iter()
                .enumerate()
                .map(|(i, (name, list))| (i.to_string(), format!("{name} ({} open)", list.len())))
                .collect::<Vec<_>>()
        })
    });
    let zone_note = format!(
        "Times are in the provider's time zone ({}).",
        zoned_time(slots.slots[0].starts_at, &zone, false)
            .rsplit(' ')
            .next()
            .unwrap_or_default()
    );
    let group = format!("{id}-time");
    view! {
        <div class="vv-slots">
            <SelectField
                id=id
                label="Day"
                options=options
                value=Signal::derive(move || day.get().to_string())
                on_pick=Callback::new(move |v: String| {
                    day.set(v.parse().unwrap_or(0));
                    chosen.set(None);
                })
            />
            <fieldset class="vv-times">
                <legend>"Time"</legend>
                <p class="field__hint">{zone_note}</p>
                {move || {
                    let zone = zone.clone();
                    let group = group.clone();
                    days.with_value(|d| {
                        d.get(day.get())
                            .map(|(_, list)| {
                                list.iter()
                                    .map(|s| {
                                        let t = s.starts_at;
                                        let input_id = format!("{group}-{t}");
                                        let for_id = input_id.clone();
                                        view! {
                                            <label class="vv-time" for=for_id>
                                                <input
                                                    type="radio"
                                                    id=input_id
                                                    name=group.clone()
                                                    prop:checked=move || chosen.get() == Some(t)
                                                    on:change=move |_| chosen.set(Some(t))
                                                />
                                                {zoned_time(t, &zone, false)}
                                            </label>
                                        }
                                    })
                                    .collect_view()
                            })
                    })
                }}
            </fieldset>
        </div>
    }
    .into_any()
}
