"""A real `limitup serve` process the hostile tests can start, SIGKILL and start again.

The API engineer's fixture (tests/api/test_journey_server.py) starts and stops one server;
these tests also need to kill it mid-burst and restart it on the same data directory, and to
keep its stderr in a file (the privacy test reads it; a pipe nobody reads can also fill up and
stall the server). Their helpers (free_port, add_user, certificate_jpeg) are reused as is.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import requests

from tests.api.test_journey_server import free_port
from tests.conftest import LIMITUP

SECRET_KEY = "hostile-tests-secret"
# Enough for the bursts; the 429 path has its own tests in tests/api/.
TEST_ENV = {"LIMITUP_SECRET_KEY": SECRET_KEY, "LIMITUP_UPLOAD_RATE_LIMIT": "1000 per hour",
            "LIMITUP_LIMIT_CHANGE_RATE_LIMIT": "1000 per hour", "LIMITUP_OCR_THREADS": "1"}


class Server:
    """One `limitup serve` on a data directory; start() may be called again after kill()."""

    def __init__(self, data_dir: Path, log_dir: Path, env: dict | None = None):
        self.data_dir = Path(data_dir)
        self.log_dir = Path(log_dir)
        self.env = {**os.environ, **TEST_ENV, "LIMITUP_DATA_DIR": str(self.data_dir),
                    **(env or {})}
        self.process: subprocess.Popen | None = None
        self.port = None
        self.starts = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return self.base + "/api/v1"

    @property
    def stderr_path(self) -> Path:
        return self.log_dir / "server-stderr.log"

    def start(self, timeout: float = 60) -> float:
        """Start and wait for /healthz; the seconds it took."""
        self.port = free_port()
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with open(self.stderr_path, "ab") as stderr, open(self.log_dir / "server-stdout.log",
                                                          "ab") as stdout:
            self.process = subprocess.Popen([LIMITUP, "serve", "--port", str(self.port)],
                                            env=self.env, stdout=stdout, stderr=stderr)
        while not self.healthy(timeout=1):
            assert self.process.poll() is None, self.stderr_path.read_text()[-3000:]
            assert time.monotonic() - started < timeout, "server did not start"
            time.sleep(0.1)
        return time.monotonic() - started

    def healthy(self, timeout: float = 5) -> bool:
        try:
            return requests.get(self.base + "/healthz", timeout=timeout).status_code == 200
        except requests.RequestException:
            return False

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed or closed."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=20)

    def stop(self) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
