"""Retention of stored images (SPEC 7) and the audit log of privacy-relevant actions.

A stored image is deleted RETENTION_DAYS (default 90) after the credential's **last status
change** — the system's decision, a reviewer's decision, or a later withdrawal, revocation or
expiry — never while a review is open (queued, processing, needs_review). The decision is the
moment the photo stops being needed as evidence for something still being decided; counting from
the upload instead would delete photos a reviewer has not looked at yet (a review can sit for
weeks) or only just decided. What is kept after the purge: the credential row (fields, masked ID,
keyed ID hash, perceptual hash and SHA-256 for duplicate checks, masked OCR text), its
transitions and the ledger; `image_name` becomes NULL and `image_deleted_at` is set.

Order of a deletion: the database first (image_name NULL + audit row, one transaction), then the
file. A crash in between leaves a file no credential names; the next purge removes such orphans
once they are older than ORPHAN_GRACE (a file is written just before its credential is
committed, so a young unreferenced file may be an upload in progress). Running purge twice
deletes nothing the second time: it is idempotent.
"""
from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta
from pathlib import Path

from limitup.clock import iso, utcnow
from limitup.db import write
from limitup.ingest.storage import is_stored_name, stored_path

OPEN_STATUSES = ("queued", "processing", "needs_review")
ORPHAN_GRACE = timedelta(days=1)


# --- audit log ---------------------------------------------------------------------------------

def audit(conn, action: str, *, actor: str, actor_id: int | None = None,
          credential_id: int | None = None, details: dict | None = None,
          now: datetime | None = None) -> int:
    """Append one audit row (inside the caller's transaction). Never put an ID number in it."""
    return conn.execute(
        "INSERT INTO audit_log (at, actor, actor_id, action, credential_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [iso(now or utcnow()), actor, actor_id, action, credential_id,
         json.dumps(details or {}, ensure_ascii=False, sort_keys=True)]).lastrowid


def audit_entries(db, *, action: str | None = None, credential_id: int | None = None) -> list:
    sql, params = "SELECT * FROM audit_log WHERE 1 = 1", []
    if action:
        sql += " AND action = ?"
        params.append(action)
    if credential_id is not None:
        sql += " AND credential_id = ?"
        params.append(credential_id)
    rows = [dict(row) for row in db.query(sql + " ORDER BY id", params)]
    for row in rows:
        row["details"] = json.loads(row["details"])
    return rows


# --- purge -------------------------------------------------------------------------------------

def due(db, days: int, now: datetime | None = None) -> list[dict]:
    """Credentials whose image is past retention: {credential_id, status, image_name, since}."""
    cutoff = iso((now or utcnow()) - timedelta(days=days))
    marks = ", ".join("?" * len(OPEN_STATUSES))
    return [dict(row) for row in db.query(
        "SELECT c.id AS credential_id, c.user_id, c.status, c.image_name,"
        " COALESCE((SELECT max(t.at) FROM credential_transitions t"
        "           WHERE t.credential_id = c.id), c.created_at) AS since"
        f" FROM credentials c WHERE c.image_name IS NOT NULL AND c.status NOT IN ({marks})"
        " AND since < ? ORDER BY c.id", [*OPEN_STATUSES, cutoff])]


def purge(db, images_dir, days: int, *, dry_run: bool = False, actor: str = "operator",
          actor_id: int | None = None, now: datetime | None = None) -> dict:
    """Delete images past retention (and old orphans); what was (or would be) deleted."""
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    now = now or utcnow()
    run = secrets.token_hex(6)
    deleted = []
    for item in due(db, days, now):
        if dry_run:
            deleted.append({**item, "deleted": False})
            continue
        if _forget_image(db, item, days, run, actor, actor_id, now):
            stored_path(images_dir, item["image_name"]).unlink(missing_ok=True)
            deleted.append({**item, "deleted": True})
    orphans = _orphans(db, images_dir, now)
    if not dry_run:
        for path in orphans:
            path.unlink(missing_ok=True)
        if orphans:
            with write(db) as conn:
                audit(conn, "orphan_images_purged", actor=actor, actor_id=actor_id, now=now,
                      details={"run": run, "files": [p.name for p in orphans]})
    return {"run": run, "retention_days": days, "dry_run": dry_run, "images": deleted,
            "orphans": [p.name for p in orphans]}


def _forget_image(db, item: dict, days: int, run: str, actor: str, actor_id, now) -> bool:
    """NULL the credential's image and audit it, if it is still due (re-read under the lock)."""
    marks = ", ".join("?" * len(OPEN_STATUSES))
    with write(db) as conn:
        changed = conn.execute(
            "UPDATE credentials SET image_name = NULL, image_deleted_at = ? WHERE id = ?"
            f" AND image_name = ? AND status NOT IN ({marks})",
            [iso(now), item["credential_id"], item["image_name"], *OPEN_STATUSES]).rowcount
        if changed:
            audit(conn, "image_purged", actor=actor, actor_id=actor_id,
                  credential_id=item["credential_id"], now=now,
                  details={"run": run, "image_name": item["image_name"],
                           "status": item["status"], "since": item["since"],
                           "retention_days": days})
    return bool(changed)


def _orphans(db, images_dir, now: datetime) -> list[Path]:
    """Stored-image files no credential names, older than ORPHAN_GRACE."""
    directory = Path(images_dir)
    if not directory.is_dir():
        return []
    named = {row["image_name"] for row in db.query(
        "SELECT image_name FROM credentials WHERE image_name IS NOT NULL")}
    oldest = now.timestamp() - ORPHAN_GRACE.total_seconds()
    found = []
    for path in sorted(directory.iterdir()):
        if not is_stored_name(path.name) or path.name in named:
            continue
        try:
            if path.stat().st_mtime < oldest:
                found.append(path)
        except FileNotFoundError:
            continue
    return found
