"""Safety for the pages: CSRF on every form, session cookies, and the security headers.

- CSRF: flask-wtf's CSRFProtect on the whole app, except blueprints that authenticate with a
  bearer token (the JSON API), exempted by name because they are built elsewhere.
- Cookies: HttpOnly and SameSite=Lax always; Secure unless the request is plain http to the loop-
  back interface (a developer's http://127.0.0.1, the test client, the browser tests). Deciding
  per request keeps a real deployment (https, or http behind a TLS proxy on a public name)
  Secure without a setting to forget, while local http still gets its cookie back.
- Content Security Policy on every page: scripts, styles and images from this origin only; no
  inline script or style (boxes on photos are SVG attributes, not style="").
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

# Blueprints whose requests carry a bearer token instead of a session cookie: named in the
# config, and every blueprint mounted under /api/ (the API registers one per resource).
DEFAULT_CSRF_EXEMPT_BLUEPRINTS = ("api",)
BEARER_URL_PREFIX = "/api/"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

csrf = CSRFProtect()


def is_loopback_http() -> bool:
    return request.scheme == "http" and urlsplit("//" + request.host).hostname in LOOPBACK_HOSTS


class SessionInterface(SecureCookieSessionInterface):
    """The signed cookie session, Secure except on plain http to the loopback interface."""

    def get_expiration_time(self, app: Flask, session):
        """No later than the token the session began from (see auth_session)."""
        default = super().get_expiration_time(app, session)
        expires_at = session.get("expires_at")
        if default is None or not isinstance(expires_at, (int, float)):
            return default
        return min(default, datetime.fromtimestamp(expires_at, timezone.utc))

    def save_session(self, app: Flask, session, response) -> None:
        """Not on a refused form (CSRF): a cross-site POST comes without the visitor's cookie
        (SameSite=Lax), and answering it with a fresh session's cookie would replace theirs,
        signing them out from another site. `keep_visitor_cookie()` marks such an answer."""
        if getattr(request, "limitup_keep_cookie", False):
            return
        super().save_session(app, session, response)

    def get_cookie_secure(self, app: Flask) -> bool:
        forced = app.config.get("WEB_SECURE_COOKIES")   # None: decide per request
        if forced is not None:
            return bool(forced)
        try:
            return not is_loopback_http()
        except RuntimeError:  # outside a request: be safe
            return True


def keep_visitor_cookie() -> None:
    """This answer sets no session cookie (see SessionInterface.save_session)."""
    request.limitup_keep_cookie = True


def exempt_blueprint_names(app: Flask) -> set[str]:
    """The configured names plus every blueprint whose URL prefix is under /api/."""
    names = set(app.config["CSRF_EXEMPT_BLUEPRINTS"])
    for name, blueprint in app.blueprints.items():
        if (blueprint.url_prefix or "").startswith(BEARER_URL_PREFIX):
            names.add(name)
    return names


def init_security(app: Flask) -> None:
    # Flask's defaults exist for these keys, so they are set, not setdefault.
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_NAME"] = "limitup_session"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=30)
    app.config["WTF_CSRF_TIME_LIMIT"] = None   # the CSRF token lives as long as the session
    app.config.setdefault("CSRF_EXEMPT_BLUEPRINTS", DEFAULT_CSRF_EXEMPT_BLUEPRINTS)
    app.session_interface = SessionInterface()
    # Check CSRF ourselves (below) so bearer-token blueprints can be skipped by name, whenever
    # and by whomever they are registered.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)

    @app.before_request
    def _protect_forms():
        if not app.config.get("WTF_CSRF_ENABLED", True):
            return
        if set(request.blueprints) & exempt_blueprint_names(app):
            return
        if request.path.startswith(BEARER_URL_PREFIX):   # also unrouted /api/... (404, 405)
            return
        csrf.protect()

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response
