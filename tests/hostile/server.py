"""The real `limitup serve` the hostile tests start, SIGKILL and start again (tests/servers.py),
with the secret they share and rate limits high enough for their bursts.

These tests also need to kill it mid-burst and restart it on the same data directory, and to
keep its stderr in a file (the privacy test reads it); the shared ServeProcess does both.
"""
from __future__ import annotations

from pathlib import Path

from tests.servers import ServeProcess

SECRET_KEY = "hostile-tests-secret"
# Enough for the bursts; the 429 path has its own tests in tests/api/.
TEST_ENV = {"LIMITUP_SECRET_KEY": SECRET_KEY, "LIMITUP_UPLOAD_RATE_LIMIT": "1000 per hour",
            "LIMITUP_LIMIT_CHANGE_RATE_LIMIT": "1000 per hour", "LIMITUP_OCR_THREADS": "1"}


class Server(ServeProcess):
    """One `limitup serve` on a data directory with TEST_ENV; `env` overrides it."""

    def __init__(self, data_dir: Path, log_dir: Path, env: dict | None = None):
        super().__init__(data_dir, log_dir, env={**TEST_ENV, **(env or {})})
