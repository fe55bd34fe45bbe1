-- Secure messages (issue 12) and member services staff accounts.
--
-- Staff accounts have no household: users gets a role, and users.member_id
-- loses its NOT NULL. SQLite cannot drop a NOT NULL with ALTER TABLE; this
-- uses the procedure SQLite documents for removing NOT NULL constraints
-- (https://sqlite.org/lang_altertable.html#otheralter: edit the table's
-- definition in sqlite_schema, which changes nothing stored on disk), not
-- a rebuild: a rebuild needs foreign keys off, which cannot be switched
-- inside the transaction each migration runs in, and dropping the old table
-- with them on would cascade to every session, secret and history row.
-- The CREATE TABLEs below change the schema cookie, so every connection
-- opened afterwards reads the new definition (`db::connect` runs the
-- migrations on a connection of their own for that reason).

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member'
    CHECK (role IN ('member', 'support'));

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'member_id INTEGER NOT NULL UNIQUE REFERENCES members(id)',
                       'member_id INTEGER UNIQUE REFERENCES members(id)')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;

-- A member's account belongs to a member; a staff account to nobody.
CREATE TRIGGER users_role_insert BEFORE INSERT ON users
WHEN (NEW.role = 'member') <> (NEW.member_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a member account needs a member, a staff account has none');
END;
CREATE TRIGGER users_role_update BEFORE UPDATE OF role, member_id ON users
WHEN (NEW.role = 'member') <> (NEW.member_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a member account needs a member, a staff account has none');
END;

-- What an audit event was about, where that is not the account itself
-- (the reference of the thread a staff member opened).
ALTER TABLE audit_events ADD COLUMN detail TEXT;

-- A conversation with member services. A member's thread has `user_id`
-- (and the household, fixed when it was started); a signed-out visitor's
-- technical-support thread has `email` instead.
CREATE TABLE message_threads (
    id INTEGER PRIMARY KEY,
    reference TEXT UNIQUE,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    email TEXT,
    topic TEXT NOT NULL,
    subject TEXT NOT NULL,
    claim_id INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_author TEXT NOT NULL CHECK (last_author IN ('member', 'staff')),
    -- The id of the newest staff message the member has not opened yet.
    unread_reply_id INTEGER,
    CHECK (user_id IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX message_threads_user ON message_threads (user_id, updated_at);
CREATE INDEX message_threads_inbox ON message_threads (status, created_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES message_threads(id) ON DELETE CASCADE,
    author TEXT NOT NULL CHECK (author IN ('member', 'staff')),
    staff_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_thread ON messages (thread_id, id);

-- A message's file, as a blob (type checked by its first bytes).
CREATE TABLE message_attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg')),
    size INTEGER NOT NULL,
    content BLOB NOT NULL
);
