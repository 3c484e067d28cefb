-- The JSON API (issue 5): Idempotency-Key records and the embedded job queue's leases.

-- One row per (user, key). 'in_flight' while the first request runs, under a lease: a request
-- that died (process killed) leaves a lease that expires, and the key can then be retried.
-- 'done' keeps the first response (status, headers that matter, body) to replay it.
-- Times are Unix seconds (REAL) so leases compare without parsing.
CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL,
    key          TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,           -- sha256 of method, path, query and body
    state        TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
    owner        TEXT NOT NULL,           -- random token of the request holding the lease
    lease_until  REAL NOT NULL,
    status       INTEGER,
    headers      TEXT,                    -- JSON object
    body         BLOB,
    created_at   REAL NOT NULL,
    expires_at   REAL NOT NULL,           -- after this the key may be reused for anything
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Embedded processing (limitup/jobs/embedded.py): a credential that is queued or processing is
-- work; a processor claims it by taking a lease here (atomic under BEGIN IMMEDIATE). A claim
-- whose lease expired (the processor died) is taken again; attempts are bounded.
CREATE TABLE job_leases (
    credential_id  INTEGER PRIMARY KEY REFERENCES credentials (id),
    owner          TEXT,
    lease_until    REAL NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    done           INTEGER NOT NULL DEFAULT 0,
    updated_at     REAL NOT NULL
);
