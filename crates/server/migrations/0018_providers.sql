-- Healthcare providers (issue 13): the plan's provider file (who may
-- register), their NPIs, provider accounts, and the eligibility lookups'
-- audit references.
--
-- Provider accounts have no member: users gets `provider_id` and the
-- role 'provider'. The role's CHECK is widened with the procedure SQLite
-- documents for changing a constraint without rewriting the table
-- (https://sqlite.org/lang_altertable.html#otheralter), as 0016 did for
-- member_id's NOT NULL; no stored row changes, and every existing row
-- ('member' or 'support') satisfies the wider check.

-- A practice or organisation, by its tax ID (EIN, or a solo practitioner's SSN).
CREATE TABLE provider_orgs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    tax_id_kind TEXT NOT NULL CHECK (tax_id_kind IN ('ein', 'ssn')),
    tax_id TEXT NOT NULL UNIQUE CHECK (length(tax_id) = 9),
    in_network INTEGER NOT NULL DEFAULT 1
);

-- The NPIs billed under an organisation's tax ID (claims.provider_npi).
CREATE TABLE provider_npis (
    npi TEXT PRIMARY KEY CHECK (length(npi) = 10),
    org_id INTEGER NOT NULL REFERENCES provider_orgs(id),
    name TEXT NOT NULL
);
CREATE INDEX provider_npis_org ON provider_npis (org_id);

-- The plan's provider file: the person who may register for an
-- organisation, with the provider ID on the welcome letter.
CREATE TABLE provider_records (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES provider_orgs(id),
    provider_id_base TEXT NOT NULL,
    provider_id_suffix TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    -- Where codes and usernames go: the email of the credentialing record.
    email TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    UNIQUE (provider_id_base, provider_id_suffix)
);

-- SQLite cannot add a UNIQUE column: the unique index says it instead.
ALTER TABLE users ADD COLUMN provider_id INTEGER REFERENCES provider_records(id);
CREATE UNIQUE INDEX users_provider ON users (provider_id) WHERE provider_id IS NOT NULL;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'CHECK (role IN (''member'', ''support''))',
                       'CHECK (role IN (''member'', ''support'', ''provider''))')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = OFF;

-- A provider account belongs to a provider record; no other account has one.
CREATE TRIGGER users_provider_insert BEFORE INSERT ON users
WHEN (NEW.role = 'provider') <> (NEW.provider_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a provider account needs a provider record, no other account has one');
END;
CREATE TRIGGER users_provider_update BEFORE UPDATE OF role, provider_id ON users
WHEN (NEW.role = 'provider') <> (NEW.provider_id IS NOT NULL)
BEGIN
    SELECT RAISE(ABORT, 'a provider account needs a provider record, no other account has one');
END;
