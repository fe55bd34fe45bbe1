-- Claims (modelled on the CARIN Blue Button ExplanationOfBenefit) and saved filters.
-- Money is integer cents; dates are ISO 8601 TEXT.

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    patient_member_id INTEGER NOT NULL REFERENCES members(id),
    claim_number TEXT NOT NULL UNIQUE,
    claim_type TEXT NOT NULL,
    category TEXT NOT NULL,
    service_start TEXT NOT NULL,
    service_end TEXT NOT NULL,
    provider_name TEXT NOT NULL,
    provider_npi TEXT NOT NULL,
    provider_specialty TEXT NOT NULL,
    network TEXT NOT NULL CHECK (network IN ('in', 'out')),
    status TEXT NOT NULL,
    status_date TEXT NOT NULL,
    denial_reason TEXT,
    billed_cents INTEGER NOT NULL,
    allowed_cents INTEGER NOT NULL,
    plan_paid_cents INTEGER NOT NULL,
    deductible_cents INTEGER NOT NULL,
    copay_cents INTEGER NOT NULL,
    coinsurance_cents INTEGER NOT NULL,
    not_covered_cents INTEGER NOT NULL,
    member_owes_cents INTEGER NOT NULL
);
CREATE INDEX claims_household ON claims (household_id, service_start);

CREATE TABLE claim_lines (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    billed_cents INTEGER NOT NULL,
    allowed_cents INTEGER NOT NULL,
    plan_paid_cents INTEGER NOT NULL,
    deductible_cents INTEGER NOT NULL,
    copay_cents INTEGER NOT NULL,
    coinsurance_cents INTEGER NOT NULL,
    not_covered_cents INTEGER NOT NULL,
    member_owes_cents INTEGER NOT NULL,
    PRIMARY KEY (claim_id, line_no)
);

CREATE TABLE saved_filters (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL, -- case-folded, for uniqueness
    query TEXT NOT NULL,    -- canonical query string of the criteria
    created_at INTEGER NOT NULL,
    UNIQUE (user_id, name_key)
);
