-- Foundation: plans, eligibility (households and members), accounts, sessions,
-- activation codes, sign-in throttling and the security audit trail.
-- Timestamps are Unix seconds (UTC) in INTEGER columns; dates are ISO 8601 TEXT.
-- Written in the common subset of SQLite and PostgreSQL where practical.

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    plan_type TEXT NOT NULL,
    network TEXT NOT NULL,
    group_number TEXT NOT NULL,
    rx_bin TEXT NOT NULL,
    rx_pcn TEXT NOT NULL,
    rx_group TEXT NOT NULL,
    copay_primary_cents INTEGER NOT NULL,
    copay_specialist_cents INTEGER NOT NULL,
    copay_urgent_cents INTEGER NOT NULL,
    copay_er_cents INTEGER NOT NULL,
    member_services_phone TEXT NOT NULL,
    provider_services_phone TEXT NOT NULL,
    coverage_start TEXT NOT NULL,
    coverage_end TEXT NOT NULL
);

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    member_id_base TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL REFERENCES plans(id)
);

-- The plan's eligibility file: who may register.
CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    suffix TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    ssn_last4 TEXT NOT NULL,
    relationship TEXT NOT NULL CHECK (relationship IN ('subscriber', 'spouse', 'child')),
    eligible INTEGER NOT NULL DEFAULT 1,
    UNIQUE (household_id, suffix)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL UNIQUE REFERENCES members(id),
    username TEXT NOT NULL UNIQUE, -- case-folded
    password_hash TEXT NOT NULL,   -- argon2id PHC string
    created_at INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

-- Every password a user has had (the current one included), for the reuse rule.
CREATE TABLE password_history (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id);

-- Session tokens are stored as SHA-256 hashes; the token itself lives only in the cookie.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Single-use activation codes, stored as SHA-256 hashes of the compact code.
CREATE TABLE activation_codes (
    code_hash TEXT PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Consecutive failures per key ("login:<username>", "register:<member id>"),
-- whether or not the username exists, so a lockout reveals nothing.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until INTEGER
);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    client_addr TEXT,
    user_agent TEXT
);
CREATE INDEX audit_events_user ON audit_events (user_id, at);
