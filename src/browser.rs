//! Small bridges to the browser (clock, document title, focus) and pure
//! helpers for what the app shows (dates, safe redirect targets).

use chrono::{Datelike, NaiveDate};
use wasm_bindgen::{JsCast, JsValue};

/// The app's name, used in every document title.
pub const APP_NAME: &str = "Evergreen Health Member Portal";

thread_local! {
    /// The server's pinned date, once an API answer has carried one.
    static SERVER_DATE: std::cell::Cell<Option<NaiveDate>> = const { std::cell::Cell::new(None) };
}

/// Records the date an API answer carried in its `portal-today` header
/// (only a server started with `--today` sends one).
pub fn learn_server_date(header: Option<&str>) {
    if let Some(date) = header.and_then(|h| portal_domain::dates::parse_iso(h.trim())) {
        SERVER_DATE.with(|d| d.set(Some(date)));
    }
}

/// Today's date: the server's pinned date when it has told us one (so a test
/// suite gets the same answers on any day), else the member's local date
/// from the browser's clock.
pub fn today() -> NaiveDate {
    if let Some(date) = SERVER_DATE.with(std::cell::Cell::get) {
        return date;
    }
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Waits `ms` milliseconds (a browser timer; returns at once without a window).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Formats an RFC 3339 instant as local wall-clock time, e.g. `2:05 PM`.
/// `None` when the browser cannot read the instant.
pub fn local_time(rfc3339: &str) -> Option<String> {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return None;
    }
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"hour".into(), &"numeric".into()).ok()?;
    js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into()).ok()?;
    date.to_locale_time_string_with_options("en-US", &options)
        .as_string()
}

/// A Unix time as local date and time, e.g. `Dec 9, 2026, 2:05 PM`.
pub fn local_date_time_of(secs: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    for (key, value) in [
        ("month", "short"),
        ("day", "numeric"),
        ("year", "numeric"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("en-US", &options)
        .as_string()
        .unwrap_or_default()
}

/// A date as members read it: `Jan 1, 2026`.
pub fn long_date(date: NaiveDate) -> String {
    let month = portal_domain::dates::month_short(date.month0() as usize);
    format!("{month} {}, {}", date.day(), date.year())
}

/// Accepts a post-sign-in redirect target only when it is a path on this
/// site: it starts with exactly one `/` (never `//host` or `/\host`, which
/// browsers treat as another origin) and has no backslashes or control
/// characters. Anything else (`https://…`, `javascript:…`) is refused.
pub fn safe_next(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let ok = chars.next() == Some('/')
        && !matches!(chars.next(), Some('/') | Some('\\'))
        && !next.chars().any(|c| c == '\\' || c.is_control());
    ok.then_some(next)
}

/// Percent-encodes a value for use in a query string.
pub fn encode_query_value(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// Decodes one `application/x-www-form-urlencoded` name or value
/// (`+` is a space); a malformed escape is kept as written.
pub fn decode_query_value(value: &str) -> String {
    let value = value.replace('+', " ");
    js_sys::decode_uri_component(&value)
        .map(String::from)
        .unwrap_or(value)
}

/// Splits a query string (with or without its leading `?`) into decoded pairs.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_query_value(k), decode_query_value(v))
        })
        .collect()
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Sets `document.title` to "`page` · app name".
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · {APP_NAME}"));
    }
}

/// The browser's clock, as a UTC instant.
pub fn now_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// An instant as the visitor reads it, in their own time zone:
/// `Monday 8:00 AM EST`.
pub fn local_day_time(at: chrono::DateTime<chrono::Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    let options = js_sys::Object::new();
    for (key, value) in [
        ("weekday", "long"),
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("en-US", &options)
        .as_string()
        .unwrap_or_default()
}

/// A Unix time read in the IANA time zone `time_zone`, with its
/// abbreviation: `Tue, Dec 8, 10:30 AM PST` with `date`, `10:30 AM PST`
/// without. The browser's own time zone data does the daylight saving.
pub fn zoned_time(secs: i64, time_zone: &str, date: bool) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    let mut parts = vec![
        ("hour", "numeric"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
        ("timeZone", time_zone),
    ];
    if date {
        parts.extend([("weekday", "short"), ("month", "short"), ("day", "numeric")]);
    }
    for (key, value) in parts {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    at.to_locale_string("en-US", &options)
        .as_string()
        .unwrap_or_default()
}

/// The day of a Unix time in the IANA time zone `time_zone`: `Tuesday, December 8`.
pub fn zoned_day(secs: i64, time_zone: &str) -> String {
    let at = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    let options = js_sys::Object::new();
    for (key, value) in [
        ("weekday", "long"),
        ("month", "long"),
        ("day", "numeric"),
        ("timeZone", time_zone),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    at.to_locale_date_string("en-US", &options)
        .as_string()
        .unwrap_or_default()
}

/// The browser's clock in whole seconds since 1970.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The visitor's time zone as the browser names it (`America/Chicago`).
pub fn time_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A property of `navigator` (`userAgent`, `cookieEnabled`).
fn navigator_property(name: &str) -> JsValue {
    js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .and_then(|n| js_sys::Reflect::get(&n, &name.into()))
        .unwrap_or(JsValue::UNDEFINED)
}

/// The browser's user agent string.
pub fn user_agent() -> String {
    navigator_property("userAgent")
        .as_string()
        .unwrap_or_default()
}

/// Whether the browser keeps this site's cookies: it says so
/// (`navigator.cookieEnabled`) and a test cookie written now reads back
/// (then it is removed).
pub fn cookies_enabled() -> bool {
    if navigator_property("cookieEnabled").as_bool() != Some(true) {
        return false;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let cookie = JsValue::from_str("cookie");
    let test = "portal_cookie_check=1; path=/; SameSite=Strict";
    if js_sys::Reflect::set(&doc, &cookie, &test.into()).is_err() {
        return false;
    }
    let kept = js_sys::Reflect::get(&doc, &cookie)
        .ok()
        .and_then(|v| v.as_string())
        .is_some_and(|c| c.contains("portal_cookie_check=1"));
    let gone = "portal_cookie_check=; path=/; Max-Age=0; SameSite=Strict";
    let _ = js_sys::Reflect::set(&doc, &cookie, &gone.into());
    kept
}

/// Moves keyboard focus to the element with this id, if it exists.
pub fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_table() {
        let cases = [
            ("/", true),
            ("/coverage?x=1", true),
            ("//evil.example", false),
            ("/\\evil.example", false),
            ("/a\\b", false),
            ("https://evil.example/", false),
            ("javascript:alert(1)", false),
            ("", false),
            ("coverage", false),
            ("/a\nb", false),
        ];
        for (input, ok) in cases {
            assert_eq!(safe_next(input).is_some(), ok, "{input:?}");
        }
    }

    #[test]
    fn long_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(long_date(d), "Dec 31, 2026");
    }
}
