-- Users, their accounts' figures, and the append-only ledger of every change (SPEC 5).

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    id_hash     TEXT NOT NULL,          -- HMAC of the ID number: matching without the number
    id_mask     TEXT NOT NULL,          -- 110101********1234, for display
    role        TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'reviewer', 'operator')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX users_id_hash ON users (id_hash);

-- The figures now. Always equal to what the account's ledger replays to.
-- ceiling = base + bonus and floor = max(min_limit, used) are derived, not stored.
CREATE TABLE accounts (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id),
    base_fen    INTEGER NOT NULL CHECK (base_fen >= 0),
    used_fen    INTEGER NOT NULL CHECK (used_fen >= 0),
    bonus_fen   INTEGER NOT NULL CHECK (bonus_fen >= 0),
    current_fen INTEGER NOT NULL CHECK (current_fen >= 0),
    version     INTEGER NOT NULL,       -- = seq of the latest ledger entry (ETag, version check)
    updated_at  TEXT NOT NULL
);

CREATE TABLE ledger (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    seq              INTEGER NOT NULL,  -- 1, 2, 3... per account; a lost update would collide
    kind             TEXT NOT NULL,     -- open, base, used, bonus, raise, lower
    actor            TEXT NOT NULL CHECK (actor IN ('user', 'reviewer', 'operator', 'system')),
    actor_id         INTEGER,
    reason           TEXT NOT NULL,
    idempotency_key  TEXT,
    request_hash     TEXT,              -- what the key was first used for
    base_before      INTEGER, base_after     INTEGER NOT NULL,
    used_before      INTEGER, used_after     INTEGER NOT NULL,
    bonus_before     INTEGER, bonus_after    INTEGER NOT NULL,
    ceiling_before   INTEGER, ceiling_after  INTEGER NOT NULL,
    current_before   INTEGER, current_after  INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (user_id, seq),
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX ledger_user_kind_time ON ledger (user_id, kind, created_at);

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: entries cannot be changed');
END;

CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: entries cannot be deleted');
END;
