"""Stored images: random names, atomic writes, a directory outside any web root.

The caller passes `<data dir>/images`. A stored name is exactly 32 lowercase hex characters and
".jpg"; `load_stored` refuses anything else, so no user-supplied string ever becomes a path.
"""
from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path

from limitup.errors import LimitupError, NotFound
from limitup.files import private_directory

STORED_NAME = re.compile(r"\A[0-9a-f]{32}\.jpg\Z")


def store_image(ingested, images_dir) -> str:
    """Write `ingested.stored_bytes` under a fresh random name; return that name."""
    directory = private_directory(images_dir)      # 0700, also when an older version made it
    name = f"{secrets.token_hex(16)}.jpg"
    write_atomically(directory / name, ingested.stored_bytes, temp_prefix=".incoming-")
    return name


def write_atomically(path: Path, data: bytes, *, temp_prefix: str) -> None:
    """Write `data` at `path` (mode 0600) through a temporary file in the same directory, fsync
    and os.replace: a reader sees the old file or the new one, never half of one."""
    fd, temp_path = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_path, 0o600)
        os.replace(temp_path, path)
    except BaseException:
        _remove_quietly(temp_path)
        raise
    _fsync_directory(path.parent)


def load_stored(images_dir, name: str) -> bytes:
    path = stored_path(images_dir, name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound("no stored image with that name")


def stored_path(images_dir, name: str) -> Path:
    """The path of a stored image; refuses anything that is not a name `store_image` made."""
    if not isinstance(name, str) or not STORED_NAME.match(name):
        raise LimitupError("not a stored image name", code="invalid_request", status=400)
    return Path(images_dir) / name


def is_stored_name(name) -> bool:
    return isinstance(name, str) and bool(STORED_NAME.match(name))


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (an acknowledged upload must survive a crash)."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
