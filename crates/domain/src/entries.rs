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
    /// Signing in: `/login` (with its two-step verification step) and `/register`.
    SignIn,
    /// Getting back in without a session: `/forgot-username`,
    /// `/forgot-password`, `/unlock`.
    Recovery,
    /// Claims: `/claims` and each claim's EOB, `/claims/:id`.
    Claims,
    /// Plans and costs: `/plans` (comparison, what-if, plan change) and `/estimate`.
    Plans,
    /// The member's account: `/account` (settings and security) and below.
    Account,
    /// The member's home and everything else behind sign-in: the dashboard
    /// `/`, `/alerts`, the ID cards (`/id-card`, and its older address
    /// `/cards`) and the not-found page.
    Member,
}

impl Entry {
    /// Every entry.
    pub const ALL: [Entry; 6] = [
        Entry::SignIn,
        Entry::Recovery,
        Entry::Claims,
        Entry::Plans,
        Entry::Account,
        Entry::Member,
    ];

    /// The entry's directory under the built app (`""` for the root), also
    /// its URL prefix for assets (`/entries/signin/...`). Never a page's path:
    /// a directory named like a route (`/plans`) would be served instead of it.
    pub fn dir(self) -> &'static str {
        match self {
            Entry::SignIn => "entries/signin",
            Entry::Recovery => "entries/recovery",
            Entry::Claims => "entries/claims",
            Entry::Plans => "entries/plans",
            Entry::Account => "entries/account",
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
        "login" | "register" => Entry::SignIn,
        "forgot-username" | "forgot-password" | "unlock" => Entry::Recovery,
        "claims" => Entry::Claims,
        "plans" | "estimate" => Entry::Plans,
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
            ("/forgot-password", Entry::Recovery),
            ("/", Entry::Member),
            ("", Entry::Member),
            ("/claims", Entry::Claims),
            ("/claims/12", Entry::Claims),
            ("/?member=4", Entry::Member),
            ("/alerts", Entry::Member),
            ("/id-card", Entry::Member),
            ("/cards", Entry::Member),
            ("/accounts", Entry::Member),
            ("/plans", Entry::Plans),
            ("/account", Entry::Account),
            ("/account/notifications", Entry::Account),
            ("/unlock", Entry::Recovery),
            ("/estimate?service=70450", Entry::Plans),
            ("/loginx", Entry::Member),
            ("/entries/plans/x.wasm", Entry::Member),
            ("/nowhere", Entry::Member),
        ];
        for (path, entry) in cases {
            assert_eq!(entry_for(path), entry, "{path}");
        }
    }
}
