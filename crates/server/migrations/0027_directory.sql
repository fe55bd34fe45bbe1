-- The provider directory (issue 14): listings (clinicians and facilities,
-- each with its NPI and NUCC taxonomy), their locations with coordinates,
-- the networks each belongs to and in which tier, and hospital
-- affiliations; and the household's home ZIP code, where "near me" starts.

CREATE TABLE directory_providers (
    id INTEGER PRIMARY KEY,
    npi TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('practitioner', 'organization')),
    name TEXT NOT NULL,             -- as shown: "Dr. Ana Ruiz, MD", "Cedar Family Medicine"
    taxonomy TEXT NOT NULL,         -- NUCC code
    gender TEXT CHECK (gender IS NULL OR gender IN ('female', 'male', 'nonbinary')),
    board_certified INTEGER,        -- clinicians only
    accepting_new INTEGER NOT NULL,
    virtual_visits INTEGER NOT NULL,
    languages TEXT NOT NULL,        -- ISO 639-1 codes, comma-separated
    practice_id INTEGER REFERENCES directory_providers(id),
    estimator_id TEXT,              -- the estimator's provider, where it has the rates
    verified_on TEXT NOT NULL       -- last confirmed with the provider (ISO date)
);

CREATE TABLE directory_locations (
    id INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES directory_providers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    line TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    zip TEXT NOT NULL,
    lat_e6 INTEGER NOT NULL,        -- degrees times 1,000,000
    lon_e6 INTEGER NOT NULL,
    phone TEXT NOT NULL,
    hours TEXT NOT NULL,            -- lines separated by '|'
    wheelchair INTEGER NOT NULL,
    asl INTEGER NOT NULL
);
CREATE INDEX directory_locations_provider ON directory_locations (provider_id);

CREATE TABLE directory_networks (
    provider_id INTEGER NOT NULL REFERENCES directory_providers(id) ON DELETE CASCADE,
    network TEXT NOT NULL,          -- plans.network
    tier INTEGER NOT NULL CHECK (tier >= 1),
    PRIMARY KEY (provider_id, network)
);

CREATE TABLE directory_affiliations (
    provider_id INTEGER NOT NULL REFERENCES directory_providers(id) ON DELETE CASCADE,
    hospital_id INTEGER NOT NULL REFERENCES directory_providers(id) ON DELETE CASCADE,
    PRIMARY KEY (provider_id, hospital_id)
);

ALTER TABLE households ADD COLUMN home_zip TEXT;
