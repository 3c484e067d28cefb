-- The Redis queue (issue 7, limitup/jobs/redis_queue.py): one row per job sent to the workers.
-- A credential may have several jobs (a job lost from Redis is sent again); the first result
-- applied decides it, the others are recorded as 'superseded'. `applied_at` is set in the same
-- transaction as the decision, so a result the queue delivers twice is applied once.
-- Times are Unix seconds (REAL).
CREATE TABLE queue_jobs (
    job_id         TEXT PRIMARY KEY,              -- also the Dramatiq message id
    credential_id  INTEGER NOT NULL REFERENCES credentials (id),
    enqueued_at    REAL NOT NULL,
    applied_at     REAL,
    outcome        TEXT CHECK (outcome IN ('applied', 'dead_letter', 'superseded')),
    reason         TEXT,                          -- why a job was dead-lettered
    worker         TEXT,                          -- the worker whose result was applied
    attempt        INTEGER                        -- which run of the job produced it
);
CREATE INDEX queue_jobs_credential ON queue_jobs (credential_id);
CREATE INDEX queue_jobs_open ON queue_jobs (applied_at, enqueued_at);
