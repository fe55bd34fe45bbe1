//! Fetches a page's code before the member gets there: when a link to it
//! is hovered, touched or focused (one listener on the document for all
//! links). In the release build that starts the download of the page's
//! split modules, so the click finds them loaded; in the unsplit build it
//! does nothing.

use super::lazy::preload;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::routes::Page;
use std::collections::HashSet;
use wasm_bindgen::JsCast;

/// The page a same-site link in the event's target leads to, if any.
fn linked_page(event: &web_sys::Event) -> Option<Page> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target.closest("a[href]").ok()??;
    let href = anchor.get_attribute("href")?;
    if !href.starts_with('/') || href.starts_with("//") || anchor.has_attribute("download") {
        return None;
    }
    let path = href.split(['?', '#']).next().unwrap_or_default();
    Page::parse(path)
}

/// Starts prefetching on link intent. Call once, inside the router.
pub fn on_link_intent() {
    let asked = StoredValue::new_local(HashSet::<Page>::new());
    let intent = move |event: web_sys::Event| {
        let Some(page) = linked_page(&event) else {
            return;
        };
        let first = asked
            .try_update_value(|seen| seen.insert(page))
            .unwrap_or(false);
        if first {
            spawn_local(preload(page));
        }
    };
    let over = window_event_listener(ev::pointerover, move |e| intent(e.into()));
    let touch = window_event_listener(ev::touchstart, move |e| intent(e.into()));
    let focus = window_event_listener(ev::focusin, move |e| intent(e.into()));
    on_cleanup(move || {
        over.remove();
        touch.remove();
        focus.remove();
    });
}
