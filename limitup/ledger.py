"""The money core: account figures that change only through append-only ledger entries.

Every change of base, used, bonus or current writes one ledger entry with the figures before and
after, inside the same BEGIN IMMEDIATE transaction that updates the account row, so the account
always equals what its ledger replays to. Each entry takes the next `seq` of its account; the
account's `version` is that seq, which gives HTTP its ETag and If-Match its version check.
An idempotency key (per user) makes a retried write return the first result instead of applying
twice; the same key with another request is refused.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from limitup import limits
from limitup.clock import iso, utcnow
from limitup.db import write
from limitup.errors import Conflict, LimitupError, NotFound
from limitup.ids import mask_ids_in_text
from limitup.limits import Figures, LimitPolicy

FIGURES = ("base", "used", "bonus", "current")
ACTORS = ("user", "reviewer", "operator", "system")
STAFF_ACTORS = ("reviewer", "operator")


@dataclass
class ChangeResult:
    account: dict
    entry: dict | None       # the ledger entry written (or replayed); None when nothing changed
    replayed: bool = False   # True when an idempotency key returned an earlier result


class StaleVersion(LimitupError):
    code = "version_mismatch"
    status = 412


class OwnAccount(LimitupError):
    """Separation of duties: staff never change their own account's figures."""
    code = "own_account"
    status = 403


class LedgerCorrupt(Exception):
    """The ledger does not replay to the account: a bug or tampering, never user input."""


def open_account(conn, user_id: int, base_fen: int, used_fen: int, policy: LimitPolicy,
                 *, actor: str = "operator", reason: str = "account opened",
                 now: datetime | None = None) -> dict:
    """Create the account row and its first ledger entry (seq 1). Caller holds the transaction."""
    figures = limits.open_figures(base_fen, used_fen, policy)
    stamp = iso(now or utcnow())
    conn.execute(
        "INSERT INTO accounts (user_id, base_fen, used_fen, bonus_fen, current_fen, version,"
        " updated_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
        [user_id, figures.base_fen, figures.used_fen, figures.bonus_fen, figures.current_fen,
         stamp])
    return _append(conn, user_id, 1, "open", actor, None, reason, None, None, None, figures,
                   stamp)


def change(db, user_id: int, *, kind: str, actor: str, reason: str, policy: LimitPolicy,
           mutate: Callable[[Figures, int], Figures], request: dict | None = None,
           actor_id: int | None = None, idempotency_key: str | None = None,
           expected_version: int | None = None, now: datetime | None = None) -> ChangeResult:
    """Apply `mutate(figures, raises_in_window)` to an account, once, and record it.

    `request` describes what was asked (for the idempotency check); `expected_version` is the
    If-Match version (StaleVersion when the account moved on).
    """
    if actor not in ACTORS:
        raise LimitupError(f"unknown actor {actor!r}", code="invalid_actor")
    if actor in STAFF_ACTORS and actor_id is not None and actor_id == user_id:
        raise OwnAccount(f"a {actor} cannot change the figures of their own account: "
                         f"another {actor} must")
    request_hash = _hash_request(kind, request)
    with write(db) as conn:
        # The time is read holding the write lock, so entries are stamped in the order they
        # are written; a wall clock stepped back (NTP) is held at the account's last stamp.
        now = now or _not_before_last(conn, user_id, utcnow())
        if idempotency_key:
            earlier = _entry_for_key(conn, user_id, idempotency_key)
            if earlier is not None:
                if earlier["request_hash"] != request_hash:
                    raise Conflict("this Idempotency-Key was already used for another request",
                                   code="idempotency_key_reused", status=422)
                return ChangeResult(account(db, user_id, policy, now), _public(earlier),
                                    replayed=True)
        before, version = _load(conn, user_id)
        if expected_version is not None and expected_version != version:
            raise StaleVersion(f"the account changed (version {version}, "
                               f"you sent {expected_version}); read it again")
        raises = raises_in_window(conn, user_id, policy, now)
        after = mutate(before, raises)
        if after == before:
            return ChangeResult(account(db, user_id, policy, now), None)
        entry = _append(conn, user_id, version + 1, _kind(kind, before, after), actor, actor_id,
                        reason, idempotency_key, request_hash, before, after, iso(now))
        updated = conn.execute(
            "UPDATE accounts SET base_fen = ?, used_fen = ?, bonus_fen = ?, current_fen = ?,"
            " version = ?, updated_at = ? WHERE user_id = ? AND version = ?",
            [after.base_fen, after.used_fen, after.bonus_fen, after.current_fen, version + 1,
             iso(now), user_id, version]).rowcount
        if updated != 1:  # cannot happen under BEGIN IMMEDIATE; refuse rather than lose an update
            raise StaleVersion("the account changed during the update; try again")
        return ChangeResult(account(db, user_id, policy, now), entry)


def set_current(db, user_id: int, current_fen: int, *, policy: LimitPolicy, actor: str = "user",
                **options) -> ChangeResult:
    return change(db, user_id, kind="current", actor=actor, policy=policy,
                  reason=options.pop("reason", "limit changed by the user"),
                  request={"current_fen": current_fen},
                  mutate=lambda f, raises: limits.with_current(f, current_fen, policy, raises),
                  **options)


def set_base(db, user_id: int, base_fen: int, *, policy: LimitPolicy, actor: str = "operator",
             **options) -> ChangeResult:
    return change(db, user_id, kind="base", actor=actor, policy=policy,
                  reason=options.pop("reason", "base limit set"), request={"base_fen": base_fen},
                  mutate=lambda f, _: limits.with_base(f, base_fen, policy), **options)


def set_used(db, user_id: int, used_fen: int, *, policy: LimitPolicy, actor: str = "operator",
             **options) -> ChangeResult:
    return change(db, user_id, kind="used", actor=actor, policy=policy,
                  reason=options.pop("reason", "outstanding balance reported"),
                  request={"used_fen": used_fen},
                  mutate=lambda f, _: limits.with_used(f, used_fen, policy), **options)


def set_bonus(db, user_id: int, bonus_fen: int, *, policy: LimitPolicy, actor: str = "system",
              **options) -> ChangeResult:
    return change(db, user_id, kind="bonus", actor=actor, policy=policy,
                  reason=options.pop("reason", "credential bonus recomputed"),
                  request={"bonus_fen": bonus_fen},
                  mutate=lambda f, _: limits.with_bonus(f, bonus_fen, policy), **options)


def account(db, user_id: int, policy: LimitPolicy, now: datetime | None = None) -> dict:
    """The account's figures in fen, with the derived bounds and the raises left."""
    figures, version = _load(db.conn, user_id)
    low, high = limits.selectable_range(figures, policy)
    raises = raises_in_window(db.conn, user_id, policy, now or utcnow())
    return {
        "base_fen": figures.base_fen, "used_fen": figures.used_fen,
        "bonus_fen": figures.bonus_fen, "ceiling_fen": figures.ceiling_fen,
        "floor_fen": limits.floor_fen(figures, policy), "current_fen": figures.current_fen,
        "step_fen": policy.step_fen, "min_selectable_fen": low, "max_selectable_fen": high,
        "raises_left": max(0, policy.raise_quota - raises), "version": version,
    }


def entries(db, user_id: int, *, limit: int = 50, before_seq: int | None = None) -> list[dict]:
    """Ledger entries, newest first; page with before_seq."""
    sql = "SELECT * FROM ledger WHERE user_id = ?"
    params: list = [user_id]
    if before_seq is not None:
        sql += " AND seq < ?"
        params.append(before_seq)
    sql += " ORDER BY seq DESC LIMIT ?"
    params.append(limit)
    return [_public(row) for row in db.query(sql, params)]


def replay(entries_oldest_first: list[dict]) -> Figures:
    """Fold a ledger into figures, checking that every entry starts where the last one ended."""
    figures = None
    for expected_seq, entry in enumerate(entries_oldest_first, start=1):
        if entry["seq"] != expected_seq:
            raise LedgerCorrupt(f"ledger seq {entry['seq']} where {expected_seq} was expected")
        if figures is not None:
            before = Figures(*(entry[f"{name}_before"] for name in FIGURES))
            if before != figures:
                raise LedgerCorrupt(f"entry {entry['seq']} does not start where the last ended")
        figures = Figures(*(entry[f"{name}_after"] for name in FIGURES))
        if entry["ceiling_after"] != figures.ceiling_fen:
            raise LedgerCorrupt(f"entry {entry['seq']}: ceiling is not base + bonus")
    if figures is None:
        raise LedgerCorrupt("empty ledger")
    return figures


def verify_account(db, user_id: int) -> Figures:
    """Replay the whole ledger and compare it with the account row (LedgerCorrupt if not equal)."""
    rows = [dict(r) for r in db.query("SELECT * FROM ledger WHERE user_id = ? ORDER BY seq",
                                      [user_id])]
    replayed = replay(rows)
    stored, version = _load(db.conn, user_id)
    if replayed != stored or version != rows[-1]["seq"]:
        raise LedgerCorrupt(f"account {user_id} does not equal its ledger replay")
    return stored


def raises_in_window(conn, user_id: int, policy: LimitPolicy, now: datetime) -> int:
    since = iso(limits.raise_window_start(now, policy))
    return conn.execute("SELECT count(*) FROM ledger WHERE user_id = ? AND kind = 'raise'"
                        " AND created_at > ?", [user_id, since]).fetchone()[0]


def _load(conn, user_id: int) -> tuple[Figures, int]:
    row = conn.execute("SELECT base_fen, used_fen, bonus_fen, current_fen, version FROM accounts"
                       " WHERE user_id = ?", [user_id]).fetchone()
    if row is None:
        raise NotFound(f"no account for user {user_id}")
    return Figures(*row[:4]), row[4]


def _not_before_last(conn, user_id: int, now: datetime) -> datetime:
    row = conn.execute("SELECT created_at FROM ledger WHERE user_id = ? ORDER BY seq DESC"
                       " LIMIT 1", [user_id]).fetchone()
    if row is not None and row[0] > iso(now):
        return datetime.fromisoformat(row[0].replace("Z", "+00:00"))
    return now


def _kind(kind: str, before: Figures, after: Figures) -> str:
    if kind == "current":
        return "raise" if after.current_fen > before.current_fen else "lower"
    return kind


def _append(conn, user_id, seq, kind, actor, actor_id, reason, key, request_hash,
            before: Figures | None, after: Figures, stamp: str) -> dict:
    row = {"user_id": user_id, "seq": seq, "kind": kind, "actor": actor, "actor_id": actor_id,
           "reason": mask_ids_in_text(reason) if reason else reason, "idempotency_key": key, "request_hash": request_hash,
           "created_at": stamp}
    for name in FIGURES:
        row[f"{name}_before"] = getattr(before, f"{name}_fen") if before else None
        row[f"{name}_after"] = getattr(after, f"{name}_fen")
    row["ceiling_before"] = before.ceiling_fen if before else None
    row["ceiling_after"] = after.ceiling_fen
    columns = ", ".join(row)
    cursor = conn.execute(
        f"INSERT INTO ledger ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    return _public({"id": cursor.lastrowid, **row})


def _entry_for_key(conn, user_id: int, key: str) -> dict | None:
    cursor = conn.execute("SELECT * FROM ledger WHERE user_id = ? AND idempotency_key = ?",
                          [user_id, key])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row))


def _hash_request(kind: str, request: dict | None) -> str:
    body = json.dumps({"kind": kind, "request": request}, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def _public(row) -> dict:
    entry = dict(row)
    entry.pop("request_hash", None)
    return entry


__all__ = ["ChangeResult", "StaleVersion", "OwnAccount", "LedgerCorrupt", "open_account", "change",
           "set_current", "set_base", "set_used", "set_bonus", "account", "entries", "replay",
           "verify_account", "raises_in_window"]
