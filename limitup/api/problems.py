"""RFC 9457 problem details: every error under /api/v1 is `application/problem+json` with the
SPEC reason code in `code`.

Errors come from three places and all end here: our own LimitupError (code and status chosen
by the domain), Werkzeug/Flask HTTP exceptions (404, 405, 413, 429 from flask-limiter, ...),
and webargs validation (422, code `invalid_request`, the field messages under `errors`).
Anything else is a bug: 500 `internal_error`, logged with its traceback, never shown.
"""
from __future__ import annotations

import errno
import math
import os
import sqlite3
import time

from flask import Response, current_app, json, request
from werkzeug.exceptions import HTTPException

from limitup.errors import LimitupError

PROBLEM_TYPE_PREFIX = "urn:limitup:problem:"
MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/v1"

# Reason codes for the HTTP errors Flask/Werkzeug raise themselves.
HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict",
    412: "version_mismatch", 413: "too_large", 415: "unsupported_media_type",
    422: "invalid_request", 428: "precondition_required", 429: "rate_limited",
    500: "internal_error", 503: "unavailable",
}


def is_api_request() -> bool:
    return request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/")


def problem(status: int, code: str, detail: str, *, title: str | None = None,
            errors: dict | None = None, headers: dict | None = None) -> Response:
    body = {"type": PROBLEM_TYPE_PREFIX + code, "title": title or _title(status),
            "status": status, "detail": detail, "code": code}
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def from_exception(error: Exception) -> Response:
    """The problem response for any exception raised while serving an API request."""
    if isinstance(error, LimitupError):
        return problem(error.status, error.code, str(error))
    if isinstance(error, HTTPException):
        return _from_http(error)
    storage = storage_problem(error)
    if storage is not None:
        return storage
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, "internal_error", "the server failed to answer this request; "
                   "it has been logged")


# A full disk (or quota) while writing a file, or SQLite unable to write its database, WAL or
# shared-memory file: the service is unavailable for writes until space is freed, not broken.
STORAGE_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
SQLITE_FULL, SQLITE_IOERR = 13, 10
STORAGE_RETRY_AFTER_SECONDS = 60


def storage_failure(error: BaseException) -> str | None:
    """'storage_full' / 'storage_unavailable' when the error is the disk's, else None."""
    if isinstance(error, OSError) and error.errno in STORAGE_ERRNOS:
        return "storage_full"
    if isinstance(error, sqlite3.OperationalError):
        primary = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        if primary == SQLITE_FULL or "database or disk is full" in str(error):
            return "storage_full"
        if primary == SQLITE_IOERR:   # e.g. the -shm file cannot grow: full when no space left
            return "storage_full" if _no_space_left() else "storage_unavailable"
    return None


def storage_problem(error: BaseException) -> Response | None:
    """503 problem+json (with Retry-After) for a storage failure; None for anything else."""
    code = storage_failure(error)
    if code is None:
        return None
    current_app.logger.error("%s on %s %s: %s", code, request.method, request.path, error)
    detail = ("the server's storage is full; nothing was changed, retry later"
              if code == "storage_full" else
              "the server cannot write to its storage; nothing was changed, retry later")
    return problem(503, code, detail,
                   headers={"Retry-After": str(STORAGE_RETRY_AFTER_SECONDS)})


def _no_space_left() -> bool:
    try:
        stats = os.statvfs(current_app.config["DATA_DIR"])
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def _from_http(error: HTTPException) -> Response:
    status = error.code or 500
    code = HTTP_CODES.get(status, "http_error")
    detail = error.description or _title(status)
    errors = None
    data = getattr(error, "data", None) or {}
    if data.get("messages"):             # webargs validation: {location: {field: [msg]}}
        code, errors = "invalid_request", data["messages"]
        detail = "the request is not valid: " + _summary(errors)
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(sorted(error.valid_methods))
    if status == 429:
        headers["Retry-After"] = str(retry_after_seconds())
        detail = f"too many requests: {error.description}; retry after {headers['Retry-After']} s"
    return problem(status, code, detail, errors=errors, headers=headers)


def retry_after_seconds() -> int:
    """Seconds until the breached rate-limit window resets (at least 1)."""
    limiter = current_app.extensions.get("limitup.limiter")
    limit = limiter.current_limit if limiter is not None else None
    if limit is None:
        return 60
    return max(1, math.ceil(limit.reset_at - time.time()))


def _summary(messages) -> str:
    parts = []
    for location, fields in messages.items():
        if isinstance(fields, dict):
            for name, msgs in fields.items():
                text = "; ".join(m if isinstance(m, str) else json.dumps(m) for m in
                                 (msgs if isinstance(msgs, list) else [msgs]))
                parts.append(f"{name}: {text}")
        else:
            parts.append(f"{location}: {fields}")
    return ", ".join(parts) or "invalid input"


def _title(status: int) -> str:
    from http import HTTPStatus
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"
