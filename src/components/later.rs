//! Drawing the lower parts of a long page in tasks of their own.

use leptos::prelude::*;
use std::time::Duration;

/// Draws `view` in a task of its own, just after the part of the page
/// around it: a long page is then built in several short tasks instead of
/// one long one, so a phone can paint and answer a tap in between
/// (Lighthouse's "total blocking time"). Only for parts below the first
/// screen that nothing above depends on for its size: what the member sees
/// first is drawn at once, and a part drawn later never moves it.
pub fn later<V>(view: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView
where
    V: IntoView + 'static,
{
    let shown = RwSignal::new(false);
    set_timeout(
        move || {
            // The page may be gone already: nothing to draw then.
            let _ = shown.try_set(true);
        },
        Duration::ZERO,
    );
    move || shown.get().then(&view)
}
