-- Choosing a primary care provider from the directory (issue 14): each
-- choice with the day it takes effect. A member's PCP on a day is their
-- latest choice in effect by then, else their row in primary_care (the
-- plan's file). A newer choice cancels one not yet in effect.
CREATE TABLE pcp_changes (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    listing_id INTEGER NOT NULL REFERENCES directory_providers(id),
    provider_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    effective TEXT NOT NULL,        -- ISO date
    requested_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER
);
CREATE INDEX pcp_changes_member ON pcp_changes (member_id, effective);
