"""Once-only upload tokens: a form's hidden token maps to the credential its first POST made.

A double tap, a resubmitted form or a retried POST with the same token lands on the first
credential instead of creating a second. The map is kept in the serving process (waitress runs
one process with threads), guarded by a lock; a token is claimed before the work starts, so two
simultaneous POSTs cannot both pass. Entries older than a day are dropped.
"""
from __future__ import annotations

import threading
import time

TTL_SECONDS = 24 * 3600
PENDING = "pending"


class UploadTokens:
    def __init__(self):
        self._lock = threading.Lock()
        self._claims: dict[tuple[int, str], tuple[float, object]] = {}

    def claim(self, user_id: int, token: str):
        """None when the token is new (now claimed); else the credential id or PENDING."""
        key = (user_id, token)
        with self._lock:
            self._expire(time.monotonic())
            held = self._claims.get(key)
            if held is not None:
                return held[1]
            self._claims[key] = (time.monotonic(), PENDING)
            return None

    def settle(self, user_id: int, token: str, credential_id: int) -> None:
        with self._lock:
            self._claims[(user_id, token)] = (time.monotonic(), credential_id)

    def release(self, user_id: int, token: str) -> None:
        """The first attempt failed before anything was stored: the same form may try again."""
        with self._lock:
            self._claims.pop((user_id, token), None)

    def _expire(self, now: float) -> None:
        stale = [key for key, (at, _) in self._claims.items() if now - at > TTL_SECONDS]
        for key in stale:
            del self._claims[key]


def upload_tokens(app) -> UploadTokens:
    return app.extensions.setdefault("limitup.web.upload_tokens", UploadTokens())
