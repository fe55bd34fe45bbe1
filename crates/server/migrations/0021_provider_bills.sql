-- What members owe their providers (issue 15): a bill per processed claim
-- with a member share, paid through the portal at once or by a payment
-- plan, or disputed. Figures come from the same double-entry `ledger` as
-- premiums: a bill's balance is the sum of the entries on `provider_bill:<id>`.

-- What a payment pays: premium statements or provider bills (its
-- `allocation_json` names ids of one or the other).
ALTER TABLE payments ADD COLUMN purpose TEXT NOT NULL DEFAULT 'premium'
    CHECK (purpose IN ('premium', 'provider'));

CREATE TABLE provider_bills (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id),
    issued_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    provider_phone TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX provider_bills_household ON provider_bills (household_id);

-- Payment plans: (household, idempotency key) is the same plan.
CREATE TABLE payment_plans (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    created_by INTEGER NOT NULL REFERENCES users(id),
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    method_id INTEGER NOT NULL REFERENCES payment_methods(id),
    total_cents INTEGER NOT NULL CHECK (total_cents > 0),
    months INTEGER NOT NULL CHECK (months BETWEEN 2 AND 12),
    status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
    consent_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (household_id, idempotency_key)
);
CREATE TABLE payment_plan_bills (
    plan_id INTEGER NOT NULL REFERENCES payment_plans(id),
    bill_id INTEGER NOT NULL REFERENCES provider_bills(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, bill_id)
);
CREATE TABLE payment_plan_instalments (
    plan_id INTEGER NOT NULL REFERENCES payment_plans(id),
    n INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'charged', 'failed', 'cancelled')),
    payment_id INTEGER REFERENCES payments(id),
    PRIMARY KEY (plan_id, n)
);

-- Disputes: each opens a secure message thread to member services; the
-- dispute is answered when member services closes the thread.
CREATE TABLE bill_disputes (
    id INTEGER PRIMARY KEY,
    reference TEXT UNIQUE,
    bill_id INTEGER NOT NULL REFERENCES provider_bills(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    details TEXT NOT NULL,
    thread_id INTEGER NOT NULL REFERENCES message_threads(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX bill_disputes_bill ON bill_disputes (bill_id);
