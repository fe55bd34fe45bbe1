//! Which entry of the browser app serves which page.
//!
//! The web app is built as several small bundles ("entries") instead of one
//! large one, so the first page a member opens downloads only what it needs
//! (the sign-in page does not carry the claims table). Each entry is a
//! client-side router over its own pages; a link to a page of another entry
//! is an ordinary page load. The server serves each entry's HTML for its
//! paths, and the browser decides between client-side and full navigation,
//! both from this one table.

/// A bundle of the web app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// Signing in and getting in: `/login`, `/register` and account recovery.
    SignIn,
    /// Plans and costs: `/plans` (comparison, what-if, plan change) and `/estimate`.
    Plans,
    /// The member's home: the dashboard `/`, `/alerts`, and the ID cards
    /// (`/id-card`, and its older address `/cards`).
    Home,
    /// Account settings: every path under `/account` (notification
    /// preferences, family sharing).
    Account,
    /// Everything else behind sign-in (and the not-found page).
    Member,
}

impl Entry {
    /// Every entry.
    pub const ALL: [Entry; 5] = [
        Entry::SignIn,
        Entry::Plans,
        Entry::Home,
        Entry::Account,
        Entry::Member,
    ];

    /// The entry's directory under the built app (`""` for the root), also
    /// its URL prefix for assets (`/signin/...`).
    pub fn dir(self) -> &'static str {
        match self {
            Entry::SignIn => "signin",
            Entry::Plans => "plans",
            Entry::Home => "home",
            Entry::Account => "account",
            Entry::Member => "",
        }
    }
}

/// The entry serving `path` (a URL path without query, starting with `/`).
/// Unknown paths belong to [`Entry::Member`], whose not-found page answers them.
pub fn entry_for(path: &str) -> Entry {
    let first = path
        .trim_start_matches('/')
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    match first {
        "login" | "register" | "forgot-username" | "forgot-password" | "unlock" => Entry::SignIn,
        "plans" | "estimate" => Entry::Plans,
        "" | "alerts" | "id-card" | "cards" => Entry::Home,
        "account" => Entry::Account,
        _ => Entry::Member,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_to_entries() {
        let cases = [
            ("/login", Entry::SignIn),
            ("/login?next=%2Fclaims", Entry::SignIn),
            ("/register", Entry::SignIn),
            ("/register/", Entry::SignIn),
            ("/forgot-password", Entry::SignIn),
            ("/", Entry::Home),
            ("", Entry::Home),
            ("/?member=4", Entry::Home),
            ("/alerts", Entry::Home),
            ("/id-card", Entry::Home),
            ("/cards", Entry::Home),
            ("/account/notifications", Entry::Account),
            ("/account", Entry::Account),
            ("/accounts", Entry::Member),
            ("/claims", Entry::Member),
            ("/claims/12", Entry::Member),
            ("/plans", Entry::Plans),
            ("/estimate?service=70450", Entry::Plans),
            ("/loginx", Entry::Member),
            ("/nowhere", Entry::Member),
        ];
        for (path, entry) in cases {
            assert_eq!(entry_for(path), entry, "{path}");
        }
    }
}
