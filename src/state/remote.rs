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
pub fn remote<T, F, Fut>(fetch: F) -> (Remote<T>, Callback<()>)
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let value = RwSignal::new(None);
    let start = move || {
        let pending = fetch();
        spawn_local(async move {
            let result = pending.await;
            // The page may be gone: then the signal is disposed and this is a no-op.
            let _ = value.try_set(Some(result));
        });
    };
    start();
    let reload = Callback::new(move |()| {
        value.set(None);
        start();
    });
    (value.into(), reload)
}
