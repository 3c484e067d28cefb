"""OpenAPI document components shared by the blueprints: error responses and headers."""
from __future__ import annotations

from http import HTTPStatus

ETAG_HEADER = {"ETag": {"description": "the account version, for If-Match",
                        "schema": {"type": "string"}}}
LOCATION_HEADER = {"Location": {"description": "the credential's URL",
                                "schema": {"type": "string"}}}
RETRY_AFTER_HEADER = {"Retry-After": {"description": "seconds until the limit resets",
                                      "schema": {"type": "integer"}}}
REPLAYED_HEADER = {"Idempotent-Replayed": {
    "description": "present (true) when this is the replay of an earlier response",
    "schema": {"type": "string"}}}


def ref(status: int) -> str:
    """The name of the shared problem+json response for a status (components/responses)."""
    return HTTPStatus(status).name


def errors(blp, *statuses: int):
    """Decorator documenting problem+json error responses on an operation."""
    def decorator(func):
        for status in statuses:
            func = blp.alt_response(status, response=ref(status))(func)
        return func
    return decorator
