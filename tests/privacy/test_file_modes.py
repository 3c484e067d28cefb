"""Only limitup's own user can read what it writes: the data and images directories 0700, the
database and its -wal and -shm files 0600, also where an older version left them open
(issue 21, item 12)."""
from __future__ import annotations

import os
import stat

from limitup import create_app
from limitup.store import get_db
from tests.conftest import run_cli
from tests.verify.dbkit import add_user, ingested
from tests.fixtures import queued_credential


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def modes(data_dir) -> dict:
    names = ["", "images", "limitup.db", "limitup.db-wal", "limitup.db-shm", "secret_key"]
    return {name or ".": mode(data_dir / name) for name in names if (data_dir / name).exists()}


PRIVATE = {".": 0o700, "images": 0o700, "limitup.db": 0o600, "limitup.db-wal": 0o600,
           "limitup.db-shm": 0o600, "secret_key": 0o600}


def test_a_fresh_data_directory_is_private(tmp_path):
    previous = os.umask(0o022)            # the usual umask: 755 directories, 644 files
    try:
        data_dir = tmp_path / "data"
        app = create_app({"DATA_DIR": str(data_dir)})
        with app.app_context():
            user = add_user("张三", "32021119880415517")
            queued_credential(get_db(), user, ingested(3))
            assert modes(data_dir) == PRIVATE      # while the connection is open: WAL and SHM
            images = os.listdir(data_dir / "images")
            assert images and all(mode(data_dir / "images" / name) == 0o600 for name in images)
    finally:
        os.umask(previous)


def test_what_an_older_version_left_open_is_closed(tmp_path):
    data_dir = tmp_path / "data"
    assert run_cli("migrate", data_dir=data_dir).returncode == 0
    (data_dir / "images").mkdir(exist_ok=True)
    for name in ("", "images"):
        os.chmod(data_dir / name, 0o755)
    for name in ("limitup.db", "secret_key"):
        os.chmod(data_dir / name, 0o644)
    for name in ("limitup.db-wal", "limitup.db-shm"):
        (data_dir / name).touch()
        os.chmod(data_dir / name, 0o644)
    result = run_cli("migrate", data_dir=data_dir)        # any command opens the data dir
    assert result.returncode == 0, result.stderr
    found = modes(data_dir)
    assert {name: found[name] for name in (".", "images", "limitup.db", "secret_key")} == {
        ".": 0o700, "images": 0o700, "limitup.db": 0o600, "secret_key": 0o600}
    assert all(found[name] == 0o600 for name in ("limitup.db-wal", "limitup.db-shm")
               if name in found)


def test_opening_another_connection_keeps_the_write_lock_of_this_process(tmp_path):
    """Closing any descriptor of a file drops all of this process's POSIX locks on it: making a
    database private must not open the existing file, or a second connection (a request beside
    the embedded worker) frees the first one's write lock and another process writes through it."""
    import sqlite3
    import subprocess
    import sys

    from limitup.db import connect
    path = tmp_path / "limitup.db"
    first = connect(str(path))
    first.conn.execute("CREATE TABLE t (x)")
    first.conn.execute("BEGIN IMMEDIATE")
    first.conn.execute("INSERT INTO t VALUES (1)")
    connect(str(path))                       # a second connection of this process
    other = subprocess.run(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
         "try:\n    c.execute('BEGIN IMMEDIATE'); print('wrote')\n"
         "except sqlite3.OperationalError as e:\n    print(e)", str(path)],
        capture_output=True, text=True, timeout=30)
    assert other.stdout.strip() == "database is locked"
    first.conn.execute("COMMIT")
    assert sqlite3.connect(str(path)).execute("SELECT count(*) FROM t").fetchone() == (1,)
