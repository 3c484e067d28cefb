"""The default backend: the database is the queue, a thread in `limitup serve` the worker.

A credential whose status is queued or processing is work. `claim()` takes the oldest one whose
lease is free or expired and leases it, inside BEGIN IMMEDIATE, so two processors (threads or
server processes sharing the database) never hold the same credential. A processor that dies
leaves a lease that expires (LEASE_SECONDS) and the credential is claimed again on the next
start, or by another server process. pipeline.process() is idempotent (a decided credential is
left as it is), so even a claim taken over from a slow, not dead, processor applies once.
After MAX_ATTEMPTS failures the credential goes to review with reason `processing_failed`
rather than staying in processing forever.
"""
from __future__ import annotations

import io
import logging
import secrets
import threading
import time

from PIL import Image

from limitup import credentials, jobs, pipeline
from limitup.db import write
from limitup.ids import mask_ids_in_text
from limitup.pipeline_settings import PipelineSettings

log = logging.getLogger("limitup.jobs")

LEASE_SECONDS = 120          # far above one OCR pass (a few seconds); a dead claim frees after it
MAX_ATTEMPTS = 3
IDLE_POLL_SECONDS = 1.0      # work enqueued by another process is found within this

_wakeups: dict[str, threading.Event] = {}   # database path -> the local processor's doorbell
# database path -> set once the local processor has loaded its OCR engine (several seconds and
# about 100 MB after start): /healthz says "loading" until then.
_engines_ready: dict[str, threading.Event] = {}


def enqueue(config, credential_id: int) -> None:
    """The row is already queued in the database; ring the local processor so it starts now."""
    event = _wakeups.get(config["DATABASE"])
    if event is not None:
        event.set()


def engine_state(config) -> str:
    """'ready' once this process's processor has its OCR engine, 'loading' before, 'none'
    when no processor runs in this process (a test client, a command)."""
    ready = _engines_ready.get(config["DATABASE"])
    if ready is None:
        return "none"
    return "ready" if ready.is_set() else "loading"


def start_processor(app) -> "EmbeddedProcessor":
    processor = EmbeddedProcessor(app)
    processor.start()
    return processor


def claim(db, owner: str, *, lease_seconds: float = LEASE_SECONDS,
          max_attempts: int = MAX_ATTEMPTS, now: float | None = None) -> int | None:
    """Lease the oldest credential that is work and not leased; its id, or None."""
    now = time.time() if now is None else now
    with write(db) as conn:
        row = conn.execute(
            "SELECT c.id, c.status FROM credentials c"
            " LEFT JOIN job_leases j ON j.credential_id = c.id"
            " WHERE c.status IN ('queued', 'processing')"
            "   AND (j.credential_id IS NULL OR (j.lease_until < ? AND j.attempts < ?))"
            " ORDER BY c.id LIMIT 1", [now, max_attempts]).fetchone()
        if row is None:
            return None
        credential_id, status = row
        conn.execute(
            "INSERT INTO job_leases (credential_id, owner, lease_until, attempts, updated_at)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (credential_id) DO UPDATE SET"
            " owner = excluded.owner, lease_until = excluded.lease_until,"
            " attempts = job_leases.attempts + 1, updated_at = excluded.updated_at",
            [credential_id, owner, now + lease_seconds, now])
        if status == "queued":   # the user sees that someone is on it
            credentials.move(conn, credential_id, "processing", actor="system",
                             note="claimed by the embedded processor")
        return credential_id


def finish(db, credential_id: int, owner: str, error: str | None = None) -> None:
    now = time.time()
    error = mask_ids_in_text(error) if error else error   # an exception may quote what it read
    with write(db) as conn:
        if error is None:
            conn.execute("UPDATE job_leases SET done = 1, lease_until = ?, last_error = NULL,"
                         " updated_at = ? WHERE credential_id = ? AND owner = ?",
                         [now, now, credential_id, owner])
            return
        # Free the lease now (after a short back-off) so a retry need not wait for expiry.
        conn.execute("UPDATE job_leases SET lease_until = ?, last_error = ?, updated_at = ?"
                     " WHERE credential_id = ? AND owner = ?",
                     [now + 2.0, error[:500], now, credential_id, owner])
        attempts = conn.execute("SELECT attempts FROM job_leases WHERE credential_id = ?",
                                [credential_id]).fetchone()[0]
        status = credentials.get(db, credential_id)["status"]
        if attempts >= MAX_ATTEMPTS and status in ("queued", "processing"):
            jobs.dead_letter(conn, credential_id, status,
                             f"processing failed {MAX_ATTEMPTS} times: {error[:200]}")


def process_one(db, credential_id: int, engine, settings: PipelineSettings) -> dict:
    """Read the stored image and apply the recognition."""
    from limitup.ingest import load_stored
    from limitup.reader import read_image
    row = credentials.get(db, credential_id)
    if row["status"] not in ("queued", "processing"):
        return row                               # decided meanwhile (a taken-over claim)
    data = load_stored(settings.images_dir, row["image_name"])
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        recognition, timings = read_image(image, engine, settings.rules.catalogue)
    result = pipeline.process(db, credential_id, recognition, settings)
    log.info("credential %s -> %s (%s ms)", credential_id, result["status"],
             timings.get("total"))
    return result


def run_once(app, engine=None, owner: str | None = None) -> int | None:
    """Claim and process one credential; its id, or None when there was no work."""
    from limitup.store import get_db, pipeline_settings
    owner = owner or secrets.token_hex(8)
    with app.app_context():
        db = get_db()
        credential_id = claim(db, owner,
                              lease_seconds=app.config.get("JOB_LEASE_SECONDS", LEASE_SECONDS))
        if credential_id is None:
            return None
        try:
            process_one(db, credential_id, engine or _engine(app), pipeline_settings())
        except Exception as error:  # keep serving; the lease and attempts bound the retries
            log.exception("processing credential %s failed", credential_id)
            finish(db, credential_id, owner, f"{type(error).__name__}: {error}")
        else:
            finish(db, credential_id, owner)
        return credential_id


def _engine(app):
    from limitup.ocr import get_engine
    return get_engine(app.config.get("OCR_ENGINE", "default"))


class EmbeddedProcessor:
    """One background thread: claim, process, repeat; sleep until rung or IDLE_POLL_SECONDS."""

    def __init__(self, app):
        self.app = app
        self.owner = f"embedded-{secrets.token_hex(6)}"
        self.wakeup = threading.Event()
        self.stopping = threading.Event()
        self.engine_ready = threading.Event()
        self.thread = threading.Thread(target=self._run, name="limitup-processor", daemon=True)

    def start(self) -> None:
        _wakeups[self.app.config["DATABASE"]] = self.wakeup
        _engines_ready[self.app.config["DATABASE"]] = self.engine_ready
        self.thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping.set()
        self.wakeup.set()
        self.thread.join(timeout)
        if _wakeups.get(self.app.config["DATABASE"]) is self.wakeup:
            del _wakeups[self.app.config["DATABASE"]]
        if _engines_ready.get(self.app.config["DATABASE"]) is self.engine_ready:
            del _engines_ready[self.app.config["DATABASE"]]

    def _run(self) -> None:
        engine = None
        while not self.stopping.is_set():
            try:
                engine = engine or _engine(self.app)
                self.engine_ready.set()
                worked = run_once(self.app, engine, self.owner)
            except Exception:  # e.g. the database briefly unavailable: wait and go on
                log.exception("embedded processor loop")
                worked = None
            if worked is None:
                self.wakeup.wait(IDLE_POLL_SECONDS)
                self.wakeup.clear()
