"""A private, throw-away redis-server (tests and `limitup bench --workers`): free port, temp dir,
no persistence; stopped and removed on exit. Needs the redis-server binary (make setup)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

from limitup.errors import LimitupError


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryRedis:
    def __init__(self):
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="limitup-redis-")
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, tries: int = 5) -> "TemporaryRedis":
        """Start on a free port; another port when someone took this one meanwhile."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise LimitupError("redis-server is not installed (run `make setup`)",
                               code="invalid_request")
        for _ in range(tries):
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", self.directory],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._answers():
                return self
            self._terminate()
            self.port = free_port()
        self.stop()
        raise LimitupError("redis-server did not start", code="invalid_request")

    def _answers(self, timeout: float = 10.0) -> bool:
        """Our server answers (not another one that took the port: its dir must be ours)."""
        import redis
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    directory = client.config_get("dir").get("dir")
                    return os.path.realpath(directory) == os.path.realpath(self.directory)
                except redis.RedisError:
                    time.sleep(0.05)
            return False
        finally:
            client.close()

    def _terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def stop(self) -> None:
        self._terminate()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> "TemporaryRedis":
        return self.start()

    def __exit__(self, *_) -> None:
        self.stop()
