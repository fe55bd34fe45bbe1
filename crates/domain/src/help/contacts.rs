//! Who to call: the plan's contact lines for each audience (members,
//! providers, brokers and benefit administrators, technical support), as the
//! server is configured with them and serves them at
//! `GET /api/v1/help/contacts`. Pages never write a number themselves.

use super::hours::LineHours;
use serde::{Deserialize, Serialize};

/// One way to reach the plan: a phone line or an email address, with its
/// hours.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactLine {
    /// What the line is for, in English (`Member Services`, `Spanish`).
    pub label: String,
    /// The label in the line's own language (`Español`), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub native_label: Option<String>,
    /// The BCP 47 language of `native_label` and of the line (`es`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Phone number, as dialled in the US (`1-800-555-0142`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// TTY number for callers who are deaf, hard of hearing or speech
    /// disabled (`711`, the relay service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tty: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// When the line answers (an email address: when it is read).
    pub hours: LineHours,
    /// A sentence about the line (`Use the number on your ID card if it
    /// shows one.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The lines for one audience.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// Stable identifier, also the section's anchor (`members`).
    pub id: String,
    /// Heading (`Members`).
    pub title: String,
    /// Who this is for, in a sentence.
    pub intro: String,
    /// Its lines, most used first.
    pub lines: Vec<ContactLine>,
}

/// Every audience's contact lines.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDirectory {
    /// The audiences, in the order the help centre lists them.
    pub audiences: Vec<Audience>,
}

impl ContactDirectory {
    /// Whether a configured directory can be served: audiences with unique
    /// identifiers made of lowercase letters, digits and hyphens, every line
    /// with a phone number or an email address, and sensible hours.
    pub fn check(&self) -> Result<(), String> {
        let mut ids: Vec<&str> = Vec::new();
        for a in &self.audiences {
            let id_ok = !a.id.is_empty()
                && a.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !id_ok {
                return Err(format!("audience id {:?}: use a-z, 0-9 and -", a.id));
            }
            if ids.contains(&a.id.as_str()) {
                return Err(format!("audience id {:?} is used twice", a.id));
            }
            ids.push(&a.id);
            if a.lines.is_empty() {
                return Err(format!("audience {:?} has no lines", a.id));
            }
            for line in &a.lines {
                if line.phone.is_none() && line.email.is_none() {
                    return Err(format!(
                        "{} / {}: a line needs a phone or an email",
                        a.id, line.label
                    ));
                }
                if line.native_label.is_some() && line.lang.is_none() {
                    return Err(format!(
                        "{} / {}: a native label needs its lang",
                        a.id, line.label
                    ));
                }
                line.hours
                    .check()
                    .map_err(|e| format!("{} / {}: {e}", a.id, line.label))?;
            }
        }
        Ok(())
    }

    /// The audience with this identifier.
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::hours::{ClockTime, OpenPeriod};
    use super::*;

    fn line(label: &str) -> ContactLine {
        ContactLine {
            label: label.into(),
            native_label: None,
            lang: None,
            phone: Some("1-800-555-0100".into()),
            tty: None,
            email: None,
            hours: LineHours {
                periods: vec![OpenPeriod {
                    first_day: 1,
                    last_day: 5,
                    opens: ClockTime(8 * 60),
                    closes: ClockTime(18 * 60),
                }],
                closed_dates: Vec::new(),
            },
            note: None,
        }
    }

    fn directory(id: &str, lines: Vec<ContactLine>) -> ContactDirectory {
        ContactDirectory {
            audiences: vec![Audience {
                id: id.into(),
                title: "Members".into(),
                intro: "For members.".into(),
                lines,
            }],
        }
    }

    #[test]
    fn checks_a_directory() {
        assert!(directory("members", vec![line("Member Services")])
            .check()
            .is_ok());
        let mut no_way = line("Nothing");
        no_way.phone = None;
        let mut no_lang = line("Spanish");
        no_lang.native_label = Some("Español".into());
        let mut bad_hours = line("Late");
        bad_hours.hours.periods[0].opens = ClockTime(19 * 60);
        let cases = [
            directory("Members", vec![line("a")]),
            directory("", vec![line("a")]),
            directory("members", vec![]),
            directory("members", vec![no_way]),
            directory("members", vec![no_lang]),
            directory("members", vec![bad_hours]),
        ];
        for d in cases {
            assert!(d.check().is_err(), "{d:?}");
        }
        let mut twice = directory("members", vec![line("a")]);
        twice.audiences.push(twice.audiences[0].clone());
        assert!(twice.check().is_err());
        assert!(twice.audience("members").is_some());
        assert!(twice.audience("brokers").is_none());
    }
}
