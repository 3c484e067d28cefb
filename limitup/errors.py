"""One error type for everything a caller can get wrong; each carries a reason code.

The CLI prints `Error: <message>` and exits non-zero; the API answers problem+json with
`code`; nothing a user does produces a traceback.
"""
from __future__ import annotations


class LimitupError(Exception):
    code = "invalid_request"
    status = 422

    def __init__(self, message: str, code: str | None = None, status: int | None = None):
        super().__init__(message)
        if code:
            self.code = code
        if status:
            self.status = status


class NotFound(LimitupError):
    code = "not_found"
    status = 404


class Conflict(LimitupError):
    code = "conflict"
    status = 409
