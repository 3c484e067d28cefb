"""Stored credentials: the status machine, its append-only transitions, the review queue, and the
account's bonus recomputed from verified credentials and written through the ledger.

    queued -> processing -> verified | needs_review | rejected
    needs_review -> verified | rejected               (reviewer)
    verified -> expired (system) | withdrawn (user) | revoked (reviewer)

Every move writes a credential_transitions row (who, when, why) in the same transaction as the
status change and, when the bonus changes, the ledger entry.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from limitup import ledger
from limitup.clock import iso, utcnow
from limitup.db import write
from limitup.errors import Conflict, LimitupError, NotFound
from limitup.credential_view import nothing_identifying_read, view
from limitup.ids import mask_ids_in_text
from limitup.scoring import score

ALLOWED = {
    (None, "queued"): {"system", "user"},
    ("queued", "processing"): {"system"},
    ("processing", "verified"): {"system"},
    ("processing", "needs_review"): {"system"},
    ("processing", "rejected"): {"system"},
    ("needs_review", "verified"): {"reviewer"},
    ("needs_review", "rejected"): {"reviewer"},
    ("verified", "expired"): {"system"},
    ("verified", "withdrawn"): {"user"},
    ("verified", "revoked"): {"reviewer"},
}
JSON_COLUMNS = ("edit_signals", "reasons", "recognition", "explanation", "name_check")
# Columns holding text read from the upload (OCR, metadata) or written by people: each goes
# through ids.mask_ids_in_text on its way in (SPEC 7). Not the hashes and names made here (a
# 64-hex sha256 can hold 18 decimal digits in a row, and must stay what it is).
FREE_TEXT_COLUMNS = ("ocr_text", "edit_signals", "recognition", "explanation", "holder_name",
                     "issuer", "type_hint", "name_check")
REVIEW_ACTORS = ("reviewer",)


class OwnCredential(LimitupError):
    """Separation of duties: a reviewer never decides a credential of their own account."""
    code = "own_credential"
    status = 403


def _now(now: datetime | None) -> str:
    return iso(now or utcnow())


def insert(conn, user_id: int, *, actor: str = "user", actor_id: int | None = None,
           now: datetime | None = None, **columns) -> int:
    """A new credential, status queued, with its first transition."""
    stamp = _now(now)
    row = {"user_id": user_id, "status": "queued", "created_at": stamp, "updated_at": stamp}
    row.update(_stored(columns))
    names = ", ".join(row)
    credential_id = conn.execute(f"INSERT INTO credentials ({names}) VALUES "
                                 f"({', '.join('?' * len(row))})", list(row.values())).lastrowid
    _record(conn, credential_id, None, "queued", actor, actor_id, "uploaded", stamp)
    return credential_id


def move(conn, credential_id: int, to_status: str, *, actor: str, actor_id: int | None = None,
         note: str | None = None, now: datetime | None = None, expect: tuple = ()) -> str:
    """Change the status if the machine allows it; return the previous status.

    `expect`: the statuses the caller read (Conflict when another writer moved it meanwhile).
    """
    row = conn.execute("SELECT status FROM credentials WHERE id = ?", [credential_id]).fetchone()
    if row is None:
        raise NotFound(f"no credential {credential_id}")
    from_status = row[0]
    if expect and from_status not in expect:
        raise Conflict(f"credential {credential_id} is {from_status}", code="wrong_status")
    actors = ALLOWED.get((from_status, to_status))
    if actors is None:
        raise Conflict(f"credential {credential_id} is {from_status}; it cannot become "
                       f"{to_status}", code="wrong_status")
    if actor not in actors:
        raise LimitupError(f"a {actor} cannot move a credential from {from_status} to "
                           f"{to_status}", code="forbidden", status=403)
    stamp = _now(now)
    conn.execute("UPDATE credentials SET status = ?, updated_at = ? WHERE id = ?",
                 [to_status, stamp, credential_id])
    _record(conn, credential_id, from_status, to_status, actor, actor_id, note, stamp)
    return from_status


def update(conn, credential_id: int, now: datetime | None = None, **columns) -> None:
    sets = _stored(columns)
    sets["updated_at"] = _now(now)
    conn.execute(f"UPDATE credentials SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                 list(sets.values()) + [credential_id])


def _stored(columns: dict) -> dict:
    """Column values as written: JSON columns as JSON text, free text with ID numbers masked."""
    stored = {}
    for name, value in columns.items():
        if name in JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False)
        if name in FREE_TEXT_COLUMNS and isinstance(value, str):
            value = mask_ids_in_text(value)
        stored[name] = value
    return stored


def _record(conn, credential_id, from_status, to_status, actor, actor_id, note, stamp) -> None:
    note = mask_ids_in_text(note) if note else note     # a reviewer may type what they read
    conn.execute("INSERT INTO credential_transitions (credential_id, from_status, to_status,"
                 " actor, actor_id, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 [credential_id, from_status, to_status, actor, actor_id, note, stamp])


def get(db, credential_id: int) -> dict:
    rows = list(db.query("SELECT * FROM credentials WHERE id = ?", [credential_id]))
    if not rows:
        raise NotFound(f"no credential {credential_id}")
    return _decode(rows[0])


def _decode(row: dict) -> dict:
    for name in JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    return row


UPLOAD_KEY_DAYS = 1          # as long as the API keeps an Idempotency-Key (24 h)


def by_upload_key(conn, user_id: int, upload_key: str, image_sha256: str) -> int | None:
    """The credential a recent upload with this key made, or None.

    The same key with another image is the key reused for another request: refused (422).
    """
    row = conn.execute(
        "SELECT id, image_sha256 FROM credentials WHERE user_id = ? AND upload_key = ?"
        " AND created_at > ? ORDER BY id LIMIT 1",
        [user_id, upload_key, iso(utcnow() - timedelta(days=UPLOAD_KEY_DAYS))]).fetchone()
    if row is None:
        return None
    if row[1] != image_sha256:
        raise Conflict("this Idempotency-Key was already used for another upload",
                       code="idempotency_key_reused", status=422)
    return row[0]


def list_for_user(db, user_id: int, statuses: tuple = ()) -> list[dict]:
    sql, params = "SELECT * FROM credentials WHERE user_id = ?", [user_id]
    if statuses:
        sql += f" AND status IN ({', '.join('?' * len(statuses))})"
        params += list(statuses)
    return [_decode(dict(row)) for row in db.query(sql + " ORDER BY id", params)]


def transitions(db, credential_id: int) -> list[dict]:
    return [dict(row) for row in db.query(
        "SELECT from_status, to_status, actor, actor_id, note, at FROM credential_transitions"
        " WHERE credential_id = ? ORDER BY id", [credential_id])]


# --- bonus -------------------------------------------------------------------------------------

def rescore(db, user_id: int, rules, *, actor: str = "system", actor_id: int | None = None,
            reason: str = "credential bonus recomputed", now: datetime | None = None) -> dict:
    """Recompute the account's bonus from its verified credentials; ledger entry only on change.

    Joins the caller's write transaction when there is one. Returns the account.
    """
    with write(db) as conn:
        verified = list_for_user(db, user_id, ("verified",))
        bonus = score(verified, rules)
        lines = {line["credential_id"]: line for line in bonus.lines}
        for credential in verified:
            line = lines[credential["id"]]
            if credential["bonus_fen"] != line["amount_fen"] or credential["explanation"] != line:
                update(conn, credential["id"], now=now, bonus_fen=line["amount_fen"],
                       explanation=line)
        conn.execute("UPDATE credentials SET bonus_fen = 0 WHERE user_id = ? AND status != "
                     "'verified' AND bonus_fen != 0", [user_id])
        result = ledger.set_bonus(db, user_id, bonus.total_fen, policy=rules.limits, actor=actor,
                                  actor_id=actor_id, reason=reason, now=now)
        return result.account


def explain(db, user_id: int, rules) -> dict:
    """The account's bonus, line by line (data and text)."""
    bonus = score(list_for_user(db, user_id, ("verified",)), rules)
    return {**bonus.as_data(), "text": bonus.text()}


# --- review queue and user/reviewer/system moves -----------------------------------------------

def review_queue(db) -> list[dict]:
    """Held credentials, oldest first, in one query: each the whole stored row (JSON columns
    decoded, as `get` returns it) plus `account_name` (the owner's verified name, None when the
    user row is missing).

    Whole rows, because the callers need more than the credential view (the web page draws the
    photo from image_name and recognition); with the owner's name joined in, a caller needs no
    query per item. The row holds hashes and file names: pass it through the credential view
    (limitup.credential_view) before showing it.
    """
    rows = db.query("SELECT credentials.*, users.name AS account_name FROM credentials"
                    " LEFT JOIN users ON users.id = credentials.user_id"
                    " WHERE credentials.status = 'needs_review' ORDER BY credentials.id")
    return [_decode(dict(row)) for row in rows]


def _move_and_rescore(db, credential_id: int, to_status: str, rules, *, actor: str,
                      actor_id=None, note=None, expect=(), now=None, check=None) -> dict:
    """`check(row)`: a caller's rule on the stored row, run inside the write transaction before
    the move (so it judges the row as it is when the move happens)."""
    with write(db) as conn:
        if actor in REVIEW_ACTORS or check is not None:
            current = get(db, credential_id)
            if actor in REVIEW_ACTORS and actor_id is not None \
                    and current["user_id"] == actor_id:
                raise OwnCredential(f"credential {credential_id} is on your own account: "
                                    f"another reviewer must decide it")
            if check is not None:
                check(current)
        move(conn, credential_id, to_status, actor=actor, actor_id=actor_id, note=note,
             expect=expect, now=now)
        row = get(db, credential_id)
        reason = f"credential #{credential_id} ({row['type']}) {to_status}"
        if note:
            reason += f": {note}"
        account = rescore(db, row["user_id"], rules, actor=actor, actor_id=actor_id,
                          reason=reason, now=now)
        return {**view(get(db, credential_id)), "account": account}


def approve(db, credential_id: int, rules, *, reviewer_id=None, note: str,
            identity_note: str | None = None, now=None) -> dict:
    """Verify a held credential. When nothing identifying was read (nothing_identifying_read),
    `identity_note` must say how the reviewer knows it is the account holder's (checked with
    the issuer, a roster, a call): its bonus would otherwise rest on a photo of anyone's
    certificate. The identity note is kept with the decision's note."""
    _need_note(note)
    identity_note = (identity_note or "").strip()

    def identified(row):
        if nothing_identifying_read(row) and not identity_note:
            raise LimitupError("nothing identifying was read on this credential (no name, no "
                               "certificate number, no ID number): say how you know it is the "
                               "account holder's (identity_note)",
                               code="identity_note_required")
    if identity_note:
        note = f"{note.strip()} | identity: {identity_note}"
    return _move_and_rescore(db, credential_id, "verified", rules, actor="reviewer",
                             actor_id=reviewer_id, note=note, expect=("needs_review",), now=now,
                             check=identified)


def reject(db, credential_id: int, rules, *, reviewer_id=None, note: str, now=None) -> dict:
    _need_note(note)
    return _move_and_rescore(db, credential_id, "rejected", rules, actor="reviewer",
                             actor_id=reviewer_id, note=note, expect=("needs_review",), now=now)


def revoke(db, credential_id: int, rules, *, reviewer_id=None, note: str, now=None) -> dict:
    _need_note(note)
    return _move_and_rescore(db, credential_id, "revoked", rules, actor="reviewer",
                             actor_id=reviewer_id, note=note, expect=("verified",), now=now)


def withdraw(db, credential_id: int, rules, *, user_id: int | None = None, now=None) -> dict:
    """The owner takes a verified credential back; its bonus leaves the ceiling."""
    if user_id is not None and get(db, credential_id)["user_id"] != user_id:
        raise NotFound(f"no credential {credential_id}")
    return _move_and_rescore(db, credential_id, "withdrawn", rules, actor="user",
                             actor_id=user_id, note="withdrawn by the user",
                             expect=("verified",), now=now)


def sweep(db, rules, today: date, now=None) -> list[dict]:
    """Expire verified credentials whose validity ended on or before `today`."""
    due = [dict(row) for row in db.query(
        "SELECT id, user_id FROM credentials WHERE status = 'verified' AND expires_on IS NOT NULL"
        " AND expires_on <= ? ORDER BY id", [today.isoformat()])]
    done = []
    for row in due:
        try:
            done.append(_move_and_rescore(db, row["id"], "expired", rules, actor="system",
                                          note=f"validity ended (swept on {today.isoformat()})",
                                          expect=("verified",), now=now))
        except Conflict:
            continue  # moved by someone else meanwhile
    return done


def _need_note(note) -> None:
    if not (note or "").strip():
        raise LimitupError("a review decision needs a note saying why", code="note_required")
