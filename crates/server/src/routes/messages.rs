//! Secure messages (issue 12): members write to member services and read
//! the answers; signed-out visitors write to technical support; staff
//! (`support` accounts) answer from the inbox. A member's thread is theirs
//! alone: anyone else's is answered like one that does not exist (404).
//! Staff see a thread's claim reference (number and date), never the claim,
//! and every time they open a member's thread the audit trail records it.

use crate::auth::session::StaffUser;
use crate::auth::AuthUser;
use crate::db::messages::{self as store, NewAttachment, Starter, ThreadRow};
use crate::db::outbox::{Channel, NewMessage};
use crate::db::rate::{self, Hit};
use crate::db::{self, accounts, audit::Event};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::client::ClientInfo;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use chrono::{DateTime, Datelike, Utc};
use portal_domain::messages::{
    self as rules, AssignRequest, AttachmentInfo, AttachmentKind, AttachmentUpload, Author,
    ClaimChoice, ClaimReference, Inbox, Message, NewThreadRequest, ReplyRequest,
    TechSupportRequest, Thread, ThreadCreated, ThreadList, ThreadStatus, ThreadSummary, Topic,
};
use portal_domain::problem::types;
use portal_domain::{FieldErrors, ProblemDetails};
use serde::Deserialize;

/// One hour, the window of every message rate limit.
const HOUR: i64 = 3600;

fn rfc3339(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// 429 until `until`.
fn too_many(until: i64, what: &str) -> ApiError {
    let mut p = ProblemDetails::new(types::RATE_LIMITED, "Too many messages", 429).with_detail(
        format!("{what} Please try again later, or call us: the numbers are in the help centre."),
    );
    p.locked_until = Some(rfc3339(until));
    ApiError::Problem(Box::new(p))
}

pub(crate) async fn limit(state: &AppState, key: &str, max: i64, what: &str) -> ApiResult<()> {
    if let Hit::Limited { until } = rate::hit(&state.db, key, db::now(), max, HOUR).await? {
        return Err(too_many(until, what));
    }
    Ok(())
}

fn invalid(errors: FieldErrors) -> ApiResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Decodes and checks an attachment: base64, size, and type by its first bytes.
fn attachment(upload: Option<&AttachmentUpload>) -> ApiResult<Option<NewAttachment>> {
    let Some(a) = upload else {
        return Ok(None);
    };
    let mut errors = FieldErrors::new();
    rules::attachment_errors(&mut errors, &a.filename, None);
    invalid(errors)?;
    // Longer than the largest file could encode to: refused before decoding.
    if a.content_base64.len() > rules::ATTACHMENT_MAX_BYTES.div_ceil(3) * 4 + 4 {
        let mut errors = FieldErrors::new();
        rules::attachment_errors(&mut errors, &a.filename, Some(usize::MAX));
        return Err(ApiError::validation(errors));
    }
    let Ok(content) = base64::engine::general_purpose::STANDARD.decode(a.content_base64.trim())
    else {
        return Err(ApiError::field(
            "attachment",
            "attachment.encoding",
            "The file could not be read. Attach it again.",
        ));
    };
    let mut errors = FieldErrors::new();
    rules::attachment_errors(&mut errors, &a.filename, Some(content.len()));
    invalid(errors)?;
    let Some(kind) = AttachmentKind::sniff(&content) else {
        return Err(ApiError::field(
            "attachment",
            "attachment.type",
            "This file is not a PDF, PNG or JPEG file. Attach one of those.",
        ));
    };
    // Only the file's own name, without folders or control characters.
    let name: String = a
        .filename
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    Ok(Some(NewAttachment {
        filename: name,
        kind: kind.as_str(),
        content,
    }))
}

/// What a thread row says, for the member (`staff` false) or for staff.
fn summary(row: &ThreadRow, staff: bool, now: i64) -> ThreadSummary {
    ThreadSummary {
        id: row.id,
        reference: row.reference.clone(),
        topic: Topic::parse(&row.topic).unwrap_or(Topic::Other),
        subject: row.subject.clone(),
        status: ThreadStatus::parse(&row.status).unwrap_or(ThreadStatus::Open),
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        last_author: Author::parse(&row.last_author).unwrap_or(Author::Member),
        unread: !staff && row.unread_reply_id.is_some(),
        assignee: if staff { row.assignee.clone() } else { None },
        from: staff.then(|| {
            row.member_name
                .clone()
                .or_else(|| row.email.clone())
                .unwrap_or_else(|| "Unknown".into())
        }),
        age_days: (now - row.created_at).max(0) / 86_400,
    }
}

async fn thread_view(state: &AppState, row: &ThreadRow, staff: bool) -> ApiResult<Thread> {
    let now = db::now();
    let claim = match row.claim_id {
        Some(id) => store::claim_ref(&state.db, id)
            .await?
            .map(|(number, date)| ClaimReference {
                // Staff get the number and date only: nothing that opens the claim.
                id: (!staff).then_some(id),
                number,
                date,
            }),
        None => None,
    };
    let member_name = row
        .member_name
        .clone()
        .or_else(|| row.email.clone())
        .unwrap_or_else(|| "Member".into());
    let messages = store::messages(&state.db, row.id)
        .await?
        .into_iter()
        .map(|m| {
            let author = Author::parse(&m.author).unwrap_or(Author::Member);
            let author_name = match (author, staff) {
                (Author::Member, false) => "You".to_string(),
                (Author::Staff, false) => "Member Services".to_string(),
                (Author::Member, true) => member_name.clone(),
                (Author::Staff, true) => m
                    .staff_username
                    .clone()
                    .unwrap_or_else(|| "Member Services".into()),
            };
            let attachment = match (m.attachment_id, m.filename, m.kind, m.size) {
                (Some(id), Some(filename), Some(kind), Some(size)) => AttachmentKind::parse(&kind)
                    .map(|kind| AttachmentInfo {
                        id,
                        filename,
                        kind,
                        size,
                    }),
                _ => None,
            };
            Message {
                id: m.id,
                author,
                author_name,
                body: m.body,
                sent_at: rfc3339(m.created_at),
                attachment,
            }
        })
        .collect();
    Ok(Thread {
        summary: summary(row, staff, now),
        claim,
        messages,
    })
}

/// The member's own thread, or 404 (also for anyone else's).
async fn own_thread(state: &AppState, user: &AuthUser, id: i64) -> ApiResult<ThreadRow> {
    store::by_id(&state.db, id)
        .await?
        .filter(|t| t.user_id == Some(user.user_id))
        .ok_or_else(ApiError::not_found)
}

fn file_response(a: store::AttachmentRow) -> Response {
    let media =
        AttachmentKind::parse(&a.kind).map_or("application/octet-stream", |k| k.media_type());
    let name: String = a
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (CONTENT_TYPE, media.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        a.content,
    )
        .into_response()
}

/// The member's threads, newest first.
#[utoipa::path(get, path = "/api/v1/messages", tag = "messages",
    responses((status = 200, body = ThreadList), (status = 403, body = ProblemDetails, description = "A staff account")))]
pub async fn list(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<ThreadList>> {
    let now = db::now();
    let items = store::of_user(&state.db, user.user_id)
        .await?
        .iter()
        .map(|t| summary(t, false, now))
        .collect();
    Ok(Json(ThreadList { items }))
}

/// The claims the member may refer to in a message: those of the people
/// the family rules let them see, newest first (at most 200).
#[utoipa::path(get, path = "/api/v1/messages/claims", tag = "messages",
    responses((status = 200, body = Vec<ClaimChoice>), (status = 403, body = ProblemDetails, description = "A staff account")))]
pub async fn claim_choices(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<Vec<ClaimChoice>>> {
    let index = state
        .claims
        .household(&state.db, family.user.household_id)
        .await?;
    let mut claims: Vec<_> = index
        .entries
        .iter()
        .map(|(c, _)| c)
        .filter(|c| family.view.visible.contains(&c.patient_id))
        .collect();
    claims.sort_by(|a, b| b.service_start.cmp(&a.service_start).then(b.id.cmp(&a.id)));
    Ok(Json(
        claims
            .into_iter()
            .take(200)
            .map(|c| ClaimChoice {
                id: c.id,
                label: format!(
                    "{} · {} · {} ({})",
                    c.claim_number,
                    c.service_start,
                    c.provider.name,
                    c.patient_name.split(' ').next().unwrap_or_default()
                ),
            })
            .collect(),
    ))
}

/// Writes to member services: a new thread with its reference number.
#[utoipa::path(post, path = "/api/v1/messages", tag = "messages", request_body = NewThreadRequest,
    responses(
        (status = 201, body = ThreadCreated),
        (status = 400, body = ProblemDetails, description = "errors.topic / subject / body / claim_id / attachment (type by its bytes, size, encoding)"),
        (status = 403, body = ProblemDetails, description = "A staff account"),
        (status = 429, body = ProblemDetails, description = "More than 10 new messages in an hour")))]
pub async fn create(
    State(state): State<AppState>,
    family: Family,
    ApiJson(body): ApiJson<NewThreadRequest>,
) -> ApiResult<Response> {
    invalid(rules::new_thread_errors(&body))?;
    let file = attachment(body.attachment.as_ref())?;
    if let Some(claim) = body.claim_id {
        // Only a claim of someone the family rules let the caller see.
        let index = state
            .claims
            .household(&state.db, family.user.household_id)
            .await?;
        let visible = index
            .entries
            .iter()
            .any(|(c, _)| c.id == claim && family.view.visible.contains(&c.patient_id));
        if !visible {
            return Err(ApiError::field(
                "claim_id",
                "claim_id.unknown",
                "Choose one of your claims, or none.",
            ));
        }
    }
    let user = &family.user;
    limit(
        &state,
        &format!("msg-thread:{}", user.user_id),
        rules::THREADS_PER_HOUR,
        "You have sent many messages in the last hour.",
    )
    .await?;
    let now = db::now();
    let (id, reference) = store::create(
        &state.db,
        &Starter::Member(user.user_id),
        &body.topic,
        body.subject.trim(),
        body.claim_id,
        body.body.trim(),
        file.as_ref(),
        state.clock.today().year(),
        now,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(ThreadCreated { id, reference })).into_response())
}

/// One of the member's threads (its replies count as read).
#[utoipa::path(get, path = "/api/v1/messages/{id}", tag = "messages",
    params(("id" = i64, Path, description = "Thread id")),
    responses((status = 200, body = Thread), (status = 403, body = ProblemDetails, description = "A staff account"), (status = 404, body = ProblemDetails, description = "No such thread, or not yours")))]
pub async fn thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Thread>> {
    let row = own_thread(&state, &user, id).await?;
    let view = thread_view(&state, &row, false).await?;
    store::mark_read(&state.db, id).await?;
    Ok(Json(view))
}

/// Answers in one of the member's threads (a closed one opens again).
#[utoipa::path(post, path = "/api/v1/messages/{id}/replies", tag = "messages", request_body = ReplyRequest,
    params(("id" = i64, Path, description = "Thread id")),
    responses(
        (status = 201, body = Thread),
        (status = 400, body = ProblemDetails, description = "errors.body / attachment"),
        (status = 403, body = ProblemDetails, description = "A staff account"),
        (status = 404, body = ProblemDetails, description = "No such thread, or not yours"),
        (status = 429, body = ProblemDetails, description = "More than 30 replies in an hour")))]
pub async fn reply(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReplyRequest>,
) -> ApiResult<Response> {
    own_thread(&state, &user, id).await?;
    invalid(rules::reply_errors(&body))?;
    let file = attachment(body.attachment.as_ref())?;
    limit(
        &state,
        &format!("msg-reply:{}", user.user_id),
        rules::REPLIES_PER_HOUR,
        "You have sent many replies in the last hour.",
    )
    .await?;
    store::member_reply(&state.db, id, body.body.trim(), file.as_ref(), db::now()).await?;
    let row = own_thread(&state, &user, id).await?;
    let view = thread_view(&state, &row, false).await?;
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// Downloads a file of one of the member's threads.
#[utoipa::path(get, path = "/api/v1/messages/{id}/attachments/{attachment}", tag = "messages",
    params(("id" = i64, Path, description = "Thread id"), ("attachment" = i64, Path, description = "Attachment id")),
    responses((status = 200, description = "The file (PDF, PNG or JPEG)", content(("application/pdf"), ("image/png"), ("image/jpeg"))), (status = 403, body = ProblemDetails, description = "A staff account"), (status = 404, body = ProblemDetails)))]
pub async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> ApiResult<Response> {
    own_thread(&state, &user, id).await?;
    let file = store::attachment(&state.db, id, attachment_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(file_response(file))
}

/// A signed-out visitor writes to technical support (answered by email).
/// Rate limited per email address and per client address.
#[utoipa::path(post, path = "/api/v1/support/technical", tag = "messages", request_body = TechSupportRequest,
    responses(
        (status = 201, body = ThreadCreated),
        (status = 400, body = ProblemDetails, description = "errors.email / subject / body"),
        (status = 429, body = ProblemDetails, description = "More than 3 messages from this email address, or 10 from this network, in an hour")))]
pub async fn technical(
    State(state): State<AppState>,
    client: ClientInfo,
    ApiJson(body): ApiJson<TechSupportRequest>,
) -> ApiResult<Response> {
    let email = rules::tech_support_errors(&body).map_err(ApiError::validation)?;
    limit(
        &state,
        &format!(
            "support-addr:{}",
            client.addr.as_deref().unwrap_or("unknown")
        ),
        rules::SUPPORT_PER_ADDRESS_PER_HOUR,
        "Many messages have come from your network in the last hour.",
    )
    .await?;
    limit(
        &state,
        &format!("support-email:{}", email.to_lowercase()),
        rules::SUPPORT_PER_EMAIL_PER_HOUR,
        "You have sent several messages from this email address in the last hour.",
    )
    .await?;
    let (id, reference) = store::create(
        &state.db,
        &Starter::Visitor(email),
        Topic::Technical.as_str(),
        body.subject.trim(),
        None,
        body.body.trim(),
        None,
        state.clock.today().year(),
        db::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(ThreadCreated { id, reference })).into_response())
}

/// The inbox's filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct InboxQuery {
    /// `open` (default) or `closed`.
    pub status: Option<String>,
    /// A topic code, or none for every topic.
    pub topic: Option<String>,
}

/// The support inbox: threads of a status (and topic), oldest first.
#[utoipa::path(get, path = "/api/v1/support/threads", tag = "support",
    params(InboxQuery),
    responses((status = 200, body = Inbox), (status = 400, body = ProblemDetails, description = "errors.status / topic"), (status = 403, body = ProblemDetails, description = "Not a support account")))]
pub async fn inbox(
    State(state): State<AppState>,
    StaffUser(_staff): StaffUser,
    Query(q): Query<InboxQuery>,
) -> ApiResult<Json<Inbox>> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => ThreadStatus::Open,
        Some(s) => ThreadStatus::parse(s)
            .ok_or_else(|| ApiError::field("status", "status.invalid", "Choose open or closed."))?,
    };
    let topic = match q.topic.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => Some(Topic::parse(t).ok_or_else(|| {
            ApiError::field("topic", "topic.invalid", "Choose one of the topics.")
        })?),
    };
    let now = db::now();
    let items = store::inbox(&state.db, status.as_str(), topic.map(Topic::as_str))
        .await?
        .iter()
        .map(|t| summary(t, true, now))
        .collect();
    let staff = accounts::support_usernames(&state.db)
        .await?
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    Ok(Json(Inbox { items, staff }))
}

async fn any_thread(state: &AppState, id: i64) -> ApiResult<ThreadRow> {
    store::by_id(&state.db, id)
        .await?
        .ok_or_else(ApiError::not_found)
}

/// One thread, for staff: the claim's number and date only. Recorded in
/// the audit trail with the thread's reference.
#[utoipa::path(get, path = "/api/v1/support/threads/{id}", tag = "support",
    params(("id" = i64, Path, description = "Thread id")),
    responses((status = 200, body = Thread), (status = 403, body = ProblemDetails, description = "Not a support account"), (status = 404, body = ProblemDetails)))]
pub async fn staff_thread(
    State(state): State<AppState>,
    StaffUser(staff): StaffUser,
    client: ClientInfo,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Thread>> {
    let row = any_thread(&state, id).await?;
    client
        .audit_detail(
            &state.db,
            Some(staff.user_id),
            Event::SupportThreadViewed,
            &row.reference,
        )
        .await;
    Ok(Json(thread_view(&state, &row, true).await?))
}

/// Staff answer a thread: the member gets an alert and an email with the
/// reference number only (a visitor, the answer by email).
#[utoipa::path(post, path = "/api/v1/support/threads/{id}/replies", tag = "support", request_body = ReplyRequest,
    params(("id" = i64, Path, description = "Thread id")),
    responses((status = 201, body = Thread), (status = 400, body = ProblemDetails, description = "errors.body / attachment"), (status = 403, body = ProblemDetails, description = "Not a support account"), (status = 404, body = ProblemDetails)))]
pub async fn staff_reply(
    State(state): State<AppState>,
    StaffUser(staff): StaffUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ReplyRequest>,
) -> ApiResult<Response> {
    let row = any_thread(&state, id).await?;
    invalid(rules::reply_errors(&body))?;
    let file = attachment(body.attachment.as_ref())?;
    let text = body.body.trim();
    let mut notice = Vec::new();
    match (row.user_id, &row.email) {
        (Some(user_id), _) => {
            let (email, _) = db::security::contact(&state.db, user_id).await?;
            let email = match email {
                Some(e) => Some(e),
                None => Some(db::home::prefs(&state.db, user_id).await?.email)
                    .filter(|e| !e.trim().is_empty()),
            };
            if let Some(to) = email {
                let (subject, body) = rules::reply_notice(&row.reference);
                notice.push(NewMessage {
                    channel: Channel::Email,
                    recipient: to,
                    subject,
                    body,
                    kind: "message_reply".into(),
                    user_id: Some(user_id),
                });
            }
        }
        (None, Some(to)) => {
            let (subject, body) = rules::visitor_reply(&row.reference, text);
            notice.push(NewMessage {
                channel: Channel::Email,
                recipient: to.clone(),
                subject,
                body,
                kind: "support_reply".into(),
                user_id: None,
            });
        }
        (None, None) => {}
    }
    store::staff_reply(
        &state.db,
        id,
        staff.user_id,
        text,
        file.as_ref(),
        &notice,
        db::now(),
    )
    .await?;
    state.outbox.wake();
    let row = any_thread(&state, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(thread_view(&state, &row, true).await?),
    )
        .into_response())
}

/// Closes a thread (a member's reply opens it again).
#[utoipa::path(post, path = "/api/v1/support/threads/{id}/close", tag = "support",
    params(("id" = i64, Path, description = "Thread id")),
    responses((status = 200, body = ThreadSummary), (status = 403, body = ProblemDetails, description = "Not a support account"), (status = 404, body = ProblemDetails)))]
pub async fn close(
    State(state): State<AppState>,
    StaffUser(_staff): StaffUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ThreadSummary>> {
    any_thread(&state, id).await?;
    let now = db::now();
    store::close(&state.db, id, now).await?;
    Ok(Json(summary(&any_thread(&state, id).await?, true, now)))
}

/// Gives a thread to another support account.
#[utoipa::path(put, path = "/api/v1/support/threads/{id}/assignee", tag = "support", request_body = AssignRequest,
    params(("id" = i64, Path, description = "Thread id")),
    responses((status = 200, body = ThreadSummary), (status = 400, body = ProblemDetails, description = "errors.assignee: not a support account"), (status = 403, body = ProblemDetails, description = "Not a support account"), (status = 404, body = ProblemDetails)))]
pub async fn assign(
    State(state): State<AppState>,
    StaffUser(_staff): StaffUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AssignRequest>,
) -> ApiResult<Json<ThreadSummary>> {
    any_thread(&state, id).await?;
    let wanted = portal_domain::credentials::normalize_username(body.assignee.trim());
    let Some((staff_id, _)) = accounts::support_usernames(&state.db)
        .await?
        .into_iter()
        .find(|(_, u)| *u == wanted)
    else {
        return Err(ApiError::field(
            "assignee",
            "assignee.unknown",
            "Choose one of the member services accounts.",
        ));
    };
    store::assign(&state.db, id, staff_id).await?;
    Ok(Json(summary(
        &any_thread(&state, id).await?,
        true,
        db::now(),
    )))
}

/// Downloads a thread's file, for staff.
#[utoipa::path(get, path = "/api/v1/support/threads/{id}/attachments/{attachment}", tag = "support",
    params(("id" = i64, Path, description = "Thread id"), ("attachment" = i64, Path, description = "Attachment id")),
    responses((status = 200, description = "The file (PDF, PNG or JPEG)", content(("application/pdf"), ("image/png"), ("image/jpeg"))), (status = 403, body = ProblemDetails, description = "Not a support account"), (status = 404, body = ProblemDetails)))]
pub async fn staff_download(
    State(state): State<AppState>,
    StaffUser(_staff): StaffUser,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> ApiResult<Response> {
    let file = store::attachment(&state.db, id, attachment_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    Ok(file_response(file))
}
