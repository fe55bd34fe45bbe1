//! Fallback for unknown paths.

use crate::components::PublicLayout;
use leptos::prelude::*;

/// "Page not found" with a link home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    super::page("Page not found");
    view! {
        <PublicLayout>
            <h1>"Page not found"</h1>
            <p>"We couldn't find the page you asked for. It may have moved, or the address may be mistyped."</p>
            <p>
                <a class="button" href=portal_domain::routes::Page::Dashboard.href()>
                    "Go to your home page"
                </a>
            </p>
        </PublicLayout>
    }
}
