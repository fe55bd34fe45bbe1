-- Alerts sent by email or text (issue 11): each alert once per channel.
CREATE TABLE alert_deliveries (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    alert_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, alert_key, channel)
);

-- Consent to text messages: the number, the words agreed to (and their
-- version), when, and from which address.
CREATE TABLE sms_consents (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    consent_text TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    client_addr TEXT
);
CREATE INDEX sms_consents_user ON sms_consents (user_id);
