"""Idempotency-Key (IETF httpapi draft) for the API's writes, per user, stored in SQLite.

- same key, same request  -> the first response replayed (status, body, Location/ETag), with
  `Idempotent-Replayed: true`;
- same key, other request -> 422 `idempotency_key_reused`;
- first still running     -> 409 `idempotency_in_flight`.

Two ways to run the view (issue 21, item 10):

- `@idempotent` (atomic, the default): the key's record, the view's writes and the answer are
  one BEGIN IMMEDIATE transaction. A process that dies anywhere in it leaves nothing, neither
  the change nor the key, so the retry runs once, for real, and answers what the change
  answers; there is no moment where the change is committed and its answer not recorded. A
  view that fails rolls back to a savepoint before its answer is recorded (its half-done writes
  never commit). For short views only: the write lock is held while the view runs.
- `@idempotent(atomic=False)` (uploads: they read and re-encode a photo and may wait for a
  decision, too long to hold the write lock): "in flight" is a row with a lease taken in its own
  transaction, so it holds across server processes; a request that died leaves a lease that
  expires (IDEMPOTENCY_LEASE_SECONDS), after which a retry runs again. The view must then be
  safe to run again itself: an upload finds its credential by the key (`upload_key`).

5xx answers are not kept (the retry should run again); every other answer is. Keys are kept
IDEMPOTENCY_TTL_SECONDS (default 24 h). The role check runs before this layer (a blueprint
before_request), so a refused request never takes or records a key.
"""
from __future__ import annotations

import functools
import hashlib
import json
import secrets
import time

from flask import Response, current_app, make_response, request

from limitup.api import problems
from limitup.api.security import current_user_id
from limitup.db import write
from limitup.errors import Conflict, LimitupError
from limitup.ids import mask_ids_in_text
from limitup.store import get_db

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEPT_HEADERS = ("Location", "ETag", "Content-Type")
IGNORED_QUERY = {"wait"}           # how long to wait does not change what is asked
DEFAULT_LEASE_SECONDS = 60
DEFAULT_TTL_SECONDS = 24 * 3600


def idempotent(view=None, *, atomic: bool = True):
    """Decorate a write view: with an Idempotency-Key header it runs at most once per key."""
    if view is None:
        return functools.partial(idempotent, atomic=atomic)

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not 1 <= len(key) <= 255:
            raise LimitupError("Idempotency-Key must be 1 to 255 characters",
                               code="invalid_request")
        run = _run_atomic if atomic else _run_leased
        return run(get_db(), current_user_id(), key, fingerprint(),
                   lambda: view(*args, **kwargs))
    return wrapper


def _run_atomic(db, user_id: int, key: str, request_fingerprint: str, call) -> Response:
    with write(db) as conn:
        stored, owner = begin(db, user_id, key, request_fingerprint)
        if stored is not None:
            return stored
        conn.execute("SAVEPOINT idempotent_view")
        try:
            response = make_response(call())
        except Exception as error:  # the problem answer is what the client gets: keep it
            conn.execute("ROLLBACK TO idempotent_view")
            response = problems.from_exception(error)
        conn.execute("RELEASE idempotent_view")
        if response.status_code >= 500:
            release(db, user_id, key, owner)
        else:
            complete(db, user_id, key, owner, response)
    return response


def _run_leased(db, user_id: int, key: str, request_fingerprint: str, call) -> Response:
    stored, owner = begin(db, user_id, key, request_fingerprint)
    if stored is not None:
        return stored
    try:
        response = make_response(call())
    except Exception as error:  # the problem answer is what the client got: keep it
        response = problems.from_exception(error)
    if response.status_code >= 500:
        release(db, user_id, key, owner)
    else:
        complete(db, user_id, key, owner, response)
    return response


def fingerprint() -> str:
    """What the request asks for: method, path, query (less `wait`) and body content.

    A multipart body is fingerprinted by its fields and files' content, not its raw bytes, so
    the same photo sent again with another multipart boundary is the same request.
    """
    digest = hashlib.sha256()
    query = sorted((k, v) for k, v in request.args.items(multi=True) if k not in IGNORED_QUERY)
    digest.update(json.dumps([request.method, request.path, query]).encode())
    if request.mimetype == "multipart/form-data":
        digest.update(json.dumps(sorted(request.form.items(multi=True))).encode())
        for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
            content = upload.stream.read()
            upload.stream.seek(0)
            digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    else:
        body = request.get_data(cache=True)
        try:
            body = json.dumps(json.loads(body), sort_keys=True).encode()
        except ValueError:
            pass
        digest.update(body)
    return digest.hexdigest()


def begin(db, user_id: int, key: str, request_fingerprint: str) -> tuple[Response | None, str]:
    """(the stored response to replay, or None; the lease owner token for this request)."""
    now = time.time()
    owner = secrets.token_hex(8)
    lease = current_app.config.get("IDEMPOTENCY_LEASE_SECONDS", DEFAULT_LEASE_SECONDS)
    ttl = current_app.config.get("IDEMPOTENCY_TTL_SECONDS", DEFAULT_TTL_SECONDS)
    with write(db) as conn:
        row = conn.execute(
            "SELECT fingerprint, state, lease_until, status, headers, body, expires_at"
            " FROM idempotency_keys WHERE user_id = ? AND key = ?", [user_id, key]).fetchone()
        if row is not None and row[6] > now:
            fingerprint_, state, lease_until, status, headers, body, _ = row
            if fingerprint_ != request_fingerprint:
                raise Conflict("this Idempotency-Key was already used for another request",
                               code="idempotency_key_reused", status=422)
            if state == "done":
                return _replay(status, headers, body), owner
            if lease_until > now:
                raise Conflict("a request with this Idempotency-Key is still being processed;"
                               " retry in a moment", code="idempotency_in_flight", status=409)
            # The first holder died (its lease ran out): this request takes the key over.
        conn.execute(
            "INSERT INTO idempotency_keys (user_id, key, fingerprint, state, owner, lease_until,"
            " created_at, expires_at) VALUES (?, ?, ?, 'in_flight', ?, ?, ?, ?)"
            " ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,"
            " state = 'in_flight', owner = excluded.owner, lease_until = excluded.lease_until,"
            " status = NULL, headers = NULL, body = NULL, created_at = excluded.created_at,"
            " expires_at = excluded.expires_at",
            [user_id, key, request_fingerprint, owner, now + lease, now, now + ttl])
    return None, owner


def complete(db, user_id: int, key: str, owner: str, response: Response) -> None:
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    with write(db) as conn:
        # Only the lease holder records; a holder whose lease was taken over stays silent.
        conn.execute(
            "UPDATE idempotency_keys SET state = 'done', status = ?, headers = ?, body = ?"
            " WHERE user_id = ? AND key = ? AND owner = ? AND state = 'in_flight'",
            [response.status_code, json.dumps(headers), _stored_body(response), user_id, key,
             owner])


def _stored_body(response: Response) -> bytes:
    """The answer as kept for replays, with any ID number masked: an error message may quote a
    number from the request itself, and nothing stored holds one in clear (SPEC 7)."""
    body = response.get_data()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return body
    return mask_ids_in_text(text).encode("utf-8")


def release(db, user_id: int, key: str, owner: str) -> None:
    with write(db) as conn:
        conn.execute("DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND owner = ?"
                     " AND state = 'in_flight'", [user_id, key, owner])


def purge_expired(db, now: float | None = None) -> int:
    with write(db) as conn:
        return conn.execute("DELETE FROM idempotency_keys WHERE expires_at < ?",
                            [now or time.time()]).rowcount


def _replay(status: int, headers_json: str, body: bytes) -> Response:
    response = Response(body, status=status)
    for name, value in json.loads(headers_json or "{}").items():
        response.headers[name] = value
    response.headers[REPLAYED_HEADER] = "true"
    return response
