//! An optional file for a message: chosen with the browser's file picker,
//! checked at once with the rules the server applies (the name's type, the
//! size, and the first bytes: a renamed file is refused before it is sent),
//! then held as base64 for the request.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::messages::{
    attachment_errors, attachment_rule, AttachmentKind, AttachmentUpload,
};
use portal_domain::FieldErrors;

/// What was picked: the upload, or why it cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// Ready to send.
    Ready(AttachmentUpload),
    /// Still being read.
    Reading(String),
    /// Refused, with the message.
    Refused(String),
}

/// The field errors of a pick, under `attachment` (a refused file, or one
/// still being read: nothing is sent until it is checked).
pub fn picked_errors(picked: &Option<Picked>) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let error = match picked {
        Some(Picked::Refused(message)) => Some(("attachment.refused", message.clone())),
        Some(Picked::Reading(_)) => Some((
            "attachment.reading",
            "Wait a moment: the file is still being checked.".to_string(),
        )),
        _ => None,
    };
    if let Some((code, message)) = error {
        portal_domain::problem::push_error(
            &mut errors,
            "attachment",
            portal_domain::FieldError::new(code, message),
        );
    }
    errors
}

/// Reads a file's bytes.
async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "We couldn't read that file. Choose it again.".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file input, its rule, what is attached, and "Remove".
#[component]
pub fn AttachmentField(
    /// What is picked (`None`: no file).
    picked: RwSignal<Option<Picked>>,
    /// The messages to show beside the field (client and server).
    #[prop(into)]
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let Some(file) = el.files().and_then(|f| f.get(0)) else {
            picked.set(None);
            return;
        };
        let name = file.name();
        let size = usize::try_from(file.size() as u64).unwrap_or(usize::MAX);
        let mut errors = FieldErrors::new();
        attachment_errors(&mut errors, &name, Some(size));
        if let Some(first) = errors.get("attachment").and_then(|e| e.first()) {
            picked.set(Some(Picked::Refused(first.message.clone())));
            return;
        }
        picked.set(Some(Picked::Reading(name.clone())));
        spawn_local(async move {
            let result = match bytes_of(&file).await {
                Ok(bytes) if AttachmentKind::sniff(&bytes).is_none() => Picked::Refused(
                    "This file is not a real PDF, PNG or JPEG (its contents do not match its name)."
                        .to_string(),
                ),
                Ok(bytes) => {
                    use base64::Engine;
                    Picked::Ready(AttachmentUpload {
                        filename: name,
                        content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                    })
                }
                Err(message) => Picked::Refused(message),
            };
            let _ = picked.try_set(Some(result));
        });
    };
    let remove = move |_| {
        if let Some(el) = input.get() {
            el.set_value("");
        }
        picked.set(None);
        crate::browser::focus_id("attachment");
    };
    let status = move || match picked.get() {
        Some(Picked::Ready(a)) => Some(format!("Attached: {}", a.filename)),
        Some(Picked::Reading(name)) => Some(format!("Checking {name}…")),
        _ => None,
    };
    view! {
        <div class="field" class:field--invalid=move || !errors.get().is_empty()>
            <label class="field__label" for="attachment">"Attach a file (optional)"</label>
            <p class="field__hint" id="attachment-hint">{attachment_rule()}</p>
            <input
                type="file"
                id="attachment"
                name="attachment"
                class="field__file"
                accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                aria-describedby="attachment-hint attachment-errors"
                aria-invalid=move || (!errors.get().is_empty()).to_string()
                node_ref=input
                on:change=on_change
            />
            <p class="field__status" role="status">{status}</p>
            <Show when=move || picked.with(Option::is_some)>
                <button type="button" class="button button--secondary" on:click=remove>
                    "Remove the file"
                </button>
            </Show>
            <div class="field__errors" id="attachment-errors">
                {move || {
                    let errors = errors.get();
                    (!errors.is_empty())
                        .then(|| view! { <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })
                }}
            </div>
        </div>
    }
}

/// The upload to send, when the pick is ready.
pub fn upload_of(picked: &Option<Picked>) -> Option<AttachmentUpload> {
    match picked {
        Some(Picked::Ready(a)) => Some(a.clone()),
        _ => None,
    }
}
