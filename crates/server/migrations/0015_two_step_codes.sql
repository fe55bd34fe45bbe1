-- Two-step verification by a code sent by text message or email (issue 11),
-- besides the authenticator app. A sent code is stored only as SHA-256 bound
-- to its account (set-up, switching off) or to its pending sign-in, with an
-- expiry; it is cleared when used.
ALTER TABLE totp_secrets ADD COLUMN method TEXT NOT NULL DEFAULT 'app'
    CHECK (method IN ('app', 'sms', 'email'));
-- Where sent codes go: E.164 phone or email (also the contact on file).
ALTER TABLE totp_secrets ADD COLUMN destination TEXT;
ALTER TABLE totp_secrets ADD COLUMN code_hash TEXT;
ALTER TABLE totp_secrets ADD COLUMN code_expires_at INTEGER;
ALTER TABLE totp_secrets ADD COLUMN code_attempts INTEGER NOT NULL DEFAULT 0;

ALTER TABLE pending_sign_ins ADD COLUMN code_hash TEXT;
ALTER TABLE pending_sign_ins ADD COLUMN code_sent_at INTEGER;
ALTER TABLE pending_sign_ins ADD COLUMN sends INTEGER NOT NULL DEFAULT 0;
