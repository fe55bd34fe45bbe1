//! Which browsers run the portal, and what a visitor's browser is.
//!
//! The minimum versions are what the app itself needs: WebAssembly with
//! reference types and bulk memory (Rust's wasm32 output), JavaScript
//! modules with top-level `await` (the start-up script), and `fetch` with
//! `AbortController`. The oldest versions with all of them: Chrome and Edge
//! 96 (reference types), Firefox 89 (top-level await), Safari 15 (on iPhone
//! and iPad every browser is Safari's engine, so the iOS version counts),
//! Samsung Internet 17 (Chromium 96).

/// A browser family the portal supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    /// Google Chrome (and other Chromium browsers not named here).
    Chrome,
    /// Microsoft Edge.
    Edge,
    /// Mozilla Firefox.
    Firefox,
    /// Apple Safari, and every browser on iPhone and iPad.
    Safari,
    /// Samsung Internet.
    SamsungInternet,
}

impl Browser {
    /// The name members know it by.
    pub fn name(self) -> &'static str {
        match self {
            Self::Chrome => "Google Chrome",
            Self::Edge => "Microsoft Edge",
            Self::Firefox => "Mozilla Firefox",
            Self::Safari => "Safari (and any browser on iPhone or iPad)",
            Self::SamsungInternet => "Samsung Internet",
        }
    }
}

/// The supported browsers and the oldest version of each that works.
pub const SUPPORTED: [(Browser, u32); 5] = [
    (Browser::Chrome, 96),
    (Browser::Edge, 96),
    (Browser::Firefox, 89),
    (Browser::Safari, 15),
    (Browser::SamsungInternet, 17),
];

/// The oldest supported version of a browser.
pub fn minimum(browser: Browser) -> u32 {
    SUPPORTED
        .iter()
        .find(|(b, _)| *b == browser)
        .map(|(_, v)| *v)
        .unwrap_or(u32::MAX)
}

/// What a user agent string says about support.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Support {
    /// A supported browser, new enough.
    Supported {
        /// Which.
        browser: Browser,
        /// Its major version.
        version: u32,
    },
    /// A supported browser, but older than the minimum.
    TooOld {
        /// Which.
        browser: Browser,
        /// Its major version.
        version: u32,
        /// The oldest that works.
        minimum: u32,
    },
    /// A browser this list does not know (it may still work).
    Unknown,
}

/// The major version after `marker` (`Chrome/` in `Chrome/120.0.1`).
fn version_after(ua: &str, marker: &str) -> Option<u32> {
    let rest = &ua[ua.find(marker)? + marker.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Identifies the browser of a user agent string and its major version.
pub fn identify(ua: &str) -> Option<(Browser, u32)> {
    let ios = ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod");
    if ios {
        // Every iOS browser is WebKit: the OS version is the engine's.
        let os = version_after(ua, "OS ").or_else(|| version_after(ua, "Version/"))?;
        return Some((Browser::Safari, os));
    }
    let found = [
        ("SamsungBrowser/", Browser::SamsungInternet),
        ("Edg/", Browser::Edge),
        ("EdgA/", Browser::Edge),
        ("Firefox/", Browser::Firefox),
        ("Chrome/", Browser::Chrome),
    ]
    .into_iter()
    .find_map(|(marker, b)| version_after(ua, marker).map(|v| (b, v)));
    if found.is_some() {
        return found;
    }
    if ua.contains("Safari/") {
        return version_after(ua, "Version/").map(|v| (Browser::Safari, v));
    }
    None
}

/// Whether the browser of this user agent string is supported.
pub fn support(ua: &str) -> Support {
    match identify(ua) {
        Some((browser, version)) if version >= minimum(browser) => {
            Support::Supported { browser, version }
        }
        Some((browser, version)) => Support::TooOld {
            browser,
            version,
            minimum: minimum(browser),
        },
        None => Support::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
                Support::Supported { browser: Browser::Chrome, version: 156 },
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                Support::Supported { browser: Browser::Edge, version: 120 },
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
                Support::Supported { browser: Browser::Firefox, version: 128 },
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; rv:78.0) Gecko/20100101 Firefox/78.0",
                Support::TooOld { browser: Browser::Firefox, version: 78, minimum: 89 },
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
                Support::Supported { browser: Browser::Safari, version: 17 },
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.2 Safari/605.1.15",
                Support::TooOld { browser: Browser::Safari, version: 13, minimum: 15 },
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
                Support::TooOld { browser: Browser::Safari, version: 14, minimum: 15 },
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
                Support::Supported { browser: Browser::Safari, version: 17 },
            ),
            (
                "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
                Support::Supported { browser: Browser::SamsungInternet, version: 23 },
            ),
            (
                "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.130 Safari/537.36",
                Support::TooOld { browser: Browser::Chrome, version: 79, minimum: 96 },
            ),
            ("Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko", Support::Unknown),
            ("", Support::Unknown),
        ];
        for (ua, want) in cases {
            assert_eq!(support(ua), want, "{ua}");
        }
    }

    #[test]
    fn every_supported_browser_has_a_minimum() {
        for (b, v) in SUPPORTED {
            assert_eq!(minimum(b), v);
            assert!(!b.name().is_empty());
        }
    }
}
