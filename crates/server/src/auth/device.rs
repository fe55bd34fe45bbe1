//! The trusted-device cookie (issue 11; NIST SP 800-63B 5.2.2): set after a
//! successful sign-in, it lets that browser keep signing in to that account
//! while the username is locked by failures from elsewhere, and exempts it
//! from the per-address sign-in delays. It is a random 256-bit token,
//! HttpOnly, SameSite=Strict, `Secure` and `__Host-` prefixed with
//! `--cookie-secure`, stored only as its SHA-256. It is no second factor:
//! the password (and the two-step code) are still asked for, and wrong
//! passwords typed on it count toward its own threshold, after which it is
//! forgotten.

use axum::http::{HeaderMap, HeaderValue};

/// The cookie's name without `--cookie-secure`.
pub const COOKIE_NAME: &str = "portal_device";
/// The cookie's name with `--cookie-secure` (`__Host-`: Secure, Path=/, no Domain).
pub const SECURE_COOKIE_NAME: &str = "__Host-portal_device";
/// How long a device stays trusted: 180 days.
pub const LIFETIME_SECS: i64 = 180 * 86_400;

fn name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// The `Set-Cookie` value that stores a device token.
pub fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    let flags = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={LIFETIME_SECS}{flags}",
        name(secure)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_device=; Max-Age=0"))
}

/// The device token from the request's cookies, if any.
pub fn token_from(headers: &HeaderMap, secure: bool) -> Option<String> {
    crate::auth::session::cookie_value(headers, name(secure)).filter(|v| v.len() <= 128)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header::COOKIE;

    #[test]
    fn cookie_attributes() {
        let plain = set_cookie("abc", false);
        let plain = plain.to_str().unwrap_or_default();
        assert!(plain.starts_with("portal_device=abc; HttpOnly; SameSite=Strict; Path=/"));
        assert!(!plain.contains("Secure"));
        let secure = set_cookie("abc", true);
        let secure = secure.to_str().unwrap_or_default();
        assert!(secure.starts_with("__Host-portal_device=abc;") && secure.ends_with("; Secure"));
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("a=1; portal_device=tok"));
        assert_eq!(token_from(&h, false).as_deref(), Some("tok"));
        assert_eq!(
            token_from(&h, true),
            None,
            "the secure name only with --cookie-secure"
        );
    }
}
