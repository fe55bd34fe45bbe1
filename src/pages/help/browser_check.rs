//! "Which browsers work?": the supported list (`portal_domain::help::browsers`)
//! and a live check of the visitor's own browser, so "I cannot see my
//! claims" is answered from what this browser does, not with generic text.

use crate::browser::{cookies_enabled, user_agent};
use leptos::prelude::*;
use portal_domain::help::browsers::{support, Support, SUPPORTED};

/// One line of the check: what, whether it is fine, and what to do.
fn check(what: &'static str, ok: bool, text: String) -> impl IntoView {
    view! {
        <li class="check" class:check--ok=ok class:check--bad=!ok>
            <span class="check__mark" aria-hidden="true">{if ok { "✓" } else { "✗" }}</span>
            <span>
                <strong>{what} ": "</strong>
                <span class="visually-hidden">{if ok { "fine. " } else { "problem. " }}</span>
                {text}
            </span>
        </li>
    }
}

/// The check of this browser and the list of supported ones.
#[component]
pub fn BrowserCheck() -> impl IntoView {
    let cookies = cookies_enabled();
    let found = support(&user_agent());
    let version_ok = !matches!(found, Support::TooOld { .. });
    let version_text = match found {
        Support::Supported { browser, version } => {
            format!("{} {version}, which the portal supports.", browser.name())
        }
        Support::TooOld {
            browser,
            version,
            minimum,
        } => format!(
            "{} {version} is too old: the portal needs version {minimum} or newer. Update your browser, or use another one from the list below.",
            browser.name()
        ),
        Support::Unknown => "We don't recognise this browser. If pages do not load or look wrong, use one from the list below.".into(),
    };
    let cookie_text = if cookies {
        "On.".to_string()
    } else {
        "Off. The portal needs cookies to keep you signed in: without them you are sent back to the sign-in page, and your claims cannot open. Allow cookies for this site in your browser's settings (for this site only is enough), then reload the page.".to_string()
    };
    let verdict = if cookies && version_ok {
        "Your browser can use the portal. If you still cannot see your claims, sign out and sign in again; if that does not help, call technical support (see Contact information above)."
    } else {
        "Your browser is why the portal may not work for you: fix what is marked above."
    };
    view! {
        <section class="panel browser-check" aria-labelledby="browser-check-heading">
            <h3 id="browser-check-heading">"Your browser"</h3>
            <ul class="checks">
                {check("Cookies", cookies, cookie_text)}
                {check(
                    "JavaScript modules",
                    true,
                    "Supported (this page runs on them).".into(),
                )}
                {check("WebAssembly", true, "Supported (this page runs on it).".into())}
                {check("Browser version", version_ok, version_text)}
            </ul>
            <p class="browser-check__verdict" role="status">
                {verdict}
            </p>
            <h4>"Supported browsers"</h4>
            <ul>
                {SUPPORTED
                    .iter()
                    .map(|(b, v)| view! { <li>{format!("{} {v} or newer", b.name())}</li> })
                    .collect_view()}
            </ul>
            <p class="help-note">
                "A browser too old to run the portal at all sees a message saying so instead of the sign-in page."
            </p>
        </section>
    }
}
