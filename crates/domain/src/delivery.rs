//! Alerts sent by email or text message, as the member's notification
//! preferences ask (issue 11): which alerts are due to go out, what the
//! messages say (no health details: only that something is waiting in the
//! portal, in a category), and the consent text shown beside the text
//! message choice and recorded when it is turned on.

use crate::alerts::AlertKind;
use crate::home::NotificationPrefs;
use std::collections::HashSet;

/// The version of [`SMS_CONSENT_TEXT`]; recorded with each consent.
pub const SMS_CONSENT_VERSION: &str = "2026-12-01";

/// What a member agrees to by choosing text messages (shown beside the
/// choice; recorded with the phone number, the date and this version).
pub const SMS_CONSENT_TEXT: &str =
    "By choosing text messages, you agree to receive account alerts \
from Evergreen Health at the mobile number you entered. How often varies. Message and data rates \
may apply. Reply STOP to stop, HELP for help. Agreeing is not a condition of coverage.";

/// A channel an alert can be sent on (the portal itself needs no sending).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SendChannel {
    /// To the email address in the preferences.
    Email,
    /// To the mobile phone in the preferences.
    Text,
}

impl SendChannel {
    /// Stable code, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Text => "text",
        }
    }
}

/// One alert to send on one channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The alert's key (stable for the same alert).
    pub key: String,
    /// Its kind (the message's category).
    pub kind: AlertKind,
    /// Where to.
    pub channel: SendChannel,
}

/// The deliveries due: each unread alert on each channel its kind is set
/// to in `prefs` (and that has an address), not already in `sent`.
pub fn due_deliveries(
    prefs: &NotificationPrefs,
    alerts: &[(String, AlertKind, bool)],
    sent: &HashSet<(String, SendChannel)>,
) -> Vec<Delivery> {
    let mut out = Vec::new();
    for (key, kind, read) in alerts {
        // A reply's email goes out when it is written, with its reference
        // number (`messages::reply_notice`), not with the alert scan.
        if *read || *kind == AlertKind::MessageReply {
            continue;
        }
        let channels = prefs.channels(*kind);
        // A payment's email (receipt, autopay declined, returned) goes out
        // when it happens, with its transaction ID and amount
        // (`billing::notices`), whatever the preferences: not again here.
        let payment = matches!(kind, AlertKind::PaymentReceived | AlertKind::PaymentFailed);
        let wanted = [
            (
                SendChannel::Email,
                channels.email && !payment && !prefs.email.trim().is_empty(),
            ),
            (
                SendChannel::Text,
                channels.text && !prefs.phone.trim().is_empty(),
            ),
        ];
        for (channel, on) in wanted {
            if on && !sent.contains(&(key.clone(), channel)) {
                out.push(Delivery {
                    key: key.clone(),
                    kind: *kind,
                    channel,
                });
            }
        }
    }
    out
}

/// The words for what kind of thing waits, without any detail of it.
pub fn category(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::PremiumDue | AlertKind::PaymentReceived | AlertKind::PaymentFailed => {
            "a billing notice"
        }
        AlertKind::ClaimDenied | AlertKind::ClaimNeedsInfo => "an update about a claim",
        AlertKind::PreventiveCare => "a care reminder",
        AlertKind::DeductibleMet | AlertKind::OopMaxNear => "an update about your plan's totals",
        AlertKind::OpenEnrollment => "an open enrollment notice",
        AlertKind::MessageReply => "a reply to your message",
        AlertKind::DataExportReady => "a download of your data ready",
        AlertKind::VirtualVisit => "a reminder of an upcoming visit",
    }
}

/// Subject, email body and text of an alert message (`phone_no`: Member
/// Services). Only the category: names, amounts, claims and care stay in
/// the portal.
pub fn alert_message(kind: AlertKind, phone_no: &str) -> (String, String, String) {
    let what = category(kind);
    let subject = format!("Evergreen Health: you have {what}");
    let email = format!(
        "You have {what} in your Evergreen Health member account. Sign in to read it.\n\n\
         For your privacy we never put the details in an email. To change which alerts you get, \
         sign in and open Account, then Notifications. Questions: Member Services at {phone_no}.\n\n\
         Evergreen Health"
    );
    let text = format!(
        "Evergreen Health: you have {what} in your member account. Sign in to read it. Reply STOP to stop."
    );
    (subject, email, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::home::{AlertChannels, AlertPref};

    fn prefs(email: &str, phone: &str, on: &[(AlertKind, bool, bool)]) -> NotificationPrefs {
        let mut p = NotificationPrefs::defaults();
        p.email = email.into();
        p.phone = phone.into();
        for (kind, e, t) in on {
            p.alerts.retain(|a| a.kind != *kind);
            p.alerts.push(AlertPref {
                kind: *kind,
                channels: AlertChannels {
                    email: *e,
                    text: *t,
                    portal: true,
                },
            });
        }
        p
    }

    #[test]
    fn due_deliveries_table() {
        use AlertKind::*;
        use SendChannel::*;
        let alerts = vec![
            ("premium:1".to_string(), PremiumDue, false),
            ("denied:7".to_string(), ClaimDenied, false),
            ("flu:2026".to_string(), PreventiveCare, true),
            ("payment:PMT-1".to_string(), PaymentReceived, false),
        ];
        let none = HashSet::new();
        let sent_premium: HashSet<_> = [("premium:1".to_string(), Email)].into();
        type Case<'a> = (
            NotificationPrefs,
            &'a HashSet<(String, SendChannel)>,
            Vec<(&'a str, SendChannel)>,
        );
        let cases: Vec<Case> = vec![
            // defaults: nothing is sent
            (NotificationPrefs::defaults(), &none, vec![]),
            // email for premiums
            (
                prefs("a@example.com", "", &[(PremiumDue, true, false)]),
                &none,
                vec![("premium:1", Email)],
            ),
            // already sent: not again
            (
                prefs("a@example.com", "", &[(PremiumDue, true, false)]),
                &sent_premium,
                vec![],
            ),
            // text wanted but no phone: nothing
            (prefs("", "", &[(ClaimDenied, false, true)]), &none, vec![]),
            // both channels
            (
                prefs(
                    "a@example.com",
                    "(555) 555-0100",
                    &[(ClaimDenied, true, true)],
                ),
                &none,
                vec![("denied:7", Email), ("denied:7", Text)],
            ),
            // a payment's alert is not emailed again (its own email went
            // out when it happened), but is texted when asked
            (
                prefs(
                    "a@example.com",
                    "(555) 555-0100",
                    &[(PaymentReceived, true, true)],
                ),
                &none,
                vec![("payment:PMT-1", Text)],
            ),
            // a read alert is not sent
            (
                prefs("a@example.com", "", &[(PreventiveCare, true, false)]),
                &none,
                vec![],
            ),
        ];
        for (i, (p, sent, want)) in cases.into_iter().enumerate() {
            let got: Vec<(String, SendChannel)> = due_deliveries(&p, &alerts, sent)
                .into_iter()
                .map(|d| (d.key, d.channel))
                .collect();
            let want: Vec<(String, SendChannel)> =
                want.into_iter().map(|(k, c)| (k.to_string(), c)).collect();
            assert_eq!(got, want, "case {i}");
        }
    }

    #[test]
    fn messages_say_only_the_category() {
        for kind in AlertKind::ALL {
            let (subject, email, text) = alert_message(*kind, "1-800-555-0142");
            for body in [&subject, &email, &text] {
                assert!(body.contains(category(*kind)), "{body}");
                assert!(!body.contains('$'), "no amounts: {body}");
            }
            assert!(
                text.chars().count() <= 160,
                "one SMS segment: {}",
                text.chars().count()
            );
            assert!(text.contains("STOP"));
        }
        assert!(SMS_CONSENT_TEXT.contains("STOP") && SMS_CONSENT_TEXT.contains("rates may apply"));
    }
}
