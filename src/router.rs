//! Client-side navigation: a small history router.
//!
//! Each entry of the app (see [`portal_domain::entries`]) routes its own
//! pages in the browser; links to another entry's pages are ordinary page
//! loads. This module keeps the current path and query in signals, follows
//! the History API (links, back and forward) and offers the few hooks the
//! pages use ([`use_location`], [`use_query_map`], [`use_navigate`]).
//!
//! Why not `leptos_router`: its generic nested routing cost 43 KB (brotli)
//! of wasm in a one-route app, more than the whole sign-in page's own code,
//! and the portal's routes are a flat table that a `match` expresses.

use crate::browser::query_pairs;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The current location, as signals.
#[derive(Clone, Copy, Debug)]
pub struct Location {
    /// The path, e.g. `/claims/12`.
    pub pathname: ReadSignal<String>,
    /// The query string without its `?`, still percent-encoded (empty when none).
    pub search: ReadSignal<String>,
}

/// How [`navigate`] changes the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top of the new page.
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        Self {
            replace: false,
            scroll: true,
        }
    }
}

/// The router state shared through context.
#[derive(Clone, Copy)]
struct RouterContext {
    path: RwSignal<String>,
    search: RwSignal<String>,
    /// Whether a path is a page of this entry (client-side navigation).
    handles: fn(&str) -> bool,
}

/// The decoded query of the current location.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryMap(Vec<(String, String)>);

impl QueryMap {
    /// The last value given for `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// The browser's current path and query (without `?`).
fn browser_location() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_else(|| "/".into());
    let search = location
        .and_then(|l| l.search().ok())
        .unwrap_or_default()
        .trim_start_matches('?')
        .to_string();
    (path, search)
}

/// Sets a signal only when the value changes, so readers do not re-run needlessly.
fn set_if_changed(signal: RwSignal<String>, value: String) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// Starts routing for an entry whose pages are the paths `handles` accepts:
/// reads the address, follows back and forward, and turns clicks on links to
/// this entry's pages into client-side navigations. Call once, at the root.
pub fn provide_router(handles: fn(&str) -> bool) -> Location {
    let (path, search) = browser_location();
    let ctx = RouterContext {
        path: RwSignal::new(path),
        search: RwSignal::new(search),
        handles,
    };
    provide_context(ctx);

    // Back and forward.
    let on_pop = window_event_listener(ev::popstate, move |_| {
        let (path, search) = browser_location();
        set_if_changed(ctx.path, path);
        set_if_changed(ctx.search, search);
    });
    // Plain left clicks on same-site links to this entry's pages.
    let on_click = window_event_listener(ev::click, move |event| {
        if let Some(href) = routable_link(&event) {
            if (ctx.handles)(split_href(&href).0) {
                event.prevent_default();
                go(ctx, &href, NavigateOptions::default());
            }
        }
    });
    on_cleanup(move || {
        on_pop.remove();
        on_click.remove();
    });
    Location {
        pathname: ctx.path.read_only(),
        search: ctx.search.read_only(),
    }
}

/// The `href` of the link a click should route, if any: a primary-button
/// click without modifier keys on an `<a href="/...">` that opens in this
/// window and is not a download or marked `rel="external"`.
fn routable_link(event: &web_sys::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target.closest("a[href]").ok()??;
    let opens_elsewhere = anchor
        .get_attribute("target")
        .is_some_and(|t| !t.is_empty() && t != "_self");
    let external = anchor
        .get_attribute("rel")
        .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
    if opens_elsewhere || external || anchor.has_attribute("download") {
        return None;
    }
    let href = anchor.get_attribute("href")?;
    // Only site-absolute paths (never `//host`, `#fragment` or other schemes).
    (href.starts_with('/') && !href.starts_with("//")).then_some(href)
}

/// Splits `/path?query#fragment` into the path and the query (without `?`).
fn split_href(href: &str) -> (&str, &str) {
    let href = href.split('#').next().unwrap_or_default();
    href.split_once('?').unwrap_or((href, ""))
}

/// Navigates within the entry (History API), or loads the page when `href`
/// belongs to another entry.
fn go(ctx: RouterContext, href: &str, options: NavigateOptions) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (path, search) = split_href(href);
    if !(ctx.handles)(path) {
        let location = window.location();
        let _ = if options.replace {
            location.replace(href)
        } else {
            location.assign(href)
        };
        return;
    }
    if let Ok(history) = window.history() {
        let _ = if options.replace {
            history.replace_state_with_url(&JsValue::NULL, "", Some(href))
        } else {
            history.push_state_with_url(&JsValue::NULL, "", Some(href))
        };
    }
    set_if_changed(ctx.path, path.to_string());
    set_if_changed(ctx.search, search.to_string());
    if options.scroll {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The router provided by [`provide_router`].
///
/// # Panics
/// Outside the tree below [`provide_router`] (a programming error).
fn use_router() -> RouterContext {
    expect_context::<RouterContext>()
}

/// The current location.
pub fn use_location() -> Location {
    let ctx = use_router();
    Location {
        pathname: ctx.path.read_only(),
        search: ctx.search.read_only(),
    }
}

/// The current query, decoded (re-computed only when the query changes).
pub fn use_query_map() -> Memo<QueryMap> {
    let search = use_router().search;
    Memo::new(move |_| search.with(|s| QueryMap(query_pairs(s))))
}

/// A function that navigates to a site path (`/claims?status=denied`):
/// client-side within this entry, a page load into another.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Copy + 'static {
    let ctx = use_router();
    move |href: &str, options: NavigateOptions| go(ctx, href, options)
}

/// A navigation link that tells assistive technology (and the styles, via
/// `aria-current="page"`) when it leads to the current page.
#[component]
pub fn NavLink(
    /// The site path the link leads to.
    href: &'static str,
    /// Current only on exactly this path; otherwise also on the pages below it.
    #[prop(optional)]
    exact: bool,
    /// The link text.
    children: Children,
) -> impl IntoView {
    let path = use_router().path;
    let current = move || {
        path.with(|p| {
            p == href
                || (!exact
                    && p.strip_prefix(href)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
        .then_some("page")
    };
    view! {
        <a href=href aria-current=current>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_hrefs() {
        assert_eq!(split_href("/claims?a=1#x"), ("/claims", "a=1"));
        assert_eq!(split_href("/claims"), ("/claims", ""));
        assert_eq!(split_href("/?"), ("/", ""));
    }

    #[test]
    fn query_last_value_wins() {
        let q = QueryMap(vec![("a".into(), "1".into()), ("a".into(), "2".into())]);
        assert_eq!(q.get("a").as_deref(), Some("2"));
        assert_eq!(q.get("b"), None);
        assert_eq!(q.pairs().count(), 2);
    }
}
