"""SQLite storage: connection settings, numbered SQL migrations, and safe write transactions."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from limitup.files import private_database
from limitup.hanzi import fold_name

BUSY_TIMEOUT_MS = 30_000


def connect(path: str) -> sqlite_utils.Database:
    """Open the database with WAL, foreign keys and a busy timeout.

    isolation_level=None: we issue BEGIN ourselves (see `write`), so Python never opens
    a deferred transaction behind our back.
    """
    private_database(path)        # 0600 before SQLite makes its -wal and -shm files from it
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # SQL can call fold_name (a migration folds the stored holder keys with it).
    conn.create_function("fold_name", 1, fold_name, deterministic=True)
    return sqlite_utils.Database(conn)


@contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

    Taking the lock at BEGIN means two writers never both read, then both try to upgrade:
    the second waits (busy timeout) instead of failing with a deadlock.
    """
    conn = db.conn
    if conn.in_transaction:
        # Nested use joins the open transaction: the outermost block commits or rolls back.
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def migration_files(migrations_dir: str) -> list[Path]:
    """Migration files named NNNN_description.sql, in number order."""
    files = sorted(Path(migrations_dir).glob("[0-9][0-9][0-9][0-9]_*.sql"))
    numbers = [f.name[:4] for f in files]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"{migrations_dir}: two migrations share a number: {numbers}")
    return files


def migrate(db: sqlite_utils.Database, migrations_dir: str) -> list[dict]:
    """Apply every migration not yet recorded, each in its own transaction; return them all."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations ("
               "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (datetime('now')))")
    for path in migration_files(migrations_dir):
        with write(db) as conn:
            done = conn.execute("SELECT 1 FROM _migrations WHERE name = ?", [path.name]).fetchone()
            if done:
                continue
            for statement in _statements(path.read_text()):
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name) VALUES (?)", [path.name])
    return applied(db)


def applied(db: sqlite_utils.Database) -> list[dict]:
    return [dict(row) for row in db.query("SELECT name, applied_at FROM _migrations ORDER BY name")]


def _statements(sql: str) -> list[str]:
    """Split a migration into complete statements (triggers contain inner semicolons)."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
