"""Background processing of uploaded credentials, behind one seam.

    enqueue(config, credential_id)   the upload path (limitup.uploads) hands a queued credential on
    start_processor(app) -> Processor       `limitup serve` calls this once (Processor.stop())
    wait_for_decision(db, credential_id, seconds)   the API's ?wait=N

The backend is chosen by QUEUE_URL (LIMITUP_QUEUE_URL):
- unset: `limitup.jobs.embedded`: the database is the queue (a credential that is queued or
  processing is work); a thread inside `limitup serve` claims it with a lease, reads the image,
  runs the reader and calls pipeline.process(). No extra process.
- `redis://...`: `limitup.jobs.redis_queue` (issue 7): the same two functions, `enqueue` pushing
  the job to Redis for `limitup worker` processes and `start_processor` applying their results.
The API never imports a backend directly, so a new one plugs in here only.
"""
from __future__ import annotations

import importlib
import time
from typing import Protocol

from limitup import credentials

FINAL_STATUSES = ("verified", "needs_review", "rejected", "expired", "withdrawn", "revoked")
POLL_SECONDS = 0.2
REDIS_URL_SCHEMES = ("redis://", "rediss://", "unix://")


class Processor(Protocol):
    def stop(self, timeout: float = 10.0) -> None: ...


def dead_letter(conn, credential_id: int, status: str, note: str) -> None:
    """The final state of a credential nobody could process (any backend): review, with the
    reason processing_failed."""
    if status == "queued":
        credentials.move(conn, credential_id, "processing", actor="system", note="retrying")
    credentials.update(conn, credential_id, reasons=["processing_failed"])
    credentials.move(conn, credential_id, "needs_review", actor="system", note=note)


def backend_name(config) -> str:
    url = (config.get("QUEUE_URL") or "").strip()
    if not url:
        return "embedded"
    if url.startswith(REDIS_URL_SCHEMES):
        return "redis_queue"
    raise ValueError(f"LIMITUP_QUEUE_URL: unsupported queue {url!r} (expected redis://...)")


def _backend(config):
    return importlib.import_module(f"limitup.jobs.{backend_name(config)}")


def enqueue(config, credential_id: int) -> None:
    _backend(config).enqueue(config, credential_id)


def start_processor(app) -> Processor:
    return _backend(app.config).start_processor(app)


def ocr_state(config) -> str:
    """For /healthz: where uploads are read. 'workers' with a queue (OCR runs in `limitup
    worker` processes); otherwise this process's engine: 'ready', 'loading' (the processor is
    loading it after start) or 'none' (no processor in this process)."""
    if backend_name(config) != "embedded":
        return "workers"
    from limitup.jobs.embedded import engine_state
    return engine_state(config)


def wait_for_decision(db, credential_id: int, seconds: float) -> dict:
    """The credential once decided, or as it is when `seconds` have passed.

    Polls the database, which every backend writes the decision to, so this works whichever
    process (or machine) did the work.
    """
    deadline = time.monotonic() + seconds
    while True:
        row = credentials.get(db, credential_id)
        if row["status"] in FINAL_STATUSES or time.monotonic() >= deadline:
            return row
        time.sleep(min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))
