"""The server-rendered web form (SPEC 6): sign in, upload, credential status, limit, review.

Pages are Jinja templates in Simplified Chinese (English by choice), usable on a phone and
without JavaScript; static/app.js only adds progress, a live amount and a double-submit guard.
`init_app(app)` registers the blueprint and the page safety (CSRF, cookies, CSP).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from flask import Blueprint, Flask, abort, current_app, jsonify, render_template
from flask_wtf.csrf import CSRFError

from limitup.clock import iso
from limitup.store import get_db
from limitup.web import i18n
from limitup.web.auth_session import current_user, is_reviewer
from limitup.web.formatting import local_time, yuan
from limitup.web.security import init_security, keep_visitor_cookie

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web-static")
bp.add_app_template_filter(yuan, "yuan")
bp.add_app_template_filter(local_time, "local_time")


def init_app(app: Flask) -> None:
    init_security(app)
    app.register_blueprint(bp)
    # The API's per-user upload limit, on the same counters (limitup.api.ratelimit).
    from limitup.api.ratelimit import init_limiter, limit_endpoint
    limit_endpoint(app, init_limiter(app), "web.upload_post", "UPLOAD_RATE_LIMIT", ["POST"])


@bp.get("/healthz")
def healthz():
    get_db().execute("SELECT 1")
    return jsonify({"status": "ok"})


@bp.app_context_processor
def _page_globals():
    user = current_user()
    return {"t": i18n.t, "lang": i18n.current_language(),
            "html_lang": i18n.HTML_LANG[i18n.current_language()],
            "user": user, "is_reviewer": is_reviewer(user)}


def error_page(status: int, key: str, **values):
    return render_template("error.html", message=i18n.t(key, **values), status=status), status


@bp.url_value_preprocessor
def _ids_in_range(_endpoint, values):
    """A credential id past any we issue (and past SQLite's int64: OverflowError) is simply not
    found, as on the API."""
    from limitup.api.schemas import MAX_ID
    for name, value in (values or {}).items():
        if name.endswith("_id") and isinstance(value, int) and value > MAX_ID:
            abort(404)


# Error pages on the blueprint only: the API keeps its own problem+json errors.
@bp.errorhandler(CSRFError)
def _csrf(_error):
    keep_visitor_cookie()
    return error_page(400, "errors.csrf")


@bp.errorhandler(403)
def _forbidden(_error):
    return error_page(403, "errors.forbidden")


@bp.errorhandler(404)
def _not_found(_error):
    return error_page(404, "errors.not_found")


@bp.errorhandler(429)
def _too_many(_error):
    """The upload limit is reached: say when the next upload will be accepted."""
    limiter = current_app.extensions.get("limitup.limiter")
    limit = limiter.current_limit if limiter is not None else None
    reset_at = limit.reset_at if limit is not None else time.time() + 60
    seconds = max(1, int(reset_at - time.time()))      # as flask-limiter's Retry-After header
    response, status = error_page(429, "errors.rate_limited", wait=_wait_words(seconds),
                                  at=local_time(iso(datetime.fromtimestamp(reset_at,
                                                                           timezone.utc))))
    return response, status, {"Retry-After": str(seconds)}


def _wait_words(seconds: int) -> str:
    if seconds < 60:
        return i18n.t("errors.wait_seconds", n=seconds)
    return i18n.t("errors.wait_minutes", n=-(-seconds // 60))


@bp.errorhandler(413)
def _too_large(_error):
    mb = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
    return error_page(413, "errors.too_large", mb=f"{mb:g}")


# The views attach themselves to bp on import (after bp exists).
from limitup.web import views_account, views_credentials, views_limit, views_review  # noqa: E402,F401
