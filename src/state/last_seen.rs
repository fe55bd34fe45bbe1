//! The header's last-known facts (the member's name and unread alert count),
//! kept in `sessionStorage` for this tab only.
//!
//! Each part of the app is its own bundle, so moving from one section to
//! another is a page load: without these the header would show no name and
//! no badge until `GET /me` and the alert count answer again, and they
//! would blink on every section change. They are display hints only (never
//! used to decide who is signed in) and are removed when the session ends.

const NAME_KEY: &str = "portal.header.name";
const UNREAD_KEY: &str = "portal.header.unread";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The name the header showed last in this tab, if any.
pub fn name() -> Option<String> {
    storage()?
        .get_item(NAME_KEY)
        .ok()
        .flatten()
        .filter(|n| !n.is_empty())
}

/// Remembers the name the header shows.
pub fn set_name(name: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(NAME_KEY, name);
    }
}

/// The unread alert count the header showed last in this tab, if any.
pub fn unread() -> Option<u32> {
    storage()?.get_item(UNREAD_KEY).ok().flatten()?.parse().ok()
}

/// Remembers the unread alert count the header shows.
pub fn set_unread(count: u32) {
    if let Some(s) = storage() {
        let _ = s.set_item(UNREAD_KEY, &count.to_string());
    }
}

/// Forgets both (on sign-out or when the session has ended).
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(NAME_KEY);
        let _ = s.remove_item(UNREAD_KEY);
    }
}
