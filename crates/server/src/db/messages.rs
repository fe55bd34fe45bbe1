//! Secure message threads, their messages and attachments (migration 0016).
//! A thread and its first message (and an email telling of a reply) are
//! written in one transaction: nothing half-written survives a crash.

use super::outbox::{self, NewMessage};
use super::Db;
use sqlx::FromRow;

/// A thread row.
#[derive(Clone, Debug, FromRow)]
pub struct ThreadRow {
    /// Id.
    pub id: i64,
    /// `MSG-2026-000123`.
    pub reference: String,
    /// The member's account (none for a visitor's technical-support thread).
    pub user_id: Option<i64>,
    /// The visitor's email (technical support, signed out).
    pub email: Option<String>,
    /// Topic code.
    pub topic: String,
    /// Subject.
    pub subject: String,
    /// The claim referred to, if any.
    pub claim_id: Option<i64>,
    /// `open` or `closed`.
    pub status: String,
    /// The support account on it.
    pub assignee: Option<String>,
    /// Started (Unix seconds).
    pub created_at: i64,
    /// Last message (Unix seconds).
    pub updated_at: i64,
    /// `member` or `staff`.
    pub last_author: String,
    /// The newest staff message the member has not opened.
    pub unread_reply_id: Option<i64>,
    /// The member's first name and last initial, for staff ("Alex M.").
    pub member_name: Option<String>,
}

/// A message row, with its attachment's details.
#[derive(Clone, Debug, FromRow)]
pub struct MessageRow {
    /// Id.
    pub id: i64,
    /// `member` or `staff`.
    pub author: String,
    /// The staff username, for a staff message.
    pub staff_username: Option<String>,
    /// Text.
    pub body: String,
    /// When (Unix seconds).
    pub created_at: i64,
    /// Attachment id.
    pub attachment_id: Option<i64>,
    /// Attachment file name.
    pub filename: Option<String>,
    /// Attachment kind code.
    pub kind: Option<String>,
    /// Attachment size.
    pub size: Option<i64>,
}

/// An attachment's bytes.
#[derive(Clone, Debug, FromRow)]
pub struct AttachmentRow {
    /// File name.
    pub filename: String,
    /// Kind code.
    pub kind: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// A file to store with a message.
#[derive(Clone, Debug)]
pub struct NewAttachment {
    /// File name.
    pub filename: String,
    /// Kind code (`pdf`, `png`, `jpeg`), from its bytes.
    pub kind: &'static str,
    /// The bytes.
    pub content: Vec<u8>,
}

/// Who starts a thread.
#[derive(Clone, Debug)]
pub enum Starter {
    /// A signed-in member's account.
    Member(i64),
    /// A signed-out visitor's email address.
    Visitor(String),
}

const THREAD_COLUMNS: &str = "t.id, t.reference, t.user_id, t.email, t.topic, t.subject, t.claim_id, \
     t.status, a.username AS assignee, t.created_at, t.updated_at, t.last_author, t.unread_reply_id, \
     (SELECT m.first_name || ' ' || substr(m.last_name, 1, 1) || '.' FROM users u JOIN members m \
      ON m.id = u.member_id WHERE u.id = t.user_id) AS member_name";

/// Starts a thread with its first message; returns its id and reference.
#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &Db,
    starter: &Starter,
    topic: &str,
    subject: &str,
    claim_id: Option<i64>,
    body: &str,
    attachment: Option<&NewAttachment>,
    year: i32,
    now: i64,
) -> sqlx::Result<(i64, String)> {
    let mut tx = super::begin_write(db).await?;
    let made = create_in(
        &mut tx, starter, topic, subject, claim_id, body, attachment, year, now,
    )
    .await?;
    tx.commit().await?;
    Ok(made)
}

/// [`create`] inside the caller's transaction (a thread written with
/// something else, all or nothing).
#[allow(clippy::too_many_arguments)]
pub async fn create_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    starter: &Starter,
    topic: &str,
    subject: &str,
    claim_id: Option<i64>,
    body: &str,
    attachment: Option<&NewAttachment>,
    year: i32,
    now: i64,
) -> sqlx::Result<(i64, String)> {
    let (user_id, email) = match starter {
        Starter::Member(id) => (Some(*id), None),
        Starter::Visitor(e) => (None, Some(e.as_str())),
    };
    let id = sqlx::query(
        "INSERT INTO message_threads (user_id, email, topic, subject, claim_id, created_at, updated_at, last_author) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'member')",
    )
    .bind(user_id)
    .bind(email)
    .bind(topic)
    .bind(subject)
    .bind(claim_id)
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    let reference = portal_domain::messages::reference(year, id);
    sqlx::query("UPDATE message_threads SET reference = ? WHERE id = ?")
        .bind(&reference)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    insert_message(tx, id, "member", None, body, attachment, now).await?;
    Ok((id, reference))
}

async fn insert_message(
    tx: &mut sqlx::SqliteConnection,
    thread_id: i64,
    author: &str,
    staff_user_id: Option<i64>,
    body: &str,
    attachment: Option<&NewAttachment>,
    now: i64,
) -> sqlx::Result<i64> {
    let id = sqlx::query(
        "INSERT INTO messages (thread_id, author, staff_user_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(thread_id)
    .bind(author)
    .bind(staff_user_id)
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    if let Some(a) = attachment {
        sqlx::query(
            "INSERT INTO message_attachments (message_id, filename, kind, size, content) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&a.filename)
        .bind(a.kind)
        .bind(i64::try_from(a.content.len()).unwrap_or(i64::MAX))
        .bind(&a.content)
        .execute(&mut *tx)
        .await?;
    }
    Ok(id)
}

/// Adds a member's reply (the thread opens again if it was closed).
pub async fn member_reply(
    db: &Db,
    thread_id: i64,
    body: &str,
    attachment: Option<&NewAttachment>,
    now: i64,
) -> sqlx::Result<i64> {
    let mut tx = super::begin_write(db).await?;
    let id = insert_message(&mut tx, thread_id, "member", None, body, attachment, now).await?;
    sqlx::query(
        "UPDATE message_threads SET status = 'open', updated_at = ?, last_author = 'member' WHERE id = ?",
    )
    .bind(now)
    .bind(thread_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a staff reply, marks it unread for the member and queues the
/// notice, in one transaction.
pub async fn staff_reply(
    db: &Db,
    thread_id: i64,
    staff_user_id: i64,
    body: &str,
    attachment: Option<&NewAttachment>,
    notice: &[NewMessage],
    now: i64,
) -> sqlx::Result<i64> {
    let mut tx = super::begin_write(db).await?;
    let id = insert_message(
        &mut tx,
        thread_id,
        "staff",
        Some(staff_user_id),
        body,
        attachment,
        now,
    )
    .await?;
    sqlx::query(
        "UPDATE message_threads SET updated_at = ?, last_author = 'staff', unread_reply_id = ?, \
         assignee_id = COALESCE(assignee_id, ?) WHERE id = ?",
    )
    .bind(now)
    .bind(id)
    .bind(staff_user_id)
    .bind(thread_id)
    .execute(&mut *tx)
    .await?;
    outbox::enqueue(&mut tx, notice, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A member's own threads, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> sqlx::Result<Vec<ThreadRow>> {
    sqlx::query_as(&format!(
        "SELECT {THREAD_COLUMNS} FROM message_threads t LEFT JOIN users a ON a.id = t.assignee_id \
         WHERE t.user_id = ? ORDER BY t.updated_at DESC, t.id DESC"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// One thread, by id.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<ThreadRow>> {
    sqlx::query_as(&format!(
        "SELECT {THREAD_COLUMNS} FROM message_threads t LEFT JOIN users a ON a.id = t.assignee_id \
         WHERE t.id = ?"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The inbox: threads of `status` (and `topic`, if given), oldest first.
pub async fn inbox(db: &Db, status: &str, topic: Option<&str>) -> sqlx::Result<Vec<ThreadRow>> {
    sqlx::query_as(&format!(
        "SELECT {THREAD_COLUMNS} FROM message_threads t LEFT JOIN users a ON a.id = t.assignee_id \
         WHERE t.status = ?1 AND (?2 IS NULL OR t.topic = ?2) ORDER BY t.created_at, t.id LIMIT 500"
    ))
    .bind(status)
    .bind(topic)
    .fetch_all(db)
    .await
}

/// A thread's messages, oldest first.
pub async fn messages(db: &Db, thread_id: i64) -> sqlx::Result<Vec<MessageRow>> {
    sqlx::query_as(
        "SELECT m.id, m.author, s.username AS staff_username, m.body, m.created_at, \
         a.id AS attachment_id, a.filename, a.kind, a.size \
         FROM messages m LEFT JOIN users s ON s.id = m.staff_user_id \
         LEFT JOIN message_attachments a ON a.message_id = m.id \
         WHERE m.thread_id = ? ORDER BY m.id",
    )
    .bind(thread_id)
    .fetch_all(db)
    .await
}

/// An attachment of a thread (none when it belongs to another thread).
pub async fn attachment(
    db: &Db,
    thread_id: i64,
    attachment_id: i64,
) -> sqlx::Result<Option<AttachmentRow>> {
    sqlx::query_as(
        "SELECT a.filename, a.kind, a.content FROM message_attachments a \
         JOIN messages m ON m.id = a.message_id WHERE a.id = ? AND m.thread_id = ?",
    )
    .bind(attachment_id)
    .bind(thread_id)
    .fetch_optional(db)
    .await
}

/// The member has read the thread's replies.
pub async fn mark_read(db: &Db, thread_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE message_threads SET unread_reply_id = NULL WHERE id = ? AND unread_reply_id IS NOT NULL",
    )
    .bind(thread_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Closes a thread.
pub async fn close(db: &Db, thread_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE message_threads SET status = 'closed', updated_at = ? WHERE id = ?")
        .bind(now)
        .bind(thread_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Gives a thread to a support account.
pub async fn assign(db: &Db, thread_id: i64, staff_user_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE message_threads SET assignee_id = ? WHERE id = ?")
        .bind(staff_user_id)
        .bind(thread_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The member's threads with a reply not yet read: (thread id, reference,
/// message id, when).
pub async fn unread_replies(db: &Db, user_id: i64) -> sqlx::Result<Vec<(i64, String, i64, i64)>> {
    sqlx::query_as(
        "SELECT t.id, t.reference, t.unread_reply_id, t.updated_at FROM message_threads t \
         WHERE t.user_id = ? AND t.unread_reply_id IS NOT NULL ORDER BY t.updated_at DESC",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// A claim's number and date of service, for a thread's claim reference.
pub async fn claim_ref(db: &Db, claim_id: i64) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT claim_number, service_start FROM claims WHERE id = ?")
        .bind(claim_id)
        .fetch_optional(db)
        .await
}
