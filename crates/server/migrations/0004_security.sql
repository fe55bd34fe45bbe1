-- Account security (issue 6): two-step verification, recovery codes, the
-- pending second sign-in step, contact details, and richer audit events.
-- (0003 is taken by another change; numbers only need to be increasing.)

ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN phone TEXT; -- E.164, +1 and ten digits

-- One authenticator secret per account. `enabled_at` is NULL while the member
-- is enrolling (the secret is shown, no code confirmed yet). `last_step` is the
-- RFC 6238 time step of the last code accepted: a code of that step or an
-- earlier one is refused, so a code cannot be replayed within its window.
-- The secret must be readable to check codes, so it is stored as is (base32).
CREATE TABLE totp_secrets (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    enabled_at INTEGER,
    last_step INTEGER NOT NULL DEFAULT -1
);

-- Single-use recovery codes, stored as SHA-256 of the compact code (80 random
-- bits each: too many to guess, so a slow hash adds nothing).
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- A sign-in whose password was right, waiting for its second step. The token
-- lives in a short-lived HttpOnly cookie; only its SHA-256 is stored.
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

-- Where a session came from, for the active-sessions list.
ALTER TABLE sessions ADD COLUMN client_addr TEXT;

-- Whether a second step was used (sign-in history).
ALTER TABLE audit_events ADD COLUMN two_step INTEGER NOT NULL DEFAULT 0;
