"""Per-user rate limits (flask-limiter) whose counters every server process shares.

The `limits` library has no SQLite storage; `SQLiteStorage` below is one (fixed-window
strategy), registered under the scheme `limitup-sqlite://<path>` by defining the subclass.
Counters live in `<data dir>/ratelimits.db`, apart from the main database so a burst of counting
never waits on a money write. With LIMITUP_QUEUE_URL=redis://... the counters go to Redis.
"""
from __future__ import annotations

import sqlite3
import threading
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits.storage import Storage

from limitup.api.security import principal_from_request

SCHEME = "limitup-sqlite"


class SQLiteStorage(Storage):
    """Fixed-window counters in one SQLite table; safe across threads and processes."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.path = uri.split("://", 1)[1]
        self._local = threading.local()
        with self._transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY,"
                         " count INTEGER NOT NULL, expires_at REAL NOT NULL)")

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")   # counters, not money
            self._local.conn = conn
        return conn

    def _transaction(self):
        storage = self

        class _Tx:
            def __enter__(self):
                self.conn = storage._conn()
                self.conn.execute("BEGIN IMMEDIATE")
                return self.conn

            def __exit__(self, kind, *_):
                self.conn.execute("ROLLBACK" if kind else "COMMIT")
        return _Tx()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._transaction() as conn:
            conn.execute("DELETE FROM counters WHERE key = ? AND expires_at <= ?", [key, now])
            conn.execute("INSERT INTO counters (key, count, expires_at) VALUES (?, ?, ?)"
                         " ON CONFLICT (key) DO UPDATE SET count = count + excluded.count",
                         [key, amount, now + expiry])
            return conn.execute("SELECT count FROM counters WHERE key = ?", [key]).fetchone()[0]

    def get(self, key: str) -> int:
        row = self._conn().execute("SELECT count FROM counters WHERE key = ? AND expires_at > ?",
                                   [key, time.time()]).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._conn().execute("SELECT expires_at FROM counters WHERE key = ?"
                                   " AND expires_at > ?", [key, time.time()]).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._conn().execute("SELECT 1")
            return True
        except sqlite3.Error:
            return False

    def reset(self) -> int | None:
        with self._transaction() as conn:
            return conn.execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM counters WHERE key = ?", [key])


def rate_limit_key() -> str:
    """Per user: the API token's user id, or the web session's signed-in user (the same key, so
    the API and the web form count against one budget); a request from nobody counts per
    address (it is answered 401 or sent to sign in anyway)."""
    principal = principal_from_request()
    if principal is not None:
        return f"user:{principal['user_id']}"
    from limitup.web.auth_session import current_user
    user = current_user()
    if user is not None:
        return f"user:{user['id']}"
    return f"addr:{request.remote_addr}"


def storage_uri(config: dict) -> str:
    queue_url = config.get("QUEUE_URL") or ""
    if queue_url.startswith("redis://"):
        return queue_url
    return f"{SCHEME}://{config['DATA_DIR']}/ratelimits.db"


def init_limiter(app: Flask) -> Limiter:
    """The app's one limiter (the web form and the API both call this; the first creates it)."""
    if "limitup.limiter" in app.extensions:
        return app.extensions["limitup.limiter"]
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app.config))
    app.config.setdefault("RATELIMIT_STRATEGY", "fixed-window")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Registered before the limiter's own header hook, so it runs after it (Flask runs
    # after_request hooks last-registered first).
    app.after_request(_retry_after_only_when_refused)
    limiter = Limiter(rate_limit_key, app=app, default_limits=[])
    app.extensions["limitup.limiter"] = limiter
    return limiter


def _retry_after_only_when_refused(response):
    """flask-limiter puts Retry-After on every answer of a limited endpoint; it means "come
    back later" (RFC 9110), so only a refusal (429, 503) carries it. X-RateLimit-* stay."""
    if response.status_code < 400:
        response.headers.pop("Retry-After", None)
    return response


def limit_endpoint(app: Flask, limiter: Limiter, endpoint: str, config_key: str,
                   methods: list[str]) -> None:
    """Wrap one registered view with the limit named by an app.config key (read per request,
    so tests and operators can change it). The counters are per key and config key, not per
    endpoint: every view wrapped with the same config key (the API's and the web form's upload)
    draws on one shared budget per user."""
    view = app.view_functions[endpoint]
    app.view_functions[endpoint] = limiter.shared_limit(
        lambda: current_app.config[config_key], methods=methods,
        scope=config_key.lower())(view)
