-- Plans and costs: the plan catalogue's details (type, metal tier, premiums and
-- the cost-sharing design, as the JSON of portal_domain::plans::Plan) and plan
-- changes made in open enrollment or after a qualifying life event.
-- (0004 is reserved for the security work on another branch.)

CREATE TABLE plan_details (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id),
    offered INTEGER NOT NULL DEFAULT 1, -- 1: in the catalogue members may choose from
    details_json TEXT NOT NULL
);

CREATE TABLE plan_changes (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    from_plan_id TEXT NOT NULL REFERENCES plans(id),
    to_plan_id TEXT NOT NULL REFERENCES plans(id),
    effective TEXT NOT NULL,      -- first day of the new coverage
    reason TEXT NOT NULL,         -- 'open_enrollment' or a life event code
    event_date TEXT,
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER          -- a later change replaces an earlier one
);
CREATE INDEX plan_changes_household ON plan_changes (household_id, created_at);
