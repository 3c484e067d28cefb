"""Bearer authentication and roles for /api/v1.

`authenticate()` runs before every protected view (blueprint before_request); the principal it
finds is `g.principal = {"user_id", "role"}`. A token for a user who no longer exists is as
good as no token. Roles: user < reviewer, operator (each role sees its own endpoints; every
principal also has its own account endpoints). Who may review or operate is decided by
`limitup.auth.may_review` / `may_operate`, the same functions the web console uses.
"""
from __future__ import annotations

import functools

from flask import current_app, g, request

from limitup import accounts
from limitup.auth import Unauthorized, may_operate, may_review, read_token
from limitup.errors import LimitupError, NotFound
from limitup.store import get_db

SCHEME = "bearerAuth"


class Forbidden(LimitupError):
    code = "forbidden"
    status = 403


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    kind, _, token = header.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def principal_from_request() -> dict | None:
    """The token's claims, or None; no database access (the rate limiter's key uses this)."""
    token = bearer_token()
    if token is None:
        return None
    try:
        return read_token(token, current_app.config["SECRET_KEY"])
    except Unauthorized:
        return None


def authenticate() -> None:
    token = bearer_token()
    if token is None:
        raise Unauthorized("send Authorization: Bearer <token> (limitup token USER_ID)")
    claims = read_token(token, current_app.config["SECRET_KEY"])
    try:
        accounts.get_user(get_db(), claims["user_id"])
    except NotFound:
        raise Unauthorized("the token is not valid") from None
    g.principal = claims


def current_user_id() -> int:
    return g.principal["user_id"]


def check_role(allowed, role_name: str) -> None:
    """Forbidden unless `allowed(role)`; runs before the view and before the Idempotency-Key
    layer (see `guarded`), so a refused request never takes or records a key."""
    if not allowed(g.principal["role"]):
        raise Forbidden(f"this needs the role {role_name}")


def require_review() -> None:
    check_role(may_review, "reviewer")


def require_operator() -> None:
    check_role(may_operate, "operator")
