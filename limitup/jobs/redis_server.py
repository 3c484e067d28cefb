"""A private, throw-away redis-server (tests and `limitup bench --workers`): free port, temp dir,
no persistence; stopped and removed on exit. Needs the redis-server binary (make setup)."""
from __future__ import annotations

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

    def start(self) -> "TemporaryRedis":
        binary = shutil.which("redis-server")
        if binary is None:
            raise LimitupError("redis-server is not installed (run `make setup`)",
                               code="invalid_request")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.directory],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise LimitupError("redis-server did not start", code="invalid_request")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> "TemporaryRedis":
        return self.start()

    def __exit__(self, *_) -> None:
        self.stop()
