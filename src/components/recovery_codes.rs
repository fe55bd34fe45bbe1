//! The ten recovery codes, shown once after two-step verification is
//! switched on (or new codes are made), with the button that confirms they
//! were saved.

use leptos::prelude::*;

/// The recovery codes to save.
#[component]
pub fn RecoveryCodesList(
    /// The codes, formatted (`ABCD-EFGH-JKMN-PQRS`).
    codes: Vec<String>,
    /// Called when the member says the codes are saved.
    on_saved: Callback<()>,
    /// The button's words.
    #[prop(default = "I have saved my codes")]
    saved_label: &'static str,
) -> impl IntoView {
    view! {
        <div class="recovery-codes">
            <h3 id="recovery-codes-heading" tabindex="-1">"Save your recovery codes"</h3>
            <p>
                "If you lose your phone or can't get your codes, each of these lets you sign in once. "
                "Print them or write them down and keep them somewhere safe: they are shown only now."
            </p>
            <ol class="recovery-codes__list mono" aria-labelledby="recovery-codes-heading">
                {codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ol>
            <button type="button" class="button button--primary" on:click=move |_| on_saved.run(())>
                {saved_label}
            </button>
        </div>
    }
}
