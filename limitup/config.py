"""Configuration: embedded defaults, then an instance file, then the environment, then a mapping.

Everything limitup writes lives under the data directory (LIMITUP_DATA_DIR, default ./var):
the SQLite database, stored images, and a generated secret key when none is given.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

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
}

# Environment variables read, each LIMITUP_<KEY>.
ENV_KEYS = ("DATA_DIR", "SECRET_KEY", "QUEUE_URL", "RULES_DIR", "RETENTION_DAYS",
            "UPLOAD_RATE_LIMIT", "LIMIT_CHANGE_RATE_LIMIT", "OCR_ENGINE", "MAX_UPLOAD_BYTES",
            "IDEMPOTENCY_LEASE_SECONDS", "JOB_LEASE_SECONDS")
INT_KEYS = {"RETENTION_DAYS", "MAX_UPLOAD_BYTES", "TOKEN_TTL_SECONDS",
            "IDEMPOTENCY_LEASE_SECONDS", "JOB_LEASE_SECONDS"}


class ConfigError(Exception):
    """A configuration value is invalid; the message names the source and the key."""


def load_config(overrides: dict | None = None, environ: dict | None = None) -> dict:
    """Merge defaults, environment and overrides; make the data directory; fill the secret key."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for key in ENV_KEYS:
        value = environ.get(f"LIMITUP_{key}")
        if value not in (None, ""):
            config[key] = value
    config.update(overrides or {})
    for key in INT_KEYS:
        try:
            config[key] = int(config[key])
        except (TypeError, ValueError):
            raise ConfigError(f"LIMITUP_{key}: expected a whole number, got {config[key]!r}")
    data_dir = Path(config["DATA_DIR"]).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    config["DATA_DIR"] = str(data_dir)
    config.setdefault("DATABASE", str(data_dir / "limitup.db"))
    config.setdefault("IMAGES_DIR", str(data_dir / "images"))
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _stored_secret(data_dir)
    return config


def _stored_secret(data_dir: Path) -> str:
    """A random key kept in the data directory, so tokens and ID hashes survive restarts."""
    path = data_dir / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
