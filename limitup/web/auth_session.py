"""Who is signed in to the pages: a bearer token opens a session cookie, roles guard the views."""
from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for

from limitup import accounts
from limitup.errors import NotFound
from limitup.store import get_db

REVIEWER_ROLES = ("reviewer", "operator")


def sign_in(user_id: int, role: str) -> None:
    language = session.get("lang")
    session.clear()  # a fresh session: nothing of a previous visitor survives (fixation)
    session.permanent = True
    session["user_id"] = user_id
    session["role"] = role
    if language:
        session["lang"] = language
    if hasattr(request, "limitup_web_user"):
        del request.limitup_web_user


def sign_out() -> None:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    request.limitup_web_user = None


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
    try:
        user = accounts.get_user(get_db(), int(user_id))
    except NotFound:  # the user was removed since: the session no longer means anything
        sign_out()
        return None
    return {"id": user["id"], "name": user["name"], "role": session.get("role", "user")}


def is_reviewer(user: dict | None) -> bool:
    return bool(user) and user["role"] in REVIEWER_ROLES


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
