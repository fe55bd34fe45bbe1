-- Reports of wrong directory information (issue 14, No Surprises Act): what
-- the member said was wrong, and the message thread where member services
-- answers (its reference is the report's). A listing is "under review"
-- while a report's thread is open.
CREATE TABLE directory_reports (
    id INTEGER PRIMARY KEY,
    listing_id INTEGER NOT NULL REFERENCES directory_providers(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES message_threads(id),
    problem TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX directory_reports_listing ON directory_reports (listing_id);
