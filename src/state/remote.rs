//! Reading from the API into a signal, without the heavier async-resource
//! machinery (it costs bundle size the portal's budget cannot spare).

use crate::api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// What a read has produced so far: `None` while loading.
pub type Remote<T> = Signal<Option<Result<T, ApiError>>>;

/// Starts `fetch()` now and returns its (reactive) result and a `reload`
/// callback. `fetch` is called synchronously, so a `GET` it makes is
/// aborted when the calling component is cleaned up; a result that arrives
/// after that is dropped.
///
/// Every run of `fetch` gets its own child of the caller's reactive owner:
/// `reload` is usually called from a "Try again" button whose owner is
/// disposed as soon as the panel is replaced by "Loading…", and a request
/// registered with that owner would be aborted at once (the retry would
/// "do nothing"). The previous run's owner is disposed on reload (aborting
/// it if it is still in flight) and with the caller.
pub fn remote<T, F, Fut>(fetch: F) -> (Remote<T>, Callback<()>)
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let value = RwSignal::new(None);
    let parent = Owner::current();
    let run_owner = StoredValue::new(None::<Owner>);
    let generation = StoredValue::new(0u32);
    let start = move || {
        let run = generation.try_get_value().unwrap_or(0).wrapping_add(1);
        generation.try_set_value(run);
        let owner = parent.as_ref().map(Owner::child);
        let pending = match &owner {
            Some(o) => o.with(fetch),
            None => fetch(),
        };
        if let Some(old) = run_owner
            .try_update_value(|slot| std::mem::replace(slot, owner))
            .flatten()
        {
            old.cleanup();
        }
        spawn_local(async move {
            let result = pending.await;
            // The page may be gone (the signal is disposed: a no-op), or a
            // newer run has started (this answer is stale).
            if generation.try_get_value() == Some(run) {
                let _ = value.try_set(Some(result));
            }
        });
    };
    start();
    let reload = Callback::new(move |()| {
        value.set(None);
        start();
    });
    (value.into(), reload)
}
