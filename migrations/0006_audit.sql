-- Privacy, retention and crash safety (issue 8).

-- An append-only record of actions that are not credential transitions or ledger entries:
-- images deleted by `limitup purge` (what, whose, why), and who ran it. Never an ID number.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,                 -- ISO time, UTC
    actor         TEXT NOT NULL CHECK (actor IN ('user', 'reviewer', 'operator', 'system')),
    actor_id      INTEGER,
    action        TEXT NOT NULL,                 -- e.g. 'image_purged'
    credential_id INTEGER REFERENCES credentials (id),
    details       TEXT NOT NULL DEFAULT '{}'     -- JSON: file name, age, retention, run id
);
CREATE INDEX audit_log_credential ON audit_log (credential_id, id);
CREATE INDEX audit_log_action_time ON audit_log (action, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;

-- When the stored image was deleted by the retention purge (image_name is then NULL).
ALTER TABLE credentials ADD COLUMN image_deleted_at TEXT;

-- The Idempotency-Key (API, "api:<key>") or form token (web, "web:<token>") an upload came with,
-- written in the same transaction as the credential: a retry after a crash that lost the
-- idempotency record finds this credential instead of making a second one.
ALTER TABLE credentials ADD COLUMN upload_key TEXT;
CREATE INDEX credentials_upload_key ON credentials (user_id, upload_key);
