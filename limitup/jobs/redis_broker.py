"""The Dramatiq broker on Redis shared by `limitup serve` (the result consumer) and `limitup worker`.

Two queues:
    limitup-ocr       jobs: {job_id, credential_id, image: sealed bytes}; consumed by workers
    limitup-results   results: {job_id, credential_id, recognition: sealed JSON | failed: why};
                      consumed by the one process that owns the database (limitup serve)

Why Dramatiq (docs/deploy.md): its Redis broker moves a message being worked on into a per-process
ack set and every broker process heartbeats; "maintenance" puts the unacked messages of a process
whose heartbeat is older than `heartbeat_timeout` back on the queue. So a worker killed with
SIGKILL mid-job has its job run again by another worker, with no reaper of our own. Dramatiq
does not count those redeliveries, so attempts are counted here (INCR per job id) and bounded.

Settings (limitup.config: environment or the config mapping, all optional, checked at start):
    LIMITUP_QUEUE_HEARTBEAT_MS     a silent process is presumed dead after this (default 20000)
    LIMITUP_QUEUE_MAINTENANCE      per million broker calls that run maintenance (default 100000:
                                   an idle worker polls a few times a second, so a dead worker's
                                   job is back within seconds of its heartbeat timing out)
    LIMITUP_QUEUE_MAX_ATTEMPTS     runs of one job (kills and failures) before it is dead-lettered
                                   (default 3)
    LIMITUP_QUEUE_TIME_LIMIT_MS    one OCR job may take this long (default 300000)
"""
from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from limitup.config import read_settings

OCR_QUEUE = "limitup-ocr"
RESULTS_QUEUE = "limitup-results"
NAMESPACE = "limitup"
ATTEMPTS_KEY = "limitup:attempts:"          # + job id -> runs started (expires after a day)
RUNNING_KEY = "limitup:running"             # hash job id -> JSON {worker, pid, attempt, since}
PENDING_KEY = "limitup:pending"             # hash job id -> when sent (until its result applies)
WORKERS_KEY = "limitup:workers"             # hash worker id -> JSON {pid, host, seen_at...}
WORKER_BEAT_SECONDS = 10
KEY_ID_KEY = "limitup:key_id"               # fingerprint of the server's sealing key
ATTEMPTS_TTL_SECONDS = 86400


@dataclass(frozen=True)
class Settings:
    heartbeat_ms: int
    maintenance_per_million: int
    max_attempts: int
    time_limit_ms: int

    @classmethod
    def from_config(cls, config) -> "Settings":
        """From a config limitup.config has read (and checked: numbers, within bounds)."""
        return cls(heartbeat_ms=config["QUEUE_HEARTBEAT_MS"],
                   maintenance_per_million=config["QUEUE_MAINTENANCE"],
                   max_attempts=config["QUEUE_MAX_ATTEMPTS"],
                   time_limit_ms=config["QUEUE_TIME_LIMIT_MS"])


class QueueBroker:
    """The broker, its two actors and the few Redis keys limitup keeps beside Dramatiq's.

    An actor's body calls the handler this process registered (`handle(kind, function)`): a
    worker handles "recognise", the server handles "apply"; a process only consumes the queue
    whose handler it has.
    """

    def __init__(self, url: str, settings: Settings):
        self.url = url
        self.settings = settings
        self.broker = RedisBroker(url=url, namespace=NAMESPACE,
                                  heartbeat_timeout=self.settings.heartbeat_ms,
                                  maintenance_chance=self.settings.maintenance_per_million)
        self.client = self.broker.client
        self._handlers: dict = {}
        # Retries on an exception (with back-off); the attempt counter stops it at max_attempts.
        self.recognise = dramatiq.actor(
            self._dispatcher("recognise"), actor_name="limitup_recognise", queue_name=OCR_QUEUE,
            broker=self.broker, max_retries=self.settings.max_attempts + 1, min_backoff=500,
            max_backoff=5000, time_limit=self.settings.time_limit_ms)
        self.apply = dramatiq.actor(
            self._dispatcher("apply"), actor_name="limitup_apply_result",
            queue_name=RESULTS_QUEUE, broker=self.broker, max_retries=10, min_backoff=500,
            max_backoff=30000, time_limit=60000)

    def _dispatcher(self, kind: str):
        def run(payload: dict) -> None:
            self._handlers[kind](payload)
        run.__name__ = f"limitup_{kind}"
        return run

    def handle(self, kind: str, function) -> None:
        self._handlers[kind] = function

    def worker(self, queue: str, threads: int = 1) -> dramatiq.Worker:
        """A Dramatiq worker on one queue that takes one message at a time (no hoarding: an idle
        worker elsewhere gets the next job)."""
        # worker_timeout: the longest an idle consumer sleeps between polls, and so the gap
        # between one job's end and the next fetch (prefetch 1): short, it is CPU time lost.
        worker = dramatiq.Worker(self.broker, queues={queue}, worker_threads=threads,
                                 worker_timeout=100)
        worker.queue_prefetch = threads
        return worker

    # --- attempts and the running board ------------------------------------------------------

    def start_attempt(self, job_id: str, worker_id: str) -> int:
        key = ATTEMPTS_KEY + job_id
        with self.client.pipeline() as pipe:
            pipe.incr(key).expire(key, ATTEMPTS_TTL_SECONDS)
            pipe.hset(RUNNING_KEY, job_id, json.dumps(
                {"worker": worker_id, "pid": os.getpid(), "since": time.time()}))
            attempt = pipe.execute()[0]
        return int(attempt)

    def end_attempt(self, job_id: str) -> None:
        self.client.hdel(RUNNING_KEY, job_id)

    def forget_job(self, job_id: str) -> None:
        with self.client.pipeline() as pipe:
            pipe.delete(ATTEMPTS_KEY + job_id).hdel(PENDING_KEY, job_id).execute()

    def running(self) -> dict:
        return {job_id.decode(): json.loads(value)
                for job_id, value in self.client.hgetall(RUNNING_KEY).items()}

    def mark_pending(self, job_id: str) -> None:
        """The server sent this job and awaits its result (cleared when the result is applied).
        Dramatiq keys messages by a fresh id per (re)delivery, so this is how the sweeper asks
        "is this job still somewhere in Redis?" without reading every message."""
        self.client.hset(PENDING_KEY, job_id, time.time())

    def pending_since(self, job_id: str) -> float | None:
        value = self.client.hget(PENDING_KEY, job_id)
        return float(value) if value is not None else None

    # --- workers and the key check --------------------------------------------------------------

    def register_worker(self, worker_id: str, started_at: float) -> None:
        """Announce (and, every WORKER_BEAT_SECONDS, re-announce) a ready worker."""
        self.client.hset(WORKERS_KEY, worker_id, json.dumps(
            {"pid": os.getpid(), "host": socket.gethostname(), "started_at": started_at,
             "seen_at": time.time()}))

    def unregister_worker(self, worker_id: str) -> None:
        self.client.hdel(WORKERS_KEY, worker_id)

    def workers(self, max_age: float = 3 * WORKER_BEAT_SECONDS) -> dict:
        """Workers seen lately (a killed worker cannot unregister: it just stops being seen)."""
        now, seen = time.time(), {}
        for key, value in self.client.hgetall(WORKERS_KEY).items():
            entry = json.loads(value)
            if now - entry["seen_at"] <= max_age:
                seen[key.decode()] = entry
        return seen

    def publish_key_id(self, key_id: str) -> None:
        self.client.set(KEY_ID_KEY, key_id)

    def published_key_id(self) -> str | None:
        value = self.client.get(KEY_ID_KEY)
        return value.decode() if value else None

    def close(self) -> None:
        self.broker.close()


_brokers: dict[str, QueueBroker] = {}


def get_broker(url: str, config=None) -> QueueBroker:
    """One broker per URL per process (the upload path calls this on every request), with the
    queue settings of `config` (the app's, or load_config()'s in a worker). A caller without a
    config at hand (the bench or a test watching workers) gets the environment's, read and
    checked the same way. The first call for a URL makes its broker: a process has one config."""
    if url not in _brokers:
        if config is None:
            config = read_settings()
        _brokers[url] = QueueBroker(url, Settings.from_config(config))
    return _brokers[url]
