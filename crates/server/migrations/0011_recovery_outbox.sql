-- Issue 11: recovery by a code sent to the contact on file, the message
-- outbox, and fixed-window rate limits. (Numbered after the issue so that
-- other branches' migrations do not collide; numbers only need to increase.)

-- Messages to members, queued in the same database as the change that
-- causes them, so a restart never loses one. A worker sends due rows and
-- retries with a growing delay. `body` is cleared once sent (kept only with
-- --demo, where /dev/outbox shows it).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER,
    sent_at INTEGER,
    failed_at INTEGER,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- One recovery in progress: the ticket the browser holds and the code sent
-- to the contact on file, both stored only as SHA-256 (the code hashed with
-- the ticket, so a copy of the database cannot be searched for 6 digits).
-- `attempts` counts codes tried; a request is single use (`used_at`).
CREATE TABLE recovery_requests (
    ticket_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('password', 'unlock')),
    code_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
);
CREATE INDEX recovery_requests_user ON recovery_requests (user_id, created_at);

-- Fixed-window counters (per client address, per member ID, overall): a
-- window starts with the first hit and ends `window` seconds later.
CREATE TABLE rate_windows (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    window_end INTEGER NOT NULL
);

-- When a throttle row last changed, so rows of usernames nobody tries any
-- more (including made-up ones) can be purged.
ALTER TABLE login_throttle ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
