"""Configuration: embedded defaults, then an instance file, then the environment, then a mapping.

Everything limitup writes lives under the data directory (LIMITUP_DATA_DIR, default ./var):
the SQLite database, stored images, and a generated secret key when none is given.
"""
from __future__ import annotations

import math
import os
import secrets
import tempfile
from pathlib import Path

from limitup.files import private_directory, private_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS = {
    "DATA_DIR": "var",
    "RULES_DIR": str(PROJECT_ROOT / "rules"),
    "MIGRATIONS_DIR": str(PROJECT_ROOT / "migrations"),
    "QUEUE_URL": None,
    "MAX_UPLOAD_BYTES": 15 * 1024 * 1024,
    "RETENTION_DAYS": 90,
    "UPLOAD_RATE_LIMIT": "30 per hour",
    "LIMIT_CHANGE_RATE_LIMIT": "60 per hour",
    "TOKEN_TTL_SECONDS": 30 * 24 * 3600,
    "OCR_ENGINE": "default",
    # How long a request holding an Idempotency-Key, or a processor holding a job, may be silent
    # before another may take over: after a crash, recovery waits at most this long.
    "IDEMPOTENCY_LEASE_SECONDS": 60,
    "JOB_LEASE_SECONDS": 120,
    # The Redis queue (docs/deploy.md, "Settings"), read by `limitup serve` and `limitup worker`.
    "QUEUE_HEARTBEAT_MS": 20000,          # a silent broker process is presumed dead after this
    "QUEUE_MAINTENANCE": 100000,          # per million broker calls that run redelivery
    "QUEUE_MAX_ATTEMPTS": 3,              # runs of one job before it is dead-lettered
    "QUEUE_TIME_LIMIT_MS": 300000,        # one OCR job may take this long
    "QUEUE_SWEEP_SECONDS": 30.0,          # how often `serve` looks for jobs that were lost
    "QUEUE_LOST_SECONDS": 120.0,          # a job neither pending nor applied is lost after this
    "QUEUE_PENDING_MAX_SECONDS": 6 * 3600.0,   # a job still pending after this is lost too
    "WORKER_HOLD_SECONDS": 0.0,           # test hook: a worker holds each result this long
    # Memory that decoding uploads may hold at once in one process, and how long an upload may
    # wait for it before it is answered 503 `busy` (limitup/ingest/budget.py, docs/intake.md).
    "DECODE_BUDGET_MB": 1024,
    "DECODE_WAIT_SECONDS": 30.0,
}

# Environment variables read, each LIMITUP_<KEY>.
ENV_KEYS = ("DATA_DIR", "SECRET_KEY", "QUEUE_URL", "RULES_DIR", "RETENTION_DAYS",
            "UPLOAD_RATE_LIMIT", "LIMIT_CHANGE_RATE_LIMIT", "OCR_ENGINE", "MAX_UPLOAD_BYTES",
            "IDEMPOTENCY_LEASE_SECONDS", "JOB_LEASE_SECONDS", "QUEUE_HEARTBEAT_MS",
            "QUEUE_MAINTENANCE", "QUEUE_MAX_ATTEMPTS", "QUEUE_TIME_LIMIT_MS", "QUEUE_SWEEP_SECONDS",
            "QUEUE_LOST_SECONDS", "QUEUE_PENDING_MAX_SECONDS", "WORKER_HOLD_SECONDS",
            "DECODE_BUDGET_MB", "DECODE_WAIT_SECONDS")
INT_KEYS = {"RETENTION_DAYS", "MAX_UPLOAD_BYTES", "TOKEN_TTL_SECONDS",
            "IDEMPOTENCY_LEASE_SECONDS", "JOB_LEASE_SECONDS", "QUEUE_HEARTBEAT_MS",
            "QUEUE_MAINTENANCE", "QUEUE_MAX_ATTEMPTS", "QUEUE_TIME_LIMIT_MS", "DECODE_BUDGET_MB"}
SECONDS_KEYS = {"QUEUE_SWEEP_SECONDS", "QUEUE_LOST_SECONDS", "QUEUE_PENDING_MAX_SECONDS",
                "WORKER_HOLD_SECONDS", "DECODE_WAIT_SECONDS"}
# Bounds, checked after parsing: a value out of them is refused at start, not clamped or
# discovered later (a sweep every 0 s would spin; a job allowed 0 attempts would never run).
POSITIVE_KEYS = {"QUEUE_HEARTBEAT_MS", "QUEUE_MAX_ATTEMPTS", "QUEUE_TIME_LIMIT_MS",
                 "QUEUE_SWEEP_SECONDS", "DECODE_BUDGET_MB", "MAX_UPLOAD_BYTES"}
NON_NEGATIVE_KEYS = {"QUEUE_MAINTENANCE", "QUEUE_LOST_SECONDS", "QUEUE_PENDING_MAX_SECONDS",
                     "WORKER_HOLD_SECONDS", "DECODE_WAIT_SECONDS"}


class ConfigError(Exception):
    """A configuration value is invalid; the message names the source and the key."""


def load_config(overrides: dict | None = None, environ: dict | None = None) -> dict:
    """Merge defaults, environment and overrides; make the data directory; fill the secret key."""
    config = read_settings(overrides, environ)
    data_dir = private_directory(Path(config["DATA_DIR"]).resolve())     # 0700
    config["DATA_DIR"] = str(data_dir)
    config.setdefault("DATABASE", str(data_dir / "limitup.db"))
    config.setdefault("IMAGES_DIR", str(data_dir / "images"))
    private_directory(config["IMAGES_DIR"])                               # 0700
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _stored_secret(data_dir)
    return config


def read_settings(overrides: dict | None = None, environ: dict | None = None) -> dict:
    """Defaults, then the environment, then overrides, every number parsed and checked; nothing
    written (no data directory, no secret key): for a caller that needs settings only."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for key in ENV_KEYS:
        value = environ.get(f"LIMITUP_{key}")
        if value not in (None, ""):
            config[key] = value
    config.update(overrides or {})
    for key in INT_KEYS:
        config[key] = _whole_number(key, config[key])
    for key in SECONDS_KEYS:
        config[key] = _seconds(key, config[key])
    for key in POSITIVE_KEYS:
        if config[key] <= 0:
            raise ConfigError(f"LIMITUP_{key}: expected more than 0, got {config[key]!r}")
    for key in NON_NEGATIVE_KEYS:
        if config[key] < 0:
            raise ConfigError(f"LIMITUP_{key}: expected 0 or more, got {config[key]!r}")
    return config


def _whole_number(key: str, value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"LIMITUP_{key}: expected a whole number, got {value!r}") from None


def _seconds(key: str, value) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds):      # nan would pass every bound check below
        raise ConfigError(f"LIMITUP_{key}: expected a number of seconds, got {value!r}")
    return seconds


def _stored_secret(data_dir: Path) -> str:
    """A random key kept in the data directory, so tokens and ID hashes survive restarts.

    Several processes may start on a fresh data directory at once: each writes a complete key
    to its own temporary file and links it into place, so the key file appears whole or not at
    all; the first link wins and every process reads the winner's key.
    """
    path = data_dir / "secret_key"
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=data_dir, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
                handle.flush()
                os.fsync(handle.fileno())
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process linked its key first; use that one
        finally:
            os.unlink(temporary)
    private_file(path)           # 0600 (mkstemp's), also where an older version left it open
    return path.read_text().strip()
