//! The calendar file of a booked visit (iCalendar, RFC 5545): one event in
//! UTC with a reminder 15 minutes before, and the visit page's address.
//! It names the provider but not the reason for the visit: calendars are
//! often shared and synced to other services.

use chrono::{TimeZone, Utc};

/// What the calendar file says.
pub struct CalendarVisit<'a> {
    /// The booking's reference (its UID).
    pub reference: &'a str,
    /// The provider's name.
    pub provider: &'a str,
    /// Start and end (seconds since 1970, UTC).
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// The visit page's absolute address.
    pub page_url: &'a str,
    /// When the file is made.
    pub now: i64,
    /// Cancelled visits are published as such, so the calendar drops them.
    pub cancelled: bool,
    /// The host part of the UID (the portal's origin host).
    pub host: &'a str,
}

fn stamp(t: i64) -> String {
    Utc.timestamp_opt(t, 0)
        .single()
        .map(|t| t.format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// Escapes a TEXT value (RFC 5545 section 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (section 3.1), never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// The `.ics` text.
pub fn calendar(v: &CalendarVisit<'_>) -> String {
    let summary = format!("Virtual visit with {}", v.provider);
    let description = format!(
        "Evergreen Health virtual visit {}. Join from {} minutes before the start on the visit page: {}",
        v.reference,
        portal_domain::care::virtual_visit::JOIN_OPENS_MINUTES,
        v.page_url
    );
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Evergreen Health//Member Portal//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", if v.cancelled { "CANCEL" } else { "PUBLISH" }),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@{}", v.reference, v.host),
        format!("DTSTAMP:{}", stamp(v.now)),
        format!("DTSTART:{}", stamp(v.starts_at)),
        format!("DTEND:{}", stamp(v.ends_at)),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description)),
        format!("URL:{}", v.page_url),
        format!(
            "STATUS:{}",
            if v.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
    ];
    if !v.cancelled {
        lines.extend([
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            "TRIGGER:-PT15M".into(),
            format!("DESCRIPTION:{}", text(&summary)),
            "END:VALARM".into(),
        ]);
    }
    lines.extend(["END:VEVENT".into(), "END:VCALENDAR".into()]);
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(cancelled: bool) -> CalendarVisit<'static> {
        CalendarVisit {
            reference: "VV-7K2M9Q4D",
            provider: "Dr. Ana Ruiz, MD; Cedar Family Medicine",
            starts_at: 1_796_751_000,
            ends_at: 1_796_752_800,
            page_url: "https://members.example.org/care/virtual/VV-7K2M9Q4D",
            now: 1_796_700_000,
            cancelled,
            host: "members.example.org",
        }
    }

    #[test]
    fn one_event_in_utc_with_a_reminder_and_escaped_text() {
        let ics = calendar(&visit(false));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTART:20261208T173000Z\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTEND:20261208T180000Z\r\n"));
        assert!(ics.contains("UID:VV-7K2M9Q4D@members.example.org"));
        assert!(
            ics.contains("SUMMARY:Virtual visit with Dr. Ana Ruiz\\, MD\\; Cedar Family Medicine")
        );
        assert!(ics.contains("TRIGGER:-PT15M"));
        assert!(ics.contains("STATUS:CONFIRMED"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        // Unfolded, the description carries the page's address whole.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("https://members.example.org/care/virtual/VV-7K2M9Q4D"));
    }

    #[test]
    fn a_cancelled_visit_is_published_as_cancelled_without_a_reminder() {
        let ics = calendar(&visit(true));
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        assert!(!ics.contains("VALARM"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        fold(&"é".repeat(80), &mut out);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(80));
    }
}
