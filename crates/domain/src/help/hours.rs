//! Opening hours of a phone line, kept in the line's own time zone
//! (America/New_York), and whether the line is open at an instant.
//!
//! Eastern time is worked out by the US rule in force since 2007 (Energy
//! Policy Act of 2005, 15 U.S.C. 260a): daylight saving time (UTC-4) starts
//! on the second Sunday of March at 2:00 a.m. local standard time (07:00
//! UTC) and ends on the first Sunday of November at 2:00 a.m. local daylight
//! time (06:00 UTC); the rest of the year is standard time (UTC-5). A tz
//! database crate would add far more to the browser's wasm than these few
//! lines, and the line's zone is the only one the rule needs: the visitor's
//! own zone is the browser's business (it formats the instants returned
//! here).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Minutes in a day: a period may close at `24:00`.
pub const DAY_MINUTES: u16 = 24 * 60;

/// A time of day as `HH:MM` (00:00 to 24:00), in minutes after midnight.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "08:00"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub u16);

impl ClockTime {
    /// Parses `HH:MM` (`24:00` allowed, nothing later).
    pub fn parse(s: &str) -> Option<Self> {
        let (h, m) = s.split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        let minutes = h.checked_mul(60)?.checked_add(m)?;
        (m < 60 && minutes <= DAY_MINUTES).then_some(Self(minutes))
    }

    /// As members read it: `8 a.m.`, `8:30 a.m.`, `noon`, `midnight`.
    pub fn spoken(self) -> String {
        let (h, m) = (self.0 / 60, self.0 % 60);
        match (h, m) {
            (0 | 24, 0) => "midnight".into(),
            (12, 0) => "noon".into(),
            _ => {
                let half = if h < 12 { "a.m." } else { "p.m." };
                let h12 = match h % 12 {
                    0 => 12,
                    h => h,
                };
                if m == 0 {
                    format!("{h12} {half}")
                } else {
                    format!("{h12}:{m:02} {half}")
                }
            }
        }
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:02}:{:02}", self.0 / 60, self.0 % 60))
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom("expected a time as HH:MM"))
    }
}

/// Days of the week a line keeps the same hours, and those hours.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPeriod {
    /// First day, ISO numbering: 1 is Monday, 7 is Sunday.
    pub first_day: u8,
    /// Last day (inclusive), at or after `first_day`.
    pub last_day: u8,
    /// When the line opens, Eastern time.
    pub opens: ClockTime,
    /// When it closes, Eastern time (after `opens`; `24:00` for midnight).
    pub closes: ClockTime,
}

/// When a line answers: weekly periods in Eastern time, and the dates it is
/// closed (holidays).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineHours {
    /// The weekly hours.
    pub periods: Vec<OpenPeriod>,
    /// Whole days the line is closed (Eastern dates).
    #[serde(default)]
    pub closed_dates: Vec<NaiveDate>,
}

/// Whether a line is open at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStatus {
    /// Open; it closes at this instant.
    Open {
        /// When it next closes.
        closes: DateTime<Utc>,
    },
    /// Closed; it opens next at this instant (`None`: no opening in the
    /// next two weeks, for example a line with no hours).
    Closed {
        /// When it next opens.
        opens: Option<DateTime<Utc>>,
    },
}

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The `n`th (1-based) Sunday of a month.
fn nth_sunday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n as u8)
}

/// Hours from UTC of Eastern time at the UTC instant `utc` (-4 or -5).
pub fn eastern_offset_hours(utc: NaiveDateTime) -> i64 {
    let y = utc.year();
    let at = |d: Option<NaiveDate>, hour: u32| d.and_then(|d| d.and_hms_opt(hour, 0, 0));
    match (at(nth_sunday(y, 3, 2), 7), at(nth_sunday(y, 11, 1), 6)) {
        (Some(start), Some(end)) if utc >= start && utc < end => -4,
        _ => -5,
    }
}

/// Eastern wall-clock time at a UTC instant.
pub fn to_eastern(utc: DateTime<Utc>) -> NaiveDateTime {
    let naive = utc.naive_utc();
    naive + Duration::hours(eastern_offset_hours(naive))
}

/// The UTC instant of an Eastern wall-clock time. In the hour repeated in
/// November, the first (daylight) one; in the hour skipped in March, the
/// time read as standard time.
pub fn from_eastern(local: NaiveDateTime) -> DateTime<Utc> {
    let daylight = local + Duration::hours(4);
    let standard = local + Duration::hours(5);
    let utc = if eastern_offset_hours(daylight) == -4 {
        daylight
    } else {
        standard
    };
    utc.and_utc()
}

impl LineHours {
    /// Whether the hours make sense: days 1 to 7 in order, each period
    /// opening before it closes. The error says what is wrong.
    pub fn check(&self) -> Result<(), String> {
        for p in &self.periods {
            if !(1..=7).contains(&p.first_day) || !(p.first_day..=7).contains(&p.last_day) {
                return Err(format!(
                    "days {} to {}: days are 1 (Monday) to 7 (Sunday), first before last",
                    p.first_day, p.last_day
                ));
            }
            if p.opens >= p.closes {
                return Err(format!(
                    "opens {} but closes {}",
                    p.opens.spoken(),
                    p.closes.spoken()
                ));
            }
        }
        Ok(())
    }

    /// The open intervals (Eastern wall-clock) of the days from `first`
    /// for `days` days, in order, touching ones joined (a line open until
    /// midnight and from midnight is open straight through).
    fn intervals(&self, first: NaiveDate, days: i64) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let mut out: Vec<(NaiveDateTime, NaiveDateTime)> = Vec::new();
        for offset in 0..days {
            let date = first + Duration::days(offset);
            if self.closed_dates.contains(&date) {
                continue;
            }
            let weekday = date.weekday().number_from_monday() as u8;
            let mut today: Vec<(NaiveDateTime, NaiveDateTime)> = self
                .periods
                .iter()
                .filter(|p| (p.first_day..=p.last_day).contains(&weekday))
                .map(|p| {
                    let at = |t: ClockTime| {
                        date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(t.0))
                    };
                    (at(p.opens), at(p.closes))
                })
                .collect();
            today.sort();
            for (start, end) in today {
                match out.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => out.push((start, end)),
                }
            }
        }
        out
    }

    /// Whether the line is open at `now`, and until when or from when.
    pub fn status(&self, now: DateTime<Utc>) -> LineStatus {
        let local = to_eastern(now);
        let first = local.date() - Duration::days(1);
        for (start, end) in self.intervals(first, 16) {
            if start <= local && local < end {
                return LineStatus::Open {
                    closes: from_eastern(end),
                };
            }
            if start > local {
                return LineStatus::Closed {
                    opens: Some(from_eastern(start)),
                };
            }
        }
        LineStatus::Closed { opens: None }
    }

    /// The hours in words, one line per period: `Monday to Friday, 8 a.m.
    /// to 6 p.m. Eastern time`.
    pub fn describe(&self) -> Vec<String> {
        self.periods
            .iter()
            .map(|p| {
                let day = |d: u8| DAY_NAMES[usize::from(d.clamp(1, 7) - 1)];
                let days = match (p.first_day, p.last_day) {
                    (1, 7) => "Every day".to_string(),
                    (a, b) if a == b => day(a).to_string(),
                    (a, b) => format!("{} to {}", day(a), day(b)),
                };
                if p.opens.0 == 0 && p.closes.0 == DAY_MINUTES {
                    format!("{days}, 24 hours")
                } else {
                    format!(
                        "{days}, {} to {} Eastern time",
                        p.opens.spoken(),
                        p.closes.spoken()
                    )
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        let n = |a: usize, b: usize| s[a..b].parse::<u32>().expect("number");
        NaiveDate::from_ymd_opt(n(0, 4) as i32, n(5, 7), n(8, 10))
            .and_then(|d| d.and_hms_opt(n(11, 13), n(14, 16), 0))
            .expect("test instant")
            .and_utc()
    }

    fn weekdays(opens: &str, closes: &str) -> LineHours {
        LineHours {
            periods: vec![OpenPeriod {
                first_day: 1,
                last_day: 5,
                opens: ClockTime::parse(opens).expect("time"),
                closes: ClockTime::parse(closes).expect("time"),
            }],
            closed_dates: Vec::new(),
        }
    }

    #[test]
    fn eastern_offsets_around_the_changes() {
        let cases = [
            // 2026: DST from Sunday March 8 07:00 UTC to Sunday November 1 06:00 UTC.
            ("2026-01-15 12:00", -5),
            ("2026-03-08 06:59", -5),
            ("2026-03-08 07:00", -4),
            ("2026-07-04 12:00", -4),
            ("2026-11-01 05:59", -4),
            ("2026-11-01 06:00", -5),
            ("2026-12-25 12:00", -5),
            // 2027: March 14 and November 7.
            ("2027-03-14 06:59", -5),
            ("2027-03-14 07:00", -4),
            ("2027-11-07 05:59", -4),
            ("2027-11-07 06:00", -5),
        ];
        for (at, offset) in cases {
            assert_eq!(eastern_offset_hours(utc(at).naive_utc()), offset, "{at}");
        }
    }

    #[test]
    fn eastern_wall_clock_round_trips() {
        for at in ["2026-01-15 13:00", "2026-07-04 12:00", "2026-11-01 05:30"] {
            let t = utc(at);
            assert_eq!(from_eastern(to_eastern(t)), t, "{at}");
        }
        // 8 a.m. Eastern is 13:00 UTC in winter, 12:00 UTC in summer.
        let eight = |d: &str| utc(&format!("{d} 08:00")).naive_utc();
        assert_eq!(from_eastern(eight("2026-01-15")), utc("2026-01-15 13:00"));
        assert_eq!(from_eastern(eight("2026-07-15")), utc("2026-07-15 12:00"));
    }

    #[test]
    fn weekday_line_open_and_closed() {
        let hours = weekdays("08:00", "18:00");
        let open = |closes: &str| LineStatus::Open {
            closes: utc(closes),
        };
        let closed = |opens: &str| LineStatus::Closed {
            opens: Some(utc(opens)),
        };
        let cases = [
            // Monday November 23, 2026 (standard time, UTC-5).
            ("2026-11-23 12:59", closed("2026-11-23 13:00")),
            ("2026-11-23 13:00", open("2026-11-23 23:00")),
            ("2026-11-23 22:59", open("2026-11-23 23:00")),
            ("2026-11-23 23:00", closed("2026-11-24 13:00")),
            // Friday evening to Monday morning.
            ("2026-11-27 23:30", closed("2026-11-30 13:00")),
            ("2026-11-28 15:00", closed("2026-11-30 13:00")),
            // Just after midnight UTC on Tuesday is still Monday evening in New York.
            ("2026-11-24 01:00", closed("2026-11-24 13:00")),
            // Summer (UTC-4).
            ("2026-07-15 12:00", open("2026-07-15 22:00")),
            ("2026-07-15 11:59", closed("2026-07-15 12:00")),
            // Friday before the March change, opening on Monday after it.
            ("2026-03-06 23:30", closed("2026-03-09 12:00")),
        ];
        for (at, want) in cases {
            assert_eq!(hours.status(utc(at)), want, "{at}");
        }
    }

    #[test]
    fn holidays_and_round_the_clock_lines() {
        let mut hours = weekdays("08:00", "18:00");
        hours.closed_dates = vec![NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")];
        // Thanksgiving Thursday closed: Wednesday evening opens Friday.
        assert_eq!(
            hours.status(utc("2026-11-25 23:30")),
            LineStatus::Closed {
                opens: Some(utc("2026-11-27 13:00"))
            }
        );
        let always = LineHours {
            periods: vec![OpenPeriod {
                first_day: 1,
                last_day: 7,
                opens: ClockTime(0),
                closes: ClockTime(DAY_MINUTES),
            }],
            closed_dates: Vec::new(),
        };
        match always.status(utc("2026-11-23 12:00")) {
            LineStatus::Open { closes } => assert!(closes > utc("2026-12-01 00:00")),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            LineHours::default().status(utc("2026-11-23 12:00")),
            LineStatus::Closed { opens: None }
        );
    }

    #[test]
    fn times_and_hours_in_words() {
        let cases = [
            ("08:00", Some("8 a.m.")),
            ("08:30", Some("8:30 a.m.")),
            ("12:00", Some("noon")),
            ("18:00", Some("6 p.m.")),
            ("00:00", Some("midnight")),
            ("24:00", Some("midnight")),
            ("24:01", None),
            ("8:00", None),
            ("08:60", None),
            ("ab:cd", None),
        ];
        for (s, want) in cases {
            assert_eq!(
                ClockTime::parse(s).map(|t| t.spoken()).as_deref(),
                want,
                "{s}"
            );
        }
        assert_eq!(
            weekdays("08:00", "18:00").describe(),
            vec!["Monday to Friday, 8 a.m. to 6 p.m. Eastern time"]
        );
        let json = serde_json::to_string(&ClockTime(8 * 60)).expect("json");
        assert_eq!(json, "\"08:00\"");
    }

    #[test]
    fn checks_hours() {
        assert!(weekdays("08:00", "18:00").check().is_ok());
        assert!(weekdays("18:00", "08:00").check().is_err());
        let mut bad = weekdays("08:00", "18:00");
        bad.periods[0].last_day = 8;
        assert!(bad.check().is_err());
    }
}
