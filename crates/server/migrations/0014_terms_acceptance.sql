-- Registration records which terms of service and privacy notice the member
-- accepted, and when (issue 11).
ALTER TABLE users ADD COLUMN terms_version TEXT;
ALTER TABLE users ADD COLUMN privacy_version TEXT;
ALTER TABLE users ADD COLUMN terms_accepted_at INTEGER;
