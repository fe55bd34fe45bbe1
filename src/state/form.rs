//! Per-form error state: the client-side errors (from `portal-domain`) of
//! the fields the member has touched (all of them after a submit attempt),
//! plus what the server said about each field until it is edited, and
//! one submit of a form ([`FormErrors::send`]).

use crate::api::ApiError;
use crate::browser::focus_id;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::FieldErrors;
use std::collections::BTreeSet;
use std::future::Future;

/// The error state of one form; cheap to copy.
#[derive(Clone, Copy)]
pub struct FormErrors {
    client: Signal<FieldErrors>,
    submitted: RwSignal<bool>,
    touched: RwSignal<BTreeSet<&'static str>>,
    server: RwSignal<FieldErrors>,
}

impl FormErrors {
    /// A form whose client-side errors are `client` (by field name).
    pub fn new(client: Signal<FieldErrors>) -> Self {
        Self {
            client,
            submitted: RwSignal::new(false),
            touched: RwSignal::new(BTreeSet::new()),
            server: RwSignal::new(FieldErrors::new()),
        }
    }

    /// The messages to show beside `field` (tracked).
    pub fn errors_for(self, field: &'static str) -> Signal<Vec<String>> {
        Signal::derive(move || {
            let show_client = self.submitted.get() || self.touched.with(|t| t.contains(field));
            let client = show_client
                .then(|| self.client.with(|e| e.get(field).cloned()))
                .flatten()
                .unwrap_or_default();
            let server = self
                .server
                .with(|s| s.get(field).cloned())
                .unwrap_or_default();
            client
                .into_iter()
                .chain(server)
                .map(|e| e.message)
                .collect()
        })
    }

    /// The member left `field`: show its client-side errors from now on.
    pub fn left(self, field: &'static str) {
        if !self.touched.with_untracked(|t| t.contains(field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// The member edited `field`: touched, and the server's word on it is stale.
    pub fn edited(self, field: &'static str) {
        self.left(field);
        if self.server.with_untracked(|s| s.contains_key(field)) {
            self.server.update(|s| {
                s.remove(field);
            });
        }
    }

    /// A submit attempt: shows every client error. Returns the first field
    /// (in `order`) with a client error, or `None` when the form may be sent
    /// (the server's old errors are dropped then).
    pub fn submit(self, order: &[&'static str]) -> Option<&'static str> {
        self.submitted.set(true);
        let first = self
            .client
            .with_untracked(|e| order.iter().copied().find(|f| e.contains_key(*f)));
        if first.is_none() {
            self.server.set(FieldErrors::new());
        }
        first
    }

    /// Stores the server's field errors; returns the first field (in `order`) that has one.
    pub fn set_server(self, errors: FieldErrors, order: &[&'static str]) -> Option<&'static str> {
        let first = order.iter().copied().find(|f| errors.contains_key(*f));
        self.server.set(errors);
        first
    }

    /// Back to a fresh form (after a success).
    pub fn reset(self) {
        self.submitted.set(false);
        self.touched.set(BTreeSet::new());
        self.server.set(FieldErrors::new());
    }
}

/// Moves the server's field errors to this page's input ids.
pub fn rename_fields(mut errors: FieldErrors, map: &[(&str, &'static str)]) -> FieldErrors {
    for (from, to) in map {
        if let Some(e) = errors.remove(*from) {
            errors.entry((*to).to_string()).or_default().extend(e);
        }
    }
    errors
}

impl FormErrors {
    /// One submit of this form, written once for every form: nothing while
    /// `pending` (its request is on its way); while a field in `order` has
    /// a client error, every error is shown, the first such field focused
    /// and nothing sent; otherwise `alert` is cleared, `request` builds and
    /// sends the request with `pending` set, and `done` gets the answer
    /// unless the page has gone in the meantime.
    pub fn send<T: 'static, Fut>(
        self,
        pending: RwSignal<bool>,
        alert: RwSignal<Option<String>>,
        order: &[&'static str],
        request: impl FnOnce() -> Fut,
        done: impl FnOnce(Result<T, ApiError>) + 'static,
    ) where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        if pending.get_untracked() {
            return;
        }
        if let Some(field) = self.submit(order) {
            focus_id(field);
            return;
        }
        alert.set(None);
        let answer = request();
        pending.set(true);
        spawn_local(async move {
            let result = answer.await;
            // `try_set` gives the value back when the page is gone.
            if pending.try_set(false).is_none() {
                done(result);
            }
        });
    }
}
