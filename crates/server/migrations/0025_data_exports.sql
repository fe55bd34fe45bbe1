-- "Download all my data" (issue 16): one archive per request, built in the
-- background by the export worker and kept for a few days. The archive
-- itself is a BLOB here, so it survives a restart with the rest of the
-- member's data and goes when the row expires; nothing is written to disk.
CREATE TABLE data_exports (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    household_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    requested_at INTEGER NOT NULL,
    started_at INTEGER,
    ready_at INTEGER,
    expires_at INTEGER,
    size_bytes INTEGER,
    -- JSON array of the first names whose data it holds.
    members TEXT NOT NULL DEFAULT '[]',
    archive BLOB,
    -- Internal: why the build failed (never shown; no personal data).
    error TEXT
);
CREATE INDEX data_exports_user ON data_exports (user_id, requested_at);
CREATE INDEX data_exports_status ON data_exports (status);
