//! Secure messages ("Email us", issue 12): a member writes to member
//! services, a signed-out visitor to technical support, staff answer from
//! the support inbox. The rules both the browser and the server apply live
//! here: the topics, the length limits, the attachment types (recognised by
//! their first bytes, never by the name a browser sends) and size, and the
//! thread's reference number.

use crate::code_enum::code_enum;
use crate::problem::{push_error, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

code_enum! {
    /// What a message is about (the inbox is filtered by it).
    Topic {
        /// A claim or an explanation of benefits.
        Claims = "claims" / "Claims and EOBs",
        /// Premiums and bills.
        Billing = "billing" / "Billing and premiums",
        /// What the plan covers.
        Coverage = "coverage" / "Coverage and benefits",
        /// The ID card.
        IdCard = "id_card" / "ID card",
        /// Prescriptions.
        Pharmacy = "pharmacy" / "Pharmacy and prescriptions",
        /// The website.
        Technical = "technical" / "Website and technical support",
        /// A listing of the provider directory (reports of wrong information).
        Directory = "directory" / "Provider directory",
        /// Anything else.
        Other = "other" / "Something else",
    }
}

code_enum! {
    /// Whether a thread waits for member services.
    ThreadStatus {
        /// Waiting for an answer, or answered and not closed.
        Open = "open" / "Open",
        /// Closed by member services (a member's reply opens it again).
        Closed = "closed" / "Closed",
    }
}

code_enum! {
    /// Who wrote a message.
    Author {
        /// The member (or the signed-out visitor).
        Member = "member" / "You",
        /// Member services staff.
        Staff = "staff" / "Member Services",
    }
}

code_enum! {
    /// The kinds of account.
    Role {
        /// A member of the plan, with a household.
        Member = "member" / "Member",
        /// Member services staff: the support inbox only, no household.
        Support = "support" / "Member services staff",
        /// A healthcare provider's office: the provider home only
        /// (eligibility, claim status, remittances), no household.
        Provider = "provider" / "Healthcare provider",
    }
}

code_enum! {
    /// The file types a message may carry.
    AttachmentKind {
        /// PDF document.
        Pdf = "pdf" / "PDF",
        /// PNG image.
        Png = "png" / "PNG image",
        /// JPEG image.
        Jpeg = "jpeg" / "JPEG image",
    }
}

impl AttachmentKind {
    /// The media type it is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    /// The kind of a file by its first bytes (its "magic number"), or
    /// `None` for anything else, whatever its name says.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    /// The kind a file name's extension claims (the browser's first check).
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Self::Pdf),
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            _ => None,
        }
    }
}

/// Longest subject, in characters.
pub const SUBJECT_MAX: usize = 120;
/// Longest message, in characters.
pub const BODY_MAX: usize = 4000;
/// Longest attachment file name, in characters.
pub const FILENAME_MAX: usize = 120;
/// Largest attachment, in bytes (2 MB).
pub const ATTACHMENT_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Threads a member may start per hour.
pub const THREADS_PER_HOUR: i64 = 10;
/// Replies a member may send per hour.
pub const REPLIES_PER_HOUR: i64 = 30;
/// Technical-support messages per email address per hour (signed out).
pub const SUPPORT_PER_EMAIL_PER_HOUR: i64 = 3;
/// Technical-support messages per client address per hour (signed out).
pub const SUPPORT_PER_ADDRESS_PER_HOUR: i64 = 10;

/// A thread's reference number: `MSG-2026-000123`.
pub fn reference(year: i32, id: i64) -> String {
    format!("MSG-{year}-{id:06}")
}

/// The words of the attachment rule (shown beside the file field).
pub fn attachment_rule() -> String {
    format!(
        "Optional. A PDF, PNG or JPEG file of up to {} MB.",
        ATTACHMENT_MAX_BYTES / (1024 * 1024)
    )
}

/// An attachment as sent with a message: its name and its bytes in base64.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentUpload {
    /// The file's name (for the download; its type is read from its bytes).
    pub filename: String,
    /// The file's bytes, base64 (standard alphabet, with padding).
    pub content_base64: String,
}

/// `POST /api/v1/messages`: a signed-in member writes to member services.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewThreadRequest {
    /// A [`Topic`] code.
    pub topic: String,
    /// Subject, 1 to [`SUBJECT_MAX`] characters.
    pub subject: String,
    /// The message, 1 to [`BODY_MAX`] characters.
    pub body: String,
    /// A claim of the member's own (one they may see), if the message is about one.
    #[serde(default)]
    pub claim_id: Option<i64>,
    /// An optional file.
    #[serde(default)]
    pub attachment: Option<AttachmentUpload>,
}

/// `POST /api/v1/messages/{id}/replies` and the staff's reply.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRequest {
    /// The message, 1 to [`BODY_MAX`] characters.
    pub body: String,
    /// An optional file.
    #[serde(default)]
    pub attachment: Option<AttachmentUpload>,
}

/// `POST /api/v1/support/technical`: a signed-out visitor writes to
/// technical support.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechSupportRequest {
    /// Where the answer goes.
    pub email: String,
    /// Subject, 1 to [`SUBJECT_MAX`] characters.
    pub subject: String,
    /// The message, 1 to [`BODY_MAX`] characters.
    pub body: String,
}

/// The answer to a new thread.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadCreated {
    /// The thread's id (for a signed-in member's thread page).
    pub id: i64,
    /// Its reference number.
    pub reference: String,
}

/// A claim a message refers to: its number and date only (staff never see
/// a claim's contents).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimReference {
    /// The claim's id (given to the member, whose claim page it opens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The claim number.
    pub number: String,
    /// Date of service (ISO 8601).
    pub date: String,
}

/// A claim the member may refer to (`GET /api/v1/messages/claims`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimChoice {
    /// The claim's id.
    pub id: i64,
    /// "CLM-… · 2026-10-02 · Dr. Rivera (Alex)".
    pub label: String,
}

/// An attachment as listed with its message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    /// Its id (for the download address).
    pub id: i64,
    /// File name.
    pub filename: String,
    /// Its type.
    pub kind: AttachmentKind,
    /// Size in bytes.
    pub size: i64,
}

/// One message of a thread.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author: Author,
    /// Shown as: "You", "Member Services" (to a member), or the member's
    /// first name or the staff username (to staff).
    pub author_name: String,
    /// The text.
    pub body: String,
    /// When (RFC 3339, UTC).
    pub sent_at: String,
    /// Its file, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment: Option<AttachmentInfo>,
}

/// A thread in a list (the member's messages, the support inbox).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    /// Its id.
    pub id: i64,
    /// Reference number.
    pub reference: String,
    /// Topic.
    pub topic: Topic,
    /// Subject.
    pub subject: String,
    /// Open or closed.
    pub status: ThreadStatus,
    /// Started (RFC 3339, UTC).
    pub created_at: String,
    /// Last message (RFC 3339, UTC).
    pub updated_at: String,
    /// Who wrote last.
    pub last_author: Author,
    /// For the member: a reply not read yet.
    pub unread: bool,
    /// For staff: who is on it (a support username), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// For staff: who wrote ("Alex M." or the visitor's email address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// For staff: days since it was started.
    #[serde(default)]
    pub age_days: i64,
}

/// `GET /api/v1/messages`: the member's threads, newest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadList {
    /// Threads.
    pub items: Vec<ThreadSummary>,
}

/// One thread with its messages.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    /// The thread's summary.
    pub summary: ThreadSummary,
    /// The claim it is about, if any (number and date only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimReference>,
    /// Its messages, oldest first.
    pub messages: Vec<Message>,
}

/// `GET /api/v1/support/threads`: the support inbox, oldest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    /// Threads of the chosen status and topic, oldest first.
    pub items: Vec<ThreadSummary>,
    /// The support accounts a thread can be given to.
    pub staff: Vec<String>,
}

/// `PUT /api/v1/support/threads/{id}/assignee`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignRequest {
    /// A support username.
    pub assignee: String,
}

fn text_errors(errors: &mut FieldErrors, field: &str, value: &str, max: usize, what: &str) {
    let n = value.trim().chars().count();
    if n == 0 {
        push_error(
            errors,
            field,
            FieldError::new(format!("{field}.required"), format!("Enter {what}.")),
        );
    } else if value.chars().count() > max {
        push_error(
            errors,
            field,
            FieldError::new(
                format!("{field}.too_long"),
                format!("Keep {what} to {max} characters or fewer."),
            ),
        );
    }
}

/// Checks a message's text (`body`).
pub fn body_errors(errors: &mut FieldErrors, body: &str) {
    text_errors(errors, "body", body, BODY_MAX, "your message");
}

/// Checks a subject (`subject`).
pub fn subject_errors(errors: &mut FieldErrors, subject: &str) {
    text_errors(errors, "subject", subject, SUBJECT_MAX, "a subject");
}

/// Checks an attachment's name and, when known, its size (`attachment`).
/// The server also checks its bytes with [`AttachmentKind::sniff`].
pub fn attachment_errors(errors: &mut FieldErrors, filename: &str, size: Option<usize>) {
    let bad = |code: &str, message: String| FieldError::new(format!("attachment.{code}"), message);
    if filename.trim().is_empty() || filename.chars().count() > FILENAME_MAX {
        push_error(
            errors,
            "attachment",
            bad(
                "name",
                format!("Give the file a name of 1 to {FILENAME_MAX} characters."),
            ),
        );
    } else if AttachmentKind::from_name(filename).is_none() {
        push_error(
            errors,
            "attachment",
            bad("type", "Attach a PDF, PNG or JPEG file.".into()),
        );
    }
    if size.is_some_and(|n| n > ATTACHMENT_MAX_BYTES) {
        push_error(
            errors,
            "attachment",
            bad(
                "too_large",
                format!(
                    "The file is too large: attach one of up to {} MB.",
                    ATTACHMENT_MAX_BYTES / (1024 * 1024)
                ),
            ),
        );
    }
}

/// The problems of a new thread, by field (`topic`, `subject`, `body`,
/// `attachment`); empty when it may be sent.
pub fn new_thread_errors(req: &NewThreadRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if Topic::parse(&req.topic).is_none() {
        push_error(
            &mut errors,
            "topic",
            FieldError::new("topic.invalid", "Choose what your message is about."),
        );
    }
    subject_errors(&mut errors, &req.subject);
    body_errors(&mut errors, &req.body);
    if let Some(a) = &req.attachment {
        attachment_errors(&mut errors, &a.filename, None);
    }
    errors
}

/// The problems of a reply, by field; empty when it may be sent.
pub fn reply_errors(req: &ReplyRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    body_errors(&mut errors, &req.body);
    if let Some(a) = &req.attachment {
        attachment_errors(&mut errors, &a.filename, None);
    }
    errors
}

/// The problems of a technical-support message, by field; or the email
/// address normalised.
pub fn tech_support_errors(req: &TechSupportRequest) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = match crate::account::validate_email(&req.email) {
        Ok(Some(e)) => Some(e),
        Ok(None) => {
            push_error(
                &mut errors,
                "email",
                FieldError::new(
                    "email.required",
                    "Enter the email address where we should answer.",
                ),
            );
            None
        }
        Err(e) => {
            push_error(&mut errors, "email", e);
            None
        }
    };
    subject_errors(&mut errors, &req.subject);
    body_errors(&mut errors, &req.body);
    match email {
        Some(e) if errors.is_empty() => Ok(e),
        _ => Err(errors),
    }
}

/// The email telling a member a reply waits: the reference number only,
/// never the message or anything about their health. Subject and body.
pub fn reply_notice(reference: &str) -> (String, String) {
    let subject = format!("Evergreen Health: a new reply to your message {reference}");
    let body = format!(
        "You have a new reply to your message {reference}. Sign in to read it.\n\n\
         For your privacy we never put the message in an email.\n\nEvergreen Health"
    );
    (subject, body)
}

/// The email that answers a signed-out visitor's technical-support message:
/// they have no account to read it in, so the answer is the email (staff
/// are told, beside the reply box, to keep health details out of it).
pub fn visitor_reply(reference: &str, reply: &str) -> (String, String) {
    let subject = format!("Evergreen Health technical support: {reference}");
    let body = format!(
        "Technical support answered your message {reference}:\n\n{reply}\n\n\
         To answer, write to us again from the help centre and give this reference.\n\n\
         Evergreen Health"
    );
    (subject, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_zero_padded() {
        assert_eq!(reference(2026, 123), "MSG-2026-000123");
        assert_eq!(reference(2026, 1_234_567), "MSG-2026-1234567");
    }

    #[test]
    fn files_are_known_by_their_bytes() {
        let cases: [(&[u8], Option<AttachmentKind>); 6] = [
            (b"%PDF-1.7\n", Some(AttachmentKind::Pdf)),
            (
                &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0],
                Some(AttachmentKind::Png),
            ),
            (&[0xFF, 0xD8, 0xFF, 0xE0], Some(AttachmentKind::Jpeg)),
            (b"MZ\x90\x00", None),
            (b"<html>", None),
            (b"", None),
        ];
        for (bytes, kind) in cases {
            assert_eq!(AttachmentKind::sniff(bytes), kind, "{bytes:?}");
        }
        assert_eq!(
            AttachmentKind::from_name("scan.JPG"),
            Some(AttachmentKind::Jpeg)
        );
        assert_eq!(AttachmentKind::from_name("a.exe"), None);
        assert_eq!(AttachmentKind::from_name("pdf"), None);
    }

    #[test]
    fn a_new_thread_is_checked_field_by_field() {
        let ok = NewThreadRequest {
            topic: "claims".into(),
            subject: "My claim".into(),
            body: "Why was it denied?".into(),
            claim_id: None,
            attachment: None,
        };
        assert!(new_thread_errors(&ok).is_empty());
        let bad = NewThreadRequest {
            topic: "gossip".into(),
            subject: " ".into(),
            body: "x".repeat(BODY_MAX + 1),
            claim_id: None,
            attachment: Some(AttachmentUpload {
                filename: "virus.exe".into(),
                content_base64: String::new(),
            }),
        };
        let e = new_thread_errors(&bad);
        let codes = |f: &str| e[f].iter().map(|x| x.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes("topic"), ["topic.invalid"]);
        assert_eq!(codes("subject"), ["subject.required"]);
        assert_eq!(codes("body"), ["body.too_long"]);
        assert_eq!(codes("attachment"), ["attachment.type"]);
        let mut size = FieldErrors::new();
        attachment_errors(&mut size, "a.pdf", Some(ATTACHMENT_MAX_BYTES + 1));
        assert_eq!(size["attachment"][0].code, "attachment.too_large");
    }

    #[test]
    fn technical_support_needs_an_email() {
        let req = TechSupportRequest {
            email: "".into(),
            subject: "Cannot sign in".into(),
            body: "The page stays blank.".into(),
        };
        assert!(tech_support_errors(&req).is_err_and(|e| e.contains_key("email")));
        let req = TechSupportRequest {
            email: "Pat@Example.COM".into(),
            ..req
        };
        assert_eq!(
            tech_support_errors(&req).ok().as_deref(),
            Some("Pat@example.com")
        );
    }

    #[test]
    fn the_reply_notice_has_the_reference_only() {
        let (subject, body) = reply_notice("MSG-2026-000007");
        assert!(subject.contains("MSG-2026-000007"));
        assert!(body.contains("new reply to your message MSG-2026-000007"));
        assert!(body.contains("Sign in to read it"));
    }
}
