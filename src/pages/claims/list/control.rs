//! The list's controller: the filter read from the URL and the one way the
//! page writes a new one back (history entries, page 1 on a new criterion,
//! one entry per typing run), shared by the filter bar, the sort controls,
//! the pager and the saved filters.

use super::super::list_href;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_domain::claims::{ClaimFilter, SortDir, SortKey};
use portal_domain::routes::{with_query, Page};
use portal_domain::FieldErrors;

/// The filter of the page and how to change it; `Copy`, so each control
/// takes its own.
#[derive(Clone, Copy)]
pub(super) struct ListControl {
    /// The address's query as a filter, or why it can't be used.
    pub parsed: Memo<Result<ClaimFilter, FieldErrors>>,
    /// The filter in force (the default one when the address can't be used).
    pub filter: Memo<ClaimFilter>,
    /// Whether the custom date fields are shown without dates chosen yet.
    pub custom: RwSignal<bool>,
    /// The message beside the date fields (an end before a start).
    pub date_error: RwSignal<Vec<String>>,
    apply: Callback<(ClaimFilter, bool)>,
    typing: StoredValue<Option<&'static str>>,
}

impl ListControl {
    /// The controller of the current route's query (call once, in the page).
    pub fn new() -> Self {
        let navigate = use_navigate();
        let location = use_location();
        // The raw query, decoded here, so a `&` or `=` typed into a search survives.
        let parsed = Memo::new(move |_| location.search.with(|s| super::super::parse_filter(s)));
        let filter = Memo::new(move |_| parsed.with(|p| p.clone().unwrap_or_default()));
        // Selects and buttons push a history entry; typing pushes one entry
        // for its first keystroke, then replaces it.
        let typing = StoredValue::new(None::<&'static str>);
        let last_href = StoredValue::new(String::new());
        let apply = Callback::new(move |(f, replace): (ClaimFilter, bool)| {
            if !replace {
                typing.set_value(None);
            }
            let href = list_href(&f);
            last_href.set_value(href.clone());
            navigate(
                &href,
                NavigateOptions {
                    replace,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        });
        // Back/forward (or any address the page did not write) ends a typing run.
        Effect::new(move |_| {
            let here = location.search.with(|s| with_query(Page::Claims.href(), s));
            if last_href.with_value(|h| *h != here) {
                typing.set_value(None);
            }
        });
        Self {
            parsed,
            filter,
            custom: RwSignal::new(false),
            date_error: RwSignal::new(Vec::new()),
            apply,
            typing,
        }
    }

    /// Shows `f` exactly as given (a page turn, a saved filter).
    pub fn show(self, f: ClaimFilter) {
        self.apply.run((f, false));
    }

    /// A change of criteria: back to page 1, in a new history entry unless
    /// `replace`.
    pub fn update(self, change: &dyn Fn(&mut ClaimFilter), replace: bool) {
        let mut f = self.filter.get_untracked();
        change(&mut f);
        f.page = 1;
        self.apply.run((f, replace));
    }

    /// A keystroke in the text field `field`: the first of a run adds a
    /// history entry, the rest replace it.
    pub fn type_in(self, field: &'static str, change: &dyn Fn(&mut ClaimFilter)) {
        let replace = self.typing.get_value() == Some(field);
        self.update(change, replace);
        self.typing.set_value(Some(field));
    }

    /// Sorts by `key` in `dir` (page 1).
    pub fn sort(self, key: SortKey, dir: SortDir) {
        self.update(
            &|f| {
                f.sort = key;
                f.dir = dir;
            },
            false,
        );
    }

    /// Turns `delta` pages (never before page 1).
    pub fn turn_page(self, delta: i32) {
        let mut f = self.filter.get_untracked();
        f.page = f.page.saturating_add_signed(delta).max(1);
        self.show(f);
    }

    /// Every criterion cleared; the sort is kept.
    pub fn clear(self) {
        self.custom.set(false);
        self.date_error.set(Vec::new());
        let f = self.filter.get_untracked();
        self.show(ClaimFilter {
            sort: f.sort,
            dir: f.dir,
            ..ClaimFilter::default()
        });
    }

    /// Applies a saved filter's query (the default filter if it no longer parses).
    pub fn apply_saved(self, query: &str) {
        self.custom.set(false);
        self.date_error.set(Vec::new());
        self.show(super::super::parse_filter(query).unwrap_or_default());
    }
}
