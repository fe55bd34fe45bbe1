//! "Saved filters" on the claims page: apply a built-in or custom filter,
//! save the current one, rename or delete custom ones (delete asks for a
//! second click).

use super::query_string;
use crate::api::{self, ApiError};
use crate::browser::focus_id;
use crate::components::{SubmitButton, TextField};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api::{
    validate_filter_name, RenameFilterRequest, SaveFilterRequest, SavedFilter,
};
use portal_domain::claims::ClaimFilter;

const HEADING_ID: &str = "saved-filters-heading";

/// The messages of `error` for the `name` field (or its general message).
fn name_errors(error: &ApiError) -> Vec<String> {
    error
        .field_errors()
        .get("name")
        .map(|list| list.iter().map(|e| e.message.clone()).collect())
        .unwrap_or_else(|| vec![error.message()])
}

/// The saved-filters section.
#[component]
pub(super) fn SavedFilters(
    /// The filter on screen (saved without sort and paging).
    current: Signal<ClaimFilter>,
    /// Applies a saved filter's query string.
    apply: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let (list, reload) = remote(api::claims::saved_filters);
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let notice = RwSignal::new(String::new());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(String::new());
        let checked = match validate_filter_name(&name.get_untracked()) {
            Ok(n) => n,
            Err(e) => {
                errors.set(vec![e.message]);
                return;
            }
        };
        errors.set(Vec::new());
        saving.set(true);
        let request = SaveFilterRequest {
            name: checked.clone(),
            query: query_string(&current.get_untracked().criteria()),
        };
        spawn_local(async move {
            match api::claims::save_filter(&request).await {
                Ok(_) => {
                    name.set(String::new());
                    notice.set(format!("Saved the filter “{checked}”."));
                    reload.run(());
                }
                Err(e) => {
                    if !session.handle_error(&e) {
                        errors.set(name_errors(&e));
                    }
                }
            }
            saving.set(false);
        });
    };

    let items = move || {
        match list.get() {
        None => view! { <p class="loading">"Loading saved filters…"</p> }.into_any(),
        Some(Err(e)) => {
            session.handle_error(&e);
            view! {
                <p>
                    <span>"We couldn't load your saved filters."</span>
                    " "
                    <button type="button" class="button button--quiet" on:click=move |_| reload.run(())>
                        "Try again"
                    </button>
                </p>
            }
            .into_any()
        }
        Some(Ok(filters)) => view! {
            <ul class="saved-filters__list">
                {filters
                    .into_iter()
                    .map(|f| view! { <SavedFilterItem filter=f apply=apply reload=reload notice=notice /> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <section class="saved-filters" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID tabindex="-1">
                "Saved filters"
            </h2>
            {items}
            <form class="saved-filters__save" on:submit=save novalidate>
                <TextField
                    id="filter-name"
                    label="Filter name"
                    value=name
                    errors=errors
                    hint="Save current filters under this name"
                    maxlength=60
                />
                <SubmitButton label="Save filter" pending=saving />
            </form>
            <p class="saved-filters__notice" role="status">
                {move || notice.get()}
            </p>
        </section>
    }
}

/// What a custom filter's row is doing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Idle,
    Renaming,
    ConfirmDelete,
}

/// One saved filter: a button that applies it and, for custom filters,
/// "Rename" and "Delete".
#[component]
fn SavedFilterItem(
    /// The filter.
    filter: SavedFilter,
    /// Applies a query string.
    apply: Callback<String>,
    /// Reloads the list after a change.
    reload: Callback<()>,
    /// Where to announce a change.
    notice: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let SavedFilter {
        id,
        name,
        query,
        builtin,
    } = filter;
    let apply_button = {
        let query = query.clone();
        view! {
            <button
                type="button"
                class="button button--quiet saved-filters__apply"
                on:click=move |_| apply.run(query.clone())
            >
                {name.clone()}
            </button>
        }
    };
    if builtin {
        return view! { <li class="saved-filters__item">{apply_button}</li> }.into_any();
    }

    let mode = RwSignal::new(Mode::Idle);
    let new_name = RwSignal::new(name.clone());
    let errors = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let input_id = format!("rename-filter-{id}");
    let focus_input = input_id.clone();

    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked = match validate_filter_name(&new_name.get_untracked()) {
            Ok(n) => n,
            Err(e) => {
                errors.set(vec![e.message]);
                return;
            }
        };
        busy.set(true);
        spawn_local(async move {
            match api::claims::rename_filter(
                id,
                &RenameFilterRequest {
                    name: checked.clone(),
                },
            )
            .await
            {
                Ok(_) => {
                    notice.set(format!("Renamed the filter to “{checked}”."));
                    reload.run(());
                }
                Err(e) => {
                    if !session.handle_error(&e) {
                        errors.set(name_errors(&e));
                    }
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let delete = {
        let name = name.clone();
        move |_| {
            if mode.get_untracked() != Mode::ConfirmDelete {
                mode.set(Mode::ConfirmDelete);
                return;
            }
            busy.set(true);
            let name = name.clone();
            spawn_local(async move {
                match api::claims::delete_filter(id).await {
                    Ok(()) => {
                        notice.set(format!("Deleted the filter “{name}”."));
                        focus_id(HEADING_ID);
                        reload.run(());
                    }
                    Err(e) => {
                        if !session.handle_error(&e) {
                            notice.set(e.message());
                        }
                        let _ = busy.try_set(false);
                    }
                }
            });
        }
    };
    let hidden_name = format!(" {name}");
    let hidden_name2 = hidden_name.clone();

    view! {
        <li class="saved-filters__item">
            {move || {
                if mode.get() == Mode::Renaming {
                    let focus_input = focus_input.clone();
                    request_animation_frame(move || focus_id(&focus_input));
                    view! {
                        <form class="saved-filters__rename" on:submit=rename novalidate>
                            <TextField
                                id=input_id.clone()
                                label="New name"
                                value=new_name
                                errors=errors
                                maxlength=60
                            />
                            <SubmitButton label="Save name" pending=busy />
                            <button
                                type="button"
                                class="button button--quiet"
                                on:click=move |_| {
                                    errors.set(Vec::new());
                                    mode.set(Mode::Idle);
                                }
                            >
                                "Cancel"
                            </button>
                        </form>
                    }
                        .into_any()
                } else {
                    ().into_any()
                }
            }}
            <div class="saved-filters__row" hidden=move || mode.get() == Mode::Renaming>
                {apply_button}
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| mode.set(Mode::Renaming)
                >
                    "Rename"
                    <span class="visually-hidden">{hidden_name}</span>
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    class:button--danger=move || mode.get() == Mode::ConfirmDelete
                    disabled=move || busy.get()
                    on:click=delete
                >
                    {move || {
                        if mode.get() == Mode::ConfirmDelete { "Confirm delete" } else { "Delete" }
                    }}
                    <span class="visually-hidden">{hidden_name2}</span>
                </button>
                <Show when=move || mode.get() == Mode::ConfirmDelete>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| mode.set(Mode::Idle)
                    >
                        "Cancel"
                    </button>
                </Show>
            </div>
        </li>
    }
    .into_any()
}
