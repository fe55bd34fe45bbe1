-- Apps members connect to their plan data (SMART App Launch, CMS Patient
-- Access API). Secrets are stored as SHA-256 hashes only.

-- Apps registered by the plan (`portal-server register-app`, or the demo seed).
CREATE TABLE oauth_clients (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    developer TEXT NOT NULL,
    website TEXT NOT NULL,
    privacy_policy TEXT NOT NULL,
    redirect_uris TEXT NOT NULL,  -- one per line; compared exactly
    secret_hash TEXT,             -- NULL: a public client (PKCE only)
    created_at INTEGER NOT NULL
);

-- An app's authorization request waiting for the member's consent.
CREATE TABLE oauth_requests (
    id_hash TEXT PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,          -- as granted (portal_domain::data_access::scope_value)
    state TEXT,
    code_challenge TEXT NOT NULL, -- S256
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    decided_at INTEGER
);

-- What a member agreed to: one app, one patient, some scopes.
CREATE TABLE app_grants (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    household_id INTEGER NOT NULL REFERENCES households(id),
    patient_member_id INTEGER NOT NULL REFERENCES members(id),
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX app_grants_user ON app_grants (user_id, revoked_at);

-- Authorization codes: single use, short-lived.
CREATE TABLE oauth_codes (
    code_hash TEXT PRIMARY KEY,
    grant_id INTEGER NOT NULL REFERENCES app_grants(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Refresh tokens: each used once (rotation); a reused one revokes the grant.
CREATE TABLE oauth_refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id INTEGER NOT NULL REFERENCES app_grants(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

-- Keys the server signs with (access tokens), kept across restarts.
CREATE TABLE signing_keys (
    purpose TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
