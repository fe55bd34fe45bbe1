-- Records of what the directory said (issue 14, No Surprises Act): a member
-- who relies on a listing saying "in network" and is billed out of network
-- pays no more than in network. The record keeps what the listing said,
-- for which plan, and when, as the member saw it (a JSON snapshot).
CREATE TABLE directory_records (
    id INTEGER PRIMARY KEY,
    reference TEXT UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    listing_id INTEGER NOT NULL REFERENCES directory_providers(id),
    plan_id TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX directory_records_user ON directory_records (user_id, created_at);
