-- Credentials (SPEC 3), their status transitions (append-only), and issuer rosters.
-- No ID number is stored in clear: the holder's printed ID only as a keyed hash and a mask;
-- OCR text with ID numbers masked; the recognition JSON without the printed ID.

CREATE TABLE credentials (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'verified',
                        'needs_review', 'rejected', 'expired', 'withdrawn', 'revoked')),
    type            TEXT,                 -- catalogue id; NULL until read or when not recognised
    holder_name     TEXT,                 -- as printed
    holder_key      TEXT,                 -- normalised, for matching (number-less certificates)
    cert_number     TEXT,                 -- normalised (upper case, no spaces); never an ID number
    issue_date      TEXT,                 -- ISO date
    level           TEXT,
    score           REAL,
    issuer          TEXT,                 -- for certificates without a number: type+holder+issuer+year
    year            INTEGER,
    holder_id_hash  TEXT,                 -- HMAC of the printed ID number
    holder_id_mask  TEXT,
    image_name      TEXT,                 -- random name under the images directory
    image_phash     TEXT,
    image_sha256    TEXT,
    edit_signals    TEXT NOT NULL DEFAULT '[]',   -- JSON list
    ocr_text        TEXT,                 -- ID numbers masked
    recognition     TEXT,                 -- JSON, without the printed ID number
    reasons         TEXT NOT NULL DEFAULT '[]',   -- JSON list of reason codes
    bonus_fen       INTEGER NOT NULL DEFAULT 0 CHECK (bonus_fen >= 0),  -- contribution after stacking
    explanation     TEXT,                 -- JSON: this credential's scoring line
    expires_on      TEXT,                 -- ISO date validity ends (exclusive); NULL: no expiry
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX credentials_user_status ON credentials (user_id, status);
CREATE INDEX credentials_type_number ON credentials (type, cert_number);
CREATE INDEX credentials_status_expiry ON credentials (status, expires_on);

CREATE TABLE credential_transitions (
    id              INTEGER PRIMARY KEY,
    credential_id   INTEGER NOT NULL REFERENCES credentials (id),
    from_status     TEXT,                 -- NULL for the creation
    to_status       TEXT NOT NULL,
    actor           TEXT NOT NULL CHECK (actor IN ('user', 'reviewer', 'operator', 'system')),
    actor_id        INTEGER,
    note            TEXT,                 -- why: reason codes, the reviewer's note, ...
    at              TEXT NOT NULL
);
CREATE INDEX credential_transitions_credential ON credential_transitions (credential_id, id);

CREATE TRIGGER credential_transitions_no_update BEFORE UPDATE ON credential_transitions
BEGIN
    SELECT RAISE(ABORT, 'credential transitions are append-only: entries cannot be changed');
END;

CREATE TRIGGER credential_transitions_no_delete BEFORE DELETE ON credential_transitions
BEGIN
    SELECT RAISE(ABORT, 'credential transitions are append-only: entries cannot be deleted');
END;

-- An issuer's published list (e.g. a scholarship list), imported with `limitup rosters import`.
CREATE TABLE roster_entries (
    id                INTEGER PRIMARY KEY,
    type              TEXT NOT NULL,
    cert_number       TEXT,               -- normalised
    holder_name_hash  TEXT,               -- HMAC of the normalised holder name
    year              INTEGER,
    source_file       TEXT NOT NULL,
    imported_at       TEXT NOT NULL,
    CHECK (cert_number IS NOT NULL OR holder_name_hash IS NOT NULL)
);
CREATE INDEX roster_entries_type_number ON roster_entries (type, cert_number);
CREATE INDEX roster_entries_type_holder ON roster_entries (type, holder_name_hash, year);
