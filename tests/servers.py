"""A real `limitup serve` process for tests: a free port, wait for /healthz, stop it at the end.

Shared by the API journey (tests/api/test_journey_server.py), the browser tests
(tests/web/test_browser.py) and the hostile tests (tests/hostile/server.py, which also SIGKILL
it mid-burst and start it again on the same data directory). The server's stdout and stderr go
to files in a log directory, not pipes: a pipe nobody reads can fill up and stall the server,
and the privacy tests read what it logged.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import requests

from limitup.jobs.redis_server import free_port
from tests.fixtures import LIMITUP

STDERR_TAIL_CHARS = 3000      # enough of the log to see why a server died, in a failure message


class ServeProcess:
    """One `limitup serve` on a data directory; start() may be called again after kill()/stop().

    env is added to this process's environment (after LIMITUP_DATA_DIR, so it may override it);
    serve_args are extra `limitup serve` options (e.g. ("--threads", "4"))."""

    def __init__(self, data_dir: Path, log_dir: Path, env: dict | None = None,
                 serve_args: tuple[str, ...] = ()):
        self.data_dir = Path(data_dir)
        self.log_dir = Path(log_dir)
        self.env = {**os.environ, "LIMITUP_DATA_DIR": str(self.data_dir), **(env or {})}
        self.serve_args = tuple(serve_args)
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

    def stderr_tail(self) -> str:
        if not self.stderr_path.exists():
            return ""
        return self.stderr_path.read_text(errors="replace")[-STDERR_TAIL_CHARS:]

    def start(self, timeout: float = 60) -> float:
        """Start on a free port and wait for /healthz; the seconds it took. A server that exits
        or does not answer within `timeout` fails the caller (and is not left running)."""
        self.port = free_port()
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        # Appended to: a restarted server's log follows the one it replaces.
        with open(self.stderr_path, "ab") as stderr, open(self.log_dir / "server-stdout.log",
                                                          "ab") as stdout:
            self.process = subprocess.Popen(
                [LIMITUP, "serve", "--port", str(self.port), *self.serve_args],
                env=self.env, stdout=stdout, stderr=stderr)
        try:
            self._wait_healthy(started, timeout)
        except BaseException:
            self.kill()
            raise
        return time.monotonic() - started

    def _wait_healthy(self, started: float, timeout: float) -> None:
        while not self.healthy(timeout=1):
            assert self.process.poll() is None, (
                f"limitup serve exited ({self.process.returncode}): {self.stderr_tail()}")
            assert time.monotonic() - started < timeout, (
                f"limitup serve did not answer /healthz within {timeout} s")
            time.sleep(0.1)

    def wait_ocr_ready(self, timeout: float = 120) -> None:
        """Wait until /healthz says the processor has loaded its OCR engine: it does so in the
        background after start, about 100 MB, so a memory measure must begin after it."""
        deadline = time.monotonic() + timeout
        while requests.get(self.base + "/healthz", timeout=5).json().get("ocr") != "ready":
            assert time.monotonic() < deadline, f"no OCR engine loaded within {timeout} s"
            time.sleep(0.2)

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

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM and wait; its exit code, or None when it had to be killed (or never ran)."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
