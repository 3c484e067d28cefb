"""The Redis backend, worker side: one OCR engine per process, jobs in, sealed results out.

A worker is stateless: it needs the queue URL, the shared LIMITUP_SECRET_KEY (to open jobs and
seal results) and the rules folder (the catalogue); no database, no image store. It never logs
an ID number: its log lines carry the job id, the credential id, the type and timings.

Threads: one job at a time per process and the engine's own threads capped at 1 (onnxruntime
intra-op, OMP_THREAD_LIMIT for Tesseract, OpenCV), so N processes on N cores do not fight.
"""
from __future__ import annotations

import io
import logging
import os
import secrets
import socket
import threading
import time

import redis

from limitup.errors import LimitupError
from limitup.ids import mask_ids_in_text
from limitup.jobs.redis_broker import OCR_QUEUE, WORKER_BEAT_SECONDS, QueueBroker, get_broker
from limitup.jobs.redis_codec import Sealer, recognition_to_json
from limitup.settings import from_environ

log = logging.getLogger("limitup.worker")


def cap_threads() -> None:
    """One core per worker process: set before the engine (and its libraries) start threads."""
    for variable in ("LIMITUP_OCR_THREADS", "OMP_THREAD_LIMIT", "OMP_NUM_THREADS",
                     "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    try:
        import cv2
        cv2.setNumThreads(from_environ("OCR_THREADS") or 1)    # LIMITUP_OCR_THREADS
    except ImportError:
        pass


class JobFailed(Exception):
    """A job's run failed (masked reason); Dramatiq retries it."""


class JobRunner:
    """The body of the limitup_recognise actor in a worker process."""

    def __init__(self, queue: QueueBroker, sealer: Sealer, engine, catalogue, worker_id: str,
                 hold_seconds: float = 0.0):
        self.queue, self.sealer, self.engine, self.catalogue = queue, sealer, engine, catalogue
        self.worker_id = worker_id
        self.hold_seconds = hold_seconds

    def __call__(self, job: dict) -> None:
        job_id, credential_id = job["job_id"], job["credential_id"]
        attempt = self.queue.start_attempt(job_id, self.worker_id)
        limit = self.queue.settings.max_attempts
        try:
            if attempt > limit:
                # Every earlier run died without an answer (killed, out of memory...): stop here.
                self._send(job, attempt, failed=f"started {attempt - 1} times without finishing "
                                                "(its workers died)")
                return
            try:
                recognition, timings = self._read(job)
            except Exception as error:
                reason = mask_ids_in_text(f"{type(error).__name__}: {error}")[:200]
                log.warning("job %s credential %s attempt %d/%d failed: %s", job_id,
                            credential_id, attempt, limit, reason)
                if attempt >= limit:
                    self._send(job, attempt, failed=f"{reason} (after {attempt} attempts)")
                    return
                # Dramatiq retries it after a back-off, keeping the traceback in the message in
                # Redis: raise the masked reason only, not the original (its text could quote
                # what was read from the photo).
                raise JobFailed(reason) from None
            if self.hold_seconds:
                time.sleep(self.hold_seconds)
            self._send(job, attempt, recognition=self.sealer.seal_json(
                recognition_to_json(recognition)))
            log.info("job %s credential %s: %s in %s ms (attempt %d)", job_id, credential_id,
                     recognition.type, timings.get("total"), attempt)
        finally:
            self.queue.end_attempt(job_id)

    def _read(self, job: dict):
        from PIL import Image

        from limitup.reader import read_image
        data = self.sealer.open(job["image"])
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            return read_image(image, self.engine, self.catalogue)

    def _send(self, job: dict, attempt: int, *, recognition: str | None = None,
              failed: str | None = None) -> None:
        self.queue.apply.send({"job_id": job["job_id"], "credential_id": job["credential_id"],
                               "recognition": recognition, "failed": failed,
                               "worker": self.worker_id, "attempt": attempt})


def check_key(queue: QueueBroker, sealer: Sealer) -> None:
    """Refuse to start with a secret other than the server's: its results could not be opened."""
    published = queue.published_key_id()
    if published is None:
        log.warning("no server has published its key yet; cannot check LIMITUP_SECRET_KEY")
    elif published != sealer.key_id:
        raise LimitupError("this worker's LIMITUP_SECRET_KEY differs from the server's: set the "
                           "same secret on every machine", code="invalid_request")


def run_worker(config: dict, url: str, stop: threading.Event) -> None:
    """Serve OCR jobs until `stop` is set, then finish the job in hand and leave."""
    cap_threads()
    from limitup.ocr import get_engine
    from limitup.rules import load_rules
    queue, sealer = get_broker(url, config), Sealer(config["SECRET_KEY"])
    check_key(queue, sealer)
    catalogue = load_rules(config["RULES_DIR"]).catalogue
    engine = get_engine(config.get("OCR_ENGINE") or "default")     # models loaded before jobs
    worker_id = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
    # Test hook (LIMITUP_WORKER_HOLD_SECONDS): seconds a worker waits after reading a photo and
    # before returning the result, so a test can kill it mid-job deterministically. Never set in
    # production.
    hold = config["WORKER_HOLD_SECONDS"]
    queue.handle("recognise", JobRunner(queue, sealer, engine, catalogue, worker_id, hold))
    worker = queue.worker(OCR_QUEUE)
    worker.start()
    started_at = time.time()
    queue.register_worker(worker_id, started_at)
    log.info("worker %s ready on %s (engine %s)", worker_id, OCR_QUEUE, engine.name)
    try:
        while not stop.wait(WORKER_BEAT_SECONDS):
            try:
                queue.register_worker(worker_id, started_at)
            except redis.RedisError as error:       # Redis away: Dramatiq reconnects, so do we
                log.warning("worker %s: cannot reach Redis (%s)", worker_id, error)
    finally:
        queue.unregister_worker(worker_id)
        # Finish the job in hand; jobs fetched but not started go back to the queue.
        worker.stop(timeout=queue.settings.time_limit_ms)
        queue.close()
        log.info("worker %s stopped", worker_id)

