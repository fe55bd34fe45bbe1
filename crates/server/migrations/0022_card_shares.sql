-- Shared ID cards (issue 16): a link a provider can open without signing
-- in, showing only that member's card, until it expires or the member turns
-- it off. Only the token's SHA-256 is kept; every opening is recorded.
CREATE TABLE card_shares (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX card_shares_member ON card_shares (member_id);

CREATE TABLE card_share_views (
    id INTEGER PRIMARY KEY,
    share_id INTEGER NOT NULL REFERENCES card_shares(id),
    at INTEGER NOT NULL,
    client_addr TEXT
);
CREATE INDEX card_share_views_share ON card_share_views (share_id);
