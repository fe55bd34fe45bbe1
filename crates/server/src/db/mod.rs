//! Storage: the SQLite pool, migrations, and one module of queries per table
//! group. Handlers never write SQL; they call these functions, so another
//! database can be added behind the same functions.

pub mod accounts;
pub mod apps;
pub mod audit;
pub mod billing;
pub mod claims;
pub mod delivery;
pub mod devices;
pub mod directory;
pub mod exports;
pub mod home;
pub mod members;
pub mod messages;
pub mod outbox;
pub mod plans;
pub mod provider_bills;
pub mod providers;
pub mod rate;
pub mod recovery;
pub mod security;
pub mod sent_codes;
pub mod sessions;
pub mod throttle;
pub mod virtual_care;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// The database pool the server uses.
pub type Db = SqlitePool;

/// Opens (creating if missing) and migrates the database at `url`.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit is on disk before it is acknowledged, so a power
        // loss cannot take back a changed password or a queued message
        // (NORMAL in WAL mode can lose the last commits). Costs an fsync per
        // commit, which these writes can afford.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    // Migrations run on a connection of their own, closed before the pool
    // opens: a migration that edits a table's definition in place (0016)
    // leaves the connection that ran it with the old definition cached.
    let migrator = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    sqlx::migrate!("./migrations").run(&migrator).await?;
    migrator.close().await;
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    Ok(pool)
}

/// Starts a transaction that takes SQLite's write lock at once
/// (`BEGIN IMMEDIATE`). A transaction that reads and then writes must start
/// this way: begun deferred, its read lock cannot be upgraded while another
/// connection writes, and SQLite answers "database is locked" at once
/// instead of waiting out the busy timeout.
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
