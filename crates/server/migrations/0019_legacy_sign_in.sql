-- Legacy first sign-in (issue 12): members who signed in to the plan's
-- old site with their ID number and a PIN enter them once as username
-- and password, then choose a username and password of their own.
-- The PIN is stored as an argon2id hash, like passwords.

CREATE TABLE legacy_credentials (
    member_id INTEGER PRIMARY KEY REFERENCES members(id),
    pin_hash TEXT NOT NULL,
    -- When the member chose their new credentials (the PIN works no more).
    used_at INTEGER
);

-- A member between the PIN and the new credentials: the ticket lives in an
-- HttpOnly cookie; only its SHA-256 hash is stored.
CREATE TABLE legacy_tickets (
    ticket_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    expires_at INTEGER NOT NULL
);
