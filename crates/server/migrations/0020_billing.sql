-- Premium billing and payments (issue 15).
--
-- premium_bills (0005) are the statements. Every figure about them comes from
-- the append-only, double-entry `ledger`: each transaction's entries add up
-- to zero; a statement's balance is the sum of the entries on its account
-- `premium:<id>`; the household's credit is minus the sum on `credit:<hh>`.
-- `premium_bills.paid_at` is no longer read.

-- What subsidy (advance premium tax credit) a household receives: 1 gives it
-- the three-month grace period.
ALTER TABLE households ADD COLUMN premium_subsidy INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ledger (
    id INTEGER PRIMARY KEY,
    txn TEXT NOT NULL,
    household_id INTEGER NOT NULL REFERENCES households(id),
    account TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    payment_id INTEGER REFERENCES payments(id),
    memo TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ledger_household ON ledger (household_id, account);
CREATE INDEX ledger_txn ON ledger (txn);
CREATE TRIGGER ledger_append_only_update BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER ledger_append_only_delete BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- Saved payment methods: only the processor's token and what may be shown.
CREATE TABLE payment_methods (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    added_by INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('card', 'bank')),
    token TEXT NOT NULL,
    brand TEXT,
    bank_type TEXT,
    last4 TEXT NOT NULL,
    exp_month INTEGER,
    exp_year INTEGER,
    created_at INTEGER NOT NULL,
    removed_at INTEGER
);
CREATE INDEX payment_methods_household ON payment_methods (household_id);

-- Payments. The intent is written (with its allocation) before the gateway
-- is called; `status` moves intent -> pending -> posted, or to failed /
-- returned. (household, idempotency key) is unique: the same key is the
-- same payment. `lease_until` marks an intent a request is working on.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    user_id INTEGER REFERENCES users(id),
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    transaction_id TEXT NOT NULL UNIQUE,
    method_id INTEGER REFERENCES payment_methods(id),
    method_label TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    allocation_json TEXT NOT NULL,
    credit_cents INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('intent', 'pending', 'posted', 'failed', 'returned')),
    gateway_ref TEXT,
    failure_code TEXT,
    made_on TEXT NOT NULL,
    posts_on TEXT,
    autopay INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (household_id, idempotency_key)
);
CREATE INDEX payments_status ON payments (status);

-- Every payment event, append-only (the payment audit trail).
CREATE TABLE payment_events (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL,
    payment_id INTEGER,
    user_id INTEGER,
    event TEXT NOT NULL,
    detail TEXT,
    client_addr TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX payment_events_household ON payment_events (household_id, at);

CREATE TABLE autopay (
    household_id INTEGER PRIMARY KEY REFERENCES households(id),
    method_id INTEGER NOT NULL REFERENCES payment_methods(id),
    enrolled_by INTEGER NOT NULL REFERENCES users(id),
    since TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE autopay_skips (
    statement_id INTEGER PRIMARY KEY REFERENCES premium_bills(id),
    skipped_by INTEGER NOT NULL REFERENCES users(id),
    at INTEGER NOT NULL
);

-- The sandbox gateway's own records (it stands for the processor: a real
-- deployment keeps none of this). Tokens keep the outcome the test number
-- chose and the last four digits, never the number.
CREATE TABLE sandbox_tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    brand TEXT,
    bank_type TEXT,
    last4 TEXT NOT NULL,
    exp_month INTEGER,
    exp_year INTEGER,
    outcome TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE sandbox_charges (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    status TEXT NOT NULL,
    decline_code TEXT,
    created_on TEXT NOT NULL,
    settles_on TEXT,
    returns_on TEXT,
    created_at INTEGER NOT NULL
);
-- Days the sandbox's calendar runs ahead of the plan's (tests move it).
CREATE TABLE sandbox_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    offset_days INTEGER NOT NULL
);
INSERT INTO sandbox_clock (id, offset_days) VALUES (1, 0);
