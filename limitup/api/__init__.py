"""The JSON API for the mobile client, under /api/v1 (SPEC 6, issue 5).

init_app(app) wires: flask-smorest (OpenAPI 3 at /api/v1/openapi.json, Swagger UI at
/api/v1/docs with assets served from the swagger-ui-bundle package, no CDN), problem+json for
every error under /api/v1, per-user rate limits with counters shared by all processes, and the
blueprints. See docs/api.md.
"""
from __future__ import annotations

from http import HTTPStatus

from flask import Blueprint, Flask, current_app, request, send_from_directory
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from limitup.api import problems
from limitup.api.docs import RETRY_AFTER_HEADER
from limitup.api.ratelimit import init_limiter, limit_endpoint
from limitup.api.schemas import ProblemSchema
from limitup.errors import LimitupError

API_VERSION = "1.0.0"
# (endpoint, config key of its limit, methods)
RATE_LIMITS = [
    ("credentials.upload", "UPLOAD_RATE_LIMIT", ["POST"]),
    ("limit.put_limit", "LIMIT_CHANGE_RATE_LIMIT", ["PUT"]),
]


class ProblemApi(Api):
    """flask-smorest's Api with problem+json errors, in the server and in the document."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        for status in HTTPStatus:
            if status < 400:
                continue
            response = {"description": status.phrase,
                        "content": {problems.MEDIA_TYPE: {"schema": ProblemSchema}}}
            if status == 429:
                response["headers"] = RETRY_AFTER_HEADER
            self.spec.components.response(status.name, response, lazy=True)
        self.spec.components.response("DEFAULT_ERROR", {
            "description": "Any other error, as problem+json",
            "content": {problems.MEDIA_TYPE: {"schema": ProblemSchema}}}, lazy=True)

    def handle_http_exception(self, error):
        if not problems.is_api_request():
            return error
        return problems.from_exception(error)


def init_app(app: Flask) -> Api:
    _configure(app)
    api = ProblemApi(app, spec_kwargs={
        "components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer",
                           "description": "a token from `limitup token USER_ID`"}}},
        "security": [{"bearerAuth": []}],
        "info": {"description": "limitup: certificate photos in, bounded credit-limit "
                               "increases out. Money is integer fen. Errors are "
                               "application/problem+json with a reason `code`."},
    })
    from limitup.api import catalogue, credentials, limit, staff
    for blueprint in (catalogue.blp, limit.blp, credentials.blp, staff.review_blp,
                      staff.operator_blp):
        api.register_blueprint(blueprint)
    _mark_required_headers(api)
    app.register_blueprint(_assets_blueprint())
    # First of all before_request hooks: an unrouted /api/v1 request (404, 405) is answered at
    # once, before page-only checks (the web form's CSRF check) can claim it.
    app.before_request_funcs.setdefault(None, []).insert(0, _unrouted_api_request)
    app.register_error_handler(LimitupError, _handle_domain_error)
    app.register_error_handler(Exception, _handle_unexpected)
    limiter = init_limiter(app)
    for endpoint, config_key, methods in RATE_LIMITS:
        limit_endpoint(app, limiter, endpoint, config_key, methods)
    app.extensions["limitup.api"] = api
    return api


def _configure(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "limitup")
    app.config.setdefault("API_VERSION", API_VERSION)
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", problems.API_PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    # No OPENAPI_SWAGGER_UI_PATH: flask-smorest's Swagger UI page starts the UI with an inline
    # script, which the pages' CSP (script-src 'self') refuses, so it rendered blank. Our own
    # page (_assets_blueprint) loads the same assets and a start script from this origin.
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", None)
    # MAX_CONTENT_LENGTH (the body limit) is set by limitup.serving for the whole app.


# Headers the server requires although the marshmallow schema leaves them optional: the view
# answers their absence itself (428 precondition_required, with a reason code) rather than
# webargs' 422; the document must still say they are required.
DOCUMENT_REQUIRED_HEADERS = {"If-Match"}


def _mark_required_headers(api: Api) -> None:
    for operations in api.spec._paths.values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) \
                    else []:
                if parameter.get("in") == "header" and \
                        parameter.get("name") in DOCUMENT_REQUIRED_HEADERS:
                    parameter["required"] = True


DOCS_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>limitup API</title>
<link rel="stylesheet" href="{prefix}/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="{prefix}/openapi.json"></div>
<script src="{prefix}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{prefix}/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="{prefix}/docs/start.js"></script>
</body>
</html>
"""

# The start script, served from this origin (script-src 'self'), not inline.
DOCS_START_SCRIPT = """(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl, domNode: root, deepLinking: true, validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl], layout: "StandaloneLayout"
  });
})();
"""


def _assets_blueprint() -> Blueprint:
    from swagger_ui_bundle import swagger_ui_path
    assets = Blueprint("api_docs_assets", __name__)

    @assets.get(f"{problems.API_PREFIX}/docs")
    def swagger_page():
        return (DOCS_PAGE.replace("{prefix}", problems.API_PREFIX), 200,
                {"Content-Type": "text/html; charset=utf-8"})

    @assets.get(f"{problems.API_PREFIX}/docs/start.js")
    def swagger_start():
        return (DOCS_START_SCRIPT, 200,
                {"Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache"})

    @assets.get(f"{problems.API_PREFIX}/docs/assets/<path:filename>")
    def swagger_asset(filename):
        return send_from_directory(swagger_ui_path, filename, max_age=3600)
    return assets


def _unrouted_api_request():
    if request.routing_exception is not None and problems.is_api_request():
        raise request.routing_exception


def _handle_domain_error(error: LimitupError):
    if problems.is_api_request():
        return problems.from_exception(error)
    return str(error), error.status, {"Content-Type": "text/plain; charset=utf-8"}


def _handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):      # reached only if no HTTPException handler ran
        return problems.from_exception(error) if problems.is_api_request() else error
    if problems.is_api_request():
        return problems.from_exception(error)
    if problems.storage_failure(error):       # pages too: a full disk is 503, not a crash
        current_app.logger.error("%s on %s: %s", problems.storage_failure(error), request.path,
                                 error)
        return ("the service cannot store anything right now (storage full); please retry "
                "later", 503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "60"})
    raise error                               # the web pages keep Flask's own 500 handling
