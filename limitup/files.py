"""Private files: what limitup writes is readable by its own user only (SPEC 7, docs/privacy.md).

The data directory and the images directory are 0700, the database and its -wal and -shm files
0600, whatever the process's umask and however an earlier version left them. SQLite gives the
-wal and -shm files the mode of the database file, so the database file is made 0600 before
SQLite first opens it.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_directory(path) -> Path:
    """Make `path` (and missing parents) and set it to 0700; the path."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIRECTORY_MODE)
    _set_mode(path, DIRECTORY_MODE)
    return path


def private_database(path) -> None:
    """The SQLite file at `path` (made empty when missing) and its companions set to 0600."""
    if not path or str(path) == ":memory:" or str(path).startswith("file:"):
        return
    # Create it only when missing, and never open an existing database file here: closing any
    # descriptor of a file drops every POSIX lock this process holds on it, so opening and
    # closing the file while another connection of this process is inside a transaction breaks
    # SQLite's locking (seen as "disk I/O error" in the embedded worker). chmod takes no lock.
    if not os.path.exists(path):
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
        except FileExistsError:
            pass          # another process made it in between
        except OSError:
            return        # SQLite will say what is wrong with the path, in its own words
    for name in [str(path)] + [str(path) + suffix for suffix in SQLITE_COMPANIONS]:
        private_file(name)


def private_file(path) -> None:
    """Set an existing file to 0600 (nothing when it is not there)."""
    if os.path.exists(path):
        _set_mode(Path(path), FILE_MODE)


def _set_mode(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except PermissionError:
        pass              # not ours (a directory an operator shares on purpose): leave it
