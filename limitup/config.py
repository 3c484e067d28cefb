"""Configuration: the declared defaults (limitup/settings.py), then the environment, then a mapping.

Everything limitup writes lives under the data directory (LIMITUP_DATA_DIR, default ./var):
the SQLite database, stored images, and a generated secret key when none is given.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from limitup.files import private_directory, private_file
# ConfigError and PROJECT_ROOT are imported from here by callers.
from limitup.settings import PROJECT_ROOT, SETTINGS, ConfigError, from_environ, parse  # noqa: F401

# The app's config mapping starts from the declared defaults (limitup/settings.py); the two
# "process" settings are read where the OCR engine loads, so they are not part of it.
APP_SETTINGS = tuple(setting for setting in SETTINGS if setting.scope == "app")
DEFAULTS = {setting.key: setting.default for setting in APP_SETTINGS}


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
    for setting in APP_SETTINGS:
        value = environ.get(setting.variable) if setting.env else None
        if value not in (None, ""):
            config[setting.key] = value
    config.update(overrides or {})
    for setting in APP_SETTINGS:
        config[setting.key] = parse(setting, config[setting.key])
    for setting in SETTINGS:
        if setting.scope == "process":     # not kept here; checked so a bad one stops the start
            from_environ(setting.key, environ)
    return config


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
