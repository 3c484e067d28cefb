"""The server-rendered web form (SPEC 6): sign in, upload, credential status, limit, review.

Pages are Jinja templates in Simplified Chinese (English by choice), usable on a phone and
without JavaScript; static/app.js only adds progress, a live amount and a double-submit guard.
`init_app(app)` registers the blueprint and the page safety (CSRF, cookies, CSP).
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

from flask import Blueprint, Flask, abort, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, default_exceptions

from limitup.api import problems
from limitup.clock import iso
from limitup.errors import LimitupError
from limitup.store import get_db
from limitup.web import i18n
from limitup.web.auth_session import current_user, is_reviewer
from limitup.web.formatting import field_value, local_time, yuan
from limitup.web.security import init_security, keep_visitor_cookie
from limitup.web.type_names import type_name

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web-static")
bp.add_app_template_filter(yuan, "yuan")
bp.add_app_template_filter(local_time, "local_time")
bp.add_app_template_filter(field_value, "field_value")


def init_app(app: Flask) -> None:
    init_security(app)
    app.register_blueprint(bp)
    _register_error_pages(app)
    # The API's per-user upload limit, on the same counters (limitup.api.ratelimit).
    from limitup.api.ratelimit import init_limiter, limit_endpoint
    limit_endpoint(app, init_limiter(app), "web.upload_post", "UPLOAD_RATE_LIMIT", ["POST"])


@bp.get("/healthz")
def healthz():
    """200 while the database answers. `ocr` says whether uploads are read yet: the embedded
    processor loads its engine in the background after start ('loading', then 'ready')."""
    from limitup.jobs import ocr_state
    get_db().execute("SELECT 1")
    return jsonify({"status": "ok", "ocr": ocr_state(current_app.config)})


@bp.app_context_processor
def _page_globals():
    user = current_user()
    return {"t": i18n.t, "type_name": type_name, "lang": i18n.current_language(),
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


# One error page for every error outside /api/v1; the API answers problem+json. Handlers by
# status code come before any by class (Flask), so these also see every HTTP error under
# /api/v1 (flask-smorest's handler included) and hand those to the problem+json answer.
PAGE_MESSAGES = {400: "errors.bad_request", 403: "errors.forbidden", 404: "errors.not_found",
                 405: "errors.method_not_allowed", 500: "errors.server_error",
                 503: "errors.unavailable"}


def _register_error_pages(app: Flask) -> None:
    for status in default_exceptions:
        app.register_error_handler(status, _http_error)


def _http_error(error: HTTPException):
    if problems.is_api_request():
        return problems.from_exception(error)
    status = error.code or 500
    headers = {}
    if isinstance(error, CSRFError):
        keep_visitor_cookie()           # a refused cross-site form must not replace the session
        response, _ = error_page(400, "errors.csrf")
    elif status == 429:
        response, headers = _too_many()
    elif status == 413:
        mb = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
        response, _ = error_page(413, "errors.too_large", mb=f"{mb:g}")
    else:
        response, _ = error_page(status, PAGE_MESSAGES.get(status, "errors.http_error"),
                                 code=status)
        if status == 405 and getattr(error, "valid_methods", None):
            headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response, status, headers


@bp.errorhandler(Exception)
def _page_exception(error: Exception):
    """A page's own failure: a domain refusal is shown with its status, a full disk is 503;
    anything else is re-raised for Flask to log and answer 500 through _http_error."""
    if isinstance(error, HTTPException):      # reached only if no status handler ran
        return _http_error(error)
    if isinstance(error, LimitupError):
        return error_page(error.status, "errors.generic", message=str(error))
    failure = problems.storage_failure(error)
    if failure is None:
        raise error
    current_app.logger.error("%s on %s: %s", failure, request.path, error)
    response, status = error_page(503, "errors.unavailable")
    return response, status, {"Retry-After": str(problems.STORAGE_RETRY_AFTER_SECONDS)}


def _too_many():
    """The upload limit is reached: say when the next upload will be accepted."""
    limiter = current_app.extensions.get("limitup.limiter")
    limit = limiter.current_limit if limiter is not None else None
    reset_at = limit.reset_at if limit is not None else time.time() + 60
    seconds = max(1, int(reset_at - time.time()))      # as flask-limiter's Retry-After header
    response, _ = error_page(429, "errors.rate_limited", wait=_wait_words(seconds),
                             at=local_time(iso(datetime.fromtimestamp(reset_at, timezone.utc))))
    return response, {"Retry-After": str(seconds)}


def _wait_words(seconds: int) -> str:
    if seconds < 60:
        return i18n.t("errors.wait_seconds", n=seconds)
    return i18n.t("errors.wait_minutes", n=-(-seconds // 60))


# The views attach themselves to bp on import (after bp exists).
from limitup.web import views_account, views_credentials, views_limit, views_review  # noqa: E402,F401
