//! Labelled form fields with their hint and errors beside them.
//!
//! The input's `aria-describedby` names the hint and the error list, and
//! `aria-invalid` is set while there are errors, so screen readers read the
//! errors when the field is focused. Listen to the field from outside with
//! `on:input` / `on:focusout` on the component (they bubble from the input).

use leptos::prelude::*;

/// A text-like input with a real `<label for>`, an optional hint and the
/// list of its current errors.
#[component]
pub fn TextField(
    /// The input's `id` (and `name`); the hint and errors get `{id}-hint` / `{id}-errors`.
    #[prop(into)]
    id: String,
    /// Visible label text.
    #[prop(into)]
    label: String,
    /// The field's value; written on every keystroke.
    value: RwSignal<String>,
    /// Errors to show beside the field; empty means valid.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    /// Help text under the label.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// The input `type` (`text`, `date`, `password`, ...).
    #[prop(into, default = Signal::from("text"))]
    input_type: Signal<&'static str>,
    /// The `autocomplete` token (`username`, `bday`, ...).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The `inputmode` (`numeric`, ...).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Maximum length in characters.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// The `max` attribute (for dates).
    #[prop(optional, into)]
    max: MaybeProp<String>,
    /// Extra ids for `aria-describedby` (e.g. a rule checklist).
    #[prop(optional, into)]
    described_by: MaybeProp<String>,
    /// Rendered right after the input (e.g. a show-password button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let errors_id = format!("{id}-errors");
    let hint = hint.get_untracked();
    let describedby = [
        hint.as_ref().map(|_| hint_id.clone()),
        Some(errors_id.clone()),
        described_by.get_untracked(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let invalid = move || errors.with(|e| !e.is_empty());
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            <div class="field__row">
                <input
                    class="field__input"
                    id=id.clone()
                    name=id
                    type=move || input_type.get()
                    autocomplete=autocomplete
                    inputmode=inputmode
                    maxlength=maxlength
                    max=move || max.get()
                    spellcheck="false"
                    autocapitalize="none"
                    aria-describedby=describedby
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {children.map(|c| c())}
            </div>
            <div class="field__errors" id=errors_id>
                {move || {
                    let errors = errors.get();
                    (!errors.is_empty())
                        .then(|| {
                            view! {
                                <ul>
                                    {errors
                                        .into_iter()
                                        .map(|e| view! { <li>{e}</li> })
                                        .collect_view()}
                                </ul>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// A password input with a "Show password" / "Hide password" toggle button
/// (`aria-pressed`, `aria-controls`).
///
/// Several fields may share one `shown` signal (a password and its
/// confirmation); only those with `toggle` draw the button.
#[component]
pub fn PasswordField(
    /// The input's `id`.
    #[prop(into)]
    id: String,
    /// Visible label text.
    #[prop(into)]
    label: String,
    /// The field's value.
    value: RwSignal<String>,
    /// Errors to show beside the field.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    /// `current-password` (sign-in) or `new-password` (registration).
    autocomplete: &'static str,
    /// Whether the password is shown as plain text (shared between fields).
    #[prop(optional)]
    shown: Option<RwSignal<bool>>,
    /// Draw the show/hide button on this field.
    #[prop(default = true)]
    toggle: bool,
    /// The ids of every input the toggle controls (default: this one).
    #[prop(optional, into)]
    controls: MaybeProp<String>,
    /// Help text under the label.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Extra ids for `aria-describedby` (e.g. the rule checklist).
    #[prop(optional, into)]
    described_by: MaybeProp<String>,
) -> impl IntoView {
    let shown = shown.unwrap_or_else(|| RwSignal::new(false));
    let controls = controls.get_untracked().unwrap_or_else(|| id.clone());
    let input_type = Signal::derive(move || if shown.get() { "text" } else { "password" });
    view! {
        <TextField
            id=id
            label=label
            value=value
            errors=errors
            input_type=input_type
            autocomplete=autocomplete
            hint=hint
            described_by=described_by
        >
            {toggle
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button--quiet field__toggle"
                            aria-pressed=move || if shown.get() { "true" } else { "false" }
                            aria-controls=controls.clone()
                            on:click=move |_| shown.update(|s| *s = !*s)
                        >
                            {move || if shown.get() { "Hide password" } else { "Show password" }}
                        </button>
                    }
                })}
        </TextField>
    }
}

/// A multi-line text box with a real `<label for>`, an optional hint and
/// the list of its current errors (as [`TextField`]).
#[component]
pub fn TextAreaField(
    /// The textarea's `id` (and `name`); the hint and errors get `{id}-hint` / `{id}-errors`.
    #[prop(into)]
    id: String,
    /// Visible label text.
    #[prop(into)]
    label: String,
    /// The field's value; written on every keystroke.
    value: RwSignal<String>,
    /// Errors to show beside the field; empty means valid.
    #[prop(into)]
    errors: Signal<Vec<String>>,
    /// Help text under the label.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Visible rows.
    #[prop(default = 6)]
    rows: u32,
    /// Maximum length in characters.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let errors_id = format!("{id}-errors");
    let hint = hint.get_untracked();
    let describedby = match &hint {
        Some(_) => format!("{hint_id} {errors_id}"),
        None => errors_id.clone(),
    };
    let invalid = move || errors.with(|e| !e.is_empty());
    view! {
        <div class="field" class:field--invalid=invalid>
            <label class="field__label" for=id.clone()>
                {label}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id>{h}</p> })}
            <textarea
                class="field__input field__input--area"
                id=id.clone()
                name=id
                rows=rows
                maxlength=maxlength
                aria-describedby=describedby
                aria-invalid=move || if invalid() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <div class="field__errors" id=errors_id>
                {move || {
                    let errors = errors.get();
                    (!errors.is_empty())
                        .then(|| {
                            view! {
                                <ul>
                                    {errors
                                        .into_iter()
                                        .map(|e| view! { <li>{e}</li> })
                                        .collect_view()}
                                </ul>
                            }
                        })
                }}
            </div>
        </div>
    }
}
