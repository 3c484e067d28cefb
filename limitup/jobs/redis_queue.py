"""The Redis backend, server side: send jobs to `limitup worker` processes, apply their results.

    enqueue(config, credential_id)   the upload path: the stored image, sealed, onto limitup-ocr
    start_processor(app)             `limitup serve`: a result consumer + a sweeper, in threads

Exactly-once effect over at-least-once delivery: every job has a row in `queue_jobs`; applying
a result and stamping that row `applied_at` happen in one SQLite transaction, so a result
delivered twice (a worker that died after sending but before acking, a job run twice after a
false death) is recognised by its job id and skipped; pipeline.decide() is idempotent on top.
The photo's redaction, CPU work, is encoded before that transaction (pipeline.photo_redaction).

Nothing stays queued forever: a worker that dies mid-job has its job redelivered by Dramatiq
(redis_broker.py); a job run `max_attempts` times without a result comes back as a failure and
the credential is dead-lettered: needs_review with reason `processing_failed` (a person looks at
the photo; same outcome as the embedded backend). A job that vanished from Redis (Redis restarted
without persistence, or the send itself failed) is found by the sweeper and sent again, at most
MAX_SENDS times, then dead-lettered the same way.

Timings (how often the sweeper runs, when a job counts as lost) come from the config
(QUEUE_SWEEP_SECONDS, QUEUE_LOST_SECONDS, QUEUE_PENDING_MAX_SECONDS: limitup.config).
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import datetime

import redis
from dramatiq import Message

from limitup import credentials, jobs, pipeline
from limitup.db import connect, write
from limitup.ids import mask_ids_in_text
from limitup.jobs.redis_broker import OCR_QUEUE, RESULTS_QUEUE, get_broker
from limitup.jobs.redis_codec import InvalidToken, Sealer, recognition_from_json
from limitup.pipeline_settings import PipelineSettings

log = logging.getLogger("limitup.jobs.redis")

OPEN_STATUSES = ("queued", "processing")
MAX_SENDS = 3                 # a job lost from Redis is sent again this many times in all
SEND_GRACE_SECONDS = 10       # a credential with no job yet: its upload is probably enqueueing


# --- sending ------------------------------------------------------------------------------------

def enqueue(config, credential_id: int) -> None:
    """Send the credential's job. When Redis cannot be reached the credential stays queued and
    the sweeper of `limitup serve` sends it later: an upload is never lost to a Redis outage."""
    db = connect(config["DATABASE"])
    try:
        send_job(db, config, credential_id)
    except redis.RedisError as error:
        log.error("credential %s: queue unreachable (%s); the sweeper will send it", credential_id,
                  type(error).__name__)
    finally:
        db.conn.close()


def send_job(db, config, credential_id: int) -> str:
    """Record a new job for the credential, then push it; the job id."""
    from limitup.ingest import load_stored
    row = credentials.get(db, credential_id)
    image = load_stored(config["IMAGES_DIR"], row["image_name"])
    job_id = uuid.uuid4().hex
    with write(db) as conn:
        conn.execute("INSERT INTO queue_jobs (job_id, credential_id, enqueued_at) VALUES (?, ?, ?)",
                     [job_id, credential_id, time.time()])
    queue = get_broker(config["QUEUE_URL"], config)
    payload = {"job_id": job_id, "credential_id": credential_id,
               "image": Sealer(config["SECRET_KEY"]).seal(image)}
    queue.mark_pending(job_id)
    queue.broker.enqueue(Message(queue_name=OCR_QUEUE, actor_name=queue.recognise.actor_name,
                                 args=(payload,), kwargs={}, options={}, message_id=job_id))
    return job_id


# --- applying results -------------------------------------------------------------------------------

def apply_result(db, sealer: Sealer, result: dict, settings: PipelineSettings) -> str:
    """Apply one worker result once; what happened: applied, dead_letter, superseded, duplicate,
    unknown (a job of another database) or unopened (sealed under another key: dropped, so the
    sweeper sends the job again)."""
    job_id, credential_id = result["job_id"], result["credential_id"]
    recognition = None
    if result.get("recognition") is not None:
        try:
            recognition = recognition_from_json(sealer.open_json(result["recognition"]))
        except InvalidToken:
            log.error("job %s: result sealed under another key (a worker with a different "
                      "LIMITUP_SECRET_KEY?); dropped", job_id)
            return "unopened"
    # The photo's redaction is encoded before the write transaction (pipeline.photo_redaction),
    # and only for a result to apply: a job of this database not applied yet.
    redaction = (pipeline.photo_redaction(db, credential_id, recognition, settings.images_dir)
                 if recognition is not None and _not_applied(db, job_id) else None)
    with write(db) as conn:
        job = conn.execute("SELECT applied_at FROM queue_jobs WHERE job_id = ?",
                           [job_id]).fetchone()
        if job is None:
            log.warning("job %s: not one of this database's jobs; ignored", job_id)
            return "unknown"
        if job[0] is not None:
            return "duplicate"
        status = credentials.get(db, credential_id)["status"]
        reason = None
        if status not in OPEN_STATUSES:
            outcome = "superseded"
        elif recognition is None:
            reason = mask_ids_in_text(str(result.get("failed") or "processing failed"))[:300]
            dead_letter(conn, credential_id, status, reason)
            outcome = "dead_letter"
        else:
            pipeline.decide(db, credential_id, recognition, redaction, settings)
            outcome = "applied"
        conn.execute("UPDATE queue_jobs SET applied_at = ?, outcome = ?, reason = ?, worker = ?,"
                     " attempt = ? WHERE job_id = ?",
                     [time.time(), outcome, reason, result.get("worker"), result.get("attempt"),
                      job_id])
    log.info("job %s: credential %s %s", job_id, credential_id, outcome)
    return outcome


def _not_applied(db, job_id: str) -> bool:
    row = db.execute("SELECT applied_at FROM queue_jobs WHERE job_id = ?", [job_id]).fetchone()
    return row is not None and row[0] is None


def dead_letter(conn, credential_id: int, status: str, reason: str) -> None:
    jobs.dead_letter(conn, credential_id, status, f"processing failed: {reason}"[:300])


# --- the sweeper ------------------------------------------------------------------------------------

def sweep(db, config, queue, now: float | None = None) -> dict:
    """Send jobs for open credentials that have none, or whose last job was lost; dead-letter
    those sent MAX_SENDS times."""
    now = time.time() if now is None else now
    counts = {"sent": 0, "dead_letter": 0}
    rows = db.conn.execute(
        "SELECT c.id, c.status, c.created_at, COUNT(j.job_id), MAX(j.enqueued_at),"
        " (SELECT job_id FROM queue_jobs WHERE credential_id = c.id"
        "  ORDER BY enqueued_at DESC LIMIT 1)"
        " FROM credentials c LEFT JOIN queue_jobs j ON j.credential_id = c.id"
        " WHERE c.status IN ('queued', 'processing') GROUP BY c.id ORDER BY c.id").fetchall()
    for credential_id, status, created_at, sends, last_sent, last_job in rows:
        if not sends:
            if now - _unix(created_at) < SEND_GRACE_SECONDS:
                continue
        elif not _lost(queue, config, last_job, last_sent, now):
            continue
        if sends >= MAX_SENDS:
            with write(db) as conn:
                dead_letter(conn, credential_id, status,
                            f"no result after {sends} sends to the workers")
            counts["dead_letter"] += 1
        else:
            send_job(db, config, credential_id)
            counts["sent"] += 1
    return counts


def _lost(queue, config, job_id: str, sent_at: float, now: float) -> bool:
    """Not pending in Redis and not applied QUEUE_LOST_SECONDS after sending; or still pending
    after QUEUE_PENDING_MAX_SECONDS (its result was dropped by the queue after exhausting its
    own retries)."""
    if now - sent_at < config["QUEUE_LOST_SECONDS"]:
        return False
    pending = queue.pending_since(job_id)
    return pending is None or now - pending > config["QUEUE_PENDING_MAX_SECONDS"]


def _unix(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


# --- the processor in `limitup serve` -----------------------------------------------------------

def start_processor(app) -> "RedisProcessor":
    processor = RedisProcessor(app)
    processor.start()
    return processor


class RedisProcessor:
    """A Dramatiq worker thread consuming limitup-results (this process owns the database) and
    a sweeper thread. stop() lets the result being applied finish its transaction."""

    def __init__(self, app):
        self.app = app
        self.queue = get_broker(app.config["QUEUE_URL"], app.config)
        self.sealer = Sealer(app.config["SECRET_KEY"])
        self.queue.handle("apply", self._apply)
        self.worker = self.queue.worker(RESULTS_QUEUE)
        self.stopping = threading.Event()
        self.sweeper = threading.Thread(target=self._sweep_loop, name="limitup-sweeper",
                                        daemon=True)

    def start(self) -> None:
        self.queue.publish_key_id(self.sealer.key_id)
        self.worker.start()
        self.sweeper.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping.set()
        self.worker.stop(timeout=int(timeout * 1000))
        self.sweeper.join(timeout)

    def _apply(self, result: dict) -> str:
        from limitup.store import get_db, pipeline_settings
        with self.app.app_context():
            outcome = apply_result(get_db(), self.sealer, result, pipeline_settings())
        if outcome != "unknown":      # "unopened" too: the sweeper will then send it again
            self.queue.forget_job(result["job_id"])
        return outcome

    def _sweep_loop(self) -> None:
        from limitup.store import get_db
        # The first sweep waits one period, so results queued while we were down apply first.
        while not self.stopping.wait(self.app.config["QUEUE_SWEEP_SECONDS"]):
            try:
                with self.app.app_context():
                    counts = sweep(get_db(), self.app.config, self.queue)
                if any(counts.values()):
                    log.warning("sweeper: %s", counts)
            except Exception:  # Redis or the database briefly away: try again next period
                log.exception("queue sweeper")
