-- Devices that signed in successfully before (issue 11, NIST SP 800-63B 5.2.2):
-- a long-lived random token in an HttpOnly cookie, stored here only as its
-- SHA-256, lets that device keep signing in to that account while the
-- username is locked by other people's failures.
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    -- Wrong passwords typed on this device since its last success; at the
    -- lockout threshold the device is no longer trusted.
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);
