//! A live checklist of credential rules, met or not.

use leptos::prelude::*;
use portal_domain::RuleCheck;

/// Every client-checkable rule with its state, as text and icon (never colour
/// alone): each item starts with a visually hidden "Met:" / "Not met:".
/// The list is an `aria-live="polite"` region, so changes are announced.
#[component]
pub fn RuleChecklist(
    /// The list's `id` (for the field's `aria-describedby`).
    #[prop(into)]
    id: String,
    /// Heading text above the list ("Your password needs").
    #[prop(into)]
    title: String,
    /// The rules and whether they are met.
    #[prop(into)]
    checks: Signal<Vec<RuleCheck>>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    view! {
        <div class="checklist" id=id aria-live="polite">
            <p class="checklist__title" id=title_id.clone()>
                {title}
            </p>
            <ul class="checklist__items" aria-labelledby=title_id>
                <For
                    each=move || checks.get()
                    key=|c| (c.rule, c.met)
                    children=move |c| {
                        let (icon, state) = if c.met { ("✓", "Met: ") } else { ("✗", "Not met: ") };
                        view! {
                            <li class="checklist__item" class:checklist__item--met=c.met>
                                <span class="checklist__icon" aria-hidden="true">
                                    {icon}
                                </span>
                                <span class="visually-hidden">{state}</span>
                                {c.message}
                            </li>
                        }
                    }
                />
            </ul>
        </div>
    }
}
