"""`limitup purge`: images past retention (counted from the last status change) are deleted,
open reviews keep theirs, every deletion is audited, a second run deletes nothing, a dry run
deletes nothing, orphaned files (a crash between commit and unlink) are cleaned once old."""
from __future__ import annotations

import json
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest

from limitup import credentials, retention
from limitup.clock import utcnow
from limitup.db import write
from limitup.ingest import ingest, store_image
from tests.fixtures import run_cli
from tests.hostile import corpus

NOW = utcnow()
DAY = timedelta(days=1)


@pytest.fixture
def stored(app, db, new_user):
    """make(status, created_days_ago, decided_days_ago) -> credential id, with a real image."""
    user_id = new_user()
    ingested = ingest(corpus.valid_jpeg(), max_bytes=15 * 1024 * 1024)

    def make(status, created_ago, decided_ago=None):
        name = store_image(ingested, app.config["IMAGES_DIR"])
        created = NOW - created_ago * DAY
        with write(db) as conn:
            credential_id = credentials.insert(conn, user_id, image_name=name, now=created)
            if status != "queued":
                credentials.move(conn, credential_id, "processing", actor="system", now=created)
            if status not in ("queued", "processing"):
                decided = NOW - (decided_ago if decided_ago is not None else created_ago) * DAY
                first = "needs_review" if status in ("needs_review",) else status
                if status in ("withdrawn", "revoked", "expired"):
                    first = "verified"
                credentials.move(conn, credential_id, first, actor="system", now=decided)
                if first != status:
                    actor = {"withdrawn": "user", "revoked": "reviewer"}.get(status, "system")
                    credentials.move(conn, credential_id, status, actor=actor, now=decided)
        return credential_id
    return make


def image_exists(app, db, credential_id) -> bool:
    name = credentials.get(db, credential_id)["image_name"]
    return name is not None and (Path(app.config["IMAGES_DIR"]) / name).exists()


def test_purge_deletes_decided_images_past_retention_and_keeps_open_reviews(app, db, stored):
    old = {status: stored(status, 120) for status in
           ("verified", "rejected", "withdrawn", "revoked", "expired")}
    open_reviews = {status: stored(status, 200) for status in
                    ("queued", "processing", "needs_review")}
    decided_lately = stored("verified", 120, decided_ago=30)   # uploaded long ago, decided late
    young = stored("rejected", 10)
    result = retention.purge(db, app.config["IMAGES_DIR"], 90, now=NOW, actor_id=7)
    assert sorted(item["credential_id"] for item in result["images"]) == sorted(old.values())
    for credential_id in old.values():
        row = credentials.get(db, credential_id)
        assert row["image_name"] is None and row["image_deleted_at"]
    for credential_id in [*open_reviews.values(), decided_lately, young]:
        assert image_exists(app, db, credential_id)
    audited = retention.audit_entries(db, action="image_purged")
    assert sorted(entry["credential_id"] for entry in audited) == sorted(old.values())
    assert all(entry["actor"] == "operator" and entry["actor_id"] == 7 and
               entry["details"]["retention_days"] == 90 for entry in audited)
    assert len(list(Path(app.config["IMAGES_DIR"]).glob("*.jpg"))) == 5
    again = retention.purge(db, app.config["IMAGES_DIR"], 90, now=NOW)   # idempotent
    assert again["images"] == [] and again["orphans"] == []
    assert len(retention.audit_entries(db, action="image_purged")) == len(old)


def test_dry_run_deletes_nothing(app, db, stored):
    credential_id = stored("verified", 100)
    result = retention.purge(db, app.config["IMAGES_DIR"], 90, dry_run=True, now=NOW)
    assert [item["credential_id"] for item in result["images"]] == [credential_id]
    assert image_exists(app, db, credential_id)
    assert retention.audit_entries(db) == []


def test_shorter_retention_and_orphans_from_a_crash(app, db, stored):
    credential_id = stored("rejected", 10)
    orphan = Path(app.config["IMAGES_DIR"]) / ("ab" * 16 + ".jpg")
    orphan.write_bytes(b"left by a crash between commit and unlink")
    two_days_ago = time.time() - 2 * 86400
    os.utime(orphan, (two_days_ago, two_days_ago))
    fresh = Path(app.config["IMAGES_DIR"]) / ("cd" * 16 + ".jpg")  # an upload in progress
    fresh.write_bytes(b"written a moment ago, credential not committed yet")
    result = retention.purge(db, app.config["IMAGES_DIR"], 7, now=NOW)
    assert [item["credential_id"] for item in result["images"]] == [credential_id]
    assert result["orphans"] == [orphan.name] and not orphan.exists() and fresh.exists()
    assert retention.audit_entries(db, action="orphan_images_purged")[0]["details"]["files"] == [
        orphan.name]


def test_audit_log_is_append_only(db):
    with write(db) as conn:
        retention.audit(conn, "image_purged", actor="system")
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"):
            db.execute(statement)


def test_purge_command(app, db, stored):
    due = stored("verified", 100)
    stored("needs_review", 100)
    data_dir = app.config["DATA_DIR"]
    env = {"LIMITUP_SECRET_KEY": app.config["SECRET_KEY"]}
    dry = run_cli("purge", "--dry-run", data_dir=data_dir, env=env)
    assert dry.returncode == 0, dry.stderr
    lines = [json.loads(line) for line in dry.stdout.splitlines()]
    assert lines[0]["credential_id"] == due and lines[0]["deleted"] is False
    assert lines[-1]["dry_run"] is True and lines[-1]["images"] == 1
    assert lines[-1]["idempotency_keys_expired"] == 0
    done = run_cli("purge", "--days", "90", "--operator", "3", data_dir=data_dir, env=env)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and lines[0] == {**lines[0], "credential_id": due,
                                                "deleted": True}
    assert not image_exists(app, db, due)
    again = run_cli("purge", data_dir=data_dir, env=env)
    assert json.loads(again.stdout.splitlines()[-1])["images"] == 0
    refused = run_cli("purge", "--days", "0", data_dir=data_dir, env=env)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
