-- Virtual visits (issue 14): how each directory listing offers them (its
-- time zone and the telehealth vendor's room address), the visits members
-- book, and the place of service on claims (CMS POS codes; 02 and 10 are
-- telehealth). Times are seconds since 1970 (UTC).

CREATE TABLE virtual_services (
    provider_id INTEGER PRIMARY KEY REFERENCES directory_providers(id),
    time_zone TEXT NOT NULL,
    join_url TEXT NOT NULL
);

CREATE TABLE virtual_visits (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    booked_by INTEGER NOT NULL REFERENCES users(id),
    provider_id INTEGER NOT NULL REFERENCES directory_providers(id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')),
    reason TEXT NOT NULL,
    benefit TEXT NOT NULL,
    you_pay_cents INTEGER NOT NULL,
    you_pay_words TEXT NOT NULL,
    claim_id INTEGER REFERENCES claims(id),
    created_at INTEGER NOT NULL,
    changed_at INTEGER NOT NULL
);
-- One booking per provider and start: two members racing for one time
-- cannot both have it.
CREATE UNIQUE INDEX virtual_visits_one_per_time ON virtual_visits (provider_id, starts_at)
    WHERE status = 'booked';
CREATE INDEX virtual_visits_household ON virtual_visits (household_id, starts_at);

ALTER TABLE claims ADD COLUMN place_of_service TEXT;
