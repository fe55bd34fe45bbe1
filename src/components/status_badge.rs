//! A claim's status as text with a colour badge (the colour never carries
//! meaning alone).

use leptos::prelude::*;
use portal_domain::claims::ClaimStatus;

/// The status label in a badge coloured by `badge--{status code}`.
#[component]
pub fn StatusBadge(
    /// The claim's status.
    status: ClaimStatus,
) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", status.as_str())>{status.label()}</span> }
}
