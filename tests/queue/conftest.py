"""Queue fixtures: a private redis-server per test, an app whose QUEUE_URL points at it, real
`limitup worker` processes, and a few generated scan-tier certificates (real OCR)."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time

import pytest

from limitup import accounts, create_app, jobs, uploads
from limitup.jobs.redis_broker import get_broker
from limitup.jobs.redis_server import TemporaryRedis

SECRET = "queue-test-secret"
# A dead worker's job is back on the queue ~2 s after its last heartbeat; every broker call
# may run maintenance (tests only: the production default is 10 %).
FAST_QUEUE_ENV = {"LIMITUP_QUEUE_HEARTBEAT_MS": "2000", "LIMITUP_QUEUE_MAINTENANCE": "1000000",
                  "LIMITUP_QUEUE_MAX_ATTEMPTS": "3"}
# Distinct types: two renders of one type may look alike enough to be flagged duplicate_image.
SAMPLES = [("cpa", 1), ("nurse", 2), ("physician", 3), ("securities_practitioner", 4),
           ("tem8", 5)]


@pytest.fixture(autouse=True)
def fast_queue(monkeypatch):
    for name, value in FAST_QUEUE_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def redis_url():
    with TemporaryRedis() as server:
        yield server.url


@pytest.fixture
def queue_app(tmp_path, redis_url):
    app = create_app({"DATA_DIR": str(tmp_path / "server"), "SECRET_KEY": SECRET,
                      "QUEUE_URL": redis_url})
    with app.app_context():
        yield app
    from limitup.jobs import redis_broker
    broker = redis_broker._brokers.pop(redis_url, None)
    if broker is not None:
        broker.close()


@pytest.fixture(scope="session")
def certificates():
    """[(jpeg bytes, label)] for SAMPLES, rendered once per session."""
    from limitup.samples.generator import make_certificate
    rendered = []
    for type_id, seed in SAMPLES:
        image, label = make_certificate(type_id, tier="scan", seed=seed)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=90)
        rendered.append((buffer.getvalue(), label))
    return rendered


@pytest.fixture
def upload(queue_app):
    """upload(jpeg, label) -> credential id: a user with the label's KYC identity, the image
    ingested and stored, the job sent to Redis (what the API's upload does)."""
    from limitup.store import get_db, get_rules, pipeline_settings

    def do(data: bytes, label: dict, send: bool = True) -> int:
        db = get_db()
        user_id = accounts.add_user(db, name=label["kyc_name"], id_number=label["kyc_id"],
                                    base_fen=500_000, used_fen=0, role="user",
                                    secret_key=SECRET, policy=get_rules().limits)
        start = (uploads.in_background(queue_app.config) if send
                 else lambda credential_id, _ingested: credential_id)     # the job not sent
        return uploads.accept(db, user_id, data, pipeline_settings(), start=start)
    return do


class Workers:
    """Real `limitup worker` processes (each its own engine), logs in the test's temp dir."""

    def __init__(self, redis_url, tmp_path):
        self.redis_url, self.tmp_path = redis_url, tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self, count: int = 1, hold_seconds: float = 0.0) -> list[subprocess.Popen]:
        env = {**os.environ, **FAST_QUEUE_ENV, "LIMITUP_SECRET_KEY": SECRET,
               "LIMITUP_QUEUE_URL": self.redis_url,
               "LIMITUP_DATA_DIR": str(self.tmp_path / "worker"),
               "LIMITUP_WORKER_HOLD_SECONDS": str(hold_seconds)}
        started = []
        for _ in range(count):
            log = open(self.tmp_path / f"worker-{len(self.processes)}.log", "w")
            process = subprocess.Popen(
                [sys.executable, "-c", "from limitup.cli import main; main()", "worker"],
                env=env, stdout=log, stderr=subprocess.STDOUT)
            self.processes.append(process)
            started.append(process)
        self.wait_ready(started)
        return started

    def wait_ready(self, processes, timeout: float = 60.0) -> None:
        """Until each process registered itself (its engine loaded)."""
        queue = get_broker(self.redis_url)
        pids = {process.pid for process in processes}
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = {entry["pid"] for entry in queue.workers().values()}
            if pids <= ready:
                return
            for process in processes:
                assert process.poll() is None, self.logs()
            time.sleep(0.2)
        raise AssertionError("workers not ready:\n" + self.logs())

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.tmp_path.glob("worker-*.log")))

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def workers(redis_url, tmp_path, queue_app):
    pool = Workers(redis_url, tmp_path)
    yield pool
    pool.stop()


@pytest.fixture
def processor(queue_app):
    """The result consumer `limitup serve` runs (in this process, on the test's database)."""
    running = jobs.start_processor(queue_app)
    yield running
    running.stop()
