"""The server-rendered web form (SPEC 6): sign in, upload, credential status, limit, review.

Pages are Jinja templates in Simplified Chinese (English by choice), usable on a phone and
without JavaScript; static/app.js only adds progress, a live amount and a double-submit guard.
`init_app(app)` registers the blueprint and the page safety (CSRF, cookies, CSP).
"""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, jsonify, render_template
from flask_wtf.csrf import CSRFError

from limitup.store import get_db
from limitup.web import i18n
from limitup.web.auth_session import current_user, is_reviewer
from limitup.web.formatting import local_time, yuan
from limitup.web.security import init_security

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web-static")
bp.add_app_template_filter(yuan, "yuan")
bp.add_app_template_filter(local_time, "local_time")


def init_app(app: Flask) -> None:
    init_security(app)
    app.register_blueprint(bp)


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


# Error pages on the blueprint only: the API keeps its own problem+json errors.
@bp.errorhandler(CSRFError)
def _csrf(_error):
    return error_page(400, "errors.csrf")


@bp.errorhandler(403)
def _forbidden(_error):
    return error_page(403, "errors.forbidden")


@bp.errorhandler(404)
def _not_found(_error):
    return error_page(404, "errors.not_found")


@bp.errorhandler(413)
def _too_large(_error):
    mb = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
    return error_page(413, "errors.too_large", mb=f"{mb:g}")


# The views attach themselves to bp on import (after bp exists).
from limitup.web import views_account, views_credentials, views_limit, views_review  # noqa: E402,F401
