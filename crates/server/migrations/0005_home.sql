-- The member's home (issue 5): family sharing consent, alerts' read state,
-- notification preferences, premium bills, claims waiting for information,
-- primary care providers, and sex for sex-specific preventive care rules.

-- Sex as on the eligibility file ('F', 'M'), for preventive care rules.
ALTER TABLE members ADD COLUMN sex TEXT;

-- Recorded consent: `grantor` lets `grantee` (same household) see their
-- health information. Withdrawing deletes the row.
CREATE TABLE sharing_consents (
    grantor_member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    grantee_member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (grantor_member_id, grantee_member_id)
);
CREATE INDEX sharing_consents_grantee ON sharing_consents (grantee_member_id);

-- Alerts are computed; only the fact that a user has read one is stored,
-- by the alert's stable key.
CREATE TABLE alert_reads (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    alert_key TEXT NOT NULL,
    read_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, alert_key)
);

-- Notification preferences: channels per alert kind as JSON
-- (`[{"kind":"claim_denied","email":true,"text":false,"portal":true}]`).
-- The email and phone they go to are the account's (users.email, users.phone).
CREATE TABLE notification_prefs (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    alerts_json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE premium_bills (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    due_date TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    paid_at INTEGER
);
CREATE INDEX premium_bills_household ON premium_bills (household_id, due_date);

-- A claim on hold until the member sends something.
CREATE TABLE claim_info_requests (
    claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    requested_on TEXT NOT NULL,
    message TEXT NOT NULL,
    resolved_at INTEGER
);

CREATE TABLE primary_care (
    member_id INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    provider_name TEXT NOT NULL,
    phone TEXT NOT NULL
);
