//! User accounts, password history and activation codes.

use super::Db;
use sqlx::FromRow;

/// A user account.
#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    /// Row id.
    pub id: i64,
    /// The member row this account belongs to (none for a staff account).
    pub member_id: Option<i64>,
    /// `member` or `support`.
    pub role: String,
    /// Case-folded username.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// The account with this (case-folded) username.
pub async fn by_username(db: &Db, username: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(
        "SELECT id, member_id, username, password_hash, role FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(db)
    .await
}

/// The account with this row id.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as("SELECT id, member_id, username, password_hash, role FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

impl UserRow {
    /// Whether this is a member services staff account.
    pub fn is_staff(&self) -> bool {
        self.role == portal_domain::messages::Role::Support.as_str()
    }
}

/// The support accounts' usernames, in order.
pub async fn support_usernames(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, username FROM users WHERE role = 'support' ORDER BY username")
        .fetch_all(db)
        .await
}

/// Whether the member already has an account.
pub async fn member_has_account(db: &Db, member_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE member_id = ?")
        .bind(member_id)
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

/// Which of `candidates` are taken usernames.
pub async fn taken_usernames(db: &Db, candidates: &[String]) -> sqlx::Result<Vec<String>> {
    let mut taken = Vec::new();
    for c in candidates {
        if by_username(db, c).await?.is_some() {
            taken.push(c.clone());
        }
    }
    Ok(taken)
}

/// The password hashes a user has had (most recent first).
pub async fn password_history(db: &Db, user_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// What creating an account can run into.
#[derive(Debug)]
pub enum CreateError {
    /// The username was taken meanwhile.
    UsernameTaken,
    /// The member got an account meanwhile.
    AlreadyRegistered,
    /// The activation code was used meanwhile.
    CodeUsed,
    /// The database failed.
    Db(sqlx::Error),
}

impl From<sqlx::Error> for CreateError {
    fn from(e: sqlx::Error) -> Self {
        Self::Db(e)
    }
}

/// Creates an account in one transaction: the user, the first password-history
/// row, the activation code marked used (when one was given) and the audit event.
pub async fn create(
    db: &Db,
    member_id: i64,
    username: &str,
    password_hash: &str,
    code_hash: Option<&str>,
    now: i64,
) -> Result<i64, CreateError> {
    let mut tx = super::begin_write(db).await?;
    if let Some(code_hash) = code_hash {
        let used = sqlx::query(
            "UPDATE activation_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
        )
        .bind(now)
        .bind(code_hash)
        .execute(&mut *tx)
        .await?;
        if used.rows_affected() != 1 {
            return Err(CreateError::CodeUsed);
        }
    }
    let inserted = sqlx::query(
        "INSERT INTO users (member_id, username, password_hash, created_at, password_changed_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(member_id)
    .bind(username)
    .bind(password_hash)
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await;
    let user_id = match inserted {
        Ok(r) => r.last_insert_rowid(),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(create_conflict(e.as_ref()));
        }
        Err(e) => return Err(e.into()),
    };
    first_password(&mut tx, user_id, password_hash, now).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// A new account's first password-history row (the reuse rule counts the
/// password it was created with), inside the transaction that creates it.
pub(crate) async fn first_password(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    user_id: i64,
    password_hash: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
    )
    .bind(user_id)
    .bind(password_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The account a unique violation on `users` hit: the username, or the
/// member or provider already registered.
pub(crate) fn create_conflict(e: &dyn sqlx::error::DatabaseError) -> CreateError {
    if e.message().contains("username") {
        CreateError::UsernameTaken
    } else {
        CreateError::AlreadyRegistered
    }
}

/// An activation code's state.
#[derive(Clone, Debug, FromRow)]
pub struct CodeRow {
    /// The member it activates.
    pub member_id: i64,
    /// When it expires (Unix seconds).
    pub expires_at: i64,
    /// When it was used, if it was.
    pub used_at: Option<i64>,
}

/// The activation code with this hash.
pub async fn code(db: &Db, code_hash: &str) -> sqlx::Result<Option<CodeRow>> {
    sqlx::query_as(
        "SELECT member_id, expires_at, used_at FROM activation_codes WHERE code_hash = ?",
    )
    .bind(code_hash)
    .fetch_optional(db)
    .await
}

/// Records the versions of the terms of service and privacy notice the
/// account accepted at registration, and when.
pub async fn record_terms(
    db: &Db,
    user_id: i64,
    terms_version: &str,
    privacy_version: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET terms_version = ?, privacy_version = ?, terms_accepted_at = ? WHERE id = ?",
    )
    .bind(terms_version)
    .bind(privacy_version)
    .bind(now)
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(())
}
