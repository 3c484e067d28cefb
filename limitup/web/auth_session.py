"""Who is signed in to the pages: a bearer token opens a session cookie, roles guard the views.

A session keeps what its token allowed and no more (issue 21):
- `expires_at`: the token's own expiry. The session ends then (checked on every request, and
  the cookie's Expires is no later), however long PERMANENT_SESSION_LIFETIME is.
- `generation`: the user's `users.session_generation` when the session began. Logout advances
  it, so every cookie of that user issued before, a copied one included, stops working.
Roles are checked with `limitup.auth.may_review`, the function the API uses too.
"""
from __future__ import annotations

import time
from functools import wraps

from flask import abort, redirect, request, session, url_for

from limitup.auth import may_review
from limitup.db import write
from limitup.store import get_db


def sign_in(user_id: int, role: str, expires_at: float) -> bool:
    """Start a session for a token's claims; False (and no session) if the user is gone."""
    generation = _generation(user_id)
    language = session.get("lang")
    session.clear()  # a fresh session: nothing of a previous visitor survives (fixation)
    if hasattr(request, "limitup_web_user"):
        del request.limitup_web_user
    if language:
        session["lang"] = language
    if generation is None:
        return False
    session.permanent = True
    session["user_id"] = user_id
    session["role"] = role
    session["expires_at"] = float(expires_at)
    session["generation"] = generation
    return True


def sign_out() -> None:
    """End this session and every other of the same user (the generation moves on)."""
    user_id = session.get("user_id")
    if user_id is not None:
        with write(get_db()) as conn:
            conn.execute("UPDATE users SET session_generation = session_generation + 1"
                         " WHERE id = ?", [int(user_id)])
    _forget()


def _forget() -> None:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    request.limitup_web_user = None


def _generation(user_id: int) -> int | None:
    row = get_db().execute("SELECT session_generation FROM users WHERE id = ?",
                           [user_id]).fetchone()
    return None if row is None else row[0]


def current_user() -> dict | None:
    """{"id", "name", "role"} of the signed-in user, or None; read once per request."""
    # Cached on the request (not g: an app context may outlive one request, as in tests).
    if not hasattr(request, "limitup_web_user"):
        request.limitup_web_user = _load_user()
    return request.limitup_web_user


def _load_user() -> dict | None:
    user_id = session.get("user_id")
    if user_id is None:
        return None
    expires_at, generation = session.get("expires_at"), session.get("generation")
    # A cookie from before sessions kept these has neither: it is as good as expired.
    if not isinstance(expires_at, (int, float)) or expires_at <= time.time():
        _forget()
        return None
    row = get_db().execute("SELECT id, name, session_generation FROM users WHERE id = ?",
                           [int(user_id)]).fetchone()
    if row is None or row[2] != generation:   # user removed, or signed out since
        _forget()
        return None
    return {"id": row[0], "name": row[1], "role": session.get("role", "user")}


def session_expiry() -> float | None:
    """When the current session's token expires (Unix seconds), for the cookie's Expires."""
    value = session.get("expires_at")
    return float(value) if isinstance(value, (int, float)) else None


def is_reviewer(user: dict | None) -> bool:
    return bool(user) and may_review(user["role"])


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("web.login"))
        return view(*args, **kwargs)
    return wrapped


def reviewer_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        user = current_user()
        if user is None:
            return redirect(url_for("web.login"))
        if not is_reviewer(user):
            abort(403)
        return view(*args, **kwargs)
    return wrapped
